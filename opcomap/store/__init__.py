"""Everything that talks to Neo4j. No other package calls the driver.

:class:`Store` owns the driver: it is built once at an edge (CLI, app, tests)
by :meth:`Store.from_settings` (or :func:`connect`, for edges that still pass
drivers around) and injected into the functions here, as neo4j-graphrag-python
does. Every Cypher statement lives in :mod:`opcomap.store.statements`; how
actors and ties are stored and read back, in :mod:`opcomap.store.codec`.
"""

from opcomap.store.database import Store, connect, server_info
from opcomap.store.ddl import ensure_schema

__all__ = ["Store", "connect", "ensure_schema", "server_info"]
