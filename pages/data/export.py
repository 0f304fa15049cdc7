"""Exporting from the data page: chosen built-in and imported layers (by role) on one map, with
a title, as offline HTML, PNG, GeoJSON and tables."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.messages import t
from geo.spatial.crs import STORAGE_CRS
from layers import REGISTRY
from layers.mapview import frame_extent, render_map, shown_layers, view_extent
from layers.offline_html import map_downloads
from layers.snapshot import SnapshotControl
from layers.user_layers import user_map_layer
from pages.common.auth import firms_hidden_note, sees_firms
from pages.common.frame import Settings, show_error
from pages.common.maps import download_buttons, show_map
from pages.common.stored import exportable, map_layer
from pages.data.store import store_layers, user_frame, user_meta, user_stamp

PREVIEW_ZOOM_SNAP = 0.25  # the preview's zoom step (Leaflet's zoomSnap)


@st.fragment
def export_section(s: Settings) -> None:
    """Chosen layers on one map, downloaded as offline HTML, PNG, GeoJSON and tables.

    A fragment: a choice changed, or the map panned (its view is what the PNG shows), reruns this
    section alone."""
    lang = s.lang
    st.subheader(t("export.header", lang))
    st.caption(t("export.note", lang))
    meta = user_meta(user_stamp())
    # layers drawn straight from a stored spatial layer; derived ones (clusters, intensity) export
    # from their pages
    builtin = [name for name, layer in REGISTRY.items() if layer.source == name and name in store_layers()]
    builtin, user = exportable(builtin), exportable(meta["layer"].tolist())  # by role (pages/common/auth.py)
    if not sees_firms():
        firms_hidden_note(lang, what_key="access.hidden_export")
    titles = {name: REGISTRY[name].title(lang) for name in builtin}
    titles.update({row["layer"]: row["title_zh"] for _, row in meta.iterrows()})
    default = [n for n in ("districts", "wujiang_towns") if n in builtin]
    chosen = st.multiselect(
        t("export.layers", lang),
        [*builtin, *user],
        default=default,
        format_func=lambda n: titles[n],
        key="export_layers",
        placeholder=t("export.layers_placeholder", lang),
    )
    # The default title follows the UI language; a title the user typed stays as typed.
    defaults = {t("export.title_default", other) for other in ("zh", "en")}
    if st.session_state.get("export_title", next(iter(defaults))) in defaults:
        st.session_state["export_title"] = t("export.title_default", lang)
    title = st.text_input(t("export.title", lang), key="export_title")
    if not chosen:
        st.info(t("export.none", lang))
        return
    try:
        items = []
        for i, name in enumerate(chosen):
            if name in user:
                row = meta.set_index("layer").loc[name].copy()
                row["layer"] = name
                items.append(user_map_layer(row, user_frame(name, user_stamp()), index=i))
            else:
                items.append(map_layer(name))
    except DataValidationError as exc:
        show_error(exc)
        return
    shapes = [item.frame.geometry.to_crs(STORAGE_CRS) for item in items if len(item.frame)]
    extent = (
        gpd.GeoDataFrame(geometry=pd.concat(shapes, ignore_index=True), crs=STORAGE_CRS) if shapes else None
    )
    # the chosen layers fill the preview (a quarter-step zoom: whole steps left Suzhou a quarter of it)
    m = render_map(
        items,
        lang=lang,
        basemap=s.basemap,
        tianditu_key=s.tianditu_key,
        fit_to=extent,
        fit_snap=PREVIEW_ZOOM_SNAP,
    )
    m.add_child(SnapshotControl(title=title, lang=lang))
    out = show_map(m, key="data_export_map", height=480, returned_objects=["bounds", "selected_layers"])
    shown = shown_layers(items, out, lang=lang)  # the layers switched on in the map's switcher
    if not shown:
        st.info(t("export.none_shown", lang))
        return
    # framed as the preview is, on every chosen layer, whichever are switched off (walk19)
    fitted = frame_extent(extent) if extent is not None else None
    downloads = map_downloads(title, shown, m, lang=lang, extent=view_extent(out), fitted=fitted)
    download_buttons(downloads, key="export")
