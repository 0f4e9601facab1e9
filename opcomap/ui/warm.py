"""Preparing the first page before the first visitor: ``opcomap serve`` calls
:func:`warm_up` in the server's own process, then starts Streamlit.

Without it the first visit pays for importing the app, reading and validating
the data files and laying out the default map. The warm-up goes through the very functions the Carte page calls, so
their caches (:mod:`opcomap.ui.caches`, and the files remembered by
:mod:`opcomap.store.graph_source`) already hold the default view when the first
browser connects. It then runs the whole app once without a browser
(Streamlit's "bare mode", where elements go nowhere): the one-time costs of a
first run (Streamlit's lazily imported widgets and emoji table, the map
component's folder) are paid before the first visitor, not by them. Once the server answers, :func:`first_visit` opens one
session over Streamlit's own websocket and runs the first page, then the
profile of the actor with the most ties (a shared profile link computes the
map's headline metrics), as a browser would, so the server's first session is
not a person's either.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from opcomap.analysis.selection import ViewFilters


@dataclass(frozen=True)
class WarmUp:
    actors: int
    relationships: int
    seconds: float
    profile: str | None = None  # the actor whose profile the first visit opens


def warm_up(lang: str = "fr") -> WarmUp | None:
    """Read the app's data and draw its default map into the caches, from the files or from
    Neo4j: a national map held in Neo4j took most of a minute to read and draw, which the
    first visitor paid. The caches are keyed by the data's version, so a later load
    still shows up. None when Neo4j does not answer (the app then shows its banner).

    Raises what the data raises (e.g. ValidationFailed): the caller reports it
    and starts the app anyway, which then lists the problems in the browser.
    """
    started = time.perf_counter()
    # Outside a running app Streamlit warns, once per cache, that it keeps it in memory: expected here.
    from streamlit.runtime.caching import cache_data_api

    quiet = logging.getLogger(cache_data_api.__name__)
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        from opcomap.ui import main  # noqa: F401 - imports every page, as the first run would
        from opcomap.ui.context import build_context
        from opcomap.ui.data import view_graph
        from opcomap.ui.pages import carte
        from opcomap.ui.state import Run

        ctx = build_context(lang)
        view = view_graph(ctx, ViewFilters())
        if view.banner:
            return None  # Neo4j did not answer: the first visit asks it again
        run = Run(ctx=ctx, page="carte")
        carte.first_map(run, view)
        _rehearse(run)
    finally:
        quiet.setLevel(level)
    graph = view.graph
    profile = max(graph.nodes, key=graph.degree, default=None)
    return WarmUp(graph.number_of_nodes(), graph.number_of_edges(), time.perf_counter() - started, profile)


def _rehearse(run) -> None:
    """Run the app once in bare mode, then its Carte page (bare mode skips pages run through
    st.navigation); a failure here only costs the first visitor time."""
    from opcomap.ui import main, mapframe
    from opcomap.ui.pages import carte

    # Bare mode warns about every element and about session state: expected, and nothing
    # else logs yet (the server is not started), so logging is muted for this one run.
    error: Exception | None = None
    logging.disable(logging.WARNING)
    try:
        main.run_app()
        carte.render(run)
    except Exception as exc:  # noqa: BLE001 - the real visit will show any real problem
        error = exc
    finally:
        logging.disable(logging.NOTSET)
        # Components declared without a runtime are unknown to the server that starts next:
        # the real first run must declare the map component again (cheap: its folder is built).
        mapframe._component.cache_clear()
    if error is not None:
        logging.getLogger(__name__).info("bare-mode rehearsal of the app failed", exc_info=error)


def wait_until_up(base_url: str, timeout: float = 60.0) -> bool:
    """True once Streamlit's health check at ``base_url`` answers, False after ``timeout`` seconds."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2):
                return True
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)


def first_visit(base_url: str, profile: str | None = None, timeout: float = 60.0) -> float | None:
    """Wait for the server at ``base_url``, then open a session and run its first page and,
    given an actor id, that actor's profile as a shared link opens it.

    Returns the seconds the first page took, or None if the server did not answer or
    a run did not finish in time (a first visitor then pays the difference).
    """
    from urllib.parse import urlencode

    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    deadline = time.monotonic() + timeout
    if not wait_until_up(base_url, timeout):
        return None
    stream = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    early = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN  # a page switch: the run goes on

    def run(socket, query: str) -> bool:
        request = BackMsg()
        request.rerun_script.query_string = query
        request.rerun_script.page_script_hash = ""  # the default page, which follows ?page=
        socket.send(request.SerializeToString())
        while time.monotonic() < deadline:
            message = ForwardMsg()
            message.ParseFromString(socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.WhichOneof("type") == "script_finished" and message.script_finished != early:
                return True
        return False

    try:
        with connect(stream, subprotocols=["streamlit"], max_size=None, open_timeout=10) as socket:  # type: ignore[list-item]
            started = time.perf_counter()
            if not run(socket, ""):
                return None
            seconds = time.perf_counter() - started
            if profile is not None:
                run(socket, urlencode({"page": "acteur", "id": profile}))
            return seconds
    except Exception as exc:  # noqa: BLE001 - a warm-up: failing only costs the first visitor time
        logging.getLogger(__name__).info("first visit of the app failed: %s", exc)
    return None
