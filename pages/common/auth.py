"""Who is using the app and what their role lets them see and do (``geo/access.py``).

Identity comes from what the deployment has, checked in this order (``.streamlit/secrets.toml``):

1. ``[auth]`` configured: Streamlit's own OIDC login (``st.login``).
2. ``[atlas] proxy_user_header = "X-Forwarded-User"``: the user name a trusted reverse proxy puts
   in that header.
3. ``[atlas.accounts]``: password accounts of a stand-alone install, ``name = "scrypt$…"`` (hashes
   made by ``python -m geo.cli hash-password``; a plain-text password never matches). A sign-in
   lasts across reloads and deep links: the page hands a short signed token to serve.py's session
   endpoint, which sets an HttpOnly, SameSite=Strict cookie signed with the install's secret
   (``geo.storage.accounts``), valid for ``[atlas] session_hours`` (12 by default); signing out clears it.
4. Nothing configured: single-user mode — the one user edits; serve.py then listens on the
   loopback address only, unless the operator gives another, and the sidebar says which.

Roles (``geo.access``): 查看汇总 (anonymous visitors always) sees maps and aggregates only; 查看企业
also enterprise rows; 编辑 also changes the store. Pages ask :func:`sees_firms`, :func:`can_edit`
or :func:`require_editor`, and pass :func:`identity` ``.recorded`` to the store as the actor.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from geo import access
from geo.errors import DataValidationError
from geo.ingest import user_store
from geo.messages import Lang, t
from geo.storage.accounts import (
    HANDOFF_S,
    SESSION_COOKIE,
    read_token,
    session_hours,
    session_secret,
    sign_token,
    verify_password,
)
from geo.storage.changelog import ANONYMOUS_ACTOR, SINGLE_USER_ACTOR

_SESSION_USER = "_atlas_account"
_SIGNED_OUT = "_atlas_signed_out"  # this session ignores the cookie it was opened with
_COOKIE_ACTION = "_atlas_cookie_action"  # ("start", token) or ("end", "") for the next sidebar
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Identity:
    """The person behind this session, as far as the deployment can tell, and their role."""

    name: str | None  # None: not logged in
    mode: str  # "oidc" | "proxy" | "accounts" | "single"
    role: str  # geo.access: "summary" | "firms" | "edit"

    @property
    def editor(self) -> bool:
        return self.role == access.EDIT

    @property
    def firms(self) -> bool:
        """Whether this session may see enterprise rows."""
        return access.may_see_firms(self.role)

    @property
    def recorded(self) -> str:
        """The name written into the audit table (the actor of every change)."""
        if self.mode == "single":
            return SINGLE_USER_ACTOR
        return self.name or ANONYMOUS_ACTOR


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return {}


def atlas_config() -> dict:
    """The ``[atlas]`` section of secrets.toml ({} when absent)."""
    conf = _secrets().get("atlas", {})
    return conf if isinstance(conf, dict) else {}


def _secret(conf: dict) -> bytes:
    return session_secret(conf, folder=user_store().parent)


def _cookie_user(conf: dict, accounts: dict) -> str | None:
    if st.session_state.get(_SIGNED_OUT):
        return None
    token = st.context.cookies.get(SESSION_COOKIE) if st.context.cookies else None
    if not token:
        return None
    name = read_token(token, secret=_secret(conf), purpose="session")
    return name if name in accounts else None


def _role(name: str | None, conf: dict, *, account: bool = False) -> str:
    try:
        return access.role_of(name, conf, account=account)
    except DataValidationError as exc:  # a mistyped role: the least it could mean, and say so
        st.session_state["_atlas_role_error"] = str(exc)
        return access.SUMMARY


def identity() -> Identity:
    """Who this session is and their role (see the module docstring for the order)."""
    secrets = _secrets()
    conf = atlas_config()
    if not access.identity_configured(secrets):
        return Identity(SINGLE_USER_ACTOR, "single", access.EDIT)
    if "auth" in secrets:
        user = st.user
        if not user.is_logged_in:
            return Identity(None, "oidc", access.SUMMARY)
        name = str(user.get("email") or user.get("name") or "")
        return Identity(name, "oidc", _role(name, conf))
    header = str(conf.get("proxy_user_header", "")).strip()
    if header:
        name = (st.context.headers.get(header) or "").strip() or None
        return Identity(name, "proxy", _role(name, conf))
    accounts = conf.get("accounts") or {}
    name = st.session_state.get(_SESSION_USER) or _cookie_user(conf, accounts)
    if name not in accounts:
        name = None
    return Identity(name, "accounts", _role(name, conf, account=True))


def can_edit() -> bool:
    """Whether this session may import, replace, delete, change a status or save the official config."""
    return identity().editor


def sees_firms() -> bool:
    """Whether this session may see enterprise rows (names with figures, scores, classes)."""
    return identity().firms


def require_editor(lang: Lang, *, message_key: str = "data.viewer_import") -> bool:
    """``True`` for an editor; for a viewer, say why the editing controls are missing and return ``False``."""
    if can_edit():
        return True
    st.info(t(message_key, lang))
    return False


def aggregates_for_role(frame, *, count: str = "n_enterprises"):
    """An aggregate table as this session may see it: unchanged for 查看企业 and 编辑; for 查看汇总
    the figures of groups of fewer than ``[atlas] min_group_firms`` (3) enterprises blanked
    (``geo.access.suppress_small_groups``), so a filter narrowed to one firm tells nothing of it."""
    if sees_firms():
        return frame
    return access.suppress_small_groups(frame, count=count, min_firms=access.min_group_firms(atlas_config()))


def figures_shown(n_firms: int) -> bool:
    """Whether this session may see the figures of a total over ``n_firms`` enterprises (always for
    查看企业 and 编辑; for 查看汇总 from ``[atlas] min_group_firms`` on, see :func:`aggregates_for_role`)."""
    return sees_firms() or n_firms >= access.min_group_firms(atlas_config())


def firms_hidden_note(lang: Lang, *, what_key: str = "access.hidden") -> None:
    """Say that enterprise rows are left out for this session and how to see them."""
    st.info(":material/lock: " + t(what_key, lang))


def listening_on_loopback() -> bool:
    """Whether the server answers this machine only (its address is a loopback one)."""
    return str(st.get_option("server.address") or "").strip() in LOOPBACK


def sidebar_panel(lang: Lang) -> None:
    """Who is logged in and their role (or that the app runs in single-user mode, and to whom it
    answers), with log-in / log-out controls."""
    who = identity()
    _cookie_script()
    if who.mode == "single":
        key = "auth.single_local" if listening_on_loopback() else "auth.single_open"
        st.caption(":material/person: " + t("auth.single", lang) + " " + t(key, lang))
        return
    if st.session_state.get("_atlas_role_error"):
        st.warning(st.session_state["_atlas_role_error"])
    if who.name is None:
        if who.mode == "proxy":
            header = str(atlas_config().get("proxy_user_header"))
            st.caption(":material/visibility: " + t("auth.no_header", lang).format(header=header))
        else:
            st.caption(":material/visibility: " + t("auth.anonymous", lang))
    else:
        st.caption(":material/person: " + t(f"auth.role.{who.role}", lang).format(name=who.name))
    if who.mode == "oidc":
        if who.name is None:
            st.button(t("auth.login", lang), on_click=st.login, key="auth_login")
        else:
            st.button(t("auth.logout", lang), on_click=st.logout, key="auth_logout")
    elif who.mode == "accounts":
        if who.name is None:
            _password_form(lang)
        else:
            st.button(t("auth.logout", lang), key="auth_logout", on_click=_sign_out)
            hours = session_hours(atlas_config())
            st.caption(t("auth.session_note", lang).format(hours=f"{hours:g}"))


def _sign_out() -> None:
    st.session_state.pop(_SESSION_USER, None)
    st.session_state[_SIGNED_OUT] = True
    st.session_state[_COOKIE_ACTION] = ("end", "")


def _cookie_script() -> None:
    """Once after a sign-in or sign-out: ask serve.py's session endpoint to set or clear the cookie
    (it is HttpOnly: the page itself can neither read nor write it)."""
    action = st.session_state.pop(_COOKIE_ACTION, None)
    if not action:
        return
    kind, token = action
    path = "_atlas/session" if kind == "start" else "_atlas/session/end"
    script = (
        "<script>(function(){var b=(window.__streamlit||{}).BACKEND_BASE_URL||(location.origin+'/');"
        f"fetch(b+{json.dumps(path)},{{method:'POST',credentials:'same-origin',"
        f"headers:{{'Content-Type':'text/plain'}},body:{json.dumps(token)}}});}})();</script>"
    )
    st.html(script, unsafe_allow_javascript=True)


def _password_form(lang: Lang) -> None:
    conf = atlas_config()
    accounts = conf.get("accounts", {})
    with st.expander(t("auth.login_header", lang)), st.form("auth_form", clear_on_submit=True):
        name = st.text_input(t("auth.user", lang), key="auth_user")
        password = st.text_input(t("auth.password", lang), type="password", key="auth_password")
        if st.form_submit_button(t("auth.login", lang)):
            stored = accounts.get(name.strip())
            if stored is not None and verify_password(password, str(stored)):
                user = name.strip()
                st.session_state[_SESSION_USER] = user
                st.session_state.pop(_SIGNED_OUT, None)
                token = sign_token(
                    user, secret=_secret(conf), purpose="handoff", expires_at=time.time() + HANDOFF_S
                )
                st.session_state[_COOKIE_ACTION] = ("start", token)
                st.rerun()
            else:
                st.error(t("auth.bad_login", lang))
