"""The exact Cypher the Graph Data Science engine sends, on a fake driver (no Neo4j needed).

tests/test_gds.py runs the same engine on a real server with GDS and compares it with igraph.
"""

from __future__ import annotations

import neo4j
import pytest
from neo4j.exceptions import ServiceUnavailable

from graph_model import default_schema
from graph_model.errors import OpcomapError, StoreUnavailable
from opcomap.analysis.selection import ViewFilters
from opcomap.store import gds, statements
from opcomap.store.projection import parameters
from tests.cli_runner import cli  # noqa: F401 (the fixture)
from tests.unit.fakes import FakeDriver

SCHEMA = default_schema()



def _server(query: str, params: dict) -> list[dict]:
    """A server with GDS and a two-actor view tied once."""
    if "AS actors" in query and "collect" in query:
        return [{"actors": [["opco-atlas", "OPCO Atlas", "OPCO"], ["cfa-lyon", "CFA Lyon", "CFA"]]}]
    if "RETURN count(r) AS n" in query:
        return [{"n": 1}]
    if "YIELD nodeId" in query and "collect" in query:
        return [{"values": [["opco-atlas", 1.0], ["cfa-lyon", 1.0]]}]
    if "YIELD modularity" in query:
        return [{"modularity": 0.0}]
    return [{"actors": 2}] if "gds.graph.project" in query else []


def test_a_region_view_is_projected_from_the_actors_it_keeps_under_one_unique_name_then_dropped():
    driver = FakeDriver(_server)
    filters = ViewFilters(kinds=("OPCO", "CFA", "NOT_A_KIND"), types=("FUNDS",), region="84")
    found = gds.analyse(driver, "maps", SCHEMA, filters, ["degree", "pagerank"], communities=True)
    assert found.rows() == [{"id": "opco-atlas", "name": "OPCO Atlas", "kind": "OPCO", "degree": 1.0, "pagerank": 1.0},
                            {"id": "cfa-lyon", "name": "CFA Lyon", "kind": "CFA", "degree": 1.0, "pagerank": 1.0}]
    actors, ties, projection, degree, pagerank, louvain, membership, drop = driver.calls
    assert actors.query == statements.nodes_query(["OPCO", "CFA"], ["FUNDS"], region=True)
    ids = {"ids": ["opco-atlas", "cfa-lyon"]}
    assert ties.query == statements.view_ties(["OPCO", "CFA"], ["FUNDS"], by_ids=True)
    assert ties.params == parameters(filters) | ids
    assert projection.query == statements.gds_project(["OPCO", "CFA"], ["FUNDS"], by_ids=True)
    assert projection.query.startswith("CALL () { MATCH (a:Actor) WHERE a.id IN $ids RETURN a AS source")
    assert "MATCH (s:Actor) WHERE s.id IN $ids MATCH (s)-[r:`FUNDS`]->(t:Actor) WHERE t.id IN $ids AND " in projection.query
    assert "NOT_A_KIND" not in projection.query and "84" not in projection.query
    name = projection.params["graph"]
    assert name.startswith("opcomap-") and projection.params == parameters(filters) | ids | {
        "graph": name, "symmetric": ["PARTNERS_WITH"]}
    assert degree.query == ("CALL gds.degree.stream($graph, $config) YIELD nodeId, score "
                            "RETURN collect([gds.util.asNode(nodeId).id, score]) AS values")
    assert degree.params == {"graph": name, "config": {"relationshipTypes": ["TIE"], "orientation": "UNDIRECTED"}}
    assert pagerank.params["config"] == {"relationshipTypes": ["DIRECTED"], "dampingFactor": 0.85,
                                         "maxIterations": 1000, "tolerance": 1e-10, "scaler": "L1Norm"}
    assert louvain.query == "CALL gds.louvain.mutate($graph, $config) YIELD modularity RETURN modularity"
    assert louvain.params["config"] == {"relationshipTypes": ["UNDIRECTED"], "mutateProperty": "opcomap_community",
                                        "concurrency": 1}
    assert membership.params == {"graph": name, "property": "opcomap_community"}
    assert drop.query == "CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName"
    assert drop.params == {"graph": name}
    assert all(call.database == "maps" and not call.write for call in driver.calls)
    assert all(s["default_access_mode"] == neo4j.READ_ACCESS for s in driver.sessions)
    again = FakeDriver(_server)
    gds.analyse(again, "maps", SCHEMA, filters, ["degree"])
    assert again.calls[2].params["graph"] != name  # one name per run


