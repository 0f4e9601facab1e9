"""Editing in embedded mode: the workspace folder, validation, history, undo, conflicts."""

from __future__ import annotations

import hashlib
import json
import shutil
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
    WorkspaceStore,
    field_messages,
)
from graph_model.errors import EditConflict, EditRefused, ValidationFailed
from loaders.bundled import reference_dir

REFERENCE = Path(__file__).parent / "editing_data" / "reference"
SOURCE = {"title": "Communiqué de presse", "url": "https://example.org/cp", "publisher": "Afdas"}


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE, folder)
    return folder


@pytest.fixture
def store(tmp_path: Path, reference: Path) -> WorkspaceStore:
    return WorkspaceStore(tmp_path / "workspace", default_schema(), reference=reference)


@pytest.fixture
def editor(store: WorkspaceStore) -> Editor:
    return Editor(store, default_schema(), who="Camille")


def test_reads_the_reference_until_the_first_edit_then_only_the_workspace(editor, store, reference):
    before = _digest(reference)
    assert store.actor("afdas").name == "Afdas"
    assert not store.workspace.exists()
    editor.submit(CreateActor(fields={"id": "opco-2i", "name": "OPCO 2i", "kind": "OPCO"}, why="nouvel acteur"))
    assert sorted(p.name for p in store.workspace.iterdir() if not p.name.startswith(".")) == [
        "actors.csv", "history.jsonl", "relationships.csv", "sources.csv"]
    assert _digest(reference) == before, "the reference map must never be modified"
    # The workspace is a full copy plus the edit, in the loaders' own format.
    data = load_dataset([store.workspace], default_schema())
    assert {a.id for a in data.actors} == {"medef", "cfdt", "afdas", "afdas-bis", "france-competences",
                                           "region-idf", "opco-2i"}
    assert len(data.relationships) == 4


def test_the_bundled_reference_map_is_untouched_by_edits(tmp_path):
    bundled = reference_dir()
    before = _digest(bundled) if bundled.is_dir() else {}
    store = WorkspaceStore(tmp_path / "ws", default_schema())
    Editor(store, default_schema(), who="Camille").submit(
        CreateActor(fields={"id": "acteur-test", "name": "Acteur de test", "kind": "NETWORK"}))
    assert store.actor("acteur-test") is not None
    assert (_digest(bundled) if bundled.is_dir() else {}) == before
    assert store.data_dir() == tmp_path / "ws"


def test_invalid_actor_is_refused_field_by_field_and_nothing_is_written(editor, store):
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(CreateActor(fields={"id": "nouvel-opco", "name": "  ", "kind": "OPCO"}))
    assert field_messages(caught.value) == {"name": "valeur obligatoire manquante"}
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(CreateActor(fields={"id": "Pas Un Slug", "name": "X", "kind": "OPCO", "siret": "123"}))
    messages = field_messages(caught.value)
    assert "slug" in messages["id"] and messages["siret"] == "un SIRET compte 14 chiffres"
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(CreateActor(fields={"id": "x", "name": "X", "kind": "OPCOO"}))
    assert field_messages(caught.value) == {"kind": "genre inconnu « OPCOO » (vouliez-vous dire OPCO ?)"}
    assert not store.workspace.exists()


def test_existing_id_is_refused(editor):
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(CreateActor(fields={"id": "afdas", "name": "Autre", "kind": "OPCO"}))
    assert "déjà utilisé" in field_messages(caught.value)["id"]


def test_edit_history_and_undo(editor, store):
    actor, version = editor.open_actor("afdas")
    fields = actor.model_dump() | {"region_code": "11", "aliases": "Opco Afdas | Afdas OPCO"}
    change = editor.submit(EditActor(actor_id="afdas", version=version, fields=fields, why="siège"))
    assert store.actor("afdas").aliases == ["Opco Afdas", "Afdas OPCO"]
    assert store.actor("afdas").region_code == "11"
    history = editor.history("afdas")
    assert [(c.who, c.op, c.why) for c in history] == [("Camille", "edit_actor", "siège")]
    assert ("acteur afdas", "region_code", None, "11") in history[0].diff()
    assert ("actor afdas", "region_code", None, "11") in history[0].diff("en")

    undo = editor.submit(UndoChange(change_id=change.id, why="erreur"))
    assert store.actor("afdas") == actor
    history = editor.history("afdas")
    assert [c.op for c in history] == ["undo", "edit_actor"]
    assert history[1].undone and history[0].undoes == change.id
    with pytest.raises(EditRefused):
        editor.submit(UndoChange(change_id=change.id))
    # Undoing the undo re-applies the edit.
    editor.submit(UndoChange(change_id=undo.id))
    assert store.actor("afdas").region_code == "11"


