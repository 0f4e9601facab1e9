"""Accounts in the app under AppTest: single-user mode says so; with accounts, signing in comes first;
wrong passwords are refused and then locked; viewers cannot edit, not even by a crafted callback;
the history records the signed-in account; idle sessions end; the identity provider's people get a role."""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph_model.schema import default_schema
from opcomap.auth import Role, User
from opcomap.auth.accounts import Accounts
from opcomap.editing import WorkspaceStore
from opcomap.ui.common import md
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV

APP = str(Path(__file__).resolve().parent.parent / "app.py")
REFERENCE = Path(__file__).parent / "editing_data" / "reference"
PASSWORD = "un mot de passe assez long"
OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "opcomap", "client_secret": "s",
                 "server_metadata_url": "https://login.example.fr/.well-known/openid-configuration"}}


@pytest.fixture
def env(tmp_path, monkeypatch) -> Path:
    """Embedded mode on a workspace copy, with an accounts file of the test's own (absent at first)."""
    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV, "OPCOMAP_READ_ONLY", "OPCOMAP_SESSION_MINUTES",
                 "OPCOMAP_OIDC_ROLE"):
        monkeypatch.delenv(name, raising=False)
    workspace = tmp_path / "ws"
    shutil.copytree(REFERENCE, workspace)
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(workspace))
    monkeypatch.setenv("OPCOMAP_ACCOUNTS", str(tmp_path / "accounts.json"))
    return tmp_path / "accounts.json"


def _name() -> str:
    """A name of the test's own: the login limiter is shared by every session of the process."""
    return f"user-{uuid.uuid4().hex[:8]}"


def _open(**secrets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(secrets)
    return at.run()


def _sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password)
    return at.button(key="auth_submit").click().run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [t.value for t in at.title]
    return "\n".join(parts)


def _pages(at: AppTest) -> set[str]:
    return set(at.session_state["_opcomap_run"].pages)


def test_without_accounts_the_app_opens_as_before_and_says_single_user(env):
    at = _open()
    assert not at.exception and not at.error
    assert any("mono-utilisateur" in c.value and "opcomap users add" in c.value for c in at.sidebar.caption)
    assert "modifier" in _pages(at) and "donnees" in _pages(at)
    assert not any(t.value == "Connexion" for t in at.title)


def test_with_accounts_a_visitor_sees_only_the_sign_in_form(env):
    Accounts(env).add(_name(), Role.EDITOR, PASSWORD)
    at = _open()
    assert not at.exception
    assert [t.value for t in at.title] == ["Connexion"]
    assert "_opcomap_run" not in at.session_state, "no page of the map is drawn"
    assert len(at.text_input) == 2 and at.text_input(key="auth_password").proto.type == 1  # PASSWORD
    assert not any("mono-utilisateur" in c.value for c in at.sidebar.caption)


def test_a_wrong_password_and_an_unknown_name_get_the_same_refusal(env):
    name = _name()
    Accounts(env).add(name, Role.EDITOR, PASSWORD)
    at = _sign_in(_open(), name, PASSWORD + "?")
    assert [e.value for e in at.error] == ["Nom ou mot de passe incorrect."]
    at = _sign_in(at, "nobody-" + name, PASSWORD)
    assert [e.value for e in at.error] == ["Nom ou mot de passe incorrect."]
    assert at.text_input(key="auth_password").value == "", "the password typed is not kept"
    assert "auth_user" not in at.session_state


def test_five_failures_lock_the_name_even_against_the_right_password(env):
    name = _name()
    Accounts(env).add(name, Role.EDITOR, PASSWORD)
    at = _open()
    for _ in range(5):
        at = _sign_in(at, name, "pas le bon mot de passe")
    at = _sign_in(at, name, PASSWORD)
    assert "auth_user" not in at.session_state
    assert any("Trop d'essais" in e.value and "15 min" in e.value for e in at.error)
    other = _sign_in(_open(), name, PASSWORD)
    assert "auth_user" not in other.session_state, "the lock holds in another browser session too"


def test_an_editor_signs_in_sees_who_they_are_and_signs_out(env):
    name = _name()
    Accounts(env).add(name, Role.EDITOR, PASSWORD)
    at = _sign_in(_open(), name, PASSWORD)
    assert not at.exception and not at.error
    assert at.session_state["auth_user"] == User(name, Role.EDITOR)
    assert any(md(name) in m.value and "éditeur" in m.value for m in at.sidebar.markdown)
    assert "modifier" in _pages(at)
    at.sidebar.button(key="auth_sign_out").click().run()
    assert [t.value for t in at.title] == ["Connexion"] and "auth_user" not in at.session_state


def test_a_viewer_has_no_modifier_page_and_no_upload(env):
    name = _name()
    Accounts(env).add(name, Role.VIEWER, PASSWORD)
    at = _sign_in(_open(), name, PASSWORD)
    assert not at.exception
    assert "modifier" not in _pages(at) and "carte" in _pages(at)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_user"] = User(name, Role.VIEWER)
    at.session_state["_auth_by"] = "password"
    at.query_params["page"] = "donnees"
    at.run()
    assert not at.exception
    assert "lecteur" in _texts(at) and "pas de la modifier" in _texts(at)
    assert not at.get("file_uploader"), "a viewer is offered no file to add"


