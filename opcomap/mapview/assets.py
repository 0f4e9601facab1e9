"""vis-network's JavaScript and CSS, read from the installed pyvis package and inlined.

pyvis's own template always links Bootstrap from a CDN, so opcomap writes its
page itself and inlines the vis-network build pyvis ships: the map then opens
with no network at all (offline laptops, locked-down networks, archived reports).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from opcomap.errors import OpcomapError

_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def _vis_dir() -> Path:
    lib = Path(str(resources.files("pyvis"))) / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: _version(p.parent.name))
    if not found:
        raise OpcomapError(
            "vis-network introuvable dans le paquet pyvis installé : réinstallez pyvis (pip install pyvis)"
        )
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
