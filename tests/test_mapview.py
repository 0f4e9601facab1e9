"""The interactive map page and the layout behind it (no browser: see tests/browser)."""

from __future__ import annotations

import json
import re
import time
from html import escape
from html.parser import HTMLParser
from pathlib import Path

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
    assert medef["info"]["name"] == EVIL  # the tooltip and the inspector set it as text
    assert all("title" not in n for n in data["nodes"])  # no markup is sent for the page to parse


def tie_info(data: dict, source: str) -> dict:
    """What the page builds a tie's tooltip and inspector entry from (the first tie from ``source``)."""
    return next(e for e in data["edges"] if e["from"] == source)["info"]


def test_a_ties_tooltip_data_cites_each_source_once_with_its_link():
    """Ties carry their facts as text and their sources by index into one list (the page
    builds the tooltip from them: tests/browser/test_html_export.py shows it)."""
    data = page_data(build_map_html(sample_graph(), SCHEMA))
    assert all("title" not in e for e in data["edges"])  # no per-tie markup repeating the sources
    manages = tie_info(data, "cfdt")
    (cited,) = [data["sources"][i] for i in manages["sources"]]
    assert cited == {"text": "Accord constitutif de l'OPCO — Journal officiel",
                     "url": "https://example.org/accord?x=1&y=2"}
    assert ["Collège", "salariés"] in manages["rows"]  # the schema's label, not "college"
    assert tie_info(data, "medef")["sources"] == manages["sources"]  # the same source, listed once
    assert tie_info(data, "branche-banque")["sources"] == []
    assert data["words"]["no_source"] == "aucune source citée"


def test_edge_tooltip_says_a_tie_is_weakly_sourced():
    graph = sample_graph()
    copy = {"title": "Copie de l'accord", "publisher": "Docplayer (copie)", "confidence": 0.5}
    graph.edges["branche-metal", "opco-a", "branche-metal|ATTACHED_TO|opco-a|"]["sources"] = [copy]
    graph.edges["cfdt", "opco-a", "cfdt|CO_MANAGES|opco-a|"]["sources"] = [copy, {"title": "JO", "confidence": 0.95}]
    data = page_data(build_map_html(graph, SCHEMA))
    assert tie_info(data, "branche-metal")["weak"] is True and data["words"]["weak"].startswith("lien à source faible")
    assert "weak" not in tie_info(data, "cfdt")
    english = page_data(build_map_html(graph, SCHEMA, lang="en"))
    assert tie_info(english, "branche-metal")["weak"] is True and english["words"]["weak"].startswith("weakly sourced tie")


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
    from opcomap.mapview.tooltips import tie_facts

    data = {"type": "FUNDS", "since": "2024-01-01", "amount_eur": 23510000.0, "sources": []}
    english = tie_facts(data, SCHEMA, "en")
    assert english == [("Since", "2024-01-01"), ("Amount (€)", "€23,510,000")]
    french = tie_facts(data, SCHEMA, "fr")
    assert french == [("Depuis", "01/01/2024"), ("Montant (€)", "23\u202f510\u202f000\u00a0€")]
    assert page_data(build_map_html(sample_graph(), SCHEMA, lang="en"))["words"]["row_label"] == "{label}:"


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
    assert nodes["opco-a"]["info"]["metric"] == ["degré", "10"]  # what the tooltip says the size follows
    assert "metric" not in nodes["cfa-nord"]["info"]
    assert 'network.on("click"' in build_map_html(sample_graph(), SCHEMA)


