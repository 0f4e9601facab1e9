"""The self-contained HTML page around a vis-network map."""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from graph_model.schema import Schema
from opcomap.mapview.assets import map_asset, vis_network
from graph_model.words.formats import number
from opcomap.mapview.colours import PROPERTY_PREFIX, property_label
from opcomap.mapview.payload import CHANGE_COLORS, LARGE_MAP, MapPayload
from opcomap.mapview.text import text
from opcomap.mapview.ties import ties_table_html

_SHAPE_SYMBOL = {
    "star": "★", "triangle": "▲", "triangleDown": "▼", "square": "■", "diamond": "◆", "hexagon": "⬢",
    "box": "▬", "dot": "●", "ellipse": "●", "circle": "●",
}


def json_for_script(value: Any) -> str:
    """JSON safe inside a <script> element: no way to close it or open a comment.

    >>> json_for_script({"name": "</script><script>alert(1)</script>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    raw = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        raw = raw.replace(char, code)
    return raw


def vis_options(node_count: int) -> dict[str, Any]:
    large = node_count > LARGE_MAP  # hide ties while moving, as vis-network advises for big maps
    return {
        "physics": False,  # positions come from opcomap.drawing.layout; physics would freeze big maps
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
            "multiselect": False, "navigationButtons": False,
        },
        "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.55}}, "selectionWidth": 2},
        "nodes": {
            "font": {"size": 14, "face": "DejaVu Sans, Arial, sans-serif", "strokeWidth": 3,
                     "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 6}},
            # Long official names wrap onto several lines instead of crossing the map.
            "widthConstraint": {"maximum": 180},
        },
    }


def legend_html(payload: MapPayload, schema: Schema, lang: str) -> str:
    """The legend: kinds and relationship types with their counts, each a button that hides or
    shows them on the map, and what the colours mean when they do not follow the kind. Rows of
    actors and ties held back (none drawn yet) wait hidden until an expansion draws some."""
    painted = payload.colouring
    by_kind = painted is None or painted.mode == "kind"
    rows = [f"<div class='h'>{escape(text(lang, 'kinds'))}</div>"]
    for kind in payload.kinds:
        spec = schema.kinds.get(kind)
        symbol = _SHAPE_SYMBOL.get(spec.shape if spec else "dot", "●")
        colour = schema.kind_color(kind) if by_kind else "#555555"
        rows.append(
            f"<button type='button' class='r' data-kind='{escape(kind)}' aria-pressed='true'"
            f"{'' if payload.counts.get(kind) else ' hidden'} "
            f"title='{escape(text(lang, 'legend_toggle'))}'>"
            f"<span class='s' style='color:{escape(colour)}'>{symbol}</span>"
            f"<span class='t'>{escape(schema.kind_label(kind, lang))}</span> "
            f"<span class='n'>{number(payload.counts.get(kind, 0), lang)}</span></button>"
        )
    if payload.types:
        rows.append(f"<div class='h'>{escape(text(lang, 'types'))}</div>")
    for rel_type in payload.types:
        type_spec = schema.relationship_types.get(rel_type)
        style = "dashed" if type_spec and type_spec.dashes and not payload.plain_ties else "solid"
        rows.append(
            f"<button type='button' class='r' data-type='{escape(rel_type)}' aria-pressed='true'"
            f"{'' if payload.type_counts.get(rel_type) else ' hidden'} "
            f"title='{escape(text(lang, 'legend_toggle'))}'><span class='l' style='border-top:3px {style} "
            f"{escape(schema.type_color(rel_type))}'></span><span class='t'>{escape(schema.type_label(rel_type, lang))}"
            f"</span> <span class='n'>{number(payload.type_counts.get(rel_type, 0), lang)}</span></button>"
        )
    if painted is not None and not by_kind:
        rows.append(f"<div class='h'>{escape(colour_title(painted.mode, lang))}</div>")
        for entry in painted.entries:
            rows.append(
                f"<div class='r c'><span class='s' style='color:{escape(entry['color'])}'>●</span>"
                f"<span class='t'>{escape(entry['label'])}</span> "
                f"<span class='n'>{number(entry['count'], lang)}</span></div>"
            )
        if painted.scale:
            scale = painted.scale
            rows.append(
                f"<div class='r c'><span class='g' style='background:linear-gradient(90deg,"
                f"{escape(scale['low'])},{escape(scale['high'])})'></span>"
                f"<span class='t'>{escape(scale['from'])} → {escape(scale['to'])}</span></div>"
            )
    if payload.plain_ties:
        rows.append(f"<div class='n'>{escape(text(lang, 'plain_ties'))}</div>")
    rows += change_rows(payload, lang)
    return (
        f"<details id='opcomap-legend' open><summary>{escape(text(lang, 'legend'))}</summary>"
        + "".join(rows) + "</details>"
    )


def change_rows(payload: MapPayload, lang: str) -> list[str]:
    """The legend's entries for what changed between two dates, with how many are drawn."""
    if not payload.changes:
        return []
    rows = [f"<div class='h'>{escape(text(lang, 'changes'))}</div>"]
    for change, color in CHANGE_COLORS.items():
        if change in payload.changes:
            style = "dashed" if change == "ended" else "solid"
            rows.append(
                f"<div class='r' data-change='{change}'><span class='l' style='border-top:4px {style} {color}'></span>"
                f"{escape(text(lang, 'change_' + change))} <span class='n'>{number(payload.changes[change], lang)}</span></div>"
            )
    return rows


