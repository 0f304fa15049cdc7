"""总览: the Suzhou districts and the Wujiang 区镇 on one map, with each layer's provenance."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.messages import t
from geo.place_names import place_name
from geo.storage.provenance import accuracy_label
from layers.mapview import render_map, shown_layers, view_extent
from pages.city.views import city_page_if_chosen
from pages.common.frame import loading, open_page, rest_after_map, settings
from pages.common.maps import add_snapshot_button, export_panel, show_map
from pages.common.stored import layer_frame, map_layer, provenance_html, provenance_table, user_layers

# The Suzhou-wide demo, when chosen, is its own view (pages/city/views.py) and ends the page there.
city_page_if_chosen("overview", settings().lang)
s = open_page("overview.header")
lang = s.lang

with loading():
    districts = layer_frame("districts")
    towns = layer_frame("wujiang_towns")
    enterprises = layer_frame("enterprises")
    items = [map_layer("districts"), map_layer("wujiang_towns"), *user_layers()]


def _build_map():
    m = render_map(items, lang=lang, basemap=s.basemap, tianditu_key=s.tianditu_key, zoom=9)
    return add_snapshot_button(m, t("overview.header", lang), lang=lang)


# Rendered once per data stamp and sidebar choice for all sessions (pages/common/cache.py).
map_out = show_map(
    _build_map,
    key="overview_map",
    cache_key=("overview",),
    signal_drawn=True,
    returned_objects=["bounds", "selected_layers"],
)
# The map first, then the rest: the browser draws the map before anything sent after it in a
# later run (docs/performance.md, seventh round).
rest_after_map("overview_map", lang)
st.caption(":material/warning: " + t("map.disclaimer", lang))
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("overview.metric.districts", lang), f"{len(districts)}")
c2.metric(t("overview.metric.area", lang), f"{districts['area_km2'].sum():,.0f} km²")
c3.metric(t("overview.metric.towns", lang), f"{len(towns)}")
c4.metric(t("overview.metric.enterprises", lang), f"{len(enterprises):,}")
st.caption(t("overview.intro", lang))
export_panel(
    t("overview.header", lang),
    shown_layers(items, map_out, lang=lang),
    _build_map,
    lang=lang,
    key="overview_export",
    extent=view_extent(map_out),
)

# The districts, then the provenance, each in the page's width: the provenance's sources and notes
# wrap in it (in a half-width column at 1280 px a word of them ran past its edge, and the grid cut
# the districts' areas).
st.subheader(t("overview.table.districts", lang))
shown = districts.assign(  # the two kinds of the districts layer: 区, 县级市
    name=[place_name(n, lang) for n in districts["name"]],
    kind=[t(f"district.kind.{k}", lang) if k in ("区", "县级市") else k for k in districts["kind"]],
)
table = shown[["name", "adcode", "kind", "area_km2"]].rename(
    columns={
        "name": t("col.name", lang),
        "adcode": t("col.adcode", lang),
        "kind": t("col.kind", lang),
        "area_km2": t("col.area_km2", lang),
    }
)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    # one decimal for every district (the values kept three: 407.996 beside 83.38)
    column_config={t("col.area_km2", lang): st.column_config.NumberColumn(format="%.1f")},
)
st.subheader(t("overview.provenance", lang))
builtin = provenance_table(["districts", "wujiang_towns", "enterprises"], lang)
imported = pd.DataFrame(
    {
        t("col.layer", lang): item.layer.title(lang),
        t("col.accuracy", lang): accuracy_label(item.provenance.accuracy, lang),
        t("col.source", lang): item.provenance.source,
        t("col.licence", lang): item.provenance.licence,
        t("col.crs", lang): "EPSG:4326",
        t("col.note", lang): item.provenance.note,
    }
    for item in items[2:]  # the user's imports (数据管理)
)
st.html(provenance_html(pd.concat([builtin, imported], ignore_index=True), lang))
