"""The France map's colours, legend and outline paths: one scale for the app, the diagrams and the HTML page.

A measure's values become a few classes (zero apart, then at most four
classes of the positive values), each with one colour and a legend label
written the way the language writes numbers or amounts. The app (Vega-Lite),
the static diagrams (matplotlib) and the HTML export's inline SVG all take
their colours from :func:`choropleth`, so a Région has the same colour
everywhere.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from graph_model.words import t
from graph_model.words.formats import money, number
from opcomap.analysis.by_region import RegionMeasure
from opcomap.geo.outlines import Outlines, RegionOutline

ZERO = "#eeeeee"
PALETTE = ("#c7e9b4", "#7fcdbb", "#2c7fb8", "#253494")  # light to dark: more is darker
GAP, COVERED = "#d6604d", "#cfe5cc"
MAX_CLASSES = len(PALETTE)
OUTLINE = "#555555"
SELECTED = "#d62728"


@dataclass(frozen=True)
class Choropleth:
    """Colour, class and value as text for each Région code; the legend in reading order."""

    colours: dict[str, str]
    classes: dict[str, str]
    shown: dict[str, str]
    legend: tuple[tuple[str, str], ...]


def value_text(measure: RegionMeasure, value: float, lang: str) -> str:
    """A value as a reader reads it: an amount in euros, a count, or gap / covered.

    >>> value_text(RegionMeasure("funding", {}), 1234567.0, "fr") == "1\\u202f234\\u202f567\\u00a0€"
    True
    >>> counted = RegionMeasure("funding", {}, by="ties")
    >>> value_text(counted, 1.0, "fr"), value_text(counted, 3.0, "fr"), value_text(counted, 0.0, "en")
    ('1 financement', '3 financements', '0 funding ties')
    >>> value_text(RegionMeasure("gaps", {}), 1.0, "en"), value_text(RegionMeasure("cfa", {}), 3.0, "en")
    ('no CFA or training partner', '3')
    """
    if measure.binary:
        return t("france.gap" if value else "france.covered", lang)
    if measure.counts_ties:
        return t("france.funding_ties_value", lang, n=number(int(value), lang))
    if measure.measure == "funding":
        return money(value, lang)
    return number(int(value) if float(value).is_integer() else value, lang)


def _groups(values: list[float]) -> list[list[float]]:
    """Distinct positive values split into at most MAX_CLASSES runs of about equal size, ties kept together."""
    distinct = sorted(set(values))
    if len(distinct) <= MAX_CLASSES:
        return [[v] for v in distinct]
    ordered = sorted(values)
    groups: list[list[float]] = []
    for i in range(MAX_CLASSES):
        chunk = ordered[round(i * len(ordered) / MAX_CLASSES): round((i + 1) * len(ordered) / MAX_CLASSES)]
        chunk = [v for v in chunk if not groups or v > groups[-1][-1]]
        if chunk:
            groups.append(sorted(set(chunk)))
    return groups


def _colours(count: int) -> list[str]:
    if count == 1:
        return [PALETTE[2]]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (count - 1))] for i in range(count)]


def choropleth(measure: RegionMeasure, lang: str) -> Choropleth:
    """The classes of ``measure``'s values and their colours.

    >>> c = choropleth(RegionMeasure("cfa", {"11": 0.0, "24": 2.0, "27": 5.0}), "en")
    >>> c.legend, c.colours["24"] != c.colours["27"], c.classes["11"]
    ((('0', '#eeeeee'), ('2', '#c7e9b4'), ('5', '#253494')), True, '0')
    """
    values = measure.values
    shown = {code: value_text(measure, v, lang) for code, v in values.items()}
    if measure.binary:
        labels = {code: value_text(measure, v, lang) for code, v in values.items()}
        colours = {code: GAP if v else COVERED for code, v in values.items()}
        legend = ((t("france.gap", lang), GAP), (t("france.covered", lang), COVERED))
        return Choropleth(colours, labels, shown, legend)
    groups = _groups([v for v in values.values() if v > 0])
    palette = _colours(len(groups)) if groups else []
    legend: list[tuple[str, str]] = []
    if any(v <= 0 for v in values.values()) or not groups:
        legend.append((value_text(measure, 0.0, lang), ZERO))
    bounds = []
    for group, colour in zip(groups, palette, strict=True):
        low, high = value_text(measure, group[0], lang), value_text(measure, group[-1], lang)
        label = low if low == high else t("france.range", lang, low=low, high=high)
        legend.append((label, colour))
        bounds.append((group[0], group[-1], label, colour))
    colours, classes = {}, {}
    for code, v in values.items():
        found = next(((label, colour) for low, high, label, colour in bounds if low <= v <= high), None)
        classes[code], colours[code] = found or legend[0]
    return Choropleth(colours, classes, shown, tuple(legend))


def measure_title(measure: RegionMeasure, lang: str, opco_name: str | None = None) -> str:
    """What the colours say, e.g. « CFA partenaires d'OPCO Atlas, par Région »."""
    if measure.opco and opco_name is not None:
        return t(f"france.title_{measure.words}_of", lang, opco=opco_name)
    return t(f"france.title_{measure.words}", lang)


