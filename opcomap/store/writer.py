"""Writing a validated dataset into Neo4j: batched, idempotent, convergent.

* Sources are ``(:Source)`` nodes keyed by the constrained ``Source.id`` (a
  source cited by many ties is one node; each tie holds its ``source_ids``),
  written with the actors, before the ties; see the codec.
* Actors are keyed by the constrained ``Actor.id``, relationships by their
  ``key`` (a uniqueness constraint per type, see ddl.py). Statements are one
  per kind or type because Neo4j 5.26 cannot take a label or type from a
  parameter; the text comes from the schema only (IDENTIFIER pattern, backticks).
* Each row carries a ``content_hash``. Per batch, one read finds which rows
  Neo4j lacks and which it holds with another hash; the first are CREATEd (no
  MERGE existence check), the second SET in place, the rest not sent. When
  Neo4j holds no actor, or no tie of a type, as the load begins, that lookup
  is skipped. Re-loading identical files reports 0 updated and writes nothing.
* Two threads each build a batch's rows and write it, so Neo4j works on one
  batch while Python prepares the next; actors are all committed before ties.
* Every batch is its own transaction. If Neo4j dies half-way, the batches
  already committed stay, and re-running finds them: same graph, no duplicates
  (a racing load's duplicate CREATE is refused by the constraints).
* ``prune`` (and :func:`remove_dataset`) end by deleting the Source nodes no tie
  cites any more, whichever dataset's ties cited them.

Each choice above (CREATE, the compact lookup, two writers, Python's share of
the 2 cores cut) was kept because it measured faster on the national-scale
synthetic map; the measurements are in benchmarks/README.md (Loading).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import Driver

from graph_model.errors import SchemaError, StoreWriteFailed
from graph_model.models import Actor, Dataset, Relationship
from graph_model.schema import Schema
from opcomap.store import statements
from opcomap.store.codec import actor_row, anchor_row, relationship_row, source_keys, source_row
from opcomap.store.database import LOADING, Store
from opcomap.store.ddl import require_schema
from opcomap.store.gcpause import no_cyclic_gc

# Measured with benchmarks/load_benchmark.py on the 2-core machine (see
# benchmarks/README.md): relationship throughput rises steeply up to ~5,000 rows
# per transaction and flattens after; bigger batches only cost memory and make a
# retried transaction longer.
BATCH_SIZE = 5000
# Two writers on 2 cores: Neo4j writes one batch while Python builds the next
# (benchmarks/README.md). Deadlocks on shared hubs are transient errors,
# which execute_write retries.
WRITERS = 2

# One progress callback per committed batch: the number of rows it held.
BatchHook = Callable[[int], None]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    # Held by another dataset with other content: left as that dataset wrote them (counted unchanged too).
    shared: int = 0

    def add(self, created: int, updated: int, total: int, shared: int = 0) -> None:
        self.created += created
        self.updated += updated
        self.unchanged += total - created - updated
        self.shared += shared


@dataclass
class LoadReport:
    """What a load did (or, for a dry run, would do)."""

    dataset: str
    actors: Counts = field(default_factory=Counts)
    relationships: Counts = field(default_factory=Counts)
    # Source nodes: created, rewritten (their fields changed), unchanged, and deleted by a
    # prune once no tie cites them (not part of ``rows``).
    sources: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    dry_run: bool = False
    # Actors this dataset no longer holds but left in place: ties of other datasets
    # (e.g. added in the app) still use them, and pruning must not take those ties away.
    kept_actors: int = 0

    @property
    def rows(self) -> int:
        return sum(c.created + c.updated + c.unchanged for c in (self.actors, self.relationships))

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


# -- the load ------------------------------------------------------------------------

def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _check_names(dataset: Dataset, schema: Schema) -> None:
    kinds = {a.kind for a in dataset.actors} - set(schema.kinds)
    types = {r.type for r in dataset.relationships} - set(schema.relationship_types)
    if kinds or types:
        raise SchemaError("store.names_outside_schema", names=", ".join(sorted(kinds | types)))


@dataclass
class _Step:
    """One batch: how to build its rows, find which Neo4j lacks or holds changed, and write them."""

    pending: str
    create: str
    update: str
    ident: str  # "id" for actors, "key" for relationships
    counts: Counts
    build: Callable[[Any, str], dict[str, Any]]
    models: list[Any]
    count: str  # how many actors, or ties of this type, Neo4j holds (read from its counts store)
    lookup: bool = True  # False when that count was 0 as the load began: every row is new


def load_steps(dataset: Dataset, schema: Schema, batch_size: int,
               report: LoadReport) -> tuple[list[_Step], list[_Step]]:
    """Every batch: actors by kind, then relationships by type, two phases, so that
    every endpoint is committed before its ties are written."""
    by_kind: dict[tuple[str, bool], list[Actor]] = {}
    anchors = set(dataset.anchors)
    for actor in dataset.actors:
        by_kind.setdefault((actor.kind, actor.id in anchors), []).append(actor)
    by_type: dict[str, list[Relationship]] = {}
    for rel in dataset.relationships:
        by_type.setdefault(rel.type, []).append(rel)
    keys = source_keys(dataset.relationships)
    sources: dict[str, Any] = {}
    for rel in dataset.relationships:
        for source in rel.sources:
            sources.setdefault(keys[id(source)], source)
    # Sources are written in the actors' phase: committed before any tie cites them.
    actor_steps: list[_Step] = [
        _Step(statements.PENDING_SOURCES, statements.CREATE_SOURCES, statements.UPDATE_SOURCES, "id",
              report.sources, lambda source, _name: source_row(source), chunk, statements.COUNT_SOURCES)
        for chunk in _batches([sources[key] for key in sorted(sources)], batch_size)
    ]
    for (kind, anchor), actors in by_kind.items():
        queries = (statements.pending_actors(anchor), statements.create_actors(kind),
                   statements.update_actors(kind, schema.kinds))
        build = anchor_row if anchor else actor_row
        actor_steps += [_Step(*queries, "id", report.actors, build, chunk, statements.COUNT_ACTORS)
                        for chunk in _batches(actors, batch_size)]
    rel_steps: list[_Step] = []
    for rel_type, rels in by_type.items():
        queries = (statements.pending_relationships(rel_type), statements.create_relationships(rel_type),
                   statements.update_relationships(rel_type))
        count = statements.count_relationships(rel_type)
        rel_steps += [_Step(*queries, "key", report.relationships,
                            lambda rel, name: relationship_row(rel, name, keys), chunk, count)
                      for chunk in _batches(rels, batch_size)]
    return actor_steps, rel_steps


def _each_batch(steps: list[_Step], work: Callable[[_Step], Any], done: Callable[[_Step, Any], None]) -> None:
    """work(step) on WRITERS threads (each builds its batch's rows, then waits on Neo4j
    while the other works), done(step, result) in this thread and in step order.
    After a failure no further batch starts."""
    queue: deque[tuple[_Step, Future[Any]]] = deque()
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        try:
            for step in steps:
                queue.append((step, pool.submit(work, step)))
                if len(queue) > WRITERS:
                    step, future = queue.popleft()
                    done(step, future.result())
            while queue:
                step, future = queue.popleft()
                done(step, future.result())
        finally:
            for _, future in queue:
                future.cancel()


class _Rows(list):  # type: ignore[type-arg]
    """A batch parameter, sent as a plain list. The driver builds the repr() of every query's
    parameters for a debug log line even when that log is off, a fifth of the Python
    time of a load. This one is a few bytes."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _pending(tx: neo4j.ManagedTransaction, step: _Step, rows: list[dict[str, Any]],
             dataset: str) -> tuple[list[Any], list[Any], int]:
    """The rows Neo4j does not hold yet, those this dataset holds with another content hash,
    and how many another dataset holds with other content (left as they are)."""
    record = tx.run(step.pending, ids=_Rows(row[step.ident] for row in rows),
                    hashes=_Rows(row["hash"] for row in rows), dataset=dataset).single(strict=True)
    return [rows[i] for i in record["new"]], [rows[i] for i in record["changed"]], len(record["shared"])


