"""The map's first view: the schema's centre kind in the middle, its partners grouped by interaction.

The default schema's story (``story:`` in ``default_schema.yaml``) puts the OPCO in the middle
and their partners in one sector per way an OPCO works with others (social partners, training
organisations, companies…, from the seed text). A partner goes to the interaction most of its
ties to the centre belong to; only those ties are drawn, so the picture reads as spokes.
Everything else in the view stays one double-click away on the map.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx

from graph_model.schema import Schema
from opcomap.drawing.layout import Positions

HEADING_PREFIX = "rubrique:"
# Pixels on the drawing: room for a star and its label between two actors of the centre,
# and between two partners of a sector (most partners are drawn unlabelled at first).
_CENTRE_GAP, _PARTNER_GAP, _ROW_GAP = 190.0, 62.0, 62.0
_ROWS_WANTED = 4  # the outer ring grows until the partners fit in about this many rows
_HEADING_ROOM = 120.0  # between a sector's outer row and its title


@dataclass(frozen=True)
class Sector:
    """One interaction: its title and the partners drawn in it, most tied first."""

    id: str
    label: str
    members: tuple[Hashable, ...]

    @property
    def heading(self) -> str:
        return HEADING_PREFIX + self.id


@dataclass(frozen=True)
class StoryView:
    """What the first view draws and where (pixel positions, titles included)."""

    graph: nx.MultiDiGraph
    centre: tuple[Hashable, ...]
    sectors: tuple[Sector, ...]
    positions: Positions

    @property
    def partners(self) -> int:
        return sum(len(s.members) for s in self.sectors)


def story_view(graph: nx.MultiDiGraph, schema: Schema, lang: str = "fr") -> StoryView | None:
    """The centre kind's actors of ``graph``, their partners by interaction, laid out in a wheel.

    None when the schema tells no story or the view holds no actor of the centre kind.

    >>> from graph_model.schema import default_schema
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("o", kind="OPCO", name="OPCO X")
    >>> g.add_node("u", kind="EMPLOYEE_UNION", name="CFDT")
    >>> g.add_node("r", kind="REGION", name="Bretagne")
    >>> _ = g.add_edge("u", "o", key="k1", type="CO_MANAGES")
    >>> _ = g.add_edge("o", "r", key="k2", type="LOCATED_IN")
    >>> view = story_view(g, default_schema())
    >>> view.centre, [(s.id, s.members) for s in view.sectors], sorted(view.graph.nodes)
    (('o',), [('social-partners', ('u',))], ['o', 'u'])
    """
    story = schema.story
    if story is None:
        return None
    centre = sorted((n for n, a in graph.nodes(data=True) if a.get("kind") == story.centre),
                    key=lambda n: (str(graph.nodes[n].get("short_name") or graph.nodes[n].get("name") or n), str(n)))
    if not centre:
        return None
    middle = set(centre)
    votes: dict[Hashable, Counter[str]] = {}
    spokes: dict[Hashable, Counter[Hashable]] = {}
    kept = nx.MultiDiGraph()
    for node in centre:
        kept.add_node(node, **graph.nodes[node])
    for u, v, key, data in graph.edges(keys=True, data=True):
        if u in middle and v in middle:
            kept.add_edge(u, v, key=key, **data)
            continue
        if (u in middle) == (v in middle):
            continue
        hub, other = (u, v) if u in middle else (v, u)
        interaction = story.interaction_of(data.get("type", ""), graph.nodes[other].get("kind", ""))
        if interaction is None:
            continue
        votes.setdefault(other, Counter())[interaction.id] += 1
        spokes.setdefault(other, Counter())[hub] += 1
        if other not in kept:
            kept.add_node(other, **graph.nodes[other])
        kept.add_edge(u, v, key=key, **data)
    order = {i.id: rank for rank, i in enumerate(story.interactions)}
    place = {node: index for index, node in enumerate(centre)}
    members: dict[str, list[Hashable]] = {}
    for node, counted in votes.items():
        chosen = min(counted, key=lambda ident: (-counted[ident], order[ident]))
        members.setdefault(chosen, []).append(node)
    sectors = []
    for interaction in story.interactions:
        found = members.get(interaction.id)
        if not found:
            continue
        # Partners of the same centre actor sit side by side, so their spokes run together.
        found.sort(key=lambda n: (place[spokes[n].most_common(1)[0][0]], -sum(spokes[n].values()), str(n)))
        sectors.append(Sector(interaction.id, interaction.label.get(lang), tuple(found)))
    around = _alternate(sectors)
    return StoryView(kept, tuple(centre), tuple(around), _wheel(centre, around))


def _alternate(sectors: list[Sector]) -> list[Sector]:
    """Large and small sectors in turn around the wheel: small sectors side by side would crowd their titles."""
    ranked = sorted(sectors, key=lambda s: -len(s.members))
    out = []
    while ranked:
        out.append(ranked.pop(0))
        if ranked:
            out.append(ranked.pop())
    return out


def _wheel(centre: list[Hashable], sectors: list[Sector]) -> Positions:
    """The centre on an inner circle; each sector an arc of the outer ring, its title beyond it."""
    positions: Positions = {}
    inner = max(_CENTRE_GAP, _CENTRE_GAP * len(centre) / (2 * math.pi)) if len(centre) > 1 else 0.0
    for index, node in enumerate(centre):
        angle = -math.pi / 2 + 2 * math.pi * index / len(centre)
        positions[node] = (inner * math.cos(angle), inner * math.sin(angle))
    total = sum(len(s.members) for s in sectors)
    if not total:
        return positions
    # Every sector gets a share of the circle for its partners plus a gap that keeps titles apart.
    slots = total + 3 * len(sectors)
    outer = max(inner + 3 * _ROW_GAP, slots * _PARTNER_GAP / (2 * math.pi * _ROWS_WANTED))
    start = -math.pi / 2
    for number, sector in enumerate(sectors):
        span = 2 * math.pi * (len(sector.members) + 3) / slots
        usable = span - 2 * math.pi * 2 / slots  # the gap: two slots' worth, one on each side
        row, placed, radius = 0, 0, outer
        members = list(sector.members)
        while placed < len(members):
            radius = outer + row * _ROW_GAP
            room = max(1, int(usable * radius / _PARTNER_GAP) + 1)
            batch = members[placed:placed + room]
            for index, node in enumerate(batch):
                share = 0.5 if len(batch) == 1 else index / (len(batch) - 1)
                # A short row is centred in its arc rather than stretched over it.
                width = usable * min(1.0, (len(batch) - 1) * _PARTNER_GAP / max(usable * radius, 1.0))
                angle = start + span / 2 - width / 2 + width * share
                positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
            placed += len(batch)
            row += 1
        middle = start + span / 2
        # Titles of neighbouring sectors take turns on three distances, so short sectors' titles do not overlap.
        far = radius + _HEADING_ROOM * (1.0 + 0.9 * (number % 3 if len(sectors) > 4 else 0))
        positions[sector.heading] = (far * math.cos(middle), far * math.sin(middle))
        start += span
    return positions
