"""The Carte page's time slider: the map on a date chosen among the map's dates, what
changed since another date drawn on the map itself, and playback.

Every date is drawn at the positions of the view without a date, so an actor keeps
its place while others appear and end. The slider, the map and its captions live in
one fragment: playback reruns only the fragment (``run_every``), never the page, and
nothing waits in a loop.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence

import networkx as nx
import streamlit as st

from graph_model.words import t
from opcomap.analysis.simple_graphs import fingerprint
from opcomap.analysis.timeline import changes_between, scrub_dates, with_changes
from opcomap.mapview.text import changes_sentence
from opcomap.ui import analyses, caches, state
from opcomap.ui.common import counts_line, md, shown_day
from opcomap.ui.data import ViewGraph, edge_count
from opcomap.ui.downloads import MAP_HEIGHT
from opcomap.ui.mapframe import DrawnMap, drawn_map, show_map
from opcomap.ui.state import Run

log = logging.getLogger(__name__)
PLAY_SECONDS = 2.0  # one date per step while playing: time to see what changed
PREVIOUS, NONE = "previous", "none"  # "compare with" choices besides a date
TOGGLE, AT, VS, PLAYING, LAST_STEP = "w_time_on", "w_at", "w_vs", "_time_playing", "_time_last_step"


def _view_at(run: Run, on: str) -> ViewGraph:
    """The view on ``on``; empty on a date its OPCO or focus did not exist yet (or any more)."""
    from opcomap.analysis.filters import lost_anchors

    filters = run.filters.model_copy(update={"as_of": dt.date.fromisoformat(on)})
    if lost_anchors(run.catalogue().graph, filters):
        return ViewGraph(nx.MultiDiGraph())
    return run.view_of(filters)


@caches.per_graph
def _stops(graph: nx.MultiDiGraph, today: dt.date) -> list[str]:
    return [d.isoformat() for d in scrub_dates(graph, today)]


def render(run: Run, *, size_by: str | None, highlight: Sequence[str] | None, layout: str) -> bool:
    """The time slider's switch; when on, the slider and the map it draws. True when it drew the map."""
    if not st.toggle(t("map.time", run.lang), key=TOGGLE, help=t("map.time_help", run.lang)):
        run.keep("at", None)
        run.keep("vs", None)
        st.session_state[PLAYING] = False
        return False
    playing = bool(st.session_state.get(PLAYING))
    fragment = st.fragment(run_every=PLAY_SECONDS if playing else None)(_scrubber)
    fragment(run, size_by=size_by, highlight=tuple(highlight or ()), layout=layout)
    return True


def _scrubber(run: Run, *, size_by: str | None, highlight: tuple[str, ...], layout: str) -> None:
    lang = run.lang
    undated = run.filters.model_copy(update={"as_of": None})
    whole = run.view_of(undated)
    stops = _stops(whole.graph, dt.date.today())
    picked = run.filters.as_of.isoformat() if run.filters.as_of else None
    if picked and stops[0] <= picked <= stops[-1] and picked not in stops:
        stops = sorted([*stops, picked])  # the sidebar's date is a stop too
    if st.session_state.get(AT) not in stops:
        st.session_state[AT] = _stop_at(st.session_state.get(AT) or picked, stops)
    compare = [PREVIOUS, NONE, *stops]
    if st.session_state.get(VS) not in compare:
        st.session_state[VS] = PREVIOUS
    if st.session_state.get(PLAYING):
        _step(stops)
    play_col, at_col, vs_col = st.columns([1, 9, 3], vertical_alignment="bottom")
    playing = bool(st.session_state.get(PLAYING))
    if play_col.button("", icon=":material/pause:" if playing else ":material/play_arrow:", key="w_time_play",
                       help=t("map.time_pause" if playing else "map.time_play", lang)):
        if not playing and st.session_state[AT] == stops[-1]:
            st.session_state[AT] = stops[0]  # play again from the start
        st.session_state[PLAYING] = not playing
        st.session_state[LAST_STEP] = time.monotonic()
        st.rerun()  # the whole page: the fragment's timer is set (or stopped) on a full run
    shown = at_col.select_slider(t("map.time_at", lang), stops, key=AT, format_func=lambda d: shown_day(d, lang),
                                 on_change=_pause)
    vs = vs_col.selectbox(t("map.time_vs", lang), compare, key=VS,
                          format_func=lambda c: t(f"map.time_{c}", lang) if c in (PREVIOUS, NONE) else shown_day(c, lang))
    since = _since(shown, vs, stops)
    after = _view_at(run, shown)
    described = run.described(run.filters.model_copy(update={"as_of": dt.date.fromisoformat(shown)}))
    st.caption(md(described))
    st.markdown(counts_line(after.graph.number_of_nodes(), edge_count(after.graph), lang))
    drawn_graph = after.graph
    if since:
        before = _view_at(run, since)
        changes = caches.result("time-changes", whole.graph, (since, shown),
                                lambda: changes_between(whole.graph, since, shown))
        drawn_graph = with_changes(after.graph, before.graph, whole.graph, changes)
        told = changes_sentence(changes, lang)
    else:
        told = t("map.time_alone", lang, day=shown_day(shown, lang))
    st.caption(told)
    run.keep("at", shown)
    run.keep("vs", None if vs == PREVIOUS else vs)
    if after.graph.number_of_nodes() == 0 and drawn_graph.number_of_nodes() == 0:
        st.info(t("map.empty", lang))
        state.write_url(run)
        return
    sizes = analyses.metrics(run, after, (size_by,)).values[size_by] if size_by else None
    drawn = _time_map(run, whole, drawn_graph, sizes=sizes, size_by=size_by, highlight=highlight, layout=layout)
    if drawn.notice:
        st.info(t("map.aggregated", lang, detail=drawn.notice))
    clicked = show_map(drawn, key="carte_time_map", lang=lang,
                       caption=(t("mapview.filters", lang, filters=described), told))
    if clicked:
        st.session_state[PLAYING] = False
        run.open_page("acteur", id=clicked)
    st.caption(t("map.click_hint", lang))
    with st.expander(t("map.downloads", lang)):
        _evolution_button(run, whole, stops, layout)
    state.write_url(run)  # a fragment's run does not reach the page's own URL update


