"""The editor: one person's edits against one store, refused when read-only."""

from __future__ import annotations

from graph_model.models import Actor, Relationship
from graph_model.schema import Schema
from opcomap.editing.changes import Change, version_of
from opcomap.editing.operations import Operation, plan
from opcomap.editing.store import EditStore
from graph_model.errors import EditRefused, NotFound

READ_ONLY = "problems.edit_read_only"  # catalogue keys (the reconcile fixes refuse with them too)
NO_NAME = "problems.edit_no_name"


class Editor:
    """Plans and applies operations for ``who``; every change lands in the history."""

    def __init__(self, store: EditStore, schema: Schema, who: str, read_only: bool = False):
        self.store, self.schema, self.who, self.read_only = store, schema, who.strip(), read_only

    def submit(self, op: Operation) -> Change:
        """Apply one operation; raises ValidationFailed, EditConflict or EditRefused, writing nothing."""
        if self.read_only:
            raise EditRefused(READ_ONLY)
        if not self.who:
            raise EditRefused(NO_NAME)
        change = plan(op, self.store, self.schema, self.who)
        self.store.apply(change)
        return change

    def open_actor(self, actor_id: str) -> tuple[Actor, str]:
        """The actor and the version a form opened on it must send back."""
        actor = self.store.actor(actor_id)
        if actor is None:
            raise NotFound("problems.edit_no_actor", id=actor_id)
        return actor, version_of(actor)

    def open_relationship(self, key: str) -> tuple[Relationship, str]:
        rel = self.store.relationship(key)
        if rel is None:
            raise NotFound("problems.edit_no_tie", key=key)
        return rel, version_of(rel)

    def history(self, actor_id: str) -> list[Change]:
        return self.store.history(actor_id)
