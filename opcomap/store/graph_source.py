"""Where the graph under analysis comes from: files, Neo4j, or the bundled map.

One entry point for the CLI and the app:

1. ``--data`` files or folders: read and validated by :func:`loaders.load_dataset`;
2. otherwise Neo4j when ``NEO4J_URI`` is set (a driver may be injected);
3. otherwise the bundled reference map.

The result is the map's MultiDiGraph with the view filters applied. Inputs
are plain values, so callers can cache on them (the app's caches are
:mod:`opcomap.ui.caches`); files are also remembered here while unchanged on
disk (:func:`loaders.readers.files_stamp`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx

from graph_model.graph import to_networkx
from graph_model.schema import Schema
from opcomap.analysis.filters import apply_filters
from loaders.bundled import reference_dir
from loaders.readers import files_stamp, map_files
from opcomap.settings import Settings
from opcomap.analysis.selection import ViewFilters
from opcomap.store.database import Store


def _load_files(paths: list[Path], schema: Schema) -> nx.MultiDiGraph:
    from loaders import load_dataset  # lazy: keeps `opcomap --help` fast

    return to_networkx(load_dataset(paths, schema))


_CACHE: dict[tuple, nx.MultiDiGraph] = {}
_CACHE_SIZE = 8


def file_graph(paths: list[Path], schema: Schema) -> nx.MultiDiGraph:
    """The unfiltered graph of data files, re-read only when a file changes.

    Raises :class:`graph_model.errors.ValidationFailed` listing every problem.
    """
    key = (files_stamp(paths), schema.model_dump_json())
    graph = _CACHE.get(key)
    if graph is None:
        graph = _load_files(paths, schema)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = graph
    return graph


def open_graph(
    settings: Settings,
    schema: Schema,
    data: list[Path] | None = None,
    filters: ViewFilters | None = None,
    driver: Store | None = None,
) -> nx.MultiDiGraph:
    """The filtered map from ``data`` files, else Neo4j (``settings.uses_neo4j``, through ``driver``:
    a Store, or a bare driver, when the caller holds one), else the bundled map.

    The caller owns the returned graph: it is never shared with a cache.
    """
    filters = filters or ViewFilters()
    if not data and settings.uses_neo4j:
        return _from_neo4j(settings, schema, filters, driver)
    graph = file_graph(list(data) if data else [reference_dir()], schema)
    selected = apply_filters(graph, filters, schema)
    return selected.copy() if selected is graph else selected


def _from_neo4j(settings: Settings, schema: Schema, filters: ViewFilters, driver: Store | None) -> nx.MultiDiGraph:
    from opcomap.store.projection import project

    if driver is not None:
        return project(driver, settings.neo4j_database, schema, filters)
    with Store.from_settings(settings) as store:
        return project(store, settings.neo4j_database, schema, filters)


def data_date(settings: Settings, data: list[Path] | None = None, driver: Store | None = None) -> dt.datetime | None:
    """When the map was last changed: latest Neo4j load, else newest file's modification time (UTC)."""
    if not data and settings.uses_neo4j:
        from opcomap.store.projection import latest_load

        if driver is not None:
            return latest_load(driver, settings.neo4j_database)
        with Store.from_settings(settings) as store:
            return latest_load(store, settings.neo4j_database)
    files = map_files(list(data) if data else [reference_dir()])
    if not files:
        return None
    newest = max(f.stat().st_mtime for f in files)
    return dt.datetime.fromtimestamp(newest, tz=dt.UTC)
