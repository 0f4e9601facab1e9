"""Schema rules applied to models: the checks shared by loaders and app forms.

Each function returns ``(column, phrase)`` pairs so the caller can add the
file and row (loaders) or show the message beside the field (app forms); the
phrase is a catalogue sentence, said in the user's language (``str()`` is French).
"""

from __future__ import annotations

import datetime as dt
import math

from graph_model.errors import InvalidValue, Phrase
from graph_model.models import Actor, Relationship, Scalar, Source
from graph_model.schema import PropertySpec, Schema
from graph_model.words.values import cell_day, iso_day, number_text, truth

Finding = tuple[str, Phrase]


def actor_findings(actor: Actor, schema: Schema) -> list[Finding]:
    if actor.kind in schema.kinds:
        return []
    hint = schema.suggest_kind(actor.kind)
    if hint:
        return [("kind", Phrase("problems.kind_unknown_hint", {"kind": actor.kind, "hint": hint}))]
    return [("kind", Phrase("problems.kind_unknown", {"kind": actor.kind, "known": ", ".join(sorted(schema.kinds))}))]


def relationship_findings(
    rel: Relationship, schema: Schema, kind_of: dict[str, str]
) -> list[Finding]:
    """Problems with one relationship, given the kind of every known actor id."""
    findings = reference_findings(rel.source, rel.target, rel.type, schema, kind_of)
    spec = schema.relationship_types.get(rel.type)
    if spec is None or findings:
        return findings + sources_findings(rel.sources)
    source_kind, target_kind = kind_of[rel.source], kind_of[rel.target]
    if not spec.allows(source_kind, target_kind):
        findings.append(("type", Phrase("problems.pair_forbidden", {
            "type": rel.type, "source": source_kind, "target": target_kind,
            "pairs": schema.allowed_pairs_text(rel.type)})))
    for name in spec.required_properties():
        if rel.properties.get(name) in (None, ""):
            findings.append((name, Phrase("problems.property_required", {"type": rel.type})))
    for name, value in rel.properties.items():
        prop = spec.properties.get(name)
        if prop is None:
            if spec.properties:
                findings.append((name, Phrase("problems.property_unknown", {
                    "type": rel.type, "known": ", ".join(spec.properties)})))
            else:
                findings.append((name, Phrase("problems.property_unknown_none", {"type": rel.type})))
            continue
        problem = value_problem(value, prop)
        if problem:
            findings.append((name, problem))
    return findings + sources_findings(rel.sources)


def reference_findings(
    source: str | None, target: str | None, rel_type: str | None, schema: Schema, kind_of: dict[str, str]
) -> list[Finding]:
    """What a tie names that the map does not know: its type, its ends (``None``: not given).
    Checked even on a row with other problems, so a user sees them all at once."""
    findings: list[Finding] = []
    if rel_type is not None and rel_type not in schema.relationship_types:
        hint = schema.suggest_type(rel_type)
        if hint:
            findings.append(("type", Phrase("problems.type_unknown_hint", {"type": rel_type, "hint": hint})))
        else:
            known = ", ".join(sorted(schema.relationship_types))
            findings.append(("type", Phrase("problems.type_unknown", {"type": rel_type, "known": known})))
    for column, actor_id in (("source", source), ("target", target)):
        if actor_id is not None and actor_id not in kind_of:
            findings.append((column, Phrase("problems.actor_missing", {"id": actor_id})))
    return findings


def sources_findings(sources: list[Source]) -> list[Finding]:
    """Every tie cites at least one source, whichever way it comes in (file, form, import)."""
    return [] if sources else [("sources", Phrase("problems.source_required", {}))]


def coerce_property(raw: str, spec: PropertySpec) -> Scalar | dt.date:
    """Turn a cell's text into the schema's type; raises InvalidValue (a ValueError) with a plain message."""
    text = raw.strip()
    if spec.type == "int":
        try:
            return int(number_text(text))
        except ValueError:
            raise InvalidValue("problems.not_integer", value=raw) from None
    if spec.type == "float":
        try:
            number = float(number_text(text))
        except ValueError:
            raise InvalidValue("problems.not_number", value=raw) from None
        # float() also reads "nan" and "inf": no amount or share, and they spoil every sum and sort.
        if not math.isfinite(number):
            raise InvalidValue("problems.not_number", value=raw)
        return number
    if spec.type == "bool":
        answer = truth(text)
        if answer is None:
            raise InvalidValue("problems.not_yes_no", value=raw)
        return answer
    if spec.type == "date":
        day = cell_day(text)
        if day is None:
            raise InvalidValue("problems.not_iso_date", value=raw)
        return day
    return text


def value_problem(value: Scalar, spec: PropertySpec) -> Phrase | None:
    expected = {"int": int, "float": (int, float), "bool": bool, "str": str, "date": str}[spec.type]
    if isinstance(value, bool) and spec.type in ("int", "float"):
        return Phrase("problems.not_number", {"value": value})
    if not isinstance(value, expected):
        return Phrase("problems.wrong_type", {"value": value, "type": spec.type})
    if isinstance(value, float) and not math.isfinite(value):
        return Phrase("problems.not_number", {"value": value})
    # Dates travel as ISO text; a form may hand over any text, so check it is a real day.
    if spec.type == "date" and iso_day(value) is None:
        return Phrase("problems.not_iso_date", {"value": value})
    if spec.values is not None and str(value) not in spec.values:
        return Phrase("problems.value_not_allowed", {"value": value, "allowed": ", ".join(spec.values)})
    return None
