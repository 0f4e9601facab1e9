"""What makes the store ready for a cluster or Aura, pinned on a fake driver: the driver's
settings, the one bookmark manager, the transactions' metadata, and a load that sends no
schema statement once the schema is in place (Community has no roles, so a user without
schema rights cannot be tried on the test server; see tests/test_store_cluster.py for the
real-server side).
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import SecretStr

from graph_model import default_schema
from graph_model.errors import StoreWriteFailed
from graph_model.models import Actor, Dataset, Relationship, Source
from opcomap.editing import CreateActor, Editor
from opcomap.settings import Settings
from opcomap.store import Store, statements
from opcomap.store.ddl import apply_schema, wanted
from opcomap.store.edits import Neo4jEditStore
from opcomap.store.projection import project
from opcomap.store.reader import read_dataset
from opcomap.store.runner import ReadOnlyRunner
from opcomap.store.writer import write_dataset
from tests.unit.fakes import FakeDriver, refusal, summary

SCHEMA = default_schema()
MAP = Dataset(
    actors=[Actor(id="opco-atlas", name="OPCO Atlas", kind="OPCO"), Actor(id="etat", name="État", kind="PUBLIC_INSTITUTION")],
    relationships=[Relationship(source="etat", target="opco-atlas", type="FUNDS", since=dt.date(2024, 1, 1),
                                sources=[Source(title="Rapport", id="rapport-2024")])],
)
SCHEMA_STATEMENT = ("CREATE CONSTRAINT", "CREATE INDEX", "CREATE FULLTEXT INDEX", "DROP INDEX", "DROP CONSTRAINT")


def schema_in_place(query: str, params: dict) -> list[dict]:
    """A database where `opcomap schema apply` has run; batches count their rows."""
    constraints, indexes = wanted(SCHEMA)
    if query == statements.CONSTRAINT_NAMES:
        return [{"name": name} for name in constraints]
    if query == statements.INDEX_NAMES:
        return [{"name": name} for name in indexes]
    if "$rows" in query and "count(" in query:
        return [{"n": len(params["rows"])}]
    for column in ("actors", "ties", "ids"):  # the projection's one-record lists
        if f"AS {column}" in query:
            return [{column: []}]
    return [{"n": 0}] if "count(" in query else []


def test_the_driver_is_built_for_aura_from_the_settings(monkeypatch):
    built = {}

    def driver(uri, **config):
        built.update(config, uri=uri)
        return FakeDriver()

    monkeypatch.setattr("opcomap.store.database.GraphDatabase.driver", driver)
    settings = Settings(neo4j_uri="neo4j+s://abcd1234.databases.neo4j.io", neo4j_password=SecretStr("secret-pw"),
                        neo4j_max_connection_lifetime=1200, neo4j_liveness_check_timeout=10)
    Store.from_settings(settings).close()
    assert built["uri"] == "neo4j+s://abcd1234.databases.neo4j.io"
    assert (built["max_connection_lifetime"], built["liveness_check_timeout"]) == (1200, 10)
    assert built["max_transaction_retry_time"] == settings.neo4j_connect_timeout


def test_the_default_lifetime_ends_before_auras_idle_hour_and_idle_connections_are_checked():
    settings = Settings()
    assert settings.neo4j_max_connection_lifetime < 60 * 60
    assert 0 < settings.neo4j_liveness_check_timeout < settings.neo4j_max_connection_lifetime


def test_every_session_of_a_driver_shares_its_one_bookmark_manager():
    driver = FakeDriver(schema_in_place, summary=summary("r"))
    write_dataset(driver, MAP, SCHEMA, dataset_name="ref")
    project(driver, "neo4j", SCHEMA)
    read_dataset(driver)
    ReadOnlyRunner(driver).run("RETURN 1 AS n")
    _create_atlas(Neo4jEditStore(driver, SCHEMA))
    managers = {id(config["bookmark_manager"]) for config in driver.sessions}
    assert managers == {id(driver.execute_query_bookmark_manager)} and len(driver.sessions) > 10


def test_every_statement_of_a_load_says_app_command_and_dataset():
    driver = FakeDriver(schema_in_place)
    write_dataset(Store(driver, command="load"), MAP, SCHEMA, dataset_name="ref", prune=True)
    checks = (statements.CONSTRAINT_NAMES, statements.INDEX_NAMES, statements.AWAIT_INDEXES)
    assert all(call.options["metadata"] == {"app": "opcomap", "command": "load"}
               for call in driver.calls if call.query in checks)
    of_the_map = [call for call in driver.calls if call.query not in checks]
    assert any(call.write for call in of_the_map) and any("DELETE" in call.query for call in of_the_map)
    assert all(call.options["metadata"] == {"app": "opcomap", "command": "load", "dataset": "ref"}
               for call in of_the_map)


def _create_atlas(store: Neo4jEditStore):
    return Editor(store, SCHEMA, who="Camille").submit(CreateActor(fields={"id": "opco-neuf", "name": "OPCO Neuf",
                                                                          "kind": "OPCO"}))


def test_an_edit_says_who_made_it_and_reads_say_the_command():
    driver = FakeDriver()
    _create_atlas(Neo4jEditStore(Store(driver, command="serve"), SCHEMA))
    writes = [call for call in driver.calls if call.write]
    assert writes and all(call.options["metadata"] == {"app": "opcomap", "command": "serve",
                                                       "dataset": "modifications", "user": "Camille"} for call in writes)
    reads = [call for call in driver.calls if not call.write]
    assert reads and all(call.options["metadata"] == {"app": "opcomap", "command": "serve"} for call in reads)


def test_a_load_into_a_database_with_the_schema_sends_no_schema_statement():
    driver = FakeDriver(schema_in_place)
    report = write_dataset(driver, MAP, SCHEMA, dataset_name="ref")
    assert driver.queries()[:3] == [statements.CONSTRAINT_NAMES, statements.INDEX_NAMES, statements.AWAIT_INDEXES]
    assert not [q for q in driver.queries() if q.startswith(SCHEMA_STATEMENT)]
    assert report.actors.created == 2 and report.relationships.created == 1


def test_a_user_without_schema_rights_is_told_to_run_schema_apply_before_anything_is_written():
    def only_the_keys_of_actors(query: str, params: dict) -> list[dict]:
        if query == statements.CONSTRAINT_NAMES:
            return [{"name": "actor_id"}]
        return [] if query == statements.INDEX_NAMES else schema_in_place(query, params)

    driver = FakeDriver(only_the_keys_of_actors, fail=refusal("Neo.ClientError.Security.Forbidden", "Schema operations"),
                        fails_on=lambda query: query.startswith(SCHEMA_STATEMENT))
    with pytest.raises(StoreWriteFailed) as caught:
        write_dataset(driver, MAP, SCHEMA, dataset_name="ref")
    assert caught.value.key == "store.schema_missing"
    said = caught.value.message("en")
    assert '"opcomap schema apply"' in said and "source_id" in said and "actor_id," not in said
    assert "« opcomap schema apply »" in caught.value.message("fr")
    assert not [q for q in driver.queries() if q.startswith("UNWIND")]  # nothing of the map was sent


def test_schema_apply_creates_only_what_is_missing_and_says_what_was_there():
    def half(query: str, params: dict) -> list[dict]:
        if query == statements.CONSTRAINT_NAMES:
            return [{"name": "actor_id"}, {"name": "source_id"}]
        if query == statements.INDEX_NAMES:  # a plain key index an older version made, where a constraint goes
            return [{"name": "actor_kind"}, {"name": "rel_key_funds"}]
        return []

    driver = FakeDriver(half)
    report = apply_schema(Store(driver, command="schema apply"), SCHEMA)
    constraints, indexes = wanted(SCHEMA)
    assert "actor_id" in report.existing and "actor_kind" in report.existing and "rel_key_funds" in report.created
    assert set(report.created) | set(report.existing) == set(constraints) | set(indexes)
    sent = [q for q in driver.queries() if q.startswith(SCHEMA_STATEMENT)]
    assert sent.index(constraints["rel_key_funds"]) == sent.index(statements.drop_index("FUNDS")) + 1
    assert len(sent) == len(report.created) + 1 and constraints["actor_id"] not in sent
    assert all(call.options["metadata"] == {"app": "opcomap", "command": "schema apply"} for call in driver.calls)
