"""Which map is read when no ``--data`` is given and Neo4j is not configured: one rule for
the app and every command.

The edit workspace once the map has been edited there, else the bundled reference map;
then each dataset uploaded over it in the app. :func:`embedded_words` says which, in
the words the sidebar and ``--help`` show. Kept free of heavy imports: a short command
asks it before reading anything.
"""

from __future__ import annotations

from pathlib import Path

from loaders.bundled import reference_dir

UPLOADS = "uploads"  # embedded mode: <workspace>/uploads/<name>/
UPLOADS_OVER_DATA = "uploads-data"  # --data mode: <workspace>/uploads-data/<key of the --data set>/<name>/
MANIFEST = "upload.toml"  # not a data suffix: the loaders skip it


def map_folder(workspace: Path, reference: Path | None = None) -> Path:
    """The folder the embedded-mode map is read from: the workspace once it has been
    edited, else the bundled reference map.

    >>> import tempfile
    >>> map_folder(Path(tempfile.mkdtemp()), reference=Path("ref")).name
    'ref'
    """
    reference = reference if reference is not None else reference_dir()
    return workspace if (Path(workspace).expanduser() / "actors.csv").is_file() else reference


def upload_folders(root: Path) -> list[Path]:
    """Finished dataset folders, by name (a folder being written or removed is hidden)."""
    try:
        found = [p for p in Path(root).iterdir() if not p.name.startswith(".") and (p / MANIFEST).is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name)


def embedded_paths(workspace: Path) -> list[Path]:
    """What is read without ``--data`` and without Neo4j: the map's folder, then each upload."""
    return [map_folder(workspace), *upload_folders(Path(workspace).expanduser() / UPLOADS)]


def embedded_words(workspace: Path) -> tuple[str, dict[str, str]]:
    """The catalogue key and values naming the embedded map: ``mode.workspace`` once the map
    has been edited, else ``mode.embedded``."""
    folder = map_folder(workspace)
    if folder == reference_dir():
        return "mode.embedded", {}
    return "mode.workspace", {"path": str(folder)}
