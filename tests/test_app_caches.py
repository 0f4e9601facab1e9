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


def _drawn(drawn) -> str:  # noqa: ANN001 (a DrawnMap)
    """What the map's frame receives, first draw and held-back actors and ties, as text."""
    return (drawn.data + drawn.reserve).decode("utf-8")


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
    assert "Afdas" in _drawn(view_map(run, run.view()))
    _rewrite(folder / "actors.csv", ",Afdas,", ",AFDAS des arts,")

    run = _run()
    view = run.view()
    assert "AFDAS des arts" in _drawn(view_map(run, view))
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


# -- a view read lean from Neo4j: details for what is shown, kept per data version --------------

def _lean(version: int):
    """A lean view as Neo4j gives one: two ties and their actors, no note, source or description."""
    import networkx as nx

    from opcomap.ui.data import ViewGraph

    graph = nx.MultiDiGraph()
    graph.add_node("etat", name="État", kind="PUBLIC_INSTITUTION")
    graph.add_node("opco-a", name="OPCO A", kind="OPCO")
    graph.add_edge("etat", "opco-a", key="etat|FUNDS|opco-a|", type="FUNDS")
    graph.add_edge("etat", "opco-a", key="etat|REGULATES|opco-a|", type="REGULATES")
    return ViewGraph(nx.freeze(graph), version=(version,), lean=True)


@pytest.fixture
def neo4j_details(folder, monkeypatch):
    """The store's detail reads, counted (the Store itself is never opened)."""
    from opcomap.ui import caches, data

    asked: list[list] = []

    def ties(store, database, keys):
        asked.append(["ties", *(key for _, key in keys)])
        return {key: {"note": f"note {len(asked)}", "sources": [{"id": "jo", "title": "JO"}]} for _, key in keys}

    def actors(store, database, ids):
        asked.append(["actors", *ids])
        return {i: {"description": f"à propos de {i}"} for i in ids}

    monkeypatch.setattr("opcomap.store.projection.tie_details", ties)
    monkeypatch.setattr("opcomap.store.projection.actor_details", actors)
    monkeypatch.setattr(data, "store_for", lambda ctx: object())
    caches.forget()
    return asked


def test_a_lean_views_details_are_read_once_per_data_version(neo4j_details):
    from opcomap.ui.data import ViewGraph, tie_details

    ctx = build_context("fr")
    keys = [("FUNDS", "etat|FUNDS|opco-a|"), ("REGULATES", "etat|REGULATES|opco-a|")]
    first = tie_details(ctx, _lean(1), keys)
    assert first["etat|FUNDS|opco-a|"]["note"] == "note 1"
    assert tie_details(ctx, _lean(1), list(reversed(keys))) == first  # same set, same version: kept
    assert len(neo4j_details) == 1
    assert tie_details(ctx, _lean(2), keys)["etat|FUNDS|opco-a|"]["note"] == "note 2"  # a new version
    assert tie_details(ctx, _lean(2), keys[:1]) and len(neo4j_details) == 3  # another set of ties
    # A view that carries its details (files) asks for nothing.
    assert tie_details(ctx, ViewGraph(_lean(3).graph), keys) == {} and len(neo4j_details) == 3


def test_a_map_of_a_lean_view_gets_details_for_what_it_draws_without_changing_the_view(neo4j_details):
    from opcomap.ui.data import with_details

    ctx = build_context("fr")
    view = _lean(1)
    shown = with_details(ctx, view, view.graph)
    assert shown is not view.graph
    assert shown.nodes["etat"]["description"] == "à propos de etat"
    assert shown.edges["etat", "opco-a", "etat|FUNDS|opco-a|"]["sources"] == [{"id": "jo", "title": "JO"}]
    assert not any("note" in d for *_, d in view.graph.edges(data=True))  # the shared view is untouched
    assert not any("description" in a for _, a in view.graph.nodes(data=True))
    assert sorted(map(sorted, neo4j_details)) == [sorted(["actors", "etat", "opco-a"]),
                                                   sorted(["ties", "etat|FUNDS|opco-a|", "etat|REGULATES|opco-a|"])]


def test_the_map_of_a_lean_view_is_drawn_again_for_a_new_data_version(neo4j_details):
    run = _run()
    assert "note 1" in _drawn(view_map(run, _lean(1)))  # the tooltips carry what was fetched
    assert "note 1" in _drawn(view_map(run, _lean(1))) and len(neo4j_details) == 2
    assert "note 3" in _drawn(view_map(run, _lean(2)))  # same lean graph, new version: new details
