"""Who is using the app, and whether they may change the store (editors) or only look (viewers).

Identity comes from what the deployment has, checked in this order (``.streamlit/secrets.toml``):

1. ``[auth]`` configured: Streamlit's own OIDC login (``st.login``); editors are the e-mail
   addresses listed in ``[atlas] editors``.
2. ``[atlas] proxy_user_header = "X-Forwarded-User"``: the user name a trusted reverse proxy puts
   in that header; editors are the names listed in ``[atlas] editors``.
3. ``[atlas.accounts]``: editor accounts of a stand-alone install, ``name = "scrypt$…"`` (hashes
   made by ``python -m geo.cli hash-password``; a plain-text password never matches).
4. Nothing configured: single-user mode, as before — everyone may edit, and the sidebar says so.

Viewers browse and export; only editors import, replace, delete, change a renewal status or save an
evaluation configuration as the official one. Pages ask :func:`can_edit` or :func:`require_editor`
and pass :func:`identity` ``.name`` to the store, which records it in the audit table.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from geo.accounts import verify_password
from geo.i18n import Lang
from pages._strings import t

_SESSION_USER = "_atlas_account"


@dataclass(frozen=True)
class Identity:
    """The person behind this session, as far as the deployment can tell."""

    name: str | None  # None: not logged in
    mode: str  # "oidc" | "proxy" | "accounts" | "single"
    editor: bool

    @property
    def recorded(self) -> str:
        """The name written into the audit table."""
        if self.mode == "single":
            return "单用户模式"
        return self.name or "匿名"


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return {}


def _atlas_config() -> dict:
    conf = _secrets().get("atlas", {})
    return conf if isinstance(conf, dict) else {}


def _editors(conf: dict) -> set[str]:
    editors = conf.get("editors", [])
    return {str(e).strip().lower() for e in (editors if isinstance(editors, list) else [editors])}


def identity() -> Identity:
    """Who this session is and whether they may edit (see the module docstring for the order)."""
    secrets = _secrets()
    conf = _atlas_config()
    if "auth" in secrets:
        user = st.user
        if not user.is_logged_in:
            return Identity(None, "oidc", False)
        name = str(user.get("email") or user.get("name") or "")
        return Identity(name, "oidc", name.lower() in _editors(conf))
    header = str(conf.get("proxy_user_header", "")).strip()
    if header:
        name = (st.context.headers.get(header) or "").strip()
        return Identity(name or None, "proxy", bool(name) and name.lower() in _editors(conf))
    accounts = conf.get("accounts")
    if isinstance(accounts, dict) and accounts:
        name = st.session_state.get(_SESSION_USER)
        return Identity(name, "accounts", name in accounts)
    return Identity("单用户模式", "single", True)


def can_edit() -> bool:
    """Whether this session may import, replace, delete, change a status or save the official config."""
    return identity().editor


def require_editor(lang: Lang, *, message_key: str = "data.viewer_import") -> bool:
    """``True`` for an editor; for a viewer, say why the editing controls are missing and return ``False``."""
    if can_edit():
        return True
    st.info(t(message_key, lang))
    return False


def sidebar_panel(lang: Lang) -> None:
    """Who is logged in (or that the app runs in single-user mode), with log-in / log-out controls."""
    who = identity()
    if who.mode == "single":
        st.caption(":material/person: " + t("auth.single", lang))
        return
    if who.name is None:
        if who.mode == "proxy":
            header = str(_atlas_config().get("proxy_user_header"))
            st.caption(":material/visibility: " + t("auth.no_header", lang).format(header=header))
        else:
            st.caption(":material/visibility: " + t("auth.anonymous", lang))
    else:
        label = "auth.editor" if who.editor else "auth.viewer"
        st.caption(":material/person: " + t(label, lang).format(name=who.name))
    if who.mode == "oidc":
        if who.name is None:
            st.button(t("auth.login", lang), on_click=st.login, key="auth_login")
        else:
            st.button(t("auth.logout", lang), on_click=st.logout, key="auth_logout")
    elif who.mode == "accounts":
        if who.name is None:
            _password_form(lang)
        elif st.button(t("auth.logout", lang), key="auth_logout"):
            st.session_state.pop(_SESSION_USER, None)
            st.rerun()


def _password_form(lang: Lang) -> None:
    accounts = _atlas_config().get("accounts", {})
    with st.expander(t("auth.login_header", lang)), st.form("auth_form", clear_on_submit=True):
        name = st.text_input(t("auth.user", lang), key="auth_user")
        password = st.text_input(t("auth.password", lang), type="password", key="auth_password")
        if st.form_submit_button(t("auth.login", lang)):
            stored = accounts.get(name.strip())
            if stored is not None and verify_password(password, str(stored)):
                st.session_state[_SESSION_USER] = name.strip()
                st.rerun()
            else:
                st.error(t("auth.bad_login", lang))
