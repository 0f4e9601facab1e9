"""The foundation: a real Neo4j answers, keeps what we write, and refuses a wrong password."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from graph_model.errors import StoreUnavailable
from opcomap.store import connect, server_info

pytestmark = pytest.mark.neo4j


def test_write_then_read_back(empty_db, neo4j_settings):
    empty_db.execute_query(
        "CREATE (:Actor {id: $id, name: $name})", id="opco-atlas", name="OPCO Atlas",
        database_=neo4j_settings.neo4j_database,
    )
    records, _, _ = empty_db.execute_query(
        "MATCH (a:Actor {id: $id}) RETURN a.name AS name", id="opco-atlas",
        database_=neo4j_settings.neo4j_database,
    )
    assert [r["name"] for r in records] == ["OPCO Atlas"]


def test_server_is_neo4j_5_26(neo4j_driver):
    info = server_info(neo4j_driver)
    assert info["version"].startswith("5.26")


def test_wrong_password_is_refused_with_a_sentence(neo4j_settings):
    wrong = neo4j_settings.model_copy(update={"neo4j_password": SecretStr("not-the-password")})
    with pytest.raises(StoreUnavailable) as info:
        connect(wrong)
    assert "mot de passe" in str(info.value)
    assert "not-the-password" not in str(info.value)


def test_unreachable_server_is_one_sentence(neo4j_settings):
    gone = neo4j_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1", "neo4j_connect_timeout": 1.0})
    with pytest.raises(StoreUnavailable) as info:
        connect(gone)
    assert "injoignable" in str(info.value)