def _evolution_button(run: Run, whole: ViewGraph, stops: list[str], layout: str) -> None:
    """The evolution PDF of the chosen dates (one page each), made when the button is clicked."""
    lang = run.lang
    days = st.multiselect(t("map.time_evolution_dates", lang), stops, default=[stops[0], stops[-1]],
                          key="w_evolution_days", format_func=lambda d: shown_day(d, lang))
    pages = [(dt.date.fromisoformat(d), _view_at(run, d).graph) for d in sorted(days)]
    schema, filters = run.ctx.schema, run.filters.model_copy(update={"as_of": None})
    algorithm = "hierarchical" if layout == "hierarchical" else "force"

    def make() -> bytes:
        from opcomap.diagrams.evolution import render_evolution

        try:
            return render_evolution(whole.graph, pages, schema, filters=filters, lang=lang, layout=algorithm)
        except Exception:  # the button runs off the script thread: log, never a traceback
            log.exception("evolution PDF failed")
            raise

    st.download_button(t("map.time_evolution", lang), make, file_name="opcomap-evolution.pdf",
                       mime="application/pdf", key="dl_evolution", on_click="ignore", disabled=not pages)


def _stop_at(wanted: object, stops: list[str]) -> str:
    """The slider's stop for a date from a link or the sidebar: the last stop on or before it, else today's.

    >>> _stop_at("2024-06-01", ["2024-01-01", "2025-01-01"]), _stop_at("soon", ["2024-01-01", "2025-01-01"])
    ('2024-01-01', '2025-01-01')
    """
    try:
        day = dt.date.fromisoformat(str(wanted)).isoformat()
    except ValueError:
        return stops[-1]
    before = [stop for stop in stops if stop <= day]
    return before[-1] if before else stops[0]


def _since(shown: str, vs: str, stops: list[str]) -> str | None:
    """The date to compare with: the slider's previous stop, a chosen date, or none.

    >>> _since("2020-01-01", "previous", ["2019-01-01", "2020-01-01"]), _since("2019-01-01", "previous", ["2019-01-01"])
    ('2019-01-01', None)
    >>> _since("2020-01-01", "none", []), _since("2020-01-01", "2020-01-01", []), _since("2020-01-01", "2014-01-01", [])
    (None, None, '2014-01-01')
    """
    if vs == NONE or vs == shown:
        return None
    if vs == PREVIOUS:
        index = stops.index(shown) if shown in stops else 0
        return stops[index - 1] if index > 0 else None
    return vs


def _step(stops: list[str]) -> None:
    """Playing: move the slider to the next date once a step's time has passed (a rerun caused
    by another widget comes sooner and moves nothing); stop at the last date."""
    now = time.monotonic()
    if now - st.session_state.get(LAST_STEP, 0.0) < PLAY_SECONDS * 0.8:
        return
    st.session_state[LAST_STEP] = now
    index = stops.index(st.session_state[AT])
    if index + 1 < len(stops):
        st.session_state[AT] = stops[index + 1]
    else:
        st.session_state[PLAYING] = False
        st.rerun()


def _pause() -> None:
    st.session_state[PLAYING] = False  # a hand on the slider takes over from playback


def _time_map(run: Run, whole: ViewGraph, graph: nx.MultiDiGraph, *, sizes, size_by: str | None,
              highlight: tuple[str, ...], layout: str) -> DrawnMap:
    """The map of one date with its changes, at the positions of the undated view (both kept in the caches)."""
    from opcomap.drawing.layout import compute_layout
    from opcomap.mapview import map_payload
    from opcomap.mapview.aggregate import aggregate

    schema, lang = run.ctx.schema, run.lang
    algorithm = "hierarchical" if layout == "hierarchical" else "force"
    positions = caches.result("time-layout", whole.graph, (run.ctx.schema_path, algorithm),
                              lambda: compute_layout(aggregate(whole.graph, schema, lang=lang)[0], schema, algorithm))

    def draw() -> DrawnMap:
        payload = map_payload(graph, schema, lang=lang, layout=algorithm, positions=positions, sizes=sizes,
                              metric_name=t(f"metric.{size_by}", lang) if size_by else None,
                              path=list(highlight) or None, keep_frame=True)
        return drawn_map(payload, schema, lang=lang, height_px=MAP_HEIGHT)

    options = (run.ctx.schema_path, lang, algorithm, size_by, highlight, fingerprint(whole.graph))
    return caches.result("time-map", graph, options, draw)
