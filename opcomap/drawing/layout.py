"""Node positions for maps and diagrams, computed server-side.

Two algorithms, both pure functions of (graph, schema, algorithm, seed):

* ``force`` — igraph's Fruchterman-Reingold (grid variant above a few hundred
  nodes, so 10,000 nodes take about a second instead of minutes);
* ``hierarchical`` — one band per schema ``level`` of each kind (0 at the top:
  France compétences and the social partners, then the OPCO, the branches,
  the CFA), nodes ordered inside a band by the barycentre of their neighbours
  to limit crossings, long bands wrapped onto several rows.

Nodes and edges are sorted before anything else, so the same view gives the
same positions whatever order the graph was built in (files or Neo4j).
Positions are returned in a unit box: ``x`` in [0, 1], ``y`` in [0, 1] with
``y = 0`` at the top (screen convention); callers scale them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable
from typing import Literal

import igraph
import networkx as nx

from graph_model.schema import Schema
from opcomap.analysis.engine import seeded_rng

Algorithm = Literal["force", "hierarchical"]
Positions = dict[Hashable, tuple[float, float]]
ALGORITHMS: tuple[str, ...] = ("force", "hierarchical")
DEFAULT_SEED = 7
# Exact Fruchterman-Reingold is quadratic in the nodes; the grid variant stays fast on large maps.
_GRID_ABOVE = 300


def compute_layout(
    graph: nx.Graph,
    schema: Schema | None = None,
    algorithm: Algorithm = "force",
    seed: int = DEFAULT_SEED,
) -> Positions:
    """Positions of every node of ``graph`` in the unit box (y grows downwards).

    >>> import networkx as nx
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> pos = compute_layout(g, seed=1)
    >>> sorted(pos) == ["a", "b", "c"], pos == compute_layout(g, seed=1)
    (True, True)
    >>> all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in pos.values())
    True
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"mise en page inconnue « {algorithm} » (choix : {', '.join(ALGORITHMS)})")
    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    edges = _sorted_edges(graph, nodes)
    if algorithm == "hierarchical":
        levels = [_level(graph.nodes[n].get("kind"), schema) for n in nodes]
        raw = _hierarchical(len(nodes), edges, levels)
    else:
        raw = _spread(_force(len(nodes), edges, seed))
    return dict(zip(nodes, _normalise(raw), strict=True))


def _sorted_edges(graph: nx.Graph, nodes: list[Hashable]) -> list[tuple[int, int]]:
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v}
    return sorted(pairs)  # type: ignore[arg-type]


def _level(kind: str | None, schema: Schema | None) -> int:
    if schema is None or kind not in schema.kinds:
        return 2
    return schema.kinds[kind].level


def _force(count: int, edges: list[tuple[int, int]], seed: int) -> list[tuple[float, float]]:
    """Fruchterman-Reingold on the linked actors; actors without ties in a row underneath.

    Left in the simulation, an isolated actor drifts to the border and sets the
    frame, squeezing everything else into the middle.
    """
    has_tie = {i for pair in edges for i in pair}
    linked = sorted(has_tie)
    isolated = [i for i in range(count) if i not in has_tie]
    coords: list[tuple[float, float]] = [(0.0, 0.0)] * count
    if len(linked) >= 2:
        index = {node: i for i, node in enumerate(linked)}
        placed = _fruchterman_reingold(len(linked), [(index[a], index[b]) for a, b in edges], seed)
        for node, xy in zip(linked, placed, strict=True):
            coords[node] = xy
    if not isolated:
        return coords
    xs = [coords[i][0] for i in linked] or [0.0, 1.0]
    ys = [coords[i][1] for i in linked] or [0.0]
    low, high = min(xs), max(xs)
    span = max(high - low, 1.0)
    per_row = max(8, math.ceil(math.sqrt(count) * 1.5))
    gap = span / per_row
    for k, node in enumerate(isolated):
        row, col = divmod(k, per_row)
        coords[node] = (low + (col + 0.5) * gap, max(ys) + span * 0.08 + row * gap)
    return coords


def _fruchterman_reingold(count: int, edges: list[tuple[int, int]], seed: int) -> list[tuple[float, float]]:
    graph = igraph.Graph(n=count, edges=edges)
    rng = random.Random(seed)
    # Spread the start like igraph does (a sqrt(n) box): a tiny box puts every node
    # in one grid cell and the grid variant degrades to the quadratic one.
    half = math.sqrt(count) / 2
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(count)]
    with seeded_rng(seed):  # igraph's one generator, shared with the analyses
        layout = graph.layout_fruchterman_reingold(seed=start, niter=500, grid=count > _GRID_ABOVE)
    return [(float(x), float(y)) for x, y in layout.coords]


