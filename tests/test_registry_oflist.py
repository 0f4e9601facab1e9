"""The of-list importer: the DGEFP's public list of training organisations, in its own layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_model.schema import default_schema
from loaders import load_dataset
from loaders.registries import (
    ImportOptions,
    import_registry,
    read_manifest,
    reference_anchors,
    registry_info,
    write_import,
)
from loaders.registries.oflist import INFO, PUBLISHED_COLUMNS
from graph_model.errors import ValidationFailed
from loaders.bundled import reference_dir

FIXTURES = Path(__file__).parent / "fixtures" / "registries" / "of-list"
LIST = FIXTURES / "liste-publique-of.csv"

NDA = "numeroDeclarationActivite"
VAE = "certifications.VAE"
START = "informationsDeclarees.debutExercice"
END = "informationsDeclarees.finExercice"
TRAINEES = "informationsDeclarees.nbStagiaires"

DUPLICATE = "NDA en double (la première ligne est retenue)"
OUT_OF_SCOPE = "hors du périmètre demandé (région, département ou SIRET)"
NO_REGION = "code Région absent : organisme importé sans lien à une Région"
UNKNOWN_REGION = "code Région inconnu de la carte : organisme importé sans lien à une Région"


@pytest.fixture(scope="module")
def schema():
    return default_schema()


@pytest.fixture(scope="module")
def anchors(schema):
    return reference_anchors(schema)


@pytest.fixture(scope="module")
def imported(schema, anchors):
    return import_registry("of-list", LIST, schema, anchors=anchors)


def run(path: Path, schema, anchors, **options):
    return import_registry("of-list", path, schema, options=ImportOptions(**options), anchors=anchors)


def organisations(dataset) -> dict:
    return {a.id: a for a in dataset.actors if a.id.startswith("of-")}


def located(dataset) -> dict[str, str]:
    return {r.source: r.target for r in dataset.relationships if r.type == "LOCATED_IN"}


def problems_of(path: Path, schema, anchors, **options) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ValidationFailed) as caught:
        run(path, schema, anchors, **options)
    assert {p.file for p in caught.value.problems} == {str(path)}
    return [(p.row, p.column, p.text()) for p in caught.value.problems]


# -- what a user gets ------------------------------------------------------------------

def test_each_declared_organisation_becomes_one_actor(imported):
    dataset, summary = imported
    orgs = organisations(dataset)
    assert summary.rows == 23
    assert len(orgs) == 22  # 23 rows, one NDA listed twice
    rennes = orgs["of-53350987635"]
    assert rennes.name == "ORGANISME DE FORMATION EXEMPLE BRETAGNE"
    assert rennes.kind == "TRAINING_ORG"
    assert rennes.siret == "81234567600017"
    assert (rennes.region_code, rennes.region_name) == ("53", "Bretagne")
    assert rennes.tags == ["qualiopi:actions-de-formation"]
    assert rennes.since is None  # the file gives declaration dates, not the organisation's start
    assert rennes.sectors == ["Développement des capacités comportementales et relationnelles",
                              "Ressources humaines, gestion du personnel, gestion de l'emploi"]
    for words in ("NDA 53350987635", "RENNES", "du 01/01/2024 au 31/12/2024", "1 250 stagiaires déclarés",
                  "Dernière déclaration le 28/04/2025", "Certifié Qualiopi : actions de formation"):
        assert words in rennes.description


def test_apprenticeship_certification_makes_a_cfa(imported):
    orgs = organisations(imported[0])
    lyon = orgs["of-84691234569"]
    assert lyon.kind == "CFA"
    assert lyon.tags == ["qualiopi:actions-de-formation", "qualiopi:apprentissage"]
    assert orgs["of-44670987667"].kind == "CFA"
    assert sorted(a.id for a in orgs.values() if a.kind == "CFA") == ["of-44670987667", "of-84691234569"]
    assert any("2 organismes certifiés Qualiopi pour l'apprentissage" in n for n in imported[1].notes_in("fr"))


def test_qualiopi_categories_become_tags(imported):
    orgs = organisations(imported[0])
    assert orgs["of-93130876513"].tags == ["qualiopi:bilans-de-competences", "qualiopi:vae"]
    assert orgs["of-53290654329"].tags == ["qualiopi:vae"]
    lille = orgs["of-32590345659"]
    assert lille.tags == ["qualiopi:aucune"]
    assert "Sans certification Qualiopi" in lille.description


def test_each_organisation_is_located_in_its_region_citing_the_list(imported):
    dataset, _ = imported
    ties = located(dataset)
    assert ties["of-53350987635"] == "region-53"
    assert ties["of-84380123438"] == "region-84"
    assert ties["of-94200123420"] == ties["of-94200456720"] == "region-94"
    assert len(ties) == 20  # 22 organisations, one without a Région code, one outside the map's Régions
    for rel in dataset.relationships:
        assert [s.url for s in rel.sources] == [INFO.page_url]
        assert rel.sources[0].publisher == "Ministère du Travail – DGEFP"
    # The Régions are the reference map's own actors.
    regions = {a.id: a for a in dataset.actors if a.kind == "REGION"}
    assert regions["region-53"].name == "Région Bretagne"


def test_a_new_declaration_without_exercise_says_so(imported):
    paris = organisations(imported[0])["of-11750876575"]
    assert "Exercice" not in paris.description and "stagiaires" not in paris.description
    assert "Dernière déclaration le 15/03/2025" in paris.description


def test_previous_nda_and_represented_foreign_organisation_are_described(imported):
    orgs = organisations(imported[0])
    assert "NDA précédent : 82380045638." in orgs["of-84380123438"].description
    assert "Représente l'organisme étranger TRAINING EXAMPLE GMBH (ALLEMAGNE)" in orgs["of-11755432175"].description


def test_the_description_agrees_with_one_trainee_and_several_previous_nda(schema, anchors, tmp_path):
    header, *rows = LIST.read_text(encoding="utf-8").splitlines()
    grenoble = next(row for row in rows if row.startswith('"84380123438"'))
    cells = grenoble.split(";")
    cells[1] = '"82380045638, 82380099938"'
    cells[-4] = "1"  # nbStagiaires: the line ends with a ";"
    small = tmp_path / "liste-publique-of.csv"
    small.write_text(header + "\n" + ";".join(cells) + "\n", encoding="utf-8")
    description = organisations(run(small, schema, anchors)[0])["of-84380123438"].description
    assert "NDA précédents : 82380045638, 82380099938." in description
    assert "Exercice du 01/01/2024 au 31/12/2024 : 1 stagiaire déclaré." in description


# -- the file's traps ------------------------------------------------------------------

def test_nda_and_siret_keep_their_leading_zeros(imported):
    guadeloupe = organisations(imported[0])["of-01971023497"]
    assert guadeloupe.siret == "03812345100015"
    assert "NDA 01971023497" in guadeloupe.description
    assert "of-04974012397" in organisations(imported[0])


def test_region_written_without_its_leading_zero(imported):
    dataset, _ = imported
    guadeloupe = organisations(dataset)["of-01971023497"]  # the file writes its Région "1"
    assert (guadeloupe.region_code, guadeloupe.region_name) == ("01", "Guadeloupe")
    assert located(dataset)["of-01971023497"] == "region-01"
    assert located(dataset)["of-04974012397"] == "region-04"


def test_semicolon_inside_a_quoted_address_and_doubled_quotes(imported):
    orgs = organisations(imported[0])
    nantes = orgs["of-52440567844"]  # "12 RUE DE LA GARE; BATIMENT B" does not shift the columns
    assert nantes.siret == "88123456100010" and "NANTES" in nantes.description
    assert nantes.tags == ["qualiopi:actions-de-formation", "qualiopi:vae"]
    assert orgs["of-93130876513"].name == 'ASSOCIATION "SAVOIRS ET METIERS" EXEMPLE'


def test_an_nda_listed_twice_keeps_the_first_row(imported):
    dataset, summary = imported
    rennes = organisations(dataset)["of-53350987635"]
    assert rennes.name == "ORGANISME DE FORMATION EXEMPLE BRETAGNE"
    assert rennes.siret == "81234567600017"
    assert dict(summary.skipped_in("fr"))[DUPLICATE] == 1


def test_empty_or_foreign_region_code_makes_the_actor_without_a_tie(imported):
    dataset, summary = imported
    orgs, ties = organisations(dataset), located(dataset)
    represented = orgs["of-11755432175"]  # empty Région code
    saint_pierre = orgs["of-97597012397"]  # 975: not one of the map's Régions
    for actor in (represented, saint_pierre):
        assert actor.id not in ties
        assert actor.region_code is None and actor.region_name is None
    assert saint_pierre.siret == "91234876000014"
    assert represented.siret is None
    assert dict(summary.skipped_in("fr"))[NO_REGION] == 1
    assert dict(summary.skipped_in("fr"))[UNKNOWN_REGION] == 1


def test_a_siret_that_lost_its_leading_zero_gets_it_back(imported):
    dataset, summary = imported
    limoges = organisations(dataset)["of-75870123487"]  # "3812345100023", SIREN "038123451"
    assert limoges.siret == "03812345100023"
    assert any(n.startswith("1 SIRET à 13 chiffres complété d'un zéro de tête") for n in summary.notes_in("fr"))


def test_a_malformed_siret_is_dropped_with_a_note(imported):
    dataset, summary = imported
    poitiers = organisations(dataset)["of-75860234586"]  # "4487651230001": the SIREN says a digit is missing
    assert poitiers.siret is None
    assert poitiers.region_code == "75"  # the organisation itself is imported
    assert any("1 organisme avec un SIRET qui ne compte pas 14 chiffres" in n and "ligne concernée : 24" in n
               for n in summary.notes_in("fr"))


def test_the_fixture_has_the_publishers_header_with_its_trailing_semicolon():
    header = LIST.read_text(encoding="utf-8").splitlines()[0].split(";")
    assert header == [*PUBLISHED_COLUMNS, ""]


def test_header_with_a_bom_and_crlf_lines(schema, anchors):
    dataset, summary = run(FIXTURES / "liste-publique-of-bom.csv", schema, anchors)
    orgs = organisations(dataset)
    assert sorted(orgs) == ["of-76340567834", "of-84630234563"]
    assert orgs["of-84630234563"].kind == "CFA"
    assert located(dataset) == {"of-76340567834": "region-76", "of-84630234563": "region-84"}
    assert summary.rows == 2


def test_windows_1252_file_saved_by_a_spreadsheet(schema, anchors):
    dataset, _ = run(FIXTURES / "liste-publique-of-cp1252.csv", schema, anchors)
    orgs = organisations(dataset)
    assert orgs["of-52490123449"].name == "ŒUVRE DE FORMATION EXEMPLE ANJOU"
    assert orgs["of-52490123449"].sectors == ["Santé"]
    saint_etienne = orgs["of-84420345642"]
    assert saint_etienne.name == "CENTRE DE FORMATION EXEMPLE SAINT-ÉTIENNE"
    assert "SAINT-ÉTIENNE" in saint_etienne.description
    # VRAI/FAUX, as a French spreadsheet writes the file's true/false
    assert saint_etienne.kind == "CFA"
    assert saint_etienne.tags == ["qualiopi:actions-de-formation", "qualiopi:bilans-de-competences",
                                  "qualiopi:apprentissage"]


# -- narrowing the import ----------------------------------------------------------------

def test_regions_option_keeps_their_organisations(schema, anchors):
    dataset, summary = run(LIST, schema, anchors, regions=frozenset({"94", "1"}))
    assert sorted(organisations(dataset)) == ["of-01971023497", "of-94200123420", "of-94200456720"]
    assert {a.id for a in dataset.actors if a.kind == "REGION"} == {"region-01", "region-94"}
    assert dict(summary.skipped_in("fr"))[OUT_OF_SCOPE] == 23 - 1 - 3
    assert dict(summary.skipped_in("fr"))[DUPLICATE] == 1


@pytest.mark.parametrize(("departements", "expected"), [
    ({"2A"}, ["of-94200123420"]),
    ({"2b"}, ["of-94200456720"]),
    ({"971"}, ["of-01971023497"]),
    ({"35", "29"}, ["of-53290654329", "of-53350987635"]),
])
def test_departements_option_reads_the_postal_code(schema, anchors, departements, expected):
    dataset, _ = run(LIST, schema, anchors, departements=frozenset(departements))
    assert sorted(organisations(dataset)) == expected


def test_sirets_option(schema, anchors):
    wanted = frozenset({"03812345100015", "79845612500029", "03812345100023"})  # the last one written with 13 digits
    dataset, _ = run(LIST, schema, anchors, sirets=wanted)
    assert sorted(organisations(dataset)) == ["of-01971023497", "of-75870123487", "of-84691234569"]


def test_a_bad_row_outside_the_requested_scope_blocks_nothing(schema, anchors):
    dataset, _ = run(FIXTURES / "bad-values.csv", schema, anchors, departements=frozenset({"76"}))
    assert sorted(organisations(dataset)) == ["of-28760678976"]


# -- bad input ---------------------------------------------------------------------------

def test_bad_cells_are_problems_naming_row_and_column(schema, anchors):
    found = problems_of(FIXTURES / "bad-values.csv", schema, anchors)
    # Row 2's address spans two lines of the file: still one row for a spreadsheet user.
    assert [(row, column) for row, column, _ in found] == [
        (3, VAE), (4, START), (4, END), (5, NDA), (6, TRAINEES),
    ]
    messages = [message for _, _, message in found]
    assert "« partiel »" in messages[0] and "true ou false" in messages[0]
    assert "« 31/02/2024 »" in messages[1] and "JJ/MM/AAAA" in messages[1]
    assert "« 2024-12-31 »" in messages[2]
    assert "« 1971056797 »" in messages[3] and "zéro initial" in messages[3]
    assert "« environ 40 »" in messages[4]


def test_comma_separated_file_is_one_problem_on_the_header(schema, anchors):
    [(row, column, message)] = problems_of(FIXTURES / "bad-separator.csv", schema, anchors)
    assert (row, column) == (1, None)
    assert "points-virgules" in message
    assert NDA in message and VAE in message


def test_missing_columns_are_named_on_the_header(schema, anchors):
    [(row, _, message)] = problems_of(FIXTURES / "missing-columns.csv", schema, anchors)
    assert row == 1
    assert "adressePhysiqueOrganismeFormation.codeRegion" in message and VAE in message
    assert "denomination" not in message


def test_empty_file(schema, anchors):
    assert problems_of(FIXTURES / "empty.csv", schema, anchors) == [(1, None, "le fichier est vide")]


def test_a_zipped_list_asks_to_unzip_it(schema, anchors):
    [(row, column, message)] = problems_of(FIXTURES / "liste-publique-of.zip", schema, anchors)
    assert (row, column) == (None, None)
    assert "archive zip" in message and "décompressez" in message


# -- the loader folder -------------------------------------------------------------------

def test_written_folder_loads_alone_and_with_the_reference_map(imported, schema, tmp_path):
    dataset, summary = imported
    options = ImportOptions()
    folder = write_import(dataset, summary, registry_info("of-list"), options, tmp_path / "of-list")
    alone = load_dataset([folder], schema)
    assert len(organisations(alone)) == 22
    assert len(alone.relationships) == 20
    manifest = read_manifest(folder)
    assert manifest["registry"] == "of-list" and manifest["rows"] == 23
    assert manifest["skipped"][DUPLICATE] == 1

    reference = load_dataset([reference_dir()], schema)
    merged = load_dataset([reference_dir(), folder], schema)
    ids = [a.id for a in merged.actors]
    assert len(ids) == len(set(ids))
    assert len(ids) == len(reference.actors) + 22  # the Régions are the map's, not copies
    assert sum(1 for a in merged.actors if a.id == "region-53") == 1


# -- the real file's size ----------------------------------------------------------------

def test_a_large_list_reports_its_progress_to_the_last_byte(schema, anchors, tmp_path):
    """Speed is measured in benchmarks/registry_benchmark.py; here, that a file of several
    megabytes is read whole and the progress bar reaches its end."""
    rows = 30_000
    lines = LIST.read_text(encoding="utf-8").splitlines()
    body = lines[1:]
    big = tmp_path / "liste-publique-of-grande.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write(lines[0] + "\n")
        for number in range(rows):
            line = body[number % len(body)]
            out.write(f'"{10_000_000_000 + number}"' + line[line.index(";"):] + "\n")
    read_bytes: list[int] = []
    dataset, summary = import_registry("of-list", big, schema, anchors=anchors, progress=read_bytes.append)
    assert summary.rows == rows
    assert len(organisations(dataset)) == rows
    assert len(read_bytes) > 1 and sum(read_bytes) == big.stat().st_size

