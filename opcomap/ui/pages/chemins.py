"""Chemins: every shortest path between two actors, tie by tie."""

from __future__ import annotations

import streamlit as st

from opcomap import analysis
from opcomap.ui.common import actor_link, describe_filters, link, md, page_href, show_view
from graph_model.words import t
from opcomap.ui.data import tie_details
from opcomap.ui.state import Run
from opcomap.ui.widgets import actor_select, sorted_actor_ids

PATH_LIMIT = 20


def render(run: Run) -> None:
    lang, schema = run.lang, run.ctx.schema
    st.title(t("page.chemins", lang))
    st.write(t("paths.intro", lang))
    describe_filters(run)
    view = show_view(run)
    graph = view.graph
    ids = sorted_actor_ids(graph)
    left, right = st.columns(2)
    src = actor_select(t("paths.from", lang), "w_src", graph, schema, lang, container=left, ids=ids)
    dst = actor_select(t("paths.to", lang), "w_dst", graph, schema, lang, container=right, ids=ids)
    run.keep("src", src)
    run.keep("dst", dst)
    if not src or not dst:
        return
    if src == dst:
        st.info(t("paths.same", lang))
        return
    paths = analysis.shortest_paths(graph, src, dst, limit=PATH_LIMIT)
    if not paths:
        st.warning(t("paths.none", lang))
        return
    st.success(t("paths.count", lang, n=len(paths), k=len(paths[0])))
    st.markdown(f"[{t('paths.show_map', lang)}]({page_href(run, 'carte', pfrom=src, pto=dst)})")
    shown = [(tie.get("type") or "", str(tie["key"])) for path in paths for step in path for tie in step["ties"]]
    details = tie_details(run.ctx, view, shown)
    for number, path in enumerate(paths, start=1):
        lines = []
        for step in path:
            ties = []
            for tie in step["ties"]:
                data = {**(graph.get_edge_data(tie["source"], tie["target"], tie["key"]) or {}),
                        **details.get(str(tie["key"]), {})}
                arrow = "→" if tie["source"] == step["from"] else "←"
                if not schema.is_directed(tie.get("type") or ""):
                    arrow = "↔"
                label = f"{arrow} {md(schema.type_label(tie.get('type') or '', lang))}"
                sources = ", ".join(link(s.get("title", "?"), s.get("url")) for s in data.get("sources") or [])
                ties.append(f"{label}" + (f" ({sources})" if sources else ""))
            lines.append(f"- {actor_link(run, graph, step['from'])} — {' / '.join(ties)} — "
                         f"{actor_link(run, graph, step['to'])}")
        st.markdown(f"**{number}.**\n" + "\n".join(lines))
