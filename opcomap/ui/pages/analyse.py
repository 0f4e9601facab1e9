"""Analyse: metrics, charts, communities, brokers, structure, gaps and what-if on the current view."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph_model.errors import OpcomapError
from opcomap.ui import analyses
from opcomap.ui.common import describe_filters, documented_view, method_words, show_view, thin_caveat
from opcomap.ui.downloads import diagram_buttons, show_chart, table_buttons
from graph_model.words import t
from graph_model.words.formats import number, percent
from opcomap.ui.state import Run
from opcomap.ui.widgets import actor_select, sorted_actor_ids


def _labels(lang: str, **keys: str) -> dict:
    """Column headings from the catalogue; the data keeps its stable names (CSV files)."""
    return {column: st.column_config.Column(t(key, lang)) for column, key in keys.items()}


def _names(graph, ids) -> list[str]:
    return [str(graph.nodes[n].get("name", n)) if n in graph else str(n) for n in ids]


def _metrics_tab(run: Run, view) -> None:
    lang, schema = run.lang, run.ctx.schema
    gds_version = _engine(run, view)
    if gds_version:
        try:
            found = analyses.gds_metrics(run, view, gds_version)
        except OpcomapError as exc:
            st.error(exc.message(lang))
            return
        result, rows = found.metrics, found.rows()
        for key, values in found.notes:  # the engine first, then where GDS computes differently
            st.caption(t(key, lang, **values))
    else:
        result = analyses.metrics(run, view)
        rows = result.rows(view.graph)
        methods = ", ".join(t("analysis.metric_method", lang, metric=t("metric." + m, lang),
                              how=method_words(how, lang)) for m, how in result.method.items() if how != "exact")
        st.caption(t("analysis.method", lang, detail=methods or t("analysis.exact", lang)))
    frame = pd.DataFrame(rows, columns=["id", "name", "kind", *result.values])
    frame["kind"] = [schema.kind_label(k, lang) for k in frame["kind"]]
    frame = frame.sort_values("pagerank", ascending=False)
    config = {m: st.column_config.NumberColumn(t(f"metric.{m}", lang), format="%.4g") for m in result.values}
    config.update({"id": st.column_config.TextColumn(t("field.id", lang)),
                   "name": st.column_config.TextColumn(t("field.name", lang)),
                   "kind": st.column_config.TextColumn(t("field.kind", lang))})
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)
    table_buttons(frame, "opcomap-indicateurs", lang, "dl_metrics")


def _engine(run: Run, view, key: str = "w_engine") -> str | None:
    """Graph Data Science's version when it computes the metrics, None for igraph; the choice
    is offered only when the server the view comes from has GDS, defaulting as ``--engine auto``."""
    lang = run.lang
    found, default = analyses.gds_engine(run, view)
    if found is None:
        return None
    engines = ("igraph", "gds")
    picked = st.radio(t("analysis.engine", lang), engines, index=engines.index(default), key=key,
                      horizontal=True, format_func=lambda engine: t(f"analysis.engine.{engine}", lang))
    if picked != "gds":
        st.caption(t("analysis.engine_igraph", lang))
        return None
    return found


def _communities_tab(run: Run, view) -> None:
    lang = run.lang
    gds_version = _engine(run, view, "w_engine_communities")
    resolution = st.slider(t("analysis.resolution", lang), 0.2, 3.0, 1.0, 0.1, key="w_resolution")
    if gds_version:
        try:
            by_gds = analyses.gds_communities(run, view, gds_version, resolution)
        except OpcomapError as exc:
            st.error(exc.message(lang))
            return
        for key, values in by_gds.notes:
            st.caption(t(key, lang, **values))
        found = by_gds.communities
    else:
        found = analyses.communities(run, view, resolution=resolution)
    st.markdown(t("analysis.modularity", lang, n=number(len(found.groups), lang),
                  q=number(found.modularity, lang, decimals=3)))
    rows = [{"community": i + 1, "size": len(group), "members": ", ".join(sorted(_names(view.graph, group)))}
            for i, group in enumerate(found.groups)]
    frame = pd.DataFrame(rows, columns=["community", "size", "members"])
    st.dataframe(frame, hide_index=True, width="stretch", column_config=_labels(
        lang, community="analysis.col.community", size="analysis.col.size", members="analysis.col.members"))
    per_actor = pd.DataFrame([{"id": n, "name": view.graph.nodes[n].get("name", n), "community": c + 1}
                              for n, c in found.membership.items()])
    table_buttons(per_actor, "opcomap-communautes", lang, "dl_communities")


def _brokers_tab(run: Run, view) -> None:
    lang, schema = run.lang, run.ctx.schema
    frame = pd.DataFrame(analyses.brokers(run, view),
                         columns=["id", "name", "kind", "betweenness", "degree", "score", "method"])
    frame["kind"] = [schema.kind_label(k, lang) for k in frame["kind"]]
    shown = frame.assign(method=[method_words(str(how), lang) for how in frame["method"]])
    st.dataframe(shown, hide_index=True, width="stretch", column_config=_labels(
        lang, id="field.id", name="field.name", kind="field.kind", betweenness="metric.betweenness",
        degree="metric.degree", score="analysis.col.score", method="analysis.col.method"))
    table_buttons(frame, "opcomap-intermediaires", lang, "dl_brokers")


def _structure_tab(run: Run, view) -> None:
    lang = run.lang
    found = analyses.structure(run, view)
    graph = view.graph
    sizes = sorted((len(c) for c in found["components"]), reverse=True)
    listed = ", ".join(number(size, lang) for size in sizes[:12]) + ("…" if len(sizes) > 12 else "")
    st.markdown(t("analysis.components_line", lang, n=number(len(sizes), lang), sizes=listed))
    cut = sorted(_names(graph, found["articulation_points"]), key=str.casefold)
    st.markdown(t("analysis.articulation_line", lang, n=number(len(cut), lang)))
    if cut:
        st.dataframe(pd.DataFrame({t("field.name", lang): cut}), hide_index=True, width="stretch")
    bridges = [(graph.nodes[u].get("name", u), graph.nodes[v].get("name", v)) for u, v in found["bridges"]]
    st.markdown(t("analysis.bridges_line", lang, n=number(len(bridges), lang)))
    if bridges:
        st.dataframe(pd.DataFrame(bridges, columns=["A", "B"]), hide_index=True, width="stretch")
    cores = found["core_numbers"]
    if cores:
        top = max(cores.values())
        members = sorted(_names(graph, [n for n, c in cores.items() if c == top]), key=str.casefold)
        st.markdown(t("analysis.core_line", lang, k=number(top, lang), n=number(len(members), lang)))
        st.dataframe(pd.DataFrame({t("field.name", lang): members}), hide_index=True, width="stretch")


def _gaps_tab(run: Run, view) -> None:
    lang = run.lang
    found = analyses.gaps(run, view)
    graph = view.graph
    regions = {a.get("region_code"): a.get("region_name") or a.get("region_code")
               for _, a in graph.nodes(data=True) if a.get("region_code")}
    rows = [{"OPCO": graph.nodes[o].get("name", o), "n": len(missing),
             t("filters.region", lang): ", ".join(str(regions.get(r, r)) for r in missing)}
            for o, missing in found["regions_without_partner"].items()]
    st.markdown(t("analysis.gaps_regions", lang))
    _gaps_caveat(run, view, found)
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, width="stretch")
    table_buttons(frame, "opcomap-manques", lang, "dl_gaps")
    orphans = _names(graph, found["branches_without_opco"])
    st.markdown(t("analysis.gaps_branches", lang, n=number(len(orphans), lang)))
    if orphans:
        st.dataframe(pd.DataFrame({t("field.name", lang): orphans}), hide_index=True, width="stretch")


def _gaps_caveat(run: Run, view, found: dict) -> None:
    """The gaps rest on partnerships that are often illustrative: say what remains without them."""
    from opcomap.analysis.questions import covered_nowhere

    documented = documented_view(run)
    if documented is None or documented.graph is view.graph:
        return
    lang = run.lang
    without = analyses.gaps(run, documented)
    if without["regions_without_partner"] == found["regions_without_partner"]:
        return
    opco = len(found["regions_without_partner"])
    st.info(t("analysis.gaps_thin", lang, k=number(len(covered_nowhere(without)), lang), n=number(opco, lang),
              k0=number(len(covered_nowhere(found)), lang)), icon=":material/info:")


def _what_if_tab(run: Run, view) -> None:
    lang, schema = run.lang, run.ctx.schema
    graph = view.graph
    left, right = st.columns(2)
    actor = actor_select(t("analysis.remove_actor", lang), "w_whatif_actor", graph, schema, lang,
                         container=left, ids=sorted_actor_ids(graph))
    present = sorted({d.get("type") for *_, d in graph.edges(data=True) if d.get("type")})
    rel_type = right.selectbox(t("analysis.remove_type", lang), present, index=None, key="w_whatif_type",
                               placeholder=t("analysis.none", lang),
                               format_func=lambda x: schema.type_label(x, lang))
    if not actor and not rel_type:
        st.caption(t("analysis.whatif_pick", lang))
        return
    for removed_actor, removed_type in ((actor, None), (None, rel_type)):
        if not (removed_actor or removed_type):
            continue
        result = analyses.what_if(run, view, actor=removed_actor, rel_type=removed_type)
        name = (graph.nodes[removed_actor].get("name", removed_actor) if removed_actor
                else schema.type_label(str(removed_type), lang))
        a, b, c = st.columns(3)
        a.metric(t("analysis.without", lang, name=name), number(result.components_after, lang),
                 delta=result.components_after - result.components_before,
                 help=t("analysis.whatif_components", lang), delta_color="inverse")
        b.metric(t("analysis.whatif_cut", lang), number(len(result.disconnected), lang))
        c.metric(t("analysis.whatif_pairs", lang), number(result.reachable_pairs_after, lang),
                 delta=percent(result.reachability_change, lang, signed=True), delta_color="normal")
        if result.disconnected:
            st.dataframe(pd.DataFrame({t("field.name", lang): sorted(_names(graph, result.disconnected))}),
                         hide_index=True, width="stretch")


def _charts_tab(run: Run, view) -> None:
    """Funding by year, actors by kind and Région, degrees, each OPCO's partners: each with its caption,
    the sources of the ties it counts, and its files."""
    from opcomap.analysis.chart_data import funding_measure
    from opcomap.charts import CHARTS, MEASURES, title_of

    lang, schema = run.lang, run.ctx.schema
    for name in CHARTS:
        data = analyses.chart_data(run, view, name)
        st.subheader(title_of(name, schema, lang))
        measure = None
        if name == "funding":
            measure = st.segmented_control(
                t("chart.measure", lang), MEASURES, key="w_chart_measure",
                default=funding_measure(data.with_amount),
                format_func=lambda m: t(f"chart.measure.{m}", lang)) or None
        show_chart(*analyses.chart(run, view, name, measure), data, lang)


def render(run: Run) -> None:
    lang = run.lang
    st.title(t("page.analyse", lang))
    describe_filters(run)
    view = thin_caveat(run, show_view(run))
    if view.graph.number_of_nodes() == 0:
        st.info(t("analysis.too_small", lang))
        return
    tabs = st.tabs([t(k, lang) for k in ("analysis.metrics", "chart.tab", "analysis.communities", "analysis.brokers",
                                         "analysis.structure", "analysis.gaps", "analysis.whatif")])
    panels = (_metrics_tab, _charts_tab, _communities_tab, _brokers_tab, _structure_tab, _gaps_tab, _what_if_tab)
    for tab, panel in zip(tabs, panels, strict=True):
        with tab:
            panel(run, view)
    with st.expander(t("map.downloads", lang)):
        diagram_buttons(run, view, key="analyse")
