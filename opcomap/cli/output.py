"""Everything the CLI writes: sentences from the catalogue, and results as a table, CSV, JSON or XLSX.

Data (names, ids, a user's text) is printed as typed: every sentence and cell
goes out as a Rich ``Text``, never parsed as markup, so ``[bold]`` or ``[/]`` in
an actor's name is shown, not eaten or taken for a broken tag.

Machine formats (CSV, JSON) keep the rows' keys: stable English names that a
script can rely on whatever the user's language. Only the table translates its
column headers (catalogue keys ``cli.col.<key>``). ``--excel`` CSV and XLSX are for a
spreadsheet: their cells go through :mod:`loaders.spreadsheet`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from graph_model.errors import OpcomapError
from graph_model.words import STRINGS, t
from graph_model.words.formats import number
from opcomap.cli.state import current_lang

out = Console()
err = Console(stderr=True)
# Beyond this many rows a table is written line by line (:func:`_long_table`): Rich measures
# and wraps every cell of every row, which a listing of a national map's actors cannot afford.
LONG_TABLE = 1000


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="cli.opt.format")]


def existing_folder(path: Path | None) -> Path | None:
    """An ``--output`` path whose folder exists: a mistyped folder is said at once, never created."""
    if path is not None and not path.absolute().parent.is_dir():
        from graph_model.errors import OpcomapError

        raise OpcomapError("cli.output_folder_missing", folder=str(path.parent), path=str(path))
    return path


OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="cli.opt.output", callback=existing_folder)]
ExcelOption = Annotated[bool, typer.Option("--excel", help="cli.opt.excel")]


def sheet_format(fmt: Format | str, excel: bool) -> Format:
    """The format asked for, once ``--excel`` is counted: it means CSV for Excel, so the table
    becomes CSV and JSON is refused.

    >>> sheet_format("table", True), sheet_format("table", False), sheet_format("xlsx", True)
    (<Format.csv: 'csv'>, <Format.table: 'table'>, <Format.xlsx: 'xlsx'>)
    """
    fmt = Format(fmt)
    if not excel:
        return fmt
    if fmt is Format.json:
        raise OpcomapError("cli.excel_not_json")
    return Format.xlsx if fmt is Format.xlsx else Format.csv


def words(key: str, /, **params: Any) -> str:
    """A sentence of the catalogue in the CLI's language."""
    return t(key, current_lang(), **params)


def say(key: str, /, *, console: Console | None = None, style: str = "", **params: Any) -> None:
    """Print a sentence of the catalogue; its parameters (data) are printed literally."""
    literal(words(key, **params), console=console, style=style)


def literal(text: str, *, console: Console | None = None, style: str = "") -> None:
    """Print text as it is: no markup, no highlighting."""
    (console or out).print(Text(text, style=style), highlight=False, soft_wrap=True)


def labelled(label_key: str, text: str, *, console: Console | None = None, style: str = "bold red") -> None:
    """``Erreur : …``: a catalogue label in ``style``, then the text as it is."""
    (console or err).print(Text.assemble((words(label_key), style), " ", text), highlight=False)


# -- cells -------------------------------------------------------------------------------
def table_cell(value: Any) -> str:
    """A short human rendering: nodes by name, relationships by type, paths as chains, numbers in the user's way.

    >>> table_cell({"_labels": ["OPCO"], "name": "Atlas"}), table_cell(["a", "b"]), table_cell(None)
    ('Atlas', 'a, b', '')
    """
    if value is None:
        return ""
    if isinstance(value, dict):
        if "_labels" in value:
            return str(value.get("name") or value.get("id") or ":".join(value["_labels"]))
        if "_type" in value:
            return f"[{value['_type']}]"
        if "_nodes" in value:
            parts = [table_cell(value["_nodes"][0])] if value["_nodes"] else []
            for rel, node in zip(value["_relationships"], value["_nodes"][1:], strict=False):
                parts.append(f" -{table_cell(rel)}- {table_cell(node)}")
            return "".join(parts)
        return ", ".join(f"{k}: {table_cell(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(table_cell(v) for v in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return short_number(value)
    return str(value)


def short_number(value: float, lang: str | None = None) -> str:
    """At most six significant digits, written the way ``lang`` (default: the CLI's) writes numbers (Babel).

    >>> short_number(1234567.5, "fr") == "1\\u202f234\\u202f570", short_number(0.000123456789, "en")
    (True, '0.000123457')
    """
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    rounded = float(f"{value:.6g}")
    exponent = Decimal(repr(rounded)).normalize().as_tuple().exponent
    decimals = max(0, -int(exponent)) if isinstance(exponent, int) else 0
    return number(rounded, lang or current_lang(), decimals=decimals)


CONTAINERS = (list, tuple, set, frozenset, dict)
PLAIN = frozenset({str, int, float, type(None)})
# What a spreadsheet keeps typed; anything else is written as csv_cell writes it.
SHEET_PLAIN = PLAIN | {bool, dt.date, dt.datetime}


def csv_cell(value: Any) -> str:
    """Scalars as text; lists and objects as JSON (unambiguous for a program reading the file).

    >>> csv_cell(None), csv_cell(1.5), csv_cell(["a", "b"]), csv_cell([])
    ('', '1.5', '["a", "b"]', '[]')
    """
    if value is None:
        return ""
    if isinstance(value, CONTAINERS):
        return json.dumps(value, ensure_ascii=False, default=json_default)
    return str(value)


def json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def to_json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=json_default) + "\n"


def header(column: str) -> str:
    """A column's header in the table: ``cli.col.<column>`` when the catalogue has it."""
    key = f"cli.col.{column}"
    return words(key) if key in STRINGS else column


