"""数据管理 — the script Streamlit runs for the page (url ``/data``): import users' own layers and
tables (validated, stored atomically), 数据归集, the store's layers and change log, and exports.
Each part is a module of the package ``pages/data/``."""

from __future__ import annotations

import streamlit as st

from geo.messages import t
from pages.common.frame import open_page
from pages.data.collect import collect_section
from pages.data.export import export_section
from pages.data.importing import import_section
from pages.data.managing import audit_section, stored_section

s = open_page("data.header")
lang = s.lang
st.caption(t("data.intro", lang))
# Each section in its own container: a section that grows or shrinks (the import's preview goes
# after a save) does not move the next one's elements. A moved map component is mounted again
# while Streamlit unregisters it and stays blank (the export preview after 确定替换).
# The sections with widgets are fragments (st.fragment): a widget changed in one reruns that section
# alone, and the others are neither run again nor greyed; a save, replace or delete reruns the page.
for section in (
    lambda: import_section(s),
    lambda: collect_section(lang),
    lambda: stored_section(lang),
    lambda: export_section(s),
    lambda: audit_section(lang),
):
    with st.container():
        section()
    st.divider()
st.caption(":material/warning: " + t("map.disclaimer", lang))
