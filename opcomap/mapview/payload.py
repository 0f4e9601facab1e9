"""The data a vis-network map draws: nodes, edges, legend, counts.

Kept apart from the HTML so the app can reuse it (for counts, legends or its
own component) and tests can check it without a browser.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import networkx as nx

from graph_model.schema import Schema
from opcomap.drawing.layout import Positions, fit_to_box
from graph_model.words.formats import number, significant
from opcomap.analysis.filters import is_weak
from opcomap.mapview.aggregate import Aggregation
from opcomap.mapview.colours import KIND, Colouring, colouring
from opcomap.mapview.story import StoryView
from opcomap.mapview.text import display_label, text
from opcomap.mapview.tooltips import node_facts, shown_value, source_line, tie_facts

HIGHLIGHT = "#ff6a00"
MIN_SIZE, MAX_SIZE, BASE_SIZE = 8.0, 42.0, 12.0
# Pixels between neighbours on screen: enough room for a label at zoom 1.
_SPACING = 95.0
_DESCRIPTION_MAX = 420  # characters of a description the inspector shows
# Above this many nodes ties are drawn as plain lines: dashed lines and arrow
# heads make vis-network's first draw of a large map several times slower.
LARGE_MAP = 1500


@dataclass
class MapPayload:
    """Everything the page needs, as JSON-ready lists.

    ``nodes`` and ``edges`` are drawn; ``reserve_nodes`` and ``reserve_edges`` are the rest of
    the view, drawn when a user expands an actor (double-click). ``headings`` are the first
    view's sector titles (not actors). ``sources`` is the one list of sources the ties cite by
    index; ``labels`` is how many actors, most important first (``rank``), are labelled at the
    zoom the map opens with.
    """

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    kinds: list[str]
    types: list[str]
    aggregation: Aggregation | None = None
    plain_ties: bool = False  # large map: ties drawn without dashes or arrows
    actors: int = 0
    relationships: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    changes: dict[str, int] = field(default_factory=dict)  # drawn changes by kind (new, ended, succession)
    frame: list[float] | None = None  # the box the map fits to, when it must not move between views
    type_counts: dict[str, int] = field(default_factory=dict)
    reserve_nodes: list[dict[str, Any]] = field(default_factory=list)
    reserve_edges: list[dict[str, Any]] = field(default_factory=list)
    headings: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    labels: int = 0
    colouring: Colouring | None = None
    story: dict[str, Any] | None = None  # the first view: its centre kind and how many it groups


def build_payload(
    graph: nx.MultiDiGraph,
    schema: Schema,
    positions: Positions,
    *,
    lang: str = "fr",
    sizes: Mapping[Hashable, float] | None = None,
    metric_name: str | None = None,
    path: Sequence[Hashable] | None = None,
    link_template: str | None = None,
    aggregation: Aggregation | None = None,
    keep_frame: bool = False,
    importance: Mapping[Hashable, float] | None = None,
    metrics: Mapping[str, Mapping[Hashable, float]] | None = None,
    colour: str = KIND,
    communities: Mapping[Hashable, int] | None = None,
    story: StoryView | None = None,
) -> MapPayload:
    """Turn a (possibly aggregated) view and its unit-box positions into map data.

    ``positions`` may hold more actors than ``graph`` (a layout of every date):
    the box is set by all of them, so an actor keeps its place from one view to
    the next; ``keep_frame`` also tells the page to frame that box, not the actors drawn.
    ``importance`` ranks actors for labels (default: their number of ties); ``metrics``
    (name → values) are shown in the inspector; ``colour`` is ``kind``, ``community`` (with
    ``communities``) or ``prop:NAME``. With ``story`` (:func:`opcomap.mapview.story.story_view`
    of ``graph``) only its actors and ties are drawn, at its positions; the rest is held back.
    """
    drawn = story.graph if story is not None else graph
    count = drawn.number_of_nodes()
    if story is not None:
        pixels = dict(story.positions)
    else:
        height = max(500.0, _SPACING * math.sqrt(max(count, len(positions), 1)))
        pixels = fit_to_box(positions, height * 1.6, height)
    scaled = _scale_sizes(graph, sizes)
    on_path = set(path or [])
    path_pairs = {frozenset(pair) for pair in zip(path or [], list(path or [])[1:])}
    ranks = _ranks(graph, importance, story)
    painted = colouring(graph, schema, colour, lang, communities)
    facts = _facts(graph, schema, lang, metrics, sizes if metric_name else None, metric_name)
    nodes, reserve_nodes = [], []
    for node, attrs in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        item = _node(node, attrs, schema, pixels.get(node), scaled.get(node, BASE_SIZE),
                     node in on_path, link_template, painted.colours.get(node))
        item["rank"] = ranks[node]
        item["info"] = facts[node]
        (nodes if node in drawn else reserve_nodes).append(item)
    plain = graph.number_of_nodes() > LARGE_MAP
    sources: dict[tuple, int] = {}
    source_list: list[dict[str, str]] = []
    edges, reserve_edges = [], []
    for index, (u, v, key, data) in enumerate(
        sorted(graph.edges(keys=True, data=True), key=lambda item: str(item[2]))
    ):
        highlighted = frozenset((u, v)) in path_pairs
        item = _edge(index, u, v, data, schema, highlighted, bool(path_pairs), plain)
        item["info"] = _tie_info(data, schema, lang, sources, source_list)
        (edges if drawn.has_edge(u, v, key) else reserve_edges).append(item)
    every_kind = {a.get("kind") for _, a in graph.nodes(data=True) if a.get("kind")}
    kinds = sorted(every_kind, key=lambda k: (schema.kinds[k].level if k in schema.kinds else 9, k))
    types = sorted({d.get("type") for _, _, d in graph.edges(data=True) if d.get("type")})
    counts = {kind: 0 for kind in kinds}
    for _, attrs in drawn.nodes(data=True):
        if attrs.get("kind"):
            counts[attrs["kind"]] += int(attrs.get("count", 1))
    changes: dict[str, int] = {}
    for item in (*nodes, *edges):
        if item.get("change"):
            changes[item["change"]] = changes.get(item["change"], 0) + 1
    if changes:  # ties that did not change step back, as off a highlighted path
        for edge in edges:
            if not edge.get("change"):
                edge["color"] = {**edge["color"], "opacity": min(edge["color"].get("opacity", 0.8), 0.3)}
    frame = None
    if keep_frame and pixels:
        xs, ys = [x for x, _ in pixels.values()], [y for _, y in pixels.values()]
        frame = [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]
    type_counts = {rel_type: 0 for rel_type in types}
    for edge in edges:
        if edge["type"]:
            type_counts[edge["type"]] += 1
    headings = _headings(story, pixels) if story is not None else []
    return MapPayload(
        nodes=nodes, edges=edges, kinds=kinds, types=types, aggregation=aggregation, plain_ties=plain,
        actors=aggregation.actors if aggregation else count,
        relationships=aggregation.relationships if aggregation else drawn.number_of_edges(),
        counts=counts, changes=changes, frame=frame, type_counts=type_counts, reserve_nodes=reserve_nodes,
        reserve_edges=reserve_edges, headings=headings, sources=source_list, labels=label_budget(count, story),
        colouring=painted, story=_summary(story, schema, lang) if story is not None else None,
    )


def _summary(story: StoryView, schema: Schema, lang: str) -> dict[str, Any]:
    kind = schema.story.centre if schema.story else ""
    return {"kind": kind, "kind_label": schema.kind_label(kind, lang), "centre": len(story.centre),
            "partners": story.partners, "sectors": len(story.sectors)}


def label_budget(count: int, story: StoryView | None = None) -> int:
    """How many actors are labelled at the zoom the map opens with (more as one zooms in).

    >>> label_budget(10), label_budget(400)
    (10, 30)
    """
    budget = max(12, round(1.5 * math.sqrt(count)))
    if story is not None:  # the centre, and about one partner per sector
        budget = len(story.centre) + max(len(story.sectors), 6)
    return min(count, budget)


def _ranks(graph: nx.Graph, importance: Mapping[Hashable, float] | None,
           story: StoryView | None) -> dict[Hashable, int]:
    """0 for the most important actor: the first view's centre first, then by ``importance``
    (PageRank in the app), else by number of ties; ties broken by id."""
    first = set(story.centre) if story is not None else set()

    def score(node: Hashable) -> float:
        if importance is not None:  # one scale for all: an actor it does not rate comes last
            value = importance.get(node)
            return float(value) if value is not None else -math.inf
        return float(graph.degree(node))

    order = sorted(graph.nodes, key=lambda n: (n not in first, -score(n), str(n)))
    return {node: rank for rank, node in enumerate(order)}


def _facts(graph: nx.Graph, schema: Schema, lang: str, metrics: Mapping[str, Mapping[Hashable, float]] | None,
           sizes: Mapping[Hashable, float] | None = None, metric_name: str | None = None,
           ) -> dict[Hashable, dict[str, Any]]:
    """What the inspector and the tooltip show of each actor, as plain text (map.js sets it as
    text, never markup); ``metric`` is the value the actor's size follows, named ``metric_name``."""
    out = {}
    for node, attrs in graph.nodes(data=True):
        rows = [list(row) for row in node_facts(attrs, schema, lang)]
        if attrs.get("aggregated"):  # right after the kind: what the group is, then how many
            rows.insert(1 if attrs.get("kind") else 0,
                        ["", text(lang, "group_count", count=number(attrs.get("count", 0), lang))])
        shown = [[name, significant(values[node], lang, digits=3)]
                 for name, values in (metrics or {}).items() if values.get(node) is not None]
        info: dict[str, Any] = {"name": str(attrs.get("name") or node), "rows": rows, "metrics": shown}
        if sizes is not None and metric_name and sizes.get(node) is not None:
            info["metric"] = [metric_name, significant(float(sizes[node]), lang, digits=4)]
        described = str(attrs.get("description") or "")
        if described:  # the profile has it whole; the map carries the start of each
            info["description"] = described if len(described) <= _DESCRIPTION_MAX else described[:_DESCRIPTION_MAX] + "…"
        if isinstance(attrs.get("website"), str) and attrs["website"].lower().startswith(("http://", "https://")):
            info["website"] = attrs["website"]
        out[node] = info
    return out


