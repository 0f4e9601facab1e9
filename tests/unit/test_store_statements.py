"""The exact Cypher and parameters the store sends, on a fake driver (no Neo4j needed).

Beside the real-Neo4j tests (tests/test_store_writer.py, test_projection_neo4j.py …),
which show the statements do what they say, these pin down what is sent: the text,
every parameter, the database, read or write, and how a driver failure is worded.
"""

from __future__ import annotations

import datetime as dt
import itertools

import neo4j.time
import pytest
from neo4j.exceptions import AuthError, ServiceUnavailable
from pydantic import SecretStr

from graph_model import default_schema
from graph_model.errors import (
    EditConflict,
    QueryFailed,
    QueryRefused,
    SchemaError,
    ServerError,
    StoreUnavailable,
    StoreWriteFailed,
)
from graph_model.models import Actor, Dataset, Relationship, Source
from opcomap.analysis.selection import ViewFilters
from opcomap.editing import AddRelationship, CreateActor, Editor
from opcomap.settings import Settings
from opcomap.store import Store, local_server, statements
from opcomap.store.codec import actor_row, relationship_row, source_row
from opcomap.store.ddl import wanted
from opcomap.store.edits import Neo4jEditStore
from opcomap.store.projection import actor_details, parameters, project, tie_details
from opcomap.store.reader import read_dataset
from opcomap.store.runner import ReadOnlyRunner
from opcomap.store.writer import plan_dataset, write_dataset
from tests.unit.fakes import Call, FakeDriver, refusal, summary

SCHEMA = default_schema()
ATLAS = Actor(id="opco-atlas", name="OPCO Atlas", kind="OPCO")
STATE = Actor(id="etat", name="État", kind="PUBLIC_INSTITUTION")
FUNDS = Relationship(source="etat", target="opco-atlas", type="FUNDS", since=dt.date(2024, 1, 1),
                     sources=[Source(title="Rapport", url="https://example.org/r", confidence=0.8,
                                     consulted=dt.date(2024, 5, 2), id="rapport-2024"),
                              Source(title="Note", confidence=0.3)],
                     properties={"amount_eur": 5.0})
MAP = Dataset(actors=[ATLAS, STATE], relationships=[FUNDS])
SET_ROW = "SET {v} = row.props, {v}.content_hash = row.hash, {v}.loaded_at = $loaded_at"


# -- reading --------------------------------------------------------------------------------

def test_read_dataset_asks_for_actors_then_ties_and_decodes_them_with_the_codec():
    stored_tie = relationship_row(FUNDS, "ref")["props"] | {
        "since": neo4j.time.Date(2024, 1, 1), "loaded_at": neo4j.time.DateTime(2024, 5, 1), "content_hash": 7}
    rows = {
        statements.ACTORS: [{"props": actor_row(a, "ref")["props"] | {"loaded_at": neo4j.time.DateTime(2024, 5, 1)}}
                            for a in (STATE, ATLAS)],
        statements.RELATIONSHIPS: [{"source": "etat", "target": "opco-atlas", "type": "FUNDS", "props": stored_tie}],
        statements.READ_SOURCES: [
            {"props": source_row(s)["props"] | {"consulted": neo4j.time.Date(2024, 5, 2), "content_hash": 3,
                                                "loaded_at": neo4j.time.DateTime(2024, 5, 1)} if s.consulted
             else source_row(s)["props"]} for s in FUNDS.sources],
    }
    driver = FakeDriver(lambda query, _params: rows[query])
    data = read_dataset(driver, "maps", dataset="ref")
    assert driver.calls == [
        Call("MATCH (a:Actor) WHERE $dataset IS NULL OR a.dataset = $dataset RETURN properties(a) AS props "
             "ORDER BY a.id", {"dataset": "ref"}, "maps", False),
        Call("MATCH (s:Actor)-[r]->(t:Actor) WHERE $dataset IS NULL OR r.dataset = $dataset "
             "RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props ORDER BY r.key",
             {"dataset": "ref"}, "maps", False),
        # each cited source once, by key, through the source_id constraint's index
        Call("UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN properties(s) AS props",
             {"ids": sorted(["rapport-2024", FUNDS.sources[1].key])}, "maps", False),
    ]
    assert data.actors == [STATE, ATLAS]
    assert data.relationships == [FUNDS]
    assert [s.id for s in data.relationships[0].sources] == ["rapport-2024", None]


