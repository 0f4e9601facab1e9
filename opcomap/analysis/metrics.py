"""Per-actor metrics: who is central, who brokers, who is funded.

Every function takes the map (a NetworkX graph, usually the MultiDiGraph of
:func:`graph_model.graph.to_networkx`, or the same map held as columns, a
:class:`graph_model.columns.MapColumns`, which gives the same values) and returns
a :class:`Measure`: values keyed by actor id plus the method used. Values match
NetworkX's definitions (tests compare them); the work is done by igraph.

* ``degree``: ties at an actor, whatever their direction (NetworkX's plain
  degree): each tie counts once at each end; parallel ties all count.
* ``degree_in`` / ``degree_out``: ties arriving / leaving; a tie of an
  undirected type (schema) counts both ways. Parallel ties all count.
* ``degree_funding``: sum of ``amount_eur`` over an actor's ties (given and received).
* ``betweenness``: normalised, on the undirected view. Exact up to
  ``EXACT_LIMIT`` actors; beyond, estimated from ``PIVOTS`` source actors drawn
  with ``random.Random(seed).sample`` — the same estimator and the same draw
  as ``networkx.betweenness_centrality(G, k=PIVOTS, seed=seed)``.
* ``closeness``: on the undirected view, with NetworkX's correction for
  disconnected maps (Wasserman-Faust). Exact up to ``EXACT_LIMIT``; beyond,
  the mean distance to the same pivots estimates each actor's (Eppstein-Wang).
* ``pagerank``: on the directed view (damping 0.85), solved to machine precision (ARPACK).
* ``eigenvector``: on the undirected view, unit Euclidean norm as in NetworkX;
  on a disconnected map only the component with the largest eigenvalue scores.
* ``clustering``: local clustering coefficient on the undirected view.
"""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph_model.columns import MapColumns
from graph_model.schema import Schema
from opcomap.analysis.engine import directed_igraph, seeded_rng, undirected_igraph
from opcomap.analysis.simple_graphs import amount, undirected_types
from graph_model.errors import OpcomapError

if TYPE_CHECKING:
    import networkx as nx

EXACT_LIMIT = 2500
"""Largest number of actors for which betweenness and closeness are exact.

Exact betweenness costs O(actors × ties): beyond this size it takes seconds
where 200 pivots take a fraction of one (benchmarks/README.md, Analysis)."""
PIVOTS = 200
"""Source actors drawn for the estimates beyond ``EXACT_LIMIT``."""

EXACT = "exact"


@dataclass(frozen=True)
class Measure:
    """One metric: a value per actor and how it was obtained (``exact`` or ``sampled ...``)."""

    values: dict[Hashable, float]
    method: str = EXACT


def sampled(k: int, seed: int | None) -> str:
    return f"sampled (k={k}, seed={seed})"


def pivots(nodes: list[Hashable], k: int, seed: int | None) -> list[Hashable]:
    """The seeded draw NetworkX makes for ``k`` sources (``random.Random(seed).sample``)."""
    return random.Random(seed).sample(nodes, k)


# -- degrees ------------------------------------------------------------------
def _tie_ends(graph: nx.Graph, schema: Schema | None) -> Iterable[tuple[Hashable, Hashable, dict]]:
    symmetric = undirected_types(schema)
    edges = graph.edges(keys=False, data=True) if graph.is_multigraph() else graph.edges(data=True)
    for u, v, data in edges:
        yield u, v, data
        if not graph.is_directed() or data.get("type") in symmetric:
            yield v, u, data


def degree(graph: nx.Graph, schema: Schema | None = None) -> Measure:
    """Ties at each actor, in either direction, each counted once (NetworkX's ``degree``).

    An undirected type counts once here, where ``degree_in`` and ``degree_out`` count it both ways.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c")])
    >>> degree(g).values
    {'a': 2.0, 'b': 3.0, 'c': 1.0}
    """
    del schema  # direction does not matter for the total
    if isinstance(graph, MapColumns):
        return _counted(graph, graph.source, graph.target)
    return Measure({node: float(count) for node, count in graph.degree()})


