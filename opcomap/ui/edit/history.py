"""The history of an actor's changes, each with its undo button: on the Modifier page and the Acteur page."""

from __future__ import annotations

import streamlit as st

from graph_model.words import t
from graph_model.words.formats import day
from graph_model.words.values import yes_no
from opcomap.auth import Permission
from opcomap.editing import Change, Editor, UndoChange, op_label
from opcomap.ui.common import md
from opcomap.ui.context import AppContext
from opcomap.ui.edit.session import actor_picker, context, edit_store, named_editor, other_errors, submit


def history_for(actor_id: str, ctx: AppContext | None = None) -> list[Change]:
    """The recorded changes that concern ``actor_id``, newest first."""
    return edit_store(ctx or context()).history(actor_id)


def show_history(actor_id: str, ctx: AppContext | None = None, *, editor: Editor | None = None,
                 key: str = "hist") -> None:
    """Draw an actor's history (for the Acteur page too).

    Each change gets an undo button when the session has an editor: the one
    given, or one for the name given on the Modifier page.
    """
    ctx = ctx or context()
    lang = ctx.lang
    editor = editor or named_editor(ctx)
    changes = editor.history(actor_id) if editor else history_for(actor_id, ctx)
    if not changes:
        st.caption(t("edit.history.none", lang))
        return
    for change in changes:
        with st.expander(md(_title(change, lang))):
            st.text(change.described(lang))
            if change.why:
                st.markdown(t("edit.history.why", lang, why=md(change.why)))
            rows = diff_rows(change, lang)
            if rows:
                st.dataframe(rows, hide_index=True)
            if editor is not None and not change.undone and editor.user.can(Permission.PROPOSE):
                form = f"undo_{change.id}"
                st.button(t("edit.history.undo", lang), key=f"ed_{key}_undo_{change.id}",
                          disabled=editor.read_only, on_click=submit,
                          args=(form, editor, lang, lambda c=change: UndoChange(change_id=c.id)))
                other_errors(form, set(), lang)


def diff_rows(change: Change, lang: str) -> list[dict[str, str]]:
    """The change field by field, as table rows under the catalogue's column names."""
    columns = [t(f"edit.diff.{name}", lang) for name in ("record", "field", "before", "after")]
    return [dict(zip(columns, (record, name, _cell(before, lang), _cell(after, lang)), strict=True))
            for record, name, before, after in change.diff(lang)]


def _title(change: Change, lang: str) -> str:
    when = f"{day(change.at, lang)} {change.at:%H:%M} UTC"
    entry = t("edit.history.entry", lang, when=when, who=change.who, what=op_label(change.op, lang))
    if change.reviewed_by:
        entry = t("edit.history.reviewed", lang, entry=entry, reviewer=change.reviewed_by)
    return t("edit.history.undone", lang, entry=entry) if change.undone else entry


def _cell(value: object, lang: str) -> str:
    """A value of the diff table: yes/no in the user's language, lists joined, nothing for blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return str(value)


def history_tab(editor: Editor, lang: str) -> None:
    """Pick an actor (or type the id of one merged or removed) and show its history."""
    st.subheader(t("edit.history.title", lang))
    actor_id = actor_picker(editor.store, lang, t("edit.actor", lang), "ed_hist_pick")
    typed = st.text_input(t("edit.history.by_id", lang), key="ed_hist_id")
    actor_id = actor_id or (typed.strip() if typed else None)
    if actor_id:
        show_history(actor_id, context(), editor=editor, key="tab")
