"""Whole-column checks of an actors or relationships frame: which rows are certainly clean.

A row passes only when every check the row parser would make is certain to pass:
required cells filled, plain ISO dates in order, a yes/no word, known source ids, a
known type between actors of kinds it allows, no self-tie, and each property cell a
plain value of the type's declared kind. Every other row goes to the row parser,
which says exactly what is wrong (or finds it fine): the checks here only decide
who needs a closer look, so the messages stay the row parser's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graph_model.columns import FUNDING, UNJUDGED, TieParts, confidence
from graph_model.columns import amount as funding
from graph_model.models import SLUG, Actor, Relationship, Source
from graph_model.errors import InvalidValue
from graph_model.rules import coerce_property, value_problem
from graph_model.schema import PropertySpec, Schema
from graph_model.words.values import FALSE_WORDS, TRUE_WORDS, iso_day, truth
from loaders.tables import ACTOR_COLUMNS, INLINE_SOURCE_COLUMNS, LIST_FIELDS, LIST_SEPARATOR, RECORD_BATCH

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
PLAIN_INT = r"^[+-]?[0-9]+$"
PLAIN_FLOAT = r"^[+-]?([0-9]+[.,]?[0-9]*|[.,][0-9]+)([eE][+-]?[0-9]+)?$"
# Above this many distinct cells a column is checked by patterns rather than value by value.
DISTINCT_LIMIT = 50_000
SEPARATOR = "\x1f"  # joins type and kinds into one key; never in an id or a kind


class Columns:
    """The trimmed text of the columns the checks and the models read, by name."""

    def __init__(self, frame: pa.Table):
        import pyarrow.compute as pc

        self.frame = frame
        self._trimmed: dict[str, pa.ChunkedArray] = {}
        self._pc = pc

    def __contains__(self, name: str) -> bool:
        return name in self.frame.column_names

    def __getitem__(self, name: str) -> pa.ChunkedArray:
        if name not in self._trimmed:
            column = self.frame.column(name)
            trimmed = self._pc.utf8_trim_whitespace(column)
            # Keep the copy only when a cell lost a space: most files have none, and a
            # million-row column is tens of megabytes.
            self._trimmed[name] = trimmed if _text_bytes(trimmed) != _text_bytes(column) else column
        return self._trimmed[name]

    def filled(self, name: str) -> pa.ChunkedArray:
        return self._pc.not_equal(self[name], "")


def _text_bytes(values: pa.ChunkedArray) -> int:
    import pyarrow.compute as pc

    return pc.sum(pc.binary_length(values)).as_py() or 0


def by_distinct(values: pa.ChunkedArray, accept: Callable[[str], bool]) -> np.ndarray | None:
    """``accept`` asked once per distinct cell rather than once per row (dates, types, yes/no
    words, amounts repeat); ``None`` when the column has too many distinct cells for that."""
    import numpy as np
    import pyarrow.compute as pc

    distinct = pc.unique(values)
    if len(distinct) > DISTINCT_LIMIT:
        return None
    verdicts = np.array([accept(v) for v in distinct.to_pylist()] + [False], dtype=bool)
    where = pc.fill_null(pc.index_in(values, value_set=distinct), len(distinct))
    return verdicts[where.to_numpy(zero_copy_only=False)]


def _canonical_day(text: str) -> bool:
    """Empty, or a real day written as ``YYYY-MM-DD`` (what the row parser keeps, written back the same)."""
    if not text:
        return True
    day = iso_day(text)
    return day is not None and day.isoformat() == text


def _period_plain(columns: Columns) -> np.ndarray:
    """Rows whose ``since`` and ``until`` are empty or real ISO days, in order."""
    import numpy as np
    import pyarrow.compute as pc

    ok = np.ones(columns.frame.num_rows, dtype=bool)
    for name in ("since", "until"):
        if name in columns:
            ok &= _day_cells(columns[name])
    if "since" in columns and "until" in columns:
        both = pc.and_(columns.filled("since"), columns.filled("until"))
        # ISO days compare as text; a row with an unreadable day is already out.
        backwards = pc.fill_null(pc.and_(both, pc.less(columns["until"], columns["since"])), False)
        ok &= ~np.asarray(backwards.to_numpy(zero_copy_only=False), dtype=bool)
    return ok


def _day_cells(values: pa.ChunkedArray) -> np.ndarray:
    import pyarrow.compute as pc

    verdicts = by_distinct(values, _canonical_day)
    if verdicts is None:
        return pc.or_(pc.equal(values, ""), _iso_days(values)).to_numpy(zero_copy_only=False)
    return verdicts


def clean_rows(columns: Columns, schema: Schema, source_ids: Iterable[str], kind_of: dict[str, str],
               property_names: Iterable[str]) -> np.ndarray:
    """A mask of the rows the row parser would take without a word."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    count = columns.frame.num_rows
    ok = np.ones(count, dtype=bool)

    def need(mask: Any) -> None:
        nonlocal ok
        ok &= np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)

    for name in ("source", "target", "type"):
        need(columns.filled(name))
    need(pc.not_equal(columns["source"], columns["target"]))
    ok &= _period_plain(columns)
    if "illustrative" in columns:
        verdicts = by_distinct(columns["illustrative"], lambda v: not v or truth(v) is not None)
        if verdicts is None:
            words = pa.array(sorted(TRUE_WORDS | FALSE_WORDS))
            verdicts = pc.or_(pc.equal(columns["illustrative"], ""),
                              pc.is_in(pc.utf8_lower(columns["illustrative"]), value_set=words)).to_numpy(zero_copy_only=False)
        ok &= verdicts
    for name in INLINE_SOURCE_COLUMNS:
        if name in columns:
            need(pc.invert(columns.filled(name)))
    # A tie cites a source by id here; one written inline (source_* columns) goes to the row parser.
    if "sources" not in columns:
        return np.zeros(count, dtype=bool)
    ok &= _sources_known(columns["sources"], set(source_ids), count)

    # Endpoints: known, valid actors, of kinds the type allows together.
    ids = pa.array(list(kind_of), type=pa.string())
    kinds = pa.array(list(kind_of.values()), type=pa.string())
    source_kind = pc.take(kinds, pc.index_in(columns["source"], value_set=ids))
    target_kind = pc.take(kinds, pc.index_in(columns["target"], value_set=ids))
    triple = pc.binary_join_element_wise(columns["type"], source_kind, target_kind, SEPARATOR)
    need(pc.fill_null(pc.is_in(triple, value_set=pa.array(sorted(_allowed_triples(schema)))), False))

    ok &= _properties_plain(columns, schema, list(property_names), count)
    return ok


