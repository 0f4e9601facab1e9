"""The wheel ships every Python package and the data folders, and never a top-level `queries`."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _declared() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["packages"]


def test_every_python_package_is_declared():
    found = set()
    for top in ("graph_model", "loaders", "opcomap"):
        for init in (REPO / top).rglob("__init__.py"):
            found.add(".".join(init.parent.relative_to(REPO).parts))
    missing = found - set(_declared())
    assert not missing, f"add to pyproject [tool.setuptools] packages: {sorted(missing)}"


def test_queries_folder_is_data_only_and_ships_inside_opcomap():
    assert "queries" not in _declared()
    assert "opcomap.queries" in _declared()
    assert not list((REPO / "queries").glob("*.py")), "queries/ must stay free of Python (PyPI has a `queries`)"
    assert len(list((REPO / "queries").glob("*.cypher"))) >= 12


def test_map_assets_ship_with_the_package():
    """The app's map component and exported pages read these files at run time."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "opcomap.mapview.static" in config["tool"]["setuptools"]["packages"]
    patterns = config["tool"]["setuptools"]["package-data"]["opcomap.mapview.static"]
    static = REPO / "opcomap" / "mapview" / "static"
    shipped = {p for pattern in patterns for p in static.glob(pattern)}
    for name in ("map.js", "map.css", "bridge.js", "component.html"):
        assert static / name in shipped, name


def test_the_map_assets_are_found_without_importing_pyvis():
    """Importing pyvis pulls in IPython (0.3 s at the first map); only its vis-network files are used."""
    import subprocess
    import sys

    code = ("import sys, tempfile, pathlib\n"
            "from opcomap.mapview.assets import component_folder, vis_network\n"
            "assert len(vis_network()[0]) > 100_000\n"
            "assert (component_folder(pathlib.Path(tempfile.mkdtemp())) / 'vis-network.min.js').is_file()\n"
            "print('pyvis' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
