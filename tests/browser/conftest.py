"""A headless Chromium for browser tests: Debian's /usr/bin/chromium driven by Playwright.

Playwright's own browser download is never used (``playwright install`` is
not run anywhere): the system Chromium is enough and works offline. Without
it, browser tests are skipped with one line on a developer's machine and fail
under CI=true, where a missing browser is a broken setup.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("OPCOMAP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"


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
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the app did not answer within a minute")


@contextlib.contextmanager
def running_app(env: dict[str, str], log_name: str) -> Iterator[str]:
    """The app as users start it (``opcomap serve``, warm-up included) on a free local port with
    ``env``; yields its URL, stops it after."""
    port = free_port()
    command = [sys.executable, "-m", "opcomap", "serve", "--port", str(port)]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(ARTIFACTS / log_name, "w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
