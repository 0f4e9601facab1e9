"""Cypher: the named questions and a read-only console, through the guarded runner."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from graph_model.errors import OpcomapError, StoreUnavailable
from opcomap.store.named_queries import NamedQuery, load_queries, parse_assignments
from opcomap.ui import caches
from opcomap.ui.data import driver_for
from opcomap.ui.downloads import table_buttons
from opcomap.ui.guard import report
from graph_model.words import t
from graph_model.words.formats import number
from opcomap.ui.state import Run

EXAMPLE = "MATCH (o:OPCO)<-[r]-(a:Actor)\nRETURN o.name AS opco, type(r) AS relation, count(a) AS acteurs\nORDER BY opco"


def _cell(value: Any) -> Any:
    # Tables take scalars; lists and maps (nodes, paths) are shown as JSON.
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


RESULT_MAP_HEIGHT = 520
MOST_ROWS = 1_000_000  # what one page can hold; beyond, the CLI's --limit and a file
LAST = {"named": "_opcomap_cypher_named", "console": "_opcomap_cypher_console"}  # last result per tab


def result_graph(result, target=None, database: str = "neo4j") -> nx.MultiDiGraph:
    """The actors and relationships a query returned, as the map's graph (for drawing).

    Nodes and ties are decoded as the projection decodes them (:mod:`opcomap.store.codec`);
    the ties' sources are read from ``target`` (a Store or driver), once each.
    """
    from opcomap.store import statements
    from opcomap.store.codec import actor_attributes, cited, edge_attributes, source_attributes
    from opcomap.store.database import Store

    graph = nx.MultiDiGraph()
    ids = {}
    for key, node in result.nodes.items():
        ids[key] = node.actor_id
        attrs = actor_attributes(node.properties)
        attrs.pop("id", None)
        attrs.setdefault("kind", node.kind or "")
        attrs.setdefault("name", node.actor_id)
        graph.add_node(node.actor_id, **attrs)
    source_ids = cited(rel.properties for rel in result.relationships.values())
    by_id = {r["props"]["id"]: source_attributes(r["props"]) for r in Store.of(target, database).read(
        statements.READ_SOURCES, {"ids": source_ids})} if source_ids and target else {}
    for key, rel in result.relationships.items():
        if rel.start not in ids or rel.end not in ids:
            continue  # a relationship whose ends were not returned cannot be drawn
        graph.add_edge(ids[rel.start], ids[rel.end], key=str(rel.properties.get("key", key)),
                       **edge_attributes(rel.type, rel.properties, by_id))
    return graph


def show_result(run: Run, result, key: str) -> None:
    lang, schema = run.lang, run.ctx.schema
    frame = pd.DataFrame([[_cell(v) for v in row] for row in result.rows], columns=result.columns)
    st.caption(t("cypher.rows_time", lang, n=number(len(result.rows), lang), ms=number(round(result.elapsed_ms), lang)))
    if result.truncated:
        st.warning(t("cypher.truncated", lang, cap=number(result.row_cap, lang), more=number(result.row_cap + 1, lang)))
    st.dataframe(frame, hide_index=True, width="stretch")
    table_buttons(frame, "opcomap-requete", lang, key=f"dl_{key}")
    if result.nodes:
        from opcomap.mapview import map_payload
        from opcomap.ui.mapframe import drawn_map, show_map

        graph = result_graph(result, driver_for(run.ctx), run.ctx.settings.neo4j_database)
        st.caption(t("cypher.drawn", lang, n=graph.number_of_nodes(), m=graph.number_of_edges()))
        drawn = drawn_map(map_payload(graph, schema, lang=lang), schema, lang=lang, height_px=RESULT_MAP_HEIGHT)
        clicked = show_map(drawn, key=f"map_{key}", lang=lang)
        if clicked:
            run.open_page("acteur", id=clicked)


def _runner(run: Run):
    from opcomap.store.runner import ReadOnlyRunner

    return ReadOnlyRunner.from_settings(driver_for(run.ctx), run.ctx.settings, st.session_state.get("w_row_cap"))


def _row_cap(run: Run) -> None:
    """How many rows a query returns at most: the settings' cap unless the user asks for more."""
    st.session_state.setdefault("w_row_cap", run.ctx.settings.opcomap_row_cap)
    st.number_input(t("cypher.row_cap", run.lang), min_value=1, max_value=MOST_ROWS, step=1000, key="w_row_cap",
                    help=t("cypher.row_cap_help", run.lang))


