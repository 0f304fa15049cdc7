"""The floor of this stack: a bare Streamlit page with one st_folium map of one polygon.

Leaflet comes from the app's own ``static/vendor`` (``layers.assets`` rewrites folium's CDN URLs),
as in the atlas. ``bench.bench_pages`` serves this script from a temporary folder whose ``static``
links to the project's, beside the atlas, and compares every page's times with it.
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

import layers.assets  # noqa: F401  (local Leaflet, no CDN)

st.set_page_config(page_title="bare", layout="wide")
st.title("bare st_folium page")
m = folium.Map(location=(31.0, 120.6), zoom_start=10, tiles=None)
square = [[120.5, 30.9], [120.7, 30.9], [120.7, 31.1], [120.5, 31.1], [120.5, 30.9]]
folium.GeoJson({"type": "Polygon", "coordinates": [square]}, name="one polygon").add_to(m)
st_folium(m, key="bare_map", height=620, use_container_width=True, returned_objects=[])
