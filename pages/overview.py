"""总览: the Suzhou districts and the Wujiang 区镇 on one map, with each layer's provenance."""

from __future__ import annotations

import streamlit as st

from geo.errors import DataValidationError
from geo.i18n import t
from layers.mapview import render_map
from pages._shared import layer_frame, map_layer, provenance_table, settings, show_error, show_map

s = settings()
lang = s.lang
st.title(t("overview.header", lang))
st.caption(t("overview.intro", lang))

try:
    districts = layer_frame("districts")
    towns = layer_frame("wujiang_towns")
    enterprises = layer_frame("enterprises")
    items = [map_layer("districts"), map_layer("wujiang_towns")]
except DataValidationError as exc:
    show_error(exc)
    st.stop()

c1, c2, c3, c4 = st.columns(4)
c1.metric(t("overview.metric.districts", lang), f"{len(districts)}")
c2.metric(t("overview.metric.area", lang), f"{districts['area_km2'].sum():,.0f} km²")
c3.metric(t("overview.metric.towns", lang), f"{len(towns)}")
c4.metric(t("overview.metric.enterprises", lang), f"{len(enterprises):,}")

m = render_map(items, lang=lang, basemap=s.basemap, tianditu_key=s.tianditu_key, zoom=9)
show_map(m, key="overview_map")
st.caption(":material/warning: " + t("app.disclaimer", lang))

left, right = st.columns(2)
with left:
    st.subheader(t("overview.table.districts", lang))
    table = districts[["name", "adcode", "kind", "area_km2"]].rename(
        columns={
            "name": t("col.name", lang),
            "adcode": t("col.adcode", lang),
            "kind": t("col.kind", lang),
            "area_km2": t("col.area_km2", lang),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
with right:
    st.subheader(t("overview.provenance", lang))
    st.dataframe(
        provenance_table(["districts", "wujiang_towns", "enterprises"], lang),
        hide_index=True,
        width="stretch",
    )
