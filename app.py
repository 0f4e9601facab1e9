"""opcomap's Streamlit app: ``opcomap serve`` or ``streamlit run app.py``.

The app itself lives in :mod:`opcomap.ui`; this file only starts it.
"""

from opcomap.ui.main import run_app

run_app()
