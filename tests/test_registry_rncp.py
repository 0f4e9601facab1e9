"""The RNCP / RS importer on archives in France compétences' layout (tests/fixtures/registries/rncp)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from graph_model.models import Dataset
from graph_model.schema import default_schema
from loaders import load_dataset
from loaders.registries import (
    ImportOptions,
    ImportSummary,
    import_registry,
    registry_info,
    write_import,
)
from loaders.registries.rncp import INFO
from graph_model.errors import ValidationFailed
from loaders.bundled import reference_dir
from tests.registry_anchors import anchors_knowing

FIXTURES = Path(__file__).parent / "fixtures" / "registries" / "rncp"
EXPORT = FIXTURES / "export-fiches-csv-2026-11-30.zip"
TRAVAIL = "certif-11000007200014"

ANCHORS = anchors_knowing("0016", "0029", "0413", "0573", "1979", "2216", "2264")


@pytest.fixture(scope="module")
def imported() -> tuple[Dataset, ImportSummary]:
    return import_registry("rncp", EXPORT, default_schema(), anchors=ANCHORS)


def actors(dataset: Dataset) -> dict:
    return dataset.actor_index()


def ties(dataset: Dataset, rel_type: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in dataset.relationships if r.type == rel_type}


def problems(path: Path) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ValidationFailed) as failed:
        import_registry("rncp", path, default_schema())
    return [(p.row, p.column, p.text()) for p in failed.value.problems]


# -- certifications ---------------------------------------------------------------------

def test_each_fiche_is_a_certification_with_level_status_and_end_date(imported):
    dataset, _ = imported
    fiche = actors(dataset)["rncp-37098"]
    assert (fiche.kind, fiche.name, fiche.aliases) == ("CERTIFICATION", "Conseiller de vente", ["RNCP37098"])
    assert fiche.until == dt.date(2027, 7, 21)
    assert "Niveau 4" in fiche.description and "Titre professionnel" in fiche.description
    assert "active, fin d'enregistrement le 21/07/2027" in fiche.description
    assert {"certification", "RNCP", "TP", "active"} <= set(fiche.tags)
    certifications = [a for a in dataset.actors if a.kind == "CERTIFICATION"]
    assert len(certifications) == 10


def test_rs_fiches_are_certifications_of_the_specific_directory(imported):
    fiche = actors(imported[0])["rs-5678"]
    assert fiche.kind == "CERTIFICATION" and "RS" in fiche.tags and "RNCP" not in fiche.tags
    assert "répertoire spécifique" in fiche.description and "Niveau" not in fiche.description


def test_a_title_broken_over_two_lines_in_its_quotes_is_one_line(imported):
    assert actors(imported[0])["rncp-34463"].name == (
        "Responsable de la distribution et du développement commercial (option commerce de proximité)")


def test_a_semicolon_inside_quotes_stays_in_the_title(imported):
    assert actors(imported[0])["rncp-28757"].name == "Agent de propreté et d'hygiène ; milieux sensibles"


def test_inactive_fiches_are_kept_tagged_inactive_until_their_end_date(imported):
    dataset, summary = imported
    ended, undated = actors(dataset)["rncp-28757"], actors(dataset)["rncp-9853"]
    assert "inactive" in ended.tags and ended.until == dt.date(2023, 12, 31)
    assert "inactive" in undated.tags and undated.until is None
    assert any("2 fiches inactives importées" in note for note in summary.notes_in("fr"))


# -- certifiers -------------------------------------------------------------------------

def test_the_same_certifier_for_many_fiches_is_one_actor(imported):
    dataset, _ = imported
    ministry = [a for a in dataset.actors if a.id == TRAVAIL]
    assert len(ministry) == 1
    assert (ministry[0].kind, ministry[0].siret) == ("CERTIFIER", "11000007200014")
    certified = {t for s, t in ties(dataset, "CERTIFIES") if s == TRAVAIL}
    assert certified == {"rncp-37098", "rncp-39200", "rncp-9853"}


def test_a_certifier_without_siret_is_named_by_its_name(imported):
    dataset, _ = imported
    lycee = actors(dataset)["certif-lycee-professionnel-exemple-de-rennes"]
    assert lycee.siret is None and lycee.name == "LYCEE PROFESSIONNEL EXEMPLE DE RENNES"
    assert {s for s, t in ties(dataset, "CERTIFIES") if t == "rncp-40001"} == {
        "certif-11004301500012", "certif-lycee-professionnel-exemple-de-rennes"}


def test_a_certifier_name_with_semicolon_and_line_break_is_read_whole(imported):
    assert actors(imported[0])["certif-78945612300027"].name == (
        "ASSOCIATION EXEMPLE DES METIERS DE LA PROPRETE ; COMMISSION FORMATION")


# -- branches ---------------------------------------------------------------------------

def test_idcc_without_leading_zeros_reach_the_reference_branches(imported):
    dataset, _ = imported
    covers = ties(dataset, "COVERS_BRANCH")
    assert {t for s, t in covers if s == "rncp-37098"} == {
        "branche-commerce-alimentaire", "branche-commerce-gros", "idcc-1517"}  # 2216, 573 (0573), 1517
    assert ("rncp-39200", "branche-transports-routiers") in covers  # 16 is 0016
    assert {t for s, t in covers if s == "rncp-35830"} == {
        "branche-ccn-1951", "branche-ccn-1966", "branche-hospitalisation-privee"}  # 29, 413, 2264


def test_an_idcc_the_map_lacks_is_a_new_branch_named_by_the_export(imported):
    branch = actors(imported[0])["idcc-1517"]
    assert (branch.kind, branch.idcc, branch.name) == ("BRANCH", "1517", "Commerce de détail non alimentaire")


def test_a_known_agreement_under_another_number_goes_to_the_map_branch(imported):
    dataset, summary = imported
    assert ("rncp-38012", "branche-hcr") in ties(dataset, "COVERS_BRANCH")
    assert "idcc-3292" not in actors(dataset)
    assert any("3292" in note and "IDCC 1979" in note for note in summary.notes_in("fr"))


def test_rows_about_fiches_absent_from_the_standard_table_are_skipped(imported):
    dataset, summary = imported
    assert dict(summary.skipped_in("fr")) == {"fiche absente du tableau Standard": 2}  # one certifier row, one CCN row
    assert not {"rncp-99999", "rncp-88888", "branche-syntec"} & set(actors(dataset))
    assert summary.rows == 10 + 12 + 9


def test_every_tie_cites_the_registry_dated_by_the_export(imported):
    dataset, summary = imported
    assert summary.file_date == dt.date(2026, 11, 30)
    for rel in dataset.relationships:
        (source,) = rel.sources
        assert source.url == INFO.page_url and source.consulted == dt.date(2026, 11, 30)
        assert "30/11/2026" in source.title


# -- file date and encoding ---------------------------------------------------------------

def test_without_a_date_in_its_name_the_archive_is_dated_by_its_tables(tmp_path):
    renamed = tmp_path / "rncp.zip"
    shutil.copy(EXPORT, renamed)  # a fresh modification time: only the table names carry 30/11/2026
    dataset, summary = import_registry("rncp", renamed, default_schema())
    assert summary.file_date == dt.date(2026, 11, 30)
    assert dataset.relationships[0].sources[0].consulted == dt.date(2026, 11, 30)


def test_a_date_given_by_the_user_wins():
    options = ImportOptions(file_date=dt.date(2026, 12, 1))
    _, summary = import_registry("rncp", EXPORT, default_schema(), options=options)
    assert summary.file_date == dt.date(2026, 12, 1)


def test_a_windows_1252_export_reads_its_accents():
    # The published export is UTF-8; a copy re-saved by a spreadsheet is Windows-1252.
    export = FIXTURES / "export-fiches-csv-windows-1252.zip"
    dataset, summary = import_registry("rncp", export, default_schema())
    assert actors(dataset)["rncp-28757"].name == "Agent de propreté et d'hygiène ; milieux sensibles"
    assert "Diplôme d'État" in actors(dataset)["rncp-35830"].description
    assert summary.file_date == dt.date(2026, 6, 1)


def test_progress_counts_the_archive_bytes():
    seen: list[int] = []
    import_registry("rncp", EXPORT, default_schema(), progress=seen.append)
    assert 0 < sum(seen) <= EXPORT.stat().st_size


# -- bad input --------------------------------------------------------------------------

def test_an_extracted_table_instead_of_the_archive_is_one_problem():
    [(row, column, message)] = problems(FIXTURES / "export_fiches_CSV_Standard_2026_11_30.csv")
    assert (row, column) == (None, None) and "pas une archive zip" in message


def test_an_archive_without_the_standard_table_names_what_it_holds():
    [(row, _, message)] = problems(FIXTURES / "archive-sans-standard.zip")
    assert row is None and "export_fiches_CSV_Standard" in message
    assert "export_fiches_CSV_CCN_2026_11_30.csv" in message  # what the archive holds


def test_a_table_with_another_separator_names_its_missing_columns():
    [(row, _, message)] = problems(FIXTURES / "standard-virgules.zip")
    assert row == 1 and "Numero_Fiche, Intitule" in message and "« ; »" in message


def test_bad_rows_are_reported_with_their_table_row_and_column():
    found = problems(FIXTURES / "lignes-invalides.zip")
    assert {(row, column) for row, column, _ in found} == {
        (2, "Numero_Fiche"), (3, "Date_Fin_Enregistrement"), (4, "Actif"),
        (2, "Siret_Certificateur"), (2, "Ccn_2_Numero")}
    by_column = {column: message for _, column, message in found}
    assert by_column["Numero_Fiche"].startswith("export_fiches_CSV_Standard_2026_11_30.csv : ")
    assert "RNCPX37098" in by_column["Numero_Fiche"]
    assert by_column["Siret_Certificateur"].startswith("export_fiches_CSV_Certificateurs_2026_11_30.csv : ")
    assert "10900" in by_column["Ccn_2_Numero"]


# -- the loader folder ----------------------------------------------------------------------

def test_the_written_folder_loads_alone_and_joins_the_reference_map(imported, tmp_path):
    dataset, summary = imported
    folder = write_import(dataset, summary, registry_info("rncp"), ImportOptions(), tmp_path / "rncp")
    schema = default_schema()
    alone = load_dataset([folder], schema)
    assert len(alone.actors) == len(dataset.actors) and len(alone.relationships) == len(dataset.relationships)

    reference = load_dataset([reference_dir()], schema)
    both = load_dataset([reference_dir(), folder], schema)
    ids = [a.id for a in both.actors]
    assert len(ids) == len(set(ids))
    new = {a.id for a in dataset.actors} - {a.id for a in reference.actors}
    assert len(both.actors) == len(reference.actors) + len(new)
    assert "branche-hcr" not in new and "idcc-1517" in new
