"""Comparer les OPCO: shared partners, overlap (Jaccard) and ties per type."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import streamlit as st

from opcomap import analysis
from opcomap.ui.common import actor_link, describe_filters, show_view, thin_caveat
from graph_model.words import t
from graph_model.words.formats import number, percent
from opcomap.ui.state import Run
from opcomap.ui.widgets import OPCO_KIND, actor_label, sorted_actor_ids


def _chosen_from_url(options: list[str]) -> None:
    raw = st.session_state.get("w_opcos")
    if isinstance(raw, str):  # from the URL: comma-separated ids
        st.session_state["w_opcos"] = [x for x in raw.split(",") if x in options]
    elif isinstance(raw, list):
        st.session_state["w_opcos"] = [x for x in raw if x in options]


def render(run: Run) -> None:
    lang, schema = run.lang, run.ctx.schema
    st.title(t("page.comparer", lang))
    if OPCO_KIND not in schema.kinds:
        st.info(t("compare.no_opco", lang))
        return
    describe_filters(run)
    view = thin_caveat(run, show_view(run), key="w_compare_without_thin")
    graph = view.graph
    options = sorted_actor_ids(graph, [OPCO_KIND])
    _chosen_from_url(options)
    if "w_opcos" not in st.session_state:
        st.session_state["w_opcos"] = options[:2]
    chosen = st.multiselect(t("compare.pick", lang), options, key="w_opcos",
                            format_func=lambda n: actor_label(graph, schema, lang, n))
    run.keep("opcos", ",".join(chosen) if chosen else None)
    if len(chosen) < 2:
        st.info(t("compare.need_two", lang))
        return
    names = {o: graph.nodes[o].get("name", o) for o in chosen}
    pairs = {(a, b): analysis.compare_actors(graph, a, b) for a, b in combinations(chosen, 2)}
    # A matrix to read, not to sort: each share written as the user's language writes a percentage
    # (a number column would show 0.218 to a French reader).
    matrix = pd.DataFrame(percent(1.0, lang), index=[names[o] for o in chosen], columns=[names[o] for o in chosen])
    for (a, b), result in pairs.items():
        matrix.loc[names[a], names[b]] = matrix.loc[names[b], names[a]] = percent(result["jaccard"], lang)
    st.subheader(t("compare.overlap", lang))
    st.dataframe(matrix, width="stretch")
    st.subheader(t("compare.per_type", lang))
    counts = pd.DataFrame(
        {names[o]: pairs[next(p for p in pairs if o in p)]["counts"][o] for o in chosen}
    ).fillna(0).astype(int)
    counts.index = [schema.type_label(x, lang) for x in counts.index]
    st.dataframe(counts, width="stretch")
    st.subheader(t("compare.shared", lang))
    for (a, b), result in pairs.items():
        shared = result["shared"]
        st.markdown(t("compare.shared_line", lang, a=actor_link(run, graph, a), b=actor_link(run, graph, b),
                      n=number(len(shared), lang)))
        if shared:
            st.markdown(", ".join(actor_link(run, graph, s) for s in shared))
