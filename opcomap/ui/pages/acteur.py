"""Acteur: one actor's profile — identity, ties by type with their sources, funding by year, metrics, history."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from graph_model.schema import Schema
from opcomap.analysis.filters import is_weak
from opcomap.ui import analyses
from opcomap.ui.common import actor_link, link, md, method_words, page_href, show_view, shown_day
from opcomap.ui.data import actor_details, tie_details
from opcomap.ui.downloads import show_chart
from graph_model.words import t
from graph_model.words.formats import money, number, significant
from graph_model.words.values import yes_no
from opcomap.ui.edit.history import show_history
from opcomap.ui.state import Run
from opcomap.ui.widgets import actor_select

# Edge attributes that are not type properties (see graph_model.graph and the Neo4j mapping).
NOT_PROPERTIES = {"type", "since", "until", "illustrative", "sources", "note", "key", "dataset", "loaded_at"}
IDENTITY_FIELDS = ("short_name", "official_name", "aliases", "region", "siret", "idcc", "website",
                   "description", "sectors", "tags", "since", "until")
HEADLINE_METRICS = ("degree_in", "degree_out", "betweenness", "pagerank")


def ties_by_type(graph: nx.MultiDiGraph, actor: str,
                 details: dict[str, dict[str, Any]] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The actor's ties grouped by type: direction, other actor and the tie's attributes, with
    ``details`` (note and sources by tie key, for a view read without them) added.

    >>> g = nx.MultiDiGraph([("u", "o", {"type": "CO_MANAGES"}), ("o", "c", {"type": "FUNDS"})])
    >>> {k: [(r["direction"], r["other"]) for r in v] for k, v in ties_by_type(g, "o").items()}
    {'CO_MANAGES': [('in', 'u')], 'FUNDS': [('out', 'c')]}
    >>> ties_by_type(g, "o", {"0": {"note": "n"}})["FUNDS"][0]["note"]
    'n'
    """
    details = details or {}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for direction, edges in (("out", graph.out_edges(actor, keys=True, data=True)),
                             ("in", graph.in_edges(actor, keys=True, data=True))):
        for u, v, key, data in edges:
            other = v if direction == "out" else u
            row = {"direction": direction, "other": other, **data, **details.get(str(key), {})}
            grouped.setdefault(str(data.get("type", "")), []).append(row)
    for rows in grouped.values():
        rows.sort(key=lambda r: (str(r.get("since") or ""), str(r["other"])))
    return dict(sorted(grouped.items()))


def _period(data: dict[str, Any], lang: str) -> str:
    since, until = data.get("since"), data.get("until")
    if not since and not until:
        return ""
    return f"{shown_day(since, lang) if since else '…'} → {shown_day(until, lang) if until else ''}".strip()


def _value(name: str, value: Any, lang: str) -> str:
    """A property's value as the language writes it: grouped numbers, euros, yes/no."""
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, (int, float)):
        return money(value, lang) if name.endswith("_eur") else number(value, lang)
    return str(value)


def _tie_line(run: Run, graph: nx.Graph, schema: Schema, row: dict[str, Any]) -> str:
    lang = run.lang
    arrow = t("actor.outgoing", lang) if row["direction"] == "out" else t("actor.incoming", lang)
    if not schema.is_directed(row.get("type", "")):
        arrow = "↔"
    parts = [f"{arrow} {actor_link(run, graph, row['other'])}"]
    period = _period(row, lang)
    if period:
        parts.append(md(period))
    props = [t("actor.property", lang, name=md(schema.property_label(k, lang, row.get("type"))),
               value=md(_value(k, v, lang)))
             for k, v in row.items()
             if k not in NOT_PROPERTIES and k not in ("direction", "other") and v not in (None, "", [])]
    parts += props
    if row.get("note"):
        parts.append(f"_{md(row['note'])}_")
    if row.get("illustrative"):
        parts.append(f"**{t('actor.illustrative', lang)}**")
    if is_weak(row):
        parts.append(f"**{t('actor.weak', lang)}**")
    sources = row.get("sources") or []
    cited = ", ".join(link(s.get("title", "?"), s.get("url")) for s in sources)
    parts.append(t("actor.property", lang, name=t("col.sources", lang), value=cited) if cited
                 else f"*{t('actor.no_source', lang)}*")
    return "- " + " · ".join(parts)


