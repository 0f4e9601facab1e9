"""Edits and their history in Neo4j: one transaction per change.

A change is applied inside ``session.execute_write``: first every actor it
concerns is write-locked (a throw-away property set then removed, so two
editors of the same actor queue up), then the records are read again and
compared with the change's ``before`` (EditConflict if anything moved), then
written with the loaders' own property mapping, and a
``(:Change {id, who, at, op, summary, said, why, before, after, undone, undoes, actor_ids})``
node is created, ``[:CHANGED]``-linked to the actors. A written tie's sources are
``(:Source)`` nodes, created when new and rewritten when the edit changed their fields
(a source left uncited stays until a load's ``--prune``) (``summary`` in French, ``said`` its
catalogue key and parameters, which the app says in the reader's language). Everything commits or
nothing does. Labels and relationship types come from the schema only.

Publishing by review: a ``(:Proposal {id, who, at, status, decided_by, decided_at, reason,
change, actor_ids})`` node holds a planned change (``change``: its stored record as JSON)
until a reviewer decides; accepting applies the change and marks the proposal in the same
transaction.

The history is plain Cypher::

    MATCH (c:Change)-[:CHANGED]->(a:Actor {id: 'afdas'}) RETURN c.at, c.who, c.summary ORDER BY c.at DESC
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph_model.errors import EditConflict, EditRefused, NotFound, SchemaError
from graph_model.models import Actor, Relationship
from graph_model.schema import Schema
from opcomap.editing.apply import EXISTS_NOW, MISSING_END, STILL_TIED, check_before
from opcomap.editing.changes import Change
from opcomap.editing.proposals import PENDING, Proposal, already_decided
from opcomap.editing.store import fold, matches, parse_key
from opcomap.store import statements
from opcomap.store.codec import (
    SOURCE_IDS,
    actor_from_props,
    actor_row,
    cited,
    relationship_from_record,
    relationship_row,
    source_row,
    stored,
)
from opcomap.store.database import EDITING, Store
from opcomap.store.reader import read_sources
from opcomap.store.ddl import ensure_history_index
from opcomap.store.statements import LOCK

EDIT_DATASET = "modifications"  # dataset tag of records created in the app
CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed"
__all__ = ["EDIT_DATASET", "LOCK", "Neo4jEditStore", "ensure_history_index"]


class Neo4jEditStore:
    """The edit store of Neo4j mode; the Store (or a driver) is injected.

    Records a change writes keep the dataset they belong to (``EDIT_DATASET`` for new
    ones), or all take ``dataset_name`` when one is given (a reconciliation's apply).
    """

    def __init__(self, target: Store | Driver, schema: Schema, database: str = "neo4j", location: str = "Neo4j",
                 dataset_name: str | None = None):
        self.store = Store.of(target, database)
        self.schema, self.location, self.dataset_name = schema, location, dataset_name

    @property
    def driver(self) -> Driver:
        return self.store.driver

    @property
    def database(self) -> str:
        return self.store.database

    # -- reading -----------------------------------------------------------------
    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return self.store.read(query, params)

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors_by_id([actor_id]).get(actor_id)

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        rows = self._read(statements.READ_ACTORS, ids=sorted(set(ids)))
        actors = [actor_from_props(r["props"]) for r in rows]
        return {a.id: a for a in actors}

    def relationship(self, key: str) -> Relationship | None:
        try:
            source, rel_type, target, _since = parse_key(key)
            query = self._match(rel_type) + " RETURN properties(r) AS props"
        except (ValueError, SchemaError):
            return None
        rows = self._read(query, source=source, target=target, key=key)
        return _relationship(key, rows[0]["props"], self._sources(rows)) if rows else None

    def relationships_of(self, actor_id: str) -> list[Relationship]:
        rows = self._read(statements.TIES_OF, id=actor_id, types=sorted(self.schema.relationship_types))
        by_id = self._sources(rows)
        return [relationship_from_record(r["source"], r["target"], r["type"], r["props"], by_id) for r in rows]

    def _sources(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        ids = cited(r["props"] for r in rows)
        return self.store.transaction(lambda tx: read_sources(tx, ids))

    def search(self, text: str, limit: int = 50) -> list[Actor]:
        needle = fold(text.strip())
        found = []
        for row in self._read(statements.SEARCH_FIELDS):
            light = Actor.model_construct(**row)  # matching needs names only; the full actor is read on open
            if matches(light, needle):
                found.append(light)
        found.sort(key=lambda a: fold(a.name or ""))
        return list(self.actors_by_id([a.id for a in found[:limit]]).values())

    def history(self, actor_id: str) -> list[Change]:
        return [Change.from_record(r["props"]) for r in self._read(statements.HISTORY, id=actor_id)]

    def change(self, change_id: str) -> Change | None:
        rows = self._read(statements.ONE_CHANGE, id=change_id)
        return Change.from_record(rows[0]["props"]) if rows else None

    def proposals(self, pending_only: bool = True) -> list[Proposal]:
        rows = self._read(statements.PROPOSALS, pending=PENDING, pending_only=pending_only)
        return [Proposal.from_record(r["props"]) for r in rows]

    def proposal(self, proposal_id: str) -> Proposal | None:
        rows = self._read(statements.ONE_PROPOSAL, id=proposal_id)
        return Proposal.from_record(rows[0]["props"]) if rows else None

    # -- writing -----------------------------------------------------------------
    def apply(self, change: Change) -> None:
        self._write(change, lambda tx: self._apply(tx, change), user=change.who)

    def propose(self, proposal: Proposal) -> None:
        record = proposal.to_record() | {"at": proposal.change.at}
        self.store.transaction(lambda tx: tx.run(statements.RECORD_PROPOSAL, record=record).consume(),
                               write=True, failure=EDITING,
                               meta={"dataset": self.dataset_name or EDIT_DATASET, "user": proposal.change.who})

    def decide(self, decided: Proposal, change: Change | None) -> None:
        def work(tx: ManagedTransaction) -> None:
            row = tx.run(statements.LOCK_PROPOSAL, id=decided.id).single()
            if row is None:
                raise NotFound("problems.review_not_found", id=decided.id)
            if row["status"] != PENDING:
                raise already_decided(decided.id, row["status"])
            if change is not None:
                self._apply(tx, change)
            record = decided.to_record() | {"at": decided.change.at, "decided_at": decided.decided_at}
            tx.run(statements.DECIDE_PROPOSAL, id=decided.id, record=record).consume()

        self._write(change, work, user=decided.decided_by or "")

    def _write(self, change: Change | None, work: Any, user: str) -> None:
        def refused(code: str, _detail: str) -> EditConflict | None:
            # Another editor created the same actor id since this change was planned.
            ident = next(iter(change.after.actors), "?") if change is not None else "?"
            return EditConflict(EXISTS_NOW["actor"], ident=ident) if code == CONSTRAINT_FAILED else None

        meta = {"dataset": self.dataset_name or EDIT_DATASET, "user": user}
        self.store.transaction(work, write=True, failure=EDITING, refused=refused, meta=meta)

    def _apply(self, tx: ManagedTransaction, change: Change) -> None:
        ids = change.actor_ids()
        tx.run(statements.LOCK_ACTORS, ids=ids).consume()
        undone_target = self._lock_undone_target(tx, change)
        actor_props = {r["props"]["id"]: r["props"] for r in tx.run(statements.READ_ACTORS, ids=ids).data()}
        rel_props = {key: self._read_relationship(tx, key) for key in change.before.relationships}
        current_actors = {i: actor_from_props(p) for i, p in actor_props.items()}
        by_id = read_sources(tx, cited(props for props in rel_props.values() if props is not None))
        current_rels = {key: _relationship(key, props, by_id) for key, props in rel_props.items() if props is not None}
        check_before(change, current_actors, current_rels)

        for key, rel in change.after.relationships.items():
            if rel is None and rel_props.get(key) is not None:
                source, rel_type, target, _ = parse_key(key)
                tx.run(self._match(rel_type) + " DELETE r",
                       source=source, target=target, key=key).consume()
        for ident, actor in change.after.actors.items():
            if actor is not None:
                self._write_actor(tx, actor, actor_props.get(ident))
        for key, rel in change.after.relationships.items():
            if rel is not None:
                self._write_relationship(tx, rel, rel_props.get(key))
        for ident, actor in change.after.actors.items():
            if actor is None and ident in actor_props:
                if tx.run(statements.COUNT_TIES, id=ident).single(strict=True)["n"]:
                    raise EditConflict(STILL_TIED, ident=ident)
                tx.run(statements.DELETE_ACTOR, id=ident).consume()
        tx.run(statements.UNLOCK_ACTORS, ids=ids).consume()
        self._record(tx, change, undone_target)

    def _read_relationship(self, tx: ManagedTransaction, key: str) -> dict[str, Any] | None:
        source, rel_type, target, _ = parse_key(key)
        query = self._match(rel_type) + " RETURN properties(r) AS props"
        row = tx.run(query, source=source, target=target, key=key).single()
        return row["props"] if row else None

    def _props(self, row: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
        """A record's properties as the loader stores them; an edited record keeps its load time."""
        return stored(row, (old or {}).get("loaded_at") or dt.datetime.now(dt.UTC))

    def _dataset(self, old: dict[str, Any] | None) -> str:
        return self.dataset_name or (old or {}).get("dataset") or EDIT_DATASET

    def _write_actor(self, tx: ManagedTransaction, actor: Actor, old: dict[str, Any] | None) -> None:
        props = self._props(actor_row(actor, self._dataset(old)), old)
        kinds = self.schema.kinds
        if old is None:
            tx.run(statements.create_actor(actor.kind, kinds), props=props).consume()
            return
        tx.run(statements.replace_actor(actor.kind, old.get("kind"), kinds), id=actor.id, props=props).consume()

    def _write_relationship(self, tx: ManagedTransaction, rel: Relationship, old: dict[str, Any] | None) -> None:
        props = self._props(relationship_row(rel, self._dataset(old)), old)
        if props[SOURCE_IDS]:
            rows = [source_row(source) for source in {s.key: s for s in rel.sources}.values()]
            tx.run(statements.WRITE_SOURCES, rows=rows, loaded_at=props["loaded_at"]).consume()
        if old is not None:
            tx.run(self._match(rel.type) + " SET r = $props",
                   source=rel.source, target=rel.target, key=rel.key, props=props).consume()
            return
        created = tx.run(statements.create_relationship(rel.type, self.schema.relationship_types),
                         source=rel.source, target=rel.target, props=props).single()
        if created is None or created["n"] == 0:
            missing = rel.target if self._exists(tx, rel.source) else rel.source
            raise EditConflict(MISSING_END, key=rel.key, ident=missing)

    def _match(self, rel_type: str) -> str:
        return statements.match_relationship(rel_type, self.schema.relationship_types)

    @staticmethod
    def _exists(tx: ManagedTransaction, ident: str) -> bool:
        return tx.run(statements.ACTOR_EXISTS, id=ident).single(strict=True)["n"] > 0

    @staticmethod
    def _lock_undone_target(tx: ManagedTransaction, change: Change) -> dict[str, Any] | None:
        if not change.undoes:
            return None
        row = tx.run(statements.LOCK_CHANGE, id=change.undoes).single()
        if row is None:
            raise EditRefused("store.undo_missing")
        if row["undone"]:
            raise EditRefused("store.undo_twice")
        return row.data()

    @staticmethod
    def _record(tx: ManagedTransaction, change: Change, target: dict[str, Any] | None) -> None:
        record = change.to_record() | {"at": change.at}
        tx.run(statements.RECORD_CHANGE, record=record, ids=change.actor_ids()).consume()
        if target is not None:
            tx.run(statements.MARK_UNDONE, id=change.undoes).consume()
            if target.get("undoes"):  # undoing an undo makes the original change active again
                tx.run(statements.MARK_ACTIVE, id=target["undoes"]).consume()


def _relationship(key: str, props: dict[str, Any], by_id: dict[str, Any]) -> Relationship:
    source, rel_type, target, _ = parse_key(key)
    return relationship_from_record(source, target, rel_type, props, by_id)
