"""The app in Neo4j mode in a real browser: every page opens, the map draws from the database,
and a Cypher result drawn as a map opens an actor's profile from its inspector."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from graph_model.schema import default_schema
from loaders.bundled import reference_dir
from graph_model.words import t
from opcomap.ui.main import SLUGS
from tests.browser.conftest import ARTIFACTS, running_app
from tests.browser.test_app_browser import _map_frame
from tests.conftest import wipe

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

# Counts as Babel writes them in French: 1\u202f221 (thousands grouped by a narrow no-break space).
COUNTS = re.compile(r"([\d\u202f\u00a0]+) acteurs?, ([\d\u202f\u00a0]+) relations?")
QUERY = "MATCH (o:OPCO {id: 'opco-atlas'})<-[r:CO_MANAGES]-(u:Actor) RETURN o, r, u"


@pytest.fixture(scope="module")
def app_url(neo4j_driver, neo4j_settings) -> Iterator[str]:
    """The reference map loaded into Neo4j, and the app started on it (NEO4J_URI set)."""
    from loaders import load_dataset
    from opcomap.store.writer import write_dataset

    wipe(neo4j_driver, neo4j_settings.neo4j_database)
    schema = default_schema()
    write_dataset(neo4j_driver, load_dataset([reference_dir()], schema), schema, dataset_name="reference",
                  database=neo4j_settings.neo4j_database)
    env = {k: v for k, v in os.environ.items() if k not in ("OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA")}
    env.update(NEO4J_URI=neo4j_settings.uri, NEO4J_USER=neo4j_settings.neo4j_user,
               NEO4J_PASSWORD=neo4j_settings.neo4j_password.get_secret_value(),
               NEO4J_DATABASE=neo4j_settings.neo4j_database)
    with running_app(env, "app-neo4j-server.log") as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="fr-FR")
    yield context.new_page()
    context.close()


def test_every_page_opens_without_an_error(page, app_url):
    for slug in SLUGS:
        page.goto(f"{app_url}/{slug}?id=opco-atlas&src=opco-atlas&dst=france-competences")
        page.get_by_role("heading", name=t(f"page.{slug}", "fr")).first.wait_for(timeout=60_000)
        page.wait_for_timeout(500)  # let the page finish its run
        assert page.get_by_test_id("stException").count() == 0, slug
        assert "Traceback" not in page.inner_text("body"), slug


def test_the_map_draws_the_database_map(page, app_url):
    page.goto(f"{app_url}/?map=all")
    line = page.get_by_text(COUNTS).first
    line.wait_for(timeout=60_000)
    actors = int(re.sub(r"\D", "", COUNTS.search(line.inner_text())[1]))
    assert actors > 200
    frame = _map_frame(page, timeout=60)
    assert frame.locator("#opcomap-count").get_attribute("data-nodes") == str(actors)


def test_the_first_view_from_the_database_is_explored_in_place(page, app_url):
    """The OPCO first view read from Neo4j: named OPCO, an inspector with the ties' sources, expansion."""
    page.goto(app_url)
    frame = _map_frame(page, timeout=60)
    opco = frame.evaluate("window.opcomapNodes.get({filter: n => n.kind === 'OPCO'}).map(n => n.id)")
    assert len(opco) == 11 and set(opco) <= set(frame.evaluate("window.opcomapLabelled()"))
    frame.evaluate("window.opcomapMap.inspect('opco-atlas')")
    inspector = frame.locator("#opcomap-inspector")
    inspector.wait_for(state="visible", timeout=10_000)
    assert inspector.locator("h2").inner_text() == "OPCO Atlas"
    assert inspector.locator("details[data-type=CO_MANAGES] ol.opcomap-sources li").count() > 0
    assert "PageRank" in inspector.inner_text()
    before = int(frame.locator("#opcomap-count").get_attribute("data-nodes"))
    assert frame.evaluate("window.opcomapMap.expand('france-competences')") > 0
    assert int(frame.locator("#opcomap-count").get_attribute("data-nodes")) > before


def test_a_cypher_result_drawn_as_a_map_opens_the_profile_of_an_inspected_actor(page, app_url):
    page.goto(f"{app_url}/cypher?q={quote(QUERY)}")
    page.get_by_role("tab", name="Console").click()
    page.get_by_role("button", name="Exécuter").click()
    frame = _map_frame(page, timeout=60)
    assert int(frame.locator("#opcomap-count").get_attribute("data-nodes")) >= 3
    frame.locator("#opcomap-map").scroll_into_view_if_needed()  # the result map sits below the table
    page.wait_for_timeout(300)
    target = frame.evaluate("""() => {
        const net = window.opcomapNetwork;
        const p = net.canvasToDOM(net.getPositions(['opco-atlas'])['opco-atlas']);
        return {x: p.x, y: p.y};
    }""")
    box = frame.locator("#opcomap-map").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    frame.locator("#opcomap-inspector button[data-action=open]").click(timeout=10_000)
    # Streamlit writes the query first, then the page's path.
    page.wait_for_url(re.compile(r".*/acteur\?.*\bid=opco-atlas.*"), timeout=30_000)
    page.get_by_role("heading", name="OPCO Atlas").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "app-neo4j-profile.png"))
