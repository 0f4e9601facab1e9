"""Comparing a registry import with the map: only the differences, one row each.

An import folder (written by ``opcomap import REGISTRY FILE --output DIR``) holds
what one State registry says on its file's date. :func:`reconcile` lines it up
with a map (the bundled one, files, or Neo4j) and lists where they disagree:
a branch attached to another OPCO, a branch the map lacks, a map tie the
registry no longer supports, an organisation that lost a Qualiopi category, a
certification the registry ends, an NPEC amount that changed...

Actors are matched the way registries name them: branches by IDCC, OPCO by any
of their spellings, Régions by INSEE code, organisations by SIRET, then by id.
Only ties active on the registry's file date count on the map side.

Each difference may carry a :class:`Fix`, the registry's version of the records
concerned; :func:`apply_differences` turns each fix into one recorded change of
the edit history (embedded workspace or Neo4j), its reason citing the registry.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.rules import relationship_findings
from graph_model.schema import Schema
from loaders.registries.core import PSEUDO_IDCC as CORE_PSEUDO_IDCC
from graph_model.errors import NotFound, OpcomapError, Problem, ValidationFailed

Text = tuple[str, str]  # (French, English): the comparison speaks both of the app's languages

# Display order, code -> label. The codes are stable: CSV and JSON carry them.
KINDS: dict[str, Text] = {
    "branch_other_opco": ("Branche rattachée à un autre OPCO", "Branch attached to another OPCO"),
    "branch_unattached": ("Branche sans OPCO sur la carte", "Branch without an OPCO on the map"),
    "branch_missing": ("Branche absente de la carte", "Branch missing from the map"),
    "attachment_unsupported": ("Rattachement que le registre ne confirme plus",
                               "Attachment the registry no longer supports"),
    "attachment_missing": ("Rattachement absent de la carte", "Attachment missing from the map"),
    "qualiopi_lost": ("Catégorie Qualiopi perdue", "Qualiopi category lost"),
    "qualiopi_gained": ("Catégorie Qualiopi absente de la carte", "Qualiopi category missing from the map"),
    "cfa_without_apprenticeship": ("CFA sans la catégorie apprentissage", "CFA without the apprenticeship category"),
    "organisation_not_listed": ("Organisme absent de la liste", "Organisation not in the list"),
    "region_differs": ("Région différente", "Different Région"),
    "certification_ended": ("Certification terminée", "Certification ended"),
    "covers_branch_missing": ("Branche de la certification absente de la carte",
                              "Certification's branch missing from the map"),
    "covers_branch_unsupported": ("Branche de la certification que le registre ne confirme plus",
                                  "Certification's branch the registry no longer supports"),
    "funding_level_differs": ("Niveau de prise en charge différent", "Different funding level"),
    "funding_level_missing": ("Niveau de prise en charge absent de la carte", "Funding level missing from the map"),
    "funding_level_unsupported": ("Niveau de prise en charge que le registre ne confirme plus",
                                  "Funding level the registry no longer supports"),
}

# The Qualiopi categories of the public list of training organisations, as import tags.
QUALIOPI: dict[str, Text] = {
    "qualiopi:actions-de-formation": ("actions de formation", "training actions"),
    "qualiopi:bilans-de-competences": ("bilans de compétences", "skills assessments"),
    "qualiopi:vae": ("VAE", "accreditation of prior learning (VAE)"),
    "qualiopi:apprentissage": ("apprentissage", "apprenticeship"),
}
APPRENTICESHIP = "qualiopi:apprentissage"
NO_CATEGORY = "qualiopi:aucune"
ORGANISATIONS = ("TRAINING_ORG", "CFA")
PSEUDO_IDCC = set(CORE_PSEUDO_IDCC)  # "no agreement", "being determined": not branches


def pick(text: Text, lang: str = "fr") -> str:
    return text[1] if lang == "en" else text[0]


def _same(text: str) -> Text:
    return (text, text)


def day_text(day: dt.date | None, lang: str = "fr") -> str:
    """A date as each language writes it.

    >>> day_text(dt.date(2026, 11, 3)), day_text(dt.date(2026, 11, 3), "en")
    ('03/11/2026', '2026-11-03')
    """
    if day is None:
        return ""
    return day.isoformat() if lang == "en" else day.strftime("%d/%m/%Y")


def _number(value: float, lang: str, cents: bool = False) -> str:
    """``1 250`` in French, ``1,250`` in English; at most two decimals (two always for money with cents).

    >>> _number(1250, "fr"), _number(7000.5, "en"), _number(0.4, "fr"), _number(6800.5, "fr", cents=True)
    ('1 250', '7,000.5', '0,4', '6 800,50')
    """
    text = f"{value:,.2f}"
    if not (cents and value != int(value)):
        text = text.rstrip("0").rstrip(".")
    if lang == "en":
        return text
    return text.replace(",", " ").replace(".", ",")


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
        return Source(title=f"{self.title} (fichier du {day_text(self.file_date)})", url=self.url or None,
                      publisher=self.publisher or None, consulted=self.file_date)

    def described(self, lang: str = "fr") -> str:
        """``Table SIRET-OPCO du 03/11/2026`` / ``Table SIRET-OPCO of 2026-11-03``."""
        return f"{self.title} {'of' if lang == 'en' else 'du'} {day_text(self.file_date, lang)}"


NOT_AN_IMPORT = ("{path} n'est pas un dossier écrit par `opcomap import` (il n'a pas de fichier import.toml "
                 "lisible) : donnez le dossier passé à --output.")


def read_import(folder: Path, schema: Schema) -> ImportFolder:
    """An import folder with its manifest; NotFound if it is not one, ValidationFailed if its files are bad."""
    from loaders import load_dataset
    from loaders.registries import MODULES, read_manifest

    folder = Path(folder).expanduser()
    manifest = read_manifest(folder) if folder.is_dir() else None
    if manifest is None:
        raise NotFound(NOT_AN_IMPORT.format(path=folder))
    registry = str(manifest.get("registry") or "")
    manifest_file = str(folder / "import.toml")
    if registry not in MODULES:
        raise ValidationFailed([Problem(manifest_file, None, "registry",
                                        f"registre « {registry} » inconnu ; registres lus : {', '.join(MODULES)}")])
    file_date = manifest.get("file_date")
    if isinstance(file_date, str):
        try:
            file_date = dt.date.fromisoformat(file_date)
        except ValueError:
            file_date = None
    if isinstance(file_date, dt.datetime):
        file_date = file_date.date()
    if not isinstance(file_date, dt.date):
        raise ValidationFailed([Problem(manifest_file, None, "file_date", "date du fichier absente ou illisible")])
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
    summary: str
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
    map_says: Text
    registry_says: Text
    related: tuple[str, ...] = ()  # other actors concerned (the OPCO, the Région, the certification...)
    fix: Fix | None = field(default=None, compare=False, repr=False)

    def label(self, lang: str = "fr") -> str:
        return pick(KINDS[self.kind], lang)

    def actors(self) -> tuple[str, ...]:
        return (self.actor_id, *self.related)


@dataclass
class Reconciliation:
    """The differences between a map and an import folder, with sentences on what was not compared."""

    folder: ImportFolder
    differences: list[Difference]
    notes: list[Text] = field(default_factory=list)

    def rows(self, lang: str = "fr") -> list[dict[str, Any]]:
        """One flat row per difference (CSV, JSON, the app's table)."""
        return [{
            "kind": d.kind, "label": d.label(lang), "actor_id": d.actor_id, "actor_name": d.actor_name,
            "map": pick(d.map_says, lang), "registry": pick(d.registry_says, lang),
            "registry_name": self.folder.title, "file_date": self.folder.file_date.isoformat(),
        } for d in self.differences]

    def kinds(self) -> list[str]:
        found = {d.kind for d in self.differences}
        return [k for k in KINDS if k in found]


# -- matching the import's actors with the map's ---------------------------------------

class _Map:
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
        self.incoming: dict[tuple[str, str], list[Relationship]] = defaultdict(list)  # (target, type)
        for rel in dataset.relationships:
            if rel.active_on(day):
                self.ties[(rel.source, rel.type)].append(rel)
                self.incoming[(rel.target, rel.type)].append(rel)

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
        return _region_of(actor, self.ties, self.actors)


class _Import:
    """The import folder's actors and ties, indexed."""

    def __init__(self, folder: ImportFolder):
        self.folder = folder
        self.actors = {a.id: a for a in folder.dataset.actors}
        self.ties: dict[tuple[str, str], list[Relationship]] = defaultdict(list)
        for rel in folder.dataset.relationships:
            self.ties[(rel.source, rel.type)].append(rel)

    def region_of(self, actor: Actor) -> str | None:
        return _region_of(actor, self.ties, self.actors)


def _region_of(actor: Actor, ties: Mapping[tuple[str, str], list[Relationship]], actors: Mapping[str, Actor]) -> str | None:
    """The INSEE code of an actor's Région: its LOCATED_IN tie's, else its own."""
    for rel in ties.get((actor.id, "LOCATED_IN"), ()):
        region = actors.get(rel.target)
        if region is not None and region.region_code:
            return region.region_code
    return actor.region_code


class _Comparison:
    """What every registry's comparison shares: both sides, the differences found, the notes."""

    def __init__(self, folder: ImportFolder, current: Dataset):
        self.folder = folder
        self.day = folder.file_date
        self.map = _Map(current, self.day)
        self.imp = _Import(folder)
        self.found: list[Difference] = []
        self.notes: list[Text] = []
        self.split_kept = 0

    def add(self, kind: str, actor_id: str, actor_name: str, map_says: Text, registry_says: Text,
            related: Iterable[str] = (), fix: Fix | None = None) -> None:
        self.found.append(Difference(kind, actor_id, actor_name, map_says, registry_says,
                                     tuple(dict.fromkeys(r for r in related if r != actor_id)), fix))

    def note(self, fr: str, en: str) -> None:
        self.notes.append((fr, en))

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

    def result(self) -> Reconciliation:
        order = {kind: i for i, kind in enumerate(KINDS)}
        found = sorted(self.found, key=lambda d: (order[d.kind], _folded(d.actor_name), d.actor_id, d.related))
        return Reconciliation(self.folder, found, self.notes)


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


# -- siro: the SIRET-OPCO table ------------------------------------------------------------

def _attachment(name: str, rel: Relationship, lang: str) -> str:
    """``AKTO (1 250 établissements, 40 %)``: an OPCO with what the registry counts."""
    details = []
    count = rel.properties.get("establishments")
    if isinstance(count, (int, float)) and not isinstance(count, bool):
        unit = "establishment" if lang == "en" else "établissement"
        details.append(f"{_number(count, lang)} {unit}{'s' if count != 1 else ''}")
    share = rel.properties.get("share")
    if isinstance(share, (int, float)) and not isinstance(share, bool):
        percent = share * 100 if share <= 1 else share  # a fraction (0.4) or already a percentage (40)
        details.append(f"{_number(percent, lang)}%" if lang == "en" else f"{_number(percent, lang)} %")
    return f"{name} ({', '.join(details)})" if details else name


def _attachments(names_and_ties: Sequence[tuple[str, Relationship]]) -> Text:
    return tuple(" + ".join(_attachment(n, r, lang) for n, r in names_and_ties) for lang in ("fr", "en"))  # type: ignore[return-value]


def _branch_label(actor: Actor) -> str:
    return f"« {actor.name} » ({actor.id})"


@dataclass(frozen=True)
class _Tie:
    """A tie of the import: as written, with the map's ids, and the import's actors the map lacks for it."""

    original: Relationship
    rel: Relationship
    missing: tuple[Actor, ...]


def _ties(c: _Comparison, actor_id: str, rel_type: str, target_kind: str) -> list[_Tie]:
    found = []
    for rel in c.imp.ties.get((actor_id, rel_type), ()):
        target = c.imp.actors.get(rel.target)
        if target is not None and target.kind == target_kind:
            translated, missing = c.translated(rel)
            found.append(_Tie(rel, translated, tuple(missing)))
    return found


def _replacing(c: _Comparison, ties: Iterable[_Tie]) -> tuple[Relationship, ...]:
    """The import's ties as replacements of map ties: from their own start, else from the file's date."""
    return tuple(c.translated(tie.original, since=c.day)[0] for tie in ties)


def _ending(c: _Comparison, rels: Iterable[Relationship], replacements: Sequence[Relationship] = ()
            ) -> tuple[tuple[str, dt.date], ...]:
    """Map ties ending the day before their replacement starts, or before the registry's file date."""
    starts = [r.since for r in replacements if r.since]
    last = (min(starts) if starts else c.day) - dt.timedelta(days=1)
    return tuple((rel.key, last) for rel in rels)


def _compare_siro(c: _Comparison) -> None:
    seen: set[str] = set()
    for branch in sorted(c.imp.actors.values(), key=lambda a: a.id):
        if branch.kind != "BRANCH" or branch.idcc in PSEUDO_IDCC:
            continue
        registry = _ties(c, branch.id, "ATTACHED_TO", "OPCO")
        map_id = c.map.match(branch)
        if map_id is None:
            _branch_missing(c, branch, registry)
            continue
        seen.add(map_id)
        on_map = [rel for rel in c.map.ties.get((map_id, "ATTACHED_TO"), ()) if c.map.kind(rel.target) == "OPCO"]
        _compare_attachments(c, c.map.actors[map_id], on_map, registry)
    if not c.folder.filtered:
        _unlisted_branches(c, seen)
    without_idcc = [a for a in c.map.actors.values() if a.kind == "BRANCH" and not a.idcc
                    and a.active_on(c.day) and c.map.ties.get((a.id, "ATTACHED_TO"))]
    if without_idcc:
        n = len(without_idcc)
        c.note(f"{n} branche(s) de la carte sans IDCC : leur rattachement n'est pas comparé (le registre nomme les "
               "branches par IDCC).",
               f"{n} branch(es) of the map without an IDCC: their attachment is not compared (the registry names "
               "branches by IDCC).")
    if c.folder.filtered:
        c.note("Import limité à une partie du territoire : les branches de la carte absentes du registre ne sont "
               "pas signalées (leurs établissements peuvent être ailleurs).",
               "Import narrowed to part of the territory: the map's branches absent from the registry are not "
               "reported (their establishments may be elsewhere).")
    if c.split_kept:
        c.note(f"{c.split_kept} rattachement(s) de la carte à un autre OPCO qu'un IDCC partagé : non signalés (l'import "
               "ne rattache un IDCC partagé qu'à son OPCO majoritaire ; sa note détaille le partage).",
               f"{c.split_kept} attachment(s) of the map to another OPCO of a split IDCC: not reported (the import ties "
               "a split IDCC to its majority OPCO only; its note gives the split).")
    if c.folder.companies:
        c.note("Les rattachements d'entreprises de l'import ne sont pas comparés.",
               "The import's company attachments are not compared.")


def _unlisted_branches(c: _Comparison, seen: set[str]) -> None:
    """Map branches attached to an OPCO whose IDCC the (whole) registry does not list at all."""
    for actor in sorted(c.map.actors.values(), key=lambda a: a.id):
        if actor.kind != "BRANCH" or actor.id in seen or not actor.idcc or actor.idcc in PSEUDO_IDCC \
                or not actor.active_on(c.day):
            continue
        for rel in c.map.ties.get((actor.id, "ATTACHED_TO"), ()):
            if c.map.kind(rel.target) != "OPCO":
                continue
            opco = c.map.name(rel.target)
            c.add("attachment_unsupported", actor.id, actor.name,
                  (f"rattachée à {opco}", f"attached to {opco}"),
                  ("IDCC absent du registre", "IDCC not in the registry"), related=[rel.target],
                  fix=Fix("end_relationship", f"Fin du rattachement de {_branch_label(actor)} à {opco}",
                          end=_ending(c, [rel])))


def _opco_name(c: _Comparison, tie: _Tie) -> str:
    return c.map.name(tie.rel.target, c.imp.actors.get(tie.original.target))


def _created(ties: Iterable[_Tie], *first: Actor) -> tuple[Actor, ...]:
    actors = {a.id: a for a in first}
    for tie in ties:
        for actor in tie.missing:
            actors.setdefault(actor.id, actor)
    return tuple(actors.values())


def _branch_missing(c: _Comparison, branch: Actor, registry: list[_Tie]) -> None:
    named = [(_opco_name(c, tie), tie.rel) for tie in registry]
    says = _attachments(named) if named else ("aucun OPCO", "no OPCO")
    c.add("branch_missing", branch.id, branch.name, ("absente de la carte", "not on the map"),
          (f"IDCC {branch.idcc}, rattachée à {says[0]}", f"IDCC {branch.idcc}, attached to {says[1]}"),
          related=[tie.rel.target for tie in registry],
          fix=Fix("create_actor", f"Création de la branche {_branch_label(branch)} (IDCC {branch.idcc})",
                  create=_created(registry, branch), add=tuple(tie.rel for tie in registry)))


def _compare_attachments(c: _Comparison, branch: Actor, on_map: list[Relationship], registry: list[_Tie]) -> None:
    map_opcos = {rel.target: rel for rel in on_map}
    reg_opcos = {tie.rel.target: tie for tie in registry}
    if not reg_opcos or set(map_opcos) == set(reg_opcos):
        return
    reg_named = [(_opco_name(c, tie), tie.rel) for tie in reg_opcos.values()]
    reg_names = " + ".join(name for name, _ in reg_named)
    map_names = " + ".join(c.map.name(t) for t in map_opcos)
    label = _branch_label(branch)
    if not map_opcos:
        c.add("branch_unattached", branch.id, branch.name, ("aucun rattachement", "no attachment"),
              _attachments(reg_named), related=reg_opcos,
              fix=Fix("add_relationship", f"Rattachement de {label} à {reg_names}",
                      create=_created(registry), add=tuple(tie.rel for tie in registry)))
        return
    if not set(map_opcos) & set(reg_opcos):
        replacements = _replacing(c, registry)
        c.add("branch_other_opco", branch.id, branch.name, _same(map_names), _attachments(reg_named),
              related=[*map_opcos, *reg_opcos],
              fix=Fix("end_relationship", f"Rattachement de {label} : {map_names} → {reg_names}",
                      create=_created(registry), end=_ending(c, on_map, replacements), add=replacements))
        return
    split = any("share" in tie.rel.properties for tie in registry)
    for target, rel in map_opcos.items():
        if target not in reg_opcos and split:
            c.split_kept += 1  # the import ties a split IDCC to its majority OPCO only: the map's other may be a minority
        elif target not in reg_opcos:
            opco = c.map.name(target)
            c.add("attachment_unsupported", branch.id, branch.name,
                  (f"rattachée à {opco}", f"attached to {opco}"),
                  (f"rattachée seulement à {reg_names}", f"attached only to {reg_names}"), related=[target],
                  fix=Fix("end_relationship", f"Fin du rattachement de {label} à {opco}", end=_ending(c, [rel])))
    for target, tie in reg_opcos.items():
        if target not in map_opcos:
            name = _opco_name(c, tie)
            c.add("attachment_missing", branch.id, branch.name,
                  (f"rattachée à {map_names}", f"attached to {map_names}"),
                  (f"rattachée aussi à {_attachment(name, tie.rel, 'fr')}",
                   f"also attached to {_attachment(name, tie.rel, 'en')}"), related=[target],
                  fix=Fix("add_relationship", f"Rattachement de {label} à {name}", create=_created([tie]),
                          add=(tie.rel,)))


# -- of-list: the public list of training organisations -------------------------------------

def _categories(actor: Actor) -> set[str]:
    return {tag for tag in actor.tags if tag in QUALIOPI}


def _generic_qualiopi(actor: Actor) -> bool:
    """A map tag saying "Qualiopi" without naming a category."""
    return any(_folded(tag) == "qualiopi" for tag in actor.tags)


def _category_list(categories: Iterable[str], lang: str, empty: Text = ("aucune catégorie", "no category")) -> str:
    names = [pick(QUALIOPI[c], lang) for c in QUALIOPI if c in set(categories)]
    return ", ".join(names) if names else pick(empty, lang)


def _compare_oflist(c: _Comparison) -> None:
    by_siret = {a.siret: a for a in c.imp.actors.values() if a.kind in ORGANISATIONS and a.siret}
    by_id = {a.id: a for a in c.imp.actors.values() if a.kind in ORGANISATIONS}
    not_compared = outside = 0
    for actor in sorted(c.map.actors.values(), key=lambda a: a.id):
        if actor.kind not in ORGANISATIONS or not actor.active_on(c.day):
            continue
        listed = (by_siret.get(actor.siret) if actor.siret else None) or by_id.get(actor.id)
        if listed is None:
            if not actor.siret:
                not_compared += 1
            elif _outside_import(c, actor):
                outside += 1
            else:
                _not_listed(c, actor)
            continue
        _compare_categories(c, actor, listed)
        _compare_region(c, actor, listed)
    if not_compared:
        c.note(f"{not_compared} organisme(s) ou CFA de la carte sans SIRET ni identifiant de la liste : non comparés.",
               f"{not_compared} training organisation(s) or CFA of the map with neither a SIRET nor a list id: "
               "not compared.")
    if outside:
        c.note(f"{outside} organisme(s) de la carte hors du territoire de l'import : non comparés.",
               f"{outside} organisation(s) of the map outside the import's territory: not compared.")


def _outside_import(c: _Comparison, actor: Actor) -> bool:
    """True when a narrowed import cannot say whether it lists the actor."""
    if c.folder.departements or c.folder.sirets:
        return True  # the map places actors by Région only; a SIRET list says nothing of the others
    return bool(c.folder.regions) and c.map.region_of(actor) not in c.folder.regions


def _not_listed(c: _Comparison, actor: Actor) -> None:
    region = c.map.region_of(actor)
    where = f", {_region_name(c, region)} ({region})" if region else ""
    if c.folder.regions:
        scope = ", ".join(c.folder.regions)
        says = (f"SIRET absent de la liste (import limité aux Régions {scope})",
                f"SIRET not in the list (import narrowed to Régions {scope})")
    else:
        says = ("SIRET absent de la liste", "SIRET not in the list")
    # No fix: the list does not say why an organisation left it (declaration lapsed, closed, moved...).
    c.add("organisation_not_listed", actor.id, actor.name, _same(f"SIRET {actor.siret}{where}"), says,
          related=[r.target for r in c.map.ties.get((actor.id, "LOCATED_IN"), ())])


def _compare_categories(c: _Comparison, actor: Actor, listed: Actor) -> None:
    mine, theirs = _categories(actor), _categories(listed)
    is_cfa = actor.kind == "CFA"
    if is_cfa and APPRENTICESHIP not in theirs:
        kind_now = "organisme de formation" if listed.kind == "TRAINING_ORG" else listed.kind
        kind_en = "training organisation" if listed.kind == "TRAINING_ORG" else listed.kind
        c.add("cfa_without_apprenticeship", actor.id, actor.name,
              (f"CFA, catégories : {_category_list(mine, 'fr')}", f"CFA, categories: {_category_list(mine, 'en')}"),
              (f"{kind_now}, catégories : {_category_list(theirs, 'fr')}",
               f"{kind_en}, categories: {_category_list(theirs, 'en')}"),
              fix=Fix("edit_actor", f"« {actor.name} » ({actor.id}) n'est plus certifié pour l'apprentissage",
                      edit=(ActorEdit(actor.id, {"kind": listed.kind}, remove_tags=(APPRENTICESHIP,)),)))
    # A CFA's apprenticeship is the difference above; the others are compared here.
    considered = set(QUALIOPI) - ({APPRENTICESHIP} if is_cfa else set())
    mine_c, theirs_c = mine & considered, theirs & considered
    generic_lost = _generic_qualiopi(actor) and not mine and not theirs
    lost, gained = mine_c - theirs_c, theirs_c - mine_c
    if not (lost or gained or generic_lost):
        return
    unspecified = ("Qualiopi (catégorie non précisée)", "Qualiopi (category not given)")
    shown_map = (unspecified if _generic_qualiopi(actor) and not mine_c
                 else tuple(_category_list(mine_c, lang) for lang in ("fr", "en")))
    shown_reg = tuple(_category_list(theirs_c, lang) for lang in ("fr", "en"))
    edits: dict[str, Any] = {}
    if not is_cfa and listed.kind in ORGANISATIONS and listed.kind != actor.kind:
        edits["kind"] = listed.kind  # a training organisation now certified for apprenticeship is a CFA
    none = NO_CATEGORY in listed.tags and not theirs
    add = sorted(theirs_c - mine_c) + ([NO_CATEGORY] if none else [])
    remove = (mine_c - theirs_c) | {t for t in actor.tags if _folded(t) == "qualiopi"} | (set() if none else {NO_CATEGORY})
    fix = Fix("edit_actor", f"Catégories Qualiopi de « {actor.name} » ({actor.id}) selon la liste",
              edit=(ActorEdit(actor.id, edits, add_tags=tuple(add), remove_tags=tuple(sorted(remove))),))
    kind = "qualiopi_lost" if lost or generic_lost else "qualiopi_gained"
    c.add(kind, actor.id, actor.name, shown_map, shown_reg, fix=fix)  # type: ignore[arg-type]


def _region_name(c: _Comparison, code: str) -> str:
    region = c.map.anchors.region(code) or next(
        (a for a in c.imp.actors.values() if a.kind == "REGION" and a.region_code == code), None)
    return (region.region_name or region.name) if region else code


def _compare_region(c: _Comparison, actor: Actor, listed: Actor) -> None:
    mine, theirs = c.map.region_of(actor), c.imp.region_of(listed)
    if not mine or not theirs or mine == theirs:
        return
    ties = [c.translated(rel, since=c.day) for rel in c.imp.ties.get((listed.id, "LOCATED_IN"), ())]
    added = tuple(rel.model_copy(update={"source": actor.id}) for rel, _ in ties)
    created = tuple(a for _, missing in ties for a in missing if a.kind == "REGION")
    map_name, reg_name = _region_name(c, mine), _region_name(c, theirs)
    fields: dict[str, Any] = {"region_code": theirs}
    if actor.region_name:
        fields["region_name"] = reg_name
    map_region = c.map.anchors.region(mine)
    c.add("region_differs", actor.id, actor.name, _same(f"{map_name} ({mine})"), _same(f"{reg_name} ({theirs})"),
          related=[*([map_region.id] if map_region else []), *(rel.target for rel in added)],
          fix=Fix("edit_actor", f"Région de « {actor.name} » ({actor.id}) : {map_name} → {reg_name}",
                  create=created, edit=(ActorEdit(actor.id, fields),),
                  end=_ending(c, c.map.ties.get((actor.id, "LOCATED_IN"), ()), added), add=added))


# -- rncp and npec: certifications, their branches, their funding levels -----------------------------

@dataclass(frozen=True)
class _TieRule:
    """A tie type the registry lists in full for its ``subject`` end."""

    type: str
    subject: str  # "source" or "target"
    missing: str
    unsupported: str
    differs: str | None = None
    compared: tuple[str, ...] = ()
    subject_kind: str = "CERTIFICATION"


RULES: dict[str, tuple[_TieRule, ...]] = {
    "rncp": (_TieRule("COVERS_BRANCH", "source", "covers_branch_missing", "covers_branch_unsupported"),),
    "npec": (_TieRule("FUNDING_LEVEL", "target", "funding_level_missing", "funding_level_unsupported",
                      differs="funding_level_differs", compared=("npec_eur",)),),
}


def _tie_text(rule: _TieRule, rel: Relationship | None, other: str, lang: str) -> str:
    en = lang == "en"
    if rule.type == "COVERS_BRANCH":
        if rel is None:
            return f"does not cover {other}" if en else f"ne couvre pas {other}"
        return f"covers {other}" if en else f"couvre {other}"
    if rel is None:
        return f"no NPEC for {other}" if en else f"aucun NPEC pour {other}"
    amount = rel.properties.get("npec_eur")
    if isinstance(amount, (int, float)) and not isinstance(amount, bool):
        shown = _number(amount, lang, cents=True)
        return f"{other}: NPEC €{shown}" if en else f"{other} : NPEC {shown} €"
    return f"{other}: NPEC not given" if en else f"{other} : NPEC non précisé"


def _both(rule: _TieRule, rel: Relationship | None, other: str) -> Text:
    return (_tie_text(rule, rel, other, "fr"), _tie_text(rule, rel, other, "en"))


def _compare_ties(c: _Comparison, rule: _TieRule) -> None:
    registry: dict[tuple[str, str], _Tie] = {}
    off_map = 0
    for rel in c.folder.dataset.relationships:
        if rel.type != rule.type:
            continue
        translated, missing = c.translated(rel)
        if missing:
            off_map += 1  # the map lacks an end: a registry lists far more than any map shows
            continue
        registry[(translated.source, translated.target)] = _Tie(rel, translated, ())
    # The certifications the registry lists: for them, its ties are the whole truth.
    subjects = {c.map_id(a.id) for a in c.imp.actors.values() if a.kind == rule.subject_kind} - {None}
    on_map: dict[tuple[str, str], Relationship] = {}
    for (_, rel_type), rels in c.map.ties.items():
        for rel in rels if rel_type == rule.type else ():
            known = on_map.get((rel.source, rel.target))
            if known is None or (rel.since or dt.date.min) > (known.since or dt.date.min):
                on_map[(rel.source, rel.target)] = rel  # the latest of several active versions
    for (source, target), tie in sorted(registry.items()):
        current = on_map.get((source, target))
        other = c.map.name(target)
        what = f"{source} —{rule.type}→ {target}"
        if current is None:
            c.add(rule.missing, source, c.map.name(source), _both(rule, None, other), _both(rule, tie.rel, other),
                  related=[target], fix=Fix("add_relationship", f"Ajout de la relation {what}", add=(tie.rel,)))
        elif rule.differs and _differ(current, tie.rel, rule.compared):
            # A new amount from the file's date; the old one ends the day before (the history keeps both).
            replacements = _replacing(c, [tie])
            c.add(rule.differs, source, c.map.name(source), _both(rule, current, other), _both(rule, tie.rel, other),
                  related=[target],
                  fix=Fix("end_relationship", f"Nouvelle valeur de la relation {what}",
                          end=_ending(c, [current], replacements), add=replacements))
    for (source, target), rel in sorted(on_map.items()):
        subject = source if rule.subject == "source" else target
        if (source, target) in registry or subject not in subjects:
            continue
        other = c.map.name(target)
        c.add(rule.unsupported, source, c.map.name(source), _both(rule, rel, other), _both(rule, None, other),
              related=[target],
              fix=Fix("end_relationship", f"Fin de la relation {source} —{rule.type}→ {target}",
                      end=_ending(c, [rel])))
    if off_map:
        label = c.folder.title
        c.note(f"{off_map} lien(s) {rule.type} de « {label} » vers des acteurs absents de la carte : non listés.",
               f"{off_map} {rule.type} tie(s) of “{label}” to actors not on the map: not listed.")


def _differ(current: Relationship, registry: Relationship, names: Sequence[str]) -> bool:
    for name in names:
        mine, theirs = current.properties.get(name), registry.properties.get(name)
        if theirs is None:
            continue
        if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
            if abs(float(mine) - float(theirs)) > 0.005:
                return True
        elif mine != theirs:
            return True
    return False


def _ended(actor: Actor, day: dt.date) -> bool:
    """Not active on ``day``: past its end date, or marked inactive (the RNCP's "Actif" column)."""
    return not actor.active_on(day) or "inactive" in actor.tags


def _compare_certifications(c: _Comparison) -> None:
    for listed in sorted(c.imp.actors.values(), key=lambda a: a.id):
        if listed.kind != "CERTIFICATION" or not _ended(listed, c.day):
            continue
        map_id = c.map.match(listed)
        actor = c.map.actors.get(map_id) if map_id else None
        if actor is None or _ended(actor, c.day):
            continue
        shown = (f"active jusqu'au {day_text(actor.until)}", f"active until {day_text(actor.until, 'en')}") \
            if actor.until else ("active (sans date de fin)", "active (no end date)")
        if listed.until and listed.until < c.day:
            last = listed.until
            says = (f"terminée le {day_text(last)}", f"ended on {day_text(last, 'en')}")
        else:  # withdrawn before its planned end: the registry does not say when
            last = c.day - dt.timedelta(days=1)
            says = ("inactive", "inactive")
        c.add("certification_ended", actor.id, actor.name, shown, says,
              fix=Fix("edit_actor", f"Fin au {last.isoformat()} de « {actor.name} » ({actor.id})",
                      edit=(ActorEdit(actor.id, {"until": max(last, actor.since or last)},
                                      add_tags=("inactive",) if "inactive" in listed.tags else (),
                                      remove_tags=("active",)),)))


# -- the comparison ---------------------------------------------------------------------

def reconcile(folder: ImportFolder, current: Dataset) -> Reconciliation:
    """The differences between the map ``current`` and what the import folder's registry says."""
    c = _Comparison(folder, current)
    if folder.registry == "siro":
        _compare_siro(c)
    elif folder.registry == "of-list":
        _compare_oflist(c)
    else:
        if folder.registry == "rncp":
            _compare_certifications(c)
        for rule in RULES.get(folder.registry, ()):
            _compare_ties(c, rule)
    return c.result()


# -- applying: one recorded change per difference ------------------------------------------------

@dataclass
class ApplyReport:
    """What an apply did: the changes recorded, and the differences left as they were (with why)."""

    dataset: str
    applied: list[tuple[Difference, Any]] = field(default_factory=list)  # (difference, Change)
    skipped: list[tuple[Difference, str]] = field(default_factory=list)


def reason(result: Reconciliation, difference: Difference, dataset_name: str) -> str:
    """The history's "why" of an applied difference: the registry, its date, the dataset, what differed."""
    folder = result.folder
    return (f"Rapprochement avec « {folder.title} » du {day_text(folder.file_date)} (jeu de données « {dataset_name} ») : "
            f"{difference.label('fr')} — carte : {difference.map_says[0]} ; registre : {difference.registry_says[0]}")


def _cite(rel: Relationship, source: Source) -> list[Source]:
    return rel.sources if source in rel.sources else [*rel.sources, source]


def plan_fix(result: Reconciliation, difference: Difference, store: Any, schema: Schema, who: str,
             dataset_name: str) -> Any:
    """The change that writes ``difference``'s fix into ``store`` now, or None when it holds it already."""
    from opcomap.editing.changes import Change, Snapshot

    fix = difference.fix
    if fix is None:
        return None
    source, day = result.folder.source(), result.folder.file_date
    before, after = Snapshot(), Snapshot()
    for actor in fix.create:
        if store.actor(actor.id) is None:
            before.actors[actor.id], after.actors[actor.id] = None, actor
    for edit in fix.edit:
        current = after.actors.get(edit.actor_id) or store.actor(edit.actor_id)
        if current is None:
            raise OpcomapError(f"l'acteur « {edit.actor_id} » n'est plus sur la carte")
        tags = [t for t in current.tags if t not in edit.remove_tags]
        tags += [t for t in edit.add_tags if t not in tags]
        changed = Actor.model_validate({**current.model_dump(), **edit.fields, "tags": tags})
        if changed != current:
            before.actors.setdefault(edit.actor_id, current)
            after.actors[edit.actor_id] = changed
    for key, last in fix.end:
        current = store.relationship(key)
        if current is None or not current.active_on(day):
            continue
        before.relationships[key] = current
        after.relationships[key] = current.model_copy(update={"until": max(last, current.since or last),
                                                              "sources": _cite(current, source)})
    for rel in fix.add:
        if rel.key in before.relationships:  # the replacement starts the same day: a new version of that tie
            after.relationships[rel.key] = rel
        elif store.relationship(rel.key) is None:
            before.relationships[rel.key], after.relationships[rel.key] = None, rel
    if not after.actors and not after.relationships:
        return None
    _check_schema(after, store, schema)
    return Change(who=who, op=fix.op, summary=fix.summary, why=reason(result, difference, dataset_name),
                  before=before, after=after)


def _check_schema(after: Any, store: Any, schema: Schema) -> None:
    """The loaders' rules on what a fix writes, and on the ties of an actor whose kind it changes."""
    ends = {e for rel in after.relationships.values() if rel is not None for e in (rel.source, rel.target)}
    changed_kind = [a for a in after.actors.values() if a is not None and (store.actor(a.id) or a).kind != a.kind]
    ties = [r for a in changed_kind for r in store.relationships_of(a.id)]
    ends |= {e for rel in ties for e in (rel.source, rel.target)}
    kinds = {i: a.kind for i, a in store.actors_by_id(ends).items()}
    kinds |= {i: a.kind for i, a in after.actors.items() if a is not None}
    problems = []
    for rel in [*(r for r in after.relationships.values() if r is not None), *ties]:
        for column, message in relationship_findings(rel, schema, kinds):
            problems.append(Problem("rapprochement", None, column, f"{rel.source} {rel.type} {rel.target} : {message}"))
    if problems:
        raise ValidationFailed(problems)


def apply_differences(result: Reconciliation, store: Any, schema: Schema, *, who: str, dataset_name: str,
                      differences: Sequence[Difference] | None = None, read_only: bool = False) -> ApplyReport:
    """Write the registry's version of each difference into ``store`` (an edit store), one change each.

    A difference without a fix, already in the store, or refused (conflict, schema) is
    reported in ``skipped`` with a sentence; the others are in ``applied``.
    """
    from opcomap.editing.service import NO_NAME, READ_ONLY
    from graph_model.errors import EditRefused

    if read_only:
        raise EditRefused(READ_ONLY)
    if not who.strip():
        raise EditRefused(NO_NAME)
    if not dataset_name.strip():
        raise OpcomapError("Indiquez le nom du jeu de données du rapprochement (--dataset NOM).")
    report = ApplyReport(dataset_name.strip())
    for difference in result.differences if differences is None else differences:
        if difference.fix is None:
            report.skipped.append((difference, "à vérifier à la main : le registre ne dit pas pourquoi"))
            continue
        try:
            change = plan_fix(result, difference, store, schema, who.strip(), report.dataset)
            if change is None:
                report.skipped.append((difference, "déjà à jour"))
                continue
            store.apply(change)
        except ValidationFailed as exc:
            report.skipped.append((difference, "; ".join(p.message for p in exc.problems)))
        except OpcomapError as exc:
            report.skipped.append((difference, str(exc)))
        else:
            report.applied.append((difference, change))
    return report


# -- Neo4j: the edit store, with the records of the apply tagged with the dataset name -----------------

def neo4j_store(driver: Any, schema: Schema, database: str, dataset_name: str, location: str = "Neo4j") -> Any:
    """The Neo4j edit store, writing every record a change touches under ``dataset_name``."""
    return _tagging_store()(driver, schema, database, location=location, dataset_name=dataset_name)


@lru_cache(maxsize=1)
def _tagging_store() -> type:
    from opcomap.store.edits import Neo4jEditStore, _match_relationship
    from opcomap.store.writer import actor_row, relationship_row

    class TaggingEditStore(Neo4jEditStore):
        """Neo4jEditStore whose changes also re-tag their records, inside the same transaction."""

        def __init__(self, driver: Any, schema: Schema, database: str, *, location: str, dataset_name: str):
            super().__init__(driver, schema, database, location=location)
            self.dataset_name = dataset_name

        def _apply(self, tx: Any, change: Any) -> None:
            super()._apply(tx, change)
            # The records now hold the registry's version: a reload of the dataset they came
            # from (e.g. the reference map) leaves them as they are (shared).
            for actor in change.after.actors.values():
                if actor is not None:
                    row = actor_row(actor, self.dataset_name)
                    tx.run("MATCH (a:Actor {id: $id}) SET a.dataset = $dataset, a.content_hash = $hash",
                           id=actor.id, dataset=self.dataset_name, hash=row["hash"]).consume()
            for rel in change.after.relationships.values():
                if rel is not None:
                    row = relationship_row(rel, self.dataset_name)
                    tx.run(_match_relationship(rel.type, self.schema) + " SET r.dataset = $dataset, r.content_hash = $hash",
                           source=rel.source, target=rel.target, key=rel.key, dataset=self.dataset_name,
                           hash=row["hash"]).consume()

    return TaggingEditStore


__all__ = [
    "KINDS", "ActorEdit", "ApplyReport", "Difference", "Fix", "ImportFolder", "Reconciliation",
    "apply_differences", "day_text", "neo4j_store", "pick", "plan_fix", "read_import", "reason", "reconcile",
]
