"""The questions strategists ask of the map, as pure functions of the graph.

Kinds and types are names from the schema. Where a question is about OPCO,
CFA, Régions or branches, the kind names are parameters with those defaults,
so a user's own schema can ask the same question of other kinds.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph_model.schema import Schema
from opcomap.analysis.filters import ego_nodes, valid_on
from opcomap.analysis.metrics import MetricsResult, compute_metrics
from opcomap.analysis.structure import components
from graph_model.errors import NotFound, OpcomapError

LAYER_METRICS = ("degree_in", "degree_out", "pagerank", "betweenness")
# Attributes that describe a tie's record rather than its content (ignored by diff).
_RECORD_FIELDS = {"since", "until", "sources", "dataset", "loaded_at", "key"}


def _require(graph: nx.Graph, *actors: Hashable) -> None:
    for actor in actors:
        if actor not in graph:
            raise NotFound("problems.actor_unknown", id=actor)


def typed_subgraph(graph: nx.MultiDiGraph, types: Iterable[str] | None) -> nx.MultiDiGraph:
    """All actors, and only the ties of the given types (every tie when ``types`` is None).

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", type="FUNDS"); _ = g.add_edge("b", "c", type="SITS_ON")
    >>> sorted(typed_subgraph(g, ["FUNDS"]).edges()), len(typed_subgraph(g, ["FUNDS"]))
    ([('a', 'b')], 3)
    """
    if types is None:
        return graph
    wanted = set(types)
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    out.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if d.get("type") in wanted)
    return out


def ego_network(
    graph: nx.MultiDiGraph, actor: Hashable, depth: int = 1, types: Iterable[str] | None = None
) -> nx.MultiDiGraph:
    """The actors within ``depth`` ties of ``actor`` (followed both ways, only ``types`` if given).

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", type="FUNDS"); _ = g.add_edge("b", "c", type="SITS_ON")
    >>> sorted(ego_network(g, "a", depth=2)), sorted(ego_network(g, "a", depth=2, types=["FUNDS"]))
    (['a', 'b', 'c'], ['a', 'b'])
    """
    _require(graph, actor)
    sub = typed_subgraph(graph, types)
    return sub.subgraph(ego_nodes(sub, actor, depth)).copy()


def ties_between(graph: nx.MultiDiGraph, u: Hashable, v: Hashable) -> list[dict[str, Any]]:
    """Every tie joining two actors, in either direction, as ``{source, target, type, key}``.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("b", "a", key="k", type="FUNDS")
    >>> ties_between(g, "a", "b")
    [{'source': 'b', 'target': 'a', 'type': 'FUNDS', 'key': 'k'}]
    """
    out: list[dict[str, Any]] = []
    for s, t in ((u, v), (v, u)):
        if graph.has_edge(s, t):
            data = graph.get_edge_data(s, t)
            items = data.items() if graph.is_multigraph() else [(None, data)]
            out.extend({"source": s, "target": t, "type": d.get("type"), "key": k} for k, d in items)
    return out


def shortest_paths(
    graph: nx.MultiDiGraph, source: Hashable, target: Hashable, types: Iterable[str] | None = None, limit: int = 50
) -> list[list[dict[str, Any]]]:
    """All shortest chains of ties from ``source`` to ``target`` (direction ignored), at most ``limit``.

    Each path is a list of steps ``{from, to, ties}``, ``ties`` listing every
    relationship joining the two actors. No path: an empty list.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("state", "fc", key="k1", type="FUNDS"); _ = g.add_edge("fc", "opco", key="k2", type="FUNDS")
    >>> [[(s["from"], s["to"], [t["type"] for t in s["ties"]]) for s in p] for p in shortest_paths(g, "opco", "state")]
    [[('opco', 'fc', ['FUNDS']), ('fc', 'state', ['FUNDS'])]]
    """
    _require(graph, source, target)
    sub = typed_subgraph(graph, types)
    view = nx.Graph(nx.MultiGraph(sub)) if sub.is_directed() else nx.Graph(sub)
    paths = []
    try:
        for nodes in nx.all_shortest_paths(view, source, target):
            paths.append([
                {"from": a, "to": b, "ties": ties_between(sub, a, b)} for a, b in itertools.pairwise(nodes)
            ])
            if len(paths) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    return paths


def count_shortest_paths(
    graph: nx.MultiDiGraph, source: Hashable, target: Hashable, types: Iterable[str] | None = None
) -> int:
    """How many shortest chains :func:`shortest_paths` finds without a limit (0: no path), counted
    breadth first rather than listed, so a cut list can say of how many it is a part.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e")])
    >>> count_shortest_paths(g, "a", "e"), count_shortest_paths(g, "e", "a"), count_shortest_paths(g, "a", "a")
    (2, 2, 1)
    """
    _require(graph, source, target)
    sub = typed_subgraph(graph, types)
    view = nx.Graph(nx.MultiGraph(sub)) if sub.is_directed() else nx.Graph(sub)
    ways, frontier = {source: 1}, [source]
    while frontier and target not in ways:
        reached: dict[Hashable, int] = {}
        for node in frontier:
            for other in view.neighbors(node):
                if other not in ways:
                    reached[other] = reached.get(other, 0) + ways[node]
        ways.update(reached)
        frontier = list(reached)
    return ways.get(target, 0)


def partners(graph: nx.MultiDiGraph, actor: Hashable, types: Iterable[str] | None = None) -> set[Hashable]:
    """Actors tied to ``actor`` (either direction), through ``types`` if given."""
    _require(graph, actor)
    sub = typed_subgraph(graph, types)
    return set(nx.all_neighbors(sub, actor)) - {actor}


def jaccard(a: set, b: set) -> float:
    """Overlap of two sets: shared / union (0 when both are empty).

    >>> jaccard({1, 2, 3}, {2, 3, 4})
    0.5
    """
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def compare_actors(
    graph: nx.MultiDiGraph, first: Hashable, second: Hashable, types: Iterable[str] | None = None
) -> dict[str, Any]:
    """Compare two OPCO (or any two actors): shared partners, Jaccard overlap, ties per type.

    >>> g = nx.MultiDiGraph()
    >>> for opco, cfa in [("o1", "c1"), ("o1", "c2"), ("o2", "c2"), ("o2", "c3")]:
    ...     _ = g.add_edge(opco, cfa, type="FUNDS")
    >>> r = compare_actors(g, "o1", "o2")
    >>> r["shared"], r["jaccard"], r["counts"]["o1"]
    (['c2'], 0.3333333333333333, {'FUNDS': 2})
    """
    types = list(types) if types is not None else None
    mine, theirs = partners(graph, first, types), partners(graph, second, types)
    counts = {}
    for actor in (first, second):
        ties = [d.get("type") for _, _, d in graph.in_edges(actor, data=True)]
        ties += [d.get("type") for _, _, d in graph.out_edges(actor, data=True)]
        counts[actor] = dict(sorted(Counter(t for t in ties if types is None or t in types).items()))
    return {
        "actors": [first, second],
        "shared": sorted(mine & theirs, key=str),
        "only": {first: sorted(mine - theirs, key=str), second: sorted(theirs - mine, key=str)},
        "jaccard": jaccard(mine, theirs),
        "counts": counts,
    }


def regions_of(graph: nx.Graph, region_kind: str = "REGION") -> list[str]:
    """The Régions of the map: codes of actors of ``region_kind`` (else every code seen).

    >>> g = nx.Graph(); g.add_nodes_from([("ara", {"kind": "REGION", "region_code": "84"}), ("c", {"region_code": "11"})])
    >>> regions_of(g)
    ['84']
    """
    codes = {a.get("region_code") for _, a in graph.nodes(data=True) if a.get("kind") == region_kind}
    if not codes - {None}:
        codes = {a.get("region_code") for _, a in graph.nodes(data=True)}
    return sorted(c for c in codes if c)


def coverage_gaps(
    graph: nx.MultiDiGraph,
    opco_kind: str = "OPCO",
    partner_kinds: Iterable[str] = ("CFA", "TRAINING_ORG"),
    region_kind: str = "REGION",
    branch_kind: str = "BRANCH",
    regions: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Where the network has holes.

    * ``regions_without_partner``: for each actor of ``opco_kind``, the Régions
      (``regions``, else :func:`regions_of`) where none of its partners of
      ``partner_kinds`` has that ``region_code``;
    * ``branches_without_opco``: actors of ``branch_kind`` tied to no actor of ``opco_kind``.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("o", {"kind": "OPCO"}), ("b", {"kind": "BRANCH"}),
    ...     ("r1", {"kind": "REGION", "region_code": "11"}), ("r2", {"kind": "REGION", "region_code": "84"}),
    ...     ("cfa", {"kind": "CFA", "region_code": "84"})])
    >>> _ = g.add_edge("o", "cfa", type="FUNDS")
    >>> coverage_gaps(g)
    {'regions': ['11', '84'], 'regions_without_partner': {'o': ['11']}, 'branches_without_opco': ['b']}
    """
    partner_kinds = set(partner_kinds)
    # A view filtered on one OPCO may hold no Région actor: the France map names every Région itself.
    regions = sorted(regions) if regions is not None else regions_of(graph, region_kind)
    kind = dict(graph.nodes(data="kind"))
    gaps: dict[Hashable, list[str]] = {}
    for opco in sorted((n for n, k in kind.items() if k == opco_kind), key=str):
        covered = {
            graph.nodes[p].get("region_code") for p in nx.all_neighbors(graph, opco) if kind.get(p) in partner_kinds
        }
        gaps[opco] = [r for r in regions if r not in covered]
    branches = sorted(
        (
            n for n, k in kind.items()
            if k == branch_kind and not any(kind.get(p) == opco_kind for p in nx.all_neighbors(graph, n))
        ),
        key=str,
    )
    return {"regions": regions, "regions_without_partner": gaps, "branches_without_opco": branches}


