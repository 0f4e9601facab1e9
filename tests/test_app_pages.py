"""Every page of the app under Streamlit's AppTest, on the bundled reference map (embedded mode).

Each test opens a page the way a link would (query parameters), checks that
no exception escaped and no error is shown, and that what a user looks for is
on screen; the filter tests check that changing a filter changes the result.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opcomap.ui.context import DATA_ENV, SCHEMA_ENV

APP = str(Path(__file__).resolve().parent.parent / "app.py")
COUNTS = re.compile(r"^([\d\u202f\u00a0,]+) (?:acteurs?|actors?), ([\d\u202f\u00a0,]+) (?:relations?|relationships?)$")


@pytest.fixture(autouse=True)
def embedded_mode(monkeypatch):
    for name in ("NEO4J_URI", DATA_ENV, SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)


def open_app(timeout: int = 60, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _whole(shown: str) -> int:
    """A count as the page writes it (Babel groups thousands: ``1 221``, ``1,221``)."""
    return int(re.sub(r"\D", "", shown))


def counts(at: AppTest) -> tuple[int, int]:
    for element in at.markdown:
        match = COUNTS.match(element.value)
        if match:
            return _whole(match[1]), _whole(match[2])
    raise AssertionError("no 'N acteurs, M relations' line on the page")


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [s.value for s in at.success] + [h.value for h in at.header]
    return "\n".join(parts)


def test_home_is_the_map_with_its_counts():
    at = open_app()
    assert_clean(at)
    assert at.title[0].value == "Carte"
    actors, ties = counts(at)
    assert actors > 200 and ties > 500
    assert at.query_params["lang"] == "fr"


def test_kind_filter_changes_the_map_and_lands_in_the_url():
    at = open_app(page="carte")
    before = counts(at)
    at.multiselect(key="f_kinds").select("OPCO").run()
    assert_clean(at)
    after = counts(at)
    assert after[0] == 11  # the eleven OPCO
    assert after[0] < before[0] and after[1] < before[1]
    assert at.query_params["kinds"] == "OPCO"


def test_a_shared_link_reopens_the_same_filtered_view():
    at = open_app(page="carte", kinds="OPCO,EMPLOYEE_UNION", illustrative="0")
    assert_clean(at)
    assert at.multiselect(key="f_kinds").value == ["OPCO", "EMPLOYEE_UNION"]
    assert at.toggle(key="f_illustrative").value is False
    whole = counts(open_app(page="carte"))
    assert counts(at)[0] < whole[0]


def test_relationship_type_and_illustrative_filters_change_the_ties():
    at = open_app(page="carte")
    _, ties = counts(at)
    at.multiselect(key="f_types").select("CO_MANAGES").run()
    _, managed = counts(at)
    assert 0 < managed < ties
    at = open_app(page="carte", illustrative="0")
    assert counts(at)[1] <= ties


def test_weak_ties_toggle_hides_the_reference_maps_weakly_sourced_ties():
    from graph_model import default_schema
    from graph_model.graph import to_networkx
    from loaders import load_dataset
    from opcomap.analysis.filters import is_weak
    from loaders.bundled import reference_dir

    reference = to_networkx(load_dataset([reference_dir()], default_schema()))
    weak = sum(is_weak(d) for *_, d in reference.edges(data=True))
    assert weak > 0
    at = open_app(page="carte")
    actors, ties = counts(at)
    assert at.toggle(key="f_weak").value is True  # shown by default, like illustrative ties
    at.toggle(key="f_weak").set_value(False).run()
    assert_clean(at)
    assert counts(at) == (actors, ties - weak)  # actors left without ties stay
    assert at.query_params["weak"] == "0"
    assert "sans liens à source faible" in texts(at)
    shared = open_app(page="carte", weak="0")
    assert shared.toggle(key="f_weak").value is False and counts(shared) == (actors, ties - weak)


def test_english_switch_translates_the_pages():
    at = open_app(page="sources", lang="en")
    assert_clean(at)
    assert at.title[0].value == "Sources"
    assert "actors" in texts(at)
    at = open_app(page="comparer", lang="en")
    assert at.title[0].value == "Compare the OPCOs"


def test_actor_profile_shows_identity_ties_by_type_with_sources():
    at = open_app(page="acteur", id="opco-akto")
    assert_clean(at)
    assert at.header[0].value == "AKTO"
    body = texts(at)
    assert "Gestion paritaire" in body  # ties grouped under the type's French label
    assert "](https://" in body  # each tie links to its sources
    assert "](./?page=acteur" in body  # other actors link to their own profiles
    assert len(at.metric) >= 2  # metrics
    assert at.query_params["id"] == "opco-akto"
    assert "page" not in at.query_params  # a one-shot link parameter: the page is the URL's path


def test_profile_metrics_say_which_graph_they_were_computed_on_and_ranks_draw_no_arrow():
    whole = open_app(page="acteur", id="opco-akto")
    assert_clean(whole)
    assert "Calculés sur la carte entière." in [c.value for c in whole.caption]
    assert all(m.proto.delta == "" for m in whole.metric)  # no green "increase" for a rank
    assert any(c.value.startswith("rang ") for c in whole.caption)
    filtered = open_app(page="acteur", id="opco-akto", kinds="OPCO,BRANCH")
    assert_clean(filtered)
    said = [c.value for c in filtered.caption if c.value.startswith("Calculés sur la vue filtrée")]
    assert said and "Branche" in said[0]


def test_unknown_actor_in_a_link_is_said_not_crashed():
    at = open_app(page="acteur", id="nobody-here")
    assert_clean(at)
    assert any("nobody-here" in w.value for w in at.warning)


def test_paths_mark_illustrative_ties_and_offer_to_leave_them_out():
    at = open_app(page="chemins", src="cfa-exemple-28", dst="france-competences")
    assert_clean(at)
    body = texts(at)
    assert "**illustratif**" in body
    assert [w.value for w in at.warning if "illustratifs ou faiblement sourcés" in w.value]
    at.toggle(key="w_paths_without_thin").set_value(True).run()
    assert_clean(at)
    assert "**illustratif**" not in texts(at)


def test_paths_page_lists_shortest_paths_between_two_actors():
    at = open_app(page="chemins", src="opco-akto", dst="france-competences")
    assert_clean(at)
    assert any("plus court" in s.value for s in at.success)


def test_analysis_page_tables_follow_the_filters():
    at = open_app(page="analyse")
    assert_clean(at)
    assert len(at.tabs) == 7  # metrics, charts, communities, brokers, structure, gaps, what-if
    assert "w_engine" not in [r.key for r in at.radio]  # files: igraph only, no engine to choose
    whole = len(at.dataframe[0].value)
    at = open_app(page="analyse", kinds="OPCO,EMPLOYEE_UNION,EMPLOYER_ORG")
    assert_clean(at)
    assert 0 < len(at.dataframe[0].value) < whole


def test_chart_captions_name_the_opco_filter_and_the_focus_not_their_ids():
    at = open_app(page="analyse", opco="opco-akto", focus="opco-atlas")
    assert_clean(at)
    captions = [c.value for c in at.caption]
    assert any("Vue : OPCO : AKTO ; autour de l'acteur OPCO Atlas \\(1\\)" in c for c in captions), captions  # Markdown
    assert not any("opco-akto" in c or "opco-atlas" in c for c in captions)


def test_the_maps_picture_is_told_the_views_line_as_plain_text():
    """The map's picture writes, under the drawing, the view's line the page shows above the map and
    the first view's sentence: sent to the frame as text (not Markdown), naming the OPCO and focus."""
    at = open_app(page="carte", opco="opco-akto", focus="opco-atlas", lang="fr")
    assert_clean(at)
    caption = _map_args(at)["caption"]
    assert caption[0] == "Vue : OPCO : AKTO ; autour de l'acteur OPCO Atlas (1)", caption
    assert all(isinstance(line, str) for line in caption)


