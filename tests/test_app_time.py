"""The Carte page's time slider under Streamlit's AppTest, on the bundled reference map."""

from __future__ import annotations

import re
import time

from opcomap.ui import timemap
from tests.test_app_pages import assert_clean, counts, embedded_mode, open_app, texts  # noqa: F401 (fixture)


def test_moving_the_slider_changes_the_maps_actors_and_says_what_changed():
    at = open_app(page="carte", kinds="OPCO,OPCA", at="2018-01-01")
    assert_clean(at)
    assert at.toggle(key="w_time_on").value is True
    slider = at.select_slider(key="w_at")
    assert slider.value == "2018-01-01" and "01/01/2014" in slider.options and "01/04/2019" in slider.options
    before = counts(at)
    assert before[0] > 0  # the OPCA
    slider.set_value("2020-01-01").run()
    assert_clean(at)
    after = counts(at)
    assert after[0] != before[0]
    assert at.query_params["at"] == "2020-01-01"
    # Compared with the slider's previous date by default; the reform of 1 April 2019 is a stop of its own.
    at.select_slider(key="w_at").set_value("2019-04-01").run()
    shown = texts(at)
    assert "Du 01/01/2019 au 01/04/2019" in shown and "11 acteurs apparus" in shown
    assert re.search(r"\b[1-9]\d* successions? ;", shown), shown


def test_compare_with_a_chosen_date_or_none():
    at = open_app(page="carte", kinds="PUBLIC_INSTITUTION", at="2024-06-01", vs="2023-01-01")
    assert_clean(at)
    # A date between two stops (typed in a link) shows the last stop before it.
    assert at.select_slider(key="w_at").value == "2024-01-01"
    assert at.selectbox(key="w_vs").value == "2023-01-01"
    assert "Du 01/01/2023 au 01/01/2024" in texts(at)
    at.selectbox(key="w_vs").set_value("none").run()
    assert "Carte au 01/01/2024, sans comparaison." in texts(at)


def test_the_sidebars_date_is_where_the_slider_starts():
    at = open_app(page="carte", kinds="OPCO", as_of="2019-06-15", at="2019-06-15")
    assert_clean(at)
    assert at.select_slider(key="w_at").value == "2019-06-15"
    assert counts(at)[0] == 11


def test_play_moves_the_slider_on_and_switching_off_gives_the_usual_map(monkeypatch):
    monkeypatch.setattr(timemap, "PLAY_SECONDS", 0.2)
    at = open_app(page="carte", kinds="OPCO", at="2019-01-01")
    assert counts(at)[0] == 0  # the OPCO begin on 1 April 2019, the next stop
    at.button(key="w_time_play").click().run()
    assert_clean(at)
    time.sleep(0.3)
    at.run()  # what the fragment's timer does while playing
    assert at.select_slider(key="w_at").value == "2019-04-01"
    assert counts(at)[0] == 11
    at.toggle(key="w_time_on").set_value(False).run()
    assert_clean(at)
    assert not at.select_slider and "at" not in at.query_params
    assert counts(at)[0] == 11  # no date: the usual map of today


def test_the_time_map_offers_the_evolution_pdf_of_chosen_dates():
    at = open_app(page="carte", kinds="OPCO,OPCA", at="2020-01-01")
    assert_clean(at)
    chosen = at.multiselect(key="w_evolution_days")
    assert chosen.value[0] == "2014-01-01" and len(chosen.value) == 2  # first and last dates
    labels = {b.label for b in at.get("download_button")}
    assert "Évolution en PDF (une page par date)" in labels
    chosen.set_value([]).run()
    assert_clean(at)
    [button] = [b for b in at.get("download_button") if b.label.startswith("Évolution")]
    assert button.proto.disabled  # nothing to export without a date
