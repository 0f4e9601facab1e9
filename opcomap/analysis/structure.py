"""The shape of the map: components, communities, brokers, bridges, cores.

All functions work on the undirected view (who is tied to whom, whatever the
direction); igraph does the work, answers are those of NetworkX.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_model.columns import MapColumns
from opcomap.analysis.engine import seeded_rng, to_igraph, undirected_igraph
from opcomap.analysis.metrics import EXACT_LIMIT, PIVOTS, betweenness
from opcomap.analysis.simple_graphs import weighted_view

if TYPE_CHECKING:
    import networkx as nx


def groups_of(nodes: list[Hashable], membership: list[int]) -> list[set[Hashable]]:
    """The nodes grouped by their membership index, largest group first.

    >>> groups_of([1, 2, 3], [7, 0, 7])
    [{1, 3}, {2}]
    """
    groups: dict[int, set[Hashable]] = {}
    for node, group in zip(nodes, membership, strict=True):
        groups.setdefault(group, set()).add(node)
    # Largest first, ties broken by the smallest member's text, so output is stable.
    return sorted(groups.values(), key=lambda g: (-len(g), min(str(n) for n in g)))


def components(graph: nx.Graph) -> list[set[Hashable]]:
    """Groups of actors linked by ties (direction ignored), largest first.

    >>> [sorted(c) for c in components(nx.MultiDiGraph([("a", "b"), ("c", "d"), ("d", "e")]))]
    [['c', 'd', 'e'], ['a', 'b']]
    """
    ig = undirected_igraph(graph)
    if not ig.nodes:
        return []
    return groups_of(ig.nodes, ig.graph.connected_components().membership)


@dataclass(frozen=True)
class Communities:
    """A Louvain partition: the groups (largest first), each actor's group index, the modularity."""

    groups: list[set[Hashable]]
    membership: dict[Hashable, int]
    modularity: float
    resolution: float
    seed: int | None


def communities(
    graph: nx.Graph | MapColumns, resolution: float = 1.0, seed: int | None = 0, weighted: bool = False
) -> Communities:
    """Louvain communities of the undirected view, with their modularity.

    ``weighted`` uses funding amounts as weights: pairs without funding then
    weigh 0, which suits the funding layer alone (on a NetworkX graph: its weighted
    view is one). Same seed, same partition.

    >>> two_cliques = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    >>> two_cliques.add_edge(0, 4)
    >>> c = communities(two_cliques, seed=1)
    >>> c.groups, round(c.modularity, 4)
    ([{0, 1, 2, 3}, {4, 5, 6, 7}], 0.4231)
    """
    if weighted and isinstance(graph, MapColumns):
        raise TypeError("weighted communities need the map as a NetworkX graph (its weighted view)")
    ig = to_igraph(weighted_view(graph), weight="weight") if weighted else undirected_igraph(graph)
    if not ig.nodes:
        return Communities([], {}, 0.0, resolution, seed)
    weights = "weight" if weighted else None
    edges = ig.graph.ecount()
    if edges == 0:
        membership = list(range(len(ig.nodes)))
    else:
        with seeded_rng(seed):
            membership = ig.graph.community_multilevel(weights=weights, resolution=resolution).membership
    groups = groups_of(ig.nodes, membership)
    index = {node: i for i, group in enumerate(groups) for node in group}
    modularity = (
        ig.graph.modularity([index[n] for n in ig.nodes], weights=weights, resolution=resolution)
        if edges
        else 0.0
    )
    return Communities(groups, index, float(modularity), resolution, seed)


def brokers(
    graph: nx.Graph, top: int = 10, *, exact_limit: int = EXACT_LIMIT, k: int = PIVOTS, seed: int | None = 0
) -> list[dict]:
    """Actors whose betweenness is high relative to their number of partners.

    Score = betweenness / degree in the undirected view: an actor that links
    otherwise distant groups through few ties ranks first. Actors on no
    shortest path are left out.

    >>> barbell = nx.barbell_graph(4, 1)   # two cliques joined through node 4
    >>> [b["id"] for b in brokers(barbell, top=3)]
    [4, 3, 5]
    """
    ig = undirected_igraph(graph)
    degree = dict(zip(ig.nodes, ig.graph.degree(), strict=True))
    measure = betweenness(graph, exact_limit=exact_limit, k=k, seed=seed)
    rows = [
        {
            "id": node,
            "name": graph.nodes[node].get("name", node),
            "kind": graph.nodes[node].get("kind", ""),
            "betweenness": value,
            "degree": degree[node],
            "score": value / degree[node],
            "method": measure.method,
        }
        for node, value in measure.values.items()
        if value > 0 and degree[node] > 0
    ]
    rows.sort(key=lambda r: (-r["score"], str(r["id"])))
    return rows[:top]


def bridges(graph: nx.Graph) -> list[tuple[Hashable, Hashable]]:
    """Pairs of actors whose only link is the tie between them (cutting it splits the map).

    >>> sorted(bridges(nx.barbell_graph(3, 0)))
    [(2, 3)]
    """
    ig = undirected_igraph(graph)
    if ig.graph.ecount() == 0:
        return []
    ends = (ig.graph.es[e].tuple for e in ig.graph.bridges())
    return sorted(((ig.nodes[a], ig.nodes[b]) for a, b in ends), key=str)


def articulation_points(graph: nx.Graph) -> set[Hashable]:
    """Actors whose removal splits their component.

    >>> sorted(articulation_points(nx.path_graph(4)))
    [1, 2]
    """
    ig = undirected_igraph(graph)
    if not ig.nodes:
        return set()
    return {ig.nodes[v] for v in ig.graph.articulation_points()}


def core_numbers(graph: nx.Graph) -> dict[Hashable, int]:
    """Each actor's core number: the largest k such that it is in the k-core.

    >>> core_numbers(nx.lollipop_graph(4, 2))
    {0: 3, 1: 3, 2: 3, 3: 3, 4: 1, 5: 1}
    """
    ig = undirected_igraph(graph)
    if not ig.nodes:
        return {}
    return dict(zip(ig.nodes, ig.graph.coreness(mode="all"), strict=True))


def k_core(graph: nx.Graph, k: int | None = None) -> set[Hashable]:
    """Actors of the k-core (every one tied to at least k others in it); the main core by default.

    >>> sorted(k_core(nx.lollipop_graph(4, 2)))
    [0, 1, 2, 3]
    """
    cores = core_numbers(graph)
    if not cores:
        return set()
    level = max(cores.values()) if k is None else k
    return {node for node, core in cores.items() if core >= level}