def _identity(run: Run, schema: Schema, attrs: dict[str, Any]) -> None:
    lang = run.lang
    kind = attrs.get("kind", "")
    st.markdown(
        f":material/label: **{md(schema.kind_label(kind, lang))}** · `{str(attrs.get('id', '')).replace('`', '')}`"
    )
    rows = []
    for name in IDENTITY_FIELDS:
        if name == "region":
            value = attrs.get("region_name") or attrs.get("region_code")
            if attrs.get("region_code") and attrs.get("region_name"):
                value = f"{attrs['region_name']} ({attrs['region_code']})"
        else:
            value = attrs.get(name)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        if name in ("since", "until"):
            value = shown_day(value, lang)
        shown = link(value, value) if name == "website" else md(value)
        rows.append(t("actor.field_line", lang, name=t("field." + name, lang), value=shown))
    if rows:
        st.markdown("\n".join(rows))


def _metrics(run: Run, view, actor: str) -> None:
    result = analyses.metrics(run, view, HEADLINE_METRICS)
    columns = [c for _ in range(2) for c in st.columns(2)]
    for column, name in zip(columns, HEADLINE_METRICS, strict=True):
        values = result.values.get(name, {})
        value = values.get(actor)
        if value is None:
            continue
        lang = run.lang
        rank = 1 + sum(1 for other in values.values() if other > value)
        shown = significant(value, lang) if isinstance(value, float) and not value.is_integer() else number(value, lang)
        # The rank as a caption, not a metric's delta: a delta draws an arrow that reads as a change.
        column.metric(t(f"metric.{name}", lang), shown,
                      help=t("actor.rank_help", lang, rank=number(rank, lang), n=number(len(values), lang),
                             method=method_words(result.method[name], lang)))
        column.caption(t("actor.rank", lang, rank=number(rank, lang), n=number(len(values), lang)))


def _history(run: Run, graph: nx.MultiDiGraph, schema: Schema, actor: str) -> None:
    lang = run.lang
    history_types = set(schema.layers().get("history", []))
    chain = []
    for u, v, data in list(graph.in_edges(actor, data=True)) + list(graph.out_edges(actor, data=True)):
        if data.get("type") in history_types:
            label = schema.type_label(data["type"], lang)
            if label[1:2].islower():  # "Remplacé par" reads mid-sentence; an acronym keeps its capitals
                label = label[:1].lower() + label[1:]
            since = data.get("since")
            line = t("actor.succession_line_dated" if since else "actor.succession_line", lang,
                     source=actor_link(run, graph, u), label=md(label), target=actor_link(run, graph, v),
                     date=md(shown_day(since, lang)) if since else "")
            chain.append(f"- {line}")
    if chain:
        st.markdown(f"**{t('actor.succession', lang)}**")
        st.markdown("\n".join(chain))
    events = []
    attrs = graph.nodes[actor]
    if attrs.get("since"):
        events.append((attrs["since"], t("actor.property", lang, name=t("field.since", lang), value=attrs.get("name", actor))))
    if attrs.get("until"):
        events.append((attrs["until"], t("actor.property", lang, name=t("field.until", lang), value=attrs.get("name", actor))))
    for u, v, data in list(graph.in_edges(actor, data=True)) + list(graph.out_edges(actor, data=True)):
        other = v if u == actor else u
        label = f"{schema.type_label(data.get('type', ''), lang)} — {graph.nodes[other].get('name', other)}"
        if data.get("since"):
            events.append((data["since"], f"▶ {label}"))
        if data.get("until"):
            events.append((data["until"], f"■ {label}"))
    if events:
        st.markdown(f"**{t('actor.timeline', lang)}**")
        shown = [(shown_day(when, lang), what) for when, what in sorted(events, key=lambda e: str(e[0]))]
        frame = pd.DataFrame(shown, columns=[t("col.date", lang), t("col.event", lang)])
        # A static table: the data grid (a canvas and a large script of its own) was a large
        # share of what a shared profile link cost the browser, for a few dated events.
        st.table(frame, hide_index=True, border="horizontal")
    elif not chain:
        st.caption(t("actor.no_history", lang))


