"""Writing a dataset out: node-link JSON, GraphML, GEXF 1.3 and a CSV folder.

Every exporter sorts actors by id and relationships by key first, so the same
map gives the same bytes whichever way it was read (files or Neo4j) — that is
what makes the round trip export → validate → load → export comparable.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graph_model.graph import to_networkx
from graph_model.models import Dataset, Source
from loaders.gexf import write_gexf
from loaders.look import Look
from loaders.readers import JSON_ENCODED
from loaders.tables import (
    ACTOR_COLUMNS,
    ANCHORS_FILE,
    LIST_FIELDS,
    LIST_SEPARATOR,
    RELATIONSHIP_COLUMNS,
    SOURCE_COLUMNS,
)
from loaders.yed import write_yed_graphml


def canonical(dataset: Dataset) -> Dataset:
    """The same dataset in a stable order: actors by id, relationships by key,
    type properties by name (Neo4j returns properties in no particular order)."""
    rels = sorted(dataset.relationships, key=lambda r: r.key)
    return Dataset(
        actors=sorted(dataset.actors, key=lambda a: a.id),
        relationships=[r.model_copy(update={"properties": dict(sorted(r.properties.items()))}) for r in rels],
        anchors=sorted(dataset.anchors),
    )


def write_json(dataset: Dataset, path: Path) -> Path:
    """NetworkX node-link JSON (``networkx.node_link_graph`` reads it back)."""
    data = nx.node_link_data(to_networkx(canonical(dataset)))
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _flat_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The graph with list attributes as JSON text (GraphML and GEXF hold scalars only),
    and a ``label`` on nodes that yEd and Gephi display."""
    graph = to_networkx(canonical(dataset))
    for _, attrs in graph.nodes(data=True):
        for name in JSON_ENCODED & attrs.keys():
            attrs[name] = json.dumps(attrs[name], ensure_ascii=False)
        attrs["label"] = attrs["name"]
    for _, _, attrs in graph.edges(data=True):
        attrs["sources"] = json.dumps(attrs.get("sources", []), ensure_ascii=False)
    return graph


def write_graphml(dataset: Dataset, path: Path, look: Look | None = None) -> Path:
    """GraphML for yEd, Gephi and Cytoscape; key ids are the attribute names.

    With ``look`` (see ``opcomap.drawing.graph_files``) yEd draws each actor and tie as the app does.
    """
    graph = _flat_graph(dataset)
    if look is None:
        nx.write_graphml(graph, path, named_key_ids=True)
    else:
        write_yed_graphml(graph, path, look)
    return path


def write_gexf_file(dataset: Dataset, path: Path, look: Look | None = None, dynamic: bool = False) -> Path:
    """GEXF 1.3 for Gephi; with ``look``, Gephi's viz colours, sizes and positions; ``dynamic``: dates as intervals."""
    graph = _flat_graph(dataset)
    for _, attrs in graph.nodes(data=True):
        attrs.pop("label")  # GEXF has its own label attribute on <node>
    write_gexf(graph, path, look=look, dynamic=dynamic)
    return path


def source_id(source: Source) -> str:
    """A source's id in sources.csv: its curated id, or one made from its content
    (the same source always gets the same id); see :attr:`Source.key`.

    >>> source_id(Source(title="Code du travail")), source_id(Source(title="Code", id="code-travail"))
    ('src-...', 'code-travail')
    """
    return source.key


def write_csv_folder(dataset: Dataset, folder: Path) -> Path:
    """actors.csv, relationships.csv and sources.csv in the data conventions' format."""
    folder.mkdir(parents=True, exist_ok=True)
    # canonical()'s order without its copies: a registry import writes 150,000 rows here.
    data = Dataset.model_construct(actors=sorted(dataset.actors, key=lambda a: a.id),
                                   relationships=sorted(dataset.relationships, key=lambda r: r.key),
                                   anchors=dataset.anchors)
    anchors = set(data.anchors)
    files = {"actors": [a for a in data.actors if a.id not in anchors],
             ANCHORS_FILE: [a for a in data.actors if a.id in anchors]}
    for name, actors in files.items():
        if name == ANCHORS_FILE and not actors:
            continue
        with _csv(folder / f"{name}.csv", ACTOR_COLUMNS) as write:
            for actor in actors:
                row = actor.model_dump(mode="json")
                write({k: LIST_SEPARATOR.join(v) if k in LIST_FIELDS else v for k, v in row.items()})
    sources: dict[str, Source] = {}
    property_names = sorted({name for rel in data.relationships for name in rel.properties})
    with _csv(folder / "relationships.csv", RELATIONSHIP_COLUMNS + tuple(property_names)) as write:
        for rel in data.relationships:
            ids = []
            for source in rel.sources:
                ids.append(source_id(source))
                sources.setdefault(ids[-1], source)
            write({
                "source": rel.source, "target": rel.target, "type": rel.type,
                "since": rel.since, "until": rel.until, "illustrative": rel.illustrative,
                "sources": LIST_SEPARATOR.join(ids), "note": rel.note, **rel.properties,
            })
    with _csv(folder / "sources.csv", SOURCE_COLUMNS) as write:
        for sid in sorted(sources):
            write({"source_id": sid, **sources[sid].model_dump(mode="json", exclude={"id"})})
    return folder


class _csv:
    """Context manager yielding a function that writes one row (None → empty cell)."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = path, columns

    def __enter__(self) -> Callable[[dict[str, Any]], None]:
        self.handle = self.path.open("w", encoding="utf-8", newline="")
        writer = csv.writer(self.handle)
        writer.writerow(self.columns)
        return lambda row: writer.writerow([_cell(row.get(c)) for c in self.columns])

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


EXPORTERS: dict[str, Callable[[Dataset, Path], Path]] = {
    "json": write_json,
    "graphml": write_graphml,
    "gexf": write_gexf_file,
    "csv": write_csv_folder,
}
