"""``opcomap schema apply``: Neo4j's constraints and indexes, made apart from loading, so that
the user who loads needs no schema rights."""

from __future__ import annotations

import typer

from opcomap.cli.common import SchemaOption, app
from opcomap.cli.output import say

schema_app = typer.Typer(help="cli.help.schema", no_args_is_help=True)
app.add_typer(schema_app, name="schema")


@schema_app.command(name="apply", help="cli.help.schema_apply")
def apply(schema: SchemaOption = None) -> None:
    """Create the constraints and indexes the database lacks; say which were made and which were there."""
    from graph_model.errors import StoreUnavailable
    from graph_model.schema import load_schema
    from opcomap.settings import get_settings
    from opcomap.store import Store
    from opcomap.store.ddl import apply_schema

    settings = get_settings()
    if not settings.uses_neo4j:
        raise StoreUnavailable("cli.needs_neo4j")
    with Store.from_settings(settings, command="schema apply") as store:
        report = apply_schema(store, load_schema(schema))
    if report.created:
        say("cli.schema.created", style="green", n=len(report.created), names=", ".join(report.created))
    if report.existing:
        say("cli.schema.existing", n=len(report.existing), names=", ".join(report.existing))
