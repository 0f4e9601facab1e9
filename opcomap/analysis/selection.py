"""What a user is looking at: the filters shared by the map, analysis, exports and URLs.

One model, so a view chosen in the app, passed on the CLI or encoded in a
shared link means the same selection everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from graph_model.words import t
from graph_model.words.formats import day

if TYPE_CHECKING:
    from graph_model.schema import Schema


class ViewFilters(BaseModel):
    """A selection of the map. Every field left at its default selects everything."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: tuple[str, ...] | None = Field(default=None, description="Actor kinds to keep (None: all).")
    types: tuple[str, ...] | None = Field(default=None, description="Relationship types to keep (None: all).")
    region: str | None = Field(
        default=None,
        description="INSEE code of a Région: keep its actors and the national actors tied to them.",
    )
    opco: str | None = Field(default=None, description="Id of an OPCO: keep it and the actors tied to it.")
    as_of: dt.date | None = Field(default=None, description="Keep what was valid on that day.")
    dataset: str | None = Field(default=None, description="Keep what this dataset loaded (Neo4j only).")
    include_illustrative: bool = Field(default=True, description="Keep ties marked illustrative.")
    include_weak: bool = Field(default=True, description="Keep ties whose best source is weak (see analysis.filters.is_weak).")
    focus: str | None = Field(default=None, description="Id of an actor: keep its ego network.")
    depth: int = Field(default=1, ge=1, le=3, description="Depth of the ego network around focus.")

    def describe(self, lang: str = "fr", schema: Schema | None = None,
                 names: Mapping[str, str] | None = None) -> str:
        """A one-line caption of the filters, for diagrams and exports; kinds and types by
        their schema labels when ``schema`` is given (their codes otherwise), the OPCO and the
        focus by their ``names`` when given (their ids otherwise).

        >>> ViewFilters(kinds=("OPCO",), as_of=dt.date(2024, 1, 1)).describe()
        'genres : OPCO ; au 01/01/2024'
        >>> ViewFilters(include_weak=False).describe("en")
        'without weakly sourced ties'
        >>> ViewFilters(opco="opco-akto").describe("fr", names={"opco-akto": "AKTO"})
        'OPCO : AKTO'
        """
        names = names or {}
        kinds = [schema.kind_label(k, lang) if schema else k for k in self.kinds or ()]
        types = [schema.type_label(k, lang) if schema else k for k in self.types or ()]
        said = [
            ("view.kinds", {"names": ", ".join(kinds)}) if kinds else None,
            ("view.types", {"names": ", ".join(types)}) if types else None,
            ("view.region", {"code": self.region}) if self.region else None,
            ("view.opco", {"id": names.get(self.opco, self.opco)}) if self.opco else None,
            ("view.as_of", {"day": day(self.as_of, lang)}) if self.as_of else None,
            ("view.dataset", {"name": self.dataset}) if self.dataset else None,
            ("view.no_illustrative", {}) if not self.include_illustrative else None,
            ("view.no_weak", {}) if not self.include_weak else None,
            ("view.focus", {"id": names.get(self.focus, self.focus), "depth": self.depth})
            if self.focus else None,
        ]
        parts = [t(key, lang, **params) for key, params in filter(None, said)]
        return t("view.separator", lang).join(parts) if parts else t("view.whole_map", lang)
