"""``opcomap analyze``: metrics per actor, and the questions strategists ask.

``opcomap analyze`` alone prints the metrics table; each question is a
subcommand (``paths``, ``compare``, ``gaps``, ``whatif``, ``layers``, ``diff``,
``brokers``, ``ego``, ``structure``). All read the map the same way: ``--data``
files, else Neo4j when NEO4J_URI is set, else the bundled map; all accept the
view filters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Annotated, Any

import networkx as nx
import typer
from rich.table import Table

from graph_model.schema import Schema, load_schema
from opcomap import analysis
from opcomap.cli.common import DataOption, NoIllustrativeOption, NoWeakOption, SchemaOption, app, err, out
from graph_model.errors import OpcomapError
from opcomap.analysis.selection import ViewFilters

analyze_app = typer.Typer(
    name="analyze",
    help="Analyse du réseau : métriques par acteur (sans sous-commande) et questions stratégiques.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(analyze_app, name="analyze")

FORMATS = ("table", "csv", "json")

# -- shared options --------------------------------------------------------------------
KindsOption = Annotated[str | None, typer.Option("--kinds", help="Genres d'acteurs à garder, séparés par des virgules (ex. OPCO,CFA).")]
TypesOption = Annotated[str | None, typer.Option("--types", help="Types de relations à garder, séparés par des virgules (ex. FUNDS,SITS_ON).")]
RegionOption = Annotated[str | None, typer.Option("--region", help="Code INSEE d'une Région : ses acteurs et les acteurs nationaux liés à eux.")]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="Date AAAA-MM-JJ : ce qui était en vigueur ce jour-là.")]
DatasetOption = Annotated[str | None, typer.Option("--dataset", help="Jeu de données chargé dans Neo4j à garder.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Sortie : table, csv ou json.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Écrit le résultat dans ce fichier au lieu de l'écran.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Graine des tirages (betweenness échantillonnée, Louvain).")]


def _names(text: str | None, known: dict, what: str, suggest) -> tuple[str, ...] | None:
    if not text:
        return None
    names = tuple(n.strip().upper() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in known]
    if unknown:
        hints = [f"{n} (vouliez-vous dire {suggest(n)} ?)" if suggest(n) else n for n in unknown]
        raise OpcomapError(f"{what} inconnu(s) dans le schéma : {', '.join(hints)}")
    return names


def _date(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise OpcomapError(f"{option} : « {text} » n'est pas une date AAAA-MM-JJ") from exc


def build_filters(
    schema: Schema, kinds: str | None, types: str | None, region: str | None,
    as_of: str | None, no_illustrative: bool, dataset: str | None, no_weak: bool = False,
) -> ViewFilters:
    return ViewFilters(
        kinds=_names(kinds, schema.kinds, "genre(s)", schema.suggest_kind),
        types=_names(types, schema.relationship_types, "type(s) de relation", schema.suggest_type),
        region=region,
        as_of=_date(as_of, "--as-of"),
        include_illustrative=not no_illustrative,
        include_weak=not no_weak,
        dataset=dataset,
    )


# Options given before a subcommand (`opcomap analyze --data X gaps`); the group
# callback runs first on every invocation and resets this.
_GROUP_OPTIONS: dict[str, Any] = {}


def open_map(data: list[Path] | None, schema_path: Path | None, filters: dict[str, Any]) -> tuple[nx.MultiDiGraph, Schema, ViewFilters]:
    """Schema, filters and the filtered graph, from the command's options (else the group's)."""
    from opcomap.store.graph_source import open_graph
    from opcomap.settings import get_settings

    data = data or _GROUP_OPTIONS.get("data")
    schema_path = schema_path or _GROUP_OPTIONS.get("schema")
    group_filters = _GROUP_OPTIONS.get("filters", {})
    filters = {key: value or group_filters.get(key, value) for key, value in filters.items()}
    schema = load_schema(schema_path)
    view = build_filters(schema, **filters)
    graph = open_graph(get_settings(), schema, data, view)
    return graph, schema, view


# -- output ----------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def emit(rows: list[dict[str, Any]], fmt: str, output: Path | None, *, title: str = "",
         notes: list[str] | None = None, document: Any = None) -> None:
    """Print rows as a table, CSV or JSON (``document`` replaces the rows in JSON when given)."""
    if fmt not in FORMATS:
        raise OpcomapError(f"--format : « {fmt} » inconnu (table, csv ou json)")
    notes = notes or []
    if fmt == "json":
        text = json.dumps(document if document is not None else {"notes": notes, "rows": rows},
                          ensure_ascii=False, indent=2, default=_json_default)
    elif fmt == "csv":
        buffer = io.StringIO()
        columns = list(rows[0]) if rows else []
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v if not isinstance(v, (list, tuple, set)) else "|".join(map(str, v)))
                          for k, v in row.items()} for row in rows)
        text = buffer.getvalue()
        for note in notes:
            err.print(note, highlight=False)
    else:
        table = Table(title=title or None, caption="\n".join(notes) or None)
        for column in rows[0] if rows else ["(aucun résultat)"]:
            table.add_column(str(column), overflow="fold")
        for row in rows:
            table.add_row(*(_cell(v) for v in row.values()))
        if output is None:
            out.print(table)
            return
        console_buffer = io.StringIO()
        from rich.console import Console

        Console(file=console_buffer, width=160).print(table)
        text = console_buffer.getvalue()
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"Écrit : {output}", highlight=False)


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _caption(view: ViewFilters, graph: nx.Graph) -> str:
    return f"{view.describe()} — {graph.number_of_nodes()} acteurs, {graph.number_of_edges()} relations"


# -- the metrics table (no subcommand) --------------------------------------------------------
@analyze_app.callback()
def metrics_table(
    ctx: typer.Context,
    data: DataOption = None,
    schema: SchemaOption = None,
    metrics: Annotated[str | None, typer.Option(
        "--metrics", "-m",
        help="Métriques séparées par des virgules parmi : " + ", ".join(analysis.METRICS) + " (par défaut : toutes).")] = None,
    communities: Annotated[bool, typer.Option("--communities", help="Ajoute la colonne community (Louvain).")] = False,
    resolution: Annotated[float, typer.Option("--resolution", help="Résolution de Louvain (plus grand : plus de communautés).")] = 1.0,
    seed: SeedOption = 0,
    sort: Annotated[str | None, typer.Option("--sort", help="Trie par cette métrique, décroissante.")] = None,
    top: Annotated[int | None, typer.Option("--top", help="N'affiche que les N premiers acteurs.")] = None,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Métriques par acteur : degrés entrant/sortant, degré pondéré par les financements,
    intermédiarité (betweenness), proximité (closeness), PageRank, vecteur propre, clustering.

    Exactes jusqu'à 2 500 acteurs, échantillonnées (graine --seed) au-delà : la sortie dit laquelle.
    Le CSV a une ligne par acteur : id,name,kind, une colonne par métrique, et community si demandé.
    """
    _GROUP_OPTIONS.clear()
    if ctx.invoked_subcommand is not None:
        _GROUP_OPTIONS.update(data=data, schema=schema,
                              filters=_filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
        return
    names = [m.strip() for m in metrics.split(",") if m.strip()] if metrics else list(analysis.METRICS)
    graph, the_schema, view = open_map(data, schema, {
        "kinds": kinds, "types": types, "region": region, "as_of": as_of, "no_illustrative": no_illustrative,
        "dataset": dataset, "no_weak": no_weak})
    result = analysis.compute_metrics(graph, the_schema, names, seed=seed)
    rows = result.rows(graph)
    notes = [_caption(view, graph)] + [f"{name} : {method}" for name, method in result.method.items()]
    if communities:
        found = analysis.communities(graph, resolution=resolution, seed=seed)
        for row in rows:
            row["community"] = found.membership.get(row["id"])
        notes.append(f"communautés (Louvain, résolution {resolution}, graine {seed}) : "
                     f"{len(found.groups)}, modularité {found.modularity:.4f}")
    if sort:
        if sort not in result.values:
            raise OpcomapError(f"--sort : « {sort} » n'est pas une métrique calculée ({', '.join(result.values)})")
        rows.sort(key=lambda r: -(r[sort] or 0.0))
    if top is not None:
        rows = rows[:top]
    document: dict[str, Any] = {"filters": view.describe(), "method": result.method, "actors": rows}
    if communities:
        document["modularity"] = found.modularity
    emit(rows, fmt, output, title="Métriques par acteur", notes=notes, document=document)


# -- questions ------------------------------------------------------------------------------
def _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak) -> dict[str, Any]:
    return {"kinds": kinds, "types": types, "region": region, "as_of": as_of, "no_illustrative": no_illustrative,
            "dataset": dataset, "no_weak": no_weak}


