"""Drawing the network itself (nodes, ties, labels) onto a matplotlib Axes."""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import FancyArrowPatch

from graph_model.schema import Schema
from opcomap.diagrams.sources import compact_numbers
from opcomap.drawing.layout import Positions
from opcomap.mapview.payload import CHANGE_COLORS
from opcomap.mapview.text import display_label

# vis-network shapes (the schema speaks the map's language) → matplotlib markers.
MARKERS = {
    "star": "*", "triangle": "^", "triangleDown": "v", "square": "s", "diamond": "D", "hexagon": "h",
    "box": "s", "dot": "o", "ellipse": "o", "circle": "o",
}
# Arrows and curved parallel ties cost one patch each: only for readable-size views.
ARROWS_UP_TO = 400
EDGE_LABELS_UP_TO = 30
LABELS_UP_TO = 300
LABELLED_WHEN_LARGE = 150
ALL_LABELS_UP_TO = 40  # small views: every name, even touching another
# A light box rather than a stroked halo: a halo turns SVG text into heavy outlines.
HALO = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}


def marker(schema: Schema, kind: str) -> str:
    spec = schema.kinds.get(kind)
    return MARKERS.get(spec.shape if spec else "dot", "o")


def density(count: int) -> dict[str, float]:
    """Sizes that keep an A4 page readable as the view grows (points, points², points)."""
    scale = math.sqrt(30 / max(count, 30))
    return {
        "font": max(3.2, 8.0 * scale ** 0.6),
        "marker": max(9.0, 110.0 * scale ** 1.3),
        "line": max(0.25, 0.85 * scale ** 0.5),
    }


def labelled_nodes(graph: nx.Graph) -> set[Hashable]:
    """Every node up to LABELS_UP_TO nodes, else the most connected ones."""
    if graph.number_of_nodes() <= LABELS_UP_TO:
        return set(graph.nodes)
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))
    return set(ranked[:LABELLED_WHEN_LARGE])


def unnumbered_ties(graph: nx.Graph, cited: Mapping[tuple[Hashable, Hashable, Hashable], list[int]]) -> int:
    """Ties citing sources whose numbers the drawing leaves off (too many ties to number them
    legibly); their sources are still in the list, and the caption says so."""
    if graph.number_of_edges() <= EDGE_LABELS_UP_TO:
        return 0
    return sum(1 for numbers in cited.values() if numbers)


def draw_network(
    ax: Axes,
    graph: nx.MultiDiGraph,
    schema: Schema,
    positions: Positions,
    lang: str,
    cited: Mapping[tuple[Hashable, Hashable, Hashable], list[int]],
    sizes: Mapping[Hashable, float] | None = None,
    label_width: int = 26,
    bend_flat: bool = False,
) -> int:
    """Draw ``graph`` at ``positions`` (unit box, y downwards) on ``ax``; return how
    many names were left out because they would have covered another one.

    The axes limits must already be set (labels are placed in page units).
    ``bend_flat`` curves ties between actors of one band (hierarchical
    layout) so they do not run straight through their neighbours.
    """
    count = graph.number_of_nodes()
    look = density(count)
    xy = {node: (x, 1.0 - y) for node, (x, y) in positions.items()}
    areas = _areas(graph, sizes, look["marker"])
    edges = sorted(graph.edges(keys=True, data=True), key=lambda item: str(item[2]))
    if len(edges) <= ARROWS_UP_TO:
        _draw_edge_patches(ax, edges, xy, areas, schema, look, cited if len(edges) <= EDGE_LABELS_UP_TO else {},
                           bend_flat)
    else:
        _draw_edge_lines(ax, edges, xy, schema, look)
    by_kind: dict[str, list[Hashable]] = defaultdict(list)
    for node in sorted(graph.nodes, key=str):
        by_kind[graph.nodes[node].get("kind", "")].append(node)
    for kind in sorted(by_kind):
        members = by_kind[kind]
        ax.scatter(
            [xy[n][0] for n in members], [xy[n][1] for n in members],
            s=[areas[n] for n in members], marker=marker(schema, kind), c=schema.kind_color(kind),
            edgecolors="#333333", linewidths=0.4, zorder=3,
        )
    _mark_changed_nodes(ax, graph, xy, areas)
    candidates = labelled_nodes(graph)
    shown = candidates if len(candidates) <= ALL_LABELS_UP_TO else _free_labels(
        ax, graph, xy, areas, candidates, look["font"], label_width)
    for node in sorted(shown, key=str):
        attrs = graph.nodes[node]
        radius = math.sqrt(areas[node]) / 2
        ax.annotate(
            node_label(attrs, node, label_width), xy[node], xytext=(0, -radius - 1.0),
            textcoords="offset points", ha="center", va="top", fontsize=look["font"],
            color="#111111", bbox=HALO, zorder=4, annotation_clip=False, linespacing=1.05,
        )
    return len(candidates) - len(shown)


