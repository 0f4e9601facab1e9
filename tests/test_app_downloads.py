"""The app's table downloads under AppTest: the CSV that reads back as written, CSV for Excel and XLSX
side by side, formula-like names neutralised only in the files meant for a spreadsheet; and the
import template on the Données page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import app_test

from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
from tests.test_app_pages import assert_clean, open_app

NAME = '=HYPERLINK("http://x")'


class _Kept(MemoryMediaFileStorage):
    """AppTest's media storage, kept so a test reads the files its download buttons offer."""

    last: _Kept | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _Kept.last = self


@pytest.fixture
def files(monkeypatch, tmp_path):
    """A small map whose names look like formulas, served by the app (files mode)."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv(SCHEMA_ENV, raising=False)
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _Kept)
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "actors.csv").write_text(
        'id,name,kind\netat,État,PUBLIC_INSTITUTION\natlas,Opco Atlas,OPCO\nlien,"=HYPERLINK(""http://x"")",OPCO\n'
        "tel,+33 1 40 00 00 00,OPCO\n", encoding="utf-8")
    (folder / "relationships.csv").write_text(
        "source,target,type,amount_eur,source_title\netat,atlas,FUNDS,1234.5,LFI\netat,lien,FUNDS,10,LFI\netat,tel,FUNDS,20,LFI\n",
        encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(folder))
    return folder


def offered(at, key: str) -> tuple[str, bytes]:
    """The file name and bytes a download button (found by its key) hands over."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(key))
    stored = _Kept.last.get_file(Path(button.proto.url).name)
    return stored.filename, stored.content


def test_metrics_download_as_csv_excel_csv_and_xlsx(files):
    at = open_app(page="analyse")
    assert_clean(at)
    name, plain = offered(at, "dl_metrics")
    assert name == "opcomap-indicateurs.csv" and not plain.startswith(b"\xef\xbb\xbf")
    assert {row["id"]: row["name"] for row in csv.DictReader(io.StringIO(plain.decode("utf-8")))}["lien"] == NAME

    name, excel = offered(at, "dl_metrics_excel")
    assert name == "opcomap-indicateurs-excel.csv" and excel.startswith(b"\xef\xbb\xbf") and b"\r\n" in excel
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(excel.decode("utf-8-sig"), newline=""), delimiter=";")}
    assert rows["lien"]["name"] == "'" + NAME and rows["tel"]["name"] == "'+33 1 40 00 00 00"
    assert "," in rows["atlas"]["pagerank"] and "." not in rows["atlas"]["pagerank"]

    name, workbook = offered(at, "dl_metrics_xlsx")
    assert name == "opcomap-indicateurs.xlsx"
    sheet = load_workbook(io.BytesIO(workbook)).worksheets[0]
    header = [c.value for c in sheet[1]]
    found = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert found["lien"][header.index("name")] == "'" + NAME
    assert isinstance(found["atlas"][header.index("pagerank")], float)


def test_donnees_offers_the_import_template_of_the_schema(files):
    at = open_app(page="donnees")
    assert_clean(at)
    name, content = offered(at, "dl_template")
    assert name == "modele-opcomap.xlsx"
    book = load_workbook(io.BytesIO(content))
    assert {"lisez-moi", "acteurs", "relations", "listes"} <= set(book.sheetnames)
    assert [c.value for c in book["acteurs"][1]][:3] == ["id", "name", "kind"]
    assert book["acteurs"].data_validations.dataValidation
