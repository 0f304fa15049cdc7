"""苏州“两轴三带”: axes, belts, development zones, the six key industries' carriers, county focus."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st

from geo.messages import Lang, t
from geo.messages.formats import yi_yuan_amount, yi_yuan_in_header_unit
from geo.messages.names import industry_name
from geo.number_formats import FORMATS
from geo.place_names import name_list, place_label, place_list, place_name
from geo.spatial.crs import ANALYSIS_CRS, STORAGE_CRS
from layers import REGISTRY, corridor_axes, corridor_belts, dev_zones
from layers import districts as district_layer
from layers.base import Field
from layers.mapview import SUZHOU_CENTER, MapLayer
from pages.common.frame import loading, map_first_run, open_page, page_control, rest_after_map
from pages.common.maps import clicked_properties, kept_through_language_switch, map_with_exports
from pages.common.stored import layer_frame, map_layer_of, provenance_html, provenance_table, user_layers

SEP = "、"


def _label(key: str, lang: Lang) -> str:
    """A UI label followed by the colon of the UI language."""
    return t(key, lang) + (": " if lang == "en" else "：")


def _leads(key_industries: str, industry: str) -> bool:
    return industry in str(key_industries or "").split(SEP)


def _en(row: pd.Series, column: str, lang: Lang) -> str:
    """A transcribed text in ``lang``: the data's English rendering (``<column>_en``, the atlas's
    translation) on an English page when the row has one, else the Chinese."""
    english = row.get(f"{column}_en") if lang == "en" else None
    return str(english) if isinstance(english, str) and english else str(row[column] or "")


def _industries(text: object, lang: Lang) -> str:
    return name_list(text, lang, industry_name) or "—"


def _shown(frame: pd.DataFrame, columns: list[str], lang: Lang) -> pd.DataFrame:
    """``frame``'s ``columns`` in ``lang``: each text with an English rendering (``<column>_en``)
    takes it on an English page."""
    out = frame[columns].copy()
    for col in columns:
        if lang == "en" and f"{col}_en" in frame.columns:
            out[col] = frame[f"{col}_en"].where(frame[f"{col}_en"].fillna("") != "", frame[col])
    return out


def _panel_district(name: str, focus: pd.DataFrame, zones: pd.DataFrame, lang: Lang) -> None:
    st.markdown(f"**{place_label(name, lang)}**")
    row = focus[focus["area"] == name]
    st.markdown(f"{_label('corr.focus', lang)}{_en(row.iloc[0], 'focus', lang) if len(row) else '—'}")
    here = zones[zones["county"] == name]
    if len(here):
        st.markdown(f"{_label('corr.zones_here', lang)}")
        for _, z in here.iterrows():
            level = _en(z, "level", lang)
            zone = place_name(z["name"], lang)
            st.markdown(
                f"- {zone} ({level}): {_industries(z['industries'], lang)}"
                if lang == "en"
                else f"- {zone}（{level}）：{_industries(z['industries'], lang)}"
            )


def _panel_corridor(row: pd.Series, lang: Lang) -> None:
    name, kind = _en(row, "name", lang), _en(row, "kind", lang)
    st.markdown(f"**{name}** ({kind})" if lang == "en" else f"**{name}**（{kind}）")
    st.markdown(f"{_label('corr.industries', lang)}{_en(row, 'industries', lang)}")
    st.markdown(f"{_label('corr.role', lang)}{_en(row, 'description', lang)}")
    st.markdown(f"{_label('corr.key_industries', lang)}{_industries(row['key_industries'], lang)}")
    if lang == "en":
        st.caption(t("corr.translation_note", lang))


def _panel_zone(row: pd.Series, focus: pd.DataFrame, lang: Lang) -> None:
    level, county = _en(row, "level", lang), place_name(row["county"], lang)
    name = place_label(row["name"], lang)
    st.markdown(f"**{name}** ({level}, {county})" if lang == "en" else f"**{name}**（{level}，{county}）")
    st.markdown(f"{_label('corr.carries', lang)}{_industries(row['industries'], lang)}")
    extra = focus[focus["area"] == row["name"]]
    if len(extra):
        st.markdown(f"{_label('corr.focus', lang)}{_en(extra.iloc[0], 'focus', lang)}")


AXIS_CLICK_M = 1500.0  # a click this close to an axis line counts as on it (the line is drawn 6 px wide)


def _under_click(out: dict, frames: dict[str, gpd.GeoDataFrame]) -> dict[str, list[str]]:
    """Names of each frame's features under the last map click (lines within ``AXIS_CLICK_M``).

    Reads streamlit-folium's ``last_clicked`` (lat/lng); {} when the map was not clicked. The
    click answers with every layer under it, so the district is found even where an axis, a belt
    or a zone is drawn over it.
    """
    point = (out or {}).get("last_clicked") or {}
    if not isinstance(point, dict) or point.get("lat") is None or point.get("lng") is None:
        return {}
    here = gpd.GeoSeries(shapely.points([point["lng"]], [point["lat"]]), crs=STORAGE_CRS).to_crs(ANALYSIS_CRS)
    found = {}
    for key, frame in frames.items():
        shapes = frame.to_crs(ANALYSIS_CRS)
        lines = shapes.geom_type.isin(["LineString", "MultiLineString"]).to_numpy()
        dist = shapes.distance(here.iloc[0]).to_numpy()
        hit = (dist == 0) | (lines & (dist <= AXIS_CLICK_M))
        found[key] = [str(n) for n in shapes.loc[hit, "name"]]
    return found


def _focus_words(out: dict, frames: dict[str, gpd.GeoDataFrame], focus: pd.DataFrame, lang: Lang) -> str:
    """The cluster focus of the district (or zone) the user clicked, one line each, for the briefing
    PNG's subtitle; "" before a click."""
    under = _under_click(out, frames)
    by_area = focus.set_index("area", drop=False)
    names = [n for n in [*under.get("districts", []), *under.get("zones", [])] if n in by_area.index]
    return "\n".join(
        f"{place_name(n, lang)} · {_label('corr.focus', lang)}{_en(by_area.loc[n], 'focus', lang)}"
        for n in names
    )


