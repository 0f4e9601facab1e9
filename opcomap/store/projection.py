"""Projecting the map stored in Neo4j into a NetworkX graph, filtered server-side.

The graph has exactly the shape of :func:`graph_model.graph.to_networkx`:
nodes are actor ids with the actor's fields (dates as ISO strings), edges are
keyed by the relationship key and carry ``type``, ``illustrative``, ``since``,
``until``, ``note``, ``sources`` (a list of dicts, from the ``(:Source)``
nodes the tie's ``source_ids`` name) and the type's properties. The schema says what
to read: its relationship types and each type's properties (a map loaded under another
schema shows only what this one declares). Bookkeeping properties (``dataset``, ``loaded_at``, ``content_hash``,
``aliases_text``) are left out.

``details=False`` reads only what analysis needs: no actor description, no tie
note, no sources (edges then carry no ``sources`` attribute at all). A profile or
a tooltip asks for those when it shows them (:func:`tie_details`,
:func:`actor_details`).

Filters (see :mod:`opcomap.analysis.filters` for their meaning) run in Neo4j:
kinds as labels and types as relationship types, both taken from the schema
only and backtick-quoted; Région, date, dataset, illustrative and weak ties
(with their threshold: the ids of the Source nodes below it, read first) as query parameters. An unknown kind or type selects nothing, as with files. The
``opco`` and ``focus`` filters are applied afterwards, in Python; so are the kinds and the Région
of a view with such an anchor, which keeps it whatever its kind and Région.

Speed: the actors come back as one list of value lists, the ties as one such
list per relationship type (:func:`statements.ties_query`), so the driver
decodes a few large values rather than a record per tie; a tie's key is made
from its ends, type and start date, as :attr:`graph_model.models.Relationship.key`
makes it, rather than read. A tie carries only its source ids; the sources the
kept ties cite are read afterwards, once each, and every tie citing the same
sources shares the same list (figures in benchmarks/README.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import networkx as nx
from neo4j import Driver, ManagedTransaction

from graph_model.models import Actor
from graph_model.schema import Schema
from opcomap.analysis.filters import WEAK_CONFIDENCE
from opcomap.analysis.selection import ViewFilters
from opcomap.store import statements
from opcomap.store.codec import (
    actor_attributes,
    date_properties,
    edge_attributes,
    native,
    plain,
    source_attributes,
)
from opcomap.store.database import Store
from opcomap.store.gcpause import no_cyclic_gc
from opcomap.store.statements import nodes_query, ties_query

FETCH_SIZE = 10_000
# Ties are asked for one type at a time on this many sessions at once, so Neo4j gathers the
# next type's list while Python decodes and adds the last one, rather than each waiting in turn.
PARALLEL_READS = 2
ACTOR_FIELDS = tuple(Actor.model_fields)
DESCRIPTION = "description"  # the one actor field a view without details leaves in Neo4j
__all__ = ["ACTOR_FIELDS", "actor_attributes", "actor_details", "edge_attributes", "data_version", "known", "latest_load",
           "nodes_query", "parameters", "project", "source_attributes", "tie_details", "ties_query"]


def known(requested: tuple[str, ...] | None, allowed: dict) -> list[str] | None:
    """The requested names the schema knows, in schema order (None: no restriction)."""
    if requested is None:
        return None
    return [name for name in allowed if name in requested]


# -- the projection ------------------------------------------------------------------
def parameters(filters: ViewFilters, weak_ids: list[str] | None = None) -> dict[str, Any]:
    """The query parameters of the filters; ``weak_ids``: the keys of the sources below the
    weak threshold (:data:`statements.WEAK_SOURCES`), needed only when weak ties are left out."""
    return {
        "dataset": filters.dataset,
        "as_of": filters.as_of,
        "illustrative": filters.include_illustrative,
        "weak": filters.include_weak,
        "weak_below": WEAK_CONFIDENCE,
        "weak_ids": weak_ids or [],
        "region": filters.region,
    }


def project(target: Store | Driver, database: str, schema: Schema, filters: ViewFilters | None = None,
            details: bool = True) -> nx.MultiDiGraph:
    """The map in Neo4j as a NetworkX MultiDiGraph, filtered (see the module docstring);
    ``details=False``: without descriptions, notes and sources, for analysis."""
    filters = filters or ViewFilters()
    anchored = bool(filters.opco or filters.focus)
    if anchored and (filters.kinds is not None or filters.region):
        # The anchor escapes the kinds and the Région: those are cut here, with the anchor kept.
        kinds_now = known(filters.kinds, schema.kinds) if filters.kinds is not None else None
        server = filters.model_copy(update={"kinds": None, "region": None, "opco": None, "focus": None})
        graph = project(target, database, schema, server, details)
        from opcomap.analysis.filters import apply_filters

        client = ViewFilters(kinds=None if kinds_now is None else tuple(kinds_now), region=filters.region,
                             opco=filters.opco, focus=filters.focus, depth=filters.depth)
        return apply_filters(graph, client)
    kinds = known(filters.kinds, schema.kinds)
    types = known(filters.types, schema.relationship_types)
    graph = nx.MultiDiGraph()
    if kinds == []:
        return graph
    store = Store.of(target, database)
    fields = [f for f in ACTOR_FIELDS if details or f != DESCRIPTION]
    with no_cyclic_gc():
        weak_ids = [] if filters.include_weak else _value(store, statements.WEAK_SOURCES,
                                                          {"weak_below": WEAK_CONFIDENCE}, "ids")
        params = parameters(filters, weak_ids)
        actors = _value(store, nodes_query(kinds, types, bool(filters.region)), {**params, "fields": fields}, "actors")
        graph.add_nodes_from(_actors(fields, actors))
        by_ids = bool(filters.region)
        extra = {"ids": list(graph)} if by_ids else {}
        cited: dict[tuple[str, ...], list[Any]] = {}  # one list per combination of sources, shared
        dates = set(date_properties(schema))
        asked = [(rel_type, list(schema.relationship_types[rel_type].properties))
                 for rel_type in (types if types is not None else schema.relationship_types)]
        reads = [(ties_query(kinds, rel_type, by_ids, details), {**params, **extra, "columns": columns})
                 for rel_type, columns in asked]
        for (rel_type, columns), ties in zip(asked, _lists(store, reads), strict=True):
            graph.add_edges_from(_ties(rel_type, columns, dates, ties, cited if details else None))
        if cited:
            ids = sorted({i for combination in cited for i in combination})
            by_id = {r["props"]["id"]: source_attributes(r["props"])
                     for r in store.read(statements.READ_SOURCES, {"ids": ids})}
            for combination, shared in cited.items():
                shared.extend(by_id[i] for i in combination if i in by_id)
    if filters.opco or filters.focus:
        from opcomap.analysis.filters import apply_filters  # client-side steps 4 and 5

        graph = apply_filters(graph, ViewFilters(opco=filters.opco, focus=filters.focus, depth=filters.depth))
    return graph


def _value(store: Store, query: str, params: dict[str, Any], column: str) -> Any:
    """``column`` of the one record ``query`` answers, read in a managed transaction."""
    return store.transaction(lambda tx: tx.run(query, params).single(strict=True)[column], fetch_size=FETCH_SIZE)


def _lists(store: Store, reads: list[tuple[str, dict[str, Any]]]) -> Iterator[list[list[Any]]]:
    """The ``ties`` list each ``(query, parameters)`` answers, in order, read on
    :data:`PARALLEL_READS` sessions at once (the Store words any failure)."""
    def read(query: str, params: dict[str, Any]) -> list[list[Any]]:
        return _value(store, query, params, "ties")

    with ThreadPoolExecutor(PARALLEL_READS, thread_name_prefix="projection") as pool:
        pending = [pool.submit(read, query, params) for query, params in reads]
        try:
            for future in pending:
                yield future.result()
        finally:
            for future in pending:
                future.cancel()


def _actors(fields: list[str], rows: list[list[Any]]) -> Iterable[tuple[str, dict[str, Any]]]:
    for values in rows:
        attrs = {name: plain(value) for name, value in zip(fields, values, strict=True)
                 if value is not None and value != []}
        yield attrs["id"], attrs


def _ties(rel_type: str, columns: list[str], dates: set[str], rows: list[list[Any]],
          cited: dict[tuple[str, ...], list[Any]] | None) -> Iterable[tuple[str, str, str, dict[str, Any]]]:
    """``(source, target, key, attributes)`` of each row of :func:`statements.ties_query`;
    ``cited`` (None: no details) collects each combination of source ids once, its list filled later."""
    dated = [(i, name) for i, name in enumerate(columns) if name in dates]
    for row in rows:
        source, target, since, until, illustrative = row[:5]
        attrs: dict[str, Any] = {"type": rel_type, "illustrative": bool(illustrative)}
        if since is not None:
            attrs["since"] = since
        if until is not None:
            attrs["until"] = until
        if cited is not None:
            note, ids = row[5], row[6]
            if note is not None:
                attrs["note"] = note
            combination = tuple(ids or ())
            shared = cited.get(combination)
            if shared is None:
                shared = cited[combination] = []
            attrs["sources"] = shared
            values = row[7:]
        else:
            values = row[5:]
        for name, value in zip(columns, values, strict=True):
            if value is not None:
                attrs[name] = value
        for i, name in dated:
            if values[i] is not None:
                attrs[name] = plain(values[i])
        yield source, target, f"{source}|{rel_type}|{target}|{since or ''}", attrs


def tie_details(target: Store | Driver, database: str, ties: Iterable[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """What a view without details left out of these ``(type, key)`` ties: ``note`` and
    ``sources`` (as in the projection with details), by key; a key Neo4j lacks is left out."""
    by_type: dict[str, list[str]] = {}
    for rel_type, key in ties:
        by_type.setdefault(rel_type, []).append(key)
    found: dict[str, dict[str, Any]] = {}

    def work(tx: ManagedTransaction) -> tuple[list[Any], dict[str, Any]]:
        rows = [row for rel_type, keys in sorted(by_type.items())
                for row in tx.run(statements.tie_details(rel_type), keys=sorted(set(keys)))]
        ids = sorted({i for row in rows for i in row["source_ids"] or ()})
        return rows, {r["props"]["id"]: source_attributes(r["props"])
                      for r in tx.run(statements.READ_SOURCES, ids=ids)} if ids else {}

    rows, by_id = Store.of(target, database).transaction(work)
    for row in rows:
        details: dict[str, Any] = {"sources": [by_id[i] for i in row["source_ids"] or () if i in by_id]}
        if row["note"] is not None:
            details["note"] = row["note"]
        found[row["key"]] = details
    return found


def actor_details(target: Store | Driver, database: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The descriptions a view without details left out, by actor id (only actors that have one)."""
    rows = Store.of(target, database).read(statements.ACTOR_DETAILS, {"ids": sorted(set(ids))})
    return {row["id"]: {DESCRIPTION: row[DESCRIPTION]} for row in rows if row[DESCRIPTION] is not None}


def latest_load(target: Store | Driver, database: str, dataset: str | None = None) -> dt.datetime | None:
    """When the map (or one dataset) was last loaded: the latest ``loaded_at`` of its actors."""
    rows = Store.of(target, database).read(statements.LATEST_LOAD, {"dataset": dataset})
    value: Any = rows[0]["at"] if rows else None
    return native(value) if value is not None else None


def data_version(target: Store | Driver, database: str) -> tuple[Any, ...]:
    """A stamp of the map's content: it changes with a load, a prune, an edit or an undo
    (counts of actors, ties, sources and recorded changes, and the latest load)."""
    row = Store.of(target, database).read(statements.DATA_VERSION)[0]
    return row["actors"], row["ties"], row["sources"], row["changes"], row["at"]
