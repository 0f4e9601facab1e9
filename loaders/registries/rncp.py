"""France compétences' RNCP and RS open data: the daily ``export-fiches-csv-AAAA-MM-JJ.zip``.

The archive on data.gouv.fr holds one ``;``-separated, double-quoted UTF-8 table per
subject, each named ``export_fiches_CSV_<Table>_AAAA_MM_JJ.csv``. Three make the map:

- ``Standard``: one row per fiche (``Numero_Fiche`` RNCP12345 or RS1234, ``Intitule``,
  level, ``Date_Fin_Enregistrement`` as JJ/MM/AAAA, ``Actif`` ACTIVE / INACTIVE);
- ``Certificateurs``: one row per (fiche, certifier) with ``Siret_Certificateur``;
- ``CCN``: up to three collective agreements per fiche (``Ccn_1_Numero``, ``Ccn_1_Libelle``...).

Inactive fiches are kept, tagged "inactive" with their end date as ``until``: the NPEC
referential and past apprenticeship contracts still cite them.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from graph_model.errors import Phrase
from graph_model.models import Actor
from graph_model.words.formats import said
from loaders.registries.core import (
    CountingReader,
    ImportBuilder,
    Progress,
    RegistryInfo,
    fold,
    idcc_code,
    slug,
    sniff_encoding,
)

INFO = RegistryInfo(
    name="rncp",
    title="Répertoire national des certifications professionnelles et répertoire spécifique (RNCP et RS)",
    publisher="France compétences",
    page_url="https://www.data.gouv.fr/fr/datasets/"
             "repertoire-national-des-certifications-professionnelles-et-repertoire-specifique/",
    datagouv_dataset="repertoire-national-des-certifications-professionnelles-et-repertoire-specifique",
    resource_pattern=r"export-fiches-csv-\d{4}-\d{2}-\d{2}\.zip",
    file_suffix=".zip",
)

# export_fiches_CSV_Standard_2026_11_30.csv; other tables (Blocs_De_Compétences...) are not read.
TABLE_NAME = re.compile(r"^export_fiches_CSV_(Standard|Certificateurs|CCN)_(\d{4})_(\d{2})_(\d{2})\.csv$",
                        re.IGNORECASE)
STANDARD_REQUIRED = ("Numero_Fiche", "Intitule")
CERTIFIERS_REQUIRED = ("Numero_Fiche", "Siret_Certificateur", "Nom_Certificateur")
CCN_REQUIRED = ("Numero_Fiche", "Ccn_1_Numero", "Ccn_1_Libelle")
CCN_SLOTS = (1, 2, 3)
FICHE_NUMBER = re.compile(r"^\s*(RNCP|RS)?\s*0*(\d+)\s*$", re.IGNORECASE)
ABSENT_FICHE = said("registry.skip.rncp_absent_fiche")
FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")


# -- shared with the npec importer -----------------------------------------------------

def certification_id(code: str, bare_prefix: str | None = "RNCP") -> str | None:
    """The actor id of a fiche number, or None if it is not one (a bare number is read
    with ``bare_prefix``, or refused when it is None).

    >>> certification_id("RNCP34567"), certification_id("RS5678"), certification_id("34567")
    ('rncp-34567', 'rs-5678', 'rncp-34567')
    >>> certification_id("RNCP0955"), certification_id("en cours"), certification_id("34567", None)
    ('rncp-955', None, None)
    """
    match = FICHE_NUMBER.match(code)
    prefix = match.group(1) or bare_prefix if match else None
    if not match or not prefix or int(match.group(2)) == 0:
        return None
    return f"{prefix.lower()}-{int(match.group(2))}"


def fiche_label(certification: str) -> str:
    """How France compétences writes a fiche's number: ``rncp-34567`` -> ``RNCP34567``."""
    prefix, number = certification.split("-")
    return f"{prefix.upper()}{number}"


