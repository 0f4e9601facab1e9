"""The command line's refusals (unknown command or option, missing or bad value) in the user's language.

Typer words them in English inside its own copy of click. Most exceptions carry what was wrong
as fields (the option, the parameter, pydantic's error under a bad value); the few Typer only
gives as a sentence are recognised by their shape. Anything else keeps Typer's words.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from typer._click.exceptions import BadOptionUsage, BadParameter, ClickException, MissingParameter, NoSuchOption

from graph_model.words import t

_NO_SUCH_COMMAND = re.compile(r"No such command (?P<name>'.*?'|\".*?\")\.(?: Did you mean (?P<close>.*)\?)?", re.S)
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<values>.*)\)", re.S)
_NOT_A_CHOICE = re.compile(r"is not one of (?P<choices>.*)\.$", re.S)
_MISSING_COMMAND = "Missing command."
_NEEDS_VALUE = re.compile(r"requires (?:an argument|(?P<n>\d+) arguments)\.$")
_TAKES_NO_VALUE = "does not take a value."

# pydantic's error types for a value that is not of the option's type -> the word for that type.
_EXPECTED = {
    "int_parsing": "cli.type.int", "int_from_float": "cli.type.int", "int_type": "cli.type.int",
    "float_parsing": "cli.type.number", "float_type": "cli.type.number",
    "datetime_parsing": "cli.type.date", "datetime_from_date_parsing": "cli.type.date", "date_parsing": "cli.type.date",
}
# pydantic's bounds (an option declared with min= or max=) -> the sentence and its bound in pydantic's context.
_BOUNDS = {
    "greater_than_equal": ("cli.refusal.at_least", "ge"), "greater_than": ("cli.refusal.more_than", "gt"),
    "less_than_equal": ("cli.refusal.at_most", "le"), "less_than": ("cli.refusal.less_than", "lt"),
}


def _names(text: str) -> str:
    """``'a', 'b'`` (Python's reprs, as Typer lists names) -> ``a, b``; other text unchanged."""
    try:
        values = ast.literal_eval(f"({text},)")
    except (SyntaxError, ValueError):
        return text
    return ", ".join(str(value) for value in values)


def _hint(exc: BadParameter) -> str:
    """The option's names (``--format / -f``) or the argument's name as usage lines show it (``CHEMINS``)."""
    param = exc.param
    if param is None:
        return ""
    opts = getattr(param, "opts", None)
    if getattr(param, "param_type_name", "") == "argument" or not opts:  # an argument's opts hold its inner name
        return str(getattr(param, "display_name_raw", param.name))
    return " / ".join(opts)


def _bad_value(exc: BadParameter, lang: str) -> str | None:
    errors = exc.__cause__.errors() if hasattr(exc.__cause__, "errors") else []
    if not errors:
        return None
    error: dict[str, Any] = errors[0]
    kind, value, context = error.get("type"), error.get("input"), error.get("ctx") or {}
    option = _hint(exc)
    if kind in _EXPECTED:
        return t("cli.refusal.not_a", lang, option=option, value=value, expected=t(_EXPECTED[kind], lang))
    if kind in _BOUNDS:
        key, bound = _BOUNDS[kind]
        return t(key, lang, option=option, value=value, bound=context.get(bound))
    if kind == "value_error" and (choice := _NOT_A_CHOICE.search(str(context.get("error", "")))):
        return t("cli.refusal.not_a_choice", lang, option=option, value=value, choices=_names(choice["choices"]))
    return None


def _missing(exc: MissingParameter, lang: str) -> str:
    param = exc.param
    if param is not None and getattr(param, "param_type_name", "") == "argument":
        return t("cli.refusal.missing_argument", lang, name=_hint(exc))
    return t("cli.refusal.missing_option", lang, option=_hint(exc))


def refusal(exc: ClickException, lang: str) -> str:
    """What was wrong with the command line, as a sentence of the catalogue."""
    message = exc.message
    if isinstance(exc, MissingParameter):
        return _missing(exc, lang)
    if isinstance(exc, BadParameter):
        return _bad_value(exc, lang) or exc.format_message()
    if isinstance(exc, NoSuchOption):
        if exc.possibilities:
            return t("cli.refusal.no_such_option_close", lang, option=exc.option_name,
                     close=", ".join(sorted(exc.possibilities)))
        return t("cli.refusal.no_such_option", lang, option=exc.option_name)
    if isinstance(exc, BadOptionUsage):
        if needs := _NEEDS_VALUE.search(message):
            return t("cli.refusal.needs_value", lang, option=exc.option_name, n=int(needs["n"] or 1))
        if message.endswith(_TAKES_NO_VALUE):
            return t("cli.refusal.takes_no_value", lang, option=exc.option_name)
    if found := _NO_SUCH_COMMAND.fullmatch(message):
        name = _names(found["name"])
        if found["close"]:
            return t("cli.refusal.no_such_command_close", lang, name=name, close=_names(found["close"]))
        return t("cli.refusal.no_such_command", lang, name=name)
    if found := _EXTRA_ARGUMENTS.fullmatch(message):
        return t("cli.refusal.extra_arguments", lang, values=found["values"], n=len(found["values"].split()))
    if message == _MISSING_COMMAND:
        return t("cli.refusal.missing_command", lang)
    return exc.format_message()
