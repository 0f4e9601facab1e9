"""Modifier: keep the map current from the browser — actors, ties, sources, history, undo.

Each form sends raw values to :class:`opcomap.editing.Editor`; the loaders'
validation answers field by field and the message is shown under the field.
Buttons act through ``on_click`` callbacks, which run before the page is
drawn again, so the messages land beside the fields they concern. Typed text
is only ever shown escaped (``md``) or as plain text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from graph_model.models import Actor, Relationship
from graph_model.schema import Schema
from opcomap.editing import (
    OP_LABELS,
    AddRelationship,
    Change,
    CreateActor,
    DeleteRelationship,
    EditActor,
    Editor,
    EditStore,
    EndRelationship,
    MergeActors,
    Operation,
    UndoChange,
    WorkspaceStore,
    field_messages,
    version_of,
)
from graph_model.errors import OpcomapError, ValidationFailed
from opcomap.ui.common import md
from opcomap.ui.context import AppContext, build_context

log = logging.getLogger("opcomap.ui.editer")

WHO = "ed_who"
WORKSPACE = "ed_workspace"
OPENED = "ed_opened"  # record id -> version the form was opened at
FLASH = "ed_flash"
ACTOR_TEXT = ("short_name", "official_name", "region_code", "region_name", "siret", "idcc", "website")
LISTS = ("aliases", "sectors", "tags")


# -- words --------------------------------------------------------------------------

def _tr(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


FIELD_LABELS = {
    "id": ("Identifiant (slug : minuscules, chiffres, - _ .)", "Id (slug: lower case, digits, - _ .)"),
    "name": ("Nom *", "Name *"),
    "kind": ("Genre *", "Kind *"),
    "short_name": ("Sigle ou nom court", "Short name"),
    "official_name": ("Nom officiel", "Official name"),
    "aliases": ("Autres noms (séparés par |)", "Other names (separated by |)"),
    "region_code": ("Code INSEE de la Région", "INSEE Région code"),
    "region_name": ("Région", "Région name"),
    "siret": ("SIRET (14 chiffres)", "SIRET (14 digits)"),
    "idcc": ("IDCC (4 chiffres)", "IDCC (4 digits)"),
    "website": ("Site web", "Website"),
    "description": ("Description", "Description"),
    "sectors": ("Secteurs (séparés par |)", "Sectors (separated by |)"),
    "tags": ("Étiquettes (séparées par |)", "Tags (separated by |)"),
    "since": ("Depuis (AAAA-MM-JJ)", "Since (YYYY-MM-DD)"),
    "until": ("Jusqu'au (AAAA-MM-JJ)", "Until (YYYY-MM-DD)"),
    "why": ("Pourquoi ? (commentaire facultatif, gardé dans l'historique)",
            "Why? (optional comment, kept in the history)"),
}


def _label(lang: str, name: str) -> str:
    fr, en = FIELD_LABELS.get(name, (name, name))
    return _tr(lang, fr, en)


# -- where edits go -------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _history_index(source_key: str, _driver, database: str) -> bool:
    from opcomap.store.edits import ensure_history_index

    ensure_history_index(_driver, database)
    return True


def edit_store(ctx: AppContext) -> EditStore:
    """Neo4j when the app runs on it; otherwise the workspace folder (never the bundled files)."""
    if ctx.mode == "neo4j":
        from opcomap.store.edits import Neo4jEditStore
        from opcomap.ui.data import driver_for

        driver = driver_for(ctx)
        database = ctx.settings.neo4j_database
        _history_index(ctx.source_key, driver, database)
        return Neo4jEditStore(driver, ctx.schema, database, location=f"Neo4j {ctx.settings.uri} ({database})")
    folder = st.session_state.get(WORKSPACE) or str(ctx.settings.opcomap_workspace)
    return _workspace_store(folder, ctx.schema_path or "", ctx.schema)


@st.cache_resource(show_spinner=False)
def _workspace_store(folder: str, schema_key: str, _schema: Schema) -> WorkspaceStore:
    # Shared by sessions: the store re-reads its files whenever they change on disk,
    # and writes under a file lock.
    return WorkspaceStore(Path(folder), _schema)


def _context() -> AppContext:
    """The app's context when run inside the app, else one built from the environment."""
    from opcomap.ui import state

    run = st.session_state.get(state.RUN)
    if run is not None:
        return run.ctx
    return build_context(st.session_state.get("w_lang") or "fr")


