"""Strict models of what the map holds: actors, relationships and their sources.

Unknown fields are refused (``extra="forbid"``) so a typo in a column name is
reported instead of silently dropped. Schema-dependent checks (is this kind
known, may this type join these kinds) live in :mod:`graph_model.rules`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph_model.errors import InvalidValue

SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
Scalar = str | int | float | bool
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


@functools.cache
def _all_fields(cls: type[BaseModel]) -> set[str]:
    return set(cls.model_fields)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @classmethod
    def checked(cls, fields: dict[str, Any]):  # type: ignore[no-untyped-def]
        """A model from every field's value, already proved valid by the loaders' bulk checks:
        what ``model_construct`` makes, without its per-field work (a national map has a
        million ties).

        >>> Source.checked({"title": "Code", "id": None, "url": None, "publisher": None,
        ...                 "consulted": None, "confidence": None}) == Source(title="Code")
        True
        """
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", fields)
        # One set for every model given all its fields: pydantic only adds names to it, and
        # they are all there already (a set per model was a third of an actor's memory).
        object.__setattr__(model, "__pydantic_fields_set__", _all_fields(cls))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model


class Source(_Strict):
    """Where a relationship comes from: a public document anyone can check.

    ``id`` is the curated id a sources file gives it (``source_id``); a source written
    inline on a tie (or in the app) has none, and :attr:`key` is then made from its content.
    """

    title: str = Field(min_length=1)
    id: str | None = None
    url: str | None = None
    publisher: str | None = None
    consulted: dt.date | None = None
    confidence: Confidence | None = None

    @field_validator("url")
    @classmethod
    def _url_is_web(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise InvalidValue("problems.url_not_web")
        return value or None

    @property
    def key(self) -> str:
        """Its curated id, or a stable one from its content (the same source, the same key).

        >>> Source(title="Code du travail", id="code").key, Source(title="Code du travail").key
        ('code', 'src-...')
        """
        if self.id:
            return self.id
        payload = json.dumps(self.model_dump(mode="json", exclude={"id"}), sort_keys=True, ensure_ascii=False)
        return "src-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:10]


class Actor(_Strict):
    """An organisation, body, population or event on the map."""

    id: str
    name: str = Field(min_length=1)
    kind: str
    short_name: str | None = None
    official_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    region_code: str | None = None
    region_name: str | None = None
    siret: str | None = None
    idcc: str | None = None
    website: str | None = None
    description: str | None = None
    sectors: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    since: dt.date | None = None
    until: dt.date | None = None

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise InvalidValue("problems.id_not_slug")
        return value

    @field_validator("siret")
    @classmethod
    def _siret_digits(cls, value: str | None) -> str | None:
        if value:
            value = value.replace(" ", "")
            if not (value.isdigit() and len(value) == 14):
                raise InvalidValue("problems.siret_digits")
        return value or None

    @field_validator("idcc")
    @classmethod
    def _idcc_digits(cls, value: str | None) -> str | None:
        if value:
            if not (value.isdigit() and len(value) <= 4):
                raise InvalidValue("problems.idcc_digits")
            value = value.zfill(4)
        return value or None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Actor:
        if self.since and self.until and self.until < self.since:
            raise InvalidValue("problems.until_before_since")
        return self

    def active_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


class Relationship(_Strict):
    """A tie between two actors, with its validity period and its sources.

    ``properties`` holds the type-specific values the schema declares
    (``amount_eur`` and ``year`` for funding, ``role`` for a seat...).
    """

    source: str
    target: str
    type: str
    since: dt.date | None = None
    until: dt.date | None = None
    illustrative: bool = False
    sources: list[Source] = Field(default_factory=list)
    properties: dict[str, Scalar] = Field(default_factory=dict)
    note: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Relationship:
        if self.since and self.until and self.until < self.since:
            raise InvalidValue("problems.until_before_since")
        if self.source == self.target:
            raise InvalidValue("problems.self_tie")
        return self

    @property
    def key(self) -> str:
        """Stable identity: the same tie loaded twice merges onto one Neo4j relationship."""
        since = self.since.isoformat() if self.since else ""
        return f"{self.source}|{self.type}|{self.target}|{since}"

    def active_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


class Dataset(_Strict):
    """A whole map: what the loaders produce and the store writes."""

    actors: list[Actor] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    # Ids of actors this dataset only refers to, defined by another map (a registry import
    # carries the reference map's OPCO so it validates alone): elsewhere, the other one wins.
    anchors: list[str] = Field(default_factory=list)

    def actor_index(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}
