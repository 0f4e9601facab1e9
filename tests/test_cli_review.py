"""``opcomap review``: the administrator lists, shows, accepts and rejects proposals at the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph_model.schema import default_schema
from loaders import load_dataset
from opcomap.auth import Role, User
from opcomap.editing import AddRelationship, EditActor, Editor, WorkspaceStore
from tests.cli_runner import cli, one_sentence  # noqa: F401 (fixture)

REFERENCE = Path(__file__).parent / "editing_data" / "reference"
SOURCE = {"title": "Accord constitutif", "url": "https://example.org/accord", "publisher": "Afdas",
          "consulted": "2025-03-01"}
TIE = "cfdt|CO_MANAGES|afdas|2019-04-01"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An edited workspace (the map the commands read without Neo4j), with one pending proposal each."""
    folder = tmp_path / "workspace"
    shutil.copytree(REFERENCE, folder)
    return folder


def _propose(store, who: str = "Élise") -> tuple[str, str]:
    editor = Editor(store, default_schema(), user=User(who, Role.EDITOR), publishing="review")
    tie = editor.submit(AddRelationship(why="accord de 2019", source=SOURCE, fields={
        "source": "cfdt", "target": "afdas", "type": "CO_MANAGES", "since": "2019-04-01", "college": "salariés"}))
    actor, version = editor.open_actor("medef")
    rename = editor.submit(EditActor(actor_id="medef", version=version, fields=actor.model_dump() | {"name": "MEDEF"}))
    return tie.id, rename.id


def _env(workspace: Path) -> dict[str, str]:
    return {"OPCOMAP_WORKSPACE": str(workspace), "OPCOMAP_PUBLISH": "review"}


def test_list_and_show_say_who_what_why_and_the_sources(cli, workspace):
    code, out, _ = cli("review", "list", **_env(workspace))
    assert code == 0 and "Aucune proposition en attente" in out
    tie, rename = _propose(WorkspaceStore(workspace, default_schema()))
    code, out, _ = cli("review", "list", "--format", "json", **_env(workspace))
    rows = json.loads(out)["rows"]
    assert [(r["id"], r["who"], r["why"]) for r in rows] == [(rename, "Élise", ""), (tie, "Élise", "accord de 2019")]
    code, out, _ = cli("review", "list", **_env(workspace))
    assert code == 0 and tie[:8] in out and "Élise" in out
    code, out, _ = cli("review", "show", tie[:8], **_env(workspace))
    text = one_sentence(out)
    assert code == 0
    assert "Pourquoi : accord de 2019" in text and "État : en attente" in text
    assert "Accord constitutif — Afdas https://example.org/accord" in text
    assert "college" in text and "salariés" in text


def test_accept_applies_in_the_proposers_name_and_records_the_reviewer(cli, workspace):
    tie, _ = _propose(WorkspaceStore(workspace, default_schema()))
    code, _, err = cli("review", "accept", tie[:8], **_env(workspace))
    assert code == 2 and "--as" in err, "the reviewer's name is required"
    code, out, _ = cli("review", "accept", tie[:8], "--as", "Raphaël", **_env(workspace))
    assert code == 0 and "Acceptée et publiée" in one_sentence(out)
    data = load_dataset([workspace], default_schema())
    assert TIE in {r.key for r in data.relationships}
    [record] = [json.loads(line) for line in (workspace / "history.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (record["who"], record["reviewed_by"]) == ("Élise", "Raphaël")
    code, out, err = cli("review", "accept", tie[:8], "--as", "Raphaël", **_env(workspace))
    assert code == 1 and "n'est plus en attente" in one_sentence(err + out)


def test_reject_needs_a_reason_and_leaves_the_map_as_it_was(cli, workspace):
    tie, _ = _propose(WorkspaceStore(workspace, default_schema()))
    before = (workspace / "relationships.csv").read_bytes()
    code, _, err = cli("review", "reject", tie, "--as", "Raphaël", **_env(workspace))
    assert code == 2 and "--reason" in err
    code, out, err = cli("review", "reject", tie, "--as", "Raphaël", "--reason", "  ", **_env(workspace))
    assert code == 1 and "Indiquez pourquoi" in one_sentence(err + out)
    code, out, _ = cli("review", "reject", tie, "--as", "Raphaël", "--reason", "source illisible", **_env(workspace))
    assert code == 0 and "Refusée" in out
    assert (workspace / "relationships.csv").read_bytes() == before
    code, out, _ = cli("review", "list", "--all", "--format", "csv", **_env(workspace))
    assert f"{tie}," in out and "rejected,Raphaël,source illisible" in out


def test_the_proposer_may_not_accept_their_own_and_an_unknown_id_is_said(cli, workspace):
    tie, _ = _propose(WorkspaceStore(workspace, default_schema()))
    code, out, err = cli("review", "accept", tie, "--as", "Élise", **_env(workspace))
    assert code == 1 and "votre propre proposition" in one_sentence(err + out)
    code, out, err = cli("review", "accept", "zzzz", "--as", "Raphaël", **_env(workspace))
    assert code == 1 and "Aucune proposition d'identifiant « zzzz »" in one_sentence(err + out)


@pytest.mark.neo4j
def test_review_works_on_neo4j(cli, empty_db, neo4j_settings):
    from opcomap.store.edits import Neo4jEditStore, ensure_history_index
    from opcomap.store.writer import write_dataset

    schema, database = default_schema(), neo4j_settings.neo4j_database
    write_dataset(empty_db, load_dataset([REFERENCE], schema), schema, dataset_name="reference", database=database)
    ensure_history_index(empty_db, database)
    store = Neo4jEditStore(empty_db, schema, database)
    tie, rename = _propose(store)
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.neo4j_user,
           "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(), "NEO4J_DATABASE": database,
           "OPCOMAP_PUBLISH": "review"}
    code, out, _ = cli("review", "accept", tie[:8], "--as", "Raphaël", **env)
    assert code == 0, out
    assert store.relationship(TIE) is not None
    code, out, _ = cli("review", "reject", rename[:8], "--as", "Raphaël", "--reason", "nom déjà correct", **env)
    assert code == 0 and store.actor("medef").name != "MEDEF"
    code, out, _ = cli("review", "list", "--all", "--format", "json", **env)
    assert {(r["id"], r["status"], r["decided_by"]) for r in json.loads(out)["rows"]} == {
        (tie, "accepted", "Raphaël"), (rename, "rejected", "Raphaël")}
