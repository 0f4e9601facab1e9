"""The plain-text facts of actors and ties, as the language writes them.

The map's tooltips and inspector are built by map.js from these, as text (``textContent``,
never markup): names come from users' files. Sources are sent once for the whole map
and cited by index.
"""

from __future__ import annotations

from typing import Any

from graph_model.schema import Schema
from graph_model.words.formats import day, money, number
from graph_model.words.values import iso_day, yes_no
from opcomap.mapview.text import text

EDGE_FIELDS = {"type", "since", "until", "illustrative", "sources", "note", "count", "key"}


def shown_value(name: str, value: Any, lang: str) -> str:
    """A value as the language writes it: dates, grouped numbers, euros, yes/no."""
    if name in ("since", "until"):
        found = iso_day(value)
        return day(found, lang) if found else str(value)
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, (int, float)):
        return money(value, lang) if name.endswith("_eur") else number(value, lang)
    return str(value)


def node_facts(attrs: dict[str, Any], schema: Schema, lang: str = "fr") -> list[tuple[str, str]]:
    """An actor's identity as (label, value) rows of plain text, as the language writes them.

    >>> from graph_model.schema import default_schema
    >>> node_facts({"kind": "OPCO", "region_name": "Bretagne", "since": "2019-04-01"}, default_schema())
    [('Genre', 'Opérateur de compétences (OPCO)'), ('Région', 'Bretagne'), ('Depuis', '01/04/2019')]
    """
    rows = []
    kind = attrs.get("kind")
    if kind:
        rows.append((text(lang, "kind"), schema.kind_label(kind, lang)))
    if attrs.get("official_name") and attrs.get("official_name") != attrs.get("name"):
        rows.append((text(lang, "official_name"), str(attrs["official_name"])))
    region = attrs.get("region_name") or attrs.get("region_code")
    if region:
        rows.append((text(lang, "region"), str(region)))
    for field in ("since", "until"):
        if attrs.get(field):
            rows.append((text(lang, field), shown_value(field, attrs[field], lang)))
    for field in ("sectors", "tags"):
        if attrs.get(field):
            rows.append((text(lang, field), ", ".join(map(str, attrs[field]))))
    return rows


def tie_facts(data: dict[str, Any], schema: Schema, lang: str = "fr") -> list[tuple[str, str]]:
    """A tie's dates and properties as (label, value) rows of plain text."""
    rel_type = data.get("type", "")
    rows = [(text(lang, field), shown_value(field, data[field], lang)) for field in ("since", "until") if data.get(field)]
    for name in sorted(k for k in data if k not in EDGE_FIELDS):
        if data[name] not in (None, ""):
            rows.append((schema.property_label(name, lang, rel_type), shown_value(name, data[name], lang)))
    if data.get("note"):
        rows.append((text(lang, "note"), str(data["note"])))
    return rows


def source_line(source: dict[str, Any], lang: str = "fr") -> str:
    """One source as plain text: title — publisher (consulted date)."""
    line = str(source.get("title", ""))
    if source.get("publisher"):
        line += f" — {source['publisher']}"
    if source.get("consulted"):
        consulted = iso_day(source["consulted"])
        line += f" ({text(lang, 'consulted', date=day(consulted, lang) if consulted else source['consulted'])})"
    return line
