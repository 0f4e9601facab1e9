"""Charts: their rows on a small hand-built map, French numbers, SVG/PNG files, the Analyse page.

The map below is small enough to add up by hand: France compétences funds two
OPCO over two years, the OPCO fund CFA in two Régions, one tie states no year,
one no amount, one is illustrative, and one CFA's name carries markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph_model import default_schema
from graph_model.errors import OpcomapError
from opcomap import charts
from opcomap.analysis import chart_data

NNBSP, NBSP = "\u202f", "\u00a0"
HOSTILE = "CFA <script>alert(1)</script>"
REPORT = {"title": "Rapport annuel <2024> & comptes", "publisher": "France compétences", "url": "https://example.org/r",
          "consulted": "2026-11-26"}
AGREEMENT = {"title": "Convention d'objectifs", "publisher": "OPCO Atlas"}


@pytest.fixture(scope="module")
def schema():
    return default_schema()


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("fc", kind="PUBLIC_INSTITUTION", name="France compétences")
    g.add_node("atlas", kind="OPCO", name="OPCO Atlas")
    g.add_node("akto", kind="OPCO", name="AKTO")
    g.add_node("ara", kind="REGION", name="Auvergne-Rhône-Alpes", region_code="84")
    g.add_node("bzh", kind="REGION", name="Bretagne", region_code="53")
    g.add_node("cfa-lyon", kind="CFA", name="CFA Lyon", region_code="84")
    g.add_node("cfa-x", kind="CFA", name=HOSTILE, region_code="84")
    g.add_node("cfa-rennes", kind="CFA", name="CFA Rennes", region_code="53")
    g.add_node("of-lyon", kind="TRAINING_ORG", name="OF Lyon", region_code="84")
    g.add_node("cgt", kind="EMPLOYEE_UNION", name="CGT")
    edges = [
        ("fc", "atlas", {"year": 2023, "amount_eur": 23_510_000.0, "sources": [REPORT]}),
        ("fc", "atlas", {"year": 2024, "amount_eur": 10_000_000.0, "sources": [REPORT]}),
        ("fc", "atlas", {"year": 2024, "amount_eur": 13_510_000.0, "sources": [REPORT]}),
        ("fc", "akto", {"year": 2024, "amount_eur": 5_000_000.0, "sources": [REPORT]}),
        ("atlas", "cfa-lyon", {"year": 2024, "amount_eur": 1_200_000.0, "sources": [AGREEMENT]}),
        ("atlas", "cfa-x", {"year": 2024, "sources": [AGREEMENT]}),  # no amount
        ("akto", "cfa-rennes", {"amount_eur": 300_000.0, "illustrative": True}),  # no year
        ("ara", "cfa-lyon", {"year": 2024, "amount_eur": 999.0}),  # a Région's funding: not on the chain
    ]
    for u, v, data in edges:
        g.add_edge(u, v, type="FUNDS", **data)
    g.add_edge("cgt", "atlas", type="CO_MANAGES", sources=[AGREEMENT])
    g.add_edge("cgt", "akto", type="CO_MANAGES", illustrative=True)
    g.add_edge("atlas", "cfa-lyon", type="PARTNERS_WITH")
    return g


# -- the rows ---------------------------------------------------------------------------------------

def test_funding_flows_sum_each_pair_per_year_along_the_chain(graph):
    data = chart_data.funding_flows(graph)
    summed = {(r["source"], r["target"], r["year"]): (r["amount_eur"], r["ties"], r["ties_with_amount"])
              for r in data.rows}
    assert summed == {
        ("fc", "atlas", 2023): (23_510_000.0, 1, 1),
        ("fc", "atlas", 2024): (23_510_000.0, 2, 2),
        ("fc", "akto", 2024): (5_000_000.0, 1, 1),
        ("atlas", "cfa-lyon", 2024): (1_200_000.0, 1, 1),
        ("atlas", "cfa-x", 2024): (0.0, 1, 0),
        ("akto", "cfa-rennes", None): (300_000.0, 1, 1),
    }
    assert [r["stage"] for r in data.rows] == [0, 0, 0, 1, 1, 1]
    # the Région's tie and the partnership are not funding along the chain
    assert (data.ties, data.with_amount, data.without_amount, data.without_year, data.illustrative) == (7, 6, 1, 1, 1)
    assert [s["title"] for s in data.sources] == [AGREEMENT["title"], REPORT["title"]]


def test_funding_flows_follow_another_chain_of_kinds(graph):
    data = chart_data.funding_flows(graph, chain=("REGION", "CFA"))
    assert [(r["source"], r["target"], r["amount_eur"]) for r in data.rows] == [("ara", "cfa-lyon", 999.0)]


def test_an_actors_funding_is_what_it_receives_and_what_it_pays(graph):
    data = chart_data.actor_funding(graph, "atlas")
    summed = {(r["stage"], r["source"], r["target"], r["year"]): (r["amount_eur"], r["ties"]) for r in data.rows}
    assert summed == {
        (0, "fc", "atlas", 2023): (23_510_000.0, 1), (0, "fc", "atlas", 2024): (23_510_000.0, 2),
        (1, "atlas", "cfa-lyon", 2024): (1_200_000.0, 1), (1, "atlas", "cfa-x", 2024): (0.0, 1),
    }
    assert (data.ties, data.with_amount, data.without_year) == (5, 4, 0)


def test_actors_are_counted_per_kind_and_region(graph):
    rows = chart_data.actors_by_kind_and_region(graph).rows
    counted = {(r["region_name"], r["kind"]): r["actors"] for r in rows}
    assert counted == {
        ("Bretagne", "CFA"): 1, ("Bretagne", "REGION"): 1,
        ("Auvergne-Rhône-Alpes", "CFA"): 2, ("Auvergne-Rhône-Alpes", "REGION"): 1,
        ("Auvergne-Rhône-Alpes", "TRAINING_ORG"): 1,
        (None, "PUBLIC_INSTITUTION"): 1, (None, "OPCO"): 2, (None, "EMPLOYEE_UNION"): 1,
    }


def test_degree_distribution_counts_every_tie_either_way(graph):
    data = chart_data.degree_distribution(graph)
    assert {(r["degree"], r["kind"]): r["actors"] for r in data.rows} == {
        (0, "REGION"): 1, (0, "TRAINING_ORG"): 1, (1, "REGION"): 1, (1, "CFA"): 2, (2, "EMPLOYEE_UNION"): 1,
        (3, "CFA"): 1, (4, "PUBLIC_INSTITUTION"): 1, (3, "OPCO"): 1, (7, "OPCO"): 1,
    }
    assert sum(r["actors"] for r in data.rows) == graph.number_of_nodes()
    assert (data.ties, data.illustrative) == (graph.number_of_edges(), 2)


def test_each_opcos_partners_are_distinct_actors_per_type(graph):
    data = chart_data.partners_by_type(graph)
    found = {(r["name"], r["type"]): (r["partners"], r["ties"], r["illustrative"]) for r in data.rows}
    assert found == {
        ("AKTO", "CO_MANAGES"): (1, 1, 1), ("AKTO", "FUNDS"): (2, 2, 1),
        ("OPCO Atlas", "CO_MANAGES"): (1, 1, 0), ("OPCO Atlas", "FUNDS"): (3, 5, 0),
        ("OPCO Atlas", "PARTNERS_WITH"): (1, 1, 0),
    }
    assert [r["name"] for r in data.rows][:2] == ["AKTO", "AKTO"]  # by name, not by id


# -- the charts ---------------------------------------------------------------------------------------

def _spec(chart: charts.Chart) -> str:
    return json.dumps(chart.page().to_dict(), ensure_ascii=False)


def test_amounts_are_written_the_french_way_in_tooltips_and_axes(graph, schema):
    chart = charts.chart_of("funding", graph, schema, "fr")
    labels = {(r["source"], r["year"]): r["amount_label"] for r in chart.rows}
    assert labels[("fc", 2023)] == "23\u202f510\u202f000\u00a0€"
    assert labels[("fc", 2023)] == f"23{NNBSP}510{NNBSP}000{NBSP}€"
    spec = chart.page().to_dict()
    assert spec["config"]["locale"]["number"] == {"decimal": ",", "thousands": NNBSP, "grouping": [3],
                                                  "currency": ["", f"{NBSP}€"], "minus": "-"}
    # the pair whose tie states no amount keeps its row (and its CSV line) but draws no bar
    drawn = [(r["source"], r["target"]) for panel in spec["vconcat"][0]["hconcat"] for r in panel["data"]["values"]]
    assert ("atlas", "cfa-x") not in drawn and ("atlas", "cfa-lyon") in drawn
    assert ("atlas", "cfa-x") in [(r["source"], r["target"]) for r in chart.rows]
    english = charts.chart_of("funding", graph, schema, "en")
    assert {(r["source"], r["year"]): r["amount_label"] for r in english.rows}[("fc", 2023)] == "€23,510,000"


def test_funding_counts_ties_when_no_tie_states_an_amount(graph, schema):
    stripped = nx.MultiDiGraph(graph)
    for *_, data in stripped.edges(data=True):
        data.pop("amount_eur", None)
    chart = charts.chart_of("funding", stripped, schema, "fr")
    assert "nombre de liens par paire" in chart.caption
    assert all(r["value"] == r["ties"] for r in chart.rows)
    assert {r["year_label"] for r in chart.rows} == {"2023", "2024", "année non précisée"}
    assert "1 n'indique pas d'année et est regroupé sous « année non précisée »" in chart.caption
    assert "montants additionnés" in charts.chart_of("funding", graph, schema, "fr").caption


def test_kinds_and_types_take_the_maps_colours(graph, schema):
    kinds = charts.chart_of("kinds", graph, schema, "fr").body.to_dict()
    scale = kinds["encoding"]["color"]["scale"]
    colour = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colour[schema.kind_label("CFA", "fr")] == schema.kind_color("CFA")
    assert colour[schema.kind_label("REGION", "fr")] == schema.kind_color("REGION")
    partners = charts.chart_of("partners", graph, schema, "en").body.to_dict()
    scale = partners["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))[schema.type_label("FUNDS", "en")] == \
        schema.type_color("FUNDS")


def test_a_view_with_nothing_to_draw_says_so(schema):
    lonely = nx.MultiDiGraph()
    lonely.add_node("cgt", kind="EMPLOYEE_UNION", name="CGT")
    for name in charts.CHARTS:
        chart = charts.chart_of(name, lonely, schema, "en")
        texts = _texts(charts.chart_bytes(chart, "svg").decode("utf-8"))
        assert ("Nothing to draw in this view." in texts) == (name != "degrees"), name


def test_an_unknown_chart_is_refused_with_the_choices(graph, schema):
    with pytest.raises(OpcomapError) as raised:
        charts.chart_of("sankey", graph, schema)
    assert "funding, kinds, degrees, partners" in raised.value.message("en")


# -- the files --------------------------------------------------------------------------------------

def _texts(svg: str) -> list[str]:
    """Every line of text the SVG draws (a multi-line title is one <tspan> per line)."""
    return re.findall(r">([^<>]+)</(?:text|tspan)>", svg)


def test_svg_holds_title_caption_sources_and_escaped_names(graph, schema):
    chart = charts.chart_of("funding", graph, schema, "fr", view="toute la carte")
    svg = charts.chart_bytes(chart, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    texts = _texts(svg)
    assert "Flux de financement par année" in texts
    assert any(line.startswith("7 liens de financement le long de la chaîne") for line in texts)
    assert "Vue : toute la carte" in texts
    assert "[2] Rapport annuel &lt;2024&gt; &amp; comptes — France compétences (consulté le 26/11/2026)" in texts
    # the tooltips' name with markup stays text: escaped in the file, never an element
    assert "<script" not in svg
    # the axis writes amounts as Babel does
    assert f"20{NNBSP}000{NNBSP}000{NBSP}€" in texts


def test_svg_of_a_name_with_markup_escapes_it(schema):
    g = nx.MultiDiGraph()
    g.add_node("o", kind="OPCO", name=HOSTILE)
    g.add_node("c", kind="CFA", name="CFA")
    g.add_edge("o", "c", type="FUNDS", year=2024, amount_eur=1.0)
    svg = charts.chart_bytes(charts.chart_of("partners", g, schema, "fr"), "svg").decode("utf-8")
    assert "CFA &lt;script&gt;alert(1)&lt;/script&gt;" in _texts(svg)
    assert "<script" not in svg


def test_png_is_a_png_of_the_page(graph, schema, tmp_path: Path):
    png = charts.chart_bytes(charts.chart_of("kinds", graph, schema, "en"), "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 600 and height > 200
    with pytest.raises(OpcomapError):
        charts.chart_bytes(charts.chart_of("kinds", graph, schema), "pdf")


def test_exported_sources_are_capped_with_a_count_of_the_rest():
    many = [{"title": f"Source {i}"} for i in range(charts.MAX_SOURCES + 3)]
    lines = charts.source_lines(many, "fr")
    assert lines[0] == f"Sources des liens comptés ({charts.MAX_SOURCES + 3}) :"
    assert lines[1] == "[1] Source 0" and len(lines) == charts.MAX_SOURCES + 2
    assert lines[-1] == "… et 3 autres sources (page Sources de l'application)."
    assert charts.source_lines([], "en") == ["The ties counted cite no source."]


# -- the app ----------------------------------------------------------------------------------------

def test_analysis_page_shows_the_four_charts_with_captions_and_files(monkeypatch):
    from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
    from tests.test_app_pages import assert_clean, open_app

    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)
    at = open_app(page="analyse", lang="fr")
    assert_clean(at)
    shown = at.get("vega_lite_chart")
    assert len(shown) == len(charts.CHARTS)
    specs = [json.loads(element.proto.spec) for element in shown]
    assert all(spec["config"]["locale"]["number"]["thousands"] == NNBSP for spec in specs)
    assert [s.value for s in at.subheader][:4] == [
        "Flux de financement par année", "Acteurs par genre et par Région", "Distribution des degrés",
        "Partenaires de chaque OPCO par type de relation"]
    captions = "\n".join(c.value for c in at.caption)
    assert "liens de financement le long de la chaîne" in captions
    keys = {b.key for b in at.get("download_button")}
    for name in charts.CHARTS:
        assert {f"dl_chart_{name}_svg", f"dl_chart_{name}_png", f"dl_chart_csv_{name}"} <= keys
    # the reference map states no amount from France compétences to an OPCO: the bars count ties
    assert at.segmented_control(key="w_chart_measure").value == "ties"

    at = open_app(page="analyse", lang="en", kinds="OPCO,CFA,PUBLIC_INSTITUTION")
    assert_clean(at)
    assert "Funding flows by year" in [s.value for s in at.subheader]
    funding = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert funding["config"]["locale"]["number"]["thousands"] == ","


# -- the command line -------------------------------------------------------------------------------

def test_export_writes_a_chart_of_the_view_and_refuses_other_formats(tmp_path: Path):
    from tests.test_cli_data import run

    target = tmp_path / "charts" / "degres.svg"
    target.parent.mkdir()  # an --output folder is never created (it may be a typo)
    done = run("export", "--chart", "degrees", "--format", "svg", "--no-illustrative", "--output", target)
    assert done.returncode == 0, done.stderr
    assert "graphique « Distribution des degrés » (sans liens illustratifs) exporté en svg" in done.stdout
    texts = _texts(target.read_text(encoding="utf-8"))
    assert "Distribution des degrés" in texts and "Vue : sans liens illustratifs" in texts
    assert any(line.startswith("Sources des liens comptés (") for line in texts)
    refused = run("export", "--chart", "kinds", "--format", "pdf", "--output", tmp_path / "k.pdf")
    assert refused.returncode == 1
    assert "un graphique s'exporte en svg ou png, pas en pdf" in refused.stderr
    assert not (tmp_path / "k.pdf").exists()


def test_a_profile_charts_funding_by_year_only_where_a_tie_states_a_year_or_an_amount(monkeypatch):
    from graph_model.graph import to_networkx
    from loaders import load_dataset
    from loaders.bundled import reference_dir
    from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
    from tests.test_app_pages import assert_clean, open_app

    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)
    reference = to_networkx(load_dataset([reference_dir()], default_schema()))
    # the ministry pays the Régions' PRIC with amounts and years; OPCO Atlas's funding ties state neither
    ministry, atlas = (chart_data.actor_funding(reference, a) for a in ("ministere-travail", "opco-atlas"))
    assert ministry.with_amount and atlas.ties and not atlas.with_amount and atlas.without_year == atlas.ties

    at = open_app(page="acteur", id="ministere-travail")
    assert_clean(at)
    assert "Financements par année — Ministère du Travail" in [s.value for s in at.subheader]
    assert at.segmented_control(key="w_actor_measure").value == "amount"
    (shown,) = at.get("vega_lite_chart")
    assert f"568{NNBSP}000{NNBSP}000{NBSP}€" in json.loads(shown.proto.spec)["hconcat"][1]["data"]["values"][0][
        "amount_label"]
    assert {"dl_chart_financements_svg", "dl_chart_financements_png"} <= {b.key for b in at.get("download_button")}

    at = open_app(page="acteur", id="opco-atlas")
    assert_clean(at)
    assert not at.get("vega_lite_chart")
