"""Publishing by review, on both stores: a proposal leaves the map alone until a reviewer decides."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph_model.errors import EditConflict, EditRefused, ValidationFailed
from graph_model.schema import default_schema
from loaders import load_dataset
from opcomap.auth import Role, User
from opcomap.editing import (
    AddRelationship,
    CreateActor,
    EditActor,
    Editor,
    UndoChange,
    WorkspaceStore,
    field_messages,
)

REFERENCE = Path(__file__).parent / "editing_data" / "reference"
SOURCE = {"title": "Accord constitutif", "url": "https://example.org/accord", "publisher": "Afdas",
          "consulted": "2025-03-01"}
ELISE = User("Élise", Role.EDITOR)
RAPHAEL = User("Raphaël", Role.REVIEWER)
VICTOR = User("Victor", Role.VIEWER)


@pytest.fixture(params=["workspace", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path: Path):
    schema = default_schema()
    if request.param == "workspace":
        reference = tmp_path / "reference"
        shutil.copytree(REFERENCE, reference)
        return WorkspaceStore(tmp_path / "workspace", schema, reference=reference)
    from opcomap.store.edits import Neo4jEditStore, ensure_history_index
    from opcomap.store.writer import write_dataset

    driver = request.getfixturevalue("empty_db")
    database = request.getfixturevalue("neo4j_settings").neo4j_database
    write_dataset(driver, load_dataset([REFERENCE], schema), schema, dataset_name="reference", database=database)
    ensure_history_index(driver, database)
    return Neo4jEditStore(driver, schema, database)


def _as(store, user: User, **options) -> Editor:
    return Editor(store, default_schema(), user=user, publishing="review", **options)


def _rename_afdas(editor: Editor, name: str = "AFDAS", why: str | None = "sigle officiel"):
    actor, version = editor.open_actor("afdas")
    return editor.submit(EditActor(actor_id="afdas", version=version, why=why,
                                   fields=actor.model_dump() | {"name": name}))


def _tie(why: str = "accord de 2019") -> AddRelationship:
    return AddRelationship(why=why, source=SOURCE, fields={
        "source": "cfdt", "target": "afdas", "type": "CO_MANAGES", "since": "2019-04-01", "college": "salariés"})


def test_an_editors_change_is_a_proposal_the_map_does_not_show(store):
    elise = _as(store, ELISE)
    assert elise.proposes
    change = elise.submit(_tie())
    assert store.relationship(change.after.relationships.popitem()[0]) is None, "the map is unchanged"
    assert store.history("cfdt") == []
    [proposal] = store.proposals()
    assert (proposal.who, proposal.status, proposal.change.why) == ("Élise", "pending", "accord de 2019")
    assert [s.title for s in proposal.sources()] == ["Accord constitutif"]
    assert ("relation cfdt|CO_MANAGES|afdas|2019-04-01", "—", "absent", "présent") in proposal.change.diff()
    # the editor sees their own proposals, a reviewer every one
    assert [p.id for p in elise.proposals()] == [proposal.id] == [p.id for p in _as(store, RAPHAEL).proposals()]
    assert _as(store, User("Bruno", Role.EDITOR)).proposals() == []


def test_accepting_applies_the_change_for_its_proposer_with_the_reviewer_named(store):
    change = _rename_afdas(_as(store, ELISE))
    assert store.actor("afdas").name == "Afdas"
    applied = _as(store, RAPHAEL).accept(change.id)
    assert store.actor("afdas").name == "AFDAS"
    [recorded] = store.history("afdas")
    assert (recorded.id, recorded.who, recorded.reviewed_by, recorded.why) == (change.id, "Élise", "Raphaël",
                                                                               "sigle officiel")
    assert applied.reviewed_by == "Raphaël"
    assert store.proposals() == []
    [decided] = store.proposals(pending_only=False)
    assert (decided.status, decided.decided_by) == ("accepted", "Raphaël")
    with pytest.raises(EditRefused, match="n'est plus en attente : elle a été acceptée"):
        _as(store, RAPHAEL).accept(change.id)


def test_rejecting_needs_a_reason_and_leaves_the_map_alone(store):
    change = _as(store, ELISE).submit(_tie())
    raphael = _as(store, RAPHAEL)
    with pytest.raises(EditRefused, match="Indiquez pourquoi"):
        raphael.reject(change.id, "   ")
    raphael.reject(change.id, "source à vérifier : l'accord ne cite pas la CFDT")
    assert store.relationships_of("cfdt") == [r for r in store.relationships_of("cfdt") if r.target != "afdas"]
    [decided] = store.proposals(pending_only=False)
    assert (decided.status, decided.decided_by, decided.reason) == (
        "rejected", "Raphaël", "source à vérifier : l'accord ne cite pas la CFDT")
    assert decided.decided_at is not None


def test_a_proposal_whose_record_changed_meanwhile_is_a_conflict_and_stays_pending(store):
    change = _rename_afdas(_as(store, ELISE), "AFDAS")
    _rename_afdas(Editor(store, default_schema(), user=User("Anne", Role.ADMIN), publishing="review"), "Afdas OPCO")
    with pytest.raises(EditConflict, match="« afdas » a changé sur la carte"):
        _as(store, RAPHAEL).accept(change.id)
    assert store.actor("afdas").name == "Afdas OPCO"
    assert [p.status for p in store.proposals()] == ["pending"]


def test_viewers_and_editors_may_not_review_and_viewers_may_not_propose(store):
    change = _as(store, ELISE).submit(_tie())
    with pytest.raises(EditRefused, match="Élise ne peut pas relire"):
        _as(store, ELISE).accept(change.id)
    with pytest.raises(EditRefused, match="Bruno ne peut pas relire"):
        _as(store, User("Bruno", Role.EDITOR)).reject(change.id, "non")
    with pytest.raises(EditRefused, match="Victor ne peut pas modifier"):
        _as(store, VICTOR).submit(_tie())
    with pytest.raises(EditRefused, match="seul son auteur"):
        _as(store, RAPHAEL).withdraw(change.id)
    assert [p.status for p in store.proposals()] == ["pending"]


def test_a_reviewer_may_not_review_their_own_proposal_unless_configured(store):
    own = _as(store, RAPHAEL).submit(_tie())
    with pytest.raises(EditRefused, match="votre propre proposition"):
        _as(store, RAPHAEL).accept(own.id)
    _as(store, RAPHAEL, review_own=True).accept(own.id)
    assert store.relationship("cfdt|CO_MANAGES|afdas|2019-04-01") is not None


def test_the_proposer_withdraws_and_the_history_keeps_it(store):
    change = _rename_afdas(_as(store, ELISE))
    _as(store, ELISE).withdraw(change.id, "doublon")
    assert store.actor("afdas").name == "Afdas"
    [withdrawn] = store.proposals(pending_only=False)
    assert (withdrawn.status, withdrawn.decided_by, withdrawn.reason) == ("withdrawn", "Élise", "doublon")
    with pytest.raises(EditRefused, match="elle a été retirée"):
        _as(store, RAPHAEL).accept(change.id)


def test_acceptance_checks_the_schema_as_it_is_now(store, tmp_path):
    change = _as(store, ELISE).submit(_tie())
    schema = default_schema()
    narrowed = schema.model_copy(update={"relationship_types": {
        name: spec for name, spec in schema.relationship_types.items() if name != "CO_MANAGES"}})
    reviewer = Editor(store, narrowed, user=RAPHAEL, publishing="review")
    with pytest.raises(ValidationFailed) as refused:
        reviewer.accept(change.id)
    assert "CO_MANAGES" in field_messages(refused.value)["type"]
    assert [p.status for p in store.proposals()] == ["pending"]


def test_direct_publishing_and_an_admin_in_review_mode_apply_at_once(store):
    Editor(store, default_schema(), user=ELISE).submit(CreateActor(fields={"id": "opco-2i", "name": "OPCO 2i",
                                                                          "kind": "OPCO"}))
    assert store.actor("opco-2i") is not None
    admin = Editor(store, default_schema(), user=User("Anne", Role.ADMIN), publishing="review")
    assert not admin.proposes
    change = _rename_afdas(admin)
    assert store.actor("afdas").name == "AFDAS" and store.proposals() == []
    # an undo by an editor is a proposal too
    undo = _as(store, ELISE).submit(UndoChange(change_id=change.id))
    assert store.actor("afdas").name == "AFDAS"
    _as(store, RAPHAEL).accept(undo.id)
    assert store.actor("afdas").name == "Afdas"
    assert [c.op for c in store.history("afdas")] == ["undo", "edit_actor"]


def test_a_workspace_keeps_proposals_in_a_file_beside_the_history(tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    store = WorkspaceStore(tmp_path / "workspace", default_schema(), reference=reference)
    change = _as(store, ELISE).submit(_tie())
    assert not (store.workspace / "actors.csv").exists(), "the map is still the reference"
    [line] = (store.workspace / "proposals.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["who"] == "Élise" and json.loads(line)["id"] == change.id


def test_a_proposals_map_marks_what_it_adds_removes_and_changes(store):
    from opcomap.analysis.timeline import CHANGE
    from opcomap.editing import DeleteRelationship
    from opcomap.editing.proposals import marked_graph

    elise = _as(store, ELISE)
    added = elise.submit(_tie())
    graph = marked_graph(added, store)
    assert sorted(graph.nodes) == ["afdas", "cfdt"], "the actors it concerns"
    assert list(graph.edges(keys=True, data=CHANGE)) == [("cfdt", "afdas", "cfdt|CO_MANAGES|afdas|2019-04-01", "new")]
    renamed = _rename_afdas(elise)
    assert marked_graph(renamed, store).nodes["afdas"][CHANGE] == "changed"
    assert marked_graph(renamed, store).nodes["afdas"]["name"] == "AFDAS"
    rel, version = elise.open_relationship("medef|CO_MANAGES|afdas|2019-04-01")
    removed = elise.submit(DeleteRelationship(key=rel.key, version=version, confirmed=True))
    drawn = marked_graph(removed, store)
    assert sorted(drawn.nodes) == ["afdas", "medef"]
    assert [c for _, _, c in drawn.edges(data=CHANGE)] == ["ended"]
