"""Large CSV files are checked column by column (loaders/frames.py, loaders/bulk.py):
a user must get exactly what the row-by-row reader gives, every problem with its
file, row and column, and the same actors and ties in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

import loaders.bulk
import loaders.frames
from graph_model.schema import default_schema
from loaders import check_dataset, count_files
from loaders.frames import read_csv_frame

ACTORS = """\ufeffID;Name;Kind;SIRET;IDCC;Aliases;Since;Until;;
opco-a;OPCO A;OPCO;;;Opco A | A|;2019-04-01;;;
opco-b;OPCO B;OPCO;123 456 789 00012;;;;;;
union-a;Syndicat A;EMPLOYEE_UNION;;;;;;;
union-b; Syndicat B ;EMPLOYEE_UNION;;;;;;;
cfa-a;CFA A;CFA;;;;2020-01-01;2019-12-31;;
cfa-b;CFA B;CFA;;;;;;;
cfa-c;CFA C;CFA;;;;;;;
branch-a;Branche A;BRANCH;;123;;;;;
branch-b;Branche B;BRANCH;;12345;;;;;
pi-a;"Institution
sur deux lignes";PUBLIC_INSTITUTION;;;;;;;
Bad Id;Mauvais;OPCO;;;;;;;
opco-c;OPCO C;OPCOO;;;;;;;
cfa-b;CFA B bis;CFA;;;;;;;
;;;;;;;;;
opco-d;OPCO D;OPCO;;;;2023-02-30;;;
opco-e;OPCO E;OPCO;;;;;;;en trop
opco-f;;OPCO;;;;;;;
"""

TIES = """source,target,type,since,until,illustrative,sources,note,college,amount_eur,year,role,source_title
union-a,opco-a,CO_MANAGES,2019-04-01,,non,src-a,,salariés,,,,
union-a,opco-a,CO_MANAGES,2019-04-01,,,,,salariés,,,,
union-b,opco-a,CO_MANAGES,,,Oui,src-a | src-b,"une note, avec
un retour à la ligne",employeurs,,,,
union-b,opco-b,CO_MANAGES,,,,,,,,,,
union-b,opco-b,CO_MANAGES,2020-01-01,,,,,cadres,,,,
opco-a,cfa-b,FUNDS,2024-1-1,,,,,,,,,
opco-a,cfa-b,FUNDS,2024-01-01,2023-01-01,,,,,,,,
opco-a,cfa-b,FUNDS,2022-01-01,,peut-être,,,,,,,
opco-a,cfa-b,FUNDS,2021-01-01,,,src-zzz,,,,,,
opco-a,cfa-c,FUNDS,2021-01-01,,,,,,12 500,2021,,
opco-a,cfa-c,FUNDS,2022-01-01,,,,,,12 500.5,2022,,
opco-a,cfa-c,FUNDS,2023-01-01,,,,,,1e5,deux mille,,
opco-a,cfa-c,FUNDS,2024-01-01,,,,,,"12,5",,,
opco-a,cfa-c,FUNDS,2025-01-01,,,,,,1_000,,,
opco-a,cfa-c,FUNDS,2026-01-01,,,,,,,,membre,
opco-a,cfa-c,FUNDS,2027-01-01,,,,,,nan,,,
opco-a,cfa-a,FUNDS,,,,,,,,,,
opco-a,ghost,FUNDS,,,,,,,,,,
opco-a,Bad Id,FUNDS,,,,,,,,,,
opco-a,opco-c,FUNDS,,,,,,,,,,
cfa-b,opco-a,FUNDS,,,,,,,,,,
opco-a,opco-a,PARTNERS_WITH,,,,,,,,,,
opco-a,opco-b,PARTNERED,,,,,,,,,,
opco-a,opco-b,,,,,,,,,,,
pi-a,opco-a,FUNDS,2019-01-01,,,,,,,,,Loi du 5 septembre 2018
branch-a,opco-a,ATTACHED_TO,,,true,src-b,,,,,,
branch-a,opco-a,ATTACHED_TO,,,,,,,,,,
, , ,,,,,,,,,,
"""

SOURCES = """source_id,title,url,publisher,consulted,confidence
src-a,Accord constitutif,https://example.org/a,DGEFP,2024-01-01,0.9
src-b,Arrêté d'agrément,,JO,,0.95
"""

MORE_TIES = """source,target,type,since,sources
union-a,opco-a,CO_MANAGES,2019-04-01,src-a
"""


@pytest.fixture(params=["distinct cells", "patterns"])
def folder(tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The traps, checked both ways columns are checked: value by distinct value, and by
    patterns (columns with too many distinct cells)."""
    if request.param == "patterns":
        monkeypatch.setattr(loaders.bulk, "DISTINCT_LIMIT", 0)
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(TIES, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "zz_more.csv").write_text(MORE_TIES, encoding="utf-8")
    return tmp_path


