"""``opcomap analyze`` on a map held in Neo4j, whole command, as a user runs it — not a test.

    NEO4J_URI=bolt://127.0.0.1:7742 NEO4J_PASSWORD=… \\
        flock /tmp/opcomap-bench.lock .venv/bin/python benchmarks/analyze_neo4j_benchmark.py [--runs 3]

The database must already hold the map (for issue 18: ``opcomap generate --actors 100000
--relationships 1000000 --seed 1 --output DIR`` then ``opcomap load DIR``). Alternates, in
fresh processes and in the same run:

1. the baseline: a Python process that opens the driver and fetches ``a.id, b.id, type(r)``
   for every tie, one record each (the naive way to get a graph out of Neo4j);
2. the command (``--command``, by default ``opcomap analyze --metrics pagerank``), its
   output thrown away as a pipe would take it.

Prints the date, the load average before and after, each run, the medians and their ratio.
``--entry`` runs the command through ``python -c`` on the ``opcomap`` package found on
PYTHONPATH (a worktree) rather than the venv's ``opcomap`` script.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
NAIVE = """
import os, neo4j
auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
with neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver:
    with driver.session(database=os.environ.get("NEO4J_DATABASE", "neo4j")) as session:
        ties = [tuple(r) for r in session.run("MATCH (a)-[r]->(b) RETURN a.id, b.id, type(r)")]
print(len(ties))
"""
ENTRY = "import sys, opcomap.cli as c; sys.argv[0] = 'opcomap'; c.main()"


def timed(command: list[str]) -> tuple[float, str]:
    """Wall seconds of ``command`` and the last line it printed (a check that it did the work)."""
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    return seconds, (lines[-1] if lines else "")[:100]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", default="analyze --metrics pagerank",
                        help="opcomap's arguments (default: %(default)s)")
    parser.add_argument("--entry", action="store_true", help="run opcomap from PYTHONPATH (a worktree)")
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        sys.exit("NEO4J_URI and NEO4J_PASSWORD must name the server holding the map")
    opcomap = [sys.executable, "-c", ENTRY] if args.entry else [str(BIN / "opcomap")]
    commands = {
        "baseline: naive fetch of a.id, b.id, type(r)": [sys.executable, "-c", NAIVE],
        f"opcomap {args.command}": [*opcomap, *shlex.split(args.command)],
    }
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load average before: {load()}", flush=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(1, args.runs + 1):  # interleaved, so a burst of load hits both alike
        for name, command in commands.items():
            seconds, last = timed(command)
            times[name].append(seconds)
            print(f"  run {run}: {name:<48} {seconds:7.1f} s   (load {load()}; last line: {last!r})", flush=True)
    baseline = statistics.median(next(iter(times.values())))
    print(f"load average after: {load()}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<48} median {median:7.1f} s (min {min(values):.1f}, max {max(values):.1f}) "
              f"= {median / baseline:.2f}x the baseline")


if __name__ == "__main__":
    main()
