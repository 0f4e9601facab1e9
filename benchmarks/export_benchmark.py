"""Export timings: a 1,000-node view to SVG/PNG/PDF/HTML, and HTML maps of 5,000 and 10,000 nodes.

Run from the repository root::

    .venv/bin/python benchmarks/export_benchmark.py            # exports + map builds
    .venv/bin/python benchmarks/export_benchmark.py --browser  # + first draw in headless Chromium

The graphs come from the loaders' synthetic generator (the real ecosystem's
shape, invented names), so the figures are reproducible on any machine.
Each timing is the best of ``--repeat`` runs (the machine is often shared).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from graph_model.graph import to_networkx
from graph_model.schema import default_schema
from loaders.synthetic import generate
from opcomap.diagrams.export import view_bytes
from opcomap.drawing.layout import compute_layout
from opcomap.mapview import build_map_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def best_of(repeat: int, action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return min(times), result


def graph_of(actors: int, ties: int):
    return to_networkx(generate(actors, ties, seed=11))


def exports(repeat: int) -> list[tuple[str, str, float, int]]:
    schema = default_schema()
    graph = graph_of(1000, 2000)
    rows = []
    layout_time, _ = best_of(repeat, lambda: compute_layout(graph, schema, "force"))
    rows.append(("layout force (igraph)", f"{graph.number_of_nodes()} n / {graph.number_of_edges()} r", layout_time, 0))
    for fmt in ("svg", "png", "pdf", "html"):
        seconds, data = best_of(repeat, lambda fmt=fmt: view_bytes(fmt, graph, schema))
        rows.append((f"export {fmt}", f"{graph.number_of_nodes()} n / {graph.number_of_edges()} r", seconds, len(data)))
    return rows


def maps(repeat: int, browser: bool) -> list[tuple[str, str, float, int]]:
    schema = default_schema()
    rows = []
    pages = []
    for actors in (5000, 10000):
        graph = graph_of(actors, 2 * actors)
        size = f"{graph.number_of_nodes()} n / {graph.number_of_edges()} r"
        layout_time, _ = best_of(repeat, lambda g=graph: compute_layout(g, schema, "force"))
        rows.append(("layout force (igraph)", size, layout_time, 0))
        # cap above the size: the whole graph is drawn, nothing aggregated
        seconds, html = best_of(repeat, lambda g=graph, n=actors: build_map_html(g, schema, cap=n + 1))
        rows.append(("HTML map build (layout included)", size, seconds, len(html)))
        pages.append((size, html))
    if browser and os.path.exists(CHROMIUM):
        rows += draw_times(pages, repeat)
    return rows


def draw_times(pages, repeat: int) -> list[tuple[str, str, float, int]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size, html in pages:
            path = Path(folder) / "map.html"
            path.write_text(html, encoding="utf-8")
            times = []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                started = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-drawn='true']", timeout=120_000)
                times.append(time.perf_counter() - started)
                page.close()
            rows.append(("first draw in headless Chromium", size, min(times), 0))
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also time the first draw in Chromium")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = exports(args.repeat) + maps(args.repeat, args.browser)
    print(f"| step | view | seconds (best of {args.repeat}) | output size |")
    print("|---|---|---:|---:|")
    for step, size, seconds, length in rows:
        print(f"| {step} | {size} | {seconds:.2f} | {f'{length / 1e6:.1f} MB' if length else ''} |")
    print(f"\nload average at start: {load:.1f} on {os.cpu_count()} cores; "
          f"median step {statistics.median(r[2] for r in rows):.2f} s")


if __name__ == "__main__":
    main()
