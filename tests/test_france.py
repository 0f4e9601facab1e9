"""France by Région: the bundled outlines, the measures per Région, the exports and the app page.

The measures are checked on a small map written as loader files, whose counts
are known by hand; the same files go through ``opcomap export --layout france``.
One Région's name carries a ``<``: every output must show it as text.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph_model.errors import NotFound, OpcomapError
from graph_model.schema import default_schema
from graph_model.words.formats import money
from opcomap.analysis.by_region import region_measure, region_names
from opcomap.analysis.questions import coverage_gaps
from opcomap.diagrams.export import view_bytes
from opcomap.drawing.france import choropleth
from opcomap.geo.outlines import INSEE_CODES, load_outlines
from opcomap.store.graph_source import file_graph
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
from tests.cli_runner import cli  # noqa: F401 (the fixture)

SCHEMA = default_schema()
SVG = "{http://www.w3.org/2000/svg}"
APP = str(Path(__file__).resolve().parent.parent / "app.py")
REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference" / "actors.csv"

ACTORS = """id,name,kind,region_code,region_name
atlas,OPCO Atlas,OPCO,,
akto,Akto,OPCO,,
etat,État,PUBLIC_INSTITUTION,,
cgt,CGT,EMPLOYEE_UNION,,
r11,Région <Île-de-France>,REGION,11,<Île-de-France>
r84,Région Auvergne-Rhône-Alpes,REGION,84,Auvergne-Rhône-Alpes
cfa-lyon,CFA Lyon,CFA,84,Auvergne-Rhône-Alpes
cfa-grenoble,CFA Grenoble,CFA,84,Auvergne-Rhône-Alpes
cfa-paris,CFA Paris,CFA,11,<Île-de-France>
of-rennes,OF Rennes,TRAINING_ORG,53,Bretagne
crefop-84,CREFOP Auvergne-Rhône-Alpes,GOVERNANCE_BODY,84,Auvergne-Rhône-Alpes
crefop-11,CREFOP Île-de-France,GOVERNANCE_BODY,11,<Île-de-France>
"""
RELATIONSHIPS = """source,target,type,role,seats,amount_eur,source_title
atlas,cfa-lyon,FUNDS,,,,Fiche
cfa-grenoble,atlas,PARTNERS_WITH,,,,Fiche
atlas,of-rennes,FUNDS,,,,Fiche
akto,cfa-paris,FUNDS,,,1200000,Fiche
cgt,crefop-84,SITS_ON,membre,,,Fiche
r84,crefop-84,SITS_ON,co-président,,,Fiche
etat,crefop-11,SITS_ON,membre,4,,Fiche
etat,r84,FUNDS,,,30000000,Fiche
etat,r11,FUNDS,,,,Fiche
r11,cfa-paris,FUNDS,,,2500000,Fiche
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("france")
    (folder / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (folder / "relationships.csv").write_text(RELATIONSHIPS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graph(data):
    return file_graph([data], SCHEMA)


def _zero_but(**values: float) -> dict[str, float]:
    return {code: values.get(f"r{code}", 0.0) for code in sorted(INSEE_CODES)}


# -- the bundled outlines ---------------------------------------------------------------------

def test_every_insee_region_has_one_shape_with_area():
    outlines = load_outlines()
    codes = [r.code for r in outlines.regions]
    assert sorted(codes) == sorted(INSEE_CODES) and len(codes) == 18
    for region in outlines.regions:
        assert region.parts, region.code
        area = sum(abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2
                   for ring in region.parts)
        assert area > 100, f"{region.code} has no visible area"  # km² on the drawing plane
    assert {r.code for r in outlines.regions if r.inset} == {"01", "02", "03", "04", "06"}
    assert "IGN" in outlines.attribution and "Licence Ouverte" in outlines.licence


def test_outline_codes_are_the_reference_maps_regions():
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        codes = [row["region_code"] for row in csv.DictReader(handle) if row["kind"] == "REGION"]
    assert sorted(codes) == sorted(INSEE_CODES)


def test_insets_sit_apart_from_the_mainland():
    outlines = load_outlines()
    mainland_left = min(x for r in outlines.regions if not r.inset for ring in r.parts for x, _ in ring)
    for region in outlines.regions:
        if region.inset:
            x0, y0, x1, y1 = region.frame
            assert x1 < mainland_left
            assert all(x0 <= x <= x1 and y0 <= y <= y1 for ring in region.parts for x, y in ring), region.code


# -- the measures -----------------------------------------------------------------------------

def test_cfa_per_region_whole_map_and_one_opcos_partners(graph):
    assert region_measure(graph, "cfa", INSEE_CODES).values == _zero_but(r84=2, r11=1)
    # Atlas funds CFA Lyon and partners CFA Grenoble (tie in either direction); CFA Paris is Akto's.
    of_atlas = region_measure(graph, "cfa", INSEE_CODES, "atlas")
    assert of_atlas.values == _zero_but(r84=2)
    assert len(of_atlas.ties) == 2


def test_training_partners_per_region(graph):
    assert region_measure(graph, "training", INSEE_CODES, "atlas").values == _zero_but(r53=1)
    assert region_measure(graph, "training", INSEE_CODES, "akto").values == _zero_but()


def test_coverage_gaps_of_an_opco_are_every_region_without_a_partner(graph):
    gaps = region_measure(graph, "gaps", INSEE_CODES, "atlas")
    assert {c for c, v in gaps.values.items() if v == 0} == {"84", "53"}
    assert sum(gaps.values.values()) == 16
    # The same answer as the Analyse page's gaps, asked for the same Régions.
    found = coverage_gaps(graph, regions=INSEE_CODES)["regions_without_partner"]["atlas"]
    assert {c for c, v in gaps.values.items() if v == 1} == set(found)


def test_crefop_seats_count_ties_or_their_seats(graph):
    assert region_measure(graph, "seats", INSEE_CODES).values == _zero_but(r84=2, r11=4)


def test_funding_received_sums_amounts_into_the_regions_actors(graph):
    # 30 M€ to the Région 84, 2.5 M€ + 1.2 M€ to a CFA of 11; a flow without an amount adds nothing.
    assert region_measure(graph, "funding", INSEE_CODES).values == _zero_but(r84=30_000_000, r11=3_700_000)


def test_funding_for_an_opco_sums_only_what_it_funds(graph):
    # Akto gives CFA Paris 1.2 M€; the Région's own 2.5 M€ to that CFA and the State's 30 M€ are not Akto's.
    of_akto = region_measure(graph, "funding", INSEE_CODES, "akto")
    assert of_akto.values == _zero_but(r11=1_200_000) and of_akto.opco == "akto"
    assert [tie[:2] for tie in of_akto.ties] == [("akto", "cfa-paris")]
    assert of_akto.by == "amount" and of_akto.unstated == 0


def test_funding_without_any_amount_counts_the_ties_per_region(graph):
    # Atlas's two funding ties state no amount: euros would read zero everywhere, so each Région
    # counts Atlas's ties into its actors (the funding chart's rule), and none is left out.
    of_atlas = region_measure(graph, "funding", INSEE_CODES, "atlas")
    assert of_atlas.values == _zero_but(r84=1, r53=1) and of_atlas.by == "ties" and of_atlas.unstated == 0
    assert sorted(tie[:2] for tie in of_atlas.ties) == [("atlas", "cfa-lyon"), ("atlas", "of-rennes")]
    assert choropleth(of_atlas, "fr").shown["84"] == "1 financement"
    assert choropleth(of_atlas, "en").shown["11"] == "0 funding ties"


def test_funding_amounts_win_when_some_ties_state_one(graph):
    # The whole map: 30 M€, 2.5 M€ and 1.2 M€ stated, three ties without (Atlas's two, the State's to 11).
    whole = region_measure(graph, "funding", INSEE_CODES)
    assert whole.by == "amount" and whole.unstated == 3
    assert whole.values == _zero_but(r84=30_000_000, r11=3_700_000)


def test_measures_say_what_is_missing(graph):
    with pytest.raises(OpcomapError) as refused:
        region_measure(graph, "gaps", INSEE_CODES)
    assert "--opco" in refused.value.message("fr")
    with pytest.raises(OpcomapError):
        region_measure(graph, "gaps", INSEE_CODES, "cgt")  # not an OPCO
    with pytest.raises(NotFound):
        region_measure(graph, "cfa", INSEE_CODES, "nobody")
    with pytest.raises(OpcomapError):
        region_measure(graph, "population", INSEE_CODES)


def test_region_names_come_from_the_map(graph):
    assert region_names(graph, INSEE_CODES)["11"] == "<Île-de-France>"


def test_colour_classes_separate_zero_and_order_values(graph):
    paint = choropleth(region_measure(graph, "funding", INSEE_CODES), "fr")
    assert paint.colours["84"] != paint.colours["11"] != paint.colours["53"]
    assert [label for label, _ in paint.legend][0] == "0\u00a0€"
    assert paint.shown["84"] == "30\u202f000\u202f000\u00a0€"
    gaps = choropleth(region_measure(graph, "gaps", INSEE_CODES, "atlas"), "en")
    assert gaps.shown["84"] == "at least one partner" and gaps.shown["11"] == "no CFA or training partner"


# -- the exports ------------------------------------------------------------------------------

def _fills(svg: bytes) -> dict[str, str]:
    """Each Région's fill in a France SVG: one group per Région holding one path."""
    root = ET.fromstring(svg)
    fills = {}
    for group in root.iter(f"{SVG}g"):
        gid = group.get("id") or ""
        if gid.startswith("region-"):
            paths = list(group.iter(f"{SVG}path"))
            assert len(paths) == 1, gid
            fills[gid.removeprefix("region-")] = re.search(r"fill:\s*(#[0-9a-f]{6})", paths[0].get("style")).group(1)
    return fills


def test_cli_writes_an_svg_with_one_path_per_region_coloured_by_the_measure(cli, data, tmp_path):
    fills = {}
    for measure in ("cfa", "funding", "seats"):
        target = tmp_path / f"{measure}.svg"
        code, out, err = cli("export", "--data", str(data), "--format", "svg", "--layout", "france",
                             "--measure", measure, "--output", str(target))
        assert code == 0, err
        assert "exportés en svg" in out
        svg = target.read_bytes()
        fills[measure] = _fills(svg)
        assert sorted(fills[measure]) == sorted(INSEE_CODES)
        text = svg.decode("utf-8")
        assert "&lt;Île-de-France&gt;" in text and "<Île-de-France>" not in text
        assert "IGN" in text
    assert fills["cfa"]["84"] != fills["cfa"]["11"] != fills["cfa"]["53"]  # 2, 1 and no CFA
    assert fills["funding"]["11"] != fills["funding"]["53"]
    # More CFA in 84 than in 11, but more seats in 11 than in 84: the shades swap.
    assert fills["cfa"]["84"] == fills["seats"]["11"] != fills["cfa"]["11"] == fills["seats"]["84"]


def test_cli_gaps_need_an_opco_and_outline_the_chosen_region(cli, data, tmp_path):
    code, _, err = cli("export", "--data", str(data), "--format", "svg", "--layout", "france",
                       "--measure", "gaps", "--output", str(tmp_path / "x.svg"))
    assert code == 1 and "--opco" in err
    target = tmp_path / "gaps.svg"
    code, _, err = cli("export", "--data", str(data), "--format", "svg", "--layout", "france", "--measure", "gaps",
                       "--opco", "atlas", "--region", "84", "--output", str(target))
    assert code == 0, err
    fills = _fills(target.read_bytes())
    # The Région filter outlines 84 but every Région keeps its value: covered 84 and 53, gaps elsewhere.
    assert fills["84"] == fills["53"] != fills["11"]
    assert len({fills[c] for c in INSEE_CODES if c not in ("84", "53")}) == 1


def test_cli_seats_count_the_whole_map_under_an_opco_filter_and_say_so(cli, data, tmp_path):
    fills = {}
    for opco in (None, "atlas"):
        target = tmp_path / f"seats-{opco}.svg"
        chosen = ["--opco", opco] if opco else []
        code, _, err = cli("export", "--data", str(data), "--format", "svg", "--layout", "france",
                           "--measure", "seats", *chosen, "--output", str(target))
        assert code == 0, err
        fills[opco] = _fills(target.read_bytes())
        assert ("Le filtre OPCO (OPCO Atlas) ne s'applique pas" in err) == bool(opco)
    # Atlas sits on no CREFOP: its neighbourhood alone would colour every Région as zero.
    assert fills["atlas"] == fills[None] and fills["atlas"]["11"] != fills["atlas"]["53"]


def test_cli_funding_under_an_opco_filter_is_what_that_opco_funds(cli, data, tmp_path):
    fills = {}
    for opco in (None, "akto"):
        target = tmp_path / f"funding-{opco}.svg"
        chosen = ["--opco", opco] if opco else []
        code, _, err = cli("export", "--data", str(data), "--format", "svg", "--layout", "france",
                           "--measure", "funding", *chosen, "--output", str(target))
        assert code == 0, err
        assert "ne s'applique pas" not in err
        fills[opco] = _fills(target.read_bytes())
        text = target.read_text(encoding="utf-8")
    assert "Financements versés par Akto, par Région (€)" in text
    # The whole map: 30 M€ in 84 and 3.7 M€ in 11; Akto's: its 1.2 M€ in 11, nothing in 84.
    assert fills[None]["84"] != fills[None]["53"] and fills["akto"]["84"] == fills["akto"]["53"]
    assert fills["akto"]["11"] != fills["akto"]["53"]
    assert "pas de montant" not in text  # Akto's one tie states its amount


@pytest.mark.parametrize("lang, title, caption, one, none", [
    ("fr", "Nombre de financements versés par OPCO Atlas, par Région",
     "Aucun des financements comptés n'indique de montant : la carte compte, pour chaque Région,",
     "1 financement", "0 financement"),
    ("en", "Number of funding ties from OPCO Atlas, by Région",
     "None of the funding ties counted states an amount: the map counts, for each Région,",
     "1 funding tie", "0 funding ties"),
])
def test_cli_funding_of_an_opco_without_amounts_counts_its_ties(cli, data, tmp_path, lang, title, caption, one,
                                                                 none):
    target = tmp_path / f"funding-atlas-{lang}.svg"
    code, _, err = cli("export", "--data", str(data), "--format", "svg", "--layout", "france", "--lang", lang,
                       "--measure", "funding", "--opco", "atlas", "--output", str(target))
    assert code == 0, err
    said = re.sub(r"\s+", " ", " ".join(ET.fromstring(target.read_bytes()).itertext()))
    assert title in said and caption in said
    assert one in said and none in said and "€" not in said
    assert "pas de montant : ils n'ajoutent rien" not in said and "add nothing" not in said
    fills = _fills(target.read_bytes())
    assert fills["84"] == fills["53"] != fills["11"]  # one tie each into 84 and 53, none into 11


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF")])
def test_cli_writes_png_and_pdf(cli, data, tmp_path, fmt, magic):
    target = tmp_path / f"france.{fmt}"
    code, _, err = cli("export", "--data", str(data), "--format", fmt, "--layout", "france", "--measure", "funding",
                       "--output", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(magic) and target.stat().st_size > 10_000


def test_html_export_is_one_offline_page_with_the_map_inline(graph):
    from opcomap.analysis.selection import ViewFilters

    page = view_bytes("html", graph, SCHEMA, layout="france", measure="cfa",
                      filters=ViewFilters(region="84")).decode("utf-8")
    assert page.count('<path class="region"') == 18
    assert "<script" not in page and not re.search(r"(src|href)=\"https?:", page)
    assert "&lt;Île-de-France&gt;" in page and "<Île-de-France>" not in page
    chosen = re.search(r'<path class="region" data-code="84"[^>]*>', page).group(0)
    assert 'stroke="#d62728"' in chosen
    assert "IGN" in page and "Licence Ouverte" in page


# -- the app ----------------------------------------------------------------------------------

@pytest.fixture
def embedded(monkeypatch):
    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)


def _app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _counts(at: AppTest) -> tuple[int, int]:
    for element in at.markdown:
        found = re.match(r"^([\d\u202f\u00a0,]+) acteurs?, ([\d\u202f\u00a0,]+) relations?$", element.value)
        if found:
            return int(re.sub(r"\D", "", found[1])), int(re.sub(r"\D", "", found[2]))
    raise AssertionError("no counts line")


def test_france_page_draws_the_map_and_follows_the_measure(embedded):
    at = _app(page="france")
    _clean(at)
    assert at.title[0].value == "France par Région"
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1, "no chart on the page"
    spec = json.loads(charts[0].proto.spec)
    assert [p["name"] for p in spec["params"]] == ["region_pick"]  # a click selects a Région
    assert spec["projection"]["type"] == "identity"
    features = next(layer for layer in spec["layer"] if "encoding" in layer)["data"]["values"]
    assert sorted(f["properties"]["code"] for f in features) == sorted(INSEE_CODES)
    assert "CFA par Région" in [s.value for s in at.subheader]
    table = at.dataframe[0].value
    assert sorted(table["code"]) == sorted(INSEE_CODES)
    at.selectbox(key="w_france_measure").select("funding").run()
    _clean(at)
    assert "Financements reçus par Région (€)" in [s.value for s in at.subheader]
    assert any("€" in v for v in at.dataframe[0].value["shown"])
    at.selectbox(key="w_france_measure").select("gaps").run()
    assert [i.value for i in at.info] == ["Choisissez un OPCO pour voir ses manques de couverture."]
    at.selectbox(key="w_france_opco").select("opco-atlas").run()
    _clean(at)
    assert any("OPCO Atlas" in s.value for s in at.subheader)
    labels = {b.label for b in at.get("download_button")}
    assert {"Page HTML (hors ligne)", "Schéma SVG", "Image PNG", "Document PDF"} <= labels, labels


def test_a_shared_link_reopens_the_same_measure_and_opco(embedded):
    at = _app(page="france")
    at.selectbox(key="w_france_measure").select("gaps").run()
    at.selectbox(key="w_france_opco").select("opco-atlas").run()
    _clean(at)
    link = {key: at.query_params[key] for key in at.query_params}
    assert link.get("measure") == "gaps" and link.get("mopco") == "opco-atlas", link

    again = _app(**{"page": "france", **link})  # the page is the address's path, not a parameter
    _clean(again)
    assert again.selectbox(key="w_france_measure").value == "gaps"
    assert any("OPCO Atlas" in s.value for s in again.subheader)


def test_seats_under_the_sidebars_opco_filter_count_the_whole_map_and_say_so(embedded):
    at = _app(page="france", measure="seats", opco="opco-akto")
    _clean(at)
    # The filter line names the OPCO as readers know it, not by its id.
    captions = [c.value for c in at.caption]
    assert "OPCO : AKTO" in captions and not any("opco-akto" in c for c in captions)
    assert [i.value for i in at.info] == [
        "Le filtre OPCO (AKTO) ne s'applique pas à cette mesure : elle compte toute la carte, Région par Région."]
    seated = [v for v in at.dataframe[0].value["shown"] if v and v != "0"]
    assert len(seated) >= 10, "the CREFOP seats of the Régions, not the OPCO's neighbourhood"
    at.selectbox(key="w_france_measure").select("cfa").run()
    _clean(at)
    assert not at.info and any("AKTO" in s.value for s in at.subheader)  # its partners, as before


def _funding_from_files(folder: Path, funder: str | None) -> dict[str, str]:
    """Euros each Région's actors receive (from ``funder`` only, when given), read straight from the
    files and written as the page writes amounts."""
    with (folder / "actors.csv").open(encoding="utf-8", newline="") as handle:
        region = {row["id"]: row["region_code"] for row in csv.DictReader(handle)}
    sums = dict.fromkeys(INSEE_CODES, 0.0)
    with (folder / "relationships.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["type"] == "FUNDS" and row["amount_eur"] and funder in (None, row["source"])
                    and region.get(row["target"]) in sums):
                sums[region[row["target"]]] += float(row["amount_eur"])
    return {code: money(value, "fr") for code, value in sums.items()}


def _shown(at: AppTest) -> dict[str, str]:
    table = at.dataframe[0].value
    return dict(zip(table["code"], table["shown"], strict=True))


def _funding_ties_from_files(folder: Path, funder: str) -> dict[str, str]:
    """How many funding ties ``funder`` has into each Région's actors, read straight from the files and
    written as the page writes them in French (singular below two)."""
    with (folder / "actors.csv").open(encoding="utf-8", newline="") as handle:
        region = {row["id"]: row["region_code"] for row in csv.DictReader(handle)}
    counts = dict.fromkeys(INSEE_CODES, 0)
    with (folder / "relationships.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["type"] == "FUNDS" and row["source"] == funder and region.get(row["target"]) in counts:
                assert not row["amount_eur"], "this test wants a funder whose ties state no amount"
                counts[region[row["target"]]] += 1
    return {code: f"{n} financement{'s' if n >= 2 else ''}" for code, n in counts.items()}


def test_funding_under_the_sidebars_opco_is_what_that_opco_funds(embedded):
    whole = _app(page="france", measure="funding")
    _clean(whole)
    of_akto = _app(page="france", measure="funding", opco="opco-akto")
    _clean(of_akto)
    assert not any("ne s'applique pas" in i.value for i in of_akto.info)  # the OPCO filter applies
    # The whole map states amounts: euros, as summed from the files.
    assert "Financements reçus par Région (€)" in [s.value for s in whole.subheader]
    assert _shown(whole) == _funding_from_files(REFERENCE.parent, None)
    # The bundled map states no amount on AKTO's funding ties: its map counts them per Région, and says so,
    # rather than read 0 € everywhere.
    assert "Nombre de financements versés par AKTO, par Région" in [s.value for s in of_akto.subheader]
    shown = _shown(of_akto)
    assert shown == _funding_ties_from_files(REFERENCE.parent, "opco-akto")
    assert sum(int(v.split()[0]) for v in shown.values()) > 1 and not any("€" in v for v in shown.values())
    assert any(c.value.startswith("Aucun des financements comptés n'indique de montant") for c in of_akto.caption)
    assert not of_akto.info  # no « n'ajoutent rien » note: every tie counts
    spec = json.loads(of_akto.get("vega_lite_chart")[0].proto.spec)
    legend = next(layer for layer in spec["layer"] if "encoding" in layer)["encoding"]["color"]["legend"]
    assert legend["title"] == "Financements reçus (nombre)"


def test_funding_without_amounts_is_counted_in_english_too(embedded):
    at = _app(page="france", measure="funding", opco="opco-akto", lang="en")
    _clean(at)
    assert "Number of funding ties from AKTO, by Région" in [s.value for s in at.subheader]
    assert any(c.value.startswith("None of the funding ties counted states an amount") for c in at.caption)
    assert all(re.fullmatch(r"0 funding ties|1 funding tie|([2-9]|\d\d+) funding ties", v) for v in _shown(at).values())


def test_funding_of_an_opco_sums_its_amounts_on_the_page(embedded, data, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(data))
    at = _app(page="france", measure="funding", opco="akto")
    _clean(at)
    assert _shown(at) == _funding_from_files(data, "akto")
    assert _shown(at)["11"] == "1\u202f200\u202f000\u00a0€" and _shown(at)["84"] == "0\u00a0€"
    assert "Financements versés par Akto, par Région (€)" in [s.value for s in at.subheader]


def test_a_mangled_link_falls_back_to_the_default_measure(embedded):
    at = _app(page="france", measure="nonsense", mopco="no-such-opco")
    _clean(at)
    assert "CFA par Région" in [s.value for s in at.subheader]
    assert "measure" not in at.query_params


def test_france_downloads_are_the_maps_files(graph):
    from types import SimpleNamespace

    from opcomap.analysis.selection import ViewFilters
    from opcomap.ui.data import ViewGraph
    from opcomap.ui.downloads import france_file

    run = SimpleNamespace(ctx=SimpleNamespace(schema=SCHEMA), filters=ViewFilters(region="11"), lang="fr")
    svg = france_file(run, ViewGraph(graph), "svg", measure="gaps", opco="atlas")()
    assert sorted(_fills(svg)) == sorted(INSEE_CODES) and b"OPCO Atlas" in svg
    page = france_file(run, ViewGraph(graph), "html", measure="cfa", opco=None)().decode("utf-8")
    assert page.count('<path class="region"') == 18
    assert france_file(run, ViewGraph(graph), "pdf", measure="seats", opco=None)()[:5] == b"%PDF-"
    # Under the OPCO filter, the seats' page counts the whole map: its caption does not claim the OPCO.
    run.filters = ViewFilters(opco="akto")
    assert "OPCO : Akto" in france_file(run, ViewGraph(graph), "html", measure="cfa", opco="akto")().decode("utf-8")
    assert "Akto" not in france_file(run, ViewGraph(graph), "html", measure="seats", opco=None)().decode("utf-8")


def test_choosing_a_region_filters_the_other_views(embedded):
    at = _app(page="carte")
    whole = _counts(at)
    at = _app(page="france")
    at.selectbox(key="f_region").select("84").run()  # what a click on the map sets
    _clean(at)
    assert any("Auvergne" in m.value and "84" in m.value for m in at.markdown)
    assert at.query_params["region"] == "84"
    # Every Région keeps its value on the France map itself.
    assert sorted(at.dataframe[0].value["code"]) == sorted(INSEE_CODES)
    carte = _app(page="carte", region="84")
    _clean(carte)
    assert _counts(carte)[0] < whole[0]
