"""GraphML for yEd and GEXF for Gephi drawn as the app draws the map, read back by NetworkX and opcomap.

The files are checked on what yEd and Gephi read (y:ShapeNode, viz:color/size/position,
edge type, intervals); the XSDs are not bundled (see README, "Diagrams and exports").
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph_model import default_schema
from graph_model.models import Dataset
from loaders import EXPORTERS, canonical, load_dataset
from loaders.bundled import reference_dir
from opcomap.drawing.graph_files import write_drawn
from tests.cli_runner import cli, one_sentence  # noqa: F401 (fixture)

SCHEMA = default_schema()
G = "{http://graphml.graphdrawing.org/xmlns}"
Y = "{http://www.yworks.com/xml/graphml}"
GX = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
TRICKY = 'Réseau <Alpha> & "Bêta"'


@pytest.fixture(scope="module")
def reference() -> Dataset:
    return load_dataset([reference_dir()], SCHEMA)


@pytest.fixture(scope="module")
def reference_files(reference, tmp_path_factory) -> dict[str, Path]:
    """The reference map drawn for yEd and Gephi, once for the module, and its plain GraphML."""
    folder = tmp_path_factory.mktemp("reference")
    return {"graphml": drawn("graphml", reference, folder / "m.graphml"),
            "gexf": drawn("gexf", reference, folder / "m.gexf"),
            "plain": EXPORTERS["graphml"](reference, folder / "p.graphml")}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """Four actors, a funding tie, a dated partnership (undirected) and an open-ended one."""
    folder = tmp_path_factory.mktemp("small")
    (folder / "actors.csv").write_text(
        "id,name,kind,since,until\n"
        "opco-x,Opco X,OPCO,2019-04-01,\n"
        "cfa-y,CFA Y,CFA,2014-01-01,\n"
        'reseau-z,"Réseau <Alpha> & ""Bêta""",NETWORK,,2022-06-30\n'
        "ministere,Ministère du Travail,PUBLIC_INSTITUTION,,\n", encoding="utf-8")
    (folder / "relationships.csv").write_text(
        "source,target,type,since,until,illustrative,sources,amount_eur\n"
        "opco-x,cfa-y,FUNDS,2020-01-01,,non,src,1500.5\n"
        "cfa-y,reseau-z,PARTNERS_WITH,2014-05-01,2018-12-31,non,src,\n"
        "opco-x,reseau-z,PARTNERS_WITH,,,oui,src,\n"
        "ministere,opco-x,FUNDS,2019-04-01,,non,src,\n", encoding="utf-8")
    (folder / "sources.csv").write_text(
        "source_id,title,url,publisher,consulted,confidence\n"
        "src,Code du travail,https://www.legifrance.gouv.fr/,Légifrance,2025-11-20,0.9\n", encoding="utf-8")
    return folder


def drawn(fmt: str, dataset: Dataset, path: Path, **options) -> Path:
    return write_drawn(fmt, dataset, SCHEMA, path, **options)


def plain_attributes(graph: nx.Graph) -> tuple[dict, dict]:
    """Nodes' and ties' data, without what yEd's and Gephi's drawing adds when read back."""
    drawing = {"x", "y", "shape_type", "label", "viz", "id"}
    nodes = {n: {k: v for k, v in a.items() if k not in drawing} for n, a in graph.nodes(data=True)}
    edges = {k: {n: v for n, v in a.items() if n not in drawing} for _, _, k, a in graph.edges(keys=True, data=True)}
    return nodes, edges


# -- GraphML / yEd -------------------------------------------------------------------------------

def test_yed_graphml_keeps_every_attribute_networkx_reads(reference, reference_files):
    styled = nx.read_graphml(reference_files["graphml"], force_multigraph=True)
    plain = nx.read_graphml(reference_files["plain"], force_multigraph=True)
    assert styled.number_of_nodes() == len(reference.actors) and styled.number_of_edges() == len(reference.relationships)
    assert plain_attributes(styled) == plain_attributes(plain)
    assert styled.nodes["opco-atlas"]["kind"] == "OPCO"


