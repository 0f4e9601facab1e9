"""Analyses of a view, kept by :mod:`opcomap.ui.caches` under the content of its graph.

The functions themselves live in :mod:`opcomap.analysis`; this module only
names what each result depends on besides the graph, so switching pages or
languages never recomputes, and an edit always does.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from graph_model.errors import OpcomapError
from opcomap import analysis
from opcomap.ui import caches
from opcomap.ui.data import ViewGraph, store_for
from opcomap.ui.state import Run

if TYPE_CHECKING:
    from opcomap.store.gds import GdsAnalysis

log = logging.getLogger(__name__)


def metrics(run: Run, view: ViewGraph, names: tuple[str, ...] = analysis.METRICS) -> analysis.MetricsResult:
    graph, schema = view.graph, run.ctx.schema
    return caches.result("metrics", graph, (run.ctx.schema_path, tuple(names)),
                         lambda: analysis.compute_metrics(graph, schema, names))


def gds_engine(run: Run, view: ViewGraph) -> tuple[str | None, str]:
    """Graph Data Science's version on the server ``view`` was just read from (None: igraph only:
    files, a fallback view, a server without GDS, an anchored view), and the engine
    :func:`opcomap.store.gds.chosen`'s ``auto`` picks for the page's metrics."""
    from opcomap.store import gds

    ctx, filters = run.ctx, view.filters
    if ctx.mode != "neo4j" or view.version is None or filters is None or filters.opco or filters.focus:
        return None, "igraph"
    database = ctx.settings.neo4j_database
    try:
        store = store_for(ctx)
        found = caches.in_neo4j("gds_version", (ctx.source_key, view.version),
                                lambda: gds.version(store, database))
        if found is None:
            return None, "igraph"
        auto = caches.in_neo4j("gds_auto", (ctx.source_key, view.version, filters.model_dump_json()),
                               lambda: gds.chosen("auto", store, database, ctx.schema, filters, analysis.METRICS))
    except OpcomapError as exc:  # no choice offered: igraph computes, as without GDS
        log.warning("Graph Data Science not asked: %s", exc)
        return None, "igraph"
    return found, "gds" if auto else "igraph"


def gds_metrics(run: Run, view: ViewGraph, gds_version: str,
                names: tuple[str, ...] = analysis.METRICS) -> GdsAnalysis:
    """The metrics of ``view`` computed inside Neo4j by Graph Data Science, once per data version,
    filters and metrics (OpcomapError when GDS fails)."""
    from opcomap.store import gds

    ctx, filters = run.ctx, view.filters or run.filters
    database = ctx.settings.neo4j_database
    return caches.in_neo4j(
        "gds_metrics", (ctx.source_key, view.version, filters.model_dump_json(), tuple(names)),
        lambda: gds.analyse(store_for(ctx), database, ctx.schema, filters, names, gds_version=gds_version))


def gds_communities(run: Run, view: ViewGraph, gds_version: str, resolution: float = 1.0) -> GdsAnalysis:
    """The communities of ``view`` found inside Neo4j by Graph Data Science, as :func:`gds_metrics`."""
    from opcomap.store import gds

    ctx, filters, resolution = run.ctx, view.filters or run.filters, float(resolution)
    database = ctx.settings.neo4j_database
    return caches.in_neo4j(
        "gds_communities", (ctx.source_key, view.version, filters.model_dump_json(), resolution),
        lambda: gds.analyse(store_for(ctx), database, ctx.schema, filters, (), gds_version=gds_version,
                            communities=True, resolution=resolution))


def communities(run: Run, view: ViewGraph, resolution: float = 1.0, seed: int = 0):
    graph, resolution, seed = view.graph, float(resolution), int(seed)
    return caches.result("communities", graph, (resolution, seed),
                         lambda: analysis.structure.communities(graph, resolution=resolution, seed=seed))


def brokers(run: Run, view: ViewGraph, top: int = 20) -> list[dict[str, Any]]:
    graph, top = view.graph, int(top)
    return caches.result("brokers", graph, top, lambda: analysis.structure.brokers(graph, top=top))


def structure(run: Run, view: ViewGraph) -> dict[str, Any]:
    s, graph = analysis.structure, view.graph
    return caches.result("structure", graph, None, lambda: {
        "components": s.components(graph),
        "bridges": s.bridges(graph),
        "articulation_points": s.articulation_points(graph),
        "core_numbers": s.core_numbers(graph),
    })


def gaps(run: Run, view: ViewGraph) -> dict[str, Any]:
    graph = view.graph
    return caches.result("gaps", graph, None, lambda: analysis.coverage_gaps(graph))


def what_if(run: Run, view: ViewGraph, actor: str | None = None, rel_type: str | None = None) -> analysis.WhatIf:
    graph = view.graph
    return caches.result("what_if", graph, (actor, rel_type),
                         lambda: analysis.what_if(graph, remove_actor=actor, remove_type=rel_type))


def france(run: Run, view: ViewGraph, measure: str, opco: str | None = None):
    """The France map's measure for each of the 18 Régions (see :mod:`opcomap.analysis.by_region`)."""
    from opcomap.diagrams.france import france_measure

    graph = view.graph
    return caches.result("france", graph, (measure, opco), lambda: france_measure(graph, measure, opco))


def chart_data(run: Run, view: ViewGraph, name: str) -> analysis.ChartData:
    """The rows of one of :data:`opcomap.charts.CHARTS` for this view."""
    from opcomap import charts

    graph = view.graph
    return caches.result("chart_data", graph, name, lambda: charts.data_of(name, graph))


def actor_funding(run: Run, view: ViewGraph, actor: str) -> analysis.ChartData:
    """One actor's funding ties by year (its profile's chart)."""
    graph = view.graph
    return caches.result("actor_funding", graph, actor, lambda: analysis.actor_funding(graph, actor))


def chart(run: Run, view: ViewGraph, name: str, measure: str | None = None) -> tuple[Any, dict[str, Any]]:
    """One of :data:`opcomap.charts.CHARTS` for this view, and the Vega-Lite spec the page shows:
    building and checking a spec on every rerun of the page cost more than the page's tables."""
    from opcomap import charts

    graph, schema, lang = view.graph, run.ctx.schema, run.lang
    scope = run.described()

    def make() -> tuple[Any, dict[str, Any]]:
        drawn = charts.chart_of(name, graph, schema, lang, view=scope, data=chart_data(run, view, name),
                                measure=measure)
        return drawn, drawn.shown().to_dict()

    return caches.result("chart", graph, (run.ctx.schema_path, name, lang, scope, measure), make)


def actor_chart(run: Run, view: ViewGraph, actor: str, measure: str | None = None) -> tuple[Any, dict[str, Any]]:
    """An actor's funding chart (:func:`opcomap.charts.actor_funding_chart`) and its spec, as :func:`chart`."""
    from opcomap import charts

    graph, lang = view.graph, run.lang
    scope = run.described()
    name = str(graph.nodes[actor].get("name", actor))

    def make() -> tuple[Any, dict[str, Any]]:
        drawn = charts.actor_funding_chart(actor_funding(run, view, actor), name, lang, view=scope, measure=measure)
        return drawn, drawn.shown().to_dict()

    return caches.result("actor_chart", graph, (actor, lang, scope, measure), make)
