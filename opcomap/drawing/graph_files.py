"""GraphML for yEd and GEXF for Gephi drawn as the app draws the map: its layout, its
colours and shapes per kind, nodes sized by their ties, ties labelled by type.

The look is worked out here (layout needs igraph, colours the map's rules) and handed
to the writers in ``loaders``, which stay free of opcomap.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx

from graph_model.graph import to_networkx
from graph_model.models import Dataset
from graph_model.schema import Schema
from loaders.exporters import canonical, write_gexf_file, write_graphml
from loaders.look import Look, NodeLook, TieLook
from opcomap.drawing.layout import ALGORITHMS, Algorithm, compute_layout
from opcomap.mapview.colours import colouring

FORMATS = ("graphml", "gexf")
# Pixels per actor along each side: roomy enough for labels in yEd, a usual scale for Gephi.
SPACING, MIN_SIDE = 120.0, 800.0
# Radii as on the map when no metric is chosen: hubs stand out by their number of ties.
SMALLEST, SPREAD = 10.0, 16.0


def look_of(graph: nx.MultiDiGraph, schema: Schema, algorithm: str = "force", lang: str = "fr") -> Look:
    """Each actor's position, radius, colour and shape, and each relationship type's look.

    >>> from graph_model.schema import default_schema
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="OPCO"); g.add_node("b", kind="CFA")
    >>> _ = g.add_edge("a", "b", type="PARTNERS_WITH")
    >>> look = look_of(g, default_schema())
    >>> look.nodes["a"].colour, look.nodes["a"].shape, look.ties["PARTNERS_WITH"].directed
    ('#cc6677', 'star', False)
    """
    chosen: Algorithm = algorithm if algorithm in ALGORITHMS else "force"  # type: ignore[assignment]
    unit = compute_layout(graph, schema, chosen)
    side = max(MIN_SIDE, SPACING * math.sqrt(graph.number_of_nodes()))
    colours = colouring(graph, schema).colours
    degrees = {node: math.sqrt(graph.degree(node)) for node in graph.nodes}
    top = max(degrees.values(), default=0.0) or 1.0
    nodes = {}
    for node, attrs in graph.nodes(data=True):
        x, y = unit[node]
        spec = schema.kinds.get(attrs.get("kind", ""))
        nodes[str(node)] = NodeLook(x=round(x * side, 1), y=round(y * side, 1),
                                    size=round(SMALLEST + SPREAD * degrees[node] / top, 1),
                                    colour=colours[node], shape=spec.shape if spec else "dot")
    ties = {}
    for rel_type in sorted({attrs.get("type", "") for _, _, attrs in graph.edges(data=True)}):
        spec = schema.relationship_types.get(rel_type)
        ties[rel_type] = TieLook(label=schema.type_label(rel_type, lang), colour=schema.type_color(rel_type),
                                 directed=schema.is_directed(rel_type), dashed=bool(spec and spec.dashes),
                                 width=spec.width if spec else 1.0)
    return Look(nodes=nodes, ties=ties)


def write_drawn(fmt: str, dataset: Dataset, schema: Schema, path: Path, *, algorithm: str = "force",
                lang: str = "fr", dynamic: bool = False) -> Path:
    """``fmt`` (graphml or gexf) with the app's look; ``dynamic`` (gexf) adds the dates as intervals."""
    look = look_of(to_networkx(canonical(dataset)), schema, algorithm, lang)
    if fmt == "graphml":
        return write_graphml(dataset, path, look)
    return write_gexf_file(dataset, path, look, dynamic=dynamic)