def _actor_values(actor: Actor, fields=None) -> list:
    from opcomap.store.projection import ACTOR_FIELDS

    return [getattr(actor, f) if f != "since" or actor.since is None else neo4j.time.Date.from_native(actor.since)
            for f in fields or ACTOR_FIELDS]


def test_projection_sends_the_filters_as_parameters_and_only_schema_names_as_text():
    driver = FakeDriver(lambda query, _p: [{"actors": [_actor_values(ATLAS)]}] if "AS actors" in query
                        else [{"ties": []}])
    filters = ViewFilters(kinds=("OPCO", "NOT_A_KIND"), types=("FUNDS",), region="84")
    graph = project(driver, "maps", SCHEMA, filters)
    assert list(graph) == ["opco-atlas"]
    nodes, edges = driver.calls
    fields = list(Actor.model_fields)
    assert nodes == Call(statements.nodes_query(["OPCO"], ["FUNDS"], region=True),
                         parameters(filters) | {"fields": fields}, "maps", False)
    assert "(a:`OPCO`)" in nodes.query and "NOT_A_KIND" not in nodes.query and "84" not in nodes.query
    assert edges.query == (
        "MATCH (s:Actor)-[r:`FUNDS`]->(t:Actor) WHERE s.id IN $ids AND t.id IN $ids AND "
        + statements.edge_condition("r") + " RETURN collect([s.id, t.id, toString(r.since), toString(r.until), "
        "r.illustrative, r.note, r.source_ids] + [c IN $columns | r[c]]) AS ties")
    assert edges.params == parameters(filters) | {"ids": ["opco-atlas"],
                                                  "columns": list(SCHEMA.relationship_types["FUNDS"].properties)}
    assert driver.sessions[0]["fetch_size"] == 10_000
    assert driver.sessions[0]["default_access_mode"] == neo4j.READ_ACCESS


def test_projection_without_filters_is_one_statement_for_the_actors_then_one_per_type():
    driver = FakeDriver(lambda query, _p: [{"actors": []}] if "AS actors" in query else [{"ties": []}])
    project(driver, "neo4j", SCHEMA)
    assert driver.queries()[0] == (
        "MATCH (a:Actor) WHERE ($dataset IS NULL OR a.dataset = $dataset) AND ($as_of IS NULL OR "
        "((a.since IS NULL OR a.since <= $as_of) AND (a.until IS NULL OR $as_of <= a.until))) "
        "RETURN collect([f IN $fields | a[f]]) AS actors")
    assert {k: v for k, v in driver.calls[0].params.items() if k != "fields"} == {
        "dataset": None, "as_of": None, "illustrative": True, "weak": True,
        "weak_below": 0.6, "weak_ids": [], "region": None}
    # one statement per type, read on a few sessions at once: in any order
    assert sorted(driver.queries()[1:]) == sorted(statements.ties_query(None, t, by_ids=False, details=True)
                                                  for t in SCHEMA.relationship_types)
    assert all(s["default_access_mode"] == neo4j.READ_ACCESS for s in driver.sessions)