def _after_write() -> None:
    """Edited data must show on the map at the next run."""
    try:
        from opcomap.ui.data import forget_cached_graphs

        forget_cached_graphs()
    except Exception:  # a stale cache must never fail a saved edit
        log.exception("could not clear cached graphs")


# -- form plumbing --------------------------------------------------------------------

def _errors(form: str) -> dict[str, str]:
    return st.session_state.get(f"ed_err_{form}", {})


def _field_error(form: str, name: str) -> None:
    message = _errors(form).get(name)
    if message:
        st.error(md(message))


def _other_errors(form: str, shown: set[str]) -> None:
    """Messages about no field on the form (conflicts, read-only, a problem in a source list)."""
    for name, message in _errors(form).items():
        if name not in shown:
            prefix = "" if name == "_" else f"{md(name)} : "
            st.error(prefix + md(message))


def _submit(form: str, editor: Editor, build: Callable[[], Operation], reset: Callable[[Change], None] | None = None) -> None:
    """Run one operation (button callback); keep its messages for the form to show."""
    try:
        change = editor.submit(build())
    except ValidationFailed as exc:
        st.session_state[f"ed_err_{form}"] = field_messages(exc)
        return
    except OpcomapError as exc:
        st.session_state[f"ed_err_{form}"] = {"_": str(exc)}
        return
    st.session_state[f"ed_err_{form}"] = {}
    st.session_state[FLASH] = change.summary
    _remember_versions(change)
    if reset:
        reset(change)
    _after_write()


def _remember_versions(change: Change) -> None:
    """A saved record is now open at its new version."""
    opened = st.session_state.setdefault(OPENED, {})
    for ident, actor in change.after.actors.items():
        opened[ident] = version_of(actor)
    for key, rel in change.after.relationships.items():
        opened[key] = version_of(rel)


def _opened(ident: str, record: Actor | Relationship) -> str:
    """The version this session opened ``ident`` at (recorded the first time it is shown)."""
    opened = st.session_state.setdefault(OPENED, {})
    return opened.setdefault(ident, version_of(record))


def _reopen(ident: str, store: EditStore) -> None:
    record = store.actor(ident) if "|" not in ident else store.relationship(ident)
    st.session_state.setdefault(OPENED, {})[ident] = version_of(record)
    for key in [k for k in st.session_state if str(k).startswith("ed_err_")]:
        st.session_state[key] = {}


def _text(form: str, name: str, label: str, key: str, value: str = "", area: bool = False) -> None:
    widget = st.text_area if area else st.text_input
    if key not in st.session_state:
        st.session_state[key] = value
    widget(label, key=key)
    _field_error(form, name)


def _value(key: str) -> Any:
    value = st.session_state.get(key)
    return value.strip() if isinstance(value, str) else value


def _clear(*keys: str) -> None:
    for key in keys:
        st.session_state[key] = ""


# -- actor search ---------------------------------------------------------------------

def actor_picker(store: EditStore, lang: str, label: str, key: str) -> str | None:
    """Search by name, acronym, alias or id, then choose; returns the actor id."""
    query = st.text_input(_tr(lang, f"{label} — rechercher", f"{label} — search"), key=f"{key}_q",
                          placeholder=_tr(lang, "nom, sigle, identifiant…", "name, acronym, id…"))
    found = store.search(query or "", limit=50)
    names = {a.id: f"{a.name} ({a.id})" for a in found}
    if st.session_state.get(key) not in names:
        st.session_state.pop(key, None)
    if not names:
        st.caption(_tr(lang, "Aucun acteur ne correspond.", "No actor matches."))
        return None
    return st.selectbox(label, list(names), key=key, index=None, format_func=lambda i: names.get(i, i),
                        placeholder=_tr(lang, "Choisir un acteur", "Choose an actor"))


# -- the forms -------------------------------------------------------------------------

