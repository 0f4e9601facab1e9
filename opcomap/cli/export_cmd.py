"""``opcomap export``: the map as node-link JSON, GraphML, GEXF 1.3 or a CSV folder.

Data formats go through one dictionary of writers (``loaders.exporters``);
views (svg, png, pdf, html) take the same view options as ``analyze``, and so
do charts of a view (``--chart``, svg or png).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from graph_model.errors import OpcomapError
from opcomap.cli.common import app
from opcomap.cli.data_cmd import read_map
from opcomap.cli.output import say
from opcomap.cli.view import ViewOptions, open_view, view_options


class ViewLayout(str, Enum):
    force = "force"
    hierarchical = "hierarchical"


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
    svg = "svg"
    png = "png"
    pdf = "pdf"
    html = "html"


DEFAULT_OUTPUT = {"json": "opcomap.json", "graphml": "opcomap.graphml", "gexf": "opcomap.gexf", "csv": "opcomap-csv",
                  "svg": "opcomap.svg", "png": "opcomap.png", "pdf": "opcomap.pdf", "html": "opcomap.html"}


@app.command(help="cli.help.export")
@view_options
def export(
    view: ViewOptions,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="cli.opt.export_format")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="cli.opt.export_output")] = None,
    focus: Annotated[str | None, typer.Option("--focus", help="cli.opt.focus")] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="cli.opt.depth")] = 1,
    layout: Annotated[ViewLayout, typer.Option("--layout", help="cli.opt.layout")] = ViewLayout.force,
    title: Annotated[str | None, typer.Option("--title", help="cli.opt.title")] = None,
    lang: Annotated[ViewLang, typer.Option("--lang", help="cli.opt.diagram_lang")] = ViewLang.fr,
    chart: Annotated[ChartName | None, typer.Option("--chart", help="cli.opt.chart")] = None,
) -> None:
    """The map as a file: data formats, or a view drawn as a diagram or an offline interactive map."""
    from graph_model.schema import load_schema
    from loaders.exporters import EXPORTERS
    from opcomap.diagrams.export import VIEW_FORMATS, write_view
    from opcomap.settings import get_settings
    from opcomap.store.graph_source import data_date as source_date

    if chart is not None:
        _export_chart(view, chart.value, format.value, output, focus=focus, depth=depth, lang=lang.value)
        return
    target = output or Path(DEFAULT_OUTPUT[format.value])
    if format.value in VIEW_FORMATS:
        graph, schema, filters = open_view(view, focus=focus, depth=depth)
        settings = get_settings()
        write_view(target, format.value, graph, schema, filters=filters, layout=layout.value, title=title,
                   lang=lang.value, data_date=source_date(settings, view.data))
        say("cli.export.view_done", n=graph.number_of_nodes(), m=graph.number_of_edges(),
            filters=filters.describe(lang.value), format=format.value, path=str(target))
        return
    chosen = view.filtering() + (["--focus"] if focus else [])
    if chosen:
        raise OpcomapError("cli.export.view_only", options=", ".join(chosen))
    dataset = read_map(view.data, load_schema(view.schema), get_settings())
    EXPORTERS[format.value](dataset, target)
    say("cli.export.done", n=len(dataset.actors), m=len(dataset.relationships), format=format.value, path=str(target))


def _export_chart(view: ViewOptions, name: str, fmt: str, output: Path | None, *, focus: str | None, depth: int,
                  lang: str) -> None:
    """A chart of the view (opcomap.charts) as an SVG or PNG file with its caption and sources."""
    from opcomap.charts import FORMATS, chart_of, write_chart

    if fmt not in FORMATS:
        raise OpcomapError("cli.export.chart_format", format=fmt)
    graph, schema, filters = open_view(view, focus=focus, depth=depth)
    scope = filters.describe(lang, schema)
    drawn = chart_of(name, graph, schema, lang, view=scope)
    target = output or Path(f"opcomap-{name}.{fmt}")
    write_chart(target, drawn, fmt)
    say("cli.export.chart_done", title=drawn.title, filters=scope, format=fmt, path=str(target))
