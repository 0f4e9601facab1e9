"""Settings: documented, read from the environment, and never showing the password."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from opcomap.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_in_env_example_and_readme():
    env_example = (REPO / ".env.example").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in env_example, f"{name.upper()} missing from .env.example"
        assert name.upper() in readme, f"{name.upper()} missing from README"


def test_password_never_appears_in_repr_or_dump(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "very-secret-pw")
    settings = Settings(_env_file=None)
    assert settings.neo4j_password.get_secret_value() == "very-secret-pw"
    assert "very-secret-pw" not in repr(settings)
    assert "very-secret-pw" not in str(settings.model_dump())


def test_embedded_mode_without_uri(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert Settings(_env_file=None).uses_neo4j is False


def test_read_only_defaults_on_for_a_remote_server():
    remote = Settings(_env_file=None, neo4j_uri="neo4j+s://abcd.databases.neo4j.io")
    local = Settings(_env_file=None, neo4j_uri="bolt://127.0.0.1:7687")
    assert remote.read_only is True
    assert local.read_only is False
    assert Settings(_env_file=None, neo4j_uri="neo4j+s://x.io", opcomap_read_only=False).read_only is False


def test_bolt_port_comes_from_the_uri():
    assert Settings(_env_file=None, neo4j_uri="bolt://127.0.0.1:7711").bolt_port == 7711
    assert Settings(_env_file=None, neo4j_password=SecretStr("x")).bolt_port == 7687


def test_home_in_paths_is_expanded(monkeypatch):
    monkeypatch.setenv("OPCOMAP_WORKSPACE", "~/somewhere")
    assert "~" not in str(Settings(_env_file=None).opcomap_workspace)


def test_local_server_memory_is_configurable_and_validated(tmp_path):
    import pytest
    from pydantic import ValidationError

    from opcomap.store.local_server import LocalServer, write_config

    settings = Settings(_env_file=None, opcomap_data_dir=tmp_path, opcomap_neo4j_pagecache="3g")
    conf = write_config(LocalServer(settings)).read_text(encoding="utf-8")
    assert "server.memory.pagecache.size=3g" in conf
    assert "server.memory.heap.max_size=2g" in conf
    with pytest.raises(ValidationError):
        Settings(_env_file=None, opcomap_neo4j_heap="lots")


def test_cli_language_is_a_setting_french_by_default(monkeypatch):
    import pytest
    from pydantic import ValidationError

    monkeypatch.delenv("OPCOMAP_LANG", raising=False)
    assert Settings(_env_file=None).opcomap_lang == "fr"
    monkeypatch.setenv("OPCOMAP_LANG", "EN")
    assert Settings(_env_file=None).opcomap_lang == "en"
    monkeypatch.setenv("OPCOMAP_LANG", "de")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)
