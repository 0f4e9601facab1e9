"""``opcomap export``: the map as node-link JSON, GraphML, GEXF 1.3 or a CSV folder.

The format dispatch is one dictionary of writers: a new format (svg, png,
pdf, html diagrams) is one more entry and one more branch in ``export``.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from graph_model.schema import load_schema
from loaders.exporters import EXPORTERS
from opcomap.cli.common import DataOption, NoIllustrativeOption, NoWeakOption, SchemaOption, app, out
from opcomap.cli.data_cmd import read_map
from opcomap.diagrams.export import VIEW_FORMATS, check_view, write_view
from graph_model.errors import OpcomapError
from opcomap.store.graph_source import data_date as source_date
from opcomap.store.graph_source import open_graph
from opcomap.settings import get_settings
from opcomap.analysis.selection import ViewFilters


class ViewLayout(str, Enum):
    force = "force"
    hierarchical = "hierarchical"


class ViewLang(str, Enum):
    fr = "fr"
    en = "en"


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    parts = tuple(p.strip().upper() for v in values or [] for p in v.split(",") if p.strip())
    return parts or None


def view_filters(focus: str | None, depth: int, kinds: list[str] | None, types: list[str] | None,
                 region: str | None, as_of: str | None, no_illustrative: bool = False,
                 no_weak: bool = False) -> ViewFilters:
    """The view the export options describe (the same model as the app's URL)."""
    day = None
    if as_of:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError as exc:
            raise OpcomapError(f"--as-of : « {as_of} » n'est pas une date AAAA-MM-JJ") from exc
    return ViewFilters(focus=focus, depth=depth, kinds=_split(kinds), types=_split(types), region=region, as_of=day,
                       include_illustrative=not no_illustrative, include_weak=not no_weak)


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


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json (node-link NetworkX), graphml (yEd, Gephi), gexf (Gephi, 1.3) ou csv (dossier rechargeable) ; svg, png, pdf (diagramme A4 paysage pour un rapport) ou html (carte interactive hors ligne).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fichier (ou dossier pour csv) à écrire.")] = None,
    data: DataOption = None,
    schema: SchemaOption = None,
    focus: Annotated[str | None, typer.Option("--focus", help="(svg, png, pdf, html) Id d'un acteur : sa vue en étoile (ego-réseau).")] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="(svg, png, pdf, html) Profondeur autour de --focus (1 à 3).")] = 1,
    kinds: Annotated[list[str] | None, typer.Option("--kinds", help="(svg, png, pdf, html) Genres d'acteurs à garder (répétable ou séparés par des virgules), ex. OPCO,BRANCH.")] = None,
    types: Annotated[list[str] | None, typer.Option("--types", help="(svg, png, pdf, html) Types de relations à garder (répétable ou séparés par des virgules), ex. FUNDS.")] = None,
    region: Annotated[str | None, typer.Option("--region", help="(svg, png, pdf, html) Code INSEE d'une Région, ex. 53 (Bretagne).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="(svg, png, pdf, html) Date AAAA-MM-JJ : ce qui était en vigueur ce jour-là.")] = None,
    layout: Annotated[ViewLayout, typer.Option("--layout", help="(svg, png, pdf, html) force (par défaut) ou hierarchical (institutions → OPCO → branches → CFA).")] = ViewLayout.force,
    title: Annotated[str | None, typer.Option("--title", help="(svg, png, pdf, html) Titre du diagramme.")] = None,
    lang: Annotated[ViewLang, typer.Option("--lang", help="(svg, png, pdf, html) Langue des libellés : fr ou en.")] = ViewLang.fr,
    no_illustrative: NoIllustrativeOption = False,
    no_weak: NoWeakOption = False,
) -> None:
    """Exporte la carte (fichiers --data, sinon Neo4j si NEO4J_URI est défini, sinon la carte de référence).

    svg, png et pdf donnent un diagramme A4 paysage (titre, légende, sources numérotées) ; html, une carte interactive autonome qui s'ouvre sans réseau. Ces quatre formats acceptent les options de vue (--focus, --depth, --kinds, --types, --region, --as-of, --no-illustrative, --no-weak).
    """
    if format.value in VIEW_FORMATS:
        schema_obj = load_schema(schema)
        filters = view_filters(focus, depth, kinds, types, region, as_of, no_illustrative, no_weak)
        check_view(filters, schema_obj)
        settings = get_settings()
        graph = open_graph(settings, schema_obj, data, filters)
        target = output or Path(DEFAULT_OUTPUT[format.value])
        write_view(target, format.value, graph, schema_obj, filters=filters, layout=layout.value, title=title,
                   lang=lang.value, data_date=source_date(settings, data))
        out.print(f"{graph.number_of_nodes()} acteurs et {graph.number_of_edges()} relations ({filters.describe()}) "
                  f"exportés en {format.value} : {target}", highlight=False)
        return
    if focus or kinds or types or region or as_of or no_illustrative or no_weak:
        raise OpcomapError("les options de vue (--focus, --kinds, --types, --region, --as-of, --no-illustrative, "
                           "--no-weak) s'appliquent aux formats svg, png, pdf et html")
    dataset = read_map(data, load_schema(schema), get_settings())
    target = output or Path(DEFAULT_OUTPUT[format.value])
    if format.value in EXPORTERS:
        EXPORTERS[format.value](dataset, target)
    out.print(f"{len(dataset.actors)} acteurs et {len(dataset.relationships)} relations exportés en {format.value} : {target}")
