"""The ``opcomap`` command. Each topic registers its commands from its own module.

This is the one place where domain errors become messages and exit codes:
a user sees one clear sentence, never a traceback.
"""

from __future__ import annotations

import logging
import sys

# Importing a module registers its commands on ``app``.
from opcomap.cli import (
    analyze_cmd,  # noqa: F401 (analyze ...)
    data_cmd,  # noqa: F401    (validate, load, generate)
    export_cmd,  # noqa: F401  (export)
    import_cmd,  # noqa: F401  (import)
    query_cmd,  # noqa: F401   (query, cypher)
    reconcile_cmd,  # noqa: F401 (reconcile)
    review_cmd,  # noqa: F401  (review list|show|accept|reject)
    schema_cmd,  # noqa: F401  (opcomap schema apply)
    serve_cmd,  # noqa: F401   (serve)
    server_cmd,  # noqa: F401  (opcomap neo4j ...)
    users_cmd,  # noqa: F401   (opcomap users ...)
)
from opcomap.cli.common import app, fail_gracefully


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sys.exit(fail_gracefully(app, one_shot=True))


__all__ = ["app", "main"]