def date_in_name(name: str) -> dt.date | None:
    """A date written in a file name: the first 2026-11-30, 2026_11_30 or 20261130, else the
    last 30.11.2026 (France compétences names its workbooks « …-01.09.2026_vMAJ-15.09.2026 »).

    >>> date_in_name("export_fiches_CSV_CCN_2026_11_30.csv"), date_in_name("rncp.zip")
    (datetime.date(2026, 11, 30), None)
    >>> date_in_name("Referentiel-des-NPEC-01.09.2026_vMAJ-15.09.2026.xlsx")
    datetime.date(2026, 9, 15)
    """
    for match in re.finditer(r"(20\d{2})[-_]?(\d{2})[-_]?(\d{2})", name):
        day = _valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if day:
            return day
    dotted = [_valid_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
              for m in re.finditer(r"(\d{2})\.(\d{2})\.(20\d{2})", name)]
    return next((day for day in reversed(dotted) if day), None)


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def use_file_date(builder: ImportBuilder, inside: dt.date | None = None) -> None:
    """Date the import (and the source every tie cites) by the user's date, else a date in the
    file's name, else the publisher's date found inside the file. Call before any tie."""
    day = builder.options.file_date or date_in_name(Path(builder.file).name) or inside
    if day is None or day == builder.file_date:
        return
    builder.file_date = builder.summary.file_date = day
    # Same wording as ImportBuilder's own source title.
    builder.source = builder.source.model_copy(update={
        "title": f"{builder.info.title} (fichier du {day.strftime('%d/%m/%Y')})", "consulted": day})


def one_line(value: str | None) -> str:
    """A cell as one line: registries break long labels over several lines."""
    return " ".join((value or "").split())


# -- reading the archive ---------------------------------------------------------------

def read(path: Path, builder: ImportBuilder, progress: Progress | None) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        builder.problem(None, None, "problems.rncp_not_zip")
        return
    with archive:
        tables = _tables(archive)
        if "standard" not in tables:
            names = [PurePosixPath(n).name for n in archive.namelist()]
            found = ", ".join(names[:8]) + (" …" if len(names) > 8 else "") if names else Phrase("registry.none")
            builder.problem(None, None, "problems.rncp_table_missing", found=found)
            return
        member, day = tables["standard"]
        use_file_date(builder, inside=day)
        inactive = _read_standard(archive, member, builder, progress)
        if inactive:
            builder.note("registry.note.rncp_inactive", n=inactive)
        for table, reader in (("Certificateurs", _read_certifiers), ("CCN", _read_ccn)):
            if table.lower() in tables:
                reader(archive, tables[table.lower()][0], builder, progress)
            else:
                builder.note("registry.note.rncp_no_table", table=table)


def _tables(archive: zipfile.ZipFile) -> dict[str, tuple[zipfile.ZipInfo, dt.date]]:
    """The tables read, by lower-case name, with the date their file name carries."""
    tables: dict[str, tuple[zipfile.ZipInfo, dt.date]] = {}
    for info in archive.infolist():
        match = TABLE_NAME.match(PurePosixPath(info.filename).name)
        if match and not info.is_dir():
            day = _valid_date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
            if day:
                tables.setdefault(match.group(1).lower(), (info, day))
    return tables


@contextmanager
def _open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                 progress: Progress | None) -> Iterator[IO[str]]:
    """A table as text (encoding sniffed), progress counted in the archive's compressed bytes."""
    with archive.open(info) as raw:
        encoding = sniff_encoding(raw.read(1 << 16))
    ratio = info.compress_size / info.file_size if info.file_size else 0.0
    scaled = (lambda n: progress(int(n * ratio))) if progress else None
    with archive.open(info) as raw:
        buffered = io.BufferedReader(CountingReader(raw, scaled), 1 << 16)
        text = io.TextIOWrapper(buffered, encoding=encoding, newline="")
        try:
            yield text
        finally:
            text.close()


Report = Callable[[str, Phrase], None]  # (column, message): a problem on the row being read


