"""The import template: a workbook whose sheets have exactly the columns the loader reads.

Kinds and relationship types are drop-down lists pointing at the "listes" sheet
(a list typed into the validation itself is capped at 255 characters), required
columns have a red header and a note, and example rows show the format; the
workbook as written passes ``opcomap validate``. The read-me and lists sheets are
skipped by the XLSX reader (:func:`note_sheet`).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from graph_model.schema import ANY, Schema
from graph_model.words import LANGS, t
from loaders.spreadsheet import cell_value
from loaders.tables import (
    ACTOR_COLUMNS,
    ACTOR_REQUIRED,
    INLINE_SOURCE_COLUMNS,
    RELATIONSHIP_COLUMNS,
    RELATIONSHIP_REQUIRED,
    SOURCE_COLUMNS,
    SOURCE_REQUIRED,
)

NOTE_SHEET_KEYS = ("template.sheet.lists", "template.sheet.readme")
# Drop-down lists and typing checks cover this many rows below the header.
LAST_ROW = 10_000
REQUIRED_FILL, OPTIONAL_FILL = "FFC7CE", "D9E1F2"
REQUIRED_FONT = "9C0006"
EXAMPLE_DAY = dt.date(2024, 1, 1)
EXAMPLE_URL = "https://www.example.org"
EXAMPLE_CONFIDENCE = 0.8


def note_sheet(title: str) -> bool:
    """True for the template's read-me and lists sheets (in either language), which hold no data.

    >>> note_sheet("Lisez-moi"), note_sheet("lists"), note_sheet("acteurs")
    (True, True, False)
    """
    return title.strip().lower() in {t(key, lang) for key in NOTE_SHEET_KEYS for lang in LANGS}


def relationship_columns(schema: Schema) -> tuple[str, ...]:
    """What a relationships sheet may hold: the fixed columns, inline sources, the schema's properties."""
    properties = sorted({name for spec in schema.relationship_types.values() for name in spec.properties})
    return RELATIONSHIP_COLUMNS + INLINE_SOURCE_COLUMNS + tuple(properties)


def _example_tie(schema: Schema) -> tuple[str, str, str]:
    """A relationship type without required properties, and the kinds its first endpoints allow."""
    first_kind = next(iter(schema.kinds))
    types = list(schema.relationship_types.items())
    name, spec = next(((n, s) for n, s in types if not s.required_properties()), types[0])
    source, target = spec.endpoints[0]
    return name, first_kind if source == ANY else source, first_kind if target == ANY else target


def template_workbook(schema: Schema, lang: str = "fr", file_name: str = "modele.xlsx") -> Any:
    """The template as an openpyxl workbook."""
    from openpyxl import Workbook

    book = Workbook()
    actors = book.active
    actors.title = t("template.sheet.actors", lang)
    relationships = book.create_sheet(t("template.sheet.relationships", lang))
    sources = book.create_sheet(t("template.sheet.sources", lang))
    lists = book.create_sheet(t("template.sheet.lists", lang))
    readme = book.create_sheet(t("template.sheet.readme", lang), 0)

    rel_type, source_kind, target_kind = _example_tie(schema)
    ids = [t("template.example.id", lang, n=n) for n in (1, 2)]
    source_id = t("template.example.source_id", lang)
    _header(actors, ACTOR_COLUMNS, ACTOR_REQUIRED, lang)
    for actor_id, kind in zip(ids, (source_kind, target_kind), strict=True):
        name = t("template.example.name", lang, label=schema.kind_label(kind, lang))
        _row(actors, ACTOR_COLUMNS, {"id": actor_id, "name": name, "kind": kind, "since": EXAMPLE_DAY})
    rel_columns = relationship_columns(schema)
    _header(relationships, rel_columns, RELATIONSHIP_REQUIRED, lang)
    _row(relationships, rel_columns, {"source": ids[0], "target": ids[1], "type": rel_type, "since": EXAMPLE_DAY,
                                      "illustrative": True, "sources": source_id,
                                      "note": t("template.example.note", lang)})
    _header(sources, SOURCE_COLUMNS, SOURCE_REQUIRED, lang)
    _row(sources, SOURCE_COLUMNS, {"source_id": source_id, "title": t("template.example.source_title", lang),
                                   "url": EXAMPLE_URL, "publisher": t("template.example.publisher", lang),
                                   "consulted": EXAMPLE_DAY, "confidence": EXAMPLE_CONFIDENCE})

    columns = _fill_lists(lists, schema, lang)
    _drop_down(actors, ACTOR_COLUMNS.index("kind"), lists.title, columns["kind"], len(schema.kinds), lang)
    _drop_down(relationships, rel_columns.index("type"), lists.title, columns["type"],
               len(schema.relationship_types), lang)
    for name, (column, count) in columns["properties"].items():
        _drop_down(relationships, rel_columns.index(name), lists.title, column, count, lang)
    for line in t("template.readme", lang, file=file_name).split("\n"):
        readme.append([cell_value(line)])
    readme["A1"].font = _font(bold=True, size=14)
    readme.column_dimensions["A"].width = 120
    return book


