"""The simple graphs the metrics need, derived from the map's MultiDiGraph.

* :func:`undirected_view` — one edge per pair of tied actors, whatever the
  direction or number of ties (``ties`` counts them): betweenness, closeness,
  eigenvector, clustering, communities, components.
* :func:`directed_view` — one arc per ordered pair; a tie of a type the schema
  marks undirected (``PARTNERS_WITH``) gives an arc each way: PageRank.
* :func:`weighted_view` — the undirected view where ``weight`` is the sum of
  the funding amounts (``amount_eur``) of the ties between two actors.

Views are remembered for a graph that cannot change under them — one frozen
with ``nx.freeze``, as the app's shared graphs are — and built afresh for any
other (a graph whose amounts or names may be edited in place gives the same
sizes and counts: nothing cheaper than rebuilding would notice). Views are
frozen themselves: copy one before changing it. :func:`fingerprint` names a
graph's content, for caches kept elsewhere (the app's).
"""

from __future__ import annotations

import hashlib
import pickle
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from graph_model.columns import FUNDING
from graph_model.columns import amount as funding_amount
from graph_model.schema import Schema

if TYPE_CHECKING:  # imported where a view is built: a map held as columns never needs it
    import networkx as nx

FUNDING_ATTRIBUTE = FUNDING

_CACHE: weakref.WeakKeyDictionary[nx.Graph, dict[tuple, Any]] = weakref.WeakKeyDictionary()


def unchanging(graph: nx.Graph) -> bool:
    """True when ``graph`` is frozen and so is every graph it is a view of.

    >>> g = nx.Graph([(1, 2)])
    >>> unchanging(g), unchanging(g.subgraph([1])), unchanging(nx.freeze(g).subgraph([1]))
    (False, False, True)
    """
    while getattr(graph, "frozen", False):  # what nx.is_frozen reads
        graph = getattr(graph, "_graph", None)  # a subgraph view shows its parent's changes
        if graph is None:
            return True
    return False


def cached(graph: nx.Graph, key: tuple, build: Callable[[], Any]) -> Any:
    """``build()``, remembered for ``graph`` while it lives if it cannot change (:func:`unchanging`)."""
    if not unchanging(graph):
        return build()
    per_graph = _CACHE.setdefault(graph, {})
    if key not in per_graph:
        per_graph[key] = build()
    return per_graph[key]


def fingerprint(graph: nx.Graph) -> str:
    """A hash of everything ``graph`` holds: actors, ties and all their attributes.

    Two graphs with the same content share it; a rename or a new amount changes
    it where the number of actors and ties would not.

    >>> a = nx.MultiDiGraph([("x", "y", {"amount_eur": 1})]); b = nx.MultiDiGraph([("x", "y", {"amount_eur": 2})])
    >>> fingerprint(a) == fingerprint(a.copy()), fingerprint(a) == fingerprint(b)
    (True, False)
    """
    def build() -> str:
        edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
        content = (graph.is_directed(), list(graph.nodes(data=True)), list(edges))
        return hashlib.blake2b(pickle.dumps(content, protocol=5), digest_size=16).hexdigest()

    return cached(graph, ("fingerprint",), build)


def undirected_types(schema: Schema | None) -> frozenset[str]:
    if schema is None:
        return frozenset()
    return frozenset(name for name, spec in schema.relationship_types.items() if not spec.directed)


def _edges(graph: nx.Graph):
    if graph.is_multigraph():
        return graph.edges(keys=False, data=True)
    return graph.edges(data=True)


def undirected_view(graph: nx.Graph, schema: Schema | None = None) -> nx.Graph:
    """A simple undirected graph of who is tied to whom (``ties``: how many ties).

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    >>> u = undirected_view(g)
    >>> sorted(u.edges(data="ties"))
    [('a', 'b', 2), ('b', 'c', 1)]
    """
    del schema  # direction does not matter here

    return cached(graph, ("undirected",), lambda: _collapsed(graph, "ties", lambda _data: 1))


def directed_view(graph: nx.Graph, schema: Schema | None = None) -> nx.DiGraph:
    """A simple directed graph; ties of undirected types point both ways.

    >>> from graph_model.schema import default_schema
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", type="PARTNERS_WITH"); _ = g.add_edge("a", "c", type="FUNDS")
    >>> sorted(directed_view(g, default_schema()).edges())
    [('a', 'b'), ('a', 'c'), ('b', 'a')]
    """
    symmetric = undirected_types(schema)

    def build() -> nx.DiGraph:
        import networkx as nx

        out = nx.DiGraph()
        out.add_nodes_from(graph.nodes(data=True))
        arcs = []
        for u, v, data in _edges(graph):
            if u == v:
                continue
            arcs.append((u, v))
            if data.get("type") in symmetric or not graph.is_directed():
                arcs.append((v, u))
        out.add_edges_from(arcs)
        return nx.freeze(out)

    return cached(graph, ("directed", symmetric), build)


def amount(data: dict[str, Any], attribute: str = FUNDING_ATTRIBUTE) -> float:
    """The funding amount of a tie, 0 when absent or not a number."""
    return funding_amount(data.get(attribute))


def weighted_view(graph: nx.Graph, schema: Schema | None = None, attribute: str = FUNDING_ATTRIBUTE) -> nx.Graph:
    """The undirected view with ``weight`` = total funding between two actors.

    Pairs with no funded tie keep an edge of weight 0.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", amount_eur=10.0); _ = g.add_edge("b", "a", amount_eur=5)
    >>> _ = g.add_edge("b", "c")
    >>> sorted(weighted_view(g).edges(data="weight"))
    [('a', 'b', 15.0), ('b', 'c', 0.0)]
    """
    del schema

    return cached(graph, ("weighted", attribute),
                  lambda: _collapsed(graph, "weight", lambda data: amount(data, attribute)))


def _collapsed(graph: nx.Graph, name: str, value: Callable[[dict[str, Any]], float]) -> nx.Graph:
    """One frozen undirected edge per tied pair; ``name`` sums ``value`` over its ties."""
    import networkx as nx

    out = nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    for u, v, data in _edges(graph):
        if u == v:
            continue
        if out.has_edge(u, v):
            out[u][v][name] += value(data)
        else:
            out.add_edge(u, v, **{name: value(data)})
    return nx.freeze(out)
