"""``opcomap review list|show|accept|reject``: the proposals awaiting review, at the command line.

The command line is the administrator's tool: whoever runs it acts with every right,
under the name given with ``--as`` (recorded in the history). It works on the map the
other commands read: Neo4j when ``NEO4J_URI`` is set, else the edit workspace.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from opcomap.cli.common import SchemaOption, app
from opcomap.cli.output import Format, FormatOption, OutputOption, emit, literal, say, words
from opcomap.cli.state import current_lang

review_app = typer.Typer(help="cli.help.review", no_args_is_help=True)
app.add_typer(review_app, name="review")

ProposalArgument = Annotated[str, typer.Argument(help="cli.arg.proposal", metavar="cli.metavar.proposal")]
AsOption = Annotated[str, typer.Option("--as", help="cli.opt.review_as")]
SHORT_ID = 8  # shown in tables; any unique beginning of an id is accepted


@contextlib.contextmanager
def _editor(schema_path: Path | None, name: str = "") -> Iterator[Any]:
    """An editor on the map the commands read, acting as ``name`` with the administrator's rights."""
    from graph_model.schema import load_schema
    from opcomap.auth import Role, User
    from opcomap.editing import Editor
    from opcomap.settings import get_settings

    schema, settings = load_schema(schema_path), get_settings()
    user = User(name=name.strip(), role=Role.ADMIN)
    options = {"user": user, "read_only": settings.read_only, "publishing": settings.opcomap_publish,
               "review_own": settings.opcomap_review_own}
    if not settings.uses_neo4j:
        from opcomap.editing.workspace import WorkspaceStore

        yield Editor(WorkspaceStore(settings.opcomap_workspace, schema), schema, **options)
        return
    from opcomap.store import Store
    from opcomap.store.edits import Neo4jEditStore, ensure_history_index

    with Store.from_settings(settings) as neo4j:
        ensure_history_index(neo4j)
        store = Neo4jEditStore(neo4j, schema, settings.neo4j_database,
                               location=f"Neo4j {settings.uri} ({settings.neo4j_database})")
        yield Editor(store, schema, **options)


def _when(at: Any, lang: str) -> str:
    from graph_model.words.formats import day

    return f"{day(at, lang)} {at:%H:%M} UTC"


@review_app.command("list", help="cli.help.review_list")
def list_proposals(
    every: Annotated[bool, typer.Option("--all", help="cli.opt.review_all")] = False,
    fmt: FormatOption = Format.table,
    schema: SchemaOption = None,
    output: OutputOption = None,
) -> None:
    """The pending proposals, newest first; with --all every one and what became of it."""
    lang = current_lang()
    with _editor(schema) as editor:
        found = editor.store.proposals(pending_only=not every)
        where = editor.store.location
    machine = fmt in (Format.csv, Format.json)
    rows = [{
        "id": p.id if machine else p.id[:SHORT_ID], "at": p.change.at.isoformat() if machine else _when(p.change.at, lang),
        "who": p.who, "what": p.change.described(lang), "why": p.change.why or "",
        **({"status": p.status if machine else words(f"review.status.{p.status}"), "decided_by": p.decided_by or "",
            "reason": p.reason or ""} if every else {}),
    } for p in found]
    columns = ["id", "at", "who", "what", "why", *(["status", "decided_by", "reason"] if every else [])]
    if not rows and fmt is Format.table:
        say("review.none")
        return
    emit(rows, fmt, output, columns=columns, title=words("cli.review.title", where=where))


@review_app.command(help="cli.help.review_show")
def show(proposal: ProposalArgument, schema: SchemaOption = None) -> None:
    """Who proposed what, when and why; the records field by field; the sources cited."""
    lang = current_lang()
    with _editor(schema) as editor:
        found = _resolve(editor, proposal)
    change = found.change
    literal(words("review.entry", when=_when(change.at, lang), who=change.who,
                  what=change.described(lang)), style="bold")
    literal(words("cli.review.why", why=change.why) if change.why else words("review.no_why"))
    literal(words("cli.review.status", status=words(f"review.status.{found.status}")))
    if not found.pending:
        literal(words("review.decision", status=words(f"review.status.{found.status}"), who=found.decided_by or "",
                      when=_when(found.decided_at, lang) if found.decided_at else ""))
        if found.reason:
            literal(words("cli.review.reason", reason=found.reason))
    rows = [{"record": record, "field": name, "before": before, "after": after}
            for record, name, before, after in change.diff(lang)]
    emit(rows, Format.table, columns=["record", "field", "before", "after"])
    sources = found.sources()
    literal(words("review.sources") if sources else words("review.no_sources"), style="bold")
    for source in sources:
        literal(f"  • {words('review.source', title=source.title, publisher=source.publisher or '', url=source.url or '')}")


@review_app.command(help="cli.help.review_accept")
def accept(
    proposal: ProposalArgument,
    name: AsOption,
    note: Annotated[str | None, typer.Option("--note", help="cli.opt.review_note")] = None,
    schema: SchemaOption = None,
) -> None:
    """Apply a pending proposal to the map, attributed to its author with the reviewer named."""
    with _editor(schema, name) as editor:
        change = editor.accept(_resolve(editor, proposal).id, note)
        say("review.accepted", summary=change.described(current_lang()))


@review_app.command(help="cli.help.review_reject")
def reject(
    proposal: ProposalArgument,
    name: AsOption,
    reason: Annotated[str, typer.Option("--reason", help="cli.opt.review_reason")],
    schema: SchemaOption = None,
) -> None:
    """Refuse a pending proposal, saying why; the map is not touched."""
    with _editor(schema, name) as editor:
        decided = editor.reject(_resolve(editor, proposal).id, reason)
        say("review.rejected", summary=decided.change.described(current_lang()))


def _resolve(editor: Any, typed: str) -> Any:
    from opcomap.editing.proposals import by_prefix

    return by_prefix(editor.store.proposals(pending_only=False), typed)
