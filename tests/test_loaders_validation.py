"""Bad input: every problem is reported in one pass, naming file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_model import default_schema, load_schema
from loaders import check_dataset, load_dataset
from graph_model.errors import Problem, ValidationFailed

BAD = Path(__file__).parent / "fixtures" / "bad"


@pytest.fixture(scope="module")
def bad_problems() -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        load_dataset([BAD, BAD / "no_kind"], default_schema())
    return caught.value.problems


def find(problems: list[Problem], file: str, row: int | None, column: str | None) -> Problem:
    matches = [p for p in problems if p.file.endswith(file) and p.row == row and p.column == column]
    assert matches, f"no problem at {file}, row {row}, column {column}: {[str(p) for p in problems]}"
    return matches[0]


@pytest.mark.parametrize(
    ("file", "row", "column", "words"),
    [
        ("bad/actors.csv", 4, "kind", ["OPCOO", "vouliez-vous dire OPCO ?"]),
        ("bad/actors.csv", 5, "id", ["opco-a", "en double", "ligne 2"]),
        ("bad/actors.csv", 6, "since", ["2023-02-30", "pas une date valide"]),
        ("bad/relationships.csv", 6, "since", ["2023-02-30"]),
        ("bad/relationships.csv", 3, "target", ["ghost-actor", "n'existe pas"]),
        ("bad/relationships.csv", 4, "type", ["ATTACHED_TO", "EMPLOYEE_UNION → OPCO", "BRANCH → OPCO"]),
        ("bad/relationships.csv", 5, "college", ["obligatoire", "CO_MANAGES"]),
        ("bad/relationships.csv", 7, "sources", ["no-such-source", "s1"]),
        ("no_kind/actors.csv", 1, "kind", ["colonne obligatoire manquante"]),
        ("no_kind/actors.csv", 1, "colour", ["colonne inconnue"]),
        ("bad/empty.csv", None, None, ["fichier vide"]),
    ],
    ids=["unknown-kind", "duplicate-id", "impossible-date-actor", "impossible-date-rel", "missing-actor",
         "endpoints-not-allowed", "missing-required-property", "unknown-source", "missing-column",
         "unknown-column", "empty-file"],
)
def test_each_bad_input_is_reported_with_file_row_and_column(bad_problems, file, row, column, words):
    problem = find(bad_problems, file, row, column)
    for word in words:
        assert word in problem.text()
    text = str(problem)
    assert file.split("/")[-1] in text and (row is None or f"ligne {row}" in text)


def test_all_problems_come_in_one_pass_and_nothing_else(bad_problems):
    assert len(bad_problems) == 11  # exactly the cases above: no noise, no cascade
    assert [p.file for p in bad_problems] == sorted(p.file for p in bad_problems)


def test_a_broken_actor_does_not_also_make_its_ties_missing(tmp_path):
    (tmp_path / "actors.csv").write_text("id,name,kind\nopco-a,A,OPCO\nu,U,EMPLOYEE_UNIONN\n", encoding="utf-8")
    (tmp_path / "rels.csv").write_text("source,target,type,college,source_title\nu,opco-a,CO_MANAGES,salariés,Accord\n", encoding="utf-8")
    _, problems = check_dataset([tmp_path], default_schema())
    assert [(p.row, p.column) for p in problems] == [(3, "kind")]


def test_header_only_and_unrecognised_header(tmp_path):
    (tmp_path / "weird.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    _, problems = check_dataset([tmp_path / "weird.csv"], default_schema())
    assert problems[0].row == 1 and "en-tête non reconnu" in problems[0].text()


def test_neither_utf8_nor_windows_1252_says_how_to_fix(tmp_path):
    # 0x81 and 0x8D mean nothing in Windows-1252 and are not UTF-8: a file from elsewhere.
    (tmp_path / "actors.csv").write_bytes(b"id;name;kind\nx;R\x81gion \x8dle;REGION\n")
    _, problems = check_dataset([tmp_path], default_schema())
    assert [(p.row, p.column) for p in problems] == [(None, None)]
    assert "UTF-8" in problems[0].text() and "Windows-1252" in problems[0].text()


def test_too_many_cells_names_the_row(tmp_path):
    (tmp_path / "actors.csv").write_text("id,name,kind\nx,X,REGION\ny,Y,REGION,extra\n", encoding="utf-8")
    _, problems = check_dataset([tmp_path], default_schema())
    assert [(p.row, "cellules" in p.text()) for p in problems] == [(3, True)]


def test_duplicate_relationship_is_reported(tmp_path):
    (tmp_path / "actors.csv").write_text("id,name,kind\na,A,REGION\nb,B,CFA\n", encoding="utf-8")
    (tmp_path / "rels.csv").write_text("source,target,type,source_title\nb,a,LOCATED_IN,Annuaire\nb,a,LOCATED_IN,Annuaire\n", encoding="utf-8")
    _, problems = check_dataset([tmp_path], default_schema())
    assert [(p.row, p.column) for p in problems] == [(3, "since")]
    assert "en double" in problems[0].text() and "ligne 2" in problems[0].text()


def test_unknown_yaml_key_and_bad_property_value(tmp_path):
    (tmp_path / "m.yaml").write_text(
        "actors:\n  - {id: a, name: A, kind: REGION, colour: red}\n  - {id: b, name: B, kind: PUBLIC_INSTITUTION}\n"
        "relationships:\n  - {source: b, target: a, type: FUNDS, year: deux-mille}\n",
        encoding="utf-8",
    )
    _, problems = check_dataset([tmp_path / "m.yaml"], default_schema())
    assert [(p.file.endswith("› actors"), p.row, p.column) for p in problems if p.column == "colour"] == [(True, 1, "colour")]
    year = [p for p in problems if p.column == "year"]
    assert year and "nombre entier" in year[0].text()


def test_custom_schema_drives_validation(tmp_path):
    schema_file = tmp_path / "family.yaml"
    schema_file.write_text(
        "kinds:\n  FAMILY:\n    label: {fr: Famille, en: Family}\n"
        "relationship_types:\n  MARRIAGE:\n    label: {fr: Mariage, en: Marriage}\n    directed: false\n"
        "    endpoints: [[FAMILY, FAMILY]]\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "actors.csv").write_text("id,name,kind\nmontague,Montague,FAMILY\ncapulet,Capulet,FAMILY\n", encoding="utf-8")
    (data / "rels.csv").write_text("source,target,type,source_title\nmontague,capulet,MARRIAGE,Registre\n", encoding="utf-8")
    dataset = load_dataset([data], load_schema(schema_file))
    assert [r.type for r in dataset.relationships] == ["MARRIAGE"]
    _, problems = check_dataset([data], default_schema())
    assert any(p.column == "kind" and "FAMILY" in p.text() for p in problems)


def test_an_actor_repeated_word_for_word_in_another_folder_is_one_actor(tmp_path):
    """Two folders that both carry an actor, identically, give one actor; a copy that differs
    is reported, naming both places."""
    from loaders.bundled import reference_dir

    schema = default_schema()
    reference = (reference_dir() / "actors.csv").read_text(encoding="utf-8").splitlines()
    atlas = next(line for line in reference if line.startswith("opco-atlas,"))
    folder = tmp_path / "mes-partenaires"
    folder.mkdir()
    (folder / "actors.csv").write_text(reference[0] + "\n" + atlas + "\n", encoding="utf-8")
    dataset, problems = check_dataset([reference_dir(), folder], schema)
    assert problems == [] and sum(a.id == "opco-atlas" for a in dataset.actors) == 1
    (folder / "actors.csv").write_text(reference[0] + "\n" + atlas.replace("OPCO Atlas", "Atlas (renommé)", 1) + "\n",
                                       encoding="utf-8")
    _, problems = check_dataset([reference_dir(), folder], schema)
    assert [(Path(p.file).name, p.row, p.column) for p in problems] == [("actors.csv", 2, "id")]
    assert "diffèrent" in problems[0].text()


def test_anchors_yield_to_the_maps_own_definition_and_stand_in_for_it_alone(tmp_path):
    """A registry import made with an older reference map still loads with a newer one: its
    anchors.csv only refers to the map's actors. Alone, the folder validates on its anchors."""
    from loaders.bundled import reference_dir

    schema = default_schema()
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "anchors.csv").write_text("id,name,kind\nopco-atlas,Atlas (nom d'une ancienne carte),OPCO\n",
                                        encoding="utf-8")
    (folder / "actors.csv").write_text("id,name,kind,idcc\nidcc-9001,Branche 9001,BRANCH,9001\n", encoding="utf-8")
    (folder / "sources.csv").write_text("source_id,title,url\nreg,Registre,https://example.org/r\n", encoding="utf-8")
    (folder / "relationships.csv").write_text("source,target,type,sources\nidcc-9001,opco-atlas,ATTACHED_TO,reg\n",
                                              encoding="utf-8")
    alone = load_dataset([folder], schema)
    assert alone.anchors == ["opco-atlas"] and len(alone.actors) == 2
    both = load_dataset([folder, reference_dir()], schema)  # whatever the order
    atlas = next(a for a in both.actors if a.id == "opco-atlas")
    assert atlas.name == "OPCO Atlas" and both.anchors == []
    (folder / "anchors.csv").write_text("id,name,kind\nopco-atlas,Atlas,BRANCH\n", encoding="utf-8")
    _, problems = check_dataset([reference_dir(), folder], schema)
    assert [(Path(p.file).name, p.row, p.column) for p in problems] == [("anchors.csv", 2, "kind")]


@pytest.mark.parametrize("amount", ["nan", "NaN", "inf", "-Infinity"])
def test_an_amount_that_is_not_a_finite_number_is_refused(tmp_path, amount):
    # Python's float() reads these words; a sum or a sort of amounts would silently go wrong.
    (tmp_path / "actors.csv").write_text("id,name,kind\no,O,OPCO\nc,C,CFA\n", encoding="utf-8")
    (tmp_path / "rels.csv").write_text(f"source,target,type,amount_eur,source_title\no,c,FUNDS,{amount},Budget\n", encoding="utf-8")
    _, problems = check_dataset([tmp_path], default_schema())
    assert [(p.row, p.column) for p in problems] == [(2, "amount_eur")]
    assert "n'est pas un nombre" in problems[0].text()
