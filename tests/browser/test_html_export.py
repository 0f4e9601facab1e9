"""The exported HTML map in a real headless Chromium, with the network cut off."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_model.graph import to_networkx
from graph_model.schema import default_schema
from loaders import load_dataset
from opcomap.mapview import build_map_html
from loaders.bundled import reference_dir

pytestmark = pytest.mark.browser

SCHEMA = default_schema()
EVIL = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>"


@pytest.fixture(scope="module")
def reference_graph():
    graph = to_networkx(load_dataset([reference_dir()], SCHEMA))
    # An actor name as a hostile file could carry it.
    graph.add_node("acteur-piege", name=EVIL, kind="EMPLOYER_ORG")
    graph.add_edge("acteur-piege", "opco-atlas", key="piege", type="PARTNERS_WITH", sources=[])
    return graph


def cut_network(page) -> list[str]:
    """Abort every request that is not the file itself; return what was attempted."""
    attempted: list[str] = []

    def handle(route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    page.route("**/*", handle)
    page.on("request", lambda request: None if request.url.startswith("file://") else attempted.append(request.url))
    return attempted


def open_map(page, tmp_path: Path, html: str) -> list[str]:
    target = tmp_path / "carte.html"
    target.write_text(html, encoding="utf-8")
    attempted = cut_network(page)
    page.goto(target.as_uri())
    page.wait_for_selector("body[data-drawn='true']", timeout=60_000)
    return attempted


def test_map_draws_offline_with_counts_and_no_request(page, tmp_path, reference_graph, artifacts_dir):
    html = build_map_html(reference_graph, SCHEMA, title="Carte de référence")
    attempted = open_map(page, tmp_path, html)
    assert page.locator("#opcomap-map canvas").count() == 1
    count = page.locator("#opcomap-count")
    assert count.is_visible()
    nodes, edges = reference_graph.number_of_nodes(), reference_graph.number_of_edges()
    assert count.get_attribute("data-nodes") == str(nodes)
    assert count.get_attribute("data-edges") == str(edges)
    assert f"{nodes} acteurs" in count.inner_text()
    assert page.locator("#opcomap-legend").is_visible()
    # The canvas really has a drawing on it: many distinct colours.
    colours = page.evaluate("""() => {
        const canvas = document.querySelector('#opcomap-map canvas');
        const ctx = canvas.getContext('2d');
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4 * 97) { seen.add(data[i] + ',' + data[i+1] + ',' + data[i+2]); }
        return seen.size;
    }""")
    assert colours > 20
    assert page.evaluate("window.opcomapNetwork.body.data.nodes.length") == nodes
    page.screenshot(path=str(artifacts_dir / "html-export-map.png"))
    assert attempted == []


def test_hostile_names_stay_text_in_the_browser(page, tmp_path, reference_graph):
    open_map(page, tmp_path, build_map_html(reference_graph, SCHEMA))
    assert page.evaluate("window.__pwned === undefined")
    tooltip = page.evaluate("window.opcomapTooltip('node', 'acteur-piege').innerHTML")
    assert "&lt;img src=x" in tooltip and "<img" not in tooltip
    assert page.evaluate("window.opcomapTooltip('node', 'acteur-piege').querySelector('b').textContent") == EVIL
    assert page.evaluate("document.querySelectorAll('img').length") == 0


def test_a_ties_tooltip_shows_its_sources_as_links_and_hostile_names_as_text(page, tmp_path, reference_graph):
    """A tie's tooltip is built in the page from the tie's facts and the map's one list of sources."""
    from opcomap.mapview import map_payload

    open_map(page, tmp_path, build_map_html(reference_graph, SCHEMA))
    tip = """(id) => {
        const el = window.opcomapTooltip('edge', id);
        return {text: el.textContent, html: el.innerHTML, links: [...el.querySelectorAll('a')].map((a) => a.href)};
    }"""
    payload = map_payload(reference_graph, SCHEMA)
    hostile = next(e["id"] for e in payload.edges if e["from"] == "acteur-piege")
    shown = page.evaluate(tip, hostile)
    assert EVIL in shown["text"] and "aucune source citée" in shown["text"]
    assert "<img" not in shown["html"] and page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("window.__pwned === undefined")
    sourced = next(e for e in payload.edges if any("url" in payload.sources[i] for i in e["info"]["sources"]))
    shown = page.evaluate(tip, sourced["id"])
    cited = [payload.sources[i] for i in sourced["info"]["sources"]]
    assert "Sources :" in shown["text"] and all(source["text"] in shown["text"] for source in cited)
    assert shown["links"] == [source["url"] for source in cited if "url" in source]


