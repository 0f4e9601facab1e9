"""The fast engine behind the heavy algorithms: igraph, reached from NetworkX graphs.

NetworkX stays the API: functions take and return NetworkX graphs and dicts
keyed by actor id. A frozen graph is converted once (see
:func:`opcomap.analysis.simple_graphs.cached`), any other at each call, and igraph's
answers are mapped back to actor ids. Tests check the answers against NetworkX on small graphs.
A map held as columns (:class:`graph_model.columns.MapColumns`) gives the same igraph
twins straight from its arrays, once per map.
"""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_model.columns import MapColumns
from opcomap.analysis.simple_graphs import cached, undirected_types

if TYPE_CHECKING:
    import networkx as nx


def _import_igraph():  # noqa: ANN202 (the igraph module)
    """igraph, without the matplotlib and pyplot its drawing package imports whenever they are
    installed, nor the wcwidth tables its text summaries' table maker (texttable) imports.

    opcomap never draws with igraph (diagrams use matplotlib themselves) nor prints its
    summaries, and pyplot would be most of the start-up of a command that only analyses.
    With them marked missing in ``sys.modules``, igraph's and texttable's own fallbacks
    apply (igraph's plotting then says matplotlib is needed; texttable measures characters
    with unicodedata). Done only while one thread runs (the CLI): another thread importing
    them meanwhile would fail. A module already imported is left as it is.
    """
    if "igraph" in sys.modules or threading.active_count() > 1:
        import igraph

        return igraph
    missing = [name for name in ("matplotlib", "wcwidth") if name not in sys.modules]
    for name in missing:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import igraph
    finally:
        for name in missing:
            del sys.modules[name]
    return igraph


igraph = _import_igraph()


@dataclass(frozen=True)
class IGraph:
    """An igraph copy of a simple NetworkX graph and the id of each vertex."""

    graph: igraph.Graph
    nodes: list[Hashable]

    def index(self) -> dict[Hashable, int]:
        return {node: i for i, node in enumerate(self.nodes)}

    def by_node(self, values: Sequence[float]) -> dict[Hashable, float]:
        return dict(zip(self.nodes, (float(v) for v in values), strict=True))


def to_igraph(graph: nx.Graph, weight: str | None = None) -> IGraph:
    """Convert a simple NetworkX graph (a view) to igraph, once per frozen graph.

    >>> ig = to_igraph(nx.path_graph(3))
    >>> ig.graph.vcount(), ig.graph.ecount(), ig.graph.is_directed()
    (3, 2, False)
    """
    if graph.is_multigraph():
        raise TypeError("to_igraph expects a simple graph: use undirected_view or directed_view")

    def build() -> IGraph:
        nodes = list(graph.nodes())
        index = {node: i for i, node in enumerate(nodes)}
        edges = [(index[u], index[v]) for u, v in graph.edges()]
        converted = igraph.Graph(n=len(nodes), edges=edges, directed=graph.is_directed())
        if weight is not None:
            converted.es["weight"] = [float(w) for _, _, w in graph.edges(data=weight, default=0.0)]
        return IGraph(converted, nodes)

    return cached(graph, ("igraph", weight), build)


def _from_pairs(pairs: Sequence[tuple[int, int]], nodes: list[Hashable], directed: bool) -> IGraph:
    converted = igraph.Graph(n=len(nodes), edges=pairs, directed=directed)
    # Parallel ties and self-ties collapse, as in the NetworkX views (done in C: fast).
    converted.simplify(multiple=True, loops=True)
    return IGraph(converted, nodes)


def undirected_igraph(graph: nx.Graph | MapColumns) -> IGraph:
    """igraph twin of :func:`~opcomap.analysis.simple_graphs.undirected_view`, built straight from the map.

    >>> ig = undirected_igraph(nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    >>> ig.graph.ecount(), ig.graph.is_directed()
    (2, False)
    """
    if isinstance(graph, MapColumns):
        return graph.remembered(("undirected-igraph",), lambda: _from_columns(graph, directed=False))

    def build() -> IGraph:
        nodes = list(graph.nodes())
        index = {node: i for i, node in enumerate(nodes)}
        pairs = [(index[u], index[v]) for u, v in graph.edges()]
        return _from_pairs(pairs, nodes, directed=False)

    return cached(graph, ("undirected-igraph",), build)


def directed_igraph(graph: nx.Graph | MapColumns, schema=None) -> IGraph:
    """igraph twin of :func:`~opcomap.analysis.simple_graphs.directed_view` (undirected types both ways).

    >>> from graph_model.schema import default_schema
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", type="PARTNERS_WITH"); _ = g.add_edge("a", "c")
    >>> directed_igraph(g, default_schema()).graph.ecount()
    3
    """
    symmetric = undirected_types(schema)
    if isinstance(graph, MapColumns):
        return graph.remembered(("directed-igraph", symmetric),
                                lambda: _from_columns(graph, directed=True, both_ways=symmetric))

    def build() -> IGraph:
        nodes = list(graph.nodes())
        index = {node: i for i, node in enumerate(nodes)}
        pairs = []
        both_ways = not graph.is_directed()
        for u, v, rel_type in graph.edges(data="type"):
            pairs.append((index[u], index[v]))
            if both_ways or rel_type in symmetric:
                pairs.append((index[v], index[u]))
        return _from_pairs(pairs, nodes, directed=True)

    return cached(graph, ("directed-igraph", symmetric), build)


def _from_columns(graph: MapColumns, directed: bool, both_ways: frozenset[str] = frozenset()) -> IGraph:
    """The twin of a map held as columns: its ties as pairs of positions (ties of a ``both_ways``
    type twice, once reversed), collapsed as :func:`_from_pairs` collapses the graph's."""
    import numpy as np

    pairs = np.column_stack((graph.source, graph.target))
    if both_ways:
        back = np.isin(graph.type, sorted(both_ways))
        pairs = np.concatenate((pairs, pairs[back][:, ::-1]))
    return _from_pairs(pairs, graph.ids, directed=directed)


class seeded_rng:
    """Context manager: igraph's random numbers come from ``random.Random(seed)``.

    igraph has one process-wide generator: Python's own is put back on exit so
    a seeded call does not change other code's randomness, and one lock, held by
    every seeded use (communities here, layouts in :mod:`opcomap.drawing.layout`),
    keeps two threads (two app sessions) from drawing from each other's generator.
    """

    _lock = threading.Lock()

    def __init__(self, seed: int | None):
        self.seed = seed

    def __enter__(self) -> None:
        self._lock.acquire()
        if self.seed is not None:
            igraph.set_random_number_generator(random.Random(self.seed))

    def __exit__(self, *exc: object) -> None:
        try:
            if self.seed is not None:
                igraph.set_random_number_generator(random)
        finally:
            self._lock.release()
