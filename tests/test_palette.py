"""The kinds' colours: readable on white, and told apart by colour-blind readers.

A kind is told by its colour and its shape together. Kinds with the same shape on a
diagram (where ``box`` and ``square`` are one marker) are told by colour alone, so those
colours must stay apart once a deuteranope or a protanope sees them.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import pytest
from coloraide import Color

from graph_model.schema import default_schema
from opcomap.diagrams.network import marker

SCHEMA = default_schema()
# CIEDE2000 differences: about 2 is the smallest a viewer notices side by side; small marks on a
# busy map need several times that (Szafir 2017, "Modeling Color Difference for Visualization
# Design"), so 10 is the least kept between colours that are the only cue.
APART = 10.0


def _seen_by(colour: str, deficiency: str | None) -> Color:
    if deficiency is None:
        return Color(colour)
    # Machado, Oliveira and Fernandes (2009), at full severity.
    return Color(colour).filter(deficiency, method="machado").convert("srgb").fit()


def test_every_kind_colour_reaches_three_to_one_on_white():
    low = {kind: round(Color(SCHEMA.kind_color(kind)).contrast("white", method="wcag21"), 2)
           for kind in SCHEMA.kinds}
    assert min(low.values()) >= 3.0, {k: v for k, v in low.items() if v < 3.0}


def test_no_two_kinds_share_both_colour_and_shape():
    looks = [(SCHEMA.kind_color(kind).lower(), marker(SCHEMA, kind)) for kind in SCHEMA.kinds]
    assert len(set(looks)) == len(SCHEMA.kinds)
    # Every colour of the scheme stays in use, so none can quietly take another's place.
    assert len({colour for colour, _ in looks}) == 8


@pytest.mark.parametrize("deficiency", [None, "deutan", "protan"])
def test_kinds_sharing_a_shape_stay_apart_for_colour_blind_readers(deficiency):
    by_marker: dict[str, list[str]] = defaultdict(list)
    for kind in SCHEMA.kinds:
        by_marker[marker(SCHEMA, kind)].append(kind)
    closest = min(
        (_seen_by(SCHEMA.kind_color(a), deficiency).delta_e(_seen_by(SCHEMA.kind_color(b), deficiency),
                                                            method="2000"), a, b)
        for kinds in by_marker.values() for a, b in combinations(kinds, 2)
    )
    assert closest[0] >= APART, closest


def test_the_check_tells_red_from_green_apart_only_for_normal_vision():
    red, green = "#cc3311", "#558800"  # a pair the palette avoids: same lightness, red against green
    normal = _seen_by(red, None).delta_e(_seen_by(green, None), method="2000")
    deutan = _seen_by(red, "deutan").delta_e(_seen_by(green, "deutan"), method="2000")
    assert normal >= APART > deutan
