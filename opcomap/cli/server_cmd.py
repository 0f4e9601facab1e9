"""``opcomap neo4j start|stop|status``: a local Neo4j server without Docker."""

from __future__ import annotations

import typer

from opcomap.store import local_server as neo4j_server
from opcomap.cli.common import app, out
from opcomap.settings import get_settings

neo4j_app = typer.Typer(help="Serveur Neo4j local (sans Docker) : start, stop, status.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")


@neo4j_app.command()
def start() -> None:
    """Télécharge Neo4j 5.26 (une fois), le démarre sur 127.0.0.1 et attend que Bolt réponde."""
    state, started = neo4j_server.start(get_settings(), echo=out.print)
    if started:
        out.print(f"Démarré. {state.describe()}")
    else:
        out.print(f"Déjà démarré : rien à faire. {state.describe()}")


@neo4j_app.command()
def stop() -> None:
    """Arrête proprement le serveur local ; aucun processus ne reste."""
    if neo4j_server.stop(get_settings()):
        out.print("Neo4j local arrêté.")
    else:
        out.print("Neo4j local n'était pas démarré : rien à faire.")


@neo4j_app.command()
def status() -> None:
    """Affiche l'URI, le PID et la version du serveur local."""
    state = neo4j_server.status(get_settings())
    out.print(state.describe())
    if not state.running:
        raise typer.Exit(3)
