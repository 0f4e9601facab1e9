"""``opcomap serve`` prepares the first page before the first visitor (opcomap.ui.warm)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.exporters import write_csv_folder
from loaders.synthetic import generate
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
from opcomap.ui.warm import warm_up
from tests.test_app_pages import APP, assert_clean, counts


@pytest.fixture(autouse=True)
def cold_app() -> None:
    """Each test starts from a cold app: its caches live as long as the process and are keyed on
    the map's content, and every test here draws the same synthetic map."""
    from opcomap.ui import caches

    caches.forget()


@pytest.fixture
def synthetic_files(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "carte"
    write_csv_folder(generate(400, 800, seed=3), folder)
    for name in ("NEO4J_URI", SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(DATA_ENV, str(folder))
    return folder


def test_first_visit_after_warm_up_reads_no_file_and_computes_no_layout(synthetic_files, monkeypatch):
    done = warm_up()
    assert (done.actors, done.relationships) == (400, 800)

    def refuse(*_args, **_kwargs):
        raise AssertionError("the first visit redid work the warm-up had done")

    monkeypatch.setattr("opcomap.store.graph_source._load_files", refuse)
    monkeypatch.setattr("opcomap.ui.downloads.map_payload", refuse)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert_clean(at)
    assert counts(at) == (400, 800)


def test_without_warm_up_the_same_visit_does_the_work(synthetic_files, monkeypatch):
    """The counterpart: proves the test above would notice a warm-up that prepared nothing."""
    monkeypatch.setattr("opcomap.ui.downloads.map_payload",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("layout computed")))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.exception or at.error


def test_warm_up_announces_no_map_when_neo4j_does_not_answer(monkeypatch):
    # The fallback (the bundled map, with a banner) is not the map a user asked to serve.
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_CONNECT_TIMEOUT", "2")
    assert warm_up() is None


def test_serve_reports_a_map_it_could_not_prepare_and_still_starts(tmp_path, monkeypatch):
    from rich.console import Console

    from opcomap.cli.serve_cmd import _warm

    bad = tmp_path / "actors.csv"
    bad.write_text("id,name,kind\nx,X,OPCOO\n", encoding="utf-8")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv(DATA_ENV, str(bad))
    console = Console(record=True, width=200)
    _warm(console)
    said = console.export_text()
    assert "La carte n'a pas pu être préparée" in said and "OPCOO" in said
    assert "Traceback" not in said


def test_warm_up_rehearses_the_whole_app_once(synthetic_files, monkeypatch):
    """The first visitor should not pay for Streamlit's one-time setup (lazy widget imports, the
    map component's folder): the warm-up runs the app once in bare mode."""
    from opcomap.ui import mapframe

    calls, maps = [], []
    real_app = __import__("opcomap.ui.main", fromlist=["run_app"]).run_app
    monkeypatch.setattr("opcomap.ui.main.run_app", lambda: calls.append(1) or real_app())
    monkeypatch.setattr("opcomap.ui.pages.carte.show_map",
                        lambda drawn, **kw: maps.append(drawn) or mapframe.show_map(drawn, **kw))
    warm_up()
    assert calls == [1]
    assert len(maps) == 1 and b'"nodes"' in maps[0].data  # the Carte page reached its map
    # Declared without a runtime, the component would be unknown to the server: not kept.
    assert mapframe._component.cache_info().currsize == 0


def test_a_failed_rehearsal_is_logged_and_the_app_still_starts(synthetic_files, monkeypatch, caplog):
    def broken():
        raise RuntimeError("boom in bare mode")

    monkeypatch.setattr("opcomap.ui.main.run_app", broken)
    with caplog.at_level("INFO", logger="opcomap.ui.warm"):
        done = warm_up()
    assert (done.actors, done.relationships) == (400, 800)
    assert any("boom in bare mode" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    import logging

    assert logging.root.manager.disable == logging.NOTSET  # logging is not left muted
