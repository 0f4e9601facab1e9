"""``opcomap analyze``: metrics per actor, and the questions strategists ask.

``opcomap analyze`` alone prints the metrics table; each question is a
subcommand (``paths``, ``compare``, ``gaps``, ``whatif``, ``layers``, ``diff``,
``brokers``, ``ego``, ``structure``). All read the map the same way: ``--data``
files, else Neo4j when NEO4J_URI is set, else the bundled map; all accept the
view filters.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph_model.errors import OpcomapError
from graph_model.regions import region_label
from opcomap import analysis
from opcomap.cli.common import app
from opcomap.cli.output import ExcelOption, FormatOption, OutputOption, emit, words
from opcomap.cli.state import CliState
from opcomap.cli.view import ViewOptions, day, kind_names, open_table_view, open_view, type_names, view_options

if TYPE_CHECKING:
    import networkx as nx

    from graph_model.columns import MapColumns
    from graph_model.schema import Schema
    from opcomap.analysis.selection import ViewFilters
    from opcomap.store.gds import GdsAnalysis

analyze_app = typer.Typer(
    name="analyze",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(analyze_app, name="analyze")

SeedOption = Annotated[int, typer.Option("--seed", help="cli.opt.seed")]


class Engine(str, Enum):
    igraph = "igraph"
    gds = "gds"
    auto = "auto"


EngineOption = Annotated[Engine, typer.Option("--engine", help="cli.opt.engine")]
ViaOption = Annotated[str | None, typer.Option("--via", help="cli.opt.via")]


def open_map(ctx: typer.Context, view: ViewOptions, *, without: tuple[str, ...] = (), details: bool = False
             ) -> tuple[nx.MultiDiGraph, Schema, ViewFilters]:
    """The filtered map, from this command's view options completed by those given to ``analyze``
    (except ``without``, options the command does not take). Without ``details`` (descriptions,
    notes, sources), which no question but ``diff`` reads: from Neo4j, they stay there."""
    return open_view(_completed(ctx, view, without), details=details)


def _completed(ctx: typer.Context, view: ViewOptions, without: tuple[str, ...] = ()) -> ViewOptions:
    group = ctx.ensure_object(CliState).inherited.get("analyze")
    if group is not None and without:
        group = replace(group, **dict.fromkeys(without))
    return view.under(group)


def _caption(view: ViewFilters, graph: nx.Graph | MapColumns | GdsAnalysis, lang: str) -> str:
    if hasattr(graph, "actors"):  # computed by GDS: its actors come as (id, name, kind)
        names = {actor: name for actor, name, _ in graph.actors if name and actor in (view.opco, view.focus)}
    else:
        names = analysis.anchor_names(graph, view)
    return words("cli.caption", filters=view.describe(lang, names=names), n=graph.number_of_nodes(),
                 m=graph.number_of_edges())


def _notes(ctx: typer.Context, view: ViewFilters, graph: nx.Graph | MapColumns | GdsAnalysis, *more: str) -> list[str]:
    return [_caption(view, graph, ctx.ensure_object(CliState).lang), *more]


def _name(graph: nx.Graph, actor: str) -> str:
    """An actor's name for a table a person reads (its id when it has none)."""
    return (graph.nodes[actor].get("name") or actor) if actor in graph else actor


def _type_list(schema: Schema, text: str | None) -> list[str] | None:
    names = type_names(text, schema)
    return list(names) if names else None


