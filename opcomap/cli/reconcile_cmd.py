"""``opcomap reconcile DIR``: what a registry import says that the map does not (and the reverse)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated, Any

import typer

from graph_model.errors import OpcomapError
from graph_model.words.formats import day
from opcomap.cli.common import SchemaOption, app
from opcomap.cli.output import (
    ExcelOption,
    Format,
    FormatOption,
    OutputOption,
    emit,
    err,
    literal,
    out,
    say,
    sheet_format,
    words,
)
from opcomap.cli.state import current_lang

CSV_COLUMNS = ("kind", "label", "actor_id", "actor_name", "map", "registry", "registry_name", "file_date")


def _default_who() -> str:
    try:
        return getpass.getuser() or "opcomap"
    except (KeyError, OSError):  # no login name in some containers
        return "opcomap"


@app.command(help="cli.help.reconcile")
def reconcile(
    folder: Annotated[Path, typer.Argument(help="cli.arg.import_folder", metavar="cli.metavar.folder")],
    against: Annotated[list[Path] | None, typer.Option("--against", "-a", help="cli.opt.against")] = None,
    fmt: FormatOption = Format.table,
    apply: Annotated[bool, typer.Option("--apply", help="cli.opt.apply")] = False,
    dataset: Annotated[str | None, typer.Option("--dataset", help="cli.opt.apply_dataset")] = None,
    who: Annotated[str | None, typer.Option("--who", help="cli.opt.who")] = None,
    schema: SchemaOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
) -> None:
    """List what a registry import says differently from the map; --apply writes the registry's version."""
    from graph_model.schema import load_schema
    from opcomap.reconcile import read_import
    from opcomap.reconcile import reconcile as compare
    from opcomap.settings import get_settings

    fmt = sheet_format(fmt, excel)
    if apply and against:
        raise OpcomapError("cli.reconcile.apply_against")
    if apply and not (dataset or "").strip():
        raise OpcomapError("cli.reconcile.apply_dataset")
    the_schema = load_schema(schema)
    settings = get_settings()
    imported = read_import(folder, the_schema)  # before any connection: a wrong folder is said at once
    current, where = _read_against(against, the_schema, settings)
    result = compare(imported, current)
    _print(result, fmt, where, output, excel)
    if apply:
        _apply(result, the_schema, settings, dataset or "", who or _default_who(), to_stderr=fmt is not Format.table)


def _read_against(against: list[Path] | None, schema: Any, settings: Any) -> tuple[Any, str]:
    """The map to compare with, and how to name it: files, else Neo4j, else the (edited) embedded map."""
    from loaders.bundled import reference_dir
    from opcomap.cli.data_cmd import read_map
    from opcomap.editing.workspace import map_folder

    if against:
        return read_map(against, schema, settings), ", ".join(str(p) for p in against)
    if settings.uses_neo4j:
        return read_map(None, schema, settings), words("cli.reconcile.neo4j", uri=settings.uri)
    # Embedded mode: the app's edits live in the workspace, and --apply writes there.
    folder = map_folder(settings.opcomap_workspace)
    label = (words("cli.reconcile.reference") if folder == reference_dir()
             else words("cli.reconcile.workspace", folder=str(folder)))
    return read_map([folder], schema, settings), label


def _print(result: Any, fmt: Format, where: str, output: Path | None = None, excel: bool = False) -> None:
    lang = current_lang()
    folder = result.folder
    rows = result.rows(lang)
    notes = [note.text(lang) for note in result.notes]
    date = day(folder.file_date, lang)
    nothing = words("cli.reconcile.nothing", map=where, title=folder.title, date=date)
    if fmt is Format.json:
        document = {
            "registry": folder.registry, "title": folder.title, "publisher": folder.publisher, "url": folder.url,
            "file": folder.file, "file_date": folder.file_date.isoformat(), "map": where,
            "differences": rows, "notes": notes,
        }
        if not rows:
            document["message"] = nothing
        emit(rows, fmt, output, document=document)
    elif fmt in (Format.csv, Format.xlsx):
        emit(rows, fmt, output, columns=CSV_COLUMNS, notes=([nothing] if not rows else []) + notes, excel=excel,
             title=words("cli.reconcile.title", title=folder.title, date=date, map=where))
    elif not rows:
        for line in (nothing, *notes):
            literal(line)
    else:
        shown = [{"difference": row["label"], "actor": f"{row['actor_name']} ({row['actor_id']})", "map": row["map"],
                  "registry": row["registry"], "registry_date": date} for row in rows]
        emit(shown, fmt, output, title=words("cli.reconcile.title", title=folder.title, date=date, map=where),
             notes=[words("cli.reconcile.count", n=len(rows)), *notes])


def _apply(result: Any, schema: Any, settings: Any, dataset: str, who: str, *, to_stderr: bool) -> None:
    from opcomap.reconcile import apply_differences

    if not result.differences:
        return
    lang = current_lang()
    if settings.uses_neo4j:
        from opcomap.reconcile import neo4j_store
        from opcomap.store import Store
        from opcomap.store.edits import ensure_history_index

        with Store.from_settings(settings, command="reconcile") as neo4j:
            ensure_history_index(neo4j)
            store = neo4j_store(neo4j, schema, settings.neo4j_database, dataset.strip(),
                                location=f"Neo4j {settings.uri} ({settings.neo4j_database})")
            report = apply_differences(result, store, schema, who=who, dataset_name=dataset, lang=lang)
    else:
        from opcomap.editing.workspace import WorkspaceStore

        store = WorkspaceStore(settings.opcomap_workspace, schema)
        report = apply_differences(result, store, schema, who=who, dataset_name=dataset, lang=lang)
    _print_report(report, store.location, err if to_stderr else out)


def _print_report(report: Any, location: str, console: Any) -> None:
    """What was applied; on stderr when stdout carries CSV or JSON for another program."""
    lang = current_lang()
    say("cli.reconcile.applied", console=console, n=len(report.applied), dataset=report.dataset, where=location)
    for difference, why in report.skipped:
        say("cli.reconcile.skipped", console=console, label=difference.label(lang), name=difference.actor_name,
            id=difference.actor_id, why=why)
