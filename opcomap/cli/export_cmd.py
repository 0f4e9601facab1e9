"""``opcomap export``: the map as node-link JSON, GraphML, GEXF 1.3 or a CSV folder.

The format dispatch is one dictionary of writers: a new format (svg, png,
pdf, html diagrams) is one more entry and one more branch in ``export``.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from graph_model.schema import load_schema
from loaders.exporters import EXPORTERS
from opcomap.cli.common import DataOption, SchemaOption, app, out
from opcomap.cli.data_cmd import read_map
from opcomap.settings import get_settings


class ExportFormat(str, Enum):
    json = "json"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


DEFAULT_OUTPUT = {"json": "opcomap.json", "graphml": "opcomap.graphml", "gexf": "opcomap.gexf", "csv": "opcomap-csv"}


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json (node-link NetworkX), graphml (yEd, Gephi), gexf (Gephi, 1.3) ou csv (dossier rechargeable).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fichier (ou dossier pour csv) à écrire.")] = None,
    data: DataOption = None,
    schema: SchemaOption = None,
) -> None:
    """Exporte la carte (fichiers --data, sinon Neo4j si NEO4J_URI est défini, sinon la carte de référence)."""
    dataset = read_map(data, load_schema(schema), get_settings())
    target = output or Path(DEFAULT_OUTPUT[format.value])
    if format.value in EXPORTERS:
        EXPORTERS[format.value](dataset, target)
    out.print(f"{len(dataset.actors)} acteurs et {len(dataset.relationships)} relations exportés en {format.value} : {target}")