def test_hovering_an_actor_shows_its_tooltip(page, tmp_path, reference_graph):
    """Tooltips become elements only when hovered: the hover must still show one, with its rows."""
    open_map(page, tmp_path, build_map_html(reference_graph, SCHEMA))
    page.evaluate("window.opcomapNetwork.focus('opco-atlas', {scale: 2.0, animation: false})")
    page.wait_for_timeout(200)
    point = page.evaluate("""() => {
        const net = window.opcomapNetwork;
        const dom = net.canvasToDOM(net.getPosition('opco-atlas'));
        const box = document.querySelector('#opcomap-map').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""")
    page.mouse.move(point["x"] - 3, point["y"] - 3)
    page.mouse.move(point["x"], point["y"])
    shown = page.locator("div.vis-tooltip")
    shown.wait_for(state="visible", timeout=5_000)
    assert shown.locator("b").first.inner_text() == "OPCO Atlas"
    assert "Genre :" in shown.locator("span.k").first.inner_text()  # a row: its label, then its value
    assert "Opérateur de compétences" in shown.inner_text()


def test_clicking_an_actor_inspects_it_and_its_profile_link_opens(page, tmp_path, reference_graph):
    html = build_map_html(reference_graph, SCHEMA, link_template="?page=acteur&id={id}")
    open_map(page, tmp_path, html)
    page.evaluate("window.opcomapNetwork.focus('opco-atlas', {scale: 2.0, animation: false})")
    page.wait_for_timeout(200)
    point = page.evaluate("""() => {
        const net = window.opcomapNetwork;
        const dom = net.canvasToDOM(net.getPosition('opco-atlas'));
        const box = document.querySelector('#opcomap-map').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    opened = page.locator("#opcomap-inspector button[data-action=open]")
    opened.wait_for(state="visible", timeout=5_000)
    with page.expect_navigation(timeout=15_000):
        opened.click()
    assert page.url.endswith("carte.html?page=acteur&id=opco-atlas")


def test_large_map_is_aggregated_and_still_draws(page, tmp_path):
    from loaders.synthetic import generate  # the loaders' synthetic national-scale map

    graph = to_networkx(generate(4000, seed=5))
    html = build_map_html(graph, SCHEMA, cap=3000)
    open_map(page, tmp_path, html)
    banner = page.locator(".opcomap-banner")
    assert banner.is_visible() and "Carte agrégée" in banner.inner_text()
    shown = int(page.locator("#opcomap-count").get_attribute("data-nodes"))
    assert shown < 3000


def test_open_profile_inside_a_sandboxed_app_frame_opens_the_profile_in_the_app(page, reference_graph):
    """The app shows the map in a same-origin frame sandboxed like Streamlit's components: the
    inspector's "open the profile" navigates the app."""
    import html as html_lib

    origin = "http://opcomap.test"
    map_html = build_map_html(reference_graph, SCHEMA, link_template="?page=acteur&id={id}", height="600px")
    app_page = (
        "<!DOCTYPE html><html><body><h1>app</h1>"
        "<iframe id='map' style='width:1200px;height:650px;border:0' "
        "sandbox='allow-scripts allow-same-origin allow-forms allow-popups allow-downloads' "
        f"srcdoc=\"{html_lib.escape(map_html, quote=True)}\"></iframe></body></html>"
    )
    outside: list[str] = []

    def serve(route):
        url = route.request.url
        if url.startswith(origin):
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=app_page)
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", serve)
    page.goto(f"{origin}/app")
    frame = page.frame_locator("#map")
    frame.locator("body[data-drawn='true']").wait_for(timeout=60_000)
    inner = next(f for f in page.frames if f != page.main_frame)
    inner.evaluate("window.opcomapNetwork.focus('opco-atlas', {scale: 2.0, animation: false})")
    page.wait_for_timeout(200)
    point = inner.evaluate("""() => {
        const net = window.opcomapNetwork;
        const dom = net.canvasToDOM(net.getPosition('opco-atlas'));
        const box = document.querySelector('#opcomap-map').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""")
    frame_box = page.locator("#map").bounding_box()
    page.mouse.click(frame_box["x"] + point["x"], frame_box["y"] + point["y"])  # opens the inspector
    with page.expect_navigation(timeout=15_000):
        frame.locator("#opcomap-inspector button[data-action=open]").click()
    assert page.url == f"{origin}/app?page=acteur&id=opco-atlas"
    assert outside == []


