"""Everything that talks to Neo4j. No other package calls the driver.

:class:`Store` owns the driver: it is built once at an edge (CLI, app, tests)
by :meth:`Store.from_settings` (or :func:`connect`, for edges that still pass
drivers around) and injected into the functions here, as neo4j-graphrag-python
does. Every Cypher statement lives in :mod:`opcomap.store.statements`; how
actors and ties are stored and read back, in :mod:`opcomap.store.codec`.
"""

from graph_model.lazy import lazy_attributes

# Imported on first use, so that a command which never reaches Neo4j (``opcomap --help``,
# ``validate``) does not load the driver.
_HOMES = {"Store": "database", "connect": "database", "server_info": "database", "apply_schema": "ddl"}

__all__ = sorted(_HOMES)


__getattr__ = lazy_attributes(__name__, _HOMES)
