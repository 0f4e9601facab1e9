"""The one parser every reader feeds: rows in, models and problems out.

It reports every problem of every file in one pass (unknown kind, duplicate
id, missing actor, impossible date, forbidden endpoint pair, missing or
unknown column, unknown source id...), each with its file, row and column, so
a user fixes a spreadsheet in one go instead of one error at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from graph_model.columns import TieParts
from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.errors import InvalidValue, Phrase, Problem
from graph_model.rules import (
    actor_findings,
    coerce_property,
    reference_findings,
    relationship_findings,
    sources_findings,
)
from graph_model.schema import Schema
from loaders.tables import (
    ACTOR_COLUMNS,
    ACTOR_REQUIRED,
    INLINE_SOURCE_COLUMNS,
    LIST_FIELDS,
    LIST_SEPARATOR,
    RELATIONSHIP_COLUMNS,
    RELATIONSHIP_REQUIRED,
    SOURCE_COLUMNS,
    SOURCE_REQUIRED,
    Table,
)
from graph_model.words.values import cell_day, looks_french_day, number_text, truth

# Joins a tie's identity for the duplicate check; never inside an id, a type or a date.
TIE_KEY_SEPARATOR = "\x1f"

# Keys a node-link or YAML record may carry that are not data: NetworkX's edge
# key and the display label GraphML/GEXF exports add for yEd and Gephi.
IGNORED_RECORD_KEYS = {"key", "label"}


class Parser:
    """Collects models and problems across all the tables of one load."""

    def __init__(self, schema: Schema, build: bool = True, columns: bool = False):
        self.schema = schema
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.actors: list[Actor] = []
        self.relationships: list[Relationship] = []
        self._actor_origin: dict[str, tuple[str, int]] = {}
        self._actor_by_id: dict[str, Actor] = {}
        self.anchor_ids: set[str] = set()
        self._source_origin: dict[str, tuple[str, int]] = {}
        # What ties may cite: the sources declared here, then the reference map's (read when a tie needs them).
        self._citable: dict[str, Source] | None = None
        self._kind_of: dict[str, str] | None = None  # every valid actor's kind, once actors are read
        # Actors whose row has a problem: ties to them are not reported as "missing" too.
        self._broken_ids: set[str] = set()
        self._property_names = {
            name for spec in schema.relationship_types.values() for name in spec.properties
        }
        # False when only the problems matter (``opcomap validate``): ties checked in bulk
        # are counted, not turned into models.
        self.build = build
        # True when the ties are wanted as columns (:class:`graph_model.columns.TieParts`, one per
        # table) rather than models: a metrics table reads a few fields of each tie.
        self.columns = columns
        self.tie_parts: list[TieParts] = []
        self.relationship_count = 0
        # Ties the row parser made, with where they came from: the rules check each of them.
        self._row_ties: list[tuple[Relationship, str, int]] = []
        # Rows refused for a cell: what they name (ends, type, sources) is checked too, so every
        # problem of a row comes at once.
        self._refused_ties: list[tuple[dict[str, Any], list[Source] | None, str, int]] = []
        # Every valid tie's identity, file by file in reading order, for the duplicate check.
        self._tie_log: list[tuple[str, Any, Any]] = []

    # -- entry point -----------------------------------------------------------
    def parse(self, tables: Iterable[Table]) -> Dataset:
        tables = list(tables)
        # Sources first: relationships refer to them by id, whatever the file order.
        # Anchors after actors: an actor a folder only refers to yields to its definition.
        handlers = {"sources": self._source_row, "actors": self._actor_row,
                    "anchors": self._anchor_row, "relationships": self._relationship_row}
        for role, handle in handlers.items():
            for table in tables:
                if table.role == role and self._columns_ok(table):
                    if role == "relationships":
                        self._relationship_table(table)
                    elif role == "actors" and table.frame is not None:
                        self._actor_frame(table)
                    else:
                        for row, values in table.records():
                            handle(table, row, values)
        self._check_relationships()
        return Dataset.checked({"actors": self.actors, "relationships": self.relationships,
                                "anchors": sorted(self.anchor_ids)})

    def add(self, file: str, row: int | None, column: str | None, message: str | Phrase, /, **params: Any) -> None:
        """A problem: a catalogue key and its parameters, or a :class:`Phrase` already keyed."""
        if isinstance(message, Phrase):
            message, params = message.key, dict(message.params)
        self.problems.append(Problem(file, row, column, message, params))

    # -- headers ---------------------------------------------------------------
    def _allowed_columns(self, table: Table) -> tuple[tuple[str, ...], set[str]]:
        if table.role in ("actors", "anchors"):
            return ACTOR_REQUIRED, set(ACTOR_COLUMNS)
        if table.role == "sources":
            return SOURCE_REQUIRED, set(SOURCE_COLUMNS)
        allowed = set(RELATIONSHIP_COLUMNS) | set(INLINE_SOURCE_COLUMNS) | self._property_names
        return RELATIONSHIP_REQUIRED, allowed

    def _columns_ok(self, table: Table) -> bool:
        """Check a tabular header; False when a required column is missing (rows skipped)."""
        if table.columns is None:
            return True
        required, allowed = self._allowed_columns(table)
        missing = [c for c in required if c not in table.columns]
        for column in missing:
            self.add(table.file, 1, column, "problems.column_missing", expected=", ".join(required))
        for column in table.columns:
            if column and column not in allowed:
                self.add(table.file, 1, column, "problems.column_unknown", allowed=", ".join(sorted(allowed)))
        return not missing

    def _unknown_keys(self, table: Table, row: int, values: dict[str, Any], allowed: set[str]) -> None:
        if table.columns is not None:
            return
        for key in values:
            if key not in allowed and key not in IGNORED_RECORD_KEYS:
                self.add(table.file, row, key, "problems.field_unknown", allowed=", ".join(sorted(allowed)))

    # -- sources ---------------------------------------------------------------
    def _source_row(self, table: Table, row: int, values: dict[str, Any]) -> None:
        self._unknown_keys(table, row, values, set(SOURCE_COLUMNS))
        source_id = text(values.get("source_id"))
        if not source_id:
            self.add(table.file, row, "source_id", "problems.source_id_missing")
            return
        fields = {name: values.get(name) for name in ("title", "url", "publisher", "consulted", "confidence")}
        if source_id in self._source_origin:
            file, first = self._source_origin[source_id]
            if file != table.file and self.sources.get(source_id) == self._curated(table.file, row, fields, source_id):
                return  # the same source, word for word, in two folders (a map and a registry import)
            self.add(table.file, row, "source_id", "problems.source_twice", id=source_id, file=file, row=first)
            return
        source = self._curated(table.file, row, fields, source_id)
        if source is not None:
            self.sources[source_id] = source
            self._source_origin[source_id] = (table.file, row)

    def _curated(self, file: str, row: int, fields: dict[str, Any], source_id: str) -> Source | None:
        """The source a sources file declares, with its curated id (kept through Neo4j and exports);
        an id that is only the one its content makes (:attr:`Source.key`, what an export gives an
        uncurated source) is not kept, so the source stays the one it was."""
        source = self._make_source(file, row, fields, prefix="")
        if source is not None and source_id != source.key:
            source = source.model_copy(update={"id": source_id})
        return source

    def _make_source(self, file: str, row: int, fields: dict[str, Any], prefix: str) -> Source | None:
        data: dict[str, Any] = {}
        ok = True
        for name, raw in fields.items():
            if is_empty(raw):
                continue
            column = prefix + name
            value: Any
            if name == "consulted":
                value, problem = parse_date(raw)
            elif name == "confidence":
                value, problem = parse_float(raw)
            else:
                value, problem = text(raw), None
            if problem:
                self.add(file, row, column, problem)
                ok = False
            else:
                data[name] = value
        if not ok:
            return None
        try:
            return Source.model_validate(data)
        except ValidationError as exc:
            self._validation_problems(file, row, exc, prefix=prefix)
            return None

    # -- actors ----------------------------------------------------------------
    def _anchor_row(self, table: Table, row: int, values: dict[str, Any]) -> None:
        """An actor the folder refers to: when another file defines the id, that definition
        is the actor (an import made with an older reference map still loads with a newer one)."""
        actor_id = text(values.get("id")) if not is_empty(values.get("id")) else ""
        if actor_id in self._actor_by_id:
            known = self._actor_by_id[actor_id]
            kind = text(values.get("kind")) if not is_empty(values.get("kind")) else ""
            if kind and kind != known.kind:
                file, first = self._actor_origin[actor_id]
                self.add(table.file, row, "kind", "problems.anchor_kind_differs",
                         id=actor_id, kind=known.kind, file=file, row=first, given=kind)
            return
        if self._actor_row(table, row, values):
            self.anchor_ids.add(actor_id)

    def _actor_row(self, table: Table, row: int, values: dict[str, Any]) -> bool:
        self._unknown_keys(table, row, values, set(ACTOR_COLUMNS))
        data: dict[str, Any] = {}
        ok = True
        for name in ACTOR_COLUMNS:
            raw = values.get(name)
            if is_empty(raw):
                continue
            if name in LIST_FIELDS:
                data[name] = split_list(raw)
            elif name in ("since", "until"):
                value, problem = parse_date(raw)
                if problem:
                    self.add(table.file, row, name, problem)
                    ok = False
                data[name] = value
            else:
                data[name] = text(raw)
        for name in ACTOR_REQUIRED:
            if name not in data:
                self.add(table.file, row, name, "problems.missing_value")
                ok = False
        if not ok:
            self._broken_ids.add(str(data.get("id", "")))
            return False
        try:
            actor = Actor.model_validate(data)
        except ValidationError as exc:
            self._validation_problems(table.file, row, exc)
            self._broken_ids.add(str(data.get("id", "")))
            return False
        for column, message in actor_findings(actor, self.schema):
            self.add(table.file, row, column, message)
        if actor.id in self._actor_origin:
            file, first = self._actor_origin[actor.id]
            if file != table.file and self._actor_by_id[actor.id] == actor:
                return False  # the same actor, word for word, in two folders
            self.add(table.file, row, "id", "problems.id_twice" if file == table.file else "problems.id_twice_differs",
                     id=actor.id, file=file, row=first)
            return False
        self._actor_origin[actor.id] = (table.file, row)
        self._actor_by_id[actor.id] = actor
        self.actors.append(actor)
        return True

    def _actor_frame(self, table: Table) -> None:
        """A frame's clean rows in bulk, every other row one by one, the actors in the file's order."""
        import numpy as np

        from loaders.bulk import Columns, actor_models, clean_actor_rows

        columns = Columns(table.frame)
        clean = clean_actor_rows(columns, self.schema, self._actor_origin.keys() | self._broken_ids)
        start = len(self.actors)
        suspects = np.flatnonzero(~clean)
        for row, values in table.records(suspects):
            self._actor_row(table, row, values)
        checked = self.actors[start:]
        del self.actors[start:]
        checked_rows = np.array([self._actor_origin[actor.id][1] for actor in checked], dtype=np.int64)
        made = []
        for position, actor in actor_models(columns, np.flatnonzero(clean)):
            row = int(table.row_numbers[position])
            self._actor_origin[actor.id] = (table.file, row)
            self._actor_by_id[actor.id] = actor
            made.append((row, actor))
        made += zip(checked_rows.tolist(), checked)
        made.sort(key=lambda pair: pair[0])
        self.actors.extend(actor for _, actor in made)

    # -- relationships -----------------------------------------------------------
    def _relationship_row(self, table: Table, row: int, values: dict[str, Any]) -> None:
        values = dict(values)
        nested = values.pop("properties", None)  # YAML may nest type properties
        if isinstance(nested, dict):
            values.update(nested)
        allowed = set(RELATIONSHIP_COLUMNS) | set(INLINE_SOURCE_COLUMNS) | self._property_names
        self._unknown_keys(table, row, values, allowed)
        data: dict[str, Any] = {}
        ok = True
        for name in RELATIONSHIP_REQUIRED:
            if is_empty(values.get(name)):
                self.add(table.file, row, name, "problems.missing_value")
                ok = False
            else:
                data[name] = text(values[name])
        for name in ("since", "until"):
            if not is_empty(values.get(name)):
                data[name], problem = parse_date(values[name])
                if problem:
                    self.add(table.file, row, name, problem)
                    ok = False
        if not is_empty(values.get("illustrative")):
            data["illustrative"], problem = parse_bool(values["illustrative"])
            if problem:
                self.add(table.file, row, "illustrative", problem)
                ok = False
        if not is_empty(values.get("note")):
            data["note"] = text(values["note"])
        sources = self._relationship_sources(table.file, row, values)
        if sources is None:
            ok = False
        else:
            data["sources"] = sources
        properties = self._relationship_properties(table.file, row, data.get("type"), values)
        if properties is None:
            ok = False
        else:
            data["properties"] = properties
        if not ok:
            self._refused_ties.append((data, sources, table.file, row))
            return
        try:
            rel = Relationship.model_validate(data)
        except ValidationError as exc:
            self._validation_problems(table.file, row, exc)
            self._refused_ties.append((data, sources, table.file, row))
            return
        self._row_ties.append((rel, table.file, row))

    def _relationship_table(self, table: Table) -> None:
        """A table's ties: a frame's clean rows in bulk, every other row one by one."""
        start = len(self._row_ties)
        if table.frame is None:
            for row, values in table.records():
                self._relationship_row(table, row, values)
            made = self._row_ties[start:]
            self._tie_log.append((table.file, [_tie_key(rel) for rel, _, _ in made], [row for _, _, row in made]))
            self.relationship_count += len(made)
            if self.columns:
                self.tie_parts.append(TieParts.of_models([rel for rel, _, _ in made]))
            elif self.build:
                self.relationships.extend(rel for rel, _, _ in made)
            return
        import numpy as np
        import pyarrow as pa

        from loaders.bulk import Columns, clean_rows, tie_columns, tie_keys, tie_models

        if self._kind_of is None:
            self._kind_of = {actor.id: actor.kind for actor in self.actors}
        columns = Columns(table.frame)
        clean = clean_rows(columns, self.schema, self.citable, self._kind_of, self._property_names)
        for row, values in table.records(np.flatnonzero(~clean)):
            self._relationship_row(table, row, values)
        made = self._row_ties[start:]
        positions = np.flatnonzero(clean)
        # Both kinds of rows, back in the file's order.
        rows = np.concatenate([table.row_numbers[positions], np.array([r for _, _, r in made], dtype=np.int64)])
        order = np.argsort(rows, kind="stable")
        keys = pa.concat_arrays([tie_keys(columns, positions), pa.array([_tie_key(rel) for rel, _, _ in made], type=pa.string())])
        self._tie_log.append((table.file, keys.take(pa.array(order)), rows[order]))
        self.relationship_count += len(rows)
        if self.columns:
            parts = tie_columns(columns, positions, self.citable, self.schema)
            parts += TieParts.of_models([rel for rel, _, _ in made])
            self.tie_parts.append(parts.taken(order.tolist()))
        elif self.build:
            models = list(tie_models(columns, positions, self.citable, self.schema, self._property_names))
            models += [rel for rel, _, _ in made]
            self.relationships.extend(models[i] for i in order)

    @property
    def citable(self) -> dict[str, Source]:
        """The sources a tie may cite by id: this load's, and the reference map's it does not redefine."""
        if self._citable is None:
            from loaders.reference import reference_sources

            self._citable = {**reference_sources(), **self.sources}
        return self._citable

    def _relationship_sources(self, file: str, row: int, values: dict[str, Any]) -> list[Source] | None:
        found: list[Source] = []
        ok = True
        raw = values.get("sources")
        items = [] if is_empty(raw) else (raw if isinstance(raw, list) else split_list(raw))
        for item in items:
            if isinstance(item, dict):  # an inline source (node-link JSON, YAML)
                source = self._make_source(file, row, item, prefix="sources.")
                if source is None:
                    ok = False
                else:
                    found.append(source)
                continue
            source_id = text(item)
            if source_id in self.citable:
                found.append(self.citable[source_id])
            else:
                if self.sources:
                    self.add(file, row, "sources", "problems.source_unknown",
                             id=source_id, known=", ".join(sorted(self.sources)[:10]))
                else:
                    self.add(file, row, "sources", "problems.source_unknown_none", id=source_id)
                ok = False
        inline = {c.removeprefix("source_"): values.get(c) for c in INLINE_SOURCE_COLUMNS}
        if any(not is_empty(v) for v in inline.values()):
            if is_empty(inline["title"]):
                self.add(file, row, "source_title", "problems.source_title_missing")
                ok = False
            else:
                source = self._make_source(file, row, inline, prefix="source_")
                if source is None:
                    ok = False
                else:
                    found.append(source)
        return found if ok else None

    def _relationship_properties(
        self, file: str, row: int, rel_type: str | None, values: dict[str, Any]
    ) -> dict[str, Any] | None:
        spec = self.schema.relationship_types.get(rel_type or "")
        properties: dict[str, Any] = {}
        ok = True
        for name in sorted(self._property_names):
            raw = values.get(name)
            if is_empty(raw):
                continue
            prop = spec.properties.get(name) if spec else None
            if prop is None:
                # Not a property of this type: keep it so the rules name the type's own list.
                properties[name] = raw if isinstance(raw, (int, float, bool)) else text(raw)
                continue
            try:
                value = coerce_property(text(raw), prop)
            except InvalidValue as exc:
                self.add(file, row, name, exc.phrase())
                ok = False
                continue
            properties[name] = value.isoformat() if isinstance(value, dt.date) else value
        return properties if ok else None

    # -- cross-row checks ------------------------------------------------------------
    def _check_relationships(self) -> None:
        kind_of = self._kind_of if self._kind_of is not None else {actor.id: actor.kind for actor in self.actors}
        for rel, file, row in self._row_ties:
            endpoints_known = all(kind_of.get(i) in self.schema.kinds for i in (rel.source, rel.target))
            for column, message in relationship_findings(rel, self.schema, kind_of):
                # An endpoint with an unknown kind is reported on its own row already.
                if column == "type" and not endpoints_known and rel.type in self.schema.relationship_types:
                    continue
                if column in ("source", "target") and getattr(rel, column) in self._broken_ids:
                    continue
                self.add(file, row, column, message)
        for data, sources, file, row in self._refused_ties:
            findings = reference_findings(data.get("source"), data.get("target"), data.get("type"), self.schema, kind_of)
            for column, message in findings + (sources_findings(sources) if sources is not None else []):
                if column in ("source", "target") and data.get(column) in self._broken_ids:
                    continue
                self.add(file, row, column, message)
        self._check_repeated_ties()

    def _check_repeated_ties(self) -> None:
        """A tie met twice (same ends, type and start), in any files: the later one is reported."""
        if not self._tie_log:
            return
        if all(isinstance(keys, list) for _, keys, _ in self._tie_log):
            self._check_repeated_small()
            return
        import numpy as np
        import pyarrow as pa

        from loaders.bulk import repeated

        def as_array(keys: Any) -> pa.Array:
            return keys if isinstance(keys, pa.Array) else pa.array(keys, type=pa.string())

        keys = pa.concat_arrays([as_array(keys) for _, keys, _ in self._tie_log])
        rows = np.concatenate([np.asarray(rows, dtype=np.int64) for _, _, rows in self._tie_log])
        files = np.repeat(np.arange(len(self._tie_log)), [len(rows) for _, _, rows in self._tie_log])
        first = repeated(keys)
        for at in np.flatnonzero(first != np.arange(len(first))).tolist():
            source, rel_type, target, _ = keys[at].as_py().split(TIE_KEY_SEPARATOR)
            origin = int(first[at])
            self.add(self._tie_log[files[at]][0], int(rows[at]), "since", "problems.tie_twice", source=source,
                     type=rel_type, target=target, file=self._tie_log[files[origin]][0], row=int(rows[origin]))

    def _check_repeated_small(self) -> None:
        # Maps read row by row only: a dict is quicker here than loading pyarrow (and pandas with it).
        seen: dict[str, tuple[str, int]] = {}
        for file, keys, rows in self._tie_log:
            for key, row in zip(keys, rows):
                first = seen.setdefault(key, (file, row))
                if first != (file, row):
                    source, rel_type, target, _ = key.split(TIE_KEY_SEPARATOR)
                    self.add(file, row, "since", "problems.tie_twice", source=source, type=rel_type,
                             target=target, file=first[0], row=first[1])

    def _validation_problems(self, file: str, row: int, exc: ValidationError, prefix: str = "") -> None:
        for error in exc.errors():
            message = _plain_message(error)
            column = prefix + str(error["loc"][0]) if error["loc"] else _column_of_model_error(message)
            self.add(file, row, column, message)


# -- cell helpers (shared with the exporters' readers) -----------------------------

def is_empty(value: Any) -> bool:
    """An empty cell means "absent"."""
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def text(value: Any) -> str:
    """A cell as text; integral floats (Excel's 1486.0) lose their ``.0``.

    >>> text(1486.0), text(" Afdas "), text(True)
    ('1486', 'Afdas', 'true')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def split_list(value: Any) -> list[str]:
    """``a | b`` (or a list) as a list of non-empty strings.

    >>> split_list("Afdas | Opco Afdas|"), split_list(["x", 2])
    (['Afdas', 'Opco Afdas'], ['x', '2'])
    """
    items = value if isinstance(value, list) else text(value).split(LIST_SEPARATOR)
    return [text(item) for item in items if not is_empty(item)]


def parse_date(value: Any) -> tuple[dt.date | None, Phrase | None]:
    """A date cell (ISO text, JJ/MM/AAAA text as French Excel writes it, or a spreadsheet
    date) and a plain problem if impossible, naming the format the cell was written in.

    >>> parse_date("2024-01-01"), parse_date("01/04/2019")
    ((datetime.date(2024, 1, 1), None), (datetime.date(2019, 4, 1), None))
    >>> str(parse_date("2023-02-30")[1])
    '« 2023-02-30 » n’est pas une date valide (format AAAA-MM-JJ, jour existant)'
    >>> str(parse_date("31/02/2020")[1])
    '« 31/02/2020 » n’est pas une date valide (format JJ/MM/AAAA, jour existant)'
    """
    written = value if isinstance(value, dt.date) else text(value)
    day = cell_day(written)
    if day is None:
        key = "problems.cell_not_french_date" if looks_french_day(written) else "problems.cell_not_date"
        return None, Phrase(key, {"value": text(value)})
    return day, None


def parse_bool(value: Any) -> tuple[bool | None, Phrase | None]:
    """A yes/no cell in either language.

    >>> parse_bool("Oui"), str(parse_bool("peut-être")[1])
    ((True, None), '« peut-être » n’est pas oui/non (true/false, 1/0)')
    """
    answer = truth(value if isinstance(value, bool) else text(value))
    if answer is None:
        return None, Phrase("problems.cell_not_yes_no", {"value": text(value)})
    return answer, None


def parse_float(value: Any) -> tuple[float | None, Phrase | None]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value), None
    try:
        return float(number_text(text(value))), None
    except ValueError:
        return None, Phrase("problems.cell_not_number", {"value": text(value)})


