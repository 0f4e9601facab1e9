"""The app in a dark theme, on paper, and for screen readers, in a real headless Chromium.

The app is started dark (Streamlit's ``theme.base``, set the way a deployment sets it: an
environment variable), in embedded mode (bundled reference map).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph_model.schema import default_schema
from tests.browser.conftest import running_app
from tests.browser.test_app_browser import _map_frame

pytestmark = pytest.mark.browser
SCHEMA = default_schema()


def _rgb(colour: str) -> str:
    """``#rrggbb`` written as a computed ``rgb(r, g, b)``; computed colours as they are."""
    if colour.startswith("#"):
        return "rgb(" + ", ".join(str(int(colour[i:i + 2], 16)) for i in (1, 3, 5)) + ")"
    return colour


def _luminance(css: str) -> float:
    """WCAG relative luminance of a computed ``rgb(r, g, b)`` colour."""
    red, green, blue = (int(part) / 255 for part in css[css.index("(") + 1:css.index(")")].split(",")[:3])
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.fixture(scope="module")
def dark_app() -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "OPCOMAP_APP_DATA", "OPCOMAP_APP_SCHEMA")}
    env["STREAMLIT_THEME_BASE"] = "dark"
    with running_app(env, "app-dark-server.log") as url:
        yield url


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="fr-FR")
    yield context.new_page()
    context.close()


def test_the_map_follows_the_dark_theme_with_light_labels(tab, dark_app, artifacts_dir):
    tab.goto(dark_app + "/?map=all")  # every tie drawn, of every type
    frame = _map_frame(tab, timeout=90)
    assert frame.evaluate("document.documentElement.getAttribute('data-theme')") == "dark"
    background = frame.evaluate("getComputedStyle(document.body).backgroundColor")
    legend = frame.evaluate("getComputedStyle(document.querySelector('#opcomap-legend')).color")
    assert _luminance(background) < 0.05 and _luminance(legend) > 0.6
    label = frame.evaluate("window.opcomapNetwork.body.nodes['opco-akto'].labelModule.fontOptions")
    assert _luminance(label["color"]) > 0.6  # light names, haloed in the dark background
    assert label["strokeColor"] == background
    # Ties stand 3:1 from the page, the darkest types' own colours lightened to get there.
    drawn = frame.evaluate("window.opcomapEdges.get().map(e => [e.type, e.color.color])")
    contrast = [(_luminance(_rgb(colour)) + 0.05) / (_luminance(background) + 0.05) for _, colour in drawn]
    own = {SCHEMA.type_color(rel_type) for rel_type, _ in drawn if not rel_type.startswith("_")}
    assert any((_luminance(_rgb(c)) + 0.05) / (_luminance(background) + 0.05) < 3 for c in own)
    assert min(contrast) >= 3
    tab.wait_for_timeout(500)
    tab.screenshot(path=str(artifacts_dir / "app-map-dark.png"))


def test_the_maps_picture_is_laid_on_the_dark_background_with_light_words(tab, dark_app, artifacts_dir):
    """vis-network's canvas is transparent: the picture lays it on the app's own dark background,
    and writes its caption in the page's light ink."""
    from tests.browser.test_map_picture import CANVAS, picture_checks

    tab.goto(dark_app)
    frame = _map_frame(tab, timeout=90)
    background = frame.evaluate("getComputedStyle(document.body).backgroundColor")
    with tab.expect_download(timeout=15_000) as caught:
        frame.locator("#opcomap-tools button[data-action=picture]").click()
    content = open(caught.value.path(), "rb").read()
    (artifacts_dir / "app-map-dark-picture.png").write_bytes(content)
    drawing, band = picture_checks(content, frame.evaluate(CANVAS))
    ground = tuple(int(part) for part in background[background.index("(") + 1:background.index(")")].split(",")[:3])
    assert drawing.getpixel((2, 2))[:3] == ground  # a corner the drawing leaves empty
    assert band.getpixel((band.width - 2, band.height - 2))[:3] == ground
    assert band.convert("L").getextrema()[1] > 200  # light words


def test_printing_a_page_leaves_out_the_sidebar(tab, dark_app):
    tab.goto(dark_app)
    _map_frame(tab, timeout=90)
    sidebar = tab.locator('[data-testid="stSidebar"]')
    assert sidebar.is_visible()
    tab.emulate_media(media="print")
    assert not sidebar.is_visible()
    assert not tab.locator('[data-testid="stHeader"]').is_visible()
    main = tab.locator('[data-testid="stMain"]').bounding_box()
    assert main["x"] == 0


def test_the_drawn_ties_are_a_table_with_their_sources_under_the_map(tab, dark_app):
    tab.goto(dark_app)
    frame = _map_frame(tab, timeout=90)
    drawn = int(frame.locator("#opcomap-count").get_attribute("data-edges"))
    tab.get_by_text("Afficher les relations dessinées en tableau, avec leurs sources").click()
    table = tab.locator("details.opcomap-ties table")
    table.wait_for(timeout=30_000)
    assert table.locator("tbody tr").count() == drawn
    heads = table.locator("thead th").all_inner_texts()
    assert heads == ["De", "Relation", "Vers", "Depuis", "Jusqu'au", "Sources"]
    akto = table.locator("tbody tr", has_text="Branche").filter(has_text="AKTO").first
    assert akto.locator("td").nth(1).inner_text() == "Rattachement de branche"
    assert table.locator("a[href^='http']").count() > 0
