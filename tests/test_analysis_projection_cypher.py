"""The projection's Cypher text: labels and types only from the schema, values only as parameters."""

from __future__ import annotations

import datetime as dt

import neo4j.time
import pytest

from graph_model.schema import default_schema
from opcomap.analysis.filters import WEAK_CONFIDENCE
from graph_model.errors import SchemaError
from opcomap.store import projection as p
from opcomap.store import statements
from opcomap.analysis.selection import ViewFilters


def test_kinds_and_types_are_schema_names_backtick_quoted():
    schema = default_schema()
    kinds = p.known(("CFA", "OPCO", "NOT_A_KIND"), schema.kinds)
    types = p.known(("FUNDS",), schema.relationship_types)
    assert kinds == ["OPCO", "CFA"]  # schema order; the unknown name never reaches the text
    query = p.ties_query(kinds, types[0], by_ids=False, details=True)
    assert "MATCH (s:Actor)-[r:`FUNDS`]->(t:Actor)" in query
    assert "(s:`OPCO`|`CFA`)" in query and "(t:`OPCO`|`CFA`)" in query
    assert "NOT_A_KIND" not in query
    # the type's properties are read by name from a parameter, never written into the text
    assert "[c IN $columns | r[c]]" in query and "amount_eur" not in query
    assert "[f IN $fields | a[f]]" in p.nodes_query(kinds, types, region=False)


def test_without_details_the_ties_leave_their_note_and_sources_in_neo4j():
    lean = p.ties_query(None, "FUNDS", by_ids=False, details=False)
    full = p.ties_query(None, "FUNDS", by_ids=False, details=True)
    assert "r.note" not in lean and "source_ids" not in lean.split("RETURN")[1]
    assert "r.note, r.source_ids" in full


def test_filter_values_are_parameters_never_text():
    filters = ViewFilters(region="84'; DETACH DELETE n //", dataset="x", as_of=dt.date(2020, 1, 1),
                          include_illustrative=False, include_weak=False)
    query = p.nodes_query(None, None, region=True)
    assert "84" not in query and "$region" in query and "$as_of" in query
    # the weak sources too are a parameter, read with the threshold as a parameter
    assert "$weak_ids" in query and "0.6" not in query and "$weak_below" in statements.WEAK_SOURCES
    assert p.parameters(filters, ["src-a"]) == {"dataset": "x", "as_of": dt.date(2020, 1, 1), "illustrative": False,
                                                "weak": False, "weak_below": WEAK_CONFIDENCE, "weak_ids": ["src-a"],
                                                "region": "84'; DETACH DELETE n //"}


def test_a_name_outside_the_identifier_pattern_is_refused():
    with pytest.raises(SchemaError):
        p.ties_query(["OPCO`) DETACH DELETE (n"], "FUNDS", by_ids=False, details=False)
    with pytest.raises(SchemaError):
        p.ties_query(None, "FUNDS`]->() DETACH DELETE (n", by_ids=False, details=False)


def test_region_with_no_known_type_keeps_only_the_regions_actors():
    query = p.nodes_query(None, [], region=True)
    assert "EXISTS" not in query and "false" in query


def test_edge_attributes_have_the_to_networkx_shape():
    props = {
        "key": "a|FUNDS|b|2020-01-01", "since": neo4j.time.Date(2020, 1, 1), "illustrative": True,
        "source_ids": ["rapport", "src-0123456789", "gone"],
        "dataset": "d", "loaded_at": neo4j.time.DateTime(2024, 1, 1), "content_hash": "h", "amount_eur": 5.0,
    }
    by_id = {
        "rapport": p.source_attributes({"id": "rapport", "title": "Rapport", "url": "https://example.org",
                                        "consulted": neo4j.time.Date(2024, 5, 2), "confidence": 0.8,
                                        "content_hash": 1, "loaded_at": neo4j.time.DateTime(2024, 1, 1)}),
        "src-0123456789": p.source_attributes({"id": "src-0123456789", "title": "Note", "derived": True}),
    }
    assert p.edge_attributes("FUNDS", props, by_id) == {
        "type": "FUNDS", "since": "2020-01-01", "illustrative": True, "amount_eur": 5.0,
        "sources": [{"id": "rapport", "title": "Rapport", "url": "https://example.org", "consulted": "2024-05-02",
                     "confidence": 0.8},
                    {"title": "Note"}],  # an uncurated source has no id; one no node holds is left out
    }
    actor = p.actor_attributes({"id": "a", "name": "A", "since": neo4j.time.Date(2019, 4, 1), "aliases": [],
                                "aliases_text": "", "dataset": "d", "loaded_at": neo4j.time.DateTime(2024, 1, 1)})
    assert actor == {"id": "a", "name": "A", "since": "2019-04-01"}