def test_projection_leaving_weak_ties_out_reads_the_weak_source_ids_then_each_cited_source_once():
    note = FUNDS.sources[1]
    columns = list(SCHEMA.relationship_types["FUNDS"].properties)
    tie = ["etat", "opco-atlas", "2024-01-01", None, False, None, [s.key for s in FUNDS.sources]]
    other = ["etat", "opco-atlas", "2025-01-01", None, False, "une note", [s.key for s in FUNDS.sources]]
    values = [FUNDS.properties.get(c) for c in columns]

    def answer(query: str, _params: dict) -> list:
        if query == statements.WEAK_SOURCES:
            return [{"ids": [note.key]}]
        if query == statements.READ_SOURCES:
            return [{"props": source_row(s)["props"] | ({"consulted": neo4j.time.Date(2024, 5, 2)}
                                                        if s.consulted else {})} for s in FUNDS.sources]
        if "AS actors" in query:
            return [{"actors": [_actor_values(a) for a in (ATLAS, STATE)]}]
        return [{"ties": [tie + values, other + values] if "`FUNDS`" in query else []}]

    driver = FakeDriver(answer)
    graph = project(driver, "maps", SCHEMA, ViewFilters(include_weak=False))
    weak, nodes, *edges, sources = driver.calls
    assert weak == Call("MATCH (s:Source) WHERE s.confidence < $weak_below RETURN collect(s.id) AS ids",
                        {"weak_below": 0.6}, "maps", False)
    assert len(edges) == len(SCHEMA.relationship_types)
    assert all(e.params["weak_ids"] == [note.key] for e in edges) and nodes.params["weak_ids"] == [note.key]
    assert not nodes.params["weak"]
    assert all("all(i IN r.source_ids WHERE i IN $weak_ids)" in e.query for e in edges)
    assert sources == Call(statements.READ_SOURCES, {"ids": sorted(["rapport-2024", note.key])}, "maps", False)
    assert sorted(graph.edges(keys=True)) == [("etat", "opco-atlas", FUNDS.key),
                                              ("etat", "opco-atlas", "etat|FUNDS|opco-atlas|2025-01-01")]
    ties = [d for *_, d in graph.edges(data=True)]
    assert [s["title"] for s in ties[0]["sources"]] == ["Rapport", "Note"]
    assert ties[0]["sources"][0] == {"title": "Rapport", "id": "rapport-2024", "url": "https://example.org/r",
                                     "consulted": "2024-05-02", "confidence": 0.8}
    assert ties[0]["sources"] is ties[1]["sources"]  # one list per combination of sources, shared
    assert ties[0]["amount_eur"] == 5.0 and ties[1]["note"] == "une note" and "note" not in ties[0]
    assert "source_ids" not in ties[0]


def test_projection_without_details_reads_no_note_description_or_source():
    columns = list(SCHEMA.relationship_types["FUNDS"].properties)
    values = [FUNDS.properties.get(c) for c in columns]
    lean_fields = [f for f in Actor.model_fields if f != "description"]

    def answer(query: str, params: dict) -> list:
        if "AS actors" in query:
            return [{"actors": [_actor_values(a, params["fields"]) for a in (ATLAS, STATE)]}]
        return [{"ties": [["etat", "opco-atlas", "2024-01-01", None, False, *values]] if "`FUNDS`" in query else []}]

    driver = FakeDriver(answer)
    graph = project(driver, "maps", SCHEMA, details=False)
    assert driver.calls[0].params["fields"] == lean_fields
    assert statements.READ_SOURCES not in driver.queries()
    assert all("r.note" not in q for q in driver.queries())
    assert graph.edges["etat", "opco-atlas", FUNDS.key] == {"type": "FUNDS", "illustrative": False,
                                                            "since": "2024-01-01", "amount_eur": 5.0}


def test_details_are_read_by_key_when_asked_for():
    def answer(query: str, params: dict) -> list:
        if query == statements.READ_SOURCES:
            return [{"props": source_row(s)["props"]} for s in FUNDS.sources if s.key in params["ids"]]
        if query == statements.ACTOR_DETAILS:
            return [{"id": "etat", "description": "L'État"}, {"id": "opco-atlas", "description": None}]
        return [{"key": FUNDS.key, "note": "NPEC", "source_ids": ["rapport-2024"]}]

    driver = FakeDriver(answer)
    found = tie_details(driver, "maps", [("FUNDS", FUNDS.key), ("FUNDS", FUNDS.key)])
    assert driver.calls[0] == Call(statements.tie_details("FUNDS"), {"keys": [FUNDS.key]}, "maps", False)
    assert "USING INDEX SEEK r:`FUNDS`(key)" in driver.calls[0].query
    assert found == {FUNDS.key: {"note": "NPEC", "sources": [{"title": "Rapport", "url": "https://example.org/r",
                                                              "consulted": "2024-05-02", "confidence": 0.8,
                                                              "id": "rapport-2024"}]}}
    assert actor_details(driver, "maps", ["opco-atlas", "etat"]) == {"etat": {"description": "L'État"}}
    assert driver.calls[-1].params == {"ids": ["etat", "opco-atlas"]}


