"""The app on a national map held in Neo4j, measured in headless Chromium — not a test.

    NEO4J_URI=bolt://... NEO4J_PASSWORD=... .venv/bin/python benchmarks/app_neo4j_benchmark.py \
        [--repeat 3] [--actor branch-00001] [--output figures.json]

The Neo4j server must be up and hold the map (for instance 100,000 actors / 1,000,000 ties
from ``opcomap generate --actors 100000 --relationships 1000000 --seed 1``, loaded). Nothing is
written to it. ``opcomap serve`` is started against it (NEO4J_URI set, no --data); it is ready
when it says "Prêt" (it has read and drawn the default map and served its own first page).
Then, each visit in a new browser context:

1. the Carte page, from ``page.goto`` to the map's first complete draw (vis-network's
   ``afterDrawing`` in the component's frame): the first visit (the server's caches empty), then
   ``repeat`` later visits;
2. a filter change on the Carte: one Région picked in the sidebar, from the click on the option
   to the new map drawn in the frame;
3. a direct link to an actor's profile (``?page=acteur&id=...``), from ``page.goto`` to the
   actor's name shown, and to the profile's last section shown.

Also the one-line Streamlit app as the floor, and the load average before and after.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_benchmark import CHROMIUM, CHROMIUM_ARGS, REPO, App, free_port, timed_visit, wait_drawn

TIMEOUT_S = 900.0
# The map's network object in a frame changed since ``mark_frames`` (a new frame counts too).
REDRAWN = ("() => !!document.body && document.body.getAttribute('data-drawn') === 'true'"
           " && !!window.opcomapNetwork && window.opcomapNetwork !== window.__benchBefore")


class NeoApp:
    """``opcomap serve`` on a free port against the Neo4j in the environment (NEO4J_URI)."""

    def __init__(self, log: Path):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k != "OPCOMAP_APP_DATA"}
        env["PYTHONPATH"] = str(REPO)
        command = [sys.executable, "-m", "opcomap", "serve", "--port", str(self.port)]
        started = time.perf_counter()
        self.log = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                                         stderr=self.log, text=True)
        self.said: list[str] = []
        threading.Thread(target=lambda: self.said.extend(self.process.stdout), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}"
        # opcomap serve reads and draws the default map from Neo4j, visits its own first page,
        # then says "Prêt : URL": a user arriving then is the first visitor.
        deadline = time.monotonic() + TIMEOUT_S
        while not any(line.startswith("Prêt") for line in self.said):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the app did not start")
            time.sleep(0.1)
        self.ready_s = round(time.perf_counter() - started, 2)

    def stop(self) -> None:
        App.stop(self)  # type: ignore[arg-type]
        self.log.close()


def drawn_visit(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.get_by_text(" acteurs, ").first.wait_for(timeout=TIMEOUT_S * 1000)
    counts_at = time.perf_counter() - start
    frame = wait_drawn(page, timeout=TIMEOUT_S)
    drawn_at = time.perf_counter() - start
    nodes = frame.evaluate("() => window.opcomapNodes ? window.opcomapNodes.length : null")
    context.close()
    return {"counts_s": round(counts_at, 2), "drawn_s": round(drawn_at, 2), "nodes_drawn": nodes}


def wait_redrawn(page, timeout: float) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            with contextlib.suppress(Exception):  # frames are replaced while Streamlit renders
                if frame.evaluate(REDRAWN):
                    return frame
        time.sleep(0.02)
    raise TimeoutError("the map never drew again")


def filter_visit(browser, url: str, region_index: int) -> dict:
    """Open the Carte, wait for the map, pick one Région in the sidebar, time to the new map."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    page.goto(url)
    frame = wait_drawn(page, timeout=TIMEOUT_S)
    before = frame.evaluate("() => window.opcomapNodes.length")
    for each in page.frames:
        with contextlib.suppress(Exception):  # a frame being replaced
            each.evaluate("() => { window.__benchBefore = window.opcomapNetwork; }")
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Région").first
    box.click()
    option = page.locator('[role="option"]').nth(region_index)
    option.wait_for(timeout=30_000)
    label = option.inner_text()
    start = time.perf_counter()
    option.click()
    frame = wait_redrawn(page, TIMEOUT_S)
    drawn_at = time.perf_counter() - start
    after = frame.evaluate("() => window.opcomapNodes.length")
    context.close()
    return {"region": label, "drawn_s": round(drawn_at, 2), "nodes_before": before, "nodes_after": after}


def profile_visit(browser, url: str, actor: str, name: str) -> dict:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{url}/?page=acteur&id={actor}")
    page.locator("h2").filter(has_text=name).first.wait_for(timeout=TIMEOUT_S * 1000)
    name_at = time.perf_counter() - start
    page.get_by_text("Modifications enregistrées").first.wait_for(timeout=TIMEOUT_S * 1000)
    whole_at = time.perf_counter() - start
    context.close()
    return {"name_s": round(name_at, 2), "whole_s": round(whole_at, 2)}


def actor_facts(actor: str) -> tuple[str, int]:
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(os.environ["NEO4J_URI"], auth=(os.environ.get("NEO4J_USER", "neo4j"),
                                                                  os.environ["NEO4J_PASSWORD"]))
    with driver.session() as session:
        row = session.run("MATCH (a:Actor {id: $id}) RETURN a.name AS name, COUNT { (a)--() } AS ties",
                          id=actor).single()
    driver.close()
    return row["name"], row["ties"]


def floor(browser, repeat: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "hello.py"
        script.write_text('import streamlit as st\nst.write("1 acteurs, 0 relations")\n', encoding="utf-8")
        hello = App(script=script)
        try:
            timed_visit(browser, hello.url, with_map=False)
            return statistics.median(timed_visit(browser, hello.url, with_map=False)["counts_s"]
                                     for _ in range(repeat))
        finally:
            hello.stop()


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--actor", default="branch-00001", help="the profile to open")
    parser.add_argument("--log", type=Path, default=Path(tempfile.gettempdir()) / "opcomap-app-neo4j.log",
                        help="the served app's stderr (Streamlit's log)")
    parser.add_argument("--output", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        sys.exit("NEO4J_URI is not set")
    from playwright.sync_api import sync_playwright

    name, ties = actor_facts(args.actor)
    figures: dict = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "uptime_before": uptime(),
                     "actor": {"id": args.actor, "name": name, "ties": ties}}
    print(figures, flush=True)

    def note(key: str, value) -> None:
        figures[key] = value
        print(key, json.dumps(value), flush=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            app = NeoApp(args.log)
            try:
                note("serve_ready_s", app.ready_s)
                url = f"{app.url}/?page=carte"
                note("carte_first_visit", drawn_visit(browser, url))
                later = [drawn_visit(browser, url) for _ in range(args.repeat)]
                note("carte_later_visits", later)
                note("carte_later_median", {k: statistics.median(v[k] for v in later)
                                            for k in ("counts_s", "drawn_s")})
                filters = [filter_visit(browser, url, i) for i in range(args.repeat)]
                note("filter_changes", filters)
                note("filter_change_median_s", statistics.median(v["drawn_s"] for v in filters))
                profiles = [profile_visit(browser, app.url, args.actor, name) for _ in range(args.repeat)]
                note("profiles", profiles)
                note("profile_median", {k: statistics.median(v[k] for v in profiles)
                                        for k in ("name_s", "whole_s")})
            finally:
                app.stop()
            note("hello_world_streamlit_median_s", floor(browser, args.repeat))
        finally:
            browser.close()
    note("uptime_after", uptime())
    if args.output:
        args.output.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
