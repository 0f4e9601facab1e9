"""A shared link reopens the same view: filters survive the trip through the URL."""

from __future__ import annotations

import datetime as dt

import pytest

from graph_model.schema import default_schema
from opcomap.ui.urlstate import from_query_params, merge_params, to_query_params
from opcomap.analysis.selection import ViewFilters

VIEWS = [
    ViewFilters(),
    ViewFilters(kinds=("OPCO",)),
    ViewFilters(kinds=("OPCO", "CFA"), types=("FUNDS", "CO_MANAGES")),
    ViewFilters(region="53", include_illustrative=False),
    ViewFilters(include_weak=False),
    ViewFilters(kinds=("BRANCH", "OPCO"), include_illustrative=False, include_weak=False),
    ViewFilters(opco="opco-akto", as_of=dt.date(2024, 1, 1)),
    ViewFilters(focus="france-competences", depth=3, dataset="reference"),
    ViewFilters(focus="opco-2i", depth=1, kinds=(), types=()),
]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.describe())
def test_every_view_round_trips_through_the_url(view):
    params = to_query_params(view)
    assert all(isinstance(v, str) for v in params.values())
    back, notes = from_query_params(params, default_schema())
    assert back == view
    assert notes == []


def test_the_whole_map_has_a_clean_url():
    assert to_query_params(ViewFilters()) == {}


def test_mangled_values_are_dropped_one_by_one_with_a_note():
    params = {"kinds": "OPCO,OPCOO", "types": "FUNDS", "as_of": "2024-02-30", "depth": "9",
              "illustrative": "peut-être", "weak": "bof", "region": "84"}
    view, notes = from_query_params(params, default_schema())
    assert view.kinds == ("OPCO",)
    assert view.types == ("FUNDS",)
    assert view.region == "84"
    assert view.as_of is None and view.depth == 1 and view.include_illustrative is True and view.include_weak is True
    assert sorted(notes) == ["as_of=2024-02-30", "depth=9", "illustrative=peut-être", "kinds=OPCOO", "weak=bof"]


def test_french_spreadsheet_booleans_are_understood():
    assert from_query_params({"illustrative": "non"})[0].include_illustrative is False
    assert from_query_params({"illustrative": "oui"})[0].include_illustrative is True
    assert from_query_params({"weak": "non"})[0].include_weak is False


def test_hidden_weak_ties_are_written_to_the_url():
    assert to_query_params(ViewFilters(include_weak=False)) == {"weak": "0"}
    merged = merge_params({"page": "carte", "weak": "0"}, ViewFilters())
    assert merged == {"page": "carte"}  # back to the default: the parameter goes


def test_merge_keeps_page_values_and_replaces_filters():
    current = {"page": "acteur", "id": "opco-akto", "kinds": "CFA", "lang": "en"}
    merged = merge_params(current, ViewFilters(types=("FUNDS",)), id="opco-2i")
    assert merged == {"page": "acteur", "id": "opco-2i", "types": "FUNDS", "lang": "en"}
