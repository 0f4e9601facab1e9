"""Metrics and communities computed inside Neo4j by Graph Data Science (GDS).

The view is projected into GDS's memory under a name unique to the run
(:func:`statements.gds_project`: the same kinds, types, Région, date, dataset,
illustrative and weak-tie filters as :func:`opcomap.store.projection.project`),
each metric runs as its GDS procedure and only its values come back, one list per
metric, and the projection is dropped whatever happens. Values follow
:mod:`opcomap.analysis.metrics`' definitions; where GDS computes differently
(normalisation, iterations, sampling, its own Louvain) a note says so, and
tests/test_gds.py compares both engines on the reference map.

========================  ===========================================  =====================
metric                    GDS procedure                                view
========================  ===========================================  =====================
degree                    gds.degree, orientation UNDIRECTED           ties as stored
degree_in / degree_out    gds.degree, REVERSE / NATURAL                undirected types both ways
degree_funding            gds.degree weighted by ``amount_eur``        ties as stored
betweenness               gds.betweenness (sampled beyond the limit)   undirected
closeness                 gds.closeness, Wasserman-Faust               undirected
pagerank                  gds.pageRank, L1 scaler                      directed
eigenvector               gds.eigenvector                              undirected
clustering                gds.localClusteringCoefficient               undirected
communities               gds.louvain (gds.leiden with a resolution)   undirected
========================  ===========================================  =====================
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver

from graph_model.errors import OpcomapError
from graph_model.schema import Schema
from opcomap.analysis.filters import WEAK_CONFIDENCE
from opcomap.analysis.metrics import EXACT_LIMIT, METRICS, PIVOTS, MetricsResult, sampled
from opcomap.analysis.selection import ViewFilters
from opcomap.analysis.simple_graphs import undirected_types
from opcomap.analysis.structure import Communities, groups_of
from opcomap.store import statements
from opcomap.store.database import Store
from opcomap.store.projection import known, parameters
from opcomap.store.statements import GDS_DIRECTED, GDS_FLOW, GDS_TIE, GDS_UNDIRECTED

AUTO_ACTORS = 100_000
"""``auto`` runs GDS for a view of at least this many actors: below, reading the map and running
igraph here was as fast (benchmarks/README.md); above, reading the map is most of igraph's time."""
EXACT_ONLY = frozenset({"closeness"})
"""Metrics GDS computes exactly only (igraph estimates them on a large view): ``auto`` leaves them to igraph."""
COMMUNITY_PROPERTY = "opcomap_community"

# metric -> (procedure, configuration, catalogue key of the note where GDS differs)
CALLS: dict[str, tuple[str, dict[str, Any], str | None]] = {
    "degree": ("gds.degree.stream", {"relationshipTypes": [GDS_TIE], "orientation": "UNDIRECTED"}, None),
    "degree_in": ("gds.degree.stream", {"relationshipTypes": [GDS_FLOW], "orientation": "REVERSE"}, None),
    "degree_out": ("gds.degree.stream", {"relationshipTypes": [GDS_FLOW], "orientation": "NATURAL"}, None),
    "degree_funding": ("gds.degree.stream", {"relationshipTypes": [GDS_TIE], "orientation": "UNDIRECTED",
                                             "relationshipWeightProperty": "amount"}, None),
    "betweenness": ("gds.betweenness.stream", {"relationshipTypes": [GDS_UNDIRECTED]}, "gds.note.betweenness"),
    "closeness": ("gds.closeness.stream", {"relationshipTypes": [GDS_UNDIRECTED], "useWassermanFaust": True},
                  "gds.note.closeness"),
    "pagerank": ("gds.pageRank.stream", {"relationshipTypes": [GDS_DIRECTED], "dampingFactor": 0.85,
                                         "maxIterations": 1000, "tolerance": 1e-10, "scaler": "L1Norm"},
                 "gds.note.pagerank"),
    # More iterations or a smaller tolerance made GDS 2.13's eigenvector overflow on the reference map.
    "eigenvector": ("gds.eigenvector.stream", {"relationshipTypes": [GDS_UNDIRECTED], "maxIterations": 100,
                                               "tolerance": 1e-9}, "gds.note.eigenvector"),
    "clustering": ("gds.localClusteringCoefficient.stream", {"relationshipTypes": [GDS_UNDIRECTED]}, None),
}


