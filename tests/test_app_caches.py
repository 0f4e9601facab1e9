"""The app's caches follow the content of the map: an edit that keeps the number of actors and
ties (a rename, a new amount) still gives new sizes, brokers, what-if answers and map."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opcomap.ui import analyses
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV, build_context
from opcomap.ui.downloads import view_map
from opcomap.ui.state import Run

REFERENCE = Path(__file__).parent / "editing_data" / "reference"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "carte"
    shutil.copytree(REFERENCE, data)
    for name in ("NEO4J_URI", SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(DATA_ENV, str(data))
    return data


def _run() -> Run:
    """A fresh script run, as the next page visit would make."""
    return Run(ctx=build_context("fr"), page="analyse")


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_new_amount_gives_new_funding_sizes(folder):
    run = _run()
    funding = analyses.metrics(run, run.view(), ("degree_funding",)).values["degree_funding"]
    assert funding["france-competences"] == 1500000
    _rewrite(folder / "relationships.csv", ",1500000,2021", ",2500000,2021")

    run = _run()
    funding = analyses.metrics(run, run.view(), ("degree_funding",)).values["degree_funding"]
    assert funding["france-competences"] == 2500000


def test_a_rename_shows_on_the_map_and_in_the_brokers(folder):
    run = _run()
    assert "Afdas" in view_map(run, run.view()).data
    _rewrite(folder / "actors.csv", ",Afdas,", ",AFDAS des arts,")

    run = _run()
    view = run.view()
    assert "AFDAS des arts" in view_map(run, view).data
    assert "AFDAS des arts" in [b["name"] for b in analyses.brokers(run, view)]


def test_a_tie_moved_to_another_actor_gives_new_brokers_and_what_if(folder):
    run = _run()
    view = run.view()
    assert analyses.brokers(run, view)[0]["id"] == "afdas-bis"
    assert analyses.what_if(run, view, actor="afdas-bis").disconnected == {"cfdt", "france-competences"}
    _rewrite(folder / "relationships.csv", "cfdt,afdas-bis,", "cfdt,afdas,")  # still 6 actors, 4 ties

    run = _run()
    view = run.view()
    assert analyses.brokers(run, view)[0]["id"] == "afdas"
    assert analyses.what_if(run, view, actor="afdas-bis").disconnected == {"france-competences"}


def test_the_app_holds_the_map_read_from_files_once(folder):
    """The unfiltered view the pages share is the graph graph_source keeps, not a second copy of it."""
    from opcomap.store.graph_source import file_graph
    from opcomap.ui.data import whole_graph

    ctx = build_context("fr")
    shown = whole_graph(ctx).graph
    assert shown is file_graph(ctx.data_paths, ctx.schema)
