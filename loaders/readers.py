"""Thin readers: open and decode a file, hand its rows to the shared parser.

Each ``read_*`` returns ``(tables, problems)``; problems here are about the
file as a whole (empty, not UTF-8, header not recognised). Everything about
rows and cells is the parser's job.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from loaders.conventions import Conventions, decode, survey_rows
from loaders.tables import ANCHORS_FILE, LIST_FIELDS, Table, normalise_header, role_of_header
from graph_model.errors import InvalidValue, Problem

if TYPE_CHECKING:
    import networkx as nx

Read = tuple[list[Table], list[Problem]]
SECTION_ROLES = {"actors": "actors", "acteurs": "actors", "relationships": "relationships",
                 "relations": "relationships", "sources": "sources"}
# Attributes that GraphML and GEXF cannot hold as lists, so exports store them as JSON text.
JSON_ENCODED = set(LIST_FIELDS) | {"sources"}


def read_csv(path: Path, label: str) -> Read:
    """A CSV file: UTF-8 with or without BOM, ``,`` or ``;``, quoted fields."""
    from loaders.frames import read_csv_frame

    framed = read_csv_frame(path, label)
    if framed is not None:
        return framed
    decoded = decode(path.read_bytes())
    if decoded is None:
        return [], [Problem(label, None, None, "problems.csv_not_utf8")]
    content, encoding = decoded
    if not content.strip():
        return [], [Problem(label, None, None, "problems.file_empty")]
    first_line = content.lstrip("\r\n").splitlines()[0]
    # French Excel writes ";" (the decimal separator is ","); count on the header only.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    records = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    tables, problems = _tabular(label, records, start_row=1)
    for table in tables:
        table.conventions.encoding, table.conventions.delimiter = encoding, delimiter
    return tables, problems


def read_xlsx(path: Path, label: str) -> Read:
    """A workbook with ``actors``, ``relationships`` and optional ``sources`` sheets."""
    from openpyxl import load_workbook

    from loaders.template import note_sheet

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        return [], [Problem(label, None, None, "problems.workbook_unreadable", {"reason": type(exc).__name__})]
    tables: list[Table] = []
    problems: list[Problem] = []
    try:
        for sheet in workbook.worksheets:
            if note_sheet(sheet.title):
                continue  # the import template's read-me and drop-down lists
            records = [list(row) for row in sheet.iter_rows(values_only=True)]
            if not any(any(cell not in (None, "") for cell in r) for r in records):
                continue  # an unused sheet (notes, a blank "Feuil1") is not an error
            found, trouble = _tabular(f"{label} [feuille {sheet.title}]", records, start_row=1)
            tables += found
            problems += trouble
    finally:
        workbook.close()
    if not tables and not problems:
        problems.append(Problem(label, None, None, "problems.workbook_empty"))
    return tables, problems


def _tabular(label: str, records: list[list[Any]], start_row: int) -> Read:
    """Rows under a header; row numbers are what a spreadsheet shows (header = 1)."""
    header_index = next((i for i, r in enumerate(records) if any(c not in (None, "") for c in r)), None)
    if header_index is None:
        return [], [Problem(label, None, None, "problems.file_empty")]
    columns = [normalise_header(c) for c in records[header_index]]
    while columns and not columns[-1]:
        columns.pop()  # Excel often leaves trailing empty header cells
    role = role_of_header(columns)
    if role is None:
        return [], [Problem(label, start_row + header_index, None, "problems.header_unknown")]
    if role == "actors" and Path(label).stem.lower() == ANCHORS_FILE:
        role = "anchors"
    table = Table(file=label, role=role, columns=columns)
    problems: list[Problem] = []
    for index in range(header_index + 1, len(records)):
        cells = records[index]
        row = start_row + index
        if not any(c not in (None, "") for c in cells):
            continue
        extra = [c for c in cells[len(columns):] if c not in (None, "")]
        if extra:
            problems.append(Problem(label, row, None,
                                    "problems.too_many_cells", {"cells": len(columns) + len(extra), "columns": len(columns)}))
            continue
        table.rows.append((row, {col: cells[i] if i < len(cells) else None for i, col in enumerate(columns) if col}))
    table.conventions = Conventions(label)
    survey_rows(table.conventions, columns, table.rows)
    return [table], problems


def read_json(path: Path, label: str) -> Read:
    """NetworkX node-link JSON, or the same ``actors:/relationships:/sources:`` form as YAML."""
    content = path.read_text(encoding="utf-8-sig")
    if not content.strip():
        return [], [Problem(label, None, None, "problems.file_empty")]
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        return [], [Problem(label, exc.lineno, None, "problems.json_invalid", {"reason": exc.msg})]
    return _records(label, data)


def read_yaml(path: Path, label: str) -> Read:
    """A YAML document with ``actors:``, ``relationships:`` and optional ``sources:`` lists."""
    content = path.read_text(encoding="utf-8-sig")
    if not content.strip():
        return [], [Problem(label, None, None, "problems.file_empty")]
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(label, mark.line + 1 if mark else None, None, "problems.yaml_invalid",
                            {"reason": str(getattr(exc, "problem", exc))})]
    return _records(label, data)


def _records(label: str, data: Any) -> Read:
    if not isinstance(data, dict):
        return [], [Problem(label, None, None, "problems.document_not_object")]
    if "nodes" in data:
        edges = data.get("links", data.get("edges", []))
        sections = {"actors": data["nodes"], "relationships": edges}
    else:
        sections = {SECTION_ROLES[k]: v for k, v in data.items() if k in SECTION_ROLES}
        unknown = [k for k in data if k not in SECTION_ROLES]
        if unknown or not sections:
            return [], [Problem(label, None, str(unknown[0]) if unknown else None,
                                "problems.section_unknown")]
    tables: list[Table] = []
    problems: list[Problem] = []
    for role, items in sections.items():
        if items is None:
            continue
        name = f"{label} › {role}"
        if not isinstance(items, list):
            problems.append(Problem(name, None, None, "problems.list_expected"))
            continue
        table = Table(file=name, role=role, columns=None)  # type: ignore[arg-type]
        for number, item in enumerate(items, start=1):
            if isinstance(item, dict):
                table.rows.append((number, item))
            else:
                problems.append(Problem(name, number, None, "problems.item_not_object"))
        tables.append(table)
    if not any(t.rows for t in tables) and not problems:
        problems.append(Problem(label, None, None, "problems.file_empty_no_records"))
    return tables, problems


def read_graphml(path: Path, label: str) -> Read:
    """GraphML as written by :func:`loaders.exporters.write_graphml` (lists as JSON text)."""
    import networkx as nx  # GraphML only: CSV and spreadsheets never need it

    try:
        graph = nx.read_graphml(path, force_multigraph=True)
    except Exception as exc:  # noqa: BLE001 - networkx raises parser-specific types
        return [], [Problem(label, None, None, "problems.graphml_unreadable", {"reason": str(exc)})]
    from loaders.yed import READ_BACK_FIELDS

    for _, attrs in graph.nodes(data=True):
        for name in READ_BACK_FIELDS:  # yEd's drawing, not data
            attrs.pop(name, None)
    return graph_tables(label, graph)


def read_gexf(path: Path, label: str) -> Read:
    from loaders.gexf import parse_gexf

    try:
        graph = parse_gexf(path)
    except ValueError as exc:
        return [], [Problem(label, None, None, "problems.gexf_unreadable",
                            {"reason": exc.phrase() if isinstance(exc, InvalidValue) else str(exc)})]
    return graph_tables(label, graph)


def graph_tables(label: str, graph: nx.Graph) -> Read:
    """Rows from a graph whose list attributes may be JSON text (GraphML, GEXF)."""
    problems: list[Problem] = []

    def decode(name: str, number: int, attrs: dict[str, Any]) -> dict[str, Any]:
        values = dict(attrs)
        for key in JSON_ENCODED & values.keys():
            if isinstance(values[key], str):
                try:
                    values[key] = json.loads(values[key])
                except json.JSONDecodeError:
                    problems.append(Problem(name, number, key, "problems.json_list_expected"))
        return values

    nodes = Table(f"{label} › nodes", "actors", None)
    for number, (node, attrs) in enumerate(graph.nodes(data=True), start=1):
        nodes.rows.append((number, {**decode(nodes.file, number, attrs), "id": str(node)}))
    edges = Table(f"{label} › edges", "relationships", None)
    for number, (u, v, attrs) in enumerate(graph.edges(data=True), start=1):
        edges.rows.append((number, {**decode(edges.file, number, attrs), "source": str(u), "target": str(v)}))
    if not nodes.rows:
        problems.append(Problem(label, None, None, "problems.file_empty_no_nodes"))
    return [nodes, edges], problems


READERS: dict[str, Callable[[Path, str], Read]] = {
    ".csv": read_csv,
    ".xlsx": read_xlsx,
    ".json": read_json,
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".graphml": read_graphml,
    ".gexf": read_gexf,
}


def data_files(path: Path) -> list[Path]:
    """A folder means every data file in it (sorted, so problems come in a stable order)."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in READERS)
    return [path]


