"""Chemins: every shortest path between two actors, tie by tie."""

from __future__ import annotations

import streamlit as st

from opcomap import analysis
from opcomap.analysis.filters import is_weak
from opcomap.ui.common import actor_link, describe_filters, link, md, page_href, show_view, thin_caveat
from graph_model.words import t
from graph_model.words.formats import number
from opcomap.ui.data import tie_details
from opcomap.ui.state import Run
from opcomap.ui.widgets import actor_select, sorted_actor_ids

PATH_LIMIT = 20  # listed at first; the toggle lists them all
ALL_LIMIT = 2000  # "all" past this many would stall the page: it says so and names the CLI


def render(run: Run) -> None:
    lang, schema = run.lang, run.ctx.schema
    st.title(t("page.chemins", lang))
    st.write(t("paths.intro", lang))
    describe_filters(run)
    view = thin_caveat(run, show_view(run), key="w_paths_without_thin")
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
    total = analysis.count_shortest_paths(graph, src, dst)
    if not total:
        st.warning(t("paths.none", lang))
        return
    everything = total > PATH_LIMIT and st.toggle(t("paths.all", lang, n=number(total, lang)), key="w_paths_all")
    paths = analysis.shortest_paths(graph, src, dst, limit=min(total, ALL_LIMIT if everything else PATH_LIMIT))
    if len(paths) < total:
        st.success(t("paths.count_of", lang, shown=number(len(paths), lang), n=number(total, lang), k=len(paths[0])))
    else:
        st.success(t("paths.count", lang, n=number(total, lang), k=len(paths[0])))
    if total > ALL_LIMIT:
        st.caption(t("paths.cli", lang, limit=number(ALL_LIMIT, lang), n=total, src=md(src), dst=md(dst)))
    _download(run, graph, src, dst, total)
    st.markdown(f"[{t('paths.show_map', lang)}]({page_href(run, 'carte', pfrom=src, pto=dst)})")
    shown = [(tie.get("type") or "", str(tie["key"])) for path in paths for step in path for tie in step["ties"]]
    details = tie_details(run.ctx, view, shown)
    for rank, path in enumerate(paths, start=1):
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
                flags = [t(key, lang) for key, on in (("actor.illustrative", data.get("illustrative")),
                                                      ("actor.weak", is_weak(data))) if on]
                ties.append(f"{label}" + (f" ({sources})" if sources else "")
                            + "".join(f" **{flag}**" for flag in flags))
            lines.append(f"- {actor_link(run, graph, step['from'])} — {' / '.join(ties)} — "
                         f"{actor_link(run, graph, step['to'])}")
        st.markdown(f"**{rank}.**\n" + "\n".join(lines))


def _download(run: Run, graph, src: str, dst: str, total: int) -> None:
    """Every shortest path (up to ALL_LIMIT) as CSV, one row per step, made when clicked."""
    import pandas as pd

    def make() -> bytes:
        found = analysis.shortest_paths(graph, src, dst, limit=ALL_LIMIT)
        rows = [{"chemin": i, "étape": j, "de": step["from"], "à": step["to"],
                 "relations": " / ".join(f"{tie['source']} -{tie.get('type')}-> {tie['target']}" for tie in step["ties"])}
                for i, path in enumerate(found, 1) for j, step in enumerate(path, 1)]
        return pd.DataFrame(rows).to_csv(index=False).encode("utf-8-sig")

    st.download_button(t("paths.download", run.lang, n=number(min(total, ALL_LIMIT), run.lang)), make,
                       file_name="opcomap-chemins.csv", mime="text/csv", key="dl_paths", on_click="ignore")
