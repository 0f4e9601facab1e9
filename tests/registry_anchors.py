"""The map the registry tests' expectations were written against.

The curated reference map grows (a branch unknown today gets its IDCC tomorrow); what an
importer does with a branch the map knows, or does not, must be tested whatever it holds.
"""

from __future__ import annotations

from functools import cache

from graph_model.schema import default_schema
from loaders import load_dataset
from loaders.registries import Anchors
from loaders.bundled import reference_dir


@cache
def _reference():
    return load_dataset([reference_dir()], default_schema())


def anchors_knowing(*idcc: str) -> Anchors:
    """The reference map's actors, its branches reduced to those of these IDCC."""
    reference = _reference()
    return Anchors(reference.model_copy(update={
        "actors": [a for a in reference.actors if a.kind != "BRANCH" or a.idcc in idcc]}))