def _tie_info(data: dict[str, Any], schema: Schema, lang: str, seen: dict[tuple, int],
              listed: list[dict[str, str]]) -> dict[str, Any]:
    """A tie for the inspector and its tooltip (map.js builds both from it, as text): its facts,
    its flags, and its sources by index in ``listed``; no ``sources`` when the view was read
    without them (the tooltip then says where they are)."""
    cited = []
    for source in data.get("sources") or []:
        mark = (source.get("title"), source.get("url"), source.get("publisher"), str(source.get("consulted")))
        if mark not in seen:
            seen[mark] = len(listed)
            entry = {"text": source_line(source, lang)}
            url = source.get("url")
            if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
                entry["url"] = url
            listed.append(entry)
        cited.append(seen[mark])
    info: dict[str, Any] = {"rows": [list(row) for row in tie_facts(data, schema, lang)],
                            "directed": schema.is_directed(data.get("type", ""))}
    if "sources" in data:
        info["sources"] = cited
    if data.get("since") or data.get("until"):  # the ties' table reads them apart from the other facts
        info["dates"] = [shown_value(f, data[f], lang) if data.get(f) else "" for f in ("since", "until")]
    if data.get("illustrative"):
        info["illustrative"] = True
    if is_weak(data):
        info["weak"] = True
    if data.get("count", 1) > 1:
        info["grouped"] = int(data["count"])
    return info


