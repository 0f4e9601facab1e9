"""How long the CLI takes to start, as a user runs it — not a test.

    .venv/bin/python benchmarks/cli_startup_benchmark.py [--runs 15]

Alternates, in fresh processes and in the same run:

1. the baseline: ``python -c "import typer, rich.console"`` (what any Typer CLI
   with Rich output pays before doing anything);
2. ``opcomap --help``;
3. ``opcomap analyze --help`` (the command whose module reaches the analysis).

Prints the median and the spread of each, the ratio to the baseline (wall
time, and CPU time: user + system, the check when the machine is busy), the
date and the machine's load before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
COMMANDS = {
    "baseline (import typer, rich.console)": [sys.executable, "-c", "import typer, rich.console"],
    "opcomap --help": [str(BIN / "opcomap"), "--help"],
    "opcomap analyze --help": [str(BIN / "opcomap"), "analyze", "--help"],
}


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run: CPU is the check when the machine is busy."""
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    load_before = os.getloadavg()
    for command in COMMANDS.values():  # one untimed run each: the file cache is warm for all
        timed(command)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for _ in range(runs):  # interleaved, so a burst of load hits every command alike
        for name, command in COMMANDS.items():
            times[name].append(timed(command))
    load_after = os.getloadavg()
    walls = {name: [wall for wall, _ in values] for name, values in times.items()}
    cpus = {name: [cpu for _, cpu in values] for name, values in times.items()}
    baseline = statistics.median(next(iter(walls.values())))
    baseline_cpu = statistics.median(next(iter(cpus.values())))
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load {load_before[0]:.2f} -> "
          f"{load_after[0]:.2f}, {runs} runs each")
    for name, values in walls.items():
        median, cpu = statistics.median(values), statistics.median(cpus[name])
        print(f"  {name:<40} median {median:.3f} s  (min {min(values):.3f}, max {max(values):.3f})  "
              f"= {median / baseline:.1f}x the baseline; CPU {cpu:.3f} s = {cpu / baseline_cpu:.1f}x")

if __name__ == "__main__":
    main()
