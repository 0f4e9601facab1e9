"""What changed between two dates, on a small map whose history is known by hand."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from opcomap.analysis.filters import apply_filters
from opcomap.analysis.selection import ViewFilters
from opcomap.analysis.timeline import CHANGE, changes_between, scrub_dates, with_changes


def history() -> nx.MultiDiGraph:
    """An OPCA replaced by an OPCO on 2019-04-01, a CFA created in 2020, a partnership ended in 2020,
    a yearly funding whose 2019 record is followed by the 2020 one."""
    g = nx.MultiDiGraph()
    g.add_node("fc", kind="PUBLIC_INSTITUTION")
    g.add_node("opca", kind="OPCA", until="2019-03-31")
    g.add_node("opco", kind="OPCO", since="2019-04-01")
    g.add_node("cfa", kind="CFA", since="2020-03-01")
    g.add_node("region", kind="REGION")
    g.add_edge("opca", "opco", key="succ", type="SUCCEEDED_BY", since="2019-04-01")
    g.add_edge("opca", "region", key="opca-region", type="PARTNERS_WITH")
    g.add_edge("fc", "region", key="fc-region", type="PARTNERS_WITH", until="2020-06-30")
    g.add_edge("opco", "cfa", key="opco-cfa", type="FUNDS", since="2020-03-01")
    g.add_edge("fc", "opco", key="fc-opco-2019", type="FUNDS", amount_eur=1.0, since="2019-04-01", until="2019-12-31")
    g.add_edge("fc", "opco", key="fc-opco-2020", type="FUNDS", amount_eur=2.0, since="2020-01-01")
    return g


def test_a_tie_ended_an_actor_created_and_a_succession_are_exactly_what_changed():
    changes = changes_between(history(), "2019-06-01", "2020-12-31")
    assert changes.actors_new == ("cfa",)
    assert changes.actors_ended == ()
    assert changes.ties_new == (("opco", "cfa", "opco-cfa"),)
    assert changes.ties_ended == (("fc", "region", "fc-region"),)
    assert changes.successions == ()  # the OPCO took over before the first date
    # The funding continues: another yearly record, not a tie ended and another begun.
    assert changes.ties_changed == (("fc", "FUNDS", "opco"),)


def test_a_succession_between_the_dates_ends_the_predecessor_and_its_ties():
    changes = changes_between(history(), "2019-01-01", "2019-06-01")
    assert changes.successions == (("opca", "opco", "succ"),)
    assert changes.actors_new == ("opco",) and changes.actors_ended == ("opca",)
    assert changes.ties_ended == (("opca", "region", "opca-region"),)
    assert changes.ties_new == (("fc", "opco", "fc-opco-2019"),)
    assert changes.counts() == {"actors_new": 1, "actors_ended": 1, "ties_new": 1, "ties_ended": 1,
                                "successions": 1, "ties_changed": 0}


def test_the_same_day_twice_changes_nothing():
    assert changes_between(history(), "2020-01-01", dt.date(2020, 1, 1)).empty


def test_the_drawn_view_keeps_what_ended_and_marks_each_change():
    g = history()
    before = apply_filters(g, ViewFilters(as_of="2019-01-01"))
    after = apply_filters(g, ViewFilters(as_of="2020-12-31"))
    drawn = with_changes(after, before, g, changes_between(g, "2019-01-01", "2020-12-31"))
    assert dict(drawn.nodes(data=CHANGE)) == {"fc": None, "opco": "new", "cfa": "new", "region": None,
                                             "opca": "ended"}
    marks = {k: c for _, _, k, c in drawn.edges(keys=True, data=CHANGE)}
    assert marks == {"succ": "succession", "opca-region": "ended", "fc-region": "ended", "opco-cfa": "new",
                     "fc-opco-2020": "new"}
    assert CHANGE not in after.nodes["opco"]  # the views themselves are left as they were


def test_slider_stops_are_years_from_the_datas_first_year_and_every_change_up_to_today():
    g = history()
    stops = scrub_dates(g, dt.date(2021, 5, 1))
    assert stops[0] == dt.date(2019, 1, 1) and stops[-1] == dt.date(2021, 5, 1)
    for day in ("2019-04-01", "2020-01-01", "2020-03-01", "2020-07-01", "2021-01-01"):
        assert dt.date.fromisoformat(day) in stops
    assert stops == sorted(set(stops))
    g.add_node("fongecif", since="1983-01-01")  # older history starts the slider in 2014, not before
    assert scrub_dates(g, dt.date(2021, 5, 1))[:2] == [dt.date(2014, 1, 1), dt.date(2015, 1, 1)]
