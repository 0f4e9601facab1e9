"""Carte: the interactive map of the view (vis-network, offline), with search, focus, sizes and paths.

It opens on the schema's first view (the OPCO and their partners by interaction) and colours
by kind; the whole selection and other colours (community, a property) are one choice away.
Exploring in place (inspector, expansion, hiding, pins, legend, keys) happens in the map itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from opcomap import analysis
from opcomap.ui import analyses, caches, timemap
from opcomap.ui.common import counts_line, describe_filters, md, show_view
from opcomap.ui.data import edge_count
from opcomap.ui.downloads import diagram_buttons, view_map
from graph_model.words import t
from opcomap.ui.mapframe import show_map
from opcomap.ui.state import Run
from opcomap.ui.widgets import actor_label, actor_select, sorted_actor_ids
from opcomap.mapview.colours import COMMUNITY, KIND, PROPERTY_PREFIX, properties, property_label

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


VIEWS = ["story", "all"]
# Reading every actor's attributes on each run of a national map: once per graph instead.
_properties = caches.per_graph(properties)


def _view_choice(run: Run) -> str:
    """The first view (the OPCO and their partners) unless the user asked for the whole selection."""
    if run.ctx.schema.story is None:
        return "all"
    if st.session_state.get("w_mapview") not in VIEWS:
        st.session_state["w_mapview"] = "story"
    return st.segmented_control(t("map.view", run.lang), VIEWS, key="w_mapview",
                                format_func=lambda v: t(f"map.view_{v}", run.lang)) or "story"


def _colours(graph) -> list[str]:
    return [KIND, COMMUNITY] + [PROPERTY_PREFIX + name for name in _properties(graph)]


def _colour_choice(run: Run, graph) -> str:
    lang = run.lang
    options = _colours(graph)
    if st.session_state.get("w_colour") not in options:
        st.session_state["w_colour"] = KIND

    def say(option: str) -> str:
        if option.startswith(PROPERTY_PREFIX):
            return t("map.colour_property", lang, name=property_label(option[len(PROPERTY_PREFIX):], lang))
        return t(f"map.colour_{option}", lang)

    return st.selectbox(t("map.colour", lang), options, key="w_colour", format_func=say) or KIND


def first_map(run: Run, view, *, sizes=None, metric: str | None = None, highlight=None, layout: str = "force",
              story: bool = True, colour: str = KIND):
    """The Carte's map of ``view``; with no argument, the map a first visit draws (the warm-up draws it)."""
    return view_map(run, view, sizes=sizes, metric=metric, highlight=highlight, layout=layout,
                    story=story and run.ctx.schema.story is not None, colour=colour)


@dataclass(frozen=True)
class Choices:
    """What the controls above the map say, read before they are drawn (see :func:`render`)."""

    size_by: str | None
    layout: str
    shown: str
    colour: str
    path_on: bool
    pfrom: str | None
    pto: str | None


def _settle(run: Run, graph) -> Choices:
    """The controls' values, from their session state made valid first (so each widget then
    shows what the map was drawn with)."""
    state, schema = st.session_state, run.ctx.schema
    if state.get("w_size") not in analysis.METRICS:
        state.pop("w_size", None)
    state["w_layout"] = "hierarchical" if state.get("w_layout") == "hierarchical" else "force"
    if schema.story is not None and state.get("w_mapview") not in VIEWS:
        state["w_mapview"] = "story"
    options = _colours(graph)
    if state.get("w_colour") not in options:
        state["w_colour"] = KIND
    path_on = bool(state.get("w_path_on"))
    for key in ("w_pfrom", "w_pto"):
        if state.get(key) is not None and state.get(key) not in graph:
            del state[key]
    return Choices(size_by=state.get("w_size"), layout=state["w_layout"],
                   shown="all" if schema.story is None else state["w_mapview"], colour=state["w_colour"],
                   path_on=path_on, pfrom=state.get("w_pfrom") if path_on else None,
                   pto=state.get("w_pto") if path_on else None)


def render(run: Run) -> None:
    lang = run.lang
    st.title(t("page.carte", lang))
    view = show_view(run, counts=False)
    graph = view.graph
    choices = _settle(run, graph)
    highlight = path_nodes(graph, choices.pfrom, choices.pto)
    controls, below = st.container(), st.container()
    # The map's message leaves first (its frame then loads while the controls are drawn) unless
    # the controls may replace it: a search that opens a profile, or the time slider's own map.
    early = not st.session_state.get(timemap.TOGGLE) and not st.session_state.get("w_search")
    if early:
        with below:
            _map(run, view, choices, highlight)
    with controls:
        if _controls(run, graph, choices, highlight):
            return  # the time slider drew the map of a chosen date
    if not early:
        with below:
            _map(run, view, choices, highlight)


