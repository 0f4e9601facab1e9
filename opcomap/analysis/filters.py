"""Selecting part of the map: :class:`~opcomap.analysis.selection.ViewFilters` applied to a graph.

The same semantics hold whichever way the graph was obtained; the Neo4j
projection applies the attribute filters server-side and must give the same
answer as :func:`apply_filters` on the file graph.

Order of application (each step sees the result of the previous one):

1. attribute filters on actors: ``kinds``, ``dataset`` (an actor without a
   ``dataset`` attribute, i.e. read from files, is kept) and ``as_of`` (an actor
   is valid on that day if ``since <= day <= until``, bounds optional);
2. attribute filters on ties: ``types``, ``dataset``, ``as_of``,
   ``include_illustrative`` and ``include_weak`` (see :func:`is_weak`); a tie
   whose end was removed goes too. Actors left
   without ties stay: filtering relationship types does not hide actors;
3. ``region``: actors whose ``region_code`` is the Région, plus national actors
   (no ``region_code``) tied to one of them by a remaining tie, and every tie
   among the kept actors;
4. ``opco``: that OPCO and the actors one tie away (either direction);
5. ``focus`` and ``depth``: the ego network of ``focus`` (ties followed in both
   directions) up to ``depth`` ties away.

Steps 3 to 5 keep the ties among the kept actors (induced subgraph).

The anchors of a view (its ``opco`` and its ``focus``) stay in it whatever the kinds, the
Région and the other anchor: "the CFA an OPCO funds in a Région" is the OPCO and those CFA.
Only the date and the dataset remove an anchor (it did not exist then, or was not loaded
by that dataset); :func:`lost_anchors` says which, so a page can offer to remove that filter.

:func:`select_columns` makes the same selection of a map held as columns
(:class:`graph_model.columns.MapColumns`, read from files: no ``dataset`` there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph_model.columns import MapColumns
from graph_model.schema import Schema
from graph_model.errors import NotFound
from opcomap.analysis.selection import ViewFilters

if TYPE_CHECKING:  # imported where a graph is cut: a map held as columns never needs it
    import networkx as nx
    import numpy as np

# Below this, a source is a secondary copy (data/reference/README.md, "Confidence").
WEAK_CONFIDENCE = 0.6


def is_weak(attrs: dict[str, Any]) -> bool:
    """True if a tie rests only on weak sources: its best source's confidence is below WEAK_CONFIDENCE.

    A source without a confidence is not judged, so a tie citing one is never weak;
    nor is a tie without sources (that is a different warning).

    >>> is_weak({"sources": [{"confidence": 0.5}, {"confidence": 0.55}]})
    True
    >>> is_weak({"sources": [{"confidence": 0.5}, {"confidence": 0.6}]}), is_weak({"sources": [{"confidence": 0.5}, {}]})
    (False, False)
    >>> is_weak({"sources": []}), is_weak({"sources": [{"confidence": "0.5"}]})  # text, as a Cypher result gives it
    (False, True)
    """
    confidences = [_confidence(source) for source in attrs.get("sources") or ()]
    return bool(confidences) and all(c is not None and c < WEAK_CONFIDENCE for c in confidences)


def _confidence(source: dict[str, Any]) -> float | None:
    try:
        return float(source["confidence"])
    except (KeyError, TypeError, ValueError):
        return None  # absent or unreadable: not judged


def valid_on(attrs: dict[str, Any], day: str) -> bool:
    """True if an actor or tie with ISO ``since``/``until`` attributes is valid on ``day``.

    >>> valid_on({"since": "2019-01-01"}, "2018-12-31"), valid_on({"until": "2019-12-31"}, "2019-12-31")
    (False, True)
    """
    since, until = attrs.get("since"), attrs.get("until")
    return (not since or str(since) <= day) and (not until or day <= str(until))


def anchors(filters: ViewFilters) -> set[str]:
    """The actors a view is built around: its OPCO and its focus.

    >>> sorted(anchors(ViewFilters(opco="akto", focus="cfa-1", kinds=("CFA",))))
    ['akto', 'cfa-1']
    """
    return {actor for actor in (filters.opco, filters.focus) if actor}


def anchor_names(graph: nx.Graph | MapColumns, filters: ViewFilters) -> dict[str, str]:
    """The names of a view's anchors found in ``graph``, for :meth:`ViewFilters.describe`: a
    caption names the OPCO and the focus as readers know them. An anchor without a name, or
    not in ``graph``, is left out (the caption then says its id).

    >>> g = nx.MultiDiGraph(); g.add_node("opco-akto", name="AKTO"); g.add_node("cfa-1")
    >>> anchor_names(g, ViewFilters(opco="opco-akto", focus="cfa-1"))
    {'opco-akto': 'AKTO'}
    """
    wanted = anchors(filters)
    if not wanted:
        return {}
    if isinstance(graph, MapColumns):
        found = {actor: name for actor, name in zip(graph.ids, graph.names, strict=True) if actor in wanted}
    else:
        found = {actor: graph.nodes[actor].get("name") for actor in wanted if actor in graph}
    return {actor: str(name) for actor, name in found.items() if name}



def describe_view(graph: nx.Graph | MapColumns, filters: ViewFilters, lang: str = "fr",
                  schema: Schema | None = None) -> str:
    """:meth:`ViewFilters.describe` with the OPCO and the focus named as ``graph`` knows them.

    >>> g = nx.MultiDiGraph(); g.add_node("opco-akto", name="AKTO")
    >>> describe_view(g, ViewFilters(opco="opco-akto"), "en")
    'OPCO: AKTO'
    """
    return filters.describe(lang, schema, anchor_names(graph, filters))

@dataclass(frozen=True)
class LostAnchor:
    """An anchor the view cannot show: ``field`` (``opco`` or ``focus``) names ``actor``, and
    ``cause`` the filter that removes it (``as_of``, ``dataset``) or ``unknown`` (not in the map)."""

    field: str
    actor: str
    cause: str


def lost_anchors(graph: nx.MultiDiGraph, filters: ViewFilters) -> list[LostAnchor]:
    """The anchors of ``filters`` missing from their view of ``graph`` (the whole map), each
    with the filter to remove to get it back.

    >>> g = nx.MultiDiGraph(); g.add_node("opco", kind="OPCO", since="2019-04-01")
    >>> lost_anchors(g, ViewFilters(opco="opco", focus="x", as_of="2018-01-01"))
    [LostAnchor(field='opco', actor='opco', cause='as_of'), LostAnchor(field='focus', actor='x', cause='unknown')]
    """
    day = filters.as_of.isoformat() if isinstance(filters.as_of, dt.date) else None
    lost = []
    for field in ("opco", "focus"):
        actor = getattr(filters, field)
        if not actor:
            continue
        if actor not in graph:
            lost.append(LostAnchor(field, actor, "unknown"))
            continue
        attrs = graph.nodes[actor]
        if filters.dataset is not None and attrs.get("dataset", filters.dataset) != filters.dataset:
            lost.append(LostAnchor(field, actor, "dataset"))
        elif day is not None and not valid_on(attrs, day):
            lost.append(LostAnchor(field, actor, "as_of"))
    return lost


def _node_kept(attrs: dict[str, Any], filters: ViewFilters, day: str | None, anchor: bool = False) -> bool:
    if filters.kinds is not None and attrs.get("kind") not in filters.kinds and not anchor:
        return False
    if filters.dataset is not None and attrs.get("dataset", filters.dataset) != filters.dataset:
        return False
    return day is None or valid_on(attrs, day)


def _edge_kept(attrs: dict[str, Any], filters: ViewFilters, day: str | None) -> bool:
    if filters.types is not None and attrs.get("type") not in filters.types:
        return False
    if not filters.include_illustrative and attrs.get("illustrative"):
        return False
    if not filters.include_weak and is_weak(attrs):
        return False
    if filters.dataset is not None and attrs.get("dataset", filters.dataset) != filters.dataset:
        return False
    return day is None or valid_on(attrs, day)


def _has_attribute_filters(filters: ViewFilters) -> bool:
    return (
        filters.kinds is not None
        or filters.types is not None
        or filters.dataset is not None
        or filters.as_of is not None
        or not filters.include_illustrative
        or not filters.include_weak
    )


def attribute_subgraph(graph: nx.MultiDiGraph, filters: ViewFilters) -> nx.MultiDiGraph:
    """Steps 1 and 2 of the module docstring: a new graph (the input is untouched)."""
    import networkx as nx

    day = filters.as_of.isoformat() if isinstance(filters.as_of, dt.date) else None
    out = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    kept = anchors(filters)
    out.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if _node_kept(a, filters, day, n in kept))
    out.add_edges_from(
        (u, v, k, a)
        for u, v, k, a in graph.edges(keys=True, data=True)
        if u in out and v in out and _edge_kept(a, filters, day)
    )
    return out


def region_nodes(graph: nx.MultiDiGraph, region: str) -> set[str]:
    """Actors of a Région plus the national actors tied to them (step 3).

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("r", {"region_code": "84"}), ("n", {}), ("o", {"region_code": "11"}), ("x", {})])
    >>> g.add_edge("n", "r"); g.add_edge("o", "n")
    0
    0
    >>> sorted(region_nodes(g, "84"))
    ['n', 'r']
    """
    import networkx as nx

    local = {n for n, code in graph.nodes(data="region_code") if code == region}
    national = {
        other
        for node in local
        for other in nx.all_neighbors(graph, node)
        if not graph.nodes[other].get("region_code")
    }
    return local | national


def ego_nodes(graph: nx.Graph, centre: Hashable, depth: int = 1) -> set[Hashable]:
    """Actors at most ``depth`` ties from ``centre``, ties followed both ways.

    >>> sorted(ego_nodes(nx.path_graph(5, create_using=nx.DiGraph), 2, 1))
    [1, 2, 3]
    """
    import networkx as nx

    if centre not in graph:
        raise NotFound("problems.actor_unknown", id=centre)
    seen, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {o for n in frontier for o in nx.all_neighbors(graph, n)} - seen
        seen |= frontier
    return seen


def apply_filters(graph: nx.MultiDiGraph, filters: ViewFilters, schema: Schema | None = None) -> nx.MultiDiGraph:
    """The part of ``graph`` that ``filters`` selects (see the module docstring).

    Pure: returns a new graph, or ``graph`` itself when nothing is filtered.
    ``schema`` is accepted for symmetry with the other views; kinds and types
    are compared by name.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"kind": "OPCO"}), ("b", {"kind": "CFA"}), ("c", {"kind": "CFA"})])
    >>> _ = g.add_edge("a", "b", key="k1", type="FUNDS", since="2020-01-01")
    >>> _ = g.add_edge("a", "c", key="k2", type="FUNDS", illustrative=True)
    >>> sorted(apply_filters(g, ViewFilters(as_of="2019-06-01")).edges(keys=True))
    [('a', 'c', 'k2')]
    >>> sorted(apply_filters(g, ViewFilters(include_illustrative=False)).edges(keys=True))
    [('a', 'b', 'k1')]
    >>> g.edges["a", "b", "k1"]["sources"] = [{"title": "copie", "confidence": 0.5}]
    >>> sorted(apply_filters(g, ViewFilters(include_weak=False)).edges(keys=True))
    [('a', 'c', 'k2')]
    """
    del schema  # kinds and types are plain names in the graph
    out = attribute_subgraph(graph, filters) if _has_attribute_filters(filters) else graph
    kept = anchors(filters)
    if any(a not in out for a in kept):
        raise _not_found(graph, filters)
    if filters.region:
        out = induced(out, region_nodes(out, filters.region) | kept)
    if filters.opco:
        out = induced(out, ego_nodes(out, filters.opco, 1) | kept)
    if filters.focus:
        out = induced(out, ego_nodes(out, filters.focus, filters.depth) | kept)
    return out


def _not_found(graph: nx.MultiDiGraph, filters: ViewFilters) -> NotFound:
    """Why an anchor is missing from the view, in words (the date or dataset that removed it)."""
    lost = lost_anchors(graph, filters) or [LostAnchor("focus", filters.focus or filters.opco or "", "unknown")]
    return _said(lost[0], filters)


def _said(first: LostAnchor, filters: ViewFilters) -> NotFound:
    if first.cause == "as_of":
        from graph_model.words.formats import Said

        return NotFound("problems.anchor_as_of", id=first.actor, when=Said("view.as_of", {"day": filters.as_of}))
    if first.cause == "dataset":
        return NotFound("problems.anchor_dataset", id=first.actor, name=str(filters.dataset))
    return NotFound("problems.actor_unknown", id=first.actor)


def induced(graph: nx.MultiDiGraph, keep: set[Hashable]) -> nx.MultiDiGraph:
    """A new graph of the actors in ``keep`` and the ties among them, in ``graph``'s order.

    ``graph.subgraph(keep).copy()`` lists a small part in the order of the set, which
    changes from one process to the next (string hashing): the sampled metrics and the
    Louvain communities of a Région's view did too.

    >>> g = nx.MultiDiGraph([("c", "a"), ("a", "b"), ("b", "c")])
    >>> list(induced(g, {"c", "b"}).nodes), list(induced(g, {"c", "b"}).edges())
    (['c', 'b'], [('b', 'c')])
    """
    out = graph.__class__()
    out.graph.update(graph.graph)
    out.add_nodes_from((n, attrs) for n, attrs in graph.nodes(data=True) if n in keep)
    out.add_edges_from((u, v, k, attrs) for u, v, k, attrs in graph.edges(keys=True, data=True)
                       if u in keep and v in keep)
    return out


def select_columns(columns: MapColumns, filters: ViewFilters) -> MapColumns:
    """The part of a map held as columns that ``filters`` selects: what :func:`apply_filters`
    keeps of the same map as a graph, actors and ties in the same order.

    Pure: returns a new map, or ``columns`` itself when nothing is filtered.
    """
    import numpy as np

    out = columns
    if _has_attribute_filters(filters):
        day = filters.as_of.isoformat() if isinstance(filters.as_of, dt.date) else None
        actors = np.ones(out.number_of_nodes(), dtype=bool)
        ties = np.ones(out.number_of_edges(), dtype=bool)
        if filters.kinds is not None:
            actors &= np.isin(np.asarray(out.kinds, dtype=object), list(filters.kinds)) | _anchor_mask(out, filters)
        if filters.types is not None:
            ties &= np.isin(out.type, list(filters.types))
        if not filters.include_illustrative:
            ties &= ~out.illustrative
        if not filters.include_weak:
            ties &= ~(out.confidence < WEAK_CONFIDENCE)  # the best source is weak (see is_weak)
        if day is not None:
            actors &= _valid_days(out.since, out.until, day)
            ties &= _valid_days(out.tie_since, out.tie_until, day)
        out = out.subset(actors, ties)
    missing = [(field, a) for field in ("opco", "focus") if (a := getattr(filters, field)) and a not in out.ids]
    if missing:  # columns carry no dataset: the date removed it, or the map never had it
        field, actor = missing[0]
        raise _said(LostAnchor(field, actor, "as_of" if actor in columns.ids else "unknown"), filters)
    every_tie = np.ones(out.number_of_edges(), dtype=bool)
    if filters.region:
        local = np.array([code == filters.region for code in out.regions], dtype=bool)
        national = np.array([not code for code in out.regions], dtype=bool)
        out = out.subset(local | (out.neighbours(local) & national) | _anchor_mask(out, filters), every_tie)
    if filters.opco:
        out = out.subset(_ego_mask(out, filters.opco, 1) | _anchor_mask(out, filters),
                         np.ones(out.number_of_edges(), dtype=bool))
    if filters.focus:
        out = out.subset(_ego_mask(out, filters.focus, filters.depth) | _anchor_mask(out, filters),
                         np.ones(out.number_of_edges(), dtype=bool))
    return out


def _anchor_mask(columns: MapColumns, filters: ViewFilters) -> np.ndarray:
    """The view's anchors (see :func:`anchors`) as a mask of the columns' actors."""
    import numpy as np

    kept = anchors(filters)
    return np.array([actor in kept for actor in columns.ids], dtype=bool)


def _valid_days(since: np.ndarray, until: np.ndarray, day: str) -> np.ndarray:
    """:func:`valid_on` over columns of ISO days ("" when open)."""
    return ((since == "") | (since <= day)) & ((until == "") | (until >= day))


def _ego_mask(columns: MapColumns, centre: str, depth: int) -> np.ndarray:
    """:func:`ego_nodes` as a mask of the columns' actors."""
    import numpy as np

    if centre not in columns.ids:
        raise NotFound("problems.actor_unknown", id=centre)
    seen = np.zeros(columns.number_of_nodes(), dtype=bool)
    seen[columns.ids.index(centre)] = True
    frontier = seen.copy()
    for _ in range(depth):
        frontier = columns.neighbours(frontier) & ~seen
        seen |= frontier
    return seen