# -- results ------------------------------------------------------------------------------
def emit(
    rows: Sequence[dict[str, Any]],
    fmt: Format | str = Format.table,
    output: Path | None = None,
    *,
    title: str = "",
    notes: Iterable[str] = (),
    document: Any = None,
    columns: Sequence[str] | None = None,
    coded: Sequence[str] = (),
    excel: bool = False,
) -> None:
    """Print rows as a table, CSV, JSON or XLSX, on screen or into ``output``.

    ``document`` replaces ``{"notes", "rows"}`` in JSON when given; ``columns``
    names the CSV header when there may be no row; the values of ``coded``
    columns are codes (``added``) the table shows as words (``cli.value.added``).
    Notes go below the table, to stderr beside CSV and XLSX, and into the JSON document.
    ``excel`` writes CSV for Excel (see :func:`sheet_format`); XLSX needs ``output``.
    """
    fmt = sheet_format(fmt, excel)
    notes = list(notes)
    columns = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt is Format.xlsx or (excel and fmt is Format.csv):
        _emit_sheet(rows, columns, fmt, output, title, notes)
        return
    if fmt is Format.json:
        text = to_json(document if document is not None else {"notes": notes, "rows": list(rows)})
    elif fmt is Format.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        # The csv module writes None as "" and a plain str, int or float as str(value), as
        # csv_cell does: other values go through it (a national map's table has millions of cells).
        writer.writerows([v if type(v) in PLAIN else csv_cell(v) for v in map(row.get, columns)] for row in rows)
        text = buffer.getvalue()
        for note in notes:
            literal(note, console=err)
    elif len(rows) > LONG_TABLE:
        text = _long_table(rows, columns, title, notes, coded)
    else:
        table = _table(rows, columns, title, notes, coded)
        if output is None:
            out.print(table)
            return
        buffer = io.StringIO()
        Console(file=buffer, width=160).print(table)
        text = buffer.getvalue()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        say("cli.written", console=err, path=str(output))


def _emit_sheet(rows: Sequence[dict[str, Any]], columns: list[str], fmt: Format, output: Path | None,
                title: str, notes: list[str]) -> None:
    """Rows for a spreadsheet: Excel's CSV (on screen or in ``output``) or an XLSX file."""
    from loaders.spreadsheet import Sheet, excel_csv, sheet_title, write_xlsx

    cells = ([v if type(v) in SHEET_PLAIN else csv_cell(v) for v in map(row.get, columns)] for row in rows)
    if fmt is Format.xlsx:
        if output is None:
            raise OpcomapError("cli.xlsx_needs_output")
        write_xlsx(output, [Sheet(sheet_title(title), columns, cells)])
    else:
        content = excel_csv(columns, cells)
        if output is None:
            typer.echo(content, nl=False)
        else:
            output.write_bytes(content)
    for note in notes:
        literal(note, console=err)
    if output is not None:
        say("cli.written", console=err, path=str(output))


def _shown(column: str, value: Any, coded: Sequence[str]) -> str:
    key = f"cli.value.{value}"
    return words(key) if column in coded and key in STRINGS else table_cell(value)


def _table(rows: Sequence[dict[str, Any]], columns: list[str], title: str, notes: list[str],
           coded: Sequence[str] = ()) -> Table:
    table = Table(title=Text(title) if title else None, caption=Text("\n".join(notes)) if notes else None)
    for column in columns or [words("cli.no_result")]:
        table.add_column(Text(header(column)), overflow="fold")
    for row in rows:
        table.add_row(*(Text(_shown(c, row.get(c), coded)) for c in columns))
    return table


def _long_table(rows: Sequence[dict[str, Any]], columns: list[str], title: str, notes: list[str],
                coded: Sequence[str] = ()) -> str:
    """The table :func:`_table` draws, with Rich's box characters, written line by line: each
    column as wide as its widest cell, one row per line (never folded, so it can be searched and paged).

    >>> print(_long_table([{"id": "a", "n": 1.5}, {"id": "bb", "n": None}], ["id", "n"], "T", ["note"]), end="")
         T
    ┏━━━━┳━━━━━┓
    ┃ id ┃ n   ┃
    ┡━━━━╇━━━━━┩
    │ a  │ 1,5 │
    │ bb │     │
    └────┴─────┘
        note
    """
    head = [header(c).replace("\n", " ") for c in columns]
    cells = [[_shown(c, row.get(c), coded).replace("\n", " ") for c in columns] for row in rows]
    widths = [max([cell_len(h), *(cell_len(line[i]) for line in cells)]) for i, h in enumerate(head)]
    frame = box.HEAVY_HEAD

    def line(values: list[str], left: str, middle: str, right: str) -> str:
        padded = (f" {v}{' ' * (w - cell_len(v))} " for v, w in zip(values, widths, strict=True))
        return left + middle.join(padded) + right

    def rule(left: str, horizontal: str, middle: str, right: str) -> str:
        return left + middle.join(horizontal * (w + 2) for w in widths) + right

    total = sum(widths) + 3 * len(widths) + 1
    parts = [title.center(total).rstrip()] if title else []
    parts += [rule(frame.top_left, frame.top, frame.top_divider, frame.top_right),
              line(head, frame.head_left, frame.head_vertical, frame.head_right),
              rule(frame.head_row_left, frame.head_row_horizontal, frame.head_row_cross, frame.head_row_right)]
    parts += [line(values, frame.mid_left, frame.mid_vertical, frame.mid_right) for values in cells]
    parts.append(rule(frame.bottom_left, frame.bottom, frame.bottom_divider, frame.bottom_right))
    parts += [note.center(total).rstrip() for note in notes]
    return "\n".join(parts) + "\n"
