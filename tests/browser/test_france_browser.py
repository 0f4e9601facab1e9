"""The France page in a real browser: the map draws offline, and a click on a Région filters the other views."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from opcomap.geo.outlines import INSEE_CODES
from tests.browser.conftest import ARTIFACTS, running_app

pytestmark = pytest.mark.browser

COUNTS = re.compile(r"([\d\u202f\u00a0]+) acteurs?, ([\d\u202f\u00a0]+) relations?")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA")}
    with running_app(env, "france-server.log") as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="fr-FR")
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda r: tab.requests.append(r.url))
    yield tab
    context.close()


def _region_in_url(page, timeout: float = 30) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = parse_qs(urlparse(page.evaluate("() => window.location.href")).query).get("region")
        if found:
            return found[0]
        time.sleep(0.2)
    return None


def _counts(page) -> int:
    line = page.get_by_text(COUNTS).first
    line.wait_for(timeout=30_000)
    return int(re.sub(r"\D", "", COUNTS.search(line.inner_text())[1]))


def test_clicking_a_region_sets_the_region_filter_of_every_view(page, app_url):
    page.goto(f"{app_url}/carte")
    whole = _counts(page)
    page.goto(f"{app_url}/france")
    chart = page.locator(".vega-embed").first
    chart.wait_for(timeout=60_000)
    page.locator(".vega-embed canvas, .vega-embed svg.marks").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "app-france.png"), full_page=False)
    box = chart.bounding_box()
    # The middle of the mainland: a Région whatever the window's width.
    page.mouse.click(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.55)
    code = _region_in_url(page)
    assert code in INSEE_CODES
    # The page reads the sidebar's Région filter: it names the Région the click chose.
    page.get_by_text(re.compile(rf"Région choisie.*\({code}\)")).first.wait_for(timeout=30_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name="Carte").click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _counts(page) >= whole:
        time.sleep(0.3)
    assert _counts(page) < whole
    outside = [u for u in page.requests
               if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname not in LOCAL_HOSTS]
    assert outside == [], outside