def _actor_fields(form: str, schema: Schema, lang: str, prefix: str, actor: Actor | None) -> None:
    data = actor.model_dump(mode="json") if actor else {}
    kinds = sorted(schema.kinds, key=lambda k: schema.kind_label(k, lang))
    if actor is None:
        _text(form, "id", _label(lang, "id"), f"{prefix}id")
    _text(form, "name", _label(lang, "name"), f"{prefix}name", data.get("name", ""))
    kind_key = f"{prefix}kind"
    if kind_key not in st.session_state and actor is not None:
        st.session_state[kind_key] = actor.kind if actor.kind in kinds else None
    st.selectbox(_label(lang, "kind"), kinds, key=kind_key, index=None,
                 format_func=lambda k: f"{schema.kind_label(k, lang)} ({k})",
                 placeholder=_tr(lang, "Choisir un genre", "Choose a kind"))
    _field_error(form, "kind")
    left, right = st.columns(2)
    for i, name in enumerate(ACTOR_TEXT + LISTS + ("since", "until")):
        with left if i % 2 == 0 else right:
            value = data.get(name)
            text = " | ".join(value) if isinstance(value, list) else (value or "")
            _text(form, name, _label(lang, name), f"{prefix}{name}", str(text))
    _text(form, "description", _label(lang, "description"), f"{prefix}description",
          data.get("description") or "", area=True)


ACTOR_FORM_FIELDS = {"id", "name", "kind", "description", *ACTOR_TEXT, *LISTS, "since", "until"}


def _actor_values(prefix: str, actor_id: str | None = None) -> dict[str, Any]:
    names = ["name", "kind", "description", *ACTOR_TEXT, *LISTS, "since", "until"]
    values = {name: _value(f"{prefix}{name}") for name in names}
    values["id"] = actor_id if actor_id is not None else _value(f"{prefix}id")
    if not values.get("kind"):
        values["kind"] = None
    return values


def _create_actor_form(editor: Editor, lang: str, read_only: bool) -> None:
    form, prefix = "create", "ed_new_"
    st.subheader(_tr(lang, "Créer un acteur", "Create an actor"))
    _actor_fields(form, editor.schema, lang, prefix, None)
    _text(form, "why", _label(lang, "why"), f"{prefix}why")
    _other_errors(form, ACTOR_FORM_FIELDS)

    def reset(_change: Change) -> None:
        for name in ACTOR_FORM_FIELDS | {"why"}:
            st.session_state[f"{prefix}{name}"] = None if name == "kind" else ""

    st.button(
        _tr(lang, "Créer l'acteur", "Create the actor"), key="ed_create_btn", type="primary", disabled=read_only,
        on_click=_submit, args=(form, editor, lambda: CreateActor(fields=_actor_values(prefix),
                                                                  why=_value(f"{prefix}why") or None), reset),
    )


def _edit_actor_form(editor: Editor, lang: str, read_only: bool) -> None:
    form = "edit"
    st.subheader(_tr(lang, "Modifier un acteur", "Edit an actor"))
    actor_id = actor_picker(editor.store, lang, _tr(lang, "Acteur", "Actor"), "ed_edit_pick")
    if actor_id is None:
        return
    current = editor.store.actor(actor_id)
    if current is None:
        st.warning(_tr(lang, "Cet acteur n'existe plus.", "This actor no longer exists."))
        return
    version = _opened(actor_id, current)
    st.caption(_tr(lang, f"Fiche ouverte à la version {version}", f"Opened at version {version}"))
    prefix = f"ed_edit_{actor_id}_{version}_"
    _actor_fields(form, editor.schema, lang, prefix, current)
    _text(form, "why", _label(lang, "why"), f"{prefix}why")
    _other_errors(form, ACTOR_FORM_FIELDS)
    left, right = st.columns(2)
    left.button(
        _tr(lang, "Enregistrer", "Save"), key="ed_edit_btn", type="primary", disabled=read_only,
        on_click=_submit, args=(form, editor, lambda: EditActor(
            actor_id=actor_id, version=version, fields=_actor_values(prefix, actor_id),
            why=_value(f"{prefix}why") or None)),
    )
    right.button(_tr(lang, "Recharger la version actuelle", "Reload the current version"), key="ed_edit_reload",
                 on_click=_reopen, args=(actor_id, editor.store))