def _type_list(schema: Schema, text: str | None) -> list[str] | None:
    names = _names(text, schema.relationship_types, "type(s) de relation", schema.suggest_type)
    return list(names) if names else None


@analyze_app.command()
def paths(
    source: Annotated[str, typer.Argument(help="Identifiant de l'acteur de départ.")],
    target: Annotated[str, typer.Argument(help="Identifiant de l'acteur d'arrivée.")],
    via: Annotated[str | None, typer.Option("--via", help="Ne suit que ces types de relations (virgules).")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Nombre maximal de chemins.")] = 50,
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Tous les plus courts chemins entre deux acteurs, avec les relations le long de chacun."""
    graph, the_schema, view = open_map(data, schema, _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
    found = analysis.shortest_paths(graph, source, target, _type_list(the_schema, via), limit)
    rows = [
        {"path": i, "step": j, "from": step["from"], "to": step["to"],
         "relations": [f"{t['source']} -{t['type']}-> {t['target']}" for t in step["ties"]]}
        for i, path in enumerate(found, 1) for j, step in enumerate(path, 1)
    ]
    notes = [_caption(view, graph), f"{len(found)} plus court(s) chemin(s)" if found else "Aucun chemin."]
    emit(rows, fmt, output, title=f"Chemins {source} → {target}", notes=notes, document={"paths": found})


@analyze_app.command()
def compare(
    first: Annotated[str, typer.Argument(help="Identifiant du premier OPCO (ou acteur).")],
    second: Annotated[str, typer.Argument(help="Identifiant du second.")],
    via: Annotated[str | None, typer.Option("--via", help="Partenaires par ces types de relations seulement.")] = None,
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Compare deux OPCO : partenaires communs, recouvrement de Jaccard, relations par type."""
    graph, the_schema, view = open_map(data, schema, _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
    result = analysis.compare_actors(graph, first, second, _type_list(the_schema, via))
    rows = [{"mesure": "partenaires communs", first: len(result["shared"]), second: len(result["shared"])},
            {"mesure": "partenaires propres", first: len(result["only"][first]), second: len(result["only"][second])}]
    for rel_type in sorted(set(result["counts"][first]) | set(result["counts"][second])):
        rows.append({"mesure": rel_type, first: result["counts"][first].get(rel_type, 0),
                     second: result["counts"][second].get(rel_type, 0)})
    notes = [_caption(view, graph), f"Jaccard : {result['jaccard']:.3f}",
             "Communs : " + (", ".join(result["shared"]) or "aucun")]
    emit(rows, fmt, output, title=f"{first} / {second}", notes=notes, document=result)


@analyze_app.command()
def gaps(
    opco_kind: Annotated[str, typer.Option("--opco-kind", help="Genre des opérateurs examinés.")] = "OPCO",
    partner_kinds: Annotated[str, typer.Option("--partner-kinds", help="Genres des partenaires attendus dans chaque Région.")] = "CFA,TRAINING_ORG",
    region_kind: Annotated[str, typer.Option("--region-kind", help="Genre des Régions.")] = "REGION",
    branch_kind: Annotated[str, typer.Option("--branch-kind", help="Genre des branches.")] = "BRANCH",
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Trous de couverture : Régions où un OPCO n'a aucun CFA ni organisme de formation partenaire,
    branches rattachées à aucun OPCO."""
    graph, the_schema, view = open_map(data, schema, _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
    for name in (opco_kind, region_kind, branch_kind, *partner_kinds.split(",")):
        _names(name, the_schema.kinds, "genre(s)", the_schema.suggest_kind)
    result = analysis.coverage_gaps(graph, opco_kind.upper(), [k.strip().upper() for k in partner_kinds.split(",")],
                                    region_kind.upper(), branch_kind.upper())
    rows = [{"acteur": opco, "nom": graph.nodes[opco].get("name", opco), "manque": "Régions sans partenaire",
             "détail": missing} for opco, missing in result["regions_without_partner"].items()]
    rows += [{"acteur": b, "nom": graph.nodes[b].get("name", b), "manque": "branche sans OPCO", "détail": []}
             for b in result["branches_without_opco"]]
    notes = [_caption(view, graph), f"Régions examinées : {', '.join(result['regions']) or 'aucune'}"]
    emit(rows, fmt, output, title="Trous de couverture", notes=notes, document=result)


@analyze_app.command()
def whatif(
    remove: Annotated[str | None, typer.Option("--remove", help="Identifiant de l'acteur à retirer.")] = None,
    remove_type: Annotated[str | None, typer.Option("--remove-type", help="Type de relation à retirer entièrement.")] = None,
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Et si… on retirait un acteur ou un type de relation : ce qui se déconnecte, et la joignabilité perdue."""
    if (remove is None) == (remove_type is None):
        raise OpcomapError("indiquez soit --remove ID, soit --remove-type TYPE")
    graph, the_schema, view = open_map(data, schema, _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
    if remove_type is not None:
        checked = _names(remove_type, the_schema.relationship_types, "type(s) de relation", the_schema.suggest_type)
        remove_type = checked[0] if checked else None
    result = analysis.what_if(graph, remove_actor=remove, remove_type=remove_type)
    rows = [{"groupe détaché": i, "acteurs": sorted(piece, key=str), "taille": len(piece)}
            for i, piece in enumerate(result.split_off, 1)]
    notes = [
        _caption(view, graph),
        f"Retiré : {result.removed}",
        f"Composantes : {result.components_before} → {result.components_after}",
        (f"Paires joignables : {result.reachable_pairs_before} → {result.reachable_pairs_after} "
        f"({result.reachability_change:+.1%})"),
        f"Acteurs déconnectés : {len(result.disconnected)}",
    ]
    document = {**result.__dict__, "reachability_change": result.reachability_change}
    emit(rows, fmt, output, title="Et si…", notes=notes, document=document)


@analyze_app.command()
def layers(
    metrics: Annotated[str, typer.Option("--metrics", "-m", help="Métriques calculées sur chaque couche.")] = ",".join(analysis.questions.LAYER_METRICS),
    seed: SeedOption = 0,
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Métriques par couche du schéma (financement, gouvernance…), une ligne par acteur et par couche."""
    graph, the_schema, view = open_map(data, schema, _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
    names = [m.strip() for m in metrics.split(",") if m.strip()]
    per_layer = analysis.layer_metrics(graph, the_schema, names, seed=seed)
    rows: list[dict[str, Any]] = []
    for layer, result in per_layer.items():
        rows.extend({"layer": layer, **row} for row in result.rows(_layer_nodes(graph, result)))
    notes = [_caption(view, graph)] + [
        f"{layer} : " + ", ".join(f"{m} {method}" for m, method in result.method.items())
        for layer, result in per_layer.items()
    ]
    document = {layer: {"method": r.method, "values": r.values} for layer, r in per_layer.items()}
    emit(rows, fmt, output, title="Métriques par couche", notes=notes, document=document)


def _layer_nodes(graph: nx.Graph, result: analysis.MetricsResult) -> nx.Graph:
    first = next(iter(result.values.values()), {})
    return graph.subgraph(first)


@analyze_app.command()
def diff(
    start: Annotated[str, typer.Option("--from", help="Première date AAAA-MM-JJ.")],
    end: Annotated[str, typer.Option("--to", help="Seconde date AAAA-MM-JJ.")],
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Ce qui a changé entre deux dates : relations ajoutées, retirées ou modifiées, acteurs apparus ou disparus."""
    first, second = _date(start, "--from"), _date(end, "--to")
    if first is None or second is None:
        raise OpcomapError("indiquez deux dates : --from AAAA-MM-JJ --to AAAA-MM-JJ")
    _GROUP_OPTIONS.get("filters", {}).pop("as_of", None)  # one day's view would hide the change
    graph, _, view = open_map(data, schema, _filters(kinds, types, region, None, no_illustrative, dataset, no_weak))
    result = analysis.diff_dates(graph, first, second)
    rows = [{"changement": label, "source": s, "type": t, "cible": c}
            for label, key in (("ajoutée", "added"), ("retirée", "removed"))
            for s, t, c in result[key]]
    rows += [{"changement": "modifiée", "source": s, "type": t, "cible": c} for (s, t, c) in (x["tie"] for x in result["changed"])]
    notes = [_caption(view, graph),
             f"Acteurs apparus : {', '.join(result['actors_added']) or 'aucun'}",
             f"Acteurs disparus : {', '.join(result['actors_removed']) or 'aucun'}"]
    emit(rows, fmt, output, title=f"Du {result['from']} au {result['to']}", notes=notes, document=result)


@analyze_app.command()
def brokers(
    top: Annotated[int, typer.Option("--top", help="Nombre d'acteurs affichés.")] = 10,
    seed: SeedOption = 0,
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Les intermédiaires : forte intermédiarité (betweenness) au regard de leur nombre de partenaires."""
    graph, _, view = open_map(data, schema, _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
    rows = analysis.brokers(graph, top=top, seed=seed)
    emit(rows, fmt, output, title="Intermédiaires", notes=[_caption(view, graph)])


@analyze_app.command()
def ego(
    actor: Annotated[str, typer.Argument(help="Identifiant de l'acteur au centre.")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=5, help="Nombre de relations de distance.")] = 1,
    via: Annotated[str | None, typer.Option("--via", help="Ne suit que ces types de relations (virgules).")] = None,
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """Le réseau personnel d'un acteur jusqu'à la profondeur demandée : ses relations, une ligne chacune."""
    graph, the_schema, view = open_map(data, schema, _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
    sub = analysis.ego_network(graph, actor, depth, _type_list(the_schema, via))
    rows = [{"source": u, "type": d.get("type"), "cible": v, "depuis": d.get("since"), "jusqu'au": d.get("until")}
            for u, v, d in sorted(sub.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))]
    notes = [_caption(view, graph), f"{sub.number_of_nodes()} acteurs à {depth} relation(s) ou moins de {actor}"]
    document = {"actors": sorted(sub, key=str), "relationships": rows}
    emit(rows, fmt, output, title=f"Autour de {actor}", notes=notes, document=document)


@analyze_app.command()
def structure(
    resolution: Annotated[float, typer.Option("--resolution", help="Résolution de Louvain.")] = 1.0,
    seed: SeedOption = 0,
    data: DataOption = None, schema: SchemaOption = None, fmt: FormatOption = "table", output: OutputOption = None,
    kinds: KindsOption = None, types: TypesOption = None, region: RegionOption = None,
    as_of: AsOfOption = None, no_illustrative: NoIllustrativeOption = False, dataset: DatasetOption = None,
    no_weak: NoWeakOption = False,
) -> None:
    """La forme du réseau : composantes, communautés (Louvain) et modularité, ponts, points
    d'articulation, cœur (k-core)."""
    graph, _, view = open_map(data, schema, _filters(kinds, types, region, as_of, no_illustrative, dataset, no_weak))
    parts = analysis.components(graph)
    found = analysis.communities(graph, resolution=resolution, seed=seed)
    cores = analysis.core_numbers(graph)
    main = analysis.k_core(graph)
    bridges = analysis.bridges(graph)
    points = sorted(analysis.articulation_points(graph), key=str)
    top_core = max(cores.values(), default=0)
    document = {
        "components": [sorted(c, key=str) for c in parts],
        "communities": [sorted(c, key=str) for c in found.groups],
        "modularity": found.modularity,
        "bridges": bridges,
        "articulation_points": points,
        "main_core": {"k": top_core, "actors": sorted(main, key=str)},
    }
    rows = [
        {"mesure": "composantes", "valeur": len(parts), "détail": f"plus grande : {len(parts[0]) if parts else 0} acteurs"},
        {"mesure": "communautés", "valeur": len(found.groups), "détail": f"modularité {found.modularity:.4f}"},
        {"mesure": "ponts", "valeur": len(bridges), "détail": ""},
        {"mesure": "points d'articulation", "valeur": len(points), "détail": ", ".join(map(str, points[:10]))},
        {"mesure": "cœur principal", "valeur": len(main), "détail": f"k = {top_core}"},
    ]
    emit(rows, fmt, output, title="Structure du réseau", notes=[_caption(view, graph)], document=document)
