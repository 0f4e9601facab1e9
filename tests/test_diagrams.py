"""Report diagrams: what a reader finds on the page, sizes, determinism, the export command."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graph_model.schema import default_schema
from opcomap.diagrams import render_diagram
from opcomap.diagrams.export import view_bytes
from opcomap.mapview.text import display_label
from opcomap.analysis.selection import ViewFilters
from tests.test_mapview import EVIL, sample_graph

SCHEMA = default_schema()
SVG = "{http://www.w3.org/2000/svg}"
REPO = Path(__file__).resolve().parent.parent


def svg_text(data: bytes) -> str:
    """Every piece of text of an SVG, whitespace removed (labels are wrapped onto lines)."""
    root = ET.fromstring(data)  # raises if the SVG is not well-formed
    return re.sub(r"\s+", "", "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def pdf_media_box(data: bytes) -> tuple[float, float]:
    match = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert match, "no MediaBox in the PDF"
    return float(match.group(1)), float(match.group(2))


@pytest.fixture(scope="module")
def svg() -> bytes:
    filters = ViewFilters(kinds=("OPCO", "BRANCH"), as_of="2024-01-01")
    return render_diagram(sample_graph(), SCHEMA, "svg", filters=filters, title="Mon titre de rapport",
                          data_date="2025-06-30")


def test_svg_shows_every_actor_the_legend_and_the_caption(svg):
    text = svg_text(svg)
    for node, attrs in sample_graph().nodes(data=True):
        assert squeeze(display_label(attrs)) in text, f"label of {node} missing"
    for kind in ("OPCO", "BRANCH", "CFA", "EMPLOYEE_UNION", "EMPLOYER_ORG", "PUBLIC_INSTITUTION"):
        assert squeeze(SCHEMA.kind_label(kind)) in text
    for rel_type in ("FUNDS", "CO_MANAGES", "ATTACHED_TO", "PARTNERS_WITH"):
        assert squeeze(SCHEMA.type_label(rel_type)) in text
    assert squeeze(SCHEMA.kind_label("COMPANY")) not in text  # legend lists only what is drawn
    assert "Montitrederapport" in text
    assert squeeze("Données du 30/06/2025") in text  # the date as French writes it (Babel)
    # kinds by their schema labels, the date as French writes it
    assert squeeze("genres : Opérateur de compétences (OPCO), Branche professionnelle ; au 01/01/2024") in text
    assert squeeze("8 acteurs, 8 relations") in text


def test_svg_numbers_the_sources_of_the_ties_shown(svg):
    text = svg_text(svg)
    assert squeeze("1. Accord constitutif de l'OPCO — Journal officiel") in text
    assert squeeze("2. Décret relatif aux instances — Légifrance") in text
    assert "3." not in text.split("Sources")[-1]  # two distinct sources, each listed once


def test_names_from_files_are_escaped(svg):
    assert b"<script>" not in svg and b"<img" not in svg
    assert squeeze(EVIL) in svg_text(svg)  # shown literally, as text


def test_png_is_a4_landscape_at_200_dpi():
    data = render_diagram(sample_graph(), SCHEMA, "png")
    width, height = png_size(data)
    assert (width, height) == (2338, 1654)
    assert width >= 1754 and height >= 1240  # ≥ 150 dpi on A4 landscape
    assert len(data) > 50_000  # a drawing, not a blank page


def test_pdf_is_one_a4_landscape_page():
    data = render_diagram(sample_graph(), SCHEMA, "pdf")
    assert data.startswith(b"%PDF")
    width, height = pdf_media_box(data)
    assert abs(width - 842) < 1.5 and abs(height - 595) < 1.5
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page") >= 1
    assert len(data) > 10_000


def test_same_view_gives_identical_files():
    graph = sample_graph()
    for fmt in ("svg", "pdf", "png"):
        first = render_diagram(graph, SCHEMA, fmt, data_date="2025-06-30")
        assert first == render_diagram(sample_graph(), SCHEMA, fmt, data_date="2025-06-30"), fmt


def test_hierarchical_option_draws_a_different_page():
    force = render_diagram(sample_graph(), SCHEMA, "svg", data_date="2025-06-30")
    tree = render_diagram(sample_graph(), SCHEMA, "svg", data_date="2025-06-30", layout="hierarchical")
    assert force != tree
    assert "dispositionhiérarchique" in svg_text(tree)


def test_english_page():
    text = svg_text(render_diagram(sample_graph(), SCHEMA, "svg", lang="en"))
    assert squeeze(SCHEMA.kind_label("OPCO", "en")) in text
    assert "Relationshiptypes" in text and "Wholemap" not in text and "wholemap" in text


def test_large_views_are_aggregated_and_the_caption_says_so():
    graph = sample_graph()
    for i in range(30):
        graph.add_node(f"of-{i}", name=f"Organisme {i}", kind="TRAINING_ORG", region_code="53",
                       region_name="Bretagne")
        graph.add_edge("opco-a", f"of-{i}", key=f"opco-a|FUNDS|of-{i}|", type="FUNDS", sources=[])
    text = svg_text(render_diagram(graph, SCHEMA, "svg", cap=20))
    assert squeeze("Organisme de formation — Bretagne (30)") in text
    assert "Carteagrégée" in text
    assert "Organisme7" not in text
    assert squeeze("voir un par un.") in text  # the caption is never cut short, however long


def test_a_large_view_says_how_many_names_of_how_many_it_draws_and_where_its_tie_numbers_went():
    import networkx as nx

    graph = nx.MultiDiGraph()
    for i in range(320):
        graph.add_node(f"b{i}", name=f"Branche {i}", kind="BRANCH")
        graph.add_edge(f"b{i}", f"b{(i + 1) % 320}", key=f"k{i}", type="PARTNERS_WITH",
                       sources=[{"title": f"Accord {i % 3}"}])
    text = svg_text(render_diagram(graph, SCHEMA, "svg"))
    assert squeeze("noms affichés pour 150 acteurs sur 320, les plus reliés") in text
    assert squeeze("les 320 relations citent leurs sources dans la liste, sans numéro sur le dessin") in text


def test_html_export_bytes_carry_title_and_filters():
    page = view_bytes("html", sample_graph(), SCHEMA, filters=ViewFilters(focus="opco-a")).decode("utf-8")
    assert ("<title>Carte de l&#x27;écosystème de la formation professionnelle — "
            "Vue : autour de l&#x27;acteur Opérateur de compétences A (1)</title>") in page


def test_captions_name_the_opco_and_the_focus_as_data_escaped():
    filters = ViewFilters(opco="opco-a", focus="medef")  # medef's name is markup
    page = view_bytes("html", sample_graph(), SCHEMA, filters=filters).decode("utf-8")
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "OPCO : Opérateur de compétences A" in title and "opco-a" not in title
    assert "autour de l&#x27;acteur &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img" in title
    text = svg_text(render_diagram(sample_graph(), SCHEMA, "svg", filters=filters))
    assert squeeze(f"OPCO : Opérateur de compétences A ; autour de l'acteur {EVIL} (1)") in text
    assert "opco-a" not in text and "medef" not in text


def test_caption_says_weakly_sourced_ties_were_hidden():
    hidden = ViewFilters(include_weak=False)
    assert squeeze("sans liens à source faible") in svg_text(render_diagram(sample_graph(), SCHEMA, "svg", filters=hidden))
    english = svg_text(render_diagram(sample_graph(), SCHEMA, "svg", filters=hidden, lang="en"))
    assert squeeze("without weakly sourced ties") in english
    page = view_bytes("html", sample_graph(), SCHEMA, filters=hidden).decode("utf-8")
    assert "Vue : sans liens à source faible" in page


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return subprocess.run([sys.executable, "-m", "opcomap", "export", *args], cwd=cwd, env=env, check=False,
                          capture_output=True, text=True, timeout=300)


def test_cli_exports_a_focused_view_of_the_bundled_map(tmp_path):
    target = tmp_path / "atlas.svg"
    done = _cli("--format", "svg", "--focus", "opco-atlas", "--layout", "hierarchical",
                "--title", "OPCO Atlas", "--output", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "exportés en svg" in done.stdout
    text = svg_text(target.read_bytes())
    assert "OPCOAtlas" in text and squeeze("autour de l'acteur OPCO Atlas (1)") in text and "opco-atlas" not in text
    assert "autour de l'acteur OPCO Atlas (1)" in done.stdout


def test_cli_export_leaves_out_weak_and_illustrative_ties_and_says_so(tmp_path):
    def ties(done: subprocess.CompletedProcess) -> int:
        assert done.returncode == 0, done.stderr
        return int(re.search(r"et (\d+) relations?", done.stdout).group(1))

    target = tmp_path / "carte.svg"
    whole = ties(_cli("--format", "svg", "--focus", "france-competences", "--output", str(target), cwd=tmp_path))
    lean = ties(_cli("--format", "svg", "--focus", "france-competences", "--no-weak", "--no-illustrative",
                     "--output", str(target), cwd=tmp_path))
    assert lean < whole
    assert squeeze("sans liens à source faible") in svg_text(target.read_bytes())
    refused = _cli("--format", "json", "--no-weak", cwd=tmp_path)
    assert refused.returncode == 1 and "--no-weak" in refused.stderr


def test_cli_refuses_an_unknown_kind_with_a_suggestion(tmp_path):
    done = _cli("--format", "png", "--kinds", "OPCOO", cwd=tmp_path)
    assert done.returncode == 1
    assert "genre inconnu dans le schéma : OPCOO (vouliez-vous dire OPCO ?)" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())


def test_long_source_lists_continue_on_extra_pdf_pages():
    graph = sample_graph()
    for i in range(60):
        graph.add_node(f"of-{i}", name=f"Organisme {i}", kind="TRAINING_ORG")
        graph.add_edge("opco-a", f"of-{i}", key=f"opco-a|FUNDS|of-{i}|", type="FUNDS",
                       sources=[{"title": f"Rapport annuel numéro {i}", "url": f"https://example.org/r{i}"}])
    pdf = render_diagram(graph, SCHEMA, "pdf")
    assert re.search(rb"/Type\s*/Pages\b.*?/Count\s+3\b", pdf, re.DOTALL), "expected the map page + 2 source pages"
    assert len(re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+841\.\d+\s+595\.\d+\s*\]", pdf)) >= 3
    svg = svg_text(render_diagram(graph, SCHEMA, "svg"))
    assert squeeze("(liste complète dans l'export PDF)") in svg
    # 62 sources (2 from the sample + 60): 47 listed, the 48th line says where the other 15 are
    assert svg.count("Rapportannuelnuméro") == 45
    assert squeeze("… et 15 autres sources") in svg


def test_names_that_would_cover_others_are_left_out_and_counted():
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("hub", name="Le grand pivot", kind="OPCO")
    positions = {"hub": (0.5, 0.5)}
    for i in range(60):
        graph.add_node(f"a{i}", name=f"Acteur voisin {i}", kind="BRANCH")
        graph.add_edge(f"a{i}", "hub", key=f"k{i}", type="ATTACHED_TO", sources=[])
        positions[f"a{i}"] = (0.5 + 0.001 * (i % 8), 0.5 + 0.001 * (i // 8))  # a crowded spot
    positions["far"] = (0.0, 0.0)
    graph.add_node("far", name="Acteur isolé", kind="BRANCH")
    text = svg_text(render_diagram(graph, SCHEMA, "svg", positions=positions))
    assert "Legrandpivot" in text and "Acteurisolé" in text  # the hub first; nothing covers the far one
    hidden = re.search(r"(\d+)nomsomis", text)
    assert hidden and 50 <= int(hidden.group(1)) <= 60
    assert text.count("Acteurvoisin") == 60 - int(hidden.group(1))  # drawn names + omitted ones = all


@pytest.mark.neo4j
def test_cli_exports_a_view_read_from_neo4j(neo4j_driver, neo4j_settings, tmp_path):
    from graph_model.graph import from_networkx
    from opcomap.store.writer import write_dataset

    database = neo4j_settings.neo4j_database
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    write_dataset(neo4j_driver, from_networkx(sample_graph()), SCHEMA, dataset_name="diagrammes",
                  database=database)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=neo4j_settings.neo4j_uri, NEO4J_USER=neo4j_settings.neo4j_user,
               NEO4J_PASSWORD=neo4j_settings.neo4j_password.get_secret_value(), NEO4J_DATABASE=database)
    target = tmp_path / "neo4j.svg"
    done = subprocess.run(
        [sys.executable, "-m", "opcomap", "export", "--format", "svg", "--focus", "opco-b", "--output", str(target)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    text = svg_text(target.read_bytes())
    # opco-b's ego network: France compétences, OPCO A, the Banque branch, and OPCO B itself
    for label in ("OPCO B", "OPCO A", "France compétences", "Banque"):
        assert squeeze(label) in text
    assert "CFDT" not in text and "Métallurgie" not in text
