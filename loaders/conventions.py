"""How a CSV file was written: its encoding, separator, days and numbers, found per file.

French Excel on Windows saves « CSV (séparateur : point-virgule) » in Windows-1252, with
JJ/MM/AAAA days, decimal commas and spaces between thousands; « CSV UTF-8 » adds a BOM.
The parser reads both ways of writing (:mod:`graph_model.words.values`); this module finds
which one a file uses, so the summary can say it, and notes each day that would read
otherwise month first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph_model.errors import Problem
from graph_model.words.values import THOUSANDS_SPACES, french_day, iso_day, looks_french_day, other_reading
from loaders.tables import ACTOR_COLUMNS, RELATIONSHIP_COLUMNS, SOURCE_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa

    from loaders.tables import Table

BOM = b"\xef\xbb\xbf"
DATE_COLUMNS = frozenset({"since", "until", "consulted", "source_consulted"})
# Columns holding words, whatever digits they contain (a SIRET is written with spaces).
WORD_COLUMNS = frozenset(set(ACTOR_COLUMNS) | set(RELATIONSHIP_COLUMNS) | set(SOURCE_COLUMNS)
                         | {"source_title", "source_url", "source_publisher"}) - DATE_COLUMNS - {"confidence"}
_SPACE = f"[{THOUSANDS_SPACES}]"
DECIMAL_COMMA = rf"^\s*[+-]?[0-9{THOUSANDS_SPACES}]*[0-9],[0-9]+\s*$"
SPACED_THOUSANDS = rf"[0-9]{_SPACE}[0-9]{{3}}([^0-9]|$)"
FRENCH_DAY_CELL = r"^\s*[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\s*$"
ISO_DAY_CELL = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"


@dataclass
class Conventions:
    """What was found of one file's way of writing, and the days read the French way that
    a month-first reading would have made another day."""

    file: str
    encoding: str | None = None  # "utf-8", "utf-8-bom", "cp1252"; None for a workbook
    delimiter: str | None = None
    french_dates: bool = False
    iso_dates: bool = False
    decimal_comma: bool = False
    spaced_thousands: bool = False
    notices: list[Problem] = field(default_factory=list)

    @property
    def telling(self) -> bool:
        """Something to say: a text file's encoding, or a French way of writing in a workbook."""
        return self.encoding is not None or self.french_dates or self.decimal_comma or self.spaced_thousands

    def parts(self, lang: str = "fr") -> list[str]:
        from graph_model.words.catalogue import t

        found = [t(f"conventions.encoding.{self.encoding}", lang)] if self.encoding else []
        if self.delimiter:
            found.append(t("conventions.delimiter", lang, delimiter=self.delimiter))
        found += [t(key, lang) for key, seen in (
            ("conventions.french_dates", self.french_dates), ("conventions.iso_dates", self.iso_dates),
            ("conventions.decimal_comma", self.decimal_comma),
            ("conventions.spaced_thousands", self.spaced_thousands)) if seen]
        return found

    def describe(self, lang: str = "fr") -> str:
        """``acteurs.csv : Windows-1252, séparateur « ; », dates JJ/MM/AAAA, virgule décimale``."""
        from graph_model.words.catalogue import t

        return t("conventions.line", lang, file=self.file, what=", ".join(self.parts(lang)))


def decode(raw: bytes) -> tuple[str, str] | None:
    """The text and its encoding: UTF-8 (with or without BOM), else Windows-1252; ``None`` for neither.

    Strict UTF-8 decoding settles it: accented Windows-1252 text is almost never valid UTF-8,
    and Windows-1252 is the other encoding Excel writes CSV in, so no guessing library is needed.

    >>> decode("é;€".encode("cp1252")), decode(BOM + "é".encode())
    (('é;€', 'cp1252'), ('é', 'utf-8-bom'))
    """
    try:
        if raw.startswith(BOM):
            return raw[len(BOM):].decode("utf-8"), "utf-8-bom"
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None


