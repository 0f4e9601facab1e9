"""The simple graphs the metrics need, derived from the map's MultiDiGraph.

* :func:`undirected_view` — one edge per pair of tied actors, whatever the
  direction or number of ties (``ties`` counts them): betweenness, closeness,
  eigenvector, clustering, communities, components.
* :func:`directed_view` — one arc per ordered pair; a tie of a type the schema
  marks undirected (``PARTNERS_WITH``) gives an arc each way: PageRank.
* :func:`weighted_view` — the undirected view where ``weight`` is the sum of
  the funding amounts (``amount_eur``) of the ties between two actors.

Views are cached per graph (they are rebuilt when the graph's size changes) and
frozen: copy one before changing it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import networkx as nx

from graph_model.schema import Schema

FUNDING_ATTRIBUTE = "amount_eur"

_CACHE: weakref.WeakKeyDictionary[nx.Graph, dict[tuple, tuple[tuple[int, int], nx.Graph]]] = (
    weakref.WeakKeyDictionary()
)


def signature(graph: nx.Graph) -> tuple[int, int]:
    """What invalidates a cached derivative of a graph: its number of nodes and edges."""
    return graph.number_of_nodes(), graph.number_of_edges()


def cached(graph: nx.Graph, key: tuple, build: Callable[[], Any]) -> Any:
    """Return ``build()``, remembered for this graph object until its size changes."""
    per_graph = _CACHE.setdefault(graph, {})
    hit = per_graph.get(key)
    if hit is not None and hit[0] == signature(graph):
        return hit[1]
    value = build()
    per_graph[key] = (signature(graph), value)
    return value


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
    value = data.get(attribute)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value)


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
