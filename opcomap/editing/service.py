"""The editor: one person's edits against one store, refused when read-only or not theirs to make.

With publishing by review (``OPCOMAP_PUBLISH=review``) an edit by someone who may not
publish is kept as a :class:`~opcomap.editing.proposals.Proposal`; a reviewer accepts it
(the change is applied, attributed to its proposer with the reviewer named) or rejects it
with a reason, and its proposer may withdraw it. The permissions are checked here, so
every edge (app, CLI) refuses the same things with the same words.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from graph_model.errors import EditConflict, EditRefused, NotFound
from graph_model.models import Actor, Relationship
from graph_model.schema import Schema
from opcomap.auth import Permission, Role, User
from opcomap.editing.changes import Change, version_of
from opcomap.editing.operations import Operation, plan
from opcomap.editing.proposals import Proposal, already_decided, revalidate
from opcomap.editing.store import EditStore

READ_ONLY = "problems.edit_read_only"  # catalogue keys (the reconcile fixes refuse with them too)
NO_NAME = "problems.edit_no_name"
CANNOT_PROPOSE = "problems.review_cannot_propose"
CANNOT_REVIEW = "problems.review_cannot_review"
Publishing = Literal["direct", "review"]


class Editor:
    """Plans and applies operations for ``user``; every change lands in the history.

    ``who`` alone (scripts, tests, the single-user desk) acts as that name with every right.
    """

    def __init__(self, store: EditStore, schema: Schema, who: str = "", read_only: bool = False, *,
                 user: User | None = None, publishing: Publishing = "direct", review_own: bool = False):
        self.store, self.schema, self.read_only = store, schema, read_only
        self.user = user if user is not None else User(name=who, role=Role.ADMIN, authenticated=False)
        self.who = self.user.name.strip()
        self.publishing, self.review_own = publishing, review_own

    @property
    def proposes(self) -> bool:
        """True when this editor's edits wait for a reviewer instead of reaching the map."""
        return self.publishing == "review" and not self.user.can(Permission.PUBLISH)

    @property
    def reviews(self) -> bool:
        return self.user.can(Permission.REVIEW)

    def submit(self, op: Operation) -> Change:
        """Apply one operation, or keep it as a proposal (:attr:`proposes`); raises ValidationFailed,
        EditConflict or EditRefused, writing nothing."""
        self._check(Permission.PROPOSE, CANNOT_PROPOSE)
        change = plan(op, self.store, self.schema, self.who)
        if self.proposes:
            self.store.propose(Proposal(change=change))
        else:
            self.store.apply(change)
        return change

    # -- review ---------------------------------------------------------------------------
    def proposals(self, pending_only: bool = True) -> list[Proposal]:
        """What this user may see: every proposal for a reviewer, their own for anyone else."""
        found = self.store.proposals(pending_only)
        return found if self.reviews else [p for p in found if p.who == self.who]

    def accept(self, proposal_id: str, note: str | None = None) -> Change:
        """Apply a pending proposal, checked against the map and the schema as they are now."""
        proposal = self._reviewable(proposal_id)
        revalidate(proposal.change, self.store, self.schema)
        change = proposal.change.model_copy(update={"reviewed_by": self.who, "at": dt.datetime.now(dt.UTC)})
        try:
            self.store.decide(proposal.decided("accepted", self.who, _text(note)), change)
        except EditConflict as exc:
            record = next(iter(exc.params.values()), "?")  # the id or key of the record that moved
            raise EditConflict("problems.review_conflict", id=proposal_id, record=record) from exc
        return change

    def reject(self, proposal_id: str, reason: str) -> Proposal:
        """Refuse a pending proposal; the reason is required and goes to its proposer."""
        proposal = self._reviewable(proposal_id)
        if not _text(reason):
            raise EditRefused("problems.review_reason_required")
        decided = proposal.decided("rejected", self.who, _text(reason))
        self.store.decide(decided, None)
        return decided

    def withdraw(self, proposal_id: str, reason: str | None = None) -> Proposal:
        """The proposer takes back a pending proposal of theirs."""
        self._check(Permission.PROPOSE, CANNOT_PROPOSE)
        proposal = self._pending(proposal_id)
        if proposal.who != self.who:
            raise EditRefused("problems.review_not_yours", id=proposal_id, who=proposal.who)
        decided = proposal.decided("withdrawn", self.who, _text(reason))
        self.store.decide(decided, None)
        return decided

    def _reviewable(self, proposal_id: str) -> Proposal:
        self._check(Permission.REVIEW, CANNOT_REVIEW)
        proposal = self._pending(proposal_id)
        if proposal.who == self.who and not self.review_own:
            raise EditRefused("problems.review_own", id=proposal_id)
        return proposal

    def _pending(self, proposal_id: str) -> Proposal:
        proposal = self.store.proposal(proposal_id)
        if proposal is None:
            raise NotFound("problems.review_not_found", id=proposal_id)
        if not proposal.pending:
            raise already_decided(proposal_id, proposal.status)
        return proposal

    def _check(self, permission: Permission, refusal: str) -> None:
        if self.read_only:
            raise EditRefused(READ_ONLY)
        if not self.who:
            raise EditRefused(NO_NAME)
        if not self.user.can(permission):
            raise EditRefused(refusal, who=self.who)

    # -- reading ----------------------------------------------------------------------------
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


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None

