"""The A4 landscape page: title, caption, the network, legend, numbered sources."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from graph_model.schema import Schema
from opcomap.analysis.timeline import CHANGE
from opcomap.diagrams.network import CHANGE_COLORS, density, draw_network, marker, node_label
from opcomap.drawing.layout import Positions
from graph_model.words.formats import day, number
from graph_model.words.values import iso_day
from opcomap.mapview.text import text
from opcomap.mapview.tooltips import source_line

A4_LANDSCAPE_IN = (11.69, 8.27)
PAGE_PT = (A4_LANDSCAPE_IN[0] * 72, A4_LANDSCAPE_IN[1] * 72)
MARGIN = 0.025
LEGEND_WIDTH = 0.215
SOURCE_FONT = 6.0
SOURCE_LINE_PT = SOURCE_FONT * 1.3
MAX_SOURCE_LINES = 16  # per column: keeps the drawing at least half the page high
FONT = "DejaVu Sans"


def compose(
    graph: nx.MultiDiGraph,
    schema: Schema,
    positions: Positions,
    *,
    title: str,
    caption: str,
    sources: list[dict[str, Any]],
    cited: Mapping[tuple[Hashable, Hashable, Hashable], list[int]],
    lang: str,
    sizes: Mapping[Hashable, float] | None = None,
    label_width: int = 26,
    bend_flat: bool = False,
    full_list_follows: bool = False,
    frame: nx.Graph | None = None,
    more_sources: Callable[[int], str] | None = None,
) -> Figure:
    """A finished figure; the caller saves it (SVG, PNG, PDF).

    ``frame`` (a graph holding every actor of a series of pages) sets the drawing's
    limits, so pages of one series share them; ``more_sources(count)`` says where
    the sources the band leaves out are listed.
    """
    fig = Figure(figsize=A4_LANDSCAPE_IN)
    FigureCanvasAgg(fig)  # the legend measures itself with this canvas's renderer
    fig.patch.set_facecolor("white")
    fig.text(MARGIN, 1 - MARGIN, title, fontsize=15, fontweight="bold", va="top", family=FONT)
    caption_lines = textwrap.wrap(caption, 150) or [""]  # every line: a caption cut short would hide what it says
    fig.text(MARGIN, 1 - MARGIN - 0.043, "\n".join(caption_lines), fontsize=7.5, color="#444444",
             va="top", family=FONT, linespacing=1.35)
    header_bottom = 1 - MARGIN - 0.05 - 0.019 * len(caption_lines)
    band = sources_band(fig, sources, lang, full_list_follows, more_sources)
    ax = fig.add_axes((MARGIN, band + 0.012, 1 - 2 * MARGIN - LEGEND_WIDTH - 0.01,
                       header_bottom - band - 0.02))
    ax.set_axis_off()
    if graph.number_of_nodes():
        framed = frame if frame is not None and all(n in positions for n in frame) else graph
        _frame(ax, framed, positions, density(graph.number_of_nodes())["font"], label_width)
        hidden = draw_network(ax, graph, schema, positions, lang, cited, sizes, label_width, bend_flat)
        if hidden:
            ax.text(1.0, 0.0, text(lang, "labels_hidden", count=number(hidden, lang)), transform=ax.transAxes,
                    ha="right", va="bottom", fontsize=6.5, color="#666666", family=FONT)
    else:
        ax.text(0.5, 0.5, text(lang, "empty"), ha="center", va="center", fontsize=12, family=FONT)
    legend_ax = fig.add_axes((1 - MARGIN - LEGEND_WIDTH, band + 0.012, LEGEND_WIDTH, header_bottom - band - 0.02))
    legend_ax.set_axis_off()
    _legend(legend_ax, graph, schema, lang)
    return fig


def _frame(ax: Any, graph: nx.Graph, positions: Positions, font: float, label_width: int) -> None:
    """Set the axes limits so every node and its label stays inside the drawing area.

    A label's size is fixed in points while the limits are in data units, so
    the span is found by a few fixed-point steps.
    """
    box = ax.get_position()
    width_pt, height_pt = box.width * PAGE_PT[0], box.height * PAGE_PT[1]
    xs, ys, half_w, below = [], [], [], []
    for node, attrs in graph.nodes(data=True):
        lines = node_label(attrs, node, label_width).split("\n")
        xs.append(positions[node][0])
        ys.append(1.0 - positions[node][1])
        half_w.append((max(len(line) for line in lines) * 0.56 * font / 2 + 2) / width_pt)
        below.append((len(lines) * 1.2 * font + 10) / height_pt)
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    for _ in range(6):
        low_x = min(x - a * span_x for x, a in zip(xs, half_w))
        high_x = max(x + a * span_x for x, a in zip(xs, half_w))
        low_y = min(y - b * span_y for y, b in zip(ys, below))
        high_y = max(ys) + 14 / height_pt * span_y
        span_x, span_y = high_x - low_x, high_y - low_y
    ax.set_xlim(low_x, high_x)
    ax.set_ylim(low_y, high_y)


def _legend(ax: Any, graph: nx.MultiDiGraph, schema: Schema, lang: str) -> None:
    kinds = sorted({a.get("kind") for _, a in graph.nodes(data=True) if a.get("kind")},
                   key=lambda k: (schema.kinds[k].level if k in schema.kinds else 9, k))
    types = sorted({d.get("type") for _, _, d in graph.edges(data=True) if d.get("type")})
    entries = len(kinds) + len(types)
    font = 6.3 if entries > 26 else 6.8 if entries > 18 else 7.5
    kind_handles = [
        Line2D([], [], linestyle="none", marker=marker(schema, k), markersize=7 if marker(schema, k) != "*" else 9,
               markerfacecolor=schema.kind_color(k), markeredgecolor="#333333", markeredgewidth=0.4,
               label=_wrap(schema.kind_label(k, lang)))
        for k in kinds
    ]
    type_handles = []
    for rel_type in types:
        spec = schema.relationship_types.get(rel_type)
        type_handles.append(Line2D(
            [], [], color=schema.type_color(rel_type), linewidth=1.6 * (spec.width if spec else 1.0) ** 0.5,
            linestyle=(0, (4, 2)) if spec and spec.dashes else "solid", label=_wrap(schema.type_label(rel_type, lang)),
        ))
    if any(d.get("illustrative") for _, _, d in graph.edges(data=True)):
        type_handles.append(Line2D([], [], color="#777777", linestyle=(0, (1, 1.5)), linewidth=1.2,
                                   label=_wrap(text(lang, "illustrative"))))
    type_handles += change_handles(graph, lang)
    common = {"frameon": False, "fontsize": font, "title_fontsize": font + 0.8, "alignment": "left",
              "borderaxespad": 0.0, "handlelength": 2.2, "labelspacing": 0.3 if entries > 22 else 0.45, "prop": {"family": FONT, "size": font}}
    first = ax.legend(handles=kind_handles, title=text(lang, "kinds"), loc="upper left", **common)
    first.get_title().set_fontweight("bold")
    if type_handles:
        ax.add_artist(first)
        # Place the second legend under the first, once the first one's height is known.
        fig = ax.figure
        renderer = fig.canvas.get_renderer()
        box = first.get_window_extent(renderer).transformed(ax.transAxes.inverted())
        second = ax.legend(handles=type_handles, title=text(lang, "types"), loc="upper left",
                           bbox_to_anchor=(0.0, box.y0 - 0.03), **common)
        second.get_title().set_fontweight("bold")


def change_handles(graph: nx.MultiDiGraph, lang: str) -> list[Line2D]:
    """Legend entries for the changes drawn (new, ended, succession), with how many of each."""
    drawn: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        if attrs.get(CHANGE):
            drawn[attrs[CHANGE]] = drawn.get(attrs[CHANGE], 0) + 1
    for _, _, attrs in graph.edges(data=True):
        if attrs.get(CHANGE):
            drawn[attrs[CHANGE]] = drawn.get(attrs[CHANGE], 0) + 1
    return [
        Line2D([], [], color=CHANGE_COLORS[change], linewidth=2.4, linestyle=(0, (3, 2)) if change == "ended" else "solid",
               label=_wrap(f"{text(lang, 'change_' + change)} ({number(drawn[change], lang)})"))
        for change in CHANGE_COLORS if change in drawn
    ]


def _wrap(label: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _source_grid(count: int) -> tuple[int, int]:
    """(columns, lines per column) of the source band for ``count`` sources."""
    columns = 1 if count <= 4 else 2 if count <= 20 else 3
    return columns, min(MAX_SOURCE_LINES, math.ceil(count / columns))


def sources_overflow(count: int) -> bool:
    """True when the first page cannot list ``count`` sources in full."""
    columns, per_column = _source_grid(count)
    return count > columns * per_column


def sources_band(fig: Figure, sources: list[dict[str, Any]], lang: str, full_list_follows: bool,
                 more_sources: Callable[[int], str] | None = None) -> float:
    """Draw the numbered sources along the bottom; return the band's top (figure fraction)."""
    if not sources:
        return MARGIN
    columns, per_column = _source_grid(len(sources))
    room = columns * per_column
    shown = sources if len(sources) <= room else sources[: room - 1]
    lines = [f"{i}. {source_line(s, lang)}" for i, s in enumerate(shown, start=1)]
    if len(shown) < len(sources):
        left_out = len(sources) - len(shown)
        if more_sources is not None:
            lines.append(more_sources(left_out))
        else:
            key = "more_sources_next" if full_list_follows else "more_sources"
            lines.append(text(lang, key, count=number(left_out, lang)))
    width_pt = (1 - 2 * MARGIN) * PAGE_PT[0] / columns
    # DejaVu Sans averages ~0.55 em per character; cut long titles instead of overflowing.
    max_chars = int(width_pt / (SOURCE_FONT * 0.56)) - 2
    lines = [line if len(line) <= max_chars else line[: max_chars - 1] + "…" for line in lines]
    height = (per_column * SOURCE_LINE_PT + 14) / PAGE_PT[1]
    top = MARGIN + height
    fig.text(MARGIN, top, text(lang, "sources"), fontsize=7.5, fontweight="bold", va="top", family=FONT)
    for c in range(columns):
        chunk = lines[c * per_column:(c + 1) * per_column]
        if chunk:
            fig.text(MARGIN + c * (1 - 2 * MARGIN) / columns, top - 11 / PAGE_PT[1], "\n".join(chunk),
                     fontsize=SOURCE_FONT, va="top", family=FONT, color="#222222", linespacing=1.3)
    return top


