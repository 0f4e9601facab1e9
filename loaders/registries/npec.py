"""France compétences' référentiel des niveaux de prise en charge (NPEC) des contrats d'apprentissage.

An Excel workbook republished with each decree. Its layout moves between versions,
so sheets and columns are found by their words, not their exact spelling:

- the referential: « Onglet 3 - référentiel NPEC » (2022 on), « Onglet 3a - référentiel NPEC »,
  « Onglet 2 - par formation-CPNE » (2021)...; a title above the header (header on row 2 to 4,
  cells broken over several lines); one row per (certification, CPNE) with « Code RNCP » or
  « RNCP » (several codes joined by « / »), « Code CPNE », « NPEC final » or « Valeur finale »
  (a number, or NC / NR when there is none) and « Date d'applicabilité des NPEC »;
- « Onglet 4 - CPNE-IDCC »: the IDCC each CPNE answers for (one row per pair, IDCC without
  leading zeros, NA when none).

Each (certification, CPNE) row with a value gives one FUNDING_LEVEL tie per IDCC of the CPNE.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from graph_model.models import Actor, Relationship
from graph_model.words.formats import said
from loaders.registries.core import CountingReader, ImportBuilder, Progress, RegistryInfo, fold, idcc_code
from loaders.registries.rncp import certification_id, fiche_label, one_line, use_file_date

INFO = RegistryInfo(
    name="npec",
    title="Référentiel des niveaux de prise en charge des contrats d'apprentissage (NPEC)",
    publisher="France compétences",
    page_url="https://www.francecompetences.fr/referentiels-et-bases-de-donnees/"
             "?thematics=financement-de-la-formation-professionnelle-et-de-lapprentissage&group=referentiels",
    datagouv_dataset=None,
    file_suffix=".xlsx",
)

NO_VALUE = {"", "NC", "NR", "NA", "ND", "-"}  # what the referential writes for "no value"
HEADER_SEARCH_ROWS = 30  # the header sits under a title: row 2 to 4 in the versions seen
BLANK_RUN_LIMIT = 500  # sheets declare a million formatted rows; data ends long before

Matcher = Callable[[str], bool]  # on a header's folded words


def _words(header: str) -> list[str]:
    return header.split()


# Columns of the referential, matched on folded headers (no accents, case, line breaks, asterisks).
REFERENTIAL_COLUMNS: dict[str, Matcher] = {
    "rncp": lambda h: "RNCP" in _words(h) and _words(h)[0] in {"CODE", "RNCP"},
    "cpne": lambda h: h == "CODE CPNE" or h.startswith("CODE CPNE "),
    "npec": lambda h: bool({"FINAL", "FINALE"} & set(_words(h)) and {"NPEC", "VALEUR"} & set(_words(h))),
    "label": lambda h: (_words(h)[0] in {"LIBELLE", "INTITULE"}
                        and bool({"FORMATION", "CERTIFICATION"} & set(_words(h)))),
    "cpne_label": lambda h: h == "CPNE" or (_words(h)[0] in {"LIBELLE", "INTITULE"} and "CPNE" in _words(h)),
    "date": lambda h: h.startswith("DATE D APPLICABILITE"),
    "status": lambda h: h == "STATUT",
}
REFERENTIAL_REQUIRED = {"rncp": "Code RNCP", "cpne": "Code CPNE", "npec": "NPEC final"}
CPNE_IDCC_COLUMNS: dict[str, Matcher] = {
    "cpne": REFERENTIAL_COLUMNS["cpne"],
    "idcc": lambda h: "IDCC" in _words(h) and "CPNE" not in _words(h),
    "cpne_label": REFERENTIAL_COLUMNS["cpne_label"],
}
CPNE_IDCC_REQUIRED = {"cpne": "Code CPNE", "idcc": "IDCC"}


def read(path: Path, builder: ImportBuilder, progress: Progress | None) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    use_file_date(builder)
    try:
        with _workbook_file(path, progress) as handle:
            try:
                workbook = load_workbook(handle, read_only=True, data_only=True)
            except (KeyError, ValueError, InvalidFileException) as exc:
                raise zipfile.BadZipFile(str(exc)) from exc
            try:
                _read_workbook(workbook, builder)
            finally:
                workbook.close()
    except (zipfile.BadZipFile, OSError):
        builder.problem(None, None, "problems.npec_unreadable")


def _read_workbook(workbook: Any, builder: ImportBuilder) -> None:
    referential, cpne_sheet = _find_sheets(workbook.sheetnames)
    if referential is None or cpne_sheet is None:
        missing = [label for label, sheet in (("« Onglet 3 - référentiel NPEC »", referential),
                                              ("« Onglet 4 - CPNE-IDCC »", cpne_sheet)) if sheet is None]
        builder.problem(None, None, "problems.npec_sheets_missing", missing=", ".join(missing), count=len(missing),
                        sheets=", ".join(workbook.sheetnames))
        return
    idcc_by_cpne = _read_cpne_idcc(workbook[cpne_sheet], builder)
    if idcc_by_cpne is not None:
        _read_referential(workbook[referential], idcc_by_cpne, builder)


def _find_sheets(names: list[str]) -> tuple[str | None, str | None]:
    """The referential sheet and the CPNE -> IDCC sheet (else the IDCC -> CPNE one), by their words."""
    folded = {name: fold(name) for name in names}
    referential = next((n for n, f in folded.items() if ("REFERENTIEL NPEC" in f or "PAR FORMATION CPNE" in f)
                        and "HISTORIS" not in f), None)  # « 3b - NPEC historisées »: past values
    cpne_idcc = next((n for n, f in folded.items() if "CPNE IDCC" in f), None)
    idcc_cpne = next((n for n, f in folded.items() if "IDCC CPNE" in f), None)
    return referential, cpne_idcc or idcc_cpne


# -- rows of a sheet ------------------------------------------------------------------------

Header = dict[str, tuple[int, str]]  # column key -> (index, header as written)
Row = tuple[int, dict[str, Any], dict[str, str]]  # Excel row number, cells by key, headers by key


def _rows(sheet: Any, columns: dict[str, Matcher], required: dict[str, str],
          builder: ImportBuilder) -> Iterator[Row] | None:
    """The rows under the sheet's header row, or None (a problem) when no row of its top has
    the required columns."""
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    best: tuple[int | None, Header] = (None, {})
    for number, values in rows:
        found = _match_header(values, columns)
        if all(key in found for key in required):
            return _data_rows(rows, found, builder)
        if len(found) > len(best[1]):
            best = (number, found)
        if number >= HEADER_SEARCH_ROWS:
            break
    missing = [label for key, label in required.items() if key not in best[1]]
    builder.problem(best[0], None, "problems.npec_columns_missing", sheet=sheet.title, rows=HEADER_SEARCH_ROWS,
                    missing=", ".join(missing), count=len(missing))
    return None


def _data_rows(rows: Iterator[tuple[int, tuple[Any, ...]]], header: Header,
               builder: ImportBuilder) -> Iterator[Row]:
    headers = {key: written for key, (_, written) in header.items()}
    blank_run = 0
    for number, values in rows:
        if all(_text(v) == "" for v in values):
            blank_run += 1
            if blank_run >= BLANK_RUN_LIMIT:
                return
            continue
        blank_run = 0
        builder.summary.rows += 1
        yield number, {key: values[i] if i < len(values) else None for key, (i, _) in header.items()}, headers


def _match_header(values: tuple[Any, ...], columns: dict[str, Matcher]) -> Header:
    """The columns the cells of one row name; each cell serves one column."""
    found: Header = {}
    for index, value in enumerate(values):
        header = fold(_text(value))
        if not header:
            continue
        key = next((k for k, match in columns.items() if k not in found and match(header)), None)
        if key:
            found[key] = (index, one_line(_text(value)))
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# -- CPNE -> IDCC ---------------------------------------------------------------------------

def _read_cpne_idcc(sheet: Any, builder: ImportBuilder) -> dict[str, set[str]] | None:
    """Each CPNE code with its IDCC (an empty set: the sheet gives it none), None if unreadable."""
    rows = _rows(sheet, CPNE_IDCC_COLUMNS, CPNE_IDCC_REQUIRED, builder)
    if rows is None:
        return None
    idcc_by_cpne: dict[str, set[str]] = {}
    for row, cells, headers in rows:
        cpne = _text(cells["cpne"])
        codes = _idcc_list(cells["idcc"])
        if not cpne:
            if codes:
                builder.problem(row, headers["cpne"], "problems.npec_idcc_without_cpne", sheet=sheet.title)
            continue
        if codes is None:
            builder.problem(row, headers["idcc"], "problems.npec_idcc_unreadable", sheet=sheet.title,
                            value=_text(cells["idcc"]))
            continue
        idcc_by_cpne.setdefault(cpne, set()).update(codes)
    return idcc_by_cpne


def _idcc_list(value: Any) -> list[str] | None:
    """The IDCC a cell gives (« 478 », « 627, 749 », NA: none), None if one is unreadable.

    >>> _idcc_list(478), _idcc_list("627, 749 ; 1596"), _idcc_list("NA"), _idcc_list("abc")
    (['0478'], ['0627', '0749', '1596'], [], None)
    """
    text = _text(value)
    if text.upper() in NO_VALUE:
        return []
    codes = [idcc_code(token) for token in re.split(r"[\s,;/]+", text) if token]
    return None if any(c is None for c in codes) else [c for c in codes if c]


# -- the referential ------------------------------------------------------------------------

def _read_referential(sheet: Any, idcc_by_cpne: dict[str, set[str]], builder: ImportBuilder) -> None:
    rows = _rows(sheet, REFERENTIAL_COLUMNS, REFERENTIAL_REQUIRED, builder)
    if rows is None:
        return
    unknown_cpne: Counter[str] = Counter()
    without_idcc: Counter[str] = Counter()
    where = sheet.title
    for row, cells, headers in rows:
        certifications = _certifications(row, cells, headers, where, builder)
        amount = _amount(row, cells, headers, where, builder) if certifications else None
        if amount is None:
            continue
        since = _since(row, cells, headers, where, builder)
        cpne = _text(cells["cpne"])
        if not cpne:
            builder.problem(row, headers["cpne"], "problems.npec_cpne_missing", sheet=where)
            continue
        if cpne not in idcc_by_cpne:
            unknown_cpne[cpne] += 1
            builder.skip(said("registry.skip.npec_cpne_unknown"))
            continue
        if not idcc_by_cpne[cpne]:
            without_idcc[cpne] += 1
            builder.skip(said("registry.skip.npec_cpne_without_idcc"))
            continue
        cpne_label = one_line(_text(cells.get("cpne_label"))) or f"CPNE {cpne}"
        status = _text(cells.get("status"))
        note = f"Code CPNE {cpne}" + (f" ; statut « {status} » au référentiel" if status else "")
        for certification in certifications:
            target = _certification_actor(certification, one_line(_text(cells.get("label"))), builder)
            for idcc in sorted(idcc_by_cpne[cpne]):
                source = builder.branch(idcc)
                if len(certifications) > 1 and _tie_key(source, target, since) in builder.relationships:
                    continue  # a row shared by several codes yields to a code's own row
                builder.tie(source, target, "FUNDING_LEVEL", since=since, note=note,
                            npec_eur=amount, cpne=cpne_label)
    _notes(unknown_cpne, without_idcc, builder)


def _tie_key(source: str, target: str, since: dt.date | None) -> str:
    return Relationship(source=source, target=target, type="FUNDING_LEVEL", since=since).key


def _certifications(row: int, cells: dict[str, Any], headers: dict[str, str], where: str,
                    builder: ImportBuilder) -> list[str]:
    """The certification ids of a row (« RNCP31946/RNCP36989 » is two)."""
    raw = _text(cells["rncp"])
    if raw.upper() in NO_VALUE:
        builder.skip(said("registry.skip.npec_no_rncp"))
        return []
    ids = [certification_id(code) for code in re.split(r"[/,;\s]+", raw) if code]
    if not ids or any(i is None or not i.startswith("rncp-") for i in ids):
        builder.problem(row, headers["rncp"], "problems.npec_rncp_unreadable", sheet=where, value=raw)
        return []
    return [i for i in ids if i]


def _amount(row: int, cells: dict[str, Any], headers: dict[str, str], where: str,
            builder: ImportBuilder) -> float | None:
    """The NPEC in euros: a number, or text such as « 7 500,00 » or « 8 250 € »; NC / NR: none."""
    value = cells["npec"]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = _text(value)
    if text.upper() in NO_VALUE:
        builder.skip(said("registry.skip.npec_no_amount"))
        return None
    plain = re.sub(r"[\s\u00a0\u202f€]", "", text).replace(",", ".")
    try:
        return float(plain)
    except ValueError:
        builder.problem(row, headers["npec"], "problems.npec_amount_unreadable", sheet=where, value=text)
        return None


def _since(row: int, cells: dict[str, Any], headers: dict[str, str], where: str,
           builder: ImportBuilder) -> dt.date | None:
    value = cells.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if text.upper() in NO_VALUE:
        return None
    try:
        return dt.datetime.strptime(text[:10], "%d/%m/%Y").date()
    except ValueError:
        builder.problem(row, headers["date"], "problems.npec_date_unreadable", sheet=where, value=text)
        return None


def _certification_actor(actor_id: str, label: str, builder: ImportBuilder) -> str:
    """The certification a tie reaches: the anchors' own (an rncp import the user ties to,
    so both imports share it word for word), else one named by the referential."""
    known = builder.anchors.by_id.get(actor_id)
    if known is not None and known.kind == "CERTIFICATION":
        return builder.use(known)
    code = fiche_label(actor_id)
    return builder.add_actor(Actor(
        id=actor_id, name=label or f"Certification {code}", kind="CERTIFICATION", aliases=[code],
        description=f"Certification {code} du référentiel des niveaux de prise en charge des contrats "
                    "d'apprentissage (France compétences).",
        tags=["certification", "RNCP", "registre npec"],
    ))


def _notes(unknown_cpne: Counter[str], without_idcc: Counter[str], builder: ImportBuilder) -> None:
    def listed(counter: Counter[str]) -> str:
        codes = sorted(counter, key=lambda c: (len(c), c))
        return ", ".join(codes[:10]) + (" …" if len(codes) > 10 else "")

    if unknown_cpne:
        builder.note("registry.note.npec_cpne_unknown", n=sum(unknown_cpne.values()), codes=listed(unknown_cpne))
    if without_idcc:
        builder.note("registry.note.npec_cpne_without_idcc", n=sum(without_idcc.values()),
                     codes=listed(without_idcc))


# -- the file --------------------------------------------------------------------------------

@contextmanager
def _workbook_file(path: Path, progress: Progress | None) -> Iterator[IO[bytes]]:
    """The workbook as a binary file counting the bytes read; France compétences has also
    published the workbook zipped (« ….xlsx.zip »): its single .xlsx is read from a temporary copy."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        inner = [n for n in names if n.lower().endswith(".xlsx")]
        zipped = "[Content_Types].xml" not in names and len(inner) == 1
        if zipped:
            folder = Path(tempfile.mkdtemp(prefix="opcomap-npec-"))
            with archive.open(inner[0]) as source, (folder / "referentiel.xlsx").open("wb") as copy:
                shutil.copyfileobj(source, copy)
    try:
        target = folder / "referentiel.xlsx" if zipped else path
        with target.open("rb") as raw, CountingReader(raw, progress, path.stat().st_size) as counted:
            yield counted
    finally:
        if zipped:
            shutil.rmtree(folder, ignore_errors=True)
