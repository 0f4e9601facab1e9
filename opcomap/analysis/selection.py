"""What a user is looking at: the filters shared by the map, analysis, exports and URLs.

One model, so a view chosen in the app, passed on the CLI or encoded in a
shared link means the same selection everywhere.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


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

    def describe(self, lang: str = "fr") -> str:
        """A one-line caption of the filters, for diagrams and exports."""
        parts: list[str] = []
        fr = lang != "en"
        if self.kinds:
            parts.append(("genres : " if fr else "kinds: ") + ", ".join(self.kinds))
        if self.types:
            parts.append(("relations : " if fr else "relationships: ") + ", ".join(self.types))
        if self.region:
            parts.append(("Région " if fr else "Region ") + self.region)
        if self.opco:
            parts.append(f"OPCO {self.opco}")
        if self.as_of:
            parts.append(("au " if fr else "as of ") + self.as_of.isoformat())
        if self.dataset:
            parts.append(("jeu " if fr else "dataset ") + self.dataset)
        if not self.include_illustrative:
            parts.append("sans liens illustratifs" if fr else "without illustrative ties")
        if not self.include_weak:
            parts.append("sans liens à source faible" if fr else "without weakly sourced ties")
        if self.focus:
            parts.append(("autour de " if fr else "around ") + f"{self.focus} ({self.depth})")
        return " ; ".join(parts) if parts else ("carte complète" if fr else "whole map")