@dataclass
class GdsAnalysis:
    """What GDS computed on a view: its actors (id, name, kind), the metrics, the communities
    if asked, and the notes (catalogue key and values) where GDS differs from igraph."""

    version: str
    actors: list[tuple[str, str, str]]
    ties: int
    metrics: MetricsResult
    communities: Communities | None = None
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def number_of_nodes(self) -> int:
        return len(self.actors)

    def number_of_edges(self) -> int:
        return self.ties

    def rows(self) -> list[dict[str, Any]]:
        """One dict per actor, as :meth:`MetricsResult.rows` makes them."""
        return [{"id": actor, "name": name or actor, "kind": kind or "",
                 **{metric: values.get(actor) for metric, values in self.metrics.values.items()}}
                for actor, name, kind in self.actors]


def version(target: Store | Driver, database: str) -> str | None:
    """GDS's version on this server, None when it has no GDS."""
    store = Store.of(target, database)
    if not store.read(statements.GDS_FOUND)[0]["n"]:
        return None
    return str(store.read(statements.GDS_VERSION)[0]["version"])


def view_size(target: Store | Driver, database: str, schema: Schema, filters: ViewFilters) -> int:
    """How many actors the view keeps (the anchor filters aside), counted in Neo4j."""
    kinds = known(filters.kinds, schema.kinds)
    if kinds == []:
        return 0
    query = statements.view_size(kinds, known(filters.types, schema.relationship_types), bool(filters.region))
    return int(Store.of(target, database).read(query, parameters(filters))[0]["n"])


def chosen(engine: str, target: Store | Driver | None, database: str, schema: Schema, filters: ViewFilters,
           metrics: Iterable[str] = (), threshold: int = AUTO_ACTORS) -> str | None:
    """The GDS version to run the view on, or None for igraph: ``engine`` is ``igraph``, ``gds``
    or ``auto``; ``target`` is the server the map is read from (None: files).

    ``gds`` without a server, without GDS on it, or on an OPCO's view raises OpcomapError;
    ``auto`` then falls back to igraph, as it does for a view below ``threshold`` actors or
    when ``metrics`` include one of :data:`EXACT_ONLY`."""
    if engine == "igraph":
        return None
    asked = engine == "gds"
    if not asked and EXACT_ONLY & set(metrics):
        return None
    if target is None:
        if asked:
            raise OpcomapError("gds.needs_neo4j")
        return None
    if filters.opco or filters.focus:
        if asked:
            raise OpcomapError("gds.anchored")
        return None
    found = version(target, database)
    if found is None:
        if asked:
            raise OpcomapError("gds.missing", uri=Store.of(target, database).uri)
        return None
    if not asked and view_size(target, database, schema, filters) < threshold:
        return None
    return found


def analyse(target: Store | Driver, database: str, schema: Schema, filters: ViewFilters,
            metrics: Iterable[str], *, gds_version: str = "", communities: bool = False,
            resolution: float = 1.0, seed: int | None = 0, exact_limit: int = EXACT_LIMIT,
            k: int = PIVOTS) -> GdsAnalysis:
    """The metrics (and communities) of the view, computed by GDS in Neo4j.

    Raises OpcomapError for an unknown metric, as :func:`opcomap.analysis.compute_metrics` does.
    """
    wanted = list(metrics)
    unknown = [m for m in wanted if m not in METRICS]
    if unknown:
        raise OpcomapError("problems.metric_unknown", names=", ".join(unknown), known=", ".join(METRICS))
    if filters.opco or filters.focus:
        raise OpcomapError("gds.anchored")
    kinds = known(filters.kinds, schema.kinds)
    types = known(filters.types, schema.relationship_types)
    result = GdsAnalysis(gds_version, [], 0, MetricsResult(), notes=[("gds.engine", {"version": gds_version})])
    if kinds == []:
        return result
    store = Store.of(target, database)
    graph = f"opcomap-{uuid.uuid4().hex}"
    with store.session() as session:
        weak_ids = [] if filters.include_weak else session.run(
            statements.WEAK_SOURCES, weak_below=WEAK_CONFIDENCE).single(strict=True)["ids"]
        params = parameters(filters, weak_ids)
        actors = session.run(statements.nodes_query(kinds, types, bool(filters.region)),
                             {**params, "fields": ["id", "name", "kind"]}).single(strict=True)["actors"]
        result.actors = [(actor, name, kind) for actor, name, kind in actors]
        if not actors:
            return result
        tie_types = types if types is not None else list(schema.relationship_types)
        by_ids = bool(filters.region)
        if by_ids:
            params["ids"] = [actor for actor, _, _ in actors]
        if tie_types:
            result.ties = session.run(statements.view_ties(kinds, tie_types, by_ids), params).single(strict=True)["n"]
        if not result.ties:  # GDS refuses to project a view without ties
            _without_ties(result, wanted, communities, resolution, seed)
            return result
        session.run(statements.gds_project(kinds, tie_types, by_ids),
                    {**params, "graph": graph, "symmetric": sorted(undirected_types(schema))}).consume()
        try:
            for name in wanted:
                sample = k if name == "betweenness" and exact_limit < len(actors) and k < len(actors) else None
                values, method, note = _metric(session, graph, name, len(actors), sample, seed)
                result.metrics.values[name], result.metrics.method[name] = values, method
                if note:
                    result.notes.append((note, {"k": k, "seed": seed, "limit": exact_limit}))
            if communities:
                result.communities = _communities(session, graph, resolution, seed)
                result.notes.append(("gds.note.louvain" if resolution == 1.0 else "gds.note.leiden",
                                     {"resolution": resolution, "seed": seed}))
        finally:
            session.run(statements.GDS_DROP, graph=graph).consume()
    return result