def degree_in(graph: nx.Graph, schema: Schema | None = None) -> Measure:
    """Ties arriving at each actor (undirected types count both ways).

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("c", "b")])
    >>> degree_in(g).values
    {'a': 0.0, 'b': 3.0, 'c': 0.0}
    """
    if isinstance(graph, MapColumns):
        return _counted(graph, graph.target, graph.source[_both_ways(graph, schema)])
    values = dict.fromkeys(graph, 0.0)
    for _, v, _ in _tie_ends(graph, schema):
        values[v] += 1
    return Measure(values)


def degree_out(graph: nx.Graph, schema: Schema | None = None) -> Measure:
    """Ties leaving each actor (undirected types count both ways).

    >>> from graph_model.schema import default_schema
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", type="PARTNERS_WITH")
    >>> degree_out(g, default_schema()).values
    {'a': 1.0, 'b': 1.0}
    """
    if isinstance(graph, MapColumns):
        return _counted(graph, graph.source, graph.target[_both_ways(graph, schema)])
    values = dict.fromkeys(graph, 0.0)
    for u, _, _ in _tie_ends(graph, schema):
        values[u] += 1
    return Measure(values)


def degree_funding(graph: nx.Graph, schema: Schema | None = None) -> Measure:
    """Total ``amount_eur`` of the ties each actor gives or receives.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("state", "opco", amount_eur=100.0); _ = g.add_edge("opco", "cfa", amount_eur=40.0)
    >>> degree_funding(g).values
    {'state': 100.0, 'opco': 140.0, 'cfa': 40.0}
    """
    del schema
    if isinstance(graph, MapColumns):
        # Added tie by tie in the graph's edge order (the columns keep it): the same sums, bit for bit.
        sums = [0.0] * graph.number_of_nodes()
        for u, v, value in zip(graph.source.tolist(), graph.target.tolist(), graph.amount.tolist()):
            sums[u] += value
            if v != u:
                sums[v] += value
        return Measure(dict(zip(graph.ids, sums)))
    values = dict.fromkeys(graph, 0.0)
    edges = graph.edges(keys=False, data=True) if graph.is_multigraph() else graph.edges(data=True)
    for u, v, data in edges:
        value = amount(data)
        values[u] += value
        if v != u:
            values[v] += value
    return Measure(values)


def _both_ways(graph: MapColumns, schema: Schema | None) -> Any:
    """A mask of the ties whose type the schema marks undirected."""
    import numpy as np

    return np.isin(graph.type, sorted(undirected_types(schema)))


def _counted(graph: MapColumns, *ends: Any) -> Measure:
    """Each actor's count of appearances among ``ends`` (arrays of positions), as floats."""
    import numpy as np

    counts = np.zeros(graph.number_of_nodes(), dtype=np.int64)
    for positions in ends:
        counts += np.bincount(positions, minlength=graph.number_of_nodes())
    return Measure(dict(zip(graph.ids, (float(c) for c in counts.tolist()))))


# -- path-based centralities ---------------------------------------------------
def betweenness(
    graph: nx.Graph, *, exact_limit: int = EXACT_LIMIT, k: int = PIVOTS, seed: int | None = 0
) -> Measure:
    """Normalised betweenness on the undirected view; sampled beyond ``exact_limit`` actors.

    >>> b = betweenness(nx.path_graph(3))
    >>> b.values, b.method
    ({0: 0.0, 1: 1.0, 2: 0.0}, 'exact')
    >>> betweenness(nx.path_graph(5), exact_limit=3, k=2, seed=1).method
    'sampled (k=2, seed=1)'
    """
    ig = undirected_igraph(graph)
    n = len(ig.nodes)
    if n < 3:
        return Measure(dict.fromkeys(ig.nodes, 0.0))
    if n <= exact_limit or k >= n:
        raw = ig.graph.betweenness(directed=False)
        # igraph counts unordered pairs; NetworkX normalises by (n-1)(n-2)/2 of them.
        scale = 2.0 / ((n - 1) * (n - 2))
        return Measure({node: r * scale for node, r in zip(ig.nodes, raw, strict=True)})
    sources = pivots(ig.nodes, k, seed)
    index = ig.index()
    raw = ig.graph.betweenness(directed=False, sources=[index[s] for s in sources])
    # igraph halves the counts on undirected graphs; NetworkX's estimator rescales
    # ordered-pair counts, a pivot itself having one source fewer.
    chosen = set(sources)
    per_source = 1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan
    per_other = 1.0 / (k * (n - 2))
    values = {
        node: 2.0 * r * (per_source if node in chosen else per_other)
        for node, r in zip(ig.nodes, raw, strict=True)
    }
    return Measure(values, sampled(k, seed))


