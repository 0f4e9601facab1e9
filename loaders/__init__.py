"""Reading maps from files and writing them back out.

Typical use: ``load_dataset([Path("data/reference")], default_schema())``.
``load_dataset`` reads CSV, XLSX, node-link JSON, YAML, GraphML and GEXF
files (a folder means every data file in it) and either returns a valid
:class:`graph_model.Dataset` or raises :class:`graph_model.errors.ValidationFailed`
listing every problem found, each with its file, row and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from graph_model.errors import Problem, ValidationFailed
from graph_model.lazy import lazy_attributes

if TYPE_CHECKING:
    from graph_model.columns import MapColumns
    from graph_model.models import Dataset
    from graph_model.schema import Schema
    from loaders.conventions import Conventions
    from loaders.tables import Table

# Readers and writers (NetworkX, YAML, openpyxl) load on first use: ``opcomap --help``
# and the modules that only need ``loaders.bundled`` do not pay for them.
_HOMES = {
    **dict.fromkeys(("EXPORTERS", "canonical", "write_csv_folder", "write_gexf_file", "write_graphml",
                     "write_json"), "exporters"),
    "READERS": "readers",
}
__getattr__ = lazy_attributes(__name__, _HOMES)


def read_files(paths: Iterable[Path], heard: list[Conventions] | None = None) -> tuple[list[Table], list[Problem]]:
    """Every table of ``paths`` and the problems with the files themselves; ``heard``, when
    given, receives how each tabular file was written (encoding, separator, days, numbers)."""
    from loaders.conventions import conventions_of
    from loaders.readers import read_path

    tables = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = read_path(Path(path))
        tables += found
        problems += trouble
    if heard is not None:
        heard += conventions_of(tables)
    return tables, problems


def check_dataset(paths: Iterable[Path], schema: Schema,
                  heard: list[Conventions] | None = None) -> tuple[Dataset, list[Problem]]:
    """Read and validate; returns the dataset with every problem (an empty list when clean)."""
    from loaders.parser import parse_tables

    tables, problems = read_files(paths, heard)
    dataset, row_problems = parse_tables(tables, schema)
    # File by file, row by row: the order a user fixes them in.
    everything = sorted(problems + row_problems, key=lambda p: (p.file, p.row or 0))
    return dataset, everything


def map_columns(paths: Iterable[Path], schema: Schema) -> MapColumns:
    """A valid map as columns (what a metrics table reads); raises ValidationFailed with every
    problem, the same problems as :func:`load_dataset`."""
    from graph_model.columns import MapColumns
    from loaders.parser import column_tables

    tables, problems = read_files(paths)
    actors, ties, row_problems = column_tables(tables, schema)
    if problems or row_problems:
        raise ValidationFailed(sorted(problems + row_problems, key=lambda p: (p.file, p.row or 0)))
    return MapColumns.build(actors, ties)


def count_files(paths: Iterable[Path], schema: Schema,
                heard: list[Conventions] | None = None) -> tuple[int, int, list[Problem]]:
    """What ``opcomap validate`` needs: the actors and ties the files hold, and every problem
    (sorted as :func:`check_dataset` sorts them), without keeping the ties in memory."""
    from loaders.parser import count_tables

    tables, problems = read_files(paths, heard)
    actors, ties, row_problems = count_tables(tables, schema)
    return actors, ties, sorted(problems + row_problems, key=lambda p: (p.file, p.row or 0))


def load_dataset(paths: Iterable[Path], schema: Schema, heard: list[Conventions] | None = None) -> Dataset:
    """A valid dataset from files and folders; raises ValidationFailed with all problems."""
    dataset, problems = check_dataset(paths, schema, heard)
    if problems:
        raise ValidationFailed(problems)
    return dataset


__all__ = [
    "EXPORTERS",
    "READERS",
    "canonical",
    "check_dataset",
    "count_files",
    "load_dataset",
    "map_columns",
    "read_files",
    "write_csv_folder",
    "write_gexf_file",
    "write_graphml",
    "write_json",
]
