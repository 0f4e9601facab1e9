"""Reading a whole map back out of Neo4j as a :class:`graph_model.Dataset`.

The inverse of :mod:`opcomap.store.writer`, through the same codec
(:mod:`opcomap.store.codec`): bookkeeping dropped, sources zipped back.
"""

from __future__ import annotations

from neo4j import Driver

from graph_model.models import Dataset
from opcomap.store import statements
from opcomap.store.codec import actor_from_props, relationship_from_record
from opcomap.store.database import Store


def read_dataset(target: Store | Driver, database: str = "neo4j", dataset: str | None = None) -> Dataset:
    """Every actor and relationship in Neo4j (or only those of one dataset)."""
    with Store.of(target, database).session() as session:
        actors = [actor_from_props(r["props"]) for r in session.run(statements.ACTORS, dataset=dataset)]
        rels = [
            relationship_from_record(r["source"], r["target"], r["type"], r["props"])
            for r in session.run(statements.RELATIONSHIPS, dataset=dataset)
        ]
    return Dataset(actors=actors, relationships=rels)
