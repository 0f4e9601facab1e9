"""``opcomap export``: the map as node-link JSON, GraphML, GEXF 1.3, a CSV folder or an XLSX workbook.

Data formats go through one dictionary of writers (``loaders.exporters``); GraphML and
GEXF are drawn as the app draws the map (``opcomap.drawing.graph_files``);
views (svg, png, pdf, html) take the same view options as ``analyze``, and so
do charts of a view (``--chart``, svg or png).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from graph_model.errors import OpcomapError
from opcomap.cli.common import app
from opcomap.cli.data_cmd import read_map
from opcomap.cli.output import ExcelOption, err, existing_folder, say
from opcomap.cli.view import ViewOptions, open_view, view_options


class ViewLayout(str, Enum):
    force = "force"
    hierarchical = "hierarchical"
    france = "france"


class FranceMeasure(str, Enum):
    gaps = "gaps"
    cfa = "cfa"
    training = "training"
    seats = "seats"
    funding = "funding"


class ViewLang(str, Enum):
    fr = "fr"
    en = "en"


class ChartName(str, Enum):
    funding = "funding"
    kinds = "kinds"
    degrees = "degrees"
    partners = "partners"


class ExportFormat(str, Enum):
    json = "json"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"
    xlsx = "xlsx"
    svg = "svg"
    png = "png"
    pdf = "pdf"
    html = "html"


DEFAULT_OUTPUT = {"json": "opcomap.json", "graphml": "opcomap.graphml", "gexf": "opcomap.gexf", "csv": "opcomap-csv",
                  "xlsx": "opcomap.xlsx", "svg": "opcomap.svg", "png": "opcomap.png", "pdf": "opcomap.pdf", "html": "opcomap.html"}


@app.command(help="cli.help.export")
@view_options
def export(
    view: ViewOptions,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="cli.opt.export_format")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="cli.opt.export_output",
                                                          callback=existing_folder)] = None,
    focus: Annotated[str | None, typer.Option("--focus", help="cli.opt.focus")] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="cli.opt.depth")] = 1,
    layout: Annotated[ViewLayout, typer.Option("--layout", help="cli.opt.layout")] = ViewLayout.force,
    title: Annotated[str | None, typer.Option("--title", help="cli.opt.title")] = None,
    lang: Annotated[ViewLang, typer.Option("--lang", help="cli.opt.diagram_lang")] = ViewLang.fr,
    measure: Annotated[FranceMeasure, typer.Option("--measure", help="cli.opt.france_measure")] = FranceMeasure.cfa,
    evolution: Annotated[str | None, typer.Option("--evolution", help="cli.opt.evolution")] = None,
    chart: Annotated[ChartName | None, typer.Option("--chart", help="cli.opt.chart")] = None,
    dynamic: Annotated[bool, typer.Option("--dynamic", help="cli.opt.dynamic")] = False,
    excel: ExcelOption = False,
) -> None:
    """The map as a file: data formats, or a view drawn as a diagram or an offline interactive map."""
    from graph_model.schema import load_schema
    from loaders.exporters import EXCEL_EXPORTERS, EXPORTERS
    from opcomap.diagrams.export import VIEW_FORMATS, write_view
    from opcomap.drawing.graph_files import FORMATS as DRAWN_FORMATS
    from opcomap.drawing.graph_files import write_drawn
    from opcomap.settings import get_settings
    from opcomap.store.graph_source import data_date as source_date

    if dynamic and format is not ExportFormat.gexf:
        raise OpcomapError("cli.export.dynamic_gexf", format=format.value)
    if excel and format.value not in EXCEL_EXPORTERS and format is not ExportFormat.xlsx:
        raise OpcomapError("cli.export.excel_formats", format=format.value)
    if chart is not None:
        _export_chart(view, chart.value, format.value, output, focus=focus, depth=depth, lang=lang.value)
        return
    target = output or Path(DEFAULT_OUTPUT[format.value])
    if evolution is not None:
        _export_evolution(view, evolution_days(evolution), format.value, target, focus=focus, depth=depth,
                          layout=layout.value, title=title, lang=lang.value)
        return
    if format.value in VIEW_FORMATS:
        from opcomap.analysis.by_region import counts_every_opco
        from opcomap.analysis.filters import anchor_names, describe_view

        france = layout is ViewLayout.france
        # The France map reads every Région, so its graph keeps them all; the chosen one is outlined.
        ignored_opco = view.opco if france and counts_every_opco(measure.value) else None
        graph, schema, filters = open_view(replace(view, region=None, opco=None if ignored_opco else view.opco)
                                           if france else view, focus=focus, depth=depth)
        if ignored_opco:  # the whole map was read: it names the OPCO, if it holds it
            name = anchor_names(graph, filters.model_copy(update={"opco": ignored_opco})).get(ignored_opco)
            say("france.opco_filter_ignored", console=err, opco=name or ignored_opco)
        if france:
            filters = filters.model_copy(update={"region": view.region})
        settings = get_settings()
        write_view(target, format.value, graph, schema, filters=filters, layout=layout.value, title=title,
                   lang=lang.value, data_date=source_date(settings, view.data), measure=measure.value)
        say("cli.export.view_done", n=graph.number_of_nodes(), m=graph.number_of_edges(),
            filters=describe_view(graph, filters, lang.value), format=format.value,
            path=str(target))
        return
    chosen = view.filtering() + (["--focus"] if focus else [])
    if chosen:
        raise OpcomapError("cli.export.view_only", options=", ".join(chosen))
    schema = load_schema(view.schema)
    dataset = read_map(view.data, schema, get_settings())
    if format.value in DRAWN_FORMATS:
        if layout is ViewLayout.france:
            raise OpcomapError("cli.export.layout_data", format=format.value)
        write_drawn(format.value, dataset, schema, target, algorithm=layout.value, lang=lang.value, dynamic=dynamic)
    else:
        (EXCEL_EXPORTERS if excel else EXPORTERS).get(format.value, EXPORTERS[format.value])(dataset, target)
    say("cli.export.done", n=len(dataset.actors), m=len(dataset.relationships), format=format.value, path=str(target))


def evolution_days(text: str) -> list[dt.date]:
    """The dates typed for ``--evolution``, in order, each once; a year alone is its 1 January.

    >>> evolution_days("2024, 2014,2019-04-01,2014")
    [datetime.date(2014, 1, 1), datetime.date(2019, 4, 1), datetime.date(2024, 1, 1)]
    """
    days = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            days.add(dt.date(int(part), 1, 1) if part.isdigit() and len(part) == 4 else dt.date.fromisoformat(part))
        except ValueError as exc:
            raise OpcomapError("cli.export.evolution_bad", text=part) from exc
    if not days:
        raise OpcomapError("cli.export.evolution_empty")
    return sorted(days)


def _export_evolution(view: ViewOptions, days: list[dt.date], fmt: str, target: Path, *, focus: str | None,
                      depth: int, layout: str, title: str | None, lang: str) -> None:
    """One PDF page per date, the view read once without a date (positions) and once per date."""
    from opcomap.analysis.filters import describe_view
    from opcomap.diagrams.evolution import render_evolution
    from opcomap.settings import get_settings
    from opcomap.store.graph_source import data_date as source_date

    if fmt != "pdf":
        raise OpcomapError("cli.export.evolution_pdf", format=fmt)
    if view.as_of:
        raise OpcomapError("cli.export.evolution_as_of")
    whole, schema, filters = open_view(view, focus=focus, depth=depth)
    pages = [(when, open_view(replace(view, as_of=when.isoformat()), focus=focus, depth=depth)[0]) for when in days]
    content = render_evolution(whole, pages, schema, filters=filters, title=title, lang=lang, layout=layout,  # type: ignore[arg-type]
                               data_date=source_date(get_settings(), view.data))
    try:
        target.write_bytes(content)
    except OSError as exc:
        raise OpcomapError("problems.write_failed", path=str(target), reason=exc.strerror) from exc
    say("cli.export.evolution_done", pages=len(days), days=", ".join(d.isoformat() for d in days),
        filters=describe_view(whole, filters, lang), path=str(target))


def _export_chart(view: ViewOptions, name: str, fmt: str, output: Path | None, *, focus: str | None, depth: int,
                  lang: str) -> None:
    """A chart of the view (opcomap.charts) as an SVG or PNG file with its caption and sources."""
    from opcomap.analysis.filters import describe_view
    from opcomap.charts import FORMATS, chart_of, write_chart

    if fmt not in FORMATS:
        raise OpcomapError("cli.export.chart_format", format=fmt)
    graph, schema, filters = open_view(view, focus=focus, depth=depth)
    scope = describe_view(graph, filters, lang, schema)
    drawn = chart_of(name, graph, schema, lang, view=scope)
    target = output or Path(f"opcomap-{name}.{fmt}")
    write_chart(target, drawn, fmt)
    say("cli.export.chart_done", title=drawn.title, filters=scope, format=fmt, path=str(target))
