"""The public list of training organisations (of-list): Qualiopi categories and Région, by SIRET."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph_model.models import Actor
from graph_model.words.formats import Listed, Said, said
from opcomap.reconcile.core import ORGANISATIONS, ActorEdit, Comparison, Fix, folded

# The list's Qualiopi categories, import tag -> name's catalogue key, in the order they are shown.
QUALIOPI = {
    "qualiopi:actions-de-formation": "reconcile.qualiopi.actions-de-formation",
    "qualiopi:bilans-de-competences": "reconcile.qualiopi.bilans-de-competences",
    "qualiopi:vae": "reconcile.qualiopi.vae",
    "qualiopi:apprentissage": "reconcile.qualiopi.apprentissage",
}
APPRENTICESHIP = "qualiopi:apprentissage"
NO_CATEGORY = "qualiopi:aucune"


def compare(c: Comparison) -> None:
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
        c.note("reconcile.note.organisations_without_siret", n=not_compared)
    if outside:
        c.note("reconcile.note.organisations_outside", n=outside)


def _categories(actor: Actor) -> set[str]:
    return {tag for tag in actor.tags if tag in QUALIOPI}


def _generic_qualiopi(actor: Actor) -> bool:
    """A map tag saying "Qualiopi" without naming a category."""
    return any(folded(tag) == "qualiopi" for tag in actor.tags)


def _category_list(categories: Iterable[str]) -> Said:
    """``actions de formation, VAE``, in the list's order; ``aucune catégorie`` when there is none."""
    chosen = set(categories)
    names = tuple(said(key) for tag, key in QUALIOPI.items() if tag in chosen)
    return said("reconcile.says.names", names=Listed(names)) if names else said("reconcile.says.no_category")


def _outside_import(c: Comparison, actor: Actor) -> bool:
    """True when a narrowed import cannot say whether it lists the actor."""
    if c.folder.departements or c.folder.sirets:
        return True  # the map places actors by Région only; a SIRET list says nothing of the others
    return bool(c.folder.regions) and c.map.region_of(actor) not in c.folder.regions


def _not_listed(c: Comparison, actor: Actor) -> None:
    region = c.map.region_of(actor)
    shown = (said("reconcile.says.siret_in_region", siret=actor.siret, region=_region_name(c, region), code=region)
             if region else said("reconcile.says.siret", siret=actor.siret))
    if c.folder.regions:
        says = said("reconcile.says.siret_not_listed_in", regions=", ".join(c.folder.regions))
    else:
        says = said("reconcile.says.siret_not_listed")
    # No fix: the list does not say why an organisation left it (declaration lapsed, closed, moved...).
    c.add("organisation_not_listed", actor.id, actor.name, shown, says,
          related=[r.target for r in c.map.ties.get((actor.id, "LOCATED_IN"), ())])


def _compare_categories(c: Comparison, actor: Actor, listed: Actor) -> None:
    mine, theirs = _categories(actor), _categories(listed)
    is_cfa = actor.kind == "CFA"
    if is_cfa and APPRENTICESHIP not in theirs:
        kind_now = said("reconcile.says.training_org") if listed.kind == "TRAINING_ORG" else listed.kind
        c.add("cfa_without_apprenticeship", actor.id, actor.name,
              said("reconcile.says.kind_categories", kind=actor.kind, categories=_category_list(mine)),
              said("reconcile.says.kind_categories", kind=kind_now, categories=_category_list(theirs)),
              fix=Fix("edit_actor", said("reconcile.fix.no_apprenticeship", name=actor.name, id=actor.id),
                      edit=(ActorEdit(actor.id, {"kind": listed.kind}, remove_tags=(APPRENTICESHIP,)),)))
    # A CFA's apprenticeship is the difference above; the others are compared here.
    considered = set(QUALIOPI) - ({APPRENTICESHIP} if is_cfa else set())
    mine_c, theirs_c = mine & considered, theirs & considered
    generic_lost = _generic_qualiopi(actor) and not mine and not theirs
    lost, gained = mine_c - theirs_c, theirs_c - mine_c
    if not (lost or gained or generic_lost):
        return
    shown_map = (said("reconcile.says.qualiopi_unspecified") if _generic_qualiopi(actor) and not mine_c
                 else _category_list(mine_c))
    edits: dict[str, Any] = {}
    if not is_cfa and listed.kind in ORGANISATIONS and listed.kind != actor.kind:
        edits["kind"] = listed.kind  # a training organisation now certified for apprenticeship is a CFA
    none = NO_CATEGORY in listed.tags and not theirs
    add = sorted(theirs_c - mine_c) + ([NO_CATEGORY] if none else [])
    remove = (mine_c - theirs_c) | {tag for tag in actor.tags if folded(tag) == "qualiopi"} | (set() if none else {NO_CATEGORY})
    fix = Fix("edit_actor", said("reconcile.fix.categories", name=actor.name, id=actor.id),
              edit=(ActorEdit(actor.id, edits, add_tags=tuple(add), remove_tags=tuple(sorted(remove))),))
    kind = "qualiopi_lost" if lost or generic_lost else "qualiopi_gained"
    c.add(kind, actor.id, actor.name, shown_map, _category_list(theirs_c), fix=fix)


def _region_name(c: Comparison, code: str) -> str:
    region = c.map.anchors.region(code) or next(
        (a for a in c.imp.actors.values() if a.kind == "REGION" and a.region_code == code), None)
    return (region.region_name or region.name) if region else code


def _compare_region(c: Comparison, actor: Actor, listed: Actor) -> None:
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
    c.add("region_differs", actor.id, actor.name, said("reconcile.says.region", region=map_name, code=mine),
          said("reconcile.says.region", region=reg_name, code=theirs),
          related=[*([map_region.id] if map_region else []), *(rel.target for rel in added)],
          fix=Fix("edit_actor", said("reconcile.fix.region", name=actor.name, id=actor.id, before=map_name,
                                  after=reg_name),
                  create=created, edit=(ActorEdit(actor.id, fields),),
                  end=c.ending(c.map.ties.get((actor.id, "LOCATED_IN"), ()), added), add=added))
