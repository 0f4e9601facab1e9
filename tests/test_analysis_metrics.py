"""Metrics match NetworkX: identical values when exact, rank correlation ≥ 0.95 when sampled."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph_model.schema import default_schema
from opcomap.analysis import metrics as m
from graph_model.errors import OpcomapError

TOL = 1e-9


def classic_graphs() -> dict[str, nx.Graph]:
    return {
        "karate": nx.karate_club_graph(),
        "florentine": nx.florentine_families_graph(),
        "les_miserables": nx.les_miserables_graph(),
        "disconnected": nx.gnm_random_graph(80, 110, seed=5),
        "barbell": nx.barbell_graph(6, 3),
    }


def assert_same(ours: dict, theirs: dict, tol: float = TOL) -> None:
    assert ours.keys() == theirs.keys()
    worst = max(abs(ours[n] - theirs[n]) for n in theirs)
    assert worst <= tol, worst


def spearman(a: dict, b: dict) -> float:
    nodes = list(a)
    ranks = [np.argsort(np.argsort([d[n] for n in nodes], kind="stable")) for d in (a, b)]
    return float(np.corrcoef(ranks[0], ranks[1])[0, 1])


@pytest.mark.parametrize("name", classic_graphs())
def test_exact_metrics_equal_networkx(name):
    graph = classic_graphs()[name]
    simple = nx.Graph(graph.edges())
    simple.add_nodes_from(graph)
    assert_same(m.betweenness(graph).values, nx.betweenness_centrality(simple))
    assert_same(m.closeness(graph).values, nx.closeness_centrality(simple))
    assert_same(m.clustering(graph).values, nx.clustering(simple))
    assert_same(m.pagerank(graph).values, _pagerank_python(simple, tol=1e-15, max_iter=100_000))
    if nx.is_connected(simple):
        assert_same(m.eigenvector(graph).values, nx.eigenvector_centrality(simple, tol=1e-15, max_iter=100_000))


def test_pagerank_on_a_directed_graph_with_dangling_actors_equals_networkx():
    graph = nx.gnm_random_graph(120, 300, seed=11, directed=True)
    graph.add_nodes_from(["lonely", "sink"])
    graph.add_edge(0, "sink")
    assert_same(m.pagerank(graph).values, _pagerank_python(graph, tol=1e-15, max_iter=100_000))


def test_sampled_betweenness_is_networkx_estimator_with_the_same_draw():
    graph = nx.barabasi_albert_graph(300, 3, seed=2)
    ours = m.betweenness(graph, exact_limit=100, k=40, seed=9)
    assert ours.method == "sampled (k=40, seed=9)"
    assert_same(ours.values, nx.betweenness_centrality(graph, k=40, seed=9))


def test_sampled_betweenness_ranks_like_exact():
    graph = nx.barabasi_albert_graph(600, 2, seed=4)
    sampled = m.betweenness(graph, exact_limit=100, k=150, seed=1)
    assert spearman(sampled.values, nx.betweenness_centrality(graph)) >= 0.95


def test_sampled_closeness_ranks_like_exact_even_when_disconnected():
    graph = nx.disjoint_union(nx.barabasi_albert_graph(500, 2, seed=4), nx.path_graph(4))
    graph.add_node("isolated")
    sampled = m.closeness(graph, exact_limit=100, k=100, seed=3)
    assert sampled.method.startswith("sampled")
    exact = nx.closeness_centrality(graph)
    assert spearman(sampled.values, exact) >= 0.95
    assert sampled.values["isolated"] == 0.0
    # the small path got no pivot: its actors are computed exactly
    assert abs(sampled.values[501] - exact[501]) < TOL


def test_degrees_count_parallel_ties_and_undirected_types_both_ways():
    graph = nx.MultiDiGraph()
    graph.add_edge("fc", "opco", type="FUNDS", amount_eur=100.0)
    graph.add_edge("fc", "opco", type="FUNDS", amount_eur=50)
    graph.add_edge("opco", "cfa", type="FUNDS", amount_eur=20.0)
    graph.add_edge("opco", "other", type="PARTNERS_WITH")
    schema = default_schema()
    assert m.degree_in(graph, schema).values == {"fc": 0, "opco": 3, "cfa": 1, "other": 1}
    assert m.degree_out(graph, schema).values == {"fc": 2, "opco": 2, "cfa": 0, "other": 1}
    assert m.degree_funding(graph).values == {"fc": 150.0, "opco": 170.0, "cfa": 20.0, "other": 0.0}


def test_degree_is_the_total_of_ties_each_counted_once_per_end():
    graph = nx.MultiDiGraph()
    graph.add_edge("fc", "opco", type="FUNDS")
    graph.add_edge("fc", "opco", type="FUNDS")
    graph.add_edge("opco", "cfa", type="FUNDS")
    graph.add_edge("opco", "other", type="PARTNERS_WITH")  # undirected type: once, not both ways
    graph.add_node("alone")
    expected = {node: float(d) for node, d in graph.degree()}  # NetworkX's plain degree
    assert m.degree(graph, default_schema()).values == expected == {
        "fc": 2.0, "opco": 4.0, "cfa": 1.0, "other": 1.0, "alone": 0.0}
    assert "degree" in m.METRICS
    assert m.compute_metrics(graph, metrics=["degree"]).values == {"degree": expected}


def test_compute_metrics_reports_exact_or_sampled_per_metric():
    graph = nx.barabasi_albert_graph(200, 2, seed=1)
    small = m.compute_metrics(graph, metrics=["betweenness", "closeness", "pagerank"])
    assert small.method == {"betweenness": "exact", "closeness": "exact", "pagerank": "exact"}
    big = m.compute_metrics(graph, metrics=["betweenness", "closeness"], exact_limit=100, k=50, seed=2)
    assert big.method == {"betweenness": "sampled (k=50, seed=2)", "closeness": "sampled (k=50, seed=2)"}
    rows = big.rows(graph)
    assert len(rows) == 200 and set(rows[0]) == {"id", "name", "kind", "betweenness", "closeness"}


def test_unknown_metric_is_a_clear_error():
    with pytest.raises(OpcomapError, match="pagernk"):
        m.compute_metrics(nx.path_graph(3), metrics=["pagernk"])


def test_empty_and_edgeless_graphs_give_zeros():
    empty = nx.MultiDiGraph()
    assert all(v == {} for v in m.compute_metrics(empty).values.values())
    lonely = nx.MultiDiGraph()
    lonely.add_nodes_from(["a", "b"])
    result = m.compute_metrics(lonely)
    assert result.values.pop("pagerank") == {"a": 0.5, "b": 0.5}  # as networkx: uniform
    assert all(value == 0.0 for per_actor in result.values.values() for value in per_actor.values())
