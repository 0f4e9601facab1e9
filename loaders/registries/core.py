"""What every registry importer shares: the anchors it ties to, the tie's source, the output.

An importer reads one publisher's file in that publisher's own layout and feeds an
:class:`ImportBuilder`. The builder reuses the reference map's actors where the map
already has them (the OPCO by any of their spellings, the Régions by INSEE code, the
branches by IDCC), cites the registry on every tie, and collects every problem with
its file, row and column. :func:`write_import` then writes a loader folder that
``opcomap validate`` accepts on its own, all at once or not at all.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.errors import OpcomapError, Phrase, Problem
from graph_model.words.formats import said

MANIFEST = "import.toml"  # not a data suffix: a folder's readers skip it
# Past this many, further problems are counted, not listed: a wrong file gives millions.
MAX_PROBLEMS = 200
# A bar per this many bytes read keeps the progress callback cheap on a 3.5-million-row file.
PROGRESS_STEP = 1 << 20

Progress = Callable[[int], None]  # bytes read since the last call


@dataclass(frozen=True)
class RegistryInfo:
    """Who publishes a registry and where: every tie of an import cites it."""

    name: str  # the REGISTRY argument: siro, of-list, rncp, npec
    title: str
    publisher: str
    page_url: str  # the dataset's page, cited by every tie
    # data.gouv.fr dataset id or slug whose newest resource --download fetches (None: not on data.gouv)
    datagouv_dataset: str | None = None
    resource_pattern: str = ""  # a regex a resource's title or URL must match (several files per dataset)
    file_suffix: str = ".csv"


@dataclass
class ImportOptions:
    """What a user narrows an import to (``opcomap import --companies --region 53``...)."""

    companies: bool = False
    regions: frozenset[str] = frozenset()  # INSEE Région codes, two digits
    departements: frozenset[str] = frozenset()
    sirets: frozenset[str] = frozenset()
    file_date: dt.date | None = None  # the publisher's date of the file; else read from its name, else its mtime


# -- words as registries spell them --------------------------------------------------

def fold(text: str) -> str:
    """Upper case, no accents, no punctuation, single spaces: how labels are compared.

    >>> fold("  L'Opcommerce "), fold("OPCO Santé"), fold("Opco-Mobilités")
    ('L OPCOMMERCE', 'OPCO SANTE', 'OPCO MOBILITES')
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^A-Za-z0-9]+", " ", plain).upper().split())


def _opco_keys(label: str) -> set[str]:
    """The spellings a label may take: with or without "OPCO", "L'", "DE", "DES"...

    >>> sorted(_opco_keys("L'Opcommerce")), sorted(_opco_keys("OPCO 2i"))
    (['L OPCOMMERCE', 'OPCOMMERCE'], ['2I', 'OPCO 2I', 'OPCO2I'])
    """
    folded = fold(label)
    keys = {folded}
    words = [w for w in folded.split() if w not in {"L", "LA", "LE", "D", "DE", "DES", "DU", "ET"}]
    keys.add(" ".join(words))
    bare = [w for w in words if w != "OPCO"]
    if bare:
        keys.add(" ".join(bare))
    keys.add("".join(words))  # OPCO2I is OPCO 2I
    return {k for k in keys if k}


def idcc_code(raw: str) -> str | None:
    """An IDCC as the map writes it (four digits), or None if it is not one.

    Registries drop leading zeros (``16`` is 0016) or write it as a number (``16.0``).

    >>> idcc_code("16"), idcc_code(" 0016 "), idcc_code("1486.0"), idcc_code("abc"), idcc_code("")
    ('0016', '0016', '1486', None, None)
    """
    value = raw.strip()
    value = value.removesuffix(".0")
    if not value.isdigit() or len(value) > 4:
        return None
    return value.zfill(4)


# Not branches: "no collective agreement" (9999) and "agreement being determined" (9998)
# are filed under every OPCO in the SIRET-OPCO table.
PSEUDO_IDCC = {"9998": said("registry.idcc.being_determined", idcc="9998"),
               "9999": said("registry.idcc.no_agreement", idcc="9999")}


