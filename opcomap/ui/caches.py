"""Every cache of the app, and the one way to empty them after a change to the map.

Pages never decorate a function with ``st.cache_data`` or ``st.cache_resource``:
they ask this module, saying under which key and how to make the value. Three kinds:

* **Shared objects** (:func:`shared`, :func:`connection`): the schema, the favicon,
  the query library, edit stores, the Neo4j Store. They are not map data, so a
  change to the map keeps them; a Store that stops answering is dropped
  (:func:`forget_connection`).
* **Map data** (:func:`map_data`): graphs and datasets read from the data source,
  keyed on where they come from, the view's filters and, for files, their
  :func:`~loaders.readers.files_stamp`, for Neo4j the map's :func:`data_version`
  (a load from the CLI shows up at once); read from Neo4j, they also expire after
  ``NEO4J_TTL_SECONDS`` (a tie changed in place, which the version does not see). One object shared by every
  session, never copied; graphs come back frozen, so no page can change what another
  is reading, and their derived views are built once
  (:func:`opcomap.analysis.simple_graphs.cached`). The unfiltered graph read from
  files is the very one :func:`opcomap.store.graph_source.file_graph` keeps: no second copy.
* **Details** (:func:`details`): the descriptions, notes and sources a view read lean
  from Neo4j left there, fetched for what a page shows (a profile, a map's ties), keyed
  on the data version and what was asked; apart from the map data, so many profiles
  visited never push a national map's views out.
* **Results** (:func:`result`): analyses and drawn maps, keyed on the
  :func:`~opcomap.analysis.simple_graphs.fingerprint` of the graph they come from, a
  hash of its content: a rename or a new amount, which keep the number of actors
  and ties, gives new results.
* **Computed in Neo4j** (:func:`in_neo4j`): whether the server has Graph Data Science,
  and the metrics it computed, keyed on the source, the data version and what was asked.
* **Per graph** (:func:`per_graph`): small answers about a graph (its ties counted,
  its actors sorted for a search box), remembered while a frozen graph lives.

:func:`forget` empties the map data and the results: every page that writes to
the map (Modifier, Données, Rapprocher) calls it after the write.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx
import streamlit as st

from opcomap.analysis.simple_graphs import cached, fingerprint

T = TypeVar("T")
log = logging.getLogger(__name__)
NEO4J_TTL_SECONDS = 120  # a tie changed in place by a load shows up in the app within two minutes
VERSION_TTL_SECONDS = 5  # how long one answer about the map's version serves every page run


# -- shared objects -------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _shared(name: str, key: Hashable, _make: Callable[[], Any]) -> Any:
    return _make()


def shared(name: str, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, once per process for ``(name, key)``, shared by every session."""
    return _shared(name, key, make)


@st.cache_resource(show_spinner=False)
def _connection(source_key: str, _make: Callable[[], Any]) -> Any:
    return _make()


def connection(source_key: str, make: Callable[[], T]) -> T:
    """The one connection to the server ``source_key`` names (never holds the password)."""
    return _connection(source_key, make)


def forget_connection() -> None:
    """Drop connections and what was read through them: the server stopped answering."""
    _connection.clear()
    _from_neo4j.clear()
    _details.clear()
    _version.clear()
    _in_neo4j.clear()


# -- map data ---------------------------------------------------------------------------------

# Resources, not data: every session shares the one object (pages only read it), where
# cache_data unpickled a copy on each call, too slow for a national map.
@st.cache_resource(show_spinner=False, max_entries=64)
def _from_files(name: str, key: Hashable, _read: Callable[[], Any]) -> Any:
    return _read()


@st.cache_resource(show_spinner=False, max_entries=64, ttl=NEO4J_TTL_SECONDS)
def _from_neo4j(name: str, key: Hashable, _read: Callable[[], Any]) -> Any:
    return _read()


def _frozen(value: T) -> T:
    return nx.freeze(value) if isinstance(value, nx.Graph) else value


def map_data(name: str, key: Hashable, read: Callable[[], T], *, neo4j: bool = False) -> T:
    """``read()``, shared by every session until :func:`forget` (or, from Neo4j, two minutes).

    ``key`` must change when the data does: the source, the filters and, for
    files, their :func:`~loaders.readers.files_stamp`. A graph comes back frozen.
    """
    cache = _from_neo4j if neo4j else _from_files
    return cache(name, key, lambda: _frozen(read()))


@st.cache_resource(show_spinner=False, max_entries=256, ttl=NEO4J_TTL_SECONDS)
def _details(name: str, key: Hashable, _read: Callable[[], Any]) -> Any:
    return _read()


def details(name: str, key: Hashable, read: Callable[[], T]) -> T:
    """``read()``: details fetched from Neo4j for what a page shows, shared by every session
    (pages only read it) until the map's version changes, :func:`forget` or two minutes.
    ``key`` must hold the data version and what was asked."""
    return _details(name, key, read)


@st.cache_resource(show_spinner=False, max_entries=8, ttl=VERSION_TTL_SECONDS)
def _version(source_key: str, _read: Callable[[], Any]) -> Any:
    return _read()


_last_versions: dict[str, Any] = {}


def data_version(source_key: str, read: Callable[[], T]) -> T:
    """``read()``: the version of the map held by the server ``source_key`` names, asked at
    most every few seconds (a widget's rerun does not ask Neo4j again). A new version drops
    the graphs read from Neo4j: a national map's superseded views are large."""
    version = _version(source_key, read)
    if _last_versions.setdefault(source_key, version) != version:
        _last_versions[source_key] = version
        _from_neo4j.clear()
        _details.clear()
    return version


def per_graph(fn: Callable[..., T]) -> Callable[..., T]:
    """Remember ``fn(graph, *args)`` while that graph lives, if it cannot change (the app's are frozen).

    On a national map (150,000 actors) counting the ties of a MultiDiGraph or sorting
    its actors by name takes a second each: every visit did it again.
    """
    @functools.wraps(fn)
    def once(graph: nx.Graph, *args: Hashable) -> T:
        return cached(graph, (fn.__module__, fn.__qualname__, *args), lambda: fn(graph, *args))

    return once


# -- results ----------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=128)
def _result(name: str, version: str, options: Hashable, _compute: Callable[[], Any]) -> Any:
    return _compute()


def result(name: str, graph: nx.Graph, options: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, a function of ``graph``'s content and ``options`` only, computed once.

    Each session gets its own copy (pages may sort or annotate what they get).
    """
    return _result(name, fingerprint(graph), options, compute)


@st.cache_data(show_spinner=False, max_entries=32)
def _in_neo4j(name: str, key: Hashable, _compute: Callable[[], Any]) -> Any:
    return _compute()


def in_neo4j(name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``: an answer computed inside Neo4j (what the server offers, Graph Data Science's
    metrics), computed once; ``key`` must hold the source, the data version and what was asked."""
    return _in_neo4j(name, key, compute)


def forget() -> None:
    """The map changed: drop map data and results, so every page shows it as it is now.

    Called right after a write, which has succeeded: a failure here is logged, never raised.
    """
    try:
        for cache in (_from_files, _from_neo4j, _details, _version, _result, _in_neo4j):
            cache.clear()
    except Exception:  # noqa: BLE001 - a stale cache must never fail a saved change
        log.exception("could not empty the app's caches")