_PYDANTIC_KEYS = {"missing": "problems.missing_value", "string_too_short": "problems.empty_value",
                  "less_than_equal": "problems.between_0_and_1", "greater_than_equal": "problems.between_0_and_1"}


def _plain_message(error: Any) -> Phrase:
    """A pydantic error as a catalogue sentence: our own checks raise InvalidValue, with its key."""
    if error["type"] in _PYDANTIC_KEYS:
        return Phrase(_PYDANTIC_KEYS[error["type"]])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, InvalidValue):
        return cause.phrase()
    return Phrase("problems.model_error", {"detail": str(error["msg"]).removeprefix("Value error, ")})


def _column_of_model_error(message: Phrase) -> str:
    # Model-level checks compare two fields; name the one a user would change.
    return "until" if message.key == "problems.until_before_since" else "target"


def _tie_key(rel: Relationship) -> str:
    since = rel.since.isoformat() if rel.since else ""
    return TIE_KEY_SEPARATOR.join((rel.source, rel.type, rel.target, since))


def parse_tables(tables: Iterable[Table], schema: Schema) -> tuple[Dataset, list[Problem]]:
    """Parse tables into a dataset; returns it with every problem found (maybe none)."""
    parser = Parser(schema)
    dataset = parser.parse(tables)
    return dataset, parser.problems


def column_tables(tables: Iterable[Table], schema: Schema) -> tuple[list[Actor], TieParts, list[Problem]]:
    """Parse tables for a metrics table: the actors as models, the ties as columns, every problem
    (the same problems :func:`parse_tables` finds: only what is kept of a valid tie differs)."""
    parser = Parser(schema, columns=True)
    dataset = parser.parse(tables)
    ties = TieParts.of_models([])
    for part in parser.tie_parts:
        ties += part
    return dataset.actors, ties, parser.problems


def count_tables(tables: Iterable[Table], schema: Schema) -> tuple[int, int, list[Problem]]:
    """Check tables without keeping the ties: the actors and ties counted, and every problem."""
    parser = Parser(schema, build=False)
    parser.parse(tables)
    return len(parser.actors), parser.relationship_count, parser.problems