def _closeness_exact(ig: Any, n: int, vertices: list[int] | None = None) -> list[float]:
    # igraph: (r-1)/sum(d) over the r actors reachable; NetworkX multiplies by (r-1)/(n-1).
    raw = ig.graph.closeness(vertices=vertices, mode="all", normalized=True)
    sizes = _component_sizes(ig)
    chosen = range(n) if vertices is None else vertices
    return [
        0.0 if (value is None or math.isnan(value)) else value * (sizes[v] - 1) / (n - 1)
        for v, value in zip(chosen, raw, strict=True)
    ]


def _component_sizes(ig: Any) -> list[int]:
    membership = ig.graph.connected_components().membership
    counts: dict[int, int] = {}
    for c in membership:
        counts[c] = counts.get(c, 0) + 1
    return [counts[c] for c in membership]


def closeness(
    graph: nx.Graph, *, exact_limit: int = EXACT_LIMIT, k: int = PIVOTS, seed: int | None = 0
) -> Measure:
    """Closeness on the undirected view (NetworkX's definition); estimated beyond ``exact_limit``.

    >>> closeness(nx.star_graph(3)).values
    {0: 1.0, 1: 0.6, 2: 0.6, 3: 0.6}
    """
    ig = undirected_igraph(graph)
    n = len(ig.nodes)
    if n < 2:
        return Measure(dict.fromkeys(ig.nodes, 0.0))
    if n <= exact_limit or k >= n:
        return Measure(ig.by_node(_closeness_exact(ig, n)))
    index = ig.index()
    sources = [index[s] for s in pivots(ig.nodes, k, seed)]
    distances = ig.graph.distances(source=sources, mode="all")
    sizes = _component_sizes(ig)
    values: list[float] = [0.0] * n
    without_pivot: list[int] = []
    for v in range(n):
        reached = [row[v] for s, row in zip(sources, distances, strict=True) if s != v and math.isfinite(row[v])]
        if sizes[v] == 1:
            continue
        if not reached:
            without_pivot.append(v)
            continue
        mean = sum(reached) / len(reached)
        values[v] = (1.0 / mean) * (sizes[v] - 1) / (n - 1)
    if without_pivot:
        # Small components no pivot fell into: exact is cheap there.
        for v, value in zip(without_pivot, _closeness_exact(ig, n, without_pivot), strict=True):
            values[v] = value
    return Measure(ig.by_node(values), sampled(k, seed))


def pagerank(graph: nx.Graph | MapColumns, schema: Schema | None = None, alpha: float = 0.85,
             seed: int | None = 0) -> Measure:
    """PageRank on the directed view; equals ``networkx.pagerank`` at convergence.

    ARPACK starts from a random vector: drawn from ``random.Random(seed)``, the same
    seed gives the same values to the last bit (unseeded, they moved in the last digits).

    >>> values = pagerank(nx.DiGraph([(1, 2), (2, 3), (3, 1)])).values
    >>> [round(v, 4) for v in values.values()]
    [0.3333, 0.3333, 0.3333]
    """
    ig = directed_igraph(graph, schema)
    if not ig.nodes:
        return Measure({})
    # ARPACK: same answer as PRPACK to 1e-14 on the test graphs, and faster on the sparse map.
    with seeded_rng(seed):
        values = ig.graph.pagerank(directed=True, damping=alpha, implementation="arpack")
    return Measure(ig.by_node(values))


