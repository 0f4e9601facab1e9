"""The app in a real browser: headless Chromium (Debian's) driven by Playwright.

The app is started as users start it (``opcomap serve``) on a free port, in embedded
mode (bundled reference map), and stopped after the module.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

from tests.browser.conftest import ARTIFACTS, REPO, running_app

# Counts as Babel writes them in French: 1\u202f221 (thousands grouped by a narrow no-break space).
COUNTS = re.compile(r"([\d\u202f\u00a0]+) acteurs?, ([\d\u202f\u00a0]+) relations?")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    """The app, running on a free local port in embedded mode."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA")}
    with running_app(env, "app-server.log") as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh page (shared ``browser`` fixture); every request it makes is recorded in ``page.requests``."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="fr-FR")
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda r: tab.requests.append(r.url))
    yield tab
    context.close()


def _location(page) -> str:
    """The address bar as the page sees it (``page.url`` can lag behind history.replaceState)."""
    return page.evaluate("() => window.location.href")


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(_location(page)).query)


def _counts(page) -> tuple[int, int]:
    """The "N acteurs, M relations" line Streamlit shows above the map."""
    line = page.get_by_text(COUNTS).first
    line.wait_for(timeout=30_000)
    match = COUNTS.search(line.inner_text())
    return int(re.sub(r"\D", "", match[1])), int(re.sub(r"\D", "", match[2]))


