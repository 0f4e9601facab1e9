"""The self-contained HTML page around a vis-network map."""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from graph_model.schema import Schema
from opcomap.mapview.assets import vis_network
from opcomap.mapview.payload import LARGE_MAP, MapPayload
from opcomap.mapview.text import number, text

_SHAPE_SYMBOL = {
    "star": "★", "triangle": "▲", "square": "■", "diamond": "◆", "hexagon": "⬢",
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
        "physics": False,  # positions come from opcomap.layout; physics would freeze big maps
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
    rows = [f"<div class='h'>{escape(text(lang, 'kinds'))}</div>"]
    for kind in payload.kinds:
        spec = schema.kinds.get(kind)
        symbol = _SHAPE_SYMBOL.get(spec.shape if spec else "dot", "●")
        rows.append(
            f"<div class='r'><span class='s' style='color:{escape(schema.kind_color(kind))}'>{symbol}</span>"
            f"{escape(schema.kind_label(kind, lang))} <span class='n'>{number(payload.counts.get(kind, 0), lang)}</span></div>"
        )
    if payload.types:
        rows.append(f"<div class='h'>{escape(text(lang, 'types'))}</div>")
    for rel_type in payload.types:
        type_spec = schema.relationship_types.get(rel_type)
        style = "dashed" if type_spec and type_spec.dashes and not payload.plain_ties else "solid"
        rows.append(
            f"<div class='r'><span class='l' style='border-top:3px {style} "
            f"{escape(schema.type_color(rel_type))}'></span>{escape(schema.type_label(rel_type, lang))}</div>"
        )
    if payload.plain_ties:
        rows.append(f"<div class='n'>{escape(text(lang, 'plain_ties'))}</div>")
    return (
        f"<details id='opcomap-legend' open><summary>{escape(text(lang, 'legend'))}</summary>"
        + "".join(rows) + "</details>"
    )


def render_page(
    payload: MapPayload, schema: Schema, *, lang: str, title: str | None, height: str, search: bool = False
) -> str:
    """The HTML page of a map. ``search`` adds a find-an-actor box (for files opened alone;
    the app has its own search)."""
    js, css = vis_network()
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
    banner_html = "".join(f"<div class='opcomap-banner' role='status'>{escape(b)}</div>" for b in banners)
    data = {"nodes": payload.nodes, "edges": payload.edges, "options": vis_options(nodes)}
    page_title = escape(title or text(lang, "title"))
    values = {
        "LANG": "en" if lang == "en" else "fr",
        "TITLE": page_title,
        "HEIGHT": escape(height),
        "NODES": str(nodes),
        "EDGES": str(edges),
        "COUNT": escape(count_line),
        "BANNERS": banner_html,
        "LEGEND": legend_html(payload, schema, lang),
        "HEADING": _heading(page_title if title else None, search, lang),
        "VIS_CSS": css,
        "DATA": json_for_script(data),
        "VIS_JS": js,
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


_MARKER = re.compile(r"__(LANG|TITLE|HEIGHT|NODES|EDGES|COUNT|BANNERS|LEGEND|HEADING|VIS_CSS|DATA|VIS_JS)__")
_TEMPLATE = """<!DOCTYPE html>
<html lang="__LANG__">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>__VIS_CSS__</style>
<style>
  html, body { margin: 0; padding: 0; font-family: "DejaVu Sans", Arial, sans-serif; background: #fff; }
  #opcomap-wrap { position: relative; width: 100%; height: __HEIGHT__; }
  #opcomap-map { position: absolute; inset: 0; }
  #opcomap-top { position: absolute; left: 12px; top: 8px; z-index: 2; max-width: 60%; }
  #opcomap-title { font-size: 17px; font-weight: bold; background: rgba(255,255,255,.85); padding: 2px 6px;
    border-radius: 4px; }
  #opcomap-search { margin-top: 6px; width: 280px; font-size: 14px; padding: 4px 8px; border: 1px solid #aaa;
    border-radius: 4px; }
  #opcomap-count { position: absolute; left: 12px; bottom: 10px; z-index: 2; font-size: 13px; color: #222;
    background: rgba(255,255,255,.9); padding: 3px 8px; border-radius: 4px; border: 1px solid #ddd; }
  .opcomap-banner { position: relative; z-index: 3; margin: 0; padding: 8px 12px; font-size: 14px;
    background: #fff4d6; border-bottom: 1px solid #e0b84c; color: #4a3800; }
  #opcomap-legend { position: absolute; right: 10px; top: 10px; z-index: 2; max-height: calc(100% - 40px);
    overflow-y: auto; font-size: 12px; background: rgba(255,255,255,.94); border: 1px solid #ccc;
    border-radius: 6px; padding: 6px 10px; max-width: 290px; }
  #opcomap-legend summary { cursor: pointer; font-weight: bold; }
  #opcomap-legend .h { font-weight: bold; margin: 6px 0 2px; }
  #opcomap-legend .r { display: flex; align-items: center; gap: 6px; line-height: 1.5; }
  #opcomap-legend .s { width: 16px; text-align: center; font-size: 14px; }
  #opcomap-legend .l { display: inline-block; width: 26px; height: 0; }
  #opcomap-legend .n { color: #666; }
  div.vis-tooltip { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12px; max-width: 360px;
    white-space: normal; padding: 6px 8px; }
  .opcomap-tip ol { margin: 2px 0 0 18px; padding: 0; }
  .opcomap-tip .k { color: #555; }
  .opcomap-tip .w { color: #8a5a00; font-style: italic; }
  .opcomap-tip .d { margin-top: 4px; color: #333; }
</style>
</head>
<body>
__BANNERS__
<div id="opcomap-wrap">
  <div id="opcomap-map"></div>
  __HEADING__
  __LEGEND__
  <div id="opcomap-count" data-nodes="__NODES__" data-edges="__EDGES__">__COUNT__</div>
</div>
<script type="application/json" id="opcomap-data">__DATA__</script>
<script>__VIS_JS__</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("opcomap-data").textContent);
  // Tooltip markup is built server-side with every data value escaped.
  function tip(html) { var el = document.createElement("div"); el.className = "opcomap-tip"; el.innerHTML = html; return el; }
  data.nodes.forEach(function (n) { if (n.title) { n.title = tip(n.title); } });
  data.edges.forEach(function (e) { if (e.title) { e.title = tip(e.title); } });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("opcomap-map"), {nodes: nodes, edges: edges}, data.options);
  window.opcomapNetwork = network;
  // Frame the drawing in the part of the page the legend leaves free.
  function fitBesideLegend() {
    var legend = document.getElementById("opcomap-legend");
    var box = document.getElementById("opcomap-map").getBoundingClientRect();
    network.fit({animation: false, maxZoomLevel: 2});  // small views may zoom in (the default stops at 1)
    // A margin for the labels of the outermost actors, which fit() does not count.
    var scale = network.getScale() * 0.92, room = 0;
    if (legend && legend.open && box.width >= 700) {
      room = legend.getBoundingClientRect().width + 20;
      scale = scale * (box.width - room) / box.width;
    }
    network.moveTo({scale: scale, offset: {x: -room / 2, y: 0}, animation: false});
  }
  fitBesideLegend();
  document.getElementById("opcomap-legend").addEventListener("toggle", fitBesideLegend);
  window.opcomapNodes = nodes;
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "true"); });
  // Opening an actor's profile. Inside the app the map sits in a sandboxed,
  // same-origin frame that may not navigate the top window itself, but a link
  // clicked in the parent document navigates it; a file opened alone
  // navigates itself; anything else opens a new tab.
  function openLink(id, url) {
    if (window.parent !== window) {
      try {
        var doc = window.parent.document;
        var a = doc.createElement("a");
        a.href = url; a.target = "_self"; a.style.display = "none";
        doc.body.appendChild(a); a.click(); a.remove();
        return;
      } catch (err) { /* cross-origin parent */ }
      try { window.parent.postMessage({type: "opcomap:select", id: id, url: url}, "*"); } catch (err) {}
    }
    try {
      window.top.location.assign(new URL(url, window.location.href).href);
      return;
    } catch (err) { /* sandboxed without top navigation */ }
    window.open(url, "_blank", "noopener");
  }
  // Find an actor: the box lists every label; choosing one centres and selects it.
  var search = document.getElementById("opcomap-search");
  if (search) {
    var byLabel = {}, list = document.getElementById("opcomap-names");
    nodes.forEach(function (n) {
      var key = byLabel[n.label] === undefined ? n.label : n.label + " (" + n.id + ")";
      byLabel[key] = n.id;
      var option = document.createElement("option");
      option.value = key;
      list.appendChild(option);
    });
    search.addEventListener("change", function () {
      var id = byLabel[search.value];
      if (id === undefined) { return; }
      network.selectNodes([id]);
      network.focus(id, {scale: 1.6, animation: {duration: 400}});
    });
  }
  network.on("click", function (params) {
    if (!params.nodes || !params.nodes.length) { return; }
    var node = nodes.get(params.nodes[0]);
    if (node && node.link) { openLink(node.id, node.link); }
  });
})();
</script>
</body>
</html>
"""
