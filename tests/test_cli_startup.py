"""The CLI starts at once: asking for help loads none of the heavy libraries.

igraph, NetworkX, matplotlib, Streamlit, the Neo4j driver and pydantic-settings
are imported where they are used; ``--help`` (and a mistyped command) never reach them.
The top-level help loads no pydantic either (Typer converts a command's options with
it, so any command that runs, a subcommand's help included, does).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("igraph", "networkx", "matplotlib", "streamlit", "neo4j", "pandas", "pyvis", "pydantic_settings")

PROBE = """
import json, sys
from opcomap.cli.common import app, fail_gracefully
import opcomap.cli  # registers every command, as the console script does
sys.argv = ["opcomap", *json.loads(sys.argv[1])]
fail_gracefully(app)
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def _heavy_loaded(*args: str) -> list[str]:
    return _loaded(HEAVY, *args)


def _loaded(modules: tuple[str, ...], *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=modules), json.dumps(list(args))],
        capture_output=True, text=True, timeout=60,
    )
    last = done.stderr.strip().splitlines()[-1]
    return json.loads(last)


@pytest.mark.parametrize("args", [
    ("--help",), ("analyze", "--help"), ("export", "--help"), ("load", "--help"),
    ("cypher", "--help"), ("neo4j", "status", "--help"), ("serve", "--help"), ("review", "accept", "--help"),
    ("no-such-command",),
])
def test_help_loads_no_heavy_library(args: tuple[str, ...]) -> None:
    assert _heavy_loaded(*args) == []


def test_the_top_level_help_loads_no_pydantic() -> None:
    # the help's language is read without the settings, so nothing here needs pydantic
    assert "pydantic" not in _loaded(("pydantic",), "--help")
    assert "pydantic" in _loaded(("pydantic",), "analyze", "--help")  # the probe can see it


def test_analysing_files_loads_neither_the_driver_nor_pyplot_nor_the_help_renderer(tmp_path) -> None:
    # igraph imports matplotlib.pyplot, and the driver pandas, when they are installed: an
    # analysis of files needs none of them (nor the wcwidth tables igraph's texttable imports),
    # nor Typer's help renderer (Markdown), nor NetworkX
    # (the metrics table reads the files as columns) nor the settings (--data is given)
    from loaders.bundled import reference_dir

    out = tmp_path / "metrics.csv"
    unwanted = ("neo4j", "pandas", "matplotlib", "wcwidth", "markdown_it", "typer.rich_utils", "networkx",
                "pydantic_settings")
    assert _loaded(unwanted, "analyze", "--data", str(reference_dir()), "-m", "pagerank,betweenness",
                   "--communities", "--format", "csv", "--output", str(out)) == []
    assert out.read_text(encoding="utf-8").startswith("id,name,kind,pagerank,betweenness,community")


def test_the_probe_sees_a_heavy_import(tmp_path) -> None:
    # A command that writes a map does load NetworkX: the probe above can fail.
    assert "networkx" in _heavy_loaded("generate", "--actors", "60", "--output", str(tmp_path / "map"))


EVERY_HELP = """
import json, sys
import typer.main
from opcomap.cli.common import app, fail_gracefully
import opcomap.cli

HEAVY = sys.argv[1]


def paths(command, prefix=()):
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from paths(sub, (*prefix, name))

codes = {}
for path in paths(typer.main.get_command(app)):
    sys.argv = ["opcomap", *path, "--help"]
    codes[" ".join(path)] = fail_gracefully(app)
heavy = [m for m in json.loads(HEAVY) if m in sys.modules]
print(json.dumps({"codes": codes, "heavy": heavy}), file=sys.stderr)
"""


def test_every_command_has_a_help_that_loads_no_heavy_library() -> None:
    done = subprocess.run([sys.executable, "-c", EVERY_HELP, json.dumps(HEAVY)],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert {"", "analyze", "analyze ego", "neo4j start", "import"} <= set(report["codes"])
    assert {path: code for path, code in report["codes"].items() if code != 0} == {}
    assert "Utilisation :" in done.stdout and "Traceback" not in done.stdout + done.stderr
    assert report["heavy"] == []


def test_the_help_language_is_read_as_the_settings_read_it(tmp_path, monkeypatch) -> None:
    from opcomap.cli.state import settings_lang
    from opcomap.settings import Settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OPCOMAP_LANG", raising=False)
    assert settings_lang() == Settings().opcomap_lang == "fr"
    (tmp_path / ".env").write_text("opcomap_lang=' EN'\n", encoding="utf-8")
    assert settings_lang() == Settings().opcomap_lang == "en"
    monkeypatch.setenv("Opcomap_Lang", "fr")  # the environment wins over .env, names in any case
    assert settings_lang() == Settings().opcomap_lang == "fr"
    monkeypatch.setenv("Opcomap_Lang", "de")
    assert settings_lang() == "fr"
    with pytest.raises(Exception, match="opcomap_lang"):
        settings_lang(strict=True)
