"""The map's assets: vis-network (from the installed pyvis package) and opcomap's own
``static/`` files (map.js, map.css, the app component's page and bridge).

pyvis's own template always links Bootstrap from a CDN, so opcomap writes its
page itself: exported files inline everything and open with no network at all
(offline laptops, locked-down networks, archived reports); the app serves the
same files from a local folder, so the browser downloads and compiles
vis-network once instead of once per drawn map.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from graph_model.errors import OpcomapError

_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def _vis_dir() -> Path:
    # Located, not imported: importing pyvis pulls in IPython, and only its files are used.
    spec = find_spec("pyvis")
    locations = list(spec.submodule_search_locations or []) if spec else []
    found = sorted((p for place in locations for p in Path(place).glob("lib/vis-*/vis-network.min.js")),
                   key=lambda p: _version(p.parent.name))
    if not found:
        raise OpcomapError("problems.vis_network_missing")
    return found[-1].parent


def _version(folder: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", folder))


@lru_cache(maxsize=1)
def vis_network() -> tuple[str, str]:
    """(javascript, css) of the newest vis-network shipped with pyvis, ready to inline."""
    folder = _vis_dir()
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    # A source-map comment makes developer tools fetch a file that is not there.
    js = _SOURCE_MAP.sub("", js)
    # Inlined inside <script>, the text must not close the element early.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


_STATIC = Path(__file__).resolve().parent / "static"


@lru_cache(maxsize=4)
def map_asset(name: str) -> str:
    """One of opcomap's own map files (``map.js``, ``map.css``…), ready to inline."""
    content = (_STATIC / name).read_text(encoding="utf-8")
    return content.replace("</script", "<\\/script").replace("</style", "<\\/style")


def component_folder(cache_dir: Path) -> Path:
    """A folder holding the app's map component: ``index.html``, the bridge, map.js/css
    and vis-network. Built once per content under ``cache_dir`` (pyvis's folder and
    the package may be read-only), then reused.
    """
    folder = _vis_dir()
    files = {
        "index.html": _STATIC / "component.html",
        "bridge.js": _STATIC / "bridge.js",
        "map.js": _STATIC / "map.js",
        "map.css": _STATIC / "map.css",
        "vis-network.min.js": folder / "vis-network.min.js",
        "vis-network.css": folder / "vis-network.css",
    }
    digest = hashlib.sha1()
    for name, path in sorted(files.items()):
        digest.update(name.encode() + b"\0" + path.read_bytes())
    target = cache_dir / "map-component" / digest.hexdigest()[:16]
    if (target / "index.html").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    for name, path in files.items():
        shutil.copyfile(path, staging / name)
    try:
        os.rename(staging, target)  # atomic: a half-copied folder is never served
    except OSError:  # another process built it first
        shutil.rmtree(staging, ignore_errors=True)
    return target
