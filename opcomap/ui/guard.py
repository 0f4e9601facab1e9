"""The app's last line of defence: no traceback ever reaches a user.

Every page runs inside :func:`guarded`. Expected errors (bad data, Neo4j
down, a refused query) become one sentence in the user's language; anything
else becomes a short sentence too. When the sentence says the details are in
the server log, the traceback is written there.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import streamlit as st

from graph_model.errors import OpcomapError, QueryFailed, QueryRefused, ValidationFailed
from graph_model.words import t

log = logging.getLogger("opcomap.ui")

# Streamlit steers reruns and page switches with exceptions: they must pass through.
try:
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

    _CONTROL_FLOW: tuple[type[BaseException], ...] = (RerunException, StopException)
except ImportError:  # pragma: no cover - older layouts of streamlit
    from streamlit.runtime.scriptrunner import RerunException, StopException

    _CONTROL_FLOW = (RerunException, StopException)


def show_problems(exc: ValidationFailed, lang: str, limit: int = 200) -> None:
    """Every problem of a validation failure, with file, row and column."""
    st.error(t("error.problems", lang, n=len(exc.problems)))
    lines = [f"- {_md_escape(problem.describe(lang))}" for problem in exc.problems[:limit]]
    if len(exc.problems) > limit:
        lines.append(f"- … (+{len(exc.problems) - limit})")
    st.markdown("\n".join(lines))


def _md_escape(text: str) -> str:
    # Problems quote user data: keep it from being read as Markdown or HTML.
    for char in "\\`*_{}[]<>()#+-.!|$~":
        text = text.replace(char, "\\" + char)
    return text


def report(exc: BaseException, lang: str) -> None:
    """Show ``exc`` as a sentence; log the details."""
    if isinstance(exc, ValidationFailed):
        log.info("validation failed: %s", exc)
        show_problems(exc, lang)
    elif isinstance(exc, QueryRefused):
        # The console's guard did its job: a refusal (its sentence says so), not a broken page.
        log.info("query refused: %s", exc)
        st.warning(exc.message(lang))
    elif isinstance(exc, QueryFailed):
        # The user's own Cypher is wrong or slow: the sentence says why.
        log.info("query failed: %s", exc)
        st.error(exc.message(lang))
    elif isinstance(exc, OpcomapError):
        log.error("page error: %s", exc, exc_info=exc)  # the screen says the details are here
        st.error(t("error.page", lang, reason=exc.message(lang)))
    else:
        log.error("unexpected error in a page", exc_info=exc)
        st.error(t("error.page", lang, reason=t("error.unexpected", lang, name=type(exc).__name__)))


def guarded(page: Callable[[], None], lang_of: Callable[[], str]) -> Callable[[], None]:
    """``page`` wrapped so that any failure is shown as ``st.error`` and logged."""

    @functools.wraps(page)
    def run() -> None:
        try:
            page()
        except _CONTROL_FLOW:
            raise
        except Exception as exc:  # noqa: BLE001 - the point: nothing escapes to the user
            report(exc, lang_of())

    return run
