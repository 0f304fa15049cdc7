"""苏州产业布局一张图 — the frame: page config, navigation, the shared sidebar."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from streamlit import config as st_config
from streamlit.runtime.pages_manager import PagesManager

from geo.messages import t
from geo.settings import PAGE_STYLE, page_style_served, tianditu_key
from pages.common import cache
from pages.common.auth import sees_firms, sidebar_panel
from pages.common.frame import BASEMAP_KEYS, PageStopped, basemap_choice, set_controls_slot, settings
from pages.common.language import keep_choices_across_language_switch, streamlit_in_ui_language
from pages.common.table_wheel import tables_leave_the_wheel_to_the_page

cache.begin_run()  # per-run memos (pages/common/cache.py)
st.set_page_config(
    page_title="苏州产业布局一张图",
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
    layout="wide",
)
cache.set_audience("firms" if sees_firms() else "summary")  # keys every shared map and result
# The page's style (static/css/page.css: the content takes the width, sidebar selects wrap) is in
# the HTML serve.py answers; only a page served otherwise (``streamlit run app.py``, AppTest) draws
# it as an element, which costs the browser a chunk and a render before the map.
if not page_style_served():
    st.html(PAGE_STYLE)

# The UI language survives a reload, a bookmark and a link sent to a colleague: English is kept in
# the address (?lang=en), which a new session reads before anything else.
if "lang" not in st.session_state and st.query_params.get("lang") in ("zh", "en"):
    st.session_state["lang"] = st.query_params["lang"]

# The shared settings live on through runs that do not draw their widgets (a page's map-first
# run, below): Streamlit forgets a widget's value after a run without it, unless written back.
for _key in ("lang", "basemap", "tianditu_key"):
    if _key in st.session_state:
        _value = st.session_state[_key]
        st.session_state[_key] = basemap_choice(_value) if _key == "basemap" else _value
keep_choices_across_language_switch()  # before any widget of this run is drawn

# True only while a run goes through Streamlit's legacy "pages directory" mode (``streamlit run
# app.py`` without serve.py, or AppTest): st.navigation below switches it off.
_legacy_run = bool(PagesManager.uses_pages_directory)
NAV_SHOWN = "_atlas_nav_shown"  # this session has been sent the page list
MAP_PAGES = (
    "",
    "corridors",
    "wujiang",
    "efficiency",
    "intensity",
)  # url paths: pages drawing their map first
lang = settings().lang


def shared_sidebar(lang: str) -> None:
    """The settings every page shares: language, basemap, who is signed in."""
    st.radio(
        "语言 / Language",
        ["zh", "en"],
        format_func=lambda v: "中文" if v == "zh" else "English",
        horizontal=True,
        key="lang",
    )
    st.selectbox(
        t("app.basemap", lang),
        BASEMAP_KEYS,
        format_func=lambda v: t(f"app.basemap.{v}", lang),
        key="basemap",
    )
    if st.session_state.get("basemap") == "tianditu":
        st.session_state.setdefault("tianditu_key", tianditu_key())
        st.text_input(t("app.tianditu_key", lang), key="tianditu_key", type="password")
        if not settings().tianditu_key:
            st.warning(t("app.tianditu_missing", lang))
    if st.session_state.get("basemap") != "none":
        st.caption(t("app.basemap_offline_note", lang))
    st.caption(t("app.data_note", lang))
    sidebar_panel(lang)
    streamlit_in_ui_language(lang)
    tables_leave_the_wheel_to_the_page(lang)  # as the maps do: the wheel over a long table scrolls the page


pages = [
    st.Page("pages/overview.py", title=t("page.overview", lang), icon=":material/map:", default=True),
    st.Page(
        "pages/corridors.py", title=t("corr.page", lang), icon=":material/timeline:", url_path="corridors"
    ),
    st.Page("pages/wujiang.py", title=t("wj.page", lang), icon=":material/factory:", url_path="wujiang"),
    st.Page(
        "pages/efficiency.py",
        title=t("eff.page", lang),
        icon=":material/leaderboard:",
        url_path="efficiency",
    ),
    st.Page(
        "pages/publication.py", title=t("pub.page", lang), icon=":material/gavel:", url_path="publication"
    ),
    st.Page("pages/intensity.py", title=t("int.page", lang), icon=":material/layers:", url_path="intensity"),
    st.Page("pages/data.py", title=t("page.data", lang), icon=":material/database:", url_path="data"),
]
# A session's first run on a map page leaves the page list out of the sidebar (the sidebar itself stays,
# so nothing moves): drawing it was most of the browser's work between the map's element and the map's frame
# (docs/performance.md, fourteenth round). It comes with the next run: the one a map page's drawn map
# starts (pages/common/frame.rest_after_map), or, should the page not end at its map, the one asked
# for below. A page without a map (公示与异议, 数据管理) is sent it at once.
_nav_later = (
    NAV_SHOWN not in st.session_state
    and not _legacy_run
    and not st_config.get_option("global.appTest")
    and urlsplit(st.context.url or "/-").path.rstrip("/").rsplit("/", 1)[-1] in MAP_PAGES
)
st.session_state[NAV_SHOWN] = True
page = st.navigation(pages, position="hidden" if _nav_later else "sidebar")
if lang == "en" and st.query_params.get("lang") != "en":  # after st.navigation, which sets the address
    st.query_params["lang"] = "en"
elif lang != "en" and "lang" in st.query_params:
    del st.query_params["lang"]
if _legacy_run and "_nav_ready" not in st.session_state:
    # With a pages/ folder beside app.py, Streamlit runs a session's first script run in its legacy
    # "pages directory" mode; widget IDs of that run differ from later runs, so the user's first
    # choice in the sidebar would be lost. One immediate rerun puts every run on the same footing.
    # serve.py starts Streamlit in st.navigation mode, so served sessions skip this second run
    # (it cost every first page load a whole extra script run).
    st.session_state["_nav_ready"] = True
    st.rerun()

# The page's own controls go to the top of the sidebar, the shared settings below them; these are
# drawn after the page, into their place. A page's first run that ends at its map
# (pages/common/frame.rest_after_map) sends no sidebar at all: the browser draws the map before any of
# it (docs/performance.md, seventh round), and the next run, a moment later, brings it.
set_controls_slot(st.sidebar.container())
settings_slot = st.sidebar.container()
try:
    page.run()
except PageStopped:  # the page ended early (pages/common/frame.stop_page): its message stands
    pass
except Exception:
    if _nav_later:  # the next run shows the page list (and the error again)
        st.rerun()
    with settings_slot:
        shared_sidebar(lang)
    raise
with settings_slot:
    shared_sidebar(lang)
if _nav_later:  # the map page did not end at its map (e.g. its data still building): the list now
    st.rerun()
