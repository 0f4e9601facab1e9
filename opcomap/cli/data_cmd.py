"""``opcomap validate | load | generate``: checking files, loading them into Neo4j, making test data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_model.models import Dataset
from graph_model.schema import Schema, load_schema
from loaders import load_dataset, write_csv_folder
from loaders.synthetic import generate as generate_dataset
from opcomap.cli.common import SchemaOption, app, out
from graph_model.errors import OpcomapError
from loaders.bundled import reference_dir
from opcomap.settings import Settings, get_settings
from opcomap.store.writer import LoadReport

PathsArgument = Annotated[
    list[Path],
    typer.Argument(help="Fichiers (CSV, XLSX, JSON, YAML, GraphML, GEXF) ou dossiers ; un dossier = tous ses fichiers de données."),
]


def read_map(data: list[Path] | None, schema: Schema, settings: Settings) -> Dataset:
    """The map a data-reading command works on: ``--data`` files, else Neo4j when
    NEO4J_URI is set, else the bundled reference map (embedded mode)."""
    if data:
        return load_dataset(data, schema)
    if settings.uses_neo4j:
        from opcomap.store import connect
        from opcomap.store.reader import read_dataset

        driver = connect(settings)
        try:
            return read_dataset(driver, settings.neo4j_database)
        finally:
            driver.close()
    return load_dataset([reference_dir()], schema)


@app.command()
def validate(paths: PathsArgument, schema: SchemaOption = None) -> None:
    """Vérifie des fichiers de données sans rien écrire ; liste tous les problèmes (fichier, ligne, colonne).

    Code de sortie 0 si tout est valide, 1 sinon.
    """
    dataset = load_dataset(paths, load_schema(schema))
    out.print(f"[green]Valide :[/] {len(dataset.actors)} acteurs, {len(dataset.relationships)} relations.")


@app.command()
def load(
    paths: PathsArgument,
    schema: SchemaOption = None,
    dataset: Annotated[str | None, typer.Option(
        "--dataset", help="Nom du jeu de données porté par chaque nœud et relation (par défaut : nom du premier fichier ou dossier).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Valide et compte ce qui serait créé, modifié ou supprimé, sans rien écrire.")] = False,
    prune: Annotated[bool, typer.Option(
        "--prune", help="Supprime les nœuds et relations de ce jeu de données absents des fichiers.")] = False,
) -> None:
    """Valide puis charge des fichiers dans Neo4j (NEO4J_URI), par lots, sans doublon.

    Si la validation échoue, rien n'est écrit. Recharger les mêmes fichiers ne change rien ;
    si Neo4j s'arrête en cours de route, relancer la même commande termine le chargement.
    """
    from opcomap.store import connect
    from opcomap.store.writer import plan_dataset, write_dataset

    settings = get_settings()
    the_schema = load_schema(schema)
    data = load_dataset(paths, the_schema)  # raises before any connection: nothing is written
    name = dataset or paths[0].resolve().stem
    driver = connect(settings)
    try:
        if dry_run:
            report = plan_dataset(driver, data, the_schema, dataset_name=name,
                                  database=settings.neo4j_database, prune=prune)
        else:
            with progress_bar(len(data.actors) + len(data.relationships)) as advance:
                report = write_dataset(driver, data, the_schema, dataset_name=name,
                                       database=settings.neo4j_database, prune=prune, on_batch=advance)
    finally:
        driver.close()
    print_load_report(report)


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A rows/s progress bar on a terminal; a silent counter otherwise (logs, CI)."""
    if not out.is_terminal:
        yield lambda _rows: None
        return
    columns = (
        TextColumn("Chargement"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} lignes/s"), TimeElapsedColumn(),
    )
    with Progress(*columns, console=out, transient=True) as progress:
        task = progress.add_task("load", total=total, rate="…")

        def advance(rows: int) -> None:
            progress.advance(task, rows)
            elapsed = progress.tasks[0].elapsed or 0
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / elapsed:,.0f}".replace(",", " ") if elapsed else "…")

        yield advance


def print_load_report(report: LoadReport) -> None:
    title = "Simulation (--dry-run) : rien n'a été écrit" if report.dry_run else f"Jeu de données « {report.dataset} » chargé"
    table = Table(title=title)
    for column in ("", "créés", "modifiés", "inchangés", "supprimés"):
        table.add_column(column, justify="right" if column else "left")
    for label, counts in (("Acteurs", report.actors), ("Relations", report.relationships)):
        table.add_row(label, str(counts.created), str(counts.updated), str(counts.unchanged), str(counts.pruned))
    out.print(table)
    shared = report.actors.shared + report.relationships.shared
    if shared:
        out.print(f"{report.actors.shared} acteur(s) et {report.relationships.shared} relation(s) déjà tenus par un autre "
                  "jeu de données (par exemple la carte de référence) : partagés et laissés tels quels.")
    if report.kept_actors:
        out.print(f"{report.kept_actors} acteur(s) absent(s) des fichiers conservé(s) : des relations d'autres "
                  "jeux de données (par exemple ajoutées dans l'application) y sont encore rattachées.")
    if not report.dry_run:
        out.print(f"{report.rows} lignes en {report.seconds:.1f} s ({report.rows_per_second:,.0f} lignes/s).".replace(",", " "))


@app.command()
def generate(
    actors: Annotated[int, typer.Option("--actors", help="Nombre d'acteurs (au moins 300).")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Graine : la même graine donne les mêmes fichiers.")] = 0,
    output: Annotated[Path, typer.Option("--output", "-o", help="Dossier où écrire actors.csv, relationships.csv, sources.csv.")] = Path("synthetic"),
    relationships: Annotated[int | None, typer.Option(
        "--relationships", help="Nombre de relations (par défaut : 10 × le nombre d'acteurs).")] = None,
) -> None:
    """Génère un jeu synthétique à l'échelle nationale (11 OPCO, ~330 branches, des milliers de CFA...).

    Noms inventés et liens marqués « illustratifs » : ce n'est pas la carte de référence.
    """
    try:
        data = generate_dataset(actors, relationships, seed)
    except ValueError as exc:
        raise OpcomapError(str(exc)) from exc
    write_csv_folder(data, output)
    out.print(f"{len(data.actors)} acteurs et {len(data.relationships)} relations écrits dans {output}/ (graine {seed}).")
