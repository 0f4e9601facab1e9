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

from graph_model.errors import ValidationFailed
from graph_model.words.formats import number
from loaders import load_dataset
from loaders.bundled import reference_dir
from opcomap.cli.common import SchemaOption, app
from opcomap.cli.output import ExcelOption, Format, FormatOption, out, say, to_json, words
from opcomap.cli.state import current_lang

if TYPE_CHECKING:
    from graph_model.models import Dataset
    from graph_model.schema import Schema
    from opcomap.settings import Settings
    from opcomap.store.writer import LoadReport

PathsArgument = Annotated[list[Path], typer.Argument(help="cli.arg.paths")]


def read_map(data: list[Path] | None, schema: Schema, settings: Settings) -> Dataset:
    """The map a data-reading command works on: ``--data`` files, else Neo4j when
    NEO4J_URI is set, else the bundled reference map (embedded mode)."""
    if data:
        return load_dataset(data, schema)
    if settings.uses_neo4j:
        from opcomap.store import Store
        from opcomap.store.reader import read_dataset

        with Store.from_settings(settings) as store:
            return read_dataset(store)
    return load_dataset([reference_dir()], schema)


@app.command(help="cli.help.validate")
def validate(paths: PathsArgument, schema: SchemaOption = None, fmt: FormatOption = Format.table) -> None:
    """Check data files without writing anything; every problem at once."""
    from graph_model.schema import load_schema

    from loaders import count_files

    try:
        actors, ties, problems = count_files(paths, load_schema(schema))
        if problems:
            raise ValidationFailed(problems)
    except ValidationFailed as exc:
        if fmt is Format.json:  # the program reading stdout gets the problems; the edge says them on stderr
            lang = current_lang()
            typer.echo(to_json({"valid": False, "problems": [
                {"file": p.file, "row": p.row, "column": p.column, "message": p.text(lang)} for p in exc.problems]}),
                nl=False)
        raise
    if fmt is Format.json:
        typer.echo(to_json({"valid": True, "actors": actors, "relationships": ties}), nl=False)
        return
    say("cli.valid", style="green", n=actors, m=ties)


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
    data = load_dataset(paths, the_schema)  # raises before any connection: nothing is written
    name = dataset or paths[0].resolve().stem
    if initial:  # an empty database has nothing to prune: --prune changes nothing here
        from opcomap.store.initial import initial_load

        quiet = fmt is not Format.table
        report = initial_load(settings, data, the_schema, dataset_name=name,
                              on_step=None if quiet else say)
        print_load_report(report, fmt)
        return
    with Store.from_settings(settings) as store:
        if dry_run:
            report = plan_dataset(store, data, the_schema, dataset_name=name, prune=prune)
        else:
            with progress_bar(len(data.actors) + len(data.relationships), quiet=fmt is not Format.table) as advance:
                report = write_dataset(store, data, the_schema, dataset_name=name, prune=prune, on_batch=advance)
    print_load_report(report, fmt)


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


def print_load_report(report: LoadReport, fmt: Format = Format.table) -> None:
    if fmt is Format.json:
        typer.echo(to_json(load_document(report)), nl=False)
        return
    title = words("cli.load.dry_run") if report.dry_run else words("cli.load.done", dataset=report.dataset)
    table = Table(title=Text(title))
    for column in ("", "cli.load.created", "cli.load.updated", "cli.load.unchanged", "cli.load.pruned"):
        table.add_column(words(column) if column else "", justify="right" if column else "left")
    for label, counts in (("cli.load.actors", report.actors), ("cli.load.relationships", report.relationships),
                          ("cli.load.sources", report.sources)):
        table.add_row(words(label), str(counts.created), str(counts.updated), str(counts.unchanged), str(counts.pruned))
    out.print(table)
    if report.actors.shared + report.relationships.shared:
        say("cli.load.shared", n=report.actors.shared, m=report.relationships.shared)
    if report.kept_actors:
        say("cli.load.kept", n=report.kept_actors)
    if not report.dry_run:
        lang = current_lang()
        say("cli.load.speed", rows=report.rows, seconds=number(report.seconds, lang, decimals=1),
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
