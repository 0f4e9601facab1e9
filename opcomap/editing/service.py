"""The editor: one person's edits against one store, refused when read-only."""

from __future__ import annotations

from graph_model.models import Actor, Relationship
from graph_model.schema import Schema
from opcomap.editing.changes import Change, version_of
from opcomap.editing.operations import Operation, plan
from opcomap.editing.store import EditStore
from graph_model.errors import EditRefused, NotFound

READ_ONLY = (
    "L'application est en lecture seule : les modifications sont refusées. "
    "Elle l'est quand NEO4J_URI désigne un serveur distant ; OPCOMAP_READ_ONLY=false "
    "(ou true) impose le choix."
)
NO_NAME = "Indiquez votre nom avant de modifier la carte : il est enregistré dans l'historique."


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
            raise NotFound(f"Aucun acteur d'identifiant « {actor_id} ».")
        return actor, version_of(actor)

    def open_relationship(self, key: str) -> tuple[Relationship, str]:
        rel = self.store.relationship(key)
        if rel is None:
            raise NotFound(f"Aucune relation de clé « {key} ».")
        return rel, version_of(rel)

    def history(self, actor_id: str) -> list[Change]:
        return self.store.history(actor_id)
