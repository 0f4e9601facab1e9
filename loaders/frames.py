"""Large CSV files read column by column, as an Arrow table of text cells.

Why pyarrow: it is already installed with Streamlit and pandas, its CSV reader is
multi-threaded C++, and its compute kernels check a million cells per call, so a
national map is read without one Python object per cell.

Only files the plain reader would read the same way take this path: a header on
the first line, every row with as many cells as the header. Anything else (a blank
line, a ragged row, bytes neither UTF-8 nor Windows-1252) returns ``None`` and the file goes
through :func:`loaders.readers.read_csv`, which reports each problem with its row.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from graph_model.errors import Problem
from loaders.conventions import BOM, Conventions, decode, french_days_as_iso, survey_frame
from loaders.tables import ANCHORS_FILE, Table, normalise_header, role_of_header

if TYPE_CHECKING:
    import pyarrow as pa

# Below this size the plain reader is as fast and keeps one code path for small maps.
MIN_BYTES = 1 << 18
FRAME_ROLES = ("actors", "relationships")


def arrow_without_pandas() -> None:
    """Let pyarrow settle that pandas is missing, for the rest of the process, when it first reads a file.

    pyarrow looks for pandas once, at the first array it makes from Python values, and
    imports it when installed: most of a second on a command that reads files and never
    gives pyarrow a pandas object. Only for such a process (the CLI's one-shot commands
    that say so), while one thread runs; afterwards pyarrow cannot convert to or from
    pandas in this process, though pandas itself still imports. Small maps, which the
    plain reader reads, do not import pyarrow at all.
    """
    global _WITHOUT_PANDAS
    _WITHOUT_PANDAS = True


_WITHOUT_PANDAS = False


def _settle_pandas_lookup() -> None:
    import sys
    import threading

    global _WITHOUT_PANDAS
    if not _WITHOUT_PANDAS:
        return
    _WITHOUT_PANDAS = False
    if "pandas" in sys.modules or threading.active_count() > 1:
        return
    # A finder that refuses pandas: pyarrow's compiled import skips a None in sys.modules.
    refusal = _Refuse("pandas")
    sys.meta_path.insert(0, refusal)
    try:
        import pyarrow as pa

        pa.array([""])
    finally:
        sys.meta_path.remove(refusal)


class _Refuse:
    """An import finder that says one module is not installed."""

    def __init__(self, name: str):
        self.name = name

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == self.name or name.startswith(self.name + "."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def read_csv_frame(path: Path, label: str, min_bytes: int | None = None) -> tuple[list[Table], list[Problem]] | None:
    """The file as one :class:`Table` holding an Arrow ``frame`` (and the problems of rows
    with cells beyond the header), or ``None`` for the plain reader."""
    if path.stat().st_size < (MIN_BYTES if min_bytes is None else min_bytes):
        return None
    data = path.read_bytes()
    header = _header(data)
    if header is None:
        return None
    cells, delimiter, header_end = header
    columns = [normalise_header(c) for c in cells]
    named = list(columns)
    while named and not named[-1]:
        named.pop()
    role = role_of_header(named)
    if role is None or role not in FRAME_ROLES:
        return None
    if role == "actors" and Path(label).stem.lower() == ANCHORS_FILE:
        return None
    _settle_pandas_lookup()
    encoding = "utf-8-bom" if data.startswith(BOM) else "utf-8"
    frame = _parse(data, header_end, delimiter, len(columns))
    if frame is None:
        # Arrow reads UTF-8 only: a Windows-1252 file is read once more, made UTF-8.
        decoded = decode(data) if data[:header_end].isascii() else None  # so the header keeps its length
        if decoded is None or decoded[1] != "cp1252":
            return None
        data, encoding = decoded[0].encode("utf-8"), decoded[1]
        frame = _parse(data, header_end, delimiter, len(columns))
        if frame is None:
            return None
    del data
    tables, problems = _shape(frame, columns, named, label, role)
    conventions = Conventions(label, encoding=encoding, delimiter=delimiter)
    survey_frame(conventions, tables[0])
    if conventions.french_dates:
        tables[0].frame = french_days_as_iso(tables[0].frame)
    tables[0].conventions = conventions
    return tables, problems


def _shape(frame: pa.Table, columns: list[str], named: list[str], label: str, role: str) -> tuple[list[Table], list[Problem]]:
    """Named columns only (the last of two same names wins, as in a row's dict), rows numbered
    as a spreadsheet shows them (header = 1), blank rows dropped and rows with cells beyond the
    header reported, exactly as the plain reader does."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    count = frame.num_rows
    filled = [pc.not_equal(frame.column(i), "") for i in range(frame.num_columns)]
    anything = np.zeros(count, dtype=bool)
    for mask in filled:
        anything |= mask.to_numpy(zero_copy_only=False)
    extra = np.zeros(count, dtype=np.int64)
    for mask in filled[len(named):]:
        extra += mask.to_numpy(zero_copy_only=False)
    numbers = np.arange(2, count + 2, dtype=np.int64)
    problems = [Problem(label, int(row), None, "problems.too_many_cells",
                        {"cells": len(named) + int(n), "columns": len(named)})
                for row, n in zip(numbers[extra > 0], extra[extra > 0])]
    keep = anything & (extra == 0)
    last = {name: i for i, name in enumerate(named) if name}
    kept = frame.select(list(last.values())).rename_columns(list(last))
    if not keep.all():
        kept = kept.filter(pa.array(keep))
        numbers = numbers[keep]
    table = Table(file=label, role=role, columns=named, frame=kept, row_numbers=numbers)  # type: ignore[arg-type]
    return [table], problems


def _header(data: bytes) -> tuple[list[str], str, int] | None:
    """The first line's cells, the delimiter and where the rows start; ``None`` unless plain."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    end = data.find(b"\n", start)
    if end < 0:
        return None
    try:
        line = data[start:end].decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        return None
    if not line.strip() or line.count('"') % 2:
        return None  # a blank first line, or a header cell spanning lines
    # French Excel writes ";" (the decimal separator is ","); count on the header only.
    delimiter = ";" if line.count(";") > line.count(",") else ","
    cells = next(csv.reader([line], delimiter=delimiter))
    return cells, delimiter, end + 1


def _parse(data: bytes, offset: int, delimiter: str, width: int) -> pa.Table | None:
    import pyarrow as pa
    from pyarrow import csv as pv

    irregular: list[int] = []

    def refuse(row: object) -> str:
        irregular.append(1)
        return "skip"

    names = [f"c{i}" for i in range(width)]
    body = memoryview(data)[offset:]
    try:
        frame = pv.read_csv(
            pa.BufferReader(pa.py_buffer(body)),
            read_options=pv.ReadOptions(column_names=names, use_threads=True),
            # Quoted line breaks only matter when the file has quotes; without them Arrow
            # splits the file into blocks and parses them in parallel.
            parse_options=pv.ParseOptions(delimiter=delimiter, newlines_in_values=data.find(b'"', offset) >= 0,
                                          ignore_empty_lines=False, invalid_row_handler=refuse),
            convert_options=pv.ConvertOptions(column_types={n: pa.string() for n in names},
                                              strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None  # not UTF-8, or a row Arrow cannot split: the plain reader says where
    if irregular:
        return None
    return frame
