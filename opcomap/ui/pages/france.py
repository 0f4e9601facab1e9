"""France par Région: the 18 Régions coloured by a measure; a click on one filters every other view.

The map is a Vega-Lite chart (Streamlit ships Vega-Lite, so it draws offline)
of the bundled outlines on their own plane (identity projection), coloured with
the classes the exports use. Clicking a Région sets the sidebar's Région
filter through the chart's selection callback, which runs before the next
script run draws the sidebar.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from graph_model.words import t
from graph_model.words.formats import number
from opcomap.analysis.by_region import MEASURES, NEEDS_OPCO, TAKES_OPCO, counts_every_opco, region_names
from opcomap.drawing.france import (
    OUTLINE, SELECTED, Choropleth, choropleth, explanation, legend_title, measure_title,
)
from opcomap.geo.outlines import INSEE_CODES, geojson_features, load_outlines
from opcomap.ui import analyses, caches
from opcomap.ui.common import describe_filters, md
from opcomap.ui.downloads import france_buttons
from opcomap.ui.state import FILTER_WIDGETS, Run
from opcomap.ui.widgets import OPCO_KIND, regions_of, sorted_actor_ids

MEASURE_KEY, OPCO_KEY = "w_france_measure", "w_france_opco"
DEFAULT_MEASURE = "cfa"

CHART = "w_france_chart"
PICK = "region_pick"
REGION_WIDGET = FILTER_WIDGETS["region"]
CHART_HEIGHT = 620  # pixels: the mainland and the insets column at a readable size


def picked_region(state: Any) -> str | None:
    """The INSEE code a chart click chose, from the chart's selection state (None when cleared).

    >>> picked_region({"selection": {"region_pick": [{"code": "84"}]}})
    '84'
    >>> picked_region({"selection": {"region_pick": []}}) is None, picked_region(None) is None
    (True, True)
    """
    selection = (state or {}).get("selection") or {}
    points = selection.get(PICK) or []
    for point in points:
        code = point.get("code") if isinstance(point, dict) else None
        if code in INSEE_CODES:
            return str(code)
    return None


def _on_pick() -> None:
    """Set the sidebar's Région filter from the click (runs before the sidebar is drawn again)."""
    code = picked_region(st.session_state.get(CHART))
    if code is None:
        st.session_state[REGION_WIDGET] = None
    elif code in st.session_state.get("_france_codes", ()):
        st.session_state[REGION_WIDGET] = code


def _clear() -> None:
    st.session_state[REGION_WIDGET] = None


def _chart(paint: Choropleth, names: dict[str, str], selected: str | None, value_title: str,
           lang: str) -> alt.LayerChart:
    outlines = load_outlines()
    features = []
    for feature in geojson_features():
        code = feature["properties"]["code"]
        features.append({**feature, "properties": {
            "code": code, "name": names.get(code) or feature["properties"]["name"],
            "shown": paint.shown.get(code, ""), "klass": paint.classes.get(code, ""),
        }})
    frames = [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[
        [x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}}
        for x0, y0, x1, y1 in (r.frame for r in outlines.regions if r.frame)]
    pick = alt.selection_point(name=PICK, fields=["code"], on="click", clear="dblclick")
    chosen = f"datum.code === {json.dumps(selected)}" if selected else "false"
    labels = [label for label, _ in paint.legend]
    colours = [colour for _, colour in paint.legend]
    regions = (
        alt.Chart(alt.Data(values=features))
        .transform_calculate(code="datum.properties.code", name="datum.properties.name",
                             shown="datum.properties.shown", klass="datum.properties.klass")
        .mark_geoshape(strokeJoin="round")
        .encode(
            color=alt.Color("klass:N", scale=alt.Scale(domain=labels, range=colours), sort=labels,
                            legend=alt.Legend(title=value_title, orient="right", symbolType="square", labelLimit=260,
                                              titleLimit=260)),
            stroke=alt.condition(chosen, alt.value(SELECTED), alt.value(OUTLINE)),
            strokeWidth=alt.condition(chosen, alt.value(2.5), alt.value(0.6)),
            tooltip=[alt.Tooltip("name:N", title=t("france.col_region", lang)),
                     alt.Tooltip("code:N", title=t("france.col_code", lang)),
                     alt.Tooltip("shown:N", title=t("france.col_value", lang))],
        )
        .add_params(pick)
    )
    boxes = alt.Chart(alt.Data(values=frames)).mark_geoshape(filled=False, stroke="#999999", strokeWidth=0.8)
    return alt.layer(boxes, regions).project(type="identity", reflectY=True).properties(height=CHART_HEIGHT)


def _drop_unknown(key: str, options: list[str] | tuple[str, ...]) -> bool:
    """Whether the widget already holds one of ``options`` (from a link or an earlier run); a value a
    link mangled is forgotten, so the widget falls back to its default."""
    value = st.session_state.get(key)
    if value is not None and value not in options:
        del st.session_state[key]
        return False
    return value is not None


