"""Streamlit script used by ``opcomap serve`` when no top-level app.py exists (installed wheel)."""

from opcomap.ui.main import run_app

run_app()