def covered_nowhere(gaps: dict[str, Any]) -> list[Hashable]:
    """The OPCO of :func:`coverage_gaps`'s result with no partner in any of its Régions.

    >>> covered_nowhere({"regions": ["11", "84"], "regions_without_partner": {"a": ["11", "84"], "b": ["11"]}})
    ['a']
    """
    regions = gaps["regions"]
    return [o for o, missing in gaps["regions_without_partner"].items() if regions and len(missing) == len(regions)]


@dataclass
class WhatIf:
    """What a removal does: pieces that split off, actors cut off, reachable pairs before and after."""

    removed: str
    split_off: list[set[Hashable]] = field(default_factory=list)
    disconnected: set[Hashable] = field(default_factory=set)
    reachable_pairs_before: int = 0
    reachable_pairs_after: int = 0
    components_before: int = 0
    components_after: int = 0

    @property
    def reachability_change(self) -> float:
        """Relative change of the number of (ordered) pairs of actors that can reach each other."""
        if not self.reachable_pairs_before:
            return 0.0
        return (self.reachable_pairs_after - self.reachable_pairs_before) / self.reachable_pairs_before


def _reachable_pairs(groups: list[set]) -> int:
    return sum(len(g) * (len(g) - 1) for g in groups)


def what_if(
    graph: nx.MultiDiGraph, remove_actor: Hashable | None = None, remove_type: str | None = None
) -> WhatIf:
    """Remove an actor or every tie of a type; report what disconnects (direction ignored).

    A former component that falls apart keeps its largest piece; the other
    pieces are ``split_off`` and their actors are ``disconnected``.

    >>> star = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("a", "c")])
    >>> w = what_if(star, remove_actor="hub")
    >>> [sorted(p) for p in w.split_off], w.reachable_pairs_before, w.reachable_pairs_after
    ([['b']], 12, 2)
    """
    if (remove_actor is None) == (remove_type is None):
        raise OpcomapError("problems.what_if_one_thing")
    before = components(graph)
    if remove_actor is not None:
        _require(graph, remove_actor)
        after_graph = graph.subgraph(set(graph) - {remove_actor})
        removed = str(remove_actor)
    else:
        after_graph = typed_subgraph(graph, {d.get("type") for *_, d in graph.edges(data=True)} - {remove_type})
        removed = str(remove_type)
    after = components(after_graph)
    where = {node: i for i, group in enumerate(after) for node in group}
    split_off: list[set[Hashable]] = []
    for group in before:
        pieces = sorted(
            {where[n] for n in group if n in where},
            key=lambda i: (-len(after[i]), min(str(n) for n in after[i])),
        )
        split_off.extend(after[i] for i in pieces[1:])
    return WhatIf(
        removed=removed,
        split_off=split_off,
        disconnected=set().union(*split_off) if split_off else set(),
        reachable_pairs_before=_reachable_pairs(before),
        reachable_pairs_after=_reachable_pairs(after),
        components_before=len(before),
        components_after=len(after),
    )