def test_analyses_say_they_rest_on_illustrative_ties_and_redo_without_them():
    at = open_app(page="analyse")
    assert_clean(at)
    warned = [w.value for w in at.warning if "illustratifs ou faiblement sourcés" in w.value]
    assert warned, [w.value for w in at.warning]
    # The coverage gaps describe sample CFA: without them, every OPCO has no partner anywhere.
    gaps = [i.value for i in at.info if "Ces manques reposent" in i.value]
    assert gaps and "11 OPCO sur 11" in gaps[0].replace("\u202f", " "), gaps
    rows_with = len(at.dataframe[0].value)
    at.toggle(key="w_without_thin").set_value(True).run()
    assert_clean(at)
    assert at.toggle(key="w_without_thin").value
    assert len(at.dataframe[0].value) <= rows_with
    documented = open_app(page="analyse", illustrative="0", weak="0")
    assert_clean(documented)
    assert not [w.value for w in documented.warning if "illustratifs" in w.value]
    compared = open_app(page="comparer", opcos="opco-akto,opco-ep")
    assert_clean(compared)
    assert [w.value for w in compared.warning if "illustratifs ou faiblement sourcés" in w.value]
    assert compared.toggle(key="w_compare_without_thin") is not None


def test_compare_page_shows_overlap_of_two_opco():
    at = open_app(page="comparer", opcos="opco-akto,opco-ep")
    assert_clean(at)
    matrix = at.dataframe[0].value
    assert matrix.shape == (2, 2)
    # Shares as the reader's language writes them: "21,8 %" in French, "21.8%" in English.
    assert matrix.iloc[0, 0] == "100,0\u00a0%"
    assert re.fullmatch(r"\d{1,2},\d\u00a0%", matrix.iloc[0, 1]), matrix.iloc[0, 1]
    english = open_app(page="comparer", opcos="opco-akto,opco-ep", lang="en").dataframe[0].value
    assert english.iloc[0, 0] == "100.0%" and re.fullmatch(r"\d{1,2}\.\d%", english.iloc[0, 1])