def _free_labels(
    ax: Axes, graph: nx.Graph, xy: dict, areas: dict, candidates: set[Hashable], font: float, width: int,
) -> set[Hashable]:
    """Greedy placement, most connected actors first: a name that would cover one
    already placed is left out (its actor stays drawn; the HTML map names it)."""
    to_px = ax.figure.dpi / 72.0
    cell = 40.0
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)
    kept: set[Hashable] = set()
    for node in sorted(candidates, key=lambda n: (-graph.degree(n), str(n))):
        lines = node_label(graph.nodes[node], node, width).split("\n")
        x, y = ax.transData.transform(xy[node])
        half = max(len(line) for line in lines) * 0.56 * font * to_px / 2
        top = y - (math.sqrt(areas[node]) / 2 + 1.0) * to_px
        box = (x - half, top - len(lines) * 1.2 * font * to_px, x + half, top)
        cells = [(i, j) for i in range(int(box[0] // cell), int(box[2] // cell) + 1)
                 for j in range(int(box[1] // cell), int(box[3] // cell) + 1)]
        if any(_overlap(box, other) for c in cells for other in grid[c]):
            continue
        kept.add(node)
        for c in cells:
            grid[c].append(box)
    return kept


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def node_label(attrs: dict[str, Any], node: Hashable, width: int = 26) -> str:
    """The label drawn under a node, wrapped onto lines of ``width`` characters.

    >>> node_label({"name": "Organisme de formation numérique (exemple) – Normandie"}, "x")
    'Organisme de formation\\nnumérique (exemple) –\\nNormandie'
    """
    return "\n".join(textwrap.wrap(display_label(attrs) or str(node), width)) or str(node)


def _areas(graph: nx.Graph, sizes: Mapping[Hashable, float] | None, base: float) -> dict[Hashable, float]:
    """Marker areas in points²; a metric (or a group's count) scales them up to 4×."""
    values = dict(sizes or {})
    if not values:
        values = {n: math.log10(a["count"]) for n, a in graph.nodes(data=True) if a.get("aggregated")}
    if not values and graph.number_of_nodes() > 2:
        # Without a chosen metric, hubs stand out by their number of ties (square root: area).
        values = {n: math.sqrt(graph.degree(n)) for n in graph.nodes}
    if not values:
        return {node: base for node in graph.nodes}
    low, high = min(values.values()), max(values.values())
    span = (high - low) or 1.0
    return {node: base * (1.0 + 3.0 * (values[node] - low) / span) if node in values else base
            for node in graph.nodes}


def _style(schema: Schema, data: dict[str, Any], look: dict[str, float]) -> dict[str, Any]:
    rel_type = data.get("type", "")
    spec = schema.relationship_types.get(rel_type)
    dashed = bool(spec and spec.dashes)
    style: Any = (0, (4, 2)) if dashed else "solid"
    if data.get("illustrative"):
        style = (0, (1, 1.5))
    drawn = {
        "color": schema.type_color(rel_type),
        "linestyle": style,
        "linewidth": look["line"] * (spec.width if spec else 1.0),
    }
    return _change_style(drawn, data.get("change"))


def _change_style(drawn: dict[str, Any], change: str | None) -> dict[str, Any]:
    """A tie's look for its change between two dates, as on the interactive map
    (opcomap.mapview.payload.change_style): new thicker in green, ended grey dashed, succession magenta.

    >>> _change_style({"color": "#000", "linestyle": "solid", "linewidth": 1.0}, "ended")["linestyle"]
    (0, (3, 2))
    """
    if change not in CHANGE_COLORS:
        return drawn
    drawn = {**drawn, "color": CHANGE_COLORS[change]}
    if change == "new":
        drawn["linewidth"] = drawn["linewidth"] * 2.5 + 0.4
    elif change == "ended":
        drawn["linestyle"] = (0, (3, 2))
    else:
        drawn["linewidth"] = drawn["linewidth"] * 2 + 0.4
        drawn["linestyle"] = "solid"
    return drawn


def _mark_changed_nodes(ax: Axes, graph: nx.Graph, xy: dict, areas: dict) -> None:
    """A green ring round new actors; ended ones greyed out under a dashed grey ring."""
    new = [n for n, c in sorted(graph.nodes(data="change"), key=lambda item: str(item[0])) if c == "new"]
    ended = [n for n, c in sorted(graph.nodes(data="change"), key=lambda item: str(item[0])) if c == "ended"]
    if ended:
        ax.scatter([xy[n][0] for n in ended], [xy[n][1] for n in ended], s=[areas[n] for n in ended],
                   c="#e6e6e6", edgecolors=CHANGE_COLORS["ended"], linewidths=1.0, linestyles="--", zorder=3.1)
    if new:
        ax.scatter([xy[n][0] for n in new], [xy[n][1] for n in new], s=[areas[n] * 2.2 for n in new],
                   facecolors="none", edgecolors=CHANGE_COLORS["new"], linewidths=1.8, zorder=3.2)


def _draw_edge_lines(ax: Axes, edges: list, xy: dict, schema: Schema, look: dict[str, float]) -> None:
    groups: dict[tuple, list] = defaultdict(list)
    for u, v, _key, data in edges:
        style = _style(schema, data, look)
        groups[(style["color"], str(style["linestyle"]), style["linewidth"])].append(
            ((xy[u], xy[v]), style)
        )
    for _, segments in sorted(groups.items()):
        style = segments[0][1]
        ax.add_collection(LineCollection(
            [seg for seg, _ in segments], colors=style["color"], linestyles=[style["linestyle"]],
            linewidths=style["linewidth"], alpha=0.55, zorder=1,
        ))


def _draw_edge_patches(
    ax: Axes, edges: list, xy: dict, areas: dict, schema: Schema, look: dict[str, float],
    cited: Mapping[tuple[Hashable, Hashable, Hashable], list[int]],
    bend_flat: bool = False,
) -> None:
    seen_pairs: dict[frozenset, int] = defaultdict(int)
    centre_y = sum(y for _, y in xy.values()) / max(len(xy), 1)
    for u, v, key, data in edges:
        pair = frozenset((u, v))
        rank = seen_pairs[pair]
        seen_pairs[pair] += 1
        # Parallel ties between the same two actors bend apart instead of overlapping.
        rad = 0.0 if rank == 0 else 0.12 * ((rank + 1) // 2) * (1 if rank % 2 else -1)
        dx, dy = xy[v][0] - xy[u][0], xy[v][1] - xy[u][1]
        if bend_flat and abs(dy) < 0.25 * abs(dx):
            # arc3 bows a left-to-right tie downwards for rad > 0: bow towards the centre.
            towards_centre = 1 if (xy[u][1] + xy[v][1]) / 2 > centre_y else -1
            rad += 0.22 * towards_centre * (1 if dx > 0 else -1)
        style = _style(schema, data, look)
        directed = schema.is_directed(data.get("type", ""))
        patch = FancyArrowPatch(
            xy[u], xy[v], connectionstyle=f"arc3,rad={rad}",
            arrowstyle="-|>" if directed else "-", mutation_scale=4 + 4 * look["line"],
            shrinkA=math.sqrt(areas[u]) / 2, shrinkB=math.sqrt(areas[v]) / 2 + 0.5,
            color=style["color"], linestyle=style["linestyle"], linewidth=style["linewidth"],
            alpha=0.8, zorder=2,
        )
        ax.add_patch(patch)
        numbers = cited.get((u, v, key))
        if numbers:
            mid_x = (xy[u][0] + xy[v][0]) / 2 + rad * (xy[u][1] - xy[v][1]) / 2
            mid_y = (xy[u][1] + xy[v][1]) / 2 - rad * (xy[u][0] - xy[v][0]) / 2
            ax.text(mid_x, mid_y, f"[{compact_numbers(numbers)}]", fontsize=max(3.0, look["font"] - 2),
                    color="#555555", ha="center", va="center", bbox=HALO, zorder=3)
