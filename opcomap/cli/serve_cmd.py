"""``opcomap serve``: start the Streamlit app (headless, no usage statistics).

Streamlit runs in this process, after :func:`opcomap.ui.warm.warm_up` has read
the data and drawn the default map into the app's caches: the address is
printed once the first page is ready, and the first visit is as quick as the
next ones.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Annotated

import typer

from graph_model.schema import load_schema
from opcomap.cli.common import DataOption, SchemaOption, app, out
from opcomap.errors import OpcomapError
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV

PROBLEMS_SHOWN = 5  # at start-up; the app lists them all
_CHECKOUT_APP = Path(__file__).resolve().parents[2] / "app.py"
_PACKAGED_APP = Path(__file__).resolve().parents[1] / "ui" / "entry.py"


def app_script() -> Path:
    """The top-level app.py of a checkout, else the copy shipped inside the package."""
    return _CHECKOUT_APP if _CHECKOUT_APP.is_file() else _PACKAGED_APP


def streamlit_args(port: int, address: str) -> list[str]:
    """The arguments of ``streamlit`` (its own command line) that run the app."""
    return [
        "run", str(app_script()),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", address,
        "--browser.gatherUsageStats", "false",
        "--server.runOnSave", "false",
        # Watching sources re-scans every imported module after each run, on the
        # event loop that sends the page: about 0.9 s per visit here. Users edit data, not code.
        "--server.fileWatcherType", "none",
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
    for name in (DATA_ENV, SCHEMA_ENV):  # the app reads them from the environment
        if name in env:
            os.environ[name] = env[name]
        else:
            os.environ.pop(name, None)
    _warm(out)
    out.print(f"opcomap : http://{address}:{port} (Ctrl+C pour arrêter)")
    from streamlit.web import cli as streamlit_cli

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C before Streamlit installed its own handler
        streamlit_cli.main(args=streamlit_args(port, address), prog_name="streamlit", standalone_mode=False)


def _warm(console) -> None:
    """Prepare the first page; a problem is said in one line, and the app starts anyway."""
    from opcomap.ui.warm import warm_up

    with console.status("Préparation de la carte…"):
        try:
            done = warm_up()
        except OpcomapError as exc:
            console.print(f"[yellow]La carte n'a pas pu être préparée : {exc}.[/] L'application les montre aussi.",
                          highlight=False)
            for problem in getattr(exc, "problems", [])[:PROBLEMS_SHOWN]:
                console.print(f"  • {problem}", markup=False, highlight=False)
            return
    if done:
        console.print(f"Carte prête : {done.actors} acteurs, {done.relationships} relations ({done.seconds:.1f} s).")
