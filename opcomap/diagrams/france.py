"""The France map as a report page (SVG, PNG, PDF) and as an offline HTML page.

Both draw the bundled Région outlines (:mod:`opcomap.geo.outlines`) in the
colours of :func:`opcomap.drawing.france.choropleth`, the same as the app.
The report page follows the other diagrams: title, caption, the map with its
legend and a table of the values, the base map's attribution, and the
numbered sources of the ties the measure counted.

Typical use::

    data = render_france(graph, "pdf", measure="funding", lang="fr")
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path

from graph_model.errors import InvalidValue
from graph_model.words import t
from graph_model.words.formats import day, number
from graph_model.words.values import iso_day
from opcomap.analysis.by_region import RegionMeasure, region_measure, region_names
from opcomap.analysis.filters import describe_view
from opcomap.analysis.selection import ViewFilters
from opcomap.diagrams import FORMATS, date_text, figure_bytes, page_style
from opcomap.diagrams.page import A4_LANDSCAPE_IN, FONT, MARGIN, source_pages, sources_band, sources_overflow
from opcomap.diagrams.sources import number_sources
from opcomap.drawing.france import (
    OUTLINE, SELECTED, Choropleth, choropleth, explanation, france_svg, measure_title,
)
from opcomap.geo.outlines import INSEE_CODES, Outlines, load_outlines
from opcomap.mapview.tooltips import source_line

MAP_WIDTH = 0.6  # of the page: the rest holds the legend and the table of values


def france_measure(graph: nx.MultiDiGraph, measure: str, opco: str | None = None) -> RegionMeasure:
    """``measure`` for the 18 Régions of the outlines (see :mod:`opcomap.analysis.by_region`)."""
    return region_measure(graph, measure, INSEE_CODES, opco)


def _counted(graph: nx.MultiDiGraph, found: RegionMeasure) -> nx.MultiDiGraph:
    """The ties the measure counted, with their data: what the page's sources are numbered from."""
    ties = nx.MultiDiGraph()
    for u, v, k in found.ties:
        ties.add_edge(u, v, key=k, **graph.edges[u, v, k])
    return ties


def _title(graph: nx.MultiDiGraph, found: RegionMeasure, lang: str) -> str:
    name = str(graph.nodes[found.opco].get("name", found.opco)) if found.opco in graph else found.opco
    return measure_title(found, lang, name)


def _caption(graph: nx.MultiDiGraph, filters: ViewFilters, found: RegionMeasure, lang: str, data_day: str | None,
             schema=None) -> str:
    parts = []
    if data_day:
        found_day = iso_day(data_day)
        parts.append(t("mapview.data_date", lang, date=day(found_day, lang) if found_day else data_day))
    parts.append(t("mapview.filters", lang, filters=describe_view(graph, filters, lang, schema)))
    parts.append(explanation(found, lang))
    if found.opco and found.unstated:
        name = graph.nodes[found.opco].get("name", found.opco) if found.opco in graph else found.opco
        parts.append(t("france.funding_unstated", lang, n=number(found.unstated, lang), opco=str(name)))
    return " · ".join(parts)


def _draw_map(ax, outlines: Outlines, paint: Choropleth, selected: str | None) -> None:
    for region in outlines.regions:
        if region.frame:
            x0, y0, x1, y1 = region.frame
            ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#999999", linewidth=0.6))
    for region in outlines.regions:
        # One compound path per Région (islands included), named by its INSEE code in the SVG.
        shape = Path.make_compound_path(*(Path(ring, closed=True) for ring in region.parts))
        chosen = region.code == selected
        patch = PathPatch(shape, facecolor=paint.colours.get(region.code, "#eeeeee"),
                          edgecolor=SELECTED if chosen else OUTLINE, linewidth=1.8 if chosen else 0.5,
                          joinstyle="round", zorder=3 if chosen else 2)
        patch.set_gid(f"region-{region.code}")
        ax.add_patch(patch)
    x0, y0, x1, y1 = outlines.bounds()
    ax.set_xlim(x0 - 10, x1 + 10)
    ax.set_ylim(y0 - 10, y1 + 10)
    ax.set_aspect("equal")


