"""What every registry's comparison shares: the import folder, the differences, both sides.

An import folder (written by ``opcomap import REGISTRY FILE --output DIR``) holds
what one State registry says on its file's date. Actors are matched the way
registries name them: branches by IDCC, OPCO by any of their spellings, Régions by
INSEE code, organisations by SIRET, then by id. Only ties active on the registry's
file date count on the map side.

What each side says is a :class:`~graph_model.words.formats.Said`, a catalogue sentence written in the user's
language only when shown, so one comparison serves the French and the English app.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_model.errors import NotFound, Phrase, Problem, ValidationFailed
from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.schema import Schema
from graph_model.words import t
from graph_model.words.formats import day, said
from loaders.registries.core import PSEUDO_IDCC as CORE_PSEUDO_IDCC

# Display order, code -> its label's catalogue key. The codes are stable: CSV and JSON carry them.
KINDS: dict[str, str] = {code: f"reconcile.kind.{code}" for code in (
    "branch_other_opco", "branch_unattached", "branch_missing", "attachment_unsupported", "attachment_missing",
    "qualiopi_lost", "qualiopi_gained", "cfa_without_apprenticeship", "organisation_not_listed", "region_differs",
    "certification_ended", "covers_branch_missing", "covers_branch_unsupported",
    "funding_level_differs", "funding_level_missing", "funding_level_unsupported",
)}

ORGANISATIONS = ("TRAINING_ORG", "CFA")
PSEUDO_IDCC = set(CORE_PSEUDO_IDCC)  # "no agreement", "being determined": not branches


def kind_label(kind: str, lang: str = "fr") -> str:
    """The label of a kind of difference.

    >>> kind_label("region_differs"), kind_label("region_differs", "en")
    ('Région différente', 'Different Région')
    """
    return t(KINDS[kind], lang)


# -- the import folder -----------------------------------------------------------------

@dataclass(frozen=True)
class ImportFolder:
    """An import folder: what the registry said on its file's date, and how the import was narrowed."""

    path: Path
    registry: str  # siro, of-list, rncp, npec
    title: str
    publisher: str
    url: str
    file: str
    file_date: dt.date
    dataset: Dataset
    regions: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    companies: bool = False
    sirets: int = 0  # establishments the import was narrowed to (0: all)

    @property
    def filtered(self) -> bool:
        return bool(self.regions or self.departements or self.sirets)

    def source(self) -> Source:
        """The source every tie of the import cites (written again on the map ties a fix touches)."""
        for rel in self.dataset.relationships:
            if rel.sources:
                return rel.sources[0]
        return Source(title=t("reconcile.import.source_title", "fr", title=self.title, day=day(self.file_date)),
                      url=self.url or None, publisher=self.publisher or None, consulted=self.file_date)

    def described(self, lang: str = "fr") -> str:
        """``Table SIRET-OPCO du 03/11/2026`` / ``Table SIRET-OPCO of 2026-11-03``."""
        return t("reconcile.import.described", lang, title=self.title, day=day(self.file_date, lang))


def read_import(folder: Path, schema: Schema) -> ImportFolder:
    """An import folder with its manifest; NotFound if it is not one, ValidationFailed if its files are bad."""
    from loaders import load_dataset
    from loaders.registries import MODULES, read_manifest

    folder = Path(folder).expanduser()
    manifest = read_manifest(folder) if folder.is_dir() else None
    if manifest is None:
        raise NotFound("reconcile.import.not_an_import", path=str(folder))
    registry = str(manifest.get("registry") or "")
    manifest_file = str(folder / "import.toml")
    if registry not in MODULES:
        raise ValidationFailed([Problem(manifest_file, None, "registry", "reconcile.import.unknown_registry",
                                        {"registry": registry, "known": ", ".join(MODULES)})])
    file_date = manifest.get("file_date")
    if isinstance(file_date, str):
        try:
            file_date = dt.date.fromisoformat(file_date)
        except ValueError:
            file_date = None
    if isinstance(file_date, dt.datetime):
        file_date = file_date.date()
    if not isinstance(file_date, dt.date):
        raise ValidationFailed([Problem(manifest_file, None, "file_date", "reconcile.import.no_file_date")])
    return ImportFolder(
        path=folder, registry=registry, title=str(manifest.get("title") or registry),
        publisher=str(manifest.get("publisher") or ""), url=str(manifest.get("url") or ""),
        file=str(manifest.get("file") or ""), file_date=file_date,
        dataset=load_dataset([folder], schema),
        regions=tuple(str(r) for r in manifest.get("regions") or ()),
        departements=tuple(str(d) for d in manifest.get("departements") or ()),
        companies=bool(manifest.get("companies")),
        sirets=_count(manifest.get("sirets")),
    )


