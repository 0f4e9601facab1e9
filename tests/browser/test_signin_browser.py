"""Signing in in a real browser: with an account, the map waits behind the sign-in form; a wrong
password is refused; the right one opens the map, with the account named in the sidebar."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from opcomap.auth import Role
from opcomap.auth.accounts import Accounts
from tests.browser.conftest import running_app

pytestmark = pytest.mark.browser
PASSWORD = "un mot de passe assez long"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("signin-browser")
    Accounts(folder / "accounts.json").add("camille", Role.VIEWER, PASSWORD)
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA")}
    env |= {"OPCOMAP_ACCOUNTS": str(folder / "accounts.json"), "OPCOMAP_WORKSPACE": str(folder / "ws")}
    with running_app(env, "signin-server.log") as url:
        yield url


def test_sign_in_opens_the_map_and_names_the_account(page, app_url):
    page.goto(f"{app_url}/")
    page.get_by_role("heading", name="Connexion").wait_for()
    assert page.get_by_text("acteurs,").count() == 0, "no map before signing in"
    page.get_by_label("Nom du compte").fill("camille")
    page.get_by_label("Mot de passe", exact=True).fill("pas le bon")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Nom ou mot de passe incorrect.").wait_for()

    page.get_by_label("Nom du compte").fill("camille")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("camille").wait_for()
    assert "lecteur" in sidebar.inner_text()
    assert sidebar.get_by_role("link", name="Modifier").count() == 0, "a viewer has no Modifier page"
    assert sidebar.get_by_role("link", name="Carte").count() == 1