def _merge_form(editor: Editor, lang: str, read_only: bool) -> None:
    form = "merge"
    st.subheader(_tr(lang, "Fusionner deux doublons", "Merge two duplicates"))
    st.caption(_tr(lang, "Les relations du doublon passent à l'acteur conservé ; son identifiant et son nom "
                         "deviennent des alias de l'acteur conservé.",
                   "The duplicate's ties move to the kept actor; its id and name become aliases of the kept actor."))
    survivor = actor_picker(editor.store, lang, _tr(lang, "Acteur conservé", "Actor kept"), "ed_merge_keep")
    merged = actor_picker(editor.store, lang, _tr(lang, "Doublon à fusionner (sera retiré)",
                                                  "Duplicate to merge (will be removed)"), "ed_merge_drop")
    _field_error(form, "merged_id")
    _text(form, "why", _label(lang, "why"), "ed_merge_why")
    _other_errors(form, {"merged_id", "why"})
    if not survivor or not merged:
        return
    records = editor.store.actors_by_id([survivor, merged])
    if len(records) < len({survivor, merged}):
        return
    sv, mv = _opened(survivor, records[survivor]), _opened(merged, records[merged])
    ties = len(editor.store.relationships_of(merged))
    st.caption(_tr(lang, f"{ties} relation(s) à reporter.", f"{ties} tie(s) to move."))
    st.button(
        _tr(lang, "Fusionner", "Merge"), key="ed_merge_btn", type="primary", disabled=read_only,
        on_click=_submit, args=(form, editor, lambda: MergeActors(
            survivor_id=survivor, survivor_version=sv, merged_id=merged, merged_version=mv,
            why=_value("ed_merge_why") or None), lambda _c: _clear("ed_merge_why")),
    )


SOURCE_INPUTS = (("title", "Titre de la source *", "Source title *"),
                 ("url", "URL de la source", "Source URL"),
                 ("publisher", "Éditeur de la source", "Source publisher"),
                 ("consulted", "Consultée le (AAAA-MM-JJ)", "Consulted on (YYYY-MM-DD)"))


def _add_relationship_form(editor: Editor, lang: str, read_only: bool) -> None:
    form, prefix = "addrel", "ed_rel_"
    schema = editor.schema
    st.subheader(_tr(lang, "Ajouter une relation", "Add a relationship"))
    actor_picker(editor.store, lang, _tr(lang, "De (source)", "From (source)"), f"{prefix}source")
    _field_error(form, "source")
    actor_picker(editor.store, lang, _tr(lang, "Vers (cible)", "To (target)"), f"{prefix}target")
    _field_error(form, "target")
    types = sorted(schema.relationship_types, key=lambda t: schema.type_label(t, lang))
    rel_type = st.selectbox(_tr(lang, "Type de relation *", "Relationship type *"), types, key=f"{prefix}type",
                            index=None, format_func=lambda t: f"{schema.type_label(t, lang)} ({t})",
                            placeholder=_tr(lang, "Choisir un type", "Choose a type"))
    if rel_type:
        st.caption(_tr(lang, "Paires admises : ", "Allowed pairs: ") + md(schema.allowed_pairs_text(rel_type)))
    _field_error(form, "type")
    left, right = st.columns(2)
    with left:
        _text(form, "since", _label(lang, "since"), f"{prefix}since")
    with right:
        _text(form, "until", _label(lang, "until"), f"{prefix}until")
    st.checkbox(_tr(lang, "Lien illustratif (plausible, non confirmé)", "Illustrative tie (plausible, unconfirmed)"),
                key=f"{prefix}illustrative")
    spec = schema.relationship_types.get(rel_type or "")
    properties = list(spec.properties.items()) if spec else []
    for name, prop in properties:
        label = f"{name}{' *' if prop.required else ''} ({prop.type})"
        if prop.values:
            st.selectbox(label, prop.values, key=f"{prefix}p_{rel_type}_{name}", index=None)
            _field_error(form, name)
        else:
            _text(form, name, label, f"{prefix}p_{rel_type}_{name}")
    _text(form, "note", _tr(lang, "Note", "Note"), f"{prefix}note")
    st.markdown(_tr(lang, "**Source** (au moins une, obligatoire)", "**Source** (at least one, required)"))
    for name, fr, en in SOURCE_INPUTS:
        _text(form, f"source_{name}", _tr(lang, fr, en), f"{prefix}src_{name}")
    _text(form, "why", _label(lang, "why"), f"{prefix}why")
    shown = {"source", "target", "type", "since", "until", "note", "why", *(n for n, _ in properties),
             *(f"source_{n}" for n, _, _ in SOURCE_INPUTS)}
    _other_errors(form, shown)

    def build() -> AddRelationship:
        fields: dict[str, Any] = {
            "source": st.session_state.get(f"{prefix}source"), "target": st.session_state.get(f"{prefix}target"),
            "type": st.session_state.get(f"{prefix}type"), "since": _value(f"{prefix}since"),
            "until": _value(f"{prefix}until"), "illustrative": bool(st.session_state.get(f"{prefix}illustrative")),
            "note": _value(f"{prefix}note"),
        }
        for name, _prop in properties:
            fields[name] = _value(f"{prefix}p_{rel_type}_{name}")
        source_fields = {name: _value(f"{prefix}src_{name}") for name, _, _ in SOURCE_INPUTS}
        return AddRelationship(fields=fields, source=source_fields, why=_value(f"{prefix}why") or None)

    def reset(_change: Change) -> None:
        _clear(f"{prefix}note", f"{prefix}why", f"{prefix}until")

    st.button(_tr(lang, "Ajouter la relation", "Add the relationship"), key="ed_rel_btn", type="primary",
              disabled=read_only, on_click=_submit, args=(form, editor, build, reset))


