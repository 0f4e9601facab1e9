"""What one edit is: the records it touches, as they were and as they become.

Every operation (create, edit, merge, add, end, delete, undo) is planned into
one :class:`Change`: a snapshot of each touched actor and relationship before
and after. A store applies it only if what it holds still equals ``before``
(optimistic concurrency), records it in the history, and an undo is simply the
change with ``before`` and ``after`` swapped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph_model.errors import Phrase
from graph_model.models import Actor, Relationship
from graph_model.words import t

Op = Literal[
    "create_actor", "edit_actor", "merge_actors",
    "add_relationship", "end_relationship", "delete_relationship", "undo",
]


def op_label(op: Op, lang: str = "fr") -> str:
    """What an operation is called, in ``lang``: the catalogue's ``edit.op.*`` words.

    >>> op_label("end_relationship"), op_label("undo", "en")
    ("Fin d'une relation", 'Undo')
    """
    return t(f"edit.op.{op}", lang)


ABSENT = "absent"


def version_of(record: Actor | Relationship | None) -> str:
    """A short fingerprint of a record's content: what an editor "opened".

    Both stores compute it the same way from the model, so a version read in
    one session can be checked in another.

    >>> a = Actor(id="afdas", name="Afdas", kind="OPCO")
    >>> version_of(a) == version_of(Actor(id="afdas", name="Afdas", kind="OPCO"))
    True
    >>> version_of(a) == version_of(a.model_copy(update={"name": "AFDAS"}))
    False
    >>> version_of(None)
    'absent'
    """
    if record is None:
        return ABSENT
    payload = json.dumps(record.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


class Snapshot(BaseModel):
    """Some actors (by id) and relationships (by key); ``None`` means "does not exist"."""

    model_config = ConfigDict(extra="forbid")

    actors: dict[str, Actor | None] = Field(default_factory=dict)
    relationships: dict[str, Relationship | None] = Field(default_factory=dict)


class Change(BaseModel):
    """One recorded edit: who, when, what (before/after), why."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    who: str = Field(min_length=1)
    at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    op: Op
    summary: str  # in French, for a reader of the stored history (Cypher, history.jsonl)
    # The summary as a catalogue sentence (JSON of its key and parameters), said in the reader's
    # language by described(); empty in a history written before summaries were keyed.
    said: str = ""
    why: str | None = None
    before: Snapshot
    after: Snapshot
    undone: bool = False
    undoes: str | None = None
    # Publishing by review: the change is the proposer's (``who``), accepted by this reviewer.
    reviewed_by: str | None = None

    def actor_ids(self) -> list[str]:
        """Every actor this change concerns: touched actors and both ends of touched ties."""
        ids: set[str] = set()
        for snap in (self.before, self.after):
            ids.update(snap.actors)
            for rel in snap.relationships.values():
                if rel is not None:
                    ids.update((rel.source, rel.target))
        return sorted(ids)

    def relationship_types(self) -> list[str]:
        types = {
            rel.type
            for snap in (self.before, self.after)
            for rel in snap.relationships.values()
            if rel is not None
        }
        return sorted(types)

    def diff(self, lang: str = "fr") -> list[tuple[str, str, object, object]]:
        """Field-level differences: (record, field, before, after), for display in ``lang``.

        >>> before = Snapshot(actors={"a": Actor(id="a", name="A", kind="OPCO")})
        >>> after = Snapshot(actors={"a": Actor(id="a", name="B", kind="OPCO")})
        >>> Change(who="x", op="edit_actor", summary="", before=before, after=after).diff()
        [('acteur a', 'name', 'A', 'B')]
        """
        rows: list[tuple[str, str, object, object]] = []
        absent, present = t("edit.diff.absent", lang), t("edit.diff.present", lang)
        for label, section in ((t("edit.diff.actor", lang), "actors"), (t("edit.diff.tie", lang), "relationships")):
            old_map, new_map = getattr(self.before, section), getattr(self.after, section)
            for key in sorted(set(old_map) | set(new_map)):
                old, new = old_map.get(key), new_map.get(key)
                old_data = old.model_dump(mode="json") if old else {}
                new_data = new.model_dump(mode="json") if new else {}
                if old is None or new is None:
                    rows.append((f"{label} {key}", "—", absent if old is None else present,
                                 absent if new is None else present))
                for name in sorted(set(old_data) | set(new_data)):
                    if old_data.get(name) != new_data.get(name):
                        rows.append((f"{label} {key}", name, old_data.get(name), new_data.get(name)))
        return rows

    def described(self, lang: str = "fr") -> str:
        """The summary in ``lang``; an old history's summary stays in the French it was written in."""
        return phrase_from_json(self.said).text(lang) if self.said else self.summary

    def inverse(self, who: str, why: str | None) -> Change:
        """The change that undoes this one (itself recorded like any change)."""
        what = phrase_from_json(self.said) if self.said else self.summary
        return Change(
            who=who, op="undo", why=why, undoes=self.id, **summarised("edit.summary.undo", what=what),
            before=self.after, after=self.before,
        )

    def to_record(self) -> dict[str, object]:
        """Flat form for storage (history.jsonl line, Neo4j :Change properties)."""
        return {
            "id": self.id, "who": self.who, "at": self.at.isoformat(), "op": self.op,
            "summary": self.summary, "said": self.said, "why": self.why or "",
            "before": self.before.model_dump_json(), "after": self.after.model_dump_json(),
            "undone": self.undone, "undoes": self.undoes or "", "reviewed_by": self.reviewed_by or "",
            "actor_ids": self.actor_ids(),
        }

    @classmethod
    def from_record(cls, record: dict[str, object]) -> Change:
        at = record["at"]
        if hasattr(at, "to_native"):  # a Neo4j DateTime
            at = at.to_native()
        if not isinstance(at, dt.datetime):
            at = dt.datetime.fromisoformat(str(at))
        return cls.model_validate({
            "id": str(record["id"]), "who": str(record["who"]), "at": at, "op": record["op"],
            "summary": str(record.get("summary") or ""), "said": str(record.get("said") or ""),
            "why": str(record.get("why") or "") or None,
            "before": Snapshot.model_validate_json(str(record["before"])),
            "after": Snapshot.model_validate_json(str(record["after"])),
            "undone": bool(record.get("undone")), "undoes": str(record.get("undoes") or "") or None,
            "reviewed_by": str(record.get("reviewed_by") or "") or None,
        })


# -- a summary kept as a catalogue sentence -------------------------------------------

def summarised(key: str, /, **params: str | Phrase) -> dict[str, str]:
    """A change's ``summary`` (French) and ``said`` (its key and parameters) fields.

    >>> summarised("edit.summary.undo", what=Phrase("edit.op.undo"))["summary"]
    'Annulation : Annulation'
    """
    phrase = Phrase(key, params)
    return {"summary": phrase.text("fr"), "said": json.dumps(_plain(phrase), ensure_ascii=False)}


def _plain(phrase: Phrase) -> dict[str, object]:
    return {"key": phrase.key,
            "params": {name: _plain(v) if isinstance(v, Phrase) else v for name, v in phrase.params.items()}}


def phrase_from_json(text: str) -> Phrase:
    """The sentence :func:`summarised` stored (a parameter may be a sentence itself).

    >>> phrase_from_json(summarised("edit.summary.undo", what=Phrase("edit.op.undo"))["said"]).text("en")
    'Undo: Undo'
    """
    def phrase(data: dict[str, Any]) -> Phrase:
        params = data.get("params") or {}
        return Phrase(str(data["key"]), {name: phrase(v) if isinstance(v, dict) else v for name, v in params.items()})

    return phrase(json.loads(text))
