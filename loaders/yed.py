"""GraphML that yEd draws: NetworkX's GraphML (every attribute as plain data, so NetworkX,
Gephi and Cytoscape read it as before) plus yEd's node and edge graphics.

yEd reads a node's look from a ``y:ShapeNode`` (geometry, fill, label, shape) in a data
element whose key is declared ``yfiles.type="nodegraphics"``, and a tie's from a
``y:PolyLineEdge`` (line, arrows, label); without them it stacks grey boxes at one point.
Arrows say the direction: NetworkX refuses ``directed="false"`` edges in a directed graph.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from loaders.look import Look, NodeLook

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
Y = "http://www.yworks.com/xml/graphml"
SCHEMA_LOCATION = f"{GRAPHML} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
NODE_KEY, EDGE_KEY = "d_nodegraphics", "d_edgegraphics"
# The schema's shapes (vis-network's words) in yEd's ShapeNode words.
SHAPES = {"dot": "ellipse", "circle": "ellipse", "ellipse": "ellipse", "square": "rectangle",
          "box": "roundrectangle", "diamond": "diamond", "triangle": "triangle", "triangleDown": "trapezoid",
          "star": "star5", "hexagon": "hexagon", "text": "rectangle"}
# Fields NetworkX makes of yEd's graphics when it reads such a file back: drawing, not data.
READ_BACK_FIELDS = ("x", "y", "shape_type")


def write_yed_graphml(graph: nx.MultiDiGraph, path: Path, look: Look) -> None:
    """Write ``graph`` (scalar attributes) as GraphML with yEd graphics from ``look``."""
    # NetworkX's writer builds an ElementTree with prefixed tag names ("xmlns" as an
    # attribute); yEd's elements are added the same way, then written once.
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True, named_key_ids=True)
    writer.add_graph_element(graph)
    root = writer.xml
    root.set("xmlns:y", Y)
    root.set("xsi:schemaLocation", SCHEMA_LOCATION)
    at = [child.tag for child in root].index("graph")  # keys come before the graph
    for offset, (where, key_id, kind) in enumerate((("node", NODE_KEY, "nodegraphics"),
                                                    ("edge", EDGE_KEY, "edgegraphics"))):
        root.insert(at + offset, ET.Element("key", {"for": where, "id": key_id, "yfiles.type": kind}))
    graph_element = root[at + 2]
    for node in graph_element.iter("node"):
        drawn = look.nodes.get(node.get("id", ""))
        if drawn is not None:
            _shape_node(ET.SubElement(node, "data", {"key": NODE_KEY}), drawn, _data(node, "label") or node.get("id", ""))
    for edge in graph_element.iter("edge"):
        _polyline(ET.SubElement(edge, "data", {"key": EDGE_KEY}), look, _data(edge, "type"))
    with path.open("wb") as stream:
        writer.dump(stream)


def _data(element: ET.Element, key: str) -> str:
    for data in element.findall("data"):
        if data.get("key") == key:
            return data.text or ""
    return ""


def _y(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, f"y:{tag}", attrs)


def _shape_node(data: ET.Element, drawn: NodeLook, label: str) -> None:
    side = 2 * drawn.size
    shape = _y(data, "ShapeNode")
    # yEd's geometry is the top-left corner; the layout gives the centre.
    _y(shape, "Geometry", x=_n(drawn.x - drawn.size), y=_n(drawn.y - drawn.size), width=_n(side), height=_n(side))
    _y(shape, "Fill", color=drawn.colour.upper(), transparent="false")
    _y(shape, "BorderStyle", color="#333333", type="line", width="1.0")
    _y(shape, "NodeLabel", alignment="center", autoSizePolicy="content", fontFamily="Dialog", fontSize="12",
       modelName="sandwich", modelPosition="s", textColor="#000000", visible="true").text = label
    _y(shape, "Shape", type=SHAPES.get(drawn.shape, "ellipse"))


def _polyline(data: ET.Element, look: Look, rel_type: str) -> None:
    tie = look.tie(rel_type)
    line = _y(data, "PolyLineEdge")
    _y(line, "LineStyle", color=tie.colour.upper(), type="dashed" if tie.dashed else "line", width=_n(tie.width))
    _y(line, "Arrows", source="none", target="standard" if tie.directed else "none")
    _y(line, "EdgeLabel", alignment="center", fontFamily="Dialog", fontSize="10", textColor="#555555",
       visible="true").text = tie.label
    _y(line, "BendStyle", smoothed="false")


def _n(value: float) -> str:
    return f"{value:.1f}"
