"""苏州产业布局一张图 — the frame: page config, the shared sidebar, navigation."""

from __future__ import annotations

import os

import streamlit as st

from geo.i18n import t
from pages._shared import BASEMAP_KEYS, settings

st.set_page_config(page_title="苏州产业布局一张图", page_icon="🗺️", layout="wide")

# ---- shared sidebar, written once -----------------------------------------------------------
with st.sidebar:
    lang = st.radio(
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
        st.text_input(
            t("app.tianditu_key", lang),
            value=os.environ.get("TIANDITU_TK", ""),
            key="tianditu_key",
            type="password",
        )
        if not settings().tianditu_key:
            st.warning(t("app.tianditu_missing", lang))
    if st.session_state.get("basemap") != "none":
        st.caption(t("app.basemap_offline_note", lang))
    st.caption(t("app.data_note", lang))

pages = [
    st.Page("pages/overview.py", title=t("page.overview", lang), icon="🗺️", url_path="overview", default=True),
    st.Page("pages/data.py", title=t("page.data", lang), icon="🗂️", url_path="data"),
]
st.navigation(pages).run()
