"""What the group options decide for the whole run, carried by the click context (``ctx.obj``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from typer._click.globals import get_current_context  # Typer carries its own click


@dataclass
class CliState:
    """The run's language, ``--debug``, and options a group hands to its subcommands.

    Made by the entry point (or by the root callback when a test runner calls
    the app) and reached from anywhere through the current click context.
    """

    lang: str = "fr"
    debug: bool = False
    inherited: dict[str, Any] = field(default_factory=dict)


def settings_lang() -> str:
    """The language the settings ask for (``OPCOMAP_LANG``); French when they cannot be read.

    A broken setting is reported by the root callback; until then, help and errors speak French.
    """
    from pydantic import ValidationError

    from opcomap.settings import get_settings

    try:
        return get_settings().opcomap_lang
    except ValidationError:
        return "fr"


def current_state() -> CliState | None:
    ctx = get_current_context(silent=True)
    return ctx.find_object(CliState) if ctx is not None else None


def current_lang() -> str:
    """The CLI's language: the run's when a command is running, else the settings'."""
    state = current_state()
    return state.lang if state is not None else settings_lang()
