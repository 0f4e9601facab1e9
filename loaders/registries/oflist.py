"""The DGEFP's public list of training organisations (art. L.6351-7-1 du Code du travail).

One row per activity declaration (NDA): the organisation's name, SIRET, address,
its Qualiopi categories and what it declared for its last exercise. Each NDA
becomes one TRAINING_ORG actor (a CFA when it is certified for apprenticeship)
located in its Région.

The file is ``;``-separated, text cells often quoted, booleans ``true``/``false``,
dates JJ/MM/AAAA, and every line (the header too) ends with a ``;``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_model.errors import InvalidValue, Phrase
from graph_model.models import Actor
from graph_model.words import t
from graph_model.words.formats import said
from graph_model.words.values import is_blank, truth
from loaders.registries.core import ImportBuilder, Progress, RegistryInfo, open_text, region_code

INFO = RegistryInfo(
    name="of-list",
    title="Liste publique des organismes de formation (L.6351-7-1 du Code du travail)",
    publisher="Ministère du Travail – DGEFP",
    page_url=("https://www.data.gouv.fr/fr/datasets/"
              "liste-publique-des-organismes-de-formation-l-6351-7-1-du-code-du-travail/"),
    datagouv_dataset="liste-publique-des-organismes-de-formation-l-6351-7-1-du-code-du-travail",
    # The current CSV, not the "ancien format" file kept on the same page.
    resource_pattern=r"(?i)listePubliqueOF|organismes de formation \(format csv\)",
    file_suffix=".csv",
)

# The publisher's column names.
NDA = "numeroDeclarationActivite"
PREVIOUS_NDA = "numerosDeclarationActivitePrecedent"
NAME = "denomination"
SIREN = "siren"
SIRET = "siretEtablissementDeclarant"
POSTCODE = "adressePhysiqueOrganismeFormation.codePostal"
TOWN = "adressePhysiqueOrganismeFormation.ville"
REGION = "adressePhysiqueOrganismeFormation.codeRegion"
TRAINING = "certifications.actionsDeFormation"
SKILLS_REVIEW = "certifications.bilansDeCompetences"
VAE = "certifications.VAE"
APPRENTICESHIP = "certifications.actionsDeFormationParApprentissage"
FOREIGN_NAME = "organismeEtrangerRepresente.denomination"
FOREIGN_COUNTRY = "organismeEtrangerRepresente.pays"
LAST_DECLARATION = "informationsDeclarees.dateDerniereDeclaration"
EXERCISE_START = "informationsDeclarees.debutExercice"
EXERCISE_END = "informationsDeclarees.finExercice"
SPECIALITIES = tuple(f"informationsDeclarees.specialitesDeFormation.libelleSpecialite{i}" for i in (1, 2, 3))
TRAINEES = "informationsDeclarees.nbStagiaires"

# Qualiopi category column -> (tag, the catalogue's words for the description)
CERTIFICATIONS = {
    TRAINING: ("qualiopi:actions-de-formation", "registry.oflist.training"),
    SKILLS_REVIEW: ("qualiopi:bilans-de-competences", "registry.oflist.skills_review"),
    VAE: ("qualiopi:vae", "registry.oflist.vae"),
    APPRENTICESHIP: ("qualiopi:apprentissage", "registry.oflist.apprenticeship"),
}
# The description is data: written in the list's language, whatever the reader's.
DATA_LANG = "fr"
_NDA_RUN = re.compile(r"[0-9A-Za-z]+")
DATES = (LAST_DECLARATION, EXERCISE_START, EXERCISE_END)
# Read when present: PREVIOUS_NDA, SIREN, FOREIGN_NAME, FOREIGN_COUNTRY, SPECIALITIES.
REQUIRED = (NDA, NAME, SIRET, POSTCODE, TOWN, REGION, *CERTIFICATIONS, *DATES, TRAINEES)

# The file's 30 columns, in the publisher's order (the header ends with one more ";").
PUBLISHED_COLUMNS = (
    NDA, PREVIOUS_NDA, NAME, SIREN, SIRET,
    "adressePhysiqueOrganismeFormation.voie", POSTCODE, TOWN, REGION,
    TRAINING, SKILLS_REVIEW, VAE, APPRENTICESHIP,
    FOREIGN_NAME, "organismeEtrangerRepresente.voie", "organismeEtrangerRepresente.codePostal",
    "organismeEtrangerRepresente.ville", FOREIGN_COUNTRY,
    LAST_DECLARATION, EXERCISE_START, EXERCISE_END,
    *(f"informationsDeclarees.specialitesDeFormation.{part}Specialite{i}"
      for i in (1, 2, 3) for part in ("code", "libelle")),
    TRAINEES, "informationsDeclarees.nbStagiairesConfiesParUnAutreOF", "informationsDeclarees.effectifFormateurs",
)

NDA_SHAPE = re.compile(r"[0-9A-Za-z]{11}")
DATE_SHAPE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")

SKIP_DUPLICATE = said("registry.skip.oflist_duplicate")
SKIP_OUT_OF_SCOPE = said("registry.skip.out_of_scope")
SKIP_NO_REGION = said("registry.skip.oflist_no_region")
SKIP_UNKNOWN_REGION = said("registry.skip.oflist_unknown_region")


Cell = Callable[[str], str]  # a column name -> the current row's text ("" for a column the file lacks)


class CellError(InvalidValue):
    """A cell the publisher's layout does not allow; its message (a catalogue key) is for the user."""