def test_cypher_page_without_neo4j_explains_how_to_connect():
    at = open_app(page="cypher")
    assert_clean(at)
    assert "opcomap neo4j start" in texts(at)
    assert "NEO4J_URI" in texts(at)


@pytest.mark.parametrize(("lang", "headers"), [("fr", ["Nom", "Question", "Paramètres"]),
                                               ("en", ["Name", "Question", "Parameters"])])
def test_named_questions_are_listed_under_headers_in_the_users_language(lang, headers):
    at = open_app(page="cypher", lang=lang)
    assert_clean(at)
    table = at.dataframe[0].value
    assert list(table.columns) == headers
    assert "partners" in set(table[headers[0]])


def test_data_page_summarises_the_map_shown():
    at = open_app(page="donnees")
    assert_clean(at)
    assert counts(at)[0] > 200
    assert len(at.dataframe) == 2


def test_sources_page_lists_sources_with_counts():
    at = open_app(page="sources")
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) > 10
    assert table["ties"].sum() >= counts(at)[1]


def test_sources_page_writes_dates_and_confidences_for_the_language():
    french = open_app(page="sources").dataframe[0].value
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4}", str(d)) for d in french["consulted"])
    assert any(re.fullmatch(r"0,\d\d", str(c)) for c in french["confidence"])
    english = open_app(page="sources", lang="en").dataframe[0].value
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d", str(d)) for d in english["consulted"])
    assert any(re.fullmatch(r"0\.\d\d", str(c)) for c in english["confidence"])