def _map_frame(page, timeout: float = 30):
    """The component frame holding the vis-network map, once it has drawn."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            with contextlib.suppress(Exception):  # frames come and go while Streamlit renders
                if frame.evaluate("() => document.body && document.body.getAttribute('data-drawn') === 'true'"):
                    return frame
        time.sleep(0.2)
    raise AssertionError("no drawn vis-network map in the page")


def _wait_counts_change(page, before: tuple[int, int], timeout: float = 30) -> tuple[int, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _counts(page)
        if now != before:
            return now
        time.sleep(0.2)
    raise AssertionError(f"counts stayed at {before}")


def test_app_opens_and_the_map_draws(page, app_url):
    """The first view: the 11 OPCO, named, and their partners; the whole selection one click away."""
    page.goto(app_url)
    actors, ties = _counts(page)
    assert actors > 200 and ties > 500
    frame = _map_frame(page)
    assert frame.locator("canvas").count() >= 1
    shown = frame.locator("#opcomap-count")
    first = int(shown.get_attribute("data-nodes"))
    assert 150 < first < actors
    assert "acteurs" in shown.inner_text()
    opco = frame.evaluate("window.opcomapNodes.get({filter: n => n.kind === 'OPCO'}).map(n => n.id)")
    assert len(opco) == 11 and set(opco) <= set(frame.evaluate("window.opcomapLabelled()"))
    page.get_by_text("Au centre, les 11 acteurs").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "app-map.png"), full_page=False)
    page.get_by_text("Toute la sélection", exact=True).click()
    page.wait_for_function("() => window.location.search.includes('map=all')", timeout=30_000)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        frame = _map_frame(page)
        if frame.locator("#opcomap-count").get_attribute("data-nodes") == str(actors):
            break
        time.sleep(0.3)
    assert frame.locator("#opcomap-count").get_attribute("data-nodes") == str(actors)


def test_the_maps_exports_appear_once_their_expander_is_opened(page, app_url):
    """A first view carries no download buttons; opening "Exporter cette vue" offers all four."""
    page.goto(app_url)
    _map_frame(page)
    buttons = page.get_by_test_id("stDownloadButton")
    assert buttons.count() == 0
    page.get_by_text("Exporter cette vue").click()
    page.get_by_role("button", name="Carte HTML interactive").wait_for(timeout=30_000)
    for name in ("Schéma SVG", "Image PNG", "Document PDF"):
        # The buttons arrive one after the other as the page's run sends them: wait for each.
        page.get_by_role("button", name=name).first.wait_for(timeout=30_000)
        assert page.get_by_role("button", name=name).count() == 1, name
    assert _map_frame(page).locator("canvas").count() >= 1


def test_no_request_leaves_localhost(page, app_url):
    page.goto(app_url)
    _counts(page)
    _map_frame(page)
    page.wait_for_timeout(1000)
    outside = [u for u in page.requests
               if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname not in LOCAL_HOSTS]
    assert page.requests, "no request recorded at all"
    assert outside == [], outside


def test_a_filter_changes_the_node_count(page, app_url):
    page.goto(app_url)
    before = _counts(page)
    _map_frame(page)
    kinds = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    kinds.click()
    page.keyboard.type("Opérateur de compétences")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    after = _wait_counts_change(page, before)
    assert after[0] == 11
    frame = _map_frame(page)
    assert frame.locator("#opcomap-count").get_attribute("data-nodes") == "11"
    assert _query(page).get("kinds") == ["OPCO"]


def test_clicking_an_actor_inspects_it_and_opens_its_profile_from_there(page, app_url):
    page.goto(f"{app_url}/?page=carte")
    _counts(page)
    frame = _map_frame(page)
    target = frame.evaluate("""() => {
        const net = window.opcomapNetwork;
        const id = 'opco-akto';
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        return {id, x: p.x, y: p.y};
    }""")
    map_box = frame.locator("#opcomap-map").bounding_box()  # in the page's coordinates
    page.mouse.click(map_box["x"] + target["x"], map_box["y"] + target["y"])
    inspector = frame.locator("#opcomap-inspector")
    inspector.wait_for(state="visible", timeout=10_000)
    assert inspector.locator("h2").inner_text() == "AKTO"
    # the view's metrics, computed by the app, and the ties with their sources
    assert "PageRank" in inspector.inner_text() and "Nombre de liens" in inspector.inner_text()
    assert inspector.locator("ol.opcomap-sources li").count() > 0
    page.screenshot(path=str(ARTIFACTS / "app-inspector.png"))
    assert urlparse(_location(page)).path != "/acteur"  # inspecting is not leaving the map
    inspector.locator("button[data-action=open]").click()
    page.wait_for_url(re.compile(r".*[?&]id=opco-akto.*"), timeout=30_000)
    page.get_by_role("heading", name="AKTO").first.wait_for(timeout=30_000)
    assert urlparse(_location(page)).path == "/acteur"
    page.screenshot(path=str(ARTIFACTS / "app-profile.png"))


def test_expanding_an_actor_on_the_apps_map_shows_the_actors_held_back(page, app_url):
    """The held-back actors reach the map apart from its first draw: expanding still adds them,
    tied to the actor expanded, and the inspector counts them before they are drawn."""
    page.goto(f"{app_url}/?page=carte")
    _counts(page)
    frame = _map_frame(page)
    shown = "() => window.opcomapNodes.get({filter: n => !n.heading && !n.hidden}).map(n => n.id)"
    before = set(frame.evaluate(shown))
    assert "france-competences" in before
    frame.evaluate("window.opcomapMap.inspect('france-competences')")
    expand = frame.locator("#opcomap-inspector button[data-action=expand]")
    held = int(re.search(r"\((\d+)\)", expand.inner_text())[1])
    assert held > 3
    expand.click()
    added = set(frame.evaluate(shown)) - before
    assert len(added) == held
    assert frame.evaluate("""(added) => added.every(id =>
        window.opcomapNetwork.getConnectedNodes(id).includes('france-competences'))""", sorted(added))
    assert "voisins ajoutés" in frame.locator("#opcomap-inspector .opcomap-status").inner_text()
    assert frame.locator("#opcomap-count").get_attribute("data-nodes") == str(len(before) + held)


def test_the_maps_picture_downloads_from_the_apps_frame_as_explored(page, app_url):
    """Streamlit's component frame is sandboxed with downloads allowed: the map's picture button
    saves what the frame shows (an actor hidden from the inspector), captioned with the view's line."""
    from PIL import ImageChops

    from tests.browser.test_map_picture import CANVAS, TODAY, as_drawn, picture_checks

    page.goto(f"{app_url}/?page=carte")
    _counts(page)
    frame = _map_frame(page)
    frame.evaluate("window.opcomapMap.inspect('france-competences')")
    frame.locator("#opcomap-inspector button[data-action=hide]").click()
    assert frame.evaluate("window.opcomapNodes.get('france-competences').hidden") is True
    lines = frame.evaluate("window.opcomapMap.caption()")
    assert lines[0].startswith("Vue : ") and lines[1].startswith("Au centre, les 11 acteurs")
    assert lines[-2] == frame.locator("#opcomap-count").inner_text()
    with page.expect_download(timeout=15_000) as caught:
        frame.locator("#opcomap-tools button[data-action=picture]").click()
    assert caught.value.suggested_filename == f"opcomap-carte-{frame.evaluate(TODAY)}.png"
    canvas = frame.evaluate(CANVAS)
    drawing, band = picture_checks(open(caught.value.path(), "rb").read(), canvas)
    ground = frame.evaluate("getComputedStyle(document.body).backgroundColor")
    background = tuple(int(c) for c in re.findall(r"\d+", ground)[:3])
    difference = ImageChops.difference(drawing, as_drawn(canvas, background)).convert("L")
    assert difference.getextrema()[1] <= 3
    assert band.convert("L").getextrema()[0] < 128


