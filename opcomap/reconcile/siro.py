"""The SIRET-OPCO table (siro): which OPCO each branch, named by its IDCC, is attached to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph_model.models import Actor, Relationship
from graph_model.words.formats import Listed, Said, said
from opcomap.reconcile.core import PSEUDO_IDCC, Comparison, Fix, Tie, actor_label

PLUS = " + "  # several OPCO of one branch, as the registry's note writes them


def compare(c: Comparison) -> None:
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
        c.note("reconcile.note.branches_without_idcc", n=len(without_idcc))
    if c.folder.filtered:
        c.note("reconcile.note.siro_narrowed")
    if c.split_kept:
        c.note("reconcile.note.split_idcc", n=c.split_kept)
    if c.folder.companies:
        c.note("reconcile.note.companies")


def _attachment(name: str, rel: Relationship) -> Said:
    """``AKTO (1 250 établissements, 40 %)``: an OPCO with what the registry counts."""
    counts: list[Said] = []
    count = rel.properties.get("establishments")
    if isinstance(count, (int, float)) and not isinstance(count, bool):
        counts.append(said("reconcile.says.establishments", n=count))
    share = rel.properties.get("share")
    if isinstance(share, (int, float)) and not isinstance(share, bool):
        percent = share * 100 if share <= 1 else share  # a fraction (0.4) or already a percentage (40)
        counts.append(said("reconcile.says.share", percent=round(percent, 2)))
    return said("reconcile.says.with_counts", name=name, counts=Listed(tuple(counts))) if counts \
        else said("reconcile.says.names", names=name)


def _attachments(names_and_ties: Sequence[tuple[str, Relationship]]) -> Listed:
    return Listed(tuple(_attachment(name, rel) for name, rel in names_and_ties), PLUS)


def _ties(c: Comparison, actor_id: str, rel_type: str, target_kind: str) -> list[Tie]:
    found = []
    for rel in c.imp.ties.get((actor_id, rel_type), ()):
        target = c.imp.actors.get(rel.target)
        if target is not None and target.kind == target_kind:
            translated, missing = c.translated(rel)
            found.append(Tie(rel, translated, tuple(missing)))
    return found


def _unlisted_branches(c: Comparison, seen: set[str]) -> None:
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
                  said("reconcile.says.attached_to", opcos=opco), said("reconcile.says.idcc_not_listed"),
                  related=[rel.target],
                  fix=Fix("end_relationship", said("reconcile.fix.detach", branch=actor_label(actor), opco=opco),
                          end=c.ending([rel])))


def _opco_name(c: Comparison, tie: Tie) -> str:
    return c.map.name(tie.rel.target, c.imp.actors.get(tie.original.target))


def _created(ties: Iterable[Tie], *first: Actor) -> tuple[Actor, ...]:
    actors = {a.id: a for a in first}
    for tie in ties:
        for actor in tie.missing:
            actors.setdefault(actor.id, actor)
    return tuple(actors.values())


def _branch_missing(c: Comparison, branch: Actor, registry: list[Tie]) -> None:
    named = [(_opco_name(c, tie), tie.rel) for tie in registry]
    opcos = _attachments(named) if named else said("reconcile.says.no_opco")
    c.add("branch_missing", branch.id, branch.name, said("reconcile.says.not_on_map"),
          said("reconcile.says.idcc_attached_to", idcc=branch.idcc, opcos=opcos),
          related=[tie.rel.target for tie in registry],
          fix=Fix("create_actor", said("reconcile.fix.create_branch", branch=actor_label(branch), idcc=branch.idcc),
                  create=_created(registry, branch), add=tuple(tie.rel for tie in registry)))


def _compare_attachments(c: Comparison, branch: Actor, on_map: list[Relationship], registry: list[Tie]) -> None:
    map_opcos = {rel.target: rel for rel in on_map}
    reg_opcos = {tie.rel.target: tie for tie in registry}
    if not reg_opcos or set(map_opcos) == set(reg_opcos):
        return
    reg_named = [(_opco_name(c, tie), tie.rel) for tie in reg_opcos.values()]
    reg_names = PLUS.join(name for name, _ in reg_named)
    map_names = PLUS.join(c.map.name(opco) for opco in map_opcos)
    label = actor_label(branch)
    if not map_opcos:
        c.add("branch_unattached", branch.id, branch.name, said("reconcile.says.no_attachment"),
              said("reconcile.says.names", names=_attachments(reg_named)), related=reg_opcos,
              fix=Fix("add_relationship", said("reconcile.fix.attach", branch=label, opcos=reg_names),
                      create=_created(registry), add=tuple(tie.rel for tie in registry)))
        return
    if not set(map_opcos) & set(reg_opcos):
        replacements = c.replacing(registry)
        c.add("branch_other_opco", branch.id, branch.name, said("reconcile.says.names", names=map_names),
              said("reconcile.says.names", names=_attachments(reg_named)), related=[*map_opcos, *reg_opcos],
              fix=Fix("end_relationship",
                      said("reconcile.fix.reattach", branch=label, before=map_names, after=reg_names),
                      create=_created(registry), end=c.ending(on_map, replacements), add=replacements))
        return
    split = any("share" in tie.rel.properties for tie in registry)
    for target, rel in map_opcos.items():
        if target not in reg_opcos and split:
            c.split_kept += 1  # the import ties a split IDCC to its majority OPCO only: the map's other may be a minority
        elif target not in reg_opcos:
            opco = c.map.name(target)
            c.add("attachment_unsupported", branch.id, branch.name, said("reconcile.says.attached_to", opcos=opco),
                  said("reconcile.says.attached_only_to", opcos=reg_names), related=[target],
                  fix=Fix("end_relationship", said("reconcile.fix.detach", branch=label, opco=opco),
                          end=c.ending([rel])))
    for target, tie in reg_opcos.items():
        if target not in map_opcos:
            name = _opco_name(c, tie)
            c.add("attachment_missing", branch.id, branch.name, said("reconcile.says.attached_to", opcos=map_names),
                  said("reconcile.says.also_attached_to", opco=_attachment(name, tie.rel)), related=[target],
                  fix=Fix("add_relationship", said("reconcile.fix.attach", branch=label, opcos=name),
                          create=_created([tie]), add=(tie.rel,)))
