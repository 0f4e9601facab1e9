"""The map's assets, all in ``static/``: vis-network (vendored, see VIS_NETWORK) and
opcomap's own files (map.js, map.css, the app component's page and bridge).

Exported files inline everything and open with no network at all
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
from pathlib import Path

# vis-network's own UMD build (dist/ of the npm package: vis-data included, CSS apart),
# vendored with its licences (Apache-2.0 or MIT) so the version is pinned and nothing
# larger is installed to carry it; the README says where it comes from.
VIS_NETWORK = "9.1.2"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
_STATIC = Path(__file__).resolve().parent / "static"
_VIS_JS = _STATIC / "vis-network.min.js"
_VIS_CSS = _STATIC / "vis-network.min.css"


@lru_cache(maxsize=1)
def vis_network() -> tuple[str, str]:
    """(javascript, css) of vis-network, ready to inline."""
    js = _VIS_JS.read_text(encoding="utf-8")
    css = _VIS_CSS.read_text(encoding="utf-8")
    # A source-map comment makes developer tools fetch a file that is not there.
    js = _SOURCE_MAP.sub("", js)
    # Inlined inside <script>, the text must not close the element early.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


@lru_cache(maxsize=4)
def map_asset(name: str) -> str:
    """One of opcomap's own map files (``map.js``, ``map.css``…), ready to inline."""
    content = (_STATIC / name).read_text(encoding="utf-8")
    return content.replace("</script", "<\\/script").replace("</style", "<\\/style")


def component_folder(cache_dir: Path) -> Path:
    """A folder holding the app's map component: ``index.html``, the bridge, map.js/css
    and vis-network. Built once per content under ``cache_dir`` (the installed package
    may be read-only), then reused.
    """
    files = {
        "index.html": _STATIC / "component.html",
        "bridge.js": _STATIC / "bridge.js",
        "map.js": _STATIC / "map.js",
        "map.css": _STATIC / "map.css",
        "vis-network.min.js": _VIS_JS,
        "vis-network.css": _VIS_CSS,
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