def both_ways(monkeypatch: pytest.MonkeyPatch, paths: list[Path]):
    schema = default_schema()
    monkeypatch.setattr(loaders.frames, "MIN_BYTES", 10**12)
    plain = check_dataset(paths, schema)
    monkeypatch.setattr(loaders.frames, "MIN_BYTES", 0)
    bulk = check_dataset(paths, schema)
    counted = count_files(paths, schema)
    return plain, bulk, counted


def described(problems) -> list[tuple]:
    return [(p.file, p.row, p.column, p.text("en")) for p in problems]


def test_the_traps_file_takes_the_column_path(folder: Path):
    for name in ("actors.csv", "relationships.csv"):
        framed = read_csv_frame(folder / name, name, min_bytes=0)
        assert framed is not None, name
    tables, problems = read_csv_frame(folder / "actors.csv", "a", min_bytes=0)
    # A quoted line break stays in its cell; the blank row is dropped; the rows keep the
    # numbers a spreadsheet shows; a cell under no header is reported, not read.
    assert list(tables[0].row_numbers[8:12]) == [10, 11, 12, 13]
    assert [(p.row, p.message) for p in problems] == [(17, "problems.too_many_cells")]


def test_same_problems_rows_and_columns_as_the_row_reader(folder: Path, monkeypatch: pytest.MonkeyPatch):
    (plain, plain_problems), (bulk, bulk_problems), (actors, ties, counted_problems) = both_ways(monkeypatch, [folder])
    expected = described(plain_problems)
    assert len(expected) > 25  # the traps are all there
    assert described(bulk_problems) == expected
    assert described(counted_problems) == expected
    assert (actors, ties) == (len(plain.actors), len(plain.relationships))


def test_same_actors_and_ties_in_the_same_order(folder: Path, monkeypatch: pytest.MonkeyPatch):
    (plain, _), (bulk, _), _ = both_ways(monkeypatch, [folder])
    assert [a.model_dump() for a in bulk.actors] == [a.model_dump() for a in plain.actors]
    assert [r.model_dump() for r in bulk.relationships] == [r.model_dump() for r in plain.relationships]
    funded = {(r.target, r.since.isoformat()): r.properties for r in bulk.relationships if r.type == "FUNDS" and r.since}
    assert funded[("cfa-c", "2021-01-01")] == {"amount_eur": 12500.0, "year": 2021}
    assert next(a for a in bulk.actors if a.id == "branch-a").idcc == "0123"
    assert next(a for a in bulk.actors if a.id == "opco-b").siret == "12345678900012"
    assert next(a for a in bulk.actors if a.id == "opco-a").aliases == ["Opco A", "A"]


def test_a_clean_map_is_the_same_both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from loaders.synthetic import generate
    from loaders.exporters import write_csv_folder

    write_csv_folder(generate(actors=600, relationships=3000, seed=5), tmp_path)
    (plain, plain_problems), (bulk, bulk_problems), (actors, ties, _) = both_ways(monkeypatch, [tmp_path])
    assert plain_problems == bulk_problems == []
    assert bulk.model_dump() == plain.model_dump()
    assert (actors, ties) == (len(plain.actors), len(plain.relationships)) == (len(bulk.actors), 3000)


@pytest.mark.parametrize("content, framed", [
    (b"id,name,kind\n\nopco-a,OPCO A,OPCO\nBad,x,OPCO\n", True),  # a blank line still counts as a row
    (b"id,name,kind\nopco-a,OPCO A\n", False),                    # a row short of cells
    (b"id,name,kind\nopco-a,OPCO A,OPCO,x\n", False),             # a row with a cell too many
    (b"id,name,kind\nopco-a,OPCO \xe9,OPCO\n", True),             # Windows-1252: made UTF-8 first
    (b"id,name,kind\nopco-a,OPCO \x81,OPCO\n", False),            # neither UTF-8 nor Windows-1252
    (b"\nid,name,kind\nopco-a,OPCO A,OPCO\n", False),             # the header on the second line
])
def test_awkward_files_give_the_row_readers_answers(tmp_path: Path, content: bytes, framed: bool,
                                                    monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "actors.csv"
    path.write_bytes(content)
    assert (read_csv_frame(path, "actors.csv", min_bytes=0) is not None) is framed
    (_, plain_problems), (_, bulk_problems), _ = both_ways(monkeypatch, [path])
    assert described(bulk_problems) == described(plain_problems)
