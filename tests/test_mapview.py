"""The interactive map page and the layout behind it (no browser: see tests/browser)."""

from __future__ import annotations

import json
import re
import time
from html import escape

import networkx as nx
import pytest

from graph_model.graph import to_networkx
from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.schema import default_schema
from opcomap.drawing.layout import compute_layout
from opcomap.mapview import build_map_html, map_payload
from opcomap.mapview.payload import HIGHLIGHT

SCHEMA = default_schema()
EVIL = "<script>alert('x')</script> & <img src=x onerror=\"window.__pwned=1\">"


def sample_graph(evil_name: str = EVIL) -> nx.MultiDiGraph:
    """A small, realistic view: France compétences, two OPCO, unions, branches, a CFA."""
    accord = Source(title="Accord constitutif de l'OPCO", url="https://example.org/accord?x=1&y=2",
                    publisher="Journal officiel")
    decree = Source(title="Décret relatif aux instances", publisher="Légifrance")
    actors = [
        Actor(id="france-competences", name="France compétences", kind="PUBLIC_INSTITUTION"),
        Actor(id="opco-a", name="Opérateur de compétences A", short_name="OPCO A", kind="OPCO"),
        Actor(id="opco-b", name="Opérateur de compétences B", short_name="OPCO B", kind="OPCO"),
        Actor(id="cfdt", name="CFDT", kind="EMPLOYEE_UNION"),
        Actor(id="medef", name=evil_name, kind="EMPLOYER_ORG"),
        Actor(id="branche-metal", name="Métallurgie", kind="BRANCH"),
        Actor(id="branche-banque", name="Banque", kind="BRANCH"),
        Actor(id="cfa-nord", name="CFA du Nord", kind="CFA", region_code="32", region_name="Hauts-de-France"),
    ]
    rels = [
        Relationship(source="france-competences", target="opco-a", type="FUNDS", sources=[decree],
                     properties={"amount_eur": 1.5e9, "year": 2023}),
        Relationship(source="france-competences", target="opco-b", type="FUNDS", sources=[decree]),
        Relationship(source="cfdt", target="opco-a", type="CO_MANAGES", sources=[accord],
                     properties={"college": "salariés"}),
        Relationship(source="medef", target="opco-a", type="CO_MANAGES", sources=[accord],
                     properties={"college": "employeurs"}),
        Relationship(source="branche-metal", target="opco-a", type="ATTACHED_TO", sources=[accord]),
        Relationship(source="branche-banque", target="opco-b", type="ATTACHED_TO"),
        Relationship(source="opco-a", target="cfa-nord", type="FUNDS", illustrative=True),
        Relationship(source="opco-a", target="opco-b", type="PARTNERS_WITH", note="projet commun"),
    ]
    return to_networkx(Dataset(actors=actors, relationships=rels))


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="opcomap-data">(.*?)</script>', html, re.DOTALL)
    assert match, "the map data block is missing"
    return json.loads(match.group(1))


def test_page_is_self_contained_and_makes_no_request():
    html = build_map_html(sample_graph(), SCHEMA)
    assert "vis.Network" in html and "new vis.DataSet" in html
    assert not re.search(r"<script[^>]+src=", html), "a script is loaded from elsewhere"
    assert not re.search(r"<link[^>]+href=", html), "a stylesheet is loaded from elsewhere"
    assert "cdnjs.cloudflare" not in html and "jsdelivr" not in html
    assert "sourceMappingURL" not in html


def test_user_text_is_escaped_in_page_and_tooltips():
    html = build_map_html(sample_graph(), SCHEMA)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    data = page_data(html)
    medef = next(n for n in data["nodes"] if n["id"] == "medef")
    assert medef["label"] == EVIL  # drawn as canvas text, never parsed as HTML
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img" in medef["title"]
    assert "<script" not in medef["title"] and "<img" not in medef["title"]


