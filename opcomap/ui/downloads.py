"""Download buttons for diagrams of the current view (filled in once opcomap.diagrams lands)."""

from __future__ import annotations

import streamlit as st

from opcomap.ui.i18n import t


def diagram_buttons(run, view, key: str) -> None:
    st.caption(t("download.unavailable", run.lang, reason="opcomap.diagrams"))
