"""Package attributes imported on first use (PEP 562).

A package's ``__init__`` names what it offers without importing it: a command that
never draws, analyses or reaches Neo4j (``opcomap --help``) then never loads
igraph, NetworkX, matplotlib or the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_attributes(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``homes`` maps each name to its submodule;
    any other name is tried as a submodule (``analysis.questions``).

    >>> get = lazy_attributes("graph_model", {"Actor": "models"})
    >>> get("Actor").__name__, get("schema").__name__
    ('Actor', 'graph_model.schema')
    """

    def __getattr__(name: str) -> Any:
        if name in homes:
            return getattr(import_module(f"{package}.{homes[name]}"), name)
        try:
            return import_module(f"{package}.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None

    return __getattr__
