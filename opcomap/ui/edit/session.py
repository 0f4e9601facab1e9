"""What one session keeps while it edits: where edits go, the versions it opened, each form's messages.

Each form sends raw values to :class:`opcomap.editing.Editor`; the loaders'
validation answers field by field and the message is shown under the field.
Buttons act through ``on_click`` callbacks (:func:`submit`), which run before
the page is drawn again, so the messages land beside the fields they concern.
Typed text is only ever shown escaped (``md``) or as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from graph_model.errors import OpcomapError, ValidationFailed
from graph_model.models import Actor, Relationship
from graph_model.words import t
from graph_model.words.values import is_blank
from opcomap.auth import Permission, User
from opcomap.editing import Change, Editor, EditStore, Operation, WorkspaceStore, field_messages, version_of
from opcomap.ui import caches
from opcomap.ui.common import md
from opcomap.ui.context import AppContext, build_context
from opcomap.ui.identity import current_user, refusal

WHO = "ed_who"
WORKSPACE = "ed_workspace"
OPENED = "ed_opened"  # record id -> version the form was opened at
FLASH = "ed_flash"


# -- where edits go ---------------------------------------------------------------------

def edit_store(ctx: AppContext) -> EditStore:
    """Neo4j when the app runs on it; otherwise the workspace folder (never the bundled files)."""
    if ctx.mode == "neo4j":
        from opcomap.store.edits import Neo4jEditStore, ensure_history_index
        from opcomap.ui.data import driver_for

        driver, database = driver_for(ctx), ctx.settings.neo4j_database
        caches.shared("history-index", (ctx.source_key, database), lambda: ensure_history_index(driver, database))
        return Neo4jEditStore(driver, ctx.schema, database, location=f"Neo4j {ctx.settings.uri} ({database})")
    folder = st.session_state.get(WORKSPACE) or str(ctx.settings.opcomap_workspace)
    # Shared by sessions: the store re-reads its files whenever they change on disk, and writes under a file lock.
    return caches.shared("workspace-store", (folder, ctx.schema_path or ""),
                         lambda: WorkspaceStore(Path(folder), ctx.schema))


def context() -> AppContext:
    """The app's context when run inside the app, else one built from the environment."""
    from opcomap.ui import state

    run = st.session_state.get(state.RUN)
    if run is not None:
        return run.ctx
    return build_context(st.session_state.get(state.LANG_WIDGET) or "fr")


def editor_for(ctx: AppContext, user: User | None = None) -> Editor:
    """An editor acting as ``user`` (the session's by default), publishing as the settings say."""
    settings = ctx.settings
    return Editor(edit_store(ctx), ctx.schema, user=user or current_user(), read_only=settings.read_only,
                  publishing=settings.opcomap_publish, review_own=settings.opcomap_review_own)


def named_editor(ctx: AppContext) -> Editor | None:
    """An editor acting as the signed-in user, or in single-user mode as the name typed on the
    Modifier page; None without a name or when the user's role may not edit."""
    user = current_user()
    if not user.name or not user.can(Permission.PROPOSE):
        return None
    return editor_for(ctx, user)


# -- submitting -----------------------------------------------------------------------------

def submit(form: str, editor: Editor, lang: str, build: Callable[[], Operation],
           reset: Callable[[Change], None] | None = None) -> None:
    """Run one operation (a button's callback); keep its messages for the form to show.

    The user's role is asked again here: a viewer's session never writes, whatever it sends."""
    user = current_user()
    # The history names the signed-in account, never a typed name: an editor made for another is refused too.
    if not user.can(Permission.PROPOSE):
        st.session_state[f"ed_err_{form}"] = {"_": refusal(user, lang)}
        return
    if user.authenticated and editor.who != user.name:
        st.session_state[f"ed_err_{form}"] = {"_": t("auth.not_yours", lang)}
        return
    try:
        change = editor.submit(build())
    except ValidationFailed as exc:
        st.session_state[f"ed_err_{form}"] = field_messages(exc, lang)
        return
    except OpcomapError as exc:
        st.session_state[f"ed_err_{form}"] = {"_": exc.message(lang)}
        return
    st.session_state[f"ed_err_{form}"] = {}
    if editor.proposes:  # the map is unchanged: the forms stay open on the versions they showed
        st.session_state[FLASH] = ("edit.awaits_review", change.described(lang))
        if reset:
            reset(change)
        return
    st.session_state[FLASH] = ("edit.saved", change.described(lang))
    _remember_versions(change)
    if reset:
        reset(change)
    caches.forget()  # the edited map shows on every page at the next run


def _remember_versions(change: Change) -> None:
    """A saved record is now open at its new version."""
    opened = st.session_state.setdefault(OPENED, {})
    for ident, actor in change.after.actors.items():
        opened[ident] = version_of(actor)
    for key, rel in change.after.relationships.items():
        opened[key] = version_of(rel)


def opened(ident: str, record: Actor | Relationship) -> str:
    """The version this session opened ``ident`` at (recorded the first time it is shown)."""
    return st.session_state.setdefault(OPENED, {}).setdefault(ident, version_of(record))


def reopen(ident: str, store: EditStore) -> None:
    """Open ``ident`` again at its current version, forgetting the forms' messages."""
    record = store.actor(ident) if "|" not in ident else store.relationship(ident)
    st.session_state.setdefault(OPENED, {})[ident] = version_of(record)
    for key in [k for k in st.session_state if str(k).startswith("ed_err_")]:
        st.session_state[key] = {}


# -- fields and their messages ----------------------------------------------------------------

def _errors(form: str) -> dict[str, str]:
    return st.session_state.get(f"ed_err_{form}", {})


def field_error(form: str, name: str) -> None:
    message = _errors(form).get(name)
    if message:
        st.error(md(message))


def other_errors(form: str, shown: set[str], lang: str) -> None:
    """Messages about no field on the form (conflicts, read-only, a problem in a source list)."""
    for name, message in _errors(form).items():
        if name not in shown:
            st.error(md(message) if name == "_" else t("edit.field_error", lang, field=md(name), message=md(message)))


def text(form: str, name: str, label: str, key: str, value: str = "", area: bool = False) -> None:
    """A text field with its message underneath; ``value`` fills it the first time."""
    widget = st.text_area if area else st.text_input
    if key not in st.session_state:
        st.session_state[key] = value
    widget(label, key=key)
    field_error(form, name)


def value(key: str) -> Any:
    """A field's value, stripped; ``None`` for a blank one (empty, ``-``, ``n/a``…)."""
    raw = st.session_state.get(key)
    if isinstance(raw, str):
        return None if is_blank(raw) else raw.strip()
    return raw


def clear(*keys: str) -> None:
    for key in keys:
        st.session_state[key] = ""


def actor_picker(store: EditStore, lang: str, label: str, key: str) -> str | None:
    """Search by name, acronym, alias or id, then choose; returns the actor id."""
    query = st.text_input(t("edit.pick.search", lang, label=label), key=f"{key}_q",
                          placeholder=t("edit.pick.placeholder", lang))
    found = store.search(query or "", limit=50)
    names = {a.id: f"{a.name} ({a.id})" for a in found}
    if st.session_state.get(key) not in names:
        st.session_state.pop(key, None)
    if not names:
        st.caption(t("edit.pick.none", lang))
        return None
    return st.selectbox(label, list(names), key=key, index=None, format_func=lambda i: names.get(i, i),
                        placeholder=t("edit.pick.choose", lang))
