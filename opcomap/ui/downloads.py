"""The map of a view inside the app (kept by :mod:`opcomap.ui.caches`), download buttons for diagrams of
the view, and charts shown with their caption, sources and files."""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from opcomap.mapview import map_payload
from opcomap.ui import analyses, caches
from opcomap.ui.common import link, md
from opcomap.ui.data import ViewGraph, export_graph, with_details
from graph_model.words import t
from graph_model.words.formats import number
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
    # A lean view's tooltips get their descriptions, notes and sources for what is drawn only.
    details = (lambda shown: with_details(run.ctx, view, shown)) if view.lean else None

    def draw() -> DrawnMap:
        measured = analyses.metrics(run, view, INSPECTED).values
        groups = analyses.communities(run, view).membership if colour == "community" else None
        payload = map_payload(graph, schema, lang=lang, layout=_layout(layout), sizes=sizes, metric_name=metric,
                              path=path, details=details, story=story, colour=colour, communities=groups,
                              importance=measured["pagerank"],
                              metrics={t(f"metric.{name}", lang): measured[name] for name in INSPECTED})
        return drawn_map(payload, schema, lang=lang, height_px=MAP_HEIGHT)

    # The version too: a lean graph's content does not change with a source's title.
    options = (run.ctx.schema_path, lang, layout, metric, tuple(path) if path else None, story, colour,
               view.version)
    return caches.result("map", graph, options, draw)


def diagram_buttons(run: Run, view: ViewGraph, key: str, *, sizes: Mapping[Hashable, float] | None = None,
                    metric: str | None = None, highlight: Sequence[str] | None = None,
                    layout: str = "force") -> None:
    """Download buttons: the interactive HTML map, and SVG/PNG/PDF diagrams of the view."""
    from opcomap.mapview import build_map_html

    lang, schema = run.lang, run.ctx.schema
    title = f"opcomap — {run.described()}"
    exported = export_graph(run.ctx, view, run.filters)

    def html() -> bytes:  # built only when the button is clicked
        return build_map_html(exported(), schema, lang=lang, sizes=sizes, metric_name=metric, layout=_layout(layout),
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
    """A callable making the diagram when its button is clicked (drawing takes a moment),
    with every source of the view (:func:`opcomap.ui.data.export_graph`)."""
    from opcomap.diagrams import render_diagram

    schema, filters, lang = run.ctx.schema, run.filters, run.lang
    exported = export_graph(run.ctx, view, filters)
    fmt_name: Any = fmt  # one of FORMATS

    def make() -> bytes:
        try:
            return render_diagram(exported(), schema, fmt_name, filters=filters, title=title, lang=lang,
                                  layout=_layout(layout), sizes=sizes)
        except Exception:  # the button runs off the script thread: log, never a traceback
            log.exception("diagram %s failed", fmt)
            raise

    return make


def france_buttons(run: Run, view: ViewGraph, key: str, *, measure: str, opco: str | None) -> None:
    """Download buttons for the France map: offline HTML page, and SVG/PNG/PDF report pages.

    ``view`` is the view without its Région filter, as the map shows it.
    """
    lang = run.lang
    columns = st.columns(4)
    for column, fmt in zip(columns, ("html", *FORMATS), strict=True):
        column.download_button(
            t("france.download_html" if fmt == "html" else f"download.{fmt}", lang),
            france_file(run, view, fmt, measure=measure, opco=opco), file_name=f"opcomap-france.{fmt}",
            mime="text/html" if fmt == "html" else MIME[fmt], key=f"dl_france_{fmt}_{key}", on_click="ignore",
        )


def france_file(run: Run, view: ViewGraph, fmt: str, *, measure: str, opco: str | None):
    """A callable making the France map's file when its button is clicked; a measure that counts
    the whole map whatever the OPCO filter leaves that filter out of the file's caption, as the CLI does."""
    from opcomap.analysis.by_region import counts_every_opco
    from opcomap.diagrams.export import FRANCE, view_bytes

    lang, schema, graph, filters = run.lang, run.ctx.schema, view.graph, run.filters
    if counts_every_opco(measure):
        filters = filters.model_copy(update={"opco": None})

    def make() -> bytes:
        try:
            return view_bytes(fmt, graph, schema, filters=filters, layout=FRANCE, lang=lang, measure=measure,
                              opco=opco)
        except Exception:  # the button runs off the script thread: log, never a traceback
            log.exception("France map %s failed", fmt)
            raise

    return make


def show_chart(chart: Any, spec: dict[str, Any], data: Any, lang: str) -> None:
    """A chart (:class:`opcomap.charts.Chart`, ``spec`` its Vega-Lite as shown) of ``data``, its caption,
    the sources of the ties it counts, and its SVG, PNG (made on click, with caption and sources) and
    CSV files."""
    from opcomap.charts import FORMATS, MEDIA_TYPES, chart_bytes

    st.vega_lite_chart(spec, key="chart_" + chart.name)
    st.caption("  \n".join(md(line) for line in chart.caption.split("\n")))
    if data.sources:
        with st.expander(t("chart.sources", lang, n=number(len(data.sources), lang))):
            st.markdown("\n".join(f"{i}. {link(s.get('title', '?'), s.get('url'))}"
                                   for i, s in enumerate(data.sources, start=1)))

    def making(fmt: str):
        def make() -> bytes:
            try:
                return chart_bytes(chart, fmt)
            except Exception:  # the button runs off the script thread: log, never a traceback
                log.exception("chart %s as %s failed", chart.name, fmt)
                raise
        return make

    columns = st.columns(len(FORMATS) + 3)
    for column, fmt in zip(columns, FORMATS, strict=False):
        column.download_button(t(f"chart.{fmt}", lang), making(fmt), file_name=f"opcomap-{chart.name}.{fmt}",
                               mime=MEDIA_TYPES[fmt], key=f"dl_chart_{chart.name}_{fmt}", on_click="ignore")
    rows = pd.DataFrame(chart.rows).drop(columns="value", errors="ignore")
    table_buttons(rows, "opcomap-graphique-" + chart.name, lang, key="dl_chart_csv_" + chart.name,
                  title=chart.title, places=columns[len(FORMATS):])


def table_buttons(frame: pd.DataFrame, stem: str, lang: str, key: str | None = None, title: str = "",
                  places: Sequence[Any] | None = None) -> None:
    """A table as CSV (the file opcomap and scripts read back as written), CSV for Excel and XLSX,
    side by side (in ``places`` when given); the last two go through :mod:`loaders.spreadsheet`."""
    from loaders.spreadsheet import XLSX_MIME, Sheet, excel_csv, sheet_title, xlsx_bytes

    plain, excel, workbook = places or st.columns(3)
    columns = [str(c) for c in frame.columns]
    rows = list(frame.itertuples(index=False, name=None))
    plain.download_button(t("analysis.download_csv", lang), frame.to_csv(index=False).encode("utf-8"),
                          file_name=f"{stem}.csv", mime="text/csv", key=key, on_click="ignore")
    excel.download_button(t("download.excel_csv", lang), excel_csv(columns, rows), file_name=f"{stem}-excel.csv",
                          mime="text/csv", key=key and key + "_excel", help=t("download.excel_csv_help", lang),
                          on_click="ignore")
    workbook.download_button(t("download.xlsx", lang), xlsx_bytes([Sheet(sheet_title(title or stem), columns, rows)]),
                             file_name=f"{stem}.xlsx", mime=XLSX_MIME, key=key and key + "_xlsx", on_click="ignore")
