"""Données: check files with the loaders' rules, see every rejected row, load them into Neo4j."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from opcomap.errors import Problem
from opcomap.ui.data import driver_for, forget_cached_graphs
from opcomap.ui.i18n import t
from opcomap.ui.state import Run

ACCEPTED = ["csv", "xlsx", "json", "yaml", "yml", "graphml", "gexf"]
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def check_uploads(files, schema):
    """Validate uploaded files as the CLI would; returns (dataset, problems).

    Files keep their own names, so each problem names the file the user sent.
    """
    from loaders import check_dataset

    with tempfile.TemporaryDirectory(prefix="opcomap-upload-") as folder:
        paths, shown = [], {}
        for index, upload in enumerate(files):
            name = f"{index:02d}-{_SAFE_NAME.sub('_', Path(upload.name).name)}"
            path = Path(folder) / name
            path.write_bytes(upload.getvalue())
            paths.append(path)
            shown[str(path)] = shown[name] = Path(upload.name).name
        dataset, problems = check_dataset(paths, schema)
    # Problems name the temporary copy: give them back the name the user sent.
    return dataset, [replace(p, file=shown.get(p.file, p.file)) for p in problems]


def problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        [{"file": p.file, "row": p.row, "column": p.column or "", "message": p.message} for p in problems],
        columns=["file", "row", "column", "message"],
    ).rename(columns={"file": "Fichier" if lang == "fr" else "File", "row": "Ligne" if lang == "fr" else "Row",
                      "column": "Colonne" if lang == "fr" else "Column", "message": "Problème" if lang == "fr"
                      else "Problem"})


def _current_map(run: Run) -> None:
    lang, schema = run.lang, run.ctx.schema
    graph = run.catalogue().graph
    st.subheader(t("data.current", lang))
    st.markdown(t("counts", lang, n=graph.number_of_nodes(), m=graph.number_of_edges()))
    left, right = st.columns(2)
    kinds = Counter(a.get("kind", "") for _, a in graph.nodes(data=True))
    types = Counter(d.get("type", "") for *_, d in graph.edges(data=True))
    left.markdown(f"**{t('data.by_kind', lang)}**")
    left.dataframe(pd.DataFrame([(schema.kind_label(k, lang), n) for k, n in kinds.most_common()],
                                columns=[t("field.kind", lang), "n"]), hide_index=True, width="stretch")
    right.markdown(f"**{t('data.by_type', lang)}**")
    right.dataframe(pd.DataFrame([(schema.type_label(k, lang), n) for k, n in types.most_common()],
                                 columns=[t("col.type", lang), "n"]), hide_index=True, width="stretch")


def _load(run: Run, dataset) -> None:
    lang, ctx = run.lang, run.ctx
    if ctx.mode != "neo4j":
        st.info(t("data.no_neo4j", lang))
        return
    if ctx.settings.read_only:
        st.warning(t("data.read_only", lang))
        return
    name = st.text_input(t("data.dataset", lang), value="app-upload", key="w_dataset_name")
    if st.button(t("data.load", lang), type="primary", key="w_load"):
        from opcomap.store.writer import write_dataset

        with st.spinner("…"):
            report = write_dataset(driver_for(ctx), dataset, ctx.schema, dataset_name=name.strip() or "app-upload",
                                   database=ctx.settings.neo4j_database)
        forget_cached_graphs()
        summary = (f"{report.actors.created} + {report.relationships.created} créés, "
                   f"{report.actors.updated} + {report.relationships.updated} mis à jour, "
                   f"{report.actors.unchanged} + {report.relationships.unchanged} inchangés"
                   if lang == "fr" else
                   f"{report.actors.created} + {report.relationships.created} created, "
                   f"{report.actors.updated} + {report.relationships.updated} updated, "
                   f"{report.actors.unchanged} + {report.relationships.unchanged} unchanged")
        st.success(t("data.loaded", lang, summary=summary))


def render(run: Run) -> None:
    lang = run.lang
    st.title(t("page.donnees", lang))
    st.markdown(t("data.intro", lang))
    files = st.file_uploader(t("data.upload", lang), type=ACCEPTED, accept_multiple_files=True, key="w_upload")
    if files:
        dataset, problems = check_uploads(files, run.ctx.schema)
        if problems:
            st.error(t("data.rejected", lang, n=len(problems)))
            st.dataframe(problems_frame(problems, lang), hide_index=True, width="stretch")
        else:
            st.success(t("data.valid", lang, n=len(dataset.actors), m=len(dataset.relationships)))
            _load(run, dataset)
    _current_map(run)
