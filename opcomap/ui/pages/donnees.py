"""Données: add files to the map — the user's own, or a public registry's as published —
checked against the map on screen, shown on the map at once, removable as one dataset.

Embedded and ``--data`` modes keep each addition as a folder beside the edit workspace
(:mod:`opcomap.editing.overlay`); Neo4j mode loads it under a dataset name. Buttons act
through ``on_click`` callbacks, which run before the page is drawn again: the map, the
list of datasets and the messages the page then shows already include the change.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
from collections import Counter

import pandas as pd
import streamlit as st

from graph_model.models import Dataset
from loaders.registries.core import ImportOptions
from opcomap.editing.overlay import (
    RESERVED,
    Checked,
    CurrentMap,
    Uploads,
    add_to_map,
    check_files,
    check_name,
    check_registry,
    default_name,
)
from graph_model.errors import EditRefused, OpcomapError, Phrase, Problem, ValidationFailed
from opcomap.auth import Permission
from opcomap.ui.common import counts_line, md
from opcomap.ui.context import AppContext
from opcomap.ui import caches
from opcomap.ui.data import ViewGraph, driver_for
from opcomap.ui.guard import report
from opcomap.ui.identity import current_user, refusal
from graph_model.words import t
from opcomap.ui.state import Run
from opcomap.ui.widgets import file_uploader

log = logging.getLogger("opcomap.ui.donnees")

ACCEPTED = ["csv", "xlsx", "json", "yaml", "yml", "graphml", "gexf"]
KIND = "w_up_kind"
REGISTRY = "w_up_registry"
COMPANIES = "w_up_companies"
REGIONS = "w_up_regions"
NAME = "w_dataset_name"
PICK = "w_remove_pick"
CONFIRM = "w_remove_confirm"
GENERATION = "_up_generation"  # bumped after an addition: the file boxes start empty again
CHECK = "_up_check"  # (fingerprint, Checked): a registry file is read once, not at every rerun
NAMED_FOR = "_up_named_for"  # the fingerprint the name box was filled for
FLASH = "_up_flash"
ADD_ERROR = "_up_add_error"
REMOVE_ERROR = "_up_remove_error"


def check_uploads(files, schema, current: CurrentMap | None = None):
    """Validate uploaded files as the CLI would, with the map when ``current`` is given;
    returns (dataset, problems). Each problem names the file the user sent; the dataset
    holds only what the map does not have yet."""
    checked = check_files(files, schema, current)
    return checked.dataset, checked.problems


def problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    columns = ["file", "row", "column", "message"]
    return pd.DataFrame(
        [{"file": p.file, "row": p.row, "column": p.column or "", "message": p.text(lang)} for p in problems],
        columns=columns,
    ).rename(columns={c: t(f"data.problem_col_{c}", lang) for c in columns})


def available_registries() -> list[str]:
    """The registries whose importer this installation has."""
    from loaders.registries import MODULES

    return [name for name, module in MODULES.items() if importlib.util.find_spec(f"loaders.registries.{module}")]


# -- the map the upload is checked against --------------------------------------------------

def current_map(ctx: AppContext, view: ViewGraph) -> CurrentMap:
    """The map on screen. Citable source ids: those its files declare; in embedded and Neo4j
    modes also the bundled reference map's (data/reference/sources.csv, the ids users know:
    an edited workspace rewrites them, Neo4j keeps none)."""
    from loaders.bundled import reference_dir

    files = list(ctx.data_paths or [])
    if ctx.mode != "files":
        files.append(reference_dir())
    return CurrentMap.of(view.graph, files)


def _fingerprint(ctx: AppContext, view: ViewGraph, files, options: tuple) -> str:
    parts = [ctx.source_key, view.signature, repr(options)]
    for sent in files:
        ident = getattr(sent, "file_id", None) or hashlib.sha1(sent.getvalue()).hexdigest()
        parts += [sent.name, str(ident)]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def _checked(run: Run, view: ViewGraph, files, registry: str | None, options) -> tuple[str, Checked]:
    fingerprint = _fingerprint(run.ctx, view, files, (registry, options))
    kept = st.session_state.get(CHECK)
    if kept and kept[0] == fingerprint:
        return kept
    st.session_state.pop(ADD_ERROR, None)  # about files no longer in the box
    with st.spinner("…"):
        current = current_map(run.ctx, view)
        if registry:
            checked = check_registry(registry, files[0], run.ctx.schema, current, options)
        else:
            checked = check_files(files, run.ctx.schema, current)
    st.session_state[CHECK] = (fingerprint, checked)
    return fingerprint, checked


# -- adding ------------------------------------------------------------------------------

def _datasets_taken(ctx: AppContext) -> list[str]:
    if ctx.mode == "neo4j":
        from opcomap.store.writer import dataset_sizes

        return [size.name for size in dataset_sizes(driver_for(ctx), ctx.settings.neo4j_database)]
    return Uploads(ctx.uploads_root).names()


def _add(ctx: AppContext, fingerprint: str, files: list[str], registry: str | None) -> None:
    """Button callback: keep the checked dataset under the name typed."""
    st.session_state[ADD_ERROR] = None
    kept = st.session_state.get(CHECK)
    if not kept or kept[0] != fingerprint:
        return  # the files changed since the page was drawn: the new ones are checked first
    dataset: Dataset = kept[1].dataset
    lang = ctx.lang
    try:
        _may_change()
        if ctx.settings.read_only:
            raise EditRefused("data.read_only")
        raw = st.session_state.get(NAME) or ""
        if ctx.mode == "neo4j":
            from opcomap.store.writer import write_dataset

            name = check_name(raw, _datasets_taken(ctx))
            result = write_dataset(driver_for(ctx), dataset, ctx.schema, dataset_name=name,
                                   database=ctx.settings.neo4j_database)
            message = t("data.loaded_as", lang, name=name, n=result.actors.created, m=result.relationships.created)
        else:
            upload = add_to_map(Uploads(ctx.uploads_root), raw, dataset, base=ctx.base_paths, schema=ctx.schema,
                                files=files, registry=registry, over=ctx.data)
            message = t("data.added", lang, name=upload.name, n=upload.actors, m=upload.relationships)
    except ValidationFailed as exc:
        st.session_state[ADD_ERROR] = exc.problems
        return
    except OpcomapError as exc:
        st.session_state[ADD_ERROR] = exc  # said in the language of the page that shows it
        return
    _changed(message)


def _may_change() -> None:
    """Refuse a write for a role that may not make one: a crafted rerun of a viewer's session included."""
    user = current_user()
    if not user.can(Permission.PROPOSE):
        raise EditRefused("auth.not_allowed", role=Phrase(f"auth.role.{user.role.value}"))


