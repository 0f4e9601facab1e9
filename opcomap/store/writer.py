"""Writing a validated dataset into Neo4j: batched, idempotent, convergent.

* Actors are merged on the constrained ``Actor.id``, one statement per kind,
  because Neo4j 5.26 cannot set a label from a parameter; the label text comes
  from the schema only (IDENTIFIER pattern, backtick-quoted).
* Relationships are merged on their ``key``, one statement per type.
* Each row carries a ``content_hash``; a row whose hash is already stored is
  left alone, so re-loading identical files reports 0 updated and writes nothing.
* Every batch is its own transaction. If Neo4j dies half-way, the batches
  already committed stay, and re-running merges onto them: same graph, no duplicates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph_model.models import Actor, Dataset, Relationship
from graph_model.schema import IDENTIFIER, Schema
from opcomap.errors import SchemaError, StoreUnavailable, StoreWriteFailed
from opcomap.store.ddl import ensure_schema

# Measured with benchmarks/load_benchmark.py on the 2-core machine (see
# benchmarks/README.md): relationship throughput rises steeply up to ~5,000 rows
# per transaction and flattens after; bigger batches only cost memory and make a
# retried transaction longer.
BATCH_SIZE = 5000

# One progress callback per committed batch: the number of rows it held.
BatchHook = Callable[[int], None]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0

    def add(self, record: dict[str, int]) -> None:
        self.created += record["created"]
        self.unchanged += record["unchanged"]
        self.updated += record["total"] - record["created"] - record["unchanged"]


@dataclass
class LoadReport:
    """What a load did (or, for a dry run, would do)."""

    dataset: str
    actors: Counts = field(default_factory=Counts)
    relationships: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return sum(c.created + c.updated + c.unchanged for c in (self.actors, self.relationships))

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


# -- rows for UNWIND (made only here) ---------------------------------------------

def content_hash(props: dict[str, Any]) -> int:
    """Fingerprint of everything a row stores (dataset name included): equal hash, nothing to write.

    64 bits as an integer: Neo4j keeps it inline in the property record, where a
    hex string would cost one more string-store record per node and relationship.
    """
    text = json.dumps(props, sort_keys=True, ensure_ascii=False, default=str)
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big", signed=True)


def actor_row(actor: Actor, dataset: str) -> dict[str, Any]:
    props: dict[str, Any] = {k: v for k, v in actor.model_dump().items() if v is not None and v != []}
    if actor.aliases:
        props["aliases_text"] = " | ".join(actor.aliases)  # for the full-text index
    props["dataset"] = dataset
    return {"id": actor.id, "hash": content_hash(props), "props": props}


def relationship_row(rel: Relationship, dataset: str) -> dict[str, Any]:
    props: dict[str, Any] = {
        "key": rel.key,
        "since": rel.since,
        "until": rel.until,
        "illustrative": rel.illustrative,
        "note": rel.note,
        # Parallel lists, "" where absent: Neo4j lists cannot hold nulls or mixed types.
        "source_titles": [s.title for s in rel.sources],
        "source_urls": [s.url or "" for s in rel.sources],
        "source_publishers": [s.publisher or "" for s in rel.sources],
        "source_consulted": [s.consulted.isoformat() if s.consulted else "" for s in rel.sources],
        "source_confidences": ["" if s.confidence is None else repr(s.confidence) for s in rel.sources],
        "dataset": dataset,
        **rel.properties,
    }
    props = {k: v for k, v in props.items() if v is not None}
    return {
        "source": rel.source, "target": rel.target, "key": props["key"],
        "hash": content_hash(props), "props": props,
    }


# -- Cypher (labels and types from the schema only) ----------------------------------

COUNTS = (
    "RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created, "
    "sum(CASE WHEN before = row.hash THEN 1 ELSE 0 END) AS unchanged, count(*) AS total"
)


def _quoted(name: str) -> str:
    if not IDENTIFIER.match(name):  # schema names are validated; this is a second lock
        raise SchemaError(f"nom de genre ou de type invalide : {name!r}")
    return f"`{name}`"


def merge_actors_query(kind: str, schema: Schema) -> str:
    others = "".join(f":{_quoted(k)}" for k in sorted(schema.kinds) if k != kind)
    remove = f" REMOVE a{others}" if others else ""  # a changed kind loses its old label
    return (
        "UNWIND $rows AS row "
        "MERGE (a:Actor {id: row.id}) "
        "WITH a, row, a.content_hash AS before "
        "FOREACH (_ IN CASE WHEN before = row.hash THEN [] ELSE [1] END | "
        f"SET a = row.props, a.content_hash = row.hash, a.loaded_at = $loaded_at{remove} SET a:{_quoted(kind)}) "
        + COUNTS
    )


def merge_relationships_query(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row "
        "MATCH (s:Actor {id: row.source}) MATCH (t:Actor {id: row.target}) "
        f"MERGE (s)-[r:{_quoted(rel_type)} {{key: row.key}}]->(t) "
        "WITH r, row, r.content_hash AS before "
        "FOREACH (_ IN CASE WHEN before = row.hash THEN [] ELSE [1] END | "
        "SET r = row.props, r.content_hash = row.hash, r.loaded_at = $loaded_at) "
        + COUNTS
    )


def stored_actors_query() -> str:
    return "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN id, a.content_hash AS hash"


def stored_relationships_query(rel_type: str) -> str:
    # Served by the rel_key_<type> index that ensure_schema() creates.
    return f"UNWIND $ids AS id MATCH ()-[r:{_quoted(rel_type)} {{key: id}}]->() RETURN id, r.content_hash AS hash"


STALE_ACTORS = "MATCH (a:Actor {dataset: $dataset}) RETURN a.id AS id"
STALE_RELATIONSHIPS = "MATCH ()-[r]->() WHERE r.dataset = $dataset RETURN elementId(r) AS eid, r.key AS key"
DELETE_RELATIONSHIPS = "UNWIND $rows AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r RETURN count(*) AS n"
DELETE_ACTORS = "UNWIND $rows AS id MATCH (a:Actor {id: id}) DETACH DELETE a RETURN count(*) AS n"


# -- the load ------------------------------------------------------------------------

def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _check_names(dataset: Dataset, schema: Schema) -> None:
    kinds = {a.kind for a in dataset.actors} - set(schema.kinds)
    types = {r.type for r in dataset.relationships} - set(schema.relationship_types)
    if kinds or types:
        raise SchemaError(
            "le jeu de données cite des genres ou types absents du schéma : " + ", ".join(sorted(kinds | types))
        )


@dataclass
class _Step:
    """One batch: how to build its rows, look up what Neo4j holds, and merge."""

    merge: str
    lookup: str
    ident: str  # "id" for actors, "key" for relationships
    counts: Counts
    build: Callable[[Any, str], dict[str, Any]]
    models: list[Any]


def load_steps(dataset: Dataset, schema: Schema, batch_size: int, report: LoadReport) -> list[_Step]:
    """Every batch, actors by kind first, then relationships by type, so every
    endpoint exists before its ties."""
    by_kind: dict[str, list[Actor]] = {}
    for actor in dataset.actors:
        by_kind.setdefault(actor.kind, []).append(actor)
    by_type: dict[str, list[Relationship]] = {}
    for rel in dataset.relationships:
        by_type.setdefault(rel.type, []).append(rel)
    steps: list[_Step] = []
    for kind, actors in by_kind.items():
        merge, lookup = merge_actors_query(kind, schema), stored_actors_query()
        steps += [_Step(merge, lookup, "id", report.actors, actor_row, chunk) for chunk in _batches(actors, batch_size)]
    for rel_type, rels in by_type.items():
        merge, lookup = merge_relationships_query(rel_type), stored_relationships_query(rel_type)
        steps += [_Step(merge, lookup, "key", report.relationships, relationship_row, chunk)
                  for chunk in _batches(rels, batch_size)]
    return steps


def _rows_ahead(steps: list[_Step], dataset_name: str) -> Iterator[tuple[_Step, list[dict[str, Any]]]]:
    """Each step with its rows, the next batch's rows built in a thread while Neo4j
    works on the current one (the driver releases the GIL while it waits)."""
    def build(step: _Step) -> list[dict[str, Any]]:
        return [step.build(model, dataset_name) for model in step.models]

    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(build, steps[0]) if steps else None
        for index, step in enumerate(steps):
            rows = pending.result()  # type: ignore[union-attr]
            pending = pool.submit(build, steps[index + 1]) if index + 1 < len(steps) else None
            yield step, rows


def _stored_hashes(session: _Session, step: _Step, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """What Neo4j holds for these rows (id or key → content hash); a cheap indexed read
    that lets a re-load skip sending rows that have not changed."""
    found = session.read(step.lookup, ids=[row[step.ident] for row in rows])
    return {record["id"]: record["hash"] for record in found}


class _Session:
    """Runs statements, turning driver errors into one clear sentence."""

    def __init__(self, driver: Driver, database: str):
        self.driver, self.database, self.rows_done = driver, database, 0

    def write(self, query: str, **params: Any) -> dict[str, Any]:
        return self._run(query, params, write=True)

    def read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return self._run(query, params, write=False)

    def _run(self, query: str, params: dict[str, Any], write: bool) -> Any:
        def work(tx: neo4j.ManagedTransaction) -> Any:
            result = tx.run(query, params)
            return result.single(strict=True).data() if write else result.data()

        try:
            # The server's "label does not exist yet" notices on a first load are noise here.
            with self.driver.session(database=self.database, notifications_min_severity="OFF") as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(
                f"Neo4j ne répond plus après {self.rows_done} lignes écrites : relancez la même commande, "
                "le chargement reprend là où il s'est arrêté, sans doublon."
            ) from exc
        except Neo4jError as exc:
            raise StoreWriteFailed(
                f"Neo4j a refusé l'écriture après {self.rows_done} lignes ({exc.code}) : "
                "relancez la même commande, le chargement converge sans doublon."
            ) from exc
        except DriverError as exc:
            raise StoreUnavailable(
                f"La connexion à Neo4j a été perdue après {self.rows_done} lignes écrites ({type(exc).__name__}) : "
                "relancez la même commande, le chargement reprend sans doublon."
            ) from exc


def write_dataset(
    driver: Driver,
    dataset: Dataset,
    schema: Schema,
    *,
    dataset_name: str,
    database: str = "neo4j",
    prune: bool = False,
    batch_size: int = BATCH_SIZE,
    on_batch: BatchHook | None = None,
) -> LoadReport:
    """Merge a validated dataset into Neo4j and return what changed.

    ``prune`` then deletes the nodes and relationships tagged with
    ``dataset_name`` that this dataset no longer contains.
    """
    _check_names(dataset, schema)
    started = time.perf_counter()
    ensure_schema(driver, schema, database)
    session = _Session(driver, database)
    report = LoadReport(dataset=dataset_name)
    loaded_at = dt.datetime.now(dt.UTC)
    for step, batch in _rows_ahead(load_steps(dataset, schema, batch_size, report), dataset_name):
        stored = _stored_hashes(session, step, batch)
        todo = [row for row in batch if stored.get(row[step.ident]) != row["hash"]]
        step.counts.unchanged += len(batch) - len(todo)
        if todo:
            record = session.write(step.merge, rows=todo, loaded_at=loaded_at)
            if record["total"] != len(todo):
                # Only a relationship whose endpoint vanished mid-load can do this.
                raise StoreWriteFailed(
                    f"{len(todo) - record['total']} relation(s) n'ont pas trouvé leurs acteurs dans Neo4j : "
                    "relancez la même commande."
                )
            step.counts.add(record)
        session.rows_done += len(batch)
        if on_batch:
            on_batch(len(batch))
    if prune:
        stale_rels, stale_ids = _stale(session, dataset, dataset_name)
        for batch in _batches(stale_rels, batch_size):
            report.relationships.pruned += session.write(DELETE_RELATIONSHIPS, rows=batch)["n"]
        for batch in _batches(stale_ids, batch_size):
            report.actors.pruned += session.write(DELETE_ACTORS, rows=batch)["n"]
    report.seconds = time.perf_counter() - started
    return report


def plan_dataset(
    driver: Driver, dataset: Dataset, schema: Schema, *, dataset_name: str,
    database: str = "neo4j", prune: bool = False, batch_size: int = BATCH_SIZE,
) -> LoadReport:
    """What :func:`write_dataset` would do, found with read-only queries (``--dry-run``)."""
    _check_names(dataset, schema)
    started = time.perf_counter()
    session = _Session(driver, database)
    report = LoadReport(dataset=dataset_name, dry_run=True)
    for step, batch in _rows_ahead(load_steps(dataset, schema, batch_size, report), dataset_name):
        stored = _stored_hashes(session, step, batch)
        step.counts.add({
            "created": sum(row[step.ident] not in stored for row in batch),
            "unchanged": sum(stored.get(row[step.ident]) == row["hash"] for row in batch),
            "total": len(batch),
        })
    if prune:
        stale_rels, stale_ids = _stale(session, dataset, dataset_name)
        report.relationships.pruned, report.actors.pruned = len(stale_rels), len(stale_ids)
    report.seconds = time.perf_counter() - started
    return report


def _stale(session: _Session, dataset: Dataset, dataset_name: str) -> tuple[list[str], list[str]]:
    """Element ids of relationships and ids of actors of this dataset that the load no longer holds."""
    keys = {rel.key for rel in dataset.relationships}
    ids = {actor.id for actor in dataset.actors}
    stale_rels = [r["eid"] for r in session.read(STALE_RELATIONSHIPS, dataset=dataset_name) if r["key"] not in keys]
    stale_ids = [r["id"] for r in session.read(STALE_ACTORS, dataset=dataset_name) if r["id"] not in ids]
    return stale_rels, stale_ids
