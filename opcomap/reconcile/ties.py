"""Ties a registry lists in full for one end: the map's ties of that type are compared one by one.

The RNCP lists every branch a certification covers; the NPEC table every funding
level of a certification. For the certifications a registry lists, its ties are the
whole truth: a map tie it lacks is unsupported, a tie it adds is missing, and a tie
whose compared properties differ gets a new version from the file's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graph_model.errors import Phrase
from graph_model.models import Relationship
from graph_model.words.formats import said
from opcomap.reconcile.core import Comparison, Fix, Tie


@dataclass(frozen=True)
class TieRule:
    """A tie type the registry lists in full for its ``subject`` end."""

    type: str
    subject: str  # "source" or "target"
    missing: str  # the kinds of difference
    unsupported: str
    says: Callable[[Relationship | None, str], Phrase]  # what a side says of a tie to a named end (None: no tie)
    differs: str | None = None
    compared: tuple[str, ...] = ()  # properties whose change is a difference
    subject_kind: str = "CERTIFICATION"


def compare_ties(c: Comparison, rule: TieRule) -> None:
    registry: dict[tuple[str, str], Tie] = {}
    off_map = 0
    for rel in c.folder.dataset.relationships:
        if rel.type != rule.type:
            continue
        translated, missing = c.translated(rel)
        if missing:
            off_map += 1  # the map lacks an end: a registry lists far more than any map shows
            continue
        registry[(translated.source, translated.target)] = Tie(rel, translated, ())
    # The subjects the registry lists: for them, its ties are the whole truth.
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
            c.add(rule.missing, source, c.map.name(source), rule.says(None, other), rule.says(tie.rel, other),
                  related=[target], fix=Fix("add_relationship", said("reconcile.fix.add_tie", tie=what), add=(tie.rel,)))
        elif rule.differs and _differ(current, tie.rel, rule.compared):
            # A new amount from the file's date; the old one ends the day before (the history keeps both).
            replacements = c.replacing([tie])
            c.add(rule.differs, source, c.map.name(source), rule.says(current, other), rule.says(tie.rel, other),
                  related=[target],
                  fix=Fix("end_relationship", said("reconcile.fix.new_value", tie=what),
                          end=c.ending([current], replacements), add=replacements))
    for (source, target), rel in sorted(on_map.items()):
        subject = source if rule.subject == "source" else target
        if (source, target) in registry or subject not in subjects:
            continue
        other = c.map.name(target)
        c.add(rule.unsupported, source, c.map.name(source), rule.says(rel, other), rule.says(None, other),
              related=[target],
              fix=Fix("end_relationship", said("reconcile.fix.end_tie", tie=f"{source} —{rule.type}→ {target}"),
                      end=c.ending([rel])))
    if off_map:
        c.note("reconcile.note.ties_off_map", n=off_map, type=rule.type, registry=c.folder.title)


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
