"""In embedded mode an edit saved to the workspace is what the map shows next."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from graph_model.schema import default_schema
from opcomap.editing.operations import CreateActor, plan
from opcomap.editing.workspace import WorkspaceStore
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
from tests.test_app_pages import APP, assert_clean, counts


def test_an_actor_created_in_the_workspace_appears_on_the_map(monkeypatch, tmp_path: Path):
    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(tmp_path / "ws"))

    before = AppTest.from_file(APP, default_timeout=60).run()
    assert_clean(before)
    actors_before, _ = counts(before)

    store = WorkspaceStore(tmp_path / "ws", default_schema())
    change = plan(CreateActor(fields={"id": "cfa-nouveau", "name": "CFA Nouveau", "kind": "CFA"}),
                  store, default_schema(), who="test")
    store.apply(change)

    after = AppTest.from_file(APP, default_timeout=60).run()
    assert_clean(after)
    actors_after, _ = counts(after)
    assert actors_after == actors_before + 1


def test_the_actor_profile_shows_its_recorded_edits(monkeypatch, tmp_path: Path):
    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(tmp_path / "ws"))
    store = WorkspaceStore(tmp_path / "ws", default_schema())
    change = plan(CreateActor(fields={"id": "cfa-nouveau", "name": "CFA <Nouveau>", "kind": "CFA"},
                              why="vu en réunion"), store, default_schema(), who="Camille")
    store.apply(change)

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["page"] = "acteur"
    at.query_params["id"] = "cfa-nouveau"
    at.run()
    assert_clean(at)
    assert "Modifications enregistrées" in [h.value for h in at.subheader]
    assert any("Camille" in e.label for e in at.expander)