def _number_columns(columns: Iterable[str]) -> list[str]:
    return [c for c in columns if c and c not in WORD_COLUMNS and c not in DATE_COLUMNS]


def _notice(file: str, row: int, column: str, value: str) -> Problem | None:
    other = other_reading(value)
    if other is None:
        return None
    read = french_day(value)
    return Problem(file, row, column, "problems.day_read_french",
                   {"value": value.strip(), "read": read.isoformat(), "other": other.isoformat()})


def survey_rows(conventions: Conventions, columns: list[str], rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Find the ways of writing of a table read row by row."""
    dates = [c for c in columns if c in DATE_COLUMNS]
    numbers = _number_columns(columns)
    for row, cells in rows:
        for column in dates:
            value = cells.get(column)
            if not isinstance(value, str) or not value.strip():
                continue
            if looks_french_day(value):
                conventions.french_dates = True
                notice = _notice(conventions.file, row, column, value)
                if notice is not None:
                    conventions.notices.append(notice)
            elif iso_day(value) is not None:
                conventions.iso_dates = True
        for column in numbers:
            value = cells.get(column)
            if isinstance(value, str):
                conventions.decimal_comma |= re.search(DECIMAL_COMMA, value) is not None
                conventions.spaced_thousands |= re.search(SPACED_THOUSANDS, value) is not None


def survey_frame(conventions: Conventions, table: Table) -> None:
    """The same, a column at a time, on each column's distinct cells: a large file's cells
    are never visited one by one (a column of days holds a few thousand distinct ones)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    frame = table.frame
    names = frame.column_names
    for column in (c for c in names if c in DATE_COLUMNS):
        values = frame.column(column)
        distinct = pc.unique(values)
        conventions.iso_dates |= bool(pc.any(pc.match_substring_regex(distinct, ISO_DAY_CELL)).as_py())
        french = pc.filter(distinct, pc.match_substring_regex(distinct, FRENCH_DAY_CELL))
        if not len(french):
            continue
        conventions.french_dates = True
        ambiguous = [day for day in french.to_pylist() if other_reading(day) is not None]
        if not ambiguous:
            continue
        where = pc.is_in(values, value_set=pa.array(ambiguous, type=pa.string()))
        positions = np.flatnonzero(where.to_numpy(zero_copy_only=False))
        for position, value in zip(positions.tolist(), values.take(positions).to_pylist()):
            conventions.notices.append(_notice(conventions.file, int(table.row_numbers[position]), column, value))
    conventions.notices.sort(key=lambda notice: notice.row)  # row by row, as the row reader lists them
    for column in _number_columns(names):
        distinct = pc.unique(frame.column(column))
        conventions.decimal_comma |= bool(pc.any(pc.match_substring_regex(distinct, DECIMAL_COMMA)).as_py())
        conventions.spaced_thousands |= bool(pc.any(pc.match_substring_regex(distinct, SPACED_THOUSANDS)).as_py())


def french_days_as_iso(frame: pa.Table) -> pa.Table:
    """The frame with its real JJ/MM/AAAA days written ISO, so the column checks take them as
    the row reader does; an impossible day stays as written, for its problem to quote it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for index, column in enumerate(frame.column_names):
        if column not in DATE_COLUMNS:
            continue
        values = frame.column(index)
        distinct = pc.unique(values)
        written = pc.filter(distinct, pc.match_substring_regex(distinct, FRENCH_DAY_CELL)).to_pylist()
        days = {cell: day.isoformat() for cell in written if (day := french_day(cell)) is not None}
        if not days:
            continue
        where = pc.index_in(values, value_set=pa.array(list(days), type=pa.string()))
        iso = pa.array(list(days.values()), type=pa.string()).take(where)
        frame = frame.set_column(index, column, pc.if_else(pc.is_valid(where), iso, values))
    return frame


def conventions_of(tables: Iterable[Table]) -> list[Conventions]:
    """Each file's conventions worth saying, in the files' order."""
    return sorted((t.conventions for t in tables if t.conventions is not None and t.conventions.telling),
                  key=lambda c: c.file)
