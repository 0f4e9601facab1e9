"""Comparing a registry import with the map: only the differences, one row each.

An import folder (written by ``opcomap import REGISTRY FILE --output DIR``) holds
what one State registry says on its file's date. :func:`reconcile` lines it up
with a map (the bundled one, files, or Neo4j) and lists where they disagree:
a branch attached to another OPCO, a branch the map lacks, a map tie the
registry no longer supports, an organisation that lost a Qualiopi category, a
certification the registry ends, an NPEC amount that changed...

Each difference may carry a :class:`Fix`, the registry's version of the records
concerned; :func:`apply_differences` turns each fix into one recorded change of
the edit history (embedded workspace or Neo4j), its reason citing the registry.

Modules: ``core`` (the import folder, the differences, both sides), one module per
registry (``siro``, ``oflist``, ``rncp``, ``npec``; ``ties`` for the tie types the
last two list in full), ``compare`` (which module reads which registry), ``apply``
(differences into the edit history) and ``neo4j_edits`` (the Neo4j edit store).
"""

from opcomap.reconcile.apply import ApplyReport, apply_differences, plan_fix, reason
from opcomap.reconcile.compare import reconcile
from opcomap.reconcile.core import (
    KINDS,
    ActorEdit,
    Difference,
    Fix,
    ImportFolder,
    Reconciliation,
    kind_label,
    read_import,
)
from opcomap.reconcile.neo4j_edits import neo4j_store

__all__ = [
    "KINDS", "ActorEdit", "ApplyReport", "Difference", "Fix", "ImportFolder", "Reconciliation",
    "apply_differences", "kind_label", "neo4j_store", "plan_fix", "read_import", "reason", "reconcile",
]