def _tell_conventions(checked: Checked, lang: str) -> None:
    """How each sent file was written (encoding, separator, days, numbers), and the days read
    the French way that a month-first reading would make another day."""
    for conventions in checked.conventions:
        st.caption(md(conventions.describe(lang)))
    notices = [n for c in checked.conventions for n in c.notices]
    if notices:
        st.info(t("data.days_read_french", lang, n=len(notices)))
        st.dataframe(problems_frame(notices, lang), hide_index=True, width="stretch")


def _changed(message: str) -> None:
    """The map changed: drop cached graphs, empty the file boxes, say what happened."""
    caches.forget()
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    for key in (CHECK, ADD_ERROR, REMOVE_ERROR):
        st.session_state.pop(key, None)
    st.session_state[FLASH] = message


def _registry_options(run: Run, view: ViewGraph) -> tuple[str, ImportOptions] | None:
    from loaders.registries import registry_info

    lang = run.lang
    names = available_registries()
    if not names:
        st.info(t("data.no_registry", lang))
        return None
    titles: dict[str, str] = {}
    for name in names:
        try:
            titles[name] = f"{name} — {registry_info(name).title}"
        except Exception:  # an importer being written must not break the page
            log.exception("registry %s unavailable", name)
    if not titles:
        st.info(t("data.no_registry", lang))
        return None
    registry = st.selectbox(t("data.registry", lang), list(titles), key=REGISTRY,
                            format_func=lambda name: titles.get(name, name))
    if registry is None:
        return None
    regions = {a.get("region_code"): a.get("name", "") for _, a in view.graph.nodes(data=True)
               if a.get("kind") == "REGION" and a.get("region_code") and not a.get("until")}
    left, right = st.columns(2)
    companies = left.checkbox(t("data.companies", lang), key=COMPANIES)
    chosen = right.multiselect(t("data.regions", lang), sorted(regions), key=REGIONS,
                               format_func=lambda code: f"{code} — {regions.get(code, '')}")
    return registry, ImportOptions(companies=companies, regions=frozenset(chosen))


