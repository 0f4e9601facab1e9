"""The Données page: an upload is checked against the map on screen, then shown on the map
at once, and removed as one dataset — in embedded mode, over ``--data`` folders, and in
Neo4j mode (tests marked ``neo4j``).

Each test runs the whole app under Streamlit's AppTest with its own workspace folder.
The uploaded files are written here in the layouts a user sends: the loaders' own CSV
(French Excel's ``;`` with a BOM for the actors, ``,`` for the ties) and France
compétences' SIRET-OPCO table (``SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION``, pipes,
header line).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from graph_model.schema import default_schema
from loaders import load_dataset
from opcomap.editing.overlay import MANIFEST, Uploads, uploads_root
from loaders.bundled import reference_dir
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
from tests.test_app_pages import assert_clean, open_app

APP = str(Path(__file__).resolve().parent.parent / "app.py")
REFERENCE = load_dataset([reference_dir()], default_schema())
REF_ACTORS, REF_TIES = len(REFERENCE.actors), len(REFERENCE.relationships)

# Two new actors of a partner network in Bretagne, tied to the reference map's AKTO and
# Région Bretagne; one tie cites a source of the map by its id (sources.csv of the map).
PARTNERS = (
    "\ufeffid;name;kind;region_code;region_name;siret;description\r\n"
    "of-exemple-bretagne;Organisme de formation Exemple Bretagne;TRAINING_ORG;53;Bretagne;12345678900011;"
    "Organisme de formation (exemple) du réseau de partenaires\r\n"
    "cfa-exemple-rennes;CFA Exemple Rennes;CFA;53;Bretagne;;CFA (exemple) partenaire de l'organisme\r\n"
)
PARTNER_TIES = (
    "source,target,type,since,sources,source_title,source_url,source_publisher,amount_eur,year\n"
    "opco-akto,of-exemple-bretagne,FUNDS,2024-01-01,,Convention de financement 2024 (exemple),"
    "https://www.exemple.fr/convention-2024,Organisme de formation Exemple Bretagne,15000,2024\n"
    "of-exemple-bretagne,region-53,LOCATED_IN,,opco-agrement-centre-inffo,,,,,\n"
    "cfa-exemple-rennes,of-exemple-bretagne,PARTNERS_WITH,2023-09-01,,Accord de partenariat (exemple),,,,\n"
)
# The reference map's own row for Région Bretagne, copied word for word (a user pasting it).
REGION_ROW = next(line for line in (reference_dir() / "actors.csv").read_text(encoding="utf-8").splitlines()
                  if line.startswith("region-53,"))
REF_HEADER = (reference_dir() / "actors.csv").read_text(encoding="utf-8").splitlines()[0]

# France compétences' SIRET-OPCO table, in its own layout. 1979 (HCR) is split between two
# OPCO, NEW_IDCC are two branches the reference map does not have, 9999 is no branch.
# The curated map grows (1501 joined it): NEW_IDCC are taken among those it lacks today.
_MAP_IDCC = {a.idcc for a in REFERENCE.actors if a.idcc}
NEW_IDCC = [idcc for idcc in ("1501", "2511", *(f"{n:04d}" for n in range(1, 5000))) if idcc not in _MAP_IDCC][:2]
SIRO = (
    "SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION\n"
    "12345678900001|1486|ATLAS|ATLAS\n"
    "12345678900002|1486|ATLAS|\n"
    "12345678900003|1979|AKTO|AKTO\n"
    "12345678900004|1979|AKTO|AKTO\n"
    "12345678900005|1979|OPCO EP|AKTO\n"
    f"12345678900006|{NEW_IDCC[0]}|AKTO|AKTO\n"
    f"12345678900007|{NEW_IDCC[1]}|AFDAS|AFDAS\n"
    "12345678900008|9999|OPCO EP|OPCO EP\n"
)


@pytest.fixture(autouse=True)
def workspace(monkeypatch, tmp_path: Path) -> Path:
    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV, "OPCOMAP_READ_ONLY"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "ws"
    monkeypatch.setenv("OPCOMAP_WORKSPACE", str(folder))
    return folder


def csv_file(name: str, text: str) -> tuple[str, bytes, str]:
    return name, text.encode("utf-8"), "text/csv"


def counts(at: AppTest) -> tuple[int, int]:
    from tests.test_app_pages import counts as read_counts

    return read_counts(at)


def upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    at.file_uploader[0].set_value(list(files))
    return at.run()


def problems(at: AppTest) -> list[tuple[str, int | None, str, str]]:
    """(file, row, column, message) of the problems table."""
    frame = at.dataframe[0].value
    rows = zip(frame["Fichier"], frame["Ligne"], frame["Colonne"], frame["Problème"], strict=True)
    return [(f, None if pd.isna(r) else int(r), c, m) for f, r, c, m in rows]


def whole_map():
    """The app's whole map as its pages get it (opcomap.ui.data.whole_graph)."""
    from opcomap.ui.context import build_context
    from opcomap.ui import caches
    from opcomap.ui.data import whole_graph

    caches.forget()
    return whole_graph(build_context("fr")).graph


