"""The CLI's help in the user's language.

Commands and options declare their help as catalogue keys (``help="cli.opt.data"``);
:func:`localise` replaces every key of the command tree with its sentence in
the run's language, once, before click parses anything. It also gives the
words click and Typer would otherwise write in English (the help option,
"Usage:", the Options/Arguments/Commands panels, "[default: …]", the names
of arguments and of the subcommand in usage lines) from the catalogue.
"""

from __future__ import annotations

import typer
from typer._click.exceptions import UsageError
from typer._click.formatting import HelpFormatter  # Typer carries its own click
from typer.core import TyperGroup

from graph_model.words import STRINGS, t


def _say(text: str | None, lang: str) -> str | None:
    return t(text, lang) if text in STRINGS else text


class LocalisedFormatter(HelpFormatter):
    """click's formatter, with the usage prefix of the catalogue."""

    lang = "fr"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else t("cli.usage", self.lang) + " ")


class LocalisedContext(typer.Context):
    """click's context, with the usage prefix and Typer's panel words of the catalogue."""

    lang = "fr"

    def get_help(self) -> str:
        _word_typer_help(self.lang)
        return super().get_help()


def _context_class(lang: str) -> type[typer.Context]:
    formatter = type("Formatter", (LocalisedFormatter,), {"lang": lang})
    return type("LocalisedContext", (LocalisedContext,), {"formatter_class": formatter, "lang": lang})


# Typer's fixed words (module constants of typer.rich_utils, read when help is drawn) -> catalogue keys.
_TYPER_WORDS = {
    "OPTIONS_PANEL_TITLE": "cli.panel.options",
    "ARGUMENTS_PANEL_TITLE": "cli.panel.arguments",
    "COMMANDS_PANEL_TITLE": "cli.panel.commands",
    "ERRORS_PANEL_TITLE": "cli.error_panel",
    "DEFAULT_STRING": "cli.typer.default",
    "REQUIRED_LONG_STRING": "cli.typer.required",
    "ENVVAR_STRING": "cli.typer.envvar",
    "DEPRECATED_STRING": "cli.typer.deprecated",
}


def _word_typer_help(lang: str) -> None:
    """Typer's panel titles and brackets in ``lang``, set just before help is drawn.

    Typer's help renderer imports Markdown and traceback support: only a run that
    shows help pays for it. Typer offers no other way to word them; one run speaks one language.
    """
    from typer import rich_utils

    for name, key in _TYPER_WORDS.items():
        setattr(rich_utils, name, t(key, lang))


# Typer's names of value types (what its help shows between < >) -> catalogue keys.
_TYPE_WORDS = {
    "path": "cli.type.path", "file": "cli.type.file", "directory": "cli.type.directory", "Path": "cli.type.path",
    "str": "cli.type.text", "int": "cli.type.int", "int range": "cli.type.int", "float": "cli.type.number",
    "float range": "cli.type.number", "datetime": "cli.type.date",
}


def _value_type(param, lang: str) -> None:  # noqa: ANN001 (a Typer option or argument)
    """What value an option takes, in ``lang``: a flag takes none (Typer shows ``<bool>``, which reads as
    if ``--dry-run true`` were needed) and Python's type names become words; choices stay as Typer lists them."""
    typer_says = getattr(type(param), "display_type_rich", None)
    if typer_says is None:
        return

    def shown(ctx):  # noqa: ANN001, ANN202 (click's context; Typer's own signature)
        if getattr(param, "is_flag", False):
            return None
        text = typer_says(param, ctx)
        inner = (text or "").strip("<>")
        many = inner.startswith("list[") and inner.endswith("]")
        key = _TYPE_WORDS.get(inner[5:-1] if many else inner)
        if key is None:
            return text
        return f"<{t(key, lang)}>…" if many else f"<{t(key, lang)}>"

    param.display_type_rich = shown


def _usage_name(param) -> None:  # noqa: ANN001 (a Typer argument)
    """An argument as usage lines show it: ``CHEMINS...``, ``[FICHIER]``, the way click and the
    catalogue's own examples write them (Typer would write a required one ``{CHEMINS}``)."""
    if getattr(param, "param_type_name", "") != "argument":
        return

    def pieces(ctx) -> list[str]:  # noqa: ANN001 (click's context; Typer's own signature)
        name = param.display_name_raw if param.required else f"[{param.display_name_raw}]"
        return [f"{name}..." if param.nargs != 1 else name]

    param.get_usage_pieces = pieces


def _refusals_know_their_command(cmd) -> None:  # noqa: ANN001 (a Typer command or group)
    """A refusal raised while parsing carries its command, so that it is said with the usage line.

    click's parser raises some (an option missing its value, a flag given one) without the
    context it knows: the error's own context is the one place left to give it."""
    parse_args = cmd.parse_args

    def parse_in_context(ctx, args):  # noqa: ANN001, ANN202 (click's own signature)
        try:
            return parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise

    cmd.parse_args = parse_in_context


def localise(command: typer.core.TyperCommand | TyperGroup, lang: str) -> None:
    """Turn the catalogue keys of ``command`` and everything under it into ``lang`` sentences."""
    context_class = _context_class(lang)

    def visit(cmd) -> None:  # noqa: ANN001 (a Typer command or group)
        cmd.help = _say(cmd.help, lang)
        cmd.short_help = _say(cmd.short_help, lang)
        cmd.epilog = _say(cmd.epilog, lang)
        cmd.context_class = context_class
        if getattr(cmd, "subcommand_metavar", None) is not None:
            cmd.subcommand_metavar = t("cli.usage.subcommand", lang)
        _refusals_know_their_command(cmd)
        help_option = cmd.get_help_option(typer.Context(cmd))
        if help_option is not None:
            help_option.help = t("cli.opt.help", lang)
            _value_type(help_option, lang)
        for param in cmd.params:
            if hasattr(param, "help"):  # click's arguments have none; Typer's do
                param.help = _say(param.help, lang)
            param.metavar = _say(param.metavar, lang)
            _value_type(param, lang)
            _usage_name(param)
        for sub in getattr(cmd, "commands", {}).values():
            visit(sub)

    visit(command)


class LocalisedGroup(TyperGroup):
    """The root group: localises the whole tree in the settings' language before each run."""

    def main(self, *args, **kwargs):  # type: ignore[override]
        from opcomap.cli.state import settings_lang

        localise(self, settings_lang())
        return super().main(*args, **kwargs)
