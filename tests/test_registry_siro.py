"""The SIRET-OPCO table (SIRO) importer, on small files in France compétences' own layout.

Fixtures (tests/fixtures/registries/siro/):
- siro-202606.csv: the published layout (``SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION``, UTF-8,
  no BOM, no quotes, LF) with what the real file holds: IDCC written ``16``, IDCC split
  between two OPCO, the escape values 9998/9999/5501, empty IDCC and OPCO, OPCO_GESTION
  filled for an overseas establishment, the table's own OPCO labels;
- siro-tableur.csv: the same table saved again by a spreadsheet (BOM, lower-case header,
  CRLF, a trailing empty line, a SIRET that lost its leading zero, other OPCO spellings);
- siro-erreurs.csv, siro-point-virgule.csv, siro-sans-proprietaire.csv, siro-vide.csv: bad input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_model.schema import default_schema
from loaders import load_dataset
from loaders.registries import Anchors, ImportOptions, import_registry, registry_info, write_import
from graph_model.errors import ValidationFailed
from loaders.bundled import reference_dir
from tests.registry_anchors import anchors_knowing

FIXTURES = Path(__file__).parent / "fixtures" / "registries" / "siro"
TABLE = FIXTURES / "siro-202606.csv"
RESAVED = FIXTURES / "siro-tableur.csv"

ANCHORS = anchors_knowing("0016", "0029", "0044", "0413", "1486", "1979", "2216", "2596", "2941", "3248")


def run(path: Path = TABLE, **options):
    return import_registry("siro", path, default_schema(), options=ImportOptions(**options), anchors=ANCHORS)


def ties(dataset, rel_type: str = "ATTACHED_TO"):
    return {(r.source, r.target): r for r in dataset.relationships if r.type == rel_type}


def problems_of(path: Path, **options):
    with pytest.raises(ValidationFailed) as caught:
        run(path, **options)
    return caught.value.problems


# -- the default import: branches, not companies -------------------------------------------

def test_each_branch_is_tied_to_the_opco_owning_its_establishments():
    dataset, summary = run()
    counts = {key: rel.properties["establishments"] for key, rel in ties(dataset).items()}
    assert counts == {
        ("branche-syntec", "opco-atlas"): 9,
        ("branche-transports-routiers", "opco-mobilites"): 5,
        ("branche-hcr", "opco-akto"): 3,
        ("branche-coiffure", "opco-ep"): 3,
        ("branche-aide-domicile", "opco-uniformation"): 2,
        ("branche-ccn-1951", "opco-sante"): 2,
        ("branche-commerce-alimentaire", "opco-commerce"): 2,
        ("branche-metallurgie", "opco-2i"): 2,
        ("idcc-1596", "opco-constructys"): 3,
        ("idcc-1586", "opco-ocapiat"): 1,
        ("idcc-1285", "opco-afdas"): 1,
    }
    assert summary.rows == 43
    assert not [a for a in dataset.actors if a.kind == "COMPANY"]
    # Every tie cites the table, dated by the month in the file's name.
    source = next(iter(ties(dataset).values())).sources[0]
    assert source.publisher == "France compétences"
    assert source.url == registry_info("siro").page_url
    assert summary.file_date.isoformat() == "2026-06-01"


def test_the_opco_are_the_reference_maps_whatever_the_tables_spelling():
    dataset, _ = run()
    reference = {a.id: a for a in load_dataset([reference_dir()], default_schema()).actors}
    opco = {a.id: a for a in dataset.actors if a.kind == "OPCO"}
    # OPCO2I, L'OPCOMMERCE, OPCO SANTE, UNIFORMATION COHESION SOCIALE... as the table writes them.
    assert sorted(opco) == [
        "opco-2i", "opco-afdas", "opco-akto", "opco-atlas", "opco-commerce", "opco-constructys",
        "opco-ep", "opco-mobilites", "opco-ocapiat", "opco-sante", "opco-uniformation",
    ]
    assert all(actor == reference[actor_id] for actor_id, actor in opco.items())


def test_the_tables_uniformation_cohesion_sociale_is_read_from_the_maps_aliases(tmp_path):
    # The table writes "UNIFORMATION COHESION SOCIALE"; the importer has no spelling table of
    # its own: the reference map lists that name as an alias of opco-uniformation.
    path = tmp_path / "siro-202606.csv"
    path.write_text("SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION\n"
                    "51779922700098|2941|UNIFORMATION COHESION SOCIALE|\n", encoding="utf-8")
    assert ties(run(path)[0]).keys() == {("branche-aide-domicile", "opco-uniformation")}
    reference = load_dataset([reference_dir()], default_schema())
    uniformation = next(a for a in reference.actors if a.id == "opco-uniformation")
    assert "Uniformation Cohésion sociale" in uniformation.aliases
    # The same map without that alias does not know the spelling.
    without_alias = Anchors(reference.model_copy(update={"actors": [
        a.model_copy(update={"aliases": []}) if a is uniformation else a for a in reference.actors]}))
    with pytest.raises(ValidationFailed) as caught:
        import_registry("siro", path, default_schema(), options=ImportOptions(), anchors=without_alias)
    (problem,) = caught.value.problems
    assert "OPCO inconnu « UNIFORMATION COHESION SOCIALE »" in problem.text()


def test_an_idcc_without_its_leading_zeros_is_the_same_branch():
    dataset, _ = run()
    # Three rows say 0016, two say 16: one branch, the reference map's road haulage.
    assert ties(dataset)[("branche-transports-routiers", "opco-mobilites")].properties["establishments"] == 5
    assert not [a for a in dataset.actors if a.id in {"idcc-0016", "idcc-16"}]


def test_an_unknown_idcc_becomes_a_new_branch():
    dataset, _ = run()
    branch = next(a for a in dataset.actors if a.id == "idcc-1596")
    assert branch.kind == "BRANCH" and branch.idcc == "1596"
    assert branch.name == "Convention collective IDCC 1596"


def test_a_split_idcc_goes_to_its_majority_opco_with_its_share_and_every_opcos_share_in_the_note():
    dataset, summary = run()
    syntec = ties(dataset)[("branche-syntec", "opco-atlas")]
    assert syntec.properties == {"establishments": 9, "share": 0.9}
    assert syntec.note == ("IDCC 1486 partagé : OPCO Atlas 90,0 % (9 établissements), OPCO 2i 10,0 % (1) ; "
                           "rattaché ici à l'OPCO majoritaire.")
    assert ("branche-syntec", "opco-2i") not in ties(dataset)
    assert ties(dataset)[("idcc-1596", "opco-constructys")].properties["share"] == 0.75
    # An IDCC with a single OPCO carries no share.
    assert "share" not in ties(dataset)[("branche-hcr", "opco-akto")].properties
    assert any(note.startswith("2 IDCC partagés entre plusieurs OPCO (1486, 1596)")
               for note in summary.notes_in("fr"))


def test_a_lone_establishment_among_thousands_is_not_written_as_zero_percent(tmp_path):
    # As in the real table, where 1486 has about 250,000 ATLAS rows and 2 OPCO2I rows.
    path = tmp_path / "siro-202606.csv"
    rows = [f"{31000000000000 + n}|1486|ATLAS|" for n in range(1999)] + ["52000000000017|1486|OPCO2I|"]
    path.write_text("SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION\n" + "\n".join(rows) + "\n", encoding="utf-8")
    syntec = ties(run(path)[0])[("branche-syntec", "opco-atlas")]
    assert syntec.properties == {"establishments": 1999, "share": 1.0}
    assert syntec.note.startswith(
        "IDCC 1486 partagé : OPCO Atlas > 99,9 % (1 999 établissements), OPCO 2i < 0,1 % (1)")


def test_a_managing_opco_other_than_the_owner_is_said_on_the_branch_tie_not_as_a_second_tie():
    dataset, summary = run()
    coiffure = ties(dataset)[("branche-coiffure", "opco-ep")]
    assert coiffure.note == ("IDCC 2596 : branche gérée par AKTO pour 1 établissement "
                             "(OPCO de gestion distinct de l'OPCO propriétaire).")
    assert ("branche-coiffure", "opco-akto") not in ties(dataset)
    split_and_managed = ties(dataset)[("idcc-1596", "opco-constructys")].note
    assert split_and_managed.startswith(
        "IDCC 1596 partagé : Constructys 75,0 % (3 établissements), OPCO EP 25,0 % (1)")
    assert "; branche gérée par AKTO pour 1 établissement" in split_and_managed
    # An HCR row names AKTO as both owner and manager: nothing to say.
    assert ties(dataset)[("branche-hcr", "opco-akto")].note is None
    assert any(note.startswith("2 établissements gérés par un autre OPCO que leur OPCO propriétaire")
               and "AKTO : 2" in note for note in summary.notes_in("fr"))


def test_the_summary_is_said_in_english_too():
    _, summary = run()
    assert dict(summary.skipped_in("en")) == {
        "IDCC 9999 (no collective agreement): not a branch": 3,
        "IDCC 9998 (agreement being determined): not a branch": 1,
        "IDCC 5501 (escape value of the DSN): not a branch": 1,
        "owning OPCO not given (establishment not attached by France compétences)": 3,
    }
    notes = summary.notes_in("en")
    assert any(note.startswith("2 IDCC shared between several OPCO (1486, 1596): each branch is attached")
               for note in notes), notes
    assert any(note.startswith("2 establishments managed by another OPCO than their owning OPCO (OPCO_GESTION "
                               "column; AKTO: 2)") for note in notes), notes


def test_escape_idcc_and_empty_cells_make_no_branch_and_are_counted():
    dataset, summary = run()
    assert dict(summary.skipped_in("fr")) == {
        "IDCC 9999 (sans convention collective) : pas une branche": 3,
        "IDCC 9998 (convention en cours de détermination) : pas une branche": 1,
        "IDCC 5501 (valeur d'échappement de la DSN) : pas une branche": 1,
        "OPCO propriétaire non renseigné (établissement non rattaché par France compétences)": 3,
    }
    idccs = {a.idcc for a in dataset.actors if a.kind == "BRANCH"}
    assert not idccs & {"9999", "9998", "5501"}
    # 9 ATLAS rows and one row with no OPCO for 1486: the latter is not an establishment of the tie.
    assert ties(dataset)[("branche-syntec", "opco-atlas")].properties["establishments"] == 9


def test_progress_reports_every_byte_of_the_file():
    read: list[int] = []
    import_registry("siro", TABLE, default_schema(), progress=read.append)
    assert sum(read) == TABLE.stat().st_size


# -- with --companies --------------------------------------------------------------------

def test_companies_makes_one_establishment_per_siret_tied_to_its_owner():
    dataset, _ = run(companies=True)
    companies = {a.id: a for a in dataset.actors if a.kind == "COMPANY"}
    assert len(companies) == 40  # 43 rows, three without an OPCO
    first = companies["etab-05576169600081"]  # a SIREN starting with 0 keeps it
    assert first.siret == "05576169600081" and first.name == "Établissement 05576169600081"
    assert first.idcc == "1486"
    assert ties(dataset)[("etab-05576169600081", "opco-atlas")].properties == {}
    # The branch ties are still there, with the same counts.
    assert ties(dataset)[("branche-syntec", "opco-atlas")].properties["establishments"] == 9


def test_companies_under_an_escape_idcc_are_still_attached_to_their_opco():
    dataset, _ = run(companies=True)
    # The three 9999 rows, filed under three OPCO.
    for siret, opco in {"36460013000009": "opco-atlas", "51189557500096": "opco-akto",
                        "89065939400070": "opco-ep"}.items():
        company = next(a for a in dataset.actors if a.id == f"etab-{siret}")
        assert company.idcc is None and "9999 (sans convention collective)" in company.description
        assert (f"etab-{siret}", opco) in ties(dataset)


def test_a_company_managed_by_another_opco_says_so_on_its_tie():
    dataset, _ = run(companies=True)
    notes = {source: rel.note for (source, _), rel in ties(dataset).items()
             if source.startswith("etab-") and rel.note}
    assert notes == {
        "etab-94133017700051": "Géré par AKTO (OPCO de gestion).",  # CONSTRUCTYS, managed by AKTO
        "etab-73601610600055": "Géré par AKTO (OPCO de gestion).",  # OPCO EP, managed by AKTO
    }
    assert ("etab-73601610600055", "opco-akto") not in ties(dataset)


def test_a_siret_list_keeps_only_those_establishments():
    wanted = {"05576169600081", "62671475200013", "99999999999999"}
    dataset, summary = run(companies=True, sirets=frozenset(wanted))
    companies = sorted(a.id for a in dataset.actors if a.kind == "COMPANY")
    assert companies == ["etab-05576169600081", "etab-62671475200013"]
    branches = {key: rel.properties["establishments"] for key, rel in ties(dataset).items()
                if not key[0].startswith("etab-")}
    assert branches == {
        ("branche-syntec", "opco-atlas"): 1, ("branche-transports-routiers", "opco-mobilites"): 1,
    }
    assert dict(summary.skipped_in("fr"))["SIRET hors de la liste de SIRET demandée"] == 41
    assert "1 SIRET demandé absent de la table SIRET-OPCO." in summary.notes_in("fr")


@pytest.mark.parametrize("options", [{"regions": frozenset({"53"})}, {"departements": frozenset({"35"})},
                                     {"companies": True, "regions": frozenset({"53"})}])
def test_a_region_or_departement_filter_is_refused_rather_than_faked(options):
    (problem,) = problems_of(TABLE, **options)
    assert problem.row is None
    assert "ne donne pas l'adresse des établissements" in problem.text() and "SIRET" in problem.text()


# -- a table saved again by a spreadsheet --------------------------------------------------

def test_a_resaved_table_with_bom_lowercase_header_crlf_and_a_trailing_empty_line_reads_the_same():
    dataset, summary = run(RESAVED)
    assert summary.rows == 8  # the empty last line is not a row
    assert {key: rel.properties["establishments"] for key, rel in ties(dataset).items()} == {
        ("branche-syntec", "opco-atlas"): 1,  # "Atlas"
        ("branche-transports-routiers", "opco-mobilites"): 1,  # "16", "Opco Mobilités"
        ("branche-metallurgie", "opco-2i"): 1,  # "Opco 2i"
        ("branche-chimie", "opco-2i"): 1,  # "44", "OPCO 2I"
        ("branche-aide-domicile", "opco-uniformation"): 1,  # "UNIFORMATION"
        ("branche-ccn-1966", "opco-sante"): 1,  # "413", "OPCO Santé"
    }
    assert dict(summary.skipped_in("fr")) == {
        "IDCC 9999 (sans convention collective) : pas une branche": 1,
        "IDCC non renseigné (établissement en anomalie dans la DSN) : pas de branche": 1,
    }


def test_a_siret_that_lost_its_leading_zero_is_padded_and_said():
    dataset, summary = run(RESAVED, companies=True)
    company = next(a for a in dataset.actors if a.id == "etab-09378785100075")
    assert company.siret == "09378785100075"  # written 9378785100075 in the file
    assert "1 SIRET à 13 chiffres complété d'un zéro de tête" in summary.notes_in("fr")[0]
    # An establishment with an OPCO but no IDCC is still attached to that OPCO.
    assert ("etab-91076854800034", "opco-akto") in ties(dataset)


# -- bad input ------------------------------------------------------------------------------

def test_each_bad_row_is_a_problem_naming_its_row_and_column():
    problems = problems_of(FIXTURES / "siro-erreurs.csv")
    where = [(p.row, p.column) for p in problems]
    assert where == [(3, "OPCO_PROPRIETAIRE"), (4, "SIRET"), (5, "SIRET"), (6, "IDCC"), (7, None),
                     (8, "OPCO_GESTION"), (9, "IDCC")]
    text = {p.row: p.text() for p in problems}
    assert "OPCO inconnu « OPCO INDUSTRIES »" in text[3] and "OPCO Atlas" in text[3]
    assert "SIRET « 5,59E+13 » illisible : 14 chiffres attendus" in text[4]
    assert "IDCC « 12345 » illisible" in text[6]
    assert "ligne incomplète : 2 colonnes au lieu de 4" in text[7]
    assert "OPCO inconnu « OPCO OUTRE-MER »" in text[8]
    assert all(p.file.endswith("siro-erreurs.csv") for p in problems)


def test_a_semicolon_separated_file_is_one_problem_naming_the_missing_columns_and_the_separator():
    (problem,) = problems_of(FIXTURES / "siro-point-virgule.csv")
    assert problem.row == 1
    assert "colonnes obligatoires absentes : SIRET, IDCC, OPCO_PROPRIETAIRE" in problem.text()
    assert "séparé par « ; »" in problem.text() and "« | »" in problem.text()


def test_a_missing_column_is_one_problem_naming_it():
    (problem,) = problems_of(FIXTURES / "siro-sans-proprietaire.csv")
    assert problem.row == 1
    assert "colonne obligatoire absente : OPCO_PROPRIETAIRE ;" in problem.text()
    assert "colonnes lues : SIRET, IDCC, OPCO" in problem.text()


def test_an_empty_file_is_one_problem():
    (problem,) = problems_of(FIXTURES / "siro-vide.csv")
    assert "fichier vide" in problem.text()
    assert "SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION" in problem.text()


def test_a_zip_or_a_binary_file_is_one_problem_not_a_traceback(tmp_path):
    archive = tmp_path / "siro-202606.zip"
    archive.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    (problem,) = problems_of(archive)
    assert "archive zip" in problem.text() and "siro-AAAAMM.csv" in problem.text()
    binary = tmp_path / "siro-202606.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    (problem,) = problems_of(binary)
    assert problem.row == 1 and "SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION" in problem.text()


# -- the loader folder ----------------------------------------------------------------------

@pytest.mark.parametrize("companies", [False, True])
def test_the_written_folder_loads_alone_and_with_the_reference_map_as_one_graph(tmp_path, companies):
    options = ImportOptions(companies=companies)
    dataset, summary = import_registry("siro", TABLE, default_schema(), options=options)
    folder = write_import(dataset, summary, registry_info("siro"), options, tmp_path / "siro")
    schema = default_schema()

    alone = load_dataset([folder], schema)
    assert len(alone.relationships) == len(dataset.relationships)
    attached = {(r.source, r.target): r for r in alone.relationships}
    assert attached[("branche-syntec", "opco-atlas")].properties == {"establishments": 9, "share": 0.9}

    reference = load_dataset([reference_dir()], schema)
    both = load_dataset([reference_dir(), folder], schema)
    ids = [a.id for a in both.actors]
    assert len(ids) == len(set(ids))  # the reference map's branches and OPCO are shared, not copied
    new = {a.id for a in dataset.actors} - {a.id for a in reference.actors}
    assert len(ids) == len(reference.actors) + len(new)
    # A branch of the table the map has (by IDCC) is the map's; the others are new.
    by_idcc = {a.idcc: a.id for a in reference.actors if a.kind == "BRANCH" and a.idcc}
    branches = {a.id for a in dataset.actors if a.kind == "BRANCH"}
    assert branches == {by_idcc.get(idcc, f"idcc-{idcc}") for idcc in ("0016", "0029", "1285", "1486",
                                                                        "1586", "1596", "1979", "2216", "2596",
                                                                        "2941", "3248")}
    assert {b for b in branches if b.startswith("idcc-")} <= new and "branche-syntec" not in new
    # Anchors refer to the map's actors: the map's own definition is the one kept.
    assert set(dataset.anchors) == {a.id for a in dataset.actors} & {a.id for a in reference.actors}
    assert len(both.relationships) == len(reference.relationships) + len(dataset.relationships)
