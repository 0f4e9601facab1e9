"""The Carte page's time slider in a real browser: playback moves the date on by itself,
and the map keeps every actor's place and its frame from one date to the next."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.browser

from tests.browser.conftest import running_app
from opcomap.ui import timemap
from tests.browser.test_app_browser import _counts, _query, page  # noqa: F401 (page: the fixture)


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA")}
    with running_app(env, "app-time-server.log") as url:
        yield url


def _drawn(page, not_this: str | None = None, timeout: float = 40) -> dict:
    """Positions, frame and change marks of the map drawn (another drawing than ``not_this``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            with contextlib.suppress(Exception):  # frames come and go while Streamlit renders
                found = frame.evaluate("""() => {
                    if (!document.body || document.body.getAttribute('data-drawn') !== 'true') { return null; }
                    const net = window.opcomapNetwork;
                    const nodes = window.opcomapNodes.get();
                    return {positions: net.getPositions(), scale: net.getScale(), view: net.getViewPosition(),
                            count: document.getElementById('opcomap-count').textContent,
                            changes: nodes.filter(n => n.change).map(n => [n.id, n.change])};
                }""")
                if found and found["count"] != not_this:
                    return found
        time.sleep(0.3)
    raise AssertionError("no new drawing of the map")


def test_play_moves_the_date_on_and_actors_keep_their_place(page, app_url):
    page.goto(f"{app_url}/?kinds=OPCO,OPCA&at=2019-01-01")
    first = _drawn(page)
    before = _counts(page)
    page.get_by_role("button").filter(has=page.locator("[data-testid='stIconMaterial']")).filter(
        has_text="play_arrow").first.click()
    deadline = time.monotonic() + 40
    while _counts(page) == before and time.monotonic() < deadline:
        time.sleep(0.3)
    assert _counts(page) != before, "playback did not move the date on"
    # Pause at once: on a busy machine playback would otherwise run to the last date
    # while the drawing is read.
    page.get_by_role("button").filter(has_text="pause").first.click()
    second = _drawn(page, not_this=first["count"])
    shared = first["positions"].keys() & second["positions"].keys()
    assert shared, "the OPCA ended and stay drawn next to the new OPCO"
    assert {n: first["positions"][n] for n in shared} == {n: second["positions"][n] for n in shared}
    assert second["scale"] == pytest.approx(first["scale"]) and second["view"] == pytest.approx(first["view"])
    assert {change for _, change in second["changes"]} >= {"new", "ended"}
    # Paused: the date stays where it is, in the page and in its address.
    time.sleep(1)
    held = (_counts(page), _query(page).get("at"))
    time.sleep(3 * timemap.PLAY_SECONDS)
    assert (_counts(page), _query(page).get("at")) == held and held[1]


def test_the_evolution_pdf_downloads_from_the_time_map(page, app_url):
    page.goto(f"{app_url}/?kinds=OPCO,OPCA&at=2020-01-01")
    _drawn(page)
    page.get_by_text("Exporter cette vue").click()
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Évolution en PDF (une page par date)").click()
    content = open(download.value.path(), "rb").read()
    assert content[:5] == b"%PDF-" and re.search(rb"/Type\s*/Pages\b.*?/Count\s+2\b", content, re.DOTALL)
