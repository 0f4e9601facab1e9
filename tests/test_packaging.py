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


def test_vis_network_is_vendored_at_the_stated_version_with_its_licences():
    """The map needs no package to carry vis-network (pyvis is not installed for it): the
    file in static/ is the version the README names, shipped beside its two licences."""
    import subprocess
    import sys

    from opcomap.mapview.assets import VIS_NETWORK

    static = REPO / "opcomap" / "mapview" / "static"
    header = (static / "vis-network.min.js").read_text(encoding="utf-8")[:600]
    assert f"@version {VIS_NETWORK}" in header
    assert "Apache" in (static / "vis-network-LICENSE-APACHE-2.0").read_text(encoding="utf-8")
    assert "MIT" in (static / "vis-network-LICENSE-MIT").read_text(encoding="utf-8")
    assert f"vis-network {VIS_NETWORK}" in (REPO / "README.md").read_text(encoding="utf-8")
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = {p.name for pattern in config["tool"]["setuptools"]["package-data"]["opcomap.mapview.static"]
               for p in static.glob(pattern)}
    assert {"vis-network.min.js", "vis-network.min.css", "vis-network-LICENSE-APACHE-2.0",
            "vis-network-LICENSE-MIT"} <= shipped
    # With pyvis made unimportable, the app's component and the exported page still get vis-network.
    code = ("import sys, tempfile, pathlib\n"
            "class NoPyvis:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] == 'pyvis': raise ImportError(name)\n"
            "sys.meta_path.insert(0, NoPyvis())\n"
            "from opcomap.mapview.assets import component_folder, vis_network\n"
            "js, css = vis_network()\n"
            "assert len(js) > 100_000 and 'sourceMappingURL' not in js and '.vis-network' in css\n"
            "assert (component_folder(pathlib.Path(tempfile.mkdtemp())) / 'vis-network.min.js').is_file()\n")
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