SOURCE_PAGE_FONT = 7.0
SOURCE_PAGE_LINES = 52


def source_pages(sources: list[dict[str, Any]], title: str, lang: str) -> list[Figure]:
    """Extra A4 landscape pages listing every source in full, with its URL (PDF only)."""
    lines = []
    for i, source in enumerate(sources, start=1):
        line = f"{i}. {source_line(source, lang)}"
        if source.get("url"):
            line += f" — {source['url']}"
        lines.append(line)
    max_chars = int((1 - 2 * MARGIN) * PAGE_PT[0] / (SOURCE_PAGE_FONT * 0.56)) - 2
    lines = [line if len(line) <= max_chars else line[: max_chars - 1] + "…" for line in lines]
    pages = []
    for start in range(0, len(lines), SOURCE_PAGE_LINES):
        fig = Figure(figsize=A4_LANDSCAPE_IN)
        FigureCanvasAgg(fig)
        fig.text(MARGIN, 1 - MARGIN, text(lang, "sources_continued", title=title), fontsize=11,
                 fontweight="bold", va="top", family=FONT)
        fig.text(MARGIN, 1 - MARGIN - 0.045, "\n".join(lines[start:start + SOURCE_PAGE_LINES]),
                 fontsize=SOURCE_PAGE_FONT, va="top", family=FONT, color="#222222", linespacing=1.3)
        pages.append(fig)
    return pages


