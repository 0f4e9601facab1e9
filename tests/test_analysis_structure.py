"""Components, communities, brokers, bridges and cores, checked against NetworkX."""

from __future__ import annotations

import networkx as nx
import pytest

from opcomap.analysis import structure as s


@pytest.fixture
def les_mis() -> nx.Graph:
    return nx.Graph(nx.les_miserables_graph().edges())


def test_components_are_networkx_components_largest_first():
    graph = nx.disjoint_union_all([nx.path_graph(2), nx.complete_graph(5), nx.empty_graph(1)])
    graph = nx.MultiDiGraph(graph.to_directed())
    assert s.components(graph) == [{2, 3, 4, 5, 6}, {0, 1}, {7}]
    assert sorted(map(sorted, s.components(graph))) == sorted(map(sorted, nx.weakly_connected_components(graph)))


def test_louvain_finds_planted_groups_and_reports_networkx_modularity():
    graph = nx.planted_partition_graph(4, 25, 0.5, 0.01, seed=3)
    found = s.communities(graph, seed=7)
    planted = [set(range(i * 25, (i + 1) * 25)) for i in range(4)]
    assert sorted(map(sorted, found.groups)) == sorted(map(sorted, planted))
    assert found.modularity == pytest.approx(nx.community.modularity(graph, found.groups), abs=1e-9)
    assert {found.membership[n] for n in planted[0]} == {found.membership[0]}


def test_louvain_is_reproducible_with_a_seed_and_resolution_changes_the_grain(les_mis):
    first = s.communities(les_mis, seed=42)
    again = s.communities(les_mis, seed=42)
    assert first.groups == again.groups and first.modularity == again.modularity
    coarse = s.communities(les_mis, resolution=0.3, seed=42)
    fine = s.communities(les_mis, resolution=3.0, seed=42)
    assert len(coarse.groups) < len(first.groups) < len(fine.groups)
    assert fine.modularity == pytest.approx(
        nx.community.modularity(les_mis, fine.groups, resolution=3.0), abs=1e-9
    )


def test_weighted_communities_follow_the_money():
    graph = nx.MultiDiGraph()
    # a square where the two funding pairs are heavy and the other ties weigh nothing
    for u, v, amount in [("a", "b", 1e6), ("c", "d", 1e6), ("a", "c", 0.0), ("b", "d", 0.0)]:
        graph.add_edge(u, v, amount_eur=amount)
    found = s.communities(graph, seed=1, weighted=True)
    assert sorted(map(sorted, found.groups)) == [["a", "b"], ["c", "d"]]


def test_brokers_rank_betweenness_relative_to_degree():
    # Two hubs of degree 6 hold their star together; "go" links the two stars with 2 ties.
    graph = nx.Graph()
    graph.add_edges_from(("hub1", f"a{i}") for i in range(5))
    graph.add_edges_from(("hub2", f"b{i}") for i in range(5))
    graph.add_edges_from([("hub1", "go"), ("go", "hub2")])
    ranked = s.brokers(graph, top=3)
    assert [r["id"] for r in ranked] == ["go", "hub1", "hub2"]
    assert ranked[0]["degree"] == 2 and ranked[0]["method"] == "exact"
    betweenness = nx.betweenness_centrality(graph)
    assert ranked[1]["betweenness"] == pytest.approx(betweenness["hub1"], abs=1e-12)
    assert all(r["score"] > 0 for r in s.brokers(graph, top=100))


def test_bridges_and_articulation_points_equal_networkx(les_mis):
    ours = {frozenset(e) for e in s.bridges(les_mis)}
    assert ours == {frozenset(e) for e in nx.bridges(les_mis)}
    assert s.articulation_points(les_mis) == set(nx.articulation_points(les_mis))


def test_bridges_ignore_direction_and_parallel_ties():
    graph = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    assert set(map(frozenset, s.bridges(graph))) == {frozenset("ab"), frozenset("bc")}
    assert s.articulation_points(graph) == {"b"}


def test_core_numbers_and_k_core_equal_networkx(les_mis):
    assert s.core_numbers(les_mis) == nx.core_number(les_mis)
    assert s.k_core(les_mis) == set(nx.k_core(les_mis))
    assert s.k_core(les_mis, 3) == set(nx.k_core(les_mis, 3))
