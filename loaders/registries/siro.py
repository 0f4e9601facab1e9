"""France compétences' SIRET-OPCO table (SIRO): which OPCO each establishment belongs to.

The file (``siro-AAAAMM.csv``, monthly, about 3.5 million rows) has one row per
establishment: ``SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION``, pipe-separated, no quotes.
By default the importer makes no company: it counts establishments per (IDCC, owning
OPCO) while streaming and ties each branch to the OPCO that owns most of its
establishments. ``--companies`` also makes one COMPANY per establishment.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph_model.errors import Phrase
from graph_model.models import Actor
from graph_model.words.formats import Listed, said
from loaders.registries.core import (
    PSEUDO_IDCC,
    ImportBuilder,
    Progress,
    RegistryInfo,
    fold,
    idcc_code,
    open_text,
)

INFO = RegistryInfo(
    name="siro",
    title="Table de correspondance SIRET-OPCO (SIRO)",
    publisher="France compétences",
    # Slug seen in the resource URLs (static.data.gouv.fr/resources/table-siret-opco/...).
    # Dataset id 688a210c012cfbf595d7a99a is quoted by a third party, not checked here.
    page_url="https://www.data.gouv.fr/datasets/table-siret-opco",
    datagouv_dataset="table-siret-opco",
    # Monthly resources are named siro-202606.csv; the data dictionary is a PDF.
    resource_pattern=r"(?i)siro[-_]?\d{6}\.csv",
    file_suffix=".csv",
)

SIRET, IDCC, OWNER, MANAGER = "SIRET", "IDCC", "OPCO_PROPRIETAIRE", "OPCO_GESTION"
REQUIRED = (SIRET, IDCC, OWNER)
HEADER = f"{SIRET}|{IDCC}|{OWNER}|{MANAGER}"

# Escape values of the DSN that are not collective agreements. 9998/9999 are shared with
# the other registries; 5100 and 5501 are listed by the SIRO data dictionary (v2, 31/07/2025)
# as a reader of the real file quotes it (the PDF itself was not read here).
ESCAPE_IDCC = {
    **PSEUDO_IDCC,
    "5100": said("registry.idcc.dsn_escape", idcc="5100"),
    "5501": said("registry.idcc.dsn_escape", idcc="5501"),
}

NO_OWNER = said("registry.skip.siro_no_owner")
NO_IDCC = said("registry.skip.siro_no_idcc")
NOT_WANTED = said("registry.skip.siret_not_listed")


@dataclass
class _Tally:
    """What the rows add up to: memory bounded by the number of IDCC and OPCO, not of rows."""

    rows: int = 0
    establishments: dict[tuple[str, str], int] = field(default_factory=dict)  # (idcc, owner id) -> rows
    managed: dict[tuple[str, str], int] = field(default_factory=dict)  # (idcc, manager id) -> rows
    managed_by: Counter[str] = field(default_factory=Counter)  # manager id -> rows, any IDCC
    skipped: Counter[Phrase] = field(default_factory=Counter)
    padded_sirets: int = 0
    found_sirets: set[str] = field(default_factory=set)  # only with a SIRET list


def read(path: Path, builder: ImportBuilder, progress: Progress | None) -> None:
    options = builder.options
    if options.regions or options.departements:
        # The table has no address: filtering it by place would silently keep everything.
        builder.problem(None, None, "problems.siro_no_place_filter")
        return
    with path.open("rb") as raw:
        if raw.read(4) == b"PK\x03\x04":
            builder.problem(None, None, "problems.siro_zip")
            return
    with open_text(path, progress) as (text, _encoding):
        reader = csv.reader(text, delimiter="|")
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError):
            builder.problem(1, None, "problems.siro_header_unreadable", header=HEADER)
            return
        positions = _positions(header, builder)
        if header is None or positions is None:
            return
        tally = _Rows(builder, header, positions).read(reader)
    builder.summary.rows += tally.rows
    for reason, count in tally.skipped.items():
        builder.skip(reason, count)
    _branch_ties(builder, tally)
    _summary_notes(builder, tally)


# -- the header ---------------------------------------------------------------------------

def _positions(header: list[str] | None, builder: ImportBuilder) -> dict[str, int] | None:
    """Where each column is (lower case, BOM, quotes and spaces forgiven), or one problem."""
    if not header or not "".join(header).strip():
        builder.problem(None, None, "problems.siro_empty", header=HEADER)
        return None
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        found.setdefault(fold(name).replace(" ", "_"), index)
    missing = [name for name in REQUIRED if name not in found]
    if not missing:
        return found
    absent = ", ".join(missing)
    line = "|".join(header)
    separator = next((s for s in (";", ",", "\t") if line.count(s) >= 2), None)
    if separator == "\t":
        builder.problem(1, None, "problems.siro_columns_tab", missing=absent, count=len(missing), header=HEADER)
    elif separator:
        builder.problem(1, None, "problems.siro_columns_separator", missing=absent, count=len(missing), header=HEADER,
                        separator=separator)
    else:
        builder.problem(1, None, "problems.siro_columns_missing", missing=absent, count=len(missing), header=HEADER,
                        read=", ".join(h.strip() for h in header if h.strip()))
    return None


# -- the rows (3.5 million of them: the common case stays cheap) ----------------------------

class _Rows:
    """Reads the data rows of one import into a :class:`_Tally`."""

    def __init__(self, builder: ImportBuilder, header: list[str], at: dict[str, int]):
        self.builder, self.header = builder, header
        self.siret_at, self.idcc_at, self.owner_at = at[SIRET], at[IDCC], at[OWNER]
        self.manager_at = at.get(MANAGER)
        self.width = max(self.siret_at, self.idcc_at, self.owner_at) + 1
        self.wanted = _wanted(builder)
        self.companies = builder.options.companies
        self.tally = _Tally()
        # Label or code as written -> what it means: a few thousand entries whatever the rows.
        self.opco_ids: dict[str, str] = {}
        self.idcc_codes: dict[str, tuple[str, str | None]] = {}

    def read(self, reader: Iterator[list[str]]) -> _Tally:
        row = 1
        try:
            for row, fields in enumerate(reader, start=2):
                self.row(row, fields)
        except UnicodeDecodeError:
            self.builder.problem(row + 1, None, "problems.siro_encoding")
        except csv.Error as exc:
            self.builder.problem(row + 1, None, "problems.siro_line_broken", reason=str(exc))
        return self.tally

    def row(self, row: int, fields: list[str]) -> None:
        tally = self.tally
        if len(fields) < self.width:
            if "".join(fields).strip():
                tally.rows += 1
                self.builder.problem(row, None, "problems.siro_short_line", found=len(fields),
                                     expected=len(self.header))
            return  # an empty line (the file's last one, or one a spreadsheet added) is no row
        tally.rows += 1
        siret = self.siret(fields[self.siret_at], row)
        idcc, escape = self.idcc(fields[self.idcc_at], row)
        owner = self.opco(fields[self.owner_at], row, self.owner_at)
        manager = self.manager(fields, row)
        if siret is None or idcc is None or owner is None or manager is None:
            return  # each problem was reported with its row and column
        if self.wanted:
            if siret not in self.wanted:
                tally.skipped[NOT_WANTED] += 1
                return
            tally.found_sirets.add(siret)
        if not owner:
            tally.skipped[NO_OWNER] += 1
            return
        if manager == owner:
            manager = ""
        if manager:
            tally.managed_by[manager] += 1
        if self.companies:
            _establishment(self.builder, siret, idcc, owner, manager)
        if not idcc:
            tally.skipped[NO_IDCC] += 1
        elif escape:
            tally.skipped[escape] += 1
        else:
            key = (idcc, owner)
            tally.establishments[key] = tally.establishments.get(key, 0) + 1
            if manager:
                key = (idcc, manager)
                tally.managed[key] = tally.managed.get(key, 0) + 1

    def siret(self, raw: str, row: int) -> str | None:
        if len(raw) == 14 and raw.isdigit():
            return raw
        value = raw.strip().replace(" ", "")
        if len(value) == 14 and value.isdigit():
            return value
        if len(value) == 13 and value.isdigit():
            # A spreadsheet read the SIRET as a number and dropped its leading zero.
            self.tally.padded_sirets += 1
            return "0" + value
        self.builder.problem(row, self.header[self.siret_at], "problems.siro_siret", value=raw.strip())
        return None

    def idcc(self, raw: str, row: int) -> tuple[str | None, Phrase | None]:
        """(code, escape reason); code "" when the cell is empty, None after a problem."""
        known = self.idcc_codes.get(raw)
        if known is not None:
            return known
        if not raw.strip():
            answer: tuple[str, Phrase | None] = ("", None)
        else:
            code = idcc_code(raw)
            if code is None:
                self.builder.problem(row, self.header[self.idcc_at], "problems.siro_idcc", value=raw.strip())
                return None, None
            escape = ESCAPE_IDCC.get(code)
            answer = (code, said("registry.skip.not_a_branch", idcc=escape) if escape else None)
        self.idcc_codes[raw] = answer  # at most 10,000 codes and their few spellings
        return answer

    def manager(self, fields: list[str], row: int) -> str | None:
        at = self.manager_at
        if at is None or at >= len(fields) or not fields[at]:
            return ""  # the common case: the owner manages its own establishments
        return self.opco(fields[at], row, at)

    def opco(self, label: str, row: int, column: int) -> str | None:
        """The OPCO id, "" for an empty cell, None after a problem (unknown label)."""
        known = self.opco_ids.get(label)
        if known is not None:
            return known
        clean = label.strip()
        if not clean:
            return ""
        found = self.builder.opco(clean, row, self.header[column])
        if found is not None:
            self.opco_ids[label] = found  # unknown labels stay out: each row must report its problem
        return found


def _wanted(builder: ImportBuilder) -> frozenset[str]:
    """The SIRET a user asked for, as the table writes them (14 digits, no spaces)."""
    return frozenset(siret.replace(" ", "") for siret in builder.options.sirets)


def _establishment(builder: ImportBuilder, siret: str, idcc: str, owner: str, manager: str) -> None:
    escape = ESCAPE_IDCC.get(idcc)
    declared = f"IDCC déclaré : {escape or idcc}" if idcc else "IDCC non renseigné"
    company = builder.add_actor(Actor(
        id=f"etab-{siret}", name=f"Établissement {siret}", kind="COMPANY", siret=siret,
        idcc=idcc if idcc and not escape else None,
        description=f"Établissement employeur de la table SIRET-OPCO de France compétences ; {declared}.",
        tags=["établissement", f"registre {INFO.name}"],
    ))
    note = f"Géré par {builder.actors[manager].name} (OPCO de gestion)." if manager else None
    builder.tie(company, owner, "ATTACHED_TO", note=note)


# -- what the counts make ---------------------------------------------------------------

def _branch_ties(builder: ImportBuilder, tally: _Tally) -> None:
    by_idcc: dict[str, list[tuple[str, int]]] = {}
    for (idcc, owner), count in tally.establishments.items():
        by_idcc.setdefault(idcc, []).append((owner, count))
    managed: dict[str, list[tuple[str, int]]] = {}
    for (idcc, manager), count in tally.managed.items():
        managed.setdefault(idcc, []).append((manager, count))
    for idcc in sorted(by_idcc):
        owners = sorted(by_idcc[idcc], key=lambda pair: (-pair[1], pair[0]))
        total = sum(count for _, count in owners)
        majority, count = owners[0]
        parts = []
        if len(owners) > 1:
            parts.append(_split_text(builder, idcc, owners, total))
        if idcc in managed:
            parts.append(_managed_text(builder, managed[idcc]))
        note = " ; ".join(parts) if parts else None
        if note and len(owners) == 1:
            note = f"IDCC {idcc} : {note}"
        builder.tie(
            builder.branch(idcc), majority, "ATTACHED_TO", note=note and note + ".",
            establishments=count, share=round(count / total, 3) if len(owners) > 1 else None,
        )


def _split_text(builder: ImportBuilder, idcc: str, owners: list[tuple[str, int]], total: int) -> str:
    shares = []
    for index, (opco, count) in enumerate(owners):
        unit = f" {_plural(count, 'établissement')}" if index == 0 else ""
        shares.append(f"{builder.actors[opco].name} {_percent(count / total)} ({_number(count)}{unit})")
    return f"IDCC {idcc} partagé : {', '.join(shares)} ; rattaché ici à l'OPCO majoritaire"


def _managed_text(builder: ImportBuilder, managers: list[tuple[str, int]]) -> str:
    ordered = sorted(managers, key=lambda pair: (-pair[1], pair[0]))
    managers_text = ", ".join(
        f"{builder.actors[opco].name} pour {_number(count)} {_plural(count, 'établissement')}"
        for opco, count in ordered
    )
    return f"branche gérée par {managers_text} (OPCO de gestion distinct de l'OPCO propriétaire)"


def _summary_notes(builder: ImportBuilder, tally: _Tally) -> None:
    owners_per_idcc = Counter(idcc for idcc, _ in tally.establishments)
    split = sorted(idcc for idcc, n in owners_per_idcc.items() if n > 1)
    if split:
        shown = ", ".join(split[:10]) + (" …" if len(split) > 10 else "")
        builder.note("registry.note.siro_split", n=len(split), codes=shown)
    managed = sum(tally.managed_by.values())
    if managed:
        detail = Listed(tuple(said("registry.note.opco_count", name=builder.actors[opco].name, n=n)
                              for opco, n in tally.managed_by.most_common()))
        builder.note("registry.note.siro_managed", n=managed, detail=detail)
    if tally.padded_sirets:
        builder.note("registry.note.siro_padded", n=tally.padded_sirets)
    if builder.options.sirets:
        absent = len(_wanted(builder)) - len(tally.found_sirets)
        if absent:
            builder.note("registry.note.siret_absent", n=absent)


def _percent(share: float) -> str:
    """A share as a French reader writes it; a lone establishment among thousands is not "0,0 %"."""
    if 0 < share < 0.001:
        return "< 0,1 %"
    if 0.999 < share < 1:
        return "> 99,9 %"
    return f"{share * 100:.1f} %".replace(".", ",")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _plural(n: int, word: str) -> str:
    return word if n <= 1 else word + "s"