def region_code(raw: str) -> str | None:
    """A Région's INSEE code as the map writes it: two digits (``1`` is Guadeloupe, 01).

    >>> region_code("1"), region_code("84"), region_code(" 04 "), region_code("2A")
    ('01', '84', '04', None)
    """
    value = raw.strip()
    value = value.removesuffix(".0")
    return value.zfill(2) if value.isdigit() and len(value) <= 2 else None


def slug(text: str) -> str:
    """A text as an actor id's tail.

    >>> slug("Métallurgie / Cadres"), slug("RNCP 34567")
    ('metallurgie-cadres', 'rncp-34567')
    """
    return "-".join(fold(text).lower().split()) or "x"


def file_date_of(path: Path, given: dt.date | None = None) -> dt.date:
    """The file's date: given by the user, else a date in its name (``..._20261103.csv``,
    ``2026-11-03``), else its modification day.

    >>> file_date_of(Path("siro_20261103.csv"), None)
    datetime.date(2026, 11, 3)
    >>> file_date_of(Path("export-fiches-csv-2026-10-01.zip"), None)
    datetime.date(2026, 10, 1)
    >>> file_date_of(Path("siro-202611.csv"), None)
    datetime.date(2026, 11, 1)
    """
    if given:
        return given
    # A monthly file (siro-202611.csv) is dated by its month's first day.
    patterns = (r"(20\d{2})-(\d{2})-(\d{2})", r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)", r"(?<!\d)(20\d{2})(\d{2})()(?!\d)")
    for pattern in patterns:
        for match in re.finditer(pattern, path.name):
            try:
                return dt.date(*(int(g or 1) for g in match.groups()))
            except ValueError:
                continue
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.date.today()


# -- the reference map's actors, by the keys registries use ----------------------------

class Anchors:
    """The actors of a map (normally the bundled reference map) an import attaches to."""

    def __init__(self, dataset: Dataset):
        self.by_id = dataset.actor_index()
        self._opco: dict[str, Actor] = {}
        self._region: dict[str, Actor] = {}
        self._branch: dict[str, Actor] = {}
        for actor in dataset.actors:
            if actor.kind == "OPCO":
                for label in (actor.name, actor.short_name, actor.official_name, *actor.aliases):
                    for key in _opco_keys(label or ""):
                        self._opco.setdefault(key, actor)
            elif actor.kind == "REGION" and actor.region_code and actor.until is None:
                self._region.setdefault(actor.region_code, actor)
            elif actor.kind == "BRANCH" and actor.idcc:
                self._branch.setdefault(actor.idcc, actor)

    def opco(self, label: str) -> Actor | None:
        """The OPCO a registry names, whatever its spelling (``OPCO 2I``, ``Opco2i``, ``AKTO``)."""
        for key in _opco_keys(label):
            if key in self._opco:
                return self._opco[key]
        return None

    def region(self, code: str) -> Actor | None:
        norm = region_code(code)
        return self._region.get(norm) if norm else None

    def branch(self, idcc: str) -> Actor | None:
        return self._branch.get(idcc)

    def opco_names(self) -> list[str]:
        return sorted({a.name for a in self._opco.values()})


# -- the builder -----------------------------------------------------------------------

@dataclass
class ImportSummary:
    """What an import made, for the CLI's summary and the manifest."""

    registry: str
    file: str
    file_date: dt.date
    rows: int = 0
    actors: int = 0
    relationships: int = 0
    skipped: dict[Phrase, int] = field(default_factory=dict)  # reason -> rows (not errors: the registry's own conventions)
    notes: list[Phrase] = field(default_factory=list)

    def skipped_in(self, lang: str) -> list[tuple[str, int]]:
        """Each reason in ``lang`` with its rows, in the order of the reasons' text."""
        return sorted((reason.text(lang), rows) for reason, rows in self.skipped.items())

    def notes_in(self, lang: str) -> list[str]:
        return [note.text(lang) for note in self.notes]


