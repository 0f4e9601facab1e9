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
    # True when the process runs this one command and exits (the console script), so a
    # command may settle process-wide choices (:func:`loaders.frames.arrow_without_pandas`).
    one_shot: bool = False


LANG_SETTING = "OPCOMAP_LANG"  # opcomap.settings.Settings.opcomap_lang, read the same way (a test checks)


def _lang_setting() -> str | None:
    """``OPCOMAP_LANG`` as the settings read it: the environment first, then ``.env``, names in any case.

    Read without pydantic-settings, whose import alone costs more than Typer's:
    every run needs its language (``--help`` included), few need the other settings.
    """
    import os

    for name, value in os.environ.items():
        if name.upper() == LANG_SETTING:
            return value
    if os.path.isfile(".env"):
        from dotenv import dotenv_values

        for name, value in dotenv_values(".env", encoding="utf-8").items():
            if name.upper() == LANG_SETTING:
                return value
    return None


def settings_lang(strict: bool = False) -> str:
    """The language the settings ask for (``OPCOMAP_LANG``), French when unset.

    A value that is not a language gives French; with ``strict``, the settings'
    own error instead (the edge reports it, naming the variable).
    """
    from graph_model.words import LANGS

    value = _lang_setting()
    lang = "fr" if value is None else value.strip().lower()
    if lang in LANGS:
        return lang
    if strict:
        from opcomap.settings import get_settings

        get_settings()  # raises the settings' ValidationError naming OPCOMAP_LANG
    return "fr"


def current_state() -> CliState | None:
    ctx = get_current_context(silent=True)
    return ctx.find_object(CliState) if ctx is not None else None


def current_lang() -> str:
    """The CLI's language: the run's when a command is running, else the settings'."""
    state = current_state()
    return state.lang if state is not None else settings_lang()
