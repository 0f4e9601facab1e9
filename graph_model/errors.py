"""One exception tree for opcomap, at the bottom of the layers.

Domain code raises these with a catalogue key and its parameters (see
:mod:`graph_model.words`); only the edges (CLI, app) turn them into sentences,
in the user's language: ``exc.message("en")``. ``str(exc)`` is the French one,
for logs and tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _say(key: str, params: Mapping[str, Any], lang: str) -> str:
    # Imported here: the catalogue is data, and errors are raised while it loads.
    from graph_model.words.catalogue import STRINGS, t

    said = {name: value.text(lang) if isinstance(value, Phrase) else value for name, value in params.items()}
    if key not in STRINGS:  # a literal sentence (tests/test_vocabulary.py enforces keys in the code base)
        return key.format(**said) if said else key
    return t(key, lang, **said)


@dataclass(frozen=True)
class Phrase:
    """A catalogue sentence not said yet: its key and parameters.

    A parameter may itself be a Phrase, said in the same language. ``str()`` is French.

    >>> Phrase("problems.missing_value").text("en")
    'required value missing'
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "fr") -> str:
        return _say(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.text("fr")

    def __hash__(self) -> int:
        # A dict of parameters is not hashable; a Phrase is (an import counts rows by reason).
        return hash((type(self), self.key, tuple(sorted(self.params.items()))))


class OpcomapError(Exception):
    """Root of every error opcomap raises on purpose.

    ``key`` names a sentence of the catalogue, ``params`` fill its placeholders.
    """

    def __init__(self, key: str, /, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str = "fr") -> str:
        """The whole sentence in ``lang`` (``fr`` or ``en``)."""
        return _say(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.message("fr")


class SchemaError(OpcomapError):
    """Raised when a schema file cannot be read or is inconsistent."""


class InvalidValue(OpcomapError, ValueError):
    """Raised by a check on one value (a model field, a cell, a property).

    A ``ValueError`` too, so pydantic validators may raise it; the parser reads
    its key back from pydantic's error and reports it as a :class:`Problem`.
    """

    def phrase(self) -> Phrase:
        return Phrase(self.key, self.params)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, precise enough to fix it.

    ``row`` is the 1-based line a spreadsheet user sees (the header is row 1),
    or ``None`` for a problem with the file as a whole. ``message`` is a
    catalogue key whose placeholders ``params`` fill.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def text(self, lang: str = "fr") -> str:
        """What is wrong, without where."""
        return _say(self.message, self.params, lang)

    def describe(self, lang: str = "fr") -> str:
        """Where, then what: ``actors.csv, ligne 3, colonne « id » : …``."""
        from graph_model.words.catalogue import t

        where = self.file
        if self.row is not None:
            where += t("problem.row", lang, row=self.row)
        if self.column:
            where += t("problem.column", lang, column=self.column)
        return t("problem.where_what", lang, where=where, what=self.text(lang))

    def __str__(self) -> str:
        return self.describe("fr")


class ValidationFailed(OpcomapError):
    """Raised when input data has problems; carries all of them, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("problems.count", n=len(self.problems))


class StoreUnavailable(OpcomapError):
    """Raised when the Neo4j server cannot be reached or refuses the credentials."""


class StoreWriteFailed(OpcomapError):
    """Raised when a write to Neo4j fails part-way; re-running converges."""


class LoadRefused(OpcomapError):
    """Raised when ``load --initial`` cannot run: the database is not empty, or not the
    local server ``opcomap neo4j start`` manages. Nothing was touched."""


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
