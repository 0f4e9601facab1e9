"""Constraints and indexes, created idempotently from the schema."""

from __future__ import annotations

from neo4j import Driver

from graph_model.schema import Schema
from opcomap.store import statements
from opcomap.store.database import Store


def ensure_schema(target: Store | Driver, schema: Schema, database: str = "neo4j") -> None:
    """Create the constraint on Actor.id, the kind/Région/full-text indexes and
    one key uniqueness constraint per relationship type, replacing the plain key
    index an older version made. Safe to call any number of times."""
    store = Store.of(target, database)
    old = {row["name"] for row in store.read(statements.OLD_KEY_INDEXES)}
    todo = list(statements.SCHEMA)
    for rel_type in schema.relationship_types:
        if statements.key_constraint_name(rel_type) in old:  # CREATE CONSTRAINT … IF NOT EXISTS would keep the index
            todo.append(statements.drop_index(rel_type))
        todo.append(statements.relationship_key_constraint(rel_type))
    for statement in todo:
        store.write(statement)
    store.write(statements.AWAIT_INDEXES)


def ensure_history_index(target: Store | Driver, database: str = "neo4j") -> None:
    """Index the edit history by change id, and the proposals by id (safe to call any number of times)."""
    store = Store.of(target, database)
    store.write(statements.HISTORY_INDEX)
    store.write(statements.PROPOSAL_INDEX)
