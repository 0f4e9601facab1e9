"""The ties a map draws, as a table with their sources: what a screen reader or a printer reads
instead of the drawing (the app under each map, the HTML export after it).

Every value is escaped here; only ``http(s)`` URLs become links.
"""

from __future__ import annotations

from html import escape
from typing import Any

from graph_model.schema import Schema
from graph_model.words.formats import number
from opcomap.mapview.assets import map_asset
from opcomap.mapview.payload import MapPayload
from opcomap.mapview.text import text


def safe_link(url: Any, label: str) -> str:
    """An anchor for a web URL, or the (already escaped) label alone for anything else.

    >>> safe_link("javascript:alert(1)", "x")
    'x'
    >>> safe_link("https://a.fr/?q=1&r=<2>", "site")
    '<a href="https://a.fr/?q=1&amp;r=&lt;2&gt;" target="_blank" rel="noopener noreferrer">site</a>'
    """
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{label}</a>'
    return label


def tie_rows(payload: MapPayload, schema: Schema, lang: str) -> list[dict[str, Any]]:
    """One row per drawn tie (not those held back for expansion): its ends, type, dates and
    sources, as plain text, sorted by the first end's name.

    >>> from graph_model.schema import default_schema
    >>> from opcomap.mapview import map_payload
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="OPCO", name="AKTO"); g.add_node("b", kind="BRANCH", name="Branche B")
    >>> _ = g.add_edge("b", "a", key="k", type="ATTACHED_TO", since="2019-04-01",
    ...                sources=[{"title": "Arrêté", "url": "https://legifrance.gouv.fr/x"}])
    >>> [(r["from"], r["type"], r["to"], r["since"], [s["text"] for s in r["sources"]])
    ...  for r in tie_rows(map_payload(g, default_schema()), default_schema(), "fr")]
    [('Branche B', 'Rattachement de branche', 'AKTO', '01/04/2019', ['Arrêté'])]
    """
    names = {node["id"]: node["info"]["name"] for node in (*payload.nodes, *payload.reserve_nodes)}
    rows = []
    for edge in payload.edges:
        info = edge.get("info", {})
        since, until = info.get("dates", ["", ""])
        label = schema.type_label(edge["type"], lang)
        if info.get("grouped"):
            label += f" ({text(lang, 'group_ties', count=number(info['grouped'], lang))})"
        rows.append({
            "from": names.get(edge["from"], edge["from"]), "type": label, "to": names.get(edge["to"], edge["to"]),
            "since": since, "until": until, "sources": [payload.sources[i] for i in info.get("sources", [])],
        })
    return sorted(rows, key=lambda r: (r["from"].casefold(), r["type"], r["to"].casefold()))


def ties_table_html(payload: MapPayload, schema: Schema, lang: str, *, open_: bool = False) -> str:
    """The drawn ties as an HTML table (with its style) inside a ``<details>``, closed unless ``open_``."""
    rows = tie_rows(payload, schema, lang)
    heads = "".join(f"<th scope='col'>{escape(text(lang, key))}</th>"
                    for key in ("ties_from", "ties_type", "ties_to", "since", "until", "sources"))
    body = []
    for row in rows:
        cited = "".join(f"<li>{safe_link(s.get('url'), escape(s['text']))}</li>" for s in row["sources"])
        body.append(
            "<tr>" + "".join(f"<td>{escape(row[key])}</td>" for key in ("from", "type", "to", "since", "until"))
            + f"<td>{'<ol>' + cited + '</ol>' if cited else ''}</td></tr>"
        )
    title = text(lang, "ties_title", count=number(len(rows), lang))
    return (
        f"<style>{map_asset('ties.css')}</style>"
        f"<details class='opcomap-ties'{' open' if open_ else ''}><summary>{escape(title)}</summary>"
        f"<table><caption>{escape(text(lang, 'ties_caption'))}</caption><thead><tr>{heads}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></details>"
    )
