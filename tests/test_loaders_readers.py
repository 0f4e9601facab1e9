"""Good input in every format: CSV (BOM, ';', quotes), XLSX, YAML, node-link JSON, folders."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
from openpyxl import Workbook

from graph_model import default_schema
from loaders import canonical, check_dataset, load_dataset, write_json

GOOD = Path(__file__).parent / "fixtures" / "good"


def test_semicolon_bom_csv_with_quotes_and_french_numbers():
    dataset = load_dataset([GOOD / "actors.csv", GOOD / "relationships.csv", GOOD / "sources.csv"], default_schema())
    funds = next(r for r in dataset.relationships if r.type == "FUNDS" and r.source == "public-fc")
    assert funds.properties == {"amount_eur": 1234567.5, "year": 2024}
    assert funds.note == "Dotation ; alternance"  # quoted field with the delimiter inside
    assert [s.title for s in funds.sources] == ["Code du travail, article L6332-1",
                                                 "Arrêtés d'agrément des opérateurs de compétences"]
    assert funds.sources[0].consulted == dt.date(2025, 11, 20) and funds.sources[0].confidence == 0.95
    atlas = dataset.actor_index()["opco-atlas"]
    assert atlas.aliases == ["Atlas", "OPCO Atlas"] and atlas.sectors == ["assurance", "finance"]
    assert dataset.actor_index()["cfa-a"].name == 'CFA "Les Métiers" A'
    located = next(r for r in dataset.relationships if r.type == "LOCATED_IN")
    assert located.illustrative is True


def test_folder_reads_every_data_file_yaml_included():
    dataset = load_dataset([GOOD], default_schema())
    ids = {a.id for a in dataset.actors}
    assert {"opco-atlas", "opco-y", "crefop-y"} <= ids
    co = next(r for r in dataset.relationships if r.source == "union-y" and r.type == "CO_MANAGES")
    assert co.properties == {"college": "salariés", "seats": 2} and co.sources[0].title == "Source YAML"
    seat = next(r for r in dataset.relationships if r.type == "SITS_ON")
    assert seat.properties == {"role": "titulaire"} and seat.sources[0].publisher == "Préfecture"


def test_xlsx_workbook_with_typed_cells(tmp_path):
    book = Workbook()
    actors = book.active
    actors.title = "actors"
    actors.append(["id", "name", "kind", "idcc", "since"])
    actors.append(["opco-x", "OPCO X", "OPCO", None, dt.datetime(2019, 4, 1)])
    actors.append([])  # a blank row in the middle still counts in row numbers
    actors.append(["branch-x", "Branche X", "BRANCH", 1486, None])
    rels = book.create_sheet("relationships")
    rels.append(["source", "target", "type", "since", "source_title", "source_url"])
    rels.append(["branch-x", "opco-x", "ATTACHED_TO", dt.datetime(2019, 4, 1), "Arrêté", "https://example.org/a"])
    rels.append(["branch-x", "nobody", "ATTACHED_TO", None, "Arrêté", None])
    book.create_sheet("notes")  # an empty extra sheet is ignored
    path = tmp_path / "carte.xlsx"
    book.save(path)
    dataset, problems = check_dataset([path], default_schema())
    assert dataset.actor_index()["branch-x"].idcc == "1486"
    assert dataset.actor_index()["opco-x"].since == dt.date(2019, 4, 1)
    assert dataset.relationships[0].sources[0].url == "https://example.org/a"
    assert [(p.file, p.row, p.column) for p in problems] == [(f"{path} [feuille relationships]", 3, "target")]


def test_node_link_json_from_networkx(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("opco-n", name="OPCO N", kind="OPCO")
    graph.add_node("branch-n", name="Branche N", kind="BRANCH", idcc="0029")
    graph.add_edge("branch-n", "opco-n", key="k1", type="ATTACHED_TO", sources=[{"title": "Arrêté"}])
    for edges in ("edges", "links"):  # NetworkX < 3.6 wrote "links"
        path = tmp_path / f"{edges}.json"
        path.write_text(json.dumps(nx.node_link_data(graph, edges=edges)), encoding="utf-8")
        dataset = load_dataset([path], default_schema())
        assert [(r.source, r.target, r.sources[0].title) for r in dataset.relationships] == [
            ("branch-n", "opco-n", "Arrêté")]


def test_exported_json_is_read_by_networkx(tmp_path):
    dataset = load_dataset([GOOD], default_schema())
    path = write_json(dataset, tmp_path / "map.json")
    graph = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")))
    assert graph.number_of_nodes() == len(dataset.actors)
    assert graph.number_of_edges() == len(dataset.relationships)
    node = graph.nodes["opco-atlas"]
    assert (node["name"], node["kind"], node["aliases"]) == ("Opco Atlas", "OPCO", ["Atlas", "OPCO Atlas"])
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert {"id", "name", "kind"} <= raw["nodes"][0].keys()
    assert {"source", "target", "type", "sources"} <= raw["edges"][0].keys()
    _, _, edge = next((u, v, d) for u, v, d in graph.edges(data=True) if d["type"] == "FUNDS" and u == "public-fc")
    assert edge["since"] == "2024-01-01" and edge["until"] == "2024-12-31" and edge["sources"][0]["url"].startswith("https://")
    assert canonical(load_dataset([path], default_schema())) == canonical(dataset)


def test_missing_path_and_empty_folder(tmp_path):
    _, problems = check_dataset([tmp_path / "nope.csv", tmp_path], default_schema())
    assert [p.text().split(" ")[0] for p in problems] == ["aucun", "fichier"]
