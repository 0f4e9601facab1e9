"""GEXF 1.3 (Gephi), written and read here because NetworkX writes only 1.2draft.

Only what a map needs: typed node and edge attributes, parallel edges told apart
by their id (the relationship key). Attribute ids are the field names, so a file
stays readable and round-trips exactly. Given a :class:`~loaders.look.Look`, each
actor gets Gephi's ``viz`` colour, size, shape and position, and ties of the
schema's undirected types are written ``type="undirected"`` (a mixed graph, which
Gephi reads; NetworkX's reader refuses mixed graphs). ``dynamic`` writes each
actor's and tie's dates as its interval, so Gephi's timeline replays the map.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graph_model.errors import InvalidValue
from loaders.look import Look, rgb

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
# The schema's shapes (vis-network's words) in Gephi's: disc, square, triangle, diamond.
SHAPES = {"square": "square", "box": "square", "triangle": "triangle", "triangleDown": "triangle",
          "diamond": "diamond"}
# Gephi names its own edge column "Type"; a distinct title avoids a clash on import.
TITLES = {"type": "relationship_type"}
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_PARSE: dict[str, Callable[[str], Any]] = {
    "boolean": lambda s: s == "true",
    "integer": int,
    "long": int,
    "double": float,
    "float": float,
    "string": str,
}


def _attribute_types(items: list[dict[str, Any]]) -> dict[str, str]:
    """GEXF type of each attribute, in first-seen order (ints mixed with floats → double)."""
    seen: dict[str, set[str]] = {}
    for attrs in items:
        for name, value in attrs.items():
            if value is not None:
                seen.setdefault(name, set()).add(_TYPES.get(type(value), "string"))
    out = {}
    for name, kinds in seen.items():
        if len(kinds) == 1:
            out[name] = kinds.pop()
        else:
            out[name] = "double" if kinds == {"long", "double"} else "string"
    return out


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_gexf(graph: nx.MultiDiGraph, path: Path, node_label: str = "name", edge_label: str = "type",
               look: Look | None = None, dynamic: bool = False) -> None:
    """Write a graph whose attribute values are scalars (lists already JSON-encoded)."""
    ET.register_namespace("", NS)
    ET.register_namespace("viz", VIZ)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NS}}}meta")
    ET.SubElement(meta, f"{{{NS}}}creator").text = "opcomap"
    mode = {"mode": "dynamic", "timeformat": "date", "timerepresentation": "interval"} if dynamic else {"mode": "static"}
    g = ET.SubElement(root, f"{{{NS}}}graph", {"defaultedgetype": "directed", **mode})
    node_types = _attribute_types([a for _, a in graph.nodes(data=True)])
    edge_types = _attribute_types([a for _, _, a in graph.edges(data=True)])
    for cls, types in (("node", node_types), ("edge", edge_types)):
        block = ET.SubElement(g, f"{{{NS}}}attributes", {"class": cls, "mode": "static"})
        for name, kind in types.items():
            ET.SubElement(block, f"{{{NS}}}attribute", {"id": name, "title": TITLES.get(name, name), "type": kind})
    nodes = ET.SubElement(g, f"{{{NS}}}nodes")
    for node, attrs in graph.nodes(data=True):
        element = ET.SubElement(nodes, f"{{{NS}}}node", {
            "id": str(node), "label": str(attrs.get(node_label, node)), **(_interval(attrs) if dynamic else {}),
        })
        _attvalues(element, attrs)
        if look is not None and str(node) in look.nodes:
            _node_viz(element, look, str(node))
    edges = ET.SubElement(g, f"{{{NS}}}edges")
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        rel_type = str(attrs.get(edge_label, ""))
        tie = look.tie(rel_type) if look is not None else None
        element = ET.SubElement(edges, f"{{{NS}}}edge", {
            "id": str(key), "source": str(u), "target": str(v), "label": tie.label if tie else rel_type,
            **({} if tie is None or tie.directed else {"type": "undirected"}),
            **(_interval(attrs) if dynamic else {}),
        })
        _attvalues(element, attrs)
        if tie is not None:
            red, green, blue = rgb(tie.colour)
            ET.SubElement(element, f"{{{VIZ}}}color", {"r": str(red), "g": str(green), "b": str(blue)})
            ET.SubElement(element, f"{{{VIZ}}}thickness", {"value": f"{tie.width:g}"})
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _interval(attrs: dict[str, Any]) -> dict[str, str]:
    """An actor's or a tie's dates as its GEXF interval; a missing end stays open."""
    return {bound: str(attrs[field]) for bound, field in (("start", "since"), ("end", "until")) if attrs.get(field)}


def _node_viz(element: ET.Element, look: Look, node: str) -> None:
    drawn = look.nodes[node]
    red, green, blue = rgb(drawn.colour)
    ET.SubElement(element, f"{{{VIZ}}}color", {"r": str(red), "g": str(green), "b": str(blue)})
    ET.SubElement(element, f"{{{VIZ}}}size", {"value": f"{drawn.size:.1f}"})
    ET.SubElement(element, f"{{{VIZ}}}shape", {"value": SHAPES.get(drawn.shape, "disc")})
    # Gephi's y grows upwards.
    ET.SubElement(element, f"{{{VIZ}}}position", {"x": f"{drawn.x:.1f}", "y": f"{-drawn.y:.1f}", "z": "0.0"})


def _attvalues(element: ET.Element, attrs: dict[str, Any]) -> None:
    values = [(k, v) for k, v in attrs.items() if v is not None]
    if values:
        block = ET.SubElement(element, f"{{{NS}}}attvalues")
        for name, value in values:
            ET.SubElement(block, f"{{{NS}}}attvalue", {"for": name, "value": _format(value)})


def parse_gexf(path: Path) -> nx.MultiDiGraph:
    """Read a GEXF 1.2/1.3 file into a MultiDiGraph keyed by edge id; raises ValueError (InvalidValue when it has no graph)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(str(exc)) from exc
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    q = (lambda tag: f"{{{ns}}}{tag}") if ns else (lambda tag: tag)
    g = root.find(q("graph"))
    if g is None:
        raise InvalidValue("problems.gexf_no_graph")
    types: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in g.findall(q("attributes")):
        for attribute in block.findall(q("attribute")):
            types[block.get("class", "node")][attribute.get("id", "")] = attribute.get("type", "string")
    graph = nx.MultiDiGraph()
    for node in g.iter(q("node")):
        graph.add_node(node.get("id"), **_read_values(node, types["node"], q))
    for edge in g.iter(q("edge")):
        graph.add_edge(edge.get("source"), edge.get("target"), key=edge.get("id"),
                       **_read_values(edge, types["edge"], q))
    return graph


def _read_values(element: ET.Element, types: dict[str, str], q: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    block = element.find(q("attvalues"))
    for value in block.findall(q("attvalue")) if block is not None else []:
        name = value.get("for", "")
        out[name] = _PARSE.get(types.get(name, "string"), str)(value.get("value", ""))
    return out
