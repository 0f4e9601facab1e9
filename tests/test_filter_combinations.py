"""Random filter combinations over the bundled reference map never break a view: its anchors
(the OPCO, the focus) are in it, or the filter that removed one is named and removing that
filter brings the view back. Files and columns select the same actors either way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_model.errors import NotFound
from graph_model.schema import default_schema
from loaders import map_columns
from loaders.bundled import reference_dir
from opcomap.analysis.filters import anchors, apply_filters, lost_anchors, select_columns
from opcomap.analysis.selection import ViewFilters
from opcomap.store.graph_source import file_graph

SCHEMA = default_schema()
GRAPH = file_graph([reference_dir()], SCHEMA)
COLUMNS = map_columns([reference_dir()], SCHEMA)
REGIONS = sorted({str(code) for _, code in GRAPH.nodes(data="region_code") if code})
OPCOS = sorted(n for n, kind in GRAPH.nodes(data="kind") if kind == "OPCO")
ACTORS = sorted(GRAPH)


def _some(names) -> st.SearchStrategy:
    return st.none() | st.lists(st.sampled_from(sorted(names)), min_size=1, max_size=4, unique=True).map(tuple)


views = st.builds(
    ViewFilters,
    kinds=_some(SCHEMA.kinds),
    types=_some(SCHEMA.relationship_types),
    region=st.none() | st.sampled_from(REGIONS),
    opco=st.none() | st.sampled_from(OPCOS) | st.just("opco-nowhere"),
    as_of=st.none() | st.dates(dt.date(2010, 1, 1), dt.date(2027, 12, 31)),
    include_illustrative=st.booleans(),
    include_weak=st.booleans(),
    focus=st.none() | st.sampled_from(ACTORS),
    depth=st.integers(1, 3),
)


def _relaxed(filters: ViewFilters) -> ViewFilters:
    """``filters`` without what each lost anchor's notice offers to remove."""
    update = {}
    for lost in lost_anchors(GRAPH, filters):
        update[lost.cause if lost.cause in ("as_of", "dataset") else lost.field] = None
    return filters.model_copy(update=update)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(views)
def test_a_view_keeps_its_anchors_or_says_which_filter_removed_them(filters):
    lost = lost_anchors(GRAPH, filters)
    if lost:
        for item in lost:
            assert item.cause == "unknown" or getattr(filters, item.cause) is not None
        with pytest.raises(NotFound):
            apply_filters(GRAPH, filters)
        filters = _relaxed(filters)
        assert not lost_anchors(GRAPH, filters)
    view = apply_filters(GRAPH, filters)
    assert anchors(filters) <= set(view)
    if filters.kinds is not None:  # the kinds hold for every actor but the anchors
        assert {GRAPH.nodes[n]["kind"] for n in set(view) - anchors(filters)} <= set(filters.kinds)
    assert select_columns(COLUMNS, filters).ids == list(view)
    assert filters.describe("fr", SCHEMA)