# -- embedded mode ------------------------------------------------------------------------

def test_an_upload_citing_the_map_is_accepted_then_shown_on_the_whole_map(workspace):
    at = open_app(page="donnees")
    assert_clean(at)
    assert counts(at) == (REF_ACTORS, REF_TIES)
    upload(at, csv_file("Partenaires Bretagne.csv", PARTNERS), csv_file("liens.csv", PARTNER_TIES))
    assert_clean(at)
    assert "2 acteurs et 3 relations à ajouter" in at.success[0].value
    assert "2 acteurs de la carte cités" in at.success[0].value  # AKTO and Région Bretagne
    assert at.text_input(key="w_dataset_name").value == "partenaires-bretagne"

    at.button(key="w_add").click().run()
    assert_clean(at)
    assert "« partenaires-bretagne » ajouté à la carte : 2 acteurs, 3 relations" in at.success[0].value
    assert counts(at) == (REF_ACTORS + 2, REF_TIES + 3)  # the page's own "map shown"
    assert at.file_uploader[0].value == [], "the file box is empty again"

    graph = whole_map()
    assert graph.nodes["of-exemple-bretagne"]["name"] == "Organisme de formation Exemple Bretagne"
    funding = graph.get_edge_data("opco-akto", "of-exemple-bretagne")
    (attrs,) = funding.values()
    assert attrs["amount_eur"] == 15000 and attrs["year"] == 2024
    located = graph.get_edge_data("of-exemple-bretagne", "region-53")
    (attrs,) = located.values()
    assert attrs["sources"][0]["publisher"] == "Centre Inffo"  # the map's source, cited by id

    carte = open_app(page="carte")
    assert_clean(carte)
    assert counts(carte) == (REF_ACTORS + 2, REF_TIES + 3)
    profile = open_app(page="acteur", id="cfa-exemple-rennes")
    assert_clean(profile)
    assert profile.header[0].value == "CFA Exemple Rennes"

    # Kept as one folder beside the edit workspace, which is itself untouched.
    folder = workspace / "uploads" / "partenaires-bretagne"
    assert (folder / MANIFEST).is_file()
    assert not (workspace / "actors.csv").exists()
    kept = load_dataset([reference_dir(), folder], default_schema())
    assert len(kept.actors) == REF_ACTORS + 2


def test_files_saved_by_french_excel_are_checked_and_added_as_they_are(workspace):
    partners = PARTNERS.removeprefix("\ufeff").encode("cp1252")  # « CSV (séparateur : point-virgule) »
    ties = (
        "source;target;type;since;sources;source_title;amount_eur;year\r\n"
        "opco-akto;of-exemple-bretagne;FUNDS;01/02/2024;;Convention de financement 2024 (exemple);"
        "15\u00a0000,5;2024\r\n"
        "of-exemple-bretagne;region-53;LOCATED_IN;;opco-agrement-centre-inffo;;;\r\n"
    ).encode("cp1252")
    at = open_app(page="donnees")
    upload(at, ("Partenaires Bretagne.csv", partners, "text/csv"), ("liens.csv", ties, "text/csv"))
    assert_clean(at)
    assert "2 acteurs et 2 relations à ajouter" in at.success[0].value
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Partenaires Bretagne.csv : Windows-1252, séparateur « ; »" in captions
    assert ("liens.csv : Windows-1252, séparateur « ; », dates JJ/MM/AAAA, virgule décimale, "
            "milliers séparés par des espaces") in captions
    assert at.info[0].value.startswith("1 date lue à la française")
    read = "« 01/02/2024 » lu à la française, le jour avant le mois : 2024-02-01 (et non 2024-01-02)"
    assert problems(at) == [("liens.csv", 2, "since", read)]
    at.button(key="w_add").click().run()
    assert_clean(at)
    (attrs,) = whole_map().get_edge_data("opco-akto", "of-exemple-bretagne").values()
    assert attrs["amount_eur"] == 15000.5 and attrs["since"] == "2024-02-01"
    assert whole_map().nodes["cfa-exemple-rennes"]["description"] == "CFA (exemple) partenaire de l'organisme"