# -- writing ---------------------------------------------------------------------------------

def test_a_first_load_creates_every_row_without_looking_them_up():
    driver = FakeDriver()
    report = write_dataset(driver, MAP, SCHEMA, dataset_name="ref", database="maps")
    creates = [c for c in driver.calls if " CREATE (" in c.query]
    by_text = {c.query: c for c in creates}
    opco = by_text["UNWIND $rows AS row CREATE (a:Actor:`OPCO`) " + SET_ROW.format(v="a") + " RETURN count(*) AS n"]
    assert list(opco.params["rows"]) == [{"id": "opco-atlas", "hash": actor_row(ATLAS, "ref")["hash"],
                                          "props": {"id": "opco-atlas", "name": "OPCO Atlas", "kind": "OPCO",
                                                    "dataset": "ref"}}]
    assert set(opco.params) == {"rows", "loaded_at"} and opco.write and opco.database == "maps"
    tie = by_text["UNWIND $rows AS row MATCH (s:Actor {id: row.source}) MATCH (t:Actor {id: row.target}) "
                  "CREATE (s)-[r:`FUNDS`]->(t) " + SET_ROW.format(v="r") + " RETURN count(*) AS n"]
    assert list(tie.params["rows"]) == [relationship_row(FUNDS, "ref")]
    assert tie.params["rows"][0]["props"]["source_ids"] == ["rapport-2024", FUNDS.sources[1].key]
    source = by_text["UNWIND $rows AS row CREATE (s:Source) " + SET_ROW.format(v="s") + " RETURN count(*) AS n"]
    assert list(source.params["rows"]) == sorted((source_row(s) for s in FUNDS.sources), key=lambda r: r["id"])
    assert source.params["rows"][0]["props"] == {"title": "Rapport", "id": "rapport-2024", "url": "https://example.org/r",
                                                 "consulted": dt.date(2024, 5, 2), "confidence": 0.8}
    assert source.params["rows"][1]["props"]["derived"] is True  # an uncurated source: its id is its content's
    assert driver.queries().index(source.query) < driver.queries().index(tie.query)  # cited before citing
    assert len(creates) == 4  # OPCO, PUBLIC_INSTITUTION, Source, FUNDS
    assert not any("OPTIONAL MATCH" in q for q in driver.queries())  # an empty store needs no lookup
    constraints, indexes = wanted(SCHEMA)  # an empty store lacks the schema: the load applies it first
    assert driver.queries()[:len(constraints) + len(indexes) + 3] == [
        statements.CONSTRAINT_NAMES, statements.INDEX_NAMES, *constraints.values(), *indexes.values(),
        statements.AWAIT_INDEXES]
    assert (report.actors.created, report.relationships.created, report.sources.created) == (2, 1, 2)


