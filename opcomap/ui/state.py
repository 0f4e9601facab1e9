"""Per-run state shared by the entry point and the pages, and its sync with the URL.

The URL is the source of truth when it changes from outside (a shared link, a
click on the map, a page switch carrying parameters); otherwise the widgets
are, and every run writes their values back to the URL so the address bar
always reproduces the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from graph_model.schema import Schema
from opcomap.ui.context import AppContext
from opcomap.ui.data import ViewGraph, view_graph
from opcomap.ui.urlstate import from_query_params, merge_params
from opcomap.analysis.filters import describe_view
from opcomap.analysis.selection import ViewFilters

WRITTEN = "_opcomap_written_url"
RUN = "_opcomap_run"

# URL parameter -> widget key, for the values pages keep in the URL besides the filters.
PAGE_PARAMS: dict[str, str] = {
    "id": "w_actor",
    "src": "w_src",
    "dst": "w_dst",
    "size": "w_size",
    "layout": "w_layout",
    "map": "w_mapview",
    "colour": "w_colour",
    "pfrom": "w_pfrom",
    "pto": "w_pto",
    "opcos": "w_opcos",
    "q": "w_query",
    "named": "w_named",
    "at": "w_at",
    "vs": "w_vs",
    "measure": "w_france_measure",
    "mopco": "w_france_opco",
}
# ViewFilters field -> widget key of the sidebar filters.
FILTER_WIDGETS: dict[str, str] = {
    "kinds": "f_kinds",
    "types": "f_types",
    "region": "f_region",
    "opco": "f_opco",
    "as_of": "f_as_of",
    "dataset": "f_dataset",
    "include_illustrative": "f_illustrative",
    "include_weak": "f_weak",
    "focus": "f_focus",
    "depth": "f_depth",
}
LANG_WIDGET = "w_lang"


@dataclass
class Run:
    """What one script run knows: context, current page, filters, and URL extras."""

    ctx: AppContext
    page: str
    filters: ViewFilters = field(default_factory=ViewFilters)
    extra: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # slug -> st.Page, for switching pages
    graphs: dict = field(default_factory=dict)  # this run's graphs by filters (a cache read stats the data files)

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def keep(self, name: str, value: str | None) -> None:
        """Keep a page value (``id``, ``src``...) in the URL."""
        self.extra[name] = value

    def view_of(self, filters: ViewFilters, details: bool = False) -> ViewGraph:
        """The graph of ``filters``, read once per run; ``details``: with every description, note
        and source, for a page that lists them all (from Neo4j a view leaves them there)."""
        key = (filters.model_dump_json(), details)
        if key not in self.graphs:
            self.graphs[key] = view_graph(self.ctx, filters, details)
        return self.graphs[key]

    def view(self, details: bool = False) -> ViewGraph:
        """The graph of the current view (``details``: as in :meth:`view_of`)."""
        return self.view_of(self.filters, details)

    def catalogue(self) -> ViewGraph:
        """The whole map: what search boxes and filter choices list."""
        return self.view_of(ViewFilters())

    def described(self, filters: ViewFilters | None = None) -> str:
        """``filters`` (this run's when None) in one line, the OPCO and the focus by their names:
        what every caption and download of the app says of its view (not yet escaped for Markdown)."""
        filters = filters or self.filters
        return describe_view(self.catalogue().graph, filters, self.lang, self.ctx.schema)

    def open_page(self, slug: str, **params: str) -> None:
        """Switch to another page of the app with the given view values (keeps filters and language)."""
        wanted = merge_params({}, self.filters, lang=self.lang, **params)
        st.switch_page(self.pages[slug], query_params=wanted)

    def params(self) -> dict[str, str]:
        """The query of this view's URL (the page is the URL's path, e.g. /acteur)."""
        return merge_params({}, self.filters, lang=self.lang, **self.extra)


def current_run() -> Run:
    return st.session_state[RUN]


def url_params() -> dict[str, str]:
    return {key: st.query_params[key] for key in st.query_params}


def url_changed_from_outside() -> bool:
    """True on a first load, a shared link, or a switch carrying parameters.

    A page switch from the menu clears the URL: that keeps the widgets' values.
    """
    url = url_params()
    written = st.session_state.get(WRITTEN)
    if written is None:
        return True
    return bool(url) and url != written


def load_widgets_from_url(schema: Schema) -> list[str]:
    """Set every URL-bound widget from the URL; returns notes on dropped values."""
    url = url_params()
    filters, notes = from_query_params(url, schema)
    for name, key in FILTER_WIDGETS.items():
        value = getattr(filters, name)
        if name in ("kinds", "types"):
            value = list(value or [])
        st.session_state[key] = value
    for param, key in PAGE_PARAMS.items():
        if param in url:
            st.session_state[key] = url[param]
        else:
            st.session_state.pop(key, None)
    if "pfrom" in url or "pto" in url:
        st.session_state["w_path_on"] = True  # the map's path pickers show only when switched on
    if "at" in url:
        st.session_state["w_time_on"] = True  # so is the time slider
    st.session_state[LANG_WIDGET] = "en" if url.get("lang") == "en" else "fr"
    return notes


def write_url(run: Run) -> None:
    """Put the view in the address bar (only when it changed: writing costs a message)."""
    params = run.params()
    if params != url_params():
        st.query_params.from_dict(params)
    st.session_state[WRITTEN] = params
