"""Charts of a view (Vega-Lite through Altair), and their SVG and PNG files made offline.

Each chart is built from the tidy rows of :mod:`opcomap.analysis.chart_data`:
kinds and relationship types in the map's colours (the schema's), numbers
written the user's way (Babel's locale handed to Vega-Lite for the axes,
Babel's own strings in the tooltips). A :class:`Chart` carries its title,
caption and numbered sources; :func:`chart_bytes` draws them with the chart
into one SVG or PNG through vl-convert, which bundles Vega and needs no browser
and no network. Nothing here imports Streamlit: the CLI exports the same files.

Text from the data (actor names, source titles) is only ever a data value or a
title string, never markup or an expression; Vega writes it as text, and the
SVG renderer escapes it.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import networkx as nx

from graph_model.errors import OpcomapError
from graph_model.schema import Schema
from graph_model.words import t
from graph_model.words.formats import d3_locale, money, number
from graph_model.words.values import yes_no
from opcomap.analysis import chart_data
from opcomap.analysis.chart_data import ChartData
from opcomap.mapview.tooltips import source_line

CHARTS: tuple[str, ...] = ("funding", "kinds", "degrees", "partners")
FORMATS: tuple[str, ...] = ("svg", "png")
MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
FUNDING_CHAIN = ("PUBLIC_INSTITUTION", "OPCO", "CFA")
PARTNER_KIND = "OPCO"
MEASURES = (chart_data.AMOUNT, chart_data.TIES)
WIDTH = 640  # pixels: the exported page, and the app's chart before it stretches
BAR = 24  # pixels per bar of a horizontal chart: room for its label in the app's font
LEGEND_LIMIT = 40  # actors named in a funding chart's legend; Vega counts the rest
MAX_SOURCES = 15  # listed in an exported file; the rest are counted, the app's Sources page has them all
WRAP = 110  # characters per caption line in an exported file
ILLUSTRATIVE_OPACITY = 0.4
# The renderer compiles the Vega-Lite version Altair writes (``v6.4.1`` -> ``6.4``).
VEGA_LITE = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
# Actors (the OPCO of a funding chart) are not kinds, so they have no schema colour: twenty
# distinct hues, the strong ones first, so that eleven OPCO never share one.
ACTOR_COLOURS = (
    "#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d",
    "#bab0ac", "#1f3a93", "#8c2d04", "#2ca25f", "#ae017e", "#636363", "#9ecae9", "#ffbf79", "#88d27a",
    "#d6a5c9", "#fdd0a2",
)


@dataclass
class Chart:
    """A chart of the view with what a reader needs beside it: title, caption, sources."""

    name: str
    title: str
    caption: str
    sources: list[str]
    body: Any  # an Altair chart, not configured (a configured chart cannot be placed in a page)
    lang: str = "fr"
    rows: list[dict[str, Any]] = field(default_factory=list)

    def config(self) -> dict[str, Any]:
        return {"locale": {"number": d3_locale(self.lang)}}

    def shown(self) -> Any:
        """The chart alone, as the app shows it above its caption; panels side by side put their
        legend below them, where a profile's narrower page has room for it."""
        shown = self.body.configure(**self.config())
        if isinstance(self.body, alt.HConcatChart):
            shown = shown.configure_legend(orient="bottom", columns=3)
        return shown

    def page(self) -> Any:
        """Title, caption, the chart, then its sources: what an exported file holds."""
        lines = [line for part in self.caption.split("\n") for line in textwrap.wrap(part, WRAP)]
        listing = alt.Chart(alt.Data(values=[{"i": i, "line": line} for i, line in enumerate(self.sources)]))
        listing = listing.mark_text(align="left", baseline="top", fontSize=10, color="#333333", x=0).encode(
            y=alt.Y("i:O", axis=None), text="line:N").properties(width=WIDTH, height=14 * max(len(self.sources), 1))
        title = alt.TitleParams(self.title, subtitle=lines, anchor="start", fontSize=16, subtitleFontSize=11,
                                subtitleColor="#444444", offset=12)
        return alt.vconcat(self.body, listing, title=title, spacing=18).configure(
            **self.config()).configure_view(stroke=None)