def colour_title(mode: str, lang: str) -> str:
    """The legend's heading for the colours: by community, or by a property's name."""
    if mode == "community":
        return text(lang, "colour_by_community")
    return text(lang, "colour_by", name=property_label(mode.removeprefix(PROPERTY_PREFIX), lang))


# What the inspector, the legend, the keys and the picture button say (map.js sets them as text).
_WORDS = ("inspector_close", "inspector_open", "inspector_expand", "inspector_hide", "inspector_pin",
          "inspector_unpin", "inspector_ties", "inspector_metrics", "inspector_identity", "sources",
          "no_source", "illustrative", "weak", "inspector_nothing_more", "inspector_expanded",
          "inspector_group", "keys_help", "website", "group_ties_short", "sources_heading",
          "sources_on_profiles", "picture", "picture_help")


def map_data(payload: MapPayload, lang: str = "fr", schema: Schema | None = None) -> dict[str, Any]:
    """What vis-network draws (nodes, edges, options), and what the map's own tools need: the
    actors and ties held back for expansion, the sources, the labels' budget and the words."""
    data: dict[str, Any] = {
        "nodes": payload.nodes + payload.headings,
        "edges": payload.edges,
        "options": vis_options(len(payload.nodes)),
        "reserve": {"nodes": payload.reserve_nodes, "edges": payload.reserve_edges},
        "sources": payload.sources,
        "labels": payload.labels,
        "words": {key: text(lang, key) for key in _WORDS},
    }
    # Templates kept whole for map.js, which recounts after an expansion or a hidden kind and
    # chooses each {count:singular|plural} form itself.
    data["words"]["count"] = text(lang, "count")
    data["words"]["expanded"] = text(lang, "inspector_expanded")
    data["words"]["group_ties"] = text(lang, "group_ties")
    data["words"]["row_label"] = text(lang, "row_label", label="{label}")
    # Filled by map.js with the day the picture is taken (as day() writes it in each language).
    data["words"]["picture_date"] = text(lang, "picture_date", date="{date}")
    data["words"]["picture_file"] = text(lang, "picture_file", date="{date}")
    if schema is not None:
        data["typeLabels"] = {t: schema.type_label(t, lang) for t in payload.types}
        data["kindLabels"] = {k: schema.kind_label(k, lang) for k in payload.kinds}
    if payload.frame:
        data["frame"] = payload.frame
    return data