def _clicked_outline(out: dict, districts_item: MapLayer) -> list[MapLayer]:
    """The district the user clicked, outlined over the briefing PNG's map as the live map outlines
    it (:func:`layers.districts.clicked`); none before a click."""
    frame = districts_item.frame
    names = _under_click(out, {"districts": frame}).get("districts", [])
    picked = frame[frame["name"].isin(names)]
    return [MapLayer(district_layer.clicked(), picked, districts_item.provenance)] if len(picked) else []


MAP = "corridors_map"
INDUSTRY_KEPT = "corr_industry_kept"  # the industry picked, kept through a visit to another page


def _clicked(answer: dict) -> dict | None:
    """The point the map's ``answer`` says was clicked ({"lat", "lng"}); None without a click."""
    point = answer.get("last_clicked")
    return point if isinstance(point, dict) and point.get("lat") is not None else None


def _with_kept(answer: dict, kept: dict) -> dict:
    """The map's ``answer``, or, before a click on the map drawn since a switch of the UI language,
    the answer with the click made before it (the panel, the outline and the PNG's subtitle follow)."""
    answer = answer if isinstance(answer, dict) else {}
    if _clicked(answer) or not kept.get("picked"):
        return answer
    return {**answer, "last_clicked": kept["picked"]}


s = open_page("corr.header")
lang = s.lang
# the point clicked and the view, kept through a switch of the UI language (as 用地强度's parcel)
kept = kept_through_language_switch(MAP, lang, _clicked)

with loading():
    districts = layer_frame("districts")
    axes = layer_frame("corridor_axes")
    belts = layer_frame("corridor_belts")
    zones = layer_frame("dev_zones")
    key_industries = layer_frame("key_industries")
    focus = layer_frame("county_cluster_focus")
    # The districts with each one's cluster focus (苏委发〔2022〕1号 第13条) in the hover tooltip.
    by_area = focus.set_index("area")
    with_focus = districts.assign(
        focus=districts["name"].map(by_area["focus"]).fillna("—"),
        focus_en=districts["name"].map(by_area["focus_en"] if "focus_en" in by_area else by_area["focus"]),
    )
    focus_field = Field(
        "focus",
        "集群重点（苏委发〔2022〕1号）",
        "Cluster focus (Suzhou cluster guidance, 2022)",
        en_column="focus_en",
    )
    districts_layer = replace(
        REGISTRY["districts"], tooltip_fields=(REGISTRY["districts"].tooltip_fields[0], focus_field)
    )
    base = [map_layer_of(districts_layer, with_focus), *user_layers()]

# The page's control sits in the sidebar, beside the map (it comes once the map is drawn). The
# industry picked survives a visit to another page (a widget's own state does not; the map's click
# and view do).
if "corr_industry" not in st.session_state and INDUSTRY_KEPT in st.session_state:
    st.session_state["corr_industry"] = st.session_state[INDUSTRY_KEPT]
industry = page_control(
    MAP,
    "corr_industry",
    "",
    lambda: st.selectbox(
        t("corr.industry", lang),
        ["", *key_industries["industry"]],
        format_func=lambda v: industry_name(v, lang) if v else t("corr.industry_none", lang),
        key="corr_industry",
    ),
)
st.session_state[INDUSTRY_KEPT] = industry
# Only these follow the widget; the districts map underneath stays, and with it the user's view.
changing = [
    map_layer_of(corridor_belts.for_industry(industry)),
    map_layer_of(corridor_axes.for_industry(industry)),
    map_layer_of(dev_zones.for_industry(industry)),
]