def _metric(session: Any, graph: str, name: str, n: int, sample: int | None,
            seed: int | None) -> tuple[dict[Hashable, float], str, str | None]:
    """One metric's values by actor id, its method, and the catalogue key of its note (None: as igraph);
    ``sample``: the sources betweenness is estimated from (None: exact)."""
    procedure, config, note = CALLS[name]
    config, method = dict(config), procedure
    if sample is not None:
        config.update(samplingSize=sample, samplingSeed=seed if seed is not None else 0)
        method, note = f"{procedure}, {sampled(sample, seed)}", "gds.note.betweenness_sampled"
    values = dict(session.run(statements.gds_stream(procedure), graph=graph, config=config)
                  .single(strict=True)["values"])
    if name == "betweenness":
        values = _normalised_betweenness(values, n, sample)
    return {actor: float(value) for actor, value in values.items()}, method, note


def _without_ties(result: GdsAnalysis, wanted: list[str], communities: bool, resolution: float,
                  seed: int | None) -> None:
    """A view without ties: what igraph gives (PageRank's even share, every other metric 0,
    each actor its own community)."""
    ids = [actor for actor, _, _ in result.actors]
    for name in wanted:
        result.metrics.values[name] = dict.fromkeys(ids, 1.0 / len(ids) if name == "pagerank" else 0.0)
        result.metrics.method[name] = CALLS[name][0]
    if communities:
        groups = groups_of(ids, list(range(len(ids))))
        result.communities = Communities(groups, {a: i for i, g in enumerate(groups) for a in g}, 0.0, resolution, seed)


def _normalised_betweenness(raw: dict[Hashable, float], n: int, sources: int | None) -> dict[Hashable, float]:
    """GDS counts each pair of actors once on the undirected view, as igraph does: NetworkX's
    normalisation is then 2 / ((n-1)(n-2)); a sample of ``sources`` is scaled up by n / sources."""
    if n < 3:
        return dict.fromkeys(raw, 0.0)
    scale = 2.0 / ((n - 1) * (n - 2)) * (n / sources if sources else 1.0)
    return {actor: value * scale for actor, value in raw.items()}


def _communities(session: Any, graph: str, resolution: float, seed: int | None) -> Communities:
    """GDS's Louvain (one thread: deterministic), or its Leiden when a resolution is asked
    (GDS's Louvain has none); the partition is kept in the projection, then read back."""
    config: dict[str, Any] = {"relationshipTypes": [GDS_UNDIRECTED], "mutateProperty": COMMUNITY_PROPERTY,
                              "concurrency": 1}
    if resolution == 1.0:
        procedure = "gds.louvain.mutate"
    else:
        procedure = "gds.leiden.mutate"
        config.update(gamma=resolution, randomSeed=seed if seed is not None else 0)
    modularity = session.run(statements.gds_communities(procedure), graph=graph, config=config).single(
        strict=True)["modularity"]
    found = dict(session.run(statements.GDS_PROPERTY, graph=graph, property=COMMUNITY_PROPERTY)
                 .single(strict=True)["values"])
    groups = groups_of(list(found), list(found.values()))
    index = {actor: i for i, group in enumerate(groups) for actor in group}
    return Communities(groups, index, float(modularity), resolution, seed)
