"""The edits a user can make, as models, and how each becomes a :class:`Change`.

An operation carries raw form values and the version of each record as it
was when the form was opened. Planning reads the current records, refuses a
stale version (EditConflict) or invalid values (ValidationFailed, field →
message), and produces the change; the store applies it atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph_model.models import Actor, Relationship
from graph_model.rules import relationship_findings
from graph_model.schema import Schema
from loaders.parser import parse_date
from opcomap.editing.changes import Change, Snapshot, summarised, version_of
from opcomap.editing.store import EditStore, conflict
from opcomap.editing.validate import (
    FORM,
    actor_from_form,
    actor_row,
    refuse,
    relationship_from_form,
    relationship_row,
)
from graph_model.errors import EditConflict, EditRefused, NotFound, Phrase, Problem, ValidationFailed


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid")
    why: str | None = None


class CreateActor(_Op):
    fields: dict[str, Any]


class EditActor(_Op):
    actor_id: str
    version: str
    fields: dict[str, Any]


class MergeActors(_Op):
    """Keep ``survivor``; ``merged`` disappears, its ties move, its id becomes an alias."""

    survivor_id: str
    survivor_version: str
    merged_id: str
    merged_version: str


class AddRelationship(_Op):
    fields: dict[str, Any]
    source: dict[str, Any] = Field(default_factory=dict)


class EndRelationship(_Op):
    key: str
    version: str
    until: Any


class DeleteRelationship(_Op):
    key: str
    version: str
    confirmed: bool = False


class UndoChange(_Op):
    change_id: str


Operation = CreateActor | EditActor | MergeActors | AddRelationship | EndRelationship | DeleteRelationship | UndoChange


def plan(op: Operation, store: EditStore, schema: Schema, who: str) -> Change:
    """The change ``op`` makes to what ``store`` holds now (nothing is written here)."""
    planner = _PLANNERS[type(op)]
    return planner(op, store, schema, who)


# -- actors ----------------------------------------------------------------------

def _create_actor(op: CreateActor, store: EditStore, schema: Schema, who: str) -> Change:
    actor = actor_from_form(op.fields, schema)
    if store.actor(actor.id) is not None:
        raise refuse("id", Phrase("problems.edit_id_taken", {"id": actor.id}))
    return Change(
        who=who, op="create_actor", why=op.why, **summarised("edit.summary.create_actor", name=actor.name, id=actor.id),
        before=Snapshot(actors={actor.id: None}), after=Snapshot(actors={actor.id: actor}),
    )


def _edit_actor(op: EditActor, store: EditStore, schema: Schema, who: str) -> Change:
    current = _opened_actor(store, op.actor_id, op.version)
    actor = actor_from_form({**op.fields, "id": op.actor_id}, schema)
    if actor == current:
        raise EditRefused("problems.edit_nothing_changed")
    if actor.kind != current.kind:
        _check_ties_allow_kind(store, schema, actor)
    return Change(
        who=who, op="edit_actor", why=op.why, **summarised("edit.summary.edit_actor", name=actor.name, id=actor.id),
        before=Snapshot(actors={actor.id: current}), after=Snapshot(actors={actor.id: actor}),
    )


def _check_ties_allow_kind(store: EditStore, schema: Schema, actor: Actor) -> None:
    ties = store.relationships_of(actor.id)
    others = store.actors_by_id({r.source for r in ties} | {r.target for r in ties})
    kind_of = {i: a.kind for i, a in others.items()} | {actor.id: actor.kind}
    for rel in ties:
        for column, message in relationship_findings(rel, schema, kind_of):
            if column == "sources":  # a tie already on the map: a new kind does not change its sources
                continue
            raise refuse("kind", Phrase("problems.edit_kind_breaks_tie", {"key": rel.key, "what": message}))


def _merge_actors(op: MergeActors, store: EditStore, schema: Schema, who: str) -> Change:
    if op.survivor_id == op.merged_id:
        raise refuse("merged_id", Phrase("problems.edit_merge_same"))
    survivor = _opened_actor(store, op.survivor_id, op.survivor_version)
    merged = _opened_actor(store, op.merged_id, op.merged_version)
    before = Snapshot(actors={survivor.id: survivor, merged.id: merged})
    after = Snapshot(actors={merged.id: None})
    aliases = list(survivor.aliases)
    for alias in (merged.id, merged.name):
        if alias not in aliases and alias != survivor.name:
            aliases.append(alias)
    after.actors[survivor.id] = survivor.model_copy(update={"aliases": aliases})

    ties = store.relationships_of(merged.id)
    others = store.actors_by_id({r.source for r in ties} | {r.target for r in ties})
    kind_of = {i: a.kind for i, a in others.items()} | {survivor.id: survivor.kind}
    problems: list[Problem] = []
    for rel in ties:
        before.relationships[rel.key] = rel
        after.relationships.setdefault(rel.key, None)
        moved = _moved(rel, merged.id, survivor.id)
        if moved is None:  # a tie between the two duplicates disappears with the merge
            continue
        for column, message in relationship_findings(moved, schema, kind_of):
            if column == "sources":  # the tie moves with the sources it had
                continue
            problems.append(Problem(FORM, None, "merged_id", "problems.edit_merge_tie", {"key": rel.key, "what": message}))
        existing = after.relationships.get(moved.key) or store.relationship(moved.key)
        if existing is not None:  # the survivor already has this tie: keep one, with both sources
            before.relationships.setdefault(moved.key, store.relationship(moved.key))
            sources = existing.sources + [s for s in moved.sources if s not in existing.sources]
            moved = existing.model_copy(update={"sources": sources})
        else:
            before.relationships.setdefault(moved.key, None)
        after.relationships[moved.key] = moved
    if problems:
        raise ValidationFailed(problems)
    return Change(
        who=who, op="merge_actors", why=op.why,
        **summarised("edit.summary.merge_actors", merged=merged.name, merged_id=merged.id, survivor=survivor.name,
                     survivor_id=survivor.id),
        before=before, after=after,
    )


def _moved(rel: Relationship, old: str, new: str) -> Relationship | None:
    source = new if rel.source == old else rel.source
    target = new if rel.target == old else rel.target
    if source == target:
        return None
    return rel.model_copy(update={"source": source, "target": target})


# -- relationships -----------------------------------------------------------------

def _add_relationship(op: AddRelationship, store: EditStore, schema: Schema, who: str) -> Change:
    ids = [str(op.fields.get(k) or "").strip() for k in ("source", "target")]
    endpoints = store.actors_by_id([i for i in ids if i]).values()
    rel = relationship_from_form(op.fields, op.source, endpoints, schema)
    if store.relationship(rel.key) is not None:
        raise refuse("since", Phrase("problems.edit_tie_twice", {
            "source": rel.source, "type": rel.type, "target": rel.target}))
    return Change(
        who=who, op="add_relationship", why=op.why,
        **summarised("edit.summary.add_relationship", source=rel.source, type=rel.type, target=rel.target),
        before=Snapshot(relationships={rel.key: None}), after=Snapshot(relationships={rel.key: rel}),
    )


def _end_relationship(op: EndRelationship, store: EditStore, schema: Schema, who: str) -> Change:
    current = _opened_relationship(store, op.key, op.version)
    until, problem = parse_date(op.until) if op.until not in (None, "") else (None, None)
    if problem or until is None:
        raise refuse("until", problem or Phrase("problems.edit_end_date_required"))
    endpoints = store.actors_by_id([current.source, current.target]).values()
    rel = relationship_from_form({**relationship_row(current), "until": until}, None, endpoints, schema)
    return Change(
        who=who, op="end_relationship", why=op.why,
        **summarised("edit.summary.end_relationship", until=until.isoformat(), source=current.source,
                     type=current.type, target=current.target),
        before=Snapshot(relationships={op.key: current}), after=Snapshot(relationships={op.key: rel}),
    )


def _delete_relationship(op: DeleteRelationship, store: EditStore, schema: Schema, who: str) -> Change:
    if not op.confirmed:
        raise EditRefused("problems.edit_delete_unconfirmed")
    current = _opened_relationship(store, op.key, op.version)
    return Change(
        who=who, op="delete_relationship", why=op.why,
        **summarised("edit.summary.delete_relationship", source=current.source, type=current.type,
                     target=current.target),
        before=Snapshot(relationships={op.key: current}), after=Snapshot(relationships={op.key: None}),
    )


def _undo(op: UndoChange, store: EditStore, schema: Schema, who: str) -> Change:
    change = store.change(op.change_id)
    if change is None:
        raise NotFound("problems.edit_change_not_found", id=op.change_id)
    if change.undone:
        raise EditRefused("problems.edit_already_undone")
    return change.inverse(who, op.why)


# -- helpers ------------------------------------------------------------------------

def _opened_actor(store: EditStore, actor_id: str, version: str) -> Actor:
    current = store.actor(actor_id)
    if current is None:
        raise EditConflict("problems.edit_actor_gone", id=actor_id)
    if version_of(current) != version:
        raise conflict("actor", actor_id)
    return current


def _opened_relationship(store: EditStore, key: str, version: str) -> Relationship:
    current = store.relationship(key)
    if current is None:
        raise EditConflict("problems.edit_tie_gone", key=key)
    if version_of(current) != version:
        raise conflict("relationship", key)
    return current


_PLANNERS: dict[type, Callable[[Any, EditStore, Schema, str], Change]] = {
    CreateActor: _create_actor,
    EditActor: _edit_actor,
    MergeActors: _merge_actors,
    AddRelationship: _add_relationship,
    EndRelationship: _end_relationship,
    DeleteRelationship: _delete_relationship,
    UndoChange: _undo,
}

__all__ = [
    "AddRelationship", "CreateActor", "DeleteRelationship", "EditActor", "EndRelationship",
    "MergeActors", "Operation", "UndoChange", "actor_row", "plan",
]
