"""The console guard, against a real Neo4j: it reads, and refuses every kind of write."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase

from graph_model.errors import QueryFailed, QueryRefused, StoreUnavailable
from opcomap.store.runner import ReadOnlyRunner

pytestmark = pytest.mark.neo4j

SMALL_GRAPH = """
CREATE (a:Actor:OPCO {id: 'opco-a', name: 'OPCO A', since: date('2019-04-01')})
CREATE (b:Actor:CFA {id: 'cfa-b', name: 'CFA B', region_code: '53'})
CREATE (c:Actor:REGION {id: 'reg-53', name: 'Bretagne', region_code: '53'})
CREATE (a)-[:FUNDS {key: 'opco-a|FUNDS|cfa-b|', amount_eur: 1200.5, year: 2024, source_ids: ['rapport']}]->(b)
CREATE (b)-[:LOCATED_IN {key: 'cfa-b|LOCATED_IN|reg-53|'}]->(c)
"""


def empty_database(driver, database: str) -> None:
    # conftest's empty_db runs CALL … IN TRANSACTIONS through execute_query (an explicit
    # transaction), which Neo4j rejects; an auto-commit session.run does the same job.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def db(neo4j_driver, neo4j_settings):
    empty_database(neo4j_driver, neo4j_settings.neo4j_database)
    neo4j_driver.execute_query(SMALL_GRAPH, database_=neo4j_settings.neo4j_database)
    return neo4j_driver


@pytest.fixture
def runner(db, neo4j_settings):
    return ReadOnlyRunner(db, neo4j_settings.neo4j_database, timeout_s=5, row_cap=100)


def counts(driver, database) -> tuple[int, int, int, set[str]]:
    """Nodes, relationships, indexes and labels: everything a write could change."""
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database).records[0]["n"]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n", database_=database).records[0]["n"]
    indexes = driver.execute_query("SHOW INDEXES YIELD name RETURN count(*) AS n", database_=database).records[0]["n"]
    props = driver.execute_query(
        "MATCH (n) UNWIND keys(n) AS k RETURN collect(DISTINCT n.id + '.' + k) AS p", database_=database
    ).records[0]["p"]
    return nodes, rels, indexes, set(props)


WRITES = {
    "create": "CREATE (n:Actor {id: 'intrus'})",
    "create_returning": "CREATE (n:Actor {id: 'intrus'}) RETURN n",
    "merge": "MERGE (n:Actor {id: 'intrus'}) RETURN n",
    "delete": "MATCH (n) DETACH DELETE n",
    "delete_relationship": "MATCH ()-[r]->() DELETE r",
    "set": "MATCH (n:Actor) SET n.name = 'piraté'",
    "set_label": "MATCH (n:Actor) SET n:Pirate",
    "remove": "MATCH (n:Actor) REMOVE n.name",
    "foreach": "FOREACH (i IN range(1, 3) | CREATE (:Actor {id: 'x' + i}))",
    "subquery_write": "CALL () { CREATE (n:Actor {id: 'intrus'}) } RETURN 1",
    "load_csv_write": "LOAD CSV FROM 'file:///etc/passwd' AS line CREATE (:Actor {id: line[0]})",
    "load_csv_read": "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "in_transactions": "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "in_transactions_read": "MATCH (n) CALL (n) { RETURN n.id AS i } IN TRANSACTIONS RETURN i",
    "create_index": "CREATE INDEX pirate FOR (n:Actor) ON (n.name)",
    "drop_index": "DROP INDEX actor_names IF EXISTS",
    "create_constraint": "CREATE CONSTRAINT pirate FOR (n:Actor) REQUIRE n.name IS UNIQUE",
    "show_users": "SHOW USERS",
    "create_user": "CREATE USER pirate SET PASSWORD 'motdepasse-secret'",
    "alter_user": "ALTER USER neo4j SET PASSWORD 'motdepasse-secret'",
    "stop_database": "STOP DATABASE neo4j",
    "create_database": "CREATE DATABASE pirate",
    "terminate": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "procedure_write": "CALL db.createLabel('Pirate')",
    "procedure_dbms": "CALL dbms.components()",
    "procedure_clear_caches": "CALL db.clearQueryCaches()",
    "multi_statement": "MATCH (n) RETURN n; MATCH (n) DETACH DELETE n",
    "hidden_after_comment": "// lecture\nMATCH (n) /* rien */ SET n.x = 1",
    "profile": "PROFILE MATCH (n) DETACH DELETE n",
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_each_kind_of_write_is_refused_and_changes_nothing(name, runner, db, neo4j_settings):
    before = counts(db, neo4j_settings.neo4j_database)
    with pytest.raises(QueryRefused) as caught:
        runner.run(WRITES[name])
    message = str(caught.value)
    assert message.startswith("Requête refusée")
    assert "\n" not in message, "one clear sentence"
    assert counts(db, neo4j_settings.neo4j_database) == before


def test_refusal_explains_why(runner):
    with pytest.raises(QueryRefused, match="écrit dans le graphe"):
        runner.run("CREATE (n)")
    with pytest.raises(QueryRefused, match="une seule instruction"):
        runner.run("RETURN 1; RETURN 2")
    with pytest.raises(QueryRefused, match="LOAD CSV"):
        runner.run("LOAD CSV FROM 'file:///x.csv' AS l RETURN l")


def test_reads_come_back_as_a_table_with_nodes_and_relationships(runner):
    result = runner.run(
        "MATCH p = (a:OPCO)-[f:FUNDS]->(b)-[:LOCATED_IN]->(r) "
        "RETURN a.name AS opco, f.amount_eur AS amount, a.since AS since, [b] AS cfas, p"
    )
    assert result.columns == ["opco", "amount", "since", "cfas", "p"]
    opco, amount, since, cfas, path = result.rows[0]
    assert (opco, amount, since) == ("OPCO A", 1200.5, "2019-04-01")  # dates as ISO text
    assert cfas[0]["name"] == "CFA B" and cfas[0]["_labels"] == ["Actor", "CFA"]
    assert [n["id"] for n in path["_nodes"]] == ["opco-a", "cfa-b", "reg-53"]
    assert [r["_type"] for r in path["_relationships"]] == ["FUNDS", "LOCATED_IN"]
    # Nodes and relationships found inside lists and paths, for drawing.
    assert sorted(n.actor_id for n in result.nodes.values()) == ["cfa-b", "opco-a", "reg-53"]
    assert {n.kind for n in result.nodes.values()} == {"OPCO", "CFA", "REGION"}
    rels = {r.type: r for r in result.relationships.values()}
    assert set(rels) == {"FUNDS", "LOCATED_IN"}
    assert result.nodes[rels["FUNDS"].start].actor_id == "opco-a"
    assert result.nodes[rels["FUNDS"].end].actor_id == "cfa-b"
    assert result.records()[0]["opco"] == "OPCO A"
    assert not result.truncated and result.elapsed_ms > 0


def test_read_procedures_and_show_commands_are_allowed(runner):
    assert ["Actor"] in runner.run("CALL db.labels()").rows
    indexes = runner.run("SHOW INDEXES YIELD name, type RETURN name, type")
    assert "LOOKUP" in indexes.column("type")  # every database has its token lookup indexes


def test_row_cap_truncates_and_says_so(db, neo4j_settings):
    runner = ReadOnlyRunner(db, neo4j_settings.neo4j_database, timeout_s=5, row_cap=10)
    result = runner.run("UNWIND range(1, 1000) AS i RETURN i")
    assert result.truncated and result.row_cap == 10
    assert result.column("i") == list(range(1, 11))
    exact = runner.run("UNWIND range(1, 10) AS i RETURN i")
    assert not exact.truncated and len(exact.rows) == 10


def test_a_query_past_the_timeout_is_stopped_with_a_clear_message(db, neo4j_settings):
    runner = ReadOnlyRunner(db, neo4j_settings.neo4j_database, timeout_s=1, row_cap=10)
    with pytest.raises(QueryFailed, match=r"La requête a dépassé 1 s et a été arrêtée"):
        runner.run("UNWIND range(1, 100000000) AS a UNWIND range(1, 100000000) AS b RETURN count(*)")
    # The server is free again: the next query answers.
    assert runner.run("RETURN 1 AS one").rows == [[1]]


def test_syntax_error_is_one_sentence_with_neo4j_first_line(runner):
    with pytest.raises(QueryFailed) as caught:
        runner.run("MATCH (n RETURN n")
    message = str(caught.value)
    assert message.startswith("Syntaxe Cypher invalide : Invalid input")
    assert "\n" not in message


def test_missing_parameter_is_named(runner):
    with pytest.raises(QueryFailed, match="Paramètre manquant : actor_id"):
        runner.run("MATCH (a:Actor {id: $actor_id}) RETURN a")


def test_empty_query_is_refused_politely(runner):
    with pytest.raises(QueryFailed, match="vide"):
        runner.run("   ")


INJECTIONS = [
    "x' OR 1=1 //",
    "}) DETACH DELETE n //",
    "opco-a'}) MATCH (m) DETACH DELETE m //",
    "opco-a\" OR true //",
    "$actor_id",
    "opco-a; MATCH (n) DETACH DELETE n",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_through_parameters_returns_nothing_and_changes_nothing(value, runner, db, neo4j_settings):
    before = counts(db, neo4j_settings.neo4j_database)
    result = runner.run("MATCH (a:Actor {id: $actor_id})-[r]-(b) RETURN a.id, type(r), b.id", {"actor_id": value})
    assert result.rows == []
    assert counts(db, neo4j_settings.neo4j_database) == before
    assert runner.run("MATCH (a:Actor {id: $actor_id}) RETURN a.id", {"actor_id": "opco-a"}).rows == [["opco-a"]]


def test_unreachable_server_is_store_unavailable():
    driver = GraphDatabase.driver("bolt://127.0.0.1:1", auth=("neo4j", "x"), connection_timeout=1)
    try:
        with pytest.raises(StoreUnavailable, match="injoignable"):
            ReadOnlyRunner(driver).run("RETURN 1")
    finally:
        driver.close()


def test_row_cap_must_be_positive(db):
    with pytest.raises(ValueError):
        ReadOnlyRunner(db, row_cap=0)
