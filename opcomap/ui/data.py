"""Graphs for the pages: the view of the map each asks for, and the last good map when Neo4j fails.

Each page asks :func:`view_graph` for the graph of a view, kept by
:mod:`opcomap.ui.caches` per (data source, files stamp or Neo4j data version,
filters); the Neo4j Store is one shared connection. If Neo4j stops answering, the app keeps
showing the last graph it obtained (with a banner), or the bundled map if it
never obtained one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import networkx as nx

from graph_model.errors import StoreUnavailable
from opcomap.analysis.simple_graphs import fingerprint
from opcomap.ui import caches
from opcomap.ui.caches import per_graph
from opcomap.ui.context import AppContext
from graph_model.words import t
from opcomap.analysis.selection import ViewFilters

log = logging.getLogger(__name__)


@per_graph
def edge_count(graph: nx.MultiDiGraph) -> int:
    return graph.number_of_edges()  # sums every node's degree: O(actors)


@dataclass(frozen=True)
class ViewGraph:
    """A view's graph, and a banner to show when it is not fresh from its source."""

    graph: nx.MultiDiGraph
    banner: str | None = None

    @property
    def signature(self) -> str:
        """The graph's content (:func:`~opcomap.analysis.simple_graphs.fingerprint`): changes when any of it does."""
        return fingerprint(self.graph)


def store_for(ctx: AppContext):
    """The one Store of ``ctx``'s server (StoreUnavailable when it does not answer).

    Every store function takes it where it took a driver."""
    from opcomap.store import Store

    return caches.connection(ctx.source_key, lambda: Store.from_settings(ctx.settings))


driver_for = store_for  # the pages' former name, until each is next edited


def _last_good() -> dict[tuple[str, str], nx.MultiDiGraph]:
    """Last graphs read from each source, per filters (shared by all sessions)."""
    return caches.shared("last-good-graphs", None, dict)


def _open(ctx: AppContext, filters: ViewFilters, store) -> nx.MultiDiGraph:
    from opcomap.store.graph_source import open_graph

    return open_graph(ctx.settings, ctx.schema, ctx.data_paths, filters, driver=store)


def _version(ctx: AppContext, store) -> tuple:
    from opcomap.store.projection import data_version

    return data_version(store, ctx.settings.neo4j_database)


def _file_graph(ctx: AppContext, filters: ViewFilters) -> nx.MultiDiGraph:
    """The view read from files, again when one of them changes (or after an edit)."""
    from loaders.bundled import reference_dir
    from loaders.readers import files_stamp

    key = (ctx.source_key, files_stamp(ctx.data_paths or [reference_dir()]), filters.model_dump_json())
    return caches.map_data("graph", key, lambda: _open(ctx, filters, None))


def _bundled(ctx: AppContext) -> AppContext:
    settings = ctx.settings.model_copy(update={"neo4j_uri": None})
    return AppContext(settings=settings, schema=ctx.schema, schema_path=ctx.schema_path, data=(), lang=ctx.lang)


def view_graph(ctx: AppContext, filters: ViewFilters) -> ViewGraph:
    """The graph of the view ``filters``, from the app's data source."""
    if ctx.mode != "neo4j":
        return ViewGraph(_file_graph(ctx, filters))
    key = filters.model_dump_json()
    try:
        store = store_for(ctx)
        version = caches.data_version(ctx.source_key, lambda: _version(ctx, store))
        graph = caches.map_data("graph", (ctx.source_key, key, version), lambda: _open(ctx, filters, store),
                                neo4j=True)
    except StoreUnavailable as exc:  # the Store words every driver failure so
        caches.forget_connection()
        reason = exc.message(ctx.lang)
        log.warning("Neo4j unavailable, falling back: %s", exc)
        return _fallback(ctx, filters, reason)
    _last_good()[(ctx.source_key, key)] = graph
    return ViewGraph(graph)


def _fallback(ctx: AppContext, filters: ViewFilters, reason: str) -> ViewGraph:
    store = _last_good()
    key = filters.model_dump_json()
    if (ctx.source_key, key) in store:
        return ViewGraph(store[(ctx.source_key, key)], t("banner.neo4j_down_last", ctx.lang, reason=reason))
    whole = store.get((ctx.source_key, ViewFilters().model_dump_json()))
    if whole is not None:
        from opcomap.analysis.filters import apply_filters

        return ViewGraph(apply_filters(whole, filters, ctx.schema),
                         t("banner.neo4j_down_last", ctx.lang, reason=reason))
    return ViewGraph(_file_graph(_bundled(ctx), filters), t("banner.neo4j_down_bundled", ctx.lang, reason=reason))


def whole_graph(ctx: AppContext) -> ViewGraph:
    """The unfiltered map: the catalogue behind search boxes and filter choices."""
    return view_graph(ctx, ViewFilters())

