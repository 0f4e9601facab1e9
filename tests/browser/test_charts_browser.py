"""The charts in Chromium: drawn by the app's own Vega, amounts written the French way, nothing fetched."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.conftest import running_app

pytestmark = pytest.mark.browser
LOCAL_HOSTS = ("http://127.0.0.1:", "http://localhost:")
TEXTS = "() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg text')].map(t => t.textContent)"


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA")}
    with running_app(env, "charts-server.log") as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale="fr-FR")
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda r: tab.requests.append(r.url))
    yield tab
    context.close()


def test_analysis_charts_are_drawn_offline(page, app_url):
    page.goto(f"{app_url}/?page=analyse")
    page.get_by_role("tab", name="Graphiques").click()
    charts = page.get_by_test_id("stVegaLiteChart")
    charts.nth(3).locator("svg").first.wait_for(timeout=60_000)
    assert charts.count() == 4
    texts = page.evaluate(TEXTS)
    assert "France compétences → OPCO" in texts and "OPCO → CFA" in texts
    assert "année non précisée" in texts
    assert [u for u in page.requests if not u.startswith(LOCAL_HOSTS)] == []


def test_a_profiles_amounts_read_the_french_way(page, app_url):
    page.goto(f"{app_url}/?page=acteur&id=ministere-travail")
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.locator("svg").first.wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({TEXTS})().includes('Versés')", timeout=30_000)
    texts = page.evaluate(TEXTS)
    # the axis of what the ministry received: grouped by narrow no-break spaces, euro after a no-break space
    assert "800\u202f000\u202f000\u00a0€" in texts
    assert "Reçus" in texts
