"""No silent caps: a list, path set or table the app cuts says so, with the total and a way
to see the rest."""

from __future__ import annotations

import re

from tests.test_app_pages import assert_clean, open_app, texts


def _numbered_paths(at) -> int:
    return sum(1 for m in at.markdown if re.match(r"^\*\*\d+\.\*\*", m.value))


def test_the_paths_page_says_how_many_of_all_the_shortest_paths_it_lists_and_shows_them_all():
    at = open_app(page="chemins", src="region-53", dst="crefop-84")  # 34 shortest paths
    assert_clean(at)
    shown = texts(at)
    assert "20 sur 34" in shown, shown
    assert _numbered_paths(at) == 20
    labels = {b.label for b in at.get("download_button")}
    assert any("34" in label for label in labels), labels
    at.toggle(key="w_paths_all").set_value(True).run()
    assert_clean(at)
    assert _numbered_paths(at) == 34
    assert "20 sur 34" not in texts(at)


def test_a_short_list_of_paths_says_nothing_of_a_cut():
    at = open_app(page="chemins", src="opco-akto", dst="france-competences")
    assert_clean(at)
    assert " sur " not in " ".join(s.value for s in at.success)
    assert not [t for t in at.toggle if t.key == "w_paths_all"]