def test_the_projection_is_dropped_when_an_algorithm_fails_and_the_failure_is_worded():
    driver = FakeDriver(_server, fail=ServiceUnavailable("lost"), fails_on=lambda q: "gds.pageRank" in q)
    with pytest.raises(StoreUnavailable):
        gds.analyse(driver, "neo4j", SCHEMA, ViewFilters(), ["degree", "pagerank"])
    assert driver.queries()[-1] == statements.GDS_DROP


def test_a_view_without_ties_is_not_projected():
    driver = FakeDriver(lambda q, p: [{"n": 0}] if "count(r)" in q else _server(q, p))
    found = gds.analyse(driver, "neo4j", SCHEMA, ViewFilters(), ["degree", "pagerank"])
    assert found.metrics.values == {"degree": {"opco-atlas": 0.0, "cfa-lyon": 0.0},
                                    "pagerank": {"opco-atlas": 0.5, "cfa-lyon": 0.5}}
    assert not any("gds." in q for q in driver.queries())


def test_leiden_takes_the_resolution_gds_louvain_has_not():
    driver = FakeDriver(_server)
    found = gds.analyse(driver, "neo4j", SCHEMA, ViewFilters(), [], communities=True, resolution=0.5, seed=7)
    leiden = next(c for c in driver.calls if "gds.leiden.mutate" in c.query)
    assert leiden.params["config"] == {"relationshipTypes": ["UNDIRECTED"], "mutateProperty": "opcomap_community",
                                       "concurrency": 1, "gamma": 0.5, "randomSeed": 7}
    assert ("gds.note.leiden", {"resolution": 0.5, "seed": 7}) in found.notes


def test_engine_gds_on_a_server_without_gds_is_refused_and_auto_falls_back():
    driver = FakeDriver(lambda q, _p: [{"n": 0}] if q == statements.GDS_FOUND else [])
    with pytest.raises(OpcomapError, match="--with-gds"):
        gds.chosen("gds", driver, "neo4j", SCHEMA, ViewFilters())
    assert gds.chosen("auto", driver, "neo4j", SCHEMA, ViewFilters(), threshold=0) is None
    assert driver.queries() == [statements.GDS_FOUND, statements.GDS_FOUND]


def test_only_opcomap_s_algorithms_reach_the_text():
    with pytest.raises(KeyError):
        statements.gds_stream("gds.graph.drop")
    with pytest.raises(KeyError):
        statements.gds_communities("apoc.cypher.run")


def test_analyze_engine_gds_without_neo4j_says_what_to_do(cli, tmp_path):
    from loaders.bundled import reference_dir

    code, _, err = cli("analyze", "--engine", "gds", "--data", str(reference_dir()))
    assert code != 0 and "--engine igraph" in " ".join(err.split())
    code, out, err = cli("analyze", "--engine", "gds")  # the bundled map, no NEO4J_URI
    assert code != 0 and "NEO4J_URI" in " ".join(err.split())


def test_a_view_without_actors_asks_nothing_more():
    driver = FakeDriver(lambda q, _p: [{"actors": []}] if "AS actors" in q else [])
    found = gds.analyse(driver, "neo4j", SCHEMA, ViewFilters(as_of=None, dataset="nothing"), ["pagerank"],
                        communities=True)
    assert found.rows() == [] and found.communities is None and len(driver.calls) == 1