def page_body(
    payload: MapPayload, schema: Schema, *, lang: str, title: str | None, height: str, search: bool = False
) -> str:
    """The markup around the drawing: banners, the map's box, heading, legend, counts, and the
    (empty) inspector map.js fills when an actor is chosen.

    Every data value in it is escaped here; exported pages inline it and the
    app's component sets it as the frame's content.
    """
    nodes, edges = len(payload.nodes), len(payload.edges)
    if payload.aggregation:
        count_line = text(lang, "count_of", nodes=number(nodes, lang), actors=number(payload.actors, lang),
                          edges=number(payload.relationships, lang))
    else:
        count_line = text(lang, "count", nodes=number(nodes, lang), edges=number(edges, lang))
    banners = []
    if payload.aggregation:
        banners.append(payload.aggregation.banner(schema, lang))
        if nodes > payload.aggregation.cap:
            banners.append(text(lang, "still_large", nodes=number(nodes, lang)))
    if not nodes:
        banners.append(text(lang, "empty"))
    heading = _heading(escape(title) if title else None, search, lang)
    return (
        "".join(f"<div class='opcomap-banner' role='status'>{escape(b)}</div>" for b in banners)
        + f'<div id="opcomap-wrap" style="height:{escape(height)}">'
        + f'<div id="opcomap-map" tabindex="0" role="application" aria-label="{escape(text(lang, "keys_help"))}">'
        + "</div>" + heading + legend_html(payload, schema, lang)
        + f'<aside id="opcomap-inspector" hidden aria-label="{escape(text(lang, "inspector"))}"></aside>'
        + f'<div id="opcomap-count" data-nodes="{nodes}" data-edges="{edges}">{escape(count_line)}</div>'
        + "</div>"
    )


def render_page(
    payload: MapPayload, schema: Schema, *, lang: str, title: str | None, height: str, search: bool = False
) -> str:
    """The self-contained HTML page of a map (vis-network and opcomap's script inlined).
    ``search`` adds a find-an-actor box (for files opened alone; the app has its own search)."""
    vis_js, vis_css = vis_network()
    values = {
        "LANG": "en" if lang == "en" else "fr",
        "TITLE": escape(title or text(lang, "title")),
        "VIS_CSS": vis_css,
        "MAP_CSS": map_asset("map.css"),
        "BODY": page_body(payload, schema, lang=lang, title=title, height=height, search=search),
        "TIES": ties_table_html(payload, schema, lang),
        "DATA": json_for_script(map_data(payload, lang, schema)),
        "VIS_JS": vis_js,
        "MAP_JS": map_asset("map.js"),
    }
    # One pass: text inserted for a marker (user data, the library) is never searched again.
    return _MARKER.sub(lambda match: values[match.group(1)], _TEMPLATE)


def _heading(title: str | None, search: bool, lang: str) -> str:
    parts = [f"<div id='opcomap-title'>{title}</div>"] if title else []
    if search:
        parts.append(
            f"<input id='opcomap-search' type='search' list='opcomap-names' autocomplete='off' "
            f"placeholder='{escape(text(lang, 'search'))}' aria-label='{escape(text(lang, 'search'))}'>"
            "<datalist id='opcomap-names'></datalist>"
        )
    if not parts:
        return ""
    return "<div id='opcomap-top'>" + "".join(parts) + "</div>"


_MARKER = re.compile(r"__(LANG|TITLE|VIS_CSS|MAP_CSS|BODY|TIES|DATA|VIS_JS|MAP_JS)__")
_TEMPLATE = """<!DOCTYPE html>
<html lang="__LANG__">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>__VIS_CSS__</style>
<style>__MAP_CSS__</style>
</head>
<body>
__BODY__
__TIES__
<script type="application/json" id="opcomap-data">__DATA__</script>
<script>__VIS_JS__</script>
<script>__MAP_JS__</script>
<script>window.opcomapMount(JSON.parse(document.getElementById("opcomap-data").textContent));</script>
</body>
</html>
"""