def _forced_edit() -> None:
    """A viewer's session whose script calls the Modifier page's save callback directly."""
    import streamlit as st

    from opcomap.editing import CreateActor, Editor
    from opcomap.ui.context import build_context
    from opcomap.ui.edit.session import edit_store, submit

    ctx = build_context("fr")
    editor = Editor(edit_store(ctx), ctx.schema, who="forged")
    submit("create", editor, "fr", lambda: CreateActor(fields={"id": "opco-forge", "name": "Forgé", "kind": "OPCO"},
                                                       why="test"))
    st.write(st.session_state.get("ed_err_create"))


@pytest.mark.parametrize(("user", "said"), [(User("vera", Role.VIEWER), "lecteur"),
                                            (User("camille", Role.EDITOR), "pas faite sous votre compte")])
def test_a_forced_save_callback_is_refused_and_nothing_is_written(env, tmp_path, user, said):
    """A viewer may not write; an editor may not write under another name than their account's."""
    at = AppTest.from_function(_forced_edit, default_timeout=60)
    at.session_state["auth_user"] = user
    at.run()
    assert not at.exception
    assert said in str(at.session_state["ed_err_create"])
    assert WorkspaceStore(tmp_path / "ws", default_schema()).actor("opco-forge") is None
    assert not (tmp_path / "ws" / "history.jsonl").exists()


def _editer() -> None:
    from opcomap.ui.pages.editer import page

    page()


def test_an_editors_change_is_recorded_under_the_signed_in_name(env, tmp_path):
    at = AppTest.from_function(_editer, default_timeout=60)
    at.session_state["auth_user"] = User("camille.martin", Role.EDITOR)
    at.session_state["ed_who"] = "Quelqu'un d'autre"  # a name typed earlier never reaches the history
    at.run()
    assert not at.exception
    assert not [t for t in at.text_input if t.key == "ed_who_input"], "no name is asked of a signed-in user"
    assert any(md("camille.martin") in m.value for m in at.markdown)
    at.text_input(key="ed_new_id").input("opco-ep")
    at.text_input(key="ed_new_name").input("OPCO des entreprises de proximité")
    at.selectbox(key="ed_new_kind").select("OPCO")
    at.text_input(key="ed_new_why").input("nouvel OPCO")
    at.button(key="ed_create_btn").click().run()
    assert not at.exception and not at.error
    history = WorkspaceStore(tmp_path / "ws", default_schema()).history("opco-ep")
    assert [change.who for change in history] == ["camille.martin"]


def test_an_idle_session_expires_and_asks_to_sign_in_again(env, monkeypatch):
    monkeypatch.setenv("OPCOMAP_SESSION_MINUTES", "30")
    name = _name()
    Accounts(env).add(name, Role.EDITOR, PASSWORD)
    at = _sign_in(_open(), name, PASSWORD)
    assert "auth_user" in at.session_state
    at.session_state["_auth_seen"] = time.time() - 31 * 60
    at.run()
    assert "auth_user" not in at.session_state
    assert [t.value for t in at.title] == ["Connexion"]
    assert any("expiré" in w.value for w in at.warning)


def test_a_removed_account_is_signed_out_at_its_next_page(env):
    name = _name()
    Accounts(env).add(name, Role.EDITOR, PASSWORD)
    Accounts(env).add(_name(), Role.ADMIN, PASSWORD)
    at = _sign_in(_open(), name, PASSWORD)
    Accounts(env).remove(name)
    at.run()
    assert "auth_user" not in at.session_state and [t.value for t in at.title] == ["Connexion"]


def test_the_identity_provider_offers_its_button_and_its_people_get_a_role(env, monkeypatch):
    monkeypatch.setattr("opcomap.ui.signin.authlib_installed", lambda: False)
    at = _open(**OIDC)
    assert [t.value for t in at.title] == ["Connexion"]
    assert any("Authlib" in e.value for e in at.error), "a missing library is said, not a traceback"
    monkeypatch.setattr("opcomap.ui.signin.authlib_installed", lambda: True)
    at = _open(**OIDC)
    assert at.button(key="auth_oidc").label == "Se connecter avec le compte de l'organisation"
    assert not at.text_input, "no password form without password accounts"

    Accounts(env).add("ana@example.fr", Role.REVIEWER, None)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(OIDC)
    at.user = {"is_logged_in": True, "email": "Ana@example.fr", "sub": "42"}
    at.run()
    assert not at.exception
    assert at.session_state["auth_user"] == User("ana@example.fr", Role.REVIEWER)
    Accounts(env).set_role("ana@example.fr", Role.VIEWER)
    at.run()
    assert at.session_state["auth_user"] == User("ana@example.fr", Role.VIEWER), "a new role applies at once"

    monkeypatch.setenv("OPCOMAP_OIDC_ROLE", "none")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(OIDC)
    at.user = {"is_logged_in": True, "email": "stranger@example.fr", "sub": "43"}
    at.run()
    assert "auth_user" not in at.session_state
    assert any(md("stranger@example.fr") in e.value for e in at.error)


def test_a_damaged_accounts_file_lets_nobody_in_and_names_the_file(env):
    env.write_text("{broken", encoding="utf-8")
    at = _open()
    assert "_opcomap_run" not in at.session_state
    assert any("accounts" in e.value and "abîmé" in e.value for e in at.error)
