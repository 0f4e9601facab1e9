"""Ordinary filter combinations never break a page: the anchor of a view (its OPCO, its focus)
stays in it, or the page says which filter removed it and offers a button that removes that filter."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_app_pages import assert_clean, counts, open_app, texts


def test_the_cfa_an_opco_funds_in_a_region_are_a_map():
    # "Which CFA does OPCO EP fund in Bretagne": the OPCO is not a CFA nor Breton, yet it anchors the view.
    at = open_app(page="carte", region="53", opco="opco-ep", kinds="CFA,TRAINING_ORG")
    assert_clean(at)
    actors, ties = counts(at)
    assert actors >= 2 and ties >= 1  # the OPCO and the Breton CFA it funds
    assert "inconnu" not in texts(at)


def test_a_focus_the_kinds_leave_out_keeps_its_place():
    at = open_app(page="carte", kinds="CFA", focus="opco-ep")
    assert_clean(at)
    actors, ties = counts(at)
    assert actors > 1 and ties >= 1


def test_an_opco_before_it_existed_says_which_filter_and_offers_to_remove_it():
    at = open_app(page="carte", opco="opco-ep", as_of="2015-01-01")
    assert_clean(at)
    shown = texts(at)
    assert "OPCO EP" in shown and "01/01/2015" in shown
    relax = [b for b in at.button if b.key == "relax_as_of"]
    assert relax, [b.key for b in at.button]
    relax[0].click().run()
    assert_clean(at)
    assert "as_of" not in at.query_params
    assert counts(at)[0] > 1


def test_an_unknown_focus_in_a_link_offers_to_drop_it():
    at = open_app(page="acteur", focus="nobody-here", id="opco-ep")
    assert_clean(at)
    assert "nobody" in texts(at) and "pas dans la carte" in texts(at)
    relax = [b for b in at.button if b.key == "relax_focus"]
    assert relax
    relax[0].click().run()
    assert_clean(at)
    assert "focus" not in at.query_params


@pytest.mark.parametrize("page", ["chemins", "analyse", "france"])
def test_every_filtered_page_takes_the_natural_question(page):
    at = open_app(page=page, region="53", opco="opco-ep", kinds="CFA,TRAINING_ORG", focus="cfa-exemple-53")
    assert_clean(at)


def test_the_time_slider_before_the_opco_existed_shows_an_empty_map():
    at = open_app(page="carte", opco="opco-ep", at="2015-01-01")
    assert_clean(at)
    assert "0 acteur," in texts(at) or "Rien" in texts(at) or "aucun" in texts(at).lower()


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({
    "page": st.sampled_from(["carte", "chemins", "analyse", "acteur", "sources"]),
    "region": st.sampled_from(["53", "84", "11", "976"]),
    "opco": st.sampled_from(["opco-ep", "opco-akto", "opco-atlas"]),
    "kinds": st.sampled_from(["CFA,TRAINING_ORG", "REGION", "BRANCH,CFA", "NETWORK"]),
    "focus": st.sampled_from(["cfa-exemple-53", "france-competences", "region-84"]),
    "as_of": st.sampled_from(["2016-06-01", "2021-01-01", "2026-01-01"]),
    "illustrative": st.sampled_from(["0", "1"]),
}))
def test_random_links_never_break_a_page(params):
    at = open_app(**params)
    assert_clean(at)
    assert "inconnu" not in texts(at)
