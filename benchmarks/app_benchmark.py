"""How fast the app answers, measured in headless Chromium (Debian's) — not a test.

    .venv/bin/python benchmarks/app_benchmark.py [--sizes 5000,10000] [--repeat 3] [--only first-visits]

Measures, on this machine:

0. first visits as a new user makes them: ``opcomap serve`` (what the README's
   quick start runs once set up) started afresh on the bundled map for each
   kind of page; the first visit is opened the moment it says "Prêt : URL",
   then ``--repeat`` more, each in a new browser context (empty cache, new
   session). Interactive means: for the Carte, the counts line shown, the map
   drawn (vis-network's first ``afterDrawing``) and Streamlit's script idle
   (``data-test-script-state="notRunning"`` on ``stApp``); for a shared profile
   link (``/?page=acteur&id=…`` as the app writes it, and ``/acteur?id=…`` as
   the address bar shows it), the actor's name as heading and the script idle.
   Also the browser's main-thread time (Chromium's ``TaskDuration``) and the
   server's CPU time per visit, which the machine's load inflates less;
1. first page ready: the app started as users start it (``opcomap serve``,
   which prepares the default map before it answers), on the bundled reference
   map, from ``page.goto`` to the "N acteurs, M relations" line, and to the map
   drawn (vis-network's first ``afterDrawing`` in the map component's frame);
   also the time ``opcomap serve`` takes to answer, and a one-line Streamlit
   app as the floor;
2. a filter change on the reference map: server time of the script run that
   follows choosing a kind (Streamlit's AppTest, in-process, caches cold for
   that filter), median over several filters;
3. large maps: synthetic maps of 5,000 and 10,000 actors (``opcomap generate``,
   2 ties per actor) served with ``opcomap serve --data``: from the request to
   the first complete draw, layout included, first visit then a second visit
   (each in a new browser context, so nothing is cached by the browser). Above the map's cap the app groups training
   organisations, CFA and companies per Région; the same maps drawn whole
   (no grouping: layout, HTML build, and the exported file opened in Chromium)
   are timed too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DRAWN = "() => !!document.body && document.body.getAttribute('data-drawn') === 'true'"
IDLE = ("() => { const app = document.querySelector('[data-testid=stApp]');"
        " return !!app && app.getAttribute('data-test-script-state') === 'notRunning'; }")
PROFILE_ACTOR = ("opco-akto", "AKTO")  # id, heading
FIRST_VISITS = {  # what a user opens: (path and query, what interactive means)
    "carte": ("/", "map"),
    "profile_link": (f"/?page=acteur&id={PROFILE_ACTOR[0]}", "profile"),
    "profile_address_bar": (f"/acteur?id={PROFILE_ACTOR[0]}", "profile"),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class App:
    """The app as users start it (``opcomap serve``, optionally on --data files) on a free
    port; or, with ``script``, a plain ``streamlit run`` of that script (the floor)."""

    def __init__(self, data: Path | list[Path] | None = None, script: Path | None = None):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "OPCOMAP_APP_DATA")}
        if script:
            command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                       "--server.port", str(self.port), "--server.address", "127.0.0.1",
                       "--browser.gatherUsageStats", "false"]
        else:
            command = [sys.executable, "-m", "opcomap", "serve", "--port", str(self.port)]
            for folder in ([data] if isinstance(data, Path) else data or []):
                command += ["--data", str(folder)]
        started = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, text=True)
        self.said: list[str] = []
        threading.Thread(target=lambda: self.said.extend(self.process.stdout), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the app did not start")
        # opcomap serve answers once the default map is prepared (opcomap.ui.warm), then
        # visits its own first page and says "Prêt": a user arriving then is the first visitor.
        while not script and time.monotonic() < deadline and not any(x.startswith("Prêt") for x in self.said):
            time.sleep(0.05)
        self.ready_s = round(time.perf_counter() - started, 2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a server busy drawing a large map: do not hide the first error
            self.process.kill()
            self.process.wait(timeout=20)


def wait_drawn(page, timeout: float = 180.0) -> object:
    """The frame whose vis-network map has drawn once."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            with contextlib.suppress(Exception):  # frames are replaced while Streamlit renders
                if frame.evaluate(DRAWN):
                    return frame
        time.sleep(0.02)
    raise TimeoutError("the map never drew")


