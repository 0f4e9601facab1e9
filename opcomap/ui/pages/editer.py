"""Modifier: keep the map current from the browser — actors, ties, sources, history, undo.

The page says where edits go, names the signed-in account (in single-user mode,
asks the editor's name once per session), then
shows one tab per form (:mod:`opcomap.ui.edit.forms`) and the history
(:mod:`opcomap.ui.edit.history`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph_model.words import t
from opcomap.auth import Permission
from opcomap.editing import Editor, EditStore, WorkspaceStore
from opcomap.ui.common import md
from opcomap.ui.context import AppContext
from opcomap.ui.edit.forms import FORMS
from opcomap.ui.edit.history import history_tab
from opcomap.ui.edit.session import FLASH, WHO, WORKSPACE, context, edit_store, editor_for
from opcomap.ui.identity import current_user, refusal


def _ask_name(lang: str) -> str | None:
    user = current_user()
    if user.authenticated:  # the history records the account, not a typed name
        st.markdown(t("auth.edit_as", lang, who=md(user.name)))
        return user.name
    who = st.session_state.get(WHO)
    if who:
        left, right = st.columns([4, 1])
        left.markdown(t("edit.who.as", lang, who=md(who)))
        right.button(t("edit.who.change", lang), key="ed_who_change", on_click=lambda: st.session_state.pop(WHO, None))
        return who

    def keep_name() -> None:
        name = (st.session_state.get("ed_who_input") or "").strip()
        if name:
            st.session_state[WHO] = name

    st.text_input(t("edit.who.input", lang), key="ed_who_input")
    st.button(t("edit.who.start", lang), key="ed_who_btn", on_click=keep_name)
    st.info(t("edit.who.info", lang))
    return None


def _where(ctx: AppContext, store: EditStore, lang: str) -> None:
    if not isinstance(store, WorkspaceStore):
        st.markdown(t("edit.where.neo4j", lang, location=md(store.location)))
        return
    st.markdown(t("edit.where.folder", lang, path=md(store.location)))
    st.caption(t("edit.where.saved" if store.initialised else "edit.where.created", lang))
    with st.expander(t("edit.where.change", lang)):
        st.caption(t("edit.where.default", lang))
        st.text_input(t("edit.where.folder_input", lang), key=WORKSPACE, value=str(ctx.settings.opcomap_workspace))
    if ctx.mode == "files":
        st.warning(t("edit.where.files", lang))


def render(run: Any = None) -> None:
    """The page, as the app's navigation calls it (``render(run)``)."""
    ctx = run.ctx if run is not None else context()
    lang, read_only = ctx.lang, ctx.settings.read_only
    st.title(t("edit.title", lang))
    user = current_user()
    if not user.can(Permission.PROPOSE):
        st.warning(refusal(user, lang))
        return
    store = edit_store(ctx)
    _where(ctx, store, lang)
    if read_only:
        st.warning(t("edit.read_only", lang))
    if not _ask_name(lang):
        return
    flash = st.session_state.pop(FLASH, None)
    if flash:
        key, summary = flash
        (st.info if key == "edit.awaits_review" else st.success)(t(key, lang, summary=md(summary)))
    editor = editor_for(ctx, user)
    if editor.proposes:
        st.caption(t("edit.proposes", lang))
    tabs = st.tabs([t(title, lang) for title, _form in FORMS] + [t("edit.history", lang)])
    for tab, (_title, form) in zip(tabs, FORMS):
        with tab:
            form(editor, lang, read_only)
    with tabs[-1]:
        history_tab(editor, lang)


def page() -> None:
    """The page on its own (scripts, AppTest): context from the environment."""
    render(None)
