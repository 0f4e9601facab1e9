"""Shared pieces of the CLI: the Typer app, common options, error handling."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph_model.errors import OpcomapError, ValidationFailed

log = logging.getLogger("opcomap.cli")

app = typer.Typer(
    name="opcomap",
    help="Cartographie des relations de l'écosystème de la formation professionnelle (OPCO).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data", "-d",
        help="Fichiers ou dossiers de données (CSV, XLSX, JSON, YAML). Sans --data : Neo4j si NEO4J_URI est défini, sinon la carte de référence fournie.",
    ),
]
NoIllustrativeOption = Annotated[bool, typer.Option("--no-illustrative", help="Écarte les liens marqués illustratifs.")]
NoWeakOption = Annotated[bool, typer.Option(
    "--no-weak", help="Écarte les liens dont la meilleure source est faible (confiance < 0,6).")]
SchemaOption = Annotated[
    Path | None,
    typer.Option("--schema", help="Fichier de schéma YAML (par défaut : écosystème français de la formation)."),
]


def print_problems(exc: ValidationFailed) -> None:
    err.print(f"[bold red]{len(exc.problems)} problème(s) trouvé(s) :[/]")
    for problem in exc.problems:
        err.print(f"  • {problem}", markup=False, highlight=False)


def fail_gracefully(typer_app: typer.Typer) -> int:
    """Run the app; turn every error into a sentence and an exit code."""
    try:
        result = typer_app(standalone_mode=False)
    except ValidationFailed as exc:
        print_problems(exc)
        return 1
    except OpcomapError as exc:
        err.print(f"[bold red]Erreur :[/] {exc}", highlight=False)
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        err.print("Interrompu.")
        return 130
    except KeyboardInterrupt:
        err.print("Interrompu.")
        return 130
    except Exception as exc:  # the last line of defence: no traceback for users
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Exit):
            return exc.exit_code
        log.debug("unexpected error", exc_info=True)
        err.print(f"[bold red]Erreur inattendue :[/] {type(exc).__name__}: {exc}", highlight=False)
        return 2
    # click returns the code of a typer.Exit instead of raising it in this mode
    return result if isinstance(result, int) else 0
