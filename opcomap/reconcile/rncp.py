"""The RNCP and RS export (rncp): certifications that ended, and the branches each one covers."""

from __future__ import annotations

import datetime as dt

from graph_model.errors import Phrase
from graph_model.models import Actor, Relationship
from graph_model.words.formats import said
from opcomap.reconcile.core import ActorEdit, Comparison, Fix
from opcomap.reconcile.ties import TieRule, compare_ties


def _covers(rel: Relationship | None, branch: str) -> Phrase:
    return said("reconcile.says.does_not_cover" if rel is None else "reconcile.says.covers", branch=branch)


COVERS_BRANCH = TieRule("COVERS_BRANCH", "source", "covers_branch_missing", "covers_branch_unsupported", _covers)


def compare(c: Comparison) -> None:
    _compare_certifications(c)
    compare_ties(c, COVERS_BRANCH)


def _ended(actor: Actor, day: dt.date) -> bool:
    """Not active on ``day``: past its end date, or marked inactive (the RNCP's "Actif" column)."""
    return not actor.active_on(day) or "inactive" in actor.tags


def _compare_certifications(c: Comparison) -> None:
    for listed in sorted(c.imp.actors.values(), key=lambda a: a.id):
        if listed.kind != "CERTIFICATION" or not _ended(listed, c.day):
            continue
        map_id = c.map.match(listed)
        actor = c.map.actors.get(map_id) if map_id else None
        if actor is None or _ended(actor, c.day):
            continue
        shown = (said("reconcile.says.active_until", day=actor.until) if actor.until
                 else said("reconcile.says.active_no_end"))
        if listed.until and listed.until < c.day:
            last = listed.until
            says = said("reconcile.says.ended_on", day=last)
        else:  # withdrawn before its planned end: the registry does not say when
            last = c.day - dt.timedelta(days=1)
            says = said("reconcile.says.inactive")
        c.add("certification_ended", actor.id, actor.name, shown, says,
              fix=Fix("edit_actor", said("reconcile.fix.certification_ends", day=last.isoformat(), name=actor.name,
                                      id=actor.id),
                      edit=(ActorEdit(actor.id, {"until": max(last, actor.since or last)},
                                      add_tags=("inactive",) if "inactive" in listed.tags else (),
                                      remove_tags=("active",)),)))