def test_yed_draws_each_actor_with_its_kinds_shape_colour_label_and_own_place(reference, reference_files):
    root = ET.parse(reference_files["graphml"]).getroot()
    keys = {k.get("id"): k for k in root.iter(f"{G}key")}
    assert keys["d_nodegraphics"].get("yfiles.type") == "nodegraphics" and keys["d_nodegraphics"].get("for") == "node"
    kinds = {a.id: a.kind for a in reference.actors}
    names = {a.id: a.name for a in reference.actors}
    places = set()
    for node in root.iter(f"{G}node"):
        shape = node.find(f"{G}data[@key='d_nodegraphics']/{Y}ShapeNode")
        assert shape is not None
        geometry = shape.find(f"{Y}Geometry")
        places.add((geometry.get("x"), geometry.get("y")))
        assert float(geometry.get("width")) >= 20
        kind = kinds[node.get("id")]
        assert shape.find(f"{Y}Fill").get("color") == SCHEMA.kind_color(kind).upper()
        assert shape.find(f"{Y}NodeLabel").text == names[node.get("id")]
        if kind == "OPCO":
            assert shape.find(f"{Y}Shape").get("type") == "star5"
    assert len(places) == len(reference.actors)  # not stacked at one point


def test_yed_labels_ties_in_french_with_arrows_only_for_directed_types(small, tmp_path):
    root = ET.parse(drawn("graphml", load_dataset([small], SCHEMA), tmp_path / "s.graphml")).getroot()
    seen = {}
    for edge in root.iter(f"{G}edge"):
        rel_type = edge.find(f"{G}data[@key='type']").text
        line = edge.find(f"{G}data[@key='d_edgegraphics']/{Y}PolyLineEdge")
        seen[rel_type] = (line.find(f"{Y}EdgeLabel").text, line.find(f"{Y}Arrows").get("target"),
                          line.find(f"{Y}LineStyle").get("type"))
    assert seen == {"FUNDS": ("Financement", "standard", "line"), "PARTNERS_WITH": ("Partenariat", "none", "dashed")}


def test_text_from_data_is_escaped_in_both_files(small, tmp_path):
    dataset = load_dataset([small], SCHEMA)
    graphml = drawn("graphml", dataset, tmp_path / "s.graphml")
    gexf = drawn("gexf", dataset, tmp_path / "s.gexf")
    assert "&lt;Alpha&gt; &amp;" in graphml.read_text(encoding="utf-8")
    assert nx.read_graphml(graphml, force_multigraph=True).nodes["reseau-z"]["name"] == TRICKY
    node = next(n for n in ET.parse(gexf).getroot().iter(f"{GX}node") if n.get("id") == "reseau-z")
    assert node.get("label") == TRICKY


# -- GEXF / Gephi --------------------------------------------------------------------------------

def test_networkx_reads_the_gephi_look_and_every_attribute(reference, tmp_path):
    # NetworkX refuses a mixed graph, so its check runs on the map's directed ties.
    directed = Dataset(actors=reference.actors, anchors=reference.anchors,
                       relationships=[r for r in reference.relationships if SCHEMA.is_directed(r.type)])
    graph = nx.read_gexf(drawn("gexf", directed, tmp_path / "m.gexf"))
    plain = nx.read_gexf(EXPORTERS["gexf"](directed, tmp_path / "p.gexf"))
    assert graph.number_of_nodes() == len(reference.actors)
    assert graph.number_of_edges() == len(directed.relationships)
    assert plain_attributes(graph) == plain_attributes(plain)
    kinds = {a.id: a.kind for a in reference.actors}
    positions = set()
    for node, attrs in graph.nodes(data=True):
        viz = attrs["viz"]
        colour = "#{r:02x}{g:02x}{b:02x}".format(**viz["color"])
        assert colour == SCHEMA.kind_color(kinds[node])
        assert 10.0 <= viz["size"] <= 26.0
        positions.add((viz["position"]["x"], viz["position"]["y"]))
    assert len(positions) == len(reference.actors)


