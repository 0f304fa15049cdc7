"""The city demo's first use on a page: the build of its GeoPackage (data/city_build.py) takes
minutes at 120,000 enterprises. It runs in a thread of the server's own
(:func:`pages.city.data.build_in_background`), not in the session that asked: a tab closed or a page
left does not stop it, and every session asking meanwhile follows the same build. The page says how
long to expect and shows each step as it starts, in a status box that looks again every two seconds;
when the build is done the page draws the city. Once built, loading it shows a spinner."""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from data.city_build import build_minutes, city_cached
from geo.messages import Lang, t
from pages.city.data import Build, CityData, build_in_background, city_data, data_key, loaded
from pages.common.frame import show_error, stop_page

FOLLOWED = "_atlas_city_build_followed"  # session key: the build this session's page waited for
POLL_S = 2.0


def city_data_shown(n_enterprises: int, lang: Lang, *, leave: Callable[[], None]) -> CityData:
    """:func:`pages.city.data.city_data` of ``n_enterprises``: at once when loaded, behind a spinner
    when cached, else the build's status box while it runs (the page ends there and draws the city
    when the build is done). Its button calls ``leave`` (back to the Wujiang demo; the build goes on)."""
    data = loaded(data_key(n_enterprises))
    if data is None and city_cached(n_enterprises=n_enterprises):
        with st.spinner(t("city.loading", lang)):
            data = city_data(n_enterprises=n_enterprises)
    if data is not None:
        followed = st.session_state.pop(FOLLOWED, None)
        if followed is not None and followed.finished is not None:
            seconds = round(followed.finished - followed.started)
            st.status(t("city.build.done", lang).format(seconds=seconds), state="complete", expanded=False)
        return data
    build = st.session_state[FOLLOWED] = build_in_background(n_enterprises=n_enterprises)
    _follow(build, n_enterprises, lang, leave)
    stop_page()


@st.fragment(run_every=POLL_S)
def _follow(build: Build, n_enterprises: int, lang: Lang, leave: Callable[[], None]) -> None:
    """The build's status box: its steps so far; the whole page again once it is done."""
    if build.failure is not None:
        show_error(build.failure)
        return
    if build.finished is not None:
        st.rerun(scope="app")
    label = t("city.build.label", lang).format(n=n_enterprises, minutes=build_minutes(n_enterprises))
    box = st.status(label, expanded=True)  # not a ``with``: leaving one would mark it complete
    box.caption(t("city.build.once", lang) + " " + t("city.build.waiting", lang))
    for step in build.steps:
        box.write(t(f"city.build.{step}", lang))
    box.caption(t("city.build.elapsed", lang).format(seconds=round(time.monotonic() - build.started)))
    if st.button(t("city.build.leave", lang), key="city_build_leave"):
        leave()
        st.rerun(scope="app")


__all__ = ["city_data_shown"]
