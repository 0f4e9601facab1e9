"""Publishing by review: an edit kept as a proposal until a reviewer accepts or rejects it.

A :class:`Proposal` holds the :class:`~opcomap.editing.changes.Change` as it was planned
(who proposed it, when, why, the records before and after) and what became of it. Proposals
are never deleted: with the history of applied changes they say everything that was asked
and decided. Accepting applies the change, attributed to its proposer with the reviewer
named; the store refuses it (EditConflict) if a record moved since it was planned.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from graph_model.errors import EditRefused, NotFound, Phrase, Problem, ValidationFailed
from graph_model.models import Source
from graph_model.rules import relationship_findings
from graph_model.schema import Schema
from opcomap.editing.changes import Change
from opcomap.editing.store import EditStore
from opcomap.editing.validate import FORM, actor_from_form, actor_row

if TYPE_CHECKING:
    import networkx as nx

Status = Literal["pending", "accepted", "rejected", "withdrawn"]
PENDING: Status = "pending"


class Proposal(BaseModel):
    """One proposed change and its outcome: who decided, when, and the reason given."""

    model_config = ConfigDict(extra="forbid")

    change: Change
    status: Status = PENDING
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    reason: str | None = None

    @property
    def id(self) -> str:
        return self.change.id

    @property
    def who(self) -> str:
        return self.change.who

    @property
    def pending(self) -> bool:
        return self.status == PENDING

    def sources(self) -> list[Source]:
        """The sources the proposed ties cite, each once, in the order first cited."""
        found: dict[str, Source] = {}
        for rel in self.change.after.relationships.values():
            for source in rel.sources if rel is not None else ():
                found.setdefault(source.key, source)
        return list(found.values())

    def decided(self, status: Status, by: str, reason: str | None) -> Proposal:
        return self.model_copy(update={"status": status, "decided_by": by, "reason": reason,
                                       "decided_at": dt.datetime.now(dt.UTC)})

    def to_record(self) -> dict[str, object]:
        """Flat form for storage (proposals.jsonl line, Neo4j :Proposal properties)."""
        return {
            "id": self.id, "who": self.who, "at": self.change.at.isoformat(), "status": self.status,
            "decided_by": self.decided_by or "", "reason": self.reason or "",
            "decided_at": self.decided_at.isoformat() if self.decided_at else "",
            "change": json.dumps(self.change.to_record(), ensure_ascii=False),
            "actor_ids": self.change.actor_ids(),
        }

    @classmethod
    def from_record(cls, record: dict[str, object]) -> Proposal:
        decided_at = record.get("decided_at") or None
        if hasattr(decided_at, "to_native"):  # a Neo4j DateTime
            decided_at = decided_at.to_native()
        return cls(
            change=Change.from_record(json.loads(str(record["change"]))), status=record["status"],
            decided_by=str(record.get("decided_by") or "") or None, reason=str(record.get("reason") or "") or None,
            decided_at=decided_at,
        )


def by_prefix(proposals: list[Proposal], typed: str) -> Proposal:
    """The one proposal whose id begins with ``typed`` (a table shows the first characters).

    >>> from opcomap.editing.changes import Snapshot
    >>> one = Proposal(change=Change(id="ab12", who="x", op="undo", summary="", before=Snapshot(), after=Snapshot()))
    >>> by_prefix([one], " AB").id
    'ab12'
    """
    wanted = typed.strip().lower()
    found = [p for p in proposals if wanted and p.id.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound("problems.review_not_found", id=typed.strip())
    raise NotFound("problems.review_ambiguous", id=typed.strip(), n=len(found))


def already_decided(proposal_id: str, status: str) -> EditRefused:
    """The refusal of a decision on a proposal that is no longer pending (said with its outcome)."""
    return EditRefused("problems.review_decided", id=proposal_id, status=Phrase(f"review.status.{status}"))


def revalidate(change: Change, store: EditStore, schema: Schema) -> None:
    """Check what ``change`` writes against ``schema`` as it is now (ValidationFailed, field by field).

    A proposal may wait while the schema changes, so its records are read again as the
    loaders read a row. Sources were checked when it was planned and owe nothing to the schema.
    """
    written = {a.id: actor_from_form(actor_row(a), schema) for a in change.after.actors.values() if a is not None}
    ties = [rel for rel in change.after.relationships.values() if rel is not None]
    ends = {end for rel in ties for end in (rel.source, rel.target)}
    kinds = {i: a.kind for i, a in store.actors_by_id(ends - written.keys()).items()}
    kinds |= {i: a.kind for i, a in written.items()}
    problems = []
    for rel in ties:
        for column, message in relationship_findings(rel, schema, kinds):
            if column == "sources":
                continue
            problems.append(Problem(FORM, None, column, message.key, message.params))
    if problems:
        raise ValidationFailed(problems)


def marked_graph(change: Change, store: EditStore) -> nx.MultiDiGraph:
    """The actors ``change`` concerns and their ties as the map has them now, with the change laid
    over them as the time view marks its changes: what it adds ``new``, what it removes
    ``ended`` (still drawn), what it edits ``changed``.
    """
    import networkx as nx

    from graph_model.graph import actor_attributes, relationship_attributes
    from opcomap.analysis.timeline import CHANGE, CHANGED, ENDED, NEW

    ids = change.actor_ids()
    current = store.actors_by_id(ids)
    graph = nx.MultiDiGraph()
    for ident, actor in current.items():
        graph.add_node(ident, **actor_attributes(actor))
    for ident in current:
        for rel in store.relationships_of(ident):
            if rel.source in current and rel.target in current:
                graph.add_edge(rel.source, rel.target, key=rel.key, **relationship_attributes(rel))

    def mark(attrs: dict, before: object, after: object) -> dict:
        return {**attrs, CHANGE: ENDED if after is None else NEW if before is None else CHANGED}

    for ident, after in change.after.actors.items():
        before = change.before.actors.get(ident)
        shown = after or before or current.get(ident)
        if shown is not None:
            graph.add_node(ident)
            graph.nodes[ident].clear()
            graph.nodes[ident].update(mark(actor_attributes(shown), before, after))
    for key, after in change.after.relationships.items():
        before = change.before.relationships.get(key)
        rel = after or before
        if rel is None or rel.source not in graph or rel.target not in graph:
            continue
        if graph.has_edge(rel.source, rel.target, key):
            graph.remove_edge(rel.source, rel.target, key)
        graph.add_edge(rel.source, rel.target, key=key, **mark(relationship_attributes(rel), before, after))
    return graph