def test_second_editor_on_the_same_version_gets_a_conflict(store):
    first, second = Editor(store, default_schema(), "Alice"), Editor(store, default_schema(), "Bruno")
    actor, version = first.open_actor("medef")
    _, same_version = second.open_actor("medef")
    first.submit(EditActor(actor_id="medef", version=version, fields=actor.model_dump() | {"name": "MEDEF"}))
    with pytest.raises(EditConflict, match="modifié"):
        second.submit(EditActor(actor_id="medef", version=same_version,
                                fields=actor.model_dump() | {"name": "Medef (Bruno)"}))
    assert store.actor("medef").name == "MEDEF"
    assert [c.who for c in store.history("medef")] == ["Alice"]


def test_two_stores_on_one_folder_see_each_others_edits(tmp_path, reference):
    # Two app sessions (or processes) each hold their own store, and each remembers what it read.
    one = WorkspaceStore(tmp_path / "workspace", default_schema(), reference=reference)
    two = WorkspaceStore(tmp_path / "workspace", default_schema(), reference=reference)
    alice, bruno = Editor(one, default_schema(), "Alice"), Editor(two, default_schema(), "Bruno")
    actor, version = alice.open_actor("medef")
    _, same_version = bruno.open_actor("medef")
    alice.submit(EditActor(actor_id="medef", version=version, fields=actor.model_dump() | {"name": "MEDEF"}))
    assert two.actor("medef").name == "MEDEF"
    with pytest.raises(EditConflict):
        bruno.submit(EditActor(actor_id="medef", version=same_version,
                               fields=actor.model_dump() | {"name": "Medef (Bruno)"}))
    renamed, newer = bruno.open_actor("medef")
    bruno.submit(EditActor(actor_id="medef", version=newer, fields=renamed.model_dump() | {"name": "Medef B"}))
    assert one.actor("medef").name == "Medef B"
    assert [c.who for c in one.history("medef")] == ["Bruno", "Alice"]


def test_add_relationship_needs_a_source_and_valid_properties(editor, store):
    fields = {"source": "cfdt", "target": "afdas", "type": "CO_MANAGES", "since": "2019-04-01"}
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(AddRelationship(fields=fields | {"college": "salariés"}))
    assert "au moins une source" in field_messages(caught.value)["source_title"]
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(AddRelationship(fields=fields | {"college": "patrons", "since": "2019-02-30"}, source=SOURCE))
    messages = field_messages(caught.value)
    assert "n’est pas une date valide" in messages["since"]
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(AddRelationship(fields=fields | {"type": "FUNDS"}, source=SOURCE))
    assert "FUNDS ne peut pas relier EMPLOYEE_UNION → OPCO" in field_messages(caught.value)["type"]
    assert not store.workspace.exists()

    change = editor.submit(AddRelationship(fields=fields | {"college": "salariés", "seats": "2"}, source=SOURCE))
    rel = store.relationship("cfdt|CO_MANAGES|afdas|2019-04-01")
    assert rel.properties == {"college": "salariés", "seats": 2}
    assert rel.sources[0].title == "Communiqué de presse"
    assert change.id in {c.id for c in store.history("cfdt")}
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(AddRelationship(fields=fields | {"college": "salariés"}, source=SOURCE))
    assert "en double" in field_messages(caught.value)["since"]


def test_end_keeps_the_relationship_and_delete_needs_confirmation(editor, store):
    key = "medef|CO_MANAGES|afdas|2019-04-01"
    _, version = editor.open_relationship(key)
    with pytest.raises(ValidationFailed) as caught:
        editor.submit(EndRelationship(key=key, version=version, until="2018-01-01"))
    assert "précède" in field_messages(caught.value)["until"]
    editor.submit(EndRelationship(key=key, version=version, until="2024-12-31", why="fin du mandat"))
    ended, new_version = editor.open_relationship(key)
    assert ended.until.isoformat() == "2024-12-31" and ended.sources

    with pytest.raises(EditRefused, match="confirm"):
        editor.submit(DeleteRelationship(key=key, version=new_version))
    assert store.relationship(key) is not None
    with pytest.raises(EditConflict):
        editor.submit(DeleteRelationship(key=key, version=version, confirmed=True))
    editor.submit(DeleteRelationship(key=key, version=new_version, confirmed=True))
    assert store.relationship(key) is None


def test_merge_moves_ties_and_keeps_the_alias(editor, store):
    survivor, sv = editor.open_actor("afdas")
    _, mv = editor.open_actor("afdas-bis")
    change = editor.submit(MergeActors(survivor_id="afdas", survivor_version=sv,
                                       merged_id="afdas-bis", merged_version=mv, why="doublon"))
    assert store.actor("afdas-bis") is None
    merged_into = store.actor("afdas")
    assert "afdas-bis" in merged_into.aliases and "AFDAS (doublon)" in merged_into.aliases
    keys = {r.key for r in store.relationships_of("afdas")}
    assert keys == {"medef|CO_MANAGES|afdas|2019-04-01", "cfdt|CO_MANAGES|afdas|2019-04-01",
                    "france-competences|FUNDS|afdas|2021-01-01"}, "the tie between the duplicates goes away"
    funds = store.relationship("france-competences|FUNDS|afdas|2021-01-01")
    assert funds.properties == {"amount_eur": 1500000.0, "year": 2021}
    assert store.history("afdas-bis")[0].id == change.id
    load_dataset([store.workspace], default_schema())  # still a valid map

    editor.submit(UndoChange(change_id=change.id))
    assert store.actor("afdas-bis") is not None and store.actor("afdas") == survivor
    assert len(store.relationships_of("afdas-bis")) == 3


