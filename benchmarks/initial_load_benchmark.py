"""`opcomap load DIR --initial` benchmark (not a test): the whole command, in a fresh process,
against the naive one-row-per-transaction MERGE rate measured in the same run.

Run against a dedicated local server started by `opcomap neo4j start` (its data is deleted),
holding the benchmark lock so that no other benchmark runs meanwhile:

    export NEO4J_URI=bolt://127.0.0.1:7699 NEO4J_PASSWORD=benchpassword1
    .venv/bin/opcomap neo4j start
    flock /tmp/opcomap-bench.lock .venv/bin/python benchmarks/initial_load_benchmark.py
    .venv/bin/opcomap neo4j stop

Steps: (1) `opcomap generate` writes the files (not timed against anything);
(2) the database is emptied; (3) `opcomap load DIR --initial`, timed from the process's
start to its end, each of its printed steps stamped with the time it appeared; (4) the
naive MERGE, one tie per transaction, on a sample of new ties between the loaded actors
(the same statement as benchmarks/load_benchmark.py). Prints the date, the load average
before and after, and a Markdown row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load_benchmark import naive_rate

from loaders.synthetic import generate
from opcomap.settings import Settings
from opcomap.store import Store, local_server

OPCOMAP = [sys.executable, "-m", "opcomap"]


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def empty(settings: Settings) -> None:
    """Relationships first, in batches: one transaction for a million ties exceeds the memory pool."""
    with Store.from_settings(settings) as store, store.session(write=True) as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def timed_command(args: list[str]) -> tuple[float, list[tuple[float, str]], int]:
    """Seconds from start to exit, each output line with the second it appeared, the exit code."""
    started = time.perf_counter()
    process = subprocess.Popen([*OPCOMAP, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = [(time.perf_counter() - started, line.rstrip()) for line in process.stdout]
    code = process.wait()
    return time.perf_counter() - started, lines, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--naive-sample", type=int, default=1_000)
    args = parser.parse_args()
    settings = Settings()
    if not local_server.manages(settings):
        raise SystemExit("NEO4J_URI must be a dedicated local server started by `opcomap neo4j start`.")
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load average {load_average()} (start)")
    with tempfile.TemporaryDirectory(prefix="opcomap-initial-bench-") as tmp:
        files = Path(tmp) / "map"
        seconds, _, code = timed_command(["generate", "--actors", str(args.actors), "--relationships",
                                          str(args.relationships), "--seed", str(args.seed), "--output", str(files)])
        if code:
            raise SystemExit("opcomap generate failed")
        print(f"generated {args.actors:,} actors / {args.relationships:,} ties in {seconds:.0f} s", flush=True)
        empty(settings)
        before = load_average()
        seconds, lines, code = timed_command(["load", str(files), "--initial"])
        after = load_average()
        for at, line in lines:
            print(f"  {at:6.1f} s  {line}")
        if code:
            raise SystemExit(f"opcomap load --initial failed ({code})")
    rate = args.relationships / seconds
    print(f"load --initial: {seconds:.1f} s, {rate:,.0f} ties/s (load average {before} before, {after} after)",
          flush=True)
    dataset = generate(args.actors, args.relationships, seed=args.seed)
    with Store.from_settings(settings) as store:
        naive = naive_rate(store.driver, settings.neo4j_database, dataset, args.naive_sample, args.seed)
    print(f"naive MERGE, one tie per transaction: {naive:,.0f} ties/s ({args.naive_sample:,} ties)")
    print(f"load average at the end {load_average()}")
    print("| what | whole command | ties/s | vs naive |")
    print("|---|---:|---:|---:|")
    print(f"| `opcomap load DIR --initial`, {args.actors:,} actors / {args.relationships:,} ties "
          f"| {seconds:.1f} s | {rate:,.0f} | {rate / naive:,.0f}× (naive {naive:,.0f}/s) |")


if __name__ == "__main__":
    main()
