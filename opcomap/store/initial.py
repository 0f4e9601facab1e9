"""``opcomap load DIR --initial``: an empty local database filled by neo4j-admin's import.

The map, already validated, becomes the CSV files of ``neo4j-admin database import
full``; the local server (:mod:`opcomap.store.local_server`) is stopped, the files
imported into its database, the server started again and the constraints and
indexes of :mod:`opcomap.store.ddl` created. The graph is the one a normal load
writes: every row comes from the codec (:func:`~opcomap.store.codec.actor_row`,
:func:`~opcomap.store.codec.relationship_row`, :func:`~opcomap.store.codec.source_row`,
hashes included), and each value keeps its Neo4j type (string, string list, date,
datetime, boolean, integer, float).

The import format has traps, each avoided here:

* every string is quoted, quotes doubled (RFC 4180, no backslash escapes), so
  commas, quotes and backslashes in the data stay as they are;
* a value holding a line break goes to a file of its own, which alone is read
  with ``--multiline-fields`` (that option slows the whole file it is given);
* list elements are joined by a character none of them holds (see
  :data:`ARRAY_DELIMITERS`): Neo4j has no way to escape it;
* an absent property is an unquoted empty field (no property); an empty list
  cannot be written at all (neo4j-admin reads it as no property), so the one
  the codec stores, the ``source_ids`` of a tie without sources, is set by Cypher
  after the import (:func:`~opcomap.store.statements.set_no_sources`);
* a column holds one type per file: should two ties of one type carry a
  property with values of two types, they are written to two files.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph_model.errors import LoadRefused, StoreWriteFailed
from graph_model.models import Actor, Dataset, Source
from graph_model.schema import Schema
from opcomap.settings import Settings
from opcomap.store import local_server, statements
from opcomap.store.codec import DERIVED, SOURCE_IDS, actor_row, relationship_row, source_keys, source_row
from opcomap.store.database import Store
from opcomap.store.ddl import apply_schema
from opcomap.store.writer import BATCH_SIZE, LoadReport

# Tried in this order: the first character no list element holds separates list elements.
ARRAY_DELIMITERS = ("\x1f", "\x1e", "\x1d", "\x1c", "|", ";", "\t", "\x07")
ACTOR_SPACE, SOURCE_SPACE = "Actor", "Source"
# A node's fields but its id (the ID column), in the model's order.
ACTOR_FIELDS = tuple(name for name in Actor.model_fields if name != "id")
SOURCE_FIELDS = tuple(name for name in Source.model_fields if name != "id")
# The import's Neo4j types, by the Python type of a stored value (what the driver would send).
_TYPES: dict[type, str] = {
    str: "string", bool: "boolean", int: "long", float: "double",
    dt.date: "date", dt.datetime: "datetime", list: "string[]",
}
# A property name neo4j-admin's header reads back as written (":" starts a type, "," a column).
_HEADER_NAME = re.compile(r"^[^:,\"\s]+$")
# How many lines of neo4j-admin's output a failure quotes.
_TAIL = 6
COMMAND = "load"  # the transactions' metadata: this is `opcomap load --initial`

# Told each step as it begins (a catalogue key of cli.load.initial_*).
StepHook = Callable[[str], None]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _double(value: float) -> str:
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return "NaN" if math.isnan(value) else repr(value)


def formatters(delimiter: str) -> dict[str, Callable[[Any], str]]:
    """How a value of each import type is written as one field (lists joined by ``delimiter``).

    >>> write = formatters("|")
    >>> write["string[]"](['a', 'b"c']), write["double"](float("inf")), write["boolean"](True)
    ('"a|b""c"', 'Infinity', 'true')
    """
    return {
        "string": _quoted, "string[]": lambda value: _quoted(delimiter.join(value)),
        "boolean": lambda value: "true" if value else "false", "long": str, "double": _double,
        # Every row holds the same loaded_at: written once.
        "date": dt.date.isoformat, "datetime": functools.lru_cache(maxsize=4)(dt.datetime.isoformat),
    }


@dataclass
class _File:
    """One data file of the import and its header: ``columns`` in a fixed order, each
    typed by the first value met (a row with another type goes to another file)."""

    path: Path
    columns: tuple[str, ...]
    handle: IO[str]
    types: dict[str, str] = field(default_factory=dict)

    def accepts(self, types: dict[str, str]) -> bool:
        return all(self.types.get(name, kind) == kind for name, kind in types.items())

    def header(self, first: list[str]) -> str:
        # A column no row of this file holds is written empty in every row: any type will do.
        return ",".join([*first, *(f"{name}:{self.types.get(name, 'string')}" for name in self.columns)]) + "\n"


@dataclass
class _Group:
    """The files of one label set or relationship type (``--nodes=Actor:OPCO=…``)."""

    name: str
    first: list[str]  # the header's id or endpoint columns
    columns: tuple[str, ...]
    multiline: bool
    nodes: bool
    files: list[_File] = field(default_factory=list)


@dataclass
class ImportFiles:
    """What :func:`write_import_files` wrote: neo4j-admin's arguments for them, and counts."""

    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    multiline: list[str] = field(default_factory=list)
    array_delimiter: str = ARRAY_DELIMITERS[0]
    actors: int = 0
    ties: int = 0
    sources: int = 0
    # Keys of the ties without sources, by type: their empty source_ids is set after the import.
    no_sources: dict[str, list[str]] = field(default_factory=dict)

    def arguments(self) -> list[str]:
        args = [*(f"--nodes={n}" for n in self.nodes), *(f"--relationships={r}" for r in self.relationships)]
        if self.multiline:
            args += ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(self.multiline)]
        return args


