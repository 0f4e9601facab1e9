"""The app's entry point: navigation, language, sidebar filters, URL state.

``app.py`` calls :func:`run_app`. Each page is a ``render(run)`` function in
``opcomap.ui.pages``; this module wires them into ``st.navigation`` and wraps
each in :func:`opcomap.ui.guard.guarded`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from graph_model.schema import load_schema
from opcomap.auth import Permission
from opcomap.ui import caches, signin, state
from opcomap.ui.context import AppContext, build_context, schema_path_from_env
from opcomap.ui.guard import guarded, report
from opcomap.ui.identity import current_user
from graph_model.words import normalise_lang, t
from opcomap.ui.pages import (
    acteur,
    analyse,
    carte,
    chemins,
    comparer,
    cypher,
    donnees,
    editer,
    france,
    rapprocher,
    relecture,
    sources,
)
from opcomap.ui.widgets import anchor_notice, filter_sidebar

log = logging.getLogger("opcomap.ui")


@dataclass(frozen=True)
class PageSpec:
    slug: str
    render: Callable[[state.Run], None]
    icon: str
    filtered: bool  # shows the sidebar filters
    needs: Permission = Permission.READ  # a page the user's role does not allow is not in the menu
    shown: Callable[[AppContext], bool] | None = None  # listed only when this says so; None: always


PAGES = (
    PageSpec("carte", carte.render, ":material/hub:", True),
    PageSpec("france", france.render, ":material/map:", True),
    PageSpec("acteur", acteur.render, ":material/badge:", True),
    PageSpec("chemins", chemins.render, ":material/route:", True),
    PageSpec("analyse", analyse.render, ":material/insights:", True),
    PageSpec("comparer", comparer.render, ":material/compare_arrows:", True),
    PageSpec("cypher", cypher.render, ":material/terminal:", False),
    PageSpec("donnees", donnees.render, ":material/upload_file:", False),
    PageSpec("sources", sources.render, ":material/menu_book:", True),
    PageSpec("rapprocher", rapprocher.render, ":material/fact_check:", False),
    PageSpec("modifier", editer.render, ":material/edit:", False, needs=Permission.PROPOSE),
    PageSpec("relecture", relecture.render, ":material/rate_review:", False, shown=relecture.visible),
)
SLUGS = tuple(p.slug for p in PAGES if p.shown is None)  # the pages every session lists


def _page_runner(spec: PageSpec) -> Callable[[], None]:
    def run_page() -> None:
        run = state.current_run()
        if spec.filtered and anchor_notice(run):
            return  # a filter removed the view's OPCO or focus: the notice says which
        spec.render(run)

    run_page.__name__ = spec.slug
    return guarded(run_page, lambda: state.current_run().lang)


def _language(url_lang: str) -> str:
    st.session_state.setdefault(state.LANG_WIDGET, url_lang)
    choice = st.sidebar.segmented_control(
        t("lang.switch", url_lang), ["fr", "en"], key=state.LANG_WIDGET,
        format_func=lambda code: t(f"lang.{code}", code), label_visibility="collapsed",
    )
    return choice or "fr"


def _mode_caption(run: state.Run) -> str:
    """Which map the pages show: Neo4j, the --data files, the edit workspace or the bundled
    map, with the datasets uploaded over it (the rule is :mod:`opcomap.editing.embedded`'s)."""
    from opcomap.editing.embedded import embedded_words

    ctx = run.ctx
    if ctx.mode == "neo4j":
        return t("mode.neo4j", run.lang, uri=ctx.settings.uri)
    if ctx.mode == "files":
        caption = t("mode.files", run.lang, paths=", ".join(ctx.data))
    else:
        key, values = embedded_words(ctx.settings.opcomap_workspace)
        caption = t(key, run.lang, **values)
    uploads = [path.name for path in (ctx.data_paths or [])[len(ctx.base_paths):]]
    if uploads:
        caption += " · " + t("mode.uploads", run.lang, names=", ".join(uploads))
    return caption


def _favicon():
    """A small drawn icon: a material-icon favicon would be fetched from fonts.gstatic.com."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    pen = ImageDraw.Draw(icon)
    pen.line([(16, 44), (32, 18), (48, 44), (16, 44)], fill="#555555", width=4)
    for (x, y), colour in (((32, 18), "#d62728"), ((16, 44), "#1f77b4"), ((48, 44), "#17becf")):
        pen.ellipse([x - 10, y - 10, x + 10, y + 10], fill=colour)
    return icon


# On paper: the page alone at full width, without the sidebar, the header and its toolbar.
_PRINT_CSS = (
    "<style>@media print {"
    '[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],'
    ' [data-testid="stExpandSidebarButton"] { display: none !important; }'
    ' [data-testid="stMain"] { margin-left: 0 !important; width: 100% !important; }'
    ' [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 1rem !important; }'
    ' iframe { width: 100% !important; }'
    "}</style>"
)


def run_app() -> None:
    """Build and run the whole app (one Streamlit script run)."""
    st.set_page_config(page_title="opcomap", page_icon=caches.shared("favicon", None, _favicon), layout="wide")
    st.html(_PRINT_CSS)
    url_lang = normalise_lang(st.query_params.get("lang"))
    try:
        path = schema_path_from_env()
        schema = caches.shared("schema", path, lambda: load_schema(path))
    except Exception as exc:  # noqa: BLE001 - a bad --schema file: say so, do not crash
        report(exc, url_lang)
        return
    notes: list[str] = []
    if state.url_changed_from_outside():
        notes = state.load_widgets_from_url(schema)
    lang = _language(url_lang)
    ctx = build_context(lang, schema_loader=lambda _path: schema)
    if not signin.gate(ctx.settings, lang):
        return  # the sign-in page is drawn, and nothing else

    user = current_user()
    listed = [spec for spec in PAGES if user.can(spec.needs) and (spec.shown is None or spec.shown(ctx))]
    runners = {spec.slug: _page_runner(spec) for spec in listed}
    requested = st.query_params.get("page")
    pages = {
        spec.slug: st.Page(runners[spec.slug], title=t(f"page.{spec.slug}", lang), icon=spec.icon,
                           url_path=spec.slug, default=spec.slug == "carte")
        for spec in listed
    }
    current = st.navigation(list(pages.values()))
    slug = next((s for s, p in pages.items() if p is current), "carte")
    if requested in pages and requested != slug:
        # A link written as ?page=acteur&id=... (map clicks, profile links): go there once.
        # The page then lives in the URL's path (/acteur), so the menu is never overruled
        # by a stale parameter.
        st.switch_page(pages[requested], query_params={k: v for k, v in state.url_params().items() if k != "page"})
    spec = next(p for p in listed if p.slug == slug)

    run = state.Run(ctx=ctx, page=slug, notes=notes, pages=pages)
    st.session_state[state.RUN] = run
    st.sidebar.caption(_mode_caption(run))
    for note in notes:
        st.toast(t("url.ignored", lang, detail=note))
    if spec.filtered:
        try:
            catalogue = run.catalogue()
            run.filters = filter_sidebar(run, catalogue.graph)
        except Exception as exc:  # noqa: BLE001 - e.g. invalid --data files: show the problems
            report(exc, lang)
            return
    current.run()
    state.write_url(run)


__all__ = ["PAGES", "SLUGS", "run_app"]