def test_edge_tooltip_lists_numbered_sources_with_escaped_links():
    data = page_data(build_map_html(sample_graph(), SCHEMA))
    manages = next(e for e in data["edges"] if e["from"] == "cfdt")
    assert "<ol><li>" in manages["title"]
    assert 'href="https://example.org/accord?x=1&amp;y=2"' in manages["title"]
    assert "Accord constitutif de l&#x27;OPCO — Journal officiel" in manages["title"]
    assert "Collège :" in manages["title"] and "salariés" in manages["title"]  # the schema's label, not "college"
    unsourced = next(e for e in data["edges"] if e["from"] == "branche-banque")
    assert "aucune source citée" in unsourced["title"]


def test_edge_tooltip_says_a_tie_is_weakly_sourced():
    graph = sample_graph()
    copy = {"title": "Copie de l'accord", "publisher": "Docplayer (copie)", "confidence": 0.5}
    graph.edges["branche-metal", "opco-a", "branche-metal|ATTACHED_TO|opco-a|"]["sources"] = [copy]
    graph.edges["cfdt", "opco-a", "cfdt|CO_MANAGES|opco-a|"]["sources"] = [copy, {"title": "JO", "confidence": 0.95}]
    data = page_data(build_map_html(graph, SCHEMA))
    weak = next(e for e in data["edges"] if e["from"] == "branche-metal")
    assert "lien à source faible" in weak["title"]
    assert "lien à source faible" not in next(e for e in data["edges"] if e["from"] == "cfdt")["title"]
    english = page_data(build_map_html(graph, SCHEMA, lang="en"))
    assert "weakly sourced tie" in next(e for e in english["edges"] if e["from"] == "branche-metal")["title"]


def test_style_follows_the_schema_and_legend_lists_what_is_drawn():
    html = build_map_html(sample_graph(), SCHEMA)
    data = page_data(html)
    funds = next(e for e in data["edges"] if e["from"] == "france-competences")
    assert funds["color"]["color"] == SCHEMA.type_color("FUNDS")
    assert funds["arrows"] == "to"
    partners = next(e for e in data["edges"] if e["type"] == "PARTNERS_WITH")
    assert partners["dashes"] is True and partners["arrows"] == ""
    illustrative = next(e for e in data["edges"] if e["to"] == "cfa-nord")
    assert illustrative["dashes"] == [2, 4]
    opco = next(n for n in data["nodes"] if n["id"] == "opco-a")
    assert opco["label"] == "OPCO A" and opco["shape"] == "star"
    assert opco["color"]["background"] == SCHEMA.kind_color("OPCO")
    legend = html[html.index("id='opcomap-legend'"):html.index("</details>")]
    for kind in ("OPCO", "BRANCH", "CFA", "EMPLOYEE_UNION"):
        assert escape(SCHEMA.kind_label(kind)) in legend
    assert escape(SCHEMA.kind_label("COMPANY")) not in legend  # not in this view
    assert "Financement" in legend and "Partenariat" in legend
    assert data["options"]["physics"] is False


def test_count_line_is_visible_text():
    html = build_map_html(sample_graph(), SCHEMA)
    assert re.search(r'<div id="opcomap-count"[^>]*>8 acteurs, 8 relations</div>', html)


def test_english_tooltips_say_labels_dates_and_amounts_in_english():
    from opcomap.mapview.tooltips import edge_tooltip

    data = {"type": "FUNDS", "since": "2024-01-01", "amount_eur": 23510000.0, "sources": []}
    english = edge_tooltip(data, "A", "B", SCHEMA, "en")
    assert "Amount (€):</span> €23,510,000" in english and "Since:</span> 2024-01-01" in english
    french = edge_tooltip(data, "A", "B", SCHEMA, "fr")
    assert "Montant (€) :</span> 23\u202f510\u202f000\u00a0€" in french and "Depuis :</span> 01/01/2024" in french
    assert "amount_eur" not in french + english


