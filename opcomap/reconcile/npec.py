"""The NPEC table (npec): the funding level of each certification in each branch, and its amount."""

from __future__ import annotations

from graph_model.errors import Phrase
from graph_model.models import Relationship
from graph_model.words.formats import said
from opcomap.reconcile.core import Comparison
from opcomap.reconcile.ties import TieRule, compare_ties


def _funding(rel: Relationship | None, certification: str) -> Phrase:
    if rel is None:
        return said("reconcile.says.no_npec", certification=certification)
    amount = rel.properties.get("npec_eur")
    if isinstance(amount, (int, float)) and not isinstance(amount, bool):
        return said("reconcile.says.npec", certification=certification, amount=amount)
    return said("reconcile.says.npec_not_given", certification=certification)


FUNDING_LEVEL = TieRule("FUNDING_LEVEL", "target", "funding_level_missing", "funding_level_unsupported", _funding,
                        differs="funding_level_differs", compared=("npec_eur",))


def compare(c: Comparison) -> None:
    compare_ties(c, FUNDING_LEVEL)