class ImportBuilder:
    """Collects the actors and ties an importer makes, each tie citing the registry."""

    def __init__(self, info: RegistryInfo, file: Path, anchors: Anchors, options: ImportOptions):
        self.info, self.file, self.anchors, self.options = info, str(file), anchors, options
        self.file_date = file_date_of(file, options.file_date)
        self.source = Source(
            title=f"{info.title} (fichier du {self.file_date.strftime('%d/%m/%Y')})",
            url=info.page_url, publisher=info.publisher, consulted=self.file_date,
        )
        self.summary = ImportSummary(info.name, file.name, self.file_date)
        self.actors: dict[str, Actor] = {}
        self.anchor_ids: set[str] = set()
        self.relationships: dict[str, Relationship] = {}
        self.problems: list[Problem] = []
        self.problem_count = 0

    # -- problems
    def problem(self, row: int | None, column: str | None, message: str | Phrase, /, **params: Any) -> None:
        """A problem: a catalogue key and its parameters, or a :class:`Phrase` already keyed."""
        self.problem_count += 1
        if isinstance(message, Phrase):
            message, params = message.key, dict(message.params)
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.file, row, column, message, params))

    def skip(self, reason: Phrase, rows: int = 1) -> None:
        """A row the registry writes by its own convention and that makes no actor (not an error)."""
        self.summary.skipped[reason] = self.summary.skipped.get(reason, 0) + rows

    def note(self, key: str, /, **params: Any) -> None:
        """A remark on the whole import, said in the user's language when shown."""
        self.summary.notes.append(said(key, **params))

    def all_problems(self) -> list[Problem]:
        extra = self.problem_count - len(self.problems)
        if extra > 0:
            return self.problems + [Problem(self.file, None, None, "problems.more_not_listed", {"n": extra})]
        return list(self.problems)

    # -- actors
    def use(self, actor: Actor) -> str:
        """Refer to an actor of the reference map (or of an --against folder): written to
        anchors.csv, so the folder validates alone and yields to the map's own definition."""
        if actor.id not in self.actors:
            self.actors[actor.id] = actor
            self.anchor_ids.add(actor.id)
        return actor.id

    def add_actor(self, actor: Actor) -> str:
        """A new actor (the first definition of an id wins; a registry may list it twice)."""
        self.actors.setdefault(actor.id, actor)
        return actor.id

    def opco(self, label: str, row: int, column: str) -> str | None:
        """The id of the OPCO a cell names, or a problem naming the OPCO the map knows."""
        actor = self.anchors.opco(label)
        if actor is None:
            self.problem(row, column, "problems.opco_unknown", label=label, known=", ".join(self.anchors.opco_names()))
            return None
        return self.use(actor)

    def region(self, code: str) -> str | None:
        actor = self.anchors.region(code)
        return self.use(actor) if actor else None

    def branch(self, idcc: str, name: str | None = None) -> str:
        """The map's branch for an IDCC, or a new one (``idcc-0016``).

        Without a name the new branch is written the same way by every registry, so two
        imports that both meet it (siro and npec, say) load together; a registry that names
        it (the RNCP's CCN table) makes a branch that other imports reuse with ``--against``.
        """
        known = self.anchors.branch(idcc)
        if known:
            return self.use(known)
        branch_id = f"idcc-{idcc}"
        if branch_id not in self.actors:
            self.add_actor(Actor(
                id=branch_id, name=name or f"Convention collective IDCC {idcc}", kind="BRANCH", idcc=idcc,
                description=f"Branche professionnelle (IDCC {idcc}), absente de la carte de référence.",
                tags=["branche professionnelle"],
            ))
        elif name and self.actors[branch_id].name.startswith("Convention collective IDCC"):
            self.actors[branch_id] = self.actors[branch_id].model_copy(update={"name": name})
        return branch_id

    # -- ties
    def tie(self, source: str, target: str, rel_type: str, *, since: dt.date | None = None,
            note: str | None = None, **properties: Any) -> None:
        """A tie citing the registry; the same tie made twice is kept once (the last properties win)."""
        rel = Relationship(
            source=source, target=target, type=rel_type, since=since, sources=[self.source], note=note,
            properties={k: v for k, v in properties.items() if v is not None},
        )
        self.relationships[rel.key] = rel

    def dataset(self) -> Dataset:
        return Dataset(actors=list(self.actors.values()), relationships=list(self.relationships.values()),
                       anchors=sorted(self.anchor_ids & set(self.actors)))


# -- reading the publishers' files -------------------------------------------------------