@dataclass
class _Plan:
    """How rows with one list of properties and value types are written: a formatter per
    column (None: absent, an empty field), and the file they go to, with or without line breaks."""

    types: dict[str, str]
    slots: list[tuple[str, Callable[[Any], str] | None]]
    targets: dict[bool, _File] = field(default_factory=dict)


class _Writer:
    """Rows to import files, grouped by label set or type, split by column types and line breaks."""

    def __init__(self, folder: Path, delimiter: str):
        self.folder, self.formatters = folder, formatters(delimiter)
        self.groups: dict[tuple[str, bool], _Group] = {}
        self.plans: dict[tuple[Any, ...], _Plan] = {}

    def write(self, name: str, first: list[str], columns: tuple[str, ...], ids: list[str],
              props: dict[str, Any], nodes: bool = True) -> None:
        # Rows of one kind or type mostly share their properties and types: planned once.
        signature = (name, *props, *map(type, props.values()))
        plan = self.plans.get(signature)
        if plan is None:
            types = {key: _TYPES[type(value)] for key, value in props.items()}
            slots = [(c, self.formatters[types[c]] if c in types else None) for c in columns]
            plan = self.plans[signature] = _Plan(types, slots)
        line = ",".join([*map(_quoted, ids), *[write(props[c]) if write else "" for c, write in plan.slots]])
        multiline = "\n" in line or "\r" in line
        target = plan.targets.get(multiline) or self._target(plan, name, first, columns, multiline, nodes)
        target.handle.write(line + "\n")

    def _target(self, plan: _Plan, name: str, first: list[str], columns: tuple[str, ...], multiline: bool,
                nodes: bool) -> _File:
        group = self.groups.get((name, multiline))
        if group is None:
            group = self.groups[(name, multiline)] = _Group(name, first, columns, multiline, nodes)
        target = next((f for f in group.files if f.accepts(plan.types)), None)
        if target is None:
            path = self.folder / f"{len(self.groups)}-{len(group.files)}-{name.replace(':', '-')}.csv"
            target = _File(path, columns, path.open("w", encoding="utf-8", newline=""))
            group.files.append(target)
        target.types.update(plan.types)
        plan.targets[multiline] = target
        return target

    def finish(self, files: ImportFiles) -> None:
        """Close the data files and write their headers; fill in neo4j-admin's arguments."""
        for (name, _), group in self.groups.items():
            for data in group.files:
                data.handle.close()
                header = data.path.with_suffix(".header.csv")
                header.write_text(data.header(group.first), encoding="utf-8")
                argument = f"{name}={header},{data.path}"
                (files.nodes if group.nodes else files.relationships).append(argument)
                if group.multiline:
                    files.multiline.append(str(data.path))


