"""Analyses of a view, cached by (data source, filters, graph, options).

The functions themselves live in :mod:`opcomap.analysis`; this module only
decides what is cached, so switching pages or languages never recomputes.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from opcomap import analysis
from opcomap.ui.data import ViewGraph
from opcomap.ui.state import Run


def _key(run: Run, view: ViewGraph) -> tuple[str, str, str]:
    return run.ctx.source_key, run.filters.model_dump_json(), view.signature


@st.cache_data(show_spinner=False, max_entries=32)
def _metrics(key: tuple, names: tuple[str, ...], _graph, _schema) -> analysis.MetricsResult:
    return analysis.compute_metrics(_graph, _schema, names)


def metrics(run: Run, view: ViewGraph, names: tuple[str, ...] = analysis.METRICS) -> analysis.MetricsResult:
    return _metrics(_key(run, view), tuple(names), view.graph, run.ctx.schema)


@st.cache_data(show_spinner=False, max_entries=32)
def _communities(key: tuple, resolution: float, seed: int, _graph) -> analysis.structure.Communities:
    return analysis.structure.communities(_graph, resolution=resolution, seed=seed)


def communities(run: Run, view: ViewGraph, resolution: float = 1.0, seed: int = 0):
    return _communities(_key(run, view), float(resolution), int(seed), view.graph)


@st.cache_data(show_spinner=False, max_entries=32)
def _brokers(key: tuple, top: int, _graph) -> list[dict[str, Any]]:
    return analysis.structure.brokers(_graph, top=top)


def brokers(run: Run, view: ViewGraph, top: int = 20) -> list[dict[str, Any]]:
    return _brokers(_key(run, view), int(top), view.graph)


@st.cache_data(show_spinner=False, max_entries=32)
def _structure(key: tuple, _graph) -> dict[str, Any]:
    s = analysis.structure
    return {
        "components": s.components(_graph),
        "bridges": s.bridges(_graph),
        "articulation_points": s.articulation_points(_graph),
        "core_numbers": s.core_numbers(_graph),
    }


def structure(run: Run, view: ViewGraph) -> dict[str, Any]:
    return _structure(_key(run, view), view.graph)


@st.cache_data(show_spinner=False, max_entries=32)
def _gaps(key: tuple, _graph) -> dict[str, Any]:
    return analysis.coverage_gaps(_graph)


def gaps(run: Run, view: ViewGraph) -> dict[str, Any]:
    return _gaps(_key(run, view), view.graph)


@st.cache_data(show_spinner=False, max_entries=32)
def _what_if(key: tuple, actor: str | None, rel_type: str | None, _graph) -> analysis.WhatIf:
    return analysis.what_if(_graph, remove_actor=actor, remove_type=rel_type)


def what_if(run: Run, view: ViewGraph, actor: str | None = None, rel_type: str | None = None) -> analysis.WhatIf:
    return _what_if(_key(run, view), actor, rel_type, view.graph)
