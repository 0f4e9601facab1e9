"""``opcomap query`` (the library of named questions) and ``opcomap cypher`` (the console).

Both go through the one guarded runner (:mod:`opcomap.store.runner`): read
access only, EXPLAIN first, timeout and row cap from the settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph_model.errors import StoreUnavailable
from opcomap.cli.common import app
from opcomap.cli.output import (
    ExcelOption,
    Format,
    FormatOption,
    OutputOption,
    emit,
    err,
    literal,
    say,
    sheet_format,
    words,
)

if TYPE_CHECKING:
    from opcomap.settings import Settings
    from opcomap.store.named_queries import NamedQuery
    from opcomap.store.runner import QueryResult

ParamOption = Annotated[list[str] | None, typer.Option("--param", "-p", help="cli.opt.param")]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="cli.opt.row_limit")]


@app.command("query", help="cli.help.query")
def query(
    name: Annotated[str | None, typer.Argument(
        help="cli.arg.query_name", metavar="cli.metavar.query_name")] = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="cli.opt.list")] = False,
    describe: Annotated[bool, typer.Option("--describe", help="cli.opt.describe")] = False,
    param: ParamOption = None,
    fmt: FormatOption = Format.table,
    lang: Annotated[str | None, typer.Option("--lang", help="cli.opt.query_lang")] = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    limit: LimitOption = None,
) -> None:
    """Ask Neo4j one question of the library (queries/), read-only."""
    from opcomap.cli.state import current_lang
    from opcomap.store import named_queries

    lang = lang or current_lang()
    if list_ or not name:
        for query_ in named_queries.load_queries().values():
            literal(f"{query_.name} — {query_.title(lang)}")
        return
    named = named_queries.get_query(name)
    if describe:
        _describe(named, lang)
        return
    # Parameters are checked before connecting: a missing one is named even without a server.
    parameters = named.bind(named_queries.parse_assignments(param))
    _print(_run(named.cypher, parameters, limit=limit), sheet_format(fmt, excel), output, excel)


@app.command("cypher", help="cli.help.cypher")
def cypher(
    text: Annotated[str, typer.Argument(help="cli.arg.cypher", metavar="cli.metavar.cypher")],
    param: ParamOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    excel: ExcelOption = False,
    limit: LimitOption = None,
) -> None:
    """The read-only Cypher console."""
    from opcomap.store import named_queries

    _print(_run(text, named_queries.parse_assignments(param), limit=limit), sheet_format(fmt, excel), output, excel)


def _run(text: str, parameters: dict[str, Any], settings: Settings | None = None,
         limit: int | None = None) -> QueryResult:
    from opcomap.settings import get_settings

    settings = settings or get_settings()
    if not settings.uses_neo4j:
        raise StoreUnavailable("cli.needs_neo4j")
    from opcomap.store import Store  # the edge builds the store and injects it
    from opcomap.store.runner import ReadOnlyRunner

    with Store.from_settings(settings, command="query") as store:
        return ReadOnlyRunner.from_settings(store, settings, limit).run(text, parameters)


def _describe(named: NamedQuery, lang: str) -> None:
    literal(f"{named.name} — {named.title(lang)}", style="bold")
    if named.description:
        literal(named.description)
    for p in named.params:
        need = words("cli.query.required") if p.required else words("cli.query.optional")
        literal(f"  --param {p.signature()}  ({need}) {p.help}")
    for example in named.examples:
        args = " ".join(f"--param {pair}" for pair in example.split())
        say("cli.query.example", command=f"opcomap query {named.name} {args}")


def _print(result: QueryResult, fmt: Format, output: Path | None = None, excel: bool = False) -> None:
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    document = {"columns": result.columns, "rows": result.records(), "truncated": result.truncated,
                "row_cap": result.row_cap, "elapsed_ms": result.elapsed_ms}
    emit(rows, fmt, output, columns=result.columns, document=document, excel=excel)
    if fmt is Format.table:
        say("cli.query.summary", n=len(result.rows), ms=f"{result.elapsed_ms:g}")
    if result.truncated:
        say("cli.query.truncated", console=err, cap=result.row_cap, more=result.row_cap + 1)
