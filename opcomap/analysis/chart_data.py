"""What the charts show, as tidy rows: pure functions of a graph.

Each function returns a :class:`ChartData`: one row per bar segment, plus the
counts a caption needs (ties counted, how many are illustrative, how many lack
a year or an amount) and the sources those ties cite, in a stable order. The
chart builders (:mod:`opcomap.charts`) only draw them; the rows are also what a
CSV download or a test reads.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx


@dataclass
class ChartData:
    """Rows of one chart and what its caption says about them."""

    rows: list[dict[str, Any]]
    ties: int = 0
    illustrative: int = 0
    without_year: int = 0
    without_amount: int = 0
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def with_amount(self) -> int:
        return self.ties - self.without_amount


def _name(graph: nx.Graph, actor: Hashable) -> str:
    return str(graph.nodes[actor].get("name") or actor)


def _sources_of(ties: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct sources cited by ``ties``, in the order first met (one per title and address)."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for data in ties:
        for source in data.get("sources") or []:
            seen.setdefault((str(source.get("title", "")), str(source.get("url") or "")), source)
    return list(seen.values())


def _edges(graph: nx.MultiDiGraph) -> list[tuple[Hashable, Hashable, Any, dict[str, Any]]]:
    """Every tie once, in key order, so rows and sources come out the same way on every call."""
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
        (u, v, None, d) for u, v, d in graph.edges(data=True))
    return sorted(edges, key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def _year(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


AMOUNT, TIES = "amount", "ties"  # what funding is measured by: euros, or the number of ties


def stated_amount(value: Any) -> float | None:
    """A tie's ``amount_eur`` when it states one (a number, never a flag), else None.

    >>> stated_amount(12), stated_amount(0), stated_amount(None), stated_amount("12"), stated_amount(True)
    (12.0, 0.0, None, None, None)
    """
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def funding_measure(with_amount: int) -> str:
    """What funding is measured by, given how many of the counted ties state an amount: euros when
    any does, else the number of ties (a sum of no amounts would read zero everywhere).

    >>> funding_measure(3), funding_measure(0)
    ('amount', 'ties')
    """
    return AMOUNT if with_amount else TIES


def funding_flows(
    graph: nx.MultiDiGraph,
    chain: Sequence[str] = ("PUBLIC_INSTITUTION", "OPCO", "CFA"),
    types: Iterable[str] = ("FUNDS",),
) -> ChartData:
    """Funding along a chain of kinds (by default France compétences → OPCO → CFA), per pair and year.

    Stage ``i`` holds the ties of ``types`` from an actor of ``chain[i]`` to one of
    ``chain[i + 1]``. Ties are summed per stage, pair of actors, year and
    illustrative flag. The year is the tie's ``year`` property; a tie without
    one is counted under ``year`` None (not guessed from its dates). A tie
    without ``amount_eur`` counts in ``ties`` but adds nothing to
    ``amount_eur``; ``with_amount`` says how many amounts a sum holds.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("fc", {"kind": "PUBLIC_INSTITUTION", "name": "France compétences"}),
    ...     ("o", {"kind": "OPCO", "name": "Atlas"}), ("c", {"kind": "CFA", "name": "CFA"})])
    >>> _ = g.add_edge("fc", "o", type="FUNDS", year=2024, amount_eur=10.0)
    >>> _ = g.add_edge("fc", "o", type="FUNDS", year=2024, amount_eur=5.0)
    >>> _ = g.add_edge("o", "c", type="FUNDS", illustrative=True)
    >>> data = funding_flows(g)
    >>> [(r["stage"], r["source"], r["target"], r["year"], r["amount_eur"], r["ties"]) for r in data.rows]
    [(0, 'fc', 'o', 2024, 15.0, 2), (1, 'o', 'c', None, 0.0, 1)]
    >>> data.ties, data.illustrative, data.without_year, data.without_amount
    (3, 1, 1, 1)
    """
    wanted = set(types)
    stages = {(a, b): i for i, (a, b) in enumerate(itertools.pairwise(chain))}
    kind = dict(graph.nodes(data="kind"))
    picked = [(stages[(kind.get(u), kind.get(v))], u, v, data) for u, v, _, data in _edges(graph)
              if data.get("type") in wanted and (kind.get(u), kind.get(v)) in stages]
    return _summed(graph, picked)


def actor_funding(graph: nx.MultiDiGraph, actor: Hashable, types: Iterable[str] = ("FUNDS",)) -> ChartData:
    """One actor's funding ties per other actor and year: stage 0 what it receives, stage 1 what it pays.

    Counted as :func:`funding_flows` counts (a year left out is ``None``, an amount left out adds nothing).

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("state", "fc", type="FUNDS", year=2024, amount_eur=9.0)
    >>> _ = g.add_edge("fc", "cdc", type="FUNDS", year=2024, amount_eur=2.0)
    >>> _ = g.add_edge("fc", "cdc", type="REGULATES")
    >>> [(r["stage"], r["source"], r["target"], r["amount_eur"]) for r in actor_funding(g, "fc").rows]
    [(0, 'state', 'fc', 9.0), (1, 'fc', 'cdc', 2.0)]
    """
    wanted = set(types)
    picked = [(1 if u == actor else 0, u, v, data) for u, v, _, data in _edges(graph)
              if data.get("type") in wanted and actor in (u, v) and u != v]
    return _summed(graph, picked)


def _summed(graph: nx.MultiDiGraph, picked: list[tuple[int, Hashable, Hashable, dict[str, Any]]]) -> ChartData:
    """Funding ties summed per stage, pair of actors, year and illustrative flag."""
    kind = dict(graph.nodes(data="kind"))
    grouped: dict[tuple, dict[str, Any]] = {}
    for stage, u, v, data in picked:
        year, amount, illustrative = _year(data.get("year")), stated_amount(data.get("amount_eur")), bool(
            data.get("illustrative"))
        row = grouped.setdefault((stage, str(u), str(v), year, illustrative), {
            "stage": stage, "source": u, "source_name": _name(graph, u), "source_kind": kind.get(u),
            "target": v, "target_name": _name(graph, v), "target_kind": kind.get(v), "year": year,
            "illustrative": illustrative, "amount_eur": 0.0, "ties": 0, "ties_with_amount": 0,
        })
        row["ties"] += 1
        if amount is not None:
            row["amount_eur"] += amount
            row["ties_with_amount"] += 1
    rows = sorted(grouped.values(), key=lambda r: (r["stage"], r["year"] is None, r["year"] or 0,
                                                   str(r["source"]), str(r["target"]), r["illustrative"]))
    counted = [data for *_, data in picked]
    return ChartData(
        rows=rows,
        ties=len(counted),
        illustrative=sum(bool(d.get("illustrative")) for d in counted),
        without_year=sum(_year(d.get("year")) is None for d in counted),
        without_amount=sum(stated_amount(d.get("amount_eur")) is None for d in counted),
        sources=_sources_of(counted),
    )


def region_names(graph: nx.Graph, region_kind: str = "REGION") -> dict[str, str]:
    """Région codes and their names: the Région actor's own name first, else a name an actor carries.

    >>> g = nx.Graph(); g.add_nodes_from([("r", {"kind": "REGION", "region_code": "84", "name": "Région ARA"}),
    ...     ("c", {"region_code": "84", "region_name": "ARA"}), ("d", {"region_code": "11"})])
    >>> region_names(g)
    {'11': '11', '84': 'Région ARA'}
    """
    names: dict[str, str] = {}
    for _, attrs in graph.nodes(data=True):
        code = attrs.get("region_code")
        if code and attrs.get("kind") != region_kind and attrs.get("region_name"):
            names.setdefault(str(code), str(attrs["region_name"]))
    for _, attrs in graph.nodes(data=True):
        code = attrs.get("region_code")
        if code and attrs.get("kind") == region_kind and attrs.get("name"):
            names[str(code)] = str(attrs["name"])
        elif code:
            names.setdefault(str(code), str(code))
    return dict(sorted(names.items()))


def actors_by_kind_and_region(graph: nx.Graph, region_kind: str = "REGION") -> ChartData:
    """Actors counted per kind and Région (``region_code``); an actor without one is under ``region`` None.

    >>> g = nx.Graph(); g.add_nodes_from([("r", {"kind": "REGION", "region_code": "84", "name": "ARA"}),
    ...     ("c1", {"kind": "CFA", "region_code": "84"}), ("c2", {"kind": "CFA", "region_code": "84"}),
    ...     ("o", {"kind": "OPCO"})])
    >>> [(r["region"], r["region_name"], r["kind"], r["actors"]) for r in actors_by_kind_and_region(g).rows]
    [('84', 'ARA', 'CFA', 2), ('84', 'ARA', 'REGION', 1), (None, None, 'OPCO', 1)]
    """
    names = region_names(graph, region_kind)
    counts = Counter((str(a["region_code"]) if a.get("region_code") else None, str(a.get("kind") or ""))
                     for _, a in graph.nodes(data=True))
    rows = [{"region": region, "region_name": names.get(region) if region else None, "kind": kind, "actors": n}
            for (region, kind), n in counts.items()]
    rows.sort(key=lambda r: (r["region"] is None, r["region"] or "", r["kind"]))
    return ChartData(rows=rows)


def degree_distribution(graph: nx.MultiDiGraph) -> ChartData:
    """How many actors of each kind have each degree: their number of ties, either direction.

    >>> g = nx.MultiDiGraph(); g.add_nodes_from([("o", {"kind": "OPCO"}), ("a", {"kind": "CFA"}),
    ...     ("b", {"kind": "CFA"}), ("x", {"kind": "CFA"})])
    >>> _ = g.add_edge("o", "a", type="FUNDS"); _ = g.add_edge("o", "b", type="FUNDS", illustrative=True)
    >>> data = degree_distribution(g)
    >>> [(r["degree"], r["kind"], r["actors"]) for r in data.rows], data.ties, data.illustrative
    ([(0, 'CFA', 1), (1, 'CFA', 2), (2, 'OPCO', 1)], 2, 1)
    """
    kind = dict(graph.nodes(data="kind"))
    counts = Counter((degree, str(kind.get(n) or "")) for n, degree in graph.degree())
    rows = [{"degree": d, "kind": k, "actors": n} for (d, k), n in sorted(counts.items())]
    ties = [d for *_, d in _edges(graph)]
    return ChartData(rows=rows, ties=len(ties), illustrative=sum(bool(d.get("illustrative")) for d in ties),
                     sources=_sources_of(ties))


def partners_by_type(graph: nx.MultiDiGraph, kind: str = "OPCO") -> ChartData:
    """Each actor of ``kind`` (the OPCO): its distinct partners and ties per relationship type.

    A partner tied twice by one type counts once for that type; ``illustrative``
    counts the illustrative ties among ``ties``.

    >>> g = nx.MultiDiGraph(); g.add_nodes_from([("o", {"kind": "OPCO", "name": "Atlas"}), "c", "u"])
    >>> _ = g.add_edge("o", "c", type="FUNDS", year=2023); _ = g.add_edge("o", "c", type="FUNDS", year=2024)
    >>> _ = g.add_edge("u", "o", type="CO_MANAGES", illustrative=True)
    >>> [(r["name"], r["type"], r["partners"], r["ties"], r["illustrative"]) for r in partners_by_type(g).rows]
    [('Atlas', 'CO_MANAGES', 1, 1, 1), ('Atlas', 'FUNDS', 1, 2, 0)]
    """
    actors = sorted((n for n, k in graph.nodes(data="kind") if k == kind), key=lambda n: _name(graph, n).casefold())
    wanted = set(actors)
    partners: dict[tuple[Hashable, str], set[Hashable]] = {}
    ties: Counter[tuple[Hashable, str]] = Counter()
    illustrative: Counter[tuple[Hashable, str]] = Counter()
    counted = []
    for u, v, _, data in _edges(graph):
        ends = [(u, v)] if u == v else [(u, v), (v, u)]
        mine = [(me, other) for me, other in ends if me in wanted]
        if mine:
            counted.append(data)
        for me, other in mine:
            key = (me, str(data.get("type") or ""))
            partners.setdefault(key, set()).add(other)
            ties[key] += 1
            illustrative[key] += bool(data.get("illustrative"))
    order = {actor: i for i, actor in enumerate(actors)}
    rows = [{"actor": actor, "name": _name(graph, actor), "type": rel_type, "partners": len(found),
             "ties": ties[(actor, rel_type)], "illustrative": illustrative[(actor, rel_type)]}
            for (actor, rel_type), found in sorted(partners.items(), key=lambda i: (order[i[0][0]], i[0][1]))]
    return ChartData(rows=rows, ties=len(counted), illustrative=sum(bool(d.get("illustrative")) for d in counted),
                     sources=_sources_of(counted))
