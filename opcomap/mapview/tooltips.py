"""Tooltip HTML for actors and ties. Every value is escaped: names come from users' files.

The page turns these strings into DOM elements with ``innerHTML``; that is
safe only because nothing from the data reaches the markup unescaped, and
only ``http(s)`` URLs become links.
"""

from __future__ import annotations

from html import escape
from typing import Any

from graph_model.schema import Schema
from opcomap.analysis.filters import is_weak
from graph_model.words.formats import day, money, number, significant
from graph_model.words.values import iso_day, yes_no
from opcomap.mapview.text import text

EDGE_FIELDS = {"type", "since", "until", "illustrative", "sources", "note", "count", "key"}
_DESCRIPTION_MAX = 280


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def safe_link(url: Any, label: str) -> str:
    """An anchor for a web URL, or the escaped label alone for anything else.

    >>> safe_link("javascript:alert(1)", "x")
    'x'
    >>> safe_link("https://a.fr/?q=1&r=<2>", "site")
    '<a href="https://a.fr/?q=1&amp;r=&lt;2&gt;" target="_blank" rel="noopener noreferrer">site</a>'
    """
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{label}</a>'
    return label


def _row(label: str, value: Any, lang: str) -> str:
    return f"<div><span class='k'>{_e(text(lang, 'row_label', label=label))}</span> {_e(value)}</div>"


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


def node_tooltip(
    attrs: dict[str, Any], schema: Schema, lang: str = "fr", metric: tuple[str, float] | None = None
) -> str:
    """HTML describing an actor (or a group of actors)."""
    parts = [f"<b>{_e(attrs.get('name', ''))}</b>"]
    facts = node_facts(attrs, schema, lang)
    if attrs.get("aggregated"):
        facts.insert(1 if attrs.get("kind") else 0, ("", text(lang, "group_count", count=number(attrs.get("count", 0), lang))))
    for label, value in facts:
        parts.append(_row(label, value, lang) if label else f"<div>{_e(value)}</div>")
    if metric is not None:
        parts.append(_row(metric[0], significant(metric[1], lang, digits=4), lang))
    description = attrs.get("description")
    if description:
        short = description if len(description) <= _DESCRIPTION_MAX else description[:_DESCRIPTION_MAX] + "…"
        parts.append(f"<div class='d'>{_e(short)}</div>")
    if attrs.get("website"):
        parts.append(f"<div>{safe_link(attrs['website'], _e(text(lang, 'website')))}</div>")
    return "".join(parts)


def edge_tooltip(
    data: dict[str, Any], source_name: str, target_name: str, schema: Schema, lang: str = "fr"
) -> str:
    """HTML describing a tie: its type, ends, dates, properties and numbered sources."""
    rel_type = data.get("type", "")
    arrow = "→" if schema.is_directed(rel_type) else "—"
    parts = [
        f"<b>{_e(schema.type_label(rel_type, lang))}</b>",
        f"<div>{_e(source_name)} {arrow} {_e(target_name)}</div>",
    ]
    if data.get("count", 1) > 1:
        parts.append(f"<div>{_e(text(lang, 'group_ties', count=number(data['count'], lang)))}</div>")
    for field in ("since", "until"):
        if data.get(field):
            parts.append(_row(text(lang, field), shown_value(field, data[field], lang), lang))
    for name in sorted(k for k in data if k not in EDGE_FIELDS):
        if data[name] not in (None, ""):
            parts.append(_row(schema.property_label(name, lang, rel_type), shown_value(name, data[name], lang), lang))
    if data.get("illustrative"):
        parts.append(f"<div class='w'>{_e(text(lang, 'illustrative'))}</div>")
    if is_weak(data):
        parts.append(f"<div class='w'>{_e(text(lang, 'weak'))}</div>")
    if data.get("note"):
        parts.append(_row(text(lang, "note"), data["note"], lang))
    if "sources" in data:
        parts.append(sources_html(data["sources"] or [], lang))
    else:  # a view read without sources (a national map from Neo4j, ties merged): say where they are
        parts.append(f"<div class='k'>{_e(text(lang, 'sources_on_profiles'))}</div>")
    return "".join(parts)


def source_line(source: dict[str, Any], lang: str = "fr") -> str:
    """One source as plain text: title — publisher (consulted date)."""
    line = str(source.get("title", ""))
    if source.get("publisher"):
        line += f" — {source['publisher']}"
    if source.get("consulted"):
        consulted = iso_day(source["consulted"])
        line += f" ({text(lang, 'consulted', date=day(consulted, lang) if consulted else source['consulted'])})"
    return line


def sources_html(sources: list[dict[str, Any]], lang: str = "fr") -> str:
    if not sources:
        return f"<div class='w'>{_e(text(lang, 'no_source'))}</div>"
    items = []
    for source in sources:
        title = safe_link(source.get("url"), _e(source_line(source, lang)))
        items.append(f"<li>{title}</li>")
    return f"<div class='k'>{_e(text(lang, 'sources_heading'))}</div><ol>{''.join(items)}</ol>"