@pytest.mark.parametrize("link", ["/?page=acteur&id=opco-akto&lang=fr", "/acteur?id=opco-akto"])
def test_a_shared_profile_link_opens_that_profile_first(page, app_url, link):
    """A profile link (as the app writes it, or copied from the address bar) opens that actor's
    profile directly, in a new browser: its name, its ties with their sources, and the URL kept."""
    page.goto(app_url + link)
    page.get_by_role("heading", name="AKTO", exact=True).first.wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelector('[data-testid=stApp]')"
                           ".getAttribute('data-test-script-state') === 'notRunning'", timeout=30_000)
    assert urlparse(_location(page)).path == "/acteur"
    assert _query(page).get("id") == ["opco-akto"]
    main = page.get_by_test_id("stMainBlockContainer")
    assert main.get_by_text("Sources").count() > 0
    assert main.get_by_role("link", name="Voir sur la carte").count() == 1


def test_searching_an_actor_opens_its_profile(page, app_url):
    page.goto(app_url)
    _counts(page)
    search = page.get_by_test_id("stMainBlockContainer").get_by_test_id("stSelectbox").first
    search.click()
    page.keyboard.type("France compétences")
    page.get_by_role("option", name=re.compile("^France compétences")).first.click()
    page.get_by_role("heading", name="France compétences").first.wait_for(timeout=30_000)
    assert _query(page).get("id") == ["france-competences"]
    assert page.get_by_text("Sources").count() > 0


def test_a_shared_link_reopens_the_view_in_english(page, app_url):
    page.goto(f"{app_url}/?page=carte&lang=en&kinds=OPCO,EMPLOYEE_UNION&illustrative=0")
    line = page.get_by_text(re.compile(r"[\d,]+ actors?, [\d,]+ relationships?")).first
    line.wait_for(timeout=30_000)
    assert page.get_by_role("heading", name="Map").count() >= 1
    frame = _map_frame(page)
    assert int(frame.locator("#opcomap-count").get_attribute("data-nodes")) < 40


def test_map_screenshot_is_kept_as_an_artefact(page, app_url):
    """The map sized by PageRank with a highlighted path, saved under tests/artifacts/.

    OPCOMAP_UPDATE_DOCS=1 also copies it to docs/app-screenshot.png for the README;
    a normal run never writes into the repository."""
    page.set_viewport_size({"width": 1500, "height": 1400})
    page.goto(f"{app_url}/?page=carte&size=pagerank&pfrom=opco-akto&pto=region-53")
    _counts(page)
    _map_frame(page)
    page.wait_for_timeout(800)
    shot = ARTIFACTS / "app-screenshot.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    if os.environ.get("OPCOMAP_UPDATE_DOCS") == "1":
        shutil.copyfile(shot, REPO / "docs" / "app-screenshot.png")


def test_uploaded_file_problems_are_listed_with_file_row_and_column(page, app_url, tmp_path):
    bad = tmp_path / "acteurs-region.csv"
    bad.write_text("id;name;kind\ncfa-a;CFA A;CFA\ncfa-b;CFA B;CFAA\n", encoding="utf-8")
    page.goto(f"{app_url}/?page=donnees")
    page.get_by_role("heading", name="Données").first.wait_for(timeout=30_000)
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("rien n'a été chargé").first.wait_for(timeout=30_000)
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "app-upload-problems.png"))
    # The grid draws on a canvas and keeps an accessible copy of its cells in the DOM.
    texts = grid.locator("td[role=gridcell]").all_text_contents()
    assert "acteurs-region.csv" in texts and "3" in texts and "kind" in texts
    assert any("CFAA" in text and "CFA ?" in text for text in texts)


def test_filters_follow_the_user_to_another_page(page, app_url):
    page.goto(f"{app_url}/?page=carte&kinds=OPCO")
    assert _counts(page)[0] == 11
    page.get_by_test_id("stSidebarNav").get_by_text("Analyse").click()
    page.wait_for_function("() => window.location.pathname === '/analyse'", timeout=30_000)
    page.get_by_role("heading", name="Analyse").first.wait_for(timeout=30_000)
    assert _counts(page)[0] == 11
    page.wait_for_function("() => window.location.search.includes('kinds=OPCO')", timeout=30_000)
    page.get_by_test_id("stSidebarNav").get_by_text("Carte").click()
    page.get_by_role("heading", name="Carte").first.wait_for(timeout=30_000)
    assert _counts(page)[0] == 11
    assert _map_frame(page).locator("#opcomap-count").get_attribute("data-nodes") == "11"


def test_english_switch_translates_and_lands_in_the_url(page, app_url):
    page.goto(f"{app_url}/?kinds=OPCO")
    _counts(page)
    _map_frame(page)  # the first run has finished: the click is not lost in a rerun
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    page.wait_for_function("() => document.body.innerText.includes('11 actors, 0 relationships')",
                           timeout=30_000)
    assert page.get_by_role("heading", name="Map").count() >= 1
    page.wait_for_function("() => window.location.search.includes('lang=en')", timeout=30_000)
    assert _query(page).get("kinds") == ["OPCO"]