def test_a_reload_looks_rows_up_and_sets_only_the_changed_ones():
    def answer(query: str, params: dict) -> list[dict]:
        if query.startswith("UNWIND range("):
            return [{"new": [], "changed": [0], "shared": []}]
        if "count(" in query and "$rows" not in query:
            return [{"n": 5}]  # the store already holds actors and ties
        if "$rows" in query:
            return [{"n": len(params["rows"])}]
        return []

    driver = FakeDriver(answer)
    report = write_dataset(driver, Dataset(actors=[ATLAS]), SCHEMA, dataset_name="ref")
    lookup = next(c for c in driver.calls if c.query.startswith("UNWIND range("))
    assert lookup == Call(statements.pending_actors(), {"ids": ["opco-atlas"], "hashes": [actor_row(ATLAS, "ref")["hash"]],
                                                         "dataset": "ref"}, "neo4j", False)
    assert "OR coalesce(x.anchor, false)" in lookup.query  # a defining dataset takes anchors over
    update = next(c for c in driver.calls if c.query.startswith("UNWIND $rows AS row MATCH (a:Actor"))
    assert update.query.startswith("UNWIND $rows AS row MATCH (a:Actor {id: row.id}) " + SET_ROW.format(v="a")
                                   + " REMOVE a:`BRANCH`:`CERTIFICATION`:")
    assert update.query.endswith(" SET a:`OPCO` RETURN count(*) AS n") and ":`OPCO`:" not in update.query
    assert [r["id"] for r in update.params["rows"]] == ["opco-atlas"]
    assert (report.actors.created, report.actors.updated) == (0, 1)


def test_a_dry_run_only_reads():
    driver = FakeDriver()
    plan = plan_dataset(driver, MAP, SCHEMA, dataset_name="ref")
    assert driver.calls and not any(c.write for c in driver.calls)
    assert plan.dry_run and plan.actors.created == 2


def test_a_name_outside_the_schema_never_reaches_the_text():
    with pytest.raises(SchemaError, match="n'est pas un genre"):
        statements.create_actors("OPCO`) DETACH DELETE (a")
    with pytest.raises(SchemaError):
        statements.match_relationship("FUNDS", types={"PARTNERS_WITH"})
    assert statements.alternatives(["OPCO", "CFA"]) == "`OPCO`|`CFA`"


# -- editing ---------------------------------------------------------------------------------

def _create_atlas(store: Neo4jEditStore):
    return Editor(store, SCHEMA, who="Camille").submit(CreateActor(fields={"id": "opco-atlas", "name": "OPCO Atlas",
                                                                          "kind": "OPCO"}))


@pytest.mark.parametrize("dataset_name, tagged", [(None, "modifications"), ("siro", "siro")])
def test_an_edit_locks_reads_writes_and_records_in_one_write_transaction(dataset_name, tagged):
    driver = FakeDriver()
    change = _create_atlas(Neo4jEditStore(driver, SCHEMA, "maps", dataset_name=dataset_name))
    writes = [c for c in driver.calls if c.write]
    assert [c.query for c in writes] == [
        "UNWIND $ids AS id MATCH (a:Actor {id: id}) SET a._edit_lock = true",
        "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN properties(a) AS props",
        "CREATE (a:Actor:`OPCO`) SET a = $props",
        "UNWIND $ids AS id MATCH (a:Actor {id: id}) REMOVE a._edit_lock",
        "CREATE (c:Change) SET c = $record WITH c UNWIND $ids AS id MATCH (a:Actor {id: id}) CREATE (c)-[:CHANGED]->(a)",
    ]
    props = writes[2].params["props"]
    row = actor_row(ATLAS, tagged)
    assert props.pop("loaded_at") <= dt.datetime.now(dt.UTC)
    assert props == row["props"] | {"content_hash": row["hash"]}
    assert writes[4].params == {"record": change.to_record() | {"at": change.at}, "ids": ["opco-atlas"]}
    assert {c.database for c in driver.calls} == {"maps"}


