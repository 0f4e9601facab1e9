"""Schema rules applied to models: the checks shared by loaders and app forms.

Each function returns ``(column, message)`` pairs so the caller can add the
file and row (loaders) or show the message beside the field (app forms).
"""

from __future__ import annotations

import datetime as dt

from graph_model.models import Actor, Relationship, Scalar
from graph_model.schema import PropertySpec, Schema

Finding = tuple[str, str]


def actor_findings(actor: Actor, schema: Schema) -> list[Finding]:
    if actor.kind in schema.kinds:
        return []
    hint = schema.suggest_kind(actor.kind)
    message = f"genre inconnu « {actor.kind} »"
    if hint:
        message += f" (vouliez-vous dire {hint} ?)"
    else:
        message += f" ; genres connus : {', '.join(sorted(schema.kinds))}"
    return [("kind", message)]


def relationship_findings(
    rel: Relationship, schema: Schema, kind_of: dict[str, str]
) -> list[Finding]:
    """Problems with one relationship, given the kind of every known actor id."""
    findings: list[Finding] = []
    spec = schema.relationship_types.get(rel.type)
    if spec is None:
        hint = schema.suggest_type(rel.type)
        message = f"type de relation inconnu « {rel.type} »"
        message += f" (vouliez-vous dire {hint} ?)" if hint else f" ; types connus : {', '.join(sorted(schema.relationship_types))}"
        findings.append(("type", message))
    for column in ("source", "target"):
        actor_id = getattr(rel, column)
        if actor_id not in kind_of:
            findings.append((column, f"l'acteur « {actor_id} » n'existe pas"))
    if spec is None or findings:
        return findings
    source_kind, target_kind = kind_of[rel.source], kind_of[rel.target]
    if not spec.allows(source_kind, target_kind):
        findings.append((
            "type",
            (f"{rel.type} ne peut pas relier {source_kind} → {target_kind} ; "
             f"paires autorisées : {schema.allowed_pairs_text(rel.type)}"),
        ))
    for name in spec.required_properties():
        if rel.properties.get(name) in (None, ""):
            findings.append((name, f"propriété obligatoire pour {rel.type} manquante"))
    for name, value in rel.properties.items():
        prop = spec.properties.get(name)
        if prop is None:
            known = ", ".join(spec.properties) or "aucune"
            findings.append((name, f"propriété inconnue pour {rel.type} (propriétés admises : {known})"))
            continue
        problem = _value_problem(value, prop)
        if problem:
            findings.append((name, problem))
    return findings


def coerce_property(raw: str, spec: PropertySpec) -> Scalar | dt.date:
    """Turn a cell's text into the schema's type; raises ValueError with a plain message."""
    text = raw.strip()
    if spec.type == "int":
        try:
            return int(text.replace(" ", ""))
        except ValueError:
            raise ValueError(f"« {raw} » n'est pas un nombre entier") from None
    if spec.type == "float":
        try:
            return float(text.replace(" ", "").replace(",", "."))
        except ValueError:
            raise ValueError(f"« {raw} » n'est pas un nombre") from None
    if spec.type == "bool":
        lowered = text.lower()
        if lowered in {"true", "vrai", "oui", "yes", "1"}:
            return True
        if lowered in {"false", "faux", "non", "no", "0"}:
            return False
        raise ValueError(f"« {raw} » n'est pas oui/non")
    if spec.type == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"« {raw} » n'est pas une date AAAA-MM-JJ valide") from None
    return text


def _value_problem(value: Scalar, spec: PropertySpec) -> str | None:
    expected = {"int": int, "float": (int, float), "bool": bool, "str": str, "date": str}[spec.type]
    if isinstance(value, bool) and spec.type in ("int", "float"):
        return f"« {value} » n'est pas un nombre"
    if not isinstance(value, expected):
        return f"« {value} » devrait être de type {spec.type}"
    if spec.type == "date":
        # Dates travel as ISO text; a form may hand over any text, so check it is a real day.
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return f"« {value} » n'est pas une date AAAA-MM-JJ valide"
    if spec.values is not None and str(value) not in spec.values:
        return f"valeur « {value} » non admise ; valeurs admises : {', '.join(spec.values)}"
    return None