def test_english_labels():
    html = build_map_html(sample_graph(), SCHEMA, lang="en")
    assert "8 actors, 8 relationships" in html
    assert SCHEMA.kind_label("OPCO", "en") in html
    assert '<html lang="en">' in html


def test_same_view_same_positions_whatever_the_insertion_order():
    graph = sample_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    for layout in ("force", "hierarchical"):
        first = {n["id"]: (n["x"], n["y"]) for n in map_payload(graph, SCHEMA, layout=layout).nodes}
        again = {n["id"]: (n["x"], n["y"]) for n in map_payload(shuffled, SCHEMA, layout=layout).nodes}
        assert first == again
    assert compute_layout(graph, SCHEMA, seed=1) != compute_layout(graph, SCHEMA, seed=2)


def test_hierarchical_layout_follows_schema_levels():
    pos = compute_layout(sample_graph(), SCHEMA, "hierarchical")
    # level 0 (unions, public institutions) above the OPCO (1), above branches (2), above CFA (3)
    assert pos["cfdt"][1] < pos["opco-a"][1] < pos["branche-metal"][1] < pos["cfa-nord"][1]
    assert pos["france-competences"][1] == pos["medef"][1]


def test_path_is_highlighted_and_other_ties_dimmed():
    data = page_data(build_map_html(sample_graph(), SCHEMA, path=["cfdt", "opco-a", "branche-metal"]))
    on_path = [e for e in data["edges"] if e["color"]["color"] == HIGHLIGHT]
    assert {(e["from"], e["to"]) for e in on_path} == {("cfdt", "opco-a"), ("branche-metal", "opco-a")}
    others = [e for e in data["edges"] if e["color"]["color"] != HIGHLIGHT]
    assert all(e["color"]["opacity"] < 0.5 for e in others)
    assert all(e["width"] > 4 for e in on_path)
    node = next(n for n in data["nodes"] if n["id"] == "opco-a")
    assert node["borderWidth"] == 4 and node["color"]["border"] == HIGHLIGHT