def _headings(story: StoryView, pixels: Positions) -> list[dict[str, Any]]:
    """The first view's sector titles: text on the map, not actors (no tooltip, no inspector)."""
    return [
        {"id": sector.heading, "label": f"{sector.label} ({len(sector.members)})", "heading": True,
         "shape": "text", "x": round(pixels[sector.heading][0], 1), "y": round(pixels[sector.heading][1], 1),
         "members": [str(m) for m in sector.members]}
        for sector in story.sectors
    ]


def darker(color: str, factor: float = 0.6) -> str:
    """The same hue, darker: a border that keeps small nodes their colour.

    >>> darker("#d62728")
    '#801718'
    """
    try:
        red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#333333"
    return "#" + "".join(f"{int(c * factor):02x}" for c in (red, green, blue))


def _scale_sizes(graph: nx.Graph, sizes: Mapping[Hashable, float] | None) -> dict[Hashable, float]:
    """Node radius by metric (square root, so area follows the value), else by group size."""
    if sizes:
        values = [float(v) for v in sizes.values() if v is not None]
        low, high = (min(values), max(values)) if values else (0.0, 0.0)
        span = (high - low) or 1.0
        return {
            node: MIN_SIZE + math.sqrt((float(v) - low) / span) * (MAX_SIZE - MIN_SIZE)
            for node, v in sizes.items() if v is not None and node in graph
        }
    grouped = {
        node: min(MAX_SIZE, BASE_SIZE + 4 * math.log10(attrs["count"]))
        for node, attrs in graph.nodes(data=True) if attrs.get("aggregated")
    }
    if grouped or graph.number_of_nodes() > LARGE_MAP:
        return grouped
    # No metric chosen: hubs stand out by their number of ties, as on the diagrams.
    degrees = {node: math.sqrt(graph.degree(node)) for node in graph.nodes}
    top = max(degrees.values(), default=0.0) or 1.0
    return {node: 10.0 + 16.0 * d / top for node, d in degrees.items()}


