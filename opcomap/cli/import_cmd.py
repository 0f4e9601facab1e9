"""``opcomap import REGISTRY FILE``: the State's open registries, read in their publishers' layouts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

from opcomap.cli.common import SchemaOption, app, out
from graph_model.errors import OpcomapError

REGISTRY_HELP = (
    "siro (France compétences, table SIRET-OPCO), of-list (DGEFP, liste publique des organismes de formation), "
    "rncp (France compétences, export CSV du RNCP et du RS), npec (France compétences, référentiel des NPEC)."
)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise OpcomapError(f"--file-date : « {value} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA).")


def _sirets(path: Path | None) -> frozenset[str]:
    if path is None:
        return frozenset()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise OpcomapError(f"{path} : liste de SIRET illisible ({exc.strerror}).") from exc
    found = set()
    for number, line in enumerate(lines, start=1):
        value = line.strip().replace(" ", "")
        if not value or value.lower() == "siret":
            continue
        if not (value.isdigit() and len(value) == 14):
            raise OpcomapError(f"{path}, ligne {number} : « {line.strip()} » n'est pas un SIRET (14 chiffres).")
        found.add(value)
    return frozenset(found)


@contextmanager
def _bar(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """Bytes read of a large file, on a terminal; silent otherwise (logs, CI)."""
    if not out.is_terminal:
        yield lambda _n: None
        return
    columns = (TextColumn(label), BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeElapsedColumn())
    with Progress(*columns, console=out, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


@app.command("import")
def import_registry_command(
    registry: Annotated[str, typer.Argument(help=REGISTRY_HELP, show_default=False)],
    file: Annotated[Path | None, typer.Argument(
        help="Le fichier du registre, tel que publié. Avec --download : où l'enregistrer (par défaut dans le cache).",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Dossier à écrire : actors.csv, relationships.csv, sources.csv, import.toml.")] = None,
    into_neo4j: Annotated[bool, typer.Option(
        "--into-neo4j", help="Charge aussi le résultat dans Neo4j (NEO4J_URI), comme `opcomap load`.")] = False,
    dataset: Annotated[str | None, typer.Option(
        "--dataset", help="Nom du jeu de données dans Neo4j (par défaut : registre-REGISTRE).")] = None,
    download: Annotated[bool, typer.Option(
        "--download", help="Télécharge d'abord le fichier le plus récent chez son éditeur (data.gouv.fr).")] = False,
    companies: Annotated[bool, typer.Option(
        "--companies", help="siro : crée aussi un acteur par établissement (SIRET), pas seulement les branches.")] = False,
    region: Annotated[list[str] | None, typer.Option(
        "--region", help="Ne garde que cette Région (code INSEE, ex. 53) ; répétable.")] = None,
    departement: Annotated[list[str] | None, typer.Option(
        "--departement", help="Ne garde que ce département (ex. 35, 2A, 974) ; répétable.")] = None,
    siret_list: Annotated[Path | None, typer.Option(
        "--siret-list", help="Fichier texte, un SIRET par ligne : ne garde que ces établissements.")] = None,
    against: Annotated[list[Path] | None, typer.Option(
        "--against", help="Dossiers dont les acteurs sont repris tels quels, en plus de la carte de référence "
        "(ex. l'import rncp pour un import npec : les deux partagent alors leurs certifications) ; répétable.")] = None,
    file_date: Annotated[str | None, typer.Option(
        "--file-date", help="Date de publication du fichier (par défaut : la date de son nom, sinon sa date de modification).")] = None,
    schema: SchemaOption = None,
) -> None:
    """Lit un registre officiel dans le format de son éditeur et en fait un dossier chargeable.

    Chaque lien cite le registre (titre, éditeur, adresse, date du fichier). Les acteurs que la carte de référence connaît déjà (les OPCO, les Régions, les branches par IDCC) gardent leurs identifiants : charger les deux donne un seul graphe. Si le fichier n'est pas dans le format attendu, ou si une ligne est illisible, chaque problème est listé (fichier, ligne, colonne) et rien n'est écrit.

    Exemples :

      opcomap import siro siro-202611.csv --output imports/siro

      opcomap import of-list --download --output imports/of --region 53

      opcomap import npec referentiel-npec.xlsx --against imports/rncp --output imports/npec
    """
    from graph_model.schema import load_schema
    from loaders import load_dataset
    from loaders.registries import (
        MODULES,
        Anchors,
        ImportOptions,
        import_registry,
        registry_info,
        write_import,
    )
    from loaders.bundled import reference_dir

    if registry not in MODULES:
        raise OpcomapError(f"registre inconnu « {registry} » ; registres lus : {', '.join(MODULES)}")
    if output is None and not into_neo4j:
        raise OpcomapError("indiquez où écrire le résultat (--output DOSSIER) ou chargez-le dans Neo4j (--into-neo4j).")
    info = registry_info(registry)
    options = ImportOptions(
        companies=companies,
        regions=frozenset(_region_codes(region or [])),
        departements=frozenset(d.strip().upper() for d in departement or []),
        sirets=_sirets(siret_list),
        file_date=_date(file_date),
    )
    if download:
        file, published = _download(info, file)
        options.file_date = options.file_date or published
    elif file is None:
        raise OpcomapError(f"indiquez le fichier du registre, ou --download pour le télécharger ({info.page_url}).")
    the_schema = load_schema(schema)
    # Read before the registry: a bad --against folder is reported before minutes of reading.
    anchors = Anchors(load_dataset([reference_dir(), *(against or [])], the_schema))
    size = file.stat().st_size if file.is_file() else None
    with _bar(f"Lecture de {escape(file.name)}", size) as advance:
        data, summary = import_registry(registry, file, the_schema, options=options, anchors=anchors,
                                        progress=advance)
    if output is not None:
        write_import(data, summary, info, options, output)
    _print_summary(summary, output)
    if into_neo4j:
        _load(data, the_schema, dataset or f"registre-{registry}")


def _region_codes(values: list[str]) -> list[str]:
    from loaders.registries.core import region_code

    codes = []
    for value in values:
        code = region_code(value)
        if code is None:
            raise OpcomapError(f"--region : « {value} » n'est pas un code INSEE de Région (ex. 53 pour la Bretagne).")
        codes.append(code)
    return codes


def _download(info, file: Path | None) -> tuple[Path, dt.date]:
    from loaders.registries.download import download
    from opcomap.settings import get_settings

    folder = get_settings().opcomap_cache_dir / "registries" / info.name
    total: list[int | None] = [None]
    out.print(f"Téléchargement du registre « {escape(info.title)} » ({escape(info.publisher)})…")
    with _bar("Téléchargement", None) as advance:
        path, published = download(info, file, folder, progress=advance, on_size=lambda size: total.__setitem__(0, size))
    out.print(f"Fichier du {published.strftime('%d/%m/%Y')} enregistré : {escape(str(path))}", highlight=False)
    return path, published


def _n(number: int) -> str:
    """12 345 the French way; a non-breaking space, so a terminal never wraps inside a number."""
    return f"{number:,}".replace(",", "\u00a0")


def _print_summary(summary, output: Path | None) -> None:
    where = f" écrits dans {escape(str(output))}" if output else ""
    out.print(
        f"[green]Registre « {escape(summary.registry)} »[/] ({escape(summary.file)}, fichier du "
        f"{summary.file_date.strftime('%d/%m/%Y')}) : {_n(summary.rows)} lignes lues ; {_n(summary.actors)} acteurs "
        f"et {_n(summary.relationships)} relations{where}.",
        highlight=False, soft_wrap=True,
    )
    for reason, count in sorted(summary.skipped.items()):
        out.print(f"  • {_n(count)} ligne(s) sans acteur : {escape(reason)}", highlight=False, soft_wrap=True)
    for note in summary.notes:
        out.print(f"  • {escape(note)}", highlight=False, soft_wrap=True)


def _load(data, schema, name: str) -> None:
    from opcomap.cli.data_cmd import print_load_report, progress_bar
    from opcomap.settings import get_settings
    from opcomap.store import connect
    from opcomap.store.writer import write_dataset

    settings = get_settings()
    driver = connect(settings)
    try:
        with progress_bar(len(data.actors) + len(data.relationships)) as advance:
            report = write_dataset(driver, data, schema, dataset_name=name,
                                   database=settings.neo4j_database, on_batch=advance)
    finally:
        driver.close()
    print_load_report(report)
