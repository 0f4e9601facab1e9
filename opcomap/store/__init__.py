"""Everything that talks to Neo4j. No other package calls the driver.

The driver is built once at an edge (CLI, app, tests) by :func:`connect` and
injected into the functions here, as neo4j-graphrag-python does.
"""

from opcomap.store.connection import connect, server_info, verify
from opcomap.store.ddl import ensure_schema

__all__ = ["connect", "ensure_schema", "server_info", "verify"]
