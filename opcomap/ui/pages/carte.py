"""Carte: the interactive map of the view (pyvis, offline), with search, focus, sizes and paths."""

from __future__ import annotations

import streamlit as st

from opcomap import analysis
from opcomap.ui import analyses, timemap
from opcomap.ui.common import counts_line, describe_filters, md, show_view
from opcomap.ui.data import edge_count
from opcomap.ui.downloads import diagram_buttons, view_map
from graph_model.words import t
from opcomap.ui.mapframe import show_map
from opcomap.ui.state import Run
from opcomap.ui.widgets import actor_label, actor_select, sorted_actor_ids

LAYOUTS = ["force", "hierarchical"]


def path_nodes(graph, source: str | None, target: str | None) -> list[str] | None:
    """The actors along one shortest path (direction ignored); [] when there is none, None when not asked.

    >>> import networkx as nx
    >>> path_nodes(nx.MultiDiGraph([("a", "b"), ("c", "b")]), "a", "c")
    ['a', 'b', 'c']
    """
    if not source or not target or source == target or source not in graph or target not in graph:
        return None
    found = analysis.shortest_paths(graph, source, target, limit=1)
    if not found:
        return []
    return [step["from"] for step in found[0]] + [found[0][-1]["to"]]


def _size_choice(run: Run) -> str | None:
    options = list(analysis.METRICS)
    if st.session_state.get("w_size") not in options:
        st.session_state.pop("w_size", None)
    return st.selectbox(t("map.size_by", run.lang), options, index=None, key="w_size",
                        placeholder=t("map.size_none", run.lang),
                        format_func=lambda m: t(f"metric.{m}", run.lang))


def render(run: Run) -> None:
    lang, schema = run.lang, run.ctx.schema
    st.title(t("page.carte", lang))
    view = show_view(run, counts=False)
    graph = view.graph
    search_col, size_col, layout_col = st.columns([3, 2, 2])
    catalogue = run.catalogue().graph
    found = actor_select(t("search.label", lang), "w_search", catalogue, schema, lang, container=search_col)
    if found:
        st.session_state.pop("w_search", None)
        run.open_page("acteur", id=found)
    with size_col:
        size_by = _size_choice(run)
    run.keep("size", size_by)
    layout = "hierarchical" if st.session_state.get("w_layout") == "hierarchical" else "force"
    st.session_state["w_layout"] = layout
    layout = layout_col.segmented_control(t("map.layout", lang), LAYOUTS, key="w_layout",
                                          format_func=lambda x: t(f"map.layout_{x}", lang)) or "force"
    run.keep("layout", None if layout == "force" else layout)
    # The two pickers list every actor: on a national map that is thousands of options
    # to send, so they appear only when asked for (or when a link carries a path).
    pfrom = pto = None
    if st.toggle(t("map.path", lang), key="w_path_on"):
        left, right = st.columns(2)
        ids = sorted_actor_ids(graph)
        pfrom = actor_select(t("map.path_from", lang), "w_pfrom", graph, schema, lang, container=left, ids=ids)
        pto = actor_select(t("map.path_to", lang), "w_pto", graph, schema, lang, container=right, ids=ids)
    run.keep("pfrom", pfrom)
    run.keep("pto", pto)
    highlight = path_nodes(graph, pfrom, pto)
    if highlight == []:
        st.warning(t("map.path_none", lang))
    elif highlight:
        steps = " → ".join(md(actor_label(graph, schema, lang, n).split(" — ")[0]) for n in highlight)
        st.success(t("map.path_found", lang, steps=steps))
    # The time slider, when switched on, draws the map of a chosen date itself.
    if timemap.render(run, size_by=size_by, highlight=highlight, layout=layout):
        return
    describe_filters(run)
    st.markdown(counts_line(graph.number_of_nodes(), edge_count(graph), lang))
    if graph.number_of_nodes() == 0:
        st.info(t("map.empty", lang))
        return
    sizes = analyses.metrics(run, view, (size_by,)).values[size_by] if size_by else None
    metric = t(f"metric.{size_by}", lang) if size_by else None
    drawn = view_map(run, view, sizes=sizes, metric=metric, highlight=highlight or None, layout=layout)
    if drawn.notice:
        st.info(t("map.aggregated", lang, detail=drawn.notice))
    clicked = show_map(drawn, key="carte_map", lang=lang)
    if clicked:
        run.open_page("acteur", id=clicked)
    st.caption(t("map.click_hint", lang))
    with st.expander(t("map.downloads", lang)):
        diagram_buttons(run, view, key="carte", sizes=sizes, metric=metric, highlight=highlight or None,
                        layout=layout)
