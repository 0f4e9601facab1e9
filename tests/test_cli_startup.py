"""The CLI starts at once: asking for help loads none of the heavy libraries.

igraph, NetworkX, matplotlib, Streamlit and the Neo4j driver are imported where
they are used; ``--help`` (and a mistyped command) never reach them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("igraph", "networkx", "matplotlib", "streamlit", "neo4j", "pandas", "pyvis")

PROBE = """
import json, sys
from opcomap.cli.common import app, fail_gracefully
import opcomap.cli  # registers every command, as the console script does
sys.argv = ["opcomap", *json.loads(sys.argv[1])]
fail_gracefully(app)
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def _heavy_loaded(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), json.dumps(list(args))],
        capture_output=True, text=True, timeout=60,
    )
    last = done.stderr.strip().splitlines()[-1]
    return json.loads(last)


@pytest.mark.parametrize("args", [
    ("--help",), ("analyze", "--help"), ("export", "--help"), ("load", "--help"),
    ("cypher", "--help"), ("neo4j", "status", "--help"), ("serve", "--help"), ("no-such-command",),
])
def test_help_loads_no_heavy_library(args: tuple[str, ...]) -> None:
    assert _heavy_loaded(*args) == []


def test_the_probe_sees_a_heavy_import(tmp_path) -> None:
    # A command that writes a map does load NetworkX: the probe above can fail.
    assert "networkx" in _heavy_loaded("generate", "--actors", "60", "--output", str(tmp_path / "map"))