def _node(
    node: Hashable, attrs: dict[str, Any], schema: Schema, xy: tuple[float, float] | None,
    size: float, on_path: bool, link_template: str | None, color: str | None = None,
) -> dict[str, Any]:
    kind = attrs.get("kind", "")
    spec = schema.kinds.get(kind)
    color = color or schema.kind_color(kind)
    item: dict[str, Any] = {
        "id": str(node),
        "label": display_label(attrs) or str(node),
        "kind": kind,
        "size": round(size, 1),
        "shape": spec.shape if spec else "dot",
        "color": {"background": color, "border": darker(color) if not on_path else HIGHLIGHT,
                  "highlight": {"background": color, "border": "#000000"}},
        "borderWidth": 4 if on_path else 1,
    }
    if xy is not None:  # held-back actors are placed when a user expands a neighbour
        item["x"], item["y"] = round(xy[0], 1), round(xy[1], 1)
    if attrs.get("count", 1) > 1:
        item["count"] = int(attrs["count"])
    if on_path:
        item["font"] = {"bold": True, "size": 16}
        item["path"] = True  # always labelled
    if attrs.get("aggregated"):
        item["group"] = True  # not an actor: no profile to open
        item["shapeProperties"] = {"borderDashes": [5, 3]}
        item["borderWidth"] = 2
    elif link_template:
        item["link"] = link_template.replace("{id}", quote(str(node), safe=""))
    if attrs.get("change"):
        change_style(item, attrs["change"], tie=False)
    return item


def _edge(
    index: int, u: Hashable, v: Hashable, data: dict[str, Any], schema: Schema,
    highlighted: bool, dim_others: bool, plain: bool = False,
) -> dict[str, Any]:
    rel_type = data.get("type", "")
    spec = schema.relationship_types.get(rel_type)
    width = spec.width if spec else 1.0
    if data.get("count", 1) > 1:
        width += math.log10(data["count"])
    item: dict[str, Any] = {
        "id": index,
        "from": str(u),
        "to": str(v),
        "type": rel_type,
        "color": {"color": schema.type_color(rel_type), "opacity": 0.25 if dim_others else 0.8},
        "dashes": bool(spec.dashes) if spec else False,
        "width": round(width, 2),
        "arrows": "to" if schema.is_directed(rel_type) else "",
    }
    if data.get("illustrative"):
        item["dashes"] = [2, 4]
    if plain:
        item["dashes"], item["arrows"] = False, ""
    if data.get("change"):
        change_style(item, data["change"], tie=True)
    if highlighted:
        item["color"] = {"color": HIGHLIGHT, "opacity": 1.0}
        item["width"] = width + 4
    return item


# What changed between two dates (opcomap.analysis.timeline), or what a proposal would change
# (opcomap.editing.proposals), drawn on the map itself.
CHANGE_COLORS = {"new": "#1a9641", "ended": "#9e9e9e", "succession": "#c51b7d", "changed": "#e66101"}


def change_style(item: dict[str, Any], change: str, *, tie: bool) -> None:
    """Restyle a node or edge of the payload for its change: new (green, thicker),
    ended (grey, dashed, still drawn), succession (magenta arrow), changed (orange, thicker).
    Unknown marks are left alone.

    >>> edge = {"width": 1.0, "dashes": False, "arrows": ""}
    >>> change_style(edge, "succession", tie=True); edge["change"], edge["arrows"]["to"]["type"]
    ('succession', 'vee')
    """
    color = CHANGE_COLORS.get(change)
    if color is None:
        return
    item["change"] = change
    if tie:
        item["color"] = {"color": color, "opacity": 0.75 if change == "ended" else 1.0}
        width = float(item.get("width", 1.0))
        if change in ("new", "changed"):
            item["width"] = round(width + 3, 2)
        elif change == "ended":
            item["dashes"] = [6, 5]
        else:
            item["width"] = round(width + 2, 2)
            item["dashes"] = False
            item["arrows"] = {"to": {"enabled": True, "type": "vee", "scaleFactor": 1.2}}
        return
    if change in ("new", "changed"):
        item["borderWidth"] = 5
        item["color"] = {**item.get("color", {}), "border": color}
    elif change == "ended":
        item["borderWidth"] = 2
        item["color"] = {"background": "#e6e6e6", "border": color,
                         "highlight": {"background": "#e6e6e6", "border": "#000000"}}
        item["shapeProperties"] = {"borderDashes": [4, 3]}
        item["font"] = {**item.get("font", {}), "color": "#777777"}