def caption_text(
    graph_nodes: int, graph_edges: int, *, lang: str, filters_text: str, data_date: str | None,
    layout: str, labels_limited: tuple[int, int] | None, aggregation_text: str | None, unnumbered: int = 0,
) -> str:
    """The caption line: data date, filters, layout, counts, what the drawing leaves out
    (``labels_limited``: names drawn, of how many actors; ``unnumbered``: ties drawn without
    their source numbers) and any aggregation."""
    parts = []
    if data_date:
        found = iso_day(data_date)
        parts.append(text(lang, "data_date", date=day(found, lang) if found else data_date))
    parts.append(text(lang, "filters", filters=filters_text))
    parts.append(text(lang, f"layout_{layout}"))
    parts.append(text(lang, "count", nodes=number(graph_nodes, lang), edges=number(graph_edges, lang)))
    if labels_limited:
        parts.append(text(lang, "labels_limited", count=number(labels_limited[0], lang),
                          total=number(labels_limited[1], lang)))
    if unnumbered:
        parts.append(text(lang, "ties_unnumbered", count=number(unnumbered, lang)))
    caption = " · ".join(parts)
    if aggregation_text:
        caption += " — " + aggregation_text
    return caption


__all__ = ["FONT", "MARGIN", "PAGE_PT", "caption_text", "compose", "density", "source_pages", "sources_band",
           "sources_overflow"]
