"""The CLI's edge: the Typer app, its group options, and the one place where errors become exit codes.

A user sees one sentence in the CLI's language (``OPCOMAP_LANG``), never a
traceback, unless ``--debug`` is given and the error is a bug.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError  # Typer carries its own click

from graph_model.errors import (
    OpcomapError,
    QueryFailed,
    QueryRefused,
    StoreUnavailable,
    StoreWriteFailed,
    ValidationFailed,
)
from opcomap.cli.helptext import LocalisedGroup
from opcomap.cli.output import err, labelled, literal, say, words
from opcomap.cli.state import CliState, settings_lang

log = logging.getLogger("opcomap.cli")


class ExitCode(IntEnum):
    """What ``opcomap`` returns to the shell (listed in ``opcomap --help`` and the README)."""

    OK = 0
    INVALID = 1  # invalid data, options or settings: the problems are listed
    USAGE = 2  # click's own: an unknown option or a missing argument
    NOT_RUNNING = 3  # opcomap neo4j status: the local server is not running
    REFUSED = 4  # the query was refused (it could write) or failed (syntax, time limit, parameter)
    UNREACHABLE = 5  # Neo4j unreachable, credentials refused, or a load interrupted
    INTERNAL = 70  # a bug in opcomap (sysexits' EX_SOFTWARE); --debug shows the traceback
    INTERRUPTED = 130  # Ctrl+C


# Most specific first: the first class an error is an instance of decides.
EXIT_CODES: tuple[tuple[type[OpcomapError], ExitCode], ...] = (
    (QueryRefused, ExitCode.REFUSED),
    (QueryFailed, ExitCode.REFUSED),
    (StoreUnavailable, ExitCode.UNREACHABLE),
    (StoreWriteFailed, ExitCode.UNREACHABLE),
    (OpcomapError, ExitCode.INVALID),
)


def exit_code(exc: OpcomapError) -> ExitCode:
    return next(code for kind, code in EXIT_CODES if isinstance(exc, kind))


def opcomap_version() -> str:
    from importlib.metadata import PackageNotFoundError, version as package_version  # only --version reads it

    try:
        return package_version("opcomap")
    except PackageNotFoundError:  # a checkout that was never installed
        return "0+unknown"


app = typer.Typer(
    name="opcomap",
    help="cli.help.opcomap",
    epilog="cli.help.exit_codes",
    cls=LocalisedGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _show_version(value: bool) -> None:
    if value:
        literal(f"opcomap {opcomap_version()}")
        raise typer.Exit()


@app.callback()
def group_options(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="cli.opt.debug")] = False,
    show_version: Annotated[bool | None, typer.Option(
        "--version", help="cli.opt.version", callback=_show_version, is_eager=True)] = None,
) -> None:
    """Options of the whole run, kept in the click context for every command."""
    del show_version  # handled by its eager callback
    state = ctx.ensure_object(CliState)
    state.debug = debug
    if debug:  # our own detailed log; the driver's and Streamlit's stay at their level
        for name in ("opcomap", "loaders", "graph_model"):
            logging.getLogger(name).setLevel(logging.DEBUG)
    # Only the language is checked here; other settings are read, and a wrong one
    # reported, by the commands that use them, so that help never waits for pydantic-settings.
    state.lang = settings_lang(strict=True)


DataOption = Annotated[list[Path] | None, typer.Option("--data", "-d", help="cli.opt.data")]
SchemaOption = Annotated[Path | None, typer.Option("--schema", help="cli.opt.schema")]


def print_problems(exc: ValidationFailed, lang: str) -> None:
    literal(words("cli.problems", n=len(exc.problems)), console=err, style="bold red")
    for problem in exc.problems:
        literal(f"  • {problem.describe(lang)}", console=err)


def fail_gracefully(typer_app: typer.Typer, one_shot: bool = False) -> int:
    """Run the app; turn every error into a sentence and an exit code (:class:`ExitCode`).

    ``one_shot``: the process ends with this command (see :attr:`CliState.one_shot`)."""
    state = CliState(lang=settings_lang(), one_shot=one_shot)  # errors met before the group's callback speak it too
    command = typer.main.get_command(typer_app)
    try:
        result = command.main(prog_name="opcomap", standalone_mode=False, obj=state)
    except BaseException as exc:  # noqa: BLE001 (every error ends here, as one sentence)
        return report(exc, state)
    # click returns the code of a typer.Exit instead of raising it in this mode
    return result if isinstance(result, int) else ExitCode.OK


def report(exc: BaseException, state: CliState) -> int:
    """Say what went wrong, in the run's language; the exit code that goes with it."""
    from pydantic import ValidationError

    lang = state.lang
    if isinstance(exc, ValidationFailed):
        print_problems(exc, lang)
        return ExitCode.INVALID
    if isinstance(exc, OpcomapError):  # not a bug: one sentence, even with --debug
        log.debug("%s (%s)", type(exc).__name__, exc.key)
        labelled("cli.error", exc.message(lang))
        return exit_code(exc)
    if isinstance(exc, ValidationError) and exc.title == "Settings":
        names = ", ".join(f"{str(e['loc'][0]).upper()}={e.get('input')!r}" for e in exc.errors())
        labelled("cli.error", words("cli.error.settings", names=names))
        return ExitCode.INVALID
    if isinstance(exc, typer.Exit):
        return exc.exit_code
    if isinstance(exc, NoArgsIsHelpError):  # the help is shown already: nothing went wrong to say
        return exc.exit_code
    if isinstance(exc, ClickException):  # click's own refusal of the command line
        from opcomap.cli.refusals import refusal

        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            literal(ctx.get_usage(), console=err)
            say("cli.try_help", console=err, command=ctx.command_path)
        labelled("cli.error", refusal(exc, lang))
        return exc.exit_code
    if isinstance(exc, (typer.Abort, KeyboardInterrupt)):
        say("cli.interrupted", console=err)
        return ExitCode.INTERRUPTED
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else ExitCode.INTERNAL
    # A bug: the traceback with --debug, one sentence otherwise.
    if state.debug:
        err.print_exception(show_locals=False)
    else:
        log.debug("unexpected error", exc_info=exc)
        labelled("cli.error.internal", words("cli.error.internal_detail", name=type(exc).__name__, detail=str(exc)))
    return ExitCode.INTERNAL
