"""The schema: which kinds of actor and which relationship types exist.

The schema is data (YAML). Everything that needs a label, a colour, an allowed
endpoint pair or a required property asks the schema; nothing else in the code
base names a kind or a type, so a user's own schema maps another ecosystem.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graph_model.errors import InvalidValue, SchemaError

ANY = "*"
# Kinds and types become Neo4j labels and relationship types; restricting their
# spelling is what makes it safe to place them in Cypher text.
IDENTIFIER = re.compile(r"^[A-Z][A-Z0-9_]*$")

PropertyType = Literal["str", "int", "float", "bool", "date"]

# Paul Tol's "muted" scheme (colour-blind safe), each at least 3:1 on white, as the default kinds.
_PALETTE = ["#332288", "#599cbd", "#3da493", "#117733", "#999933", "#cc6677", "#882255", "#aa4499"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(_Strict):
    fr: str
    en: str | None = None

    def get(self, lang: str) -> str:
        return (self.en or self.fr) if lang == "en" else self.fr


class PropertySpec(_Strict):
    type: PropertyType = "str"
    required: bool = False
    values: list[str] | None = None
    label: Label | None = None  # what a user reads instead of the column name


class KindSpec(_Strict):
    label: Label
    color: str | None = None
    shape: str = "dot"
    level: int = 2
    aggregate: bool = False


class RelTypeSpec(_Strict):
    label: Label
    directed: bool = True
    endpoints: list[tuple[str, str]] = Field(min_length=1)
    properties: dict[str, PropertySpec] = Field(default_factory=dict)
    layer: str | None = None
    color: str | None = None
    dashes: bool = False
    width: float = 1.0

    def allows(self, source_kind: str, target_kind: str) -> bool:
        """True if an edge from ``source_kind`` to ``target_kind`` is allowed.

        Undirected types accept a pair in either order.
        """
        for s, t in self.endpoints:
            if s in (ANY, source_kind) and t in (ANY, target_kind):
                return True
            if not self.directed and s in (ANY, target_kind) and t in (ANY, source_kind):
                return True
        return False

    def required_properties(self) -> list[str]:
        return [name for name, spec in self.properties.items() if spec.required]


class Interaction(_Strict):
    """One way the centre kind works with others: ties of ``types`` with actors of ``kinds``."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: Label
    types: list[str] = Field(min_length=1)
    kinds: list[str] = Field(min_length=1)


class Story(_Strict):
    """The map's first view: the ``centre`` kind in the middle, its partners grouped by interaction."""

    centre: str
    interactions: list[Interaction] = Field(min_length=1)

    def interaction_of(self, rel_type: str, kind: str) -> Interaction | None:
        """The first interaction a tie of ``rel_type`` with an actor of ``kind`` belongs to."""
        for interaction in self.interactions:
            if rel_type in interaction.types and kind in interaction.kinds:
                return interaction
        return None