def test_a_proposal_is_one_parameterised_node_and_a_rejection_locks_checks_and_marks_it():
    from opcomap.auth import Role, User

    def answer(query: str, params: dict) -> list[dict]:
        return [{"status": "pending"}] if query == statements.LOCK_PROPOSAL else []

    driver = FakeDriver(answer)
    store = Neo4jEditStore(driver, SCHEMA, "maps")
    change = Editor(store, SCHEMA, user=User("Élise", Role.EDITOR), publishing="review").submit(
        CreateActor(fields={"id": "opco-atlas", "name": "OPCO Atlas", "kind": "OPCO"}))
    [proposed] = [c for c in driver.calls if c.write]
    assert proposed.query == "CREATE (p:Proposal) SET p = $record"
    assert proposed.params["record"]["status"] == "pending" and proposed.params["record"]["at"] == change.at
    assert not any("Actor" in c.query for c in driver.calls if c.write), "the map is not touched"

    from opcomap.editing.proposals import Proposal

    driver.calls.clear()
    store.decide(Proposal(change=change).decided("rejected", "Raphaël", "doublon"), None)
    assert [c.query for c in driver.calls if c.write] == [
        "MATCH (p:Proposal {id: $id}) SET p._edit_lock = true RETURN p.status AS status",
        "MATCH (p:Proposal {id: $id}) SET p += $record REMOVE p._edit_lock",
    ]
    record = driver.calls[-1].params["record"]
    assert (record["status"], record["decided_by"], record["reason"]) == ("rejected", "Raphaël", "doublon")


def test_a_tie_added_with_a_new_source_writes_its_source_node_before_the_tie():
    def answer(query: str, params: dict) -> list[dict]:
        if query == statements.READ_ACTORS:
            return [{"props": actor_row(a, "ref")["props"]} for a in (ATLAS, STATE) if a.id in params["ids"]]
        if query.startswith("MATCH (s:Actor {id: $source})"):
            return [{"n": 1}]
        return []

    driver = FakeDriver(answer)
    Editor(Neo4jEditStore(driver, SCHEMA, "maps"), SCHEMA, who="Camille").submit(AddRelationship(
        fields={"source": "etat", "target": "opco-atlas", "type": "PARTNERS_WITH"},
        source={"title": "Communiqué", "url": "https://example.org/c"}, why="annonce"))
    writes = [c for c in driver.calls if c.write]
    sources = next(c for c in writes if c.query == statements.WRITE_SOURCES)
    tie = next(c for c in writes if "CREATE (s)-[r:`PARTNERS_WITH`]->(t)" in c.query)
    assert writes.index(sources) < writes.index(tie)  # in the same transaction, cited before citing
    assert statements.WRITE_SOURCES == (
        "UNWIND $rows AS row MERGE (s:Source {id: row.id}) WITH s, row "
        "WHERE coalesce(s.content_hash <> row.hash, true) "
        "SET s = row.props, s.content_hash = row.hash, s.loaded_at = $loaded_at")
    new = Source(title="Communiqué", url="https://example.org/c")
    assert sources.params["rows"] == [source_row(new)] and sources.params["loaded_at"] == tie.params["props"]["loaded_at"]
    assert tie.params["props"]["source_ids"] == [new.key] and new.key.startswith("src-")


def test_an_actor_created_meanwhile_is_a_conflict_not_a_store_failure():
    driver = FakeDriver(fail=refusal("Neo.ClientError.Schema.ConstraintValidationFailed", "already exists"),
                        fails_on=lambda query: query.startswith("CREATE (a:Actor"))
    with pytest.raises(EditConflict, match="opco-atlas"):
        _create_atlas(Neo4jEditStore(driver, SCHEMA))


# -- the console runner ------------------------------------------------------------------------

def test_the_runner_plans_with_explain_then_runs_under_its_timeout_in_read_sessions():
    driver = FakeDriver(lambda query, _p: [] if query.startswith("EXPLAIN") else [{"n": 3}], summary=summary("r"))
    result = ReadOnlyRunner(driver, "maps", timeout_s=2.5, row_cap=10).run("RETURN $n AS n", {"n": 3})
    assert driver.calls == [Call("EXPLAIN RETURN $n AS n", {"n": 3}, "maps", False),
                            Call("RETURN $n AS n", {"n": 3}, "maps", False)]
    assert driver.calls[1].options == {"timeout": 2.5, "metadata": {"app": "opcomap"}}
    assert all(config["default_access_mode"] == neo4j.READ_ACCESS for config in driver.sessions)
    assert result.rows == [[3]]


