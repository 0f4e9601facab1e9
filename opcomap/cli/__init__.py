"""The ``opcomap`` command. Each topic registers its commands from its own module.

This is the one place where domain errors become messages and exit codes:
a user sees one clear sentence, never a traceback.
"""

from __future__ import annotations

import logging
import sys

import typer

from opcomap.cli.common import app, fail_gracefully

# Importing a module registers its commands on ``app``.
from opcomap.cli import server_cmd  # noqa: E402,F401  (opcomap neo4j ...)
from opcomap.cli import data_cmd  # noqa: E402,F401    (validate, load, generate)
from opcomap.cli import export_cmd  # noqa: E402,F401  (export)
from opcomap.cli import query_cmd  # noqa: E402,F401   (query, cypher)
from opcomap.cli import analyze_cmd  # noqa: E402,F401 (analyze ...)
from opcomap.cli import serve_cmd  # noqa: E402,F401   (serve)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sys.exit(fail_gracefully(app))


__all__ = ["app", "main"]