def _count(value: Any) -> int:
    """A manifest's list (or count) of SIRET an import was narrowed to.

    >>> _count(["12345678900011"]), _count(3), _count(None)
    (1, 3, 0)
    """
    if isinstance(value, list):
        return len(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# -- differences and their fixes ----------------------------------------------------------

@dataclass(frozen=True)
class ActorEdit:
    """A change to one map actor, applied to the actor as it is when the fix is applied."""

    actor_id: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fix:
    """The registry's version of the records a difference concerns."""

    op: str  # the history's operation name (opcomap.editing.changes.Op)
    summary: Phrase  # for the history: stored with its key, said in the reader's language
    create: tuple[Actor, ...] = ()  # actors the map lacks (created only if still absent)
    edit: tuple[ActorEdit, ...] = ()
    end: tuple[tuple[str, dt.date], ...] = ()  # (key, last day) of map ties the registry no longer supports
    add: tuple[Relationship, ...] = ()


@dataclass(frozen=True)
class Difference:
    """One disagreement between the map and the registry."""

    kind: str
    actor_id: str
    actor_name: str
    map_says: Phrase
    registry_says: Phrase
    related: tuple[str, ...] = ()  # other actors concerned (the OPCO, the Région, the certification...)
    fix: Fix | None = field(default=None, compare=False, repr=False)

    def label(self, lang: str = "fr") -> str:
        return kind_label(self.kind, lang)

    def actors(self) -> tuple[str, ...]:
        return (self.actor_id, *self.related)


@dataclass
class Reconciliation:
    """The differences between a map and an import folder, with sentences on what was not compared."""

    folder: ImportFolder
    differences: list[Difference]
    notes: list[Phrase] = field(default_factory=list)

    def rows(self, lang: str = "fr") -> list[dict[str, Any]]:
        """One flat row per difference (CSV, JSON, the app's table)."""
        return [{
            "kind": d.kind, "label": d.label(lang), "actor_id": d.actor_id, "actor_name": d.actor_name,
            "map": d.map_says.text(lang), "registry": d.registry_says.text(lang),
            "registry_name": self.folder.title, "file_date": self.folder.file_date.isoformat(),
        } for d in self.differences]

    def kinds(self) -> list[str]:
        found = {d.kind for d in self.differences}
        return [k for k in KINDS if k in found]


# -- both sides, indexed ---------------------------------------------------------------------

class MapSide:
    """The map as the comparison reads it: actors by the keys registries use, ties active on a day."""

    def __init__(self, dataset: Dataset, day: dt.date):
        from loaders.registries.core import Anchors

        self.day = day
        self.actors = {a.id: a for a in dataset.actors}
        self.anchors = Anchors(dataset)
        self.by_idcc: dict[str, Actor] = {}
        self.by_siret: dict[str, Actor] = {}
        for actor in sorted(dataset.actors, key=lambda a: not a.active_on(day)):  # active ones win
            if actor.kind == "BRANCH" and actor.idcc:
                self.by_idcc.setdefault(actor.idcc, actor)
            if actor.siret:
                self.by_siret.setdefault(actor.siret, actor)
        self.ties: dict[tuple[str, str], list[Relationship]] = defaultdict(list)  # (source, type) -> active ties
        for rel in dataset.relationships:
            if rel.active_on(day):
                self.ties[(rel.source, rel.type)].append(rel)

    def kind(self, actor_id: str) -> str | None:
        actor = self.actors.get(actor_id)
        return actor.kind if actor else None

    def name(self, actor_id: str, fallback: Actor | None = None) -> str:
        actor = self.actors.get(actor_id) or fallback
        return actor.name if actor else actor_id

    def match(self, actor: Actor) -> str | None:
        """The id the map gives the import's actor, or None when the map does not have it."""
        if actor.kind == "BRANCH":
            found = self.by_idcc.get(actor.idcc or "")
            if found:
                return found.id
        elif actor.kind == "OPCO":
            for label in (actor.name, actor.short_name, actor.official_name, *actor.aliases):
                found = self.anchors.opco(label or "")
                if found:
                    return found.id
        elif actor.kind == "REGION" and actor.region_code:
            found = self.anchors.region(actor.region_code)
            if found:
                return found.id
        if actor.siret and actor.siret in self.by_siret:
            return self.by_siret[actor.siret].id
        same = self.actors.get(actor.id)
        if same is not None and (same.kind == actor.kind or {same.kind, actor.kind} <= set(ORGANISATIONS)):
            return same.id
        return None

    def region_of(self, actor: Actor) -> str | None:
        return region_of(actor, self.ties, self.actors)


class ImportSide:
    """The import folder's actors and ties, indexed."""

    def __init__(self, folder: ImportFolder):
        self.folder = folder
        self.actors = {a.id: a for a in folder.dataset.actors}
        self.ties: dict[tuple[str, str], list[Relationship]] = defaultdict(list)
        for rel in folder.dataset.relationships:
            self.ties[(rel.source, rel.type)].append(rel)

    def region_of(self, actor: Actor) -> str | None:
        return region_of(actor, self.ties, self.actors)


def region_of(actor: Actor, ties: Mapping[tuple[str, str], list[Relationship]], actors: Mapping[str, Actor]) -> str | None:
    """The INSEE code of an actor's Région: its LOCATED_IN tie's, else its own."""
    for rel in ties.get((actor.id, "LOCATED_IN"), ()):
        region = actors.get(rel.target)
        if region is not None and region.region_code:
            return region.region_code
    return actor.region_code


@dataclass(frozen=True)
class Tie:
    """A tie of the import: as written, with the map's ids, and the import's actors the map lacks for it."""

    original: Relationship
    rel: Relationship
    missing: tuple[Actor, ...]


class Comparison:
    """One comparison under way: both sides, the differences found, the notes."""

    def __init__(self, folder: ImportFolder, current: Dataset):
        self.folder = folder
        self.day = folder.file_date
        self.map = MapSide(current, self.day)
        self.imp = ImportSide(folder)
        self.found: list[Difference] = []
        self.notes: list[Phrase] = []
        self.split_kept = 0

    def add(self, kind: str, actor_id: str, actor_name: str, map_says: Phrase, registry_says: Phrase,
            related: Iterable[str] = (), fix: Fix | None = None) -> None:
        self.found.append(Difference(kind, actor_id, actor_name, map_says, registry_says,
                                     tuple(dict.fromkeys(r for r in related if r != actor_id)), fix))

    def note(self, key: str, **params: Any) -> None:
        self.notes.append(said(key, **params))

    def map_id(self, import_id: str) -> str | None:
        actor = self.imp.actors.get(import_id)
        return self.map.match(actor) if actor else None

    def translated(self, rel: Relationship, since: dt.date | None = None) -> tuple[Relationship, list[Actor]]:
        """The import's tie with the map's ids, and the import's actors the map lacks for it."""
        ends, missing = [], []
        for end in (rel.source, rel.target):
            mapped = self.map_id(end)
            if mapped is None:
                missing.append(self.imp.actors[end])
            ends.append(mapped or end)
        update: dict[str, Any] = {"source": ends[0], "target": ends[1]}
        if since is not None and rel.since is None:
            update["since"] = since
        return rel.model_copy(update=update), missing

    def replacing(self, ties: Iterable[Tie]) -> tuple[Relationship, ...]:
        """The import's ties as replacements of map ties: from their own start, else from the file's date."""
        return tuple(self.translated(tie.original, since=self.day)[0] for tie in ties)

    def ending(self, rels: Iterable[Relationship], replacements: Sequence[Relationship] = ()
               ) -> tuple[tuple[str, dt.date], ...]:
        """Map ties ending the day before their replacement starts, or before the registry's file date."""
        starts = [r.since for r in replacements if r.since]
        last = (min(starts) if starts else self.day) - dt.timedelta(days=1)
        return tuple((rel.key, last) for rel in rels)

    def result(self) -> Reconciliation:
        order = {kind: i for i, kind in enumerate(KINDS)}
        found = sorted(self.found, key=lambda d: (order[d.kind], folded(d.actor_name), d.actor_id, d.related))
        return Reconciliation(self.folder, found, self.notes)


def folded(text: str) -> str:
    """``text`` without accents or case, to sort and compare names.

    >>> folded("Île-de-France")
    'ile-de-france'
    """
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def actor_label(actor: Actor) -> Phrase:
    """``« Coiffure » (branche-coiffure)``: an actor as the history's summaries name it."""
    return Phrase("reconcile.fix.actor", {"name": actor.name, "id": actor.id})
