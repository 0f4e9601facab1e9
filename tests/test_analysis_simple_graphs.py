"""Derived views are remembered only for graphs that cannot change under them (frozen ones)."""

from __future__ import annotations

import networkx as nx

from opcomap.analysis import structure
from opcomap.analysis.metrics import degree_funding
from opcomap.analysis.simple_graphs import fingerprint, undirected_view, weighted_view


def _funded() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("fc", name="France compétences")
    graph.add_node("opco", name="OPCO")
    graph.add_node("cfa", name="CFA")
    graph.add_edge("fc", "opco", key="k1", type="FUNDS", amount_eur=100.0)
    graph.add_edge("opco", "cfa", key="k2", type="FUNDS", amount_eur=10.0)
    return graph


def test_a_new_amount_on_the_same_graph_gives_new_weights():
    graph = _funded()
    assert weighted_view(graph)["fc"]["opco"]["weight"] == 100.0
    graph["fc"]["opco"]["k1"]["amount_eur"] = 250.0  # same actors, same ties
    assert weighted_view(graph)["fc"]["opco"]["weight"] == 250.0
    assert degree_funding(graph).values["fc"] == 250.0


def test_a_rename_on_the_same_graph_shows_in_its_views():
    graph = _funded()
    assert undirected_view(graph).nodes["cfa"]["name"] == "CFA"
    graph.nodes["cfa"]["name"] = "CFA du bâtiment"
    assert undirected_view(graph).nodes["cfa"]["name"] == "CFA du bâtiment"


def test_weighted_communities_follow_an_amount_changed_in_place():
    graph = nx.MultiDiGraph()
    for u, v in (("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")):
        graph.add_edge(u, v, type="FUNDS", amount_eur=1.0)
    graph["a"]["b"][0]["amount_eur"] = graph["c"]["d"][0]["amount_eur"] = 100.0
    before = sorted(map(sorted, structure.communities(graph, weighted=True, seed=1).groups))
    for u, v in (("a", "b"), ("c", "d")):
        graph[u][v][0]["amount_eur"] = 1.0
    for u, v in (("b", "c"), ("d", "a")):
        graph[u][v][0]["amount_eur"] = 100.0
    after = sorted(map(sorted, structure.communities(graph, weighted=True, seed=1).groups))
    assert before == [["a", "b"], ["c", "d"]] and after == [["a", "d"], ["b", "c"]]


def test_views_of_a_frozen_graph_are_built_once():
    graph = nx.freeze(_funded())
    assert weighted_view(graph) is weighted_view(graph)
    assert undirected_view(graph) is undirected_view(graph)


def test_a_view_of_a_graph_that_can_change_is_not_remembered():
    graph = _funded()
    window = graph.subgraph(["fc", "opco"])  # frozen itself, but shows its parent's changes
    assert weighted_view(window)["fc"]["opco"]["weight"] == 100.0
    graph["fc"]["opco"]["k1"]["amount_eur"] = 5.0
    assert weighted_view(window)["fc"]["opco"]["weight"] == 5.0


def test_the_fingerprint_follows_content_not_size():
    graph = _funded()
    same = _funded()
    assert fingerprint(graph) == fingerprint(same)
    same.nodes["cfa"]["name"] = "CFA du bâtiment"
    assert fingerprint(graph) != fingerprint(same)
    other = _funded()
    other["opco"]["cfa"]["k2"]["amount_eur"] = 11.0
    assert fingerprint(graph) != fingerprint(other)
