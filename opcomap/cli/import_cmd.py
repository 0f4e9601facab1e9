"""``opcomap import REGISTRY FILE``: the State's open registries, read in their publishers' layouts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from graph_model.errors import OpcomapError
from graph_model.words.formats import day, number
from opcomap.cli.common import SchemaOption, app
from opcomap.cli.output import literal, out, say, words
from opcomap.cli.state import current_lang


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise OpcomapError("cli.import.bad_file_date", text=value)


def _sirets(path: Path | None) -> frozenset[str]:
    if path is None:
        return frozenset()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise OpcomapError("cli.import.sirets_unreadable", path=str(path), reason=exc.strerror or "") from exc
    found = set()
    for number, line in enumerate(lines, start=1):
        value = line.strip().replace(" ", "")
        if not value or value.lower() == "siret":
            continue
        if not (value.isdigit() and len(value) == 14):
            raise OpcomapError("cli.import.not_a_siret", path=str(path), row=number, text=line.strip())
        found.add(value)
    return frozenset(found)


@contextmanager
def _bar(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """Bytes read of a large file, on a terminal; silent otherwise (logs, CI)."""
    if not out.is_terminal:
        yield lambda _n: None
        return
    from rich.progress import (  # a terminal only: every other command starts without it
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TransferSpeedColumn,
    )

    columns = (TextColumn(label), BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeElapsedColumn())
    with Progress(*columns, console=out, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


@app.command("import", help="cli.help.import")
def import_registry_command(
    registry: Annotated[str, typer.Argument(
        help="cli.arg.registry", metavar="cli.metavar.registry", show_default=False)],
    file: Annotated[Path | None, typer.Argument(
        help="cli.arg.registry_file", metavar="cli.metavar.file", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="cli.opt.import_output")] = None,
    into_neo4j: Annotated[bool, typer.Option("--into-neo4j", help="cli.opt.into_neo4j")] = False,
    dataset: Annotated[str | None, typer.Option("--dataset", help="cli.opt.import_dataset")] = None,
    download: Annotated[bool, typer.Option("--download", help="cli.opt.download")] = False,
    companies: Annotated[bool, typer.Option("--companies", help="cli.opt.companies")] = False,
    region: Annotated[list[str] | None, typer.Option("--region", help="cli.opt.import_region")] = None,
    departement: Annotated[list[str] | None, typer.Option("--departement", help="cli.opt.departement")] = None,
    siret_list: Annotated[Path | None, typer.Option("--siret-list", help="cli.opt.siret_list")] = None,
    against: Annotated[list[Path] | None, typer.Option("--against", help="cli.opt.import_against")] = None,
    file_date: Annotated[str | None, typer.Option("--file-date", help="cli.opt.file_date")] = None,
    schema: SchemaOption = None,
) -> None:
    """Read an official registry in its publisher's layout into a folder that loads."""
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
        raise OpcomapError("cli.import.unknown_registry", registry=registry, known=", ".join(MODULES))
    if output is None and not into_neo4j:
        raise OpcomapError("cli.import.nowhere")
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
        raise OpcomapError("cli.import.no_file", url=info.page_url)
    the_schema = load_schema(schema)
    # Read before the registry: a bad --against folder is reported before minutes of reading.
    anchors = Anchors(load_dataset([reference_dir(), *(against or [])], the_schema))
    size = file.stat().st_size if file.is_file() else None
    with _bar(escape(words("cli.import.reading", file=file.name)), size) as advance:
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
            raise OpcomapError("cli.import.bad_region", text=value)
        codes.append(code)
    return codes


def _download(info, file: Path | None) -> tuple[Path, dt.date]:
    from loaders.registries.download import download
    from opcomap.settings import get_settings

    folder = get_settings().opcomap_cache_dir / "registries" / info.name
    total: list[int | None] = [None]
    say("cli.import.downloading", title=info.title, publisher=info.publisher)
    with _bar(escape(words("cli.import.download_bar")), None) as advance:
        path, published = download(info, file, folder, progress=advance, on_size=lambda size: total.__setitem__(0, size))
    say("cli.import.downloaded", date=day(published, current_lang()), path=str(path))
    return path, published


def _n(value: int) -> str:
    """A count the user's way, with no-break spaces, so a terminal never wraps inside a number.

    >>> _n(12345) == "12\u00a0345"
    True
    """
    return number(value, current_lang()).replace("\u202f", "\u00a0")


def _print_summary(summary, output: Path | None) -> None:
    lang = current_lang()
    where = words("cli.import.written_to", folder=str(output)) if output else ""
    say("cli.import.summary", registry=summary.registry, file=summary.file, date=day(summary.file_date, lang),
        rows=_n(summary.rows), actors=_n(summary.actors), relationships=_n(summary.relationships), where=where)
    for reason, count in summary.skipped_in(lang):
        say("cli.import.skipped", n=_n(count), reason=reason)
    for note in summary.notes_in(lang):
        literal(f"  • {note}")


def _load(data, schema, name: str) -> None:
    from opcomap.cli.data_cmd import print_load_report, progress_bar
    from opcomap.settings import get_settings
    from opcomap.store import Store
    from opcomap.store.writer import write_dataset

    with Store.from_settings(get_settings(), command="import") as store:
        with progress_bar(len(data.actors) + len(data.relationships)) as advance:
            report = write_dataset(store, data, schema, dataset_name=name, on_batch=advance)
    print_load_report(report)
