"""Relecture: the proposals awaiting review, each with who, when and why, its fields before and
after, the sources it cites and a small map of what it changes; accept, or reject with a reason.

Shown when publishing is by review (``OPCOMAP_PUBLISH=review``) to those who may propose: a
reviewer sees the whole queue, an editor their own proposals, which they may withdraw. The
buttons act through callbacks that build the editor again for the session's user, so the
domain checks the permission at the moment of the click.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph_model.errors import OpcomapError, ValidationFailed
from graph_model.words import t
from graph_model.words.formats import day
from opcomap.auth import Permission
from opcomap.editing import Editor
from opcomap.editing.proposals import Proposal, marked_graph
from opcomap.ui import caches
from opcomap.ui.common import md
from opcomap.ui.context import AppContext
from opcomap.ui.edit.history import diff_rows
from opcomap.ui.edit.session import context, editor_for
from opcomap.ui.identity import current_user

FLASH = "rv_flash"
MAP_HEIGHT = 340
DONE = {"accept": "review.accepted", "reject": "review.rejected", "withdraw": "review.withdrawn"}
DECIDED_SHOWN = 50  # the latest decisions; `opcomap review list --all` has every one


def visible(ctx: AppContext) -> bool:
    """Whether the navigation lists the page: publishing by review, for someone who may propose."""
    return ctx.settings.opcomap_publish == "review" and current_user().can(Permission.PROPOSE)


def render(run: Any = None) -> None:
    """The page, as the app's navigation calls it (``render(run)``)."""
    ctx = run.ctx if run is not None else context()
    lang = ctx.lang
    st.title(t("page.relecture", lang))
    st.caption(t("review.intro", lang))
    if ctx.settings.opcomap_publish != "review":
        st.info(t("review.direct", lang))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        kind, text = flash
        (st.success if kind == "ok" else st.error)(text)
    editor = editor_for(ctx, current_user())
    if not editor.user.can(Permission.PROPOSE):
        st.warning(t("problems.review_cannot_propose", lang, who=md(editor.who or "?")))
        return
    pending = editor.proposals()
    st.subheader(t("review.queue", lang, n=len(pending)) if editor.reviews else t("review.mine", lang))
    if not pending:
        st.caption(t("review.none", lang))
    for proposal in pending:
        _proposal(ctx, editor, proposal, lang)
    decided = [p for p in editor.proposals(pending_only=False) if not p.pending][:DECIDED_SHOWN]
    if decided:
        with st.expander(t("review.decided", lang)):
            for proposal in decided:
                _decision(proposal, lang)


def _when(at: Any, lang: str) -> str:
    return f"{day(at, lang)} {at:%H:%M} UTC"


def _proposal(ctx: AppContext, editor: Editor, proposal: Proposal, lang: str) -> None:
    change, ident = proposal.change, proposal.id
    with st.container(border=True, key=f"rv_{ident}"):
        st.markdown("**" + md(t("review.entry", lang, when=_when(change.at, lang), who=change.who,
                                  what=change.described(lang))) + "**")
        st.markdown(t("review.why", lang, why=md(change.why)) if change.why else t("review.no_why", lang))
        rows = diff_rows(change, lang)
        if rows:
            st.dataframe(rows, hide_index=True)
        sources = proposal.sources()
        st.markdown("**" + t("review.sources", lang) + "**" if sources else t("review.no_sources", lang))
        for source in sources:
            st.markdown("- " + md(t("review.source", lang, title=source.title, publisher=source.publisher or "",
                                    url=source.url or "")))
        st.caption(t("review.map", lang))
        _map(ctx, editor, proposal, lang)
        own = proposal.who == editor.who
        if editor.reviews and (not own or editor.review_own):
            st.text_input(t("review.reason", lang), key=f"rv_reason_{ident}")
            left, right = st.columns(2)
            left.button(t("review.accept", lang), key=f"rv_accept_{ident}", type="primary",
                        disabled=editor.read_only, on_click=_decide, args=("accept", ident, lang))
            right.button(t("review.reject", lang), key=f"rv_reject_{ident}",
                         disabled=editor.read_only, on_click=_decide, args=("reject", ident, lang))
        if own:
            st.button(t("review.withdraw", lang), key=f"rv_withdraw_{ident}", disabled=editor.read_only,
                      on_click=_decide, args=("withdraw", ident, lang))
        error = st.session_state.get(f"rv_err_{ident}")
        if error:
            st.error(md(error))


def _map(ctx: AppContext, editor: Editor, proposal: Proposal, lang: str) -> None:
    """The actors the proposal concerns, with what it adds, removes and changes marked."""
    from opcomap.mapview import map_payload
    from opcomap.ui.mapframe import drawn_map, show_map

    graph = marked_graph(proposal.change, editor.store)
    if graph.number_of_nodes() == 0:
        return
    drawn = caches.result("review-map", graph, (proposal.id, lang, ctx.schema_path), lambda: drawn_map(
        map_payload(graph, ctx.schema, lang=lang), ctx.schema, lang=lang, height_px=MAP_HEIGHT))
    show_map(drawn, key=f"rv_map_{proposal.id}", lang=lang)


def _decision(proposal: Proposal, lang: str) -> None:
    change = proposal.change
    st.markdown("**" + md(t("review.entry", lang, when=_when(change.at, lang), who=change.who,
                              what=change.described(lang))) + "**")
    when = _when(proposal.decided_at, lang) if proposal.decided_at else ""
    st.markdown(md(t("review.decision", lang, status=t(f"review.status.{proposal.status}", lang),
                     who=proposal.decided_by or "", when=when)))
    if proposal.reason:
        st.markdown(t("review.decision_reason", lang, reason=md(proposal.reason)))


def _decide(action: str, proposal_id: str, lang: str) -> None:
    """A button's callback: the decision, by the session's user as they are now."""
    editor = editor_for(context(), current_user())
    error_key = f"rv_err_{proposal_id}"
    try:
        if action == "accept":
            summary = editor.accept(proposal_id).described(lang)
        elif action == "reject":
            summary = editor.reject(proposal_id, st.session_state.get(f"rv_reason_{proposal_id}") or "") \
                .change.described(lang)
        else:
            summary = editor.withdraw(proposal_id).change.described(lang)
    except ValidationFailed as exc:
        st.session_state[error_key] = " ; ".join(problem.describe(lang) for problem in exc.problems)
        return
    except OpcomapError as exc:
        st.session_state[error_key] = exc.message(lang)
        return
    st.session_state.pop(error_key, None)
    st.session_state[FLASH] = ("ok", t(DONE[action], lang, summary=md(summary)))
    if action == "accept":
        caches.forget()  # the published map changed: every page shows it at the next run


def page() -> None:
    """The page on its own (scripts, AppTest): context from the environment."""
    render(None)
