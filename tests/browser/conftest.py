"""A headless Chromium for browser tests: Debian's /usr/bin/chromium driven by Playwright.

Playwright's own browser download is never used (``playwright install`` is
not run anywhere): the system Chromium is enough and works offline. Without
it, browser tests are skipped with one line on a developer's machine and fail
under CI=true, where a missing browser is a broken setup.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("OPCOMAP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ARTIFACTS = Path(__file__).resolve().parent.parent / "browser_artifacts"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"navigateur indisponible en CI : {reason}")
    pytest.skip(f"tests navigateur ignorés : {reason} (apt-get install -y chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A session-wide Playwright ``Browser`` on the system Chromium."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} est absent")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("le paquet Python playwright n'est pas installé")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page (1400×900) in its own context, closed after the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots are kept for a human to look at (ignored by pytest collection)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
