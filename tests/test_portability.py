"""opcomap runs on Windows: no POSIX-only module at import, every text file opened as UTF-8,
and the one POSIX-only command says what to do instead of failing with a traceback.

These checks run on Linux: they look for what would break on Windows rather than need it.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

from tests.cli_runner import cli, one_sentence  # noqa: F401 (cli: the fixture)

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("graph_model", "loaders", "opcomap")
POSIX_ONLY = ("fcntl", "pwd", "grp", "resource", "termios")
SCRIPTS = {"__main__.py", "entry.py"}  # run, not imported (entry.py is the app itself)
# What a Windows Python has no module for; a finder first in sys.meta_path refuses them.
_IMPORT_ALL = """
import importlib, sys, traceback
from importlib.abc import MetaPathFinder

class NoPosix(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ImportError(f"No module named {{name!r}} (as on Windows)")
        return None

for name in {blocked!r}:
    sys.modules.pop(name, None)
sys.meta_path.insert(0, NoPosix())
failed = []
for module in {modules!r}:
    try:
        importlib.import_module(module)
    except Exception:
        failed.append(module + ": " + traceback.format_exc().strip().splitlines()[-1])
print("\\n".join(failed))
"""


def _project_modules() -> list[str]:
    modules = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            if "__pycache__" in path.parts or path.name in SCRIPTS:
                continue
            parts = path.relative_to(REPO).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def test_every_module_imports_without_posix_only_modules():
    modules = _project_modules()
    assert len(modules) > 100
    code = _IMPORT_ALL.format(blocked=POSIX_ONLY, modules=modules)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          cwd=REPO, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", "modules that need a POSIX-only module:\n" + done.stdout


def test_the_import_check_catches_a_posix_only_import(tmp_path):
    """The finder really refuses: a module importing fcntl is reported."""
    (tmp_path / "posix_only_probe.py").write_text("import fcntl\n", encoding="utf-8")
    code = _IMPORT_ALL.format(blocked=POSIX_ONLY, modules=["posix_only_probe"])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          cwd=tmp_path, check=True, timeout=60)
    assert "posix_only_probe" in done.stdout and "fcntl" in done.stdout


# -- text files are UTF-8 whatever the system's code page ---------------------------------
TEXT_OPENERS = {"open", "read_text", "write_text", "fdopen"}
MODE_CHARS = set("rwxabt+U")


@functools.cache
def _parse(source: str) -> ast.Module:
    return ast.parse(source)


def _mode(call: ast.Call, position: int | None) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "mode":
            return keyword.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def _unencoded_text_opens(source: str) -> list[int]:
    """Lines of text-mode opens without ``encoding=``; ``open(…, "rb")`` and the like are binary.

    >>> _unencoded_text_opens('open(p)\\nopen(p, "rb")\\nopen(p, encoding="utf-8")\\np.read_text()')
    [1, 4]
    >>> _unencoded_text_opens('p.open("w")\\nzipfile.open(info)\\nStore.open(uri, user)\\nos.fdopen(fd, "w")')
    [1, 4]
    """
    lines = []
    for node in ast.walk(_parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        keywords = {k.arg for k in node.keywords}
        if "encoding" in keywords or None in keywords:  # None: **kwargs, passed on as given
            continue
        if name not in TEXT_OPENERS:
            continue
        if name in {"read_text", "write_text"}:
            lines.append(node.lineno)
            continue
        builtin = isinstance(func, ast.Name)
        mode = _mode(node, 1 if builtin or name == "fdopen" else 0)
        if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
            if "b" not in mode.value and set(mode.value) <= MODE_CHARS:
                lines.append(node.lineno)
        elif mode is None and (builtin or not node.args):
            lines.append(node.lineno)  # open(path) and path.open() read text
    return sorted(lines)


def _undecoded_pipes(source: str) -> list[int]:
    r"""Lines of subprocesses read as text without ``encoding=`` (decoded in the code page).

    >>> _undecoded_pipes('run(args, text=True)\nrun(args, text=True, encoding="utf-8")\nrun(args)')
    [1]
    """
    return sorted(
        node.lineno for node in ast.walk(_parse(source))
        if isinstance(node, ast.Call) and not any(k.arg in {"encoding", None} for k in node.keywords)
        and any(k.arg in {"text", "universal_newlines"} and isinstance(k.value, ast.Constant)
                and k.value.value is True for k in node.keywords)
    )


def _python_files() -> list[Path]:
    return sorted(p for p in REPO.rglob("*.py")
                  if not {".venv", "__pycache__", "node_modules"} & set(p.relative_to(REPO).parts))


def _shipped_code() -> list[Path]:
    """The code users run: the packages, app.py and scripts/ (not tests or benchmarks)."""
    return [p for p in _python_files() if p.relative_to(REPO).parts[0] in {*PACKAGES, "app.py", "scripts"}]


def test_every_text_open_names_its_encoding():
    """Windows reads and writes text in its ANSI code page (cp1252) unless told otherwise."""
    offenders = [f"{path.relative_to(REPO)}:{line}" for path in _python_files()
                 for line in _unencoded_text_opens(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_program_output_read_as_text_names_its_encoding():
    offenders = [f"{path.relative_to(REPO)}:{line}" for path in _shipped_code()
                 for line in _undecoded_pipes(path.read_text(encoding="utf-8"))]
    assert offenders == []


# -- the local Neo4j server is POSIX-only: Windows users are told what to run instead ----------

def test_neo4j_start_on_windows_points_to_desktop_or_docker(cli, monkeypatch, tmp_path):
    from opcomap.store import local_server

    monkeypatch.setattr(local_server, "SUPPORTED", False)
    code, out, err = cli("neo4j", "start", NEO4J_PASSWORD="a-long-password",
                         OPCOMAP_DATA_DIR=str(tmp_path / "data"), OPCOMAP_CACHE_DIR=str(tmp_path / "cache"))
    said = one_sentence(err)
    assert code == 1 and "Traceback" not in err
    assert "Neo4j Desktop" in said and "Docker" in said and "NEO4J_URI" in said
    assert not (tmp_path / "data").exists() and not (tmp_path / "cache").exists(), "nothing is downloaded"
    code, out, err = cli("neo4j", "status")
    assert code == 3 and "Traceback" not in err


def _shell_dependencies(source: str) -> list[int]:
    r"""Lines that need a POSIX shell: ``shell=True`` or a ``.sh`` script named in code.

    >>> _shell_dependencies('run("ls", shell=True)\nrun(["scripts/setup.sh"])\nrun(["java"])')
    [1, 2]
    """
    return sorted(
        node.lineno for node in ast.walk(_parse(source))
        if (isinstance(node, ast.keyword) and node.arg == "shell"
            and not (isinstance(node.value, ast.Constant) and node.value.value is False))
        or (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(".sh"))
    )


def test_no_code_users_run_needs_a_posix_shell():
    """PowerShell runs no .sh script and Windows has no /bin/sh for shell=True."""
    offenders = [f"{path.relative_to(REPO)}:{line}" for path in _shipped_code()
                 for line in _shell_dependencies(path.read_text(encoding="utf-8"))]
    assert offenders == []