def _write_batch(tx: neo4j.ManagedTransaction, step: _Step, new: list[Any], changed: list[Any],
                 loaded_at: dt.datetime) -> None:
    """New rows are CREATEd (no existence check: the uniqueness constraints refuse a
    duplicate), changed ones SET in place."""
    for query, todo in ((step.create, new), (step.update, changed)):
        if todo and (done := tx.run(query, rows=_Rows(todo), loaded_at=loaded_at).single(strict=True)["n"]) != len(todo):
            # Only actors or ties deleted by someone else during the load can do this.
            raise StoreWriteFailed("store.load_missing", n=len(todo) - done)


def _skip_lookups_when_empty(session: _Session, phase: list[_Step]) -> None:
    """No actor, or no tie of a type, in Neo4j as the phase begins (a first load): its rows
    are all new, no lookup needed. Should another load race this one, the uniqueness
    constraints refuse the second copy of a row."""
    empty = {count for count in {step.count for step in phase} if session.read(count)[0]["n"] == 0}
    for step in phase:
        step.lookup = step.count not in empty


class _Session:
    """The Store, and how many rows are committed: its failures say where to resume; each
    transaction's metadata names the dataset."""

    def __init__(self, target: Store | Driver, database: str, dataset_name: str):
        self.store, self.rows_done = Store.of(target, database), 0
        self.meta = {"dataset": dataset_name}

    def write(self, query: str, **params: Any) -> dict[str, Any]:
        return self.run(lambda tx: tx.run(query, params).single(strict=True).data(), write=True)

    def read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return self.run(lambda tx: tx.run(query, params).data(), write=False)

    def run(self, work: Callable[[neo4j.ManagedTransaction], Any], write: bool) -> Any:
        return self.store.transaction(work, write=write, failure=LOADING.about(rows=self.rows_done), meta=self.meta)


