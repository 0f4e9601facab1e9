"""``opcomap query`` (the library of named questions) and ``opcomap cypher`` (the console).

Both go through the one guarded runner (:mod:`opcomap.store.runner`): read
access only, EXPLAIN first, timeout and row cap from the settings.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from opcomap.store import named_queries
from opcomap.cli.common import app, err, out
from graph_model.errors import StoreUnavailable
from opcomap.settings import Settings, get_settings
from opcomap.store.runner import QueryResult, ReadOnlyRunner

NEEDS_NEO4J = (
    "Cette commande interroge Neo4j, or NEO4J_URI n'est pas défini : démarrez un serveur local avec "
    "« opcomap neo4j start », puis définissez NEO4J_URI (ex. bolt://127.0.0.1:7687) et NEO4J_PASSWORD."
)


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Présentation du résultat : table, csv ou json.")
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="Paramètre nom=valeur (répétable), ex. --param actor_id=opco-atlas."),
]


@app.command("query")
def query(
    name: Annotated[str | None, typer.Argument(help="Nom de la requête (voir --list).")] = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="Liste les requêtes nommées, une par ligne.")] = False,
    describe: Annotated[bool, typer.Option("--describe", help="Décrit la requête et ses paramètres sans l'exécuter.")] = False,
    param: ParamOption = None,
    fmt: FormatOption = Format.table,
    lang: Annotated[str, typer.Option("--lang", help="Langue des titres : fr ou en.")] = "fr",
) -> None:
    """Pose une question de la bibliothèque (dossier queries/) à Neo4j, en lecture seule.

    Exemples : opcomap query --list ; opcomap query partners --param actor_id=opco-atlas --format csv
    """
    if list_ or not name:
        for query_ in named_queries.load_queries().values():
            out.print(f"{query_.name} — {query_.title(lang)}", highlight=False, markup=False, soft_wrap=True)
        return
    named = named_queries.get_query(name)
    if describe:
        _describe(named, lang)
        return
    # Parameters are checked before connecting: a missing one is named even without a server.
    parameters = named.bind(named_queries.parse_assignments(param))
    _print(_run(named.cypher, parameters), fmt)


@app.command("cypher")
def cypher(
    text: Annotated[str, typer.Argument(help="La requête Cypher (lecture seule), entre guillemets.")],
    param: ParamOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Console Cypher en lecture seule : toute écriture, commande de schéma ou d'administration est refusée.

    Les valeurs --param arrivent en paramètres Cypher sous forme de texte ($nom).
    Exemple : opcomap cypher "MATCH (o:OPCO) RETURN o.id, o.name ORDER BY o.name"
    """
    _print(_run(text, named_queries.parse_assignments(param)), fmt)


def _run(text: str, parameters: dict[str, Any], settings: Settings | None = None) -> QueryResult:
    settings = settings or get_settings()
    if not settings.uses_neo4j:
        raise StoreUnavailable(NEEDS_NEO4J)
    from opcomap.store import connect  # the edge builds the driver and injects it

    driver = connect(settings)
    try:
        return ReadOnlyRunner.from_settings(driver, settings).run(text, parameters)
    finally:
        driver.close()


def _describe(named: named_queries.NamedQuery, lang: str) -> None:
    out.print(f"[bold]{named.name}[/] — {named.title(lang)}", highlight=False)
    if named.description:
        out.print(named.description, highlight=False, markup=False)
    for p in named.params:
        need = "obligatoire" if p.required else "facultatif"
        out.print(f"  --param {p.signature()}  ({need}) {p.help}", highlight=False, markup=False)
    for example in named.examples:
        args = " ".join(f"--param {pair}" for pair in example.split())
        out.print(f"  exemple : opcomap query {named.name} {args}", highlight=False, markup=False)


def _print(result: QueryResult, fmt: Format) -> None:
    if fmt is Format.json:
        payload = {"columns": result.columns, "rows": result.records(), "truncated": result.truncated,
                   "row_cap": result.row_cap, "elapsed_ms": result.elapsed_ms}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_csv_cell(v) for v in row] for row in result.rows])
    else:
        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*[Text(_text(v)) for v in row])
        out.print(table)
        out.print(f"{len(result.rows)} ligne(s), {result.elapsed_ms:g} ms.", highlight=False)
    if result.truncated:
        err.print(
            f"Résultat tronqué : seules les {result.row_cap} premières lignes sont affichées "
            "(limite OPCOMAP_ROW_CAP).", highlight=False,
        )


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _text(value: Any) -> str:
    """A short human rendering: nodes by name, relationships by type, paths as chains."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "_labels" in value:
            return str(value.get("name") or value.get("id") or ":".join(value["_labels"]))
        if "_type" in value:
            return f"[{value['_type']}]"
        if "_nodes" in value:
            parts = [_text(value["_nodes"][0])] if value["_nodes"] else []
            for rel, node in zip(value["_relationships"], value["_nodes"][1:]):
                parts.append(f" -{_text(rel)}- {_text(node)}")
            return "".join(parts)
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, float):
        return _french_number(value)
    return str(value)


def _french_number(value: float) -> str:
    """1234567.5 → « 1 234 567,5 » (narrow no-break space between thousands).

    >>> _french_number(1234567.5), _french_number(10.0)
    ('1\u202f234\u202f567,5', '10')
    """
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")
