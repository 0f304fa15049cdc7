"""用地强度: the parcels (宗地) coloured by 容积率 / 建筑系数 / 投资强度 / 亩均税收 with the ones below their
control minimum marked, the 低效用地 list, its renewal (盘活) and the grant-contract check; or the 区镇
choropleth of a 亩均 metric with the enterprises coloured by the class of their own value."""

from __future__ import annotations

import streamlit as st

from geo.messages import t
from pages.city.intensity import CITY_INT_MAP, city_intensity
from pages.city.views import CITY, data_select
from pages.common.auth import sees_firms
from pages.common.frame import loading, open_page, settings, stop_page
from pages.common.maps import wujiang_base
from pages.common.stored import layer_frame
from pages.intensity.controls import view_control
from pages.intensity.parcels import parcel_view
from pages.intensity.zones import zone_view

if not sees_firms():  # the parcel view is enterprise-level: a visitor starts on the towns
    st.session_state.setdefault("int_view", "zones")
# The Suzhou-wide demo, when chosen, is its own view (pages/city/intensity.py) and ends the page there.
own_map = "parcel_map" if st.session_state.get("int_view", "parcels") == "parcels" else "intensity_map"
if data_select(own_map, CITY_INT_MAP, settings().lang) == CITY:
    city_intensity(settings().lang)
    stop_page()
s = open_page("int.header")
lang = s.lang

with loading():
    towns = layer_frame("wujiang_towns")
    # The 区镇 outlines (schematic) stay underneath; the coloured fills above them change.
    base = wujiang_base()

view = view_control(lang)  # in the sidebar, with the view's own controls
if view == "parcels" and not sees_firms():  # every parcel is an enterprise's land, with its figures
    st.info(":material/lock: " + t("parcel.hidden", lang))
    view = "zones"
if view == "parcels":
    parcel_view(towns, base, lang)
else:
    zone_view(towns, base, lang)
