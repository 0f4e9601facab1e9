"""The map of a view inside the app (kept by :mod:`opcomap.ui.caches`), and download buttons for diagrams of the view."""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import streamlit as st

from opcomap.mapview import map_payload
from opcomap.ui import analyses, caches
from opcomap.ui.data import ViewGraph
from graph_model.words import t
from opcomap.ui.mapframe import DrawnMap, drawn_map
from opcomap.ui.state import Run

log = logging.getLogger(__name__)
MAP_HEIGHT = 720  # pixels


def _layout(name: str) -> Any:
    """The layout algorithm's name as mapview and diagrams spell it (force by default)."""
    return "hierarchical" if name == "hierarchical" else "force"


INSPECTED = ("degree", "pagerank")  # the metrics the map's inspector shows; PageRank also ranks labels


def view_map(run: Run, view: ViewGraph, *, sizes: Mapping[Hashable, float] | None = None,
             metric: str | None = None, highlight: Sequence[str] | None = None,
             layout: str = "force", story: bool = False, colour: str = "kind") -> DrawnMap:
    """The map of the view for :func:`opcomap.ui.mapframe.show_map`, kept per content, metric, path,
    layout, first view and colours.

    ``sizes`` are the values of ``metric`` on this view, so the metric's name stands for them in the key.
    ``story`` opens on the schema's first view; ``colour`` is ``kind``, ``community`` or ``prop:NAME``.
    The inspector's metrics and the communities come from :mod:`opcomap.ui.analyses` (cached there too).
    """
    graph, schema, lang = view.graph, run.ctx.schema, run.lang
    path = list(highlight) if highlight else None

    def draw() -> DrawnMap:
        measured = analyses.metrics(run, view, INSPECTED).values
        groups = analyses.communities(run, view).membership if colour == "community" else None
        payload = map_payload(graph, schema, lang=lang, layout=_layout(layout), sizes=sizes, metric_name=metric,
                              path=path, story=story, colour=colour, communities=groups,
                              importance=measured["pagerank"],
                              metrics={t(f"metric.{name}", lang): measured[name] for name in INSPECTED})
        return drawn_map(payload, schema, lang=lang, height_px=MAP_HEIGHT)

    options = (run.ctx.schema_path, lang, layout, metric, tuple(path) if path else None, story, colour)
    return caches.result("map", graph, options, draw)


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
