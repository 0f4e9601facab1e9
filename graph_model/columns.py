"""A map held as columns: what the metrics table reads, without models or NetworkX.

:func:`graph_model.graph.to_networkx` gives every actor and tie a dict of
attributes, which the metrics table of a large map never reads. A
:class:`MapColumns` keeps only what that table and the view filters need:
actor ids, names, kinds, Régions and validity dates, and per tie its ends
(positions of actors), type, validity dates, the illustrative flag, the
confidence it rests on and its funding amount.

It says the same as the graph of the same map: the actors in the graph's
order, and the ties in the order the graph lists its edges (by source actor,
then by target in the order first tied, then in reading order), so that sums
over ties add up in the same order, to the last bit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from graph_model.models import Actor, Relationship, Source
    from graph_model.schema import Schema

FUNDING = "amount_eur"
"""The tie property summed as funding (``degree_funding``, the weighted view)."""
# A tie property of one of these names would replace the tie's own field in the graph's edge
# attributes (to_networkx merges properties last): such a schema is read as a graph instead.
TIE_FIELDS = frozenset({"type", "since", "until", "illustrative", "sources", "note", "dataset"})
UNJUDGED = math.inf
"""The confidence of a tie no source judges: one of its sources has none, or it has no source."""


def fits(schema: Schema) -> bool:
    """True when the schema's tie properties leave the tie's own fields alone (see ``TIE_FIELDS``).

    >>> from graph_model.schema import default_schema
    >>> fits(default_schema())
    True
    """
    return not any(name in TIE_FIELDS for spec in schema.relationship_types.values() for name in spec.properties)


def amount(value: Any) -> float:
    """A tie's funding as the metrics read it: its number, 0 when absent or not a number.

    >>> amount(12), amount(None), amount("12"), amount(True)
    (12.0, 0.0, 0.0, 0.0)
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value)


def confidence(sources: Iterable[Source]) -> float:
    """What a tie rests on: its best source's confidence; :data:`UNJUDGED` when a source has
    none or there is no source (such a tie is never weak).

    >>> from graph_model.models import Source
    >>> confidence([Source(title="a", confidence=0.5), Source(title="b", confidence=0.4)])
    0.5
    >>> confidence([Source(title="a", confidence=0.5), Source(title="b")]), confidence([])
    (inf, inf)
    """
    values = [source.confidence for source in sources]
    if not values or any(value is None for value in values):
        return UNJUDGED
    return max(values)


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


@dataclass
class TieParts:
    """Ties of one table, in reading order, as the parser hands them over."""

    source: list[str]
    target: list[str]
    type: list[str]
    since: list[str]  # ISO days, "" when open
    until: list[str]
    illustrative: list[bool]
    confidence: list[float]
    amount: list[float]

    @classmethod
    def of_models(cls, ties: Sequence[Relationship]) -> TieParts:
        return cls(
            source=[t.source for t in ties], target=[t.target for t in ties], type=[t.type for t in ties],
            since=[_day(t.since) for t in ties], until=[_day(t.until) for t in ties],
            illustrative=[t.illustrative for t in ties], confidence=[confidence(t.sources) for t in ties],
            amount=[amount(t.properties.get(FUNDING)) for t in ties],
        )

    def __len__(self) -> int:
        return len(self.source)

    def taken(self, order: Sequence[int]) -> TieParts:
        """The same ties in the order ``order`` gives (positions)."""
        return TieParts(**{name: [values[i] for i in order] for name, values in vars(self).items()})

    def __add__(self, other: TieParts) -> TieParts:
        return TieParts(**{name: values + getattr(other, name) for name, values in vars(self).items()})


