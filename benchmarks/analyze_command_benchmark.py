"""``opcomap analyze`` as a user runs it, against the same panel in plain NetworkX — not a test.

    .venv/bin/python benchmarks/analyze_command_benchmark.py [--actors 10000] [--relationships 50000] [--runs 3]

Writes the map once with ``opcomap generate --seed 1`` (kept in ``--folder``),
then alternates, in fresh processes and in the same run:

1. the baseline: a Python process that reads the same CSV files with the
   ``csv`` module, builds a ``networkx.DiGraph`` and computes PageRank,
   betweenness sampled on the same 200 pivots (seed 0) and Louvain communities
   (seed 0) with NetworkX itself (``--baseline FOLDER`` runs it alone);
2. ``opcomap analyze --data FOLDER -m pagerank,betweenness --communities``,
   its CSV written to a file.

Prints the median and spread of each, the ratio (baseline / command; of wall
time, and of CPU time, user + system, the check when the machine is busy), then
where the command's time goes, measured in one more fresh process that calls
the same functions step by step (imports, reading and validating the files
into columns, the view, the metrics, the output). The date and the machine's
load come first. Every process runs the checkout this script lives in.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cli_startup_benchmark import timed  # the same wall and CPU timing of one fresh process

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve()
PIVOTS, SEED = 200, 0  # opcomap's defaults (opcomap.analysis.metrics.PIVOTS, --seed 0)


def baseline(folder: Path) -> None:
    """The panel in plain NetworkX on the files as they are: what a script without opcomap does."""
    import networkx as nx

    graph = nx.DiGraph()
    with open(folder / "actors.csv", newline="", encoding="utf-8") as actors:
        graph.add_nodes_from(row["id"] for row in csv.DictReader(actors))
    with open(folder / "relationships.csv", newline="", encoding="utf-8") as ties:
        graph.add_edges_from((row["source"], row["target"]) for row in csv.DictReader(ties))
    try:
        import scipy  # noqa: F401  nx.pagerank needs it; opcomap does not install it

        ranks = nx.pagerank(graph)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        ranks = _pagerank_python(graph)
    undirected = graph.to_undirected()
    between = nx.betweenness_centrality(undirected, k=PIVOTS, seed=SEED)
    found = nx.community.louvain_communities(undirected, seed=SEED)
    print(len(ranks), len(between), len(found))


def steps(folder: Path) -> None:
    """Where ``opcomap analyze``'s time goes: the command's own calls, timed one by one."""
    started = (time.perf_counter(), time.process_time())
    marks: list[tuple[str, tuple[float, float]]] = []

    def mark(name: str) -> None:  # wall and CPU seconds: CPU is the check when the machine is busy
        marks.append((name, (time.perf_counter(), time.process_time())))

    import opcomap.cli  # noqa: F401  what the console script imports
    from graph_model.schema import load_schema
    from loaders import map_columns
    from loaders.frames import arrow_without_pandas
    from opcomap import analysis
    from opcomap.analysis.filters import select_columns
    from opcomap.analysis.selection import ViewFilters
    from opcomap.cli.output import emit

    mark("imports (CLI, loaders)")
    from opcomap.store.gcpause import no_cyclic_gc

    schema = load_schema(None)
    arrow_without_pandas()  # as the console script does
    with no_cyclic_gc():  # as opcomap.store.graph_source reads files
        columns = map_columns([folder], schema)
    mark("reading and validating the files (pyarrow imported here)")
    columns = select_columns(columns, ViewFilters())
    mark("the view (select_columns)")
    result = analysis.compute_metrics(columns, schema, ["pagerank", "betweenness"], seed=SEED)
    mark("PageRank + betweenness (igraph imported here)")
    found = analysis.communities(columns, seed=SEED)
    mark("Louvain")
    rows = result.rows(columns)
    for row in rows:
        row["community"] = found.membership.get(row["id"])
    with tempfile.TemporaryDirectory() as scratch, contextlib.redirect_stderr(io.StringIO()):
        emit(rows, "csv", Path(scratch) / "out.csv")
    mark("rows and CSV output")
    previous = started
    print(f"    {'step':<58} {'wall':>8} {'CPU':>8}")
    for name, at in marks:
        print(f"    {name:<58} {at[0] - previous[0]:6.2f} s {at[1] - previous[1]:6.2f} s")
        previous = at
    print(f"    {'total (after interpreter start)':<58} {previous[0] - started[0]:6.2f} s "
          f"{previous[1] - started[1]:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--relationships", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "opcomap-analyze-bench")
    parser.add_argument("--baseline", type=Path, help="run the plain NetworkX panel on this folder, alone")
    parser.add_argument("--steps", type=Path, help="time opcomap's steps on this folder, alone")
    args = parser.parse_args()
    if args.baseline:
        return baseline(args.baseline)
    if args.steps:
        return steps(args.steps)
    # Every process started here runs the checkout this script lives in, whatever .venv installed.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(HERE.parent.parent), os.environ.get("PYTHONPATH"))))
    folder = args.folder / f"{args.actors}-{args.relationships}"
    if not (folder / "relationships.csv").exists():
        subprocess.run([str(BIN / "opcomap"), "generate", "--actors", str(args.actors), "--relationships",
                        str(args.relationships), "--seed", "1", "--output", str(folder)], check=True)
    out = Path(tempfile.mkdtemp()) / "metrics.csv"
    commands = {
        "baseline (csv + plain NetworkX)": [sys.executable, str(HERE), "--baseline", str(folder)],
        "opcomap analyze": [str(BIN / "opcomap"), "analyze", "--data", str(folder), "-m", "pagerank,betweenness",
                            "--communities", "--format", "csv", "--output", str(out)],
    }
    load_before = os.getloadavg()
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load average before "
          f"{' '.join(f'{x:.2f}' for x in load_before)}; {args.actors} actors / {args.relationships} ties, "
          f"{args.runs} runs each", flush=True)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved, so a burst of load hits both alike
        for name, command in commands.items():
            times[name].append(timed(command))
    load_after = os.getloadavg()
    walls = {name: statistics.median(wall for wall, _ in values) for name, values in times.items()}
    cpus = {name: statistics.median(cpu for _, cpu in values) for name, values in times.items()}
    for name, values in times.items():
        print(f"  {name:<34} median {walls[name]:6.2f} s  (min {min(w for w, _ in values):.2f}, "
              f"max {max(w for w, _ in values):.2f}); CPU {cpus[name]:6.2f} s")
    (base, ours), (base_cpu, ours_cpu) = walls.values(), cpus.values()
    print(f"  ratio: the baseline takes {base / ours:.1f}x the time of opcomap analyze "
          f"({base_cpu / ours_cpu:.1f}x its CPU time); load average after "
          f"{' '.join(f'{x:.2f}' for x in load_after)}")
    print("  opcomap's steps (one fresh process):", flush=True)
    subprocess.run([sys.executable, str(HERE), "--steps", str(folder)], check=True)


if __name__ == "__main__":
    main()