def test_the_runner_refuses_a_write_before_running_it():
    driver = FakeDriver(lambda _q, _p: [], summary=summary("w"))
    with pytest.raises(QueryRefused, match="écrit dans le graphe"):
        ReadOnlyRunner(driver).run("CREATE (n)")
    assert driver.queries() == ["EXPLAIN CREATE (n)"]


@pytest.mark.parametrize("code, phase, error, words", [
    ("Neo.ClientError.Statement.SyntaxError", "EXPLAIN", QueryFailed, "Syntaxe Cypher invalide : bad"),
    ("Neo.ClientError.Statement.ParameterMissing", "RUN", QueryFailed, "Paramètre manquant : actor_id."),
    ("Neo.ClientError.Transaction.TransactionTimedOut", "RUN", QueryFailed, "La requête a dépassé 1 s"),
    ("Neo.TransientError.General.OutOfMemoryError", "RUN", QueryFailed, "Neo4j a renvoyé une erreur : bad"),
])
def test_the_runner_says_what_neo4js_refusal_means(code, phase, error, words):
    message = "Expected parameter(s): actor_id" if code.endswith("ParameterMissing") else "bad"
    driver = FakeDriver(lambda _q, _p: [], summary=summary("r"), fail=refusal(code, message),
                        fails_on=lambda query: query.startswith("EXPLAIN") == (phase == "EXPLAIN"))
    with pytest.raises(error) as caught:
        ReadOnlyRunner(driver, timeout_s=1).run("MATCH (a) RETURN a")
    assert words in str(caught.value)



def test_the_console_user_of_the_settings_authenticates_every_console_session_on_the_same_driver():
    driver = FakeDriver(lambda _q, _p: [], summary=summary("r"))
    settings = Settings(_env_file=None, neo4j_console_user="opcomap_console",
                        neo4j_console_password=SecretStr("lecteur-secret"))
    ReadOnlyRunner.from_settings(driver, settings).run("RETURN 1 AS n")
    assert [config["auth"] for config in driver.sessions] == [("opcomap_console", "lecteur-secret")] * 2
    plain = FakeDriver(lambda _q, _p: [], summary=summary("r"))
    ReadOnlyRunner.from_settings(plain, Settings(_env_file=None)).run("RETURN 1 AS n")
    assert len(plain.sessions) == 2 and not any("auth" in config for config in plain.sessions)


def test_a_refused_console_user_names_the_console_settings_not_the_password():
    driver = FakeDriver(fail=refusal("Neo.ClientError.Security.Unauthorized"), summary=summary("r"))
    with pytest.raises(StoreUnavailable) as caught:
        ReadOnlyRunner(driver, auth=("opcomap_console", "faux-mot-de-passe")).run("RETURN 1")
    assert "NEO4J_CONSOLE_PASSWORD" in str(caught.value) and "NEO4J_CONSOLE_USER" in caught.value.message("en")
    assert "faux-mot-de-passe" not in str(caught.value) + caught.value.message("en")

# -- the session helper: one wording per failure -------------------------------------------------

def test_an_unreachable_server_is_one_sentence_naming_the_uri(monkeypatch):
    driver = FakeDriver(fail=ServiceUnavailable("Connection refused"))
    monkeypatch.setattr("opcomap.store.database.GraphDatabase.driver", lambda *a, **k: driver)
    settings = Settings(neo4j_uri="bolt://db.example:7687")
    with pytest.raises(StoreUnavailable) as caught:
        Store.from_settings(settings)
    assert caught.value.key == "store.unreachable"
    assert caught.value.message("en") == ("Neo4j cannot be reached at bolt://db.example:7687 (ServiceUnavailable): "
                                          "start it (opcomap neo4j start) or correct NEO4J_URI.")
    assert driver.closed and driver.queries() == ["RETURN 1"]


def test_refused_credentials_say_so_in_both_languages():
    store = Store(FakeDriver(fail=refusal("Neo.ClientError.Security.Unauthorized")), uri="bolt://x:1")
    with pytest.raises(StoreUnavailable) as caught:
        store.read(statements.SERVER_INFO)
    assert isinstance(caught.value.__cause__, AuthError)
    assert "mot de passe" in str(caught.value) and "password" in caught.value.message("en")


