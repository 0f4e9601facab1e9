"""Reading a whole map back out of Neo4j as a :class:`graph_model.Dataset`.

The inverse of :mod:`opcomap.store.writer`, through the same codec
(:mod:`opcomap.store.codec`): bookkeeping dropped, each tie's ``source_ids``
replaced by its sources, every Source node read once by its key.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver, ManagedTransaction, Session

from graph_model.models import Dataset, Source
from opcomap.store import statements
from opcomap.store.codec import actor_from_props, cited, relationship_from_record, source_from_props
from opcomap.store.database import Store


def read_sources(runner: Session | ManagedTransaction, ids: list[str]) -> dict[str, Source]:
    """The sources with these keys, as models, by key (read through the source_id constraint)."""
    if not ids:
        return {}
    return {r["props"]["id"]: source_from_props(r["props"]) for r in runner.run(statements.READ_SOURCES, ids=ids)}


def read_dataset(target: Store | Driver, database: str = "neo4j", dataset: str | None = None) -> Dataset:
    """Every actor and relationship in Neo4j (or only those of one dataset), with their sources."""
    with Store.of(target, database).session() as session:
        actors = [actor_from_props(r["props"]) for r in session.run(statements.ACTORS, dataset=dataset)]
        records: list[dict[str, Any]] = session.run(statements.RELATIONSHIPS, dataset=dataset).data()
        by_id = read_sources(session, cited(r["props"] for r in records))
    rels = [relationship_from_record(r["source"], r["target"], r["type"], r["props"], by_id) for r in records]
    return Dataset(actors=actors, relationships=rels)
