"""Files meant for a spreadsheet: Excel's CSV and XLSX workbooks, and the one rule for their cells.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would be read by Excel as a formula (OWASP's "CSV injection"): it gets a leading
``'``, as OWASP recommends. Numbers, dates and yes/no stay typed, so ``-3,5``
written as a number stays a number. The round-trip formats (plain CSV, JSON)
never come here: they read back exactly what they wrote.

Excel's CSV is the one French Excel opens with a double click: ``;`` between
cells, UTF-8 with a BOM, decimal commas, CRLF line ends.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_DELIMITER = ";"
EXCEL_ENCODING = "utf-8-sig"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's own words for yes and no in a French workbook; the file parser reads them back.
EXCEL_TRUE, EXCEL_FALSE = "VRAI", "FAUX"


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula.

    >>> safe_text('=HYPERLINK("http://x")'), safe_text("+33 1 40"), safe_text("@SUM(1)"), safe_text("Afdas")
    ('\\'=HYPERLINK("http://x")', "'+33 1 40", "'@SUM(1)", 'Afdas')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain(value: Any) -> Any:
    """Python's own value for a NumPy scalar (a pandas frame's cell); NaN is an empty cell.

    >>> plain(float("nan")) is None, plain(2.5)
    (True, 2.5)
    """
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def csv_value(value: Any) -> str:
    """One cell of Excel's CSV: numbers with a decimal comma, dates in ISO, text made safe.

    >>> csv_value(-3.5), csv_value(12), csv_value(True), csv_value(None), csv_value("-3,5")
    ('-3,5', '12', 'VRAI', '', "'-3,5")
    """
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return EXCEL_TRUE if value else EXCEL_FALSE
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value).replace(".", ",")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return safe_text(str(value))


def excel_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A whole table as Excel's CSV, BOM included."""
    buffer = io.StringIO()
    _write_rows(buffer, columns, rows)
    return buffer.getvalue().encode(EXCEL_ENCODING)


def write_excel_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """:func:`excel_csv` written row by row into ``path`` (a map's table may be long)."""
    with path.open("w", encoding=EXCEL_ENCODING, newline="") as handle:
        _write_rows(handle, columns, rows)
    return path


def _write_rows(handle: Any, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    writer = csv.writer(handle, delimiter=EXCEL_DELIMITER, lineterminator="\r\n")
    writer.writerow([csv_value(c) for c in columns])
    writer.writerows([csv_value(v) for v in row] for row in rows)


def cell_value(value: Any) -> Any:
    """One cell of a workbook: numbers, dates and yes/no typed; text made safe and stripped of
    the control characters XLSX cannot hold.

    >>> cell_value(-3.5), cell_value("=1+1"), cell_value("a\\x00b"), cell_value(float("inf"))
    (-3.5, "'=1+1", 'ab', 'inf')
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = plain(value)
    if value is None or isinstance(value, (bool, int, dt.date, dt.datetime)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return safe_text(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def sheet_title(text: str, default: str = "opcomap") -> str:
    """A sheet's name as Excel allows it: at most 31 characters, none of ``[]:*?/\\``.

    >>> sheet_title("Chemins : Atlas → Région [2024]"), sheet_title("")
    ('Chemins  Atlas → Région 2024', 'opcomap')
    """
    cleaned = "".join(c for c in text if c not in "[]:*?/\\").strip().strip("'")
    return cleaned[:31].strip() or default


@dataclass
class Sheet:
    """One sheet of a workbook: its title, header and rows (values in the header's order)."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]


def write_xlsx(target: Path | io.BytesIO, sheets: Iterable[Sheet]) -> Path | io.BytesIO:
    """A workbook, one sheet per table, header in bold and frozen. Written in openpyxl's
    streaming mode, so a national map's table fits in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        page = book.create_sheet(sheet.title)
        page.freeze_panes = "A2"
        head = []
        for name in sheet.columns:
            cell = WriteOnlyCell(page, cell_value(name))
            cell.font = bold
            head.append(cell)
        page.append(head)
        for row in sheet.rows:
            page.append([cell_value(v) for v in row])
    book.save(target)
    return target


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """:func:`write_xlsx` in memory (a download button's content)."""
    buffer = io.BytesIO()
    write_xlsx(buffer, sheets)
    return buffer.getvalue()
