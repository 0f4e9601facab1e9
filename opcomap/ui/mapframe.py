"""The map inside the app: a Streamlit component around ``opcomap.mapview``'s map.js.

Why a component rather than an HTML frame per run: the frame loads
vis-network once from a local folder (cached by the browser) and stays loaded
across reruns, so a new view only sends its data; and "open the profile" in the
map's inspector asks for its profile as the component's value, which
opens it through the app's own navigation (URL state kept). Everything else a user
does on the map (inspect, expand, hide, pin, legend, keys) stays in the frame: no rerun.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from graph_model.schema import Schema
from graph_model.words import t
from graph_model.words.formats import number
from opcomap.mapview.aggregate import GROUP_PREFIX
from opcomap.mapview.assets import component_folder
from opcomap.mapview.page import map_data, page_body
from opcomap.mapview.payload import MapPayload
from opcomap.mapview.ties import ties_table_html
from opcomap.settings import Settings

_SEEN = "_opcomap_map_clicks"  # session key: the last click handled per map


@dataclass(frozen=True)
class DrawnMap:
    """A view ready for the component: escaped markup, vis-network data as UTF-8 JSON (the actors
    and ties held back for expansion apart), a version."""

    body: str
    data: bytes
    version: str
    notice: str | None = None  # said above the map when large views are aggregated
    caption: str | None = None  # what the first view shows, in one sentence
    ties: str = ""  # the drawn ties as an escaped HTML table, for screen readers
    reserve: bytes = b'{"nodes":[],"edges":[]}'  # read by the frame after its first draw


def drawn_map(payload: MapPayload, schema: Schema, *, lang: str, height_px: int) -> DrawnMap:
    """Turn a map payload into what the component draws (cache the result: it is pure).

    >>> from graph_model.schema import default_schema
    >>> payload = MapPayload(nodes=[], edges=[], kinds=[], types=[])
    >>> drawn = drawn_map(payload, default_schema(), lang="fr", height_px=300)
    >>> "0 acteur, 0 relation" in drawn.body, json.loads(drawn.data)["nodes"], json.loads(drawn.reserve)
    (True, [], {'nodes': [], 'edges': []})
    """
    body = page_body(payload, schema, lang=lang, title=None, height=f"{height_px}px")
    found = map_data(payload, lang, schema)
    reserve = _json(found.pop("reserve"))
    data = _json(found)
    version = hashlib.sha1(b"\0".join((lang.encode(), body.encode(), data, reserve))).hexdigest()
    notice = payload.aggregation.banner(schema, lang) if payload.aggregation else None
    caption = None
    if payload.story:
        told = payload.story
        caption = t("map.story_caption", lang, kind=told["kind_label"], n=number(told["centre"], lang),
                    partners=number(told["partners"], lang), sectors=number(told["sectors"], lang))
    return DrawnMap(body, data, version, notice, caption, ties_table_html(payload, schema, lang, open_=True),
                    reserve)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


@lru_cache(maxsize=1)
def _component() -> Any:
    folder = component_folder(Settings().opcomap_cache_dir)
    return components.declare_component("opcomap_map", path=str(folder))


def clicked_actor(value: Any, last_seen: Any) -> str | None:
    """The actor whose profile the map's inspector has just asked for, or None
    (no request, a request already handled).

    >>> clicked_actor({"id": "opco-akto", "at": 2}, last_seen=1)
    'opco-akto'
    >>> clicked_actor({"id": "opco-akto", "at": 2}, last_seen=2) is None
    True
    >>> clicked_actor(None, None) is None
    True
    """
    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        return None
    if value.get("at") == last_seen:
        return None
    return value["id"]


def show_map(drawn: DrawnMap, *, key: str, lang: str, caption: tuple[str, ...] = ()) -> str | None:
    """Draw the map and, on request, its ties as a table; return the id of an actor whose profile the
    user has just asked for, else None. ``caption``: the lines the page shows about the view (plain
    text), which the map's picture writes under the drawing."""
    value = _component()(
        # Bytes reach the frame as they are; a string would be decoded and parsed again by the page.
        body=drawn.body, data=drawn.data, reserve=drawn.reserve, version=drawn.version, lang=lang,
        group_prefix=GROUP_PREFIX, caption=list(caption), key=key, default=None,
    )
    # Sent only when asked: a national map's table weighs more than its drawing.
    if drawn.ties and st.toggle(t("map.ties_toggle", lang), key=f"{key}_ties"):
        st.html(drawn.ties)
    seen = st.session_state.setdefault(_SEEN, {})
    chosen = clicked_actor(value, seen.get(key))
    if chosen is not None:
        seen[key] = value["at"]
    return chosen
