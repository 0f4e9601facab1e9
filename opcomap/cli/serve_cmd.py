"""``opcomap serve``: start the Streamlit app (headless, no usage statistics)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from graph_model.schema import load_schema
from opcomap.cli.common import DataOption, SchemaOption, app, out
from opcomap.errors import OpcomapError
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV

_CHECKOUT_APP = Path(__file__).resolve().parents[2] / "app.py"
_PACKAGED_APP = Path(__file__).resolve().parents[1] / "ui" / "entry.py"


def app_script() -> Path:
    """The top-level app.py of a checkout, else the copy shipped inside the package."""
    return _CHECKOUT_APP if _CHECKOUT_APP.is_file() else _PACKAGED_APP


def streamlit_command(port: int, address: str) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(app_script()),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", address,
        "--browser.gatherUsageStats", "false",
        "--server.runOnSave", "false",
        "--client.toolbarMode", "viewer",  # no developer menu or "Deploy" button for users
    ]


def serve_environment(data: list[Path] | None, schema: Path | None) -> dict[str, str]:
    """The environment handing --data and --schema over to the app (absolute paths)."""
    env = dict(os.environ)
    env.pop(DATA_ENV, None)
    env.pop(SCHEMA_ENV, None)
    if data:
        missing = [str(p) for p in data if not p.exists()]
        if missing:
            raise OpcomapError(f"introuvable : {', '.join(missing)}")
        env[DATA_ENV] = os.pathsep.join(str(p.resolve()) for p in data)
    if schema:
        load_schema(schema)  # a bad schema file is reported here, not in the browser
        env[SCHEMA_ENV] = str(schema.resolve())
    return env


@app.command()
def serve(
    data: DataOption = None,
    schema: SchemaOption = None,
    port: Annotated[int, typer.Option("--port", "-p", help="Port HTTP de l'application.")] = 8501,
    address: Annotated[
        str, typer.Option("--address", help="Adresse d'écoute (0.0.0.0 pour l'ouvrir au réseau local).")
    ] = "127.0.0.1",
) -> None:
    """Lance l'application web (Streamlit) : carte, fiches d'acteurs, analyses, Cypher.

    Sans --data : Neo4j si NEO4J_URI est défini, sinon la carte de référence fournie.
    Ouvrez ensuite http://127.0.0.1:PORT dans un navigateur ; Ctrl+C pour arrêter.
    """
    env = serve_environment(data, schema)
    out.print(f"opcomap : http://{address}:{port} (Ctrl+C pour arrêter)")
    code = subprocess.call(streamlit_command(port, address), env=env)
    if code not in (0, -2, 130):
        raise typer.Exit(code)
