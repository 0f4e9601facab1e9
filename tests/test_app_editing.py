"""The Modifier page under Streamlit's AppTest: each form saves good input and refuses bad input.

The workspace is a temporary folder (OPCOMAP_WORKSPACE) holding a copy of a
small hand-made map; the page runs on its own, as the app's navigation would
call it, in embedded mode.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph_model.schema import default_schema
from loaders import load_dataset
from opcomap.editing import WorkspaceStore

REFERENCE = Path(__file__).parent / "editing_data" / "reference"


def _script() -> None:
    from opcomap.ui.pages.editer import page

    page()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(REFERENCE, folder)
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(folder))
    for name in ("NEO4J_URI", "OPCOMAP_READ_ONLY", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA"):
        monkeypatch.delenv(name, raising=False)
    return folder


def _store(folder: Path) -> WorkspaceStore:
    return WorkspaceStore(folder, default_schema())


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def _named(at: AppTest, name: str = "Camille") -> AppTest:
    at.run()
    assert not at.exception
    at.text_input(key="ed_who_input").input(name)
    at.button(key="ed_who_btn").click().run()
    assert not at.exception
    return at


def _follows(at: AppTest, widget_key: str, message: str) -> bool:
    """True if an error containing ``message`` is the element right after the widget ``widget_key``."""
    elements = _walk(at.main)
    for i, element in enumerate(elements[:-1]):
        if getattr(element, "key", None) == widget_key:
            after = elements[i + 1]
            return after.type == "error" and message in after.value
    return False


def _walk(node) -> list:
    out = []
    for child in getattr(node, "children", {}).values():
        out.append(child)
        out.extend(_walk(child))
    return out


def _errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


@pytest.fixture
def app(workspace: Path) -> AppTest:
    return _named(AppTest.from_function(_script, default_timeout=60))


def test_name_is_asked_once_and_the_workspace_is_shown(workspace):
    at = AppTest.from_function(_script, default_timeout=60).run()
    assert not at.exception
    assert not at.tabs, "no form before the user gives a name"
    assert any(str(workspace).replace("-", "\\-").replace(".", "\\.").replace("_", "\\_") in m.value
               for m in at.markdown)
    _named(at)
    assert len(at.tabs) == 6
    assert any("Camille" in m.value for m in at.markdown)


def test_create_actor_saves_good_input_and_refuses_bad_input(app, workspace):
    before = _files(workspace)
    app.text_input(key="ed_new_id").input("Pas Un Slug")
    app.text_input(key="ed_new_name").input("OPCO des entreprises de proximité")
    app.selectbox(key="ed_new_kind").select("OPCO")
    app.text_input(key="ed_new_siret").input("123")
    app.button(key="ed_create_btn").click().run()
    assert not app.exception
    assert "slug" in _errors(app) and "un SIRET compte 14 chiffres" in _errors(app)
    assert _follows(app, "ed_new_siret", "SIRET"), "the message sits under its field"
    assert _files(workspace) == before, "nothing is written when the input is invalid"

    app.text_input(key="ed_new_id").input("opco-ep")
    app.text_input(key="ed_new_siret").input("")
    app.text_input(key="ed_new_why").input("nouvel OPCO")
    app.button(key="ed_create_btn").click().run()
    assert not app.exception and not app.error
    assert "Création" in app.success[0].value
    assert _store(workspace).actor("opco-ep").name == "OPCO des entreprises de proximité"
    assert _store(workspace).history("opco-ep")[0].who == "Camille"


def test_the_page_and_its_messages_in_english(workspace):
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state["w_lang"] = "en"
    _named(at)
    assert at.title[0].value == "Edit the map"
    assert [tab.label for tab in at.tabs] == ["Create an actor", "Edit an actor", "Merge", "Add a relationship",
                                              "End / delete", "History"]
    at.text_input(key="ed_new_id").input("opco-x")
    at.text_input(key="ed_new_name").input("OPCO X")
    at.selectbox(key="ed_new_kind").select("OPCO")
    at.text_input(key="ed_new_siret").input("123")
    at.button(key="ed_create_btn").click().run()
    assert _follows(at, "ed_new_siret", "a SIRET has 14 digits")
    at.text_input(key="ed_new_siret").input("")
    at.button(key="ed_create_btn").click().run()
    assert not at.error, _errors(at)
    assert at.success[0].value.startswith("Saved: ")


def test_edit_actor_and_conflict(app, workspace):
    app.text_input(key="ed_edit_pick_q").input("afdas")
    app.run()
    app.selectbox(key="ed_edit_pick").select("afdas").run()
    name_key = next(t.key for t in app.text_input if t.key.startswith("ed_edit_afdas_") and t.key.endswith("_name"))
    idcc_key = name_key.removesuffix("name") + "idcc"
    app.text_input(key=idcc_key).input("12345")
    app.button(key="ed_edit_btn").click().run()
    assert "un IDCC compte au plus 4 chiffres" in _errors(app)
    assert _store(workspace).actor("afdas").idcc is None

    app.text_input(key=idcc_key).input("")
    app.text_input(key=name_key).input("AFDAS")
    # Someone else saves the same actor meanwhile: this save must be refused.
    other = _store(workspace)
    from opcomap.editing import EditActor, Editor

    editor = Editor(other, default_schema(), "Bruno")
    actor, version = editor.open_actor("afdas")
    editor.submit(EditActor(actor_id="afdas", version=version, fields=actor.model_dump() | {"short_name": "AFD"}))
    app.button(key="ed_edit_btn").click().run()
    assert "modifié" in _errors(app)
    assert _store(workspace).actor("afdas").name == "Afdas"

    app.button(key="ed_edit_reload").click().run()
    new_name = next(t.key for t in app.text_input if t.key.startswith("ed_edit_afdas_") and t.key.endswith("_name"))
    assert new_name != name_key
    app.text_input(key=new_name).input("AFDAS").run()
    app.button(key="ed_edit_btn").click().run()
    assert not app.error
    assert _store(workspace).actor("afdas").name == "AFDAS"
    assert _store(workspace).actor("afdas").short_name == "AFD", "the other editor's change is kept"


def _pick(at: AppTest, key: str, text: str, actor_id: str) -> None:
    at.text_input(key=f"{key}_q").input(text)
    at.run()
    at.selectbox(key=key).select(actor_id)
    at.run()


def test_add_relationship_needs_a_source_then_saves(app, workspace):
    _pick(app, "ed_rel_source", "cfdt", "cfdt")
    _pick(app, "ed_rel_target", "afdas", "afdas")
    app.selectbox(key="ed_rel_type").select("CO_MANAGES").run()
    app.selectbox(key="ed_rel_p_CO_MANAGES_college").select("salariés")
    app.text_input(key="ed_rel_since").input("2019-04-01")
    app.button(key="ed_rel_btn").click().run()
    assert "au moins une source est obligatoire" in _errors(app)
    assert _follows(app, "ed_rel_src_title", "au moins une source")
    assert _store(workspace).relationship("cfdt|CO_MANAGES|afdas|2019-04-01") is None

    app.text_input(key="ed_rel_src_title").input("Accord constitutif")
    app.text_input(key="ed_rel_src_url").input("ftp://example.org")
    app.button(key="ed_rel_btn").click().run()
    assert "http" in _errors(app)
    assert _store(workspace).relationship("cfdt|CO_MANAGES|afdas|2019-04-01") is None

    app.text_input(key="ed_rel_src_url").input("https://example.org/accord")
    app.button(key="ed_rel_btn").click().run()
    assert not app.error, _errors(app)
    rel = _store(workspace).relationship("cfdt|CO_MANAGES|afdas|2019-04-01")
    assert rel.properties == {"college": "salariés"} and rel.sources[0].url == "https://example.org/accord"
    load_dataset([workspace], default_schema())  # the workspace still validates with the loaders


def test_end_then_delete_with_confirmation(app, workspace):
    key = "medef|CO_MANAGES|afdas|2019-04-01"
    _pick(app, "ed_end_pick", "medef", "medef")
    app.selectbox(key="ed_end_rel").select(key).run()
    app.text_input(key="ed_end_until").input("31/02/2024")
    app.button(key="ed_end_btn").click().run()
    assert "n’est pas une date valide" in _errors(app)
    assert _store(workspace).relationship(key).until is None

    app.text_input(key="ed_end_until").input("31/12/2024")  # typed the French way, as in the loaded files
    app.button(key="ed_end_btn").click().run()
    assert not app.error, _errors(app)
    assert _store(workspace).relationship(key).until.isoformat() == "2024-12-31"

    app.button(key="ed_del_btn").click().run()
    assert "confirm" in _errors(app)
    assert _store(workspace).relationship(key) is not None
    app.checkbox(key="ed_del_confirm").check()
    app.button(key="ed_del_btn").click().run()
    assert not app.error, _errors(app)
    assert _store(workspace).relationship(key) is None


def test_merge_and_undo_from_the_history(app, workspace):
    _pick(app, "ed_merge_keep", "afdas", "afdas")
    _pick(app, "ed_merge_drop", "doublon", "afdas-bis")
    app.button(key="ed_merge_btn").click().run()
    assert not app.error, _errors(app)
    store = _store(workspace)
    assert store.actor("afdas-bis") is None and "afdas-bis" in store.actor("afdas").aliases

    app.text_input(key="ed_hist_id").input("afdas-bis").run()
    undo = [b for b in app.button if b.key.startswith("ed_tab_undo_")]
    assert len(undo) == 1
    undo[0].click().run()
    assert not app.error, _errors(app)
    assert _store(workspace).actor("afdas-bis") is not None
    assert any("annulée" in e.label for e in app.expander)


def test_merging_an_actor_with_itself_is_refused(app, workspace):
    _pick(app, "ed_merge_keep", "afdas", "afdas")
    _pick(app, "ed_merge_drop", "afdas", "afdas")
    app.button(key="ed_merge_btn").click().run()
    assert "deux acteurs différents" in _errors(app)


def test_read_only_refuses_edits(workspace, monkeypatch):
    monkeypatch.setenv("OPCOMAP_READ_ONLY", "true")
    at = _named(AppTest.from_function(_script, default_timeout=60))
    assert any("lecture seule" in w.value for w in at.warning)
    assert at.button(key="ed_create_btn").disabled


def test_typed_text_is_escaped(app, workspace):
    app.text_input(key="ed_new_id").input("x-html")
    app.text_input(key="ed_new_name").input("<img src=x onerror=alert(1)> **gras**")
    app.selectbox(key="ed_new_kind").select("NETWORK")
    app.button(key="ed_create_btn").click().run()
    assert not app.error, _errors(app)
    flash = app.success[0].value
    assert not re.search(r"(?<!\\)[<>*]", flash), "every markup character is escaped"
    assert "\\<img" in flash and "\\*\\*gras\\*\\*" in flash


@pytest.mark.neo4j
def test_the_page_writes_to_neo4j_when_the_app_runs_on_it(neo4j_driver, neo4j_settings, monkeypatch, tmp_path):
    from opcomap.store.edits import Neo4jEditStore
    from opcomap.store.writer import write_dataset

    database = neo4j_settings.neo4j_database
    with neo4j_driver.session(database=database) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
    write_dataset(neo4j_driver, load_dataset([REFERENCE], default_schema()), default_schema(),
                  dataset_name="reference", database=database)
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("NEO4J_DATABASE", database)
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(tmp_path / "unused"))
    for name in ("OPCOMAP_READ_ONLY", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA"):
        monkeypatch.delenv(name, raising=False)

    at = _named(AppTest.from_function(_script, default_timeout=60))
    assert any("Neo4j" in m.value and "une transaction par modification" in m.value for m in at.markdown)
    at.text_input(key="ed_new_id").input("opco-ep")
    at.text_input(key="ed_new_name").input("OPCO EP")
    at.selectbox(key="ed_new_kind").select("OPCO")
    at.text_input(key="ed_new_why").input("création depuis l'app")
    at.button(key="ed_create_btn").click().run()
    assert not at.exception and not at.error, _errors(at)
    store = Neo4jEditStore(neo4j_driver, default_schema(), database)
    assert store.actor("opco-ep").name == "OPCO EP"
    assert [(c.who, c.why) for c in store.history("opco-ep")] == [("Camille", "création depuis l'app")]
    assert not (tmp_path / "unused").exists()


def _profile_script() -> None:
    from opcomap.ui.edit.history import show_history

    show_history("afdas")


def test_show_history_for_the_profile_page(workspace):
    from opcomap.editing import EditActor, Editor

    at = AppTest.from_function(_profile_script, default_timeout=60).run()
    assert not at.exception
    assert "Aucune modification" in at.caption[0].value
    editor = Editor(_store(workspace), default_schema(), "Bruno")
    actor, version = editor.open_actor("afdas")
    editor.submit(EditActor(actor_id="afdas", version=version, why="sigle",
                            fields=actor.model_dump() | {"short_name": "AFDAS"}))
    at.run()
    assert at.expander[0].label.endswith("Bruno · Modification d'un acteur")
    assert not [b for b in at.button if "undo" in (b.key or "")], "no undo without a named editor"
    at.session_state["ed_who"] = "Camille"
    at.run()
    undo = [b for b in at.button if "undo" in (b.key or "")]
    undo[0].click().run()
    assert not at.error, _errors(at)
    assert _store(workspace).actor("afdas").short_name == "Afdas"
