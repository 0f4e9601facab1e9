"""Ready for a cluster or Aura, on the real local server: a ``neo4j://`` routing URI for a load,
a query and the app's read path; one bookmark manager shared by every session of a process;
each transaction's metadata as the server lists it; ``opcomap schema apply`` apart from loading.

The local server is a single Community instance: it answers the driver's routing requests
with itself, which is what can be tried here of a cluster. It has no roles, so a loading
user without schema rights is shown on a fake driver (tests/unit/test_store_cluster.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
import pytest

from graph_model import default_schema
from opcomap.analysis.selection import ViewFilters
from opcomap.editing import CreateActor, Editor
from opcomap.settings import Settings
from opcomap.store import Store
from opcomap.store.ddl import missing_schema, wanted
from opcomap.store.edits import Neo4jEditStore
from opcomap.store.graph_source import open_graph
from opcomap.store.projection import data_version
from tests.cli_runner import cli  # noqa: F401 (the fixture)

GOOD = Path(__file__).parent / "fixtures" / "good"
SCHEMA = default_schema()


def routing(settings: Settings) -> Settings:
    """The same server through a routing URI (``neo4j://``), as a cluster or Aura is reached."""
    return settings.model_copy(update={"neo4j_uri": "neo4j://" + settings.uri.split("://", 1)[1]})


def env(settings: Settings) -> dict[str, str]:
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(), "NEO4J_DATABASE": settings.neo4j_database}


def test_a_routing_uri_loads_answers_queries_and_serves_the_apps_views(cli, empty_db, neo4j_settings):
    settings = routing(neo4j_settings)
    code, out, err = cli("load", str(GOOD), "--dataset", "fixtures", "--format", "json", **env(settings))
    assert code == 0, err
    loaded = json.loads(out)
    code, out, err = cli("cypher", "MATCH (a:Actor) RETURN count(a) AS n", "--format", "json", **env(settings))
    assert code == 0, err
    assert json.loads(out)["rows"] == [{"n": loaded["actors"]["created"]}]
    with Store.from_settings(settings, command="serve") as store:  # what the app's pages read through
        assert isinstance(store.driver, neo4j.Neo4jDriver)  # the routing driver, not a direct one
        graph = open_graph(settings, SCHEMA, None, ViewFilters(), driver=store)
        assert data_version(store, settings.neo4j_database)[:2] == (graph.number_of_nodes(), graph.number_of_edges())
    assert graph.number_of_edges() == loaded["relationships"]["created"] > 0


def test_an_edit_is_in_the_bookmarks_every_next_session_of_the_process_starts_from(empty_db, neo4j_settings, monkeypatch):
    store = Store.from_settings(routing(neo4j_settings), command="serve")
    opened: list[tuple[neo4j.Session, dict, frozenset[str]]] = []  # each session, its config, its bookmarks
    real_session = store.driver.session

    def recorded(**config):
        session = real_session(**config)
        opened.append((session, config, frozenset(config["bookmark_manager"].get_bookmarks())))
        return session

    monkeypatch.setattr(store.driver, "session", recorded)
    try:
        Editor(Neo4jEditStore(store, SCHEMA), SCHEMA, who="Camille").submit(
            CreateActor(fields={"id": "opco-neuf", "name": "OPCO Neuf", "kind": "OPCO"}))
        written = next(session for session, config, _ in reversed(opened)
                       if config["default_access_mode"] == neo4j.WRITE_ACCESS)
        edit_bookmarks = set(written.last_bookmarks().raw_values)
        before_read = len(opened)
        page = Neo4jEditStore(Store.of(store.driver, neo4j_settings.neo4j_database), SCHEMA)  # another page's store
        assert page.actor("opco-neuf").name == "OPCO Neuf"
    finally:
        store.close()
    _, config, started_from = opened[before_read]
    manager = store.driver.execute_query_bookmark_manager
    assert all(c["bookmark_manager"] is manager for _, c, _ in opened) and config["bookmark_manager"] is manager
    assert edit_bookmarks and edit_bookmarks <= started_from  # the read waited for the edit, on any member


def test_a_write_says_app_command_dataset_and_user_to_show_transactions(neo4j_settings):
    with Store.from_settings(neo4j_settings, command="load") as store, \
            Store.from_settings(neo4j_settings) as admin:
        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            tx.run("CREATE (p:MetadataProbe) DELETE p").consume()
            # While this write is open, an administrator's own session lists it.
            return admin.read("SHOW TRANSACTIONS YIELD metaData WHERE metaData.command = 'load' RETURN metaData")

        listed = store.transaction(work, write=True, meta={"dataset": "ref", "user": "Camille"})
    assert listed == [{"metaData": {"app": "opcomap", "command": "load", "dataset": "ref", "user": "Camille"}}]


def _drop_the_schema(driver, database: str) -> None:
    for row in driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database).records:
        driver.execute_query(f"DROP CONSTRAINT `{row['name']}`", database_=database)
    for row in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'", database_=database).records:
        driver.execute_query(f"DROP INDEX `{row['name']}`", database_=database)


def test_schema_apply_creates_the_schema_once_then_a_load_only_checks_it(cli, empty_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    _drop_the_schema(empty_db, database)
    code, out, err = cli("schema", "apply", OPCOMAP_LANG="en", **env(neo4j_settings))
    assert code == 0, err
    constraints, indexes = wanted(SCHEMA)
    assert f"{len(constraints) + len(indexes)} constraints or indexes created: actor_id, source_id" in " ".join(out.split())
    listed = {r["name"] for r in empty_db.execute_query("SHOW CONSTRAINTS YIELD name", database_=database).records}
    assert listed == set(constraints)
    code, out, err = cli("schema", "apply", OPCOMAP_LANG="en", **env(neo4j_settings))
    assert code == 0 and "created" not in out
    assert f"{len(constraints) + len(indexes)} already in place" in out
    assert missing_schema(empty_db, SCHEMA, database) == []
    code, _, err = cli("load", str(GOOD), "--dataset", "fixtures", **env(neo4j_settings))
    assert code == 0, err


@pytest.mark.parametrize("lang, said", [("fr", "Crée dans Neo4j"), ("en", "Create in Neo4j")])
def test_schema_apply_has_help_in_the_users_language(cli, lang, said):
    code, out, _ = cli("schema", "apply", "--help", OPCOMAP_LANG=lang)
    assert code == 0 and said in " ".join(out.split())
