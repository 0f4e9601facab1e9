"""Widgets several pages share: the sidebar filters, the actor picker and the file uploader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import networkx as nx
import streamlit as st

from graph_model.schema import Schema
from opcomap.ui.caches import per_graph
from opcomap.ui.common import md
from graph_model.words import t
from graph_model.words.formats import day, number
from opcomap.ui.state import FILTER_WIDGETS as W
from opcomap.ui.state import Run
from opcomap.analysis.filters import lost_anchors, valid_on
from opcomap.analysis.selection import ViewFilters

OPCO_KIND = "OPCO"  # the kind ViewFilters.opco refers to; hidden when a schema has none
PERSIST: Literal["session"] = "session"  # filters survive a visit to the Cypher or Données page
LARGE_PICKER = 1500  # above this many actors, a text box narrows a picker's options first
MATCH_LIMIT = 200  # most matches a narrowed picker lists (its label then says there are more)


def actor_label(graph: nx.Graph, schema: Schema, lang: str, actor_id: str) -> str:
    """``Name — Kind label`` (the text of search results)."""
    attrs = graph.nodes[actor_id] if actor_id in graph else {}
    name = attrs.get("name", actor_id)
    short = attrs.get("short_name")
    kind = schema.kind_label(attrs.get("kind", ""), lang) if attrs.get("kind") else ""
    shown = f"{name} ({short})" if short and short != name else name
    return f"{shown} — {kind}" if kind else shown


def sorted_actor_ids(graph: nx.Graph, kinds: Iterable[str] | None = None) -> list[str]:
    """Actor ids ordered by name (case- and accent-insensitive enough for a picker)."""
    return list(_sorted_ids(graph, None if kinds is None else tuple(sorted(kinds))))


@per_graph
def _sorted_ids(graph: nx.Graph, kinds: tuple[str, ...] | None) -> tuple[str, ...]:
    wanted = set(kinds) if kinds is not None else None
    ids = [n for n, a in graph.nodes(data=True) if wanted is None or a.get("kind") in wanted]
    return tuple(sorted(ids, key=lambda n: (str(graph.nodes[n].get("name", n)).casefold(), n)))


def _valid_choice(key: str, options: list) -> None:
    # A value from a link that is not (or no longer) an option must not break the widget.
    if key in st.session_state and st.session_state[key] is not None and st.session_state[key] not in options:
        del st.session_state[key]


def matching_ids(graph: nx.Graph, ids: list[str], words: str, limit: int = MATCH_LIMIT) -> list[str]:
    """Actors whose id, name, short name, official name or an alias contains every word.

    >>> g = nx.Graph(); g.add_node("opco-2i", name="OPCO 2i", aliases=["Opco interindustriel"])
    >>> g.add_node("akto", name="AKTO")
    >>> matching_ids(g, ["opco-2i", "akto"], "interind"), matching_ids(g, ["opco-2i", "akto"], "")
    (['opco-2i'], [])
    """
    wanted = words.casefold().split()
    if not wanted:
        return []
    found = []
    for node in ids:
        attrs = graph.nodes[node]
        text = " ".join([str(node), str(attrs.get("name", "")), str(attrs.get("short_name") or ""),
                         str(attrs.get("official_name") or ""), *map(str, attrs.get("aliases") or [])]).casefold()
        if all(word in text for word in wanted):
            found.append(node)
            if len(found) >= limit:
                break
    return found


def actor_select(label: str, key: str, catalogue: nx.Graph, schema: Schema, lang: str,
                 container=st, ids: list[str] | None = None, help: str | None = None) -> str | None:
    """A searchable select box of actors (type to search names, acronyms, kinds).

    On a large map the box would carry thousands of options to the browser on
    every run; there a text box narrows the choice first.
    """
    options = ids if ids is not None else sorted_actor_ids(catalogue)
    if len(options) > LARGE_PICKER:
        words = container.text_input(label, key=f"{key}_words", placeholder=t("search.placeholder", lang),
                                     help=t("search.large", lang, n=len(options)))
        current = st.session_state.get(key)
        narrowed = matching_ids(catalogue, options, words)
        if isinstance(current, str) and current in catalogue and current not in narrowed:
            narrowed.insert(0, current)
        options = narrowed
        full = len(options) >= MATCH_LIMIT  # matching stopped there: more match than are listed
        label = t("search.results_first" if full else "search.results", lang, n=len(options))
    _valid_choice(key, options)
    return container.selectbox(
        label, options, index=None, key=key, placeholder=t("search.placeholder", lang), help=help,
        format_func=lambda n: actor_label(catalogue, schema, lang, n),
    )


@per_graph
def regions_of(graph: nx.Graph) -> dict[str, str]:
    """Région code -> name, for the actors that carry one."""
    found: dict[str, str] = {}
    for _, attrs in graph.nodes(data=True):
        code = attrs.get("region_code")
        if code:
            found.setdefault(str(code), str(attrs.get("region_name") or code))
    return dict(sorted(found.items(), key=lambda item: item[1].casefold()))


@per_graph
def datasets_of(graph: nx.Graph) -> list[str]:
    return sorted({str(a["dataset"]) for _, a in graph.nodes(data=True) if a.get("dataset")})


def filter_sidebar(run: Run, catalogue: nx.Graph) -> ViewFilters:
    """The filters of the view, as chosen in the sidebar."""
    schema, lang = run.ctx.schema, run.lang
    side = st.sidebar
    side.subheader(t("filters.header", lang))
    kinds = list(schema.kinds)
    types = list(schema.relationship_types)
    _valid_multi(W["kinds"], kinds)
    _valid_multi(W["types"], types)
    chosen_kinds = side.multiselect(
        t("filters.kinds", lang), kinds, key=W["kinds"], placeholder=t("filters.all", lang),
        format_func=lambda k: schema.kind_label(k, lang), persist_state=PERSIST,
    )
    chosen_types = side.multiselect(
        t("filters.types", lang), types, key=W["types"], placeholder=t("filters.all", lang),
        format_func=lambda k: schema.type_label(k, lang), persist_state=PERSIST,
    )
    regions = regions_of(catalogue)
    region = None
    if regions:
        _valid_choice(W["region"], list(regions))
        region = side.selectbox(
            t("filters.region", lang), list(regions), index=None, key=W["region"],
            placeholder=t("filters.any", lang), format_func=lambda c: f"{regions[c]} ({c})", persist_state=PERSIST,
        )
    opco = None
    if OPCO_KIND in schema.kinds:
        opco = actor_select(t("filters.opco", lang), W["opco"], catalogue, schema, lang, container=side,
                            ids=_anchor_choices(catalogue, W["opco"], [OPCO_KIND]))
    dataset = None
    datasets = datasets_of(catalogue)
    if len(datasets) > 1:
        _valid_choice(W["dataset"], datasets)
        dataset = side.selectbox(t("filters.dataset", lang), datasets, index=None, key=W["dataset"],
                                 placeholder=t("filters.any", lang), persist_state=PERSIST)
    if W["as_of"] in st.session_state and not isinstance(st.session_state[W["as_of"]], (dt.date, type(None))):
        del st.session_state[W["as_of"]]
    as_of = side.date_input(t("filters.as_of", lang), value=None,
                            # one format in both languages: Streamlit counts it in the widget's identity,
                            # and a new identity would drop the date chosen when the language changes
                            key=W["as_of"], format="DD/MM/YYYY", min_value=dt.date(1950, 1, 1),
                            max_value=dt.date(2100, 12, 31), persist_state=PERSIST)
    st.session_state.setdefault(W["include_illustrative"], True)
    illustrative = side.toggle(t("filters.illustrative", lang), key=W["include_illustrative"],
                               help=t("filters.illustrative_help", lang), persist_state=PERSIST)
    st.session_state.setdefault(W["include_weak"], True)
    weak = side.toggle(t("filters.weak", lang), key=W["include_weak"],
                       help=t("filters.weak_help", lang), persist_state=PERSIST)
    focus = actor_select(t("map.focus", lang), W["focus"], catalogue, schema, lang, container=side,
                         ids=_anchor_choices(catalogue, W["focus"]))
    depth = 1
    if focus:
        st.session_state.setdefault(W["depth"], 1)
        depth = side.slider(t("map.depth", lang), 1, 3, key=W["depth"], persist_state=PERSIST)
    if side.button(t("filters.reset", lang)):
        for key in W.values():
            st.session_state.pop(key, None)
        st.rerun()
    return ViewFilters(
        kinds=tuple(chosen_kinds) or None,
        types=tuple(chosen_types) or None,
        region=region,
        opco=opco,
        as_of=as_of if isinstance(as_of, dt.date) else None,
        dataset=dataset,
        include_illustrative=bool(illustrative),
        include_weak=bool(weak),
        focus=focus,
        depth=int(depth),
    )


def _anchor_choices(catalogue: nx.Graph, key: str, kinds: list[str] | None = None) -> list[str]:
    """The actors an anchor picker offers: those the view can show (an anchor escapes the kinds
    and the Région, not the date nor the dataset), and the current choice, so that a choice the
    date or dataset removes is explained (:func:`anchor_notice`) rather than silently dropped."""
    as_of, dataset = st.session_state.get(W["as_of"]), st.session_state.get(W["dataset"])
    on = as_of.isoformat() if isinstance(as_of, dt.date) else None
    ids = _shown_ids(catalogue, None if kinds is None else tuple(kinds), on, dataset)
    current = st.session_state.get(key)
    if isinstance(current, str) and current and current not in ids:
        ids = [current, *ids]
    return ids


@per_graph
def _shown_ids(graph: nx.Graph, kinds: tuple[str, ...] | None, on: str | None, dataset: str | None) -> list[str]:
    return [n for n in sorted_actor_ids(graph, kinds)
            if (on is None or valid_on(graph.nodes[n], on))
            and (dataset is None or graph.nodes[n].get("dataset", dataset) == dataset)]


# The filter whose removal brings a lost anchor back (ViewFilters field), by cause.
_RELAX = {"as_of": "as_of", "dataset": "dataset"}


def anchor_notice(run: Run) -> bool:
    """When a filter removes the view's OPCO or focus: one sentence saying which, and a button
    that removes that filter. True when it said so (the page has no view to show)."""
    lang, catalogue = run.lang, run.catalogue().graph
    lost = lost_anchors(catalogue, run.filters)
    for item in lost:
        name = catalogue.nodes[item.actor].get("name", item.actor) if item.actor in catalogue else item.actor
        relax = _RELAX.get(item.cause, item.field)
        st.warning(t(f"anchor.lost_{item.cause}", lang, name=md(name), filter=t(f"anchor.filter_{item.field}", lang),
                     day=day(run.filters.as_of, lang) if run.filters.as_of else "", dataset=md(run.filters.dataset or "")))
        if st.button(t(f"anchor.relax_{relax}", lang), key=f"relax_{relax}"):
            st.session_state.pop(W[relax], None)
            st.rerun()
    return bool(lost)


def _valid_multi(key: str, options: list[str]) -> None:
    if key in st.session_state:
        st.session_state[key] = [v for v in (st.session_state[key] or []) if v in options]


def _css_text(text: str) -> str:
    r"""``text`` as a CSS string literal (for ``content:``), unable to close the rule or the tag.

    >>> print(_css_text('Choisir « x »'), _css_text('a"</style>'))
    "Choisir « x »" "a\22 \3c /style\3e "
    """
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>\n' else c for c in text) + '"'


def file_uploader(label: str, lang: str, *, key: str, types: list[str] | None = None,
                  multiple: bool = False):
    """``st.file_uploader`` saying its button and its limits in the user's language.

    Streamlit writes "Upload" and "200MB per file" in English whatever the page's
    language (it has no translations): those are hidden by CSS, the button says the
    catalogue's word and a caption below gives the limit and the formats.
    """
    button = "upload.button_many" if multiple else "upload.button"
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzoneInstructions"] {display: none;}'
        '[data-testid="stFileUploaderDropzone"] button > * {display: none;}'
        f'[data-testid="stFileUploaderDropzone"] button::after {{content: {_css_text(t(button, lang))};}}'
        "</style>"
    )
    sent = st.file_uploader(label, type=types, accept_multiple_files=multiple, key=key)
    limit = t("upload.limit", lang, size=number(int(st.get_option("server.maxUploadSize")), lang))
    if types:
        limit = t("upload.limit_types", lang, limit=limit, types=", ".join(x.upper() for x in types))
    st.caption(limit)
    return sent
