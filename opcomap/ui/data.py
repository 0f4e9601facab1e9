"""Graphs for the pages: the view of the map each asks for, and the last good map when Neo4j fails.

Each page asks :func:`view_graph` for the graph of a view, kept by
:mod:`opcomap.ui.caches` per (data source, files stamp or Neo4j data version,
filters); the Neo4j Store is one shared connection. If Neo4j stops answering, the app keeps
showing the last graph it obtained (with a banner), or the bundled map if it
never obtained one.

Read from Neo4j, a view is *lean* by default: what maps and analyses need, without actor
descriptions, tie notes or sources. What shows them asks for them, for what it shows:
:func:`tie_details` and :func:`actor_details` (a profile, the ties and actors a map draws,
a path), :func:`with_details` (a map's shown graph), or ``view_graph(..., details=True)``
(the Sources page and exports, which list every source of the view). Each answer is kept
per data version. Read from files, a view carries everything and these add nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

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
    # Read from Neo4j: the data version it was read at; None for files and for a fallback.
    version: Hashable | None = None
    lean: bool = False  # read without descriptions, notes and sources (ask tie_details & co.)
    # Read from Neo4j: the filters it was read with (GDS projects the same view inside the server).
    filters: ViewFilters | None = None

    @property
    def signature(self) -> str:
        """The graph's content (:func:`~opcomap.analysis.simple_graphs.fingerprint`): changes when any of it does."""
        return fingerprint(self.graph)


def store_for(ctx: AppContext):
    """The one Store of ``ctx``'s server (StoreUnavailable when it does not answer).

    Every store function takes it where it took a driver."""
    from opcomap.store import Store

    return caches.connection(ctx.source_key, lambda: Store.from_settings(ctx.settings, command="serve"))


driver_for = store_for  # the pages' former name, until each is next edited


def _last_good() -> dict[tuple[str, str, bool], nx.MultiDiGraph]:
    """Last graphs read from each source, per filters and details (shared by all sessions)."""
    return caches.shared("last-good-graphs", None, dict)


def _open(ctx: AppContext, filters: ViewFilters, store, details: bool = True) -> nx.MultiDiGraph:
    from opcomap.store.graph_source import open_graph

    return open_graph(ctx.settings, ctx.schema, ctx.data_paths, filters, driver=store, details=details)


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


def view_graph(ctx: AppContext, filters: ViewFilters, details: bool = False) -> ViewGraph:
    """The graph of the view ``filters``, from the app's data source; from Neo4j without
    descriptions, notes and sources unless ``details`` (files always carry them)."""
    if ctx.mode != "neo4j":
        return ViewGraph(_file_graph(ctx, filters))
    key = filters.model_dump_json()
    try:
        store = store_for(ctx)
        version = caches.data_version(ctx.source_key, lambda: _version(ctx, store))
        graph = caches.map_data("graph", (ctx.source_key, key, details, version),
                                lambda: _open(ctx, filters, store, details), neo4j=True)
    except StoreUnavailable as exc:  # the Store words every driver failure so
        caches.forget_connection()
        reason = exc.message(ctx.lang)
        log.warning("Neo4j unavailable, falling back: %s", exc)
        return _fallback(ctx, filters, reason, details)
    _last_good()[(ctx.source_key, key, details)] = graph
    return ViewGraph(graph, version=version, lean=not details, filters=filters)


def _fallback(ctx: AppContext, filters: ViewFilters, reason: str, details: bool) -> ViewGraph:
    store = _last_good()
    key = filters.model_dump_json()
    banner = t("banner.neo4j_down_last", ctx.lang, reason=reason)
    for kept in (details, not details):  # a lean view serves when no detailed one was read, and back
        if (ctx.source_key, key, kept) in store:
            return ViewGraph(store[(ctx.source_key, key, kept)], banner, lean=not kept)
    for kept in (details, not details):
        whole = store.get((ctx.source_key, ViewFilters().model_dump_json(), kept))
        if whole is not None:
            from opcomap.analysis.filters import apply_filters

            return ViewGraph(apply_filters(whole, filters, ctx.schema), banner, lean=not kept)
    return ViewGraph(_file_graph(_bundled(ctx), filters), t("banner.neo4j_down_bundled", ctx.lang, reason=reason))


# -- what a lean view left in Neo4j, for what is shown -----------------------------------------

def _digest(items: Iterable[Hashable]) -> str:
    """One short key for a set of ids (a map's shown ties can be thousands)."""
    return hashlib.sha1("\0".join(sorted(map(str, items))).encode()).hexdigest()


def _details(ctx: AppContext, view: ViewGraph, name: str, wanted: list, read) -> dict[str, dict[str, Any]]:
    """``read(store, database, wanted)``, kept per data version and set asked for; nothing
    when the view carries its details, and nothing when Neo4j stopped answering (the page
    already says so with the view's banner)."""
    if not view.lean or view.version is None or not wanted:
        return {}
    database = ctx.settings.neo4j_database
    try:
        store = store_for(ctx)
        return caches.details(name, (ctx.source_key, view.version, _digest(wanted)),
                              lambda: read(store, database, wanted))
    except StoreUnavailable as exc:
        caches.forget_connection()
        log.warning("Neo4j unavailable, details not shown: %s", exc)
        return {}


def tie_details(ctx: AppContext, view: ViewGraph, keys: Iterable[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """``note`` and ``sources`` of these ``(type, key)`` ties of a lean view, by key ({} otherwise)."""
    from opcomap.store.projection import tie_details as read

    return _details(ctx, view, "tie-details", sorted(set(keys)), read)


def actor_details(ctx: AppContext, view: ViewGraph, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``description`` of these actors of a lean view, by id ({} otherwise)."""
    from opcomap.store.projection import actor_details as read

    return _details(ctx, view, "actor-details", sorted(set(ids)), read)


def with_details(ctx: AppContext, view: ViewGraph, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` (a part of the view, e.g. the actors and ties a map draws) with the descriptions,
    notes and sources a lean view left out; ``graph`` itself when there is nothing to add.

    Ties a map merged (``count``) keep what they have: their members are not drawn one by one."""
    if not view.lean:
        return graph
    ties = [(str(data["type"]), str(key)) for _, _, key, data in graph.edges(keys=True, data=True)
            if data.get("type") and "count" not in data]
    actors = [str(node) for node, attrs in graph.nodes(data=True) if not attrs.get("aggregated")]
    by_key, by_id = tie_details(ctx, view, ties), actor_details(ctx, view, actors)
    if not by_key and not by_id:
        return graph
    out = nx.MultiDiGraph(graph)
    for node, found in by_id.items():
        if node in out:
            out.nodes[node].update(found)
    for _, _, key, data in out.edges(keys=True, data=True):
        found = by_key.get(str(key))
        if found is not None:
            data.update(found)
    return out


def export_graph(ctx: AppContext, view: ViewGraph, filters: ViewFilters) -> Callable[[], nx.MultiDiGraph]:
    """What makes the graph an export prints, sources included: ``view``'s own graph, or for a
    lean view the same view read again with its details, when the export is made.

    Asked on the script's thread (the Store is the app's shared one); the export then calls the
    result on its own, off the script, where the app's caches are not used."""
    if not view.lean or view.version is None:
        return lambda: view.graph
    try:
        store = store_for(ctx)
    except StoreUnavailable:
        return lambda: view.graph
    return lambda: nx.freeze(_open(ctx, filters, store, True))


def whole_graph(ctx: AppContext) -> ViewGraph:
    """The unfiltered map (lean from Neo4j): the catalogue behind search boxes and filter choices."""
    return view_graph(ctx, ViewFilters())