def _side(fig: Figure, box: tuple[float, float, float, float], found: RegionMeasure, paint: Choropleth,
          names: dict[str, str], outlines: Outlines, lang: str) -> None:
    """The legend, then every Région with its value, in the column right of the map."""
    ax = fig.add_axes(box)
    ax.set_axis_off()
    handles = [Patch(facecolor=colour, edgecolor=OUTLINE, linewidth=0.4, label="\n".join(textwrap.wrap(label, 38)))
               for label, colour in paint.legend]
    legend = ax.legend(handles=handles, title=t("france.legend", lang), loc="upper left", frameon=False,
                       fontsize=7.5, title_fontsize=8.3, alignment="left", borderaxespad=0.0,
                       prop={"family": FONT, "size": 7.5})
    legend.get_title().set_fontweight("bold")
    renderer = fig.canvas.get_renderer()
    top = legend.get_window_extent(renderer).transformed(ax.transAxes.inverted()).y0 - 0.04
    ax.text(0.0, top, t("france.values", lang), fontsize=8.3, fontweight="bold", va="top", family=FONT,
            transform=ax.transAxes)
    rows = [(names.get(r.code) or r.name, r.code, paint.shown.get(r.code, "")) for r in outlines.regions]
    line = min(0.034, (top - 0.05) / max(len(rows), 1))
    for i, (name, code, value) in enumerate(rows, start=1):
        y = top - i * line - 0.01
        shown_name = name if len(name) <= 34 else name[:33] + "…"
        ax.text(0.0, y, f"{shown_name} ({code})", fontsize=6.8, va="top", family=FONT, transform=ax.transAxes)
        ax.text(1.0, y, value if len(value) <= 28 else value[:27] + "…", fontsize=6.8, va="top", ha="right",
                family=FONT, transform=ax.transAxes)


def render_france(
    graph: nx.MultiDiGraph,
    fmt: str,
    *,
    measure: str = "cfa",
    opco: str | None = None,
    filters: ViewFilters | None = None,
    schema=None,
    title: str | None = None,
    lang: str = "fr",
    data_date: str | dt.date | None = None,
) -> bytes:
    """The France page of a view as SVG, PNG or PDF bytes.

    ``graph`` is the view without its Région filter (every Région keeps its
    value); ``filters.region``, if set, is outlined. ``opco`` is the OPCO the
    gaps, partner counts and funding are read for.
    """
    if fmt not in FORMATS:
        raise InvalidValue("problems.format_unknown", name=fmt, choices=", ".join(FORMATS))
    filters = filters or ViewFilters()
    outlines = load_outlines()
    found = france_measure(graph, measure, opco)
    paint = choropleth(found, lang)
    names = region_names(graph, INSEE_CODES)
    counted = _counted(graph, found)
    sources, _ = number_sources(counted)
    caption = _caption(graph, filters, found, lang, date_text(data_date.isoformat() if isinstance(data_date, dt.date)
                                                              else data_date, counted, sources), schema)
    heading = title or _title(graph, found, lang)
    more_pages = fmt == "pdf" and sources_overflow(len(sources))
    with page_style():
        fig = Figure(figsize=A4_LANDSCAPE_IN)
        FigureCanvasAgg(fig)
        fig.patch.set_facecolor("white")
        fig.text(MARGIN, 1 - MARGIN, heading, fontsize=15, fontweight="bold", va="top", family=FONT)
        caption_lines = textwrap.wrap(caption, 150) or [""]
        fig.text(MARGIN, 1 - MARGIN - 0.043, "\n".join(caption_lines[:3]), fontsize=7.5, color="#444444",
                 va="top", family=FONT, linespacing=1.35)
        header_bottom = 1 - MARGIN - 0.05 - 0.019 * min(len(caption_lines), 3)
        band = sources_band(fig, sources, lang, more_pages)
        map_box = (MARGIN, band + 0.035, MAP_WIDTH, header_bottom - band - 0.05)
        ax = fig.add_axes(map_box)
        ax.set_axis_off()
        _draw_map(ax, outlines, paint, filters.region)
        notes = f"{t('france.insets', lang)} {t('france.basemap', lang, attribution=outlines.attribution)}"
        fig.text(MARGIN, band + 0.018, notes, fontsize=6.3, color="#555555", va="bottom", family=FONT)
        side_left = MARGIN + MAP_WIDTH + 0.03
        _side(fig, (side_left, band + 0.035, 1 - MARGIN - side_left, header_bottom - band - 0.05),
              found, paint, names, outlines, lang)
        extra = source_pages(sources, heading, lang) if more_pages else []
        return figure_bytes(fig, fmt, extra)


