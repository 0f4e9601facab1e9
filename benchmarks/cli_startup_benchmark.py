"""How long the CLI takes to start, as a user runs it — not a test.

    .venv/bin/python benchmarks/cli_startup_benchmark.py [--runs 15]

Alternates, in fresh processes and in the same run:

1. the baseline: ``python -c "import typer, rich.console"`` (what any Typer CLI
   with Rich output pays before doing anything);
2. ``opcomap --help``;
3. ``opcomap analyze --help`` (the command whose module reaches the analysis).

Prints the median and the spread of each, the ratio to the baseline, the date
and the machine's load before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    load_before = os.getloadavg()
    for command in COMMANDS.values():  # one untimed run each: the file cache is warm for all
        timed(command)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):  # interleaved, so a burst of load hits every command alike
        for name, command in COMMANDS.items():
            times[name].append(timed(command))
    load_after = os.getloadavg()
    baseline = statistics.median(next(iter(times.values())))
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load {load_before[0]:.2f} -> "
          f"{load_after[0]:.2f}, {runs} runs each")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<40} median {median:.3f} s  (min {min(values):.3f}, max {max(values):.3f})  "
              f"= {median / baseline:.1f}x the baseline")


if __name__ == "__main__":
    main()