def test_remove_takes_exactly_the_dataset_away(workspace):
    at = open_app(page="donnees")
    upload(at, csv_file("partenaires.csv", PARTNERS), csv_file("liens.csv", PARTNER_TIES))
    at.button(key="w_add").click().run()
    siro = open_app(page="donnees")
    siro.radio(key="w_up_kind").set_value("registry").run()
    siro.selectbox(key="w_up_registry").select("siro").run()
    upload(siro, csv_file("siro-202606.csv", SIRO))
    siro.button(key="w_add").click().run()
    assert_clean(siro)
    with_both = counts(siro)

    at = open_app(page="donnees")
    table = at.dataframe[0].value
    assert list(table["Jeu"]) == ["partenaires", "siro-202606"]
    at.selectbox(key="w_remove_pick").select("partenaires").run()
    at.button(key="w_remove").click().run()
    assert_clean(at)
    assert "« partenaires » retiré de la carte : 2 acteurs, 3 relations" in at.success[0].value
    assert counts(at) == (with_both[0] - 2, with_both[1] - 3)
    graph = whole_map()
    assert "of-exemple-bretagne" not in graph and f"idcc-{NEW_IDCC[0]}" in graph  # the other dataset stays
    assert not (workspace / "uploads" / "partenaires").exists()
    assert Uploads(workspace / "uploads").names() == ["siro-202606"]


def test_a_bad_upload_lists_its_problems_with_file_row_and_column_and_changes_nothing(workspace):
    bad_actors = (
        f"{REF_HEADER}\n"
        "opco-akto,AKTO (renommé),OPCO,,,,,,,,,,,,,\n"  # the map's AKTO, defined otherwise
        f"{REGION_ROW}\n"  # the map's Région Bretagne, word for word: accepted
        "of-exemple-nantes,Organisme de formation Exemple Nantes,TRAINING_ORG,52,Pays de la Loire,,,,,,,,,,,\n"
    )
    bad_ties = (
        "source,target,type,since,sources,source_title\n"
        "of-exemple-nantes,region-52,LOCATED_IN,,,Annuaire (exemple)\n"
        "of-exemple-nantes,cfa-inconnu,PARTNERS_WITH,,,Accord (exemple)\n"  # nobody has this actor
        "crefop-53,region-53,LOCATED_IN,2014-09-19,crefop-decret-ash,\n"  # already on the map
        "opco-akto,of-exemple-nantes,FUNDS,31/09/2023,,Convention (exemple)\n"  # no such day
        "of-exemple-nantes,region-52,PARTNERS_WITH,,source-inconnue,\n"  # no such source
    )
    bad_sources = "source_id,title,publisher\nopco-agrement-centre-inffo,Un autre document,Exemple\n"
    at = open_app(page="donnees")
    upload(at, csv_file("acteurs nantes.csv", bad_actors), csv_file("liens nantes.csv", bad_ties),
           csv_file("sources nantes.csv", bad_sources))
    assert not at.exception
    assert "problèmes : rien n'a été chargé" in at.error[0].value
    found = problems(at)
    where = {(f, r, c) for f, r, c, _ in found}
    assert ("acteurs nantes.csv", 2, "id") in where
    assert ("liens nantes.csv", 3, "target") in where
    assert ("liens nantes.csv", 4, "since") in where
    assert ("liens nantes.csv", 5, "since") in where
    assert ("liens nantes.csv", 6, "sources") in where
    assert ("sources nantes.csv", 2, "source_id") in where  # a source id of the map, redefined
    assert not any(r == 3 and f == "acteurs nantes.csv" for f, r, _, _ in found), "a word-for-word repeat is fine"
    akto = next(m for f, r, c, m in found if (f, r, c) == ("acteurs nantes.csv", 2, "id"))
    assert "sur la carte affichée" in akto and "diffèrent" in akto and "ligne" not in akto
    duplicate = next(m for f, r, c, m in found if (f, r, c) == ("liens nantes.csv", 4, "since"))
    assert "relation en double" in duplicate and "sur la carte affichée" in duplicate
    assert not at.button, "nothing to add"
    assert counts(at) == (REF_ACTORS, REF_TIES)
    assert not (workspace / "uploads").exists() or not Uploads(workspace / "uploads").names()


