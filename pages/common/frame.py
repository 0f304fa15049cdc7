"""The frame every page shares: the shared settings (language, basemap), the opening (title,
loading with its error shown), the sidebar slot of the page's controls, a page ending early, the
map-first run, and tabs of which only the open one is drawn."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn, TypeVar

import streamlit as st
from streamlit import config as st_config

from geo.errors import DataValidationError
from geo.messages import Lang, t
from geo.settings import tianditu_key
from pages.common import cache

BASEMAP_KEYS = ("none", "osm", "gaode", "tianditu")
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """What the shared sidebar chose."""

    lang: Lang
    basemap: str
    tianditu_key: str | None


def basemap_choice(value) -> str:
    """The basemap key of a stored choice. The page reads it before the sidebar's select box is
    drawn (app.py), and a run that follows a language switch can bring the box's old label back
    ("无底图（离线可用）"): mapped to its key, anything else to no basemap."""
    if value in BASEMAP_KEYS:
        return value
    labels = {t(f"app.basemap.{k}", lang): k for k in BASEMAP_KEYS for lang in ("zh", "en")}
    return labels.get(value, "none")


def settings() -> Settings:
    """The shared sidebar's current choices (defaults before the sidebar has run)."""
    lang = st.session_state.get("lang", "zh")
    basemap = basemap_choice(st.session_state.get("basemap", "none"))
    key = st.session_state.get("tianditu_key") or tianditu_key() or None
    if basemap == "tianditu" and not key:
        basemap = "none"
    return Settings(lang=lang, basemap=basemap, tianditu_key=key)


def show_error(exc: DataValidationError) -> None:
    """Show a data error to the user in their words and language (geo.messages); never swallow
    its type."""
    st.error(exc.text(settings().lang))


# How long a page waits for its map's "drawn" signal before it shows what follows the map anyway:
# for a map frame that never draws. A slow browser (ten pages opening at once took 35 s) is waited
# for: sent the rest early, it drew its map later still, and each such page cost the server a third
# run (measured: 3 runs per load instead of 2). A hidden page signals at once (pages/common/cache.DRAWN_JS).
WAIT_FOR_MAP_S = 60.0
WAIT_CHECK_S = 10.0  # how often the page looks at the clock meanwhile


def map_first_run(key: str) -> bool:
    """Whether this run draws the map ``key`` (drawn with ``signal_drawn=True``) for the first
    time in this session and ends at :func:`rest_after_map`: what the page draws before the map
    in such a run is what the map waits for. Never under AppTest (no browser)."""
    return not cache.map_drawn(key) and not st_config.get_option("global.appTest")


def rest_after_map(key: str, lang: Lang) -> None:
    """End the run here until this session's browser has drawn the map ``key`` (drawn with
    ``signal_drawn=True``); the map's signal starts the next run, which goes on past this point.

    A fresh page thus draws its map before the browser loads and lays out the tables and charts
    below it, which is where most of a page load's time went (docs/performance.md); they follow
    a moment later. Without a browser (AppTest), or when the map has not answered within
    :data:`WAIT_FOR_MAP_S` seconds, the run goes on.
    """
    if not map_first_run(key):
        return
    st.caption(":material/hourglass_top: " + t("app.after_map", lang))
    _wait_for_map(key)
    st.stop()


class PageStopped(BaseException):  # noqa: N818 (a control signal, like Streamlit's StopException)
    """Raised by :func:`stop_page`. A BaseException, so that no ``except Exception`` takes it."""


def stop_page() -> NoReturn:
    """End the page here, its message standing (pages call this, never ``st.stop()``): ``app.py``
    draws the shared sidebar after the page, and ``st.stop()`` would end the run before it."""
    raise PageStopped


_frame = threading.local()  # this script run's sidebar slot for the page's controls (app.py)


def set_controls_slot(slot) -> None:
    """``app.py``: where this run's page controls go (the top of the sidebar, above the settings)."""
    _frame.controls = slot


def controls_slot():
    """The container of the page's controls: the top of the sidebar (``st.sidebar`` without app.py)."""
    return getattr(_frame, "controls", None) or st.sidebar


def page_control(map_key: str, key: str, default: T, draw: Callable[[], T]) -> T:
    """A page's control (``draw`` makes the widget with ``key``), at the top of the sidebar, above
    the shared settings. On the run that draws the map ``map_key`` for the first time (:func:`map_first_run`)
    it is not drawn: the value is the session's, or ``default``, which must be the widget's own
    default. The map waits for every element sent before it (docs/performance.md, seventh round);
    the control follows a moment later, beside the map, moving nothing on the page."""
    if map_first_run(map_key):
        return st.session_state.get(key, default)
    with controls_slot():
        return draw()


@st.fragment(run_every=WAIT_CHECK_S)
def _wait_for_map(key: str) -> None:
    started = st.session_state.setdefault(f"_atlas_wait_{key}", time.monotonic())
    if time.monotonic() - started >= WAIT_FOR_MAP_S - WAIT_CHECK_S / 2:
        cache.mark_drawn(key)  # the map did not answer: go on without it
        st.rerun(scope="app")


def lazy_tabs(labels: Sequence[str], key: str) -> Sequence:
    """Tabs of which only the open one is drawn: each tab's ``.open`` says whether to fill it, a
    click on another tab starts a run that draws that one (Streamlit's ``on_change="rerun"``). A
    page sends only the tables and charts of the tab in view, not those of every tab (the
    evaluation page sent 9 MB per load). The open tab survives a switch of the UI language."""
    at = f"_tab_open_{key}"  # its position: the labels change with the language
    if st.session_state.get(key) not in labels and at in st.session_state:
        st.session_state[key] = labels[min(st.session_state[at], len(labels) - 1)]
    tabs = st.tabs(list(labels), key=key, on_change="rerun")
    st.session_state[at] = next((i for i, tab in enumerate(tabs) if tab.open), 0)
    return tabs


def settings_key() -> tuple:
    s = settings()
    return (s.lang, s.basemap, s.tianditu_key)


def open_page(title_key: str) -> Settings:
    """The opening every page shares: the shared sidebar's settings and the page's title (the
    string ``title_key``) in their language. The page then loads its data ``with loading():``."""
    s = settings()
    st.title(t(title_key, s.lang))
    return s


@contextmanager
def loading() -> Iterator[None]:
    """Load a page's data: a :class:`DataValidationError` shows its message (in words a user can
    act on) and ends the page there, the shared sidebar still drawn (:func:`stop_page`)."""
    try:
        yield
    except DataValidationError as exc:
        show_error(exc)
        stop_page()