class Schema(_Strict):
    """A validated schema. Build one with :func:`load_schema` or :func:`parse_schema`."""

    name: str = "custom"
    kinds: dict[str, KindSpec] = Field(min_length=1)
    relationship_types: dict[str, RelTypeSpec] = Field(min_length=1)
    story: Story | None = None  # a schema without one opens the map on the whole view

    @model_validator(mode="after")
    def _check_names_and_endpoints(self) -> Schema:
        for name in list(self.kinds) + list(self.relationship_types):
            if not IDENTIFIER.match(name):
                raise InvalidValue("problems.schema_bad_name", name=name)
        for type_name, spec in self.relationship_types.items():
            for pair in spec.endpoints:
                for kind in pair:
                    if kind != ANY and kind not in self.kinds:
                        raise InvalidValue("problems.schema_endpoint_unknown", type=type_name, kind=kind)
        if self.story is not None:
            kinds = {self.story.centre}.union(*(set(i.kinds) for i in self.story.interactions))
            for kind in sorted(kinds - set(self.kinds)):
                raise InvalidValue("problems.schema_story_unknown", name=kind)
            types = set().union(*(set(i.types) for i in self.story.interactions))
            for rel_type in sorted(types - set(self.relationship_types)):
                raise InvalidValue("problems.schema_story_unknown", name=rel_type)
        return self

    # -- lookups -----------------------------------------------------------
    def kind_label(self, kind: str, lang: str = "fr") -> str:
        spec = self.kinds.get(kind)
        return spec.label.get(lang) if spec else kind

    def type_label(self, rel_type: str, lang: str = "fr") -> str:
        spec = self.relationship_types.get(rel_type)
        return spec.label.get(lang) if spec else rel_type

    def kind_color(self, kind: str) -> str:
        spec = self.kinds.get(kind)
        if spec and spec.color:
            return spec.color
        names = sorted(self.kinds)
        index = names.index(kind) if kind in names else len(names)
        return _PALETTE[index % len(_PALETTE)]

    def type_color(self, rel_type: str) -> str:
        spec = self.relationship_types.get(rel_type)
        if spec and spec.color:
            return spec.color
        names = sorted(self.relationship_types)
        index = names.index(rel_type) if rel_type in names else len(names)
        return _PALETTE[(index + 5) % len(_PALETTE)]

    def is_directed(self, rel_type: str) -> bool:
        spec = self.relationship_types.get(rel_type)
        return True if spec is None else spec.directed

    def property_label(self, name: str, lang: str = "fr", rel_type: str | None = None) -> str:
        """A property's label: the type's own, else the first type that labels it, else its name.

        >>> s = default_schema()
        >>> s.property_label("levy"), s.property_label("levy", "en"), s.property_label("colour")
        ('Contribution', 'Levy', 'colour')
        """
        types = [self.relationship_types[rel_type]] if rel_type in self.relationship_types else []
        for spec in [*types, *self.relationship_types.values()]:
            prop = spec.properties.get(name)
            if prop is not None and prop.label is not None:
                return prop.label.get(lang)
        return name

    def allowed_pairs_text(self, rel_type: str) -> str:
        spec = self.relationship_types[rel_type]
        return ", ".join(f"{s} → {t}" for s, t in spec.endpoints)

    def suggest_kind(self, word: str) -> str | None:
        """Closest known kind for a misspelt one (``OPCOO`` → ``OPCO``)."""
        return _closest(word, self.kinds)

    def suggest_type(self, word: str) -> str | None:
        return _closest(word, self.relationship_types)

    def layers(self) -> dict[str, list[str]]:
        """Relationship types grouped by analysis layer (a type without one is its own layer)."""
        out: dict[str, list[str]] = {}
        for name, spec in self.relationship_types.items():
            out.setdefault(spec.layer or name.lower(), []).append(name)
        return out


def _closest(word: str, names: Any) -> str | None:
    matches = difflib.get_close_matches(word.upper(), list(names), n=1, cutoff=0.6)
    return matches[0] if matches else None


def parse_schema(data: Any, origin: str = "schéma") -> Schema:
    """Validate a schema given as plain data (what ``yaml.safe_load`` returns)."""
    if not isinstance(data, dict):
        raise SchemaError("problems.schema_not_object", origin=origin)
    try:
        return Schema.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        cause = (first.get("ctx") or {}).get("error")
        what = cause.phrase() if isinstance(cause, InvalidValue) else first["msg"]
        raise SchemaError("problems.schema_invalid", origin=origin, where=where, what=what) from exc


def load_schema(path: str | Path | None = None) -> Schema:
    """Load a schema file, or the bundled default schema when ``path`` is None."""
    if path is None:
        return default_schema()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SchemaError("problems.schema_unreadable", path=str(path), reason=exc.strerror) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SchemaError("problems.schema_bad_yaml", path=str(path), reason=str(exc)) from exc
    if isinstance(data, dict):
        data.setdefault("name", path.stem)
    return parse_schema(data, origin=str(path))


@lru_cache(maxsize=1)
def default_schema() -> Schema:
    text = resources.files("graph_model").joinpath("default_schema.yaml").read_text(encoding="utf-8")
    # libyaml's safe loader when PyYAML has it: the same data, read by every command, in C.
    # A user's schema keeps the pure-Python loader, whose error messages the tests check.
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (a safe loader)
    data.setdefault("name", "opco-fr")
    return parse_schema(data, origin="default_schema.yaml")