def repeated(keys: pa.Array) -> np.ndarray:
    """For each key, the position of its first occurrence (its own when it is the first)."""
    import numpy as np
    import pyarrow.compute as pc

    codes = pc.dictionary_encode(keys).indices.to_numpy(zero_copy_only=False)
    _, first = np.unique(codes, return_index=True)
    return first[codes]


def clean_actor_rows(columns: Columns, schema: Schema, known_ids: Iterable[str]) -> np.ndarray:
    """A mask of the actor rows the row parser would take without a word: a slug id seen
    nowhere else, a name, a known kind, plain SIRET, IDCC and dates in order."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    ok = np.ones(columns.frame.num_rows, dtype=bool)

    def need(mask: Any) -> None:
        nonlocal ok
        ok &= np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)

    need(pc.match_substring_regex(columns["id"], SLUG.pattern))
    need(columns.filled("name"))
    need(pc.is_in(columns["kind"], value_set=pa.array(sorted(schema.kinds), type=pa.string())))
    if "siret" in columns:
        need(pc.or_(pc.equal(columns["siret"], ""),
                    pc.match_substring_regex(pc.replace_substring(columns["siret"], " ", ""), r"^[0-9]{14}$")))
    if "idcc" in columns:
        need(pc.match_substring_regex(columns["idcc"], r"^[0-9]{0,4}$"))
    ok &= _period_plain(columns)
    # An id met twice, here or in a file read before, goes to the row parser, which says which came first.
    ids = columns["id"]
    need(pc.invert(pc.is_in(ids, value_set=pa.array(list(known_ids), type=pa.string()))))
    groups = pc.index_in(ids, value_set=pc.unique(ids)).to_numpy(zero_copy_only=False)
    ok &= np.bincount(groups)[groups] == 1
    return ok


def actor_models(columns: Columns, positions: np.ndarray, batch: int = RECORD_BATCH) -> Iterator[tuple[int, Actor]]:
    """``(position, actor)`` for rows :func:`clean_actor_rows` passed, without validating them again."""
    import pyarrow as pa

    present = [name for name in ACTOR_COLUMNS if name in columns]
    days: dict[str, dt.date] = {}

    def day(value: str) -> dt.date:
        found = days.get(value)
        return found if found is not None else days.setdefault(value, dt.date.fromisoformat(value))

    # Column by column: each cell's final value in one comprehension per column, then zipped into
    # each actor's fields (a loop per cell in Python was most of the time of a large actors file).
    shaped: dict[str, Callable[[str], Any]] = {
        **dict.fromkeys(LIST_FIELDS, lambda v: [item.strip() for item in v.split(LIST_SEPARATOR) if item.strip()]),
        "since": day, "until": day, "siret": lambda v: v.replace(" ", ""), "idcc": lambda v: v.zfill(4),
    }
    for start in range(0, len(positions), batch):
        chunk = positions[start:start + batch]
        count = len(chunk)
        values: list[list[Any]] = []
        for name in ACTOR_COLUMNS:
            if name not in present:
                values.append([[] for _ in range(count)] if name in LIST_FIELDS else [None] * count)
                continue
            cells = columns[name].take(pa.array(chunk)).to_pylist()
            shape = shaped.get(name)
            if shape is None:
                values.append([cell or None for cell in cells])
            elif name in LIST_FIELDS:
                values.append([shape(cell) if cell else [] for cell in cells])
            else:
                values.append([shape(cell) if cell else None for cell in cells])
        for position, fields in zip(chunk.tolist(), zip(*values)):
            yield position, Actor.checked(dict(zip(ACTOR_COLUMNS, fields)))


def _iso_days(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """True for a real day written ``YYYY-MM-DD`` (Arrow's parser rolls 30 February over into
    March, so a day is real only when it reads back the same)."""
    import pyarrow.compute as pc

    shaped = pc.match_substring_regex(values, ISO_DAY)
    parsed = pc.strptime(pc.if_else(shaped, values, None), format="%Y-%m-%d", unit="s", error_is_null=True)
    same = pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), values)
    return pc.fill_null(same, False)


def _sources_known(cells: pa.ChunkedArray, known: set[str], count: int) -> np.ndarray:
    """Rows citing at least one source, each of them known."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    ok = np.ones(count, dtype=bool)
    offset = 0
    for chunk in cells.chunks:
        parts = pc.split_pattern(chunk, LIST_SEPARATOR)
        items = pc.utf8_trim_whitespace(pc.list_flatten(parts))
        owners = pc.list_parent_indices(parts)
        fine = pc.or_(pc.equal(items, ""), pc.is_in(items, value_set=pa.array(sorted(known), type=pa.string())))
        bad = pc.filter(owners, pc.invert(fine)).to_numpy(zero_copy_only=False)
        cited = np.zeros(len(chunk), dtype=bool)  # at least one id, not only blanks and separators
        cited[pc.filter(owners, pc.not_equal(items, "")).to_numpy(zero_copy_only=False)] = True
        ok[offset:offset + len(chunk)] &= cited
        ok[offset + bad] = False
        offset += len(chunk)
    return ok


