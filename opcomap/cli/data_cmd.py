"""``opcomap validate | load | generate | template``: checking files, loading them into Neo4j, making test
data, and the workbook a user fills in to import a map."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from graph_model.errors import Problem, ValidationFailed
from graph_model.words.formats import number
from loaders import load_dataset
from opcomap.cli.common import SchemaOption, app
from opcomap.cli.output import ExcelOption, Format, FormatOption, literal, out, say, to_json, words
from opcomap.cli.state import current_lang

if TYPE_CHECKING:
    from graph_model.models import Dataset
    from graph_model.schema import Schema
    from loaders.conventions import Conventions
    from opcomap.settings import Settings
    from opcomap.store.writer import LoadReport

# Days read the French way that could read otherwise, listed per file before "and N more".
NOTICES_SHOWN = 10
PathsArgument = Annotated[list[Path], typer.Argument(help="cli.arg.paths", metavar="cli.metavar.paths")]


def read_map(data: list[Path] | None, schema: Schema, settings: Settings) -> Dataset:
    """The map a data-reading command works on: ``--data`` files, else Neo4j when
    NEO4J_URI is set, else the embedded map (the edit workspace once edited, else the bundled map)."""
    if data:
        return load_dataset(data, schema)
    if settings.uses_neo4j:
        from opcomap.store import Store
        from opcomap.store.reader import read_dataset

        with Store.from_settings(settings) as store:
            return read_dataset(store)
    from opcomap.editing.embedded import embedded_paths

    return load_dataset(embedded_paths(settings.opcomap_workspace), schema)


@app.command(help="cli.help.validate")
def validate(paths: PathsArgument, schema: SchemaOption = None, fmt: FormatOption = Format.table) -> None:
    """Check data files without writing anything; every problem at once."""
    from graph_model.schema import load_schema

    from loaders import count_files

    heard: list[Conventions] = []
    try:
        actors, ties, problems = count_files(paths, load_schema(schema), heard)
        if problems:
            raise ValidationFailed(problems)
    except ValidationFailed as exc:
        if fmt is Format.json:  # the program reading stdout gets the problems; the edge says them on stderr
            typer.echo(to_json({"valid": False, "problems": [where_what(p) for p in exc.problems],
                                **conventions_document(heard)}), nl=False)
        else:
            tell_conventions(heard)
        raise
    if fmt is Format.json:
        typer.echo(to_json({"valid": True, "actors": actors, "relationships": ties, **conventions_document(heard)}),
                   nl=False)
        return
    tell_conventions(heard)
    say("cli.valid", style="green", n=actors, m=ties)


def where_what(problem: Problem) -> dict[str, object]:
    return {"file": problem.file, "row": problem.row, "column": problem.column, "message": problem.text(current_lang())}


def conventions_document(heard: list[Conventions]) -> dict[str, list[dict[str, object]]]:
    """How each file was written, for a program: stable English keys."""
    files = [{"file": c.file, "encoding": c.encoding, "delimiter": c.delimiter,
              "dates": [name for name, seen in (("DD/MM/YYYY", c.french_dates), ("YYYY-MM-DD", c.iso_dates)) if seen],
              "decimal_comma": c.decimal_comma, "spaced_thousands": c.spaced_thousands} for c in heard]
    return {"files": files, "notices": [where_what(n) for c in heard for n in c.notices]}


def tell_conventions(heard: list[Conventions]) -> None:
    """Each file's way of writing, then the days read the French way that could read otherwise
    (the first few per file: a French file may hold hundreds)."""
    lang = current_lang()
    for conventions in heard:
        literal(conventions.describe(lang))
    for conventions in heard:
        for notice in conventions.notices[:NOTICES_SHOWN]:
            literal(f"  ! {notice.describe(lang)}", style="yellow")
        if len(conventions.notices) > NOTICES_SHOWN:
            say("cli.notices_more", style="yellow", n=len(conventions.notices) - NOTICES_SHOWN, file=conventions.file)


@app.command(help="cli.help.load")
def load(
    paths: PathsArgument,
    schema: SchemaOption = None,
    dataset: Annotated[str | None, typer.Option("--dataset", help="cli.opt.load_dataset")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="cli.opt.dry_run")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="cli.opt.prune")] = False,
    initial: Annotated[bool, typer.Option("--initial", help="cli.opt.initial")] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Validate, then load files into Neo4j in batches, idempotently (``--initial``: an
    empty local database, through neo4j-admin's import)."""
    from opcomap.store import Store
    from opcomap.store.writer import plan_dataset, write_dataset

    from graph_model.errors import OpcomapError
    from graph_model.schema import load_schema
    from opcomap.settings import get_settings

    if initial and dry_run:
        raise OpcomapError("cli.load.initial_dry_run")
    settings = get_settings()
    the_schema = load_schema(schema)
    heard: list[Conventions] = []
    try:
        data = load_dataset(paths, the_schema, heard)  # raises before any connection: nothing is written
    finally:
        if fmt is Format.table:
            tell_conventions(heard)
    name = dataset or paths[0].resolve().stem
    if initial:  # an empty database has nothing to prune: --prune changes nothing here
        from opcomap.store.initial import initial_load

        quiet = fmt is not Format.table
        report = initial_load(settings, data, the_schema, dataset_name=name,
                              on_step=None if quiet else say)
        print_load_report(report, fmt, heard)
        return
    with Store.from_settings(settings, command="load") as store:
        if dry_run:
            report = plan_dataset(store, data, the_schema, dataset_name=name, prune=prune)
        else:
            with progress_bar(len(data.actors) + len(data.relationships), quiet=fmt is not Format.table) as advance:
                report = write_dataset(store, data, the_schema, dataset_name=name, prune=prune, on_batch=advance)
    print_load_report(report, fmt, heard)