def test_a_word_for_word_copy_of_map_actors_alone_adds_nothing(workspace):
    at = open_app(page="donnees")
    upload(at, csv_file("region.csv", f"{REF_HEADER}\n{REGION_ROW}\n"))
    assert_clean(at)
    assert any("Rien de nouveau" in i.value for i in at.info)
    assert not at.button


def test_a_taken_or_malformed_name_is_refused_and_nothing_is_written(workspace):
    at = open_app(page="donnees")
    upload(at, csv_file("partenaires.csv", PARTNERS), csv_file("liens.csv", PARTNER_TIES))
    at.text_input(key="w_dataset_name").input("Mes Partenaires !").run()
    at.button(key="w_add").click().run()
    assert any("nom de jeu de données invalide" in e.value for e in at.error)
    assert counts(at) == (REF_ACTORS, REF_TIES)
    at.text_input(key="w_dataset_name").input("partenaires").run()
    at.button(key="w_add").click().run()
    assert_clean(at)

    again = open_app(page="donnees")
    other_ties = PARTNER_TIES.replace("2023-09-01", "2024-09-01").replace("FUNDS,2024-01-01", "FUNDS,2025-01-01")
    actors = PARTNERS.replace("of-exemple-bretagne", "of-exemple-brest").replace("cfa-exemple-rennes", "cfa-exemple-brest")
    upload(again, csv_file("partenaires.csv", actors),
           csv_file("liens.csv", other_ties.replace("of-exemple-bretagne", "of-exemple-brest")
                    .replace("cfa-exemple-rennes", "cfa-exemple-brest")))
    assert again.text_input(key="w_dataset_name").value == "partenaires"
    again.button(key="w_add").click().run()
    assert any("déjà sur la carte" in e.value for e in again.error)
    assert Uploads(workspace / "uploads").names() == ["partenaires"]


def test_a_siro_file_in_its_publishers_layout_is_imported_onto_the_map(workspace):
    at = open_app(page="donnees")
    at.radio(key="w_up_kind").set_value("registry").run()
    at.selectbox(key="w_up_registry").select("siro").run()
    upload(at, csv_file("siro-202606.csv", SIRO))
    assert_clean(at)
    # Branches of the map reused (Syntec, HCR), two new ones (NEW_IDCC), OPCO cited as they are.
    assert "2 acteurs et 4 relations à ajouter" in at.success[0].value
    shown = " ".join(c.value for c in at.caption)
    assert "IDCC 9999" in shown and "1979" in shown  # the skipped row, the split IDCC
    at.button(key="w_add").click().run()
    assert_clean(at)
    assert counts(at) == (REF_ACTORS + 2, REF_TIES + 4)
    graph = whole_map()
    assert graph.nodes[f"idcc-{NEW_IDCC[0]}"]["kind"] == "BRANCH"
    # Beside the map's own attachment since 2019: the registry's tie has no start date.
    hcr = graph.get_edge_data("branche-hcr", "opco-akto", key="branche-hcr|ATTACHED_TO|opco-akto|")
    assert hcr["type"] == "ATTACHED_TO" and hcr["share"] == pytest.approx(0.667)
    assert "France compétences" in hcr["sources"][0]["publisher"]
    manifest = (workspace / "uploads" / "siro-202606" / MANIFEST).read_text(encoding="utf-8")
    assert 'registry = "siro"' in manifest

    # The same file again: everything it holds is on the map already.
    again = open_app(page="donnees")
    again.radio(key="w_up_kind").set_value("registry").run()
    again.selectbox(key="w_up_registry").select("siro").run()
    upload(again, csv_file("siro-202606.csv", SIRO))
    assert any("Rien de nouveau" in i.value for i in again.info)


