"""Editing the map: operations, validation, history, undo and optimistic concurrency.

An :class:`Editor` plans each operation into a :class:`Change` (records before
and after) and hands it to a store: :class:`WorkspaceStore` (embedded mode,
data files) or ``opcomap.store.edits.Neo4jEditStore`` (one transaction per
change). Both refuse a change whose records moved since they were opened. With publishing
by review an edit may instead wait as a :class:`Proposal` until a reviewer decides.
"""

from opcomap.editing.changes import Change, Snapshot, op_label, version_of
from opcomap.editing.operations import (
    AddRelationship,
    CreateActor,
    DeleteRelationship,
    EditActor,
    EndRelationship,
    MergeActors,
    Operation,
    UndoChange,
)
from opcomap.editing.proposals import Proposal
from opcomap.editing.service import Editor
from opcomap.editing.store import EditStore
from opcomap.editing.validate import field_messages
from opcomap.editing.workspace import WorkspaceStore

__all__ = [
    "AddRelationship", "Change", "CreateActor", "DeleteRelationship", "EditActor",
    "EditStore", "Editor", "EndRelationship", "MergeActors", "Operation", "Proposal", "Snapshot", "UndoChange",
    "WorkspaceStore", "field_messages", "op_label", "version_of",
]
