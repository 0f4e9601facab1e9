"""Settings, read from the environment at the edges (CLI, app) and passed inward.

Every setting is declared here with its default and meaning; README's
Configuration section lists the same names (a test keeps the two in step).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_URI = "bolt://127.0.0.1:7687"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str | None = Field(
        default=None,
        description="Bolt URI of the Neo4j server. Unset: the app and CLI use the bundled map (embedded mode).",
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr = Field(
        default=SecretStr(""), description="Neo4j password; never printed or logged."
    )
    neo4j_console_user: str = Field(
        default="",
        description="Neo4j user the Cypher console runs as (a reader, on Enterprise or Aura). Unset: NEO4J_USER.",
    )
    neo4j_console_password: SecretStr = Field(
        default=SecretStr(""), description="Password of NEO4J_CONSOLE_USER; never printed or logged."
    )
    neo4j_database: str = Field(default="neo4j", description="Neo4j database name.")
    neo4j_connect_timeout: float = Field(default=5.0, description="Seconds to wait for a connection.")
    neo4j_max_connection_lifetime: float = Field(
        default=3000.0, gt=0,
        description="Seconds a pooled connection lives before the driver replaces it (under Aura's idle cut-off).",
    )
    neo4j_liveness_check_timeout: float = Field(
        default=30.0, ge=0,
        description="Seconds a pooled connection may sit idle before the driver checks it is alive before use.",
    )
    opcomap_query_timeout: float = Field(
        default=10.0, description="Seconds a console or named query may run before it is stopped."
    )
    opcomap_row_cap: int = Field(default=5000, description="Most rows a console query returns.")
    opcomap_cache_dir: Path = Field(
        default=Path.home() / ".cache" / "opcomap",
        description="Where downloaded Neo4j server jars are kept (outside git).",
    )
    opcomap_data_dir: Path = Field(
        default=Path.home() / ".local" / "share" / "opcomap",
        description="Where the local Neo4j server keeps its data, logs and configuration.",
    )
    opcomap_neo4j_heap: str = Field(
        default="2g", pattern=r"^[0-9]+[kmg]$", description="Maximum Java heap of the local Neo4j server."
    )
    opcomap_neo4j_pagecache: str = Field(
        default="512m", pattern=r"^[0-9]+[kmg]$",
        description="Page cache of the local Neo4j server (raise it for bulk loads of millions of ties).",
    )
    opcomap_workspace: Path = Field(
        default=Path.home() / "opcomap-workspace",
        description="Folder of data files that embedded-mode edits are saved to.",
    )
    opcomap_publish: Literal["direct", "review"] = Field(
        default="direct",
        description="How edits reach the published map: direct, or review (a proposal a reviewer accepts).",
    )
    opcomap_review_own: bool = Field(
        default=False,
        description="With review: a reviewer may accept or reject their own proposals (a team of one reviewer).",
    )
    opcomap_read_only: bool | None = Field(
        default=None,
        description="Refuse edits in the app. Unset: read-only when NEO4J_URI points to a non-local server.",
    )
    opcomap_accounts: Path | None = Field(
        default=None,
        description="The accounts file (opcomap users). Unset: accounts.json in OPCOMAP_DATA_DIR. "
        "Without accounts the app is one person's desk (single-user mode).",
    )
    opcomap_session_minutes: int = Field(
        default=60, ge=1, description="Minutes without activity after which a signed-in session ends.",
    )
    opcomap_oidc_role: Literal["viewer", "editor", "reviewer", "admin", "none"] = Field(
        default="viewer",
        description="Role of a person the identity provider signs in who has no account; none refuses them.",
    )

    opcomap_lang: Literal["fr", "en"] = Field(
        default="fr",
        description="Language of the CLI: its messages, help, validation problems and errors (fr or en).",
    )

    @field_validator("opcomap_lang", "opcomap_publish", mode="before")
    @classmethod
    def _lower_lang(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("opcomap_cache_dir", "opcomap_data_dir", "opcomap_workspace", "opcomap_accounts", mode="after")
    @classmethod
    def _expand_home(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @field_validator("opcomap_accounts", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("opcomap_oidc_role", mode="before")
    @classmethod
    def _lower_role(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def accounts_path(self) -> Path:
        return self.opcomap_accounts or self.opcomap_data_dir / "accounts.json"

    @property
    def console_auth(self) -> tuple[str, str] | None:
        """The console's own (user, password), or None: it then runs as NEO4J_USER."""
        user = self.neo4j_console_user.strip()
        return (user, self.neo4j_console_password.get_secret_value()) if user else None

    @property
    def uri(self) -> str:
        return self.neo4j_uri or DEFAULT_URI

    @property
    def bolt_port(self) -> int:
        return urlparse(self.uri).port or 7687

    @property
    def uses_neo4j(self) -> bool:
        return bool(self.neo4j_uri)

    @property
    def read_only(self) -> bool:
        if self.opcomap_read_only is not None:
            return self.opcomap_read_only
        host = urlparse(self.uri).hostname or ""
        return self.uses_neo4j and host not in {"127.0.0.1", "localhost", "::1", "neo4j"}


def get_settings() -> Settings:
    return Settings()