# -- the metrics table (no subcommand) --------------------------------------------------------
@analyze_app.callback(help="cli.help.analyze")
@view_options
def metrics_table(
    ctx: typer.Context,
    view: ViewOptions,
    metrics: Annotated[str | None, typer.Option("--metrics", "-m", help="cli.opt.metrics")] = None,
    communities: Annotated[bool, typer.Option("--communities", help="cli.opt.communities")] = False,
    resolution: Annotated[float, typer.Option("--resolution", help="cli.opt.resolution")] = 1.0,
    seed: SeedOption = 0,
    engine: EngineOption = Engine.auto,
    sort: Annotated[str | None, typer.Option("--sort", help="cli.opt.sort")] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="cli.opt.top")] = None,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    excel: ExcelOption = False,
) -> None:
    """Metrics per actor; before a subcommand, the view options it inherits."""
    state = ctx.ensure_object(CliState)
    if ctx.invoked_subcommand is not None:
        state.inherited["analyze"] = view
        return
    names = [m.strip() for m in metrics.split(",") if m.strip()] if metrics else list(analysis.METRICS)
    done = _on_gds(ctx, view, engine, names, communities=communities, resolution=resolution, seed=seed)
    if done is not None:
        computed, filters = done
        result, rows, found = computed.metrics, computed.rows(), computed.communities
        notes = _notes(ctx, filters, computed, *(words("cli.metric_method", name=name, method=method)
                                                 for name, method in result.method.items()),
                       *(words(key, **values) for key, values in computed.notes))
    else:
        if state.one_shot:
            # This process ends with the command and gives pyarrow no pandas object.
            from loaders.frames import arrow_without_pandas

            arrow_without_pandas()
        graph, the_schema, filters = open_table_view(_completed(ctx, view))
        result = analysis.compute_metrics(graph, the_schema, names, seed=seed)
        rows = result.rows(graph)
        notes = _notes(ctx, filters, graph, *(words("cli.metric_method", name=name, method=method)
                                              for name, method in result.method.items()))
        found = analysis.communities(graph, resolution=resolution, seed=seed) if communities else None
    if found is not None:
        for row in rows:
            row["community"] = found.membership.get(row["id"])
        notes.append(words("cli.communities_note", resolution=resolution, seed=seed, n=len(found.groups),
                           modularity=f"{found.modularity:.4f}"))
    if top is not None and not sort and result.values:
        sort = next(iter(result.values))  # the top of the first metric asked, not of the file's order
    if sort:
        if sort not in result.values:
            raise OpcomapError("cli.sort_unknown", sort=sort, known=", ".join(result.values))
        rows.sort(key=lambda r: -(r[sort] or 0.0))
    if top is not None and top < len(rows):
        notes.append(words("cli.top_of", n=top, total=len(rows)))
        rows = rows[:top]
    document: dict[str, Any] = {"filters": filters.describe(state.lang), "engine": "gds" if done else "igraph",
                                "method": result.method, "actors": rows}
    if found is not None:
        document["modularity"] = found.modularity
    emit(rows, fmt, output, title=words("cli.title.metrics"), notes=notes, document=document, excel=excel)


def _on_gds(ctx: typer.Context, view: ViewOptions, engine: Engine, names: list[str], *, communities: bool,
            resolution: float, seed: int) -> tuple[GdsAnalysis, ViewFilters] | None:
    """The metrics computed in Neo4j by Graph Data Science when ``engine`` asks for it (``auto``:
    a large view on a server that has it); None when igraph computes them here."""
    if engine is Engine.igraph:
        return None
    full = _completed(ctx, view)
    if full.data:  # files: nothing in Neo4j to project (settings not even read)
        if engine is Engine.gds:
            raise OpcomapError("gds.needs_neo4j")
        return None
    from graph_model.schema import load_schema
    from opcomap.settings import get_settings

    settings = get_settings()
    if not settings.uses_neo4j:
        if engine is Engine.gds:
            raise OpcomapError("gds.needs_neo4j")
        return None
    from opcomap.store import gds
    from opcomap.store.database import Store

    schema = load_schema(full.schema)
    filters = full.filters(schema)
    with Store.from_settings(settings) as store:
        found = gds.chosen(engine.value, store, settings.neo4j_database, schema, filters, names)
        if found is None:
            return None
        return gds.analyse(store, settings.neo4j_database, schema, filters, names, gds_version=found,
                           communities=communities, resolution=resolution, seed=seed), filters