def _funding(run: Run, view, actor: str) -> None:
    """The actor's funding by year, received and paid, when one of its funding ties states a year or
    an amount: without either, a chart would say no more than the list of ties above."""
    from opcomap.analysis.chart_data import funding_measure
    from opcomap.charts import MEASURES

    data = analyses.actor_funding(run, view, actor)
    if not (data.with_amount or data.without_year < data.ties):
        return
    lang = run.lang
    name = str(view.graph.nodes[actor].get("name", actor))
    st.subheader(t("chart.actor_funding.title", lang, name=name))
    measure = st.segmented_control(t("chart.measure", lang), MEASURES, key="w_actor_measure",
                                   default=funding_measure(data.with_amount),
                                   format_func=lambda m: t(f"chart.measure.{m}", lang)) or None
    show_chart(*analyses.actor_chart(run, view, actor, measure), data, lang)


def render(run: Run) -> None:
    lang, schema = run.lang, run.ctx.schema
    catalogue = run.catalogue().graph
    st.title(t("page.acteur", lang))
    wanted = st.session_state.get("w_actor")
    if wanted and wanted not in catalogue:
        st.warning(t("actor.unknown", lang, id=wanted))
    actor = actor_select(t("search.label", lang), "w_actor", catalogue, schema, lang)
    run.keep("id", actor)
    if not actor:
        st.info(t("actor.pick", lang))
        return
    view = show_view(run, counts=False)
    shown = view if actor in view.graph else run.catalogue()
    graph = shown.graph
    # Read lean from Neo4j, the view left the description, notes and sources there: this actor's only.
    ties = [(str(d.get("type", "")), str(k)) for edges in (graph.out_edges(actor, keys=True, data=True),
                                                          graph.in_edges(actor, keys=True, data=True))
            for _, _, k, d in edges]
    details = tie_details(run.ctx, shown, ties)
    attrs = {**graph.nodes[actor], **actor_details(run.ctx, shown, [actor]).get(actor, {})}
    st.header(attrs.get("name", actor))
    st.markdown(f"[{t('actor.on_map', lang)}]({page_href(run, 'carte', focus=actor)})")
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("actor.identity", lang))
        _identity(run, schema, {"id": actor, **attrs})
        st.subheader(t("actor.ties", lang))
        grouped = ties_by_type(graph, actor, details)
        if not grouped:
            st.caption(t("actor.no_ties", lang))
        for rel_type, rows in grouped.items():
            st.markdown(f"**{md(schema.type_label(rel_type, lang))}** ({number(len(rows), lang)})")
            st.markdown("\n".join(_tie_line(run, graph, schema, row) for row in rows))
    with right:
        st.subheader(t("actor.metrics", lang))
        filtered = shown is view and run.filters != type(run.filters)()
        st.caption(t("actor.metrics_on_view", lang, view=md(run.described())) if filtered
                   else t("actor.metrics_on_map", lang))
        _metrics(run, shown, actor)
        st.subheader(t("actor.history", lang))
        _history(run, catalogue, schema, actor)
        st.subheader(t("actor.edits", lang))
        show_history(actor, run.ctx, key="profile")
    # Below both columns: the chart's two panels and legend need the page's whole width.
    _funding(run, view if actor in view.graph else type(view)(catalogue), actor)
