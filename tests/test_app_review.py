"""The Relecture page and the Modifier page with publishing by review, under Streamlit's AppTest.

The workspace is a temporary folder holding a copy of a small hand-made map; the session's user
is set as the sign-in step sets it (``auth_user``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph_model.schema import default_schema
from loaders import load_dataset
from opcomap.auth import Role, User
from opcomap.auth.accounts import Accounts
from opcomap.editing import AddRelationship, Editor, WorkspaceStore
from opcomap.ui.identity import SIGNED_IN

REFERENCE = Path(__file__).parent / "editing_data" / "reference"
SOURCE = {"title": "Accord constitutif", "url": "https://example.org/accord", "publisher": "Afdas",
          "consulted": "2025-03-01"}
TIE = "cfdt|CO_MANAGES|afdas|2019-04-01"
ELISE, RAPHAEL = User("Élise", Role.EDITOR), User("Raphaël", Role.REVIEWER)


def _review_page() -> None:
    from opcomap.ui.pages.relecture import page

    page()


def _edit_page() -> None:
    from opcomap.ui.pages.editer import page

    page()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(REFERENCE, folder)
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(folder))
    monkeypatch.setenv("OPCOMAP_PUBLISH", "review")
    # The sign-in step keeps a session's user only while the accounts file knows them, with that role.
    accounts = tmp_path / "accounts.json"
    monkeypatch.setenv("OPCOMAP_ACCOUNTS", str(accounts))
    for user in (ELISE, RAPHAEL, User("Bruno", Role.EDITOR), User("Victor", Role.VIEWER)):
        Accounts(accounts).add(user.name, user.role, "un mot de passe assez long")
    for name in ("NEO4J_URI", "OPCOMAP_READ_ONLY", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA", "OPCOMAP_REVIEW_OWN"):
        monkeypatch.delenv(name, raising=False)
    return folder


def _store(folder: Path) -> WorkspaceStore:
    return WorkspaceStore(folder, default_schema())


def _propose(folder: Path) -> str:
    editor = Editor(_store(folder), default_schema(), user=ELISE, publishing="review")
    return editor.submit(AddRelationship(why="accord de 2019", source=SOURCE, fields={
        "source": "cfdt", "target": "afdas", "type": "CO_MANAGES", "since": "2019-04-01",
        "college": "salariés"})).id


def _as(user: User, script=_review_page) -> AppTest:
    at = AppTest.from_function(script, default_timeout=60)
    at.session_state[SIGNED_IN] = user
    at.run()
    assert not at.exception
    return at


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_a_reviewer_sees_the_proposal_and_accepts_it(workspace):
    ident = _propose(workspace)
    at = _as(RAPHAEL)
    assert at.subheader[0].value == "1 proposition en attente"
    text = _text(at)
    assert "Élise" in text and "accord de 2019" in text and "Accord constitutif" in text
    diff = at.dataframe[0].value
    assert "type" in set(diff["champ"]) and any("salariés" in value for value in diff["après"])
    assert _store(workspace).relationship(TIE) is None, "the published map does not show it"
    at.button(key=f"rv_accept_{ident}").click().run()
    assert not at.exception and not at.error
    assert "Acceptée et publiée" in at.success[0].value
    assert _store(workspace).relationship(TIE) is not None
    [change] = _store(workspace).history("cfdt")
    assert (change.who, change.reviewed_by) == ("Élise", "Raphaël")
    assert at.subheader[0].value == "0 proposition en attente"


def test_rejecting_through_the_button_needs_a_reason(workspace):
    ident = _propose(workspace)
    at = _as(RAPHAEL)
    at.button(key=f"rv_reject_{ident}").click().run()
    assert "Indiquez pourquoi" in at.error[0].value
    assert [p.status for p in _store(workspace).proposals()] == ["pending"]
    at.text_input(key=f"rv_reason_{ident}").input("l'accord ne cite pas la CFDT")
    at.button(key=f"rv_reject_{ident}").click().run()
    assert not at.exception and not at.error
    assert "Refusée" in at.success[0].value
    [decided] = _store(workspace).proposals(pending_only=False)
    assert (decided.status, decided.reason) == ("rejected", "l'accord ne cite pas la CFDT")
    assert _store(workspace).relationship(TIE) is None


def test_an_editor_sees_only_their_own_proposals_and_withdraws_one(workspace):
    ident = _propose(workspace)
    bruno = _as(User("Bruno", Role.EDITOR))
    assert bruno.subheader[0].value == "Vos propositions en attente" and "Aucune proposition" in bruno.caption[1].value
    at = _as(ELISE)
    assert not [b for b in at.button if b.key == f"rv_accept_{ident}"], "an editor may not accept"
    at.button(key=f"rv_withdraw_{ident}").click().run()
    assert not at.exception and "Retirée" in at.success[0].value
    assert _store(workspace).proposals() == []


def test_the_modifier_page_says_the_change_awaits_review(workspace):
    at = _as(ELISE, _edit_page)
    assert any("Publication après relecture" in c.value for c in at.caption)
    at.text_input(key="ed_new_id").input("opco-ep")
    at.text_input(key="ed_new_name").input("OPCO EP")
    at.selectbox(key="ed_new_kind").select("OPCO")
    at.button(key="ed_create_btn").click().run()
    assert not at.exception and not at.error
    assert "attend une relecture" in at.info[0].value
    assert _store(workspace).actor("opco-ep") is None
    assert [p.who for p in _store(workspace).proposals()] == ["Élise"]


def test_a_viewer_is_refused_on_the_page(workspace):
    _propose(workspace)
    at = _as(User("Victor", Role.VIEWER))
    assert "Victor ne peut pas modifier" in at.warning[0].value
    assert not at.dataframe


APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _app(user: User, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[SIGNED_IN] = user
    at.query_params["page"] = page
    return at.run()


def test_the_navigation_lists_relecture_only_with_publishing_by_review(workspace, monkeypatch):
    at = _app(RAPHAEL, "relecture")
    assert not at.exception and at.title[0].value == "Relecture"
    monkeypatch.setenv("OPCOMAP_PUBLISH", "direct")
    at = _app(RAPHAEL, "relecture")
    assert not at.exception and "Relecture" not in [t.value for t in at.title], "not a page in direct mode"


def test_an_editors_reconcile_fixes_are_proposals_in_review_mode(workspace):
    from tests.test_reconcile import FIXTURES

    at = _app(ELISE, "rapprocher")
    at.text_input(key="rc_path").set_value(str(FIXTURES / "siro")).run()
    before = (workspace / "actors.csv").read_bytes()
    at.text_input(key="rc_dataset").set_value("siro-2026-11").run()
    at.button(key="rc_apply").click().run()
    assert not at.exception and not at.error
    assert any("proposées à la relecture" in s.value for s in at.success)
    assert (workspace / "actors.csv").read_bytes() == before
    assert not (workspace / "history.jsonl").exists()
    assert {p.who for p in _store(workspace).proposals()} == {"Élise"}


@pytest.mark.neo4j
def test_on_neo4j_a_proposal_from_the_modifier_page_is_accepted_on_the_relecture_page(
        empty_db, neo4j_settings, monkeypatch, tmp_path):
    from opcomap.store.edits import Neo4jEditStore
    from opcomap.store.writer import write_dataset

    database = neo4j_settings.neo4j_database
    write_dataset(empty_db, load_dataset([REFERENCE], default_schema()), default_schema(),
                  dataset_name="reference", database=database)
    for name, value in (("NEO4J_URI", neo4j_settings.uri), ("NEO4J_USER", neo4j_settings.neo4j_user),
                        ("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value()),
                        ("NEO4J_DATABASE", database), ("OPCOMAP_WORKSPACE", str(tmp_path / "unused")),
                        ("OPCOMAP_PUBLISH", "review")):
        monkeypatch.setenv(name, value)
    for name in ("OPCOMAP_READ_ONLY", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA", "OPCOMAP_REVIEW_OWN"):
        monkeypatch.delenv(name, raising=False)
    store = Neo4jEditStore(empty_db, default_schema(), database)

    edit = _as(ELISE, _edit_page)
    edit.text_input(key="ed_new_id").input("opco-ep")
    edit.text_input(key="ed_new_name").input("OPCO EP")
    edit.selectbox(key="ed_new_kind").select("OPCO")
    edit.button(key="ed_create_btn").click().run()
    assert not edit.exception and "attend une relecture" in edit.info[0].value
    assert store.actor("opco-ep") is None
    [proposal] = store.proposals()

    review = _as(RAPHAEL)
    review.button(key=f"rv_accept_{proposal.id}").click().run()
    assert not review.exception and not review.error
    assert store.actor("opco-ep").name == "OPCO EP"
    assert [(c.who, c.reviewed_by) for c in store.history("opco-ep")] == [("Élise", "Raphaël")]
    assert not (tmp_path / "unused").exists()
