"""Measures per Région, the figures the France map colours: pure functions of a graph.

Every measure gives a value to each Région code asked for (0 where nothing is
found), and the ties it counted, so a diagram can number their sources.

* ``gaps``: for one OPCO, 1 where it has no partner of the partner kinds (CFA
  and training organisations) in that Région, else 0 — the coverage gaps of
  :func:`~opcomap.analysis.questions.coverage_gaps`;
* ``cfa`` / ``training``: actors of kind CFA (resp. TRAINING_ORG) per Région,
  by their ``region_code``; with an OPCO, only its partners (tied to it by any
  tie, either direction);
* ``seats``: seats on the Région's governance bodies (actors of kind
  GOVERNANCE_BODY with that ``region_code``: the CREFOP on the reference map),
  one per SITS_ON tie into them, or the tie's ``seats`` when it gives one;
* ``funding``: euros received, the sum of ``amount_eur`` over the FUNDS ties
  into actors of that Région (the Région's council included); a tie without
  an amount adds nothing. When none of the ties states an amount, the number
  of ties instead, as the funding chart measures them
  (:func:`~opcomap.analysis.chart_data.funding_measure`). With an OPCO, only
  the ties it funds from.

Kinds and types are the default schema's names, parameters where a user's own
schema may call them otherwise.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from graph_model.errors import NotFound, OpcomapError
from opcomap.analysis.chart_data import AMOUNT, TIES, funding_measure, stated_amount
from opcomap.analysis.questions import coverage_gaps

MEASURES: tuple[str, ...] = ("gaps", "cfa", "training", "seats", "funding")
# Measures that read one OPCO's ties: gaps needs one, the partner counts and the funding may take one.
NEEDS_OPCO = frozenset({"gaps"})
TAKES_OPCO = frozenset({"gaps", "cfa", "training", "funding"})
PARTNER_KINDS = ("CFA", "TRAINING_ORG")

Tie = tuple[Hashable, Hashable, Hashable]


@dataclass(frozen=True)
class RegionMeasure:
    """One measure's value for each Région code, and the ties behind it; for ``funding``, what
    its values are (``by``: euros, or a number of ties when no tie states an amount) and how many
    ties into a Région's actors state no amount while others do (they add nothing, so a map of
    zeros may still hide funding)."""

    measure: str
    values: dict[str, float]
    opco: str | None = None
    ties: tuple[Tie, ...] = field(default=())
    unstated: int = 0
    by: str = AMOUNT

    @property
    def binary(self) -> bool:
        """True for a yes/no measure (the coverage gaps)."""
        return self.measure == "gaps"

    @property
    def counts_ties(self) -> bool:
        """True for funding counted in ties, for want of any amount."""
        return self.measure == "funding" and self.by == TIES

    @property
    def words(self) -> str:
        """The measure as the catalogue's keys name it: ``funding_ties`` for funding counted in ties.

        >>> RegionMeasure("funding", {}).words, RegionMeasure("funding", {}, by="ties").words
        ('funding', 'funding_ties')
        """
        return f"{self.measure}_ties" if self.counts_ties else self.measure


def _partner_ties(graph: nx.MultiDiGraph, opco: Hashable, kinds: set[str]) -> list[Tie]:
    out = [(opco, v, k) for _, v, k in graph.out_edges(opco, keys=True) if graph.nodes[v].get("kind") in kinds]
    out += [(u, opco, k) for u, _, k in graph.in_edges(opco, keys=True) if graph.nodes[u].get("kind") in kinds]
    return sorted(out, key=lambda tie: tuple(map(str, tie)))


def partners_per_region(
    graph: nx.MultiDiGraph, codes: Iterable[str], kinds: Iterable[str], opco: Hashable | None = None,
    measure: str = "cfa",
) -> RegionMeasure:
    """Actors of ``kinds`` per Région (an OPCO's partners only, when ``opco`` is given).

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("o", {"kind": "OPCO"}), ("c1", {"kind": "CFA", "region_code": "84"}),
    ...     ("c2", {"kind": "CFA", "region_code": "84"}), ("c3", {"kind": "CFA", "region_code": "11"})])
    >>> _ = g.add_edge("o", "c1", type="FUNDS"); _ = g.add_edge("c2", "o", type="PARTNERS_WITH")
    >>> partners_per_region(g, ["11", "84"], ["CFA"]).values
    {'11': 1.0, '84': 2.0}
    >>> partners_per_region(g, ["11", "84"], ["CFA"], opco="o").values
    {'11': 0.0, '84': 2.0}
    """
    kinds = set(kinds)
    values = dict.fromkeys(sorted(codes), 0.0)
    if opco is None:
        actors: Iterable[Hashable] = (n for n, kind in graph.nodes(data="kind") if kind in kinds)
        ties: list[Tie] = []
    else:
        _known(graph, opco)
        ties = _partner_ties(graph, opco, kinds)
        actors = {u if v == opco else v for u, v, _ in ties}
    for actor in actors:
        code = graph.nodes[actor].get("region_code")
        if code in values:
            values[code] += 1
    return RegionMeasure(measure, values, None if opco is None else str(opco), tuple(ties))


def gaps_per_region(
    graph: nx.MultiDiGraph, codes: Iterable[str], opco: Hashable, partner_kinds: Iterable[str] = PARTNER_KINDS,
    opco_kind: str = "OPCO",
) -> RegionMeasure:
    """1 for each Région where ``opco`` has no partner of ``partner_kinds``, else 0.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("o", {"kind": "OPCO"}), ("t", {"kind": "TRAINING_ORG", "region_code": "53"})])
    >>> _ = g.add_edge("o", "t", type="FUNDS")
    >>> gaps_per_region(g, ["11", "53"], "o").values
    {'11': 1.0, '53': 0.0}
    """
    _known(graph, opco)
    if graph.nodes[opco].get("kind") != opco_kind:
        raise OpcomapError("problems.france_not_opco", id=opco)
    codes = sorted(codes)
    found = coverage_gaps(graph, opco_kind=opco_kind, partner_kinds=partner_kinds, regions=codes)
    missing = set(found["regions_without_partner"].get(opco, codes))
    values = {code: 1.0 if code in missing else 0.0 for code in codes}
    return RegionMeasure("gaps", values, str(opco), tuple(_partner_ties(graph, opco, set(partner_kinds))))


def seats_per_region(
    graph: nx.MultiDiGraph, codes: Iterable[str], body_kind: str = "GOVERNANCE_BODY", tie_type: str = "SITS_ON",
) -> RegionMeasure:
    """Seats on each Région's governance bodies: a SITS_ON tie counts its ``seats``, else one.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("crefop", {"kind": "GOVERNANCE_BODY", "region_code": "24"}), ("cgt", {}), ("medef", {})])
    >>> _ = g.add_edge("cgt", "crefop", type="SITS_ON"); _ = g.add_edge("medef", "crefop", type="SITS_ON", seats=3)
    >>> seats_per_region(g, ["11", "24"]).values
    {'11': 0.0, '24': 4.0}
    """
    values = dict.fromkeys(sorted(codes), 0.0)
    ties = []
    for u, v, k, data in graph.edges(keys=True, data=True):
        body = graph.nodes[v]
        if data.get("type") != tie_type or body.get("kind") != body_kind or body.get("region_code") not in values:
            continue
        seats = data.get("seats")
        values[body["region_code"]] += seats if isinstance(seats, int) and seats > 0 else 1
        ties.append((u, v, k))
    return RegionMeasure("seats", values, None, tuple(ties))


def funding_per_region(
    graph: nx.MultiDiGraph, codes: Iterable[str], funder: Hashable | None = None, tie_type: str = "FUNDS",
    amount: str = "amount_eur",
) -> RegionMeasure:
    """Euros received per Région: ``amount`` summed over the ``tie_type`` ties into its actors
    (from ``funder`` only, when given: what one OPCO funds in each Région); the number of those
    ties when none states an amount, by the funding chart's rule.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("etat", {}), ("r", {"region_code": "76"}), ("cfa", {"region_code": "76"})])
    >>> _ = g.add_edge("etat", "r", type="FUNDS", amount_eur=5e6); _ = g.add_edge("r", "cfa", type="FUNDS", amount_eur=2e6)
    >>> _ = g.add_edge("etat", "cfa", type="FUNDS")
    >>> funding_per_region(g, ["76", "93"]).values
    {'76': 7000000.0, '93': 0.0}
    >>> funding_per_region(g, ["76", "93"], funder="r").values
    {'76': 2000000.0, '93': 0.0}
    >>> funding_per_region(g, ["76", "93"], funder="etat").unstated
    1
    >>> _ = g.add_edge("cfa", "r", type="FUNDS"); counted = funding_per_region(g, ["76", "93"], funder="cfa")
    >>> counted.values, counted.by, counted.unstated
    ({'76': 1.0, '93': 0.0}, 'ties', 0)
    """
    values = dict.fromkeys(sorted(codes), 0.0)
    if funder is None:
        edges = graph.edges(keys=True, data=True)
    else:
        _known(graph, funder)
        edges = graph.out_edges(funder, keys=True, data=True)
    stated: list[tuple[Tie, str, float]] = []
    unstated: list[tuple[Tie, str]] = []
    for u, v, k, data in edges:
        code = graph.nodes[v].get("region_code")
        if data.get("type") != tie_type or code not in values:
            continue
        value = stated_amount(data.get(amount))
        if value is None:
            unstated.append(((u, v, k), code))
        else:
            stated.append(((u, v, k), code, value))
    opco = None if funder is None else str(funder)
    if funding_measure(len(stated)) == TIES:
        for _, code in unstated:
            values[code] += 1
        return RegionMeasure("funding", values, opco, tuple(tie for tie, _ in unstated), 0, TIES)
    for _, code, value in stated:
        values[code] += value
    return RegionMeasure("funding", values, opco, tuple(tie for tie, _, _ in stated), len(unstated))


def region_measure(
    graph: nx.MultiDiGraph, measure: str, codes: Iterable[str], opco: Hashable | None = None,
) -> RegionMeasure:
    """``measure`` (one of :data:`MEASURES`) for each Région code; ``opco`` for the measures of
    :data:`TAKES_OPCO` (gaps, partner counts, funding)."""
    if measure not in MEASURES:
        raise OpcomapError("problems.france_measure_unknown", name=measure, choices=", ".join(MEASURES))
    if measure in NEEDS_OPCO and opco is None:
        raise OpcomapError("problems.france_needs_opco", measure=measure)
    if measure == "gaps":
        return gaps_per_region(graph, codes, opco)  # type: ignore[arg-type]
    if measure in ("cfa", "training"):
        kinds = ["CFA"] if measure == "cfa" else ["TRAINING_ORG"]
        return partners_per_region(graph, codes, kinds, opco, measure)
    if measure == "seats":
        return seats_per_region(graph, codes)
    return funding_per_region(graph, codes, opco)


def counts_every_opco(measure: str) -> bool:
    """Whether ``measure`` reads the whole map whatever OPCO the view is filtered on: the seats on
    a CREFOP are no OPCO's, so an OPCO's neighbourhood would show them as zero everywhere.

    >>> counts_every_opco("seats"), counts_every_opco("funding"), counts_every_opco("cfa")
    (True, False, False)
    """
    return measure in MEASURES and measure not in TAKES_OPCO


def region_names(graph: nx.Graph, codes: Iterable[str], region_kind: str = "REGION") -> dict[str, str]:
    """Each code's name as the map gives it: the Région actor's ``region_name``, else any actor's.

    >>> g = nx.Graph(); g.add_nodes_from([("c", {"region_code": "11", "region_name": "IdF"}),
    ...     ("r", {"kind": "REGION", "region_code": "11", "region_name": "Île-de-France"})])
    >>> region_names(g, ["11", "24"])
    {'11': 'Île-de-France'}
    """
    wanted = set(codes)
    found: dict[str, str] = {}
    ranked = sorted(graph.nodes(data=True), key=lambda item: item[1].get("kind") != region_kind)
    for _, attrs in ranked:
        code, name = attrs.get("region_code"), attrs.get("region_name")
        if code in wanted and name and code not in found:
            found[code] = str(name)
    return found


def _known(graph: nx.Graph, actor: Hashable) -> None:
    if actor not in graph:
        raise NotFound("problems.actor_unknown", id=actor)