def _allowed_triples(schema: Schema) -> set[str]:
    return {SEPARATOR.join((name, s, t)) for name, spec in schema.relationship_types.items()
            for s in schema.kinds for t in schema.kinds if spec.allows(s, t)}


def _properties_plain(columns: Columns, schema: Schema, names: list[str], count: int) -> np.ndarray:
    """Rows whose property cells are each declared by the row's type and plainly of its kind,
    with the type's required properties filled."""
    import numpy as np
    import pyarrow.compute as pc

    ok = np.ones(count, dtype=bool)
    types = columns["type"]
    present = [name for name in names if name in columns]
    filled = {name: columns.filled(name).to_numpy(zero_copy_only=False) for name in present}
    plain_cache: dict[tuple[str, str, tuple[str, ...] | None], np.ndarray] = {}

    def plain(name: str, spec: PropertySpec) -> np.ndarray:
        key = (name, spec.type, tuple(spec.values) if spec.values is not None else None)
        if key not in plain_cache:
            verdicts = by_distinct(columns[name], lambda v: not v or _property_fine(v, spec))
            if verdicts is None:
                verdicts = _plain_values(columns[name], spec).to_numpy(zero_copy_only=False)
            plain_cache[key] = verdicts
        return plain_cache[key]

    for type_name in pc.unique(types).to_pylist():
        spec = schema.relationship_types.get(type_name)
        rows = pc.equal(types, type_name).to_numpy(zero_copy_only=False)
        if spec is None:
            continue  # an unknown type already fails the endpoint check
        for name in spec.required_properties():
            if name not in filled:
                ok[rows] = False
            else:
                ok[rows & ~filled[name]] = False
        for name in present:
            prop = spec.properties.get(name)
            if prop is None:
                ok[rows & filled[name]] = False
            else:
                ok[rows & filled[name] & ~np.asarray(plain(name, prop), dtype=bool)] = False
    return ok