# -- questions ------------------------------------------------------------------------------
@analyze_app.command(help="cli.help.paths")
@view_options
def paths(
    ctx: typer.Context,
    view: ViewOptions,
    source: Annotated[str, typer.Argument(help="cli.arg.source", metavar="cli.metavar.source")],
    target: Annotated[str, typer.Argument(help="cli.arg.target", metavar="cli.metavar.target")],
    via: ViaOption = None,
    limit: Annotated[int, typer.Option("--limit", help="cli.opt.limit")] = 50,
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    graph, the_schema, filters = open_map(ctx, view)
    found = analysis.shortest_paths(graph, source, target, _type_list(the_schema, via), limit)
    total = analysis.count_shortest_paths(graph, source, target, _type_list(the_schema, via)) if found else 0
    rows = [
        {"path": i, "step": j, "from": step["from"], "from_name": _name(graph, step["from"]), "to": step["to"],
         "to_name": _name(graph, step["to"]),
         "ties": [f"{t['source']} -{t['type']}-> {t['target']}" for t in step["ties"]]}
        for i, path in enumerate(found, 1) for j, step in enumerate(path, 1)
    ]
    if len(found) < total:
        said = words("cli.paths_found_of", n=len(found), total=total)
    else:
        said = words("cli.paths_found", n=len(found)) if found else words("cli.no_path")
    notes = _notes(ctx, filters, graph, said)
    emit(rows, fmt, output, title=words("cli.title.paths", source=source, target=target), notes=notes,
         document={"paths": found}, excel=excel)


@analyze_app.command(help="cli.help.compare")
@view_options
def compare(
    ctx: typer.Context,
    view: ViewOptions,
    first: Annotated[str, typer.Argument(help="cli.arg.first", metavar="cli.metavar.first")],
    second: Annotated[str, typer.Argument(help="cli.arg.second", metavar="cli.metavar.second")],
    via: Annotated[str | None, typer.Option("--via", help="cli.opt.via_partners")] = None,
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    graph, the_schema, filters = open_map(ctx, view)
    result = analysis.compare_actors(graph, first, second, _type_list(the_schema, via))
    rows = [{"measure": "shared_partners", first: len(result["shared"]), second: len(result["shared"])},
            {"measure": "own_partners", first: len(result["only"][first]), second: len(result["only"][second])}]
    for rel_type in sorted(set(result["counts"][first]) | set(result["counts"][second])):
        rows.append({"measure": rel_type, first: result["counts"][first].get(rel_type, 0),
                     second: result["counts"][second].get(rel_type, 0)})
    notes = _notes(ctx, filters, graph, words("cli.jaccard", value=f"{result['jaccard']:.3f}"),
                   words("cli.shared", names=", ".join(result["shared"]) or words("cli.none")))
    emit(rows, fmt, output, title=f"{first} / {second}", notes=notes, document=result, coded=("measure",),
         excel=excel)


@analyze_app.command(help="cli.help.gaps")
@view_options
def gaps(
    ctx: typer.Context,
    view: ViewOptions,
    opco_kind: Annotated[str, typer.Option("--opco-kind", help="cli.opt.opco_kind")] = "OPCO",
    partner_kinds: Annotated[str, typer.Option("--partner-kinds", help="cli.opt.partner_kinds")] = "CFA,TRAINING_ORG",
    region_kind: Annotated[str, typer.Option("--region-kind", help="cli.opt.region_kind")] = "REGION",
    branch_kind: Annotated[str, typer.Option("--branch-kind", help="cli.opt.branch_kind")] = "BRANCH",
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    graph, the_schema, filters = open_map(ctx, view)
    opco, region, branch = ((kind_names(k, the_schema) or (k,))[0] for k in (opco_kind, region_kind, branch_kind))
    partners = list(kind_names(partner_kinds, the_schema) or ())
    result = analysis.coverage_gaps(graph, opco, partners, region, branch)
    rows = [{"actor": actor, "name": graph.nodes[actor].get("name", actor), "gap": "regions_without_partner",
             "detail": [region_label(code) for code in missing]}
            for actor, missing in result["regions_without_partner"].items()]
    rows += [{"actor": b, "name": graph.nodes[b].get("name", b), "gap": "branch_without_opco", "detail": []}
             for b in result["branches_without_opco"]]
    notes = _notes(ctx, filters, graph, words("cli.regions_seen", codes=", ".join(map(region_label, result["regions"])) or words("cli.none")))
    emit(rows, fmt, output, title=words("cli.title.gaps"), notes=notes, document=result, coded=("gap",),
         excel=excel)


@analyze_app.command(help="cli.help.whatif")
@view_options
def whatif(
    ctx: typer.Context,
    view: ViewOptions,
    remove: Annotated[str | None, typer.Option("--remove", help="cli.opt.remove")] = None,
    remove_type: Annotated[str | None, typer.Option("--remove-type", help="cli.opt.remove_type")] = None,
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    if (remove is None) == (remove_type is None):
        raise OpcomapError("cli.whatif_one")
    graph, the_schema, filters = open_map(ctx, view)
    if remove_type is not None:
        remove_type = (type_names(remove_type, the_schema) or (None,))[0]
    result = analysis.what_if(graph, remove_actor=remove, remove_type=remove_type)
    rows = [{"group": i, "actors": sorted(piece, key=str), "size": len(piece)}
            for i, piece in enumerate(result.split_off, 1)]
    notes = _notes(
        ctx, filters, graph,
        words("cli.whatif.removed", what=result.removed),
        words("cli.whatif.components", before=result.components_before, after=result.components_after),
        words("cli.whatif.pairs", before=result.reachable_pairs_before, after=result.reachable_pairs_after,
              change=f"{result.reachability_change:+.1%}"),
        words("cli.whatif.disconnected", n=len(result.disconnected)),
    )
    document = {**result.__dict__, "reachability_change": result.reachability_change}
    emit(rows, fmt, output, title=words("cli.title.whatif"), notes=notes, document=document, excel=excel)


@analyze_app.command(help="cli.help.layers")
@view_options
def layers(
    ctx: typer.Context,
    view: ViewOptions,
    metrics: Annotated[str | None, typer.Option("--metrics", "-m", help="cli.opt.layer_metrics")] = None,
    seed: SeedOption = 0,
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    graph, the_schema, filters = open_map(ctx, view)
    names = ([m.strip() for m in metrics.split(",") if m.strip()] if metrics
             else list(analysis.questions.LAYER_METRICS))
    per_layer = analysis.layer_metrics(graph, the_schema, names, seed=seed)
    rows: list[dict[str, Any]] = []
    for layer, result in per_layer.items():
        rows.extend({"layer": layer, **row} for row in result.rows(_layer_nodes(graph, result)))
    notes = _notes(ctx, filters, graph, *(
        words("cli.metric_method", name=layer, method=", ".join(f"{m} {method}" for m, method in result.method.items()))
        for layer, result in per_layer.items()))
    document = {layer: {"method": r.method, "values": r.values} for layer, r in per_layer.items()}
    emit(rows, fmt, output, title=words("cli.title.layers"), notes=notes, document=document, excel=excel)


def _layer_nodes(graph: nx.Graph, result: analysis.MetricsResult) -> nx.Graph:
    first = next(iter(result.values.values()), {})
    return graph.subgraph(first)


@analyze_app.command(help="cli.help.diff")
@view_options(without=("as_of",))
def diff(
    ctx: typer.Context,
    view: ViewOptions,
    start: Annotated[str, typer.Option("--from", help="cli.opt.from")],
    end: Annotated[str, typer.Option("--to", help="cli.opt.to")],
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    first, second = day(start, "--from"), day(end, "--to")
    if first is None or second is None:
        raise OpcomapError("cli.diff_two_dates")
    # Every date (one day's view would hide the change), and the notes: a changed note is a change.
    graph, _, filters = open_map(ctx, view, without=("as_of",), details=True)
    result = analysis.diff_dates(graph, first, second)
    rows = [{"change": change, "source": s, "type": t, "target": c}
            for change in ("added", "removed") for s, t, c in result[change]]
    rows += [{"change": "changed", "source": s, "type": t, "target": c} for (s, t, c) in (x["tie"] for x in result["changed"])]
    notes = _notes(ctx, filters, graph,
                   words("cli.diff.appeared", ids=", ".join(result["actors_added"]) or words("cli.none")),
                   words("cli.diff.gone", ids=", ".join(result["actors_removed"]) or words("cli.none")))
    emit(rows, fmt, output, title=words("cli.title.diff", start=result["from"], end=result["to"]), notes=notes,
         document=result, coded=("change",), excel=excel)


@analyze_app.command(help="cli.help.brokers")
@view_options
def brokers(
    ctx: typer.Context,
    view: ViewOptions,
    top: Annotated[int, typer.Option("--top", min=1, help="cli.opt.brokers_top")] = 10,
    seed: SeedOption = 0,
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    graph, _, filters = open_map(ctx, view)
    rows = analysis.brokers(graph, top=top, seed=seed)
    emit(rows, fmt, output, title=words("cli.title.brokers"), notes=_notes(ctx, filters, graph), excel=excel)


@analyze_app.command(help="cli.help.ego")
@view_options
def ego(
    ctx: typer.Context,
    view: ViewOptions,
    actor: Annotated[str, typer.Argument(help="cli.arg.actor", metavar="cli.metavar.actor")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=5, help="cli.opt.ego_depth")] = 1,
    via: ViaOption = None,
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    graph, the_schema, filters = open_map(ctx, view)
    sub = analysis.ego_network(graph, actor, depth, _type_list(the_schema, via))
    rows = [{"source": u, "source_name": _name(graph, u), "type": d.get("type"), "target": v,
             "target_name": _name(graph, v), "since": d.get("since"), "until": d.get("until")}
            for u, v, d in sorted(sub.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))]
    notes = _notes(ctx, filters, graph, words("cli.ego_note", n=sub.number_of_nodes(), depth=depth, actor=actor))
    document = {"actors": sorted(sub, key=str), "relationships": rows}
    emit(rows, fmt, output, title=words("cli.title.ego", actor=actor), notes=notes, document=document,
         excel=excel)


@analyze_app.command(help="cli.help.structure")
@view_options
def structure(
    ctx: typer.Context,
    view: ViewOptions,
    resolution: Annotated[float, typer.Option("--resolution", help="cli.opt.resolution")] = 1.0,
    seed: SeedOption = 0,
    fmt: FormatOption = "table", output: OutputOption = None, excel: ExcelOption = False,
) -> None:
    graph, _, filters = open_map(ctx, view)
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
        {"measure": "components", "value": len(parts), "detail": words("cli.structure.largest", n=len(parts[0]) if parts else 0)},
        {"measure": "communities", "value": len(found.groups), "detail": words("cli.structure.modularity", value=f"{found.modularity:.4f}")},
        {"measure": "bridges", "value": len(bridges), "detail": ""},
        {"measure": "articulation_points", "value": len(points), "detail": ", ".join(map(str, points[:10])) + (words("cli.more", n=len(points) - 10) if len(points) > 10 else "")},
        {"measure": "main_core", "value": len(main), "detail": f"k = {top_core}"},
    ]
    emit(rows, fmt, output, title=words("cli.title.structure"), notes=_notes(ctx, filters, graph), document=document,
         coded=("measure",), excel=excel)