def france_html(
    graph: nx.MultiDiGraph,
    *,
    measure: str = "cfa",
    opco: str | None = None,
    filters: ViewFilters | None = None,
    schema=None,
    title: str | None = None,
    lang: str = "fr",
) -> str:
    """One self-contained HTML page: the map as inline SVG (no script, nothing fetched), legend, values, sources."""
    filters = filters or ViewFilters()
    outlines = load_outlines()
    found = france_measure(graph, measure, opco)
    paint = choropleth(found, lang)
    names = region_names(graph, INSEE_CODES)
    sources, _ = number_sources(_counted(graph, found))
    heading = title or _title(graph, found, lang)
    esc = html.escape
    legend = "".join(f'<li><span class="swatch" style="background:{colour}"></span>{esc(label)}</li>'
                     for label, colour in paint.legend)
    rows = "".join(f"<tr><td>{esc(names.get(r.code) or r.name)}</td><td>{esc(r.code)}</td>"
                   f'<td class="n">{esc(paint.shown.get(r.code, ""))}</td></tr>' for r in outlines.regions)
    cited = "".join(f"<li>{esc(source_line(s, lang))}</li>" for s in sources)
    svg = france_svg(outlines, paint, lang, names=names, selected=filters.region)
    caption = _caption(graph, filters, found, lang, None, schema)
    return f"""<!DOCTYPE html>
<html lang="{esc(lang)}"><head><meta charset="utf-8"><title>{esc(heading)}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5em; color: #222; }}
.page {{ display: flex; gap: 2em; flex-wrap: wrap; align-items: flex-start; }}
figure {{ margin: 0; }} .side {{ flex: 1 1 20em; }}
.swatch {{ display: inline-block; width: 1.2em; height: 0.9em; margin-right: 0.5em; border: 1px solid #555;
  vertical-align: middle; }}
ul.legend {{ list-style: none; padding: 0; }}
td, th {{ padding: 0.15em 0.6em; text-align: left; }} td.n {{ text-align: right; }}
.note {{ color: #555; font-size: 0.85em; }}
path.region:hover {{ stroke: #000; stroke-width: 2; }}
</style></head>
<body>
<h1>{esc(heading)}</h1>
<p class="note">{esc(caption)}</p>
<div class="page">
<figure>{svg}<figcaption class="note">{esc(t("france.insets", lang))}
{esc(t("france.basemap", lang, attribution=outlines.attribution))}</figcaption></figure>
<div class="side"><h2>{esc(t("france.legend", lang))}</h2><ul class="legend">{legend}</ul>
<h2>{esc(t("france.values", lang))}</h2>
<table><tr><th>{esc(t("france.col_region", lang))}</th><th>{esc(t("france.col_code", lang))}</th>
<th>{esc(t("france.col_value", lang))}</th></tr>{rows}</table></div>
</div>
{f'<h2>{esc(t("mapview.sources", lang))}</h2><ol class="note">{cited}</ol>' if sources else ""}
</body></html>
"""


__all__ = ["france_html", "france_measure", "render_france"]
