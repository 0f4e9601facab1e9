"""``opcomap neo4j start|stop|status``: a local Neo4j server without Docker."""

from __future__ import annotations

from typing import Annotated

import typer

from opcomap.cli.common import ExitCode, app
from opcomap.cli.output import literal, out, say

neo4j_app = typer.Typer(help="cli.help.neo4j", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")


@neo4j_app.command(help="cli.help.neo4j_start")
def start(
    with_apoc: Annotated[bool, typer.Option("--with-apoc", help="cli.opt.with_apoc")] = False,
    with_gds: Annotated[bool, typer.Option("--with-gds", help="cli.opt.with_gds")] = False,
) -> None:
    """Download Neo4j once, start it on 127.0.0.1, wait for Bolt."""
    from opcomap.settings import get_settings
    from opcomap.store import local_server as neo4j_server  # the driver loads only here

    state, started = neo4j_server.start(get_settings(), echo=literal, with_apoc=with_apoc,
                                          with_gds=with_gds)
    say("cli.neo4j.started" if started else "cli.neo4j.already", state=state.describe())


@neo4j_app.command(help="cli.help.neo4j_stop")
def stop() -> None:
    """Stop the local server; no process is left."""
    from opcomap.settings import get_settings
    from opcomap.store import local_server as neo4j_server

    say("cli.neo4j.stopped" if neo4j_server.stop(get_settings()) else "cli.neo4j.not_running")


@neo4j_app.command(help="cli.help.neo4j_status")
def status() -> None:
    """URI, PID and version of the local server; exit code 3 when it is not running."""
    from opcomap.settings import get_settings
    from opcomap.store import local_server as neo4j_server

    state = neo4j_server.status(get_settings())
    out.print(state.describe(), markup=False, highlight=False)
    if not state.running:
        raise typer.Exit(ExitCode.NOT_RUNNING)
