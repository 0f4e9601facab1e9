"""The person this browser session acts as: the one place pages ask "who is this?"."""

from __future__ import annotations

import streamlit as st

from graph_model.words import t
from opcomap.auth import EMBEDDED_USER, User

SIGNED_IN = "auth_user"   # set by the sign-in step when accounts are configured
TYPED_NAME = "ed_who"     # the name typed on the Modifier page in the single-user mode


def current_user() -> User:
    """The signed-in user; without accounts, the single user of an embedded desk under the name they typed."""
    user = st.session_state.get(SIGNED_IN)
    if isinstance(user, User):
        return user
    return User(name=(st.session_state.get(TYPED_NAME) or "").strip(), role=EMBEDDED_USER.role, authenticated=False)


def refusal(user: User, lang: str) -> str:
    """Why ``user`` may not change the map: their role, said."""
    return t("auth.not_allowed", lang, role=t(f"auth.role.{user.role.value}", lang))