def layer_metrics(
    graph: nx.MultiDiGraph, schema: Schema, metrics: Iterable[str] = LAYER_METRICS, **options: Any
) -> dict[str, MetricsResult]:
    """Metrics computed on each layer of the schema alone (funding, governance...).

    A layer's graph holds its ties and the actors they join.

    >>> from graph_model.schema import default_schema
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("state", "opco", type="FUNDS"); _ = g.add_edge("union", "opco", type="CO_MANAGES")
    >>> per_layer = layer_metrics(g, default_schema(), ["degree_in"])
    >>> per_layer["funding"].values, per_layer["governance"].values
    ({'degree_in': {'state': 0.0, 'opco': 1.0}}, {'degree_in': {'union': 0.0, 'opco': 1.0}})
    """
    metrics = list(metrics)
    out = {}
    for layer, types in schema.layers().items():
        wanted = set(types)
        edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if d.get("type") in wanted]
        if not edges:
            continue
        sub = nx.MultiDiGraph()
        ends = dict.fromkeys(n for u, v, *_ in edges for n in (u, v))
        sub.add_nodes_from((n, graph.nodes[n]) for n in ends)
        sub.add_edges_from(edges)
        out[layer] = compute_metrics(sub, schema, metrics, **options)
    return out


def _ties_on(graph: nx.MultiDiGraph, day: str) -> dict[tuple, list[dict[str, Any]]]:
    out: dict[tuple, list[dict[str, Any]]] = {}
    for u, v, k, d in graph.edges(keys=True, data=True):
        if valid_on(d, day) and valid_on(graph.nodes[u], day) and valid_on(graph.nodes[v], day):
            out.setdefault((u, d.get("type"), v), []).append({"key": k, **d})
    return out