def test_a_load_cut_off_says_how_many_rows_are_safe_and_to_run_it_again():
    driver = FakeDriver(fail=ServiceUnavailable("gone"), fails_on=lambda query: "CREATE (s)-[r:" in query)
    with pytest.raises(StoreUnavailable) as caught:
        write_dataset(driver, MAP, SCHEMA, dataset_name="ref")
    assert caught.value.key == "store.load_lost" and caught.value.params["rows"] == 2
    assert "après 2 lignes écrites" in str(caught.value) and "relancez la même commande" in str(caught.value)


def test_a_refused_load_is_a_write_failure_with_neo4js_code():
    driver = FakeDriver(fail=refusal("Neo.ClientError.Statement.SemanticError"),
                        fails_on=lambda query: " CREATE (" in query)
    with pytest.raises(StoreWriteFailed) as caught:
        write_dataset(driver, MAP, SCHEMA, dataset_name="ref")
    assert caught.value.params["code"] == "Neo.ClientError.Statement.SemanticError"
    assert "relancez la même commande" in str(caught.value)


# -- the local server, through the Store ----------------------------------------------------------

def _server(tmp_path) -> local_server.LocalServer:
    return local_server.LocalServer(Settings(neo4j_uri="bolt://127.0.0.1:7699", opcomap_data_dir=tmp_path))


def test_the_initial_password_is_changed_on_the_system_database_once_bolt_answers(monkeypatch, tmp_path):
    attempts = itertools.count()
    driver = FakeDriver(lambda _q, _p: [], fail=ServiceUnavailable("starting"), fails_on=lambda _q: next(attempts) < 2)
    monkeypatch.setattr("opcomap.store.database.time.sleep", lambda _s: None)
    opened = []
    monkeypatch.setattr("opcomap.store.database.GraphDatabase.driver",
                        lambda uri, auth, **_: opened.append((uri, auth)) or driver)
    local_server._set_initial_password(_server(tmp_path), "a-new-password")
    assert opened == [("bolt://127.0.0.1:7699", ("neo4j", "neo4j"))]
    assert driver.calls == 3 * [
        Call("ALTER CURRENT USER SET PASSWORD FROM $old TO $new", {"old": "neo4j", "new": "a-new-password"},
             "system", True),
    ]
    assert driver.closed


@pytest.mark.parametrize("failure, key", [
    (refusal("Neo.ClientError.Security.Unauthorized"), "server.password_refused"),
    (ServiceUnavailable("not yet"), "server.bolt_unanswered"),
    (refusal("Neo.ClientError.Database.DatabaseNotFound", "starting"), "server.database_not_ready"),
])
def test_a_started_server_that_will_not_answer_is_one_server_error(monkeypatch, tmp_path, failure, key):
    driver = FakeDriver(fail=failure)
    monkeypatch.setattr("opcomap.store.database.GraphDatabase.driver", lambda *a, **k: driver)
    monkeypatch.setattr(local_server, "READY_TIMEOUT_S", 0.0)
    server = _server(tmp_path)
    with pytest.raises(ServerError) as caught:
        local_server._check_credentials(server, server.settings)
    assert caught.value.key == key
    assert "Traceback" not in caught.value.message("en")


def test_a_password_neo4j_refuses_to_set_is_said_at_once(monkeypatch, tmp_path):
    driver = FakeDriver(fail=refusal("Neo.ClientError.General.InvalidArguments", "Old password and new password cannot be the same."))
    monkeypatch.setattr("opcomap.store.database.GraphDatabase.driver", lambda *a, **k: driver)
    with pytest.raises(ServerError) as caught:
        local_server._set_initial_password(_server(tmp_path), "neo4j")
    assert caught.value.key == "server.password_failed" and len(driver.calls) == 1
    assert str(caught.value).endswith("Old password and new password cannot be the same.")
