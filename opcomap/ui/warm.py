"""Preparing the first page before the first visitor: ``opcomap serve`` calls
:func:`warm_up` in the server's own process, then starts Streamlit.

Without it the first visit pays for importing the app, reading and validating
the data files and laying out the default map (about 5 s for 5,000 actors
here). The warm-up goes through the very functions the Carte page calls, so
their caches (``st.cache_data``, and the files remembered by
:mod:`opcomap.graph_source`) already hold the default view when the first
browser connects. It then runs the whole app once without a browser
(Streamlit's "bare mode", where elements go nowhere): the one-time costs of a
first run (Streamlit's lazily imported widgets and emoji table, the map
component's folder) are paid before the first visitor, not by them (0.6 s of
the first visit here).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from opcomap.view import ViewFilters


@dataclass(frozen=True)
class WarmUp:
    actors: int
    relationships: int
    seconds: float


def warm_up(lang: str = "fr") -> WarmUp | None:
    """Read the app's data and draw its default map into the caches; None in Neo4j mode
    (the server may not be up yet, and its data changes under the app).

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
        from opcomap.ui.downloads import view_map
        from opcomap.ui.state import Run

        ctx = build_context(lang)
        if ctx.mode == "neo4j":
            return None
        view = view_graph(ctx, ViewFilters())
        view_map(Run(ctx=ctx, page="carte"), view)
        _rehearse(Run(ctx=ctx, page="carte"))
    finally:
        quiet.setLevel(level)
    return WarmUp(view.graph.number_of_nodes(), view.graph.number_of_edges(), time.perf_counter() - started)


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
