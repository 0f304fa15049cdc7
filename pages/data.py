"""数据管理 — the script Streamlit runs for the page (url ``/data``): import users' own layers and
tables (validated, stored atomically), 数据归集, the store's layers and change log, and exports.
Each part is a module of the package ``pages/data/``."""

from __future__ import annotations

import streamlit as st

from pages.common.frame import open_page
from pages.data.collect import collect_section
from pages.data.export import export_section
from pages.data.importing import import_section
from pages.data.managing import audit_section, stored_section
from pages.strings import t

s = open_page("data.header")
lang = s.lang
st.caption(t("data.intro", lang))
import_section(s)
st.divider()
collect_section(lang)
st.divider()
stored_section(lang)
st.divider()
export_section(s)
st.divider()
audit_section(lang)
st.caption(":material/warning: " + t("app.disclaimer", lang))