def map_files(paths: Iterable[Path]) -> list[Path]:
    """The files ``paths`` stand for: a file itself, a folder's own files (the readers do not
    look into subfolders), hidden ones aside (lock files, folders being written).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "b.csv").write_text("x"); _ = (folder / ".lock").write_text("")
    >>> (folder / "sub").mkdir(); _ = (folder / "sub" / "c.csv").write_text("x")
    >>> [p.name for p in map_files([folder, folder / "a.csv"])]
    ['b.csv']
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            found.append(path)
    return found


def files_stamp(paths: Iterable[Path]) -> str:
    """Changes when ``paths`` do or one of their :func:`map_files` does (its size, time or
    inode): the part of a cache key that makes an edited file show up at the next read.
    Writers replace a file by a new one (``os.replace``), so the inode changes even when a
    second write lands within one tick of the file system's clock.

    >>> import os, tempfile
    >>> folder = Path(tempfile.mkdtemp()); data = folder / "actors.csv"; _ = data.write_text("id")
    >>> before = files_stamp([folder]); os.utime(data, ns=(1, 1))
    >>> before == files_stamp([folder]), files_stamp([folder]) == files_stamp([folder])
    (False, True)
    """
    paths = [Path(p) for p in paths]
    stats = [(str(f.resolve()), s.st_size, s.st_mtime_ns, s.st_ino)
             for f in map_files(paths) for s in [f.stat()]]
    content = repr(([str(p.expanduser().resolve()) for p in paths], stats))
    return hashlib.blake2b(content.encode("utf-8"), digest_size=16).hexdigest()


def read_path(path: Path) -> Read:
    """Every table of a file or folder, and the problems with the files themselves."""
    if not path.exists():
        return [], [Problem(str(path), None, None, "problems.path_not_found")]
    files = data_files(path)
    if path.is_dir() and not files:
        return [], [Problem(str(path), None, None, "problems.no_data_files", {"formats": ", ".join(READERS)})]
    tables: list[Table] = []
    problems: list[Problem] = []
    for file in files:
        reader = READERS.get(file.suffix.lower())
        if reader is None:
            problems.append(Problem(str(file), None, None, "problems.format_unsupported",
                                    {"formats": ", ".join(READERS)}))
            continue
        try:
            found, trouble = reader(file, str(file))
        except UnicodeDecodeError:
            found, trouble = [], [Problem(str(file), None, None, "problems.file_not_utf8")]
        except OSError as exc:
            found, trouble = [], [Problem(str(file), None, None, "problems.file_unreadable", {"reason": exc.strerror})]
        tables += found
        problems += trouble
    return tables, problems
