"""Constraints and indexes: listed from the schema, checked with reads, created idempotently.

Creating them needs schema rights; a load only checks them (:func:`require_schema`), so
the user who loads needs none once ``opcomap schema apply`` has run (:func:`apply_schema`).
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver

from graph_model.errors import StoreWriteFailed
from graph_model.schema import Schema
from opcomap.store import statements
from opcomap.store.database import Store

FORBIDDEN = "Neo.ClientError.Security.Forbidden"


@dataclass(frozen=True)
class SchemaReport:
    """What :func:`apply_schema` created and what was already in place, by name."""

    created: list[str]
    existing: list[str]


def wanted(schema: Schema) -> tuple[dict[str, str], dict[str, str]]:
    """The constraints and the indexes opcomap needs, each name with the statement creating it:
    the key of actors and sources, one key uniqueness constraint per relationship type (the
    writer CREATEs ties without looking, so Neo4j itself refuses a second one), the kind,
    Région and full-text indexes, and the edit history's."""
    keys = {statements.key_constraint_name(t): statements.relationship_key_constraint(t)
            for t in schema.relationship_types}
    return {**statements.CONSTRAINTS, **keys}, {**statements.INDEXES, statements.HISTORY_INDEX_NAME: statements.HISTORY_INDEX}


def _in_place(store: Store) -> tuple[set[str], set[str]]:
    """The names of the database's constraints, and of its indexes no constraint owns."""
    return ({row["name"] for row in store.read(statements.CONSTRAINT_NAMES)},
            {row["name"] for row in store.read(statements.INDEX_NAMES)})


def _missing(schema: Schema, constraints: set[str], indexes: set[str]) -> list[str]:
    wanted_constraints, wanted_indexes = wanted(schema)
    return [name for name in wanted_constraints if name not in constraints] + [
        name for name in wanted_indexes if name not in indexes]


def missing_schema(target: Store | Driver, schema: Schema, database: str = "neo4j") -> list[str]:
    """The names of :func:`wanted` the database lacks, found with reads only."""
    return _missing(schema, *_in_place(Store.of(target, database)))


def apply_schema(target: Store | Driver, schema: Schema, database: str = "neo4j", *,
                 refused_key: str = "store.schema_rights") -> SchemaReport:
    """Create the constraints and indexes the database lacks, replacing the plain key index an
    older version made; then wait until every index is online. Safe to call any number of
    times; schema statements are sent only for what is missing. A user without schema rights
    gets StoreWriteFailed(``refused_key``) naming what is missing."""
    store = Store.of(target, database)
    constraints, indexes = _in_place(store)
    missing = _missing(schema, constraints, indexes)
    statement = {name: text for group in wanted(schema) for name, text in group.items()}
    drops = {statements.key_constraint_name(t): statements.drop_index(t) for t in schema.relationship_types}

    def refused(code: str, _detail: str) -> StoreWriteFailed | None:
        return StoreWriteFailed(refused_key, names=", ".join(missing)) if code == FORBIDDEN else None

    for name in missing:
        if name in indexes and name in drops:  # CREATE CONSTRAINT … IF NOT EXISTS would keep the old index
            store.write(drops[name], refused=refused)
        store.write(statement[name], refused=refused)
    store.write(statements.AWAIT_INDEXES)  # a write session: on a cluster's leader, where loads write
    return SchemaReport(created=missing, existing=[name for name in statement if name not in missing])


def require_schema(target: Store | Driver, schema: Schema, database: str = "neo4j") -> SchemaReport:
    """What a load needs before it writes: nothing but reads when the schema is in place;
    otherwise it is applied, which needs schema rights (without them, the error says to run
    ``opcomap schema apply``)."""
    return apply_schema(target, schema, database, refused_key="store.schema_missing")


def ensure_history_index(target: Store | Driver, database: str = "neo4j") -> None:
    """Index the edit history by change id and the proposals by id, unless they are already (no schema
    statement then)."""
    store = Store.of(target, database)
    present = {row["name"] for row in store.read(statements.INDEX_NAMES)}
    for name, statement in ((statements.HISTORY_INDEX_NAME, statements.HISTORY_INDEX),
                            (statements.PROPOSAL_INDEX_NAME, statements.PROPOSAL_INDEX)):
        if name not in present:
            store.write(statement, refused=lambda code, _detail, name=name: StoreWriteFailed(
                "store.schema_missing", names=name) if code == FORBIDDEN else None)