def write_dataset(
    target: Store | Driver,
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
    session = _Session(target, database, dataset_name)
    require_schema(session.store, schema)  # reads only, once `opcomap schema apply` has run
    report = LoadReport(dataset=dataset_name)
    loaded_at = dt.datetime.now(dt.UTC)

    def work(step: _Step) -> tuple[int, int, int, int]:
        rows = [step.build(model, dataset_name) for model in step.models]
        # The lookup is a read transaction of its own: unchanged rows are never sent to a writer.
        new, changed, shared = (session.run(lambda tx: _pending(tx, step, rows, dataset_name), write=False)
                                if step.lookup else (rows, [], 0))
        if new or changed:
            session.run(lambda tx: _write_batch(tx, step, new, changed, loaded_at), write=True)
        return len(new), len(changed), len(rows), shared

    def done(step: _Step, result: tuple[int, int, int, int]) -> None:
        step.counts.add(*result)
        if step.counts is report.sources:
            return  # progress counts the dataset's actors and ties
        session.rows_done += result[2]
        if on_batch:
            on_batch(result[2])

    with no_cyclic_gc():
        for phase in load_steps(dataset, schema, batch_size, report):
            _skip_lookups_when_empty(session, phase)
            _each_batch(phase, work, done)
    if prune:
        stale_rels, stale_ids = _stale(session, dataset, dataset_name)
        for batch in _batches(stale_rels, batch_size):
            report.relationships.pruned += session.write(statements.DELETE_RELATIONSHIPS, rows=batch)["n"]
        for batch in _batches(stale_ids, batch_size):
            deleted = session.write(statements.DELETE_ACTORS, rows=batch, dataset=dataset_name)["n"]
            report.actors.pruned += deleted
            report.kept_actors += len(batch) - deleted
        report.sources.pruned = session.write(statements.DELETE_UNCITED_SOURCES)["n"]
    report.seconds = time.perf_counter() - started
    return report


def plan_dataset(
    target: Store | Driver, dataset: Dataset, schema: Schema, *, dataset_name: str,
    database: str = "neo4j", prune: bool = False, batch_size: int = BATCH_SIZE,
) -> LoadReport:
    """What :func:`write_dataset` would do, found with read-only queries (``--dry-run``)."""
    _check_names(dataset, schema)
    started = time.perf_counter()
    session = _Session(target, database, dataset_name)
    report = LoadReport(dataset=dataset_name, dry_run=True)

    def work(step: _Step) -> tuple[int, int, int, int]:
        rows = [step.build(model, dataset_name) for model in step.models]
        new, changed, shared = (session.run(lambda tx: _pending(tx, step, rows, dataset_name), write=False)
                                if step.lookup else (rows, [], 0))
        return len(new), len(changed), len(rows), shared

    with no_cyclic_gc():
        for phase in load_steps(dataset, schema, batch_size, report):
            _skip_lookups_when_empty(session, phase)
            _each_batch(phase, work, lambda step, result: step.counts.add(*result))
    if prune:
        stale_rels, stale_ids = _stale(session, dataset, dataset_name)
        # Sources only the stale ties cite (a tie this load changes may drop others: not counted).
        report.sources.pruned = session.read(statements.COUNT_UNCITED_SOURCES, stale=stale_rels)[0]["n"]
        report.kept_actors = sum(session.read(statements.USED_ELSEWHERE, rows=batch, dataset=dataset_name)[0]["n"]
                                 for batch in _batches(stale_ids, batch_size))
        report.relationships.pruned = len(stale_rels)
        report.actors.pruned = len(stale_ids) - report.kept_actors
    report.seconds = time.perf_counter() - started
    return report


def _stale(session: _Session, dataset: Dataset, dataset_name: str) -> tuple[list[str], list[str]]:
    """Element ids of relationships and ids of actors of this dataset that the load no longer holds."""
    keys = {rel.key for rel in dataset.relationships}
    ids = {actor.id for actor in dataset.actors}
    stale_rels = [r["eid"] for r in session.read(statements.STALE_RELATIONSHIPS, dataset=dataset_name) if r["key"] not in keys]
    stale_ids = [r["id"] for r in session.read(statements.STALE_ACTORS, dataset=dataset_name) if r["id"] not in ids]
    return stale_rels, stale_ids


# -- datasets as units (the app's uploads) ----------------------------------------------

@dataclass(frozen=True)
class DatasetSize:
    """How many actors and ties a dataset name tags in Neo4j."""

    name: str
    actors: int = 0
    relationships: int = 0


@dataclass
class RemovalReport:
    """What :func:`remove_dataset` took away, and the actors it had to leave."""

    dataset: str
    actors: int = 0
    relationships: int = 0
    # Still tied by another dataset's ties (or an edit's history): kept, tagged as they were.
    kept_actors: int = 0
    # Source nodes no tie cited any more once the dataset's ties were gone.
    sources: int = 0


def dataset_sizes(target: Store | Driver, database: str = "neo4j") -> list[DatasetSize]:
    """Every dataset name in Neo4j with its counts, by name."""
    store = Store.of(target, database)
    actors = {r["name"]: r["n"] for r in store.read(statements.DATASET_ACTORS)}
    ties = {r["name"]: r["n"] for r in store.read(statements.DATASET_RELATIONSHIPS)}
    return [DatasetSize(str(name), actors.get(name, 0), ties.get(name, 0)) for name in sorted(actors.keys() | ties.keys())]


def remove_dataset(target: Store | Driver, name: str, database: str = "neo4j", batch_size: int = BATCH_SIZE) -> RemovalReport:
    """Delete what the dataset ``name`` loaded: its ties, then its actors that no tie of
    another dataset uses (the rule of ``prune``, which this is with an empty dataset)."""
    session = _Session(target, database, name)
    report = RemovalReport(dataset=name)
    stale_rels, stale_ids = _stale(session, Dataset(), name)
    for batch in _batches(stale_rels, batch_size):
        report.relationships += session.write(statements.DELETE_RELATIONSHIPS, rows=batch)["n"]
    for batch in _batches(stale_ids, batch_size):
        deleted = session.write(statements.DELETE_ACTORS, rows=batch, dataset=name)["n"]
        report.actors += deleted
        report.kept_actors += len(batch) - deleted
    report.sources = session.write(statements.DELETE_UNCITED_SOURCES)["n"]
    return report
