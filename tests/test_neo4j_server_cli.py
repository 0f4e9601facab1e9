"""`opcomap neo4j start|stop|status` as a user runs it: real processes, real ports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.neo4j


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(args: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "opcomap", *args], env=env, capture_output=True, text=True, timeout=timeout,
        check=False,  # the tests read the exit code
    )


@pytest.fixture
def server_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "OPCOMAP_DATA"))}
    env.update(
        NEO4J_URI=f"bolt://127.0.0.1:{_free_port()}",
        NEO4J_PASSWORD="lifecycle-pw-123",
        OPCOMAP_DATA_DIR=str(tmp_path / "data"),
        COLUMNS="200",
    )
    return env


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").split()[2] if Path(f"/proc/{pid}/stat").exists() else "X"
    return state != "Z"


def test_start_status_restart_stop_leaves_no_process(server_env):
    started = _run(["neo4j", "start"], server_env)
    assert started.returncode == 0, started.stderr
    assert "Démarré" in started.stdout
    try:
        status = _run(["neo4j", "status"], server_env)
        assert status.returncode == 0
        assert server_env["NEO4J_URI"] in status.stdout and "5.26" in status.stdout
        pid = int(status.stdout.split("PID ")[1].split(",")[0])
        assert _pid_alive(pid)

        again = _run(["neo4j", "start"], server_env)
        assert again.returncode == 0
        assert "Déjà démarré" in again.stdout
        assert "lifecycle-pw-123" not in started.stdout + started.stderr + status.stdout
    finally:
        stopped = _run(["neo4j", "stop"], server_env)
    assert stopped.returncode == 0
    assert not _pid_alive(pid)
    after = _run(["neo4j", "status"], server_env)
    assert after.returncode == 3
    assert "arrêté" in after.stdout


def test_a_stopped_server_starts_again_with_its_data_and_password(server_env):
    """A second start finds the database of the first: the password is already set."""
    assert _run(["neo4j", "start"], server_env).returncode == 0
    _run(["neo4j", "stop"], server_env)
    try:
        again = _run(["neo4j", "start"], server_env)
        assert again.returncode == 0, again.stderr
        assert "Démarré" in again.stdout and "mot de passe" not in again.stderr
    finally:
        _run(["neo4j", "stop"], server_env)


def test_port_in_use_is_one_sentence_and_non_zero(server_env):
    port = int(server_env["NEO4J_URI"].rsplit(":", 1)[1])
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        result = _run(["neo4j", "start"], server_env, timeout=60)
    assert result.returncode == 1
    assert f"port {port} est déjà utilisé" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_java_is_one_sentence(server_env):
    env = dict(server_env, PATH="/nonexistent")
    env.pop("JAVA_HOME", None)
    result = _run(["neo4j", "start"], env, timeout=60)
    assert result.returncode == 1
    assert "Java est introuvable" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_maven_with_empty_cache_is_one_sentence(server_env, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").symlink_to(shutil.which("java"))
    env = dict(server_env, PATH=str(bin_dir), OPCOMAP_CACHE_DIR=str(tmp_path / "empty-cache"))
    env.pop("JAVA_HOME", None)
    result = _run(["neo4j", "start"], env, timeout=60)
    assert result.returncode == 1
    assert "Maven (mvn) est introuvable" in result.stderr


def test_short_password_is_refused_before_anything_starts(server_env):
    result = _run(["neo4j", "start"], dict(server_env, NEO4J_PASSWORD="short"), timeout=60)
    assert result.returncode == 1
    assert "au moins 8 caractères" in result.stderr
