"""What colours the map's actors: their kind (the schema's colours), their community, or a property.

A property with words (a Région, a sector) gets a categorical palette, its most frequent
values first and the rest in one grey "other"; a property with numbers or dates gets a
scale from light to dark. Lists (sectors, tags) are read by their first value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph_model.schema import Schema
from graph_model.words import STRINGS
from graph_model.words.values import iso_day
from graph_model.words.formats import day, number, significant
from opcomap.mapview.text import text

KIND, COMMUNITY = "kind", "community"
PROPERTY_PREFIX = "prop:"
# Distinct hues that stay apart for most colour-blind readers (Okabe-Ito, then Tableau's).
PALETTE = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000",
    "#8c564b", "#bcbd22", "#17becf", "#9467bd",
]
OTHER = "#c7c7c7"
LOW, HIGH = (255, 237, 160), (128, 0, 38)  # light yellow to dark red: more is darker
# Attributes that name or describe an actor rather than sort it: never offered as a colour.
NOT_PROPERTIES = {"id", "name", "short_name", "official_name", "aliases", "description", "website", "kind",
                  "aggregated", "count"}


@dataclass(frozen=True)
class Colouring:
    """Each actor's colour, and what the legend says about them."""

    mode: str
    colours: dict[Hashable, str]
    entries: list[dict[str, Any]] = field(default_factory=list)  # categorical: colour, label, count
    scale: dict[str, str] | None = None  # numeric: low/high colours and labels


def properties(graph: nx.Graph) -> list[str]:
    """The actor attributes of ``graph`` a user may colour by (present on at least one actor).

    >>> g = nx.Graph(); g.add_node("a", name="A", region_name="Bretagne", since="2019-04-01")
    >>> properties(g)
    ['region_name', 'since']
    """
    found = {key for _, attrs in graph.nodes(data=True) for key, value in attrs.items()
             if key not in NOT_PROPERTIES and value not in (None, "", [])}
    return sorted(found)


def property_label(name: str, lang: str) -> str:
    """What an actor attribute is called in ``lang`` (its catalogue word, else its name)."""
    key = f"mapview.field_{name}"
    return text(lang, f"field_{name}") if key in STRINGS else name


def colouring(
    graph: nx.Graph, schema: Schema, mode: str = KIND, lang: str = "fr",
    communities: Mapping[Hashable, int] | None = None,
) -> Colouring:
    """Each actor's colour under ``mode``: ``kind``, ``community`` (given ``communities``) or ``prop:NAME``.

    >>> from graph_model.schema import default_schema
    >>> g = nx.Graph()
    >>> for n, region in (("a", "Bretagne"), ("b", "Bretagne"), ("c", "Corse")):
    ...     g.add_node(n, kind="CFA", region_name=region)
    >>> c = colouring(g, default_schema(), "prop:region_name")
    >>> [(e["label"], e["count"]) for e in c.entries], c.colours["a"] == c.colours["b"] != c.colours["c"]
    ([('Bretagne', 2), ('Corse', 1)], True)
    """
    if mode == COMMUNITY and communities is not None:
        values = {node: communities.get(node) for node in graph.nodes}
        return _categories(mode, values, lambda v: text(lang, "community_n", n=number(int(v) + 1, lang)), lang)
    if mode.startswith(PROPERTY_PREFIX):
        name = mode[len(PROPERTY_PREFIX):]
        values = {node: _first(attrs.get(name)) for node, attrs in graph.nodes(data=True)}
        present = [v for v in values.values() if v is not None]
        if present and all(_measure(v) is not None for v in present):
            return _scale(mode, values, lang)
        return _categories(mode, values, str, lang)
    return Colouring(KIND, {node: schema.kind_color(attrs.get("kind", "")) for node, attrs in graph.nodes(data=True)})


def _first(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    return None if value == "" else value


def _measure(value: Any) -> float | None:
    """A number to place on a scale: numbers as they are, dates as their day number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    found = iso_day(value) if isinstance(value, (str, dt.date)) else None
    return float(found.toordinal()) if found else None


def _categories(mode: str, values: Mapping[Hashable, Any], say, lang: str) -> Colouring:
    counted = Counter(v for v in values.values() if v is not None)
    ranked = sorted(counted, key=lambda v: (-counted[v], str(v)))
    named = ranked[:len(PALETTE)]
    colour_of = {value: PALETTE[i] for i, value in enumerate(named)}
    entries = [{"color": colour_of[v], "label": say(v), "count": counted[v]} for v in named]
    rest = sum(1 for v in values.values() if v is None or v not in colour_of)
    if rest:
        entries.append({"color": OTHER, "label": text(lang, "colour_other"), "count": rest})
    colours = {node: colour_of.get(v, OTHER) if v is not None else OTHER for node, v in values.items()}
    return Colouring(mode, colours, entries)


def _scale(mode: str, values: Mapping[Hashable, Any], lang: str) -> Colouring:
    measured = {node: _measure(v) for node, v in values.items() if v is not None}
    low_value, high_value = min(measured.values()), max(measured.values())
    span = (high_value - low_value) or 1.0
    colours = {node: OTHER for node in values}
    for node, m in measured.items():
        colours[node] = _mix((m - low_value) / span)
    low = min(measured, key=lambda n: (measured[n], str(n)))
    high = max(measured, key=lambda n: (measured[n], str(n)))
    scale = {"low": _mix(0.0), "high": _mix(1.0),
             "from": _shown(values[low], lang), "to": _shown(values[high], lang)}
    return Colouring(mode, colours, [], scale)


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return significant(value, lang, digits=4)
    found = iso_day(value)
    return day(found, lang) if found else str(value)


def _mix(share: float) -> str:
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(LOW, HIGH, strict=True))
