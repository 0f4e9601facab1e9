"""The console guard against a server with APOC: what runs Cypher strings, reads files or
URLs, or schedules work is refused, and the named questions still answer.

One server for the module, started with the APOC core plugin (``--with-apoc``).
"""

from __future__ import annotations


import pytest

from graph_model.errors import QueryRefused
from graph_model.schema import default_schema
from loaders import load_dataset
from loaders.bundled import reference_dir
from opcomap.settings import Settings
from opcomap.store import connect
from opcomap.store import local_server as neo4j_server
from opcomap.store.named_queries import load_queries
from opcomap.store.runner import ReadOnlyRunner
from opcomap.store.writer import write_dataset

from tests.conftest import TEST_PASSWORD, own_server

pytestmark = pytest.mark.neo4j

PASSWORD = TEST_PASSWORD


@pytest.fixture(scope="module")
def apoc_settings(tmp_path_factory):
    yield from own_server(tmp_path_factory, "neo4j-apoc-home", with_apoc=True)


@pytest.fixture(scope="module")
def admin(apoc_settings):
    driver = connect(apoc_settings)
    write_dataset(driver, load_dataset([reference_dir()], default_schema()), default_schema(),
                  dataset_name="reference", database=apoc_settings.neo4j_database)
    yield driver
    driver.close()


@pytest.fixture(scope="module")
def runner(admin, apoc_settings):
    return ReadOnlyRunner(admin, apoc_settings.neo4j_database, timeout_s=20, row_cap=1000)


def _admin_read(admin, text: str) -> list[dict]:
    return admin.execute_query(text, database_="neo4j").records


def _counts(admin) -> tuple[int, int]:
    nodes = _admin_read(admin, "MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = _admin_read(admin, "MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, rels


APOC = {
    "when": "CALL apoc.when(true, 'MATCH (n) DETACH DELETE n RETURN 1 AS x', '') YIELD value RETURN value",
    "case": "CALL apoc.case([true, 'MATCH (n) DETACH DELETE n RETURN 1 AS x']) YIELD value RETURN value",
    "do_when": "CALL apoc.do.when(true, 'MATCH (n) DETACH DELETE n', '') YIELD value RETURN value",
    "cypher_run": "CALL apoc.cypher.run('MATCH (n) RETURN count(n) AS n', {}) YIELD value RETURN value",
    "cypher_run_write": "CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) YIELD value RETURN value",
    "cypher_function": "RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) RETURN count(n)', {}) AS n",
    "cypher_function_quoted": "RETURN `apoc`.`cypher`.runFirstColumnMany /* x */ ('MATCH (n) RETURN n', {}) AS n",
    "cypher_function_nested": "MATCH (a:Actor) WHERE COUNT { RETURN apoc.cypher.runFirstColumnSingle('RETURN 1', {}) AS v } > 0 "
                              "RETURN a LIMIT 1",
    "load_json": "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
    "load_xml": "CALL apoc.load.xml('https://example.org/x.xml') YIELD value RETURN value",
    "cypher_timeboxed": "CALL apoc.cypher.runTimeboxed('MATCH (n) RETURN n', {}, 100000) YIELD value RETURN value",
    "cypher_read_only": "CALL apoc.cypher.runManyReadOnly('MATCH (n) RETURN n;', {}) YIELD result RETURN result",
    "load_in_subquery": "RETURN COLLECT { CALL apoc.load.json('https://example.org/x.json') YIELD value RETURN value } AS v",
    "periodic_submit": "CALL apoc.periodic.submit('pirate', 'MATCH (n) DETACH DELETE n') YIELD name RETURN name",
    "periodic_repeat": "CALL apoc.periodic.repeat('pirate', 'MATCH (n) RETURN count(n)', 1) YIELD name RETURN name",
    "periodic_iterate": "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {}) YIELD batches RETURN batches",
    "sleep": "CALL apoc.util.sleep(60000)",
    "export": "CALL apoc.export.csv.all('dump.csv', {}) YIELD file RETURN file",
    "text_function": "RETURN apoc.text.join(['a', 'b'], ',') AS s",
}


@pytest.mark.parametrize("name", sorted(APOC))
def test_apoc_is_refused_and_nothing_changes(name, runner, admin):
    before = _counts(admin)
    with pytest.raises(QueryRefused) as caught:
        runner.run(APOC[name])
    assert str(caught.value).startswith("Requête refusée")
    assert "apoc." in str(caught.value)  # the refused procedure or function is named
    assert _counts(admin) == before
    assert _admin_read(admin, "CALL apoc.periodic.list() YIELD name RETURN name") == []
    # The connection is still good: the next query answers.
    assert runner.run("RETURN 1 AS one").rows == [[1]]


def test_refusal_names_the_function_and_the_procedure(runner):
    with pytest.raises(QueryRefused, match="apoc.cypher.runFirstColumnSingle n'est pas une fonction de Cypher"):
        runner.run(APOC["cypher_function"])
    with pytest.raises(QueryRefused, match="la procédure apoc.when n'est pas sur la liste"):
        runner.run(APOC["when"])


def test_every_named_question_still_answers(runner):
    queries = load_queries()
    assert queries
    for query in queries.values():
        for example in query.examples or ("",):
            values = dict(pair.split("=", 1) for pair in example.split() if "=" in pair)
            result = runner.run_named(query, values)
            assert result.columns, query.name
    found = runner.run_named(queries["search_actors"], {"term": "france"})
    assert "france-competences" in found.column("actor_id")


def test_apoc_jars_come_and_go_with_the_option_and_other_plugins_stay(tmp_path):
    settings = Settings(neo4j_uri="bolt://127.0.0.1:7999", opcomap_cache_dir=tmp_path / "cache",
                        opcomap_data_dir=tmp_path / "data")
    server = neo4j_server.LocalServer(settings)
    server.apoc_dir.mkdir(parents=True)
    (server.apoc_dir / "apoc-core-x.jar").write_bytes(b"jar")
    (server.apoc_dir.parent / "COMPLETE").write_text("x", encoding="utf-8")  # the download is cached
    plugins = server.home / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "mine.jar").write_bytes(b"mine")
    neo4j_server.install_plugins(server, with_apoc=True)
    assert sorted(p.name for p in plugins.iterdir()) == ["apoc-core-x.jar", "mine.jar"]
    assert "dbms.security.procedures.unrestricted=apoc.*" in neo4j_server.write_config(server, True).read_text(encoding="utf-8")
    neo4j_server.install_plugins(server, with_apoc=False)
    assert sorted(p.name for p in plugins.iterdir()) == ["mine.jar"]
    assert "procedures.unrestricted" not in neo4j_server.write_config(server, False).read_text(encoding="utf-8")
