"""How long the registries take to import at their real size, as a user runs it — not a test.

    .venv/bin/python benchmarks/registry_benchmark.py [--siro-rows 3500000] [--of-rows 150000] [--app]

Generates files of the real size in the publishers' layouts (seeded; invented
SIRET and names), then times whole commands in fresh processes, each with its
peak memory (the child's own maximum resident set, from ``wait4``):

1. the baseline, in the same run: a plain ``csv.reader`` pass over the same file
   in a fresh Python (what reading the file costs at the least);
2. ``opcomap import siro FILE --output DIR`` (branches only, the default);
3. ``opcomap import of-list FILE --output DIR`` (every organisation, with its Région);
4. ``opcomap validate DIR`` on that folder together with the reference map;
5. with ``--app``: ``opcomap serve --data reference --data DIR`` in headless Chromium,
   from the request to the map drawn (the app groups organisations per Région and kind).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# The eleven labels the real SIRO file writes (siro-202606.csv, as read by the public notes
# cited in loaders/registries/siro.py).
OPCO_LABELS = ["AFDAS", "AKTO", "ATLAS", "CONSTRUCTYS", "L'OPCOMMERCE", "OCAPIAT", "OPCO EP", "OPCO MOBILITES",
               "OPCO SANTE", "OPCO2I", "UNIFORMATION COHESION SOCIALE"]
REGION_CODES = ["01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]


def siret(rng: random.Random) -> str:
    return f"{rng.randrange(10**14):014d}"


def write_siro(path: Path, rows: int, seed: int = 1) -> Path:
    """``SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION``: ~330 branches with a long tail, IDCC
    with and without leading zeros, the pseudo-IDCC 9998/9999 under every OPCO, empty IDCC
    and owners, a few split branches, and a managing OPCO (AKTO) on a few overseas rows."""
    rng = random.Random(seed)
    idccs = rng.sample(range(16, 3300), 330)
    owner = {idcc: rng.choice(OPCO_LABELS) for idcc in idccs}
    weights = [1 / (rank + 1) for rank in range(len(idccs))]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION\n")
        batch = []
        for _ in range(rows):
            draw = rng.random()
            if draw < 0.035:
                idcc, opco = "", ""
            elif draw < 0.18:
                idcc, opco = rng.choice(["9999", "9998", ""]), rng.choice(OPCO_LABELS)
            else:
                number = rng.choices(idccs, weights)[0]
                idcc, opco = (str(number) if rng.random() < 0.5 else f"{number:04d}"), owner[number]
                if number % 17 == 0 and rng.random() < 0.04:  # a branch genuinely split
                    opco = rng.choice(OPCO_LABELS)
            manager = "AKTO" if opco and rng.random() < 0.0035 else ""
            batch.append(f"{siret(rng)}|{idcc}|{opco}|{manager}\n")
            if len(batch) >= 10_000:
                handle.writelines(batch)
                batch.clear()
        handle.writelines(batch)
    return path


def write_of_list(path: Path, rows: int, seed: int = 2) -> Path:
    """The DGEFP list in its own layout (the importer's column names, every line ending in ``;``)."""
    from loaders.registries import oflist

    rng = random.Random(seed)
    columns = list(oflist.PUBLISHED_COLUMNS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator=";\n")
        writer.writerow(columns)
        for number in range(rows):
            region = rng.choice(REGION_CODES)
            apprentice = rng.random() < 0.15
            row = {
                oflist.NDA: f"{rng.randrange(10**10, 10**11)}",
                oflist.NAME: f"Organisme de formation n° {number}",
                oflist.SIRET: siret(rng),
                oflist.POSTCODE: f"{rng.randrange(1000, 95999):05d}",
                oflist.TOWN: "Ville",
                oflist.REGION: region.lstrip("0") if rng.random() < 0.3 else region,
                oflist.TRAINING: "true" if rng.random() < 0.9 else "false",
                oflist.SKILLS_REVIEW: "true" if rng.random() < 0.1 else "false",
                oflist.VAE: "true" if rng.random() < 0.1 else "false",
                oflist.APPRENTICESHIP: "true" if apprentice else "false",
                oflist.LAST_DECLARATION: f"{rng.randrange(1, 28):02d}/{rng.randrange(1, 12):02d}/2025",
                oflist.EXERCISE_START: "01/01/2025",
                oflist.EXERCISE_END: "31/12/2025",
                oflist.TRAINEES: str(rng.randrange(0, 5000)),
            }
            writer.writerow([row.get(column, "") for column in columns])
    return path


def timed(command: list[str]) -> dict:
    """Wall time and peak memory of one command in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={k: v for k, v in os.environ.items() if k != "NEO4J_URI"})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    said = (process.stdout.read() + process.stderr.read()).decode(errors="replace") if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{said[-2000:]}")
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024), "output": said.strip()[-600:]}


def baseline(path: Path, delimiter: str) -> dict:
    code = ("import csv,sys; f=open(sys.argv[1], encoding='utf-8', newline=''); "
            f"print(sum(1 for _ in csv.reader(f, delimiter={delimiter!r})))")
    return timed([sys.executable, "-c", code, str(path)])


def opcomap(*args: str) -> list[str]:
    return [sys.executable, "-m", "opcomap", *args]


def app_visit(folders: list[Path]) -> dict:
    from playwright.sync_api import sync_playwright

    from benchmarks.app_benchmark import CHROMIUM, CHROMIUM_ARGS, App, timed_visit

    app = App(folders)
    try:
        with sync_playwright() as play:
            browser = play.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            first = timed_visit(browser, app.url)
            later = [timed_visit(browser, app.url) for _ in range(3)]
            browser.close()
    finally:
        app.stop()
    return {"server_ready_s": app.ready_s, "first_visit": first, "later_visits": later}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--siro-rows", type=int, default=3_500_000)
    parser.add_argument("--of-rows", type=int, default=150_000)
    parser.add_argument("--app", action="store_true", help="also time the app on the imported organisations")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the generated files and imports there")
    parser.add_argument("--output", type=Path, default=None, help="also write the figures as JSON (after each step)")
    args = parser.parse_args()
    from loaders.bundled import reference_dir

    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(),
                     "load_average_before": os.getloadavg()[0]}

    def save() -> None:
        text = json.dumps(results, indent=2, ensure_ascii=False)
        print(text, flush=True)
        if args.output:
            args.output.write_text(text, encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="opcomap-registries-") as tmp:
        folder = args.workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        siro = write_siro(folder / "siro_20261103.csv", args.siro_rows)
        results["siro"] = {"rows": args.siro_rows, "file_mb": round(siro.stat().st_size / 2**20),
                           "baseline_csv_reader": baseline(siro, "|"),
                           "import": timed(opcomap("import", "siro", str(siro), "--output", str(folder / "siro")))}
        save()
        of_file = write_of_list(folder / "listePubliqueOF_20261103.csv", args.of_rows)
        of_out = folder / "of"
        results["of_list"] = {"rows": args.of_rows, "file_mb": round(of_file.stat().st_size / 2**20),
                              "baseline_csv_reader": baseline(of_file, ";"),
                              "import": timed(opcomap("import", "of-list", str(of_file), "--output", str(of_out))),
                              "validate_with_reference": timed(opcomap("validate", str(reference_dir()), str(of_out)))}
        for part in ("siro", "of_list"):
            block = results[part]
            block["import_vs_baseline"] = round(block["import"]["seconds"] / block["baseline_csv_reader"]["seconds"], 1)
        save()
        if args.app:
            results["app_150k"] = app_visit([reference_dir(), of_out])
    results["load_average_after"] = os.getloadavg()[0]
    save()


if __name__ == "__main__":
    main()