def chart_bytes(chart: Chart, fmt: str, scale: float = 2.0) -> bytes:
    """The chart's page as an SVG or PNG file (``scale`` multiplies the PNG's pixels)."""
    if fmt not in FORMATS:
        raise OpcomapError("problems.format_unknown", name=fmt, choices=", ".join(FORMATS))
    import vl_convert  # loaded on export only: it carries a whole JavaScript engine

    spec = chart.page().to_dict()
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE).encode("utf-8")
    return vl_convert.vegalite_to_png(spec, vl_version=VEGA_LITE, scale=scale)


def write_chart(path: Path, chart: Chart, fmt: str) -> Path:
    """Write :func:`chart_bytes` to ``path`` (parent folders are created)."""
    content = chart_bytes(chart, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise OpcomapError("problems.write_failed", path=str(path), reason=exc.strerror) from exc
    return path


# -- shared pieces --------------------------------------------------------------------------------

def source_lines(sources: Sequence[dict[str, Any]], lang: str) -> list[str]:
    """The numbered list under an exported chart, at most :data:`MAX_SOURCES` lines and a count of the rest.

    >>> source_lines([{"title": "Arrêté", "publisher": "Légifrance"}], "fr")
    ['Sources des liens comptés (1) :', '[1] Arrêté — Légifrance']
    """
    if not sources:
        return [t("chart.no_sources", lang)]
    lines = [t("chart.sources", lang, n=number(len(sources), lang))]
    lines += [f"[{i}] {source_line(s, lang)}" for i, s in enumerate(sources[:MAX_SOURCES], start=1)]
    if len(sources) > MAX_SOURCES:
        lines.append(t("chart.more_sources", lang, n=number(len(sources) - MAX_SOURCES, lang)))
    return lines


def _kind_scale(kinds: Sequence[str], schema: Schema, lang: str) -> alt.Scale:
    return alt.Scale(domain=[schema.kind_label(k, lang) for k in kinds], range=[schema.kind_color(k) for k in kinds])


def _axis(lang: str, **options: Any) -> alt.Axis:
    return alt.Axis(labelLimit=220, titleFontWeight="normal", **options)


def _illustrative_line(data: ChartData, lang: str, lighter: bool = False) -> str:
    if not data.illustrative:
        return ""
    key = "chart.illustrative_lighter" if lighter else "chart.illustrative"
    return " " + t(key, lang, n=number(data.illustrative, lang))


# -- the four charts ------------------------------------------------------------------------------

def _side(rows: list[dict[str, Any]], end: str, schema: Schema, kind: str, lang: str) -> str:
    """One end of a stage: the actor's name when one actor holds it, else its kind."""
    names = {r[f"{end}_name"] for r in rows}
    return names.pop() if len(names) == 1 else _short_kind(schema, kind, lang)


def funding_chart(data: ChartData, schema: Schema, lang: str = "fr", *, view: str = "",
                  chain: Sequence[str] = FUNDING_CHAIN, measure: str | None = None) -> Chart:
    """Stacked bars per year, one panel per stage of the chain, coloured by the chain's middle actor.

    ``measure`` is ``amount`` (euros) or ``ties``; by default amounts when any tie states one.
    """
    measure = measure or chart_data.funding_measure(data.with_amount)
    middle = _short_kind(schema, chain[1] if len(chain) > 2 else chain[-1], lang)
    rows = _funding_rows(data, lang, measure, pivot=lambda r: r["target_name"] if r["stage"] == 0 and len(chain) > 2
                         else r["source_name"])
    headings = {}
    for stage, (a, b) in enumerate(itertools.pairwise(chain)):
        mine = [r for r in rows if r["stage"] == stage]
        if mine:
            headings[stage] = f"{_side(mine, 'source', schema, a, lang)} → {_side(mine, 'target', schema, b, lang)}"
    body = _funding_panels(rows, headings, middle, measure, lang)
    chain_words = " → ".join(_short_kind(schema, k, lang) for k in chain)
    caption = t("chart.funding.caption", lang, ties=number(data.ties, lang), chain=chain_words,
                with_amount=number(data.with_amount, lang), without_year=number(data.without_year, lang),
                no_year=t("chart.no_year", lang))
    caption += _measure_line(data, lang, measure)
    return Chart("funding", t("chart.funding.title", lang), _with_view(caption, view, lang),
                 source_lines(data.sources, lang), body, lang, rows)


def actor_funding_chart(data: ChartData, name: str, lang: str = "fr", *, view: str = "",
                        measure: str | None = None) -> Chart:
    """One actor's funding by year (:func:`opcomap.analysis.chart_data.actor_funding`): what it
    receives and what it pays, side by side, stacked by the other actor."""
    measure = measure or chart_data.funding_measure(data.with_amount)
    rows = _funding_rows(data, lang, measure, pivot=lambda r: r["source_name"] if r["stage"] == 0
                         else r["target_name"])
    stages = {r["stage"] for r in rows}
    headings = {stage: t(key, lang) for stage, key in ((0, "chart.received"), (1, "chart.paid")) if stage in stages}
    body = _funding_panels(rows, headings, t("chart.axis.other", lang), measure, lang)
    caption = t("chart.actor_funding.caption", lang, ties=number(data.ties, lang), name=name,
                with_amount=number(data.with_amount, lang), without_year=number(data.without_year, lang),
                no_year=t("chart.no_year", lang))
    caption += _measure_line(data, lang, measure)
    return Chart("financements", t("chart.actor_funding.title", lang, name=name), _with_view(caption, view, lang),
                 source_lines(data.sources, lang), body, lang, rows)


def _measure_line(data: ChartData, lang: str, measure: str) -> str:
    line = " " + t("chart.funding.by_amount" if measure == "amount" else "chart.funding.by_ties", lang)
    return line + _illustrative_line(data, lang, lighter=True)


def _funding_rows(data: ChartData, lang: str, measure: str, pivot: Any) -> list[dict[str, Any]]:
    """Funding rows with what the chart reads: the year's label, the colour's actor, Babel's strings."""
    no_year = t("chart.no_year", lang)
    return [{**row, "year_label": str(row["year"]) if row["year"] is not None else no_year, "pivot": pivot(row),
             "amount_label": money(row["amount_eur"], lang), "ties_label": number(row["ties"], lang),
             "illustrative_label": yes_no(row["illustrative"], lang),
             "value": row["amount_eur"] if measure == "amount" else row["ties"]} for row in data.rows]


def _funding_panels(rows: list[dict[str, Any]], headings: dict[int, str], colour_title: str, measure: str,
                    lang: str) -> Any:
    """One panel of stacked bars per year for each stage in ``headings``, side by side, one colour per actor."""
    no_year = t("chart.no_year", lang)
    # A pair with no amount has no bar: left out, it would only lengthen the legend.
    rows = [r for r in rows if r["value"]]
    years = sorted({r["year"] for r in rows if r["year"] is not None})
    order = [str(y) for y in years] + ([no_year] if any(r["year"] is None for r in rows) else [])
    value_title = t("chart.axis.amount" if measure == "amount" else "chart.axis.ties", lang)
    tooltip = [alt.Tooltip("source_name:N", title=t("chart.axis.funder", lang)),
               alt.Tooltip("target_name:N", title=t("chart.axis.funded", lang)),
               alt.Tooltip("year_label:N", title=t("chart.axis.year", lang)),
               alt.Tooltip("amount_label:N", title=t("chart.axis.amount", lang)),
               alt.Tooltip("ties_label:N", title=t("chart.axis.ties", lang)),
               alt.Tooltip("illustrative_label:N", title=t("chart.axis.illustrative", lang))]
    panels = []
    for stage, heading in headings.items():
        mine = [r for r in rows if r["stage"] == stage]
        if not mine:
            continue
        panels.append(alt.Chart(alt.Data(values=mine), title=heading).mark_bar().encode(
            x=alt.X("year_label:N", sort=order, title=t("chart.axis.year", lang), axis=_axis(lang, labelAngle=0)),
            y=alt.Y("value:Q", stack="zero", title=value_title,
                    axis=_axis(lang, format="$,.0f" if measure == "amount" else ",d", tickMinStep=1)),
            color=alt.Color("pivot:N", title=colour_title, scale=alt.Scale(range=list(ACTOR_COLOURS)),
                            legend=alt.Legend(labelLimit=220, symbolLimit=LEGEND_LIMIT)),
            opacity=alt.Opacity("illustrative_label:N", title=t("chart.axis.illustrative", lang),
                                scale=alt.Scale(domain=[yes_no(False, lang), yes_no(True, lang)],
                                                range=[1.0, ILLUSTRATIVE_OPACITY])),
            order=alt.Order("pivot:N"),
            tooltip=tooltip,
        ).properties(width=max(70 * len(order), 180), height=300))
    return alt.hconcat(*panels).resolve_scale(y="independent") if panels else _empty(lang)


def kinds_chart(data: ChartData, schema: Schema, lang: str = "fr", *, view: str = "") -> Chart:
    """Horizontal stacked bars: one per Région, segments by kind.

    Actors without a Région (the national ones) are counted in the caption, not drawn: their bar
    would dwarf every Région's.
    """
    rows = [{**r, "region_label": r["region_name"], "kind_label": schema.kind_label(r["kind"], lang),
             "actors_label": number(r["actors"], lang)} for r in data.rows if r["region"] is not None]
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["region_label"]] = totals.get(r["region_label"], 0) + r["actors"]
    order = sorted(totals, key=lambda name: (-totals[name], name.casefold()))
    kinds = [k for k in schema.kinds if any(r["kind"] == k for r in rows)]
    kinds += sorted({r["kind"] for r in rows} - set(kinds))
    body = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("region_label:N", sort=order, title=t("chart.axis.region", lang), axis=_axis(lang)),
        x=alt.X("actors:Q", stack="zero", title=t("chart.axis.actors", lang), axis=_axis(lang, format=",d")),
        color=alt.Color("kind_label:N", scale=_kind_scale(kinds, schema, lang), title=t("chart.axis.kind", lang),
                        legend=alt.Legend(labelLimit=260)),
        order=alt.Order("kind_label:N"),
        tooltip=[alt.Tooltip("region_label:N", title=t("chart.axis.region", lang)),
                 alt.Tooltip("kind_label:N", title=t("chart.axis.kind", lang)),
                 alt.Tooltip("actors_label:N", title=t("chart.axis.actors", lang))],
    ).properties(width=WIDTH - 260, height=alt.Step(BAR)) if rows else _empty(lang)
    n = sum(r["actors"] for r in data.rows)
    none = sum(r["actors"] for r in data.rows if r["region"] is None)
    caption = t("chart.kinds.caption", lang, n=number(n, lang))
    if none:  # said only when some actor is left out: "l'acteur" or "les 3 acteurs", never "les 0"
        caption += " " + t("chart.kinds.national", lang, none=number(none, lang))
    return Chart("kinds", t("chart.kinds.title", lang), _with_view(caption, view, lang), [], body, lang, rows)


