"""Signing in: the gate every page run passes, the sign-in form, the sidebar's account line.

With no account in the accounts file and no identity provider in Streamlit's
secrets (``[auth]``), the app is one person's desk and the sidebar says so.
Otherwise a session shows nothing but the sign-in page until a password is
checked (:class:`opcomap.auth.accounts.Accounts`) or the identity provider
answers (``st.login``); the user is then kept in the session's state, on the
server, until they sign out or the session expires.
"""

from __future__ import annotations

import importlib.util
import math
import time
from pathlib import Path

import streamlit as st

from graph_model.errors import OpcomapError
from graph_model.words import t
from opcomap.auth import Role, User
from opcomap.auth.accounts import Accounts
from opcomap.auth.limiter import LoginLimiter
from opcomap.settings import Settings
from opcomap.ui import caches
from opcomap.ui.common import md
from opcomap.ui.identity import SIGNED_IN

SINCE = "_auth_since"    # when the session signed in
SEEN = "_auth_seen"      # when it last ran a page
BY = "_auth_by"          # "password" or "oidc"
NOTICE = "_auth_notice"  # (kind, text) for the sign-in page: a refusal, a lock, an expiry
NAME, PASSWORD = "auth_name", "auth_password"
MOST_SECONDS = 12 * 3600  # a working day: past it, even an active session signs in again


def limiter() -> LoginLimiter:
    """The one limiter of the process: every session's failures count against the same name."""
    return caches.shared("login-limiter", None, LoginLimiter)


def oidc_configured() -> bool:
    """Whether Streamlit's secrets name an identity provider (the ``[auth]`` section)."""
    return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)


def authlib_installed() -> bool:
    return importlib.util.find_spec("authlib") is not None


def role_word(role: Role, lang: str) -> str:
    return t(f"auth.role.{Role(role).value}", lang)


def gate(settings: Settings, lang: str) -> bool:
    """Whether this run may draw the page; otherwise it has drawn the sign-in page."""
    accounts = Accounts(settings.accounts_path)
    try:
        with_accounts = accounts.in_use()
    except OpcomapError as exc:  # a damaged file lets nobody in, and says which file
        st.error(md(exc.message(lang)))
        return False
    oidc = oidc_configured()
    if not with_accounts and not oidc:
        st.session_state.pop(SIGNED_IN, None)
        st.sidebar.caption(t("auth.single_user", lang))
        return True
    user = _still_signed_in(accounts, settings, time.time())
    if user is not None:
        _account_line(user, lang)
        return True
    if oidc and st.user.get("is_logged_in"):
        if _from_provider(accounts, settings, lang):
            st.rerun()
        return False
    _sign_in_page(accounts, with_accounts, oidc, lang)
    return False


def _still_signed_in(accounts: Accounts, settings: Settings, now: float) -> User | None:
    """The session's user, unless the session expired or the account went away (its role as the file says now)."""
    user = st.session_state.get(SIGNED_IN)
    if not isinstance(user, User):
        return None
    idle = now - st.session_state.get(SEEN, now)
    if idle > settings.opcomap_session_minutes * 60 or now - st.session_state.get(SINCE, now) > MOST_SECONDS:
        sign_out()
        st.session_state[NOTICE] = ("warning", "auth.expired")
        return None
    now_is = _as_the_file_says(accounts, settings, user)
    if now_is is None:
        sign_out()
        return None
    if now_is != user:
        user = now_is
        st.session_state[SIGNED_IN] = user
    st.session_state[SEEN] = now
    return user


def _as_the_file_says(accounts: Accounts, settings: Settings, user: User) -> User | None:
    """The signed-in user with the role the accounts give them now; None once they may no longer sign in."""
    if st.session_state.get(BY) == "oidc":
        return accounts.oidc_user({"email": user.name}, _oidc_default(settings))
    account = accounts.get(user.name)
    return None if account is None or account.oidc else account.user()


def _oidc_default(settings: Settings) -> Role | None:
    return None if settings.opcomap_oidc_role == "none" else Role(settings.opcomap_oidc_role)


def _start(user: User, by: str) -> None:
    now = time.time()
    st.session_state[SIGNED_IN] = user
    st.session_state[BY] = by
    st.session_state[SINCE] = st.session_state[SEEN] = now


def sign_out() -> None:
    """Forget who this session was; the identity provider's own session ends too."""
    by = st.session_state.get(BY)
    for key in (SIGNED_IN, BY, SINCE, SEEN):
        st.session_state.pop(key, None)
    if by == "oidc" and st.user.get("is_logged_in"):
        st.logout()


def try_password(path: str) -> None:
    """The form's callback: check the name and password typed, at most five misses in a row per name."""
    name = (st.session_state.get(NAME) or "").strip()
    password = st.session_state.get(PASSWORD) or ""
    st.session_state[PASSWORD] = ""  # never kept, never drawn again
    lock, now = limiter(), time.time()
    until = lock.locked_until(name, now)
    if until is not None:
        st.session_state[NOTICE] = ("error", ("auth.locked", {"minutes": math.ceil((until - now) / 60)}))
        return
    user = Accounts(Path(path)).verify(name, password) if name and password else None
    if user is None:
        lock.failed(name, now)
        st.session_state[NOTICE] = ("error", "auth.refused")
        return
    lock.succeeded(name)
    st.session_state.pop(NOTICE, None)
    _start(user, "password")


def _from_provider(accounts: Accounts, settings: Settings, lang: str) -> bool:
    """Sign in the person the identity provider vouches for, if the accounts let them in."""
    claims = st.user.to_dict()
    user = accounts.oidc_user(claims, _oidc_default(settings))
    if user is None:
        st.title(t("auth.title", lang))
        st.error(t("auth.oidc_refused", lang, name=md(claims.get("email") or claims.get("sub") or "")))
        st.button(t("auth.sign_out", lang), key="auth_oidc_out", on_click=st.logout)
        return False
    _start(user, "oidc")
    return True


def _notice(lang: str) -> None:
    notice = st.session_state.get(NOTICE)
    if not notice:
        return
    kind, said = notice
    key, values = (said, {}) if isinstance(said, str) else said
    (st.error if kind == "error" else st.warning)(t(key, lang, **values))


def _sign_in_page(accounts: Accounts, with_accounts: bool, oidc: bool, lang: str) -> None:
    st.title(t("auth.title", lang))
    st.markdown(t("auth.intro", lang))
    _notice(lang)
    if with_accounts:
        # Plain widgets, not st.form: under `opcomap serve`, whose warm-up runs this page without a
        # browser, Streamlit refused the form as nested in another.
        box = st.container(border=True)
        box.text_input(t("auth.name", lang), key=NAME, autocomplete="username")
        box.text_input(t("auth.password", lang), key=PASSWORD, type="password", autocomplete="current-password")
        box.button(t("auth.submit", lang), key="auth_submit", type="primary", on_click=try_password,
                   args=(str(accounts.path),))
    if oidc and not authlib_installed():  # st.login needs it; say so rather than fail
        st.error(t("auth.oidc_missing", lang))
    elif oidc:
        st.button(t("auth.oidc_button", lang), key="auth_oidc", on_click=st.login)


def _account_line(user: User, lang: str) -> None:
    """Who is signed in, and the way out, at the top of the sidebar's foot."""
    st.sidebar.markdown(t("auth.signed_in_as", lang, name=md(user.name), role=role_word(user.role, lang)))
    st.sidebar.button(t("auth.sign_out", lang), key="auth_sign_out", on_click=sign_out)