def test_a_registry_import_says_its_rows_left_aside_and_its_remarks_in_english(workspace):
    at = open_app(page="donnees", lang="en")
    at.radio(key="w_up_kind").set_value("registry").run()
    at.selectbox(key="w_up_registry").select("siro").run()
    upload(at, csv_file("siro-202606.csv", SIRO))
    assert_clean(at)
    shown = [c.value.replace("\\", "") for c in at.caption]  # markdown escapes aside
    assert any("IDCC 9999 (no collective agreement): not a branch" in line for line in shown), shown
    assert any(line.startswith("1 IDCC shared between several OPCO (1979)") for line in shown), shown
    assert any(line.startswith("1 establishment managed by another OPCO than its owning OPCO") and "AKTO: 1" in line
               for line in shown), shown
    assert not any("pas une branche" in line or "partagé" in line for line in shown), shown


def test_a_registry_file_in_the_wrong_layout_is_one_problem_on_its_header(workspace):
    at = open_app(page="donnees")
    at.radio(key="w_up_kind").set_value("registry").run()
    at.selectbox(key="w_up_registry").select("siro").run()
    upload(at, csv_file("siro-202606.csv", SIRO.replace("|", ";")))
    assert not at.exception
    (problem,) = problems(at)
    assert problem[:2] == ("siro-202606.csv", 1)
    assert "« | »" in problem[3]
    assert not at.button


def test_read_only_refuses_to_add_and_to_remove(workspace, monkeypatch):
    from graph_model.models import Actor, Dataset

    seed = Dataset(actors=[Actor(id="cfa-exemple-quimper", name="CFA Exemple Quimper", kind="CFA")])
    kept = Uploads(uploads_root(workspace)).add("partenaires", seed)
    monkeypatch.setenv("OPCOMAP_READ_ONLY", "true")
    at = open_app(page="donnees")
    upload(at, csv_file("autres.csv", PARTNERS.replace("bretagne", "vannes").replace("rennes", "vannes")))
    assert not at.exception
    assert any("lecture seule" in w.value for w in at.warning)
    assert at.button(key="w_add").disabled
    assert at.button(key="w_remove").disabled
    assert Uploads(uploads_root(workspace)).names() == [kept.name]


def test_an_upload_stays_on_the_map_when_the_map_is_edited(workspace):
    from opcomap.editing.operations import CreateActor, plan
    from opcomap.editing.workspace import WorkspaceStore

    at = open_app(page="donnees")
    upload(at, csv_file("partenaires.csv", PARTNERS), csv_file("liens.csv", PARTNER_TIES))
    at.button(key="w_add").click().run()
    # The first edit copies the reference map into the workspace: the map is then the
    # workspace's files and the upload, read together.
    store = WorkspaceStore(workspace, default_schema())
    store.apply(plan(CreateActor(fields={"id": "cfa-nouveau", "name": "CFA Nouveau", "kind": "CFA"}),
                     store, default_schema(), who="test"))
    assert "of-exemple-bretagne" not in {a.id for a in store.dataset().actors}, "the edit workspace holds no upload"
    carte = open_app(page="carte")
    assert_clean(carte)
    assert counts(carte) == (REF_ACTORS + 3, REF_TIES + 3)

    # The edited workspace writes its sources under new ids: the reference map's still cite.
    at = open_app(page="donnees")
    upload(at, csv_file("cfa.csv", "source,target,type,sources\ncfa-nouveau,region-53,LOCATED_IN,"
                                   "opco-agrement-centre-inffo\n"))
    assert_clean(at)
    assert "0 acteur et 1 relation à ajouter" in at.success[0].value
    at.button(key="w_add").click().run()
    assert_clean(at)
    assert counts(at) == (REF_ACTORS + 3, REF_TIES + 4)


