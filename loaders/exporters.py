"""Writing a dataset out: node-link JSON, GraphML, GEXF 1.3, a CSV folder (plain or Excel's) and XLSX.

Every exporter sorts actors by id and relationships by key first, so the same
map gives the same bytes whichever way it was read (files or Neo4j) — that is
what makes the round trip export → validate → load → export comparable.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from graph_model.graph import to_networkx
from graph_model.models import Dataset, Source
from loaders.gexf import write_gexf
from loaders.look import Look
from loaders.readers import JSON_ENCODED
from loaders.spreadsheet import Sheet, write_excel_csv, write_xlsx
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


def dataset_tables(dataset: Dataset) -> dict[str, tuple[tuple[str, ...], Iterator[tuple[Any, ...]]]]:
    """The data conventions' tables of a dataset (actors, anchors when any, relationships,
    sources), each a header and its rows of typed values (lists joined with ``|``)."""
    # canonical()'s order without its copies: a registry import writes 150,000 rows here.
    actors = sorted(dataset.actors, key=lambda a: a.id)
    relationships = sorted(dataset.relationships, key=lambda r: r.key)
    anchors = set(dataset.anchors)
    sources: dict[str, Source] = {}

    def actor_rows(anchored: bool) -> Iterator[tuple[Any, ...]]:
        for actor in actors:
            if (actor.id in anchors) is anchored:
                row = actor.model_dump()
                yield tuple(LIST_SEPARATOR.join(row[c]) if c in LIST_FIELDS else row[c] for c in ACTOR_COLUMNS)

    property_names = sorted({name for rel in relationships for name in rel.properties})

    def relationship_rows() -> Iterator[tuple[Any, ...]]:
        for rel in relationships:
            ids = []
            for source in rel.sources:
                ids.append(source_id(source))
                sources.setdefault(ids[-1], source)
            yield (rel.source, rel.target, rel.type, rel.since, rel.until, rel.illustrative,
                   LIST_SEPARATOR.join(ids), rel.note, *(rel.properties.get(n) for n in property_names))

    def source_rows() -> Iterator[tuple[Any, ...]]:  # after the relationships: they name the sources
        for sid in sorted(sources):
            row = sources[sid].model_dump(exclude={"id"})
            yield (sid, *(row[c] for c in SOURCE_COLUMNS[1:]))

    tables = {"actors": (ACTOR_COLUMNS, actor_rows(False))}
    if anchors & {a.id for a in actors}:
        tables[ANCHORS_FILE] = (ACTOR_COLUMNS, actor_rows(True))
    tables["relationships"] = (RELATIONSHIP_COLUMNS + tuple(property_names), relationship_rows())
    tables["sources"] = (SOURCE_COLUMNS, source_rows())
    return tables


def write_csv_folder(dataset: Dataset, folder: Path) -> Path:
    """actors.csv, relationships.csv and sources.csv in the data conventions' format."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (columns, rows) in dataset_tables(dataset).items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows([_cell(v) for v in row] for row in rows)
    return folder


def write_excel_csv_folder(dataset: Dataset, folder: Path) -> Path:
    """The same files as :func:`write_csv_folder`, in Excel's CSV (``;``, BOM, decimal commas)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (columns, rows) in dataset_tables(dataset).items():
        write_excel_csv(folder / f"{name}.csv", columns, rows)
    return folder


def write_xlsx_file(dataset: Dataset, path: Path) -> Path:
    """One workbook, one sheet per table of :func:`write_csv_folder` (``opcomap`` reads it back)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_xlsx(path, [Sheet(name, columns, rows) for name, (columns, rows) in dataset_tables(dataset).items()])
    return path


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
    "xlsx": write_xlsx_file,
}
# What ``--excel`` writes instead of a round-trip format.
EXCEL_EXPORTERS: dict[str, Callable[[Dataset, Path], Path]] = {"csv": write_excel_csv_folder}
