"""The map's and the diagrams' words: the catalogue's ``mapview.*`` section, and actor labels."""

from __future__ import annotations

from typing import Any

from graph_model.words import t


def text(lang: str, key: str, **values: Any) -> str:
    """The catalogue's ``mapview.<key>`` in ``lang``, with ``values`` filled in.

    >>> text("en", "count", nodes=3, edges=2)
    '3 actors, 2 relationships'
    """
    return t(f"mapview.{key}", lang, **values)


def display_label(attrs: dict[str, Any]) -> str:
    """The short name readers know an actor by, else its name, else nothing."""
    return str(attrs.get("short_name") or attrs.get("name") or "")