def test_when_an_edit_breaks_an_upload_the_page_names_it_and_removing_it_mends_the_map(workspace):
    from opcomap.editing import MergeActors, WorkspaceStore, version_of
    from opcomap.editing.operations import plan

    at = open_app(page="donnees")
    upload(at, csv_file("partenaires.csv", PARTNERS), csv_file("liens.csv", PARTNER_TIES))
    at.button(key="w_add").click().run()
    # AKTO, which the upload's funding tie starts from, is merged away in the edit workspace.
    store = WorkspaceStore(workspace, default_schema())
    akto, atlas = store.actor("opco-akto"), store.actor("opco-atlas")
    store.apply(plan(MergeActors(survivor_id="opco-atlas", survivor_version=version_of(atlas),
                                 merged_id="opco-akto", merged_version=version_of(akto)),
                     store, default_schema(), who="test"))
    at = open_app(page="donnees")
    assert not at.exception
    assert any("ne se lit plus" in w.value for w in at.warning)
    assert "uploads/partenaires/relationships.csv" in " ".join(m.value for m in at.markdown).replace("\\", "")
    at.selectbox(key="w_remove_pick").select("partenaires").run()
    at.button(key="w_remove").click().run()
    assert_clean(at)
    assert counts(at) == (REF_ACTORS - 1, len(store.dataset().relationships))


# -- --data folders -----------------------------------------------------------------------

def _folder(workspace: Path, name: str) -> Path:
    """A map folder of the user's own, beside the workspace: the partner files, which cite
    AKTO, Région Bretagne and a source of the reference map by their ids."""
    folder = workspace.parent / name
    folder.mkdir(parents=True)
    (folder / "partenaires.csv").write_text(PARTNERS, encoding="utf-8")
    (folder / "liens.csv").write_text(PARTNER_TIES, encoding="utf-8")
    return folder


def test_serve_with_several_data_folders_shows_them_as_one_map(workspace, monkeypatch):
    from opcomap.cli.serve_cmd import serve_environment

    partners = _folder(workspace, "partenaires")
    env = serve_environment([reference_dir(), partners], None)
    monkeypatch.setenv(DATA_ENV, env[DATA_ENV])
    at = open_app(page="carte")
    assert_clean(at)
    # AKTO and Région Bretagne are in both folders, word for word: one actor each.
    assert counts(at) == (REF_ACTORS + 2, REF_TIES + 3)
    assert str(partners) in " ".join(c.value for c in at.sidebar.caption).replace("\\", "")


def test_an_upload_over_data_folders_shows_over_them_only(workspace, monkeypatch):
    partners = _folder(workspace, "partenaires")
    monkeypatch.setenv(DATA_ENV, f"{reference_dir()}:{partners}")
    at = open_app(page="donnees")
    more = ("id,name,kind,region_code\n"
            "of-exemple-lorient,Organisme de formation Exemple Lorient,TRAINING_ORG,53\n")
    ties = ("source,target,type,source_title\n"
            "of-exemple-lorient,of-exemple-bretagne,PARTNERS_WITH,Accord (exemple)\n")
    upload(at, csv_file("lorient.csv", more), csv_file("lorient-liens.csv", ties))  # cites the second folder
    assert_clean(at)
    at.button(key="w_add").click().run()
    assert_clean(at)
    assert counts(at) == (REF_ACTORS + 3, REF_TIES + 4)
    assert not (workspace / "uploads").exists(), "kept apart from the embedded map's uploads"

    monkeypatch.delenv(DATA_ENV)
    embedded = open_app(page="carte")
    assert counts(embedded) == (REF_ACTORS, REF_TIES)


# -- Neo4j mode -------------------------------------------------------------------------------

@pytest.fixture
def neo4j_app(monkeypatch, neo4j_settings, empty_db):
    from opcomap.store.writer import write_dataset

    write_dataset(empty_db, REFERENCE, default_schema(), dataset_name="reference",
                  database=neo4j_settings.neo4j_database)
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    monkeypatch.setenv("OPCOMAP_READ_ONLY", "false")
    return empty_db


def _datasets(driver, database: str) -> dict[str, tuple[int, int]]:
    from opcomap.store.writer import dataset_sizes

    return {s.name: (s.actors, s.relationships) for s in dataset_sizes(driver, database)}