def degrees_chart(data: ChartData, schema: Schema, lang: str = "fr", *, view: str = "") -> Chart:
    """A histogram of degrees (binned), stacked by kind in the map's colours."""
    rows = [{**r, "kind_label": schema.kind_label(r["kind"], lang), "actors_label": number(r["actors"], lang),
             "degree_label": number(r["degree"], lang)} for r in data.rows]
    kinds = [k for k in schema.kinds if any(r["kind"] == k for r in rows)]
    kinds += sorted({r["kind"] for r in rows} - set(kinds))
    body = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("degree:Q", bin=alt.Bin(maxbins=40), title=t("chart.axis.degree", lang),
                axis=_axis(lang, format=",d")),
        y=alt.Y("actors:Q", stack="zero", title=t("chart.axis.actors", lang), axis=_axis(lang, format=",d")),
        color=alt.Color("kind_label:N", scale=_kind_scale(kinds, schema, lang), title=t("chart.axis.kind", lang),
                        legend=alt.Legend(labelLimit=260)),
        order=alt.Order("kind_label:N"),
        tooltip=[alt.Tooltip("degree_label:N", title=t("chart.axis.degree", lang)),
                 alt.Tooltip("kind_label:N", title=t("chart.axis.kind", lang)),
                 alt.Tooltip("actors_label:N", title=t("chart.axis.actors", lang))],
    ).properties(width=WIDTH - 260, height=300) if rows else _empty(lang)
    caption = t("chart.degrees.caption", lang, n=number(sum(r["actors"] for r in data.rows), lang),
                ties=number(data.ties, lang)) + _illustrative_line(data, lang)
    return Chart("degrees", t("chart.degrees.title", lang), _with_view(caption, view, lang),
                 source_lines(data.sources, lang), body, lang, rows)


