"""``opcomap reconcile``: a registry import against the map, difference by difference, and applied.

The fixtures (tests/fixtures/reconcile/) are a small map and one import folder per
registry, in the format ``opcomap import`` writes (loader CSV files + import.toml),
sharing the reference map's actors word for word. The differences between them are
invented for the tests; each expected list below is written by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_model.models import Dataset
from graph_model.schema import default_schema
from loaders import load_dataset, write_csv_folder
from opcomap.cli import app
from opcomap.cli.common import fail_gracefully
from opcomap.editing import Editor, UndoChange, WorkspaceStore
from graph_model.errors import NotFound, ValidationFailed
from loaders.bundled import reference_dir
from graph_model.words import STRINGS
from opcomap.reconcile import KINDS, apply_differences, read_import, reconcile
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV

FIXTURES = Path(__file__).parent / "fixtures" / "reconcile"
MAP = FIXTURES / "map"
SIRO_WHY = ("Rapprochement avec « Table de correspondance SIRET-OPCO (SIRO) » du 03/11/2026 "
            "(jeu de données « siro-2026-11 ») : ")


@pytest.fixture(scope="module")
def schema():
    return default_schema()


@pytest.fixture(scope="module")
def the_map(schema) -> Dataset:
    return load_dataset([MAP], schema)


def differences(registry: str, current: Dataset, schema, folder: Path | None = None) -> list[tuple[str, str, str, str]]:
    result = reconcile(read_import(folder or FIXTURES / registry, schema), current)
    return [(d.kind, d.actor_id, d.map_says.text("fr"), d.registry_says.text("fr")) for d in result.differences]


# -- what each registry's import says that the map does not ------------------------------------

def test_siro_lists_each_branch_difference_once(schema, the_map):
    assert differences("siro", the_map, schema) == [
        # The map's tie to Fafiec ended in 2019: only the active one (Atlas) counts.
        ("branch_other_opco", "branche-syntec", "OPCO Atlas", "AKTO (48\u202f210 établissements)"),
        ("branch_unattached", "branche-pharmacie-officine", "aucun rattachement", "OPCO EP (20\u202f310 établissements)"),
        ("branch_missing", "idcc-1516", "absente de la carte", "IDCC 1516, rattachée à AKTO (8\u202f450 établissements)"),
        ("attachment_unsupported", "branche-coiffure", "rattachée à AKTO", "rattachée seulement à OPCO EP"),
        ("attachment_unsupported", "branche-chimie", "rattachée à OPCO 2i", "IDCC absent du registre"),
        ("attachment_missing", "branche-transports-routiers", "rattachée à OPCO Mobilités",
         "rattachée aussi à AKTO (20\u202f080 établissements, 40 %)"),
    ]


def test_siro_matches_branches_by_idcc_and_says_what_it_could_not_compare(schema, the_map):
    result = reconcile(read_import(FIXTURES / "siro", schema), the_map)
    concerned = {a for d in result.differences for a in d.actors()}
    # IDCC 1979: "hotels-cafes-restaurants" on the map, "branche-hcr" in the import, both with AKTO.
    assert not concerned & {"hotels-cafes-restaurants", "branche-hcr", "branche-banque"}
    # Propreté: a split IDCC tied to its majority OPCO only; the map's OPCO EP tie is not called unsupported.
    assert "branche-proprete" not in concerned
    notes = [note.text("fr") for note in result.notes]
    assert any(n.startswith("1 branche de la carte sans IDCC") for n in notes)  # industries charcutières
    assert any(n.startswith("1 rattachement de la carte à un autre OPCO qu'un IDCC partagé") for n in notes)
    syntec = result.differences[0]
    assert syntec.related == ("opco-atlas", "opco-akto")
    assert syntec.label("en") == "Branch attached to another OPCO"
    assert syntec.registry_says.text("en") == "AKTO (48,210 establishments)"


def test_siro_narrowed_to_a_region_never_calls_an_absent_idcc_unsupported(tmp_path, schema, the_map):
    folder = tmp_path / "siro-bretagne"
    shutil.copytree(FIXTURES / "siro", folder)
    manifest = folder / "import.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("regions = []", 'regions = ["53"]'),
                        encoding="utf-8")
    found = differences("siro", the_map, schema, folder)
    assert ("attachment_unsupported", "branche-chimie", "rattachée à OPCO 2i", "IDCC absent du registre") not in found
    assert [actor for _, actor, *_ in found] == ["branche-syntec", "branche-pharmacie-officine", "idcc-1516",
                                                 "branche-coiffure", "branche-transports-routiers"]
    notes = [note.text("fr") for note in reconcile(read_import(folder, schema), the_map).notes]
    assert any(n.startswith("Import limité à une partie du territoire") for n in notes)


def test_of_list_lists_lost_categories_cfa_regions_and_unlisted_organisations(schema, the_map):
    assert differences("of-list", the_map, schema) == [
        ("qualiopi_lost", "of-exemple-bretagne", "actions de formation, bilans de compétences", "actions de formation"),
        # A bare "Qualiopi" tag, and the list says no category at all.
        ("qualiopi_lost", "of-exemple-lyon", "Qualiopi (catégorie non précisée)", "aucune catégorie"),
        # Matched by its list id (no SIRET on the map).
        ("qualiopi_gained", "of-53560000099", "actions de formation", "actions de formation, VAE"),
        ("cfa_without_apprenticeship", "cfa-exemple-pays-de-la-loire",
         "CFA, catégories : actions de formation, apprentissage",
         "organisme de formation, catégories : actions de formation"),
        ("organisation_not_listed", "of-exemple-lorient", "SIRET 84567890100046, Bretagne (53)",
         "SIRET absent de la liste"),
        ("region_differs", "of-exemple-rennes", "Bretagne (53)", "Pays de la Loire (52)"),
    ]
    result = reconcile(read_import(FIXTURES / "of-list", schema), the_map)
    assert [note.text("fr") for note in result.notes] == [
        "1 organisme ou CFA de la carte sans SIRET ni identifiant de la liste : non comparé."]
    # The list's own organisations the map does not have (CFA Exemple Brest) are not differences.
    assert "of-53290000007" not in {d.actor_id for d in result.differences}


def _narrowed_of_list(tmp_path: Path, schema, regions: list[str], departements: list[str] = ()) -> Path:
    """The of-list fixture as `opcomap import of-list --region ...` would write it: that territory only."""
    whole = load_dataset([FIXTURES / "of-list"], schema)
    kept = [a for a in whole.actors if a.region_code in regions]
    ids = {a.id for a in kept}
    folder = tmp_path / "of-list-narrowed"
    write_csv_folder(Dataset(actors=kept, relationships=[r for r in whole.relationships if r.source in ids]), folder)
    manifest = (FIXTURES / "of-list" / "import.toml").read_text(encoding="utf-8")
    manifest = manifest.replace("regions = []", f"regions = {json.dumps(regions)}")
    manifest = manifest.replace("departements = []", f"departements = {json.dumps(list(departements))}")
    (folder / "import.toml").write_text(manifest, encoding="utf-8")
    return folder


def test_of_list_narrowed_to_a_region_only_reports_that_region_and_says_so(tmp_path, schema, the_map):
    folder = _narrowed_of_list(tmp_path, schema, ["53"])
    assert differences("of-list", the_map, schema, folder) == [
        ("qualiopi_lost", "of-exemple-bretagne", "actions de formation, bilans de compétences", "actions de formation"),
        ("qualiopi_gained", "of-53560000099", "actions de formation", "actions de formation, VAE"),
        ("organisation_not_listed", "of-exemple-lorient", "SIRET 84567890100046, Bretagne (53)",
         "SIRET absent de la liste (import limité aux Régions 53)"),
        # Moved to Pays de la Loire: a list narrowed to Bretagne no longer has it.
        ("organisation_not_listed", "of-exemple-rennes", "SIRET 83456789000034, Bretagne (53)",
         "SIRET absent de la liste (import limité aux Régions 53)"),
    ]
    notes = [note.text("fr") for note in reconcile(read_import(folder, schema), the_map).notes]
    assert "3 organismes de la carte hors du territoire de l'import : non comparés." in notes


def test_of_list_narrowed_to_departements_never_claims_an_organisation_is_missing(tmp_path, schema, the_map):
    folder = _narrowed_of_list(tmp_path, schema, [], departements=["35"])
    kinds = {kind for kind, *_ in differences("of-list", the_map, schema, folder)}
    assert "organisation_not_listed" not in kinds


def test_rncp_lists_ended_certifications_and_branch_ties(schema, the_map):
    assert differences("rncp", the_map, schema) == [
        ("certification_ended", "rncp-35185", "active (sans date de fin)", "terminée le 31/08/2025"),
        ("covers_branch_missing", "rncp-36004", "ne couvre pas Hôtels, cafés, restaurants (HCR)",
         "couvre Hôtels, cafés, restaurants (HCR)"),
        ("covers_branch_unsupported", "rncp-36004", "couvre Industries chimiques", "ne couvre pas Industries chimiques"),
    ]
    # rncp-34567 is not in the export: its map tie to Banque is not called unsupported.
    notes = [note.text("fr") for note in reconcile(read_import(FIXTURES / "rncp", schema), the_map).notes]
    assert notes == [("1 lien COVERS_BRANCH de « Répertoire national des certifications professionnelles et "
                      "répertoire spécifique (RNCP et RS) » vers des acteurs absents de la carte : non listé.")]


def test_npec_lists_changed_missing_and_unsupported_funding_levels(schema, the_map):
    assert differences("npec", the_map, schema) == [
        ("funding_level_differs", "hotels-cafes-restaurants", "Cuisinier : NPEC 7\u202f000 €", "Cuisinier : NPEC 7\u202f500 €"),
        ("funding_level_missing", "branche-proprete", "aucun NPEC pour Agent de propreté et d'hygiène",
         "Agent de propreté et d'hygiène : NPEC 6\u202f500 €"),
        ("funding_level_unsupported", "branche-coiffure", "Agent de propreté et d'hygiène : NPEC 6\u202f000 €",
         "aucun NPEC pour Agent de propreté et d'hygiène"),
    ]


def test_against_the_reference_map_the_shared_ids_line_up(schema):
    # Only facts of the bundled map are relied on here (it grows): Syntec with Atlas, HCR with AKTO...
    reference = load_dataset([reference_dir()], schema)
    found = differences("siro", reference, schema)
    assert ("branch_other_opco", "branche-syntec", "OPCO Atlas", "AKTO (48\u202f210 établissements)") in found
    # Same ids, same OPCO as the registry: nothing to say.
    assert not [f for f in found if f[1] in {"branche-pharmacie-officine", "branche-hcr", "branche-banque"}]
    # Attached on the map, their IDCC absent from this (small) table.
    unsupported = {actor for kind, actor, *_ in found if kind == "attachment_unsupported"}
    assert {"branche-chimie", "branche-metallurgie", "branche-services-automobile"} <= unsupported


def test_an_import_compared_with_itself_has_no_difference(schema):
    folder = read_import(FIXTURES / "siro", schema)
    assert reconcile(folder, folder.dataset).differences == []


def test_every_kind_has_both_languages():
    assert all(len(fr) > 5 and len(en) > 5 and fr != en for fr, en in (STRINGS[key] for key in KINDS.values()))


# -- bad input ------------------------------------------------------------------------------------

def test_a_folder_without_manifest_is_refused_with_its_name(tmp_path, schema):
    with pytest.raises(NotFound, match="n'est pas un dossier écrit par `opcomap import`"):
        read_import(MAP, schema)
    with pytest.raises(NotFound, match="nowhere"):
        read_import(tmp_path / "nowhere", schema)


def test_an_unknown_registry_or_date_in_the_manifest_names_the_key(tmp_path, schema):
    folder = tmp_path / "bad"
    shutil.copytree(FIXTURES / "siro", folder)
    manifest = folder / "import.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('registry = "siro"', 'registry = "sirene"'), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_import(folder, schema)
    [problem] = caught.value.problems
    assert (Path(problem.file).name, problem.column) == ("import.toml", "registry")
    assert "sirene" in problem.text() and "siro" in problem.text()
    manifest.write_text(text.replace("file_date = 2026-11-03\n", ""), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_import(folder, schema)
    assert caught.value.problems[0].column == "file_date"


def test_bad_import_files_are_listed_with_file_row_and_column(tmp_path, schema):
    folder = tmp_path / "bad"
    shutil.copytree(FIXTURES / "siro", folder)
    rels = folder / "relationships.csv"
    rels.write_text(rels.read_text(encoding="utf-8").replace("opco-atlas", "opco-inconnu"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_import(folder, schema)
    problem = caught.value.problems[0]
    assert Path(problem.file).name == "relationships.csv" and problem.row == 2 and problem.column == "target"


# -- the command ------------------------------------------------------------------------------

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["reconcile", *args], catch_exceptions=False)


def run_as_user(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Through the real entry point, where errors become one sentence and an exit code."""
    monkeypatch.setattr(sys, "argv", ["opcomap", "reconcile", *args])
    code = fail_gracefully(app)
    captured = capsys.readouterr()
    return code, " ".join((captured.out + captured.err).split())  # one line: the console wraps at 80 columns


