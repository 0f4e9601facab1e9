"""Editing in a real browser: add a relationship on the Modifier page, then see it drawn on the map.

The app runs on a free port with a temporary workspace (a copy of a small
hand-made map) that is both where edits go (OPCOMAP_WORKSPACE) and what the
map shows (``opcomap serve --data <workspace>``, i.e. OPCOMAP_APP_DATA).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_model.schema import default_schema
from opcomap.editing import WorkspaceStore
from tests.browser.conftest import ARTIFACTS, running_app
from tests.browser.test_app_browser import _counts, _map_frame

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "tests" / "editing_data" / "reference"
KEY = "cfdt|CO_MANAGES|afdas|2019-04-01"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("edit-browser") / "ws"
    shutil.copytree(REFERENCE, folder)
    return folder


@pytest.fixture(scope="module")
def app_url(workspace: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "OPCOMAP_READ_ONLY", "OPCOMAP_APP_SCHEMA")}
    env |= {"OPCOMAP_WORKSPACE": str(workspace), "OPCOMAP_APP_DATA": str(workspace)}
    with running_app(env, "edit-server.log") as url:
        yield url


def _choose(page, label: str, typed: str) -> None:
    """Open the select box labelled ``label`` and pick the option matching ``typed``."""
    # Every tab of the page is in the DOM; only the open one is visible.
    box = page.get_by_test_id("stSelectbox").filter(has_text=label, visible=True).first
    box.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


def _fill(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True).filter(visible=True)
    field.fill(text)
    field.press("Enter")
    page.wait_for_timeout(400)


def _edges_between(frame, source: str, target: str) -> int:
    return frame.evaluate(
        """([s, t]) => Object.values(window.opcomapNetwork.body.edges)
               .filter(e => e.fromId === s && e.toId === t).length""",
        [source, target],
    )


def test_add_a_relationship_in_the_browser_and_see_it_on_the_map(page, app_url, workspace):
    page.goto(f"{app_url}/?page=carte")
    actors, ties = _counts(page)
    assert _edges_between(_map_frame(page), "cfdt", "afdas") == 0

    page.goto(f"{app_url}/?page=modifier")
    _fill(page, "Votre nom (enregistré dans l'historique de chaque modification)", "Camille")
    page.get_by_role("button", name="Commencer à modifier").click()
    page.get_by_role("tab", name="Ajouter une relation").click()
    _fill(page, "De (source) — rechercher", "cfdt")
    _choose(page, "De (source)", "Confédération")
    _fill(page, "Vers (cible) — rechercher", "afdas")
    _choose(page, "Vers (cible)", "Afdas (afdas)")
    _choose(page, "Type de relation", "Gestion paritaire")
    page.get_by_test_id("stSelectbox").filter(has_text="college", visible=True).first.wait_for(timeout=15_000)
    _choose(page, "college", "salariés")
    _fill(page, "Depuis (AAAA-MM-JJ)", "2019-04-01")
    page.get_by_role("button", name="Ajouter la relation").click()
    page.get_by_text("au moins une source est obligatoire").first.wait_for(timeout=15_000)
    assert WorkspaceStore(workspace, default_schema()).relationship(KEY) is None

    _fill(page, "Titre de la source *", "Accord constitutif de l'OPCO")
    _fill(page, "URL de la source", "https://example.org/accord")
    page.get_by_role("button", name="Ajouter la relation").click()
    page.get_by_text(re.compile(r"^Enregistré : Ajout de la relation")).first.wait_for(timeout=15_000)
    page.screenshot(path=str(ARTIFACTS / "edit-relationship.png"))
    saved = WorkspaceStore(workspace, default_schema()).relationship(KEY)
    assert saved is not None and saved.sources[0].title == "Accord constitutif de l'OPCO"

    page.goto(f"{app_url}/?page=carte")
    deadline = time.monotonic() + 30
    while _counts(page) != (actors, ties + 1) and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    assert _counts(page) == (actors, ties + 1)
    assert _edges_between(_map_frame(page), "cfdt", "afdas") == 1
    page.screenshot(path=str(ARTIFACTS / "edit-map.png"))