def test_search_box_centres_and_selects_an_actor(page, tmp_path, reference_graph):
    open_map(page, tmp_path, build_map_html(reference_graph, SCHEMA))
    label = reference_graph.nodes["opco-atlas"].get("short_name") or reference_graph.nodes["opco-atlas"]["name"]
    box = page.locator("#opcomap-search")
    assert box.get_attribute("placeholder") == "Rechercher un acteur…"
    box.fill(label)
    box.dispatch_event("change")
    assert page.evaluate("window.opcomapNetwork.getSelectedNodes()") == ["opco-atlas"]


def test_the_map_follows_the_window_width_and_redraws_once(page, tmp_path, reference_graph):
    """The map watches its own box (not every window resize): a narrower window still gets a
    narrower drawing, redrawn once; a change that leaves the box alone redraws nothing."""
    page.set_viewport_size({"width": 1400, "height": 900})
    open_map(page, tmp_path, build_map_html(reference_graph, SCHEMA, height="600px"))  # as in the app
    wide = page.evaluate("() => document.querySelector('#opcomap-map canvas').clientWidth")
    page.evaluate("() => { window.__draws = 0; window.opcomapNetwork.on('afterDrawing', () => window.__draws++); }")
    page.set_viewport_size({"width": 1400, "height": 700})  # the map's box keeps its size
    page.wait_for_timeout(400)
    assert page.evaluate("() => window.__draws") == 0
    page.set_viewport_size({"width": 900, "height": 700})
    page.wait_for_function("() => window.__draws > 0", timeout=5_000)
    narrow = page.evaluate("() => document.querySelector('#opcomap-map canvas').clientWidth")
    assert narrow < wide - 300


def test_printing_the_map_hides_its_tools_and_prints_the_ties_table(page, tmp_path, reference_graph):
    html = build_map_html(reference_graph, SCHEMA, title="Carte de référence")
    attempted = open_map(page, tmp_path, html)
    ties = page.locator("details.opcomap-ties")
    assert ties.get_attribute("open") is None  # closed on screen, below the map
    assert page.locator("#opcomap-search").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#opcomap-search").is_visible()
    assert page.locator("#opcomap-legend").is_visible()
    box, body = page.locator("#opcomap-wrap").bounding_box(), page.evaluate("document.body.clientWidth")
    assert box["width"] == body
    # The table, closed on screen, is printed whole: every drawn tie, one row each.
    rows = ties.locator("tbody tr")
    assert rows.count() == reference_graph.number_of_edges()
    assert rows.first.is_visible()
    assert attempted == []


@pytest.mark.parametrize(("lang", "before", "after"), [
    ("fr", "2 acteurs, 1 relation", "1 acteur, 0 relation"),
    ("en", "2 actors, 1 relationship", "1 actor, 0 relationships"),
])
def test_the_script_recounts_one_actor_in_the_singular(page, tmp_path, lang, before, after):
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("opco-a", name="OPCO A", kind="OPCO")
    graph.add_node("cfa-b", name="CFA B", kind="CFA")
    graph.add_edge("opco-a", "cfa-b", key="opco-a|FUNDS|cfa-b|", type="FUNDS", sources=[])
    assert open_map(page, tmp_path, build_map_html(graph, SCHEMA, lang=lang)) == []
    count = page.locator("#opcomap-count")
    assert count.inner_text() == before  # written by the page
    page.locator("#opcomap-legend button[data-kind=CFA]").click()  # map.js recounts what is left
    page.wait_for_function("document.querySelector('#opcomap-count').getAttribute('data-nodes') === '1'",
                           timeout=5_000)
    assert count.inner_text() == after
