"""Applying differences: each fix becomes one recorded change of the edit history, citing the registry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph_model.errors import EditRefused, OpcomapError, Problem, ValidationFailed
from graph_model.models import Actor, Relationship, Source
from graph_model.rules import relationship_findings
from graph_model.schema import Schema
from graph_model.words import t
from graph_model.words.formats import day
from opcomap.reconcile.core import Difference, Reconciliation


@dataclass
class ApplyReport:
    """What an apply did: the changes recorded, and the differences left as they were (with why)."""

    dataset: str
    applied: list[tuple[Difference, Any]] = field(default_factory=list)  # (difference, Change)
    skipped: list[tuple[Difference, str]] = field(default_factory=list)  # (difference, why, in the report's language)


def reason(result: Reconciliation, difference: Difference, dataset_name: str) -> str:
    """The history's "why" of an applied difference: the registry, its date, the dataset, what differed."""
    folder = result.folder
    return t("reconcile.fix.why", "fr", registry=folder.title, day=day(folder.file_date), dataset=dataset_name,
             kind=difference.label("fr"), map=difference.map_says.text("fr"),
             says=difference.registry_says.text("fr"))


def _cite(rel: Relationship, source: Source) -> list[Source]:
    return rel.sources if source in rel.sources else [*rel.sources, source]


def plan_fix(result: Reconciliation, difference: Difference, store: Any, schema: Schema, who: str,
             dataset_name: str) -> Any:
    """The change that writes ``difference``'s fix into ``store`` now, or None when it holds it already."""
    from opcomap.editing.changes import Change, Snapshot, summarised

    fix = difference.fix
    if fix is None:
        return None
    source, file_date = result.folder.source(), result.folder.file_date
    before, after = Snapshot(), Snapshot()
    for actor in fix.create:
        if store.actor(actor.id) is None:
            before.actors[actor.id], after.actors[actor.id] = None, actor
    for edit in fix.edit:
        current = after.actors.get(edit.actor_id) or store.actor(edit.actor_id)
        if current is None:
            raise OpcomapError("reconcile.fix.not_on_map", id=edit.actor_id)
        tags = [tag for tag in current.tags if tag not in edit.remove_tags]
        tags += [tag for tag in edit.add_tags if tag not in tags]
        changed = Actor.model_validate({**current.model_dump(), **edit.fields, "tags": tags})
        if changed != current:
            before.actors.setdefault(edit.actor_id, current)
            after.actors[edit.actor_id] = changed
    for key, last in fix.end:
        current = store.relationship(key)
        if current is None or not current.active_on(file_date):
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
    return Change(who=who, op=fix.op, **summarised(fix.summary.key, **fix.summary.params),
                  why=reason(result, difference, dataset_name), before=before, after=after)


def _check_schema(after: Any, store: Any, schema: Schema) -> None:
    """The loaders' rules on what a fix writes, and on the ties of an actor whose kind it changes."""
    ends = {e for rel in after.relationships.values() if rel is not None for e in (rel.source, rel.target)}
    changed_kind = [a for a in after.actors.values() if a is not None and (store.actor(a.id) or a).kind != a.kind]
    ties = [r for a in changed_kind for r in store.relationships_of(a.id)]
    ends |= {e for rel in ties for e in (rel.source, rel.target)}
    kinds = {i: a.kind for i, a in store.actors_by_id(ends).items()}
    kinds |= {i: a.kind for i, a in after.actors.items() if a is not None}
    problems = []
    written = [r for r in after.relationships.values() if r is not None]
    for rel in [*written, *ties]:
        for column, problem in relationship_findings(rel, schema, kinds):
            if column == "sources" and rel not in written:  # a tie already on the map keeps its sources
                continue
            problems.append(Problem(t("reconcile.fix.where"), None, column, "reconcile.fix.bad_tie",
                                    {"source": rel.source, "type": rel.type, "target": rel.target,
                                     "problem": problem}))
    if problems:
        raise ValidationFailed(problems)


def apply_differences(result: Reconciliation, store: Any, schema: Schema, *, who: str, dataset_name: str,
                      differences: Sequence[Difference] | None = None, read_only: bool = False,
                      lang: str = "fr", propose: bool = False) -> ApplyReport:
    """Write the registry's version of each difference into ``store`` (an edit store), one change each;
    with ``propose`` (publishing by review), keep each as a proposal for a reviewer instead.

    A difference without a fix, already in the store, or refused (conflict, schema) is
    reported in ``skipped`` with a sentence in ``lang``; the others are in ``applied``.
    """
    from opcomap.editing.service import NO_NAME, READ_ONLY

    if read_only:
        raise EditRefused(READ_ONLY)
    if not who.strip():
        raise EditRefused(NO_NAME)
    if not dataset_name.strip():
        raise OpcomapError("reconcile.fix.no_dataset")
    report = ApplyReport(dataset_name.strip())
    for difference in result.differences if differences is None else differences:
        if difference.fix is None:
            report.skipped.append((difference, t("reconcile.fix.by_hand", lang)))
            continue
        try:
            change = plan_fix(result, difference, store, schema, who.strip(), report.dataset)
            if change is None:
                report.skipped.append((difference, t("reconcile.fix.up_to_date", lang)))
                continue
            if propose:
                from opcomap.editing.proposals import Proposal

                store.propose(Proposal(change=change))
            else:
                store.apply(change)
        except ValidationFailed as exc:
            report.skipped.append((difference, "; ".join(p.text(lang) for p in exc.problems)))
        except OpcomapError as exc:
            report.skipped.append((difference, exc.message(lang)))
        else:
            report.applied.append((difference, change))
    return report
