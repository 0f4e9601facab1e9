"""Editing against a real Neo4j: one transaction per change, history in the graph, undo, conflicts."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from graph_model.schema import default_schema
from loaders import load_dataset
from opcomap.editing import (
    AddRelationship,
    CreateActor,
    DeleteRelationship,
    EditActor,
    Editor,
    EndRelationship,
    MergeActors,
    UndoChange,
    field_messages,
)
from opcomap.editing.operations import plan
from graph_model.errors import EditConflict, EditRefused, ValidationFailed
from opcomap.store.edits import Neo4jEditStore, ensure_history_index
from opcomap.store.reader import read_dataset
from opcomap.store.writer import write_dataset

pytestmark = pytest.mark.neo4j

REFERENCE = Path(__file__).parent / "editing_data" / "reference"
SOURCE = {"title": "Communiqué de presse", "url": "https://example.org/cp", "publisher": "Afdas",
          "consulted": "2025-03-01"}


@pytest.fixture
def store(empty_db, neo4j_settings) -> Neo4jEditStore:
    schema = default_schema()
    database = neo4j_settings.neo4j_database
    write_dataset(empty_db, load_dataset([REFERENCE], schema), schema, dataset_name="reference", database=database)
    ensure_history_index(empty_db, database)
    return Neo4jEditStore(empty_db, schema, database)


def _cypher(store: Neo4jEditStore, query: str, **params):
    records, _, _ = store.driver.execute_query(query, params, database_=store.database)
    return [r.data() for r in records]


def test_edit_is_recorded_in_the_graph_and_undone(store):
    editor = Editor(store, default_schema(), who="Camille")
    actor, version = editor.open_actor("afdas")
    change = editor.submit(EditActor(actor_id="afdas", version=version, why="code région",
                                     fields=actor.model_dump() | {"region_code": "11", "aliases": "Opco Afdas|AFDAS"}))
    row = _cypher(store, "MATCH (a:Actor:OPCO {id: 'afdas'}) RETURN a.region_code AS r, a.aliases_text AS t, "
                         "a.dataset AS d")[0]
    assert row == {"r": "11", "t": "Opco Afdas | AFDAS", "d": "reference"}
    history = _cypher(store, "MATCH (c:Change)-[:CHANGED]->(:Actor {id: 'afdas'}) "
                             "RETURN c.who AS who, c.op AS op, c.why AS why, c.undone AS undone, "
                             "c.at.timezone AS tz")
    assert history == [{"who": "Camille", "op": "edit_actor", "why": "code région", "undone": False, "tz": "Z"}]
    assert "_edit_lock" not in _cypher(store, "MATCH (a:Actor {id: 'afdas'}) RETURN keys(a) AS k")[0]["k"]

    editor.submit(UndoChange(change_id=change.id, why="erreur de saisie"))
    assert store.actor("afdas") == actor
    assert [(c.op, c.undone) for c in store.history("afdas")] == [("undo", False), ("edit_actor", True)]
    with pytest.raises(EditRefused):
        editor.submit(UndoChange(change_id=change.id))


def test_second_save_on_the_same_version_is_a_conflict(store):
    alice, bruno = Editor(store, default_schema(), "Alice"), Editor(store, default_schema(), "Bruno")
    actor, version = alice.open_actor("medef")
    _, same = bruno.open_actor("medef")
    alice.submit(EditActor(actor_id="medef", version=version, fields=actor.model_dump() | {"short_name": "Medef"}))
    with pytest.raises(EditConflict, match="modifié"):
        bruno.submit(EditActor(actor_id="medef", version=same, fields=actor.model_dump() | {"short_name": "M."}))
    assert store.actor("medef").short_name == "Medef"
    assert [c.who for c in store.history("medef")] == ["Alice"]


def test_racing_saves_planned_on_the_same_version_let_exactly_one_through(store):
    schema = default_schema()
    actor = store.actor("cfdt")
    from opcomap.editing import version_of
    changes = [
        plan(EditActor(actor_id="cfdt", version=version_of(actor), fields=actor.model_dump() | {"short_name": name}),
             store, schema, name)
        for name in ("Alice", "Bruno")
    ]
    outcomes: list[str] = []

    def save(change):
        try:
            store.apply(change)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(c,)) for c in changes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert len(store.history("cfdt")) == 1
    assert store.actor("cfdt").short_name == store.history("cfdt")[0].who


def test_add_end_delete_relationship_with_sources(store):
    editor = Editor(store, default_schema(), who="Camille")
    fields = {"source": "cfdt", "target": "afdas", "type": "CO_MANAGES", "since": "2019-04-01", "college": "salariés"}
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(AddRelationship(fields=fields))
    assert "source" in field_messages(caught.value)["source_title"]
    editor.submit(AddRelationship(fields=fields, source=SOURCE, why="accord 2019"))
    key = "cfdt|CO_MANAGES|afdas|2019-04-01"
    row = _cypher(store, "MATCH (:Actor {id: 'cfdt'})-[r:CO_MANAGES {key: $key}]->(:Actor {id: 'afdas'}) "
                         "UNWIND r.source_ids AS sid MATCH (s:Source {id: sid}) "
                         "RETURN r.college AS college, s.title AS title, toString(s.consulted) AS consulted, "
                         "s.derived AS derived, r.illustrative AS illustrative", key=key)
    # the new source is a Source node of its own, keyed by its content (no curated id)
    assert row == [{"college": "salariés", "title": "Communiqué de presse", "consulted": "2025-03-01",
                    "derived": True, "illustrative": False}]
    assert store.relationship(key).sources[0].model_dump(exclude_none=True) == {
        "title": "Communiqué de presse", "url": "https://example.org/cp", "publisher": "Afdas",
        "consulted": dt.date(2025, 3, 1)}

    _, version = editor.open_relationship(key)
    editor.submit(EndRelationship(key=key, version=version, until="2024-12-31"))
    assert _cypher(store, "MATCH ()-[r {key: $key}]->() RETURN toString(r.until) AS u", key=key) == [{"u": "2024-12-31"}]
    _, version = editor.open_relationship(key)
    with pytest.raises(EditRefused):
        editor.submit(DeleteRelationship(key=key, version=version))
    editor.submit(DeleteRelationship(key=key, version=version, confirmed=True))
    assert store.relationship(key) is None
    ops = [c.op for c in store.history("cfdt")]
    assert ops == ["delete_relationship", "end_relationship", "add_relationship"]


def test_merge_moves_ties_keeps_the_alias_and_can_be_undone(store):
    editor = Editor(store, default_schema(), who="Camille")
    _, sv = editor.open_actor("afdas")
    _, mv = editor.open_actor("afdas-bis")
    before = read_dataset(store.driver, store.database)
    change = editor.submit(MergeActors(survivor_id="afdas", survivor_version=sv, merged_id="afdas-bis",
                                       merged_version=mv, why="doublon"))
    assert store.actor("afdas-bis") is None
    assert "afdas-bis" in store.actor("afdas").aliases
    ties = {(r.source, r.type, r.target) for r in store.relationships_of("afdas")}
    assert ties == {("medef", "CO_MANAGES", "afdas"), ("cfdt", "CO_MANAGES", "afdas"),
                    ("france-competences", "FUNDS", "afdas")}
    assert _cypher(store, "MATCH (a:Actor) WHERE 'afdas-bis' IN a.aliases RETURN a.id AS id") == [{"id": "afdas"}]
    assert store.history("afdas-bis")[0].id == change.id

    editor.submit(UndoChange(change_id=change.id))
    after = read_dataset(store.driver, store.database)
    assert sorted(a.id for a in after.actors) == sorted(a.id for a in before.actors)
    assert sorted(r.key for r in after.relationships) == sorted(r.key for r in before.relationships)


def test_new_actor_gets_its_kind_label_and_undo_of_a_tied_actor_is_refused(store):
    editor = Editor(store, default_schema(), who="Camille")
    created = editor.submit(CreateActor(fields={"id": "opco-ep", "name": "OPCO EP", "kind": "OPCO"}))
    assert _cypher(store, "MATCH (a:Actor:OPCO {id: 'opco-ep'}) RETURN a.dataset AS d") == [{"d": "modifications"}]
    editor.submit(AddRelationship(fields={"source": "opco-ep", "target": "afdas", "type": "PARTNERS_WITH"},
                                  source=SOURCE))
    with pytest.raises(EditConflict, match="relations"):
        editor.submit(UndoChange(change_id=created.id))
    assert store.actor("opco-ep") is not None


def test_an_edited_workspace_loads_into_neo4j_with_opcomap_load(store, neo4j_settings, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from opcomap.cli import app
    from opcomap.editing import WorkspaceStore

    workspace = WorkspaceStore(tmp_path / "ws", default_schema(), reference=REFERENCE)
    editor = Editor(workspace, default_schema(), who="Camille")
    editor.submit(CreateActor(fields={"id": "opco-2i", "name": "OPCO 2i", "kind": "OPCO"}))
    editor.submit(AddRelationship(fields={"source": "opco-2i", "target": "afdas", "type": "PARTNERS_WITH"},
                                  source=SOURCE))
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    result = CliRunner().invoke(app, ["load", str(workspace.workspace)])
    assert result.exit_code == 0, result.output
    assert store.actor("opco-2i").name == "OPCO 2i"
    ties = store.relationships_of("opco-2i")
    assert [(r.type, r.target, r.sources[0].title) for r in ties] == [("PARTNERS_WITH", "afdas", SOURCE["title"])]
