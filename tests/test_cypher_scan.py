"""What the guard's lexer finds a query calls: code counts, strings and comments do not."""

from __future__ import annotations

import pytest

from opcomap.store.cypher_scan import calls, range_sizes


def test_function_calls_are_found_however_they_are_written():
    found = calls("RETURN `apoc`.cypher . `runFirstColumnSingle` /* x */ ('MATCH (n) RETURN n', {}) AS x, toUpper('a')")
    assert found.functions == {"apoc.cypher.runFirstColumnSingle", "toUpper"}
    assert not found.procedures and not found.load_csv


def test_a_name_is_never_cut_in_two():
    found = calls("RETURN evil\u0301toUpper('a'), é.toUpper('b'), x\u200btoLower('c')")
    assert found.functions == {"evil\u0301toUpper", "é.toUpper", "x\u200btoLower"}
    assert calls("MATCH (a)\u2014(b) RETURN a").functions == set()  # a dash Cypher reads as "-"


def test_procedures_are_found_with_or_without_parentheses_and_nested():
    assert calls("CALL db.labels").procedures == {"db.labels"}
    nested = calls("RETURN COLLECT { CALL apoc.load.json('x') YIELD value RETURN value } AS v")
    assert nested.procedures == {"apoc.load.json"} and not nested.functions


def test_subqueries_clauses_and_patterns_are_not_calls():
    found = calls(
        "MATCH (a)-[r]->(b) WHERE EXISTS { (a)--() } AND NOT (a)-->(b) "
        "CALL (a) { RETURN 1 AS o } CALL { RETURN 2 AS p } "
        "MATCH p = shortestPath((a)-[*]-(b)) RETURN count(*), COUNT { (a)--() }"
    )
    assert found.functions == {"count"} and found.procedures == set()


@pytest.mark.parametrize("text", [
    "RETURN [x IN [1] | COLLECT { LOAD CSV FROM 'file:///x' AS r RETURN r }]",
    "RETURN COUNT { load /* hidden */ csv FROM 'https://example.org' AS r RETURN r }",
    "RETURN 1 // comment\u2028LOAD CSV FROM 'file:///x' AS r RETURN r",
])
def test_load_csv_is_found_at_any_nesting(text):
    assert calls(text).load_csv


def test_words_in_strings_comments_and_names_are_not_code():
    found = calls(
        "RETURN 'LOAD CSV apoc.load.json()' AS `CALL dbms.x()`, \"it\\'s apoc.x()\" // CALL dbms.y()\n"
        "/* apoc.cypher.run() */ AS s"
    )
    assert (found.functions, found.procedures, found.load_csv) == (set(), set(), False)


def test_range_sizes_from_literal_bounds_only():
    assert range_sizes("RETURN range(1, 10), range(10, 1, -1), range(0, 100, 10)") == [10, 10, 11]
    assert range_sizes("RETURN range(1, $n), range(0, size([1]))") == [None, None]
    assert range_sizes("RETURN 'range(1, 99999999)'") == []