def _relationship_label(rel: Relationship, schema: Schema, lang: str, names: dict[str, str]) -> str:
    period = f" [{rel.since or '…'} → {rel.until or ''}]" if rel.since or rel.until else ""
    return (f"{names.get(rel.source, rel.source)} —{schema.type_label(rel.type, lang)}→ "
            f"{names.get(rel.target, rel.target)}{period}")


def _end_or_delete_form(editor: Editor, lang: str, read_only: bool) -> None:
    st.subheader(_tr(lang, "Terminer ou supprimer une relation", "End or delete a relationship"))
    actor_id = actor_picker(editor.store, lang, _tr(lang, "Acteur", "Actor"), "ed_end_pick")
    if actor_id is None:
        return
    ties = {r.key: r for r in editor.store.relationships_of(actor_id)}
    if not ties:
        st.caption(_tr(lang, "Cet acteur n'a aucune relation.", "This actor has no ties."))
        return
    names = {i: a.name for i, a in editor.store.actors_by_id(
        {r.source for r in ties.values()} | {r.target for r in ties.values()}).items()}
    if st.session_state.get("ed_end_rel") not in ties:
        st.session_state.pop("ed_end_rel", None)
    key = st.selectbox(_tr(lang, "Relation", "Relationship"), list(ties), key="ed_end_rel", index=None,
                       format_func=lambda k: _relationship_label(ties[k], editor.schema, lang, names),
                       placeholder=_tr(lang, "Choisir une relation", "Choose a relationship"))
    if key is None:
        return
    rel = ties[key]
    version = _opened(key, rel)
    sources = ", ".join(s.title for s in rel.sources) or "—"
    st.caption(_tr(lang, "Sources : ", "Sources: ") + md(sources))

    st.markdown(_tr(lang, "**Terminer** — la relation reste sur la carte, avec sa date de fin.",
                    "**End** — the tie stays on the map, with its end date."))
    _text("end", "until", _label(lang, "until"), "ed_end_until")
    _text("end", "why", _label(lang, "why"), "ed_end_why")
    _other_errors("end", {"until", "why"})
    st.button(_tr(lang, "Terminer la relation", "End the relationship"), key="ed_end_btn", disabled=read_only,
              on_click=_submit, args=("end", editor, lambda: EndRelationship(
                  key=key, version=version, until=_value("ed_end_until"), why=_value("ed_end_why") or None),
                  lambda _c: _clear("ed_end_until", "ed_end_why")))

    st.markdown(_tr(lang, "**Supprimer** — la relation disparaît de la carte (l'historique la garde).",
                    "**Delete** — the tie leaves the map (the history keeps it)."))
    st.checkbox(_tr(lang, "Je confirme la suppression définitive de cette relation",
                    "I confirm deleting this relationship"), key="ed_del_confirm")
    _text("delete", "why", _label(lang, "why"), "ed_del_why")
    _other_errors("delete", {"why"})

    def reset(_change: Change) -> None:
        st.session_state["ed_del_confirm"] = False
        st.session_state.pop("ed_end_rel", None)
        _clear("ed_del_why")

    st.button(_tr(lang, "Supprimer la relation", "Delete the relationship"), key="ed_del_btn", disabled=read_only,
              on_click=_submit, args=("delete", editor, lambda: DeleteRelationship(
                  key=key, version=version, confirmed=bool(st.session_state.get("ed_del_confirm")),
                  why=_value("ed_del_why") or None), reset))


