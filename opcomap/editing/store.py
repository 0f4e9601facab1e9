"""The interface both edit stores implement (Neo4j, and the embedded workspace)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from graph_model.errors import EditConflict
from graph_model.models import Actor, Relationship
from opcomap.editing.changes import Change

if TYPE_CHECKING:
    from opcomap.editing.proposals import Proposal


class EditStore(Protocol):
    """Where edits are read from and written to."""

    #: Human-readable place the edits go (workspace folder, Neo4j URI).
    location: str

    def actor(self, actor_id: str) -> Actor | None: ...

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]: ...

    def relationship(self, key: str) -> Relationship | None: ...

    def relationships_of(self, actor_id: str) -> list[Relationship]: ...

    def search(self, text: str, limit: int = 50) -> list[Actor]: ...

    def apply(self, change: Change) -> None:
        """Write the change atomically, or raise EditConflict if any record
        differs from ``change.before``; record it in the history."""

    def history(self, actor_id: str) -> list[Change]:
        """Changes that concern the actor, newest first."""

    def change(self, change_id: str) -> Change | None: ...

    def propose(self, proposal: Proposal) -> None:
        """Record a pending proposal beside the history; the map is not touched."""

    def proposals(self, pending_only: bool = True) -> list[Proposal]:
        """Proposals, newest first: the pending ones, or every one with its outcome."""

    def proposal(self, proposal_id: str) -> Proposal | None: ...

    def decide(self, decided: Proposal, change: Change | None) -> None:
        """Record a proposal's outcome and, when accepted, apply ``change`` with it, atomically.

        Raises EditRefused if the proposal was decided meanwhile, EditConflict as :meth:`apply`."""


def conflict(kind: str, ident: str) -> EditConflict:
    """The error for a record (``kind`` actor or relationship) changed since it was opened."""
    return EditConflict("problems.edit_conflict_actor" if kind == "actor" else "problems.edit_conflict_tie",
                        id=ident)


def fold(text: str) -> str:
    """Lower case without accents, for forgiving search.

    >>> fold("Région Île-de-France")
    'region ile-de-france'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(actor: Actor, needle: str) -> bool:
    """True if the folded needle occurs in the actor's id, names or aliases."""
    haystack = [actor.id, actor.name, actor.short_name or "", actor.official_name or "", *actor.aliases]
    return any(needle in fold(item) for item in haystack)


def parse_key(key: str) -> tuple[str, str, str, str]:
    """(source, type, target, since) of a relationship key.

    >>> parse_key("medef|CO_MANAGES|afdas|2019-04-01")
    ('medef', 'CO_MANAGES', 'afdas', '2019-04-01')
    """
    parts = key.split("|")
    if len(parts) != 4:
        raise ValueError(f"clé de relation invalide « {key} »")
    return parts[0], parts[1], parts[2], parts[3]
