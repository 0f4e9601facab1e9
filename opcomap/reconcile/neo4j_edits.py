"""Applying into Neo4j: the edit store, with every record an apply writes tagged with its dataset name.

The records then hold the registry's version: a reload of the dataset they came
from (e.g. the reference map) leaves them as they are. The store is imported on
first use, so importing the reconcile package never imports the Neo4j driver.
"""

from __future__ import annotations

from typing import Any

from graph_model.schema import Schema


def neo4j_store(driver: Any, schema: Schema, database: str, dataset_name: str, location: str = "Neo4j") -> Any:
    """The Neo4j edit store, writing every record a change touches under ``dataset_name``."""
    from opcomap.store.edits import Neo4jEditStore

    return Neo4jEditStore(driver, schema, database, location=location, dataset_name=dataset_name)