def _property_fine(text: str, spec: PropertySpec) -> bool:
    """What the row parser and the rules would say of the cell: nothing."""
    try:
        value = coerce_property(text, spec)
    except InvalidValue:
        return False
    return value_problem(value.isoformat() if isinstance(value, dt.date) else value, spec) is None


def _plain_values(values: pa.ChunkedArray, spec: PropertySpec) -> pa.ChunkedArray:
    """True where a filled cell certainly converts to the property's kind and allowed values."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if spec.values is not None:
        if spec.type != "str":
            return pc.is_null(values)  # all False: the row parser compares the converted value
        return pc.is_in(values, value_set=pa.array(spec.values, type=pa.string()))
    if spec.type == "int":
        return pc.match_substring_regex(pc.replace_substring(values, " ", ""), PLAIN_INT)
    if spec.type == "float":
        return pc.match_substring_regex(pc.replace_substring(values, " ", ""), PLAIN_FLOAT)
    if spec.type == "bool":
        return pc.is_in(pc.utf8_lower(values), value_set=pa.array(sorted(TRUE_WORDS | FALSE_WORDS)))
    if spec.type == "date":
        return _iso_days(values)
    return pc.not_equal(values, "\x00")  # any text


def tie_keys(columns: Columns, positions: np.ndarray) -> pa.Array:
    """The identity of each tie at ``positions`` (:meth:`Relationship.key`'s parts, joined by
    :data:`SEPARATOR` so that any id splits back)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    since = columns["since"] if "since" in columns else pa.chunked_array([pa.array([""] * columns.frame.num_rows)])
    keys = pc.binary_join_element_wise(columns["source"], columns["type"], columns["target"], since, SEPARATOR)
    return keys.take(pa.array(positions)).combine_chunks()


