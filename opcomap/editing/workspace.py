"""Embedded-mode edits: a workspace folder of data files in the loaders' format.

Until the first edit the workspace is empty and reads come from the bundled
reference map; the first edit writes the whole map into the workspace
(actors.csv, relationships.csv, sources.csv), so the bundled files are never
touched. Every write goes to a temporary file first and replaces the old one
with ``os.replace``, so a reader never sees half a file. ``history.jsonl``
holds one change per line, ``proposals.jsonl`` one proposal per line (publishing
by review), both written under the same lock as the map. ``opcomap load <workspace>``
pushes the result into Neo4j.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from filelock import FileLock

from graph_model.models import Actor, Dataset, Relationship
from graph_model.schema import Schema
from loaders import load_dataset, write_csv_folder
from loaders.readers import data_files, files_stamp
from opcomap.editing.apply import apply_in_memory
from opcomap.editing.changes import Change
from opcomap.editing.store import fold, matches
from graph_model.errors import EditRefused, NotFound
from opcomap.editing.proposals import PENDING, Proposal, already_decided
from loaders.bundled import reference_dir
from opcomap.editing.embedded import map_folder  # noqa: F401 (callers import it from here too)

DATA_FILES = ("actors.csv", "relationships.csv", "sources.csv")
HISTORY = "history.jsonl"
PROPOSALS = "proposals.jsonl"
LOCK = ".opcomap-edit.lock"



@contextlib.contextmanager
def locked_folder(folder: Path, lock_name: str) -> Iterator[None]:
    """One writer at a time in a folder, across the app's sessions and processes."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EditRefused("problems.folder_not_created", folder=str(folder), reason=exc.strerror) from exc
    # filelock: the same exclusive lock on Windows (msvcrt) as on Linux and macOS (flock).
    with FileLock(folder / lock_name):
        yield

class WorkspaceStore:
    """Edits saved as files in ``workspace``; the reference map is read until the first edit."""

    def __init__(self, workspace: Path, schema: Schema, reference: Path | None = None):
        self.workspace = Path(workspace).expanduser()
        self.schema = schema
        self.reference = reference if reference is not None else reference_dir()
        self.location = str(self.workspace)
        self._cache: tuple[str, Dataset] | None = None

    # -- reading -----------------------------------------------------------------
    @property
    def initialised(self) -> bool:
        return (self.workspace / "actors.csv").is_file()

    def data_dir(self) -> Path:
        """Where the map is read from now: the workspace once edited, else the reference."""
        return map_folder(self.workspace, self.reference)

    def dataset(self) -> Dataset:
        folder = self.data_dir()
        stamp = files_stamp([folder])
        if self._cache and self._cache[0] == stamp:
            return self._cache[1]
        dataset = load_dataset([folder], self.schema) if folder.is_dir() and data_files(folder) else Dataset()
        self._cache = (stamp, dataset)
        return dataset

    def actor(self, actor_id: str) -> Actor | None:
        return self.dataset().actor_index().get(actor_id)

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        index = self.dataset().actor_index()
        return {i: index[i] for i in ids if i in index}

    def relationship(self, key: str) -> Relationship | None:
        return next((r for r in self.dataset().relationships if r.key == key), None)

    def relationships_of(self, actor_id: str) -> list[Relationship]:
        return [r for r in self.dataset().relationships if actor_id in (r.source, r.target)]

    def search(self, text: str, limit: int = 50) -> list[Actor]:
        needle = fold(text.strip())
        found = [a for a in self.dataset().actors if matches(a, needle)]
        return sorted(found, key=lambda a: fold(a.name))[:limit]

    # -- writing -----------------------------------------------------------------
    def apply(self, change: Change) -> None:
        with self._locked():
            self._apply_locked(change)

    def _apply_locked(self, change: Change) -> None:
        data = self.dataset()  # re-read if another session wrote since (the stamp changed)
        actors = {a.id: a for a in data.actors}
        rels = {r.key: r for r in data.relationships}
        apply_in_memory(change, actors, rels)  # raises EditConflict before anything is written
        records = self._records()
        if change.undoes:
            _mark_undone(records, change.undoes)
        records.append(change.to_record())
        written = Dataset(actors=list(actors.values()), relationships=list(rels.values()))
        self._write_dataset(written)
        self._write_history(records)
        # What was just written is what the next read would parse: a run of edits
        # (a reconcile applying a hundred fixes) does not re-read the map after each one.
        self._cache = (files_stamp([self.workspace]), written)

    def _write_dataset(self, dataset: Dataset) -> None:
        with tempfile.TemporaryDirectory(dir=self.workspace, prefix=".write-") as tmp:
            write_csv_folder(dataset, Path(tmp))
            for name in DATA_FILES:
                os.replace(Path(tmp) / name, self.workspace / name)

    def _write_history(self, records: list[dict]) -> None:
        _write_lines(self.workspace / HISTORY, records)

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return locked_folder(self.workspace, LOCK)

    # -- history -----------------------------------------------------------------
    def _records(self) -> list[dict]:
        return _read_lines(self.workspace / HISTORY)

    def history(self, actor_id: str) -> list[Change]:
        found = [Change.from_record(r) for r in self._records() if actor_id in r.get("actor_ids", [])]
        return sorted(found, key=lambda c: c.at, reverse=True)

    def change(self, change_id: str) -> Change | None:
        return next((Change.from_record(r) for r in self._records() if r["id"] == change_id), None)


    # -- proposals (publishing by review) -------------------------------------------
    def propose(self, proposal: Proposal) -> None:
        with self._locked():
            records = _read_lines(self.workspace / PROPOSALS)
            _write_lines(self.workspace / PROPOSALS, [*records, proposal.to_record()])

    def proposals(self, pending_only: bool = True) -> list[Proposal]:
        found = [Proposal.from_record(r) for r in _read_lines(self.workspace / PROPOSALS)]
        found = [p for p in found if p.pending or not pending_only]
        return sorted(found, key=lambda p: p.change.at, reverse=True)

    def proposal(self, proposal_id: str) -> Proposal | None:
        return next((Proposal.from_record(r) for r in _read_lines(self.workspace / PROPOSALS)
                     if r["id"] == proposal_id), None)

    def decide(self, decided: Proposal, change: Change | None) -> None:
        with self._locked():
            records = _read_lines(self.workspace / PROPOSALS)
            index = next((i for i, r in enumerate(records) if r["id"] == decided.id), None)
            if index is None:
                raise NotFound("problems.review_not_found", id=decided.id)
            if records[index]["status"] != PENDING:
                raise already_decided(decided.id, records[index]["status"])
            if change is not None:
                self._apply_locked(change)  # raises EditConflict before the proposal is marked
            records[index] = decided.to_record()
            _write_lines(self.workspace / PROPOSALS, records)


def _read_lines(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_lines(path: Path, records: list[dict]) -> None:
    _atomic_write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def _mark_undone(records: list[dict], change_id: str) -> None:
    """Flag the undone change; undoing an undo makes its original active again."""
    by_id = {r["id"]: r for r in records}
    target = by_id.get(change_id)
    if target is None:
        return
    if target.get("undone"):
        raise EditRefused("problems.edit_already_undone")
    target["undone"] = True
    original = by_id.get(target.get("undoes") or "")
    if original is not None:
        original["undone"] = False


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
