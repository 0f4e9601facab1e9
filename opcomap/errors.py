"""One exception tree for opcomap.

Domain code raises these; only the edges (CLI, app) turn them into messages.
"""

from __future__ import annotations

from dataclasses import dataclass


class OpcomapError(Exception):
    """Root of every error opcomap raises on purpose."""


class SchemaError(OpcomapError):
    """Raised when a schema file cannot be read or is inconsistent."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, precise enough to fix it.

    ``row`` is the 1-based line a spreadsheet user sees (the header is row 1),
    or ``None`` for a problem with the file as a whole.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", ligne {self.row}"
        if self.column:
            where += f", colonne « {self.column} »"
        return f"{where} : {self.message}"


class ValidationFailed(OpcomapError):
    """Raised when input data has problems; carries all of them, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problème(s) dans les données")


class StoreUnavailable(OpcomapError):
    """Raised when the Neo4j server cannot be reached or refuses the credentials."""


class StoreWriteFailed(OpcomapError):
    """Raised when a write to Neo4j fails part-way; re-running converges."""


class QueryRefused(OpcomapError):
    """Raised when the console guard refuses a query that could write."""


class QueryFailed(OpcomapError):
    """Raised when Cypher is invalid, times out, or lacks a parameter."""


class ServerError(OpcomapError):
    """Raised by the local Neo4j server manager (Java missing, port in use...)."""


class NotFound(OpcomapError):
    """Raised when an actor id or a named query does not exist."""


class EditConflict(OpcomapError):
    """Raised when a record changed between the moment an editor opened it and the save.

    Nothing is written: the editor reloads the record and decides again.
    """


class EditRefused(OpcomapError):
    """Raised when an edit is not allowed: read-only app, unconfirmed deletion, undo of an undone change."""
