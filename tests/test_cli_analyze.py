"""``opcomap analyze`` through Typer's runner, on small CSV files with known answers."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opcomap.cli import app
from opcomap.cli.common import fail_gracefully
from tests.cli_runner import cli  # noqa: F401 (the fixture)

ACTORS = """id,name,kind,region_code
fc,France compétences,PUBLIC_INSTITUTION,
o1,OPCO Un,OPCO,
o2,OPCO Deux,OPCO,
r84,Auvergne-Rhône-Alpes,REGION,84
r11,Île-de-France,REGION,11
cfa-lyon,CFA Lyon,CFA,84
cfa-paris,CFA Paris,CFA,11
metal,Métallurgie,BRANCH,
orphan,Branche orpheline,BRANCH,
"""
RELATIONSHIPS = """source,target,type,since,until,illustrative,amount_eur,source_title
fc,o1,FUNDS,2019-04-01,,false,100,Fiche
fc,o2,FUNDS,2019-04-01,2021-12-31,false,80,Fiche
fc,o2,FUNDS,2022-01-01,,false,90,Fiche
o1,cfa-lyon,FUNDS,2020-01-01,,false,,Fiche
o2,cfa-lyon,FUNDS,2022-06-01,,true,,Fiche
o2,cfa-paris,FUNDS,,,false,,Fiche
metal,o1,ATTACHED_TO,,,false,,Fiche
cfa-lyon,r84,LOCATED_IN,,,false,,Fiche
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(RELATIONSHIPS, encoding="utf-8")
    return tmp_path


runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, ["analyze", *args], catch_exceptions=False)
    return result


def run_as_user(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Through the real entry point, where errors become one sentence and an exit code."""
    monkeypatch.setattr(sys, "argv", ["opcomap", "analyze", *args])
    code = fail_gracefully(app)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_metrics_csv_has_one_row_per_actor_and_the_asked_columns(data):
    result = run("--data", str(data), "--metrics", "degree_in,pagerank,betweenness", "--communities", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.stdout)
    assert [r["id"] for r in rows] == ["fc", "o1", "o2", "r84", "r11", "cfa-lyon", "cfa-paris", "metal", "orphan"]
    assert list(rows[0]) == ["id", "name", "kind", "degree_in", "pagerank", "betweenness", "community"]
    by_id = {r["id"]: r for r in rows}
    assert float(by_id["o2"]["degree_in"]) == 2 and float(by_id["cfa-lyon"]["degree_in"]) == 2
    assert by_id["o1"]["name"] == "OPCO Un" and by_id["o1"]["kind"] == "OPCO"
    assert by_id["o1"]["community"] != "" and by_id["orphan"]["community"] != by_id["o1"]["community"]


def test_metrics_json_says_exact_or_sampled(data):
    result = run("--data", str(data), "-m", "betweenness,closeness", "--format", "json")
    document = json.loads(result.stdout)
    assert document["method"] == {"betweenness": "exact", "closeness": "exact"}
    assert len(document["actors"]) == 9


def test_filters_reach_the_metrics(data):
    result = run("--data", str(data), "-m", "degree_in", "-f", "csv", "--kinds", "OPCO,CFA", "--no-illustrative")
    rows = {r["id"]: r for r in csv_rows(result.stdout)}
    assert set(rows) == {"o1", "o2", "cfa-lyon", "cfa-paris"}
    assert float(rows["cfa-lyon"]["degree_in"]) == 1  # the illustrative o2 → cfa-lyon tie is gone
    as_of = csv_rows(run("--data", str(data), "-m", "degree_in", "-f", "csv", "--as-of", "2020-06-01").stdout)
    assert float({r["id"]: r for r in as_of}["o2"]["degree_in"]) == 1


def test_sorted_table_output(data):
    result = run("--data", str(data), "-m", "pagerank", "--sort", "pagerank", "--top", "2")
    assert result.exit_code == 0
    assert "Métriques par acteur" in result.stdout and "pagerank : exact" in result.stdout
    # the Région receives from the CFA, which receives from both OPCO
    assert result.stdout.index("r84") < result.stdout.index("cfa-lyon") and "o1" not in result.stdout
    assert "2 acteurs sur 9 (--top)" in result.stdout  # a cut table says so


def test_unknown_kind_is_refused_with_a_suggestion(data, monkeypatch, capsys):
    code, text = run_as_user(monkeypatch, capsys, "--data", str(data), "--kinds", "OPCOO")
    assert code == 1 and "OPCOO (vouliez-vous dire OPCO ?)" in text and "Traceback" not in text


def test_unknown_metric_is_refused(data, monkeypatch, capsys):
    code, text = run_as_user(monkeypatch, capsys, "--data", str(data), "-m", "pagernk")
    assert code == 1 and "pagernk" in text


def test_paths_subcommand_lists_the_relationships(data):
    result = run("paths", "metal", "o2", "--data", str(data), "--format", "json")
    paths = json.loads(result.stdout)["paths"]
    assert sorted(tuple(step["to"] for step in p) for p in paths) == [("o1", "cfa-lyon", "o2"), ("o1", "fc", "o2")]


def test_compare_subcommand(data):
    document = json.loads(run("compare", "o1", "o2", "--data", str(data), "-f", "json").stdout)
    assert document["shared"] == ["cfa-lyon", "fc"] and document["jaccard"] == pytest.approx(2 / 4)


def test_gaps_subcommand(data):
    document = json.loads(run("gaps", "--data", str(data), "-f", "json").stdout)
    assert document["regions_without_partner"] == {"o1": ["11"], "o2": []}
    assert document["branches_without_opco"] == ["orphan"]


def test_whatif_subcommand(data, monkeypatch, capsys):
    result = run("whatif", "--remove", "o1", "--data", str(data))
    # 7 tied actors (42 ordered pairs); without o1 the branch is cut off and 5 remain together
    assert result.exit_code == 0 and "metal" in result.stdout and "Composantes : 3 → 4" in result.stdout
    assert "42 → 20" in result.stdout
    by_type = json.loads(run("whatif", "--remove-type", "ATTACHED_TO", "--data", str(data), "-f", "json").stdout)
    assert by_type["disconnected"] == ["metal"]
    code, text = run_as_user(monkeypatch, capsys, "whatif", "--data", str(data))
    assert code == 1 and "--remove" in text


def test_layers_subcommand(data):
    rows = csv_rows(run("layers", "-m", "degree_in", "--data", str(data), "-f", "csv").stdout)
    assert {r["layer"] for r in rows} == {"funding", "governance", "territory"}
    funding = {r["id"]: r for r in rows if r["layer"] == "funding"}
    assert "metal" not in funding and float(funding["cfa-lyon"]["degree_in"]) == 2


def test_diff_subcommand(data, monkeypatch, capsys):
    document = json.loads(run("diff", "--from", "2020-06-01", "--to", "2022-12-31", "--data", str(data), "-f", "json").stdout)
    assert document["added"] == [["o2", "FUNDS", "cfa-lyon"]]
    assert [c["tie"] for c in document["changed"]] == [["fc", "FUNDS", "o2"]]
    code, text = run_as_user(monkeypatch, capsys, "diff", "--from", "hier", "--to", "2022-12-31", "--data", str(data))
    assert code == 1 and "AAAA-MM-JJ" in text


def test_brokers_and_ego_and_structure_subcommands(data):
    brokers = json.loads(run("brokers", "--top", "1", "--data", str(data), "-f", "json").stdout)["rows"]
    assert brokers[0]["id"] == "cfa-lyon"
    ego = json.loads(run("ego", "metal", "--depth", "2", "--data", str(data), "-f", "json").stdout)
    assert ego["actors"] == ["cfa-lyon", "fc", "metal", "o1"]
    shape = json.loads(run("structure", "--data", str(data), "-f", "json").stdout)
    assert len(shape["components"]) == 3 and shape["articulation_points"]


def test_unknown_actor_is_one_clear_sentence(data, monkeypatch, capsys):
    code, text = run_as_user(monkeypatch, capsys, "ego", "nobody", "--data", str(data))
    assert code == 1 and "acteur inconnu : « nobody »" in text and "Traceback" not in text


def test_output_file(data, tmp_path):
    target = tmp_path / "out.csv"
    result = run("--data", str(data), "-m", "degree_out", "-f", "csv", "-o", str(target))
    assert result.exit_code == 0
    assert len(csv_rows(target.read_text(encoding="utf-8"))) == 9


def test_bundled_map_without_data_or_neo4j(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(Path(__file__).parent)  # no .env with a NEO4J_URI here
    result = run("-m", "degree_in", "-f", "csv")
    assert result.exit_code == 0
    assert len(csv_rows(result.stdout)) > 100


def test_help_is_in_french():
    result = runner.invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0 and "Métriques" in result.stdout
    for command in ("paths", "compare", "gaps", "whatif", "layers", "diff", "brokers", "ego", "structure"):
        assert command in result.stdout


def test_options_before_the_subcommand_apply_to_it(data):
    result = run("--data", str(data), "--no-illustrative", "compare", "o1", "o2", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["shared"] == ["fc"]  # the illustrative o2 → cfa-lyon tie is left out


WEAK_RELATIONSHIPS = """source,target,type,source_title,source_confidence
o1,cfa-lyon,FUNDS,Copie sur un site de partage,0.5
o1,cfa-paris,FUNDS,Journal officiel,0.95
o2,cfa-lyon,FUNDS,Copie sur un site de partage,0.5
"""


@pytest.fixture
def weak_data(tmp_path: Path) -> Path:
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(WEAK_RELATIONSHIPS, encoding="utf-8")
    return tmp_path


def test_no_weak_leaves_out_ties_resting_only_on_weak_sources(weak_data):
    result = run("--data", str(weak_data), "-m", "degree_in", "-f", "json", "--no-weak")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    degree = {row["id"]: row["degree_in"] for row in document["actors"]}
    assert degree["cfa-lyon"] == 0 and degree["cfa-paris"] == 1  # both 0.5 ties gone, the JO one kept
    assert "sans liens à source faible" in document["filters"]
    kept = run("--data", str(weak_data), "-m", "degree_in", "-f", "json")
    assert {r["id"]: r["degree_in"] for r in json.loads(kept.stdout)["actors"]}["cfa-lyon"] == 2
    # before the subcommand, as --no-illustrative
    shared = run("--data", str(weak_data), "--no-weak", "compare", "o1", "o2", "-f", "json")
    assert shared.exit_code == 0 and json.loads(shared.stdout)["shared"] == []


def test_every_command_with_no_illustrative_has_no_weak():
    import typer.main

    def commands(command, path=()):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from commands(sub, (*path, name))

    with_illustrative = []
    for path, command in commands(typer.main.get_command(app)):
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        if "--no-illustrative" in options:
            with_illustrative.append(path)
            assert "--no-weak" in options, path
    assert len(with_illustrative) >= 10  # analyze and its nine questions


def test_metrics_degree_is_the_plain_total_degree(data):
    result = run("--data", str(data), "--metrics", "degree,degree_in,degree_out", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)["actors"]}
    assert rows["o2"]["degree"] == 4 and rows["cfa-lyon"]["degree"] == 3 and rows["orphan"]["degree"] == 0
    assert all(row["degree"] == row["degree_in"] + row["degree_out"] for row in rows.values())  # all types directed here


def test_metrics_share_one_igraph_view_of_the_map(data, monkeypatch):
    """The map the CLI reads is frozen, so betweenness, closeness and clustering convert it to igraph once."""
    from opcomap.analysis import engine

    built: list[bool] = []
    convert = engine._from_pairs

    def counted(pairs, nodes, directed):
        built.append(directed)
        return convert(pairs, nodes, directed)

    monkeypatch.setattr(engine, "_from_pairs", counted)
    result = run("--data", str(data), "--metrics", "betweenness,closeness,clustering,pagerank", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(csv_rows(result.stdout)) == 9
    assert sorted(built) == [False, True]  # one undirected view, one directed (PageRank)


@pytest.mark.neo4j
def test_analyze_on_neo4j_gives_the_metrics_of_the_same_files(cli, empty_db, neo4j_settings):
    """The reference map loaded into Neo4j: ``analyze`` reads it without descriptions, notes or
    sources, and finds the PageRank (and funding, degrees) it finds on the files, actor for actor."""
    from graph_model.schema import default_schema
    from loaders import load_dataset
    from loaders.bundled import reference_dir
    from opcomap.store.writer import write_dataset

    write_dataset(empty_db, load_dataset([reference_dir()], default_schema()), default_schema(),
                  dataset_name="reference", database=neo4j_settings.neo4j_database)
    asked = ("analyze", "--metrics", "pagerank,degree_in,degree_funding", "--format", "json", "--no-illustrative")
    code, from_files, err = cli(*asked, "--data", str(reference_dir()))
    assert code == 0, err
    code, from_neo4j, err = cli(*asked, NEO4J_URI=neo4j_settings.uri, NEO4J_USER=neo4j_settings.neo4j_user,
                                NEO4J_PASSWORD=neo4j_settings.neo4j_password.get_secret_value(),
                                NEO4J_DATABASE=neo4j_settings.neo4j_database)
    assert code == 0, err
    files = {row["id"]: row for row in json.loads(from_files)["actors"]}
    neo4j = {row["id"]: row for row in json.loads(from_neo4j)["actors"]}
    assert neo4j.keys() == files.keys() and len(files) > 300
    for actor, row in files.items():
        assert neo4j[actor]["pagerank"] == pytest.approx(row["pagerank"], rel=1e-9, abs=1e-12), actor
        assert (neo4j[actor]["degree_in"], neo4j[actor]["degree_funding"], neo4j[actor]["name"]) == (
            row["degree_in"], row["degree_funding"], row["name"])


def test_a_long_table_lists_every_actor_one_per_line(tmp_path, monkeypatch, capsys):
    """Past LONG_TABLE rows the table is written line by line: every actor on its own line,
    with the same columns and figures as CSV gives (a name is never folded over two lines)."""
    from opcomap.cli.output import LONG_TABLE

    n = LONG_TABLE + 50
    actors = ["id,name,kind"] + [f"cfa-{i},CFA au nom assez long pour être replié {i},CFA" for i in range(n)]
    ties = ["source,target,type,source_title"] + [f"cfa-{i},cfa-{(i + 1) % n},PARTNERS_WITH,Annuaire" for i in range(n)]
    (tmp_path / "actors.csv").write_text("\n".join(actors) + "\n", encoding="utf-8")
    (tmp_path / "relationships.csv").write_text("\n".join(ties) + "\n", encoding="utf-8")
    code, table = run_as_user(monkeypatch, capsys, "--metrics", "degree", "--data", str(tmp_path))
    assert code == 0, table
    lines = [line for line in table.splitlines() if line.startswith("│ cfa-")]
    assert len(lines) == n
    assert all(line.split("│")[2].strip() == f"CFA au nom assez long pour être replié {line.split('│')[1].strip()[4:]}"
               for line in lines)
    assert {line.split("│")[4].strip() for line in lines} == {"2"}  # two partners each, as CSV says
    rows = csv_rows(run("--metrics", "degree", "--data", str(tmp_path), "--format", "csv").stdout)
    assert {float(r["degree"]) for r in rows} == {2.0} and len(rows) == n


def test_paths_cut_by_the_limit_say_how_many_of_how_many(data):
    result = run("paths", "metal", "o2", "--data", str(data), "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "1 sur 2" in result.output and "--limit 2" in result.output
    whole = run("paths", "metal", "o2", "--data", str(data))
    assert " sur " not in whole.output


def test_an_opco_the_date_removes_is_named_with_the_filter_to_drop(monkeypatch, capsys):
    code, said = run_as_user(monkeypatch, capsys, "--opco", "opco-ep", "--as-of", "2015-01-01")
    assert code == 1
    assert "« opco-ep » n'existait pas au 01/01/2015 : retirez la date" in said and "Traceback" not in said


def test_captions_name_the_opco_and_the_focus_while_json_columns_keep_ids(data):
    table = run("--data", str(data), "--opco", "o1", "--metrics", "degree_in")
    assert table.exit_code == 0, table.output
    assert "OPCO : OPCO Un" in table.output and "OPCO : o1" not in table.output
    ego = run("brokers", "--data", str(data), "--opco", "o2", "--format", "csv")
    assert ego.exit_code == 0, ego.output
    assert "OPCO : OPCO Deux" in ego.stderr  # the note beside the CSV, on stderr
    machine = json.loads(run("--data", str(data), "--opco", "o1", "--format", "json").stdout)
    assert machine["filters"] == "OPCO : o1" and "o1" in [row["id"] for row in machine["actors"]]


def test_the_caption_of_metrics_computed_by_gds_names_the_opco_too():
    from opcomap.analysis.metrics import MetricsResult
    from opcomap.analysis.selection import ViewFilters
    from opcomap.cli.analyze_cmd import _caption
    from opcomap.store.gds import GdsAnalysis

    done = GdsAnalysis(version="2.6.0", actors=[("opco-akto", "AKTO", "OPCO"), ("cfa-1", "CFA Un", "CFA")], ties=1,
                       metrics=MetricsResult())
    said = _caption(ViewFilters(opco="opco-akto"), done, "fr")
    assert said.startswith("OPCO : AKTO — 2 acteurs, 1 relation"), said
