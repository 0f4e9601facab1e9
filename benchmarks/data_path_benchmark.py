"""The data path as a user runs it — not a test: ``opcomap validate`` and ``opcomap load``.

    .venv/bin/python benchmarks/data_path_benchmark.py [--actors 100000 --relationships 1000000]
    NEO4J_URI=bolt://127.0.0.1:7711 NEO4J_PASSWORD=... .venv/bin/python benchmarks/data_path_benchmark.py --load

Writes the synthetic national map once with ``opcomap generate`` (seed 1), then times
whole commands in fresh processes, each with its peak memory (the child's maximum
resident set, from ``wait4``), against baselines measured in the same run:

1. ``opcomap validate DIR`` against a plain ``csv.DictReader`` pass over the same files;
2. with ``--load`` (a dedicated server: it empties the database): ``opcomap load DIR`` into
   an empty database, the whole command (reading and checking included), against the naive
   MERGE of :mod:`benchmarks.load_benchmark` (one row per transaction, on a sample).

Prints a Markdown table with the date and the load average before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# This checkout's code, whichever virtual environment runs the script (a worktree has none of its own).
OPCOMAP = [sys.executable, "-m", "opcomap"]
CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}

BASELINE = """
import csv, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.csv")):
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            pass
"""

NAIVE = """
import json, random, sys
sys.path.insert(0, {benchmarks!r})
from load_benchmark import naive_rate
from loaders import load_dataset
from graph_model.schema import default_schema
from opcomap.settings import get_settings
from opcomap.store import Store
from pathlib import Path
dataset = load_dataset([Path(sys.argv[1])], default_schema())
with Store.from_settings(get_settings()) as store:
    print(json.dumps(naive_rate(store.driver, store.database, dataset, int(sys.argv[2]), seed=7)))
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak memory (MB, the child's own, from ``wait4``) and standard output of one fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=CHILD_ENV)
    out = child.stdout.read()  # type: ignore[union-attr]
    err = child.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def folder_size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("*.csv")) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/opcomap-bench/national"))
    parser.add_argument("--runs", type=int, default=3, help="validate and its baseline, interleaved; median kept")
    parser.add_argument("--load", action="store_true", help="also time opcomap load (empties the database)")
    parser.add_argument("--naive-sample", type=int, default=1_000)
    args = parser.parse_args()

    folder = args.folder
    if not (folder / "relationships.csv").exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([*OPCOMAP, "generate", "--actors", str(args.actors), "--relationships",
                        str(args.relationships), "--seed", "1", "--output", str(folder)], check=True,
                       stdout=subprocess.DEVNULL, env=CHILD_ENV)
    size = folder_size(folder)
    python = sys.executable
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load average before: {load_average()}")
    print(f"files: {folder} ({size:.0f} MB)\n")
    rows = ["| command | seconds | peak memory | vs baseline |", "|---|---:|---:|---:|"]

    baseline, validate = [], []
    for _ in range(args.runs):
        baseline.append(timed([python, "-c", BASELINE, str(folder)]))
        validate.append(timed([*OPCOMAP, "validate", str(folder)]))
    base_s = statistics.median(s for s, _, _ in baseline)
    base_mb = max(m for _, m, _ in baseline)
    val_s = statistics.median(s for s, _, _ in validate)
    val_mb = max(m for _, m, _ in validate)
    rows.append(f"| `csv.DictReader` pass (baseline, median of {args.runs}) | {base_s:.2f} | {base_mb:.0f} MB | 1× |")
    rows.append(f"| `opcomap validate DIR` (median of {args.runs}: "
                f"{', '.join(f'{s:.1f}' for s, _, _ in validate)}) | **{val_s:.2f}** | **{val_mb:.0f} MB** "
                f"({val_mb / size:.1f}× the files) | **{val_s / base_s:.1f}×** |")

    if args.load:
        from opcomap.settings import get_settings
        from opcomap.store import Store

        with Store.from_settings(get_settings()) as store, store.driver.session(database=store.database) as session:
            # Ties first: a hub's ties deleted with it overflow a transaction's memory pool.
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS").consume()
        seconds, peak, out = timed([*OPCOMAP, "load", str(folder), "--format", "json"])
        report = json.loads(out)
        ties = report["relationships"]["created"] + report["relationships"]["updated"]
        naive_s, _, naive_out = timed([python, "-c", NAIVE.format(benchmarks=str(REPO / "benchmarks")),
                                       str(folder), str(args.naive_sample)])
        naive = float(naive_out.strip())
        rate = ties / seconds
        rows.append(f"| naive MERGE, one row per transaction ({args.naive_sample:,} ties, baseline) | | | "
                    f"{naive:,.0f} ties/s |")
        rows.append(f"| `opcomap load DIR`, empty database, whole command ({ties:,} ties) | **{seconds:.1f}** | "
                    f"{peak:.0f} MB | **{rate:,.0f} ties/s = {rate / naive:.0f}×** |")
    print("\n".join(rows))
    print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    sys.exit(main())
