"""Building a driver from settings, and turning connection failures into one sentence."""

from __future__ import annotations

import logging

import neo4j
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph_model.errors import StoreUnavailable
from opcomap.settings import Settings

log = logging.getLogger(__name__)


def connect(settings: Settings) -> Driver:
    """A verified driver for the configured server; raises StoreUnavailable otherwise."""
    driver = GraphDatabase.driver(
        settings.uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.neo4j_connect_timeout,
        # Retrying an unreachable server for 30 s would freeze the CLI and app.
        max_transaction_retry_time=settings.neo4j_connect_timeout,
    )
    try:
        verify(driver, settings.uri)
    except StoreUnavailable:
        driver.close()
        raise
    return driver


def verify(driver: Driver, uri: str = "") -> None:
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        raise StoreUnavailable(
            f"Neo4j ({uri}) refuse l'identifiant ou le mot de passe : vérifiez NEO4J_USER et NEO4J_PASSWORD."
        ) from exc
    except (ServiceUnavailable, OSError, neo4j.exceptions.DriverError) as exc:
        log.info("Neo4j unreachable at %s: %s", uri, exc)
        raise StoreUnavailable(
            f"Neo4j est injoignable à {uri} : démarrez-le (opcomap neo4j start) ou corrigez NEO4J_URI."
        ) from exc


def server_info(driver: Driver) -> dict[str, str]:
    """Name, version and edition of the server the driver talks to."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition",
        routing_=neo4j.RoutingControl.READ,
    )
    row = records[0]
    return {"name": row["name"], "version": row["version"], "edition": row["edition"]}