@contextmanager
def progress_bar(total: int, *, quiet: bool = False) -> Iterator[Callable[[int], None]]:
    """A rows/s progress bar on a terminal; a silent counter otherwise (logs, CI, machine output)."""
    if quiet or not out.is_terminal:
        yield lambda _rows: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # a terminal only

    columns = (
        TextColumn(words("cli.load.progress")), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
    )
    with Progress(*columns, console=out, transient=True) as progress:
        task = progress.add_task("load", total=total, rate="…")

        def advance(rows: int) -> None:
            progress.advance(task, rows)
            elapsed = progress.tasks[0].elapsed or 0
            done = progress.tasks[0].completed
            rate = words("cli.load.rate", rate=number(round(done / elapsed), current_lang())) if elapsed else "…"
            progress.update(task, rate=rate)

        yield advance


def load_document(report: LoadReport) -> dict:
    """The report for a program: stable English keys."""
    def counts(c) -> dict[str, int]:
        return {"created": c.created, "updated": c.updated, "unchanged": c.unchanged, "pruned": c.pruned,
                "shared": c.shared}

    return {"dataset": report.dataset, "dry_run": report.dry_run, "actors": counts(report.actors),
            "relationships": counts(report.relationships), "sources": counts(report.sources),
            "kept_actors": report.kept_actors,
            "rows": report.rows, "seconds": round(report.seconds, 3)}


def print_load_report(report: LoadReport, fmt: Format = Format.table, heard: list[Conventions] | None = None) -> None:
    if fmt is Format.json:
        typer.echo(to_json({**load_document(report), **conventions_document(heard or [])}), nl=False)
        return
    title = words("cli.load.dry_run") if report.dry_run else words("cli.load.done", dataset=report.dataset)
    table = Table(title=Text(title))
    for column in ("", "cli.load.created", "cli.load.updated", "cli.load.unchanged", "cli.load.pruned"):
        table.add_column(words(column) if column else "", justify="right" if column else "left")
    for label, counts in (("cli.load.actors", report.actors), ("cli.load.relationships", report.relationships),
                          ("cli.load.sources", report.sources)):
        table.add_row(words(label), *(number(n, current_lang()) for n in (counts.created, counts.updated,
                                                                         counts.unchanged, counts.pruned)))
    out.print(table)
    if report.actors.shared + report.relationships.shared:
        say("cli.load.shared", n=report.actors.shared, m=report.relationships.shared)
    if report.kept_actors:
        say("cli.load.kept", n=report.kept_actors)
    if not report.dry_run:
        lang = current_lang()
        say("cli.load.speed", rows=number(report.rows, lang), seconds=number(report.seconds, lang, decimals=1),
            rate=number(round(report.rows_per_second), lang))


@app.command(help="cli.help.generate")
def generate(
    actors: Annotated[int, typer.Option("--actors", help="cli.opt.actors")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="cli.opt.generate_seed")] = 0,
    output: Annotated[Path, typer.Option("--output", "-o", help="cli.opt.generate_output")] = Path("synthetic"),
    relationships: Annotated[int | None, typer.Option("--relationships", help="cli.opt.relationships")] = None,
    excel: ExcelOption = False,
) -> None:
    """A synthetic national-scale dataset (invented names, illustrative ties)."""
    from loaders.exporters import write_csv_folder, write_excel_csv_folder
    from loaders.synthetic import generate as generate_dataset

    data = generate_dataset(actors, relationships, seed)  # too small or too dense: InvalidValue, said by the edge
    (write_excel_csv_folder if excel else write_csv_folder)(data, output)
    say("cli.generate.done", n=len(data.actors), m=len(data.relationships), folder=str(output), seed=seed)


@app.command(help="cli.help.template")
def template(
    output: Annotated[Path, typer.Option("--output", "-o", help="cli.opt.template_output")] = Path("modele.xlsx"),
    schema: SchemaOption = None,
) -> None:
    """The import template: an XLSX workbook with the loader's columns and the schema's lists."""
    from graph_model.errors import OpcomapError
    from graph_model.schema import load_schema
    from loaders.template import write_template

    the_schema = load_schema(schema)
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_template(output, the_schema, current_lang())
    except OSError as exc:
        raise OpcomapError("problems.write_failed", path=str(output), reason=exc.strerror) from exc
    say("cli.template.done", path=str(output), kinds=len(the_schema.kinds), types=len(the_schema.relationship_types))
