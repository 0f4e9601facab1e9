"""Where the graph under analysis comes from: files, Neo4j, or the bundled map.

One entry point for the CLI and the app:

1. ``--data`` files or folders: read and validated by :func:`loaders.load_dataset`;
2. otherwise Neo4j when ``NEO4J_URI`` is set (a driver may be injected);
3. otherwise the embedded map (:mod:`opcomap.editing.embedded`): the edit workspace once
   the map has been edited, else the bundled reference map, with the app's uploads over it.

The result is the map's MultiDiGraph with the view filters applied, frozen
(``nx.freeze``): callers share it and copy it before changing it. Because it
cannot change, its derived views (:mod:`opcomap.analysis.simple_graphs`) are
built once, however many metrics use them. The last graph read from files is
kept here until one of them changes (:func:`loaders.readers.files_stamp`); the
app's caches of filtered views live in :mod:`opcomap.ui.caches`.

:func:`open_columns` reads files into a map held as columns instead
(:class:`graph_model.columns.MapColumns`): what the metrics table needs, without
building the graph (or importing NetworkX).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from graph_model.schema import Schema
from loaders.readers import files_stamp, map_files
from opcomap.analysis.selection import ViewFilters
from opcomap.store.gcpause import no_cyclic_gc

if TYPE_CHECKING:  # the driver (and pandas, which it imports) only when Neo4j is read
    import networkx as nx

    from graph_model.columns import MapColumns
    from opcomap.settings import Settings
    from opcomap.store.database import Store


def _load_files(paths: list[Path], schema: Schema) -> nx.MultiDiGraph:
    from graph_model.graph import to_networkx
    from loaders import load_dataset

    # Rows, models and attribute dicts hold no cycles: paused, the collector no longer walks
    # every one of them again at each burst of allocations (benchmarks/README.md, analyze).
    with no_cyclic_gc():
        return to_networkx(load_dataset(paths, schema))


# The last map read from files, frozen, with the stamp of what it was read from. One only: the
# CLI reads one map per command, the app one map (its unfiltered view is this very object,
# its filtered views are cut from it); more would keep a national map's superseded versions
# in memory after each edit.
_last: tuple[tuple[str, str], nx.MultiDiGraph] | None = None


def file_graph(paths: list[Path], schema: Schema) -> nx.MultiDiGraph:
    """The unfiltered, frozen graph of data files: the same object until a file changes.

    Raises :class:`graph_model.errors.ValidationFailed` listing every problem.
    """
    import networkx as nx

    global _last
    key = (files_stamp(paths), schema.model_dump_json())
    kept = _last
    if kept is not None and kept[0] == key:
        return kept[1]
    graph = nx.freeze(_load_files(paths, schema))
    _last = (key, graph)
    return graph


def open_graph(
    settings: Settings,
    schema: Schema,
    data: list[Path] | None = None,
    filters: ViewFilters | None = None,
    driver: Store | None = None,
    details: bool = True,
) -> nx.MultiDiGraph:
    """The filtered map from ``data`` files, else Neo4j (``settings.uses_neo4j``, through ``driver``:
    a Store, or a bare driver, when the caller holds one), else the embedded map.

    ``details=False``: what analysis needs only; from Neo4j, descriptions, notes and sources
    stay there (:func:`opcomap.store.projection.project`). Files are read whole either way.
    The graph is frozen: unfiltered and read from files, it is the one :func:`file_graph` keeps.
    """
    import networkx as nx

    from opcomap.analysis.filters import apply_filters

    filters = filters or ViewFilters()
    if not data and settings.uses_neo4j:
        return nx.freeze(_from_neo4j(settings, schema, filters, driver, details))
    graph = file_graph(list(data) if data else _embedded(settings), schema)
    return nx.freeze(apply_filters(graph, filters, schema))


def open_columns(schema: Schema, data: list[Path] | None = None, filters: ViewFilters | None = None) -> MapColumns:
    """The filtered map from ``data`` files, else the embedded map, held as columns: what
    :func:`open_graph` gives of the same files, for the metrics table.

    Raises :class:`graph_model.errors.ValidationFailed` listing every problem, as :func:`open_graph` does.
    """
    from loaders import map_columns
    from opcomap.analysis.filters import select_columns

    with no_cyclic_gc():  # as _load_files: many small objects, no cycles
        columns = map_columns(list(data) if data else _embedded(), schema)
    return select_columns(columns, filters or ViewFilters())


def _embedded(settings: Settings | None = None) -> list[Path]:
    # Imported here: the editing package is not needed to read --data files.
    from opcomap.editing.embedded import embedded_paths
    from opcomap.settings import get_settings

    return embedded_paths((settings or get_settings()).opcomap_workspace)


def _from_neo4j(settings: Settings, schema: Schema, filters: ViewFilters, driver: Store | None,
                details: bool) -> nx.MultiDiGraph:
    from opcomap.store.database import Store
    from opcomap.store.projection import project

    if driver is not None:
        return project(driver, settings.neo4j_database, schema, filters, details)
    with Store.from_settings(settings) as store:
        return project(store, settings.neo4j_database, schema, filters, details)


def data_date(settings: Settings, data: list[Path] | None = None, driver: Store | None = None) -> dt.datetime | None:
    """When the map was last changed: latest Neo4j load, else newest file's modification time (UTC)."""
    if not data and settings.uses_neo4j:
        from opcomap.store.database import Store
        from opcomap.store.projection import latest_load

        if driver is not None:
            return latest_load(driver, settings.neo4j_database)
        with Store.from_settings(settings) as store:
            return latest_load(store, settings.neo4j_database)
    files = map_files(list(data) if data else _embedded(settings))
    if not files:
        return None
    newest = max(f.stat().st_mtime for f in files)
    return dt.datetime.fromtimestamp(newest, tz=dt.UTC)
