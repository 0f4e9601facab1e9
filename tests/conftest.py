"""Test fixtures: a real Neo4j, found in this order.

1. NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD from the environment;
2. a testcontainers Neo4jContainer (neo4j:5.26-community) when a Docker engine answers;
3. the local server of ``opcomap neo4j``, started for the session and stopped after.

With none available, Neo4j tests are skipped with one line on a developer's
machine, and fail when CI=true (see pytest_runtest_makereport below).
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from opcomap.store import local_server as neo4j_server
from graph_model.errors import OpcomapError
from opcomap.settings import Settings

REPO = Path(__file__).resolve().parent.parent
TEST_PASSWORD = "opcomap-test-password"
# Tests never read or write the user's own edit workspace.
os.environ["OPCOMAP_WORKSPACE"] = tempfile.mkdtemp(prefix="opcomap-test-workspace-")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _docker_answers() -> bool:
    try:
        import docker

        client = docker.from_env(timeout=3)
        client.ping()
        return True
    except Exception:  # noqa: BLE001 - any failure means "no usable engine"
        return False


def own_server(tmp_path_factory: pytest.TempPathFactory, home: str, **plugins: bool) -> Iterator[Settings]:
    """A local server of a module's own, with a plugin (``with_apoc``, ``with_gds``), stopped after
    the module; skipped (a failure under CI) where it cannot start."""
    settings = Settings(
        neo4j_uri=f"bolt://127.0.0.1:{_free_port()}",
        neo4j_password=SecretStr(TEST_PASSWORD),
        opcomap_data_dir=tmp_path_factory.mktemp(home),
    )
    try:
        neo4j_server.start(settings, echo=lambda *_: None, **plugins)
    except OpcomapError as exc:
        extras = f" ({', '.join(plugins)})" if plugins else ""
        pytest.skip(f"Neo4j{extras} indisponible pour les tests : {exc}")
    try:
        yield settings
    finally:
        neo4j_server.stop(settings)


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings pointing at a running, empty-able Neo4j for this test session."""
    if os.environ.get("NEO4J_URI"):
        yield Settings()
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community", password=TEST_PASSWORD) as container:
            yield Settings(
                neo4j_uri=container.get_connection_url(),
                neo4j_password=SecretStr(TEST_PASSWORD),
            )
        return
    yield from own_server(tmp_path_factory, "neo4j-home")


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Settings):
    from opcomap.store import connect

    driver = connect(neo4j_settings)
    yield driver
    driver.close()


@pytest.fixture
def empty_db(neo4j_driver, neo4j_settings: Settings):
    """The driver, on a database emptied of nodes and relationships (indexes stay)."""
    wipe(neo4j_driver, neo4j_settings.neo4j_database)
    return neo4j_driver


def wipe(driver, database: str) -> None:
    """Delete every relationship, then every node, in batches.

    CALL ... IN TRANSACTIONS needs an implicit (auto-commit) transaction, hence
    session.run; relationships go first so no batch has to detach a hub's ties.
    """
    with driver.session(database=database) as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """In CI a skipped Neo4j test is a failure: a green run must have used the server."""
    outcome = yield
    report = outcome.get_result()
    uses_neo4j = "neo4j_settings" in getattr(item, "fixturenames", ()) or item.get_closest_marker("neo4j")
    if IN_CI and report.skipped and uses_neo4j:
        report.outcome = "failed"
        report.longrepr = f"Neo4j test skipped under CI=true: {report.longrepr}"