left, right = st.columns([3, 1.2])
center, zoom = kept.get("view") or (SUZHOU_CENTER, 9)
with left:
    out = map_with_exports(
        base,
        changing,
        # the map keeps one title (a new title would rebuild it and lose the view); the briefing's
        # title names the industry picked
        title=t("corr.header", lang),
        export_title=t("corr.header", lang)
        + (f"：{industry}" if lang == "zh" else f": {industry_name(industry, lang)}") * bool(industry),
        key=MAP,
        note=t("corr.schematic_note", lang),
        center=center,
        zoom=zoom,
        height=620,
        returned_objects=["last_active_drawing", "last_clicked", "center", "zoom"],
        changing_key=(industry,),
        signal_drawn=True,
        export_subtitle=lambda out: _focus_words(
            _with_kept(out, kept), {"districts": districts, "zones": zones}, focus, lang
        ),
        export_outlines=lambda out: _clicked_outline(_with_kept(out, kept), base[0]),
    )
if kept and _clicked(out):  # a click on the map drawn since the switch: the one to keep
    kept["picked"] = _clicked(out)
out = _with_kept(out, kept)

corridors = pd.concat([axes.drop(columns="geometry"), belts.drop(columns="geometry")], ignore_index=True)
with right:
    # The panel beside the map follows it (a first run sends nothing else for the map to wait on).
    if not map_first_run(MAP):
        st.subheader(t("corr.panel", lang))
        under = _under_click(out, {"districts": districts, "zones": zones, "axes": axes, "belts": belts})
        if not under:  # no click position came back: fall back to the feature clicked
            name = clicked_properties(out).get("name")
            under = {
                "districts": [name] if name in set(districts["name"]) else [],
                "zones": [name] if name in set(zones["name"]) else [],
                "axes": [name] if name in set(corridors["name"]) else [],
            }
        # The district comes first (a click in 吴江区 is about 吴江区); what is drawn over it follows.
        shown = False
        for name in under.get("districts", []):
            _panel_district(name, focus, zones, lang)
            shown = True
        for name in under.get("zones", []):
            if shown:
                st.divider()
            _panel_zone(zones.set_index("name", drop=False).loc[name], focus, lang)
            shown = True
        for name in [*under.get("axes", []), *under.get("belts", [])]:
            if shown:
                st.divider()
            _panel_corridor(corridors.set_index("name", drop=False).loc[name], lang)
            shown = True
        if not shown:
            st.info(t("corr.panel_hint", lang))
        if industry:
            st.divider()
            sel = key_industries.set_index("industry").loc[industry]
            st.markdown(f"**{industry_name(industry, lang)}**")
            # "8,000 亿元"; in English "CNY 800 billion" ("8,000 100M yuan" was cut in the narrow panel).
            st.metric(
                t("corr.target_2020.metric", lang),
                yi_yuan_amount(sel["target_2020_yi_yuan"], lang, decimals=0),
            )
            st.markdown(f"{_label('corr.carrier_parks', lang)}{place_list(sel['carrier_parks'], lang)}")
            lead = [
                _en(row, "name", lang)
                for _, row in corridors.iterrows()
                if _leads(row["key_industries"], industry)
            ]
            st.markdown(
                f"{_label('corr.dominant_in', lang)}{(', ' if lang == 'en' else SEP).join(lead) or '—'}"
            )


rest_after_map(MAP, lang)  # what follows comes once the map is drawn
st.caption(t("corr.intro", lang))
if lang == "en":
    st.caption(t("corr.translation_note", lang))
st.subheader(t("corr.table.corridors", lang))
st.dataframe(
    _shown(corridors, ["name", "kind", "industries", "description"], lang).rename(
        columns={
            "name": t("corr.col.corridor", lang),
            "kind": t("col.kind", lang),
            "industries": t("corr.industries", lang),
            "description": t("corr.role", lang),
        }
    ),
    hide_index=True,
    width="stretch",
)
c1, c2 = st.columns(2)
with c1:
    st.subheader(t("corr.table.key_industries", lang))
    # the targets in the header's unit: 亿元, in English CNY billion (as the metric says them)
    table = key_industries.assign(
        industry=[industry_name(v, lang) for v in key_industries["industry"]],
        target_2020_yi_yuan=yi_yuan_in_header_unit(key_industries["target_2020_yi_yuan"], lang),
        carrier_parks=[place_list(v, lang) for v in key_industries["carrier_parks"]],
    )[["industry", "target_2020_yi_yuan", "carrier_parks"]].rename(
        columns={
            "industry": t("corr.col.industry", lang),
            "target_2020_yi_yuan": t("corr.target_2020", lang),
            "carrier_parks": t("corr.carrier_parks", lang),
        }
    )
    target = t("corr.target_2020", lang)  # money with thousands separators, as every table's money
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={target: st.column_config.NumberColumn(target, format=FORMATS["money"].screen)},
    )
with c2:
    st.subheader(t("corr.table.focus", lang))
    st.dataframe(
        _shown(
            focus.assign(area=[place_name(v, lang) for v in focus["area"]]), ["area", "focus"], lang
        ).rename(columns={"area": t("corr.col.area", lang), "focus": t("corr.focus", lang)}),
        hide_index=True,
        width="stretch",
    )
st.subheader(t("overview.provenance", lang))
st.html(
    provenance_html(
        provenance_table(
            [
                "districts",
                "corridor_axes",
                "corridor_belts",
                "dev_zones",
                "key_industries",
                "county_cluster_focus",
            ],
            lang,
        ),
        lang,
    )
)