def _named(run: Run, queries: dict[str, NamedQuery], connected: bool) -> None:
    lang = run.lang
    if st.session_state.get("w_named") not in queries:
        st.session_state.pop("w_named", None)
    name = st.selectbox(t("cypher.pick", lang), list(queries), key="w_named", index=None,
                        format_func=lambda n: f"{queries[n].title(lang)} ({n})",
                        placeholder=t("cypher.pick_placeholder", lang))
    run.keep("named", name)
    if not name:
        st.dataframe(pd.DataFrame(
            [{t("col.query_name", lang): q.name, t("col.question", lang): q.title(lang),
              t("col.parameters", lang): ", ".join(p.signature() for p in q.params)}
             for q in queries.values()]), hide_index=True, width="stretch")
        return
    query = queries[name]
    if query.description:
        st.caption(query.description)
    values: dict[str, str] = {}
    for param in query.params:
        default = "" if param.default is None else str(param.default)
        values[param.name] = st.text_input(f"{param.name} ({param.type})", value=default,
                                           key=f"w_param_{name}_{param.name}", help=param.help or None)
    with st.expander(t("page.cypher", lang)):
        st.code(query.cypher, language="cypher")
    if connected and st.button(t("cypher.run", lang), key="run_named", type="primary"):
        try:
            bound = query.bind({k: v for k, v in values.items() if v.strip()})
            st.session_state[LAST["named"]] = (name, _runner(run).run(query.cypher, bound))
        except OpcomapError as exc:
            st.session_state.pop(LAST["named"], None)
            report(exc, lang)
    last = st.session_state.get(LAST["named"])
    if last and last[0] == name:  # kept across reruns (a click elsewhere must not erase it)
        show_result(run, last[1], "named")


def _console(run: Run) -> None:
    lang = run.lang
    st.session_state.setdefault("w_query", EXAMPLE)
    text = st.text_area(t("cypher.query", lang), key="w_query", height=160)
    raw_params = st.text_area(t("cypher.params", lang), key="w_console_params", height=68,
                              placeholder=t("cypher.params_example", lang))
    run.keep("q", text if text != EXAMPLE else None)
    if st.button(t("cypher.run", lang), key="run_console", type="primary"):
        try:
            params = parse_assignments([line for line in raw_params.splitlines() if line.strip()])
            st.session_state[LAST["console"]] = (text, _runner(run).run(text, params))
        except OpcomapError as exc:
            st.session_state.pop(LAST["console"], None)
            report(exc, lang)
    last = st.session_state.get(LAST["console"])
    if last and last[0] == text:
        show_result(run, last[1], "console")


def render(run: Run) -> None:
    lang = run.lang
    st.title(t("page.cypher", lang))
    connected = False
    if run.ctx.mode != "neo4j":
        st.info(t("cypher.no_neo4j", lang))
        st.markdown(t("cypher.howto", lang))
    else:
        try:
            driver_for(run.ctx)
            connected = True
        except StoreUnavailable as exc:
            st.error(exc.message(lang))
            st.markdown(t("cypher.howto", lang))
    queries = caches.shared("query-library", None, load_queries)
    if connected:
        _row_cap(run)
        named, console = st.tabs([t("cypher.named", lang), t("cypher.console", lang)])
        with named:
            _named(run, queries, connected)
        with console:
            _console(run)
    else:
        st.subheader(t("cypher.named", lang))
        _named(run, queries, connected)
