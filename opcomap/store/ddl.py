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


def relationship_key_index(rel_type: str) -> str:
    # rel_type comes from the validated schema (IDENTIFIER pattern), never from user input.
    return (
        f"CREATE INDEX rel_key_{rel_type.lower()} IF NOT EXISTS "
        f"FOR ()-[r:`{rel_type}`]-() ON (r.key)"
    )


def ensure_schema(driver: Driver, schema: Schema, database: str = "neo4j") -> None:
    """Create the constraint on Actor.id, the kind/Région/full-text indexes and
    one key index per relationship type. Safe to call any number of times."""
    statements = list(STATEMENTS) + [relationship_key_index(t) for t in schema.relationship_types]
    for statement in statements:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(60)", database_=database)
