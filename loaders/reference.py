"""The bundled reference map's sources, which any file may cite by their curated id."""

from __future__ import annotations

import functools

from graph_model.models import Source


@functools.cache
def reference_sources() -> dict[str, Source]:
    """The reference map's sources by id (read once: the file ships with opcomap and never changes)."""
    from graph_model import default_schema
    from loaders.bundled import reference_dir
    from loaders.parser import Parser
    from loaders.readers import read_path

    tables, _ = read_path(reference_dir() / "sources.csv")
    parser = Parser(default_schema(), build=False)
    parser.parse(tables)
    return dict(parser.sources)
