"""Reading a whole map back out of Neo4j as a :class:`graph_model.Dataset`.

The inverse of :mod:`opcomap.store.writer`, through the same codec
(:mod:`opcomap.store.codec`): bookkeeping dropped, each tie's ``source_ids``
replaced by its sources, every Source node read once by its key.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver, ManagedTransaction

from graph_model.models import Actor, Dataset, Source
from opcomap.store import statements
from opcomap.store.codec import actor_from_props, cited, relationship_from_record, source_from_props
from opcomap.store.database import Store


def read_sources(runner: ManagedTransaction, ids: list[str]) -> dict[str, Source]:
    """The sources with these keys, as models, by key (read through the source_id constraint)."""
    if not ids:
        return {}
    return {r["props"]["id"]: source_from_props(r["props"]) for r in runner.run(statements.READ_SOURCES, ids=ids)}


def read_dataset(target: Store | Driver, database: str = "neo4j", dataset: str | None = None) -> Dataset:
    """Every actor and relationship in Neo4j (or only those of one dataset), with their sources,
    read in one transaction (one state of the map, retried whole on a transient failure)."""
    def work(tx: ManagedTransaction) -> tuple[list[Actor], list[dict[str, Any]], dict[str, Source]]:
        actors = [actor_from_props(r["props"]) for r in tx.run(statements.ACTORS, dataset=dataset)]
        records: list[dict[str, Any]] = tx.run(statements.RELATIONSHIPS, dataset=dataset).data()
        return actors, records, read_sources(tx, cited(r["props"] for r in records))

    actors, records, by_id = Store.of(target, database).transaction(work, meta={"dataset": dataset})
    rels = [relationship_from_record(r["source"], r["target"], r["type"], r["props"], by_id) for r in records]
    return Dataset(actors=actors, relationships=rels)
