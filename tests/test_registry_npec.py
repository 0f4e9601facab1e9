"""The NPEC importer on workbooks in France compétences' layouts (tests/fixtures/registries/npec)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from graph_model.models import Dataset, Relationship
from graph_model.schema import default_schema
from loaders import load_dataset
from loaders.registries import (
    Anchors,
    ImportOptions,
    ImportSummary,
    import_registry,
    registry_info,
    write_import,
)
from graph_model.errors import ValidationFailed
from loaders.bundled import reference_dir
from tests.registry_anchors import anchors_knowing

FIXTURES = Path(__file__).parent / "fixtures" / "registries" / "npec"
WORKBOOK = FIXTURES / "Referentiel-des-NPEC-01.09.2026_vMAJ-15.09.2026.xlsx"
WORKBOOK_2021 = FIXTURES / "VF_11.02.2021_Referentiel-NPEC-20192020_avec_idcc.xlsx"
RNCP_EXPORT = Path(__file__).parent / "fixtures" / "registries" / "rncp" / "export-fiches-csv-2026-11-30.zip"
SEPT_2026 = dt.date(2026, 9, 1)

ANCHORS = anchors_knowing("0016", "0029", "0413", "1597", "2216")


@pytest.fixture(scope="module")
def imported() -> tuple[Dataset, ImportSummary]:
    return import_registry("npec", WORKBOOK, default_schema(), anchors=ANCHORS)


def levels(dataset: Dataset, certification: str) -> dict[str, Relationship]:
    """The FUNDING_LEVEL ties reaching a certification, by branch."""
    return {r.source: r for r in dataset.relationships
            if r.type == "FUNDING_LEVEL" and r.target == certification}


def problems(path: Path) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ValidationFailed) as failed:
        import_registry("npec", path, default_schema())
    return [(p.row, p.column, p.text()) for p in failed.value.problems]


# -- funding levels -------------------------------------------------------------------------

def test_each_row_with_a_value_is_a_funding_level_from_each_branch_of_its_cpne(imported):
    dataset, _ = imported
    seller = levels(dataset, "rncp-37098")
    assert set(seller) == {"idcc-0478", "branche-commerce-alimentaire"}  # CPNE 2 -> 478, CPNE 57 -> 2216
    tie = seller["idcc-0478"]
    assert tie.properties == {"npec_eur": 7500.0, "cpne": "CNPE des sociétés financières"}
    assert tie.since == SEPT_2026 and "Code CPNE 2" in (tie.note or "")
    certification = dataset.actor_index()["rncp-37098"]
    assert (certification.kind, certification.name) == ("CERTIFICATION", "Conseiller de vente")


def test_amounts_written_as_text_are_euros(imported):
    dataset, _ = imported
    def amount(certification: str, branch: str) -> object:
        return levels(dataset, certification)[branch].properties["npec_eur"]

    assert amount("rncp-37098", "branche-commerce-alimentaire") == 7500.0  # « 7 500,00 »
    assert amount("rncp-39200", "branche-transports-routiers") == 8250.0  # « 8 250 € »
    assert amount("rncp-34463", "branche-commerce-alimentaire") == 6800.5  # « 6 800,50 »


def test_nc_nr_and_empty_values_are_skipped_and_counted(imported):
    dataset, summary = imported
    assert dict(summary.skipped_in("fr"))["NPEC non renseigné (NC, NR ou vide)"] == 3
    assert "idcc-1801" not in dataset.actor_index()  # CPNE 4 has NC and an empty cell only
    assert not levels(dataset, "rncp-40001")  # NR, and a CPNE the IDCC sheet lacks


def test_two_codes_in_one_cell_are_two_certifications(imported):
    dataset, _ = imported
    for code in ("rncp-39200", "rncp-39201"):
        assert set(levels(dataset, code)) == {"branche-transports-routiers"}  # IDCC 16 is 0016


def test_a_code_with_its_own_row_keeps_its_own_value(imported):
    # RNCP39201 has a row of its own (8 400) above the row it shares with RNCP39200 (8 250).
    dataset, _ = imported
    assert levels(dataset, "rncp-39201")["branche-transports-routiers"].properties["npec_eur"] == 8400.0
    assert levels(dataset, "rncp-39200")["branche-transports-routiers"].properties["npec_eur"] == 8250.0


def test_a_cpne_with_several_idcc_gives_one_tie_per_branch(imported):
    dataset, _ = imported
    assert set(levels(dataset, "rncp-35830")) == {"branche-ccn-1951", "branche-ccn-1966"}  # rows 29 and 413
    assert set(levels(dataset, "rncp-35669")) == {  # one cell « 1596, 1597, 1702 »
        "idcc-1596", "branche-batiment-ouvriers-plus-10", "idcc-1702"}


def test_a_number_without_its_rncp_prefix_is_an_rncp_code(imported):
    certification = imported[0].actor_index()["rncp-34463"]  # written 34463
    assert certification.name == "Responsable de la distribution et du développement commercial"


def test_a_cpne_absent_from_the_idcc_sheet_is_counted_and_reported(imported):
    _, summary = imported
    assert dict(summary.skipped_in("fr"))["CPNE absente de l'onglet CPNE-IDCC"] == 1
    assert any("absente de l'onglet CPNE-IDCC (codes 999)" in note for note in summary.notes_in("fr"))


def test_a_cpne_the_idcc_sheet_gives_no_idcc_is_reported(imported):
    dataset, summary = imported
    assert dict(summary.skipped_in("fr"))["CPNE sans IDCC dans l'onglet CPNE-IDCC"] == 1
    assert any("sans IDCC" in note and "(codes 1)" in note for note in summary.notes_in("fr"))
    assert "rncp-38012" not in dataset.actor_index()  # no tie, no lone actor


def test_the_file_is_dated_by_the_update_in_its_name(imported):
    dataset, summary = imported
    assert summary.file_date == dt.date(2026, 9, 15)
    assert {r.sources[0].consulted for r in dataset.relationships} == {dt.date(2026, 9, 15)}
    assert summary.rows == 12 + 9  # referential rows (blank rows apart) and CPNE-IDCC rows


# -- other versions of the workbook -----------------------------------------------------------

def test_the_2021_layout_is_read_by_its_words():
    # « Onglet 2 - par formation-CPNE », header on row 2, « Valeur finale », « Libellé CPNE », no date.
    dataset, summary = import_registry("npec", WORKBOOK_2021, default_schema(), anchors=ANCHORS)
    assert summary.file_date == dt.date(2021, 2, 11)
    retail = levels(dataset, "rncp-34463")
    assert set(retail) == {"idcc-1801"}
    assert retail["idcc-1801"].since is None
    assert retail["idcc-1801"].properties == {"npec_eur": 8320.5, "cpne": "CPNE des sociétés d'assistance"}
    assert set(levels(dataset, "rncp-35669")) == {
        "idcc-0478", "idcc-1596", "branche-batiment-ouvriers-plus-10", "idcc-1702"}


def test_a_zipped_workbook_is_read_like_the_workbook(tmp_path, imported):
    zipped = tmp_path / "Referentiel-des-NPEC-01.09.2026_vMAJ-15.09.2026.xlsx.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(WORKBOOK, WORKBOOK.name)
    dataset, _ = import_registry("npec", zipped, default_schema(), anchors=ANCHORS)
    assert {r.key for r in dataset.relationships} == {r.key for r in imported[0].relationships}


# -- bad input -----------------------------------------------------------------------------

def test_a_workbook_without_the_sheets_names_the_sheets_it_has():
    [(row, column, message)] = problems(FIXTURES / "npec-onglets-inconnus.xlsx")
    assert (row, column) == (None, None)
    assert "Onglet 3 - référentiel NPEC" in message and "Feuil1, Feuil2" in message


def test_a_missing_column_is_named_at_the_header_row():
    [(row, _, message)] = problems(FIXTURES / "npec-colonne-manquante.xlsx")
    assert row == 4 and "NPEC final" in message


def test_bad_cells_are_reported_with_their_excel_row_and_header():
    found = {(row, column): text for row, column, text in problems(FIXTURES / "npec-lignes-invalides.xlsx")}
    date_header = ("Date d'applicabilité des NPEC** (**hors contrats couverts par la valeur d'amorçage "
                   "+ voir onglet \"Me lire\")")  # the header as written, its line break read as a space
    assert set(found) == {(6, "IDCC"), (5, "NPEC final"), (6, "RNCP"), (7, date_header)}
    amount = found[(5, "NPEC final")]
    assert "environ 7 500" in amount and "Onglet 3 - référentiel NPEC" in amount
    assert "Onglet 4 - CPNE-IDCC" in found[(6, "IDCC")]


def test_a_file_that_is_not_a_workbook_is_one_problem():
    [(row, _, message)] = problems(RNCP_EXPORT)
    assert row is None and "classeur Excel (.xlsx) illisible" in message


# -- loader folders ---------------------------------------------------------------------------

def test_the_written_folder_loads_alone_and_joins_the_reference_map(imported, tmp_path):
    dataset, summary = imported
    folder = write_import(dataset, summary, registry_info("npec"), ImportOptions(), tmp_path / "npec")
    schema = default_schema()
    alone = load_dataset([folder], schema)
    assert len(alone.relationships) == len(dataset.relationships)
    both = load_dataset([reference_dir(), folder], schema)
    ids = [a.id for a in both.actors]
    assert len(ids) == len(set(ids))
    loaded = {(r.source, r.target): r for r in both.relationships if r.type == "FUNDING_LEVEL"}
    assert loaded[("branche-transports-routiers", "rncp-39200")].properties["npec_eur"] == 8250.0


def test_anchored_on_an_rncp_import_both_folders_share_the_certifications(tmp_path):
    schema = default_schema()
    rncp, rncp_summary = import_registry("rncp", RNCP_EXPORT, schema)
    rncp_folder = write_import(rncp, rncp_summary, registry_info("rncp"), ImportOptions(), tmp_path / "rncp")
    anchors = Anchors(load_dataset([reference_dir(), rncp_folder], schema))
    npec, npec_summary = import_registry("npec", WORKBOOK, schema, anchors=anchors)
    npec_folder = write_import(npec, npec_summary, registry_info("npec"), ImportOptions(), tmp_path / "npec")

    merged = load_dataset([reference_dir(), rncp_folder, npec_folder], schema)
    index = merged.actor_index()
    assert len(index) == len(merged.actors)
    seller = index["rncp-37098"]
    assert "Niveau 4" in (seller.description or "")  # the rncp import's definition, word for word
    reaching = {r.type for r in merged.relationships if r.target == "rncp-37098"}
    assert reaching == {"CERTIFIES", "FUNDING_LEVEL"}