def _hierarchical(
    count: int, edges: list[tuple[int, int]], levels: list[int]
) -> list[tuple[float, float]]:
    neighbours: list[list[int]] = [[] for _ in range(count)]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    bands: dict[int, list[int]] = {}
    for node in range(count):  # nodes are already sorted: a stable start order
        bands.setdefault(levels[node], []).append(node)
    order = sorted(bands)
    rank = {node: float(i) for band in bands.values() for i, node in enumerate(band)}
    # Barycentre sweeps (down, then up): the classic cheap crossing reduction.
    for sweep in (order, order[::-1], order, order[::-1]):
        placed: set[int] = set()
        for level in sweep:
            band = bands[level]
            keys = {}
            for node in band:
                near = [rank[m] / max(len(bands[levels[m]]), 1) for m in neighbours[node] if m in placed]
                keys[node] = sum(near) / len(near) if near else rank[node] / max(len(band), 1)
            band.sort(key=lambda n: (keys[n], n))
            for i, node in enumerate(band):
                rank[node] = float(i)
            placed.update(band)
    # A long band is spread over several staggered rows, round-robin, so that
    # x still follows the barycentre order and neighbours' labels do not collide.
    row_cap = max(6, math.ceil(1.5 * math.sqrt(count)))
    widest = max(len(band) for band in bands.values())
    coords: list[tuple[float, float]] = [(0.0, 0.0)] * count
    row_y = 0.0
    for level in order:
        band = bands[level]
        rows = math.ceil(len(band) / row_cap)
        step = widest / len(band)
        offset = (widest - step * len(band)) / 2 + step / 2
        for i, node in enumerate(band):
            coords[node] = (offset + i * step, row_y + (i % rows) * 0.45)
        row_y += (rows - 1) * 0.45 + 1.0
    # Bands are stacked top-down already (y grows downwards), matching the screen.
    return coords


def _spread(coords: list[tuple[float, float]], share: float = 0.5) -> list[tuple[float, float]]:
    """Loosen dense cores: blend each axis with its rank (a histogram equalisation).

    Force layouts pile the many actors tied to a few hubs into the centre; the
    rank keeps every node's order along each axis but evens out the density,
    so labels in the middle of the map become readable.
    """
    count = len(coords)
    if count < 3:
        return coords
    out = [list(c) for c in coords]
    for axis in (0, 1):
        values = [c[axis] for c in coords]
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        order = sorted(range(count), key=lambda i: (values[i], i))
        for rank, i in enumerate(order):
            out[i][axis] = (1 - share) * (values[i] - low) / span + share * rank / (count - 1)
    return [(x, y) for x, y in out]


def _normalise(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Scale into [0, 1]² keeping the aspect ratio, centred on the short axis."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    min_x, min_y = min(xs), min(ys)
    span = max(max(xs) - min_x, max(ys) - min_y) or 1.0
    off_x = (1.0 - (max(xs) - min_x) / span) / 2
    off_y = (1.0 - (max(ys) - min_y) / span) / 2
    return [
        (round(off_x + (x - min_x) / span, 6), round(off_y + (y - min_y) / span, 6))
        for x, y in coords
    ]


def fit_to_box(
    positions: Positions, width: float, height: float, margin: float = 0.0
) -> Positions:
    """Stretch unit-box positions over a ``width`` × ``height`` box (y still downwards).

    Uses the whole box: maps and diagrams are wider than tall, a layout is not.

    >>> fit_to_box({"a": (0.0, 0.5), "b": (1.0, 0.5)}, 100, 50)
    {'a': (0.0, 25.0), 'b': (100.0, 25.0)}
    """
    if not positions:
        return {}
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    min_x, min_y = min(xs), min(ys)
    span_x, span_y = max(xs) - min_x, max(ys) - min_y
    inner_w, inner_h = width - 2 * margin, height - 2 * margin

    def place(value: float, low: float, span: float, inner: float) -> float:
        return margin + (inner / 2 if span == 0 else (value - low) / span * inner)

    return {
        node: (place(x, min_x, span_x, inner_w), place(y, min_y, span_y, inner_h))
        for node, (x, y) in positions.items()
    }