def legend_title(measure: RegionMeasure, lang: str) -> str:
    """The legend's title: the measure's name, and for funding what its values count (€ or financements).

    >>> legend_title(RegionMeasure("funding", {}, by="ties"), "fr"), legend_title(RegionMeasure("cfa", {}), "en")
    ('Financements reçus (nombre)', 'CFA')
    """
    if measure.measure == "funding":
        return t(f"france.legend_{measure.words}", lang)
    return t(f"france.measure_{measure.measure}", lang)


def explanation(measure: RegionMeasure, lang: str) -> str:
    """How the values were counted, e.g. that funding without any amount is counted in ties."""
    return t(f"france.explain_{measure.words}", lang)


def path_data(region: RegionOutline, top: float) -> str:
    """An SVG path for the Région's parts, y flipped about ``top`` (SVG's y points down)."""
    return " ".join(
        "M" + " L".join(f"{x:g},{top - y:g}" for x, y in ring[:-1]) + " Z" for ring in region.parts
    )


def france_svg(
    outlines: Outlines, paint: Choropleth, lang: str, *, names: dict[str, str] | None = None,
    selected: str | None = None, width: int = 640,
) -> str:
    """The map as an inline SVG: one ``<path>`` per Région, its name (``names``, else the
    outline's) and value in a ``<title>``, escaped."""
    names = names or {}
    x0, y0, x1, y1 = outlines.bounds()
    pad = 10.0
    view = f"{x0 - pad:g} 0 {x1 - x0 + 2 * pad:g} {y1 - y0 + 2 * pad:g}"
    top = y1 + pad
    height = round(width * (y1 - y0 + 2 * pad) / (x1 - x0 + 2 * pad))
    label = html.escape(t("france.svg_label", lang), quote=True)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" width="{width}" height="{height}" '
           f'role="img" aria-label="{label}">']
    for region in outlines.regions:
        if region.frame:
            fx0, fy0, fx1, fy1 = region.frame
            out.append(f'<rect x="{fx0:g}" y="{top - fy1:g}" width="{fx1 - fx0:g}" height="{fy1 - fy0:g}" '
                       f'fill="none" stroke="#999999" stroke-width="1"/>')
    # The chosen Région last, so no neighbour's border covers its outline.
    for region in sorted(outlines.regions, key=lambda r: r.code == selected):
        chosen = region.code == selected
        stroke, stroke_width = (SELECTED, 3) if chosen else (OUTLINE, 0.8)
        tip = t("france.tooltip", lang, name=names.get(region.code) or region.name, code=region.code,
                value=paint.shown.get(region.code, ""))
        out.append(
            f'<path class="region" data-code="{html.escape(region.code, quote=True)}" d="{path_data(region, top)}" '
            f'fill="{paint.colours.get(region.code, ZERO)}" stroke="{stroke}" stroke-width="{stroke_width}" '
            f'stroke-linejoin="round"><title>{html.escape(tip)}</title></path>'
        )
    out.append("</svg>")
    return "\n".join(out)
