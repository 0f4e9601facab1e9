"""Sources: the public documents the relationships of the view cite."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from opcomap.ui.common import describe_filters, safe_url, show_view, shown_day
from opcomap.ui.downloads import table_buttons
from graph_model.words import t
from graph_model.words.formats import number
from opcomap.ui.state import Run


def source_table(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], int, int]:
    """One row per distinct source (title + URL) with the number of ties citing it;
    plus the number of ties without a source and of illustrative ties.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", sources=[{"title": "JO", "url": "https://x"}], illustrative=True)
    >>> _ = g.add_edge("b", "c", sources=[])
    >>> rows, uncited, illustrative = source_table(g)
    >>> [(r["title"], r["ties"]) for r in rows], uncited, illustrative
    ([('JO', 1)], 1, 1)
    """
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    ties: dict[tuple[str, str], int] = defaultdict(int)
    uncited = illustrative = 0
    for _, _, data in graph.edges(data=True):
        illustrative += bool(data.get("illustrative"))
        cited = data.get("sources") or []
        if not cited:
            uncited += 1
        for source in cited:
            key = (str(source.get("title", "")), str(source.get("url") or ""))
            ties[key] += 1
            rows.setdefault(key, {
                "title": key[0],
                "publisher": source.get("publisher") or "",
                "url": safe_url(key[1]),
                "consulted": source.get("consulted") or "",
                "confidence": source.get("confidence"),
            })
    out = [{**row, "ties": ties[key]} for key, row in rows.items()]
    out.sort(key=lambda r: (-r["ties"], r["title"].casefold()))
    return out, uncited, illustrative


def render(run: Run) -> None:
    lang = run.lang
    st.title(t("page.sources", lang))
    st.write(t("sources.intro", lang))
    describe_filters(run)
    view = show_view(run, details=True)  # every source of the view: read with them from Neo4j
    rows, uncited, illustrative = source_table(view.graph)
    cited = view.graph.number_of_edges() - uncited
    st.markdown(t("sources.count", lang, n=number(len(rows), lang), m=number(cited, lang)))
    if uncited:
        st.warning(t("sources.uncited", lang, n=number(uncited, lang)))
    if illustrative:
        st.info(t("sources.illustrative", lang, n=number(illustrative, lang)))
    frame = pd.DataFrame(rows, columns=["title", "publisher", "url", "consulted", "confidence", "ties"])
    # On screen, dates and confidences as the language writes them; the CSV keeps ISO dates and numbers.
    shown = frame.assign(
        consulted=[shown_day(d, lang) if d else "" for d in frame["consulted"]],
        confidence=[number(c, lang, decimals=2) if pd.notna(c) else "" for c in frame["confidence"]],
    )
    st.dataframe(
        shown, hide_index=True, width="stretch",
        column_config={
            "title": st.column_config.TextColumn(t("col.title", lang)),
            "publisher": st.column_config.TextColumn(t("col.publisher", lang)),
            "url": st.column_config.LinkColumn(t("col.url", lang)),
            "consulted": st.column_config.TextColumn(t("col.consulted", lang)),
            "confidence": st.column_config.TextColumn(t("col.confidence", lang)),
            "ties": st.column_config.NumberColumn(t("col.ties", lang)),
        },
    )
    table_buttons(frame, "opcomap-sources", lang)