def tie_models(columns: Columns, positions: np.ndarray, sources: dict[str, Source], schema: Schema,
               property_names: Iterable[str], batch: int = RECORD_BATCH) -> Iterator[Relationship]:
    """Models of rows :func:`clean_rows` passed, without validating them again (they are)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    present = [name for name in sorted(property_names) if name in columns]
    wanted = ["source", "target", "type"] + [n for n in ("since", "until", "illustrative", "sources", "note") if n in columns]
    days: dict[str, dt.date] = {}

    def day(text: str | None) -> dt.date | None:
        if not text:
            return None
        if text not in days:
            days[text] = dt.date.fromisoformat(text)
        return days[text]

    converted: dict[tuple[str, str, str], Any] = {}
    cited_sources: dict[str, tuple[Source, ...]] = {}
    flags: dict[str, bool] = {"": False}
    names: dict[str, str] = {}  # one string per type name, not one per row

    def convert(name: str, rel_type: str, raw: str) -> Any:
        key = (name, rel_type, raw)
        if key not in converted:
            value = coerce_property(raw, schema.relationship_types[rel_type].properties[name])
            converted[key] = value.isoformat() if isinstance(value, dt.date) else value
        return converted[key]

    def cite(text: str) -> list[Source]:
        if text not in cited_sources:
            cited_sources[text] = tuple(sources[item.strip()] for item in text.split(LIST_SEPARATOR) if item.strip())
        return list(cited_sources[text])

    def flag(text: str) -> bool:
        if text not in flags:
            flags[text] = bool(truth(text))
        return flags[text]

    for start in range(0, len(positions), batch):
        take = pa.array(positions[start:start + batch])
        cells = {name: columns[name].take(take).to_pylist() for name in wanted}
        types = [names.setdefault(t, t) for t in cells["type"]]
        properties: list[dict[str, Any]] = [{} for _ in types]
        # Property cells are mostly empty: only the filled ones are visited, column by column
        # (in name order, as the row parser fills them).
        for name in present:
            values = columns[name].take(take)
            filled = pc.not_equal(values, "")
            for i, raw in zip(pc.indices_nonzero(filled).to_pylist(), pc.filter(values, filled).to_pylist()):
                properties[i][name] = convert(name, types[i], raw)
        since, until = cells.get("since"), cells.get("until")
        cited, illustrative, note = cells.get("sources"), cells.get("illustrative"), cells.get("note")
        for i, rel_type in enumerate(types):
            yield Relationship.checked({
                "source": cells["source"][i], "target": cells["target"][i], "type": rel_type,
                "since": day(since[i]) if since else None,
                "until": day(until[i]) if until else None,
                "illustrative": flag(illustrative[i]) if illustrative else False,
                "sources": cite(cited[i]) if cited else [],
                "properties": properties[i],
                "note": (note[i] or None) if note else None,
            })


def tie_columns(columns: Columns, positions: np.ndarray, sources: dict[str, Source], schema: Schema) -> TieParts:
    """What a metrics table reads of the rows :func:`clean_rows` passed, as :func:`tie_models`
    would make it, without the models: ends, type, dates, the illustrative flag, the confidence
    the tie rests on and its funding amount."""
    import pyarrow as pa
    import pyarrow.compute as pc

    take = pa.array(positions)
    count = len(positions)

    def cells(name: str) -> list[str] | None:
        return columns[name].take(take).to_pylist() if name in columns else None

    def each_distinct(values: list[str] | None, meaning: Callable[[str], Any], absent: Any) -> list[Any]:
        # Flags and cited sources repeat: each distinct cell is read once.
        if values is None:
            return [absent] * count
        seen: dict[str, Any] = {}
        return [seen[v] if v in seen else seen.setdefault(v, meaning(v)) for v in values]

    def cited(text: str) -> float:
        return confidence([sources[item.strip()] for item in text.split(LIST_SEPARATOR) if item.strip()])

    types = cells("type") or []
    amounts = [0.0] * count
    if FUNDING in columns:
        values = columns[FUNDING].take(take)
        filled = pc.not_equal(values, "")
        converted: dict[tuple[str, str], float] = {}
        for i, raw in zip(pc.indices_nonzero(filled).to_pylist(), pc.filter(values, filled).to_pylist()):
            key = (types[i], raw)
            if key not in converted:
                value = coerce_property(raw, schema.relationship_types[types[i]].properties[FUNDING])
                converted[key] = funding(value.isoformat() if isinstance(value, dt.date) else value)
            amounts[i] = converted[key]
    return TieParts(
        source=cells("source") or [], target=cells("target") or [], type=types,
        since=cells("since") or [""] * count, until=cells("until") or [""] * count,
        illustrative=each_distinct(cells("illustrative"), lambda text: bool(truth(text)), False),
        confidence=each_distinct(cells("sources"), cited, UNJUDGED),
        amount=amounts,
    )
