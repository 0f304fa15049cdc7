"""The evaluation page's one map: the zones, the scope's enterprises by class (or, for a role
that sees no enterprise rows, the scored count per zone), and the early warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.evaluation import CLASS_COL
from geo.evaluation.metrics import ZONE_COL
from geo.messages import t
from layers import efficiency_classes, enterprise_counts, eval_warnings
from layers.mapview import WUJIANG_CENTER, MapLayer, basemap_is_gcj02, frame_extent, render_map
from pages.common.cache import shared
from pages.common.frame import rest_after_map
from pages.common.maps import add_snapshot_button, reference_layers, show_map_with
from pages.efficiency.sources import DEMO, evaluated_words, zone_map_layer
from pages.efficiency.view import PageView


@dataclass(frozen=True)
class DrawnMap:
    """The map as drawn, for the export panel and the enterprise profile (a click on a point)."""

    out: dict | None  # what st_folium returned
    title: str
    zone_item: MapLayer
    class_items: list[MapLayer]
    build: Callable[[], folium.Map]
    gcj02: bool
    # what the map draws under the zones to place them (the districts' and 区镇's outlines under a
    # user's own zones), so the briefing PNG draws them too (walk17: parks on white)
    under: tuple[MapLayer, ...] = ()


def evaluated_extent(view: PageView) -> gpd.GeoDataFrame:
    """The zones and the year's enterprises together (WGS-84): what a map of imports opens on."""
    shapes = [view.sources.zones.geometry.to_crs("EPSG:4326")]
    ents = view.enterprises
    if isinstance(ents, gpd.GeoDataFrame) and ents.crs is not None and len(ents):
        shapes.append(ents.geometry.to_crs("EPSG:4326"))
    return gpd.GeoDataFrame(geometry=pd.concat(shapes, ignore_index=True), crs="EPSG:4326")


def class_map(view: PageView) -> DrawnMap:
    """Draw the map (first on the page: it is drawn before the tables' scripts load), then its
    notes. On a session's first run the page ends here (pages/common/frame.rest_after_map)."""
    lang, s, scope_key = view.lang, view.settings, view.scope_key
    scope, scored = view.scope, view.scored
    # The toggle sits with the ranking below; the map above already follows it.
    show_unscored = bool(st.session_state.get("eff_show_unscored", False))
    zone_item = zone_map_layer(view.sources.zones_src, view.sources.zones)
    map_title = f"{view.title} {view.year_words}".strip()
    gcj02 = basemap_is_gcj02(s.basemap)
    class_layer = efficiency_classes.LAYER
    if view.sources.ents_src != DEMO:  # the user's own enterprises: not "（合成）"
        class_layer = replace(
            class_layer, title_zh=t("eff.layer.title_user", "zh"), title_en=t("eff.layer.title_user", "en")
        )

    src = view.sources
    imported = src.zones_src != DEMO or src.ents_src != DEMO
    under = tuple(reference_layers()) if src.zones_src != DEMO else ()

    def build_map() -> folium.Map:
        # The user's own data: the map opens on it (as the briefing PNG does), and an imported zone
        # layer (parks, say) is drawn over the districts' and the 区镇's outlines, which place it
        # (as the 数据管理 page's preview does); the demo opens on 吴江's 区镇 as ever.
        m = render_map(
            [*under, zone_item],
            lang=lang,
            basemap=s.basemap,
            tianditu_key=s.tianditu_key,
            center=WUJIANG_CENTER,
            zoom=10,
            fit_to=evaluated_extent(view) if imported else None,
        )
        return add_snapshot_button(m, map_title, lang=lang)

    on_map_n = len(scope) if show_unscored else len(scored)
    lean_map = on_map_n > efficiency_classes.LEAN_ABOVE
    few = on_map_n <= efficiency_classes.FEW_POINTS
    class_layer = efficiency_classes.for_count(class_layer, on_map_n)
    warn_layer = eval_warnings.around(class_layer)  # a ring round the class points, however large

    def class_items() -> list[MapLayer]:
        on_map = scope if show_unscored else scored
        items = [MapLayer(class_layer, efficiency_classes.for_map(on_map, lang), view.provenance)]
        if isinstance(view.enterprises, gpd.GeoDataFrame):
            items.insert(
                0,
                MapLayer(warn_layer, eval_warnings.for_map(view.warnings, scope, lang), view.provenance),
            )
        return items

    def zone_counts() -> list[MapLayer]:
        counts = shared(
            ("eff.counts", *scope_key),
            lambda: enterprise_counts.count_frame(
                view.sources.zones, scored, column=ZONE_COL, classes=CLASS_COL
            ),
        )
        layer = enterprise_counts.for_counts(counts, what_zh="参评", what_en="Scored")
        return [MapLayer(layer, counts, view.provenance)]

    # The map (zones) is rendered once per zones and title, the class points once per scope, both
    # for all sessions; a filter change resends only the points and keeps the user's view.
    # Enterprise points only for the roles that see enterprise rows (pages/common/auth.py): others get
    # the zones.
    if view.firms:
        items = shared(("eff.map_items", *scope_key, show_unscored, lean_map, few, lang), class_items)
    else:
        items = zone_counts()
    zoom_target = None
    if view.chosen[0]:  # towns chosen: the map zooms to them
        zoom_target = shared(("eff.fit", *scope_key), lambda: frame_extent(view.scope))
    map_out = show_map_with(
        build_map,
        items,
        key="eff_map",
        lang=lang,
        gcj02=gcj02,
        height=520,
        # Not "bounds": streamlit-folium would rerun this heavy page on every pan and zoom (0.3–1.5 s
        # of greyed page, measured); the briefing PNG shows the scope's extent instead.
        # "selected_layers": a layer switched off is left out of the downloads (a rare click).
        returned_objects=["last_active_drawing", "selected_layers"],
        base_key=("eff", src.zones_src, map_title, *((src.ents_src,) if imported else ())),
        changing_key=("eff", *scope_key, show_unscored, lean_map, few),
        signal_drawn=True,
        fit_to=zoom_target,  # zoom to the towns chosen
    )
    rest_after_map("eff_map", lang)
    if lean_map:
        st.caption(t("eff.map.lean", lang).format(n=efficiency_classes.LEAN_ABOVE))
    click_note = t("eff.map.click" if view.firms else "eff.map.zones_only", lang)
    st.caption(":material/warning: " + click_note + " " + t("map.disclaimer", lang))
    rings = sum(len(item.frame) for item in items if item.layer.name == eval_warnings.LAYER.name)
    if rings:  # the folded legend says it only when opened (walk 14): the ring's meaning under the map
        st.caption(":material/radio_button_unchecked: " + t("eff.map.rings", lang).format(n=rings))
    if view.sources.ents_src == DEMO:  # the user's own enterprises are not synthetic
        st.caption(":material/warning: " + t("eff.synthetic_note", lang))
    if imported:  # which data, with its accuracy (the sidebar's 「数据」 box says so too)
        what = evaluated_words(src.zones_src, src.ents_src, lang)
        st.caption(":material/database: " + t("eff.data.line", lang).format(what=what))
    return DrawnMap(map_out, map_title, zone_item, items, build_map, gcj02, under)
