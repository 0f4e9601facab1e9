"""``opcomap query`` and ``opcomap cypher`` as a user runs them: output, formats, exit codes.

Most cases run the real CLI entry (``fail_gracefully(app)``) in-process, which
is what ``main()`` does; two run the installed command in a subprocess to
check the process exit code and that no traceback ever reaches the terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opcomap.cli.common import ExitCode
from opcomap.store.named_queries import load_queries
from tests.cli_runner import SETTINGS_ENV, cli, one_sentence  # noqa: F401 (cli: the fixture)
from tests.conftest import wipe

SMALL_GRAPH = """
CREATE (a:Actor:OPCO {id: 'opco-a', name: 'OPCO Alpha', kind: 'OPCO'})
CREATE (b:Actor:CFA {id: 'cfa-b', name: 'CFA [Bêta]', kind: 'CFA', region_code: '53'})
CREATE (u:Actor:EMPLOYEE_UNION {id: 'union-c', name: 'Syndicat C', kind: 'EMPLOYEE_UNION'})
CREATE (a)-[:FUNDS {key: 'opco-a|FUNDS|cfa-b|', amount_eur: 1234.5, year: 2024}]->(b)
CREATE (u)-[:CO_MANAGES {key: 'union-c|CO_MANAGES|opco-a|', college: 'salariés'}]->(a)
"""


# -- without a server ---------------------------------------------------------------


def test_list_shows_one_line_per_query(cli):
    code, out, _ = cli("query", "--list")
    assert code == 0
    lines = out.strip().splitlines()
    library = load_queries()
    assert len(lines) == len(library)
    assert "partners — Partenaires d'un acteur, par type de relation" in lines
    assert [line.split(" — ")[0] for line in lines] == list(library)


def test_list_in_english(cli):
    _, out, _ = cli("query", "--list", "--lang", "en")
    assert "shortest_paths — Shortest paths between two actors" in out.splitlines()


def test_describe_shows_parameters_and_an_example(cli):
    code, out, _ = cli("query", "partners", "--describe")
    text = one_sentence(out)
    assert code == 0
    assert "--param actor_id: str (obligatoire)" in text
    assert "--param as_of: date = null (facultatif)" in text
    assert "opcomap query partners --param actor_id=" in text


def test_without_neo4j_uri_says_how_to_connect(cli):
    code, out, err = cli("cypher", "MATCH (n) RETURN n")
    message = one_sentence(err)
    assert code == ExitCode.UNREACHABLE and out == ""
    assert "opcomap neo4j start" in message and "NEO4J_URI" in message and "NEO4J_PASSWORD" in message
    code, _, err = cli("query", "partners", "--param", "actor_id=afdas")
    assert code == ExitCode.UNREACHABLE and "opcomap neo4j start" in one_sentence(err)


def test_missing_parameter_is_named(cli):
    code, _, err = cli("query", "shortest_paths", "--param", "from_id=cfdt")
    assert code == ExitCode.REFUSED
    assert "paramètre manquant : to_id (str)" in one_sentence(err)


def test_bad_parameter_value_and_unknown_query(cli):
    code, _, err = cli("query", "changes_between", "-p", "start=hier", "-p", "end=2024-01-01")
    assert code == ExitCode.REFUSED and "« start » attend une date AAAA-MM-JJ" in one_sentence(err)
    code, _, err = cli("query", "partner")
    assert code == ExitCode.INVALID and "Vouliez-vous dire : partners" in one_sentence(err)


def test_unreachable_server_is_one_sentence(cli):
    code, out, err = cli("cypher", "RETURN 1", NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD="x")
    assert code == ExitCode.UNREACHABLE and out == ""
    assert "Neo4j est injoignable" in one_sentence(err)
    assert "Traceback" not in err


# -- against a real Neo4j --------------------------------------------------------------


@pytest.fixture
def server(neo4j_driver, neo4j_settings):
    """Connection variables of the test server, on a database holding SMALL_GRAPH."""
    database = neo4j_settings.neo4j_database
    wipe(neo4j_driver, database)
    neo4j_driver.execute_query(SMALL_GRAPH, database_=database)
    yield {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": database,
    }
    with neo4j_driver.session(database=database) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()


def graph_size(driver, database) -> tuple[int, int]:
    record = driver.execute_query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r", database_=database
    ).records[0]
    return record["n"], record["r"]


@pytest.mark.neo4j
def test_named_query_as_json_csv_and_table(cli, server):
    code, out, _ = cli("query", "partners", "--param", "actor_id=opco-a", "--format", "json", **server)
    assert code == 0
    payload = json.loads(out)
    assert payload["columns"] == ["type", "direction", "count", "partner_ids", "partner_names"]
    assert {(r["type"], r["direction"], tuple(r["partner_ids"])) for r in payload["rows"]} == {
        ("CO_MANAGES", "in", ("union-c",)), ("FUNDS", "out", ("cfa-b",)),
    }
    assert payload["truncated"] is False

    code, out, _ = cli("query", "funding_flows", "-p", "actor_id=opco-a", "-f", "csv", **server)
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert table == [{"direction": "out", "year": "2024", "counterpart_id": "cfa-b", "counterpart": "CFA [Bêta]",
                      "amount_eur": "1234.5", "schemes": "[]", "ties": "1"}]

    code, out, _ = cli("query", "funding_flows", "-p", "actor_id=opco-a", **server)
    assert code == 0
    assert "CFA [Bêta]" in out  # names are shown as typed, not read as markup
    assert "1\u202f234,5" in out  # French number format in the table
    assert "1 ligne," in out


@pytest.mark.neo4j
def test_query_and_console_for_excel(cli, server, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "flux.csv"
    code, _, err = cli("query", "funding_flows", "-p", "actor_id=opco-a", "--excel", "-o", str(target), **server)
    assert code == 0, err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0]["amount_eur"] == "1234,5" and rows[0]["counterpart"] == "CFA [Bêta]"
    text = "RETURN '=HYPERLINK(\"http://x\")' AS name, -3.5 AS n, '@SUM(1)' AS other"
    code, _, err = cli("cypher", text, "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"), **server)
    assert code == 0, err
    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("name", "n", "other"), ("'=HYPERLINK(\"http://x\")", -3.5, "'@SUM(1)")]
    code, out, _ = cli("cypher", text, "--format", "csv", **server)  # the round-trip CSV keeps the text as typed
    assert code == 0 and list(csv.reader(io.StringIO(out)))[1] == ['=HYPERLINK("http://x")', "-3.5", "@SUM(1)"]


@pytest.mark.neo4j
def test_console_reads_with_parameters(cli, server):
    code, out, _ = cli("cypher", "MATCH (a:Actor {id: $id})-[r]->(b) RETURN a.name AS name, type(r) AS t, b",
                       "--param", "id=opco-a", "--format", "json", **server)
    assert code == 0
    rows = json.loads(out)["rows"]
    assert rows[0]["name"] == "OPCO Alpha" and rows[0]["t"] == "FUNDS" and rows[0]["b"]["id"] == "cfa-b"


@pytest.mark.neo4j
@pytest.mark.parametrize("text", [
    "CREATE (n:Actor {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) SET n.name = 'x'",
    "MERGE (n:Actor {id: 'x'})",
    "MATCH (n) REMOVE n.name",
    "LOAD CSV FROM 'file:///etc/hosts' AS l RETURN l",
    "CREATE INDEX x FOR (n:Actor) ON (n.name)",
    "SHOW USERS",
    "MATCH (n) RETURN n; MATCH (n) DETACH DELETE n",
])
def test_console_refuses_writes_with_one_sentence(text, cli, server, neo4j_driver, neo4j_settings):
    before = graph_size(neo4j_driver, neo4j_settings.neo4j_database)
    code, out, err = cli("cypher", text, **server)
    assert code == ExitCode.REFUSED and out == ""
    assert one_sentence(err).startswith("Erreur : Requête refusée")
    assert graph_size(neo4j_driver, neo4j_settings.neo4j_database) == before


@pytest.mark.neo4j
def test_syntax_error_is_one_sentence(cli, server):
    code, _, err = cli("cypher", "MATCH (n RETURN n", **server)
    assert code == ExitCode.REFUSED
    assert one_sentence(err).startswith("Erreur : Syntaxe Cypher invalide : Invalid input 'RETURN'")


@pytest.mark.neo4j
def test_row_cap_and_timeout_come_from_settings_and_are_reported(cli, server):
    code, out, err = cli("cypher", "UNWIND range(1, 50) AS i RETURN i", "-f", "csv", OPCOMAP_ROW_CAP="3", **server)
    assert code == 0
    assert out.splitlines() == ["i", "1", "2", "3"]
    assert "les 3 premières lignes sur au moins 4" in one_sentence(err) and "--limit" in err
    code, out, err = cli("cypher", "UNWIND range(1, 50) AS i RETURN i", "-f", "csv", "--limit", "50",
                         OPCOMAP_ROW_CAP="3", **server)
    assert code == 0 and len(out.splitlines()) == 51 and not err.strip()
    ten = list(range(10))  # 10^10 rows, without range() (whose size the guard bounds)
    endless = " ".join(f"UNWIND {ten} AS x{i}" for i in range(10)) + " RETURN count(*)"
    code, _, err = cli("cypher", endless, OPCOMAP_QUERY_TIMEOUT="1", **server)
    assert code == ExitCode.REFUSED
    assert "La requête a dépassé 1 s et a été arrêtée" in one_sentence(err)


def _installed_command() -> list[str]:
    script = Path(sys.executable).with_name("opcomap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "opcomap"]


@pytest.mark.neo4j
def test_installed_command_exit_codes(server, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_ENV} | server
    refused = subprocess.run([*_installed_command(), "cypher", "MATCH (n) DETACH DELETE n"],
                             check=False, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert refused.returncode == 4  # ExitCode.REFUSED, as the shell sees it
    assert "Requête refusée" in refused.stderr and "Traceback" not in refused.stderr
    listed = subprocess.run([*_installed_command(), "query", "--list"],
                            check=False, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert listed.returncode == 0 and "search_actors — " in listed.stdout