def _measure_label(measure: str, lang: str) -> str:
    return t(f"france.measure_{measure}", lang)


def render(run: Run) -> None:
    lang, schema = run.lang, run.ctx.schema
    st.title(t("page.france", lang))
    st.caption(t("france.intro", lang))
    describe_filters(run)
    left, right = st.columns(2)
    from_link = _drop_unknown(MEASURE_KEY, MEASURES)
    measure = left.selectbox(t("france.measure", lang), MEASURES, key=MEASURE_KEY,
                             index=None if from_link else MEASURES.index(DEFAULT_MEASURE),
                             format_func=lambda m: _measure_label(m, lang)) or DEFAULT_MEASURE
    # Every Région keeps its value whatever the Région filter: the chosen one is outlined.
    ignored_opco = run.filters.opco if counts_every_opco(measure) else None
    view = run.view_of(run.filters.model_copy(update={"region": None, **({"opco": None} if ignored_opco else {})}))
    if view.banner:
        st.warning(view.banner, icon=":material/cloud_off:")
    graph = view.graph
    opco = None
    if measure in TAKES_OPCO:
        opcos = sorted_actor_ids(graph, [OPCO_KIND]) if OPCO_KIND in schema.kinds else []
        default = opcos.index(run.filters.opco) if run.filters.opco in opcos else None
        opco = right.selectbox(t("france.opco", lang), opcos, key=OPCO_KEY,
                               index=None if _drop_unknown(OPCO_KEY, opcos) else default,
                               placeholder=t("france.any_opco", lang),
                               format_func=lambda n: str(graph.nodes[n].get("name", n)))
    # A shared link reopens the same measure and OPCO.
    run.keep("measure", None if measure == DEFAULT_MEASURE else measure)
    run.keep("mopco", opco if opco and opco != run.filters.opco else None)
    # What the values count may follow the data (funding without amounts is counted in ties).
    found = None if measure in NEEDS_OPCO and opco is None else analyses.france(run, view, measure, opco)
    st.caption(explanation(found, lang) if found else t(f"france.explain_{measure}", lang))
    if ignored_opco:
        name = graph.nodes[ignored_opco].get("name", ignored_opco) if ignored_opco in graph else ignored_opco
        st.info(t("france.opco_filter_ignored", lang, opco=md(str(name))), icon=":material/info:")
    if found is None:
        st.info(t("france.pick_opco", lang))
        return
    if found.opco and found.unstated:  # an OPCO's map of zeros may still hide what it funds
        name = graph.nodes[opco].get("name", opco)
        st.info(t("france.funding_unstated", lang, n=number(found.unstated, lang), opco=md(str(name))), icon=":material/info:")
    paint = choropleth(found, lang)
    names = region_names(graph, INSEE_CODES)
    # The click may set only a Région the sidebar's filter can take (codes on the map).
    st.session_state["_france_codes"] = tuple(regions_of(run.catalogue().graph))
    # Only a known code reaches the chart's expression (the filter may come from a link).
    selected = run.filters.region if run.filters.region in INSEE_CODES else None
    opco_name = str(graph.nodes[opco].get("name", opco)) if opco in graph else None
    title = measure_title(found, lang, opco_name)
    st.subheader(title)
    chart = caches.result("france_chart", graph, (measure, opco, selected, lang),
                          lambda: _chart(paint, names, selected, legend_title(found, lang), lang).to_dict())
    st.vega_lite_chart(spec=chart, key=CHART, on_select=_on_pick, selection_mode=PICK, width="stretch")
    outlines = load_outlines()
    st.caption(f"{t('france.insets', lang)} {t('france.basemap', lang, attribution=outlines.attribution)}")
    if selected:
        outline = outlines.by_code().get(selected)
        name = names.get(selected) or (outline.name if outline else selected)
        st.markdown(t("france.selected", lang, name=md(name), code=md(selected)))
        st.button(t("france.clear", lang), on_click=_clear, key="w_france_clear")
    rows = [{"region": names.get(r.code) or r.name, "code": r.code, "value": found.values.get(r.code, 0.0),
             "shown": paint.shown.get(r.code, "")} for r in outlines.regions]
    frame = pd.DataFrame(rows)
    st.dataframe(frame[["region", "code", "shown"]], hide_index=True, width="stretch", column_config={
        "region": st.column_config.TextColumn(t("france.col_region", lang)),
        "code": st.column_config.TextColumn(t("france.col_code", lang)),
        "shown": st.column_config.TextColumn(t("france.col_value", lang)),
    })
    with st.expander(t("map.downloads", lang)):
        france_buttons(run, view, "france", measure=measure, opco=opco)
