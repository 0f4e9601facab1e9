"""The console as its own Neo4j user (NEO4J_CONSOLE_USER), against the real server.

Community has users but no roles: these tests check who the console's queries run as,
as the server itself reports it (SHOW TRANSACTIONS from the admin's session), not what
a reader may see, which only Enterprise and Aura enforce.
"""

from __future__ import annotations

import pytest

from opcomap.cli.common import ExitCode
from opcomap.store import runner as runner_module
from tests.cli_runner import cli, one_sentence  # noqa: F401 (cli: the fixture)

pytestmark = pytest.mark.neo4j

CONSOLE_USER = "opcomap_console_test"
CONSOLE_PASSWORD = "lecteur-de-test"
# The console's transactions, as the server lists them to its administrator.
CONSOLE_TRANSACTIONS = "SHOW TRANSACTIONS YIELD username, metaData WHERE metaData.app = 'opcomap' RETURN username"


@pytest.fixture
def server(neo4j_driver, neo4j_settings):
    """Connection variables of the test server, where the console's user exists (dropped after)."""
    neo4j_driver.execute_query(f"CREATE OR REPLACE USER {CONSOLE_USER} SET PASSWORD $password CHANGE NOT REQUIRED",
                               password=CONSOLE_PASSWORD, database_="system")
    yield {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": neo4j_settings.neo4j_database,
    }
    neo4j_driver.execute_query(f"DROP USER {CONSOLE_USER} IF EXISTS", database_="system")


@pytest.fixture
def users_seen(monkeypatch, neo4j_driver, neo4j_settings) -> list[str]:
    """Who the server says runs the console's query, asked while its transaction is still open
    (the runner turns the rows into plain values before it commits)."""
    seen: list[str] = []
    plain = runner_module._scalar

    def asking_the_server(value):
        if not seen:
            records = neo4j_driver.execute_query(CONSOLE_TRANSACTIONS, database_=neo4j_settings.neo4j_database).records
            seen.extend(record["username"] for record in records)
        return plain(value)

    monkeypatch.setattr(runner_module, "_scalar", asking_the_server)
    return seen


def test_with_a_console_user_the_cypher_command_runs_as_that_user(cli, server, users_seen):
    code, out, _ = cli("cypher", "RETURN 'lu' AS ok", "--format", "json",
                       NEO4J_CONSOLE_USER=CONSOLE_USER, NEO4J_CONSOLE_PASSWORD=CONSOLE_PASSWORD, **server)
    assert code == 0 and '"ok": "lu"' in out
    assert users_seen == [CONSOLE_USER]


def test_without_a_console_user_the_console_runs_as_neo4j_user_as_before(cli, server, users_seen):
    code, out, _ = cli("cypher", "RETURN 'lu' AS ok", "--format", "json", **server)
    assert code == 0 and '"ok": "lu"' in out
    assert users_seen == [server["NEO4J_USER"]]


def test_the_guard_still_refuses_a_write_for_the_console_user(cli, server):
    code, out, err = cli("cypher", "CREATE (n:Intrus) RETURN n",
                         NEO4J_CONSOLE_USER=CONSOLE_USER, NEO4J_CONSOLE_PASSWORD=CONSOLE_PASSWORD, **server)
    assert code != 0 and out == ""
    assert "écrit dans le graphe" in one_sentence(err)


def test_a_wrong_console_password_names_the_setting_and_exits_non_zero(cli, server):
    code, out, err = cli("cypher", "RETURN 1 AS n",
                         NEO4J_CONSOLE_USER=CONSOLE_USER, NEO4J_CONSOLE_PASSWORD="pas-le-bon-mot", **server)
    message = one_sentence(err)
    assert code == ExitCode.UNREACHABLE and out == ""
    assert "NEO4J_CONSOLE_USER" in message and "NEO4J_CONSOLE_PASSWORD" in message
    assert "pas-le-bon-mot" not in message and "Traceback" not in err
