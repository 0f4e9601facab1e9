"""The map's and the diagrams' words: the catalogue's ``mapview.*`` section, and actor labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph_model.words import t
from graph_model.words.formats import day as said_day
from graph_model.words.formats import number


def text(lang: str, key: str, **values: Any) -> str:
    """The catalogue's ``mapview.<key>`` in ``lang``, with ``values`` filled in.

    >>> text("en", "count", nodes=3, edges=2)
    '3 actors, 2 relationships'
    """
    return t(f"mapview.{key}", lang, **values)


def display_label(attrs: dict[str, Any]) -> str:
    """The short name readers know an actor by, else its name, else nothing."""
    return str(attrs.get("short_name") or attrs.get("name") or "")


def changes_sentence(changes: Any, lang: str) -> str:
    """What changed from one date to the next (an :class:`opcomap.analysis.timeline.Changes`), counted,
    in ``lang``: the time slider's caption and each page of the evolution PDF."""
    counts = {name: number(value, lang) for name, value in changes.counts().items()}
    return text(lang, "changes_between", start=said_day(dt.date.fromisoformat(changes.start), lang),
                end=said_day(dt.date.fromisoformat(changes.end), lang), **counts)