def test_large_views_are_aggregated_with_a_banner():
    graph = sample_graph()
    for i in range(40):
        region = ("53", "Bretagne") if i % 2 else ("11", "Île-de-France")
        graph.add_node(f"of-{i}", name=f"Organisme {i}", kind="TRAINING_ORG", region_code=region[0],
                       region_name=region[1])
        graph.add_edge("opco-a", f"of-{i}", key=f"opco-a|FUNDS|of-{i}|", type="FUNDS", sources=[])
    graph.add_edge("of-1", "of-3", key="of-1|PARTNERS_WITH|of-3|", type="PARTNERS_WITH", sources=[])  # one group
    html = build_map_html(graph, SCHEMA, cap=20)
    data = page_data(html)
    ids = {n["id"] for n in data["nodes"]}
    assert len(ids) == 8 - 1 + 3  # the CFA and the 40 organisations become 3 groups
    group = next(n for n in data["nodes"] if n["id"] == "groupe:TRAINING_ORG:53")
    assert "Bretagne (20)" in group["label"]
    funds = [e for e in data["edges"] if e["to"] == "groupe:TRAINING_ORG:53"]
    assert len(funds) == 1 and funds[0]["info"]["grouped"] == 20
    assert data["words"]["group_ties"] == "{count} {count:relation regroupée|relations regroupées}"
    assert "Carte agrégée" in html and "opcomap-banner" in html
    assert "10 nœuds affichés pour 48 acteurs, 49 relations" in html
    # what was grouped, of how much, and what is not drawn at all
    assert "48 acteurs et 49 relations sélectionnés" in html and "41 acteurs (Centre de formation" in html
    assert "en 3 nœuds" in html and "dessine 10 traits en tout" in html
    assert "1 relation entre membres d&#x27;un même groupe n&#x27;est pas dessinée" in html
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
    infos = {(e["from"], e["to"]): e["info"] for e in data["edges"]}
    cited = [data["sources"][i]["text"] for i in infos[("france-competences", "opco-a")]["sources"]]
    assert cited == ["Décret relatif aux instances — Légifrance"]
    assert ["Note", "projet commun"] in infos[("opco-a", "opco-b")]["rows"]
    # A grouped tie has no sources of its own: its tooltip says where they are, not "none cited".
    assert "sources" not in infos[("opco-a", "groupe:TRAINING_ORG:53")]
    assert data["words"]["sources_on_profiles"].startswith("Sources : sur la fiche de chaque acteur")
    # Without the hook (files: every tie carries its sources), a tie without any still says so.
    assert any(e["info"]["sources"] == [] for e in page_data(build_map_html(full, SCHEMA))["edges"])


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


# -- exploring in place: inspector data, labels, colours, the first view -------------------------

def test_inspector_data_is_plain_text_with_ties_sources_and_metrics():
    graph = sample_graph()
    graph.edges["cfdt", "opco-a", "cfdt|CO_MANAGES|opco-a|"]["sources"].append(
        {"title": "Piège", "url": "javascript:alert(1)"})
    metrics = {"Degré": {"opco-a": 6.0}, "PageRank": {"opco-a": 0.123456}}
    payload = map_payload(graph, SCHEMA, metrics=metrics)
    nodes = {n["id"]: n for n in payload.nodes}
    medef = nodes["medef"]["info"]
    assert medef["name"] == EVIL  # text for textContent, never markup
    assert ["Genre", "Organisation professionnelle d'employeurs"] in medef["rows"]
    assert nodes["opco-a"]["info"]["metrics"] == [["Degré", "6"], ["PageRank", "0,123"]]
    manages = next(e for e in payload.edges if e["from"] == "cfdt")["info"]
    cited = [payload.sources[i] for i in manages["sources"]]
    assert cited[0] == {"text": "Accord constitutif de l'OPCO — Journal officiel",
                        "url": "https://example.org/accord?x=1&y=2"}
    assert cited[1] == {"text": "Piège"}  # only web addresses become links
    assert ["Collège", "salariés"] in manages["rows"] and manages["directed"] is True
    # one entry per source, however many ties cite it
    assert len({s["text"] for s in payload.sources}) == len(payload.sources)
    illustrative = next(e for e in payload.edges if e["to"] == "cfa-nord")["info"]
    assert illustrative["illustrative"] is True and illustrative["sources"] == []


def test_the_maps_picture_button_speaks_the_catalogue_in_both_languages():
    """map.js fills {date} itself: the day under the picture and in its file's name."""
    fr = page_data(build_map_html(sample_graph(), SCHEMA))["words"]
    en = page_data(build_map_html(sample_graph(), SCHEMA, lang="en"))["words"]
    assert (fr["picture"], en["picture"]) == ("Image affichée (PNG)", "Picture as shown (PNG)")
    assert fr["picture_help"].startswith("Télécharger la carte telle qu'affichée")
    assert (fr["picture_date"], en["picture_date"]) == ("Carte telle qu'affichée le {date}", "Map as shown on {date}")
    assert (fr["picture_file"], en["picture_file"]) == ("opcomap-carte-{date}.png", "opcomap-map-{date}.png")


