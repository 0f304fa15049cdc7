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
                done = action()
        else:
            done = action()
    except DataValidationError as exc:
        show_error(exc)
        return
    st.session_state[FLASH] = {"at": at, "text": done}
    st.rerun()


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
