"""``opcomap load DIR --initial`` as a user runs it, on a Neo4j server of its own.

--initial stops and restarts the local server, so these tests start their own (a
temporary home, a free port) rather than disturb the session's shared one. The
graph --initial makes is compared, node by node and tie by tie (labels, every
property and its type), with the one a normal load makes from the same files:
the reference map plus a folder of traps for the import format (quotes, commas,
semicolons, pipes, backslashes, line breaks, the list separator inside values, a
tie whose only source is written inline, an anchor).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from graph_model.errors import LoadRefused
from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model import default_schema
from loaders import load_dataset
from loaders.bundled import reference_dir
from opcomap.settings import Settings
from opcomap.store import Store
from opcomap.store import local_server
from opcomap.store.initial import write_import_files
from opcomap.store.writer import write_dataset
from tests.cli_runner import cli, one_sentence  # noqa: F401 (cli: the fixture)

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "initial-test-password"
SCHEMA = default_schema()
ANY_STRING = 'guillemets "doubles", virgule; point-virgule | barre \\ antislash \\" fin'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def traps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_traps(tmp_path_factory.mktemp("traps"))


def write_traps(folder: Path) -> Path:
    """A small valid folder whose text is what breaks CSV import formats."""
    _write(folder / "sources.csv", ["source_id", "title", "url", "publisher", "consulted", "confidence"], [
        ["piege-source", f"Titre {ANY_STRING}", "https://example.org/a,b?c=\"d\"", "Éditeur, « Lyon »",
         "2025-01-31", "0.95"],
    ])
    _write(folder / "actors.csv",
           ["id", "name", "kind", "short_name", "aliases", "sectors", "tags", "description", "since", "region_code"], [
        ["piege-opco", f"OPCO {ANY_STRING}", "OPCO", "  espaces  ",
         # \x1f (the first list separator tried) and ; inside elements
         "Alias\x1fun | Alias;deux | Alias \"trois\"", "é|ü", "🙂",
         "ligne 1\nligne 2\r\nligne 3 \"citée\", fin", "2019-04-01", ""],
        ["piege-cfa", "CFA pièges", "CFA", "", "", "", "", "", "", "84"],
        ["piege-union", "Syndicat\tà tabulation", "EMPLOYEE_UNION", "", "", "", "", "", "", ""],
        ["piege-branche", "Branche", "BRANCH", "", "", "", "", "", "", ""],
    ])
    _write(folder / "anchors.csv", ["id", "name", "kind"], [["piege-ancre", "Une ancre", "EMPLOYER_ORG"]])
    _write(folder / "relationships.csv",
           ["source", "target", "type", "since", "illustrative", "sources", "note", "amount_eur", "year",
            "college", "seats", "source_title", "share"], [
        ["piege-opco", "piege-cfa", "FUNDS", "2024-01-01", "non", "piege-source",
         f"note sur\ndeux lignes {ANY_STRING}", "1234567.5", "2024", "", "", "", ""],
        ["piege-opco", "piege-cfa", "FUNDS", "2025-01-01", "oui", "",
         "", "0.1", "2025", "", "", f"Source en ligne {ANY_STRING}", ""],
        ["piege-union", "piege-opco", "CO_MANAGES", "", "non", "piege-source", "", "", "", "salariés", "7", "", ""],
        ["piege-ancre", "piege-opco", "CO_MANAGES", "", "non", "piege-source", "", "", "", "employeurs", "", "", ""],
        ["piege-branche", "piege-opco", "ATTACHED_TO", "", "non", "piege-source", "", "", "", "", "", "", "0.3333333333333333"],
    ])
    return folder


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory):
    """A local server of these tests' own, and the environment that reaches it."""
    settings = Settings(
        neo4j_uri=f"bolt://127.0.0.1:{_free_port()}", neo4j_password=SecretStr(PASSWORD),
        opcomap_data_dir=tmp_path_factory.mktemp("initial-home"),
        opcomap_neo4j_heap="512m", opcomap_neo4j_pagecache="128m",
    )
    try:
        local_server.start(settings, echo=lambda *_: None)
    except Exception as exc:  # noqa: BLE001 - no Java or Maven here: conftest's CI rule makes it a failure
        pytest.skip(f"Neo4j indisponible pour les tests : {exc}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "OPCOMAP_"))}
    env.update({
        "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": PASSWORD, "OPCOMAP_DATA_DIR": str(settings.opcomap_data_dir),
        "OPCOMAP_NEO4J_HEAP": "512m", "OPCOMAP_NEO4J_PAGECACHE": "128m", "COLUMNS": "200",
        "OPCOMAP_CACHE_DIR": str(settings.opcomap_cache_dir),
    })
    try:
        yield settings, env
    finally:
        local_server.stop(settings)


def opcomap(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "opcomap", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=600, check=False)


def _typed(value: Any) -> Any:
    """A property value with its type, so that 1 and 1.0, or "2024" and 2024, differ."""
    if isinstance(value, list):
        return ("list", tuple(_typed(v) for v in value))
    return (type(value).__name__, value)


def snapshot(settings: Settings, *, with_loaded_at: bool = True) -> dict[str, Any]:
    """Every node (labels, properties) by id, every relationship (type, ends, properties) by key,
    and the names of the constraints and indexes. ``loaded_at`` differs from load to load:
    without ``with_loaded_at`` only its type and time zone are kept."""
    def props(values: dict[str, Any]) -> dict[str, Any]:
        out = {k: _typed(v) for k, v in values.items()}
        if not with_loaded_at:
            at = values.get("loaded_at")
            out["loaded_at"] = (type(at).__name__, at.utcoffset() if at is not None else None)
        return out

    with Store.from_settings(settings) as store:
        nodes = store.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
        ties = store.read("MATCH (s)-[r]->(t) RETURN s.id AS s, t.id AS t, type(r) AS type, properties(r) AS props")
        schema = store.read("SHOW CONSTRAINTS YIELD name RETURN name") + store.read("SHOW INDEXES YIELD name RETURN name")
    return {
        "nodes": {(tuple(sorted(n["labels"])), n["props"]["id"]): props(n["props"]) for n in nodes},
        "ties": {(t["type"], t["s"], t["t"], t["props"]["key"]): props(t["props"]) for t in ties},
        "schema": sorted(row["name"] for row in schema),
        "counts": (len(nodes), len(ties)),
    }


def wipe(settings: Settings) -> None:
    with Store.from_settings(settings) as store:
        store.write("MATCH (n) DETACH DELETE n")


def test_initial_refuses_a_server_it_does_not_manage(cli, tmp_path):
    for uri in ("neo4j+s://example.org:7687", f"bolt://127.0.0.1:{_free_port()}"):
        code, _, err = cli("load", str(REPO / "tests" / "fixtures" / "good"), "--initial", NEO4J_URI=uri,
                           NEO4J_PASSWORD=PASSWORD, OPCOMAP_DATA_DIR=str(tmp_path), OPCOMAP_LANG="en")
        assert code == 1, err
        assert "--initial fills the database of the local Neo4j" in one_sentence(err)
        assert uri in err and "Traceback" not in err
    assert not any(tmp_path.iterdir())  # no server home made, nothing started


def test_initial_with_dry_run_is_refused_before_reading_anything(cli, tmp_path):
    code, _, err = cli("load", str(tmp_path / "absent"), "--initial", "--dry-run", OPCOMAP_LANG="en")
    assert code == 1
    assert "--initial and --dry-run do not go together" in one_sentence(err)


@pytest.mark.neo4j
def test_initial_makes_the_graph_a_normal_load_makes(own_server, traps):
    settings, env = own_server
    paths = (reference_dir(), traps)
    wipe(settings)
    with Store.from_settings(settings) as store:  # what `opcomap load … --dataset both` does
        write_dataset(store, load_dataset(paths, SCHEMA), SCHEMA, dataset_name="both")
    expected = snapshot(settings, with_loaded_at=False)
    wipe(settings)
    initial = opcomap(env, "load", *paths, "--dataset", "both", "--initial", "--format", "json")
    assert initial.returncode == 0, initial.stderr
    got = snapshot(settings, with_loaded_at=False)
    assert got["counts"] == expected["counts"]
    assert got["schema"] == expected["schema"]
    for part in ("nodes", "ties"):
        assert got[part].keys() == expected[part].keys()
        differing = [key for key in expected[part] if got[part][key] != expected[part][key]]
        assert not differing, (differing[:3], [(got[part][k], expected[part][k]) for k in differing[:1]])
    trap = got["nodes"][(("Actor", "OPCO"), "piege-opco")]
    assert trap["aliases"] == ("list", (("str", "Alias\x1fun"), ("str", "Alias;deux"), ("str", 'Alias "trois"')))
    assert trap["description"] == ("str", 'ligne 1\nligne 2\r\nligne 3 "citée", fin')
    assert got["ties"][("CO_MANAGES", "piege-union", "piege-opco", "piege-union|CO_MANAGES|piege-opco|")][
        "source_ids"] == ("list", (("str", "piege-source"),))  # the curated id, not a hash


@pytest.mark.neo4j
def test_initial_refuses_a_database_that_is_not_empty(own_server, traps, cli):
    settings, env = own_server
    if snapshot(settings)["counts"] == (0, 0):  # run alone: filled as `opcomap load` would
        with Store.from_settings(settings) as store:
            write_dataset(store, load_dataset([traps], SCHEMA), SCHEMA, dataset_name="traps")
    before, pid = snapshot(settings), local_server.status(settings).pid
    settings_env = {k: v for k, v in env.items() if k.startswith(("NEO4J", "OPCOMAP"))}
    code, _, err = cli("load", str(traps), "--initial", **settings_env)
    assert code == 1
    assert "--initial ne remplit qu'une base vide" in one_sentence(err) and "Traceback" not in err
    assert local_server.status(settings).pid == pid  # never stopped
    assert snapshot(settings) == before  # loaded_at included: nothing rewritten


def test_import_files_split_a_column_holding_two_types(tmp_path):
    """Two ties of one type whose property has two types: two files, each with its own header."""
    dataset = Dataset(
        actors=[Actor(id="p", name="P", kind="PUBLIC_INSTITUTION"), Actor(id="o", name="O", kind="OPCO")],
        relationships=[
            Relationship(source="p", target="o", type="FUNDS", since=dt.date(2024, 1, 1), properties={"year": 2024},
                         sources=[Source(title="T")]),
            Relationship(source="p", target="o", type="FUNDS", properties={"year": "deux mille"}),
        ],
    )
    files = write_import_files(dataset, SCHEMA, "d", tmp_path, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    funds = [arg for arg in files.relationships if arg.startswith("FUNDS=")]
    assert len(funds) == 2 and not files.multiline
    headers = sorted(Path(arg.split("=", 1)[1].split(",")[0]).read_text(encoding="utf-8") for arg in funds)
    assert [("year:long" in h, "year:string" in h) for h in headers] == [(True, False), (False, True)]
    assert (files.actors, files.ties, files.sources) == (2, 2, 1)


def test_import_files_refuse_a_property_name_the_header_cannot_hold(tmp_path):
    dataset = Dataset(
        actors=[Actor(id="p", name="P", kind="PUBLIC_INSTITUTION"), Actor(id="o", name="O", kind="OPCO")],
        relationships=[Relationship(source="p", target="o", type="FUNDS", properties={"year:int": 2024})],
    )
    with pytest.raises(LoadRefused) as refused:
        write_import_files(dataset, SCHEMA, "d", tmp_path, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert "« year:int »" in str(refused.value)
    assert not any(tmp_path.iterdir())  # refused before any file is written