def test_neo4j_down_shows_a_banner_and_keeps_working(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NEO4J_CONNECT_TIMEOUT", "1")
    at = open_app(page="carte")
    assert not at.exception
    assert any("Neo4j ne répond pas" in w.value for w in at.warning)
    assert counts(at)[0] > 200  # the bundled map instead


def test_bad_data_files_are_reported_row_by_row_without_a_traceback(monkeypatch, tmp_path):
    bad = tmp_path / "actors.csv"
    bad.write_text("id,name,kind\nopco-x,OPCO X,OPCOO\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(bad))
    at = open_app(page="carte")
    assert not at.exception
    assert at.error
    assert "actors.csv" in texts(at) and "OPCOO" in texts(at)


def test_bad_schema_file_is_one_sentence(monkeypatch, tmp_path):
    schema = tmp_path / "schema.yaml"
    schema.write_text("kinds: []\n", encoding="utf-8")
    monkeypatch.setenv(SCHEMA_ENV, str(schema))
    at = open_app()
    assert not at.exception
    assert "schema.yaml" in at.error[0].value


def test_map_and_analysis_pages_offer_every_export():
    for page in ("carte", "analyse"):
        at = open_app(page=page)
        assert_clean(at)
        if page == "carte":
            # The map's exports wait in a closed expander, filled once it is opened.
            assert not at.get("download_button")
            at.session_state["carte_downloads"] = True
            at.run()
            assert_clean(at)
        labels = {b.label for b in at.get("download_button")}
        assert {"Carte HTML interactive", "Schéma SVG", "Image PNG", "Document PDF"} <= labels, labels


def test_diagram_download_makes_a_real_file_of_the_view():
    from types import SimpleNamespace

    from graph_model.schema import default_schema
    from opcomap.store.graph_source import open_graph
    from opcomap.settings import Settings
    from opcomap.ui.data import ViewGraph
    from opcomap.ui.downloads import _diagram
    from opcomap.analysis.selection import ViewFilters

    filters = ViewFilters(kinds=("OPCO",))
    graph = open_graph(Settings(neo4j_uri=None), default_schema(), None, filters)
    run = SimpleNamespace(ctx=SimpleNamespace(schema=default_schema()), filters=filters, lang="fr")
    svg = _diagram(run, ViewGraph(graph), "svg", sizes=None, layout="force", title="opcomap")()
    assert svg.lstrip().startswith(b"<?xml") and b"AKTO" in svg
    assert _diagram(run, ViewGraph(graph), "pdf", sizes=None, layout="force", title="t")()[:5] == b"%PDF-"


def test_map_component_folder_holds_every_file_its_page_loads(tmp_path):
    from opcomap.mapview.assets import component_folder

    folder = component_folder(tmp_path)
    page = (folder / "index.html").read_text(encoding="utf-8")
    wanted = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert {"vis-network.min.js", "vis-network.css", "map.js", "map.css", "bridge.js"} <= set(wanted)
    assert all((folder / name).is_file() and (folder / name).stat().st_size > 0 for name in wanted)
    assert not any("//" in name for name in wanted), "the component must not load anything from elsewhere"
    assert component_folder(tmp_path) == folder  # built once, then reused


def test_map_highlights_a_path_from_a_link_and_sizes_by_a_metric():
    at = open_app(page="carte", pfrom="opco-akto", pto="region-53", size="pagerank")
    assert_clean(at)
    assert at.toggle(key="w_path_on").value is True
    assert any("Chemin surligné" in s.value and "AKTO" in s.value for s in at.success)
    assert at.selectbox(key="w_size").value == "pagerank"
    at.toggle(key="w_path_on").set_value(False).run()
    assert not at.success
    assert "pfrom" not in at.query_params


def test_focus_filter_keeps_the_ego_network():
    at = open_app(page="carte", focus="opco-akto", depth="1")
    assert_clean(at)
    actors, _ = counts(at)
    deeper = counts(open_app(page="carte", focus="opco-akto", depth="2"))[0]
    assert 1 < actors < deeper


class _Upload:
    """What st.file_uploader hands the page: a name and the bytes."""

    def __init__(self, name: str, text: str):
        self.name, self._data = name, text.encode("utf-8")

    def getvalue(self) -> bytes:
        return self._data


def test_uploaded_files_are_checked_by_the_loaders_with_file_row_and_column():
    from graph_model.schema import default_schema
    from opcomap.ui.pages.donnees import check_uploads, problems_frame

    actors = _Upload("mes acteurs.csv", "id;name;kind\nopco-x;OPCO X;OPCOO\ncfa-y;CFA Y;CFA\n")
    ties = _Upload("liens.csv", "source,target,type\ncfa-y,inconnu,PARTNERS_WITH\n")
    _, problems = check_uploads([actors, ties], default_schema())
    frame = problems_frame(problems, "fr")
    assert len(frame) >= 2
    by_file = dict(zip(frame["Fichier"], frame["Colonne"], strict=False))
    assert "kind" in frame["Colonne"].tolist()
    assert any("OPCO" in m for m in frame["Problème"])  # "did you mean OPCO?"
    assert set(by_file) == {"mes acteurs.csv", "liens.csv"}
    assert 2 in frame["Ligne"].tolist()


def test_valid_uploads_are_accepted_with_their_counts():
    from graph_model.schema import default_schema
    from opcomap.ui.pages.donnees import check_uploads

    actors = _Upload("a.csv", "id,name,kind\nopco-x,OPCO X,OPCO\ncfa-y,CFA Y,CFA\n")
    ties = _Upload("r.csv", "source,target,type,source_title\ncfa-y,opco-x,PARTNERS_WITH,Convention\n")
    dataset, problems = check_uploads([actors, ties], default_schema())
    assert problems == []
    assert len(dataset.actors) == 2 and len(dataset.relationships) == 1


def test_large_maps_narrow_actor_pickers_with_a_text_box(monkeypatch, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "synthetic"
    subprocess.run([sys.executable, "-m", "opcomap", "generate", "--actors", "2000", "--relationships", "3000",
                    "--seed", "3", "--output", str(out)], check=True, capture_output=True)
    monkeypatch.setenv(DATA_ENV, str(out))
    at = open_app(page="carte")
    assert_clean(at)
    assert counts(at)[0] == 2000
    search = at.selectbox(key="w_search")
    assert len(search.options) == 0  # nothing sent before the user types
    at.text_input(key="w_search_words").input("opco").run()
    assert_clean(at)
    assert 0 < len(at.selectbox(key="w_search").options) <= 200
    at.text_input(key="w_search_words").input("a").run()  # matches far more than a list can hold
    assert len(at.selectbox(key="w_search").options) == 200
    assert "200 premiers" in at.selectbox(key="w_search").label


def test_as_of_date_hides_what_did_not_exist_yet():
    before_reform = counts(open_app(page="carte", kinds="OPCO", as_of="2018-06-01"))
    after_reform = counts(open_app(page="carte", kinds="OPCO", as_of="2020-06-01"))
    assert before_reform[0] == 0  # the OPCO were created on 1 April 2019
    assert after_reform[0] == 11


def test_profile_history_shows_the_succession():
    at = open_app(page="acteur", id="pole-emploi")
    assert_clean(at)
    body = texts(at).replace("\\", "")  # Markdown escapes in the source, not on screen
    assert "Successions" in body
    assert "[France Travail](./?page=acteur" in body
    assert "01/01/2024" in body  # the date as French writes it (Babel); English keeps ISO
    # A sentence, the tie's label between its actors: "Pôle emploi remplacé par France Travail, le 01/01/2024".
    assert re.search(r"\) remplacé par \[France Travail\]\(\./\?page=acteur[^)]*\), le 01/01/2024", body), body
    english = texts(open_app(page="acteur", id="pole-emploi", lang="en")).replace("\\", "")
    assert "2024-01-01" in english and "01/01/2024" not in english


def test_profile_timeline_is_a_table_of_dated_events():
    """The timeline is a plain table (no data grid, whose script a shared profile link had to load)."""
    at = open_app(page="acteur", id="pole-emploi")
    assert_clean(at)
    assert len(at.dataframe) == 0
    timeline = at.table[0].value
    assert list(timeline.columns) == ["Date", "Événement"]
    assert "01/01/2024" in timeline["Date"].tolist()
    assert any("France Travail" in event for event in timeline["Événement"])


# -- one vocabulary: the English page says whole sentences in English, the French one no raw codes --

def test_english_page_lists_data_problems_in_english(monkeypatch, tmp_path):
    bad = tmp_path / "actors.csv"
    bad.write_text("id,name,kind\nopco-x,OPCO X,OPCOO\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(bad))
    at = open_app(page="carte", lang="en")
    assert not at.exception
    assert at.error[0].value == "1 problem in the data:"
    body = texts(at).replace("\\", "")
    assert "actors.csv, row 2, column “kind”: unknown kind “OPCOO” (did you mean OPCO?)" in body
    assert "ligne" not in body and "genre" not in body


def test_uploaded_file_problems_are_said_in_the_pages_language():
    from graph_model.schema import default_schema
    from opcomap.ui.pages.donnees import check_uploads, problems_frame

    _, problems = check_uploads([_Upload("a.csv", "id,name,kind\nopco-x,OPCO X,OPCOO\n")], default_schema())
    frame = problems_frame(problems, "en")
    assert list(frame.columns) == ["File", "Row", "Column", "Problem"]
    assert frame["Problem"].tolist() == ["unknown kind “OPCOO” (did you mean OPCO?)"]


def test_french_profile_names_tie_properties_by_their_schema_label():
    at = open_app(page="acteur", id="urssaf")
    assert_clean(at)
    body = texts(at).replace("\\", "")
    assert "Collecte pour" in body  # the type's label, not COLLECTS_FOR
    assert "Contribution : " in body and "levy" not in body and "COLLECTS_FOR" not in body
    english = texts(open_app(page="acteur", id="urssaf", lang="en")).replace("\\", "")
    assert "Levy: " in english


def test_uploader_says_its_button_and_limit_in_french():
    at = open_app(page="donnees")
    assert_clean(at)
    captions = [c.value for c in at.caption]
    assert any(c.startswith("200 Mo au plus par fichier • CSV") for c in captions), captions
    styles = "".join(h.proto.body for h in at.get("html"))
    assert "stFileUploaderDropzoneInstructions" in styles and "Choisir des fichiers" in styles


def _report_app(error: str, lang: str = "fr") -> None:
    from graph_model.errors import NotFound, QueryRefused
    from opcomap.ui.guard import report

    exc = {"refused": QueryRefused("problems.file_empty"), "page": NotFound("problems.actor_missing", id="x")}[error]
    report(exc, lang)


def test_a_refused_query_is_a_refusal_not_a_broken_page(caplog):
    at = AppTest.from_function(_report_app, args=("refused",)).run()
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == ["fichier vide"]
    assert "n'a pas pu s'afficher" not in texts(at)


def test_a_page_error_puts_in_the_log_what_the_screen_promises(caplog):
    with caplog.at_level("ERROR", logger="opcomap.ui"):
        at = AppTest.from_function(_report_app, args=("page",)).run()
    assert at.error[0].value == ("Cette page n'a pas pu s'afficher : l'acteur « x » n'existe pas. "
                                 "Les détails sont dans le journal du serveur.")
    [record] = [r for r in caplog.records if r.name == "opcomap.ui"]
    assert record.exc_info and record.exc_info[0].__name__ == "NotFound"
    english = AppTest.from_function(_report_app, args=("page", "en")).run()
    assert english.error[0].value == ("This page could not be shown: actor “x” does not exist. "
                                      "Details are in the server log.")


def _map_args(at: AppTest) -> dict:
    """What the Carte sent its map component: the escaped markup and the map's data."""
    import json

    instances = at.get("component_instance")
    assert len(instances) == 1, "one map on the page"
    args = json.loads(instances[0].proto.json_args)
    sent = {arg.key: arg.bytes for arg in instances[0].proto.special_args}
    args["data"] = json.loads(sent["data"])
    args["data"]["reserve"] = json.loads(sent["reserve"])  # sent apart, read by the frame after its first draw
    return args


# The default Carte's map message, in bytes of UTF-8 JSON: the largest message of a first visit
# (benchmarks/README.md, "first visits"). What the frame reads before its first draw, and the
# actors and ties held back for expansion, which it reads after.
FIRST_MAP_BYTES = 800_000
FIRST_DRAW_BYTES = 400_000


def test_the_first_maps_message_stays_small():
    """Tooltips are built in the page from the facts the inspector shows, and each source is sent
    once for the whole map: the message must not silently grow back."""
    import json

    at = open_app()
    assert_clean(at)
    (instance,) = at.get("component_instance")
    assert "data" not in json.loads(instance.proto.json_args)  # bytes: not decoded and parsed by the page
    sent = {arg.key: arg.bytes for arg in instance.proto.special_args}
    assert len(sent["data"]) + len(sent["reserve"]) < FIRST_MAP_BYTES
    # the first draw reads the drawn actors only: the held-back ones come apart, read after it
    assert len(sent["data"]) < FIRST_DRAW_BYTES and b'"reserve"' not in sent["data"]
    data = _map_args(at)["data"]
    assert data["reserve"]["nodes"] and data["reserve"]["edges"]
    items = data["nodes"] + data["edges"] + data["reserve"]["nodes"] + data["reserve"]["edges"]
    assert not any("title" in item for item in items)  # no markup per actor or tie
    assert len({json.dumps(s, sort_keys=True) for s in data["sources"]}) == len(data["sources"]) > 100
    cited = {i for e in data["edges"] + data["reserve"]["edges"] for i in e["info"].get("sources", [])}
    assert cited == set(range(len(data["sources"])))  # every source listed is cited, by index


def test_default_carte_tells_the_opco_story_with_the_eleven_opco_labelled():
    at = open_app()
    assert_clean(at)
    assert at.segmented_control(key="w_mapview").value == "story"
    assert any("Au centre, les 11 acteurs du genre" in m.value and "216 partenaires" in m.value
               and "10 façons" in m.value for m in at.markdown)
    data = _map_args(at)["data"]
    actors = [n for n in data["nodes"] if not n.get("heading")]
    opco = [n for n in actors if n["kind"] == "OPCO"]
    assert len(opco) == 11
    # labelled when the map opens: the label budget covers the most important actors, the OPCO first
    assert all(n["rank"] < data["labels"] for n in opco) and data["labels"] < len(actors)
    assert len([n for n in data["nodes"] if n.get("heading")]) == 10
    # the inspector has the view's metrics, and every other actor waits to be expanded
    akto = next(n for n in opco if n["id"] == "opco-akto")
    assert [row[0] for row in akto["info"]["metrics"]] == ["Nombre de liens", "PageRank"]
    assert len(actors) + len(data["reserve"]["nodes"]) == counts(at)[0]


def test_the_layout_choice_is_offered_only_where_it_changes_the_map():
    at = open_app()
    assert at.segmented_control(key="w_layout").disabled  # the first view places actors itself
    at.segmented_control(key="w_mapview").set_value("all").run()
    assert_clean(at)
    assert not at.segmented_control(key="w_layout").disabled
    at.segmented_control(key="w_layout").set_value("hierarchical").run()
    assert_clean(at)
    assert at.query_params["layout"] == "hierarchical"


def test_whole_selection_and_colours_are_one_choice_away_and_kept_in_the_url():
    at = open_app()
    at.segmented_control(key="w_mapview").set_value("all").run()
    assert_clean(at)
    assert at.query_params["map"] == "all"
    data = _map_args(at)["data"]
    assert len(data["nodes"]) == counts(at)[0] and not data["reserve"]["nodes"]
    assert not any("Au centre" in m.value for m in at.markdown)
    at.selectbox(key="w_colour").set_value("community").run()
    assert_clean(at)
    assert at.query_params["colour"] == "community"
    body = _map_args(at)["body"]
    assert "Couleur : communauté (Louvain)" in body
    shared = open_app(page="carte", map="all", colour="prop:region_name")
    assert_clean(shared)
    assert shared.selectbox(key="w_colour").value == "prop:region_name"
    assert "Couleur : Région" in _map_args(shared)["body"]


def test_first_view_and_its_inspector_speak_english():
    at = open_app(page="carte", lang="en")
    assert_clean(at)
    assert any("In the middle, the 11 actors of kind" in m.value for m in at.markdown)
    data = _map_args(at)["data"]
    titles = {n["label"] for n in data["nodes"] if n.get("heading")}
    assert "Social partners (joint management) (27)" in titles
    assert data["words"]["inspector_open"] == "Open the profile"
    assert data["words"]["count"] == "{nodes} {nodes:actor|actors}, {edges} {edges:relationship|relationships}"
    akto = next(n for n in data["nodes"] if n["id"] == "opco-akto")
    assert ["Kind", "Skills operator (OPCO)"] in akto["info"]["rows"]
    assert [row[0] for row in akto["info"]["metrics"]] == ["Degree", "PageRank"]


def test_the_maps_ties_are_one_switch_away_as_a_table_with_their_sources():
    at = open_app()
    assert not any("opcomap-ties" in h.proto.body for h in at.get("html"))  # not sent until asked
    at.toggle(key="carte_map_ties").set_value(True).run()
    assert_clean(at)
    table = next(h.proto.body for h in at.get("html") if "opcomap-ties" in h.proto.body)
    assert table.count("<tr>") == len(_map_args(at)["data"]["edges"]) + 1  # the heading row and one per tie
    assert "<th scope='col'>Sources</th>" in table and "href=\"https://" in table
    # the app prints without its sidebar
    assert any('@media print' in h.proto.body and 'stSidebar' in h.proto.body for h in at.get("html"))
