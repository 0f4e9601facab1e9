"""``opcomap ARGS`` run in-process through the real entry point, as ``main()`` does: the ``cli`` fixture."""

from __future__ import annotations

import sys

import pytest

from opcomap.cli import app
from opcomap.cli.common import fail_gracefully

SETTINGS_ENV = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "NEO4J_CONSOLE_USER", "NEO4J_CONSOLE_PASSWORD",
                "OPCOMAP_QUERY_TIMEOUT", "OPCOMAP_ROW_CAP", "OPCOMAP_LANG")


@pytest.fixture
def cli(monkeypatch, tmp_path, capsys):
    """Run ``opcomap ARGS`` with a clean environment plus ``env``; returns (exit code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)  # no stray .env file
    for name in SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)

    def run(*args: str, **env: str) -> tuple[int, str, str]:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "argv", ["opcomap", *args])
        code = fail_gracefully(app)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def one_sentence(text: str) -> str:
    """The text with the console's line wrapping undone."""
    return " ".join(text.split())