def _controls(run: Run, graph, choices: Choices, highlight) -> bool:
    """Search, size, layout, view, colour, path and time controls; True when the time slider drew the map."""
    lang, schema = run.lang, run.ctx.schema
    search_col, size_col, layout_col = st.columns([3, 2, 2])
    catalogue = run.catalogue().graph
    found = actor_select(t("search.label", lang), "w_search", catalogue, schema, lang, container=search_col)
    if found:
        st.session_state.pop("w_search", None)
        run.open_page("acteur", id=found)
    with size_col:
        _size_choice(run)
    run.keep("size", choices.size_by)
    # The first view places actors itself: a layout choice there would do nothing.
    story_on = schema.story is not None and choices.shown == "story" and not choices.path_on
    layout_col.segmented_control(t("map.layout", lang), LAYOUTS, key="w_layout", disabled=story_on,
                                 help=t("map.layout_story", lang) if story_on else None,
                                 format_func=lambda x: t(f"map.layout_{x}", lang))
    run.keep("layout", None if choices.layout == "force" else choices.layout)
    view_col, colour_col = st.columns([3, 4])
    with view_col:
        _view_choice(run)
    with colour_col:
        _colour_choice(run, graph)
    run.keep("map", None if choices.shown == "story" else choices.shown)
    run.keep("colour", None if choices.colour == KIND else choices.colour)
    # The two pickers list every actor: on a national map that is thousands of options
    # to send, so they appear only when asked for (or when a link carries a path).
    if st.toggle(t("map.path", lang), key="w_path_on"):
        left, right = st.columns(2)
        ids = sorted_actor_ids(graph)
        actor_select(t("map.path_from", lang), "w_pfrom", graph, schema, lang, container=left, ids=ids)
        actor_select(t("map.path_to", lang), "w_pto", graph, schema, lang, container=right, ids=ids)
    run.keep("pfrom", choices.pfrom)
    run.keep("pto", choices.pto)
    if highlight == []:
        st.warning(t("map.path_none", lang))
    elif highlight:
        steps = " → ".join(md(actor_label(graph, schema, lang, n).split(" — ")[0]) for n in highlight)
        st.success(t("map.path_found", lang, steps=steps))
    # The time slider, when switched on, draws the map of a chosen date itself.
    return timemap.render(run, size_by=choices.size_by, highlight=highlight, layout=choices.layout)


def _map(run: Run, view, choices: Choices, highlight) -> None:
    """The counts, the map and its exports."""
    lang, graph, size_by = run.lang, view.graph, choices.size_by
    described = describe_filters(run)
    st.markdown(counts_line(graph.number_of_nodes(), edge_count(graph), lang))
    if graph.number_of_nodes() == 0:
        st.info(t("map.empty", lang))
        return
    sizes = analyses.metrics(run, view, (size_by,)).values[size_by] if size_by else None
    metric = t(f"metric.{size_by}", lang) if size_by else None
    # A highlighted path may leave the first view's actors: it is drawn on the whole selection.
    drawn = first_map(run, view, sizes=sizes, metric=metric, highlight=highlight or None, layout=choices.layout,
                      story=choices.shown == "story" and not highlight, colour=choices.colour)
    if drawn.notice:
        st.info(t("map.aggregated", lang, detail=drawn.notice))
    if drawn.caption:
        st.markdown(f"**{md(drawn.caption)}**")
    # The picture of the map writes the view's line (and the first view's sentence) under the drawing.
    caption = (t("mapview.filters", lang, filters=described),) + ((drawn.caption,) if drawn.caption else ())
    clicked = show_map(drawn, key="carte_map", lang=lang, caption=caption)
    if clicked:
        run.open_page("acteur", id=clicked)
    st.caption(t("map.click_hint", lang))
    # Filled once opened: a first view carries no download buttons (nor their widget script).
    with st.expander(t("map.downloads", lang), key="carte_downloads", on_change="rerun") as exports:
        if exports.open:
            diagram_buttons(run, view, key="carte", sizes=sizes, metric=metric, highlight=highlight or None,
                            layout=choices.layout)