def _content(ties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        ({k: v for k, v in t.items() if k not in _RECORD_FIELDS} for t in ties), key=lambda c: sorted(map(str, c.items()))
    )


def diff_dates(graph: nx.MultiDiGraph, start: dt.date | str, end: dt.date | str) -> dict[str, Any]:
    """Ties (source, type, target) added, removed or changed between two days, and actors added or removed.

    A tie ``changed`` when it exists on both days with different properties
    (an amount, a role...), e.g. one record ended and another began.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["state", "opco", "cfa"])
    >>> _ = g.add_edge("state", "opco", type="FUNDS", amount_eur=1.0, until="2020-12-31")
    >>> _ = g.add_edge("state", "opco", type="FUNDS", amount_eur=2.0, since="2021-01-01")
    >>> _ = g.add_edge("opco", "cfa", type="FUNDS", since="2021-06-01")
    >>> d = diff_dates(g, "2020-06-01", "2021-12-31")
    >>> d["added"], d["removed"], [c["tie"] for c in d["changed"]]
    ([('opco', 'FUNDS', 'cfa')], [], [('state', 'FUNDS', 'opco')])
    """
    first, second = (d.isoformat() if isinstance(d, dt.date) else str(d) for d in (start, end))
    before, after = _ties_on(graph, first), _ties_on(graph, second)
    changed = [
        {"tie": tie, "before": _content(before[tie]), "after": _content(after[tie])}
        for tie in sorted(before.keys() & after.keys(), key=str)
        if _content(before[tie]) != _content(after[tie])
    ]
    actors_then = {n for n, a in graph.nodes(data=True) if valid_on(a, first)}
    actors_now = {n for n, a in graph.nodes(data=True) if valid_on(a, second)}
    return {
        "from": first,
        "to": second,
        "added": sorted(after.keys() - before.keys(), key=str),
        "removed": sorted(before.keys() - after.keys(), key=str),
        "changed": changed,
        "actors_added": sorted(actors_now - actors_then, key=str),
        "actors_removed": sorted(actors_then - actors_now, key=str),
    }
