"""Load benchmark (not a test): bulk UNWIND MERGE against one-row-per-transaction MERGE.

Run against a dedicated local server — it deletes the datasets it creates:

    NEO4J_URI=bolt://127.0.0.1:7699 NEO4J_PASSWORD=benchpassword1 .venv/bin/opcomap neo4j start
    NEO4J_URI=bolt://127.0.0.1:7699 NEO4J_PASSWORD=benchpassword1 .venv/bin/python benchmarks/load_benchmark.py
    NEO4J_URI=bolt://127.0.0.1:7699 NEO4J_PASSWORD=benchpassword1 .venv/bin/opcomap neo4j stop

Steps: (1) batch-size sweep on a 10,000-actor / 100,000-relationship map;
(2) the full 100,000 / 1,000,000 load with the writer's BATCH_SIZE, then the
same load again (nothing to change); (3) a naive MERGE, one row per
transaction, on a sample of relationships. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import time
from pathlib import Path

from graph_model import default_schema
from loaders.synthetic import generate
from opcomap.store import local_server as neo4j_server
from opcomap.settings import Settings
from opcomap.store import connect, server_info
from opcomap.store.writer import BATCH_SIZE, relationship_row, write_dataset

SCHEMA = default_schema()

# The textbook statement, one row per transaction: the reference the bulk load is compared with.
NAIVE_MERGE = (
    "MATCH (s:Actor {{id: $row.source}}) MATCH (t:Actor {{id: $row.target}}) "
    "MERGE (s)-[r:`{type}` {{key: $row.key}}]->(t) SET r = $row.props, r.content_hash = $row.hash, r.loaded_at = $now"
)


def server_cpu(settings: Settings) -> tuple[float, float] | None:
    """CPU seconds used so far by the local server started with `opcomap neo4j start`:
    all its threads, and its JIT compiler threads alone (None for any other server)."""
    pid = neo4j_server.status(settings).pid
    if pid is None:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total = jit = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text(encoding="ascii")
        except OSError:  # the thread ended meanwhile
            continue
        name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        total += seconds
        jit += seconds if "CompilerThre" in name else 0.0
    return total, jit


def wipe(driver, database: str) -> None:
    with driver.session(database=database) as session:
        # Relationships first: detaching a hub with 100,000 ties in one go exceeds the memory pool.
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def timed_load(driver, database: str, dataset, batch_size: int, name: str):
    """The load's report, and the seconds until its last actor batch was committed."""
    started, rows, actors_done = time.perf_counter(), 0, []

    def on_batch(batch_rows: int) -> None:
        nonlocal rows
        rows += batch_rows
        if rows >= len(dataset.actors) and not actors_done:
            actors_done.append(time.perf_counter() - started)

    report = write_dataset(driver, dataset, SCHEMA, dataset_name=name, database=database, batch_size=batch_size,
                           on_batch=on_batch)
    return report, (actors_done[0] if actors_done else 0.0)


def naive_rate(driver, database: str, dataset, sample: int, seed: int) -> float:
    """Relationships per second when each MERGE is its own transaction."""
    rng = random.Random(seed)
    rels = rng.sample(dataset.relationships, sample)
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for rel in rels:
            row = relationship_row(rel, "naive")
            row["key"] = row["props"]["key"] = row["key"] + "|naive"  # new ties, not already-loaded ones
            query = NAIVE_MERGE.format(type=rel.type)
            session.execute_write(lambda tx, q=query, r=row: tx.run(q, row=r, now=now).consume())
    return sample / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    parser.add_argument("--sweep", default="1000,2000,5000,10000,20000",
                        help="batch sizes to compare on a 10x smaller map ('' to skip)")
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        raise SystemExit("NEO4J_URI must point to a dedicated local Neo4j (its data is deleted).")
    settings = Settings()
    driver = connect(settings)
    database = settings.neo4j_database
    info = server_info(driver)
    print(f"Neo4j {info['version']} {info['edition']}, Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"load average at start {os.getloadavg()[0]:.1f}")

    lines = ["| step | rows | seconds | rows/s | relationships/s |", "|---|---:|---:|---:|---:|"]

    def record(step: str, report) -> None:
        rels = report.relationships.created + report.relationships.updated + report.relationships.unchanged
        rel_rate = rels / report.seconds
        lines.append(f"| {step} | {report.rows:,} | {report.seconds:.1f} | {report.rows_per_second:,.0f} | {rel_rate:,.0f} |")
        print(lines[-1], flush=True)

    sizes = [int(s) for s in args.sweep.split(",") if s.strip()]
    if sizes:
        small = generate(args.actors // 10, args.relationships // 10, seed=args.seed)
        for size in sizes:
            wipe(driver, database)
            record(f"sweep: {args.actors // 10:,} actors / {args.relationships // 10:,} rels, batch {size:,}",
                   timed_load(driver, database, small, size, "sweep")[0])

    started = time.perf_counter()
    big = generate(args.actors, args.relationships, seed=args.seed)
    print(f"generated {len(big.actors):,} actors and {len(big.relationships):,} relationships "
          f"in {time.perf_counter() - started:.0f} s", flush=True)
    wipe(driver, database)
    cpu_before, python_before = server_cpu(settings), time.process_time()
    first, actors_seconds = timed_load(driver, database, big, BATCH_SIZE, "benchmark")
    record(f"full load, batch {BATCH_SIZE:,} (all created)", first)
    cpu_after = server_cpu(settings)
    cpu_note = f"loader (Python) CPU {time.process_time() - python_before:.0f} s"
    if cpu_before and cpu_after:
        cpu_note += (f", Neo4j CPU {cpu_after[0] - cpu_before[0]:.0f} s of which its JIT compilers "
                     f"{cpu_after[1] - cpu_before[1]:.0f} s")
    ties_seconds = first.seconds - actors_seconds
    cpu_note += (f"; actors {actors_seconds:.1f} s, then ties {ties_seconds:.1f} s "
                 f"({first.relationships.created / ties_seconds:,.0f} ties/s in that phase)")
    print(f"full load: {cpu_note}, over {first.seconds:.0f} s on {os.cpu_count()} cores", flush=True)
    again, _ = timed_load(driver, database, big, BATCH_SIZE, "benchmark")
    record("same files again (all unchanged)", again)
    bulk_rel_rate = first.relationships.created / first.seconds
    naive = naive_rate(driver, database, big, args.naive_sample, args.seed)
    lines.append(f"| naive MERGE, 1 row per transaction ({args.naive_sample:,} rels) | {args.naive_sample:,} | "
                 f"{args.naive_sample / naive:.1f} | {naive:,.0f} | {naive:,.0f} |")
    print(lines[-1])
    print()
    print("\n".join(lines))
    print(f"\nfull load: {cpu_note}")
    print(f"\nbulk relationships/s ÷ naive = {bulk_rel_rate / naive:.0f}×; "
          f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the 2 cores)")
    wipe(driver, database)
    driver.close()


if __name__ == "__main__":
    main()
