"""Writing a validated dataset into Neo4j: batched, idempotent, convergent.

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

Measured (benchmarks/README.md, 100,000 actors and 1,000,000 ties, 2 cores):
the batched MERGE loaded 5,084 ties/s and re-loaded in 91 s; with CREATE,
the compact lookup and two writers, 7,341 ties/s (136 s; 9,050 on a warm
server) and a 56 s re-load. A 2 GiB page cache (store: 1.2 GiB) changed
nothing measurable with one writer, so the local server keeps 512 MiB.
Then, with Python's share of the 2 cores cut (cycle collector paused, one JSON
encoder, no parameter repr) and the server on ParallelGC with a fixed heap:
10,666 ties/s on a freshly started server (94 s; its JIT warms up during the
load), 14,492 on a warm one, re-load 25-27 s. Three writers, or batches of
2,500 or 10,000, measured within the noise of two. With the local server's JIT
thresholds doubled (neo4j_server.py): 9,315-12,676 fresh (median 10,506), 16,203 warm.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph_model.models import Actor, Dataset, Relationship
from graph_model.schema import IDENTIFIER, Schema
from graph_model.errors import SchemaError, StoreUnavailable, StoreWriteFailed
from opcomap.store.ddl import ensure_schema
from opcomap.store.gcpause import no_cyclic_gc

# Measured with benchmarks/load_benchmark.py on the 2-core machine (see
# benchmarks/README.md): relationship throughput rises steeply up to ~5,000 rows
# per transaction and flattens after; bigger batches only cost memory and make a
# retried transaction longer.
BATCH_SIZE = 5000
# Two writers on 2 cores: 100,000 ties in 7.5-8.6 s against 13.5-14.6 s with one
# (CREATE path, 10,000-actor map). Deadlocks on shared hubs are transient errors,
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


# -- rows for UNWIND (made only here) ---------------------------------------------

# json.dumps(props, sort_keys=True, ensure_ascii=False, default=str, check_circular=False),
# built once: json.dumps makes a new encoder per call, which cost a third of the hashing of
# a million rows. Same C encoder, same text, so the hashes of maps loaded before are unchanged.
_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_ENCODE = _C_ENCODER(None, str, json.encoder.encode_basestring, None, ": ", ", ", True, False, True) if _C_ENCODER else None
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def content_hash(props: dict[str, Any]) -> int:
    """Fingerprint of everything a row stores (dataset name included): equal hash, nothing to write.

    64 bits as an integer: Neo4j keeps it inline in the property record, where a
    hex string would cost one more string-store record per node and relationship.
    """
    text = "".join(_ENCODE(props, 0)) if _ENCODE else _ENCODER.encode(props)
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big", signed=True)


def actor_row(actor: Actor, dataset: str, anchor: bool = False) -> dict[str, Any]:
    props: dict[str, Any] = {k: v for k, v in actor.model_dump().items() if v is not None and v != []}
    if actor.aliases:
        props["aliases_text"] = " | ".join(actor.aliases)  # for the full-text index
    props["dataset"] = dataset
    if anchor:  # only referred to (Dataset.anchors): the first dataset to define the actor takes it over
        props["anchor"] = True
    return {"id": actor.id, "hash": content_hash(props), "props": props}


def _anchor_row(actor: Actor, dataset: str) -> dict[str, Any]:
    return actor_row(actor, dataset, anchor=True)


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

def _quoted(name: str) -> str:
    if not IDENTIFIER.match(name):  # schema names are validated; this is a second lock
        raise SchemaError(f"nom de genre ou de type invalide : {name!r}")
    return f"`{name}`"


SET_ROW = "SET {v} = row.props, {v}.content_hash = row.hash, {v}.loaded_at = $loaded_at"


def create_actors_query(kind: str) -> str:
    return f"UNWIND $rows AS row CREATE (a:Actor:{_quoted(kind)}) {SET_ROW.format(v='a')} RETURN count(*) AS n"


def update_actors_query(kind: str, schema: Schema) -> str:
    others = "".join(f":{_quoted(k)}" for k in sorted(schema.kinds) if k != kind)
    remove = f" REMOVE a{others}" if others else ""  # a changed kind loses its old label
    return (
        f"UNWIND $rows AS row MATCH (a:Actor {{id: row.id}}) {SET_ROW.format(v='a')}{remove} "
        f"SET a:{_quoted(kind)} RETURN count(*) AS n"
    )


def create_relationships_query(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row MATCH (s:Actor {id: row.source}) MATCH (t:Actor {id: row.target}) "
        f"CREATE (s)-[r:{_quoted(rel_type)}]->(t) {SET_ROW.format(v='r')} RETURN count(*) AS n"
    )


def _seek(var: str, rel_type: str) -> str:
    # Forces a seek in the key index of ensure_schema(): planned on the stale statistics of
    # a just-loaded type, the lookup sometimes scanned the index once per row (100× slower).
    return f" USING INDEX SEEK {var}:{_quoted(rel_type)}(key)"


def update_relationships_query(rel_type: str) -> str:
    # The key holds both endpoints and the type, so a changed row never moves.
    return (
        f"UNWIND $rows AS row MATCH ()-[r:{_quoted(rel_type)} {{key: row.key}}]->(){_seek('r', rel_type)} "
        f"{SET_ROW.format(v='r')} RETURN count(*) AS n"
    )


def _pending_query(match: str, hint: str = "", take_anchors: bool = False) -> str:
    """Positions (in $ids) of the rows Neo4j lacks, of those this dataset holds with another
    hash, and of those another dataset holds (shared: left as that dataset wrote them). A
    node another dataset only refers to (``anchor``: a registry import's copy of an OPCO) is
    taken over by a dataset that defines it (``take_anchors``). One record of integer lists,
    so an unchanged batch costs almost nothing to return."""
    mine = "(coalesce(x.dataset, $dataset) = $dataset" + (" OR coalesce(x.anchor, false))" if take_anchors else ")")
    return (
        f"UNWIND range(0, size($ids) - 1) AS i OPTIONAL MATCH {match}{hint} "
        "WITH i, x WHERE x IS NULL OR coalesce(x.content_hash <> $hashes[i], true) "
        f"RETURN collect(CASE WHEN x IS NULL THEN i END) AS new, collect(CASE WHEN x IS NOT NULL AND {mine} THEN i END) "
        f"AS changed, collect(CASE WHEN x IS NOT NULL AND NOT {mine} THEN i END) AS shared"
    )


def pending_actors_query(anchors: bool = False) -> str:
    """Actors this dataset defines take over anchor nodes; its anchors never take anything."""
    return _pending_query("(x:Actor {id: $ids[i]})", take_anchors=not anchors)


def pending_relationships_query(rel_type: str) -> str:
    return _pending_query(f"()-[x:{_quoted(rel_type)} {{key: $ids[i]}}]->()", _seek("x", rel_type))


STALE_ACTORS = "MATCH (a:Actor {dataset: $dataset}) RETURN a.id AS id"
STALE_RELATIONSHIPS = "MATCH ()-[r]->() WHERE r.dataset = $dataset RETURN elementId(r) AS eid, r.key AS key"
DELETE_RELATIONSHIPS = "UNWIND $rows AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r RETURN count(*) AS n"
_USED_ELSEWHERE = "EXISTS { (a)-[r]-() WHERE coalesce(r.dataset, '') <> $dataset }"
DELETE_ACTORS = (
    f"UNWIND $rows AS id MATCH (a:Actor {{id: id}}) WHERE NOT {_USED_ELSEWHERE} DETACH DELETE a RETURN count(*) AS n"
)
USED_ELSEWHERE = f"UNWIND $rows AS id MATCH (a:Actor {{id: id}}) WHERE {_USED_ELSEWHERE} RETURN count(*) AS n"


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
    actor_steps: list[_Step] = []
    for (kind, anchor), actors in by_kind.items():
        queries = pending_actors_query(anchor), create_actors_query(kind), update_actors_query(kind, schema)
        build = _anchor_row if anchor else actor_row
        actor_steps += [_Step(*queries, "id", report.actors, build, chunk, "MATCH (x:Actor) RETURN count(x) AS n")
                        for chunk in _batches(actors, batch_size)]
    rel_steps: list[_Step] = []
    for rel_type, rels in by_type.items():
        queries = (pending_relationships_query(rel_type), create_relationships_query(rel_type),
                   update_relationships_query(rel_type))
        count = f"MATCH ()-[x:{_quoted(rel_type)}]->() RETURN count(x) AS n"
        rel_steps += [_Step(*queries, "key", report.relationships, relationship_row, chunk, count)
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
    parameters for a debug log line even when that log is off: 10 µs a row, a fifth of the
    Python time of a load. This one is a few bytes."""

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
            raise StoreWriteFailed(
                f"{len(todo) - done} ligne(s) n'ont pas trouvé dans Neo4j l'acteur ou la relation attendus : "
                "relancez la même commande."
            )


def _skip_lookups_when_empty(session: _Session, phase: list[_Step]) -> None:
    """No actor, or no tie of a type, in Neo4j as the phase begins (a first load): its rows
    are all new, no lookup needed. Should another load race this one, the uniqueness
    constraints refuse the second copy of a row."""
    empty = {count for count in {step.count for step in phase} if session.read(count)[0]["n"] == 0}
    for step in phase:
        step.lookup = step.count not in empty


class _Session:
    """Runs transactions, turning driver errors into one clear sentence."""

    def __init__(self, driver: Driver, database: str):
        self.driver, self.database, self.rows_done = driver, database, 0

    def write(self, query: str, **params: Any) -> dict[str, Any]:
        return self.run(lambda tx: tx.run(query, params).single(strict=True).data(), write=True)

    def read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return self.run(lambda tx: tx.run(query, params).data(), write=False)

    def run(self, work: Callable[[neo4j.ManagedTransaction], Any], write: bool) -> Any:
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
            report.relationships.pruned += session.write(DELETE_RELATIONSHIPS, rows=batch)["n"]
        for batch in _batches(stale_ids, batch_size):
            deleted = session.write(DELETE_ACTORS, rows=batch, dataset=dataset_name)["n"]
            report.actors.pruned += deleted
            report.kept_actors += len(batch) - deleted
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
        report.kept_actors = sum(session.read(USED_ELSEWHERE, rows=batch, dataset=dataset_name)[0]["n"]
                                 for batch in _batches(stale_ids, batch_size))
        report.relationships.pruned = len(stale_rels)
        report.actors.pruned = len(stale_ids) - report.kept_actors
    report.seconds = time.perf_counter() - started
    return report


def _stale(session: _Session, dataset: Dataset, dataset_name: str) -> tuple[list[str], list[str]]:
    """Element ids of relationships and ids of actors of this dataset that the load no longer holds."""
    keys = {rel.key for rel in dataset.relationships}
    ids = {actor.id for actor in dataset.actors}
    stale_rels = [r["eid"] for r in session.read(STALE_RELATIONSHIPS, dataset=dataset_name) if r["key"] not in keys]
    stale_ids = [r["id"] for r in session.read(STALE_ACTORS, dataset=dataset_name) if r["id"] not in ids]
    return stale_rels, stale_ids


# -- datasets as units (the app's uploads) ----------------------------------------------

DATASET_ACTORS = "MATCH (a:Actor) WHERE a.dataset IS NOT NULL RETURN a.dataset AS name, count(*) AS n"
DATASET_RELATIONSHIPS = (
    "MATCH (:Actor)-[r]->(:Actor) WHERE r.dataset IS NOT NULL RETURN r.dataset AS name, count(*) AS n"
)


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


def dataset_sizes(driver: Driver, database: str = "neo4j") -> list[DatasetSize]:
    """Every dataset name in Neo4j with its counts, by name."""
    session = _Session(driver, database)
    actors = {r["name"]: r["n"] for r in session.read(DATASET_ACTORS)}
    ties = {r["name"]: r["n"] for r in session.read(DATASET_RELATIONSHIPS)}
    return [DatasetSize(str(name), actors.get(name, 0), ties.get(name, 0)) for name in sorted(actors.keys() | ties.keys())]


def remove_dataset(driver: Driver, name: str, database: str = "neo4j", batch_size: int = BATCH_SIZE) -> RemovalReport:
    """Delete what the dataset ``name`` loaded: its ties, then its actors that no tie of
    another dataset uses (the rule of ``prune``, which this is with an empty dataset)."""
    session = _Session(driver, database)
    report = RemovalReport(dataset=name)
    stale_rels, stale_ids = _stale(session, Dataset(), name)
    for batch in _batches(stale_rels, batch_size):
        report.relationships += session.write(DELETE_RELATIONSHIPS, rows=batch)["n"]
    for batch in _batches(stale_ids, batch_size):
        deleted = session.write(DELETE_ACTORS, rows=batch, dataset=name)["n"]
        report.actors += deleted
        report.kept_actors += len(batch) - deleted
    return report