class CountingReader(io.RawIOBase):
    """A binary file that reports how many bytes were read, for the progress bar.

    ``limit`` caps the bytes reported (a zip reader rereads its directory: the bar must not
    pass 100 %); seeking goes to the underlying file when it can seek.
    """

    def __init__(self, raw: IO[bytes], progress: Progress | None, limit: int | None = None):
        self.raw, self.progress, self.left, self.pending = raw, progress, limit, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.raw.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def readinto(self, buffer: Any) -> int:
        n = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        if self.progress and n:
            step = n if self.left is None else max(0, min(n, self.left))
            if self.left is not None:
                self.left -= step
            self.pending += step
            if self.pending >= PROGRESS_STEP:
                self.progress(self.pending)
                self.pending = 0
        return n or 0

    def close(self) -> None:
        if self.progress and self.pending:
            self.progress(self.pending)
            self.pending = 0
        super().close()


def sniff_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the bytes decode as such, else Windows-1252,
    which is what a French export made by Excel or an older tool writes.

    >>> sniff_encoding("Région".encode()), sniff_encoding("Région".encode("cp1252")), sniff_encoding(b"\\xef\\xbb\\xbfa")
    ('utf-8', 'cp1252', 'utf-8-sig')
    """
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the end of the sample
            return "cp1252"
    return "utf-8"


@contextmanager
def open_text(path: Path, progress: Progress | None = None) -> Iterator[tuple[IO[str], str]]:
    """A text stream of a publisher's file (encoding sniffed), reporting bytes read."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
        handle.seek(0)
        encoding = sniff_encoding(head)
        raw = CountingReader(handle, progress)
        buffered = io.BufferedReader(raw, buffer_size=1 << 16)
        text = io.TextIOWrapper(buffered, encoding=encoding, newline="")
        try:
            yield text, encoding
        finally:
            text.close()


# -- the loader folder -------------------------------------------------------------------

def toml_string(value: Any) -> str:
    """A value as a TOML basic string (JSON's escapes are TOML's), for the folders' manifests.

    >>> print(toml_string('Région "Bretagne"'))
    "Région \\"Bretagne\\""
    """
    return json.dumps(str(value), ensure_ascii=False)


def _manifest_text(summary: ImportSummary, info: RegistryInfo, options: ImportOptions) -> str:
    quoted = toml_string
    lines = [
        "# Written by `opcomap import`: what this folder was made from.",
        f"registry = {quoted(info.name)}",
        f"title = {quoted(info.title)}",
        f"publisher = {quoted(info.publisher)}",
        f"url = {quoted(info.page_url)}",
        f"file = {quoted(summary.file)}",
        f"file_date = {summary.file_date.isoformat()}",
        f"imported_at = {quoted(dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat())}",
        f"rows = {summary.rows}",
        f"actors = {summary.actors}",
        f"relationships = {summary.relationships}",
        f"companies = {'true' if options.companies else 'false'}",
        f"regions = [{', '.join(quoted(r) for r in sorted(options.regions))}]",
        f"departements = [{', '.join(quoted(d) for d in sorted(options.departements))}]",
        f"sirets = {len(options.sirets)}",  # > 0: narrowed to a SIRET list (reconcile must know)
        # In French, like the folder's CSV files beside it (the map's descriptions and notes are French):
        # a file outlives the language of the session that wrote it, and its readers match these keys.
        f"notes = [{', '.join(quoted(n) for n in summary.notes_in('fr'))}]",
        "",
        "[skipped]",
        *(f"{quoted(reason)} = {count}" for reason, count in summary.skipped_in("fr")),
        "",
    ]
    return "\n".join(lines)


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of an import folder, or None for any other folder."""
    import tomllib

    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None


def write_import(dataset: Dataset, summary: ImportSummary, info: RegistryInfo, options: ImportOptions,
                 output: Path) -> Path:
    """Write the loader folder all at once: into a temporary folder beside it, then renamed.
    An existing folder is replaced only once the new one is complete."""
    from loaders.exporters import write_csv_folder

    output = output.resolve()
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MANIFEST).is_file())):
        # Never replace a folder this command did not write (a typo could name the user's own data).
        raise OpcomapError("problems.import_foreign_folder", path=str(output))
    output.parent.mkdir(parents=True, exist_ok=True)
    summary.actors, summary.relationships = len(dataset.actors), len(dataset.relationships)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        write_csv_folder(dataset, staging)
        (staging / MANIFEST).write_text(_manifest_text(summary, info, options), encoding="utf-8")
        if output.exists():
            old = output.with_name(f".{output.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            output.rename(old)
            staging.rename(output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return output
