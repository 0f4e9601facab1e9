"""Rapprocher: a registry import against the map — the differences as a table and on the map, then applied.

The map compared is the one edits go to (the workspace in embedded mode, Neo4j),
or, when the app was started with ``--data``, the other ``--data`` files (read only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from graph_model.models import Dataset
from graph_model.errors import EditRefused, NotFound, OpcomapError
from graph_model.words.formats import day
from loaders.readers import files_stamp
from opcomap.auth import Permission
from opcomap.editing.service import CANNOT_PROPOSE
from opcomap.reconcile import Difference, ImportFolder, Reconciliation, kind_label
from opcomap.ui import caches
from opcomap.ui.common import md
from opcomap.ui.context import AppContext
from opcomap.auth import Permission
from opcomap.ui.downloads import table_buttons
from opcomap.ui.identity import current_user, refusal
from graph_model.words import t
from opcomap.ui.state import Run


PATH = "rc_path"
PICK = "rc_pick"
SHOWN_KINDS = "rc_kinds"
WHO = "ed_who"  # the Modifier page's: one name per session for every change
DATASET = "rc_dataset"
FLASH = "rc_flash"
MAP_HEIGHT = 560  # pixels
PATH_BREAK = ""  # never an actor id (ids are slugs)


# -- where the import and the map come from ----------------------------------------------

def import_folders(ctx: AppContext) -> list[str]:
    """The ``--data`` folders written by ``opcomap import`` (they carry an import.toml)."""
    return [p for p in ctx.data if (Path(p) / "import.toml").is_file()]


def _import(folder: str, schema_key: str, schema) -> ImportFolder:
    from opcomap.reconcile import read_import

    path = Path(folder).expanduser()
    return caches.map_data("import-folder", (folder, files_stamp([path]), schema_key),
                           lambda: read_import(Path(folder), schema))


def _same_place(a: str | Path, b: str | Path) -> bool:
    return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()


def compared_map(ctx: AppContext, folder: str) -> tuple[Dataset, tuple, str, bool]:
    """The map to compare with, its cache key, how to name it, and whether differences can be applied to it."""
    lang = ctx.lang
    if ctx.mode == "neo4j":
        from opcomap.store.reader import read_dataset
        from opcomap.ui.data import driver_for

        driver, database = driver_for(ctx), ctx.settings.neo4j_database
        current = caches.map_data("map-dataset", (ctx.source_key, database), lambda: read_dataset(driver, database),
                                  neo4j=True)
        return current, ("neo4j", ctx.source_key), t("reconcile.map_neo4j", lang, uri=ctx.settings.uri), True
    others = [p for p in ctx.data if not _same_place(p, folder)]
    if others:
        from loaders import load_dataset

        paths = [Path(p) for p in others]
        map_key = ("files", tuple(others), files_stamp(paths), ctx.schema_path or "")
        current = caches.map_data("map-dataset", map_key, lambda: load_dataset(paths, ctx.schema))
        return current, map_key, t("reconcile.map_files", lang, paths=", ".join(others)), False
    from opcomap.ui.edit.session import edit_store

    store: Any = edit_store(ctx)
    folder_now = store.data_dir()
    label = (t("reconcile.map_workspace", lang, path=str(folder_now)) if store.initialised
             else t("reconcile.map_reference", lang))
    return store.dataset(), ("workspace", str(folder_now), files_stamp([folder_now])), label, True


# -- the page -------------------------------------------------------------------------------

def _choose_folder(ctx: AppContext, lang: str) -> str | None:
    given = import_folders(ctx)
    picked = None
    if given:
        if st.session_state.get(PICK) not in given:
            st.session_state.pop(PICK, None)
        picked = st.selectbox(t("reconcile.folder_pick", lang), given, key=PICK)
    typed = st.text_input(t("reconcile.folder", lang), key=PATH, placeholder=t("reconcile.folder_placeholder", lang))
    return (typed or "").strip() or picked


def _table(result: Reconciliation, shown: list[Difference], lang: str) -> pd.DataFrame:
    date = day(result.folder.file_date, lang)
    rows = [{"kind": d.label(lang), "actor": d.actor_name, "id": d.actor_id, "map": d.map_says.text(lang),
             "registry": d.registry_says.text(lang), "date": date} for d in shown]
    return pd.DataFrame(rows, columns=["kind", "actor", "id", "map", "registry", "date"])


def _rows(result: Reconciliation, shown: list[Difference], lang: str) -> pd.DataFrame:
    """The differences shown, with the columns ``opcomap reconcile --format csv`` writes."""
    wanted = {id(d) for d in shown}
    rows = [row for d, row in zip(result.differences, result.rows(lang), strict=True) if id(d) in wanted]
    columns = ["kind", "label", "actor_id", "actor_name", "map", "registry", "registry_name", "file_date"]
    return pd.DataFrame(rows, columns=columns)


def render(run: Run) -> None:
    lang, ctx = run.lang, run.ctx
    st.title(t("page.rapprocher", lang))
    st.write(t("reconcile.intro", lang))
    folder = _choose_folder(ctx, lang)
    if not folder:
        st.info(t("reconcile.folder_hint", lang))
        return
    try:
        imported = _import(folder, ctx.schema_path or "", ctx.schema)
    except NotFound as exc:  # bad files raise ValidationFailed: the page's guard lists every problem
        st.warning(md(exc.message(lang)))
        return
    from opcomap.reconcile import reconcile

    current, map_key, where, editable = compared_map(ctx, folder)
    import_key = (str(imported.path), files_stamp([imported.path]))
    result = caches.map_data("reconciliation", (import_key, map_key), lambda: reconcile(imported, current),
                             neo4j=map_key[0] == "neo4j")
    st.caption(t("reconcile.compared", lang, registry=md(imported.described(lang)), map=md(where)))
    for note in result.notes:
        st.caption(md(note.text(lang)))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        (st.success if flash[0] == "ok" else st.error)(flash[1])
    if not result.differences:
        st.success(t("reconcile.none", lang))
        return
    shown = _filtered(result, lang)
    st.markdown(t("reconcile.count", lang, n=len(shown), total=len(result.differences)))
    st.dataframe(
        _table(result, shown, lang), hide_index=True, width="stretch",
        column_config={
            "kind": st.column_config.TextColumn(t("reconcile.col_kind", lang)),
            "actor": st.column_config.TextColumn(t("reconcile.col_actor", lang)),
            "id": st.column_config.TextColumn(t("field.id", lang)),
            "map": st.column_config.TextColumn(t("reconcile.col_map", lang)),
            "registry": st.column_config.TextColumn(t("reconcile.col_registry", lang)),
            "date": st.column_config.TextColumn(t("reconcile.col_date", lang)),
        },
    )
    table_buttons(_rows(result, shown, lang),
                  f"opcomap-rapprochement-{imported.registry}-{imported.file_date.isoformat()}", lang, key="rc_csv")
    if shown:
        _draw(run, current, map_key, shown)
    _apply_section(run, result, shown, editable, where)


def _filtered(result: Reconciliation, lang: str) -> list[Difference]:
    kinds = result.kinds()
    chosen = st.session_state.get(SHOWN_KINDS)
    if not isinstance(chosen, list) or any(k not in kinds for k in chosen):
        st.session_state[SHOWN_KINDS] = kinds
    picked = st.multiselect(t("reconcile.kinds", lang), kinds, key=SHOWN_KINDS,
                            format_func=lambda k: kind_label(k, lang))
    return [d for d in result.differences if d.kind in picked]


# -- the map of the actors concerned ------------------------------------------------------------

def _drawn(graph, schema, wanted: tuple[tuple[str, tuple[str, ...]], ...], lang: str):
    from opcomap.analysis.filters import ego_nodes
    from opcomap.mapview import map_payload
    from opcomap.ui.mapframe import drawn_map

    nodes: set[str] = set()
    # The map highlights ties between consecutive actors of a path: each difference's actor
    # beside each of its related actors, then a break (no actor), lights up the ties in question only.
    highlighted: list[str] = []
    for actor, related in wanted:
        if actor in graph:
            nodes |= ego_nodes(graph, actor, 1)
        nodes.update(other for other in related if other in graph)
        for other in related or (actor,):
            highlighted += [actor, other]
        highlighted.append(PATH_BREAK)
    view = graph.subgraph(nodes).copy()
    payload = map_payload(view, schema, lang=lang, path=highlighted)
    return drawn_map(payload, schema, lang=lang, height_px=MAP_HEIGHT)


def _draw(run: Run, current: Dataset, map_key: tuple, shown: list[Difference]) -> None:
    from graph_model.graph import to_networkx
    from opcomap.ui.mapframe import show_map

    lang = run.lang
    st.subheader(t("reconcile.map", lang))
    graph = caches.map_data("reconcile-graph", map_key, lambda: to_networkx(current), neo4j=map_key[0] == "neo4j")
    wanted = tuple((d.actor_id, d.related) for d in shown)
    absent = sorted({d.actor_name for d in shown if d.actor_id not in graph})
    if all(d.actor_id not in graph for d in shown):
        st.info(t("reconcile.all_off_map", lang))
    else:
        schema = run.ctx.schema
        drawn = caches.result("reconcile-map", graph, (run.ctx.schema_path, wanted, lang),
                              lambda: _drawn(graph, schema, wanted, lang))
        if drawn.notice:
            st.info(t("map.aggregated", lang, detail=drawn.notice))
        clicked = show_map(drawn, key="rapprocher_map", lang=lang)
        if clicked and clicked in run.catalogue().graph:
            run.open_page("acteur", id=clicked)
        st.caption(t("reconcile.map_hint", lang))
    if absent:
        st.caption(t("reconcile.off_map", lang, names=md(", ".join(absent))))


# -- applying ---------------------------------------------------------------------------------

def _apply(run: Run, result: Reconciliation, shown: list[Difference]) -> None:
    """The apply button's callback: one recorded change per difference shown."""
    from opcomap.reconcile import apply_differences

    ctx, lang = run.ctx, run.lang
    user = current_user()
    if not user.can(Permission.PROPOSE):  # asked again here: a viewer's session never writes
        st.session_state[FLASH] = ("error", refusal(user, lang))
        return
    who = user.name if user.authenticated else (st.session_state.get("rc_who") or "").strip()
    dataset = (st.session_state.get(DATASET) or "").strip()
    if who and not user.authenticated:
        st.session_state[WHO] = who
    proposes = ctx.settings.opcomap_publish == "review" and not user.can(Permission.PUBLISH)
    try:
        store, where = _store(ctx, dataset)
        report = apply_differences(result, store, ctx.schema, who=who, dataset_name=dataset, differences=shown,
                                   read_only=ctx.settings.read_only, lang=lang, propose=proposes)
    except OpcomapError as exc:
        st.session_state[FLASH] = ("error", md(exc.message(lang)))
        return
    text = t("reconcile.proposed" if proposes else "reconcile.applied", lang, n=len(report.applied),
             dataset=md(report.dataset), where=md(where))
    if report.skipped:
        lines = [f"- {md(d.actor_name)} ({md(d.actor_id)}) : {md(why)}" for d, why in report.skipped]
        text += "\n\n" + t("reconcile.skipped", lang, n=len(report.skipped)) + "\n" + "\n".join(lines)
    st.session_state[FLASH] = ("ok", text)
    caches.forget()  # applied changes show at the next run, here and on the map


