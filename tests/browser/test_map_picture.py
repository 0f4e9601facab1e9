"""The map's picture button, in a real headless Chromium: the exported page (``opcomap export
--format html``, opened from a file with the network cut off) downloads what the user is looking
at as a PNG: the canvas as drawn, on an opaque background, over a caption band. The same button
in the app's component frame is driven in tests/browser/test_app_browser.py.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from graph_model.schema import default_schema
from opcomap.analysis.filters import ViewFilters
from opcomap.diagrams.export import view_bytes
from tests.browser.test_html_export import EVIL, open_map, reference_graph  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser

SCHEMA = default_schema()
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def picture_checks(content: bytes, canvas: dict) -> tuple[object, object]:
    """The picture's drawing and caption band, once checked to be an opaque PNG as wide as the
    canvas and taller than it; ``canvas`` is the page's canvas (width, height, data URL)."""
    Image = pytest.importorskip("PIL.Image")
    assert content[:8] == PNG_SIGNATURE
    picture = Image.open(io.BytesIO(content))
    picture.load()
    assert picture.width == canvas["width"]
    assert picture.height > canvas["height"]
    rgba = picture.convert("RGBA")
    assert rgba.getchannel("A").getextrema() == (255, 255), "the picture is opaque"
    drawing = rgba.crop((0, 0, canvas["width"], canvas["height"]))
    band = rgba.crop((0, canvas["height"] + 4, canvas["width"], picture.height))
    return drawing, band


def as_drawn(canvas: dict, background: tuple[int, int, int]):
    """The page's canvas (transparent where nothing is drawn) laid on ``background``."""
    from PIL import Image

    drawn = Image.open(io.BytesIO(base64.b64decode(canvas["url"].split(",", 1)[1]))).convert("RGBA")
    ground = Image.new("RGBA", drawn.size, background + (255,))
    return Image.alpha_composite(ground, drawn)


CANVAS = """() => {
    const canvas = document.querySelector('#opcomap-map canvas');
    return {width: canvas.width, height: canvas.height, url: canvas.toDataURL('image/png')};
}"""
TODAY = """() => { const d = new Date(), p = n => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()); }"""


def test_the_picture_button_downloads_the_map_as_explored_with_its_caption(page, tmp_path: Path, reference_graph):
    from PIL import ImageChops

    html = view_bytes("html", reference_graph, SCHEMA, filters=ViewFilters(opco="opco-atlas"), title=EVIL)
    attempted = open_map(page, tmp_path, html.decode("utf-8"))
    # explore: inspect an actor and hide it from the inspector, hide a kind from the legend, zoom
    page.evaluate("window.opcomapMap.inspect('acteur-piege')")
    page.locator("#opcomap-inspector button[data-action=hide]").click()
    page.locator("#opcomap-legend button[data-kind=BRANCH]").click()
    page.evaluate("window.opcomapNetwork.moveTo({scale: window.opcomapNetwork.getScale() * 1.6, animation: false})")
    page.wait_for_timeout(300)
    assert page.evaluate("window.opcomapNodes.get('acteur-piege').hidden") is True
    # the button's words come from the catalogue, in French
    button = page.locator("#opcomap-tools button[data-action=picture]")
    assert button.inner_text() == "Image affichée (PNG)"
    lines = page.evaluate("window.opcomapMap.caption()")
    assert lines[0].startswith(EVIL + " — Vue : ") and "OPCO Atlas" in lines[0]
    assert lines[-2] == page.locator("#opcomap-count").inner_text()  # the counts as explored
    assert lines[-1].startswith("Carte telle qu'affichée le ")
    with page.expect_download(timeout=15_000) as caught:
        button.click()
    download = caught.value
    assert download.suggested_filename == f"opcomap-carte-{page.evaluate(TODAY)}.png"
    content = Path(download.path()).read_bytes()
    canvas = page.evaluate(CANVAS)
    drawing, band = picture_checks(content, canvas)
    # the drawing is the canvas as drawn, on the page's (white) background
    difference = ImageChops.difference(drawing, as_drawn(canvas, (255, 255, 255))).convert("L")
    assert difference.getextrema()[1] <= 3
    # the caption band is written on: not all background
    assert band.convert("L").getextrema()[0] < 128
    # the hostile title stayed text: drawn on the canvas, never markup
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert attempted == []


def test_the_picture_is_named_and_captioned_in_english(page, tmp_path: Path, reference_graph):
    html = view_bytes("html", reference_graph, SCHEMA, lang="en")
    open_map(page, tmp_path, html.decode("utf-8"))
    button = page.locator("#opcomap-tools button[data-action=picture]")
    assert button.inner_text() == "Picture as shown (PNG)"
    assert page.evaluate("window.opcomapMap.caption()")[-1] == f"Map as shown on {page.evaluate(TODAY)}"
    with page.expect_download(timeout=15_000) as caught:
        button.click()
    assert caught.value.suggested_filename == f"opcomap-map-{page.evaluate(TODAY)}.png"