def importable(dataset: Dataset) -> str:
    """The list separator for the map's import files: the first of :data:`ARRAY_DELIMITERS`
    that no list element holds. LoadRefused when there is none, or when a property's name
    cannot be written in a header."""
    names = {name for rel in dataset.relationships for name in rel.properties}
    for name in sorted(names):
        if not _HEADER_NAME.match(name):
            raise LoadRefused("store.initial_property_name", name=name)
    used: set[str] = set()
    for actor in dataset.actors:
        for values in (actor.aliases, actor.sectors, actor.tags):
            for value in values:
                used.update(c for c in ARRAY_DELIMITERS if c in value)
    for rel in dataset.relationships:
        for source in rel.sources:  # a key made from content is "src-" and hex digits
            used.update(c for c in ARRAY_DELIMITERS if c in (source.id or ""))
    free = [c for c in ARRAY_DELIMITERS if c not in used]
    if not free:
        raise LoadRefused("store.initial_no_delimiter")
    return free[0]


def _columns(props: Iterable[str], fixed: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*fixed, *sorted(props)]))


def write_import_files(dataset: Dataset, schema: Schema, dataset_name: str, folder: Path,
                       loaded_at: dt.datetime, delimiter: str | None = None) -> ImportFiles:
    """The map as neo4j-admin's CSV files in ``folder``: Source nodes, actors by kind
    (labels ``Actor`` and the kind), ties by type, with the properties and hashes the
    normal writer stores (``loaded_at`` included). ``delimiter``: what :func:`importable`
    returned, when already asked."""
    extra: dict[str, set[str]] = {}
    for rel in dataset.relationships:
        extra.setdefault(rel.type, set()).update(rel.properties)
    files = ImportFiles(array_delimiter=delimiter or importable(dataset))
    writer = _Writer(folder, files.array_delimiter)
    bookkeeping = ("content_hash", "loaded_at")
    anchors = set(dataset.anchors)
    actor_columns = _columns((), [*ACTOR_FIELDS, "aliases_text", "dataset", "anchor", *bookkeeping])
    # Kinds and types reach neo4j-admin's command line: schema names only (quote() refuses others).
    labels = {kind: f"{ACTOR_SPACE}:{kind}" for kind in {a.kind for a in dataset.actors}
              if statements.quote(kind, schema.kinds)}
    for actor in dataset.actors:
        row = actor_row(actor, dataset_name, anchor=actor.id in anchors)
        props = row["props"] | {"content_hash": row["hash"], "loaded_at": loaded_at}
        writer.write(labels[actor.kind], [f"id:ID({ACTOR_SPACE})"], actor_columns, [props.pop("id")], props)
        files.actors += 1
    source_columns = _columns((), [*SOURCE_FIELDS, DERIVED, *bookkeeping])
    fixed = ("key", "since", "until", "illustrative", "note", SOURCE_IDS, "dataset")
    rel_columns = {name: _columns(names, (*fixed, *bookkeeping)) for name, names in extra.items()
                   if statements.quote(name, schema.relationship_types)}
    ends = [f":START_ID({ACTOR_SPACE})", f":END_ID({ACTOR_SPACE})"]
    written: set[str] = set()
    keys = source_keys(dataset.relationships)
    for rel in dataset.relationships:
        row = relationship_row(rel, dataset_name, keys)
        props = row["props"] | {"content_hash": row["hash"], "loaded_at": loaded_at}
        writer.write(rel.type, ends, rel_columns[rel.type], [rel.source, rel.target], props, nodes=False)
        files.ties += 1
        if not props[SOURCE_IDS]:
            files.no_sources.setdefault(rel.type, []).append(props["key"])
        # Each source once, the first tie citing it deciding, as the normal writer does
        # (keys taken from the row: a key made from content costs a hash each time it is asked).
        for source, key in zip(rel.sources, props[SOURCE_IDS]):
            if key not in written:
                written.add(key)
                row = source_row(source)
                source_props = row["props"] | {"content_hash": row["hash"], "loaded_at": loaded_at}
                writer.write(SOURCE_SPACE, [f"id:ID({SOURCE_SPACE})"], source_columns, [source_props.pop("id")],
                             source_props)
                files.sources += 1
    writer.finish(files)
    return files


