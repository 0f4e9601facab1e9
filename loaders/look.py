"""How each actor and tie looks in Gephi and yEd: worked out by opcomap (layout, the app's
colours) and handed to the writers here, which only translate it into each format's words.

Positions are pixels with ``y`` growing downwards (the screen's and yEd's convention).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class NodeLook:
    x: float
    y: float
    size: float  # radius in pixels, as on the map
    colour: str  # "#rrggbb"
    shape: str  # the schema's shape name (vis-network's words)


@dataclass(frozen=True)
class TieLook:
    label: str
    colour: str
    directed: bool
    dashed: bool = False
    width: float = 1.0


@dataclass(frozen=True)
class Look:
    nodes: Mapping[str, NodeLook]
    ties: Mapping[str, TieLook]  # by relationship type

    def tie(self, rel_type: str) -> TieLook:
        """A type's look; a type the schema does not know is drawn as a plain directed tie."""
        return self.ties.get(rel_type) or TieLook(label=rel_type, colour="#999999", directed=True)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` (or ``#rgb``) as three integers; anything else is grey.

    >>> rgb("#d62728"), rgb("#fff"), rgb("red")
    ((214, 39, 40), (255, 255, 255), (153, 153, 153))
    """
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    try:
        if len(digits) != 6:
            raise ValueError(colour)
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    except ValueError:
        return 153, 153, 153
