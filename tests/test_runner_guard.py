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
    "procedure_stats_collect": "CALL db.stats.collect('QUERIES')",
    "procedure_stats_stop": "CALL db.stats.stop('QUERIES')",
    "procedure_stats_clear": "CALL db.stats.clear('QUERIES')",
    "procedure_replanning": "CALL db.prepareForReplanning()",
    "procedure_resample": "CALL db.resampleOutdatedIndexes()",
    "procedure_in_subquery": "RETURN COLLECT { CALL db.clearQueryCaches() YIELD value RETURN value } AS v",
    "procedure_quoted": "CALL `db`.`clearQueryCaches`()",
    "load_csv_in_list_expression": "RETURN [x IN [1] | COLLECT { LOAD CSV FROM 'file:///x' AS r RETURN r }] AS v",
    "load_csv_in_call": "CALL () { LOAD CSV FROM 'file:///x' AS r RETURN r } RETURN r",
    "load_csv_in_exists": "MATCH (n) WHERE EXISTS { LOAD CSV FROM 'file:///x' AS r RETURN r } RETURN n",
    "load_csv_in_count": "RETURN COUNT { LOAD CSV FROM 'https://example.org/x.csv' AS r RETURN r } AS c",
    "load_csv_hidden_by_comment": "RETURN [x IN [1] | COLLECT { LOAD /* */ CSV FROM 'file:///x' AS r RETURN r }] AS v",
    "show_transactions": "SHOW TRANSACTIONS YIELD currentQuery, parameters, username",
    "show_settings": "SHOW SETTINGS",
    "show_databases": "SHOW DATABASES",
    "show_current_user": "SHOW CURRENT USER",
    "runaway_range": "RETURN reduce(s = 0, x IN range(1, 100000000) | s + x) AS s",
    "runaway_nested_ranges": "RETURN size([x IN range(1, 1000) | size([y IN range(1, 1000) | x * y])]) AS s",
    "runaway_range_hidden": "RETURN reduce(s = [], x IN range(1, toInteger('9' + '0000000')) | s + x) AS s",
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
    assert ["FUNDS"] in runner.run("CALL db.relationshipTypes").rows
    assert ["amount_eur"] in runner.run("CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey").rows
    assert runner.run("CALL db.schema.visualization()").rows
    kinds = runner.run("CALL db.schema.nodeTypeProperties() YIELD nodeType RETURN DISTINCT nodeType")
    assert [":`Actor`:`OPCO`"] in kinds.rows
    indexes = runner.run("SHOW INDEXES YIELD name, type RETURN name, type")
    assert "LOOKUP" in indexes.column("type")  # every database has its token lookup indexes
    assert runner.run("SHOW CONSTRAINTS").columns[:2] == ["id", "name"]
    assert runner.run("SHOW FUNCTIONS YIELD name WHERE name = 'toUpper' RETURN name").rows == [["toUpper"]]


READS = {
    "optional_match": ("MATCH (a:OPCO) OPTIONAL MATCH (a)-[:LOCATED_IN]->(r) RETURN a.id, r.id", [["opco-a", None]]),
    "with_unwind": ("UNWIND range(1, 3) AS i WITH i * 2 AS j WHERE j > 2 RETURN collect(j)", [[[4, 6]]]),
    "call_subquery": ("MATCH (a:OPCO) CALL (a) { MATCH (a)-->(b) RETURN count(b) AS n } RETURN a.id, n",
                      [["opco-a", 1]]),
    "collect_subquery": ("MATCH (a:CFA) RETURN COLLECT { MATCH (a)-[:LOCATED_IN]->(r) RETURN r.id } AS r",
                         [[["reg-53"]]]),
    "count_exists": ("MATCH (a:Actor) WHERE EXISTS { (a)-->() } RETURN a.id, COUNT { (a)--() } AS n ORDER BY a.id",
                     [["cfa-b", 2], ["opco-a", 1]]),
    "shortest_path": ("MATCH (a:OPCO), (r:REGION), p = shortestPath((a)-[*..4]-(r)) RETURN length(p)", [[2]]),
    "functions": ("MATCH (a:Actor {id: 'opco-a'}) RETURN toUpper(a.name), size(keys(a)), a.since.year,"
                  " reduce(s = 0, x IN range(1, 10) | s + x), coalesce(null, 'x'), duration.between(a.since, a.since)",
                  [["OPCO A", 3, 2019, 55, "x", "PT0S"]]),
    "words_in_strings": ("RETURN 'LOAD CSV apoc.load.json() range(1, 99999999)' AS s // CALL dbms.components()",
                         [["LOAD CSV apoc.load.json() range(1, 99999999)"]]),
}


@pytest.mark.parametrize("name", sorted(READS))
def test_ordinary_reads_pass(name, runner):
    text, rows = READS[name]
    assert runner.run(text).rows == rows


def test_escapes_are_refused_with_their_reason(runner):
    with pytest.raises(QueryRefused, match="LOAD CSV"):
        runner.run(WRITES["load_csv_in_list_expression"])
    with pytest.raises(QueryRefused, match="SHOW TRANSACTIONS"):
        runner.run(WRITES["show_transactions"])
    with pytest.raises(QueryRefused, match="la procédure db.stats.collect n'est pas sur la liste"):
        runner.run(WRITES["procedure_stats_collect"])
    with pytest.raises(QueryRefused, match=r"range\(\) doit avoir des bornes numériques"):
        runner.run(WRITES["runaway_range"])


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
        runner.run("MATCH (a), (b), (c), (d), (e), (f), (g), (h), (i), (j), (k), (l), (m), (n), (o), (p), (q), (r), "
                   "(s), (t) WHERE a.id <> t.id RETURN count(*)")  # 3^20 rows: stopped between rows
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
    # Retries bounded by the connection timeout, as the Store configures every driver it opens.
    driver = GraphDatabase.driver("bolt://127.0.0.1:1", auth=("neo4j", "x"), connection_timeout=1,
                                  max_transaction_retry_time=1)
    try:
        with pytest.raises(StoreUnavailable, match="injoignable"):
            ReadOnlyRunner(driver).run("RETURN 1")
    finally:
        driver.close()


def test_row_cap_must_be_positive(db):
    with pytest.raises(ValueError):
        ReadOnlyRunner(db, row_cap=0)
