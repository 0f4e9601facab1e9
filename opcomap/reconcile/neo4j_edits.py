"""Applying into Neo4j: the edit store, with the records of the apply tagged with the dataset name.

Its class is built on first use, so importing the reconcile package never imports
the Neo4j driver (the app's Rapprocher page and the CLI in embedded mode need none).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from graph_model.schema import Schema


def neo4j_store(driver: Any, schema: Schema, database: str, dataset_name: str, location: str = "Neo4j") -> Any:
    """The Neo4j edit store, writing every record a change touches under ``dataset_name``."""
    return _tagging_store()(driver, schema, database, location=location, dataset_name=dataset_name)


@lru_cache(maxsize=1)
def _tagging_store() -> type:
    from opcomap.store.edits import Neo4jEditStore, _match_relationship
    from opcomap.store.writer import actor_row, relationship_row

    class TaggingEditStore(Neo4jEditStore):
        """Neo4jEditStore whose changes also re-tag their records, inside the same transaction."""

        def __init__(self, driver: Any, schema: Schema, database: str, *, location: str, dataset_name: str):
            super().__init__(driver, schema, database, location=location)
            self.dataset_name = dataset_name

        def _apply(self, tx: Any, change: Any) -> None:
            super()._apply(tx, change)
            # The records now hold the registry's version: a reload of the dataset they came
            # from (e.g. the reference map) leaves them as they are (shared).
            for actor in change.after.actors.values():
                if actor is not None:
                    row = actor_row(actor, self.dataset_name)
                    tx.run("MATCH (a:Actor {id: $id}) SET a.dataset = $dataset, a.content_hash = $hash",
                           id=actor.id, dataset=self.dataset_name, hash=row["hash"]).consume()
            for rel in change.after.relationships.values():
                if rel is not None:
                    row = relationship_row(rel, self.dataset_name)
                    tx.run(_match_relationship(rel.type, self.schema) + " SET r.dataset = $dataset, r.content_hash = $hash",
                           source=rel.source, target=rel.target, key=rel.key, dataset=self.dataset_name,
                           hash=row["hash"]).consume()

    return TaggingEditStore