def eigenvector(graph: nx.Graph | MapColumns, seed: int | None = 0) -> Measure:
    """Eigenvector centrality on the undirected view, unit Euclidean norm as in NetworkX.

    ARPACK's random start is drawn from ``random.Random(seed)``, as for :func:`pagerank`.

    >>> values = eigenvector(nx.path_graph(3)).values
    >>> [round(v, 4) for v in values.values()]
    [0.5, 0.7071, 0.5]
    """
    ig = undirected_igraph(graph)
    if ig.graph.ecount() == 0:
        return Measure(dict.fromkeys(ig.nodes, 0.0))
    with warnings.catch_warnings(), seeded_rng(seed):
        warnings.simplefilter("ignore")  # igraph warns on disconnected graphs; documented above
        raw = ig.graph.eigenvector_centrality()
    norm = math.sqrt(sum(x * x for x in raw)) or 1.0
    return Measure(ig.by_node([abs(x) / norm for x in raw]))


def clustering(graph: nx.Graph) -> Measure:
    """Local clustering coefficient on the undirected view (0 below two neighbours).

    >>> clustering(nx.complete_graph(3)).values
    {0: 1.0, 1: 1.0, 2: 1.0}
    """
    ig = undirected_igraph(graph)
    if not ig.nodes:
        return Measure({})
    return Measure(ig.by_node(ig.graph.transitivity_local_undirected(mode="zero")))


# -- all together -------------------------------------------------------------------
METRICS = (
    "degree", "degree_in", "degree_out", "degree_funding",
    "betweenness", "closeness", "pagerank", "eigenvector", "clustering",
)


@dataclass
class MetricsResult:
    """Metrics per actor; ``method[name]`` says whether a metric is exact or sampled."""

    values: dict[str, dict[Hashable, float]] = field(default_factory=dict)
    method: dict[str, str] = field(default_factory=dict)

    def rows(self, graph: nx.Graph | MapColumns) -> list[dict[str, Any]]:
        """One dict per actor: ``id``, ``name``, ``kind`` then each metric."""
        if isinstance(graph, MapColumns):
            described = graph.rows()
        else:
            described = ((node, attrs.get("name", node), attrs.get("kind", "")) for node, attrs in graph.nodes(data=True))
        out = []
        for node, name, kind in described:
            row = {"id": node, "name": name, "kind": kind}
            row.update({metric: self.values[metric].get(node) for metric in self.values})
            out.append(row)
        return out


def compute_metrics(
    graph: nx.Graph,
    schema: Schema | None = None,
    metrics: Iterable[str] | None = None,
    *,
    exact_limit: int = EXACT_LIMIT,
    k: int = PIVOTS,
    seed: int | None = 0,
) -> MetricsResult:
    """Compute the named metrics (all of :data:`METRICS` by default).

    >>> r = compute_metrics(nx.path_graph(3), metrics=["betweenness", "degree_in"])
    >>> r.values["betweenness"][1], r.method
    (1.0, {'betweenness': 'exact', 'degree_in': 'exact'})
    """
    wanted = list(metrics or METRICS)
    unknown = [m for m in wanted if m not in METRICS]
    if unknown:
        raise OpcomapError("problems.metric_unknown", names=", ".join(unknown), known=", ".join(METRICS))
    compute = {
        "degree": lambda: degree(graph, schema),
        "degree_in": lambda: degree_in(graph, schema),
        "degree_out": lambda: degree_out(graph, schema),
        "degree_funding": lambda: degree_funding(graph, schema),
        "betweenness": lambda: betweenness(graph, exact_limit=exact_limit, k=k, seed=seed),
        "closeness": lambda: closeness(graph, exact_limit=exact_limit, k=k, seed=seed),
        "pagerank": lambda: pagerank(graph, schema, seed=seed),
        "eigenvector": lambda: eigenvector(graph, seed=seed),
        "clustering": lambda: clustering(graph),
    }
    result = MetricsResult()
    for name in wanted:
        measure = compute[name]()
        result.values[name] = measure.values
        result.method[name] = measure.method
    return result
