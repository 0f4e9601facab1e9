"""What the app is running on: settings, schema, data files, language.

Read once per run at the edge (this is the app's equivalent of the CLI's
options). ``opcomap serve --data/--schema`` hands its options over through
the two environment variables below, since ``streamlit run`` owns argv.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graph_model.schema import Schema, load_schema
from opcomap.settings import Settings

DATA_ENV = "OPCOMAP_APP_DATA"  # os.pathsep-separated files or folders
SCHEMA_ENV = "OPCOMAP_APP_SCHEMA"  # a schema YAML file


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    schema: Schema
    schema_path: str | None
    data: tuple[str, ...]
    lang: str = "fr"

    @property
    def mode(self) -> str:
        """``files`` (--data), ``neo4j`` (NEO4J_URI set) or ``embedded`` (bundled map)."""
        if self.data:
            return "files"
        return "neo4j" if self.settings.uses_neo4j else "embedded"

    @property
    def data_paths(self) -> list[Path] | None:
        """Files to read; None means Neo4j. In embedded mode: the edit workspace
        once the user has edited the map, else the bundled reference map. Then, in
        both file modes, the datasets uploaded over that map (opcomap.editing.overlay)."""
        if self.mode == "neo4j":
            return None
        from opcomap.editing.overlay import map_paths

        return map_paths(self.base_paths, self.uploads_root)

    @property
    def base_paths(self) -> list[Path]:
        """The map's own files, without uploads: the --data files, else the workspace or reference."""
        if self.data:
            return [Path(p) for p in self.data]
        from opcomap.editing.workspace import map_folder

        return [map_folder(self.settings.opcomap_workspace)]

    @property
    def uploads_root(self) -> Path:
        """Where datasets uploaded in the app over this map are kept (files modes)."""
        from opcomap.editing.overlay import uploads_root

        return uploads_root(self.settings.opcomap_workspace, self.data)

    @property
    def source_key(self) -> str:
        """Identifies where graphs come from, for cache keys (never holds the password)."""
        if self.mode == "neo4j":
            return f"neo4j|{self.settings.uri}|{self.settings.neo4j_database}|{self.settings.neo4j_user}"
        return f"{self.mode}|{'|'.join(self.data)}|{self.schema_path or ''}"


def data_from_env() -> tuple[str, ...]:
    raw = os.environ.get(DATA_ENV, "")
    return tuple(part for part in raw.split(os.pathsep) if part.strip())


def schema_path_from_env() -> str | None:
    return os.environ.get(SCHEMA_ENV) or None


def build_context(lang: str, schema_loader=load_schema) -> AppContext:
    """The context of this run; raises SchemaError if the schema file is bad."""
    schema_path = schema_path_from_env()
    return AppContext(
        settings=Settings(),
        schema=schema_loader(schema_path),
        schema_path=schema_path,
        data=data_from_env(),
        lang=lang,
    )