# -- history ------------------------------------------------------------------------------

def _store_and_flags(ctx: AppContext) -> tuple[EditStore, bool]:
    return edit_store(ctx), ctx.settings.read_only


def history_for(actor_id: str, ctx: AppContext | None = None) -> list[Change]:
    """The recorded changes that concern ``actor_id``, newest first (for the Acteur page)."""
    ctx = ctx or _context()
    return edit_store(ctx).history(actor_id)


def show_history(actor_id: str, ctx: AppContext | None = None, *, editor: Editor | None = None,
                 key: str = "hist") -> None:
    """Draw an actor's history (for the Acteur page too).

    Each change gets an undo button when the session has an editor: the one
    given, or one built from the name given on the Modifier page.
    """
    ctx = ctx or _context()
    lang = ctx.lang
    if editor is None and st.session_state.get(WHO):
        editor = Editor(edit_store(ctx), ctx.schema, who=st.session_state[WHO], read_only=ctx.settings.read_only)
    changes = editor.history(actor_id) if editor else history_for(actor_id, ctx)
    if not changes:
        st.caption(_tr(lang, "Aucune modification enregistrée pour cet acteur.", "No recorded change for this actor."))
        return
    for change in changes:
        when = change.at.strftime("%Y-%m-%d %H:%M UTC")
        state = _tr(lang, " · annulée", " · undone") if change.undone else ""
        title = f"{when} · {change.who} · {OP_LABELS.get(change.op, change.op)}{state}"
        with st.expander(md(title)):
            st.text(change.summary)
            if change.why:
                st.markdown(_tr(lang, "**Pourquoi** : ", "**Why**: ") + md(change.why))
            rows = [{"fiche": r, "champ": f, "avant": _cell(b), "après": _cell(a)} for r, f, b, a in change.diff()]
            if rows:
                st.dataframe(rows, hide_index=True)
            if editor is not None and not change.undone:
                form = f"undo_{change.id}"
                st.button(_tr(lang, "Annuler cette modification", "Undo this change"), key=f"ed_{key}_undo_{change.id}",
                          disabled=editor.read_only, on_click=_submit,
                          args=(form, editor, lambda c=change: UndoChange(change_id=c.id)))
                _other_errors(form, set())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return str(value)


def _history_tab(editor: Editor, lang: str) -> None:
    st.subheader(_tr(lang, "Historique d'un acteur", "An actor's history"))
    actor_id = actor_picker(editor.store, lang, _tr(lang, "Acteur", "Actor"), "ed_hist_pick")
    manual = st.text_input(_tr(lang, "…ou identifiant (acteur fusionné ou supprimé)", "…or id (merged or removed actor)"),
                           key="ed_hist_id")
    actor_id = actor_id or (manual.strip() if manual else None)
    if actor_id:
        show_history(actor_id, _context(), editor=editor, key="tab")


# -- the page ------------------------------------------------------------------------------