# -- cells -------------------------------------------------------------------------------

def certified(raw: str) -> bool:
    """A Qualiopi category cell as a boolean.

    "VRAI"/"FAUX": the same file once opened and saved again by a French spreadsheet
    (the yes/no words of :mod:`graph_model.words.values`). A blank cell certifies nothing.

    >>> certified("true"), certified(" FAUX "), certified("")
    (True, False, False)
    """
    if is_blank(raw):
        return False
    answer = truth(raw)
    if answer is None:
        raise CellError("problems.oflist_not_bool", value=raw)
    return answer


@functools.lru_cache(maxsize=8192)  # a list of 150,000 rows holds a few thousand distinct dates
def french_date(raw: str) -> dt.date | None:
    """A JJ/MM/AAAA cell as a date (None when blank).

    >>> french_date("31/12/2024"), french_date(" ")
    (datetime.date(2024, 12, 31), None)
    """
    text = raw.strip()
    if not text:
        return None
    match = DATE_SHAPE.fullmatch(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise CellError("problems.oflist_not_date", value=raw)


def trainee_count(raw: str) -> int | None:
    """The declared trainees (None when blank).

    >>> trainee_count("1250"), trainee_count("1 250"), trainee_count("")
    (1250, 1250, None)
    """
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if not text.isdigit():
        raise CellError("problems.oflist_not_trainees", value=raw)
    return int(text)


def siret_of(raw: str, siren: str = "") -> str | None:
    """A SIRET as 14 digits, leading zeros kept; None when blank or malformed.

    Thirteen digits are taken for a SIRET whose leading zero a spreadsheet dropped when
    the row's SIREN (or its absence) agrees.

    >>> siret_of("03812345600017"), siret_of("038 123 456 00017"), siret_of("3812345600017", "038123456")
    ('03812345600017', '03812345600017', '03812345600017')
    >>> siret_of("3812345600017", "812345600"), siret_of("12345")
    (None, None)
    """
    digits = raw.strip().replace(" ", "")
    if not digits.isdigit():
        return None
    if len(digits) == 13:
        padded = "0" + digits
        known = siren.strip()
        return padded if not known or known.zfill(9) == padded[:9] else None
    return digits if len(digits) == 14 else None


def departement_of(postcode: str) -> str | None:
    """The département of a French postal code: two characters, three overseas, 2A/2B in Corsica.

    >>> [departement_of(p) for p in ("35000", "1000", "97110", "20000", "20167", "20200", "20600", "", "B-1000")]
    ['35', '01', '971', '2A', '2A', '2B', '2B', None, None]
    """
    code = postcode.strip().replace(" ", "")
    if len(code) == 4 and code.isdigit():  # a spreadsheet dropped the leading zero
        code = "0" + code
    if len(code) != 5 or not code.isdigit():
        return None
    if code.startswith(("97", "98")):
        return code[:3]
    if code.startswith("20"):
        return "2A" if code[:3] in {"200", "201"} else "2B"
    return code[:2]


def _departement_option(value: str) -> str:
    text = value.strip().upper()
    return text.zfill(2) if text.isdigit() else text


# -- the file ----------------------------------------------------------------------------

@dataclass
class _Scope:
    """What the user narrowed the import to (empty sets: everything)."""

    regions: frozenset[str]
    departements: frozenset[str]
    sirets: frozenset[str]

    def admits(self, region: str | None, postcode: str, siret: str | None) -> bool:
        if self.regions and region not in self.regions:
            return False
        if self.departements and departement_of(postcode) not in self.departements:
            return False
        return not (self.sirets and siret not in self.sirets)


def _column_index(header: list[str]) -> dict[str, int]:
    """Column name -> position; a BOM, spaces or the trailing ``;``'s empty name are ignored."""
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        key = name.replace("\ufeff", "").strip().strip('"').strip()
        if key:
            index.setdefault(key, position)
    return index


def _layout_problem(header: list[str], missing: list[str]) -> Phrase:
    columns = ", ".join(missing)
    if len(header) == 1 and any(sep in header[0] for sep in (",", "\t", "|")):
        return Phrase("problems.oflist_not_semicolons", {"columns": columns})
    return Phrase("problems.oflist_layout", {"columns": columns})


def _is_archive(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def read(path: Path, builder: ImportBuilder, progress: Progress | None) -> None:
    """Stream the list into the builder: one actor per NDA, tied to its Région."""
    if _is_archive(path):
        builder.problem(None, None, "problems.oflist_zip")
        return
    try:
        with open_text(path, progress) as (text, _encoding):
            rows = csv.reader(text, delimiter=";")
            try:
                _read_header_and_rows(rows, builder)
            except csv.Error:  # in practice a quote never closed swallowing the rest of the file
                builder.problem(None, None, "problems.oflist_csv_broken", line=rows.line_num)
    except UnicodeDecodeError:
        builder.problem(None, None, "problems.oflist_encoding")


def _read_header_and_rows(rows: Iterator[list[str]], builder: ImportBuilder) -> None:
    header = next(rows, None)
    if header is None:
        builder.problem(1, None, "problems.registry_file_empty")
        return
    index = _column_index(header)
    missing = [name for name in REQUIRED if name not in index]
    if missing:
        builder.problem(1, None, _layout_problem(header, missing))
        return
    _read_rows(rows, index, builder)


@dataclass
class _Counts:
    cfa: int = 0
    training_orgs: int = 0
    bad_siret_rows: int = 0
    padded_sirets: int = 0
    first_bad_siret_row: int | None = None


def _read_rows(rows: Iterable[list[str]], index: dict[str, int], builder: ImportBuilder) -> None:
    options = builder.options
    scope = _Scope(
        regions=frozenset(r for r in (region_code(code) for code in options.regions) if r),
        departements=frozenset(_departement_option(d) for d in options.departements),
        sirets=frozenset(s.replace(" ", "") for s in options.sirets),
    )
    width = max(index.values()) + 1
    seen: set[str] = set()
    counts = _Counts()
    for row_number, row in enumerate(rows, start=2):
        if not any(text.strip() for text in row):
            continue  # a blank line
        if len(row) < width:
            row += [""] * (width - len(row))
        builder.summary.rows += 1

        def cell(name: str, row: list[str] = row) -> str:
            position = index.get(name)
            return row[position] if position is not None else ""

        nda = _admitted_nda(builder, row_number, cell, scope, seen)
        if nda:
            _add_organisation(builder, row_number, nda, cell, counts)
    _add_notes(builder, counts)


def _admitted_nda(builder: ImportBuilder, row_number: int, cell: Cell, scope: _Scope, seen: set[str]) -> str | None:
    """The row's NDA when the row is to be imported; else None, the row skipped or reported."""
    nda = cell(NDA).strip()
    well_formed = NDA_SHAPE.fullmatch(nda) is not None
    if well_formed:
        # Duplicates are found over the whole file, so a narrowed import is a part of the full one.
        if nda in seen:
            builder.skip(SKIP_DUPLICATE)
            return None
        seen.add(nda)
    if not scope.admits(region_code(cell(REGION)), cell(POSTCODE), siret_of(cell(SIRET), cell(SIREN))):
        builder.skip(SKIP_OUT_OF_SCOPE)  # a bad row the user did not ask for blocks nothing
        return None
    if not well_formed:
        builder.problem(row_number, NDA, "problems.oflist_nda", value=cell(NDA))
        return None
    return nda


def _counted_siret(raw: str, siren: str, row_number: int, counts: _Counts) -> str | None:
    siret = siret_of(raw, siren)
    written = raw.strip().replace(" ", "")
    if siret is None and written:
        counts.bad_siret_rows += 1
        counts.first_bad_siret_row = counts.first_bad_siret_row or row_number
    elif siret and siret != written:
        counts.padded_sirets += 1
    return siret


def _parsed(builder: ImportBuilder, row_number: int, cell: Cell, names: Iterable[str],
            parse: Callable[[str], Any]) -> dict[str, Any] | None:
    """Each named cell parsed, or None after reporting every bad one."""
    values: dict[str, Any] = {}
    bad = False
    for name in names:
        try:
            values[name] = parse(cell(name))
        except CellError as exc:
            builder.problem(row_number, name, exc.phrase())
            bad = True
    return None if bad else values


def _add_organisation(builder: ImportBuilder, row_number: int, nda: str, cell: Cell, counts: _Counts) -> None:
    certifications = _parsed(builder, row_number, cell, CERTIFICATIONS, certified)
    dates = _parsed(builder, row_number, cell, DATES, french_date)
    trainees = _parsed(builder, row_number, cell, (TRAINEES,), trainee_count)
    if certifications is None or dates is None or trainees is None:
        return
    siret = _counted_siret(cell(SIRET), cell(SIREN), row_number, counts)
    region = region_code(cell(REGION))
    held = [column for column, yes in certifications.items() if yes]
    is_cfa = APPRENTICESHIP in held
    anchor = builder.anchors.region(region) if region else None
    town = cell(TOWN).strip()
    actor = Actor(
        id=f"of-{nda.lower()}",
        name=cell(NAME).strip() or t("registry.oflist.unnamed", DATA_LANG, nda=nda),
        kind="CFA" if is_cfa else "TRAINING_ORG",
        region_code=anchor.region_code if anchor else None,
        region_name=anchor.region_name if anchor else None,
        siret=siret,
        description=_description(nda, town, held, dates, trainees[TRAINEES], cell),
        sectors=[label.replace("|", "/") for name in SPECIALITIES if (label := cell(name).strip())],
        tags=[CERTIFICATIONS[c][0] for c in held] or ["qualiopi:aucune"],
    )
    organisation = builder.add_actor(actor)
    if is_cfa:
        counts.cfa += 1
    else:
        counts.training_orgs += 1
    if anchor is None:
        builder.skip(SKIP_UNKNOWN_REGION if cell(REGION).strip() else SKIP_NO_REGION)
        return
    builder.tie(organisation, builder.use(anchor), "LOCATED_IN")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _french_day(day: dt.date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""  # strftime is slow on 150,000 rows


def _description(nda: str, town: str, held: list[str], dates: dict[str, dt.date | None],
                 trainees: int | None, cell: Cell) -> str:
    lang = DATA_LANG
    sentences = [t("registry.oflist.declared_in", lang, nda=nda, town=town) if town
                 else t("registry.oflist.declared", lang, nda=nda)]
    previous = cell(PREVIOUS_NDA).strip()
    if previous and previous != nda:
        sentences.append(t("registry.oflist.previous", lang, previous=previous, n=len(_NDA_RUN.findall(previous))))
    foreign = cell(FOREIGN_NAME).strip()
    if foreign:
        country = cell(FOREIGN_COUNTRY).strip()
        sentences.append(t("registry.oflist.foreign_in", lang, foreign=foreign, country=country) if country
                         else t("registry.oflist.foreign", lang, foreign=foreign))
    start, end = dates[EXERCISE_START], dates[EXERCISE_END]
    if trainees is not None or start or end:
        key = "registry.oflist.exercise" if start and end else "registry.oflist.last_exercise"
        if trainees is None:
            sentences.append(t(key, lang, start=_french_day(start), end=_french_day(end)))
        else:
            sentences.append(t(key + "_trainees", lang, start=_french_day(start), end=_french_day(end),
                               n=_thousands(trainees)))
    if dates[LAST_DECLARATION]:
        sentences.append(t("registry.oflist.last_declaration", lang, day=_french_day(dates[LAST_DECLARATION])))
    if held:
        categories = ", ".join(t(CERTIFICATIONS[c][1], lang) for c in held)
        sentences.append(t("registry.oflist.certified", lang, categories=categories))
    else:
        sentences.append(t("registry.oflist.uncertified", lang))
    return " ".join(sentences)


def _add_notes(builder: ImportBuilder, counts: _Counts) -> None:
    if counts.cfa or counts.training_orgs:
        builder.note("registry.note.oflist_cfa", cfa=counts.cfa, orgs=counts.training_orgs)
    if counts.padded_sirets:
        builder.note("registry.note.oflist_padded", n=counts.padded_sirets)
    if counts.bad_siret_rows:
        # A row number as the file's reader finds it (no thousands separator), like a problem's row.
        builder.note("registry.note.oflist_bad_siret", n=counts.bad_siret_rows, row=str(counts.first_bad_siret_row))