# -- the whole command ---------------------------------------------------------------------

def _refuse_unless_empty_and_local(settings: Settings) -> None:
    if not local_server.manages(settings):
        raise LoadRefused("store.initial_not_local", uri=settings.uri)
    with Store.from_settings(settings, command=COMMAND) as store:
        held = store.read(statements.COUNT_NODES)[0]["n"]
    if held:
        raise LoadRefused("store.initial_not_empty", uri=settings.uri, n=held)


def _import_arguments(settings: Settings, files: ImportFiles, report_file: Path) -> list[str]:
    return [
        "database", "import", "full", settings.neo4j_database, "--overwrite-destination=true",
        "--id-type=string", f"--array-delimiter=U+{ord(files.array_delimiter):04X}",
        # Spelled out rather than left to defaults that changed between versions.
        "--legacy-style-quoting=false", "--trim-strings=false", "--ignore-empty-strings=false",
        # A row neo4j-admin finds bad ends the import instead of being skipped: the map was validated.
        "--normalize-types=true", "--bad-tolerance=0", f"--report-file={report_file}", *files.arguments(),
    ]


def initial_load(settings: Settings, dataset: Dataset, schema: Schema, *, dataset_name: str,
                 on_step: StepHook | None = None) -> LoadReport:
    """Fill the empty database of the local server with ``dataset`` through neo4j-admin's import.

    Refused (:class:`LoadRefused`, nothing touched) unless NEO4J_URI is the server
    ``opcomap neo4j start`` runs and its database holds no node. The server is
    stopped while the files are written, the import runs, and the server is started
    again whatever happened; a failed import raises StoreWriteFailed with the end of
    neo4j-admin's output (its report stays in the server's logs folder).
    """
    step = on_step or (lambda _key: None)
    started = time.perf_counter()
    _refuse_unless_empty_and_local(settings)
    server = local_server.LocalServer(settings)
    report_file = server.home / "logs" / "import.report"
    loaded_at = dt.datetime.now(dt.UTC)
    delimiter = importable(dataset)
    report = LoadReport(dataset=dataset_name)
    if not dataset.actors:  # neo4j-admin needs nodes; an empty map only needs the schema
        with Store.from_settings(settings, command=COMMAND) as store:
            apply_schema(store, schema)
        return report
    step("cli.load.initial_files")
    # Neo4j shuts down (checkpoint, exit) while Python writes the files.
    stopping = threading.Thread(target=local_server.stop, args=(settings,), daemon=True)
    stopping.start()
    try:
        with tempfile.TemporaryDirectory(prefix="opcomap-initial-", dir=server.home / "import") as folder:
            files = write_import_files(dataset, schema, dataset_name, Path(folder), loaded_at, delimiter)
            step("cli.load.initial_import")
            stopping.join()
            result = local_server.run_admin(settings, _import_arguments(settings, files, report_file))
    finally:
        stopping.join()
        step("cli.load.initial_restart")
        local_server.start(settings, echo=lambda *_: None)
    if result.returncode != 0:
        tail = " | ".join((result.stdout + result.stderr).strip().splitlines()[-_TAIL:])
        raise StoreWriteFailed("store.initial_failed", code=result.returncode, tail=tail, report=report_file)
    step("cli.load.initial_schema")
    with Store.from_settings(settings, command=COMMAND) as store:
        apply_schema(store, schema)  # first: the key constraints' indexes find the ties below
        for rel_type, keys in files.no_sources.items():
            for start in range(0, len(keys), BATCH_SIZE):
                store.write(statements.set_no_sources(rel_type), {"keys": keys[start:start + BATCH_SIZE]})
        held = store.read(statements.COUNT_NODES)[0]["n"], store.read(statements.COUNT_ALL_RELATIONSHIPS)[0]["n"]
    expected = files.actors + files.sources, files.ties
    if held != expected:  # neo4j-admin skipped rows it found bad: the map is not the one validated
        raise StoreWriteFailed("store.initial_count", nodes=held[0], ties=held[1], expected_nodes=expected[0],
                               expected_ties=expected[1], report=report_file)
    report.actors.created, report.relationships.created, report.sources.created = files.actors, files.ties, files.sources
    report.seconds = time.perf_counter() - started
    return report
