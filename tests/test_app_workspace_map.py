"""In embedded mode an edit saved to the workspace is what the map shows next."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from graph_model.schema import default_schema
from opcomap.editing.operations import CreateActor, plan
from opcomap.editing.workspace import WorkspaceStore
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
from tests.cli_runner import cli  # noqa: F401 (the fixture)
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


def _sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def test_after_an_edit_the_sidebar_says_the_map_is_the_edit_workspace(monkeypatch, tmp_path: Path):
    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(tmp_path / "ws"))
    before = AppTest.from_file(APP, default_timeout=60).run()
    assert any("Carte de référence fournie" in c for c in _sidebar_captions(before))

    store = WorkspaceStore(tmp_path / "ws", default_schema())
    store.apply(plan(CreateActor(fields={"id": "cfa-nouveau", "name": "CFA Nouveau", "kind": "CFA"}),
                     store, default_schema(), who="test"))
    after = AppTest.from_file(APP, default_timeout=60).run()
    assert_clean(after)
    captions = _sidebar_captions(after)
    assert not any("Carte de référence fournie" in c for c in captions)
    assert any("espace d'édition" in c and str(tmp_path / "ws") in c for c in captions), captions


def test_the_cli_without_data_reads_the_map_the_app_shows(cli, tmp_path: Path):
    """One rule: without --data and Neo4j, the CLI reads the edited workspace as the app does."""
    import json

    workspace = tmp_path / "ws"
    store = WorkspaceStore(workspace, default_schema())
    store.apply(plan(CreateActor(fields={"id": "cfa-nouveau", "name": "CFA Nouveau", "kind": "CFA"}),
                     store, default_schema(), who="test"))
    out = tmp_path / "map.json"
    code, _, err = cli("export", "--format", "json", "--output", str(out), OPCOMAP_WORKSPACE=str(workspace))
    assert code == 0, err
    assert "cfa-nouveau" in {node["id"] for node in json.loads(out.read_text(encoding="utf-8"))["nodes"]}
    code, stdout, err = cli("analyze", "--metrics", "degree", "--kinds", "CFA", "--format", "csv",
                            OPCOMAP_WORKSPACE=str(workspace))
    assert code == 0, err
    assert "cfa-nouveau" in stdout