def _template_button(run: Run) -> None:
    """The import template of the map's schema: the workbook a user fills in, then uploads here."""
    from loaders.spreadsheet import XLSX_MIME
    from loaders.template import template_bytes

    lang, schema = run.lang, run.ctx.schema
    name = t("template.file", lang)
    content = caches.shared("import_template", (schema.model_dump_json(), lang, name),
                            lambda: template_bytes(schema, lang, name))
    st.download_button(t("data.template", lang), content, file_name=name, mime=XLSX_MIME, key="dl_template",
                       help=t("data.template_help", lang), on_click="ignore")


def _add_section(run: Run, view: ViewGraph) -> None:
    lang, ctx = run.lang, run.ctx
    generation = st.session_state.get(GENERATION, 0)
    kind = st.radio(t("data.kind", lang), ["files", "registry"], key=KIND, horizontal=True,
                    format_func=lambda k: t(f"data.kind_{k}", lang))
    registry, options = None, None
    if kind == "registry":
        chosen = _registry_options(run, view)
        if chosen is None:
            return
        registry, options = chosen
        sent = file_uploader(t("data.registry_file", lang), lang, key=f"w_registry_file_{generation}")
        files = [sent] if sent else []
    else:
        _template_button(run)
        files = file_uploader(t("data.upload", lang), lang, types=ACCEPTED, multiple=True,
                              key=f"w_upload_{generation}") or []
    if not files:
        return
    fingerprint, checked = _checked(run, view, files, registry, options)
    if not checked.ok:
        st.error(t("data.rejected", lang, n=len(checked.problems)))
        st.dataframe(problems_frame(checked.problems, lang), hide_index=True, width="stretch")
        _tell_conventions(checked, lang)
        return
    dataset = checked.dataset
    st.success(t("data.checked", lang, n=len(dataset.actors), m=len(dataset.relationships), k=checked.cited))
    _tell_conventions(checked, lang)
    if checked.summary:
        for reason, rows in checked.summary.skipped_in(lang):
            st.caption(t("data.skipped", lang, n=rows, reason=md(reason)))
        for note in checked.summary.notes_in(lang):
            st.caption(md(note))
    if not dataset.actors and not dataset.relationships:
        st.info(t("data.nothing_new", lang))
        return
    if st.session_state.get(NAMED_FOR) != fingerprint:
        st.session_state[NAME] = default_name([f.name for f in files])
        st.session_state[NAMED_FOR] = fingerprint
    st.text_input(t("data.dataset", lang), key=NAME)
    if ctx.settings.read_only:
        st.warning(t("data.read_only", lang))
    label = t("data.load", lang) if ctx.mode == "neo4j" else t("data.add", lang)
    st.button(label, key="w_add", type="primary", disabled=ctx.settings.read_only, on_click=_add,
              args=(ctx, fingerprint, [f.name for f in files], registry))
    _show_error(ADD_ERROR, lang)


def _show_error(key: str, lang: str) -> None:
    error = st.session_state.get(key)
    if isinstance(error, list):
        st.error(t("data.rejected", lang, n=len(error)))
        st.dataframe(problems_frame(error, lang), hide_index=True, width="stretch")
    elif isinstance(error, OpcomapError):
        st.error(md(error.message(lang)))


# -- removing ---------------------------------------------------------------------------

def _remove(ctx: AppContext) -> None:
    """Button callback: take the chosen dataset away from the map."""
    st.session_state[REMOVE_ERROR] = None
    name = st.session_state.get(PICK)
    lang = ctx.lang
    if not name:
        return
    try:
        _may_change()
        if ctx.settings.read_only:
            raise EditRefused("data.read_only")
        if ctx.mode == "neo4j":
            from opcomap.store.writer import remove_dataset

            if name in RESERVED:
                raise EditRefused("data.reserved", name=name)
            if not st.session_state.get(CONFIRM):
                raise EditRefused("data.confirm_first")
            result = remove_dataset(driver_for(ctx), name, ctx.settings.neo4j_database)
            message = t("data.removed", lang, name=name, n=result.actors, m=result.relationships)
            if result.kept_actors:
                message += " " + t("data.removed_kept", lang, k=result.kept_actors)
        else:
            upload = Uploads(ctx.uploads_root).remove(name)
            message = t("data.removed", lang, name=upload.name, n=upload.actors, m=upload.relationships)
    except OpcomapError as exc:
        st.session_state[REMOVE_ERROR] = exc
        return
    st.session_state.pop(CONFIRM, None)
    _changed(message)


