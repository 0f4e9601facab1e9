"""Where bundled data lives, in a source checkout and in an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _bundled(folder: Path, package: str) -> Path:
    # In a checkout (and an editable install) the folders sit beside the package;
    # a wheel carries them as package data (see pyproject's package-dir).
    if folder.is_dir():
        return folder
    return Path(str(resources.files(package)))


def reference_dir() -> Path:
    """The bundled reference map (CSV files)."""
    return _bundled(_CHECKOUT / "data" / "reference", "opcomap.reference")


def queries_dir() -> Path:
    """The named Cypher questions (.cypher files)."""
    return _bundled(_CHECKOUT / "queries", "opcomap.queries")