def test_map_script_sets_data_as_text_only():
    """map.js parses no markup: tooltips, the inspector, legend counts and labels are set as text."""
    from opcomap.mapview.assets import map_asset

    script = map_asset("map.js")
    assert "innerHTML" not in script
    assert "insertAdjacentHTML" not in script and "outerHTML" not in script


def test_labels_follow_importance_and_the_first_view_names_its_centre_first():
    from opcomap.mapview.payload import label_budget

    importance = {"cfa-nord": 9.0, "medef": 5.0}
    payload = map_payload(sample_graph(), SCHEMA, importance=importance)
    ranks = {n["id"]: n["rank"] for n in payload.nodes}
    assert ranks["cfa-nord"] == 0 and ranks["medef"] == 1
    assert payload.labels == label_budget(8) == 8  # a small view names every actor
    story = map_payload(sample_graph(), SCHEMA, importance=importance, story=True)
    ranks = {n["id"]: n["rank"] for n in story.nodes + story.reserve_nodes}
    assert {ranks["opco-a"], ranks["opco-b"]} == {0, 1}
    assert label_budget(400) < 400  # a large view names its most important actors only


def test_colour_by_community_or_property():
    from opcomap.mapview.colours import OTHER
    from opcomap.mapview.page import legend_html

    graph = sample_graph()
    communities = {"opco-a": 0, "cfdt": 0, "medef": 0, "opco-b": 1, "branche-banque": 1}
    payload = map_payload(graph, SCHEMA, colour="community", communities=communities)
    colour = {n["id"]: n["color"]["background"] for n in payload.nodes}
    assert colour["opco-a"] == colour["cfdt"] != colour["opco-b"] == colour["branche-banque"]
    assert colour["cfa-nord"] == OTHER  # in no community given
    legend = legend_html(payload, SCHEMA, "fr")
    assert "Couleur : communauté (Louvain)" in legend and "Communauté 1" in legend
    by_region = map_payload(graph, SCHEMA, colour="prop:region_name")
    colour = {n["id"]: n["color"]["background"] for n in by_region.nodes}
    assert colour["cfa-nord"] != OTHER and colour["opco-a"] == OTHER
    assert "Couleur : Région" in legend_html(by_region, SCHEMA, "fr")
    for index, node in enumerate(graph.nodes):
        graph.nodes[node]["since"] = f"{2010 + index}-01-01"
    dated = map_payload(graph, SCHEMA, colour="prop:since")
    assert dated.colouring.scale == {"low": "#ffeda0", "high": "#800026", "from": "01/01/2010", "to": "01/01/2017"}
    colour = {n["id"]: n["color"]["background"] for n in dated.nodes}
    assert len(set(colour.values())) == 8  # a scale: every year its own shade
    assert map_payload(graph, SCHEMA).nodes[0]["color"]["background"] == SCHEMA.kind_color(
        map_payload(graph, SCHEMA).nodes[0]["kind"])


def test_first_view_puts_the_opco_in_the_middle_and_holds_the_rest_back():
    from opcomap.mapview.story import story_view

    graph = sample_graph()
    view = story_view(graph, SCHEMA)
    assert view.centre == ("opco-a", "opco-b")
    grouped = {s.id: set(s.members) for s in view.sectors}
    assert grouped == {"social-partners": {"cfdt", "medef"}, "public-partners": {"branche-metal", "branche-banque"},
                       "france-competences": {"france-competences"}, "cfa": {"cfa-nord"}}
    payload = map_payload(graph, SCHEMA, story=True)
    drawn = {n["id"] for n in payload.nodes}
    assert drawn | {n["id"] for n in payload.reserve_nodes} == set(graph.nodes)
    assert len(payload.edges) + len(payload.reserve_edges) == graph.number_of_edges()
    assert all("x" in n for n in payload.nodes) and not any("x" in n for n in payload.reserve_nodes)
    assert sorted(h["label"] for h in payload.headings) == [
        "Centres de formation d'apprentis (1)", "Coordination par France compétences (1)",
        "Institutions publiques, Régions et branches (2)", "Partenaires sociaux (gestion paritaire) (2)"]
    # the count line counts actors, not the sector titles
    html = build_map_html(graph, SCHEMA, story=True)
    assert re.search(r'<div id="opcomap-count"[^>]*>8 acteurs, \d+ relations</div>', html)
    # without actors of the centre kind, the whole view is drawn
    no_opco = graph.subgraph([n for n in graph if not n.startswith("opco")]).copy()
    assert not map_payload(no_opco, SCHEMA, story=True).headings


