"""How actors, ties and their sources are stored in Neo4j, and read back.

Stored: an actor is a node whose properties are its fields (empty ones left
out), plus ``aliases_text`` for the full-text index; a tie is a relationship
with its validity, note and type properties, and its sources as parallel
lists (``source_titles``, ``source_urls`` …, ``""`` where a field is absent:
Neo4j lists cannot hold nulls or mixed types). Both carry bookkeeping: the
``dataset`` that wrote them, ``loaded_at``, a ``content_hash`` of everything
else, and ``anchor`` on an actor a dataset only refers to.

Read back, either as models (:func:`actor_from_props`,
:func:`relationship_from_record`) or as the attributes of the map's NetworkX
graph (:func:`actor_attributes`, :func:`edge_attributes`), the bookkeeping is
dropped and the lists are zipped back into sources (:func:`sources`).

>>> props = relationship_row(Relationship(source="a", target="b", type="FUNDS",
...     sources=[Source(title="Rapport", confidence=0.8)]), "d")["props"]
>>> props["source_titles"], props["source_urls"], props["source_confidences"]
(['Rapport'], [''], ['0.8'])
>>> sources(props)
[{'title': 'Rapport', 'confidence': 0.8}]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from neo4j.time import Date

from graph_model.models import Actor, Relationship, Source
from graph_model.schema import Schema
from opcomap.store.statements import LOCK

# Properties the store keeps for itself; never part of an actor or a tie.
BOOKKEEPING = frozenset({"dataset", "loaded_at", "content_hash", "aliases_text", "anchor", LOCK})
# Source field -> the relationship property holding that field of every source.
SOURCE_COLUMNS = (
    ("title", "source_titles"),
    ("url", "source_urls"),
    ("publisher", "source_publishers"),
    ("consulted", "source_consulted"),
    ("confidence", "source_confidences"),
)
_RELATIONSHIP_FIELDS = frozenset({"key", "since", "until", "illustrative", "note"} | {c for _, c in SOURCE_COLUMNS})
_EDGE_SKIP = BOOKKEEPING | {"key"} | {column for _, column in SOURCE_COLUMNS}


# -- storing: rows for UNWIND (made only here) -------------------------------------------

# json.dumps(props, sort_keys=True, ensure_ascii=False, default=str, check_circular=False),
# built once: json.dumps makes a new encoder per call, which cost a third of the hashing of
# a million rows. Same C encoder, same text, so the hashes of maps loaded before are unchanged.
_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_ENCODE = _C_ENCODER(None, str, json.encoder.encode_basestring, None, ": ", ", ", True, False, True) if _C_ENCODER else None
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def content_hash(props: dict[str, Any]) -> int:
    """Fingerprint of everything a row stores (dataset name included): equal hash, nothing to write.

    64 bits as an integer: Neo4j keeps it inline in the property record, where a
    hex string would cost one more string-store record per node and relationship.
    """
    text = "".join(_ENCODE(props, 0)) if _ENCODE else _ENCODER.encode(props)
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big", signed=True)


def actor_row(actor: Actor, dataset: str, anchor: bool = False) -> dict[str, Any]:
    """``{id, hash, props}``: the node of ``actor`` as ``dataset`` stores it."""
    props: dict[str, Any] = {k: v for k, v in actor.model_dump().items() if v is not None and v != []}
    if actor.aliases:
        props["aliases_text"] = " | ".join(actor.aliases)  # for the full-text index
    props["dataset"] = dataset
    if anchor:  # only referred to (Dataset.anchors): the first dataset to define the actor takes it over
        props["anchor"] = True
    return {"id": actor.id, "hash": content_hash(props), "props": props}


def anchor_row(actor: Actor, dataset: str) -> dict[str, Any]:
    return actor_row(actor, dataset, anchor=True)


def relationship_row(rel: Relationship, dataset: str) -> dict[str, Any]:
    """``{source, target, key, hash, props}``: the relationship of ``rel`` as ``dataset`` stores it."""
    props: dict[str, Any] = {
        "key": rel.key,
        "since": rel.since,
        "until": rel.until,
        "illustrative": rel.illustrative,
        "note": rel.note,
        "source_titles": [s.title for s in rel.sources],
        "source_urls": [s.url or "" for s in rel.sources],
        "source_publishers": [s.publisher or "" for s in rel.sources],
        "source_consulted": [s.consulted.isoformat() if s.consulted else "" for s in rel.sources],
        "source_confidences": ["" if s.confidence is None else repr(s.confidence) for s in rel.sources],
        "dataset": dataset,
        **rel.properties,
    }
    props = {k: v for k, v in props.items() if v is not None}
    return {
        "source": rel.source, "target": rel.target, "key": props["key"],
        "hash": content_hash(props), "props": props,
    }


def stored(row: dict[str, Any], loaded_at: dt.datetime) -> dict[str, Any]:
    """Every property a row's node or relationship holds, bookkeeping included
    (what the writer's ``SET … = row.props, … content_hash, … loaded_at`` makes)."""
    return row["props"] | {"content_hash": row["hash"], "loaded_at": loaded_at}


# -- reading back ------------------------------------------------------------------------

def native(value: Any) -> Any:
    """Neo4j temporal values become Python dates; everything else is already native."""
    return value.to_native() if hasattr(value, "to_native") else value


def plain(value: Any) -> Any:
    """Neo4j and Python dates become ISO strings, as in :func:`graph_model.graph.to_networkx`."""
    if type(value) is Date:
        # Twice as fast as Date.iso_format(), which matters at a million rows.
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def sources(props: dict[str, Any]) -> list[dict[str, Any]]:
    """The parallel ``source_*`` lists of a tie zipped back into dicts ("" means absent)."""
    titles = props.get("source_titles")
    if not titles:
        return []
    columns = [(name, props.get(column) or ()) for name, column in SOURCE_COLUMNS[1:]]
    out = []
    for i, title in enumerate(titles):
        item: dict[str, Any] = {"title": title}
        for name, values in columns:
            if i < len(values) and values[i] not in ("", None):
                item[name] = float(values[i]) if name == "confidence" else values[i]
        out.append(item)
    return out


def actor_from_props(props: dict[str, Any]) -> Actor:
    """The actor a node's properties hold."""
    return Actor.model_validate({k: native(v) for k, v in props.items() if k not in BOOKKEEPING})


def relationship_from_record(source: str, target: str, rel_type: str, props: dict[str, Any]) -> Relationship:
    """The tie a relationship of ``rel_type`` from ``source`` to ``target`` holds."""
    values = {k: native(v) for k, v in props.items() if k not in BOOKKEEPING}
    return Relationship(
        source=source,
        target=target,
        type=rel_type,
        since=values.get("since"),
        until=values.get("until"),
        illustrative=bool(values.get("illustrative", False)),
        note=values.get("note"),
        sources=[Source.model_validate(item) for item in sources(values)],
        properties={k: v for k, v in values.items() if k not in _RELATIONSHIP_FIELDS},
    )


def actor_attributes(props: dict[str, Any]) -> dict[str, Any]:
    """Node attributes as to_networkx makes them, from an actor's Neo4j properties."""
    return {k: plain(v) for k, v in props.items() if k not in BOOKKEEPING and v is not None and v != []}


def date_properties(schema: Schema | None) -> tuple[str, ...]:
    """Relationship properties stored as Neo4j dates: validity bounds and date-typed properties."""
    names = {"since", "until"}
    if schema is not None:
        for spec in schema.relationship_types.values():
            names.update(name for name, prop in spec.properties.items() if prop.type == "date")
    return tuple(sorted(names))


def edge_attributes(rel_type: str, props: dict[str, Any], dates: tuple[str, ...] = ("since", "until")) -> dict[str, Any]:
    """Edge attributes as to_networkx makes them, from a relationship's Neo4j properties.

    Called once per relationship: kept to a few dictionary operations.
    """
    attrs = {k: v for k, v in props.items() if k not in _EDGE_SKIP and v is not None}
    for name in dates:
        value = attrs.get(name)
        if value is not None:
            attrs[name] = plain(value)
    attrs["type"] = rel_type
    attrs["illustrative"] = bool(attrs.get("illustrative", False))
    attrs["sources"] = sources(props)
    return attrs
