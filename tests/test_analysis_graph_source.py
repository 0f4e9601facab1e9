"""open_graph: --data files, else Neo4j, else the bundled map; the same filters everywhere."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest
from pydantic import SecretStr

from graph_model.schema import default_schema
from graph_model.errors import StoreUnavailable, ValidationFailed
from opcomap.store.graph_source import data_date, open_graph
from opcomap.settings import Settings
from opcomap.analysis.selection import ViewFilters

ACTORS = "id,name,kind,region_code\no1,OPCO Un,OPCO,\ncfa,CFA Lyon,CFA,84\ncfa2,CFA Paris,CFA,11\n"
RELATIONSHIPS = "source,target,type,illustrative,source_title\no1,cfa,FUNDS,false,Budget\no1,cfa2,FUNDS,true,Budget\n"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(RELATIONSHIPS, encoding="utf-8")
    return tmp_path


def embedded() -> Settings:
    return Settings(neo4j_uri=None, _env_file=None)


def test_data_files_win_and_filters_apply(files):
    graph = open_graph(embedded(), default_schema(), [files], ViewFilters(include_illustrative=False))
    assert set(graph) == {"o1", "cfa", "cfa2"} and graph.number_of_edges() == 1
    assert set(open_graph(embedded(), default_schema(), [files], ViewFilters(region="84"))) == {"o1", "cfa"}


def test_files_are_reread_when_they_change_and_callers_cannot_change_a_shared_graph(files):
    first = open_graph(embedded(), default_schema(), [files])
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        first.remove_node("o1")  # would leak into the next call
    assert "o1" in open_graph(embedded(), default_schema(), [files])
    with (files / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("o2,OPCO Deux,OPCO,\n")
    assert "o2" in open_graph(embedded(), default_schema(), [files])


def test_unchanged_files_give_the_same_frozen_graph_and_a_rewrite_a_new_one(files):
    whole = open_graph(embedded(), default_schema(), [files])
    assert open_graph(embedded(), default_schema(), [files]) is whole  # read once, held once
    assert nx.is_frozen(whole)
    region = open_graph(embedded(), default_schema(), [files], ViewFilters(region="84"))
    assert nx.is_frozen(region) and nx.is_frozen(whole)
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        region.add_node("x")
    # Same size, same second: only the nanoseconds of the time tell the rewrite apart.
    text = (files / "actors.csv").read_text(encoding="utf-8")
    stat = (files / "actors.csv").stat()
    (files / "actors.csv").write_text(text.replace("CFA Lyon", "CFA Lyom"), encoding="utf-8")
    os.utime(files / "actors.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    again = open_graph(embedded(), default_schema(), [files])
    assert again is not whole and again.nodes["cfa"]["name"] == "CFA Lyom"


def test_invalid_files_list_every_problem(files):
    (files / "relationships.csv").write_text("source,target,type\no1,ghost,FUNDS\ncfa,o1,NOPE\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        open_graph(embedded(), default_schema(), [files])
    assert len(caught.value.problems) >= 2


def test_bundled_map_without_data_nor_neo4j():
    graph = open_graph(embedded(), default_schema())
    assert graph.number_of_nodes() > 100
    assert {kind for _, kind in graph.nodes(data="kind")} >= {"OPCO", "REGION", "CFA"}
    assert data_date(embedded()) is not None


def test_data_date_of_files(files):
    stamp = data_date(embedded(), [files])
    assert abs(stamp.timestamp() - os.path.getmtime(files / "relationships.csv")) < 1


def test_unreachable_neo4j_is_one_clear_error():
    settings = Settings(neo4j_uri="bolt://127.0.0.1:1", neo4j_password=SecretStr("x"),
                        neo4j_connect_timeout=1.0, _env_file=None)
    with pytest.raises(StoreUnavailable, match="injoignable"):
        open_graph(settings, default_schema())


@pytest.mark.neo4j
def test_neo4j_when_configured_with_an_injected_driver(empty_db, neo4j_settings, files):
    from loaders import load_dataset
    from opcomap.store.writer import write_dataset

    neo4j_driver = empty_db
    database = neo4j_settings.neo4j_database
    write_dataset(neo4j_driver, load_dataset([files], default_schema()), default_schema(),
                  dataset_name="gs", database=database)
    graph = open_graph(neo4j_settings, default_schema(), None, ViewFilters(include_illustrative=False),
                       driver=neo4j_driver)
    assert set(graph) == {"o1", "cfa", "cfa2"} and list(graph.edges()) == [("o1", "cfa")]
    # --data still wins over a configured Neo4j
    assert open_graph(neo4j_settings, default_schema(), [files], driver=neo4j_driver).number_of_edges() == 2
    assert data_date(neo4j_settings, driver=neo4j_driver) is not None
