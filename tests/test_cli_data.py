"""The data commands as a user runs them: exit codes, messages, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph_model import default_schema
from loaders import canonical, load_dataset
from loaders.bundled import reference_dir

FIXTURES = Path(__file__).parent / "fixtures"
GOOD, BAD = FIXTURES / "good", FIXTURES / "bad"
OPCOMAP = [sys.executable, "-m", "opcomap"]


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``opcomap`` in a subprocess; without ``env`` the bundled map is used (no NEO4J_URI)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    base["COLUMNS"] = "200"  # keep each problem on one line
    return subprocess.run([*OPCOMAP, *map(str, args)], check=False, capture_output=True, text=True, timeout=300,
                          env={**base, **(env or {})}, cwd=Path(__file__).parent.parent)


def neo4j_env(settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
    }


def test_validate_good_files():
    result = run("validate", GOOD)
    assert result.returncode == 0, result.stderr
    assert "Valide : 11 acteurs, 9 relations" in result.stdout


def test_validate_bad_files_lists_every_problem_without_traceback():
    result = run("validate", BAD, BAD / "no_kind")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "11 problèmes" in result.stderr
    assert "bad/actors.csv, ligne 4, colonne « kind » : genre inconnu « OPCOO » (vouliez-vous dire OPCO ?)" in result.stderr
    assert "bad/empty.csv : fichier vide" in result.stderr


def test_generate_is_deterministic_and_valid(tmp_path):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        result = run("generate", "--actors", 500, "--seed", seed, "--output", tmp_path / name)
        assert result.returncode == 0, result.stderr
    files = ("actors.csv", "relationships.csv", "sources.csv")
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert (tmp_path / "a" / "relationships.csv").read_bytes() != (tmp_path / "c" / "relationships.csv").read_bytes()
    dataset = load_dataset([tmp_path / "a"], default_schema())
    assert len(dataset.actors) == 500 and len(dataset.relationships) == 5000
    assert sum(a.kind == "OPCO" for a in dataset.actors) == 11
    assert {r.type for r in dataset.relationships} == set(default_schema().relationship_types)


def test_generate_refuses_a_map_too_small_to_have_the_shape(tmp_path):
    result = run("generate", "--actors", 20, "--output", tmp_path)
    assert result.returncode == 1 and "au moins 300 acteurs" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_export_files_given_with_data(fmt, tmp_path):
    target = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--output", target, "--data", GOOD)
    assert result.returncode == 0, result.stderr
    assert canonical(load_dataset([target], default_schema())) == canonical(load_dataset([GOOD], default_schema()))


def test_export_without_database_writes_the_bundled_map(tmp_path):
    target = tmp_path / "reference.json"
    result = run("export", "--format", "json", "--output", target)
    assert result.returncode == 0, result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    reference = load_dataset([reference_dir()], default_schema())
    assert len(data["nodes"]) == len(reference.actors) > 0
    assert all({"id", "name", "kind"} <= node.keys() for node in data["nodes"])
    assert all({"source", "target", "type", "sources"} <= edge.keys() for edge in data["edges"])


@pytest.mark.neo4j
class TestWithNeo4j:
    @pytest.fixture(autouse=True)
    def wiped(self, empty_db, neo4j_settings):
        self.driver, self.settings = empty_db, neo4j_settings
        self.env = neo4j_env(neo4j_settings)

    def graph_size(self) -> tuple[int, int]:
        records, _, _ = self.driver.execute_query(
            "MATCH (n:Actor) WITH count(n) AS n OPTIONAL MATCH ()-[r]->() RETURN n, count(r) AS r",
            database_=self.settings.neo4j_database)
        return records[0]["n"], records[0]["r"]

    def test_bad_files_write_nothing(self):
        result = run("load", GOOD, BAD, env=self.env)
        assert result.returncode == 1 and "OPCOO" in result.stderr
        assert self.graph_size() == (0, 0)

    def test_dry_run_writes_nothing(self):
        result = run("load", GOOD, "--dry-run", env=self.env)
        assert result.returncode == 0, result.stderr
        assert "rien n'a été écrit" in result.stdout
        assert self.graph_size() == (0, 0)

    def test_load_reports_as_json_with_english_keys(self):
        planned = run("load", GOOD, "--dry-run", "--format", "json", env=self.env)
        assert planned.returncode == 0, planned.stderr
        assert json.loads(planned.stdout)["dry_run"] is True and self.graph_size() == (0, 0)
        done = run("load", GOOD, "--dataset", "fixtures", "--format", "json", env={**self.env, "OPCOMAP_LANG": "en"})
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["dataset"] == "fixtures" and report["dry_run"] is False
        assert report["actors"]["created"] == 11 and report["relationships"]["created"] == 9
        assert set(report["actors"]) == {"created", "updated", "unchanged", "pruned", "shared"}
        assert {(Path(f["file"]).name, f["encoding"], f["delimiter"]) for f in report["files"]} == {
            ("actors.csv", "utf-8", ","), ("relationships.csv", "utf-8-bom", ";"), ("sources.csv", "utf-8", ",")}
        assert report["notices"] == []

    def test_load_twice_then_export_from_neo4j(self, tmp_path):
        first = run("load", GOOD, "--dataset", "fixtures", env=self.env)
        assert result_ok(first) and "Acteurs   │    11 │        0 │         0" in first.stdout
        second = run("load", GOOD, "--dataset", "fixtures", env=self.env)
        assert result_ok(second) and "Acteurs   │     0 │        0 │        11" in second.stdout
        assert "Relations │     0 │        0 │         9" in second.stdout
        assert self.graph_size() == (11, 9)
        exported = tmp_path / "from-neo4j.json"
        assert result_ok(run("export", "--format", "json", "--output", exported, env=self.env))
        assert canonical(load_dataset([exported], default_schema())) == canonical(load_dataset([GOOD], default_schema()))

    def test_prune_from_the_command_line(self, tmp_path):
        assert result_ok(run("load", GOOD, "--dataset", "fixtures", env=self.env))
        smaller = tmp_path / "smaller"
        smaller.mkdir()
        for name in ("actors.csv", "sources.csv", "relationships.csv"):
            (smaller / name).write_bytes((GOOD / name).read_bytes())
        lines = (smaller / "relationships.csv").read_text(encoding="utf-8-sig").splitlines()
        (smaller / "relationships.csv").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
        result = run("load", smaller, "--dataset", "fixtures", "--prune", env=self.env)
        assert result_ok(result)
        assert "Relations │     0 │        0 │         6 │         3" in result.stdout  # 2 YAML ties + 1 line gone
        assert "Acteurs   │     0 │        0 │         8 │         3" in result.stdout
        assert self.graph_size() == (8, 6)

    def test_reference_map_loads_and_exports_from_neo4j(self, tmp_path):
        loaded = run("load", reference_dir(), env=self.env)
        assert result_ok(loaded) and "Jeu de données « reference » chargé" in loaded.stdout
        reference = load_dataset([reference_dir()], default_schema())
        assert self.graph_size() == (len(reference.actors), len(reference.relationships))
        exported = tmp_path / "reference-from-neo4j.json"
        assert result_ok(run("export", "--format", "json", "--output", exported, env=self.env))
        assert canonical(load_dataset([exported], default_schema())) == canonical(reference)

    def test_unreachable_neo4j_is_one_sentence(self):
        result = run("load", GOOD, env={"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"})
        assert result.returncode == 5 and "injoignable" in result.stderr and "Traceback" not in result.stderr  # unreachable


def result_ok(result: subprocess.CompletedProcess[str]) -> bool:
    assert result.returncode == 0, result.stderr
    return True


def test_a_national_load_report_writes_its_counts_the_users_way(monkeypatch):
    import io

    from rich.console import Console

    from opcomap.cli import data_cmd, output
    from opcomap.store.writer import Counts, LoadReport

    screen = io.StringIO()
    console = Console(file=screen, width=100)
    monkeypatch.setattr(data_cmd, "out", console)
    monkeypatch.setattr(output, "out", console)
    report = LoadReport(dataset="national", actors=Counts(created=100_000),
                        relationships=Counts(created=1_000_000), seconds=90.0)
    data_cmd.print_load_report(report)
    shown = screen.getvalue()
    assert "100\u202f000" in shown and "1\u202f000\u202f000" in shown and "1100000" not in shown, shown
    assert "1\u202f100\u202f000 lignes en 90,0 s (12\u202f222 lignes/s)." in shown, shown
