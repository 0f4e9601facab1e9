"""Constraints and indexes, created idempotently from the schema."""

from __future__ import annotations

from neo4j import Driver

from graph_model.schema import Schema

# Index names are fixed so ensure_schema() can be re-run safely (IF NOT EXISTS).
STATEMENTS = (
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)",
    "CREATE INDEX actor_region IF NOT EXISTS FOR (a:Actor) ON (a.region_code)",
    "CREATE INDEX actor_dataset IF NOT EXISTS FOR (a:Actor) ON (a.dataset)",
    "CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.short_name, a.official_name, a.aliases_text]",
)


def relationship_key_constraint(rel_type: str) -> str:
    # rel_type comes from the validated schema (IDENTIFIER pattern), never from user input.
    # A uniqueness constraint rather than a plain index: the writer CREATEs new ties
    # without looking for them first, so Neo4j itself must refuse a second tie with the same key.
    return (
        f"CREATE CONSTRAINT rel_key_{rel_type.lower()} IF NOT EXISTS "
        f"FOR ()-[r:`{rel_type}`]-() REQUIRE r.key IS UNIQUE"
    )


def _old_key_indexes(driver: Driver, database: str) -> set[str]:
    """rel_key_<type> indexes left by versions before the constraints (same name, no constraint)."""
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, owningConstraint WHERE name STARTS WITH 'rel_key_' AND owningConstraint IS NULL "
        "RETURN name", database_=database,
    )
    return {record["name"] for record in records}


def ensure_schema(driver: Driver, schema: Schema, database: str = "neo4j") -> None:
    """Create the constraint on Actor.id, the kind/Région/full-text indexes and
    one key uniqueness constraint per relationship type, replacing the plain key
    index an older version made. Safe to call any number of times."""
    old = _old_key_indexes(driver, database)
    statements = list(STATEMENTS)
    for rel_type in schema.relationship_types:
        name = f"rel_key_{rel_type.lower()}"
        if name in old:  # CREATE CONSTRAINT … IF NOT EXISTS would silently keep the index
            statements.append(f"DROP INDEX {name} IF EXISTS")
        statements.append(relationship_key_constraint(rel_type))
    for statement in statements:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(60)", database_=database)