def write_template(path: Path | io.BytesIO, schema: Schema, lang: str = "fr") -> Path | io.BytesIO:
    """Write the template (an .xlsx file) to ``path``."""
    name = path.name if isinstance(path, Path) else t("template.file", lang)
    template_workbook(schema, lang, name).save(path)
    return path


def template_bytes(schema: Schema, lang: str = "fr", file_name: str = "modele.xlsx") -> bytes:
    """The template in memory (a download button's content)."""
    buffer = io.BytesIO()
    template_workbook(schema, lang, file_name).save(buffer)
    return buffer.getvalue()


def _font(**style: Any) -> Any:
    from openpyxl.styles import Font

    return Font(**style)


def _header(sheet: Any, columns: tuple[str, ...], required: tuple[str, ...], lang: str) -> None:
    """Bold headers, the required ones red with a note saying so; header frozen, columns widened."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append([cell_value(name) for name in columns])
    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        must = name in required
        cell.font = _font(bold=True, color=REQUIRED_FONT if must else None)
        cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL if must else OPTIONAL_FILL)
        cell.comment = Comment(t("template.required" if must else "template.optional", lang), "opcomap")
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(name) + 4)
    sheet.freeze_panes = "A2"


def _row(sheet: Any, columns: tuple[str, ...], values: dict[str, Any]) -> None:
    sheet.append([cell_value(values.get(name)) for name in columns])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"


def _fill_lists(sheet: Any, schema: Schema, lang: str) -> dict[str, Any]:
    """The lists sheet, one column per list (codes, then their labels); where each list sits."""
    lists: list[tuple[str, list[Any]]] = [
        (t("template.lists.kind", lang), list(schema.kinds)),
        (t("template.lists.kind_label", lang), [schema.kind_label(k, lang) for k in schema.kinds]),
        (t("template.lists.type", lang), list(schema.relationship_types)),
        (t("template.lists.type_label", lang), [schema.type_label(r, lang) for r in schema.relationship_types]),
    ]
    properties: dict[str, tuple[int, int]] = {}
    for rel_type, spec in schema.relationship_types.items():
        for name, prop in spec.properties.items():
            if prop.values and name not in properties:
                properties[name] = (len(lists), len(prop.values))
                lists.append((t("template.lists.property", lang, name=name, type=rel_type), list(prop.values)))
    for column, (title, values) in enumerate(lists, start=1):
        sheet.cell(row=1, column=column, value=cell_value(title)).font = _font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=column, value=cell_value(value))
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = 28
    return {"kind": 0, "type": 2, "properties": properties}


def _drop_down(sheet: Any, index: int, lists_title: str, list_column: int, count: int, lang: str) -> None:
    """A drop-down on column ``index`` (0-based) of ``sheet``, its values those of the lists sheet's column."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(list_column + 1)
    check = DataValidation(type="list", formula1=f"'{lists_title}'!${letter}$2:${letter}${count + 1}",
                           allow_blank=True, showErrorMessage=True, errorTitle=t("template.list_title", lang),
                           error=t("template.list_error", lang))
    target = get_column_letter(index + 1)
    check.add(f"{target}2:{target}{LAST_ROW}")
    sheet.add_data_validation(check)