def _records(archive: zipfile.ZipFile, info: zipfile.ZipInfo, required: tuple[str, ...],
             builder: ImportBuilder, progress: Progress | None) -> Iterator[tuple[dict[str, str], Report]]:
    """The rows of a table (cells by folded column name), each with a function reporting a
    problem at its row as a spreadsheet numbers it (header = 1) and naming the table; a table
    in another layout is one problem naming its missing columns."""
    name = PurePosixPath(info.filename).name
    row = 1
    try:
        with _open_member(archive, info, progress) as text:
            reader = csv.reader(text, delimiter=";")
            header = [fold(h) for h in next(reader, [])]
            missing = [c for c in required if fold(c) not in header]
            if missing:
                builder.problem(1, None, "problems.rncp_columns_missing_semicolon" if len(header) <= 1
                                else "problems.rncp_columns_missing", table=name, missing=", ".join(missing),
                                count=len(missing))
                return
            for row, cells in enumerate(reader, start=2):
                if any(c.strip() for c in cells):
                    builder.summary.rows += 1
                    yield dict(zip(header, cells, strict=False)), _reporter(builder, name, row)
    except UnicodeDecodeError:
        builder.problem(row + 1, None, "problems.rncp_encoding", table=name)
    except csv.Error as exc:
        builder.problem(row + 1, None, "problems.rncp_line_broken", table=name, reason=str(exc))


def _reporter(builder: ImportBuilder, table: str, row: int) -> Report:
    return lambda column, message: builder.problem(row, column, "problems.rncp_in_table", table=table, what=message)


_column_key = functools.cache(fold)  # a few column names, looked up millions of times


def _cell(cells: dict[str, str], column: str) -> str:
    return (cells.get(_column_key(column)) or "").strip()


# -- Standard: the certifications -------------------------------------------------------

def _read_standard(archive: zipfile.ZipFile, info: zipfile.ZipInfo, builder: ImportBuilder,
                   progress: Progress | None) -> int:
    """Make one CERTIFICATION per fiche; returns how many are inactive."""
    inactive = 0
    for cells, report in _records(archive, info, STANDARD_REQUIRED, builder, progress):
        actor = _certification(cells, report)
        if actor and actor.id not in builder.actors:
            builder.add_actor(actor)
            inactive += "inactive" in actor.tags
    return inactive


def _certification(cells: dict[str, str], report: Report) -> Actor | None:
    number = _cell(cells, "Numero_Fiche")
    actor_id = certification_id(number, bare_prefix=None)
    if actor_id is None:
        report("Numero_Fiche", Phrase("problems.rncp_number_unreadable", {"value": number}))
        return None
    name = one_line(_cell(cells, "Intitule"))
    if not name:
        report("Intitule", Phrase("problems.rncp_title_missing"))
        return None
    until = _date(cells, "Date_Fin_Enregistrement", report)
    status = _cell(cells, "Actif").upper()
    if status not in {"", "ACTIVE", "INACTIVE"}:
        report("Actif", Phrase("problems.rncp_status_unknown", {"value": status}))
        return None
    label = fiche_label(actor_id)
    abbreviation = one_line(_cell(cells, "Abrege_Libelle"))
    return Actor(
        id=actor_id, name=name, kind="CERTIFICATION", aliases=[label],
        description=_description(label, cells, status, until), until=until,
        tags=[t for t in ("certification", "RS" if label.startswith("RS") else "RNCP",
                          abbreviation.replace("|", "/"), status.lower()) if t],
    )


def _description(label: str, cells: dict[str, str], status: str, until: dt.date | None) -> str:
    directory = ("répertoire spécifique" if label.startswith("RS")
                 else "répertoire national des certifications professionnelles")
    parts = [f"Fiche {label} du {directory}."]
    level = re.search(r"\d", _cell(cells, "Nomenclature_Europe_Niveau")
                      or _cell(cells, "Nomenclature_Europe_Intitule"))
    if level:
        parts.append(f"Niveau {level.group()} du cadre national des certifications.")
    kind = " – ".join(x for x in (one_line(_cell(cells, "Abrege_Libelle")),
                                   one_line(_cell(cells, "Abrege_Intitule"))) if x)
    if kind:
        parts.append(f"{kind}.")
    if _cell(cells, "Type_Enregistrement"):
        parts.append(f"{one_line(_cell(cells, 'Type_Enregistrement'))}.")
    state = {"ACTIVE": "active", "INACTIVE": "inactive"}.get(status, "statut non renseigné")
    end = f", fin d'enregistrement le {until.strftime('%d/%m/%Y')}" if until else ""
    parts.append(f"Fiche {state}{end}.")
    return " ".join(parts)


