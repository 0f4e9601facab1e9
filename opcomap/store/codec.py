"""How actors, ties and their sources are stored in Neo4j, and read back.

Stored: an actor is a node whose properties are its fields (empty ones left
out), plus ``aliases_text`` for the full-text index; a source is a
``(:Source)`` node, once, keyed by ``id``: its curated id (``source_id`` of a
sources file) or, for a source written inline, the one its content makes
(:attr:`graph_model.models.Source.key`, flagged ``derived``); a tie is a
relationship with its validity, note and type properties and ``source_ids``,
the keys of its sources in order. Actors and ties carry bookkeeping: the
``dataset`` that wrote them, ``loaded_at``, a ``content_hash`` of everything
else, and ``anchor`` on an actor a dataset only refers to. A source belongs to
no dataset: whichever load or edit writes it last sets its fields.

Read back, either as models (:func:`actor_from_props`,
:func:`relationship_from_record`) or as the attributes of the map's NetworkX
graph (:func:`actor_attributes`, :func:`edge_attributes`), the bookkeeping is
dropped and a tie's ids are replaced by its sources, read once per source
(:func:`source_from_props`, :func:`source_attributes`).

>>> rel = Relationship(source="a", target="b", type="FUNDS",
...     sources=[Source(title="Rapport", confidence=0.8, id="rapport-2024")])
>>> relationship_row(rel, "d")["props"]["source_ids"]
['rapport-2024']
>>> row = source_row(rel.sources[0])
>>> row["id"], row["props"]
('rapport-2024', {'title': 'Rapport', 'id': 'rapport-2024', 'confidence': 0.8})
>>> source_attributes(row["props"])
{'title': 'Rapport', 'id': 'rapport-2024', 'confidence': 0.8}
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from neo4j.time import Date

from graph_model.models import Actor, Relationship, Source
from graph_model.schema import Schema
from opcomap.store.statements import LOCK

# Properties the store keeps for itself; never part of an actor or a tie.
BOOKKEEPING = frozenset({"dataset", "loaded_at", "content_hash", "aliases_text", "anchor", LOCK})
# The property of a tie holding the keys of its sources, in order.
SOURCE_IDS = "source_ids"
# On a Source node whose id is made from its content (no curated id): read back without an id.
DERIVED = "derived"
_RELATIONSHIP_FIELDS = frozenset({"key", "since", "until", "illustrative", "note", SOURCE_IDS})
_EDGE_SKIP = BOOKKEEPING | {"key", SOURCE_IDS}
_SOURCE_SKIP = frozenset({DERIVED, "content_hash", "loaded_at"})

# A source's fields in the model's order (what to_networkx's dicts hold, in its order).
_SOURCE_FIELDS = tuple(Source.model_fields)
_SOURCE_FIELDS_DERIVED = tuple(name for name in _SOURCE_FIELDS if name != "id")
# A Source node's properties -> the source they hold; a tie's source ids -> those sources.
SourcesById = dict[str, Any]


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


def relationship_row(rel: Relationship, dataset: str, source_keys: Mapping[int, str] | None = None) -> dict[str, Any]:
    """``{source, target, key, hash, props}``: the relationship of ``rel`` as ``dataset`` stores it.

    ``source_keys`` maps ``id(source)`` to its key for sources alive during a load: an
    uncurated source's key is a hash of its content, and a map cites a few sources a
    million times.
    """
    props: dict[str, Any] = {
        "key": rel.key,
        "since": rel.since,
        "until": rel.until,
        "illustrative": rel.illustrative,
        "note": rel.note,
        SOURCE_IDS: [source_keys[id(s)] if source_keys and id(s) in source_keys else s.key for s in rel.sources],
        "dataset": dataset,
        **rel.properties,
    }
    props = {k: v for k, v in props.items() if v is not None}
    return {
        "source": rel.source, "target": rel.target, "key": props["key"],
        "hash": content_hash(props), "props": props,
    }


def source_keys(relationships: Iterable[Relationship]) -> dict[int, str]:
    """``id(source)`` → its key, each source object's key computed once, for
    :func:`relationship_row`; valid while the relationships keep their sources alive."""
    keys: dict[int, str] = {}
    for rel in relationships:
        for source in rel.sources:
            if id(source) not in keys:
                keys[id(source)] = source.key
    return keys


def source_row(source: Source) -> dict[str, Any]:
    """``{id, hash, props}``: the Source node of ``source`` (the same for every tie citing it)."""
    props: dict[str, Any] = source.model_dump(exclude_none=True)
    props["id"] = source.key
    if not source.id:
        props[DERIVED] = True
    return {"id": props["id"], "hash": content_hash(props), "props": props}


def source_rows(relationships: Iterable[Relationship]) -> list[dict[str, Any]]:
    """One row per distinct source the ties cite, by key (the first one met wins a shared key)."""
    seen: dict[str, Source] = {}
    for rel in relationships:
        for source in rel.sources:
            seen.setdefault(source.key, source)
    return [source_row(source) for _, source in sorted(seen.items())]


def cited(props_list: Iterable[dict[str, Any]]) -> list[str]:
    """Every source key the ties' properties cite, once each."""
    return sorted({i for props in props_list for i in props.get(SOURCE_IDS) or ()})


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


