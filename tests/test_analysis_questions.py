"""The strategists' questions on small maps whose answers are known by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_model.schema import default_schema
from opcomap.analysis import questions as q
from graph_model.errors import NotFound, OpcomapError


@pytest.fixture
def ecosystem() -> nx.MultiDiGraph:
    """Two OPCO sharing a CFA, Régions 84 and 11, two branches (one without OPCO), governance."""
    g = nx.MultiDiGraph()
    g.add_nodes_from([
        ("fc", {"kind": "PUBLIC_INSTITUTION"}),
        ("o1", {"kind": "OPCO"}), ("o2", {"kind": "OPCO"}),
        ("r84", {"kind": "REGION", "region_code": "84"}), ("r11", {"kind": "REGION", "region_code": "11"}),
        ("cfa-lyon", {"kind": "CFA", "region_code": "84"}), ("cfa-paris", {"kind": "CFA", "region_code": "11"}),
        ("of-lyon", {"kind": "TRAINING_ORG", "region_code": "84"}),
        ("metal", {"kind": "BRANCH"}), ("orphan", {"kind": "BRANCH"}),
        ("union", {"kind": "EMPLOYEE_UNION"}),
    ])
    g.add_edge("fc", "o1", key="fc-o1", type="FUNDS", amount_eur=100.0, since="2019-04-01")
    g.add_edge("fc", "o2", key="fc-o2", type="FUNDS", amount_eur=80.0, since="2019-04-01", until="2021-12-31")
    g.add_edge("fc", "o2", key="fc-o2b", type="FUNDS", amount_eur=90.0, since="2022-01-01")
    g.add_edge("o1", "cfa-lyon", key="o1-lyon", type="FUNDS", since="2020-01-01")
    g.add_edge("o2", "cfa-lyon", key="o2-lyon", type="FUNDS", since="2022-06-01")
    g.add_edge("o2", "cfa-paris", key="o2-paris", type="FUNDS")
    g.add_edge("o1", "of-lyon", key="o1-of", type="FUNDS", until="2021-01-01")
    g.add_edge("metal", "o1", key="metal-o1", type="ATTACHED_TO")
    g.add_edge("union", "o1", key="u-o1", type="CO_MANAGES", college="salariés")
    g.add_edge("union", "o2", key="u-o2", type="CO_MANAGES", college="salariés")
    return g


def test_ego_network_by_depth_and_type(ecosystem):
    assert set(q.ego_network(ecosystem, "metal", 1)) == {"metal", "o1"}
    assert set(q.ego_network(ecosystem, "metal", 2)) == {"metal", "o1", "fc", "cfa-lyon", "of-lyon", "union"}
    funding_only = q.ego_network(ecosystem, "o1", 1, types=["FUNDS"])
    assert set(funding_only) == {"o1", "fc", "cfa-lyon", "of-lyon"}
    assert {d["type"] for *_, d in funding_only.edges(data=True)} == {"FUNDS"}


def test_ego_network_of_unknown_actor(ecosystem):
    with pytest.raises(NotFound, match="ghost"):
        q.ego_network(ecosystem, "ghost")


def test_all_shortest_paths_with_the_ties_along_each(ecosystem):
    paths = q.shortest_paths(ecosystem, "metal", "o2")
    routes = sorted(tuple(step["to"] for step in path) for path in paths)
    assert routes == [("o1", "cfa-lyon", "o2"), ("o1", "fc", "o2"), ("o1", "union", "o2")]
    via_fc = next(p for p in paths if p[1]["to"] == "fc")
    assert [t["key"] for t in via_fc[2]["ties"]] == ["fc-o2", "fc-o2b"]
    assert via_fc[1]["ties"] == [{"source": "fc", "target": "o1", "type": "FUNDS", "key": "fc-o1"}]


def test_shortest_paths_restricted_to_types_or_absent(ecosystem):
    assert len(q.shortest_paths(ecosystem, "o1", "o2", types=["CO_MANAGES"])) == 1
    assert q.shortest_paths(ecosystem, "metal", "o2", types=["CO_MANAGES"]) == []


def test_opco_comparison(ecosystem):
    result = q.compare_actors(ecosystem, "o1", "o2")
    assert result["shared"] == ["cfa-lyon", "fc", "union"]
    assert result["only"] == {"o1": ["metal", "of-lyon"], "o2": ["cfa-paris"]}
    assert result["jaccard"] == pytest.approx(3 / 6)
    assert result["counts"]["o1"] == {"ATTACHED_TO": 1, "CO_MANAGES": 1, "FUNDS": 3}
    assert result["counts"]["o2"] == {"CO_MANAGES": 1, "FUNDS": 4}
    funding = q.compare_actors(ecosystem, "o1", "o2", types=["FUNDS"])
    assert funding["jaccard"] == pytest.approx(2 / 4)


def test_coverage_gaps(ecosystem):
    gaps = q.coverage_gaps(ecosystem)
    assert gaps["regions"] == ["11", "84"]
    assert gaps["regions_without_partner"] == {"o1": ["11"], "o2": []}
    assert gaps["branches_without_opco"] == ["orphan"]
    # other kinds as parameters: training organisations only
    only_of = q.coverage_gaps(ecosystem, partner_kinds=("TRAINING_ORG",))
    assert only_of["regions_without_partner"] == {"o1": ["11"], "o2": ["11", "84"]}


def test_what_if_removing_an_actor(ecosystem):
    result = q.what_if(ecosystem, remove_actor="o1")
    assert result.split_off == [{"metal"}, {"of-lyon"}]
    assert result.disconnected == {"metal", "of-lyon"}
    # before: 8 tied actors (the Régions and the orphan branch stand alone) → 8×7 ordered pairs;
    # after: fc, o2, both CFA and the union remain together → 5×4
    assert (result.reachable_pairs_before, result.reachable_pairs_after) == (56, 20)
    assert result.reachability_change == pytest.approx(-36 / 56)
    assert (result.components_before, result.components_after) == (4, 6)


def test_what_if_removing_a_relationship_type(ecosystem):
    result = q.what_if(ecosystem, remove_type="FUNDS")
    assert {frozenset(p) for p in result.split_off} == {
        frozenset({"fc"}), frozenset({"cfa-lyon"}), frozenset({"cfa-paris"}), frozenset({"of-lyon"})
    }
    assert q.what_if(ecosystem, remove_type="ATTACHED_TO").disconnected == {"metal"}
    with pytest.raises(OpcomapError):
        q.what_if(ecosystem)


def test_metrics_per_layer(ecosystem):
    per_layer = q.layer_metrics(ecosystem, default_schema(), ["degree_in", "pagerank"])
    assert set(per_layer) == {"funding", "governance"}
    assert set(per_layer["governance"].values["degree_in"]) == {"metal", "o1", "union", "o2"}
    assert per_layer["funding"].values["degree_in"]["cfa-lyon"] == 2
    assert per_layer["funding"].method["pagerank"] == "exact"


def test_difference_between_two_dates(ecosystem):
    diff = q.diff_dates(ecosystem, "2020-06-01", "2022-12-31")
    assert diff["added"] == [("o2", "FUNDS", "cfa-lyon")]
    assert diff["removed"] == [("o1", "FUNDS", "of-lyon")]
    assert [c["tie"] for c in diff["changed"]] == [("fc", "FUNDS", "o2")]
    change = diff["changed"][0]
    assert change["before"][0]["amount_eur"] == 80.0 and change["after"][0]["amount_eur"] == 90.0
