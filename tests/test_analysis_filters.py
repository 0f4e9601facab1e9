"""View filters and the views the metrics use, on a hand-made map whose answers are known."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph_model.schema import default_schema
from opcomap.analysis.filters import WEAK_CONFIDENCE, apply_filters, is_weak
from opcomap.analysis.simple_graphs import directed_view, undirected_view, weighted_view
from graph_model.errors import NotFound
from opcomap.analysis.selection import ViewFilters


@pytest.fixture
def territory() -> nx.MultiDiGraph:
    """Lyon (84) and Paris (11) CFA, one OPCO, France compétences, a lonely national body."""
    g = nx.MultiDiGraph()
    g.add_node("fc", kind="PUBLIC_INSTITUTION", since="2019-01-01")
    g.add_node("opco", kind="OPCO", since="2019-04-01")
    g.add_node("opca", kind="OPCA", until="2019-03-31")
    g.add_node("lonely", kind="PUBLIC_INSTITUTION")
    g.add_node("ara", kind="REGION", region_code="84")
    g.add_node("cfa-lyon", kind="CFA", region_code="84")
    g.add_node("cfa-paris", kind="CFA", region_code="11")
    g.add_edge("fc", "opco", key="f1", type="FUNDS", since="2019-04-01", amount_eur=100.0)
    g.add_edge("opco", "cfa-lyon", key="f2", type="FUNDS", since="2020-01-01", amount_eur=10.0)
    g.add_edge("opco", "cfa-paris", key="f3", type="FUNDS", illustrative=True)
    g.add_edge("cfa-lyon", "ara", key="l1", type="LOCATED_IN")
    g.add_edge("opca", "opco", key="s1", type="SUCCEEDED_BY", since="2019-04-01")
    g.add_edge("opco", "fc", key="p1", type="PARTNERS_WITH")
    return g


def keys(graph: nx.MultiDiGraph) -> set[str]:
    return {k for _, _, k in graph.edges(keys=True)}


def test_no_filter_returns_the_graph_itself(territory):
    assert apply_filters(territory, ViewFilters()) is territory


def test_kinds_keep_actors_of_those_kinds_and_the_ties_among_them(territory):
    out = apply_filters(territory, ViewFilters(kinds=("OPCO", "CFA")))
    assert set(out) == {"opco", "cfa-lyon", "cfa-paris"}
    assert keys(out) == {"f2", "f3"}


def test_types_keep_every_actor(territory):
    out = apply_filters(territory, ViewFilters(types=("LOCATED_IN",)))
    assert set(out) == set(territory) and keys(out) == {"l1"}


def test_as_of_keeps_what_was_valid_that_day(territory):
    before_reform = apply_filters(territory, ViewFilters(as_of=dt.date(2018, 6, 1)))
    assert "opco" not in before_reform and "opca" in before_reform
    assert keys(before_reform) == {"l1"}  # f3 goes with the OPCO, not yet created
    after = apply_filters(territory, ViewFilters(as_of=dt.date(2019, 6, 1)))
    assert "opca" not in after and keys(after) == {"f1", "f3", "l1", "p1"}


def test_illustrative_ties_can_be_left_out(territory):
    assert keys(apply_filters(territory, ViewFilters(include_illustrative=False))) == keys(territory) - {"f3"}


def test_weakly_sourced_ties_can_be_left_out(territory):
    copy, jo = {"title": "Copie", "confidence": 0.5}, {"title": "JO", "confidence": 0.95}
    territory.edges["opco", "cfa-lyon", "f2"]["sources"] = [copy, {"title": "Blog", "confidence": 0.59}]
    territory.edges["fc", "opco", "f1"]["sources"] = [copy, jo]  # one good source is enough
    territory.edges["opco", "fc", "p1"]["sources"] = [copy, {"title": "Note"}]  # an unrated source is not judged
    territory.edges["opco", "cfa-paris", "f3"]["sources"] = [{"title": "Limite", "confidence": WEAK_CONFIDENCE}]
    assert [k for *_, k, d in territory.edges(keys=True, data=True) if is_weak(d)] == ["f2"]
    out = apply_filters(territory, ViewFilters(include_weak=False))
    assert keys(out) == keys(territory) - {"f2"} and set(out) == set(territory)
    # like the other tie filters, it runs before the Région: the OPCO was tied to Lyon only by f2
    assert set(apply_filters(territory, ViewFilters(region="84", include_weak=False))) == {"ara", "cfa-lyon"}
    assert "sans liens à source faible" in ViewFilters(include_weak=False).describe()
    assert "without weakly sourced ties" in ViewFilters(include_weak=False).describe("en")


def test_region_keeps_its_actors_and_the_national_actors_tied_to_them(territory):
    out = apply_filters(territory, ViewFilters(region="84"))
    # opco is national and funds the Lyon CFA; fc and lonely are not tied to a Lyon actor
    assert set(out) == {"ara", "cfa-lyon", "opco"}
    assert keys(out) == {"f2", "l1"}


def test_region_uses_only_ties_that_survive_other_filters(territory):
    out = apply_filters(territory, ViewFilters(region="84", types=("LOCATED_IN",)))
    assert set(out) == {"ara", "cfa-lyon"}


def test_opco_keeps_it_and_its_direct_partners(territory):
    out = apply_filters(territory, ViewFilters(opco="opco"))
    assert set(out) == {"opco", "fc", "opca", "cfa-lyon", "cfa-paris"}


def test_focus_depth_is_an_ego_network(territory):
    assert set(apply_filters(territory, ViewFilters(focus="ara", depth=1))) == {"ara", "cfa-lyon"}
    assert set(apply_filters(territory, ViewFilters(focus="ara", depth=2))) == {"ara", "cfa-lyon", "opco"}


def test_focus_on_an_unknown_actor_says_so(territory):
    with pytest.raises(NotFound, match="nobody"):
        apply_filters(territory, ViewFilters(focus="nobody"))


def test_filters_do_not_touch_the_input(territory):
    before = (set(territory), keys(territory))
    apply_filters(territory, ViewFilters(kinds=("CFA",), region="84", include_illustrative=False))
    assert (set(territory), keys(territory)) == before


def test_dataset_filter_keeps_file_actors_and_drops_other_datasets(territory):
    territory.nodes["cfa-paris"]["dataset"] = "other"
    out = apply_filters(territory, ViewFilters(dataset="mine"))
    assert "cfa-paris" not in out and "cfa-lyon" in out


def test_views_treat_undirected_types_as_symmetric(territory):
    schema = default_schema()
    directed = directed_view(territory, schema)
    assert directed.has_edge("opco", "fc") and directed.has_edge("fc", "opco")  # FUNDS one way + partnership
    assert directed.has_edge("cfa-lyon", "ara") and not directed.has_edge("ara", "cfa-lyon")
    undirected = undirected_view(territory)
    assert undirected["fc"]["opco"]["ties"] == 2
    assert weighted_view(territory)["fc"]["opco"]["weight"] == 100.0


def test_views_are_rebuilt_when_the_graph_changes_and_cannot_be_mutated(territory):
    frozen = nx.freeze(territory.copy())
    assert undirected_view(frozen) is undirected_view(frozen)  # a graph that cannot change keeps its view
    first = undirected_view(territory)
    territory.add_edge("lonely", "ara", key="x", type="LOCATED_IN")
    again = undirected_view(territory)
    assert again is not first and again.has_edge("lonely", "ara")
    with pytest.raises(nx.NetworkXError):
        again.add_edge("a", "b")