@dataclass(frozen=True, eq=False)
class MapColumns:
    """Actors and ties as columns (see the module docstring). Cannot change: filters make new ones."""

    ids: list[str]
    names: list[str]
    kinds: list[str]
    regions: list[str | None]
    since: np.ndarray  # ISO days as text, "" when open (compared as text, as the graph's are)
    until: np.ndarray
    source: np.ndarray  # positions in ``ids``
    target: np.ndarray
    type: np.ndarray  # relationship type names
    tie_since: np.ndarray
    tie_until: np.ndarray
    illustrative: np.ndarray
    confidence: np.ndarray
    amount: np.ndarray
    _derived: dict[tuple, Any] = field(default_factory=dict, repr=False)

    @property
    def nodes(self) -> list[str]:
        return self.ids

    def number_of_nodes(self) -> int:
        return len(self.ids)

    def number_of_edges(self) -> int:
        return len(self.source)

    def remembered(self, key: tuple, build: Callable[[], Any]) -> Any:
        """``build()``, once per map: it cannot change (the graph's frozen views are kept the same way)."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    @classmethod
    def build(cls, actors: Sequence[Actor], ties: TieParts) -> MapColumns:
        """From the actors (models, in the map's order) and the ties (in reading order)."""
        import numpy as np

        ids = [a.id for a in actors]
        where = {actor_id: i for i, actor_id in enumerate(ids)}
        source = np.fromiter((where[s] for s in ties.source), dtype=np.int64, count=len(ties))
        target = np.fromiter((where[t] for t in ties.target), dtype=np.int64, count=len(ties))
        order = graph_order(source, target, len(ids))
        return cls(
            ids=ids, names=[a.name for a in actors], kinds=[a.kind for a in actors],
            regions=[a.region_code for a in actors],
            since=_text([_day(a.since) for a in actors]), until=_text([_day(a.until) for a in actors]),
            source=source[order], target=target[order],
            type=np.asarray(ties.type, dtype=object)[order] if len(ties) else np.array([], dtype=object),
            tie_since=_text(ties.since)[order], tie_until=_text(ties.until)[order],
            illustrative=np.asarray(ties.illustrative, dtype=bool)[order],
            confidence=np.asarray(ties.confidence, dtype=np.float64)[order],
            amount=np.asarray(ties.amount, dtype=np.float64)[order],
        )

    def subset(self, actors: np.ndarray, ties: np.ndarray) -> MapColumns:
        """The actors and ties the two masks keep (ties only between kept actors), order kept."""
        import numpy as np

        ties = ties & actors[self.source] & actors[self.target]
        kept = np.flatnonzero(actors)
        renumber = np.full(len(self.ids), -1, dtype=np.int64)
        renumber[kept] = np.arange(len(kept))
        pick = kept.tolist()
        return MapColumns(
            ids=[self.ids[i] for i in pick], names=[self.names[i] for i in pick],
            kinds=[self.kinds[i] for i in pick], regions=[self.regions[i] for i in pick],
            since=self.since[kept], until=self.until[kept],
            source=renumber[self.source[ties]], target=renumber[self.target[ties]], type=self.type[ties],
            tie_since=self.tie_since[ties], tie_until=self.tie_until[ties],
            illustrative=self.illustrative[ties], confidence=self.confidence[ties], amount=self.amount[ties],
        )

    def neighbours(self, among: np.ndarray) -> np.ndarray:
        """Actors one tie (either direction) from an actor of ``among`` (a mask), as a mask."""
        import numpy as np

        out = np.zeros(len(self.ids), dtype=bool)
        out[self.target[among[self.source]]] = True
        out[self.source[among[self.target]]] = True
        return out

    def rows(self) -> Iterable[tuple[Hashable, str, str]]:
        """``(id, name, kind)`` of each actor, in order."""
        return zip(self.ids, self.names, self.kinds)


def graph_order(source: np.ndarray, target: np.ndarray, actors: int) -> np.ndarray:
    """Positions of the ties in the order a MultiDiGraph lists edges added in reading order:
    by source actor, then by target in the order first tied from that source, then reading order.

    >>> import numpy as np
    >>> graph_order(np.array([1, 0, 1, 0, 1]), np.array([2, 2, 0, 1, 2]), 3).tolist()
    [1, 3, 0, 4, 2]
    """
    import numpy as np

    if len(source) == 0:
        return np.zeros(0, dtype=np.int64)
    pairs = source * actors + target
    _, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
    return np.lexsort((np.arange(len(source)), first[inverse], source))


def _text(values: list[str]) -> np.ndarray:
    import numpy as np

    return np.asarray(values, dtype=str) if values else np.array([], dtype=str)