def _date(cells: dict[str, str], column: str, report: Report) -> dt.date | None:
    """A JJ/MM/AAAA date (the export's format; ISO also read), None when empty or unreadable."""
    raw = _cell(cells, column)
    if not raw:
        return None
    french, iso = FRENCH_DATE.match(raw), ISO_DATE.match(raw)
    day = (_valid_date(int(french[3]), int(french[2]), int(french[1])) if french
           else _valid_date(int(iso[1]), int(iso[2]), int(iso[3])) if iso else None)
    if day is None:
        report(column, Phrase("problems.rncp_date_unreadable", {"value": raw}))
    return day


# -- Certificateurs: who certifies what ----------------------------------------------------

def _read_certifiers(archive: zipfile.ZipFile, info: zipfile.ZipInfo, builder: ImportBuilder,
                     progress: Progress | None) -> None:
    for cells, report in _records(archive, info, CERTIFIERS_REQUIRED, builder, progress):
        certification = _known_fiche(cells, builder)
        certifier = _certifier(cells, report, builder) if certification else None
        if certification and certifier:
            builder.tie(certifier, certification, "CERTIFIES")


def _known_fiche(cells: dict[str, str], builder: ImportBuilder) -> str | None:
    """The certification a row of a side table is about; a fiche the Standard table does not
    list is skipped (the tables of one export are not always consistent), not an error."""
    actor_id = certification_id(_cell(cells, "Numero_Fiche"), bare_prefix=None)
    if actor_id and actor_id in builder.actors and builder.actors[actor_id].kind == "CERTIFICATION":
        return actor_id
    builder.skip(ABSENT_FICHE)
    return None


def _certifier(cells: dict[str, str], report: Report, builder: ImportBuilder) -> str | None:
    """The id of a row's certifier, one actor per certifier: by SIRET when the export gives
    one, else by name."""
    raw_siret = _cell(cells, "Siret_Certificateur")
    siret = re.sub(r"\s", "", raw_siret)
    name = one_line(_cell(cells, "Nom_Certificateur"))
    if not siret and not name:
        builder.skip(said("registry.skip.rncp_certifier_unnamed"))
        return None
    if siret and not (siret.isdigit() and len(siret) == 14):
        report("Siret_Certificateur", Phrase("problems.rncp_siret_unreadable", {"value": raw_siret}))
        return None
    actor_id = f"certif-{siret}" if siret else f"certif-{slug(name)}"
    if actor_id in builder.actors:  # most rows name a certifier already met
        return actor_id
    return builder.add_actor(Actor(
        id=actor_id, name=name or f"Certificateur (SIRET {siret})", kind="CERTIFIER", siret=siret or None,
        description="Organisme certificateur de certifications enregistrées au RNCP ou au RS.",
        tags=["certificateur", "registre rncp"],
    ))


# -- CCN: the branches a certification belongs to -------------------------------------------

def _read_ccn(archive: zipfile.ZipFile, info: zipfile.ZipInfo, builder: ImportBuilder,
              progress: Progress | None) -> None:
    branches_by_name = {fold(a.name): a for a in builder.anchors.by_id.values()
                        if a.kind == "BRANCH" and a.idcc}
    renumbered: Counter[tuple[str, str, str]] = Counter()
    for cells, report in _records(archive, info, CCN_REQUIRED, builder, progress):
        certification = _known_fiche(cells, builder)
        if certification is None:
            continue
        for slot in CCN_SLOTS:
            number = _cell(cells, f"Ccn_{slot}_Numero")
            label = one_line(_cell(cells, f"Ccn_{slot}_Libelle"))
            if not number:
                if label:
                    builder.skip(said("registry.skip.rncp_ccn_unnumbered"))
                continue
            idcc = idcc_code(number)
            if idcc is None:
                report(f"Ccn_{slot}_Numero", Phrase("problems.rncp_idcc_unreadable", {"value": number}))
                continue
            known = branches_by_name.get(fold(label)) if label else None
            if known and known.idcc != idcc:
                # Same agreement name, other number: the export may give the JO brochure number.
                renumbered[(idcc, label, known.idcc or "")] += 1
                branch = builder.use(known)
            else:
                branch = builder.branch(idcc, name=label or None)
            builder.tie(certification, branch, "COVERS_BRANCH")
    if renumbered:
        (number, label, idcc), _ = renumbered.most_common(1)[0]
        builder.note("registry.note.rncp_renumbered", n=sum(renumbered.values()), number=number, label=label,
                     idcc=idcc)
