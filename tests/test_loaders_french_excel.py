"""Files as French Excel on Windows saves them read without a step by hand: Windows-1252 or
UTF-8 with a BOM, `;`, CRLF, JJ/MM/AAAA days, decimal commas, spaces between thousands, oui/non.
Each file's way of writing is said; a day that would read otherwise month first is listed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import loaders.frames
from graph_model import default_schema
from graph_model.errors import ValidationFailed
from loaders import canonical, check_dataset, load_dataset
from loaders.conventions import Conventions
from tests.cli_runner import cli, one_sentence  # noqa: F401 (cli: the fixture)

NBSP, NNBSP = "\u00a0", "\u202f"

# « CSV (séparateur : point-virgule) », as Excel writes it: every line ends in CRLF.
FRENCH_ACTORS = (
    "id;name;kind;short_name;siret;since;until;description\r\n"
    "opco-sante;Opco Santé;OPCO;Santé;;01/04/2019;;Œuvres sanitaires, sociales et médico-sociales\r\n"
    "opca-unifaf;Unifaf;OPCA;;;01/01/1972;31/03/2019;\r\n"
    "fc;France compétences;PUBLIC_INSTITUTION;;13002526500013;01/01/2019;;Budget de 9,6 Md€\r\n"
    "cfa-x;CFA « Les Métiers »;CFA;;;15/09/2020;;\r\n"
)
FRENCH_TIES = (
    "source;target;type;since;until;illustrative;sources;note;amount_eur;year\r\n"
    f"fc;opco-sante;FUNDS;03/04/2020;31/12/2020;non;loi-2018;\"Dotation ; alternance\";23{NBSP}510{NBSP}000,5;2020\r\n"
    f"opco-sante;cfa-x;FUNDS;15/09/2021;;Oui;loi-2018;;1{NBSP}234,75;2021\r\n"
    "opca-unifaf;opco-sante;SUCCEEDED_BY;01/04/2019;;FAUX;loi-2018;;;\r\n"
    "fc;cfa-x;FUNDS;20/01/2022;;vrai;loi-2018;;12 500;\r\n"
)
FRENCH_SOURCES = (
    "source_id;title;url;publisher;consulted;confidence\r\n"
    "loi-2018;Loi « Avenir professionnel » du 5 septembre 2018;https://www.legifrance.gouv.fr/loda/id/JORFTEXT000037367660;"
    "Légifrance;20/11/2025;0,95\r\n"
)

# « CSV UTF-8 » may hold a narrow no-break space, which Windows-1252 has not.
FRENCH_TIES_UTF8 = FRENCH_TIES.replace(f"1{NBSP}234", f"1{NNBSP}234")

# The same map in the format opcomap writes: UTF-8, ",", ISO days, decimal points.
ROUND_ACTORS = """id,name,kind,short_name,siret,since,until,description
opco-sante,Opco Santé,OPCO,Santé,,2019-04-01,,"Œuvres sanitaires, sociales et médico-sociales"
opca-unifaf,Unifaf,OPCA,,,1972-01-01,2019-03-31,
fc,France compétences,PUBLIC_INSTITUTION,,13002526500013,2019-01-01,,"Budget de 9,6 Md€"
cfa-x,CFA « Les Métiers »,CFA,,,2020-09-15,,
"""
ROUND_TIES = """source,target,type,since,until,illustrative,sources,note,amount_eur,year
fc,opco-sante,FUNDS,2020-04-03,2020-12-31,false,loi-2018,Dotation ; alternance,23510000.5,2020
opco-sante,cfa-x,FUNDS,2021-09-15,,true,loi-2018,,1234.75,2021
opca-unifaf,opco-sante,SUCCEEDED_BY,2019-04-01,,false,loi-2018,,,
fc,cfa-x,FUNDS,2022-01-20,,true,loi-2018,,12500,
"""
ROUND_SOURCES = """source_id,title,url,publisher,consulted,confidence
loi-2018,Loi « Avenir professionnel » du 5 septembre 2018,https://www.legifrance.gouv.fr/loda/id/JORFTEXT000037367660,Légifrance,2025-11-20,0.95
"""


def _write(folder: Path, files: dict[str, str], encoding: str) -> Path:
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content.encode(encoding))  # bytes: the encoding is exactly Excel's
    return folder


@pytest.fixture
def french(tmp_path: Path) -> Path:
    return _write(tmp_path / "excel", {"acteurs.csv": FRENCH_ACTORS, "relations.csv": FRENCH_TIES,
                                       "sources.csv": FRENCH_SOURCES}, "cp1252")


@pytest.fixture
def round_trip(tmp_path: Path) -> Path:
    return _write(tmp_path / "opcomap", {"actors.csv": ROUND_ACTORS, "relationships.csv": ROUND_TIES,
                                         "sources.csv": ROUND_SOURCES}, "utf-8")


def test_the_windows_1252_file_reads_as_the_round_trip_one(french, round_trip):
    assert b"\r\n" in (french / "acteurs.csv").read_bytes() and "é".encode("cp1252") in (french / "acteurs.csv").read_bytes()
    dataset = load_dataset([french], default_schema())
    assert canonical(dataset) == canonical(load_dataset([round_trip], default_schema()))
    actors = dataset.actor_index()
    assert actors["opco-sante"].since == dt.date(2019, 4, 1) and actors["fc"].description == "Budget de 9,6 Md€"
    funds = next(r for r in dataset.relationships if r.type == "FUNDS" and r.source == "fc" and r.target == "opco-sante")
    assert funds.since == dt.date(2020, 4, 3) and funds.illustrative is False
    assert funds.properties == {"amount_eur": 23510000.5, "year": 2020}
    assert funds.sources[0].consulted == dt.date(2025, 11, 20) and funds.sources[0].confidence == 0.95


def test_csv_utf8_with_a_bom_reads_the_same_and_says_so(tmp_path, round_trip):
    folder = _write(tmp_path / "utf8", {"acteurs.csv": FRENCH_ACTORS, "relations.csv": FRENCH_TIES_UTF8,
                                        "sources.csv": FRENCH_SOURCES}, "utf-8-sig")
    heard: list[Conventions] = []
    dataset = load_dataset([folder], default_schema(), heard)
    assert canonical(dataset) == canonical(load_dataset([round_trip], default_schema()))
    assert heard[0].describe() == f"{folder / 'acteurs.csv'} : UTF-8 avec BOM, séparateur « ; », dates JJ/MM/AAAA"


def test_each_file_says_its_encoding_and_conventions(french, round_trip):
    heard: list[Conventions] = []
    check_dataset([french], default_schema(), heard)
    assert [c.describe() for c in heard] == [
        f"{french / 'acteurs.csv'} : Windows-1252, séparateur « ; », dates JJ/MM/AAAA",
        (f"{french / 'relations.csv'} : Windows-1252, séparateur « ; », dates JJ/MM/AAAA, virgule décimale, "
         "milliers séparés par des espaces"),
        f"{french / 'sources.csv'} : Windows-1252, séparateur « ; », dates JJ/MM/AAAA, virgule décimale",
    ]
    assert heard[1].describe("en").endswith(": Windows-1252, separator “;”, dates DD/MM/YYYY, decimal comma, "
                                            "thousands separated by spaces")
    heard = []
    check_dataset([round_trip], default_schema(), heard)
    assert heard[0].describe() == f"{round_trip / 'actors.csv'} : UTF-8, séparateur « , », dates AAAA-MM-JJ"
    assert not any(c.notices for c in heard)


def test_a_day_that_reads_otherwise_month_first_is_listed_with_file_row_and_column(french):
    heard: list[Conventions] = []
    check_dataset([french], default_schema(), heard)
    notices = [(Path(n.file).name, n.row, n.column, n.text()) for c in heard for n in c.notices]
    # 01/01/1972 or 15/09/2020 read one way only: not listed.
    assert notices == [
        ("acteurs.csv", 2, "since", "« 01/04/2019 » lu à la française, le jour avant le mois : 2019-04-01 (et non 2019-01-04)"),
        ("relations.csv", 2, "since", "« 03/04/2020 » lu à la française, le jour avant le mois : 2020-04-03 (et non 2020-03-04)"),
        ("relations.csv", 4, "since", "« 01/04/2019 » lu à la française, le jour avant le mois : 2019-04-01 (et non 2019-01-04)"),
    ]


def test_an_impossible_day_is_a_problem_naming_file_row_column_and_the_format(french):
    text = (french / "acteurs.csv").read_bytes().replace(b"15/09/2020", b"31/02/2020")
    (french / "acteurs.csv").write_bytes(text)
    with pytest.raises(ValidationFailed) as caught:
        load_dataset([french], default_schema())
    assert [(Path(p.file).name, p.row, p.column) for p in caught.value.problems] == [("acteurs.csv", 5, "since")]
    assert caught.value.problems[0].text() == "« 31/02/2020 » n’est pas une date valide (format JJ/MM/AAAA, jour existant)"


def test_validate_says_the_conventions_and_the_days_read_the_french_way(cli, french):
    code, out, err = cli("validate", str(french))
    assert code == 0, err
    lines = one_sentence(out)
    assert f"{french / 'acteurs.csv'} : Windows-1252, séparateur « ; », dates JJ/MM/AAAA" in lines
    assert (f"! {french / 'relations.csv'}, ligne 2, colonne « since » : « 03/04/2020 » lu à la française, "
            "le jour avant le mois : 2020-04-03 (et non 2020-03-04)") in lines
    assert "Valide : 4 acteurs, 4 relations." in lines
    code, out, _ = cli("validate", str(french), "--format", "json")
    assert code == 0 and '"encoding": "cp1252"' in out and '"DD/MM/YYYY"' in out and '"row": 2' in out


def test_validate_fails_on_an_impossible_day_with_file_row_and_column(cli, french):
    text = (french / "relations.csv").read_bytes().replace(b"20/01/2022", b"31/02/2022")
    (french / "relations.csv").write_bytes(text)
    code, out, err = cli("validate", str(french))
    assert code == 1
    assert (f"{french / 'relations.csv'}, ligne 5, colonne « since » : « 31/02/2022 » n’est pas une date valide "
            "(format JJ/MM/AAAA, jour existant)") in one_sentence(err)
    assert "Windows-1252" in out  # what was found is said even when the file is refused


def test_load_says_the_conventions_before_anything_is_written(cli, french):
    (french / "acteurs.csv").write_bytes((french / "acteurs.csv").read_bytes().replace(b"OPCA;", b"OPCAA;"))
    code, out, err = cli("load", str(french))  # refused before any connection
    assert code == 1 and "OPCAA" in one_sentence(err)
    assert f"{french / 'relations.csv'} : Windows-1252, séparateur « ; »" in one_sentence(out)


def test_a_large_french_file_takes_the_column_path_and_reads_the_same(tmp_path, monkeypatch, round_trip):
    folder = _write(tmp_path / "large", {"acteurs.csv": FRENCH_ACTORS, "relations.csv": FRENCH_TIES_UTF8,
                                         "sources.csv": FRENCH_SOURCES}, "utf-8-sig")
    monkeypatch.setattr(loaders.frames, "MIN_BYTES", 0)
    framed = loaders.frames.read_csv_frame(folder / "relations.csv", "relations.csv")
    assert framed is not None and framed[0][0].frame is not None
    # Real days are checked by the column path as ISO days, as the round-trip format's are.
    assert framed[0][0].frame.column("since").to_pylist() == ["2020-04-03", "2021-09-15", "2019-04-01", "2022-01-20"]
    heard: list[Conventions] = []
    dataset = load_dataset([folder], default_schema(), heard)
    assert canonical(dataset) == canonical(load_dataset([round_trip], default_schema()))
    ties = next(c for c in heard if c.file.endswith("relations.csv"))
    assert (ties.encoding, ties.delimiter, ties.french_dates, ties.decimal_comma, ties.spaced_thousands) == (
        "utf-8-bom", ";", True, True, True)
    assert [(n.row, n.column) for n in ties.notices] == [(2, "since"), (4, "since")]
    # Arrow reads UTF-8 only: a Windows-1252 file is made UTF-8 first and takes the column path too.
    (folder / "relations.csv").write_bytes(FRENCH_TIES.encode("cp1252"))
    [table], _ = loaders.frames.read_csv_frame(folder / "relations.csv", "relations.csv")
    assert table.frame is not None and table.conventions.encoding == "cp1252"
    assert canonical(load_dataset([folder], default_schema())) == canonical(load_dataset([round_trip], default_schema()))
    # Bytes Windows-1252 does not define either: the row reader says what is wrong with the file.
    (folder / "relations.csv").write_bytes(FRENCH_TIES.encode("cp1252").replace(b"Oui", b"O\x81i"))
    assert loaders.frames.read_csv_frame(folder / "relations.csv", "relations.csv") is None


def test_an_impossible_day_on_the_column_path_is_quoted_as_written(tmp_path, monkeypatch):
    ties = FRENCH_TIES_UTF8.replace("20/01/2022", "31/02/2022")
    folder = _write(tmp_path / "large", {"acteurs.csv": FRENCH_ACTORS, "relations.csv": ties,
                                         "sources.csv": FRENCH_SOURCES}, "utf-8-sig")
    monkeypatch.setattr(loaders.frames, "MIN_BYTES", 0)
    _, problems = check_dataset([folder], default_schema())
    assert [(Path(p.file).name, p.row, p.column, p.text()) for p in problems] == [
        ("relations.csv", 5, "since", "« 31/02/2022 » n’est pas une date valide (format JJ/MM/AAAA, jour existant)")]


def test_the_round_trip_format_keeps_the_column_path(round_trip, monkeypatch):
    monkeypatch.setattr(loaders.frames, "MIN_BYTES", 0)
    [table], problems = loaders.frames.read_csv_frame(round_trip / "relationships.csv", "relationships.csv")
    assert problems == [] and table.frame is not None and table.rows == []
    assert table.conventions.parts() == ["UTF-8", "séparateur « , »", "dates AAAA-MM-JJ"]


def _donnees_app() -> None:
    from graph_model.schema import default_schema
    from opcomap.editing.overlay import check_files
    from opcomap.ui.pages.donnees import _tell_conventions

    class Sent:
        def __init__(self, name: str, data: bytes):
            self.name, self._data = name, data

        def getvalue(self) -> bytes:
            return self._data

    actors = "id;name;kind;since\r\nopco-a;Opco Santé;OPCO;03/04/2020\r\n".encode("cp1252")
    _tell_conventions(check_files([Sent("mes acteurs.csv", actors)], default_schema()), "fr")


def test_the_donnees_page_says_what_it_found_under_the_users_file_name():
    at = AppTest.from_function(_donnees_app).run(timeout=60)
    assert not at.exception
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert captions == ["mes acteurs.csv : Windows-1252, séparateur « ; », dates JJ/MM/AAAA"]
    assert at.info[0].value.startswith("1 date lue à la française")
    frame = at.dataframe[0].value
    assert frame.iloc[0].tolist()[:3] == ["mes acteurs.csv", 2, "since"]


def test_a_workbook_with_days_and_amounts_typed_as_text_reads_the_french_way(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    actors = book.active
    actors.title = "acteurs"
    actors.append(["id", "name", "kind"])
    actors.append(["fc", "France compétences", "PUBLIC_INSTITUTION"])
    actors.append(["opco-x", "OPCO X", "OPCO"])
    ties = book.create_sheet("relations")
    ties.append(["source", "target", "type", "since", "illustrative", "amount_eur", "source_title"])
    ties.append(["fc", "opco-x", "FUNDS", "03/04/2020", "non", f"1{NBSP}234,5", "Arrêté"])
    path = tmp_path / "carte.xlsx"
    book.save(path)
    heard: list[Conventions] = []
    [tie] = load_dataset([path], default_schema(), heard).relationships
    assert (tie.since, tie.illustrative, tie.properties["amount_eur"]) == (dt.date(2020, 4, 3), False, 1234.5)
    assert [c.describe() for c in heard] == [
        f"{path} [feuille relations] : dates JJ/MM/AAAA, virgule décimale, milliers séparés par des espaces"]
    assert [(n.file, n.row, n.column) for n in heard[0].notices] == [(f"{path} [feuille relations]", 2, "since")]
