"""Reading a whole map back out of Neo4j as a :class:`graph_model.Dataset`.

The inverse of :mod:`opcomap.store.writer`: bookkeeping properties (dataset,
load time, hash, full-text helper) are dropped, the parallel source lists are
zipped back into sources, and what remains on a relationship is its type's
properties.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.errors import StoreUnavailable

BOOKKEEPING = {"dataset", "loaded_at", "content_hash", "aliases_text", "anchor"}
SOURCE_LISTS = {
    "title": "source_titles",
    "url": "source_urls",
    "publisher": "source_publishers",
    "consulted": "source_consulted",
    "confidence": "source_confidences",
}
RELATIONSHIP_FIELDS = {"key", "since", "until", "illustrative", "note", *SOURCE_LISTS.values()}

ACTORS = (
    "MATCH (a:Actor) WHERE $dataset IS NULL OR a.dataset = $dataset "
    "RETURN properties(a) AS props ORDER BY a.id"
)
RELATIONSHIPS = (
    "MATCH (s:Actor)-[r]->(t:Actor) WHERE $dataset IS NULL OR r.dataset = $dataset "
    "RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props ORDER BY r.key"
)


def _native(value: Any) -> Any:
    """Neo4j temporal values become Python dates; everything else is already native."""
    return value.to_native() if hasattr(value, "to_native") else value


def actor_from_props(props: dict[str, Any]) -> Actor:
    data = {k: _native(v) for k, v in props.items() if k not in BOOKKEEPING}
    return Actor.model_validate(data)


def relationship_from_record(source: str, target: str, rel_type: str, props: dict[str, Any]) -> Relationship:
    props = {k: _native(v) for k, v in props.items() if k not in BOOKKEEPING}
    columns = {name: props.get(key) or [] for name, key in SOURCE_LISTS.items()}
    sources = []
    for i in range(len(columns["title"])):
        item = {name: values[i] for name, values in columns.items() if i < len(values) and values[i] != ""}
        sources.append(Source.model_validate(item))
    return Relationship(
        source=source,
        target=target,
        type=rel_type,
        since=props.get("since"),
        until=props.get("until"),
        illustrative=bool(props.get("illustrative", False)),
        note=props.get("note"),
        sources=sources,
        properties={k: v for k, v in props.items() if k not in RELATIONSHIP_FIELDS},
    )


def read_dataset(driver: Driver, database: str = "neo4j", dataset: str | None = None) -> Dataset:
    """Every actor and relationship in Neo4j (or only those of one dataset)."""
    try:
        with driver.session(database=database, notifications_min_severity="OFF") as session:
            actors = [actor_from_props(r["props"]) for r in session.run(ACTORS, dataset=dataset)]
            rels = [
                relationship_from_record(r["source"], r["target"], r["type"], r["props"])
                for r in session.run(RELATIONSHIPS, dataset=dataset)
            ]
    except (Neo4jError, DriverError) as exc:
        raise StoreUnavailable(f"Lecture de la carte dans Neo4j impossible ({type(exc).__name__}).") from exc
    return Dataset(actors=actors, relationships=rels)
