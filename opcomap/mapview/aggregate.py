"""Grouping of very large views: one node per (Région, kind) for the kinds the schema marks.

A browser cannot draw 40,000 training organisations usefully; a strategist
can read "Organismes de formation — Bretagne (1 204)". Only kinds with
``aggregate: true`` in the schema are grouped, and only above a cap.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph_model.schema import Schema
from graph_model.words.formats import number
from opcomap.mapview.text import text

DEFAULT_CAP = 3000
GROUP_PREFIX = "groupe:"


@dataclass(frozen=True)
class Aggregation:
    """What was grouped, so the page can say it plainly."""

    cap: int
    actors: int
    relationships: int
    grouped: int
    groups: int
    kinds: tuple[str, ...] = field(default_factory=tuple)
    inside: int = 0  # ties between two members of one group: not drawn
    drawn_ties: int = 0  # ties drawn, those merged between a group and another node counting once

    def banner(self, schema: Schema, lang: str = "fr") -> str:
        kinds = ", ".join(schema.kind_label(k, lang) for k in self.kinds)
        return text(
            lang, "aggregated", cap=number(self.cap, lang), grouped=number(self.grouped, lang),
            kinds=kinds, groups=number(self.groups, lang), actors=number(self.actors, lang),
            relationships=number(self.relationships, lang), inside=number(self.inside, lang),
            drawn=number(self.drawn_ties, lang),
        )


def group_id(kind: str, region_code: str | None) -> str:
    """Id of the node standing for every actor of ``kind`` in a Région."""
    return f"{GROUP_PREFIX}{kind}:{region_code or '-'}"


def aggregate(
    graph: nx.MultiDiGraph, schema: Schema, cap: int = DEFAULT_CAP, lang: str = "fr"
) -> tuple[nx.MultiDiGraph, Aggregation | None]:
    """Return ``graph`` unchanged up to ``cap`` nodes, else a grouped copy and what was done.

    Ties inside a group disappear; parallel ties between the same two nodes
    of the same type merge into one edge carrying ``count`` and the union of
    their sources (no ``sources`` at all when the view was read without them).

    >>> from graph_model.schema import default_schema
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("opco", kind="OPCO", name="OPCO X")
    >>> for i in range(3):
    ...     g.add_node(f"of{i}", kind="TRAINING_ORG", name=f"OF {i}", region_code="53")
    ...     _ = g.add_edge("opco", f"of{i}", key=f"k{i}", type="FUNDS", sources=[])
    >>> small, info = aggregate(g, default_schema(), cap=2)
    >>> sorted(small.nodes), small.nodes["groupe:TRAINING_ORG:53"]["count"], info.grouped
    (['groupe:TRAINING_ORG:53', 'opco'], 3, 3)
    >>> [d["count"] for _, _, d in small.edges(data=True)]
    [3]
    """
    marked = {name for name, spec in schema.kinds.items() if spec.aggregate}
    if graph.number_of_nodes() <= cap or not marked:
        return graph, None
    target: dict[Hashable, Hashable] = {}
    grouped = nx.MultiDiGraph()
    members: dict[Hashable, list[dict[str, Any]]] = {}
    for node, attrs in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        kind = attrs.get("kind")
        if kind in marked:
            gid = group_id(kind, attrs.get("region_code"))
            target[node] = gid
            members.setdefault(gid, []).append(attrs)
        else:
            target[node] = node
            grouped.add_node(node, **attrs)
    for group_node, group in members.items():
        grouped.add_node(group_node, **_group_attributes(group, schema, lang))
    inside = _merge_edges(graph, grouped, target, set(members))
    info = Aggregation(
        cap=cap,
        actors=graph.number_of_nodes(),
        relationships=graph.number_of_edges(),
        grouped=sum(len(m) for m in members.values()),
        groups=len(members),
        kinds=tuple(sorted({a["kind"] for m in members.values() for a in m})),
        inside=inside,
        drawn_ties=grouped.number_of_edges(),
    )
    return grouped, info


def _group_attributes(group: list[dict[str, Any]], schema: Schema, lang: str) -> dict[str, Any]:
    first = group[0]
    region = first.get("region_name") or first.get("region_code") or text(lang, "no_region")
    label = schema.kind_label(first["kind"], lang)
    return {
        "kind": first["kind"],
        "name": f"{label} — {region} ({number(len(group), lang)})",
        "short_name": f"{label} — {region} ({number(len(group), lang)})",
        "region_code": first.get("region_code"),
        "region_name": first.get("region_name"),
        "aggregated": True,
        "count": len(group),
    }


def _merge_edges(
    graph: nx.MultiDiGraph, grouped: nx.MultiDiGraph, target: dict[Hashable, Hashable], groups: set
) -> int:
    """Ties of ``graph`` onto ``grouped``; returns how many joined two members of one group (not drawn)."""
    merged: dict[tuple, dict[str, Any]] = {}
    inside = 0
    for u, v, key, data in graph.edges(keys=True, data=True):
        a, b = target[u], target[v]
        if a == b:
            inside += 1  # a tie inside one group cannot be drawn: the banner counts it
            continue
        if a not in groups and b not in groups:
            grouped.add_edge(a, b, key=key, **data)
            continue
        slot = (a, b, data.get("type"))
        entry = merged.setdefault(slot, {
            "type": data.get("type"), "count": 0, "illustrative": True, "_seen": set(),
        })
        entry["count"] += 1
        entry["illustrative"] = entry["illustrative"] and bool(data.get("illustrative"))
        if "sources" not in data:
            continue  # a view read without sources: the group has none to gather (tooltips say where they are)
        entry.setdefault("sources", [])
        for source in data["sources"]:
            mark = (source.get("title"), source.get("url"))
            if mark not in entry["_seen"]:
                entry["_seen"].add(mark)
                entry["sources"].append(source)
    for (a, b, rel_type), entry in sorted(merged.items(), key=lambda item: tuple(map(str, item[0]))):
        entry.pop("_seen")
        grouped.add_edge(a, b, key=f"{a}|{rel_type}|{b}|groupe", **entry)
    return inside
