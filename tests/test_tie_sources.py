"""A source on every tie, on every way in: files (row by row and in bulk), the CLI and the edit form;
and a row with several problems reports them all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

import loaders.frames
from graph_model import default_schema
from graph_model.errors import ValidationFailed
from loaders import check_dataset, load_dataset
from opcomap.editing.validate import relationship_from_form
from tests.cli_runner import cli  # noqa: F401  (fixture)

ACTORS = "id,name,kind\nregion-x,Région X,REGION\ncfa-x,CFA X,CFA\n"
SOURCES = "source_id,title\nannuaire,Annuaire des CFA\n"


def write(folder: Path, relationships: str) -> Path:
    (folder / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "relationships.csv").write_text(relationships, encoding="utf-8")
    return folder


@pytest.fixture(params=["rows", "columns"])
def reading(request, monkeypatch):
    """Each file read row by row, then as Arrow columns (large files' path)."""
    monkeypatch.setattr(loaders.frames, "MIN_BYTES", 10**12 if request.param == "rows" else 0)
    return request.param


def test_a_tie_without_a_source_is_reported_with_file_row_and_column(tmp_path, reading):
    folder = write(tmp_path, "source,target,type,since,sources\ncfa-x,region-x,LOCATED_IN,2020-01-01,annuaire\n"
                             "cfa-x,region-x,LOCATED_IN,2021-01-01, | \n")
    _, problems = check_dataset([folder], default_schema())
    assert [(Path(p.file).name, p.row, p.column) for p in problems] == [("relationships.csv", 3, "sources")]
    assert "source" in problems[0].text() and "source" in problems[0].text("en")


def test_a_row_with_several_problems_reports_them_all_at_once(tmp_path, reading):
    folder = write(tmp_path, "source,target,type,since,sources\ncfa-x,ghost,LOCATED_IN,2023-02-30,\n")
    _, problems = check_dataset([folder], default_schema())
    found = {(Path(p.file).name, p.row, p.column) for p in problems}
    assert found == {("relationships.csv", 2, "since"), ("relationships.csv", 2, "target"),
                     ("relationships.csv", 2, "sources")}
    assert any("ghost" in p.text() for p in problems)


def test_a_file_may_cite_a_source_of_the_reference_map_without_redefining_it(tmp_path, reading):
    from loaders.bundled import reference_dir

    cited = (reference_dir() / "sources.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(
        f"source,target,type,sources\ncfa-x,region-x,LOCATED_IN,{cited}\n", encoding="utf-8")
    dataset = load_dataset([tmp_path], default_schema())
    assert [s.id for s in dataset.relationships[0].sources] == [cited]
    assert dataset.relationships[0].sources[0].url.startswith("https://")


def test_an_inline_yaml_tie_without_a_source_is_refused(tmp_path):
    (tmp_path / "map.yaml").write_text(
        "actors:\n  - {id: a, name: A, kind: REGION}\n  - {id: b, name: B, kind: CFA}\n"
        "relationships:\n  - {source: b, target: a, type: LOCATED_IN}\n", encoding="utf-8")
    _, problems = check_dataset([tmp_path / "map.yaml"], default_schema())
    assert [(p.row, p.column) for p in problems] == [(1, "sources")]


def test_validate_fails_on_a_tie_without_a_source(tmp_path, cli):  # noqa: F811
    folder = write(tmp_path, "source,target,type\ncfa-x,region-x,LOCATED_IN\n")
    code, out, err = cli("validate", str(folder))
    assert code != 0
    assert "relationships.csv" in out + err and "ligne 2" in out + err


def test_the_edit_form_refuses_a_tie_without_a_source(tmp_path):
    schema = default_schema()
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    dataset = load_dataset([tmp_path], schema)
    fields = {"source": "cfa-x", "target": "region-x", "type": "LOCATED_IN"}
    with pytest.raises(ValidationFailed) as caught:
        relationship_from_form(fields, None, dataset.actors, schema)
    [problem] = caught.value.problems
    assert problem.column == "source_title"
    rel = relationship_from_form(fields, {"title": "Annuaire"}, dataset.actors, schema)
    assert [s.title for s in rel.sources] == ["Annuaire"]



def test_the_data_page_refuses_an_uploaded_tie_without_a_source():
    from opcomap.ui.pages.donnees import check_uploads, problems_frame
    from tests.test_app_pages import _Upload

    files = [_Upload("acteurs.csv", ACTORS), _Upload("liens.csv", "source,target,type\ncfa-x,region-x,LOCATED_IN\n")]
    _, problems = check_uploads(files, default_schema())
    frame = problems_frame(problems, "fr")
    assert list(zip(frame["Fichier"], frame["Ligne"], frame["Colonne"])) == [("liens.csv", 2, "sources")]