@pytest.fixture
def embedded(monkeypatch, tmp_path) -> Path:
    """Embedded mode with an empty workspace of its own."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    workspace = tmp_path / "workspace"
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(workspace))
    return workspace


def test_table_lists_the_differences_and_exits_0(embedded):
    result = run(str(FIXTURES / "npec"), "--against", str(MAP))
    assert result.exit_code == 0
    text = result.stdout  # cells fold at the runner's 80 columns: look for short words
    assert "Différence" in text and "Registre" in text and "Coiffure" in text
    assert "7\u202f500 €" in text and "15/09/2026" in text and "3 différences." in text


def test_csv_has_one_row_per_difference_with_stable_codes(embedded):
    result = run(str(FIXTURES / "siro"), "--against", str(MAP), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["kind"] for r in rows] == ["branch_other_opco", "branch_unattached", "branch_missing",
                                         "attachment_unsupported", "attachment_unsupported", "attachment_missing"]
    assert rows[0] == {
        "kind": "branch_other_opco", "label": "Branche rattachée à un autre OPCO", "actor_id": "branche-syntec",
        "actor_name": "Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseil (Syntec)",
        "map": "OPCO Atlas", "registry": "AKTO (48\u202f210 établissements)",
        "registry_name": "Table de correspondance SIRET-OPCO (SIRO)", "file_date": "2026-11-03",
    }


def test_json_carries_the_registry_its_date_and_the_notes(embedded):
    result = run(str(FIXTURES / "rncp"), "--against", str(MAP), "--format", "json")
    document = json.loads(result.stdout)
    assert document["registry"] == "rncp" and document["file_date"] == "2026-11-30"
    assert [d["kind"] for d in document["differences"]] == [
        "certification_ended", "covers_branch_missing", "covers_branch_unsupported"]
    assert document["differences"][0]["registry"] == "terminée le 31/08/2025"
    assert len(document["notes"]) == 1 and "message" not in document


def test_no_difference_is_a_clear_sentence_and_exit_0(embedded):
    siro = str(FIXTURES / "siro")
    result = run(siro, "--against", siro)
    assert result.exit_code == 0
    assert "Aucune différence entre la carte" in result.stdout and "du 03/11/2026" in result.stdout
    document = json.loads(run(siro, "--against", siro, "--format", "json").stdout)
    assert document["differences"] == [] and document["message"].startswith("Aucune différence")


def test_names_from_the_data_are_never_read_as_markup(embedded, tmp_path, schema):
    the_map = tmp_path / "map"
    shutil.copytree(MAP, the_map)
    actors = the_map / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseil (Syntec)",
        "[b]Syntec[/b]"), encoding="utf-8")
    result = run(str(FIXTURES / "siro"), "--against", str(the_map))
    assert result.exit_code == 0
    assert "[b]Syntec[/b]" in result.stdout


def test_wrong_folder_and_wrong_option_mixes_are_one_sentence(embedded, monkeypatch, capsys):
    code, text = run_as_user(monkeypatch, capsys, str(MAP))
    assert code == 1 and "n'est pas un dossier écrit par `opcomap import`" in text and "Traceback" not in text
    code, text = run_as_user(monkeypatch, capsys, str(FIXTURES / "siro"), "--against", str(MAP), "--apply",
                             "--dataset", "x")
    assert code == 1 and "--against" in text
    code, text = run_as_user(monkeypatch, capsys, str(FIXTURES / "siro"), "--apply")
    assert code == 1 and "--dataset NOM" in text
    assert not embedded.exists()  # nothing written


def test_apply_from_the_command_line_records_one_change_per_difference(embedded):
    siro = str(FIXTURES / "siro")
    listed = list(csv.DictReader(io.StringIO(run(siro, "--format", "csv").stdout)))
    result = run(siro, "--apply", "--dataset", "siro-2026-11", "--who", "Camille Martin")
    assert result.exit_code == 0
    assert f"{len(listed)} différences appliquées (jeu de données « siro-2026-11 »)" in " ".join(result.stdout.split())
    records = [json.loads(line) for line in (embedded / "history.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(listed)
    assert {r["who"] for r in records} == {"Camille Martin"}
    assert all(r["why"].startswith(SIRO_WHY) for r in records)
    # The map compared next is the workspace, which now says what the registry says.
    again = run(siro)
    assert "Aucune différence entre la carte (espace de travail" in " ".join(again.stdout.split())


# -- applying into the workspace ------------------------------------------------------------------

@pytest.fixture
def store(tmp_path, schema) -> WorkspaceStore:
    """A workspace whose map, until the first change, is the fixture map."""
    reference = tmp_path / "map"
    shutil.copytree(MAP, reference)
    return WorkspaceStore(tmp_path / "workspace", schema, reference=reference)


def _apply(registry: str, store: WorkspaceStore, schema, dataset: str = "rapprochement-test"):
    result = reconcile(read_import(FIXTURES / registry, schema), store.dataset())
    return result, apply_differences(result, store, schema, who="Camille Martin", dataset_name=dataset)


def test_applying_siro_records_each_difference_with_its_reason(store, schema):
    result, report = _apply("siro", store, schema, dataset="siro-2026-11")
    assert len(report.applied) == len(result.differences) == 6 and report.skipped == []
    rels = {r.key: r for r in store.dataset().relationships}
    # The map's tie ends the day before the registry's file; the registry's starts on that day, citing it.
    assert rels["branche-syntec|ATTACHED_TO|opco-atlas|2019-04-01"].until == dt.date(2026, 11, 2)
    new = rels["branche-syntec|ATTACHED_TO|opco-akto|2026-11-03"]
    assert new.properties == {"establishments": 48210}
    assert new.sources[0].title == "Table de correspondance SIRET-OPCO (SIRO) (fichier du 03/11/2026)"
    assert rels["branche-chimie|ATTACHED_TO|opco-2i|2019-04-01"].until == dt.date(2026, 11, 2)
    assert store.actor("idcc-1516").idcc == "1516"
    [change] = store.history("branche-syntec")
    assert (change.who, change.op) == ("Camille Martin", "end_relationship")
    assert change.why == SIRO_WHY + ("Branche rattachée à un autre OPCO — carte : OPCO Atlas ; "
                                     "registre : AKTO (48\u202f210 établissements)")
    assert change.summary.startswith("Rattachement de « Bureaux d'études techniques")
    assert change.described("en") == ("“Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseil "
                                      "(Syntec)” (branche-syntec) attached to AKTO instead of OPCO Atlas")
    assert reconcile(read_import(FIXTURES / "siro", schema), store.dataset()).differences == []
    # Each applied difference is a change like any other: it can be undone.
    Editor(store, schema, "Camille Martin").submit(UndoChange(change_id=change.id))
    assert [d.actor_id for d in reconcile(read_import(FIXTURES / "siro", schema), store.dataset()).differences] \
        == ["branche-syntec"]


def test_applying_the_of_list_leaves_what_it_cannot_explain(store, schema):
    _, report = _apply("of-list", store, schema)
    assert [d.kind for d, _ in report.skipped] == ["organisation_not_listed"]
    assert "à vérifier à la main" in report.skipped[0][1]
    cfa = store.actor("cfa-exemple-pays-de-la-loire")
    assert cfa.kind == "TRAINING_ORG" and "qualiopi:apprentissage" not in cfa.tags
    assert store.actor("of-exemple-lyon").tags == ["qualiopi:aucune"]
    assert store.actor("of-exemple-bretagne").tags == ["qualiopi:actions-de-formation"]
    rennes = store.actor("of-exemple-rennes")
    assert (rennes.region_code, rennes.region_name) == ("52", "Pays de la Loire")
    assert [d.kind for d in reconcile(read_import(FIXTURES / "of-list", schema), store.dataset()).differences] \
        == ["organisation_not_listed"]


def test_applying_rncp_and_npec_keeps_the_old_values_in_the_history(store, schema):
    _apply("rncp", store, schema)
    cuisinier = store.actor("rncp-35185")
    assert cuisinier.until == dt.date(2025, 8, 31) and "inactive" in cuisinier.tags and "active" not in cuisinier.tags
    _apply("npec", store, schema)
    rels = {r.key: r for r in store.dataset().relationships}
    old = rels["hotels-cafes-restaurants|FUNDING_LEVEL|rncp-35185|2024-09-01"]
    new = rels["hotels-cafes-restaurants|FUNDING_LEVEL|rncp-35185|2025-09-01"]
    assert (old.properties["npec_eur"], old.until) == (7000.0, dt.date(2025, 8, 31))
    assert (new.properties["npec_eur"], new.until) == (7500.0, None)
    for registry in ("rncp", "npec"):
        assert reconcile(read_import(FIXTURES / registry, schema), store.dataset()).differences == []


def test_apply_needs_a_name_and_refuses_when_read_only(store, schema):
    from graph_model.errors import EditRefused, OpcomapError

    result = reconcile(read_import(FIXTURES / "siro", schema), store.dataset())
    with pytest.raises(EditRefused, match="nom"):
        apply_differences(result, store, schema, who=" ", dataset_name="x")
    with pytest.raises(EditRefused, match="lecture seule"):
        apply_differences(result, store, schema, who="Camille", dataset_name="x", read_only=True)
    with pytest.raises(OpcomapError, match="jeu de données"):
        apply_differences(result, store, schema, who="Camille", dataset_name="")
    assert not store.initialised


def test_a_difference_already_applied_elsewhere_is_skipped_not_doubled(store, schema):
    result = reconcile(read_import(FIXTURES / "siro", schema), store.dataset())
    first = apply_differences(result, store, schema, who="Alice", dataset_name="x")
    again = apply_differences(result, store, schema, who="Bruno", dataset_name="x")  # the same, stale result
    assert len(first.applied) == 6 and again.applied == []
    assert {why for _, why in again.skipped} == {"déjà à jour"}


# -- Neo4j ----------------------------------------------------------------------------------------

@pytest.mark.neo4j
def test_apply_in_neo4j_records_changes_and_tags_the_records(empty_db, neo4j_settings, schema):
    from opcomap.reconcile import neo4j_store
    from opcomap.store.edits import ensure_history_index
    from opcomap.store.reader import read_dataset
    from opcomap.store.writer import write_dataset

    database = neo4j_settings.neo4j_database
    write_dataset(empty_db, load_dataset([MAP], schema), schema, dataset_name="carte-test", database=database)
    ensure_history_index(empty_db, database)
    folder = read_import(FIXTURES / "siro", schema)
    result = reconcile(folder, read_dataset(empty_db, database))
    assert [d.actor_id for d in result.differences][:3] == ["branche-syntec", "branche-pharmacie-officine", "idcc-1516"]
    store = neo4j_store(empty_db, schema, database, "siro-2026-11")
    report = apply_differences(result, store, schema, who="Camille Martin", dataset_name="siro-2026-11")
    assert len(report.applied) == 6 and report.skipped == []

    def cypher(query: str, **params):
        records, _, _ = empty_db.execute_query(query, params, database_=database)
        return [r.data() for r in records]

    history = cypher("MATCH (c:Change)-[:CHANGED]->(:Actor {id: 'branche-syntec'}) RETURN c.who AS who, c.why AS why")
    assert history == [{"who": "Camille Martin", "why": SIRO_WHY + (
        "Branche rattachée à un autre OPCO — carte : OPCO Atlas ; registre : AKTO (48\u202f210 établissements)")}]
    tagged = cypher("MATCH (:Actor {id: 'branche-syntec'})-[r:ATTACHED_TO]->(o) RETURN o.id AS opco, r.dataset AS d, "
                    "r.until AS until ORDER BY o.id")
    assert [(t["opco"], t["d"], t["until"] and t["until"].to_native()) for t in tagged] == [
        ("opca-fafiec", "carte-test", dt.date(2019, 3, 31)),
        ("opco-akto", "siro-2026-11", None),
        ("opco-atlas", "siro-2026-11", dt.date(2026, 11, 2)),
    ]
    assert cypher("MATCH (a:Actor {id: 'idcc-1516'}) RETURN a.dataset AS d") == [{"d": "siro-2026-11"}]
    assert reconcile(folder, read_dataset(empty_db, database)).differences == []


# -- the app page -------------------------------------------------------------------------------------

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app_env(monkeypatch, tmp_path):
    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV, "OPCOMAP_READ_ONLY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(tmp_path / "workspace"))
    return tmp_path / "workspace"


def open_page(**params: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["page"] = "rapprocher"
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def assert_clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_page_lists_the_differences_of_an_import_given_with_data(app_env, monkeypatch):
    monkeypatch.setenv(DATA_ENV, os.pathsep.join([str(MAP), str(FIXTURES / "siro")]))
    at = open_page()
    assert_clean(at)
    assert at.title[0].value == "Rapprocher"
    assert at.selectbox(key="rc_pick").value == str(FIXTURES / "siro")
    table = at.dataframe[0].value
    assert list(table["id"]) == ["branche-syntec", "branche-pharmacie-officine", "idcc-1516", "branche-coiffure",
                                 "branche-chimie", "branche-transports-routiers"]
    assert table.iloc[0]["registry"] == "AKTO (48\u202f210 établissements)" and set(table["date"]) == {"03/11/2026"}
    # --data files are only read: no apply button, a sentence instead.
    assert not at.button and any("seulement lus" in i.value for i in at.info)
    at.multiselect(key="rc_kinds").set_value(["attachment_unsupported"]).run()
    assert_clean(at)
    assert list(at.dataframe[0].value["id"]) == ["branche-coiffure", "branche-chimie"]
    assert not any("Convention collective IDCC 1516" in c.value for c in at.caption)  # filtered out, not "off the map"


def test_page_in_english(app_env, monkeypatch):
    monkeypatch.setenv(DATA_ENV, os.pathsep.join([str(MAP), str(FIXTURES / "npec")]))
    at = open_page(lang="en")
    assert_clean(at)
    assert at.title[0].value == "Reconcile"
    table = at.dataframe[0].value
    assert table.iloc[0]["kind"] == "Different funding level"
    assert table.iloc[0]["registry"] == "Cuisinier: NPEC €7,500" and table.iloc[0]["date"] == "2026-09-15"


def test_page_applies_the_differences_into_the_workspace(app_env, schema):
    at = open_page()
    assert_clean(at)
    assert any("opcomap import" in i.value for i in at.info)  # nothing chosen yet
    at.text_input(key="rc_path").set_value(str(FIXTURES / "siro")).run()
    assert_clean(at)
    # The workspace is empty: the map compared is the bundled reference map.
    expected = reconcile(read_import(FIXTURES / "siro", schema), load_dataset([reference_dir()], schema))
    assert list(at.dataframe[0].value["id"]) == [d.actor_id for d in expected.differences]
    assert any("carte de référence fournie" in c.value for c in at.caption)
    at.text_input(key="rc_who").set_value("Camille Martin").run()
    at.text_input(key="rc_dataset").set_value("siro-2026-11").run()
    at.button(key="rc_apply").click().run()
    assert_clean(at)
    assert any("différences appliquées" in s.value for s in at.success)
    records = [json.loads(line) for line in (app_env / "history.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(expected.differences)
    assert all(r["who"] == "Camille Martin" and r["why"].startswith(SIRO_WHY) for r in records)
    assert any("Aucune différence" in s.value for s in at.success)  # the page now compares the workspace


def test_page_says_when_a_folder_is_not_an_import(app_env, tmp_path):
    at = open_page()
    at.text_input(key="rc_path").set_value(str(tmp_path)).run()
    assert_clean(at)
    assert any("n'est pas un dossier écrit par" in w.value for w in at.warning)
