"""Edits and their history in Neo4j: one transaction per change.

A change is applied inside ``session.execute_write``: first every actor it
concerns is write-locked (a throw-away property set then removed, so two
editors of the same actor queue up), then the records are read again and
compared with the change's ``before`` (EditConflict if anything moved), then
written with the loaders' own property mapping, and a
``(:Change {id, who, at, op, summary, why, before, after, undone, undoes, actor_ids})``
node is created, ``[:CHANGED]``-linked to the actors. Everything commits or
nothing does. Labels and relationship types come from the schema only.

The history is plain Cypher::

    MATCH (c:Change)-[:CHANGED]->(a:Actor {id: 'afdas'}) RETURN c.at, c.who, c.summary ORDER BY c.at DESC
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import neo4j
from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph_model.models import Actor, Relationship
from graph_model.schema import IDENTIFIER, Schema
from opcomap.editing.apply import EXISTS_NOW, MISSING_END, STILL_TIED, check_before
from opcomap.editing.changes import Change
from opcomap.editing.store import fold, matches, parse_key
from graph_model.errors import (
    EditConflict,
    EditRefused,
    OpcomapError,
    SchemaError,
    StoreUnavailable,
    StoreWriteFailed,
)
from opcomap.store.reader import actor_from_props, relationship_from_record
from opcomap.store.writer import actor_row, relationship_row

LOCK = "_edit_lock"
EDIT_DATASET = "modifications"  # dataset tag of records created in the app

LOCK_ACTORS = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) SET a.{LOCK} = true"
UNLOCK_ACTORS = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) REMOVE a.{LOCK}"
READ_ACTORS = "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN properties(a) AS props"
SEARCH_FIELDS = (
    "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.short_name AS short_name, "
    "a.official_name AS official_name, coalesce(a.aliases, []) AS aliases"
)
TIES_OF = (
    "MATCH (a:Actor {id: $id})-[r]-(:Actor) WHERE type(r) IN $types "
    "RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS type, properties(r) AS props "
    "ORDER BY r.key"
)
HISTORY = "MATCH (c:Change) WHERE $id IN c.actor_ids RETURN properties(c) AS props ORDER BY c.at DESC"
ONE_CHANGE = "MATCH (c:Change {id: $id}) RETURN properties(c) AS props"


def _label(name: str, schema: Schema, kinds: bool) -> str:
    known = schema.kinds if kinds else schema.relationship_types
    # Only schema names (IDENTIFIER pattern) ever reach Cypher text.
    if name not in known or not IDENTIFIER.match(name):
        raise SchemaError(f"« {name} » n'est pas un {'genre' if kinds else 'type de relation'} du schéma")
    return f"`{name}`"


class Neo4jEditStore:
    """The edit store of Neo4j mode; the driver is injected."""

    def __init__(self, driver: Driver, schema: Schema, database: str = "neo4j", location: str = "Neo4j"):
        self.driver, self.schema, self.database, self.location = driver, schema, database, location

    # -- reading -----------------------------------------------------------------
    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        try:
            records, _, _ = self.driver.execute_query(
                query, params, database_=self.database, routing_=neo4j.RoutingControl.READ
            )
        except (ServiceUnavailable, SessionExpired, DriverError) as exc:
            raise StoreUnavailable(f"Neo4j ne répond pas ({type(exc).__name__}) : réessayez dans un instant.") from exc
        except Neo4jError as exc:
            raise StoreUnavailable(f"Lecture refusée par Neo4j ({exc.code}).") from exc
        return [r.data() for r in records]

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors_by_id([actor_id]).get(actor_id)

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        rows = self._read(READ_ACTORS, ids=sorted(set(ids)))
        actors = [_actor(r["props"]) for r in rows]
        return {a.id: a for a in actors}

    def relationship(self, key: str) -> Relationship | None:
        try:
            source, rel_type, target, _since = parse_key(key)
            query = _match_relationship(rel_type, self.schema) + " RETURN properties(r) AS props"
        except (ValueError, SchemaError):
            return None
        rows = self._read(query, source=source, target=target, key=key)
        return _relationship(key, rows[0]["props"]) if rows else None

    def relationships_of(self, actor_id: str) -> list[Relationship]:
        rows = self._read(TIES_OF, id=actor_id, types=sorted(self.schema.relationship_types))
        return [relationship_from_record(r["source"], r["target"], r["type"], r["props"]) for r in rows]

    def search(self, text: str, limit: int = 50) -> list[Actor]:
        needle = fold(text.strip())
        found = []
        for row in self._read(SEARCH_FIELDS):
            light = Actor.model_construct(**row)  # matching needs names only; the full actor is read on open
            if matches(light, needle):
                found.append(light)
        found.sort(key=lambda a: fold(a.name or ""))
        return list(self.actors_by_id([a.id for a in found[:limit]]).values())

    def history(self, actor_id: str) -> list[Change]:
        return [Change.from_record(r["props"]) for r in self._read(HISTORY, id=actor_id)]

    def change(self, change_id: str) -> Change | None:
        rows = self._read(ONE_CHANGE, id=change_id)
        return Change.from_record(rows[0]["props"]) if rows else None

    # -- writing -----------------------------------------------------------------
    def apply(self, change: Change) -> None:
        try:
            with self.driver.session(database=self.database, notifications_min_severity="OFF") as session:
                session.execute_write(self._apply, change)
        except OpcomapError:
            raise
        except ConstraintError as exc:
            ident = next(iter(change.after.actors), "?")
            raise EditConflict(EXISTS_NOW.format(what="L'acteur", ident=ident)) from exc
        except (ServiceUnavailable, SessionExpired, DriverError) as exc:
            raise StoreUnavailable(
                f"Neo4j ne répond pas ({type(exc).__name__}) : la modification n'a pas été enregistrée."
            ) from exc
        except Neo4jError as exc:
            raise StoreWriteFailed(
                f"Neo4j a refusé la modification ({exc.code}) : rien n'a été enregistré."
            ) from exc

    def _apply(self, tx: ManagedTransaction, change: Change) -> None:
        ids = change.actor_ids()
        tx.run(LOCK_ACTORS, ids=ids).consume()
        undone_target = self._lock_undone_target(tx, change)
        actor_props = {r["props"]["id"]: r["props"] for r in tx.run(READ_ACTORS, ids=ids).data()}
        rel_props = {key: self._read_relationship(tx, key) for key in change.before.relationships}
        current_actors = {i: _actor(p) for i, p in actor_props.items()}
        current_rels = {key: _relationship(key, props) for key, props in rel_props.items() if props is not None}
        check_before(change, current_actors, current_rels)

        for key, rel in change.after.relationships.items():
            if rel is None and rel_props.get(key) is not None:
                source, rel_type, target, _ = parse_key(key)
                tx.run(_match_relationship(rel_type, self.schema) + " DELETE r",
                       source=source, target=target, key=key).consume()
        for ident, actor in change.after.actors.items():
            if actor is not None:
                self._write_actor(tx, actor, actor_props.get(ident))
        for key, rel in change.after.relationships.items():
            if rel is not None:
                self._write_relationship(tx, rel, rel_props.get(key))
        for ident, actor in change.after.actors.items():
            if actor is None and ident in actor_props:
                ties = tx.run("MATCH (a:Actor {id: $id})-[r]-(:Actor) RETURN count(r) AS n", id=ident).single(strict=True)["n"]
                if ties:
                    raise EditConflict(STILL_TIED.format(ident=ident))
                tx.run("MATCH (a:Actor {id: $id}) DETACH DELETE a", id=ident).consume()
        tx.run(UNLOCK_ACTORS, ids=ids).consume()
        self._record(tx, change, undone_target)

    def _read_relationship(self, tx: ManagedTransaction, key: str) -> dict[str, Any] | None:
        source, rel_type, target, _ = parse_key(key)
        query = _match_relationship(rel_type, self.schema) + " RETURN properties(r) AS props"
        row = tx.run(query, source=source, target=target, key=key).single()
        return row["props"] if row else None

    def _write_actor(self, tx: ManagedTransaction, actor: Actor, old: dict[str, Any] | None) -> None:
        dataset = (old or {}).get("dataset") or EDIT_DATASET
        row = actor_row(actor, dataset)
        props = row["props"] | {"content_hash": row["hash"]}
        props["loaded_at"] = (old or {}).get("loaded_at") or dt.datetime.now(dt.UTC)
        label = _label(actor.kind, self.schema, kinds=True)
        if old is None:
            tx.run(f"CREATE (a:Actor:{label}) SET a = $props", props=props).consume()
            return
        old_kind = old.get("kind")
        remove = f" REMOVE a:{_label(old_kind, self.schema, kinds=True)}" if old_kind and old_kind != actor.kind \
            and old_kind in self.schema.kinds else ""
        tx.run(f"MATCH (a:Actor {{id: $id}}) SET a = $props{remove} SET a:{label}", id=actor.id, props=props).consume()

    def _write_relationship(self, tx: ManagedTransaction, rel: Relationship, old: dict[str, Any] | None) -> None:
        dataset = (old or {}).get("dataset") or EDIT_DATASET
        row = relationship_row(rel, dataset)
        props = row["props"] | {"content_hash": row["hash"]}
        props["loaded_at"] = (old or {}).get("loaded_at") or dt.datetime.now(dt.UTC)
        rel_type = _label(rel.type, self.schema, kinds=False)
        if old is not None:
            tx.run(_match_relationship(rel.type, self.schema) + " SET r = $props",
                   source=rel.source, target=rel.target, key=rel.key, props=props).consume()
            return
        created = tx.run(
            f"MATCH (s:Actor {{id: $source}}) MATCH (t:Actor {{id: $target}}) "
            f"CREATE (s)-[r:{rel_type}]->(t) SET r = $props RETURN count(r) AS n",
            source=rel.source, target=rel.target, props=props,
        ).single()
        if created is None or created["n"] == 0:
            missing = rel.target if self._exists(tx, rel.source) else rel.source
            raise EditConflict(MISSING_END.format(key=rel.key, ident=missing))

    @staticmethod
    def _exists(tx: ManagedTransaction, ident: str) -> bool:
        return tx.run("MATCH (a:Actor {id: $id}) RETURN count(a) AS n", id=ident).single(strict=True)["n"] > 0

    @staticmethod
    def _lock_undone_target(tx: ManagedTransaction, change: Change) -> dict[str, Any] | None:
        if not change.undoes:
            return None
        row = tx.run(
            f"MATCH (c:Change {{id: $id}}) SET c.{LOCK} = true RETURN c.undone AS undone, c.undoes AS undoes",
            id=change.undoes,
        ).single()
        if row is None:
            raise EditRefused("La modification à annuler est introuvable dans l'historique.")
        if row["undone"]:
            raise EditRefused("Cette modification a déjà été annulée.")
        return row.data()

    @staticmethod
    def _record(tx: ManagedTransaction, change: Change, target: dict[str, Any] | None) -> None:
        record = change.to_record() | {"at": change.at}
        tx.run(
            "CREATE (c:Change) SET c = $record WITH c "
            "UNWIND $ids AS id MATCH (a:Actor {id: id}) CREATE (c)-[:CHANGED]->(a)",
            record=record, ids=change.actor_ids(),
        ).consume()
        if target is not None:
            tx.run(f"MATCH (c:Change {{id: $id}}) SET c.undone = true REMOVE c.{LOCK}", id=change.undoes).consume()
            if target.get("undoes"):  # undoing an undo makes the original change active again
                tx.run("MATCH (c:Change {id: $id}) SET c.undone = false", id=target["undoes"]).consume()


def _match_relationship(rel_type: str, schema: Schema) -> str:
    label = _label(rel_type, schema, kinds=False)
    return f"MATCH (:Actor {{id: $source}})-[r:{label} {{key: $key}}]->(:Actor {{id: $target}})"


def _relationship(key: str, props: dict[str, Any]) -> Relationship:
    source, rel_type, target, _ = parse_key(key)
    return relationship_from_record(source, target, rel_type, props)


def _actor(props: dict[str, Any]) -> Actor:
    return actor_from_props({k: v for k, v in props.items() if k != LOCK})


def ensure_history_index(driver: Driver, database: str = "neo4j") -> None:
    """Index the history by change id (safe to call any number of times)."""
    driver.execute_query("CREATE INDEX change_id IF NOT EXISTS FOR (c:Change) ON (c.id)", database_=database)
