"""The Modifier page's forms: create, edit and merge actors; add, end and delete relationships.

Each form draws its fields (messages underneath, see :mod:`.session`) and a
button whose callback builds one operation from the fields' values.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph_model.models import Actor, Relationship
from graph_model.schema import Schema
from graph_model.words import t
from opcomap.editing import (
    AddRelationship,
    Change,
    CreateActor,
    DeleteRelationship,
    EditActor,
    Editor,
    EndRelationship,
    MergeActors,
)
from opcomap.ui.common import md
from opcomap.ui.edit.session import (
    actor_picker,
    clear,
    field_error,
    opened,
    other_errors,
    reopen,
    submit,
    text,
    value,
)

ACTOR_TEXT = ("short_name", "official_name", "region_code", "region_name", "siret", "idcc", "website")
LISTS = ("aliases", "sectors", "tags")
ACTOR_FORM_FIELDS = {"id", "name", "kind", "description", *ACTOR_TEXT, *LISTS, "since", "until"}
SOURCE_INPUTS = ("title", "url", "publisher", "consulted")


def _label(lang: str, name: str) -> str:
    return t(f"edit.field.{name}", lang)


def _why(form: str, lang: str, key: str) -> None:
    text(form, "why", _label(lang, "why"), key)


# -- actors -------------------------------------------------------------------------------

def _actor_fields(form: str, schema: Schema, lang: str, prefix: str, actor: Actor | None) -> None:
    data = actor.model_dump(mode="json") if actor else {}
    kinds = sorted(schema.kinds, key=lambda k: schema.kind_label(k, lang))
    if actor is None:
        text(form, "id", _label(lang, "id"), f"{prefix}id")
    text(form, "name", _label(lang, "name"), f"{prefix}name", data.get("name", ""))
    kind_key = f"{prefix}kind"
    if kind_key not in st.session_state and actor is not None:
        st.session_state[kind_key] = actor.kind if actor.kind in kinds else None
    st.selectbox(_label(lang, "kind"), kinds, key=kind_key, index=None,
                 format_func=lambda k: f"{schema.kind_label(k, lang)} ({k})",
                 placeholder=t("edit.kind.choose", lang))
    field_error(form, "kind")
    left, right = st.columns(2)
    for i, name in enumerate(ACTOR_TEXT + LISTS + ("since", "until")):
        with left if i % 2 == 0 else right:
            kept = data.get(name)
            shown = " | ".join(kept) if isinstance(kept, list) else (kept or "")
            text(form, name, _label(lang, name), f"{prefix}{name}", str(shown))
    text(form, "description", _label(lang, "description"), f"{prefix}description",
         data.get("description") or "", area=True)


def _actor_values(prefix: str, actor_id: str | None = None) -> dict[str, Any]:
    names = ["name", "kind", "description", *ACTOR_TEXT, *LISTS, "since", "until"]
    values = {name: value(f"{prefix}{name}") for name in names}
    values["id"] = actor_id if actor_id is not None else value(f"{prefix}id")
    return values


def create_actor(editor: Editor, lang: str, read_only: bool) -> None:
    form, prefix = "create", "ed_new_"
    st.subheader(t("edit.create", lang))
    _actor_fields(form, editor.schema, lang, prefix, None)
    _why(form, lang, f"{prefix}why")
    other_errors(form, ACTOR_FORM_FIELDS, lang)

    def reset(_change: Change) -> None:
        for name in ACTOR_FORM_FIELDS | {"why"}:
            st.session_state[f"{prefix}{name}"] = None if name == "kind" else ""

    st.button(
        t("edit.create.button", lang), key="ed_create_btn", type="primary", disabled=read_only,
        on_click=submit, args=(form, editor, lang, lambda: CreateActor(fields=_actor_values(prefix),
                                                                       why=value(f"{prefix}why")), reset),
    )


def edit_actor(editor: Editor, lang: str, read_only: bool) -> None:
    form = "edit"
    st.subheader(t("edit.edit", lang))
    actor_id = actor_picker(editor.store, lang, t("edit.actor", lang), "ed_edit_pick")
    if actor_id is None:
        return
    current = editor.store.actor(actor_id)
    if current is None:
        st.warning(t("edit.edit.gone", lang))
        return
    version = opened(actor_id, current)
    st.caption(t("edit.edit.opened", lang, version=version))
    prefix = f"ed_edit_{actor_id}_{version}_"
    _actor_fields(form, editor.schema, lang, prefix, current)
    _why(form, lang, f"{prefix}why")
    other_errors(form, ACTOR_FORM_FIELDS, lang)
    left, right = st.columns(2)
    left.button(
        t("edit.edit.save", lang), key="ed_edit_btn", type="primary", disabled=read_only,
        on_click=submit, args=(form, editor, lang, lambda: EditActor(
            actor_id=actor_id, version=version, fields=_actor_values(prefix, actor_id), why=value(f"{prefix}why"))),
    )
    right.button(t("edit.edit.reload", lang), key="ed_edit_reload", on_click=reopen, args=(actor_id, editor.store))


def merge_actors(editor: Editor, lang: str, read_only: bool) -> None:
    form = "merge"
    st.subheader(t("edit.merge.title", lang))
    st.caption(t("edit.merge.help", lang))
    survivor = actor_picker(editor.store, lang, t("edit.merge.keep", lang), "ed_merge_keep")
    merged = actor_picker(editor.store, lang, t("edit.merge.drop", lang), "ed_merge_drop")
    field_error(form, "merged_id")
    _why(form, lang, "ed_merge_why")
    other_errors(form, {"merged_id", "why"}, lang)
    if not survivor or not merged:
        return
    records = editor.store.actors_by_id([survivor, merged])
    if len(records) < len({survivor, merged}):
        return
    sv, mv = opened(survivor, records[survivor]), opened(merged, records[merged])
    st.caption(t("edit.merge.ties", lang, n=len(editor.store.relationships_of(merged))))
    st.button(
        t("edit.merge", lang), key="ed_merge_btn", type="primary", disabled=read_only,
        on_click=submit, args=(form, editor, lang, lambda: MergeActors(
            survivor_id=survivor, survivor_version=sv, merged_id=merged, merged_version=mv,
            why=value("ed_merge_why")), lambda _c: clear("ed_merge_why")),
    )


# -- relationships ---------------------------------------------------------------------------

def add_relationship(editor: Editor, lang: str, read_only: bool) -> None:
    form, prefix = "addrel", "ed_rel_"
    schema = editor.schema
    st.subheader(t("edit.rel", lang))
    actor_picker(editor.store, lang, t("edit.rel.from", lang), f"{prefix}source")
    field_error(form, "source")
    actor_picker(editor.store, lang, t("edit.rel.to", lang), f"{prefix}target")
    field_error(form, "target")
    types = sorted(schema.relationship_types, key=lambda name: schema.type_label(name, lang))
    rel_type = st.selectbox(t("edit.rel.type", lang), types, key=f"{prefix}type",
                            index=None, format_func=lambda name: f"{schema.type_label(name, lang)} ({name})",
                            placeholder=t("edit.rel.type_choose", lang))
    if rel_type:
        st.caption(t("edit.rel.pairs", lang, pairs=md(schema.allowed_pairs_text(rel_type))))
    field_error(form, "type")
    left, right = st.columns(2)
    with left:
        text(form, "since", _label(lang, "since"), f"{prefix}since")
    with right:
        text(form, "until", _label(lang, "until"), f"{prefix}until")
    st.checkbox(t("edit.rel.illustrative", lang), key=f"{prefix}illustrative")
    spec = schema.relationship_types.get(rel_type or "")
    properties = list(spec.properties.items()) if spec else []
    for name, prop in properties:
        label = t("edit.field.property", lang, name=name, required=" *" if prop.required else "", type=prop.type)
        if prop.values:
            st.selectbox(label, prop.values, key=f"{prefix}p_{rel_type}_{name}", index=None)
            field_error(form, name)
        else:
            text(form, name, label, f"{prefix}p_{rel_type}_{name}")
    text(form, "note", _label(lang, "note"), f"{prefix}note")
    st.markdown(t("edit.rel.sources", lang))
    for name in SOURCE_INPUTS:
        text(form, f"source_{name}", t(f"edit.source.{name}", lang), f"{prefix}src_{name}")
    _why(form, lang, f"{prefix}why")
    shown = {"source", "target", "type", "since", "until", "note", "why", *(n for n, _ in properties),
             *(f"source_{n}" for n in SOURCE_INPUTS)}
    other_errors(form, shown, lang)

    def build() -> AddRelationship:
        fields: dict[str, Any] = {
            "source": st.session_state.get(f"{prefix}source"), "target": st.session_state.get(f"{prefix}target"),
            "type": st.session_state.get(f"{prefix}type"), "since": value(f"{prefix}since"),
            "until": value(f"{prefix}until"), "illustrative": bool(st.session_state.get(f"{prefix}illustrative")),
            "note": value(f"{prefix}note"),
        }
        for name, _prop in properties:
            fields[name] = value(f"{prefix}p_{rel_type}_{name}")
        source_fields = {name: value(f"{prefix}src_{name}") for name in SOURCE_INPUTS}
        return AddRelationship(fields=fields, source=source_fields, why=value(f"{prefix}why"))

    def reset(_change: Change) -> None:
        clear(f"{prefix}note", f"{prefix}why", f"{prefix}until")

    st.button(t("edit.rel.button", lang), key="ed_rel_btn", type="primary",
              disabled=read_only, on_click=submit, args=(form, editor, lang, build, reset))


def _relationship_label(rel: Relationship, schema: Schema, lang: str, names: dict[str, str]) -> str:
    period = f" [{rel.since or '…'} → {rel.until or ''}]" if rel.since or rel.until else ""
    return (f"{names.get(rel.source, rel.source)} —{schema.type_label(rel.type, lang)}→ "
            f"{names.get(rel.target, rel.target)}{period}")


def end_or_delete(editor: Editor, lang: str, read_only: bool) -> None:
    st.subheader(t("edit.end.title", lang))
    actor_id = actor_picker(editor.store, lang, t("edit.actor", lang), "ed_end_pick")
    if actor_id is None:
        return
    ties = {r.key: r for r in editor.store.relationships_of(actor_id)}
    if not ties:
        st.caption(t("edit.end.no_ties", lang))
        return
    names = {i: a.name for i, a in editor.store.actors_by_id(
        {r.source for r in ties.values()} | {r.target for r in ties.values()}).items()}
    if st.session_state.get("ed_end_rel") not in ties:
        st.session_state.pop("ed_end_rel", None)
    key = st.selectbox(t("edit.end.relationship", lang), list(ties), key="ed_end_rel", index=None,
                       format_func=lambda k: _relationship_label(ties[k], editor.schema, lang, names),
                       placeholder=t("edit.end.choose", lang))
    if key is None:
        return
    rel = ties[key]
    version = opened(key, rel)
    st.caption(t("edit.end.sources", lang, sources=md(", ".join(s.title for s in rel.sources) or "—")))

    st.markdown(t("edit.end.help", lang))
    text("end", "until", _label(lang, "until"), "ed_end_until")
    _why("end", lang, "ed_end_why")
    other_errors("end", {"until", "why"}, lang)
    st.button(t("edit.end.button", lang), key="ed_end_btn", disabled=read_only,
              on_click=submit, args=("end", editor, lang, lambda: EndRelationship(
                  key=key, version=version, until=value("ed_end_until"), why=value("ed_end_why")),
                  lambda _c: clear("ed_end_until", "ed_end_why")))

    st.markdown(t("edit.delete.help", lang))
    st.checkbox(t("edit.delete.confirm", lang), key="ed_del_confirm")
    _why("delete", lang, "ed_del_why")
    other_errors("delete", {"why"}, lang)

    def reset(_change: Change) -> None:
        st.session_state["ed_del_confirm"] = False
        st.session_state.pop("ed_end_rel", None)
        clear("ed_del_why")

    st.button(t("edit.delete.button", lang), key="ed_del_btn", disabled=read_only,
              on_click=submit, args=("delete", editor, lang, lambda: DeleteRelationship(
                  key=key, version=version, confirmed=bool(st.session_state.get("ed_del_confirm")),
                  why=value("ed_del_why")), reset))


FORMS = (("edit.create", create_actor), ("edit.edit", edit_actor), ("edit.merge", merge_actors),
         ("edit.rel", add_relationship), ("edit.end", end_or_delete))
"""Each form's tab title (a catalogue key) and the function drawing it, in tab order."""
