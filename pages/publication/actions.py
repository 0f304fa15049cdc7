"""An action of the 公示与异议 page's editor (save, publish, record an objection, decide, evaluate
again, finalize) and what it says: the action runs with a spinner while it is slow, its refusal is
shown as it comes, its success is said where it was taken, after the rerun that refreshes the page,
and stays there until the next action."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.errors import DataValidationError
from pages.common.auth import identity
from pages.common.frame import show_error

FLASH = "pub_flash"  # the last action's success, {"at", "text"}: shown where it was taken (flash)
SHOWN = "_pub_flash_shown"  # flash() drew it in this run (else pages/publication.py shows it on top)


def act(action: Callable[[], str], at: str, *, working: str = "") -> None:
    """Run an editor's action; its refusal is shown, a success is shown after the rerun that
    refreshes the page, where the action was taken (:func:`flash`). With ``working`` (words for a
    slow action: evaluating every enterprise again) a spinner says so by the button while it runs,
    with the time it has taken, instead of a page greyed out without a word."""
    try:
        if working:
            with st.spinner(working, show_time=True):
                _done(action(), at)
        else:
            _done(action(), at)
    except DataValidationError as exc:
        show_error(exc)
        return
    st.rerun()


def _done(text: str, at: str) -> None:
    """Keep an action's success the moment the action returns, before anything is drawn again: a
    rerun the browser asks for meanwhile (a slow save of 17,063 enterprises) stops the script at the
    next element drawn, the spinner's own end among them, and a success kept after that point was
    lost though the action was done (a full run: V1 saved, 「已保存为 V1…」 never shown)."""
    st.session_state[FLASH] = {"at": at, "text": text}


def flash(at: str) -> None:
    """The success of the last action taken at ``at`` (a button's place), shown there: just above
    the button the user clicked, so in view (the page keeps its scroll position across the rerun;
    the list of versions at the top is often scrolled away).

    It stays there, as the last action's result, until another action replaces it: a rerun that
    comes right after the action (the page's own) no longer takes the message away."""
    pending = st.session_state.get(FLASH)
    if not pending or pending["at"] != at:
        return
    st.session_state[SHOWN] = True
    st.success(pending["text"])


def actor() -> str:
    return identity().recorded
