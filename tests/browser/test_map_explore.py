"""Exploring the map in place, in a real headless Chromium: the first view of the reference map
(the OPCO and their partners), the inspector, expansion, the legend's buttons, labels and keys.

The map is the exported page (the same map.js as the app's component), opened from a file with
the network cut off; the app's own component is driven in tests/browser/test_app_browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_model.graph import to_networkx
from graph_model.schema import default_schema
from loaders import load_dataset
from loaders.bundled import reference_dir
from opcomap.mapview import build_map_html
from tests.browser.test_html_export import open_map

pytestmark = pytest.mark.browser

SCHEMA = default_schema()
EVIL = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>"


@pytest.fixture(scope="module")
def story_html() -> str:
    graph = to_networkx(load_dataset([reference_dir()], SCHEMA))
    graph.add_node("acteur-piege", name=EVIL, kind="EMPLOYER_ORG")
    graph.add_edge("acteur-piege", "opco-atlas", key="piege", type="CO_MANAGES", college="employeurs",
                   sources=[{"title": EVIL, "url": "javascript:window.__pwned=3"}])
    return build_map_html(graph, SCHEMA, story=True, height="800px", link_template="?page=acteur&id={id}")


@pytest.fixture
def story(page, tmp_path: Path, story_html: str):
    attempted = open_map(page, tmp_path, story_html)
    yield page
    assert attempted == []
    assert page.evaluate("window.__pwned === undefined")


def point_of(page, actor: str) -> dict:
    return page.evaluate("""(id) => {
        const net = window.opcomapNetwork;
        const dom = net.canvasToDOM(net.getPosition(id));
        const box = document.querySelector('#opcomap-map').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""", actor)


def shown_ids(page, kind: str | None = None) -> list[str]:
    return page.evaluate("""(kind) => window.opcomapNodes.get({filter: n => !n.heading && !n.hidden
        && (kind === null || n.kind === kind)}).map(n => n.id)""", kind)


def test_the_first_view_names_the_eleven_opco_and_titles_the_ten_interactions(story):
    labelled = story.evaluate("window.opcomapLabelled()")
    opco = shown_ids(story, "OPCO")
    assert len(opco) == 11 and set(opco) <= set(labelled)
    assert len(labelled) < len(shown_ids(story)) / 4  # the important ones, not everyone
    titles = story.evaluate("window.opcomapNodes.get({filter: n => n.heading}).map(n => n.label)")
    assert len(titles) == 10 and any(t.startswith("Partenaires sociaux") for t in titles)
    # zooming in names more actors
    story.evaluate("window.opcomapNetwork.moveTo({scale: window.opcomapNetwork.getScale() * 3, animation: false});"
                   "window.opcomapNetwork.emit('zoom', {})")
    story.wait_for_function(f"window.opcomapLabelled().length > {len(labelled)}", timeout=5_000)


def test_clicking_an_actor_opens_the_inspector_with_its_ties_and_sources(story, artifacts_dir):
    story.evaluate("window.opcomapNetwork.focus('opco-atlas', {scale: 1.5, animation: false})")
    point = point_of(story, "opco-atlas")
    story.mouse.click(point["x"], point["y"])
    inspector = story.locator("#opcomap-inspector")
    inspector.wait_for(state="visible", timeout=5_000)
    assert inspector.locator("h2").inner_text() == "OPCO Atlas"
    assert "Opérateur de compétences (OPCO)" in inspector.locator("dl").first.inner_text()
    assert "PageRank" not in inspector.inner_text()  # no metric was given to this export
    managed = inspector.locator("details[data-type=CO_MANAGES]")
    assert managed.locator("summary").inner_text().startswith("Gestion paritaire (")
    first_tie = managed.locator("li.opcomap-tie").first
    assert first_tie.locator("ol.opcomap-sources li").count() >= 1
    links = inspector.locator("ol.opcomap-sources a")
    assert links.count() > 0 and links.first.get_attribute("href").startswith("http")
    story.screenshot(path=str(artifacts_dir / "map-inspector.png"))
    # a hostile name and source stay text, and a javascript: address never becomes a link
    hostile = inspector.get_by_role("button", name="← " + EVIL)
    hostile.click()
    assert inspector.locator("h2").text_content() == EVIL
    assert inspector.get_attribute("data-actor") == "acteur-piege"
    assert story.evaluate("document.querySelectorAll('img, #opcomap-inspector script').length") == 0
    assert inspector.get_by_text(EVIL, exact=True).count() >= 2  # the name and the source's title
    assert story.evaluate("[...document.querySelectorAll('#opcomap-inspector a')]"
                          ".every(a => a.href.startsWith('http'))")
    # Escape closes it
    story.keyboard.press("Escape")
    inspector.wait_for(state="hidden", timeout=5_000)


def test_open_the_profile_follows_the_actors_link(story):
    story.evaluate("window.opcomapMap.inspect('opco-akto')")
    with story.expect_navigation(timeout=15_000):
        story.locator("#opcomap-inspector button[data-action=open]").click()
    assert story.url.endswith("carte.html?page=acteur&id=opco-akto")


def test_hiding_a_kind_from_the_legend_hides_its_actors_and_their_ties(story):
    before = shown_ids(story)
    branches = shown_ids(story, "BRANCH")
    assert len(branches) > 100
    button = story.locator("#opcomap-legend button[data-kind=BRANCH]")
    assert button.locator(".n").inner_text() == str(len(branches))
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert shown_ids(story, "BRANCH") == []
    assert len(shown_ids(story)) == len(before) - len(branches)
    count = story.locator("#opcomap-count")
    assert count.get_attribute("data-nodes") == str(len(before) - len(branches))
    assert story.evaluate("""() => window.opcomapEdges.get({filter: e => !e.hidden})
        .every(e => !window.opcomapNodes.get(e.from).hidden && !window.opcomapNodes.get(e.to).hidden)""")
    button.click()
    assert len(shown_ids(story, "BRANCH")) == len(branches)
    # a relationship type hides its ties, not the actors
    ties = story.evaluate("window.opcomapEdges.get({filter: e => !e.hidden && e.type === 'FUNDS'}).length")
    assert ties > 0
    story.locator("#opcomap-legend button[data-type=FUNDS]").click()
    assert story.evaluate("window.opcomapEdges.get({filter: e => !e.hidden && e.type === 'FUNDS'}).length") == 0
    assert len(shown_ids(story)) == len(before)


def test_double_click_expands_the_neighbours_held_back(story):
    before = set(shown_ids(story))
    assert "france-competences" in before
    story.evaluate("window.opcomapNetwork.focus('france-competences', {scale: 1.5, animation: false})")
    point = point_of(story, "france-competences")
    story.mouse.dblclick(point["x"], point["y"])
    story.wait_for_function(f"window.opcomapNodes.get({{filter: n => !n.heading}}).length > {len(before)}",
                            timeout=5_000)
    added = set(shown_ids(story)) - before
    assert "conseil-administration-france-competences" in added or len(added) > 3
    # every actor added is a neighbour of France compétences, placed and tied on the map
    assert story.evaluate("""(added) => added.every(id => {
        const p = window.opcomapNetwork.getPosition(id);
        return Number.isFinite(p.x) && window.opcomapNetwork.getConnectedNodes(id).includes('france-competences');
    })""", sorted(added))
    assert story.locator("#opcomap-inspector h2").inner_text() == "France compétences"
    assert "voisins ajoutés" in story.locator("#opcomap-inspector .opcomap-status").inner_text()
    count = int(story.locator("#opcomap-count").get_attribute("data-nodes"))
    assert count == len(before) + len(added)
    # the same double-click again adds nothing more
    assert story.evaluate("window.opcomapMap.expand('france-competences')") == 0


def test_hide_and_pin_from_the_inspector(story):
    story.evaluate("window.opcomapMap.inspect('opco-ep')")
    inspector = story.locator("#opcomap-inspector")
    inspector.locator("button[data-action=pin]").click()
    assert story.evaluate("window.opcomapMap.pinned()") == ["opco-ep"]
    assert story.evaluate("window.opcomapNodes.get('opco-ep').fixed") == {"x": True, "y": True}
    assert inspector.locator("button[data-action=pin]").inner_text() == "Désépingler"
    inspector.locator("button[data-action=hide]").click()
    assert "opco-ep" not in shown_ids(story)
    inspector.wait_for(state="hidden", timeout=5_000)


def test_the_keyboard_moves_between_actors_inspects_and_zooms(story):
    story.locator("#opcomap-map").focus()
    story.keyboard.press("Tab")
    first = story.evaluate("window.opcomapNetwork.getSelectedNodes()")
    assert len(first) == 1 and first[0].startswith("opco-")  # the most important actor first
    story.keyboard.press("ArrowRight")
    moved = story.evaluate("window.opcomapNetwork.getSelectedNodes()")
    assert len(moved) == 1 and moved != first
    story.keyboard.press("Enter")
    inspector = story.locator("#opcomap-inspector")
    inspector.wait_for(state="visible", timeout=5_000)
    assert inspector.get_attribute("data-actor") == moved[0]
    # the focus is in the inspector, on its first button; Escape closes it and comes back to the map
    assert story.evaluate("document.activeElement.getAttribute('data-action')") == "open"
    story.keyboard.press("Escape")
    inspector.wait_for(state="hidden", timeout=5_000)
    assert story.evaluate("document.activeElement.id") == "opcomap-map"
    scale = story.evaluate("window.opcomapNetwork.getScale()")
    story.keyboard.press("+")
    story.wait_for_function(f"window.opcomapNetwork.getScale() > {scale * 1.1}", timeout=5_000)
    story.keyboard.press("-")
    story.wait_for_function(f"window.opcomapNetwork.getScale() < {scale * 1.1}", timeout=5_000)