def timed_visit(browser, url: str, with_map: bool = True) -> dict:
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    start = time.perf_counter()
    page.goto(url)
    page.get_by_text(" acteurs, ").first.wait_for(timeout=180_000)
    counts_at = time.perf_counter() - start
    if not with_map:
        page.close()
        return {"counts_s": round(counts_at, 2)}
    frame = wait_drawn(page)
    drawn_at = time.perf_counter() - start
    shown = int(frame.locator("#opcomap-count").get_attribute("data-nodes"))
    page.close()
    return {"counts_s": round(counts_at, 2), "drawn_s": round(drawn_at, 2), "nodes_drawn": shown}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def interactive_visit(browser, app: App, path: str, kind: str) -> dict:
    """One visit in a new browser context (empty cache, new session), from ``page.goto`` to interactive."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    server_before = cpu_seconds(app.process.pid)
    start = time.perf_counter()
    page.goto(app.url + path)
    if kind == "map":
        page.get_by_text(" acteurs, ").first.wait_for(timeout=120_000)
        wait_drawn(page)
    else:
        page.get_by_role("heading", name=PROFILE_ACTOR[1], exact=True).first.wait_for(timeout=120_000)
    page.wait_for_function(IDLE, timeout=120_000, polling=20)
    seconds = time.perf_counter() - start
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    context.close()
    return {"s": round(seconds, 2), "browser_main_thread_s": round(metrics["TaskDuration"], 2),
            "server_cpu_s": round(cpu_seconds(app.process.pid) - server_before, 2)}


def first_visits(browser, repeat: int) -> dict:
    """Each kind of page as the very first visit after ``opcomap serve`` says it is ready, then ``repeat`` more."""
    results: dict = {"load_average_before": round(os.getloadavg()[0], 2)}
    for name, (path, kind) in FIRST_VISITS.items():
        app = App()
        try:
            first = interactive_visit(browser, app, path, kind)
            later = [interactive_visit(browser, app, path, kind) for _ in range(repeat)]
        finally:
            app.stop()
        visits = [first, *later]
        results[name] = {"server_ready_s": app.ready_s, "first": first,
                         "median_s": statistics.median(v["s"] for v in visits),
                         "all_s": [v["s"] for v in visits],
                         "browser_main_thread_median_s": statistics.median(v["browser_main_thread_s"] for v in visits),
                         "server_cpu_median_s": statistics.median(v["server_cpu_s"] for v in visits),
                         "load_average": round(os.getloadavg()[0], 2)}
        print(f"  {name}: {results[name]}", flush=True)
    # The baseline in the same run: a one-line Streamlit app, same browser, same kind of visit.
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "hello.py"
        script.write_text('import streamlit as st\nst.header("AKTO")\n', encoding="utf-8")
        hello = App(script=script)
        try:
            floor = [interactive_visit(browser, hello, "/", "profile") for _ in range(repeat + 1)]
        finally:
            hello.stop()
    results["floor_one_line_streamlit_app"] = {"median_s": statistics.median(v["s"] for v in floor),
                                               "all_s": [v["s"] for v in floor],
                                               "load_average": round(os.getloadavg()[0], 2)}
    print(f"  floor: {results['floor_one_line_streamlit_app']}", flush=True)
    return results


def first_page(browser) -> dict:
    app = App()
    try:
        cold = timed_visit(browser, app.url)
        warm = [timed_visit(browser, app.url) for _ in range(3)]
    finally:
        app.stop()
    # The floor on this machine: a one-line Streamlit app, same browser, same load.
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "hello.py"
        script.write_text('import streamlit as st\nst.write("1 acteurs, 0 relations")\n', encoding="utf-8")
        hello = App(script=script)
        try:
            timed_visit(browser, hello.url, with_map=False)
            floor = [timed_visit(browser, hello.url, with_map=False)["counts_s"] for _ in range(3)]
        finally:
            hello.stop()
    median = {k: statistics.median(v[k] for v in warm) for k in ("counts_s", "drawn_s")}
    return {"server_ready_s": app.ready_s, "cold": cold, "warm_median": median,
            "hello_world_streamlit_median_s": statistics.median(floor),
            "load_average": os.getloadavg()[0]}


def filter_change(repeat: int) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ.pop("NEO4J_URI", None)
    os.environ.pop("OPCOMAP_APP_DATA", None)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["page"] = "carte"
    at.run()
    times = []
    for kind in ["OPCO", "CFA", "REGION", "BRANCH", "EMPLOYER_ORG", "PUBLIC_INSTITUTION"][: max(3, repeat * 2)]:
        at.multiselect(key="f_kinds").set_value([kind])
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    at.multiselect(key="f_kinds").set_value([])
    start = time.perf_counter()
    at.run()
    back = time.perf_counter() - start
    return {"median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3),
            "back_to_whole_map_cached_s": round(back, 3), "runs": len(times)}


def generate(actors: int, folder: Path) -> Path:
    out = folder / f"synthetic-{actors}"
    subprocess.run([sys.executable, "-m", "opcomap", "generate", "--actors", str(actors),
                    "--relationships", str(2 * actors), "--seed", "1", "--output", str(out)],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return out


def whole_map_draw(browser, folder: Path) -> dict:
    """Layout + HTML build (server side) and the draw in Chromium, without grouping."""
    from graph_model.graph import to_networkx
    from graph_model.schema import default_schema
    from loaders import load_dataset
    from opcomap.mapview import build_map_html

    schema = default_schema()
    graph = to_networkx(load_dataset([folder], schema))
    start = time.perf_counter()
    html = build_map_html(graph, schema, cap=10**9, height="950px")
    built = time.perf_counter() - start
    # Opened as a file, as a report reader would: page.set_content() would time Playwright
    # pushing 10-20 MB through its protocol (2.4 s for 5,000 actors) rather than the browser.
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "carte.html"
        target.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        start = time.perf_counter()
        page.goto(target.as_uri())
        page.wait_for_function(DRAWN, timeout=180_000)
        drawn = time.perf_counter() - start
        page.close()
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "layout_and_html_s": round(built, 2), "draw_s": round(drawn, 2), "total_s": round(built + drawn, 2)}


def large_maps(browser, sizes: list[int], repeat: int) -> dict:
    """First visit, then the median of ``repeat`` later visits (single visits swing by ±0.5 s here)."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="opcomap-bench-") as tmp:
        for size in sizes:
            folder = generate(size, Path(tmp))
            app = App(folder)
            try:
                first = timed_visit(browser, app.url)
                later = [timed_visit(browser, app.url) for _ in range(repeat)]
            finally:
                app.stop()
            median = {k: statistics.median(v[k] for v in later) for k in ("counts_s", "drawn_s")}
            results[str(size)] = {"server_ready_s": app.ready_s, "app_first_visit": first,
                                  "later_visits_median": median, "later_visits_drawn_s": [v["drawn_s"] for v in later],
                                  "nodes_drawn": first["nodes_drawn"], "whole_map": whole_map_draw(browser, folder)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--only", choices=["first-visits"], default=None,
                        help="measure only the first visits of the Carte and of a profile link")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(time.strftime("%Y-%m-%d %H:%M"), _uptime(), flush=True)
    figures: dict = {}
    if not args.only:
        figures["filter_change"] = filter_change(args.repeat)
        print("filter change:", figures["filter_change"], flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            print("first visits:", flush=True)
            figures["first_visits"] = first_visits(browser, args.repeat)
            if not args.only:
                figures["first_page"] = first_page(browser)
                print("first page:", figures["first_page"], flush=True)
                figures["large_maps"] = large_maps(browser, [int(s) for s in args.sizes.split(",") if s], args.repeat)
                print("large maps:", json.dumps(figures["large_maps"], indent=1), flush=True)
        finally:
            browser.close()
    print(_uptime(), flush=True)
    if args.output:
        args.output.write_text(json.dumps(figures, indent=2), encoding="utf-8")


def _uptime() -> str:
    """The machine's load averages as ``uptime`` says them (the figures depend on them)."""
    return "uptime: " + subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
