"""Small helpers the pages share: safe text, links, the view's graph, profile links, numbers and dates."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

import networkx as nx
import streamlit as st

from opcomap.ui.data import ViewGraph, edge_count
from graph_model.words import t
from graph_model.words.formats import day, number, percent
from graph_model.words.values import iso_day
from opcomap.ui.state import Run

_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|$~"


def md(text: object) -> str:
    """Text from a data file, made inert for ``st.markdown`` (no Markdown, no HTML).

    >>> md("<b>CFA *X*</b>")
    '\\\\<b\\\\>CFA \\\\*X\\\\*\\\\</b\\\\>'
    """
    out = str(text)
    for char in _MD_SPECIAL:
        out = out.replace(char, "\\" + char)
    return out


def safe_url(url: object) -> str | None:
    """``url`` if it is a web address, percent-encoded enough to sit in a Markdown link.

    >>> safe_url("javascript:alert(1)") is None, safe_url("https://a.fr/x y(1)")
    (True, 'https://a.fr/x%20y%281%29')
    """
    text = str(url or "").strip()
    if not text.lower().startswith(("http://", "https://")):
        return None
    return quote(text, safe=":/?&=#%~+,;@!$'*")


def link(label: object, url: object) -> str:
    """A Markdown link to a web page, or the bare (escaped) label if the URL is unsafe."""
    href = safe_url(url)
    return f"[{md(label)}]({href})" if href else md(label)


def page_href(run: Run, page: str, **params: str) -> str:
    """A relative link to another view of the app, keeping the language.

    >>> from types import SimpleNamespace
    >>> page_href(SimpleNamespace(lang="en"), "acteur", id="akto")
    './?page=acteur&lang=en&id=akto'
    """
    query = {"page": page, "lang": run.lang, **params}
    return "./?" + urlencode(query)


def actor_link(run: Run, graph: nx.Graph, actor_id: str) -> str:
    """A Markdown link to an actor's profile, labelled with its (escaped) name."""
    name = graph.nodes[actor_id].get("name", actor_id) if actor_id in graph else actor_id
    return f"[{md(name)}]({page_href(run, 'acteur', id=actor_id)})"


def show_view(run: Run, counts: bool = True, details: bool = False) -> ViewGraph:
    """The graph of the current view, with the fallback banner and the counts shown
    (``details``: with every source, see :meth:`Run.view_of`)."""
    view = run.view(details)
    if view.banner:
        st.warning(view.banner, icon=":material/cloud_off:")
    if counts:
        st.markdown(counts_line(view.graph.number_of_nodes(), edge_count(view.graph), run.lang))
    return view


def documented_view(run: Run) -> ViewGraph | None:
    """The view without illustrative and weakly sourced ties, or None when the filters already drop them."""
    filters = run.filters.model_copy(update={"include_illustrative": False, "include_weak": False})
    return None if filters == run.filters else run.view_of(filters)


def thin_caveat(run: Run, view: ViewGraph, key: str = "w_without_thin") -> ViewGraph:
    """Say how much of the view rests on illustrative or weakly sourced ties, and offer the
    same analyses without them; returns the view the page analyses."""
    lang = run.lang
    documented = documented_view(run)
    total = edge_count(view.graph)
    thin = total - edge_count(documented.graph) if documented is not None else 0
    if not thin:
        return view
    st.warning(t("analysis.thin", lang, n=number(thin, lang), m=number(total, lang),
                 share=percent(thin / total, lang)), icon=":material/warning:")
    if st.toggle(t("analysis.without_thin", lang), key=key):
        st.caption(counts_line(documented.graph.number_of_nodes(), edge_count(documented.graph), lang))
        return documented
    return view


def counts_line(actors: int, ties: int, lang: str) -> str:
    """``1 221 acteurs, 3 400 relations``, grouped the way the language reads numbers."""
    return t("counts", lang, n=number(actors, lang), m=number(ties, lang))


def shown_day(value: Any, lang: str) -> str:
    """A date as the language writes it (``07/12/2026``, ``2026-12-07``); other text as it is.

    >>> shown_day("2024-01-01", "fr"), shown_day("2024-01-01", "en"), shown_day("?", "fr")
    ('01/01/2024', '2024-01-01', '?')
    """
    found = iso_day(value) if value not in (None, "") else None
    return day(found, lang) if found else str(value)


_SAMPLED = re.compile(r"sampled \(k=(\d+), seed=([^)]*)\)")


def method_words(how: str, lang: str) -> str:
    """How a metric was obtained, in words: the analysis says ``exact`` or ``sampled (k=…, seed=…)``.

    >>> method_words("sampled (k=500, seed=7)", "fr"), method_words("exact", "en")
    ('échantillon de 500 acteurs (graine 7)', 'exact')
    """
    found = _SAMPLED.fullmatch(how)
    if found:
        return t("analysis.sampled", lang, k=number(int(found[1]), lang), seed=found[2])
    return t("analysis.exact", lang) if how == "exact" else how


def describe_filters(run: Run) -> str:
    """Show the view's filters in one line, naming its OPCO and focus as readers know them; return
    that line as text (the map's picture writes it too)."""
    described = run.described()
    st.caption(md(described))
    return described