def partners_chart(data: ChartData, schema: Schema, lang: str = "fr", *, view: str = "",
                   kind: str = PARTNER_KIND) -> Chart:
    """Horizontal stacked bars: one per actor of ``kind``, segments by relationship type in the map's colours."""
    rows = [{**r, "type_label": schema.type_label(r["type"], lang), "partners_label": number(r["partners"], lang),
             "ties_label": number(r["ties"], lang)} for r in data.rows]
    types = [k for k in schema.relationship_types if any(r["type"] == k for r in rows)]
    types += sorted({r["type"] for r in rows} - set(types))
    names = list(dict.fromkeys(r["name"] for r in rows))
    body = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("name:N", sort=names, title=schema.kind_label(kind, lang), axis=_axis(lang)),
        x=alt.X("partners:Q", stack="zero", title=t("chart.axis.partners", lang), axis=_axis(lang, format=",d")),
        color=alt.Color("type_label:N", title=t("chart.axis.type", lang), legend=alt.Legend(labelLimit=260),
                        scale=alt.Scale(domain=[schema.type_label(k, lang) for k in types],
                                        range=[schema.type_color(k) for k in types])),
        order=alt.Order("type_label:N"),
        tooltip=[alt.Tooltip("name:N", title=schema.kind_label(kind, lang)),
                 alt.Tooltip("type_label:N", title=t("chart.axis.type", lang)),
                 alt.Tooltip("partners_label:N", title=t("chart.axis.partners", lang)),
                 alt.Tooltip("ties_label:N", title=t("chart.axis.ties", lang))],
    ).properties(width=WIDTH - 260, height=alt.Step(BAR)) if rows else _empty(lang)
    short = _short_kind(schema, kind, lang)
    caption = t("chart.partners.caption", lang, kind=short, ties=number(data.ties, lang))
    caption += _illustrative_line(data, lang)
    return Chart("partners", t("chart.partners.title", lang, kind=short), _with_view(caption, view, lang),
                 source_lines(data.sources, lang), body, lang, rows)