def test_click_target_and_metric_sizes():
    sizes = {"opco-a": 10.0, "opco-b": 1.0}
    data = page_data(build_map_html(sample_graph(), SCHEMA, sizes=sizes, metric_name="degré",
                                    link_template="?page=acteur&id={id}"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["opco-a"]["link"] == "?page=acteur&id=opco-a"
    assert nodes["opco-a"]["size"] > nodes["opco-b"]["size"]
    assert "degré" in nodes["opco-a"]["title"]
    assert 'network.on("click"' in build_map_html(sample_graph(), SCHEMA)


def test_large_views_are_aggregated_with_a_banner():
    graph = sample_graph()
    for i in range(40):
        region = ("53", "Bretagne") if i % 2 else ("11", "Île-de-France")
        graph.add_node(f"of-{i}", name=f"Organisme {i}", kind="TRAINING_ORG", region_code=region[0],
                       region_name=region[1])
        graph.add_edge("opco-a", f"of-{i}", key=f"opco-a|FUNDS|of-{i}|", type="FUNDS", sources=[])
    html = build_map_html(graph, SCHEMA, cap=20)
    data = page_data(html)
    ids = {n["id"] for n in data["nodes"]}
    assert len(ids) == 8 - 1 + 3  # the CFA and the 40 organisations become 3 groups
    group = next(n for n in data["nodes"] if n["id"] == "groupe:TRAINING_ORG:53")
    assert "Bretagne (20)" in group["label"]
    funds = [e for e in data["edges"] if e["to"] == "groupe:TRAINING_ORG:53"]
    assert len(funds) == 1 and "20 relations regroupées" in funds[0]["title"]
    assert "Carte agrégée" in html and "opcomap-banner" in html
    assert "10 nœuds affichés pour 48 acteurs, 48 relations" in html
    # under the cap nothing is grouped
    assert "Carte agrégée" not in build_map_html(graph, SCHEMA, cap=100)


def test_a_view_read_without_sources_gets_them_for_the_drawn_ties_only():
    """Read lean from Neo4j, a view has no notes, sources or descriptions: the map asks for
    them for what it draws, after grouping; grouped ties say where their sources are."""
    full = sample_graph()
    lean = nx.MultiDiGraph()
    lean.add_nodes_from((n, {k: v for k, v in a.items() if k != "description"}) for n, a in full.nodes(data=True))
    lean.add_edges_from((u, v, k, {f: x for f, x in d.items() if f not in ("note", "sources")})
                        for u, v, k, d in full.edges(keys=True, data=True))
    for i in range(40):
        lean.add_node(f"of-{i}", name=f"Organisme {i}", kind="TRAINING_ORG", region_code="53")
        lean.add_edge("opco-a", f"of-{i}", key=f"opco-a|FUNDS|of-{i}|", type="FUNDS")
    asked: list[set] = []

    def details(shown: nx.MultiDiGraph) -> nx.MultiDiGraph:
        asked.append({k for *_, k, d in shown.edges(keys=True, data=True) if "count" not in d})
        out = nx.MultiDiGraph(shown)
        for u, v, k, d in out.edges(keys=True, data=True):
            if full.has_edge(u, v, k):
                d.update(note=full.edges[u, v, k].get("note"), sources=full.edges[u, v, k]["sources"])
        return out

    data = page_data(build_map_html(lean, SCHEMA, cap=20, details=details))
    assert asked == [{k for *_, k in full.edges(keys=True)} - {"opco-a|FUNDS|cfa-nord|"}]
    titles = {(e["from"], e["to"]): e["title"] for e in data["edges"]}
    assert "Décret relatif aux instances" in titles[("france-competences", "opco-a")]
    assert "projet commun" in titles[("opco-a", "opco-b")]
    grouped = titles[("opco-a", "groupe:TRAINING_ORG:53")]
    assert "Sources : sur la fiche de chaque acteur" in grouped and "aucune source citée" not in grouped
    # Without the hook (files: every tie carries its sources), a tie without any still says so.
    assert any("aucune source citée" in e["title"] for e in page_data(build_map_html(full, SCHEMA))["edges"])


def test_empty_view_says_so():
    html = build_map_html(nx.MultiDiGraph(), SCHEMA)
    assert "Aucun acteur ne correspond à cette vue." in html


def test_layout_of_ten_thousand_nodes_stays_fast():
    graph = nx.barabasi_albert_graph(10_000, 2, seed=3)
    started = time.perf_counter()
    pos = compute_layout(graph, None, "force")
    elapsed = time.perf_counter() - started
    assert len(pos) == 10_000
    # ~1 s on an idle core; the exact O(n²) algorithm took minutes. Generous for loaded CI.
    assert elapsed < 20, f"layout took {elapsed:.1f} s"


@pytest.mark.parametrize("layout", ["force", "hierarchical"])
def test_map_of_bundled_reference(layout):
    from loaders import load_dataset
    from loaders.bundled import reference_dir

    graph = to_networkx(load_dataset([reference_dir()], SCHEMA))
    data = page_data(build_map_html(graph, SCHEMA, layout=layout))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()


def test_large_maps_draw_plain_ties_and_say_so():
    graph = nx.MultiDiGraph()
    for i in range(1600):
        graph.add_node(f"b{i}", name=f"Branche {i}", kind="BRANCH")
    for i in range(1, 1600):
        graph.add_edge(f"b{i}", f"b{i - 1}", key=f"k{i}", type="SERVES", sources=[])
    html = build_map_html(graph, SCHEMA)
    data = page_data(html)
    assert all(e["dashes"] is False and e["arrows"] == "" for e in data["edges"])
    assert "Grande carte : relations en traits pleins" in html
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True
    small = page_data(build_map_html(sample_graph(), SCHEMA))
    assert any(e["arrows"] == "to" for e in small["edges"])
