"""Files for Excel as a French strategist opens them: ``;``, BOM, decimal commas, CRLF, and no
cell that Excel would run as a formula; the round-trip formats read back exactly what they wrote;
the import template offers the schema's lists and loads back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph_model import default_schema
from loaders import load_dataset
from loaders.tables import ACTOR_COLUMNS
from loaders.template import relationship_columns
from tests.cli_runner import cli, one_sentence  # noqa: F401 (the cli fixture)

BOM = b"\xef\xbb\xbf"
# Names a spreadsheet would take for formulas, and what Excel must show instead.
TRICKY = {
    "hyperlink": ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    "phone": ("+33 1 40 00 00 00", "'+33 1 40 00 00 00"),
    "sum": ("@SUM(1)", "'@SUM(1)"),
    "minus": ("-3,5 millions", "'-3,5 millions"),
}


@pytest.fixture
def tricky_map(tmp_path: Path) -> Path:
    """A small map in the round-trip CSV format whose names look like formulas."""
    folder = tmp_path / "map"
    folder.mkdir()
    rows = [("etat", "État", "PUBLIC_INSTITUTION"), ("atlas", "Opco Atlas", "OPCO")]
    rows += [(key, name, "OPCO") for key, (name, _) in TRICKY.items()]
    with (folder / "actors.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("id", "name", "kind"), *rows])
    with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("source", "target", "type", "since", "amount_eur", "source_title"),
                                      ("etat", "atlas", "FUNDS", "2020-01-01", "1234.5", "Loi de finances"),
                                      ("etat", "hyperlink", "FUNDS", "2021-06-30", "-3.5", "Loi de finances")])
    return folder


def excel_rows(path: Path) -> list[dict[str, str]]:
    """A CSV read as Excel reads it: BOM, ``;``, CRLF line ends."""
    raw = path.read_bytes()
    assert raw.startswith(BOM)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_export_for_excel_neutralises_formulas_and_writes_decimal_commas(cli, tricky_map, tmp_path):
    code, _, err = cli("export", "--data", str(tricky_map), "--format", "csv", "--excel", "-o", str(tmp_path / "x"))
    assert code == 0, err
    names = {row["id"]: row["name"] for row in excel_rows(tmp_path / "x" / "actors.csv")}
    assert names["atlas"] == "Opco Atlas" and names["etat"] == "État"
    assert all(names[key] == shown for key, (_, shown) in TRICKY.items())
    ties = {row["target"]: row for row in excel_rows(tmp_path / "x" / "relationships.csv")}
    assert ties["atlas"]["amount_eur"] == "1234,5" and ties["hyperlink"]["amount_eur"] == "-3,5"  # numbers stay numbers
    assert ties["atlas"]["since"] == "2020-01-01" and ties["atlas"]["illustrative"] == "FAUX"


def test_export_xlsx_neutralises_text_and_keeps_numbers_and_dates_typed(cli, tricky_map, tmp_path):
    target = tmp_path / "carte.xlsx"
    code, _, err = cli("export", "--data", str(tricky_map), "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    book = load_workbook(target)
    actors = {row[0]: row[1] for row in book["actors"].iter_rows(min_row=2, values_only=True)}
    assert all(actors[key] == shown for key, (_, shown) in TRICKY.items())
    assert all(cell.data_type == "s" for row in book["actors"].iter_rows() for cell in row if cell.value)
    ties = {row[1]: row for row in book["relationships"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in book["relationships"][1]]
    assert ties["hyperlink"][header.index("amount_eur")] == -3.5
    assert ties["atlas"][header.index("since")].date().isoformat() == "2020-01-01"
    # The workbook loads back (the neutralised names keep their apostrophe: they are text for Excel).
    assert len(load_dataset([target], default_schema()).actors) == 2 + len(TRICKY)


@pytest.mark.parametrize("fmt,name", [("csv", "plain"), ("json", "carte.json")])
def test_round_trip_formats_keep_formula_like_names_exactly(cli, tricky_map, tmp_path, fmt, name):
    code, _, err = cli("export", "--data", str(tricky_map), "--format", fmt, "-o", str(tmp_path / name))
    assert code == 0, err
    back = {a.id: a.name for a in load_dataset([tmp_path / name], default_schema()).actors}
    assert all(back[key] == typed for key, (typed, _) in TRICKY.items())
    if fmt == "csv":
        raw = (tmp_path / name / "actors.csv").read_bytes()
        assert not raw.startswith(BOM) and b'"=HYPERLINK(""http://x"")"' in raw


def test_analyze_for_excel_as_csv_and_xlsx(cli, tricky_map, tmp_path):
    code, _, err = cli("analyze", "--data", str(tricky_map), "--metrics", "pagerank", "--excel",
                       "-o", str(tmp_path / "m.csv"))
    assert code == 0, err
    rows = {row["id"]: row for row in excel_rows(tmp_path / "m.csv")}
    assert rows["hyperlink"]["name"] == TRICKY["hyperlink"][1]
    assert "," in rows["atlas"]["pagerank"] and "." not in rows["atlas"]["pagerank"]
    assert float(rows["atlas"]["pagerank"].replace(",", ".")) > 0
    code, _, err = cli("analyze", "--data", str(tricky_map), "--metrics", "pagerank", "--format", "xlsx",
                       "-o", str(tmp_path / "m.xlsx"))
    assert code == 0, err
    sheet = load_workbook(tmp_path / "m.xlsx").worksheets[0]
    header = [c.value for c in sheet[1]]
    found = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert found["sum"][header.index("name")] == TRICKY["sum"][1]
    assert isinstance(found["atlas"][header.index("pagerank")], float)


def test_spreadsheet_options_that_cannot_work_are_refused(cli, tricky_map):
    code, out, err = cli("analyze", "--data", str(tricky_map), "--format", "xlsx")
    assert code != 0 and "--output" in one_sentence(err) and "Traceback" not in out + err
    code, _, err = cli("analyze", "--data", str(tricky_map), "--format", "json", "--excel")
    assert code != 0 and "--excel" in err
    code, _, err = cli("export", "--data", str(tricky_map), "--format", "graphml", "--excel")
    assert code != 0 and "--excel" in err


# -- the import template ------------------------------------------------------------------
def _list_values(book, rule) -> list[str]:
    """The values a drop-down offers: the cells of the range its formula points at."""
    sheet, cells = rule.formula1.split("!")
    return [c.value for (c,) in book[sheet.strip("'")][cells.replace("$", "")]]


def _rule_on(sheet, column: str):
    return next(rule for rule in sheet.data_validations.dataValidation if any(
        rng.min_col == rng.max_col == column for rng in rule.sqref.ranges))


def test_template_has_the_loader_columns_the_schema_lists_and_marked_required_columns(cli, tmp_path):
    target = tmp_path / "modele.xlsx"
    code, out, err = cli("template", "--output", str(target))
    assert code == 0, err
    assert "modele.xlsx" in one_sentence(out)
    book = load_workbook(target)
    assert book.sheetnames[0] == "lisez-moi" and "opcomap validate" in " ".join(
        str(c.value) for (c,) in book["lisez-moi"].iter_rows(max_col=1))
    actors, ties = book["acteurs"], book["relations"]
    schema = default_schema()
    assert tuple(c.value for c in actors[1]) == ACTOR_COLUMNS
    assert tuple(c.value for c in ties[1]) == relationship_columns(schema)
    kind_rule = _rule_on(actors, ACTOR_COLUMNS.index("kind") + 1)
    type_rule = _rule_on(ties, relationship_columns(schema).index("type") + 1)
    assert kind_rule.type == type_rule.type == "list"
    assert _list_values(book, kind_rule) == list(schema.kinds)
    assert _list_values(book, type_rule) == list(schema.relationship_types)
    required = {c.value for c in actors[1] if c.font.bold and c.fill.fgColor.rgb.endswith("FFC7CE")}
    assert required == {"id", "name", "kind"}
    assert "Obligatoire" in actors["A1"].comment.text and "Facultatif" in actors["D1"].comment.text


def test_template_loads_back_and_says_a_wrong_row(cli, tmp_path):
    target = tmp_path / "modele.xlsx"
    assert cli("template", "-o", str(target))[0] == 0
    code, out, err = cli("validate", str(target))
    assert code == 0, err
    assert "2 acteurs, 1 relation." in out  # the example rows, as written
    book = load_workbook(target)
    book["acteurs"].append(["opco-b", "Opco B", "OPCOO"])
    book["relations"].append(["exemple-1", "opco-b", "FUNDS"])
    book.save(target)
    code, _, err = cli("validate", str(target))
    assert code == 1
    assert "[feuille acteurs], ligne 4, colonne « kind » : genre inconnu « OPCOO » (vouliez-vous dire OPCO ?)" in (
        one_sentence(err))


def test_template_takes_the_schema_given(cli, tmp_path):
    schema = tmp_path / "schema.yaml"
    schema.write_text("kinds:\n  SCHOOL: {label: {fr: École, en: School}}\n  TOWN: {label: {fr: Ville, en: Town}}\n"
                      "relationship_types:\n  IN: {label: {fr: Dans, en: In}, endpoints: [[SCHOOL, TOWN]]}\n",
                      encoding="utf-8")
    target = tmp_path / "ecoles.xlsx"
    assert cli("template", "--schema", str(schema), "-o", str(target))[0] == 0
    book = load_workbook(target)
    assert _list_values(book, _rule_on(book["acteurs"], 3)) == ["SCHOOL", "TOWN"]
    assert cli("validate", "--schema", str(schema), str(target))[0] == 0


def test_reconcile_for_excel_keeps_the_csv_columns(cli, tmp_path):
    fixtures = Path(__file__).parent / "fixtures"
    code, _, err = cli("reconcile", str(fixtures / "reconcile" / "siro"), "--against",
                       str(fixtures / "reconcile" / "map"), "--excel", "-o", str(tmp_path / "r.csv"))
    assert code == 0, err
    rows = excel_rows(tmp_path / "r.csv")
    assert rows[0]["kind"] == "branch_other_opco" and rows[0]["actor_id"] == "branche-syntec"
    assert rows[0]["registry"] == "AKTO (48\u202f210 établissements)"
    code, _, err = cli("reconcile", str(fixtures / "reconcile" / "siro"), "--against",
                       str(fixtures / "reconcile" / "map"), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert code == 0, err
    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["kind", "label", "actor_id"] and sheet.max_row == len(rows) + 1