def _store(ctx: AppContext, dataset: str) -> tuple[Any, str]:
    if ctx.mode == "neo4j":
        from opcomap.reconcile import neo4j_store
        from opcomap.store.edits import ensure_history_index
        from opcomap.ui.data import driver_for

        driver, database = driver_for(ctx), ctx.settings.neo4j_database
        ensure_history_index(driver, database)
        location = f"Neo4j {ctx.settings.uri} ({database})"
        return neo4j_store(driver, ctx.schema, database, dataset, location=location), location
    from opcomap.ui.edit.session import edit_store

    store = edit_store(ctx)
    return store, store.location


def _apply_section(run: Run, result: Reconciliation, shown: list[Difference], editable: bool, where: str) -> None:
    lang = run.lang
    st.subheader(t("reconcile.apply", lang))
    if not editable:
        st.info(t("reconcile.files_only", lang))
        return
    if run.ctx.settings.read_only:
        st.warning(t("reconcile.read_only", lang))
        return
    user = current_user()
    if not user.can(Permission.PROPOSE):
        st.info(refusal(user, lang))
        return
    st.caption(t("reconcile.apply_help", lang, where=md(where)))
    folder = result.folder
    st.session_state.setdefault(DATASET, f"rapprochement-{folder.registry}-{folder.file_date.isoformat()}")
    left, right = st.columns(2)
    if user.authenticated:  # the history records the account, not a typed name
        left.markdown(t("auth.edit_as", lang, who=md(user.name)))
    else:
        st.session_state.setdefault("rc_who", st.session_state.get(WHO) or "")
        left.text_input(t("reconcile.who", lang), key="rc_who")
    right.text_input(t("reconcile.dataset", lang), key=DATASET)
    fixable = [d for d in shown if d.fix is not None]
    st.button(t("reconcile.apply_button", lang, n=len(fixable)), key="rc_apply", type="primary",
              disabled=not fixable, on_click=_apply, args=(run, result, shown))
    if len(fixable) < len(shown):
        st.caption(t("reconcile.manual", lang, n=len(shown) - len(fixable)))
