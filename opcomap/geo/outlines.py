"""The 18 Régions' outlines, keyed by INSEE code, from the bundled ``regions.geojson``.

The file is made by ``scripts/build_france_regions.py`` from IGN's ADMIN
EXPRESS COG (Licence Ouverte 2.0, Etalab): its attribution travels with every
map drawn from it. Coordinates are kilometres on one drawing plane, y upwards:
the mainland and Corsica in a Lambert conic projection, each overseas Région
scaled into its own framed box; drawing them needs no projection library.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

Ring = tuple[tuple[float, float], ...]
INSEE_CODES: tuple[str, ...] = (
    "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94", "01", "02", "03", "04", "06",
)


@dataclass(frozen=True)
class RegionOutline:
    """One Région: its parts (outer rings only), and the frame of its inset when it is overseas."""

    code: str
    name: str
    parts: tuple[Ring, ...]
    frame: tuple[float, float, float, float] | None = None

    @property
    def inset(self) -> bool:
        return self.frame is not None


@dataclass(frozen=True)
class Outlines:
    regions: tuple[RegionOutline, ...]
    attribution: str
    licence: str
    source: str

    def by_code(self) -> dict[str, RegionOutline]:
        return {r.code: r for r in self.regions}

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) around every part and frame."""
        xs = [x for r in self.regions for ring in r.parts for x, _ in ring]
        ys = [y for r in self.regions for ring in r.parts for _, y in ring]
        for r in self.regions:
            if r.frame:
                xs += [r.frame[0], r.frame[2]]
                ys += [r.frame[1], r.frame[3]]
        return min(xs), min(ys), max(xs), max(ys)


@functools.cache
def load_outlines() -> Outlines:
    """The bundled outlines, read once per process.

    >>> outlines = load_outlines()
    >>> sorted(r.code for r in outlines.regions) == sorted(INSEE_CODES), outlines.by_code()["06"].inset
    (True, True)
    """
    raw = json.loads(resources.files(__package__).joinpath("regions.geojson").read_text(encoding="utf-8"))
    regions = []
    for feature in raw["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        parts = tuple(tuple((float(x), float(y)) for x, y in polygon[0]) for polygon in polygons)
        frame = tuple(props["frame"]) if props.get("frame") else None
        regions.append(RegionOutline(str(props["code"]), str(props["name"]), parts, frame))  # type: ignore[arg-type]
    return Outlines(tuple(regions), raw["attribution"], raw["licence"], raw["source"])


def geojson_features() -> list[dict]:
    """The outlines as GeoJSON features (``code`` and ``name`` properties), for Vega-Lite."""
    raw = json.loads(resources.files(__package__).joinpath("regions.geojson").read_text(encoding="utf-8"))
    return [{"type": "Feature", "geometry": f["geometry"],
             "properties": {"code": f["properties"]["code"], "name": f["properties"]["name"]}}
            for f in raw["features"]]