def test_undo_refused_when_the_record_changed_since(editor, store):
    actor, version = editor.open_actor("cfdt")
    first = editor.submit(EditActor(actor_id="cfdt", version=version, fields=actor.model_dump() | {"name": "CFDT"}))
    _, version = editor.open_actor("cfdt")
    editor.submit(EditActor(actor_id="cfdt", version=version, fields=actor.model_dump() | {"name": "C.F.D.T."}))
    with pytest.raises(EditConflict):
        editor.submit(UndoChange(change_id=first.id))
    assert store.actor("cfdt").name == "C.F.D.T."


def test_read_only_refuses_every_edit(store):
    editor = Editor(store, default_schema(), who="Camille", read_only=True)
    with pytest.raises(EditRefused, match="lecture seule"):
        editor.submit(CreateActor(fields={"id": "x", "name": "X", "kind": "OPCO"}))
    assert not store.workspace.exists()


def test_history_lines_are_plain_json(editor, store):
    editor.submit(CreateActor(fields={"id": "opco-ep", "name": "OPCO EP", "kind": "OPCO"}, why="création"))
    record = json.loads((store.workspace / "history.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert record["who"] == "Camille" and record["why"] == "création" and record["op"] == "create_actor"
    assert json.loads(record["after"])["actors"]["opco-ep"]["name"] == "OPCO EP"
    assert record["at"].endswith("+00:00")


def test_a_summary_is_kept_as_a_sentence_and_said_in_the_readers_language(editor, store):
    key = "medef|CO_MANAGES|afdas|2019-04-01"
    _, version = editor.open_relationship(key)
    editor.submit(EndRelationship(key=key, version=version, until="2024-12-31"))
    editor.submit(CreateActor(fields={"id": "opco-ep", "name": "OPCO EP", "kind": "OPCO"}))
    (ended,) = [c for c in store.history("medef") if c.op == "end_relationship"]  # read back from history.jsonl
    assert ended.summary == ended.described("fr") == "Fin au 2024-12-31 de la relation medef —CO_MANAGES→ afdas"
    assert ended.described("en") == "Ended on 2024-12-31: the relationship medef —CO_MANAGES→ afdas"
    assert store.history("opco-ep")[0].described("en") == "Created “OPCO EP” (opco-ep)"
    undo = editor.submit(UndoChange(change_id=ended.id))
    assert store.history("medef")[0].id == undo.id
    assert store.history("medef")[0].described("en") == ("Undo: Ended on 2024-12-31: the relationship "
                                                         "medef —CO_MANAGES→ afdas")
    assert undo.summary == "Annulation : Fin au 2024-12-31 de la relation medef —CO_MANAGES→ afdas"


def test_a_history_written_before_summaries_were_keyed_still_reads_and_undoes(editor, store):
    editor.submit(CreateActor(fields={"id": "opco-ep", "name": "OPCO EP", "kind": "OPCO"}))
    history = store.workspace / "history.jsonl"
    (record,) = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines()]
    del record["said"]  # as an older opcomap wrote it: the French summary only
    history.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (old,) = store.history("opco-ep")
    assert old.described("en") == "Création de « OPCO EP » (opco-ep)"
    undo = editor.submit(UndoChange(change_id=old.id))
    assert undo.described("en") == "Undo: Création de « OPCO EP » (opco-ep)"
    assert undo.summary == "Annulation : Création de « OPCO EP » (opco-ep)"


def test_every_operation_is_named_by_the_catalogue_in_both_languages():
    from typing import get_args

    from opcomap.editing import op_label
    from opcomap.editing.changes import Op

    for op in get_args(Op):
        assert op_label(op, "fr") != op_label(op, "en"), op
    assert op_label("merge_actors") == "Fusion de deux acteurs" and op_label("merge_actors", "en") == "Two actors merged"


def test_sessions_editing_at_once_lose_no_edit(tmp_path, reference):
    """Each app session has its own store on the same folder: the folder lock
    (filelock, the same on Windows) makes their writes take turns."""
    from concurrent.futures import ThreadPoolExecutor

    def create(n: int) -> None:
        session = Editor(WorkspaceStore(tmp_path / "workspace", default_schema(), reference=reference),
                         default_schema(), who=f"Session {n}")
        session.submit(CreateActor(fields={"id": f"cfa-{n}", "name": f"CFA {n}", "kind": "CFA"}, why="ajout"))

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(create, range(6)))
    data = load_dataset([tmp_path / "workspace"], default_schema())
    assert {f"cfa-{n}" for n in range(6)} <= {a.id for a in data.actors}
    history = (tmp_path / "workspace" / "history.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(history) == 6
