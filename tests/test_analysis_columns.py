"""A map read as columns gives the metrics table the NetworkX graph of the same files gives.

``opcomap analyze`` on files reads them into a :class:`graph_model.columns.MapColumns`
(no models for clean ties, no NetworkX graph). Here the same files go both ways, through
every view filter, and every metric, the communities, the rows, the command's CSV and the
problems of bad files must come out the same, to the last bit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import loaders.frames
from graph_model.columns import MapColumns, fits
from graph_model.errors import NotFound, ValidationFailed
from graph_model.graph import to_networkx
from graph_model.schema import default_schema, load_schema
from loaders import load_dataset, map_columns
from loaders.bundled import reference_dir
from opcomap.analysis import METRICS, apply_filters, communities, compute_metrics
from opcomap.analysis.filters import select_columns
from opcomap.analysis.selection import ViewFilters
from opcomap.cli import app
from opcomap.cli.output import csv_cell
from tests.cli_runner import cli  # noqa: F401 (the fixture)

runner = CliRunner()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "map"
    result = runner.invoke(app, ["generate", "--actors", "300", "--relationships", "1500", "--seed", "3",
                                 "--output", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(params=["reference", "generated", "generated, read as Arrow frames"])
def folder(request: pytest.FixtureRequest, generated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if request.param == "reference":
        return reference_dir()
    if "frames" in request.param:  # the bulk path of large files, on a small map
        monkeypatch.setattr(loaders.frames, "MIN_BYTES", 0)
    return generated


def _graph(folder: Path, filters: ViewFilters) -> nx.MultiDiGraph:
    schema = default_schema()
    return nx.freeze(apply_filters(nx.freeze(to_networkx(load_dataset([folder], schema))), filters, schema))


def _columns(folder: Path, filters: ViewFilters) -> MapColumns:
    return select_columns(map_columns([folder], default_schema()), filters)


def _some(folder: Path, kind: str) -> str:
    return next(a.id for a in load_dataset([folder], default_schema()).actors if a.kind == kind)


FILTERS = {
    "whole map": {},
    "kinds": {"kinds": ("OPCO", "CFA", "BRANCH", "COMPANY")},
    "types": {"types": ("FUNDS", "PARTNERS_WITH", "ATTACHED_TO")},
    "region": {"region": "84"},
    "as of": {"as_of": dt.date(2021, 6, 1)},
    "no illustrative": {"include_illustrative": False},
    "no weak": {"include_weak": False},
    "dataset": {"dataset": "reference"},
    "all at once": {"types": ("FUNDS", "PARTNERS_WITH", "LOCATED_IN", "ATTACHED_TO"), "region": "84",
                    "as_of": dt.date(2024, 6, 1), "include_illustrative": False, "include_weak": False},
}


@pytest.mark.parametrize("name", list(FILTERS) + ["opco", "focus"])
def test_columns_select_what_the_graph_filters_select(folder: Path, name: str) -> None:
    given = dict(FILTERS.get(name, {}))
    if name == "opco":
        given["opco"] = _some(folder, "OPCO")
    if name == "focus":
        given.update(focus=_some(folder, "CFA"), depth=2)
    filters = ViewFilters(**given)
    graph, columns = _graph(folder, filters), _columns(folder, filters)
    assert columns.ids == list(graph.nodes) and graph.number_of_nodes() > 1
    assert columns.number_of_edges() == graph.number_of_edges()
    schema = default_schema()
    for exact_limit, k in ((2500, 200), (40, 25)):  # exact, then sampled from pivots
        from_graph = compute_metrics(graph, schema, METRICS, exact_limit=exact_limit, k=k, seed=3)
        from_columns = compute_metrics(columns, schema, METRICS, exact_limit=exact_limit, k=k, seed=3)
        assert from_columns.method == from_graph.method
        for metric in METRICS:
            assert from_columns.values[metric] == from_graph.values[metric], metric
        assert from_columns.rows(columns) == from_graph.rows(graph)
    found, expected = communities(columns, resolution=0.8, seed=5), communities(graph, resolution=0.8, seed=5)
    assert (found.membership, found.groups, found.modularity) == (expected.membership, expected.groups,
                                                                 expected.modularity)


def test_a_missing_opco_is_not_found_either_way(generated: Path) -> None:
    filters = ViewFilters(opco="no-such-opco")
    with pytest.raises(NotFound):
        _graph(generated, filters)
    with pytest.raises(NotFound):
        _columns(generated, filters)


def test_the_funding_sums_follow_the_graph_order_of_ties(tmp_path: Path) -> None:
    # Amounts whose sum depends on the order they are added in: the columns add them in the
    # graph's order (by source, then target first tied), not in the file's.
    (tmp_path / "actors.csv").write_text("id,name,kind\nfc,FC,PUBLIC_INSTITUTION\no1,O1,OPCO\no2,O2,OPCO\n",
                                         encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(
        "source,target,type,since,amount_eur,source_title\n"
        "fc,o2,FUNDS,2020-01-01,1e16,B\nfc,o1,FUNDS,2020-01-01,1,B\nfc,o2,FUNDS,2021-01-01,-1e16,B\n"
        "fc,o1,FUNDS,2021-01-01,1,B\n", encoding="utf-8")
    graph, columns = _graph(tmp_path, ViewFilters()), _columns(tmp_path, ViewFilters())
    expected = compute_metrics(graph, default_schema(), ["degree_funding"]).values["degree_funding"]
    assert compute_metrics(columns, default_schema(), ["degree_funding"]).values["degree_funding"] == expected
    assert expected["fc"] == 2.0  # 1e16 - 1e16 first, then 1 + 1: the file's order would give 0.0


def test_weighted_communities_need_the_graph(generated: Path) -> None:
    with pytest.raises(TypeError, match="weighted"):
        communities(_columns(generated, ViewFilters()), weighted=True)


def test_a_schema_whose_tie_property_shadows_a_tie_field_is_read_as_a_graph(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parent.parent / "graph_model" / "default_schema.yaml").read_text(encoding="utf-8")
    shadowing = text.replace("      year: {label:", "      note: {label: {fr: Note, en: Note}, type: str}\n      year: {label:", 1)
    assert shadowing != text
    (tmp_path / "schema.yaml").write_text(shadowing, encoding="utf-8")
    assert fits(default_schema()) and not fits(load_schema(tmp_path / "schema.yaml"))


# -- the command ------------------------------------------------------------------------
CLI_FILTERS = [
    [], ["--kinds", "OPCO,CFA,BRANCH,COMPANY"], ["--types", "FUNDS,PARTNERS_WITH"], ["--region", "84"],
    ["--as-of", "2021-06-01"], ["--no-illustrative"], ["--no-weak"],
    ["--region", "84", "--as-of", "2024-06-01", "--no-illustrative", "--no-weak", "--types", "FUNDS,LOCATED_IN"],
]


@pytest.mark.parametrize("options", CLI_FILTERS, ids=lambda o: " ".join(o) or "whole map")
def test_the_command_writes_the_csv_of_the_graph_functions(folder: Path, options: list[str]) -> None:
    result = runner.invoke(app, ["analyze", "--data", str(folder), *options, "-m", "pagerank,betweenness,degree_funding",
                                 "--communities", "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    flags = {"--kinds": ("kinds", lambda v: tuple(v.split(","))), "--types": ("types", lambda v: tuple(v.split(","))),
             "--region": ("region", str), "--as-of": ("as_of", dt.date.fromisoformat)}
    given: dict = {"include_illustrative": "--no-illustrative" not in options, "include_weak": "--no-weak" not in options}
    for flag, value in zip(options, options[1:]):
        if flag in flags:
            given[flags[flag][0]] = flags[flag][1](value)
    graph = _graph(folder, ViewFilters(**given))
    metrics = compute_metrics(graph, default_schema(), ["pagerank", "betweenness", "degree_funding"], seed=0)
    found = communities(graph, seed=0)
    rows = metrics.rows(graph)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow([*rows[0], "community"])
    writer.writerows([*(csv_cell(v) for v in row.values()), csv_cell(found.membership.get(row["id"]))] for row in rows)
    assert result.stdout == expected.getvalue()


def test_the_command_says_the_caption_of_the_graph(folder: Path) -> None:
    result = runner.invoke(app, ["analyze", "--data", str(folder), "--region", "84", "-m", "degree", "--format", "csv"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    graph = _graph(folder, ViewFilters(region="84"))
    assert [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))] == list(graph.nodes)
    assert f"{graph.number_of_nodes()} acteurs, {graph.number_of_edges()} relations" in result.stderr


# -- bad files ----------------------------------------------------------------------------
def _spoilt(generated: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "spoilt"
    folder.mkdir()
    for name in ("actors.csv", "sources.csv"):
        (folder / name).write_text((generated / name).read_text(encoding="utf-8"), encoding="utf-8")
    lines = (generated / "relationships.csv").read_text(encoding="utf-8").splitlines()
    width = lines[0].count(",")
    first = lines[1].split(",")
    bad = [
        lines[1],  # the same tie twice
        ",".join(["no-such-actor", *first[1:]]),
        ",".join([*first[:3], "2023-02-30", *first[4:]]),
        ",".join([first[0], first[0], *first[2:]]),  # a self-tie
        ",".join([*first[:2], "NO_SUCH_TYPE", *first[3:]]),
        ",".join([*first[:5], "peut-être", *first[6:]]),
    ]
    assert all(line.count(",") == width for line in bad)
    (folder / "relationships.csv").write_text("\n".join(lines[:40] + bad + lines[40:]) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("framed", [False, True])
def test_bad_files_give_the_same_problems_either_way(generated: Path, tmp_path: Path, monkeypatch, cli,  # noqa: F811
                                                    framed: bool) -> None:
    if framed:
        monkeypatch.setattr(loaders.frames, "MIN_BYTES", 0)
    folder = _spoilt(generated, tmp_path)
    with pytest.raises(ValidationFailed) as from_models:
        load_dataset([folder], default_schema())
    with pytest.raises(ValidationFailed) as from_columns:
        map_columns([folder], default_schema())
    assert from_columns.value.problems == from_models.value.problems
    assert len(from_models.value.problems) >= 6
    code, _, err = cli("analyze", "--data", str(folder), "-m", "pagerank", "--format", "csv")
    assert code == 1
    said = " ".join(err.split())
    for problem in from_models.value.problems:
        assert " ".join(problem.describe("fr").split()) in said


# -- what the console script loads ---------------------------------------------------------
PROBE = """
import json, sys
from opcomap.cli.common import app, fail_gracefully
import opcomap.cli
sys.argv = ["opcomap", *json.loads(sys.argv[1])]
code = fail_gracefully(app, one_shot=True)
print(json.dumps([code, sorted(m for m in ("networkx", "pandas", "pydantic_settings") if m in sys.modules)]),
      file=sys.stderr)
"""


def test_the_console_script_analyses_large_files_without_networkx_pandas_or_settings(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    result = runner.invoke(app, ["generate", "--actors", "800", "--relationships", "4000", "--seed", "2",
                                 "--output", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (folder / "relationships.csv").stat().st_size >= loaders.frames.MIN_BYTES  # read as Arrow frames
    out = tmp_path / "metrics.csv"
    args = ["analyze", "--data", str(folder), "-m", "pagerank,betweenness", "--communities", "--format", "csv",
            "--output", str(out)]
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, timeout=120)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == [0, []], done.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 801
