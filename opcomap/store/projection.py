"""Projecting the map stored in Neo4j into a NetworkX graph, filtered server-side.

The graph has exactly the shape of :func:`graph_model.graph.to_networkx`:
nodes are actor ids with the actor's fields (dates as ISO strings), edges are
keyed by the relationship key and carry ``type``, ``illustrative``, ``since``,
``until``, ``note``, ``sources`` (a list of dicts rebuilt from the parallel
``source_*`` lists) and the type's properties. Bookkeeping properties
(``dataset``, ``loaded_at``, ``content_hash``, ``aliases_text``) are left out.

Filters (see :mod:`opcomap.analysis.filters` for their meaning) run in Neo4j:
kinds as labels and types as relationship types, both taken from the schema
only and backtick-quoted; Région, date, dataset, illustrative and weak ties
(with their threshold) as query parameters. An unknown kind or type selects nothing, as with files. The
``opco`` and ``focus`` filters are applied afterwards, in Python.

Speed: one query returns plain values per relationship and the graph is built
with ``add_edges_from``; conversion adds well under the time of the fetch
itself (figures in benchmarks/README.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, Driver, NotificationMinimumSeverity
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable
from neo4j.time import Date

from graph_model.schema import IDENTIFIER, Schema
from opcomap.analysis.filters import WEAK_CONFIDENCE
from graph_model.errors import QueryFailed, StoreUnavailable
from opcomap.store.gcpause import no_cyclic_gc
from opcomap.analysis.selection import ViewFilters

BOOKKEEPING = frozenset({"dataset", "loaded_at", "content_hash", "aliases_text", "anchor"})
SOURCE_LISTS = (
    ("title", "source_titles"),
    ("url", "source_urls"),
    ("publisher", "source_publishers"),
    ("consulted", "source_consulted"),
    ("confidence", "source_confidences"),
)
_EDGE_SKIP = BOOKKEEPING | {"key"} | {column for _, column in SOURCE_LISTS}
FETCH_SIZE = 10_000


# -- Cypher text -------------------------------------------------------------------
def _quoted(names: list[str]) -> str:
    # Names come from the validated schema; the IDENTIFIER check is a second lock.
    for name in names:
        if not IDENTIFIER.match(name):
            raise QueryFailed(f"nom invalide dans le schéma : {name!r}")
    return "|".join(f"`{name}`" for name in names)


def known(requested: tuple[str, ...] | None, allowed: dict) -> list[str] | None:
    """The requested names the schema knows, in schema order (None: no restriction)."""
    if requested is None:
        return None
    return [name for name in allowed if name in requested]


def node_condition(var: str, kinds: list[str] | None) -> str:
    """WHERE clause fragment for actors: kinds (labels), dataset, validity date."""
    parts = [f"({var}:{_quoted(kinds)})"] if kinds else []
    parts += [
        f"($dataset IS NULL OR {var}.dataset = $dataset)",
        (
            f"($as_of IS NULL OR (({var}.since IS NULL OR {var}.since <= $as_of) "
            f"AND ({var}.until IS NULL OR $as_of <= {var}.until)))"
        ),
    ]
    return " AND ".join(parts)


def edge_condition(var: str) -> str:
    """WHERE clause fragment for ties: dataset, validity date, illustrative, weak.

    Weak as in :func:`opcomap.analysis.filters.is_weak`: at least one source, every
    one with a confidence ("" when absent, see the writer) and all below the threshold.
    """
    weak = (
        f"(size(coalesce({var}.source_confidences, [])) > 0 "
        f"AND all(c IN {var}.source_confidences WHERE c <> '' AND toFloat(c) < $weak_below))"
    )
    return (
        f"($dataset IS NULL OR {var}.dataset = $dataset) "
        f"AND ($illustrative OR NOT coalesce({var}.illustrative, false)) "
        f"AND ($weak OR NOT {weak}) "
        f"AND ($as_of IS NULL OR (({var}.since IS NULL OR {var}.since <= $as_of) "
        f"AND ({var}.until IS NULL OR $as_of <= {var}.until)))"
    )


def _type_pattern(types: list[str] | None) -> str:
    return f":{_quoted(types)}" if types else ""


def nodes_query(kinds: list[str] | None, types: list[str] | None, region: bool) -> str:
    """Actors kept by the filters; with a Région, its actors and the national actors tied to them."""
    query = f"MATCH (a:Actor) WHERE {node_condition('a', kinds)}"
    if region:
        tied = (
            f"EXISTS {{ MATCH (a)-[r{_type_pattern(types)}]-(l:Actor) "
            f"WHERE l.region_code = $region AND {node_condition('l', kinds)} AND {edge_condition('r')} }}"
            if types != []
            else "false"
        )
        query += f" AND (a.region_code = $region OR (coalesce(a.region_code, '') = '' AND {tied}))"
    return query + " RETURN a.id AS id, properties(a) AS props"


def edges_query(kinds: list[str] | None, types: list[str] | None, by_ids: bool) -> str:
    """Ties kept by the filters, between kept actors; one row of plain values each."""
    if by_ids:
        ends = "s.id IN $ids AND t.id IN $ids"
    else:
        ends = f"{node_condition('s', kinds)} AND {node_condition('t', kinds)}"
    return (
        f"MATCH (s:Actor)-[r{_type_pattern(types)}]->(t:Actor) "
        f"WHERE {ends} AND {edge_condition('r')} "
        "RETURN s.id, t.id, type(r), properties(r)"
    )


# -- rows to graph --------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """Neo4j dates become ISO strings, as in to_networkx."""
    if type(value) is Date:
        # Twice as fast as Date.iso_format(), which matters at a million rows.
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def actor_attributes(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in props.items() if k not in BOOKKEEPING and v is not None and v != []}


def _sources(props: dict[str, Any]) -> list[dict[str, Any]]:
    """The parallel ``source_*`` lists zipped back into dicts ("" means absent)."""
    titles = props.get("source_titles")
    if not titles:
        return []
    urls = props.get("source_urls") or ()
    publishers = props.get("source_publishers") or ()
    consulted = props.get("source_consulted") or ()
    confidences = props.get("source_confidences") or ()
    out = []
    for i, title in enumerate(titles):
        item: dict[str, Any] = {"title": title}
        if i < len(urls) and urls[i]:
            item["url"] = urls[i]
        if i < len(publishers) and publishers[i]:
            item["publisher"] = publishers[i]
        if i < len(consulted) and consulted[i]:
            item["consulted"] = consulted[i]
        if i < len(confidences) and confidences[i] not in ("", None):
            item["confidence"] = float(confidences[i])
        out.append(item)
    return out


def date_properties(schema: Schema | None) -> tuple[str, ...]:
    """Relationship properties stored as Neo4j dates: validity bounds and date-typed properties."""
    names = {"since", "until"}
    if schema is not None:
        for spec in schema.relationship_types.values():
            names.update(name for name, prop in spec.properties.items() if prop.type == "date")
    return tuple(sorted(names))


def edge_attributes(rel_type: str, props: dict[str, Any], dates: tuple[str, ...] = ("since", "until")) -> dict[str, Any]:
    """Edge attributes as to_networkx makes them, from a relationship's Neo4j properties.

    Called once per relationship: kept to a few dictionary operations.
    """
    attrs = {k: v for k, v in props.items() if k not in _EDGE_SKIP and v is not None}
    for name in dates:
        value = attrs.get(name)
        if value is not None:
            attrs[name] = _plain(value)
    attrs["type"] = rel_type
    attrs["illustrative"] = bool(attrs.get("illustrative", False))
    attrs["sources"] = _sources(props)
    return attrs


# -- the projection ------------------------------------------------------------------
def parameters(filters: ViewFilters) -> dict[str, Any]:
    return {
        "dataset": filters.dataset,
        "as_of": filters.as_of,
        "illustrative": filters.include_illustrative,
        "weak": filters.include_weak,
        "weak_below": WEAK_CONFIDENCE,
        "region": filters.region,
    }


def project(driver: Driver, database: str, schema: Schema, filters: ViewFilters | None = None) -> nx.MultiDiGraph:
    """The map in Neo4j as a NetworkX MultiDiGraph, filtered (see the module docstring)."""
    filters = filters or ViewFilters()
    kinds = known(filters.kinds, schema.kinds)
    types = known(filters.types, schema.relationship_types)
    params = parameters(filters)
    graph = nx.MultiDiGraph()
    if kinds == []:
        return graph
    try:
        with no_cyclic_gc(), driver.session(
            database=database,
            default_access_mode=READ_ACCESS,
            fetch_size=FETCH_SIZE,
            # A map without any `until` makes Neo4j warn about the unknown property on every call.
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        ) as session:
            result = session.run(nodes_query(kinds, types, bool(filters.region)), params)
            graph.add_nodes_from((node_id, actor_attributes(props)) for node_id, props in result)
            if types != []:
                by_ids = bool(filters.region)
                query = edges_query(kinds, types, by_ids)
                extra = {"ids": list(graph)} if by_ids else {}
                result = session.run(query, {**params, **extra})
                dates = date_properties(schema)
                graph.add_edges_from(
                    (s, t, props.get("key"), edge_attributes(rel_type, props, dates))
                    for s, t, rel_type, props in result
                )
    except ServiceUnavailable as exc:
        raise StoreUnavailable(f"Neo4j est injoignable : {exc}") from exc
    except (Neo4jError, DriverError) as exc:
        raise QueryFailed(f"Lecture de la carte dans Neo4j impossible : {exc}") from exc
    if filters.opco or filters.focus:
        from opcomap.analysis.filters import apply_filters  # client-side steps 4 and 5

        graph = apply_filters(graph, ViewFilters(opco=filters.opco, focus=filters.focus, depth=filters.depth))
    return graph


def latest_load(driver: Driver, database: str, dataset: str | None = None) -> dt.datetime | None:
    """When the map (or one dataset) was last loaded: the latest ``loaded_at`` of its actors."""
    try:
        records, _, _ = driver.execute_query(
            "MATCH (a:Actor) WHERE $dataset IS NULL OR a.dataset = $dataset RETURN max(a.loaded_at) AS at",
            dataset=dataset,
            database_=database,
            routing_="r",
        )
    except ServiceUnavailable as exc:
        raise StoreUnavailable(f"Neo4j est injoignable : {exc}") from exc
    except (Neo4jError, DriverError) as exc:
        raise QueryFailed(f"Lecture de la date de chargement impossible : {exc}") from exc
    value: Any = records[0]["at"] if records else None
    return value.to_native() if value is not None and hasattr(value, "to_native") else value
