"""Every third-party module the code imports is declared in pyproject.toml, with a floor.

A package that arrives only as another one's dependency (pandas through Streamlit,
Pillow through matplotlib) can leave with that package's next release: a fresh
install on a user's machine then fails where the developer's does not.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
LOCAL = {"graph_model", "loaders", "opcomap", "tests", "benchmarks", "scripts", "app", "conftest"}
# Which declared groups each part of the repository may import from.
AREAS = {
    "graph_model": ("dependencies",),
    "loaders": ("dependencies",),
    "opcomap": ("dependencies",),
    "app.py": ("dependencies",),
    "scripts": ("dependencies", "regions"),
    "tests": ("dependencies", "test"),
    "conftest.py": ("dependencies", "test"),
    "benchmarks": ("dependencies", "test", "bench"),
}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement (PEP 503).

    >>> _name("testcontainers[neo4j]>=4.8"), _name("Neo4j_Rust.Ext>=6.0,<7")
    ('testcontainers', 'neo4j-rust-ext')
    """
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group(0)).lower()


def _group(group: str) -> list[str]:
    project = CONFIG["project"]
    return project["dependencies"] if group == "dependencies" else project["optional-dependencies"][group]


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def _third_party(path: Path) -> set[str]:
    siblings = {p.stem for p in path.parent.glob("*.py")}
    return {root for root in _imported_roots(path)
            if root not in sys.stdlib_module_names and root not in LOCAL | siblings | {"__future__"}}


@functools.cache
def _installed() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def _distributions(module: str) -> set[str]:
    """The distributions installing ``module``; a module not installed here is taken to be
    its own distribution's name (shapely, scipy: build and benchmark extras)."""
    found = _installed().get(module) or [module]
    return {_name(d) for d in found}


def test_every_third_party_import_is_declared():
    undeclared = {}
    for area, groups in AREAS.items():
        declared = {_name(r) for group in groups for r in _group(group)}
        root = REPO / area
        for path in [root] if root.is_file() else sorted(root.rglob("*.py")):
            for module in _third_party(path):
                if not _distributions(module) & declared:
                    undeclared.setdefault(module, []).append(str(path.relative_to(REPO)))
    assert undeclared == {}, "declare these in pyproject.toml (dependencies, or the extra of that area)"


def test_every_requirement_has_a_floor():
    groups = ["dependencies", *CONFIG["project"]["optional-dependencies"]]
    floorless = [r for group in groups for r in _group(group)
                 if ">=" not in r and "==" not in r and not r.startswith("types-")]
    assert floorless == []


def test_the_check_sees_an_undeclared_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import json\nimport pandas as pd\nfrom typer._click import echo\nfrom . import x\n",
                     encoding="utf-8")
    assert _third_party(probe) == {"pandas", "typer"}
    assert _distributions("PIL") == {"pillow"}
