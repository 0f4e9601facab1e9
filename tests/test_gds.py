"""Graph Data Science: the plugin on the local server (``opcomap neo4j start --with-gds``) and
the analysis engine (``opcomap analyze --engine gds``), compared with igraph on the reference map.

One server for the module, started with GDS; the reference map loaded once.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from graph_model.errors import OpcomapError
from graph_model.graph import to_networkx
from graph_model.schema import default_schema
from loaders import load_dataset
from loaders.bundled import reference_dir
from opcomap import analysis
from opcomap.analysis.engine import undirected_igraph
from opcomap.analysis.metrics import METRICS
from opcomap.analysis.selection import ViewFilters
from opcomap.settings import Settings
from opcomap.store import connect, gds
from opcomap.store import local_server as neo4j_server
from opcomap.store.projection import project
from opcomap.store.writer import write_dataset
from tests.cli_runner import cli, one_sentence  # noqa: F401 (the fixture)
from tests.conftest import TEST_PASSWORD, own_server

SCHEMA = default_schema()
# A server that cannot start skips these tests on a developer's machine and fails them under CI.
pytestmark = pytest.mark.neo4j

PASSWORD = TEST_PASSWORD


def test_gds_jars_come_and_go_with_the_option_and_only_its_procedures_are_scanned(tmp_path):
    settings = Settings(neo4j_uri="bolt://127.0.0.1:7999", opcomap_cache_dir=tmp_path / "cache",
                        opcomap_data_dir=tmp_path / "data")
    server = neo4j_server.LocalServer(settings)
    for lib, names in ((server.gds_dir, ["proc-centrality-2.13.9.jar", "core-2.13.9.jar", "hppc-0.7.3.jar"]),
                       (server.apoc_dir, ["apoc-core-x.jar", "hppc-0.7.3.jar"])):
        lib.mkdir(parents=True)
        for name in names:
            (lib / name).write_bytes(b"jar")
        (lib.parent / "COMPLETE").write_text("x", encoding="utf-8")  # the download is cached
    plugins, libs = server.home / "plugins", server.home / neo4j_server.PLUGIN_LIBS
    plugins.mkdir(parents=True)
    (plugins / "mine.jar").write_bytes(b"mine")

    neo4j_server.install_plugins(server, with_apoc=True, with_gds=True)
    assert sorted(p.name for p in plugins.iterdir()) == [
        "apoc-core-x.jar", "hppc-0.7.3.jar", "mine.jar", "proc-centrality-2.13.9.jar"]
    assert sorted(p.name for p in libs.iterdir()) == ["core-2.13.9.jar", "hppc-0.7.3.jar"]
    conf = neo4j_server.write_config(server, True, True).read_text(encoding="utf-8")
    assert "dbms.security.procedures.unrestricted=apoc.*,gds.*" in conf

    # GDS left out: its jars go, APOC's copy of a library they shared stays.
    neo4j_server.install_plugins(server, with_apoc=True, with_gds=False)
    assert sorted(p.name for p in plugins.iterdir()) == ["apoc-core-x.jar", "hppc-0.7.3.jar", "mine.jar"]
    assert list(libs.iterdir()) == []
    assert "unrestricted=apoc.*\n" in neo4j_server.write_config(server, True, False).read_text(encoding="utf-8")


# -- the engine on a real server with GDS ------------------------------------------------------
# Tolerances, stated in README.md (Graph Data Science): degrees equal; betweenness, closeness,
# clustering and PageRank within 1e-9; eigenvector within 1e-6; sampled betweenness within 0.03
# of the exact values; Louvain's modularity within 0.03 of igraph's.
EXACT_TOLERANCE = {"betweenness": 1e-9, "closeness": 1e-9, "clustering": 1e-9, "pagerank": 1e-9,
                   "eigenvector": 1e-6}


@pytest.fixture(scope="module")
def gds_settings(tmp_path_factory):
    yield from own_server(tmp_path_factory, "neo4j-gds-home", with_gds=True)


@pytest.fixture(scope="module")
def reference():
    return load_dataset([reference_dir()], SCHEMA)


@pytest.fixture(scope="module")
def driver(gds_settings, reference):
    driver = connect(gds_settings)
    write_dataset(driver, reference, SCHEMA, dataset_name="reference", database=gds_settings.neo4j_database)
    yield driver
    driver.close()


def _projections(driver) -> list[str]:
    return [r["graphName"] for r in driver.execute_query(
        "CALL gds.graph.list() YIELD graphName RETURN graphName", database_="neo4j").records]


def test_gds_and_igraph_agree_on_the_reference_map(driver, reference):
    graph = to_networkx(reference)
    expected = analysis.compute_metrics(graph, SCHEMA)
    found = gds.analyse(driver, "neo4j", SCHEMA, ViewFilters(), METRICS, gds_version="2.13.9", communities=True)
    assert sorted(a for a, _, _ in found.actors) == sorted(graph) and len(graph) > 300
    assert (found.number_of_nodes(), found.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    for metric in METRICS:
        want, got = expected.values[metric], found.metrics.values[metric]
        assert got.keys() == want.keys(), metric
        tolerance = EXACT_TOLERANCE.get(metric, 0.0)
        worst = max(abs(got[a] - want[a]) for a in want)
        assert worst <= tolerance, (metric, worst)
    rows = {row["id"]: row for row in found.rows()}
    assert rows["france-competences"]["name"] == graph.nodes["france-competences"]["name"]
    # Communities: GDS's own Louvain, so another partition, but its modularity is the one igraph
    # computes for that partition, and close to igraph's Louvain.
    louvain = analysis.communities(graph)
    ours = found.communities
    assert sum(len(g) for g in ours.groups) == len(graph)
    igraph_view = undirected_igraph(graph)
    recomputed = igraph_view.graph.modularity([ours.membership[n] for n in igraph_view.nodes])
    assert ours.modularity == pytest.approx(recomputed, abs=1e-9)
    assert abs(ours.modularity - louvain.modularity) <= 0.03
    notes = [key for key, _ in found.notes]
    assert {"gds.engine", "gds.note.betweenness", "gds.note.pagerank", "gds.note.louvain"} <= set(notes)
    assert _projections(driver) == []


def test_sampled_betweenness_says_so_and_stays_near_the_exact_values(driver, reference):
    graph = to_networkx(reference)
    exact = analysis.compute_metrics(graph, SCHEMA, ["betweenness"]).values["betweenness"]
    found = gds.analyse(driver, "neo4j", SCHEMA, ViewFilters(), ["betweenness"], exact_limit=50, k=200, seed=3)
    assert found.metrics.method["betweenness"] == "gds.betweenness.stream, sampled (k=200, seed=3)"
    assert ("gds.note.betweenness_sampled", {"k": 200, "seed": 3, "limit": 50}) in found.notes
    estimate = found.metrics.values["betweenness"]
    assert max(abs(estimate[a] - exact[a]) for a in exact) <= 0.03
    top = sorted(exact, key=exact.get, reverse=True)[:5]
    assert set(top) <= set(sorted(estimate, key=estimate.get, reverse=True)[:10])


@pytest.mark.parametrize("filters", [
    ViewFilters(region="84", kinds=("OPCO", "CFA", "REGION", "PUBLIC_INSTITUTION")),
    ViewFilters(types=("FUNDS", "PARTNERS_WITH"), as_of=dt.date(2021, 6, 1), include_illustrative=False),
    ViewFilters(include_weak=False, dataset="reference"),
], ids=["region-kinds", "types-date-illustrative", "weak-dataset"])
def test_the_projection_keeps_the_views_filters(driver, filters):
    """The same actors, ties and values as the map read from Neo4j and analysed with igraph."""
    graph = project(driver, "neo4j", SCHEMA, filters, details=False)
    expected = analysis.compute_metrics(graph, SCHEMA, ["degree", "degree_in", "degree_funding", "pagerank"])
    found = gds.analyse(driver, "neo4j", SCHEMA, filters, ["degree", "degree_in", "degree_funding", "pagerank"])
    assert 0 < graph.number_of_edges() < 1258  # the filters cut, and leave something
    assert sorted(a for a, _, _ in found.actors) == sorted(graph)
    assert found.number_of_edges() == graph.number_of_edges()
    for metric, want in expected.values.items():
        got = found.metrics.values[metric]
        assert max(abs(got[a] - want[a]) for a in want) <= 1e-9, metric


def test_the_projection_is_dropped_when_an_algorithm_fails(driver, monkeypatch):
    monkeypatch.setitem(gds.CALLS, "closeness", ("gds.closeness.stream", {"relationshipTypes": ["NOPE"]}, None))
    with pytest.raises(OpcomapError, match="NOPE"):
        gds.analyse(driver, "neo4j", SCHEMA, ViewFilters(), ["degree", "closeness"])
    assert _projections(driver) == []


def test_a_view_without_ties_gives_what_igraph_gives(driver):
    found = gds.analyse(driver, "neo4j", SCHEMA, ViewFilters(kinds=("REGION",)), ["degree", "pagerank"],
                        communities=True)
    assert found.number_of_nodes() > 10 and found.number_of_edges() == 0
    assert set(found.metrics.values["degree"].values()) == {0.0}
    assert sum(found.metrics.values["pagerank"].values()) == pytest.approx(1.0)
    assert len(found.communities.groups) == found.number_of_nodes()


def test_auto_picks_gds_above_its_threshold_only_and_leaves_exact_closeness_to_igraph(driver):
    assert gds.chosen("auto", driver, "neo4j", SCHEMA, ViewFilters(), ["pagerank"], threshold=382) is None
    assert gds.chosen("auto", driver, "neo4j", SCHEMA, ViewFilters(), ["pagerank"], threshold=381) == "2.13.9"
    assert gds.chosen("auto", driver, "neo4j", SCHEMA, ViewFilters(), METRICS, threshold=1) is None
    assert gds.chosen("gds", driver, "neo4j", SCHEMA, ViewFilters(), METRICS) == "2.13.9"
    assert gds.chosen("auto", driver, "neo4j", SCHEMA, ViewFilters(opco="opco-atlas"), threshold=1) is None
    assert gds.chosen("igraph", driver, "neo4j", SCHEMA, ViewFilters()) is None
    with pytest.raises(OpcomapError, match="--opco"):
        gds.chosen("gds", driver, "neo4j", SCHEMA, ViewFilters(opco="opco-atlas"))


def test_analyze_engine_gds_on_the_command_line(driver, gds_settings, cli):
    env = {"NEO4J_URI": gds_settings.uri, "NEO4J_PASSWORD": PASSWORD}
    code, out, err = cli("analyze", "--engine", "gds", "--metrics", "pagerank,betweenness", "--communities",
                         "--format", "json", **env)
    assert code == 0, err
    document = json.loads(out)
    assert document["engine"] == "gds"
    assert document["method"] == {"pagerank": "gds.pageRank.stream", "betweenness": "gds.betweenness.stream"}
    assert len(document["actors"]) == 381 and all(row["community"] is not None for row in document["actors"])
    code, out, err = cli("analyze", "--engine", "gds", "--metrics", "pagerank", "--top", "3", **env)
    assert code == 0, err
    assert "Graph Data Science 2.13.9" in one_sentence(out) and "ramené à une somme de 1" in one_sentence(out)
    code, out, err = cli("analyze", "--engine", "auto", "--metrics", "degree", "--format", "json", **env)
    assert code == 0 and json.loads(out)["engine"] == "igraph"  # 381 actors: below auto's threshold
    assert _projections(driver) == []


def test_the_analyse_page_offers_gds_and_its_table_matches_igraphs(driver, gds_settings, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
    from tests.test_app_neo4j import APP, assert_clean

    for name in (DATA_ENV, SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NEO4J_URI", gds_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.setenv("NEO4J_DATABASE", gds_settings.neo4j_database)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["page"] = "analyse"
    at.run()
    assert_clean(at)
    engine = at.radio(key="w_engine")
    assert engine.value == "igraph"  # auto: 381 actors and closeness shown, igraph computes
    assert "calcul dans l'application par igraph" in [c.value for c in at.caption]
    by_igraph = at.dataframe[0].value.set_index("id")
    engine.set_value("gds").run()
    assert_clean(at)
    captions = [c.value for c in at.caption]
    assert "calcul dans Neo4j par Graph Data Science 2.13.9" in captions
    assert any(c.startswith("pagerank : gds.pageRank") for c in captions), captions
    by_gds = at.dataframe[0].value.set_index("id")
    assert sorted(by_gds.index) == sorted(by_igraph.index) and len(by_gds) == 381
    for metric in METRICS:
        worst = (by_gds[metric] - by_igraph.loc[by_gds.index, metric]).abs().max()
        assert worst <= EXACT_TOLERANCE.get(metric, 0.0), (metric, worst)
    at.radio(key="w_engine_communities").set_value("gds").run()
    assert_clean(at)
    assert any(c.value.startswith("communautés : Louvain de GDS") for c in at.caption)
    communities = next(d.value for d in at.dataframe if "members" in d.value.columns)
    assert communities["size"].sum() == 381 and len(communities) > 1
    assert _projections(driver) == []
