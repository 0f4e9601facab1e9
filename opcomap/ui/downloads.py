"""The map of a view inside the app, and download buttons for diagrams of the view.

The HTML comes from :mod:`opcomap.mapview` and is cached per view. A click on
an actor must open its profile in the app window: Streamlit's component frame
is sandboxed without ``allow-top-navigation``, so assigning
``window.top.location`` is refused there. The frame is same-origin, though,
so the script below clicks a link placed in the parent document instead —
navigation then belongs to the app window, which the sandbox allows.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from opcomap.mapview import map_payload
from opcomap.mapview.aggregate import GROUP_PREFIX
from opcomap.mapview.page import render_page
from opcomap.ui.data import ViewGraph
from opcomap.ui.i18n import t
from opcomap.ui.state import Run

log = logging.getLogger(__name__)
MAP_CSS_HEIGHT = "720px"

_CLICK_SCRIPT = """<script>
(function () {
  "use strict";
  var base = __BASE__, groupPrefix = __GROUP__;
  var net = window.opcomapNetwork;
  if (!net) { return; }
  function openInApp(url) {
    try {
      var doc = window.parent.document;
      var a = doc.createElement("a");
      a.href = url; a.target = "_self"; a.style.display = "none";
      doc.body.appendChild(a); a.click(); a.remove();
    } catch (err) { window.open(url, "_blank", "noopener"); }
  }
  net.on("click", function (params) {
    if (!params.nodes || !params.nodes.length) { return; }
    var id = String(params.nodes[0]);
    if (id.indexOf(groupPrefix) === 0) { return; }
    openInApp(base + encodeURIComponent(id));
  });
})();
</script>"""


def _layout(name: str) -> Any:
    """The layout algorithm's name as mapview and diagrams spell it (force by default)."""
    return "hierarchical" if name == "hierarchical" else "force"


@dataclass(frozen=True)
class DrawnMap:
    html: str
    notice: str | None  # said above the map when large views are aggregated


def profile_base(lang: str) -> str:
    """The start of an actor's profile URL; the actor id is appended (URL-encoded).

    >>> profile_base("en")
    './?page=acteur&lang=en&id='
    """
    return "./?" + urlencode({"page": "acteur", "lang": lang}) + "&id="


def with_click_to_profile(html: str, lang: str) -> str:
    """``html`` plus the handler that opens an actor's profile in the app window."""
    script = _CLICK_SCRIPT.replace("__BASE__", json.dumps(profile_base(lang))).replace(
        "__GROUP__", json.dumps(GROUP_PREFIX)
    )
    head, sep, tail = html.rpartition("</body>")
    return head + script + sep + tail if sep else html + script


@st.cache_data(show_spinner=False, max_entries=32)
def _drawn(key: tuple, lang: str, layout: str, metric: str | None, path: tuple[str, ...] | None,
           _graph, _schema, _sizes) -> DrawnMap:
    payload = map_payload(_graph, _schema, lang=lang, layout=_layout(layout), sizes=_sizes, metric_name=metric,
                          path=list(path) if path else None)
    html = render_page(payload, _schema, lang=lang, title=None, height=MAP_CSS_HEIGHT)
    notice = payload.aggregation.banner(_schema, lang) if payload.aggregation else None
    return DrawnMap(with_click_to_profile(html, lang), notice)


def map_html(run: Run, view: ViewGraph, *, sizes: Mapping[Hashable, float] | None = None,
             metric: str | None = None, highlight: Sequence[str] | None = None,
             layout: str = "force") -> DrawnMap:
    """The map of the view for ``st.components.v1.html``, cached by view, metric, path and layout."""
    key = (run.ctx.source_key, run.filters.model_dump_json(), view.signature)
    return _drawn(key, run.lang, layout, metric, tuple(highlight) if highlight else None,
                  view.graph, run.ctx.schema, sizes)


def diagram_buttons(run: Run, view: ViewGraph, key: str, *, sizes: Mapping[Hashable, float] | None = None,
                    metric: str | None = None, highlight: Sequence[str] | None = None,
                    layout: str = "force") -> None:
    """Download buttons: the interactive HTML map, and SVG/PNG/PDF diagrams of the view."""
    from opcomap.mapview import build_map_html

    lang, schema, graph = run.lang, run.ctx.schema, view.graph
    title = f"opcomap — {run.filters.describe(lang)}"

    def html() -> bytes:  # built only when the button is clicked
        return build_map_html(graph, schema, lang=lang, sizes=sizes, metric_name=metric, layout=_layout(layout),
                              path=list(highlight) if highlight else None, title=title).encode("utf-8")

    columns = st.columns(4)
    columns[0].download_button(t("download.html", lang), html, file_name="opcomap-carte.html",
                               mime="text/html", key=f"dl_html_{key}", on_click="ignore")
    for column, fmt in zip(columns[1:], FORMATS, strict=True):
        column.download_button(
            t(f"download.{fmt}", lang), _diagram(run, view, fmt, sizes=sizes, layout=layout, title=title),
            file_name=f"opcomap-schema.{fmt}", mime=MIME[fmt], key=f"dl_{fmt}_{key}", on_click="ignore",
        )


FORMATS = ("svg", "png", "pdf")
MIME = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}


def _diagram(run: Run, view: ViewGraph, fmt: str, *, sizes, layout: str, title: str):
    """A callable making the diagram when its button is clicked (drawing takes a moment)."""
    from opcomap.diagrams import render_diagram

    graph, schema, filters, lang = view.graph, run.ctx.schema, run.filters, run.lang
    fmt_name: Any = fmt  # one of FORMATS

    def make() -> bytes:
        try:
            return render_diagram(graph, schema, fmt_name, filters=filters, title=title, lang=lang,
                                  layout=_layout(layout), sizes=sizes)
        except Exception:  # the button runs off the script thread: log, never a traceback
            log.exception("diagram %s failed", fmt)
            raise

    return make
