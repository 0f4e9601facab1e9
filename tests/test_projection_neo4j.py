"""The Neo4j projection gives exactly the file graph, for every server-side filter.

A small hand-made map is written with the store's writer, projected back with
filters, and compared with ``apply_filters(to_networkx(dataset))``.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph_model.graph import to_networkx
from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.schema import default_schema
from opcomap.analysis.filters import apply_filters
from opcomap.store.projection import latest_load, project
from opcomap.store.writer import write_dataset
from opcomap.analysis.selection import ViewFilters

pytestmark = pytest.mark.neo4j

D = dt.date


def small_map() -> Dataset:
    """Two Régions, a national body, two OPCO, CFA, a branch and ties with dates and sources."""
    actors = [
        Actor(id="etat", name="État", kind="PUBLIC_INSTITUTION", aliases=["L'État", "Gouvernement"]),
        Actor(id="fc", name="France compétences", kind="PUBLIC_INSTITUTION", since=D(2019, 1, 1)),
        Actor(id="opco-a", name="OPCO A", kind="OPCO", since=D(2019, 4, 1), sectors=["industrie"]),
        Actor(id="opco-b", name="OPCO B", kind="OPCO", since=D(2019, 4, 1)),
        Actor(id="opca-x", name="OPCA X", kind="OPCA", until=D(2019, 3, 31)),
        Actor(id="ara", name="Auvergne-Rhône-Alpes", kind="REGION", region_code="84"),
        Actor(id="idf", name="Île-de-France", kind="REGION", region_code="11"),
        Actor(id="cfa-lyon", name="CFA Lyon", kind="CFA", region_code="84"),
        Actor(id="cfa-paris", name="CFA Paris", kind="CFA", region_code="11"),
        Actor(id="branche-metal", name="Métallurgie", kind="BRANCH", idcc="3248"),
    ]
    src = Source(title="Rapport", url="https://example.org/r", publisher="DARES",
                 consulted=D(2024, 5, 2), confidence=0.8)
    bare = Source(title="Note interne")
    copy = Source(title="Copie de l'accord", publisher="Docplayer (copie)", confidence=0.5)  # a weak source
    rels = [
        Relationship(source="etat", target="fc", type="FUNDS", since=D(2019, 1, 1), sources=[src, bare],
                     properties={"amount_eur": 1.5e9, "year": 2023}),
        Relationship(source="fc", target="opco-a", type="FUNDS", since=D(2019, 4, 1),
                     properties={"amount_eur": 2.0e8, "scheme": "alternance"}),
        Relationship(source="fc", target="opco-b", type="FUNDS", since=D(2019, 4, 1), until=D(2021, 12, 31),
                     sources=[copy, bare]),  # an unrated source: not weak
        Relationship(source="opco-a", target="cfa-lyon", type="FUNDS", since=D(2020, 1, 1), note="NPEC",
                     sources=[copy]),  # weak: OPCO A's only tie to Lyon
        Relationship(source="opco-b", target="cfa-paris", type="FUNDS", illustrative=True),
        Relationship(source="opco-a", target="opco-b", type="PARTNERS_WITH", properties={"scope": "GPEC"}),
        Relationship(source="branche-metal", target="opco-a", type="ATTACHED_TO", since=D(2019, 4, 1),
                     sources=[copy, src]),  # one good source: not weak
        Relationship(source="branche-metal", target="opca-x", type="ATTACHED_TO", until=D(2019, 3, 31)),
        Relationship(source="cfa-lyon", target="ara", type="LOCATED_IN"),
        Relationship(source="cfa-paris", target="idf", type="LOCATED_IN"),
        Relationship(source="opca-x", target="opco-a", type="SUCCEEDED_BY", since=D(2019, 4, 1)),
    ]
    return Dataset(actors=actors, relationships=rels)


def snapshot(graph: nx.MultiDiGraph) -> tuple[list, list]:
    nodes = sorted((n, sorted(a.items())) for n, a in graph.nodes(data=True))
    edges = sorted((u, v, k, sorted(map(repr, a.items()))) for u, v, k, a in graph.edges(keys=True, data=True))
    return nodes, edges


@pytest.fixture
def loaded(empty_db, neo4j_settings):
    neo4j_driver = empty_db
    database = neo4j_settings.neo4j_database
    schema = default_schema()
    dataset = small_map()
    write_dataset(neo4j_driver, dataset, schema, dataset_name="test", database=database)
    return neo4j_driver, database, schema, to_networkx(dataset)


FILTERS = [
    ViewFilters(),
    ViewFilters(kinds=("OPCO", "CFA")),
    ViewFilters(types=("FUNDS", "PARTNERS_WITH")),
    ViewFilters(as_of=D(2018, 6, 1)),
    ViewFilters(as_of=D(2022, 6, 1)),
    ViewFilters(include_illustrative=False),
    ViewFilters(include_weak=False),
    ViewFilters(region="84"),
    ViewFilters(region="84", include_weak=False),
    ViewFilters(region="11", types=("FUNDS", "LOCATED_IN"), include_illustrative=False),
    ViewFilters(dataset="test", kinds=("OPCO", "PUBLIC_INSTITUTION", "CFA"), as_of=D(2020, 6, 1)),
    ViewFilters(opco="opco-a"),
    ViewFilters(focus="etat", depth=2),
    # anchors the kinds, the Région or the other anchor would leave out stay in the view
    ViewFilters(opco="opco-a", region="84", kinds=("CFA",)),
    ViewFilters(focus="opco-b", kinds=("CFA",), include_illustrative=False),
    ViewFilters(opco="opco-a", focus="cfa-paris", region="11", kinds=("CFA", "REGION")),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe())
def test_projection_equals_the_file_graph_with_the_same_filters(loaded, filters):
    driver, database, schema, file_graph = loaded
    projected = project(driver, database, schema, filters)
    expected = apply_filters(file_graph, filters, schema)
    assert snapshot(projected) == snapshot(expected)


def test_weak_ties_are_left_out_server_side(loaded):
    driver, database, schema, _ = loaded
    kept = project(driver, database, schema, ViewFilters(include_weak=False))
    assert not kept.has_edge("opco-a", "cfa-lyon")  # its only source is below the threshold
    assert kept.has_edge("fc", "opco-b") and kept.has_edge("branche-metal", "opco-a")
    assert "opco-a" not in project(driver, database, schema, ViewFilters(region="84", include_weak=False))


def test_sources_are_rebuilt_as_dicts_with_typed_values(loaded):
    driver, database, schema, _ = loaded
    graph = project(driver, database, schema)
    funding = graph.edges["etat", "fc", "etat|FUNDS|fc|2019-01-01"]
    assert funding["sources"] == [
        {"title": "Rapport", "url": "https://example.org/r", "publisher": "DARES",
         "consulted": "2024-05-02", "confidence": 0.8},
        {"title": "Note interne"},
    ]
    assert funding["amount_eur"] == 1.5e9 and funding["since"] == "2019-01-01"
    assert graph.nodes["etat"]["aliases"] == ["L'État", "Gouvernement"]
    assert "dataset" not in graph.nodes["etat"] and "loaded_at" not in funding


def test_unknown_kind_or_type_selects_nothing(loaded):
    driver, database, schema, _ = loaded
    assert project(driver, database, schema, ViewFilters(kinds=("NOT_A_KIND",))).number_of_nodes() == 0
    only_actors = project(driver, database, schema, ViewFilters(types=("NOT_A_TYPE",)))
    assert only_actors.number_of_nodes() == 10 and only_actors.number_of_edges() == 0


def test_other_dataset_is_left_out(loaded):
    driver, database, schema, _ = loaded
    assert project(driver, database, schema, ViewFilters(dataset="other")).number_of_nodes() == 0


def test_latest_load_is_the_write_time(loaded):
    driver, database, _, _ = loaded
    at = latest_load(driver, database)
    assert at is not None and abs((dt.datetime.now(dt.UTC) - at).total_seconds()) < 600


def test_the_weak_rule_reads_the_source_nodes_and_the_projection_no_repeated_source_fields(loaded):
    """A tie stores only its source ids: the weak rule follows the Source node, so a source
    re-rated by another load changes every tie citing it, and the sources come back from
    one read, shared by the ties that cite them."""
    driver, database, schema, _ = loaded
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() UNWIND keys(r) AS k WITH k WHERE k STARTS WITH 'source' RETURN collect(DISTINCT k) AS k",
        database_=database)
    assert records[0]["k"] == ["source_ids"]
    copy = Source(title="Copie de l'accord", publisher="Docplayer (copie)", confidence=0.5)
    driver.execute_query("MATCH (s:Source {id: $id}) SET s.confidence = 0.9", id=copy.key, database_=database)
    assert project(driver, database, schema, ViewFilters(include_weak=False)).has_edge("opco-a", "cfa-lyon")
    driver.execute_query("MATCH (s:Source {id: $id}) SET s.confidence = 0.59", id=copy.key, database_=database)
    graph = project(driver, database, schema, ViewFilters(include_weak=False))
    assert not graph.has_edge("opco-a", "cfa-lyon")
    everything = project(driver, database, schema)
    cited = [s for *_, a in everything.edges(data=True) for s in a["sources"] if s["title"] == copy.title]
    assert len(cited) == 3 and all(s is cited[0] for s in cited) and cited[0]["confidence"] == 0.59
