"""The map over time: one layout for every date, and the changes between two dates drawn on it."""

from __future__ import annotations

import networkx as nx

from graph_model.schema import default_schema
from loaders.bundled import reference_dir
from opcomap.analysis.filters import apply_filters
from opcomap.analysis.selection import ViewFilters
from opcomap.analysis.timeline import changes_between, with_changes
from opcomap.drawing.layout import compute_layout
from opcomap.mapview import map_payload
from opcomap.mapview.page import map_data, page_body
from opcomap.mapview.payload import CHANGE_COLORS
from opcomap.store.graph_source import file_graph

SCHEMA = default_schema()


def reference() -> nx.MultiDiGraph:
    return file_graph([reference_dir()], SCHEMA)


def at(graph: nx.MultiDiGraph, day: str) -> nx.MultiDiGraph:
    return apply_filters(graph, ViewFilters(as_of=day))


def drawn(graph: nx.MultiDiGraph, positions, day: str, since: str | None = None):
    after = at(graph, day)
    if since:
        after = with_changes(after, at(graph, since), graph, changes_between(graph, since, day))
    return map_payload(after, SCHEMA, positions=positions, keep_frame=True)


def test_an_actor_keeps_its_place_and_the_frame_stays_from_one_date_to_another():
    graph = reference()
    positions = compute_layout(graph, SCHEMA)
    early, late = drawn(graph, positions, "2015-01-01"), drawn(graph, positions, "2025-01-01")
    where_early = {n["id"]: (n["x"], n["y"]) for n in early.nodes}
    where_late = {n["id"]: (n["x"], n["y"]) for n in late.nodes}
    both = where_early.keys() & where_late.keys()
    assert len(where_early) != len(where_late) and len(both) > 50
    assert {n: where_early[n] for n in both} == {n: where_late[n] for n in both}
    assert early.frame == late.frame and map_data(late)["frame"] == late.frame


def test_pole_emploi_to_france_travail_is_drawn_as_ended_new_and_a_succession():
    graph = reference()
    payload = drawn(graph, compute_layout(graph, SCHEMA), "2024-06-01", since="2023-06-01")
    nodes = {n["id"]: n for n in payload.nodes}
    assert nodes["france-travail"]["change"] == "new"
    assert nodes["france-travail"]["color"]["border"] == CHANGE_COLORS["new"]
    assert nodes["pole-emploi"]["change"] == "ended"  # still drawn, for the comparison
    assert nodes["pole-emploi"]["shapeProperties"]["borderDashes"]
    [succession] = [e for e in payload.edges if e["from"] == "pole-emploi" and e["to"] == "france-travail"]
    assert succession["change"] == "succession" and succession["arrows"]["to"]["type"] == "vee"
    ended = [e for e in payload.edges if e["from"] == "pole-emploi" and e.get("change") == "ended"]
    assert ended and all(e["dashes"] for e in ended)
    new = [e for e in payload.edges if "france-travail" in (e["from"], e["to"]) and e.get("change") == "new"]
    assert new and all(e["color"]["color"] == CHANGE_COLORS["new"] for e in new)
    assert payload.changes["succession"] >= 1 and payload.changes["ended"] >= 2
    legend = page_body(payload, SCHEMA, lang="en", title=None, height="500px")
    assert "data-change='succession'" in legend and "Ended (still drawn)" in legend


def test_a_map_without_comparison_has_no_change_marks_and_no_frame_unless_asked():
    graph = reference()
    plain = map_payload(at(graph, "2024-06-01"), SCHEMA)
    assert plain.changes == {} and plain.frame is None and "frame" not in map_data(plain)
    assert not any("change" in item for item in (*plain.nodes, *plain.edges))
