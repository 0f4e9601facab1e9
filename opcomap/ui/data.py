"""Graphs for the pages: cached projections, and the last good map when Neo4j fails.

Each page asks :func:`view_graph` for the graph of a view. Projections are
cached by (data source, filters); the Neo4j Store is one cached resource. If
Neo4j stops answering, the app keeps showing the last graph it obtained (with
a banner), or the bundled map if it never obtained one.
"""

from __future__ import annotations

import functools
import logging
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx
import streamlit as st

from graph_model.errors import StoreUnavailable
from opcomap.ui.context import AppContext
from graph_model.words import t
from opcomap.analysis.selection import ViewFilters

log = logging.getLogger(__name__)
T = TypeVar("T")
NEO4J_TTL_SECONDS = 120  # a load from the CLI shows up in the app within two minutes


def per_graph(fn: Callable[..., T]) -> Callable[..., T]:
    """Remember ``fn(graph, *args)`` as long as that graph object lives.

    The app's graphs come out of its caches and are never modified, and on a national map
    (150,000 actors) counting the ties of a MultiDiGraph or sorting its actors by name takes
    a second each: every visit did it again.
    """
    remembered: weakref.WeakKeyDictionary[Any, dict[tuple, T]] = weakref.WeakKeyDictionary()

    @functools.wraps(fn)
    def once(graph: Any, *args: Hashable) -> T:
        answers = remembered.setdefault(graph, {})
        if args not in answers:
            answers[args] = fn(graph, *args)
        return answers[args]

    return once


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
        """Changes when the graph does: part of the analysis cache keys."""
        return f"{self.graph.number_of_nodes()}|{edge_count(self.graph)}|{bool(self.banner)}"


@st.cache_resource(show_spinner=False)
def _store(source_key: str, _settings):
    """One verified Store per server for the whole app process."""
    from opcomap.store import Store

    return Store.from_settings(_settings)


def store_for(ctx: AppContext):
    """The cached Store of ``ctx``'s server (StoreUnavailable when it does not answer).

    Every store function takes it where it took a driver."""
    return _store(ctx.source_key, ctx.settings)


driver_for = store_for  # the pages' former name, until each is next edited


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[tuple[str, str], nx.MultiDiGraph]:
    """Last graphs read from each source, per filters (shared by all sessions)."""
    return {}


def _open(ctx: AppContext, filters: ViewFilters, store) -> nx.MultiDiGraph:
    from opcomap.store.graph_source import open_graph

    return open_graph(ctx.settings, ctx.schema, ctx.data_paths, filters, driver=store)


# Resources, not data: every session shares the one graph object (pages only read it, and the
# analysis functions are pure), where cache_data unpickled a copy on each call, 2-3 s per
# call for a 150,000-actor map, three calls per visit.
@st.cache_resource(show_spinner=False, max_entries=64)
def _file_graph(source_key: str, filters_json: str, _ctx: AppContext) -> nx.MultiDiGraph:
    return _open(_ctx, ViewFilters.model_validate_json(filters_json), None)


@st.cache_resource(show_spinner=False, max_entries=64, ttl=NEO4J_TTL_SECONDS)
def _neo4j_graph(source_key: str, filters_json: str, _ctx: AppContext, _source) -> nx.MultiDiGraph:
    return _open(_ctx, ViewFilters.model_validate_json(filters_json), _source)


def _bundled(ctx: AppContext) -> AppContext:
    settings = ctx.settings.model_copy(update={"neo4j_uri": None})
    return AppContext(settings=settings, schema=ctx.schema, schema_path=ctx.schema_path, data=(), lang=ctx.lang)


def _files_stamp(ctx: AppContext) -> str:
    """Changes when a data file changes, so an edited file shows up at the next run."""
    from loaders.bundled import reference_dir

    latest, count = 0, 0
    for root in ctx.data_paths or [reference_dir()]:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in files:
            stat = path.stat()
            latest, count = max(latest, stat.st_mtime_ns), count + stat.st_size
    return f"{latest}|{count}"


def view_graph(ctx: AppContext, filters: ViewFilters) -> ViewGraph:
    """The graph of the view ``filters``, from the app's data source."""
    key = filters.model_dump_json()
    if ctx.mode != "neo4j":
        return ViewGraph(_file_graph(f"{ctx.source_key}|{_files_stamp(ctx)}", key, ctx))
    try:
        graph = _neo4j_graph(ctx.source_key, key, ctx, store_for(ctx))
    except StoreUnavailable as exc:  # the Store words every driver failure so
        _store.clear()
        _neo4j_graph.clear()
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
    bundled = _bundled(ctx)
    return ViewGraph(_file_graph(f"{bundled.source_key}|{_files_stamp(bundled)}", key, bundled),
                     t("banner.neo4j_down_bundled", ctx.lang, reason=reason))


def whole_graph(ctx: AppContext) -> ViewGraph:
    """The unfiltered map: the catalogue behind search boxes and filter choices."""
    return view_graph(ctx, ViewFilters())


def forget_cached_graphs() -> None:
    """Drop cached projections (after a load into Neo4j)."""
    _file_graph.clear()
    _neo4j_graph.clear()
