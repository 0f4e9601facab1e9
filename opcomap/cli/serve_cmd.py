"""``opcomap serve``: start the Streamlit app (headless, no usage statistics).

Streamlit runs in this process, after :func:`opcomap.ui.warm.warm_up` has read
the data and drawn the default map into the app's caches: the address is
printed once the first page is ready, and the first visit is as quick as the
next ones.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Annotated

import typer

from graph_model.errors import OpcomapError
from opcomap.cli.common import DataOption, SchemaOption, app
from opcomap.cli.output import literal, out, say, words

PROBLEMS_SHOWN = 5  # at start-up; the app lists them all
_CHECKOUT_APP = Path(__file__).resolve().parents[2] / "app.py"
_PACKAGED_APP = Path(__file__).resolve().parents[1] / "ui" / "entry.py"


def app_script() -> Path:
    """The top-level app.py of a checkout, else the copy shipped inside the package."""
    return _CHECKOUT_APP if _CHECKOUT_APP.is_file() else _PACKAGED_APP


def streamlit_options(port: int, address: str) -> dict[str, object]:
    """Streamlit's configuration for a served app (its own option names)."""
    return {
        "server.headless": True,
        "server.port": port,
        "server.address": address,
        "browser.gatherUsageStats": False,
        "server.runOnSave": False,
        # Watching sources re-scans every imported module after each run, on the
        # event loop that sends the page, slowing every visit. Users edit data, not code.
        "server.fileWatcherType": "none",
        "client.toolbarMode": "viewer",  # no developer menu or "Deploy" button for users
        # A full collection after every run walks every object of the map the app holds,
        # holding the GIL while the page's messages wait: Python's own thresholds suffice.
        "runner.postScriptGC": False,
        # Streamlit's "You can now view…" comes before the app is ready: opcomap says the
        # address itself once the first page has been served.
        "logger.hideWelcomeMessage": True,
        # Streamlit's informational lines ("Uvicorn server started…") are English server talk
        # between opcomap's own sentences; its warnings and errors still show.
        "logger.level": "warning",
    }


def streamlit_args(port: int, address: str) -> list[str]:
    """The arguments of ``streamlit`` (its own command line) that run the app."""
    args = ["run", str(app_script())]
    for name, value in streamlit_options(port, address).items():
        args += [f"--{name}", str(value).lower() if isinstance(value, bool) else str(value)]
    return args


def serve_environment(data: list[Path] | None, schema: Path | None) -> dict[str, str]:
    """The environment handing --data and --schema over to the app (absolute paths)."""
    from graph_model.schema import load_schema
    from opcomap.ui.context import DATA_ENV, SCHEMA_ENV

    env = dict(os.environ)
    env.pop(DATA_ENV, None)
    env.pop(SCHEMA_ENV, None)
    if data:
        missing = [str(p) for p in data if not p.exists()]
        if missing:
            raise OpcomapError("cli.serve.missing", paths=", ".join(missing))
        env[DATA_ENV] = os.pathsep.join(str(p.resolve()) for p in data)
    if schema:
        load_schema(schema)  # a bad schema file is reported here, not in the browser
        env[SCHEMA_ENV] = str(schema.resolve())
    return env


@app.command(help="cli.help.serve")
def serve(
    data: DataOption = None,
    schema: SchemaOption = None,
    port: Annotated[int, typer.Option("--port", "-p", help="cli.opt.port")] = 8501,
    address: Annotated[str, typer.Option("--address", help="cli.opt.address")] = "127.0.0.1",
) -> None:
    """Start the Streamlit app, warmed up."""
    from opcomap.ui.context import DATA_ENV, SCHEMA_ENV

    env = serve_environment(data, schema)
    for name in (DATA_ENV, SCHEMA_ENV):  # the app reads them from the environment
        if name in env:
            os.environ[name] = env[name]
        else:
            os.environ.pop(name, None)
    # The warm-up reads Streamlit's configuration: read it with the served options already,
    # or Streamlit later warns that "[server] options changed, restart" when they are applied.
    from streamlit import config as streamlit_config

    streamlit_config.get_config_options(force_reparse=True, options_from_flags=streamlit_options(port, address))
    _announce_once_up(out, address, port, warmed=_warm(out))
    from streamlit.web import cli as streamlit_cli

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C before Streamlit installed its own handler
        streamlit_cli.main(args=streamlit_args(port, address), prog_name="streamlit", standalone_mode=False)


def _announce_once_up(console, address: str, port: int, *, warmed) -> threading.Thread:
    """In the background, once Streamlit answers, say the address: a user opening it then is
    served at once. When the default map is ``warmed`` (a WarmUp), one session first runs the
    first page and a profile (opcomap.ui.warm), so no person pays for a server's first runs."""
    from opcomap.ui.warm import first_visit, wait_until_up

    host = "127.0.0.1" if address in ("0.0.0.0", "::", "") else address
    local, shown = f"http://{host}:{port}", f"http://{address}:{port}"

    def announce() -> None:
        seconds = first_visit(local, warmed.profile) if warmed else None
        if seconds is not None:
            say("cli.serve.ready", console=console, url=shown, seconds=f"{seconds:.1f}")
        elif wait_until_up(local):
            say("cli.serve.address", console=console, url=shown)

    thread = threading.Thread(target=announce, name="opcomap-first-visit", daemon=True)
    thread.start()
    return thread


def _warm(console):
    """Prepare the first page; a problem is said in one line, and the app starts anyway.
    The WarmUp when the default map is ready (files mode), so a first visit is worth making; else None."""
    from opcomap.ui.warm import warm_up

    from opcomap.cli.state import current_lang

    lang = current_lang()
    with console.status(words("cli.serve.preparing")):
        try:
            done = warm_up()
        except OpcomapError as exc:
            say("cli.serve.not_prepared", console=console, style="yellow", reason=exc.message(lang))
            for problem in getattr(exc, "problems", [])[:PROBLEMS_SHOWN]:
                literal(f"  • {problem.describe(lang)}", console=console)
            return None
    if done:
        say("cli.serve.map_ready", console=console, n=done.actors, m=done.relationships, seconds=f"{done.seconds:.1f}")
    return done
