"""Form values → models, through the loaders' own parser.

A form is read exactly like one row of a data file (record format), so the
app refuses what ``opcomap validate`` refuses, with the same words. Problems
come back as field → message, for the form to show beside each field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph_model.models import Actor, Relationship
from graph_model.schema import Schema
from loaders.parser import parse_tables
from loaders.tables import Table
from graph_model.errors import Phrase, Problem, ValidationFailed

FORM = "formulaire"
_CONTEXT = "acteurs existants"
SOURCE_FIELDS = ("title", "url", "publisher", "consulted", "confidence")
NO_SOURCE = "problems.source_required"  # a catalogue key: the parser's words for a tie without a source


def field_messages(error: ValidationFailed, lang: str = "fr") -> dict[str, str]:
    """Problems in ``lang``, keyed by the field they concern ("_" when none), several joined by " ; ".

    >>> err = ValidationFailed([Problem("formulaire", 1, "name", "a"), Problem("formulaire", 1, "name", "b")])
    >>> field_messages(err)
    {'name': 'a ; b'}
    """
    out: dict[str, str] = {}
    for problem in error.problems:
        key, text = problem.column or "_", problem.text(lang)
        out[key] = f"{out[key]} ; {text}" if key in out else text
    return out


def refuse(column: str, message: str | Phrase) -> ValidationFailed:
    """One form problem, raised like the parser's (``message``: a sentence, or a parser's Phrase)."""
    key, params = (message.key, message.params) if isinstance(message, Phrase) else (message, {})
    return ValidationFailed([Problem(FORM, None, column, key, params)])


def actor_from_form(fields: Mapping[str, Any], schema: Schema) -> Actor:
    """The actor a form describes; raises ValidationFailed naming each bad field."""
    row = {name: value for name, value in fields.items() if not _blank(value)}
    dataset, problems = parse_tables([Table(FORM, "actors", None, [(1, row)])], schema)
    _raise_form_problems(problems)
    return dataset.actors[0]


def relationship_from_form(
    fields: Mapping[str, Any],
    source: Mapping[str, Any] | None,
    endpoints: Iterable[Actor],
    schema: Schema,
) -> Relationship:
    """The relationship a form describes, checked against its endpoints' kinds.

    ``source`` holds one source's fields (title, url, publisher, consulted);
    ``fields`` may also carry ``sources`` (a list of source dicts) already
    attached. At least one source is required.
    """
    row = {name: value for name, value in fields.items() if not _blank(value)}
    for name, value in (source or {}).items():
        if not _blank(value):
            row[f"source_{name}"] = value
    actors = Table(_CONTEXT, "actors", None, [(i, actor_row(a)) for i, a in enumerate(endpoints, 1)])
    relationships = Table(FORM, "relationships", None, [(1, row)])
    dataset, problems = parse_tables([actors, relationships], schema)
    # The parser's own rule; the form asks for a source through its title field.
    problems = [p if p.message != NO_SOURCE else Problem(FORM, 1, "source_title", "problems.edit_no_source")
                for p in problems if p.file == FORM]
    _raise_form_problems(problems)
    return dataset.relationships[0]


def actor_row(actor: Actor) -> dict[str, Any]:
    """An actor as a record row, the shape the parser reads."""
    return {k: v for k, v in actor.model_dump(mode="json").items() if v not in (None, [])}


def relationship_row(rel: Relationship) -> dict[str, Any]:
    """A relationship as a record row (sources inline), the shape the parser reads."""
    row: dict[str, Any] = {
        "source": rel.source, "target": rel.target, "type": rel.type,
        "since": rel.since, "until": rel.until, "illustrative": rel.illustrative, "note": rel.note,
        "sources": [s.model_dump(mode="json", exclude_none=True) for s in rel.sources],
    }
    row.update(rel.properties)
    return {k: v for k, v in row.items() if not _blank(v)}


def _raise_form_problems(problems: list[Problem]) -> None:
    if problems:
        raise ValidationFailed([Problem(FORM, None, p.column, p.message, p.params) for p in problems])


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []
