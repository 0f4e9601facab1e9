"""The CLI answers like the app: names beside codes, typed values checked against the known ones,
``--top`` alone sorts, an output folder is never made up, and the README's examples answer."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from loaders.bundled import reference_dir
from tests.cli_runner import cli, one_sentence  # noqa: F401  (cli: the fixture)
from tests.conftest import wipe

README = Path(__file__).resolve().parent.parent / "README.md"


# -- without a server: the bundled map, read from its files ----------------------------------------
def test_gaps_print_each_regions_name_beside_its_code(cli):
    code, out, _ = cli("analyze", "gaps", "-f", "csv")
    assert code == 0
    assert "53 Bretagne" in out and "11 Île-de-France" in out


@pytest.mark.parametrize("region", ["Bretagne", "bretagne", "53", "Région Bretagne"])
def test_a_region_filter_takes_a_name_or_a_code(cli, region):
    code, out, err = cli("analyze", "gaps", "--region", region, "-f", "json")
    assert code == 0, err
    assert json.loads(out)["regions"] == ["53"]


def test_an_unknown_region_filter_is_an_error_naming_the_known_ones(cli):
    code, out, err = cli("analyze", "gaps", "--region", "Bretagn")
    text = one_sentence(out + err)
    assert code != 0
    assert "Bretagn" in text and "53 Bretagne" in text and "84 Auvergne-Rhône-Alpes" in text


def test_an_unknown_opco_filter_is_an_error_naming_the_known_ones(cli):
    code, out, err = cli("analyze", "--opco", "opco-nope", "-m", "degree")
    text = one_sentence(out + err)
    assert code != 0
    assert "opco-nope" in text and "opco-atlas" in text and "opco-akto" in text


def test_an_unknown_kind_filter_is_an_error_naming_the_known_ones(cli):
    code, out, err = cli("analyze", "gaps", "--kinds", "CFAA")
    text = one_sentence(out + err)
    assert code != 0 and "CFAA" in text and "TRAINING_ORG" in text


def test_top_without_sort_keeps_the_highest_of_the_first_metric(cli):
    code, out, _ = cli("analyze", "-m", "degree,betweenness", "--top", "3", "-f", "json")
    assert code == 0
    actors = json.loads(out)["actors"]
    _, everything, _ = cli("analyze", "-m", "degree", "-f", "json")
    highest = sorted((a["degree"] for a in json.loads(everything)["actors"]), reverse=True)[:3]
    assert [a["degree"] for a in actors] == highest


@pytest.mark.parametrize("fmt, name", [("json", "carte.json"), ("csv", "dossier")])
def test_export_into_a_missing_folder_is_an_error(cli, tmp_path, fmt, name):
    target = tmp_path / "pas-encore" / name
    code, out, err = cli("export", "-f", fmt, "-o", str(target))
    text = one_sentence(out + err)
    assert code == 1, text
    assert "pas-encore" in text and "n'existe pas" in text
    assert not target.parent.exists()


def test_a_table_into_a_missing_folder_is_an_error(cli, tmp_path):
    target = tmp_path / "pas-encore" / "gaps.csv"
    code, out, err = cli("analyze", "gaps", "-f", "csv", "-o", str(target))
    assert code != 0 and "pas-encore" in one_sentence(out + err)


def test_a_named_questions_region_is_checked_before_connecting(cli):
    code, out, err = cli("query", "actors_in_region", "-p", "region=Bretagn")
    text = one_sentence(out + err)
    assert code != 0 and "Bretagn" in text and "53 Bretagne" in text


# -- on the real server, loaded with the reference map ---------------------------------------------
def readme_examples() -> list[list[str]]:
    """The commands the README's section on named questions and the console shows as answering:
    the table's examples and the code block's, not the refused ones (``$ `` prompts)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Named questions and the read-only Cypher console"):text.index("## The reference map")]
    commands = [c for c in re.findall(r"`(opcomap query [^`]+)`", section) if "NAME" not in c]
    commands += [line for line in section.splitlines() if line.startswith(("opcomap cypher ", "opcomap query "))
                 and "--list" not in line]
    return [shlex.split(command)[1:] for command in commands]


@pytest.fixture(scope="module")
def reference_server(neo4j_driver, neo4j_settings):
    from graph_model import default_schema
    from loaders import load_dataset
    from opcomap.store.writer import write_dataset

    database = neo4j_settings.neo4j_database
    wipe(neo4j_driver, database)
    write_dataset(neo4j_driver, load_dataset([reference_dir()], default_schema()), default_schema(),
                  dataset_name="reference", database=database)
    yield {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": database,
    }
    wipe(neo4j_driver, database)


def test_the_readme_shows_cypher_examples():
    examples = readme_examples()
    assert len(examples) >= 16 and any(args[0] == "cypher" for args in examples)


def test_every_readme_example_answers_with_rows_on_the_reference_map(cli, reference_server):
    for args in readme_examples() + [["query", "actors_in_region", "-p", "region=Bretagne"]]:
        args = [a for a in args if a not in ("--format", "csv", "json")] + ["--format", "json"]
        code, out, err = cli(*args, **reference_server)
        assert code == 0, (args, err)
        assert json.loads(out)["rows"], f"no row for: opcomap {' '.join(args)}"


def test_ego_and_paths_tables_name_the_actors(cli):
    code, out, _ = cli("analyze", "ego", "opco-atlas", "-f", "csv")
    assert code == 0
    header, first = out.splitlines()[:2]
    assert "source_name" in header and "target_name" in header and "OPCO Atlas" in out
    code, out, _ = cli("analyze", "paths", "cfdt", "opco-atlas", "-f", "csv")
    assert code == 0 and "from_name" in out.splitlines()[0] and "OPCO Atlas" in out