def _short_kind(schema: Schema, kind: str, lang: str) -> str:
    """The acronym a kind's label ends with in brackets (``OPCO``), else the whole label."""
    label = schema.kind_label(kind, lang)
    inner = label.rpartition("(")[2].rstrip(")") if label.endswith(")") else ""
    return inner if inner and " " not in inner else label


def _empty(lang: str) -> Any:
    return alt.Chart(alt.Data(values=[{"text": t("chart.empty", lang)}])).mark_text(fontSize=13).encode(
        text="text:N").properties(width=WIDTH - 260, height=60)


def _with_view(caption: str, view: str, lang: str) -> str:
    return f"{caption}\n{t('mapview.filters', lang, filters=view)}" if view else caption


# -- one chart of a graph, by name (the app and the CLI) ------------------------------------------

def title_of(name: str, schema: Schema, lang: str = "fr") -> str:
    """The title of the chart ``name``, as its page and its file say it."""
    return t(f"chart.{name}.title", lang, kind=_short_kind(schema, PARTNER_KIND, lang))


def data_of(name: str, graph: nx.MultiDiGraph) -> ChartData:
    """The rows of the chart ``name`` (one of :data:`CHARTS`)."""
    if name == "funding":
        return chart_data.funding_flows(graph, FUNDING_CHAIN)
    if name == "kinds":
        return chart_data.actors_by_kind_and_region(graph)
    if name == "degrees":
        return chart_data.degree_distribution(graph)
    if name == "partners":
        return chart_data.partners_by_type(graph, PARTNER_KIND)
    raise OpcomapError("problems.chart_unknown", name=name, choices=", ".join(CHARTS))


def chart_of(name: str, graph: nx.MultiDiGraph, schema: Schema, lang: str = "fr", *, view: str = "",
             data: ChartData | None = None, measure: str | None = None) -> Chart:
    """The chart ``name`` (one of :data:`CHARTS`) of ``graph``; ``data`` when already computed."""
    data = data if data is not None else data_of(name, graph)
    if name == "funding":
        return funding_chart(data, schema, lang, view=view, measure=measure)
    if name == "kinds":
        return kinds_chart(data, schema, lang, view=view)
    if name == "degrees":
        return degrees_chart(data, schema, lang, view=view)
    return partners_chart(data, schema, lang, view=view)
