"""The house reads one way: layers import downwards, and the README names every module.

graph_model/ (schema, models, errors, words) is the bottom; loaders/ sits on it;
opcomap/ (store, analysis, drawing, views, CLI, app) sits on both.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("graph_model", "loaders", "opcomap")
# Which top-level packages each layer may import.
ALLOWED = {"graph_model": {"graph_model"}, "loaders": {"graph_model", "loaders"}}


def _modules(package: str) -> list[Path]:
    return sorted(p for p in (REPO / package).rglob("*.py") if "__pycache__" not in p.parts)


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_lower_layers_never_import_upper_ones(layer: str) -> None:
    forbidden = set(PACKAGES) - ALLOWED[layer]
    offenders = {
        str(path.relative_to(REPO)): sorted(_imported_roots(path) & forbidden)
        for path in _modules(layer)
        if _imported_roots(path) & forbidden
    }
    assert offenders == {}


def _architecture_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```\n(.*?)```", section, re.S)
    assert match, "README's Architecture section has no code block"
    return match.group(1)


def test_readme_architecture_names_every_package_and_module() -> None:
    block = _architecture_block()
    missing = []
    for package in PACKAGES:
        for path in _modules(package):
            if path.name in {"__init__.py", "__main__.py"}:
                folder = path.parent.relative_to(path.parent.parent).as_posix()
                name = folder + "/"
            else:
                name = path.name
            if not re.search(rf"(?<![\w/]){re.escape(name)}(?!\w)", block):
                missing.append(str(path.relative_to(REPO)))
    assert missing == [], "modules the README's architecture block does not name"