def _ask_name(lang: str) -> str | None:
    who = st.session_state.get(WHO)
    if who:
        left, right = st.columns([4, 1])
        left.markdown(_tr(lang, "Modifications enregistrées au nom de **", "Changes recorded as **") + md(who) + "**")
        right.button(_tr(lang, "Changer de nom", "Change name"), key="ed_who_change",
                     on_click=lambda: st.session_state.pop(WHO, None))
        return who

    def keep_name() -> None:
        name = (st.session_state.get("ed_who_input") or "").strip()
        if name:
            st.session_state[WHO] = name

    st.text_input(_tr(lang, "Votre nom (enregistré dans l'historique de chaque modification)",
                      "Your name (recorded in the history of each change)"), key="ed_who_input")
    st.button(_tr(lang, "Commencer à modifier", "Start editing"), key="ed_who_btn", on_click=keep_name)
    st.info(_tr(lang, "Indiquez votre nom une fois pour la session : il accompagne chaque modification.",
                "Give your name once per session: it goes with every change."))
    return None


def _where(ctx: AppContext, store: EditStore, lang: str) -> None:
    if isinstance(store, WorkspaceStore):
        st.markdown(_tr(lang, "Dossier de travail : ", "Workspace folder: ") + f"`{md(store.location)}`")
        if store.initialised:
            st.caption(_tr(lang, "Les modifications sont enregistrées dans ce dossier (actors.csv, relationships.csv, "
                                 "sources.csv, history.jsonl). `opcomap load` peut l'envoyer dans Neo4j.",
                           "Edits are saved in this folder; `opcomap load` can push it into Neo4j."))
        else:
            st.caption(_tr(lang, "Le dossier sera créé à la première modification, comme copie de la carte de "
                                 "référence ; la carte fournie n'est jamais modifiée.",
                           "The folder is created at the first edit as a copy of the reference map; "
                           "the bundled map is never modified."))
        with st.expander(_tr(lang, "Changer de dossier de travail", "Change the workspace folder")):
            st.caption(_tr(lang, "Par défaut : variable OPCOMAP_WORKSPACE.", "Default: OPCOMAP_WORKSPACE."))
            st.text_input(_tr(lang, "Dossier", "Folder"), key=WORKSPACE, value=str(ctx.settings.opcomap_workspace))
        if ctx.mode == "files":
            st.warning(_tr(lang, "La carte affiche les fichiers passés avec --data ; les modifications vont dans le "
                                 "dossier de travail ci-dessus (lancez l'application avec --data sur ce dossier "
                                 "pour les voir sur la carte).",
                           "The map shows the --data files; edits go to the workspace above."))
    else:
        st.markdown(_tr(lang, "Les modifications sont écrites dans ", "Edits are written to ") + f"`{md(store.location)}`"
                    + _tr(lang, ", une transaction par modification.", ", one transaction per change."))


def render(run: Any = None) -> None:
    """The page, as the app's navigation calls it (``render(run)``)."""
    ctx = run.ctx if run is not None else _context()
    lang = ctx.lang
    st.title(_tr(lang, "Modifier la carte", "Edit the map"))
    store, read_only = _store_and_flags(ctx)
    _where(ctx, store, lang)
    if read_only:
        from opcomap.editing.service import READ_ONLY

        st.warning(READ_ONLY)
    who = _ask_name(lang)
    if not who:
        return
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(_tr(lang, "Enregistré : ", "Saved: ") + md(flash))
    editor = Editor(store, ctx.schema, who=who, read_only=read_only)
    tabs = st.tabs([
        _tr(lang, "Créer un acteur", "Create an actor"), _tr(lang, "Modifier un acteur", "Edit an actor"),
        _tr(lang, "Fusionner", "Merge"), _tr(lang, "Ajouter une relation", "Add a relationship"),
        _tr(lang, "Terminer / supprimer", "End / delete"), _tr(lang, "Historique", "History"),
    ])
    sections = (_create_actor_form, _edit_actor_form, _merge_form, _add_relationship_form, _end_or_delete_form)
    for tab, section in zip(tabs, sections):
        with tab:
            section(editor, lang, read_only)
    with tabs[-1]:
        _history_tab(editor, lang)


def page() -> None:
    """The page on its own (scripts, AppTest): context from the environment."""
    render(None)
