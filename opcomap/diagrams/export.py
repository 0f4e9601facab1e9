"""Exporting a view to a file: the diagram formats and the interactive HTML map.

The CLI (``opcomap export --format svg|png|pdf|html``) and the app's download
buttons call :func:`view_bytes`, so both produce the same files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx

from graph_model.schema import Schema
from opcomap.diagrams import FORMATS as DIAGRAM_FORMATS
from opcomap.diagrams import render_diagram
from opcomap.diagrams.france import france_html, render_france
from graph_model.errors import OpcomapError
from opcomap.drawing.layout import ALGORITHMS, Algorithm
from opcomap.mapview import build_map_html
from opcomap.mapview.text import text
from opcomap.analysis.filters import describe_view
from opcomap.analysis.selection import ViewFilters

VIEW_FORMATS: tuple[str, ...] = (*DIAGRAM_FORMATS, "html")
FRANCE = "france"  # the layout that draws the Régions of France instead of the network
MEDIA_TYPES = {
    "svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf", "html": "text/html",
}


def view_bytes(
    fmt: str,
    graph: nx.MultiDiGraph,
    schema: Schema,
    *,
    filters: ViewFilters | None = None,
    layout: Algorithm = "force",
    title: str | None = None,
    lang: str = "fr",
    data_date: str | dt.date | dt.datetime | None = None,
    measure: str = "cfa",
    opco: str | None = None,
) -> bytes:
    """The file content of a view in ``fmt`` (svg, png, pdf or html).

    The ``france`` layout colours the Régions by ``measure`` (for ``opco``, else
    the OPCO of ``filters.opco``); its ``graph`` is the view without its Région filter, so
    every Région keeps its value, and ``filters.region`` is outlined.
    """
    if fmt not in VIEW_FORMATS:
        raise OpcomapError("problems.format_unknown", name=fmt, choices=", ".join(VIEW_FORMATS))
    if layout not in (*ALGORITHMS, FRANCE):
        raise OpcomapError("problems.layout_unknown", name=layout, choices=", ".join((*ALGORITHMS, FRANCE)))
    filters = filters or ViewFilters()
    day = data_date.date() if isinstance(data_date, dt.datetime) else data_date
    if layout == FRANCE:
        options = {"measure": measure, "opco": opco or filters.opco, "filters": filters, "schema": schema, "title": title,
                   "lang": lang}
        if fmt == "html":
            return france_html(graph, **options).encode("utf-8")
        return render_france(graph, fmt, data_date=day, **options)
    if fmt == "html":
        heading = title or text(lang, "title")
        caption = text(lang, "filters", filters=describe_view(graph, filters, lang, schema))
        page = build_map_html(graph, schema, lang=lang, layout=layout, title=f"{heading} — {caption}")
        return page.encode("utf-8")
    return render_diagram(graph, schema, fmt, filters=filters, title=title, lang=lang,  # type: ignore[arg-type]
                          layout=layout, data_date=day)


def write_view(path: Path, fmt: str, graph: nx.MultiDiGraph, schema: Schema, **options) -> Path:
    """Write :func:`view_bytes` to ``path`` (parent folders are created)."""
    content = view_bytes(fmt, graph, schema, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise OpcomapError("problems.write_failed", path=str(path), reason=exc.strerror) from exc
    return path
