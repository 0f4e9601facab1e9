"""Time on the map: the dates worth stopping at, and what changed between two of them.

:func:`changes_between` builds on :func:`~opcomap.analysis.questions.diff_dates`
(ties compared as source, type and target, so a tie whose yearly record is
replaced by the next one continues rather than ending and beginning again) and
names the ties themselves, so a map can draw them; it adds the successions
(``SUCCEEDED_BY``) that took effect in between, which the day-by-day views
never hold: a predecessor ends the day before its successor begins.

:func:`with_changes` lays the two days' views over each other for drawing:
the later view, plus what ended (still drawn, marked) and the successions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx

from opcomap.analysis.filters import valid_on
from opcomap.analysis.questions import diff_dates

SUCCESSION = "SUCCEEDED_BY"
# The 2014 law (CREFOP, personal training account) opens the period the map tells.
FIRST_YEAR = 2014
# What a drawn actor or tie carries under this attribute: how it changed.
CHANGE = "change"
NEW, ENDED, SUCCEEDED = "new", "ended", "succession"
CHANGED = "changed"  # a record edited in place: a proposal's map marks it (opcomap.editing.proposals)

EdgeKey = tuple[Hashable, Hashable, Hashable]


@dataclass(frozen=True)
class Changes:
    """What changed from ``start`` to ``end`` (ISO days): actors and ties (source, target, key)."""

    start: str
    end: str
    actors_new: tuple[Hashable, ...] = ()
    actors_ended: tuple[Hashable, ...] = ()
    ties_new: tuple[EdgeKey, ...] = ()
    ties_ended: tuple[EdgeKey, ...] = ()
    successions: tuple[EdgeKey, ...] = ()
    ties_changed: tuple[tuple[Hashable, str, Hashable], ...] = ()  # same tie, another record (an amount, a role)

    def counts(self) -> dict[str, int]:
        """How many of each change, under stable English keys."""
        return {
            "actors_new": len(self.actors_new), "actors_ended": len(self.actors_ended),
            "ties_new": len(self.ties_new), "ties_ended": len(self.ties_ended),
            "successions": len(self.successions), "ties_changed": len(self.ties_changed),
        }

    @property
    def empty(self) -> bool:
        return not any(self.counts().values())


def _iso(value: dt.date | str) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def changes_between(graph: nx.MultiDiGraph, start: dt.date | str, end: dt.date | str) -> Changes:
    """What appeared, ended and succeeded from ``start`` to ``end`` (in that order).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("pe", until="2023-12-31"); g.add_node("ft", since="2024-01-01"); g.add_node("region")
    >>> _ = g.add_edge("pe", "region", key="t1", type="PARTNERS_WITH")
    >>> _ = g.add_edge("ft", "region", key="t2", type="PARTNERS_WITH")
    >>> _ = g.add_edge("pe", "ft", key="s", type="SUCCEEDED_BY", since="2024-01-01")
    >>> c = changes_between(g, "2023-06-01", "2024-06-01")
    >>> c.actors_new, c.actors_ended, c.ties_new, c.ties_ended, c.successions
    (('ft',), ('pe',), (('ft', 'region', 't2'),), (('pe', 'region', 't1'),), (('pe', 'ft', 's'),))
    """
    first, second = _iso(start), _iso(end)
    diff = diff_dates(graph, first, second)
    low, high = sorted((first, second))
    successions = tuple(sorted(
        ((u, v, k) for u, v, k, d in graph.edges(keys=True, data=True)
         if d.get("type") == SUCCESSION and d.get("since") and low < str(d["since"]) <= high),
        key=str,
    ))
    taken = set(successions)
    return Changes(
        start=first, end=second,
        actors_new=tuple(diff["actors_added"]), actors_ended=tuple(diff["actors_removed"]),
        ties_new=_records(graph, diff["added"], second, taken),
        ties_ended=_records(graph, diff["removed"], first, taken),
        successions=successions,
        ties_changed=tuple(change["tie"] for change in diff["changed"]),
    )


def _records(graph: nx.MultiDiGraph, ties: Iterable[tuple], day: str, taken: set) -> tuple[EdgeKey, ...]:
    """The edges behind (source, type, target) ties that are valid on ``day``."""
    wanted = set(ties)
    found = [
        (u, v, k) for u, v, k, d in graph.edges(keys=True, data=True)
        if (u, d.get("type"), v) in wanted and valid_on(d, day) and (u, v, k) not in taken
    ]
    return tuple(sorted(found, key=str))


def change_dates(graph: nx.MultiDiGraph) -> list[dt.date]:
    """Every day on which an actor or a tie begins or ends (the day after its ``until``).

    >>> g = nx.MultiDiGraph(); g.add_node("a", since="2019-04-01", until="2023-12-31")
    >>> change_dates(g)
    [datetime.date(2019, 4, 1), datetime.date(2024, 1, 1)]
    """
    days: set[dt.date] = set()
    items = [a for _, a in graph.nodes(data=True)] + [d for _, _, d in graph.edges(data=True)]
    for attrs in items:
        for name, shift in (("since", 0), ("until", 1)):
            found = _day(attrs.get(name))
            if found is not None:
                try:
                    days.add(found + dt.timedelta(days=shift))
                except OverflowError:
                    continue  # an until of 9999-12-31 ends nothing
    return sorted(days)


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def scrub_dates(graph: nx.MultiDiGraph, today: dt.date, first_year: int = FIRST_YEAR) -> list[dt.date]:
    """The stops of a time slider: each 1 January from ``first_year`` (or the data's first
    dated year, if later) to ``today``, every day where something changes in between, and today.

    >>> g = nx.MultiDiGraph(); g.add_node("ft", since="2024-01-01"); g.add_node("old", since="1983-01-01")
    >>> [d.isoformat() for d in scrub_dates(g, dt.date(2025, 3, 1), first_year=2022)]
    ['2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01', '2025-03-01']
    """
    dated = change_dates(graph)
    start = max(first_year, dated[0].year) if dated else first_year
    start = min(start, today.year)
    years = {dt.date(year, 1, 1) for year in range(start, today.year + 1)}
    inside = {d for d in dated if dt.date(start, 1, 1) <= d <= today}
    return sorted(years | inside | {today})


def with_changes(after: nx.MultiDiGraph, before: nx.MultiDiGraph, whole: nx.MultiDiGraph,
                 changes: Changes) -> nx.MultiDiGraph:
    """The view of the later day (``after``) with its changes marked, for drawing.

    Actors and ties of ``after`` that are new carry ``change="new"``; those of
    ``before`` that ended are added back with ``change="ended"``; successions
    of ``whole`` between actors drawn are added with ``change="succession"``.
    The inputs are left untouched.

    >>> g = nx.MultiDiGraph(); g.add_node("pe", until="2023-12-31"); g.add_node("ft", since="2024-01-01")
    >>> _ = g.add_edge("pe", "ft", key="s", type="SUCCEEDED_BY", since="2024-01-01")
    >>> c = changes_between(g, "2023-06-01", "2024-06-01")
    >>> drawn = with_changes(g.subgraph(["ft"]), g.subgraph(["pe"]), g, c)
    >>> sorted(drawn.nodes(data=CHANGE)), list(drawn.edges(keys=True, data=CHANGE))
    ([('ft', 'new'), ('pe', 'ended')], [('pe', 'ft', 's', 'succession')])
    """
    out = nx.MultiDiGraph()
    out.graph.update(after.graph)
    new_actors, new_ties = set(changes.actors_new), set(changes.ties_new)
    for node, attrs in after.nodes(data=True):
        out.add_node(node, **{**attrs, **({CHANGE: NEW} if node in new_actors else {})})
    for u, v, k, attrs in after.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{**attrs, **({CHANGE: NEW} if (u, v, k) in new_ties else {})})
    for node in changes.actors_ended:
        if node in before and node not in out:
            out.add_node(node, **{**before.nodes[node], CHANGE: ENDED})
    for u, v, k in changes.ties_ended:
        if before.has_edge(u, v, k) and u in out and v in out and not out.has_edge(u, v, k):
            out.add_edge(u, v, key=k, **{**before.edges[u, v, k], CHANGE: ENDED})
    for u, v, k in changes.successions:
        if u in out and v in out:
            attrs = dict(whole.edges[u, v, k])
            attrs[CHANGE] = SUCCEEDED
            out.add_edge(u, v, key=k, **attrs)
    return out


__all__ = ["CHANGE", "CHANGED", "ENDED", "FIRST_YEAR", "NEW", "SUCCEEDED", "Changes", "change_dates", "changes_between",
           "scrub_dates", "with_changes"]