def test_first_view_of_the_reference_map_tells_the_seeds_ten_interactions():
    from loaders import load_dataset
    from loaders.bundled import reference_dir
    from opcomap.mapview.story import story_view

    graph = to_networkx(load_dataset([reference_dir()], SCHEMA))
    view = story_view(graph, SCHEMA)
    assert len(view.centre) == 11 and all(graph.nodes[n]["kind"] == "OPCO" for n in view.centre)
    assert len(view.sectors) == 10
    labels = [s.label for s in view.sectors]
    assert "Partenaires sociaux (gestion paritaire)" in labels and "Salariés" in labels
    members = [m for s in view.sectors for m in s.members]
    assert len(members) == len(set(members)) == view.partners > 150
    for member in members:  # every partner is drawn with at least one tie to an OPCO
        assert any(other in view.centre for other in nx.all_neighbors(view.graph, member))
    assert "france-competences" in next(s.members for s in view.sectors if s.id == "france-competences")


def test_a_schema_story_must_name_known_kinds_and_types():
    import yaml

    from graph_model.errors import SchemaError
    from graph_model.schema import parse_schema

    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "graph_model" / "default_schema.yaml")
                          .read_text(encoding="utf-8"))
    data["story"]["interactions"][0]["types"].append("CO_MANAGE")
    with pytest.raises(SchemaError, match="CO_MANAGE"):
        parse_schema(data)
    data["story"] = None
    assert parse_schema(data).story is None


def test_legend_rows_are_buttons_that_carry_their_kind_or_type():
    html = build_map_html(sample_graph(), SCHEMA)
    assert "<button type='button' class='r' data-kind='OPCO' aria-pressed='true'" in html
    assert "data-type='CO_MANAGES'" in html
    data = page_data(html)
    assert data["words"]["inspector_open"] == "Ouvrir la fiche"
    assert data["words"]["count"] == "{nodes} {nodes:acteur|acteurs}, {edges} {edges:relation|relations}"
    assert data["reserve"] == {"nodes": [], "edges": []}  # the whole view is drawn


class _Cells(HTMLParser):
    """The text of each row of the ties' table, and the links of its last cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[list[str]] = []
        self._in_ties = self._in_cell = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and attrs.get("class") == "opcomap-ties":
            self._in_ties = True
        elif self._in_ties and tag == "tr":
            self.rows.append([])
            self.links.append([])
        elif self._in_ties and tag in ("td", "th"):
            self.rows[-1].append("")
            self._in_cell = True
        elif self._in_ties and tag == "a":
            self.links[-1].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "details":
            self._in_ties = False
        elif tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data):
        if self._in_ties and self._in_cell:
            self.rows[-1][-1] += data


def test_html_export_lists_the_drawn_ties_with_their_sources_after_the_map():
    graph = sample_graph()
    graph.edges["cfdt", "opco-a", "cfdt|CO_MANAGES|opco-a|"]["since"] = "2019-04-01"
    graph.edges["medef", "opco-a", "medef|CO_MANAGES|opco-a|"]["sources"] = [
        {"title": EVIL, "url": "javascript:window.__pwned=1"}]
    html = build_map_html(graph, SCHEMA)
    assert html.index("id=\"opcomap-wrap\"") < html.index("<details class='opcomap-ties'>")  # after the map, closed
    table = _Cells()
    table.feed(html)
    head, *rows = table.rows
    assert head == ["De", "Relation", "Vers", "Depuis", "Jusqu'au", "Sources"]
    assert len(rows) == graph.number_of_edges()
    by_from = {row[0]: (row, links) for row, links in zip(rows, table.links[1:], strict=True)}
    managed, links = by_from["CFDT"]
    assert managed[1:5] == ["Gestion paritaire", "Opérateur de compétences A", "01/04/2019", ""]
    assert "Accord constitutif de l'OPCO — Journal officiel" in managed[5]
    assert links == ["https://example.org/accord?x=1&y=2"]
    hostile, hostile_links = by_from[EVIL]  # read back as text: it was escaped in the page
    assert EVIL in hostile[5] and hostile_links == []
    assert "<img src=x" not in html
    english = _Cells()
    english.feed(build_map_html(graph, SCHEMA, lang="en"))
    assert english.rows[0][:3] == ["From", "Relationship", "To"]