def test_undirected_types_are_undirected_edges_and_the_file_loads_back(small, tmp_path):
    dataset = load_dataset([small], SCHEMA)
    path = drawn("gexf", dataset, tmp_path / "s.gexf")
    root = ET.parse(path).getroot()
    assert root.find(f"{GX}graph").get("defaultedgetype") == "directed"
    types = {(e.get("source"), e.get("target")): e.get("type") for e in root.iter(f"{GX}edge")}
    assert types == {("opco-x", "cfa-y"): None, ("cfa-y", "reseau-z"): "undirected",
                     ("opco-x", "reseau-z"): "undirected", ("ministere", "opco-x"): None}
    labels = {e.get("label") for e in root.iter(f"{GX}edge")}
    assert labels == {"Financement", "Partenariat"}
    for node in root.iter(f"{GX}node"):
        colour = node.find(f"{VIZ}color")
        assert all(0 <= int(colour.get(c)) <= 255 for c in "rgb")
        assert node.find(f"{VIZ}position") is not None and node.find(f"{VIZ}size") is not None
    assert canonical(load_dataset([path], SCHEMA)) == canonical(dataset)


def test_dynamic_gexf_gives_each_actor_and_tie_its_interval_open_when_undated(small, tmp_path):
    root = ET.parse(drawn("gexf", load_dataset([small], SCHEMA), tmp_path / "d.gexf", dynamic=True)).getroot()
    graph = root.find(f"{GX}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    nodes = {n.get("id"): (n.get("start"), n.get("end")) for n in root.iter(f"{GX}node")}
    assert nodes == {"opco-x": ("2019-04-01", None), "cfa-y": ("2014-01-01", None),
                     "reseau-z": (None, "2022-06-30"), "ministere": (None, None)}
    ties = {(e.get("source"), e.get("target")): (e.get("start"), e.get("end")) for e in root.iter(f"{GX}edge")}
    assert ties[("cfa-y", "reseau-z")] == ("2014-05-01", "2018-12-31")
    assert ties[("opco-x", "reseau-z")] == (None, None)
    assert ties[("opco-x", "cfa-y")] == ("2020-01-01", None)


def test_a_static_gexf_has_no_intervals(small, tmp_path):
    root = ET.parse(drawn("gexf", load_dataset([small], SCHEMA), tmp_path / "s.gexf")).getroot()
    assert root.find(f"{GX}graph").get("mode") == "static"
    assert not [e for e in root.iter() if e.get("start") or e.get("end")]


# -- round trip and CLI --------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_drawn_files_load_back_and_export_to_the_same_bytes(fmt, reference, reference_files, tmp_path):
    first = reference_files[fmt]
    reread = load_dataset([first], SCHEMA)
    assert canonical(reread) == canonical(reference)
    assert drawn(fmt, reread, tmp_path / f"second.{fmt}").read_bytes() == first.read_bytes()


def test_cli_writes_a_dynamic_gexf_and_refuses_dynamic_elsewhere(cli, small, tmp_path):
    code, out, _ = cli("export", "--data", str(small), "--format", "gexf", "--dynamic", "-o", str(tmp_path / "d.gexf"))
    assert code == 0 and "4 acteurs et 4 relations" in one_sentence(out)
    assert ET.parse(tmp_path / "d.gexf").getroot().find(f"{GX}graph").get("mode") == "dynamic"
    code, _, err = cli("export", "--data", str(small), "--format", "graphml", "--dynamic")
    assert code != 0 and "--dynamic s'applique au format gexf" in one_sentence(err)
    code, _, err = cli("export", "--data", str(small), "--format", "gexf", "--layout", "france")
    assert code != 0 and "gexf prend force ou hierarchical" in one_sentence(err)
