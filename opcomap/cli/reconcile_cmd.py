"""``opcomap reconcile DIR``: what a registry import says that the map does not (and the reverse)."""

from __future__ import annotations

import csv
import getpass
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from opcomap.cli.common import SchemaOption, app, err, out
from graph_model.errors import OpcomapError


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


CSV_COLUMNS = ("kind", "label", "actor_id", "actor_name", "map", "registry", "registry_name", "file_date")
NEEDS_THE_EDITED_MAP = (
    "--apply écrit dans la carte que l'on modifie (l'espace de travail OPCOMAP_WORKSPACE, ou Neo4j quand "
    "NEO4J_URI est défini) : il ne se combine pas avec --against, dont les fichiers sont seulement lus."
)
NEEDS_A_NAME = "--apply demande le nom du jeu de données qui portera la version du registre : --dataset NOM."


def _default_who() -> str:
    try:
        return getpass.getuser() or "opcomap"
    except (KeyError, OSError):  # no login name in some containers
        return "opcomap"


@app.command()
def reconcile(
    folder: Annotated[Path, typer.Argument(help="Dossier écrit par `opcomap import REGISTRE FICHIER --output DOSSIER`.")],
    against: Annotated[list[Path] | None, typer.Option(
        "--against", "-a",
        help="Carte à comparer : fichiers ou dossiers (comme --data). Sans --against : Neo4j si NEO4J_URI est défini, "
             "sinon l'espace de travail de l'application s'il a été modifié, sinon la carte de référence fournie.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Présentation : table, csv ou json.")] = Format.table,
    apply: Annotated[bool, typer.Option(
        "--apply", help="Écrit la version du registre, une modification enregistrée (avec sa raison) par différence.")] = False,
    dataset: Annotated[str | None, typer.Option(
        "--dataset", help="Avec --apply : nom du jeu de données qui porte la version du registre.")] = None,
    who: Annotated[str | None, typer.Option(
        "--who", help="Avec --apply : nom enregistré dans l'historique (par défaut : l'utilisateur du système).")] = None,
    schema: SchemaOption = None,
) -> None:
    """Compare un import de registre avec la carte et ne liste que les différences.

    Une ligne par différence : l'acteur, ce que dit la carte, ce que dit le registre, la date du fichier du registre. Des différences ne sont pas une erreur : le code de sortie est 0.

    Exemples :

      opcomap reconcile imports/siro

      opcomap reconcile imports/siro --format csv --against mes-donnees

      opcomap reconcile imports/siro --apply --dataset siro-2026-11
    """
    from graph_model.schema import load_schema
    from opcomap.reconcile import read_import
    from opcomap.reconcile import reconcile as compare
    from opcomap.settings import get_settings

    if apply and against:
        raise OpcomapError(NEEDS_THE_EDITED_MAP)
    if apply and not (dataset or "").strip():
        raise OpcomapError(NEEDS_A_NAME)
    the_schema = load_schema(schema)
    settings = get_settings()
    imported = read_import(folder, the_schema)  # before any connection: a wrong folder is said at once
    current, where = _read_against(against, the_schema, settings)
    result = compare(imported, current)
    _print(result, fmt, where)
    if apply:
        _apply(result, the_schema, settings, dataset or "", who or _default_who(), to_stderr=fmt is not Format.table)


def _read_against(against: list[Path] | None, schema: Any, settings: Any) -> tuple[Any, str]:
    """The map to compare with, and how to name it: files, else Neo4j, else the (edited) embedded map."""
    from opcomap.cli.data_cmd import read_map
    from opcomap.editing.workspace import map_folder
    from loaders.bundled import reference_dir

    if against:
        return read_map(against, schema, settings), ", ".join(str(p) for p in against)
    if settings.uses_neo4j:
        return read_map(None, schema, settings), f"Neo4j {settings.uri}"
    # Embedded mode: the app's edits live in the workspace, and --apply writes there.
    folder = map_folder(settings.opcomap_workspace)
    label = "carte de référence fournie" if folder == reference_dir() else f"espace de travail {folder}"
    return read_map([folder], schema, settings), label


def _print(result: Any, fmt: Format, where: str) -> None:
    folder = result.folder
    rows = result.rows("fr")
    notes = [note[0] for note in result.notes]
    nothing = (f"Aucune différence entre la carte ({where}) et « {folder.title} » du "
               f"{folder.file_date.strftime('%d/%m/%Y')}.")
    if fmt is Format.json:
        document = {
            "registry": folder.registry, "title": folder.title, "publisher": folder.publisher, "url": folder.url,
            "file": folder.file, "file_date": folder.file_date.isoformat(), "map": where,
            "differences": rows, "notes": notes,
        }
        if not rows:
            document["message"] = nothing
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        for line in ([nothing] if not rows else []) + notes:
            err.print(line, markup=False, highlight=False)
        return
    if not rows:
        out.print(nothing, markup=False, highlight=False)
    else:
        table = Table(title=f"{folder.title} du {folder.file_date.strftime('%d/%m/%Y')} comparé à : {where}",
                      title_justify="left")
        for column in ("Différence", "Acteur", "Carte", "Registre", "Date du registre"):
            table.add_column(column, overflow="fold")
        date = folder.file_date.strftime("%d/%m/%Y")
        for row in rows:
            # Data goes into Text cells: a name with [brackets] is never read as markup.
            table.add_row(*(_text(v) for v in (row["label"], f"{row['actor_name']} ({row['actor_id']})",
                                                  row["map"], row["registry"], date)))
        out.print(table)
        out.print(f"{len(rows)} différence(s).", highlight=False)
    for note in notes:
        out.print(note, markup=False, highlight=False)


def _text(value: str) -> Any:
    from rich.text import Text

    return Text(value)


def _apply(result: Any, schema: Any, settings: Any, dataset: str, who: str, *, to_stderr: bool) -> None:
    from opcomap.reconcile import apply_differences

    if not result.differences:
        return
    if settings.uses_neo4j:
        from opcomap.reconcile import neo4j_store
        from opcomap.store import connect
        from opcomap.store.edits import ensure_history_index

        driver = connect(settings)
        try:
            ensure_history_index(driver, settings.neo4j_database)
            store = neo4j_store(driver, schema, settings.neo4j_database, dataset.strip(),
                                location=f"Neo4j {settings.uri} ({settings.neo4j_database})")
            report = apply_differences(result, store, schema, who=who, dataset_name=dataset)
        finally:
            driver.close()
    else:
        from opcomap.editing.workspace import WorkspaceStore

        store = WorkspaceStore(settings.opcomap_workspace, schema)
        report = apply_differences(result, store, schema, who=who, dataset_name=dataset)
    _print_report(report, store.location, err if to_stderr else out)


def _print_report(report: Any, location: str, console: Any) -> None:
    """What was applied; on stderr when stdout carries CSV or JSON for another program."""
    console.print(f"{len(report.applied)} différence(s) appliquée(s) (jeu de données « {report.dataset} »), "
                  f"enregistrée(s) dans l'historique de {location}.", markup=False, highlight=False)
    for difference, why in report.skipped:
        console.print(f"  • non appliquée — {difference.label()} : {difference.actor_name} ({difference.actor_id}) : {why}",
                      markup=False, highlight=False)
