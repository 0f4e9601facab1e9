"""``opcomap serve``: starts the app on the given port, hands --data/--schema over, refuses bad paths."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from graph_model import default_schema
from loaders import load_dataset
from opcomap.cli import app
from opcomap.cli.serve_cmd import serve_environment, streamlit_args
from loaders.bundled import reference_dir
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV

REPO = Path(__file__).resolve().parent.parent


def test_missing_data_path_is_one_sentence_and_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--data", str(tmp_path / "absent.csv")])
    assert result.exit_code == 1
    assert "absent.csv" in str(result.exception) or "absent.csv" in result.output


def test_data_and_schema_reach_the_app_as_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maps").mkdir()
    schema = tmp_path / "schema.yaml"
    schema.write_text("kinds:\n  FAMILY:\n    label: {fr: Famille}\nrelationship_types:\n  MARRIAGE:\n"
                      "    label: {fr: Mariage}\n    directed: false\n    endpoints: [[FAMILY, FAMILY]]\n",
                      encoding="utf-8")
    env = serve_environment([Path("maps")], Path("schema.yaml"))
    assert env[DATA_ENV] == str(tmp_path / "maps")
    assert env[SCHEMA_ENV] == str(schema)


def test_streamlit_runs_headless_without_usage_statistics():
    command = streamlit_args(8600, "127.0.0.1")
    assert command[0] == "run" and command[1].endswith("app.py")
    assert command[command.index("--server.headless") + 1] == "true"
    assert command[command.index("--browser.gatherUsageStats") + 1] == "false"
    assert command[command.index("--server.port") + 1] == "8600"
    # A served app does not watch its sources: the watcher re-scanned every module after each run.
    assert command[command.index("--server.fileWatcherType") + 1] == "none"
    # Nor does it collect every object of the map it holds after each run, holding up the page.
    assert command[command.index("--runner.postScriptGC") + 1] == "false"


def test_serve_starts_the_app_and_stops_on_interrupt():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    process = subprocess.Popen(
        [sys.executable, "-m", "opcomap", "serve", "--port", str(port), "--data", str(reference_dir())],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(line.decode() for line in process.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert process.poll() is None, "".join(said)
                assert time.monotonic() < deadline, "opcomap serve did not answer within a minute"
                time.sleep(0.3)
        # Then serve visits its own first page and a profile, so the first person does not pay for
        # the first session, and only then says the address: a user opening it at once is served.
        while not any(line.startswith("Prêt : ") for line in said):
            assert time.monotonic() < deadline, "".join(said)
            time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C reaches opcomap and streamlit
        process.wait(timeout=30)
    reader.join(timeout=10)
    output = "".join(said)
    ready = next(line for line in said if line.startswith("Prêt : "))
    assert ready.startswith(f"Prêt : http://127.0.0.1:{port} (première page servie en ")
    # Streamlit's own "You can now view…" came before the app was ready: not said any more.
    assert "You can now view" not in output
    # Nor its English server log lines between opcomap's sentences.
    assert "Uvicorn" not in output
    reference = load_dataset([reference_dir()], default_schema())
    from graph_model.words.formats import number

    actors, ties = number(len(reference.actors), "fr"), number(len(reference.relationships), "fr")  # "1 258", as users read it
    assert f"Carte prête : {actors} acteurs, {ties} relations" in output
    # The warm-up read Streamlit's configuration with the served options: no "restart" warning.
    assert "config option section was detected" not in output and "Traceback" not in output


def test_first_visit_gives_up_quietly_when_no_server_answers():
    from opcomap.ui.warm import first_visit

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    assert first_visit(f"http://127.0.0.1:{port}", timeout=1.0) is None
    assert time.monotonic() - started < 10