@pytest.mark.neo4j
def test_neo4j_an_upload_is_loaded_as_a_dataset_and_removed_as_one(neo4j_app, neo4j_settings):
    database = neo4j_settings.neo4j_database
    at = open_app(timeout=90, page="donnees")
    assert_clean(at)
    upload(at, csv_file("partenaires.csv", PARTNERS), csv_file("liens.csv", PARTNER_TIES))
    assert_clean(at)
    assert "2 acteurs et 3 relations à ajouter" in at.success[0].value
    at.button(key="w_add").click().run()
    assert_clean(at)
    assert "« partenaires » chargé dans Neo4j : 2 acteurs et 3 relations créés" in at.success[0].value
    assert counts(at) == (REF_ACTORS + 2, REF_TIES + 3)
    assert _datasets(neo4j_app, database) == {"reference": (REF_ACTORS, REF_TIES), "partenaires": (2, 3)}
    carte = open_app(timeout=90, page="carte")
    assert counts(carte) == (REF_ACTORS + 2, REF_TIES + 3)

    at = open_app(timeout=90, page="donnees")
    at.selectbox(key="w_remove_pick").select("partenaires").run()
    at.button(key="w_remove").click().run()
    assert any("Cochez" in e.value for e in at.error), "removal asks for a confirmation"
    at.checkbox(key="w_remove_confirm").check().run()
    at.button(key="w_remove").click().run()
    assert_clean(at)
    assert "« partenaires » retiré de la carte : 2 acteurs, 3 relations" in at.success[0].value
    assert _datasets(neo4j_app, database) == {"reference": (REF_ACTORS, REF_TIES)}
    assert counts(at) == (REF_ACTORS, REF_TIES)


@pytest.mark.neo4j
def test_neo4j_a_name_already_loaded_and_read_only_are_refused(neo4j_app, neo4j_settings, monkeypatch):
    at = open_app(timeout=90, page="donnees")
    upload(at, csv_file("partenaires.csv", PARTNERS), csv_file("liens.csv", PARTNER_TIES))
    at.text_input(key="w_dataset_name").input("reference").run()
    at.button(key="w_add").click().run()
    assert any("déjà sur la carte" in e.value for e in at.error)
    assert set(_datasets(neo4j_app, neo4j_settings.neo4j_database)) == {"reference"}

    monkeypatch.setenv("OPCOMAP_READ_ONLY", "true")
    at = open_app(timeout=90, page="donnees")
    upload(at, csv_file("partenaires.csv", PARTNERS), csv_file("liens.csv", PARTNER_TIES))
    assert at.button(key="w_add").disabled and at.button(key="w_remove").disabled


@pytest.mark.neo4j
def test_neo4j_remove_dataset_keeps_actors_other_datasets_tie_to(neo4j_app, neo4j_settings):
    from graph_model.models import Actor, Dataset, Relationship, Source
    from opcomap.store.writer import remove_dataset, write_dataset

    database = neo4j_settings.neo4j_database
    schema = default_schema()
    partner = Actor(id="of-exemple-bretagne", name="Organisme de formation Exemple Bretagne", kind="TRAINING_ORG")
    other = Actor(id="cfa-exemple-rennes", name="CFA Exemple Rennes", kind="CFA")
    cite = [Source(title="Accord (exemple)")]
    write_dataset(neo4j_app, Dataset(actors=[partner], relationships=[
        Relationship(source="opco-akto", target=partner.id, type="FUNDS", sources=cite)]),
        schema, dataset_name="partenaires", database=database)
    write_dataset(neo4j_app, Dataset(actors=[other], relationships=[
        Relationship(source=other.id, target=partner.id, type="PARTNERS_WITH", sources=cite)]),
        schema, dataset_name="cfa", database=database)

    result = remove_dataset(neo4j_app, "partenaires", database)
    assert (result.relationships, result.actors, result.kept_actors) == (1, 0, 1)
    sizes = _datasets(neo4j_app, database)
    assert sizes["cfa"] == (1, 1) and sizes["partenaires"] == (1, 0)
    assert sizes["reference"] == (REF_ACTORS, REF_TIES), "the actors it tied to are not its own"
    result = remove_dataset(neo4j_app, "cfa", database)
    assert (result.relationships, result.actors) == (1, 1)
    assert remove_dataset(neo4j_app, "partenaires", database).actors == 1  # no tie uses it any more