def source_from_props(props: dict[str, Any]) -> Source:
    """The source a Source node holds (no id when its id is only the one its content makes)."""
    values = {k: native(v) for k, v in props.items() if k not in _SOURCE_SKIP}
    if props.get(DERIVED):
        values.pop("id", None)
    return Source.model_validate(values)


def source_attributes(props: dict[str, Any]) -> dict[str, Any]:
    """A source as to_networkx makes it (a dict of its non-empty fields, dates as ISO strings),
    from a Source node's properties."""
    fields = _SOURCE_FIELDS_DERIVED if props.get(DERIVED) else _SOURCE_FIELDS
    return {name: plain(props[name]) for name in fields if props.get(name) is not None}


def sources(props: dict[str, Any], by_id: SourcesById) -> list[Any]:
    """The sources of a tie, in order, from its ``source_ids`` and the sources read by key
    (an id no Source node holds is left out)."""
    return [by_id[i] for i in props.get(SOURCE_IDS) or () if i in by_id]


def actor_from_props(props: dict[str, Any]) -> Actor:
    """The actor a node's properties hold."""
    return Actor.model_validate({k: native(v) for k, v in props.items() if k not in BOOKKEEPING})


def relationship_from_record(source: str, target: str, rel_type: str, props: dict[str, Any],
                             by_id: dict[str, Source]) -> Relationship:
    """The tie a relationship of ``rel_type`` from ``source`` to ``target`` holds; ``by_id``:
    its sources as :func:`source_from_props` made them, by key."""
    values = {k: native(v) for k, v in props.items() if k not in BOOKKEEPING}
    return Relationship(
        source=source,
        target=target,
        type=rel_type,
        since=values.get("since"),
        until=values.get("until"),
        illustrative=bool(values.get("illustrative", False)),
        note=values.get("note"),
        sources=sources(props, by_id),
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


def edge_attributes(rel_type: str, props: dict[str, Any], by_id: SourcesById,
                    dates: tuple[str, ...] = ("since", "until")) -> dict[str, Any]:
    """Edge attributes as to_networkx makes them, from a relationship's Neo4j properties;
    ``by_id``: its sources as :func:`source_attributes` made them, by key (one dict per
    source, shared by every tie citing it: read, never changed in place).

    Called once per relationship: kept to a few dictionary operations.
    """
    attrs = {k: v for k, v in props.items() if k not in _EDGE_SKIP and v is not None}
    for name in dates:
        value = attrs.get(name)
        if value is not None:
            attrs[name] = plain(value)
    attrs["type"] = rel_type
    attrs["illustrative"] = bool(attrs.get("illustrative", False))
    attrs["sources"] = sources(props, by_id)
    return attrs
