"""The comparison: each registry's module finds its own kinds of difference."""

from __future__ import annotations

from collections.abc import Callable

from graph_model.models import Dataset
from opcomap.reconcile import npec, oflist, rncp, siro
from opcomap.reconcile.core import Comparison, ImportFolder, Reconciliation

COMPARE: dict[str, Callable[[Comparison], None]] = {
    "siro": siro.compare, "of-list": oflist.compare, "rncp": rncp.compare, "npec": npec.compare,
}


def reconcile(folder: ImportFolder, current: Dataset) -> Reconciliation:
    """The differences between the map ``current`` and what the import folder's registry says."""
    c = Comparison(folder, current)
    COMPARE[folder.registry](c)
    return c.result()
