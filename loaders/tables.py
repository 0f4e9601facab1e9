"""What every reader produces: tables of rows, each row tagged with where it came from.

A reader only opens and decodes a file; :mod:`loaders.parser` turns the rows
into models. Column names are the contract of the data conventions (README).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["actors", "anchors", "relationships", "sources"]
# An actors table in a file of this name holds actors the folder only refers to (a registry
# import's OPCO, Régions, branches): another file's definition of the same id wins.
ANCHORS_FILE = "anchors"

ACTOR_COLUMNS = (
    "id", "name", "kind", "short_name", "official_name", "aliases", "region_code", "region_name",
    "siret", "idcc", "website", "description", "sectors", "tags", "since", "until",
)
ACTOR_REQUIRED = ("id", "name", "kind")
LIST_FIELDS = ("aliases", "sectors", "tags")

RELATIONSHIP_COLUMNS = ("source", "target", "type", "since", "until", "illustrative", "sources", "note")
RELATIONSHIP_REQUIRED = ("source", "target", "type")
INLINE_SOURCE_COLUMNS = (
    "source_title", "source_url", "source_publisher", "source_consulted", "source_confidence",
)

SOURCE_COLUMNS = ("source_id", "title", "url", "publisher", "consulted", "confidence")
SOURCE_REQUIRED = ("source_id", "title")

LIST_SEPARATOR = "|"
# Rows of a frame turned into dicts at a time: bounded memory when a whole file goes row by row.
RECORD_BATCH = 50_000


@dataclass
class Table:
    """Rows of one kind read from one file (or one sheet, or one section).

    ``columns`` is the header of a tabular file (CSV, sheet); ``None`` for
    record formats (JSON, YAML), where each row carries its own keys and
    unknown keys are reported per row. ``rows`` pairs the number a user sees
    (spreadsheet row, or item number in a list) with the cell values.
    """

    file: str
    role: Role
    columns: list[str] | None
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    # A large CSV file read by :mod:`loaders.frames`: its cells as an Arrow table of text
    # (named columns only) and each row's number; ``rows`` stays empty.
    frame: Any = None
    row_numbers: Any = None
    # How the file was written (:class:`loaders.conventions.Conventions`), for tabular files.
    conventions: Any = None

    def __len__(self) -> int:
        return len(self.row_numbers) if self.frame is not None else len(self.rows)

    def records(self, positions: Iterable[int] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(row, cells)`` pairs: all of them, or those at ``positions`` (in a frame's order)."""
        if self.frame is None:
            yield from (self.rows if positions is None else (self.rows[i] for i in positions))
            return
        wanted = list(range(len(self))) if positions is None else list(positions)
        for start in range(0, len(wanted), RECORD_BATCH):
            chunk = wanted[start:start + RECORD_BATCH]
            cells = self.frame.take(chunk).to_pydict()
            names = list(cells)
            for offset, position in enumerate(chunk):
                yield int(self.row_numbers[position]), {name: cells[name][offset] for name in names}


def role_of_header(columns: list[str]) -> Role | None:
    """Recognise a CSV or sheet by its header.

    >>> role_of_header(["id", "name", "kind"]), role_of_header(["source", "target", "type"])
    ('actors', 'relationships')
    >>> role_of_header(["source_id", "title"]), role_of_header(["foo"]) is None
    ('sources', True)
    """
    names = set(columns)
    if "source_id" in names:
        return "sources"
    if {"source", "target"} & names and ("type" in names or {"source", "target"} <= names):
        return "relationships"
    if "id" in names or {"name", "kind"} <= names:
        return "actors"
    return None


def normalise_header(cell: Any) -> str:
    """Header cells compare case-insensitively, without a BOM or surrounding spaces."""
    return str(cell if cell is not None else "").replace("\ufeff", "").strip().lower()