def _datasets_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    columns = ["name", "files", "actors", "relationships", "added_at"]
    labels = {c: t(f"data.col_{c}", lang) for c in columns}
    return pd.DataFrame(rows, columns=columns).dropna(axis=1, how="all").rename(columns=labels)


def _datasets_section(run: Run) -> None:
    lang, ctx = run.lang, run.ctx
    st.subheader(t("data.datasets", lang))
    if ctx.mode == "neo4j":
        from opcomap.store.writer import dataset_sizes

        st.caption(t("data.where_neo4j", lang))
        sizes = dataset_sizes(driver_for(ctx), ctx.settings.neo4j_database)
        rows = [{"name": s.name, "actors": s.actors, "relationships": s.relationships} for s in sizes]
        removable = [s.name for s in sizes if s.name not in RESERVED]
    else:
        # A code span shows its text as is (no escapes): only a backtick could end it.
        st.caption(t("data.where_files", lang, folder=str(ctx.uploads_root).replace("`", "'")))
        uploads = Uploads(ctx.uploads_root).datasets()
        rows = [{"name": u.name, "files": ", ".join(u.files), "actors": u.actors,
                 "relationships": u.relationships, "added_at": u.added_at} for u in uploads]
        removable = [u.name for u in uploads]
    if not current_user().can(Permission.PROPOSE):
        removable = []  # the list is for everyone; removing, for those who may change the map
    if not rows:
        st.caption(t("data.no_datasets", lang))
        return
    st.dataframe(_datasets_frame(rows, lang), hide_index=True, width="stretch")
    if not removable:
        return
    if st.session_state.get(PICK) not in removable:
        st.session_state.pop(PICK, None)
    st.selectbox(t("data.remove_pick", lang), removable, key=PICK)
    if ctx.mode == "neo4j":
        st.checkbox(t("data.remove_confirm", lang), key=CONFIRM)
    st.button(t("data.remove", lang), key="w_remove", disabled=ctx.settings.read_only, on_click=_remove,
              args=(ctx,))
    _show_error(REMOVE_ERROR, lang)


# -- the page ---------------------------------------------------------------------------------

def _current_map(run: Run, view: ViewGraph) -> None:
    lang, schema = run.lang, run.ctx.schema
    graph = view.graph
    st.subheader(t("data.current", lang))
    st.markdown(counts_line(graph.number_of_nodes(), graph.number_of_edges(), lang))
    left, right = st.columns(2)
    kinds = Counter(a.get("kind", "") for _, a in graph.nodes(data=True))
    types = Counter(d.get("type", "") for *_, d in graph.edges(data=True))
    left.markdown(f"**{t('data.by_kind', lang)}**")
    left.dataframe(pd.DataFrame([(schema.kind_label(k, lang), n) for k, n in kinds.most_common()],
                                columns=[t("field.kind", lang), "n"]), hide_index=True, width="stretch")
    right.markdown(f"**{t('data.by_type', lang)}**")
    right.dataframe(pd.DataFrame([(schema.type_label(k, lang), n) for k, n in types.most_common()],
                                 columns=[t("col.type", lang), "n"]), hide_index=True, width="stretch")


def render(run: Run) -> None:
    lang = run.lang
    st.title(t("page.donnees", lang))
    st.markdown(t("data.intro", lang))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash)
    try:
        view: ViewGraph | None = run.catalogue()
    except ValidationFailed as exc:
        # The map no longer reads (e.g. an edit removed an actor an upload ties to): say why,
        # and keep the datasets list below, so the one at fault can be removed.
        st.warning(t("data.map_failed", lang))
        report(exc, lang)
        view = None
    if view is not None and view.banner:
        # Neo4j does not answer: the map shown is not the database's, nothing can be checked against it.
        st.warning(view.banner)
        st.info(t("data.neo4j_down", lang))
        return
    if view is not None and current_user().can(Permission.PROPOSE):
        _add_section(run, view)
    elif view is not None:
        st.info(refusal(current_user(), lang))
    _datasets_section(run)
    if view is not None:
        _current_map(run, view)
