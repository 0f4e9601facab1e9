"""Applying a change to records held in memory (the embedded workspace does this).

The Neo4j store runs the same checks in Cypher inside its transaction.
"""

from __future__ import annotations

from graph_model.models import Actor, Relationship
from opcomap.editing.changes import Change, version_of
from opcomap.editing.store import conflict
from graph_model.errors import EditConflict

# Catalogue keys of the conflicts, shared with the Neo4j store (opcomap.store.edits).
EXISTS_NOW = {"actor": "problems.edit_actor_exists_now", "relationship": "problems.edit_tie_exists_now"}
STILL_TIED = "problems.edit_still_tied"  # ident=
MISSING_END = "problems.edit_missing_end"  # key=, ident=


def check_before(change: Change, actors: dict[str, Actor], rels: dict[str, Relationship]) -> None:
    """Raise EditConflict unless every touched record still equals ``change.before``."""
    for ident, actor in change.before.actors.items():
        _check_same("actor", ident, actors.get(ident), actor)
    for key, rel in change.before.relationships.items():
        _check_same("relationship", key, rels.get(key), rel)


def _check_same(kind: str, ident: str, current: Actor | Relationship | None, expected: Actor | Relationship | None) -> None:
    if version_of(current) == version_of(expected):
        return
    if expected is None:
        raise EditConflict(EXISTS_NOW[kind], ident=ident)
    raise conflict(kind, ident)


def apply_in_memory(change: Change, actors: dict[str, Actor], rels: dict[str, Relationship]) -> None:
    """Check, then update ``actors`` (by id) and ``rels`` (by key) in place."""
    check_before(change, actors, rels)
    for key, rel in change.after.relationships.items():
        if rel is None:
            rels.pop(key, None)
        else:
            rels[key] = rel
    for ident, actor in change.after.actors.items():
        if actor is None:
            actors.pop(ident, None)
        else:
            actors[ident] = actor
    removed = {ident for ident, actor in change.after.actors.items() if actor is None}
    for key, rel in rels.items():
        for end in (rel.source, rel.target):
            if end in removed:
                raise EditConflict(STILL_TIED, ident=end)
            if key in change.after.relationships and end not in actors:
                raise EditConflict(MISSING_END, key=key, ident=end)
