"""Projecting the map stored in Neo4j into a NetworkX graph, filtered server-side.

The graph has exactly the shape of :func:`graph_model.graph.to_networkx`:
nodes are actor ids with the actor's fields (dates as ISO strings), edges are
keyed by the relationship key and carry ``type``, ``illustrative``, ``since``,
``until``, ``note``, ``sources`` (a list of dicts, from the ``(:Source)``
nodes the tie's ``source_ids`` name) and the type's properties. Bookkeeping properties
(``dataset``, ``loaded_at``, ``content_hash``, ``aliases_text``) are left out.

Filters (see :mod:`opcomap.analysis.filters` for their meaning) run in Neo4j:
kinds as labels and types as relationship types, both taken from the schema
only and backtick-quoted; Région, date, dataset, illustrative and weak ties
(with their threshold: the ids of the Source nodes below it, read first) as query parameters. An unknown kind or type selects nothing, as with files. The
``opco`` and ``focus`` filters are applied afterwards, in Python.

Speed: one query returns plain values per relationship and the graph is built
with ``add_edges_from``; conversion adds well under the time of the fetch
itself (figures in benchmarks/README.md). A tie carries only its source ids;
the sources the kept ties cite are read afterwards, once each, and every tie
citing one shares the same dict.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
from neo4j import Driver

from graph_model.schema import Schema
from opcomap.analysis.filters import WEAK_CONFIDENCE
from opcomap.analysis.selection import ViewFilters
from opcomap.store import statements
from opcomap.store.codec import (
    SOURCE_IDS,
    actor_attributes,
    date_properties,
    edge_attributes,
    native,
    source_attributes,
)
from opcomap.store.database import Store
from opcomap.store.gcpause import no_cyclic_gc
from opcomap.store.statements import edges_query, nodes_query

FETCH_SIZE = 10_000
__all__ = ["actor_attributes", "edge_attributes", "edges_query", "known", "latest_load", "nodes_query",
           "parameters", "project", "source_attributes"]


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


def project(target: Store | Driver, database: str, schema: Schema, filters: ViewFilters | None = None) -> nx.MultiDiGraph:
    """The map in Neo4j as a NetworkX MultiDiGraph, filtered (see the module docstring)."""
    filters = filters or ViewFilters()
    kinds = known(filters.kinds, schema.kinds)
    types = known(filters.types, schema.relationship_types)
    graph = nx.MultiDiGraph()
    if kinds == []:
        return graph
    store = Store.of(target, database)
    with no_cyclic_gc(), store.session(fetch_size=FETCH_SIZE) as session:
        weak_ids = [] if filters.include_weak else session.run(
            statements.WEAK_SOURCES, weak_below=WEAK_CONFIDENCE).single(strict=True)["ids"]
        params = parameters(filters, weak_ids)
        result = session.run(nodes_query(kinds, types, bool(filters.region)), params)
        graph.add_nodes_from((node_id, actor_attributes(props)) for node_id, props in result)
        if types != []:
            by_ids = bool(filters.region)
            query = edges_query(kinds, types, by_ids)
            extra = {"ids": list(graph)} if by_ids else {}
            result = session.run(query, {**params, **extra})
            dates = date_properties(schema)
            citing: list[tuple[str, str, str, list[str]]] = []  # the ties citing sources, with their ids

            def edge(s: str, t: str, rel_type: str, props: dict[str, Any]) -> tuple[str, str, str, dict[str, Any]]:
                key = props.get("key")
                if props.get(SOURCE_IDS):
                    citing.append((s, t, key, props[SOURCE_IDS]))
                return s, t, key, edge_attributes(rel_type, props, {}, dates)

            graph.add_edges_from(edge(*record) for record in result)
            if citing:
                ids = sorted({i for *_, source_ids in citing for i in source_ids})
                by_id = {r["props"]["id"]: source_attributes(r["props"])
                         for r in session.run(statements.READ_SOURCES, ids=ids)}
                adjacency = graph.adj
                for s, t, key, source_ids in citing:
                    adjacency[s][t][key]["sources"] = [by_id[i] for i in source_ids if i in by_id]
    if filters.opco or filters.focus:
        from opcomap.analysis.filters import apply_filters  # client-side steps 4 and 5

        graph = apply_filters(graph, ViewFilters(opco=filters.opco, focus=filters.focus, depth=filters.depth))
    return graph


def latest_load(target: Store | Driver, database: str, dataset: str | None = None) -> dt.datetime | None:
    """When the map (or one dataset) was last loaded: the latest ``loaded_at`` of its actors."""
    rows = Store.of(target, database).read(statements.LATEST_LOAD, {"dataset": dataset})
    value: Any = rows[0]["at"] if rows else None
    return native(value) if value is not None else None
