"""苏州“两轴三带”: axes, belts, development zones, the six key industries' carriers, county focus."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.i18n import Lang, t
from layers import REGISTRY, corridor_axes, corridor_belts, dev_zones
from layers.base import Field
from layers.mapview import SUZHOU_CENTER
from pages._shared import (
    clicked_properties,
    layer_frame,
    map_layer_of,
    map_with_exports,
    provenance_table,
    settings,
    show_error,
    user_layers,
)

SEP = "、"


def _label(key: str, lang: Lang) -> str:
    """A UI label followed by the colon of the UI language."""
    return t(key, lang) + (": " if lang == "en" else "：")


def _leads(key_industries: str, industry: str) -> bool:
    return industry in str(key_industries or "").split(SEP)


def _panel_district(name: str, focus: pd.DataFrame, zones: pd.DataFrame, lang: Lang) -> None:
    st.markdown(f"**{name}**")
    row = focus[focus["area"] == name]
    st.markdown(f"{_label('corr.focus', lang)}{row['focus'].iloc[0] if len(row) else '—'}")
    here = zones[zones["county"] == name]
    if len(here):
        st.markdown(f"{_label('corr.zones_here', lang)}")
        for _, z in here.iterrows():
            st.markdown(f"- {z['name']}（{z['level']}）：{z['industries'] or '—'}")


def _panel_corridor(row: pd.Series, lang: Lang) -> None:
    st.markdown(f"**{row['name']}**（{row['kind']}）")
    st.markdown(f"{_label('corr.industries', lang)}{row['industries']}")
    st.markdown(f"{_label('corr.role', lang)}{row['description']}")
    st.markdown(f"{_label('corr.key_industries', lang)}{row['key_industries'] or '—'}")


def _panel_zone(row: pd.Series, focus: pd.DataFrame, lang: Lang) -> None:
    st.markdown(f"**{row['name']}**（{row['level']}，{row['county']}）")
    st.markdown(f"{_label('corr.carries', lang)}{row['industries'] or '—'}")
    extra = focus[focus["area"] == row["name"]]
    if len(extra):
        st.markdown(f"{_label('corr.focus', lang)}{extra['focus'].iloc[0]}")


s = settings()
lang = s.lang
st.title(t("corr.header", lang))
st.caption(t("corr.intro", lang))

try:
    districts = layer_frame("districts")
    axes = layer_frame("corridor_axes")
    belts = layer_frame("corridor_belts")
    zones = layer_frame("dev_zones")
    key_industries = layer_frame("key_industries")
    focus = layer_frame("county_cluster_focus")
    # The districts with each one's cluster focus (doc 004) in the hover tooltip.
    with_focus = districts.assign(focus=districts["name"].map(focus.set_index("area")["focus"]).fillna("—"))
    focus_field = Field("focus", "集群重点（004 号文件）", "Cluster focus (doc 004)")
    districts_layer = replace(
        REGISTRY["districts"], tooltip_fields=(REGISTRY["districts"].tooltip_fields[0], focus_field)
    )
    base = [map_layer_of(districts_layer, with_focus), *user_layers()]
except DataValidationError as exc:
    show_error(exc)
    st.stop()

industry = st.selectbox(
    t("corr.industry", lang),
    ["", *key_industries["industry"]],
    format_func=lambda v: v or t("corr.industry_none", lang),
    key="corr_industry",
)
# Only these follow the widget; the districts map underneath stays, and with it the user's view.
changing = [
    map_layer_of(corridor_belts.for_industry(industry)),
    map_layer_of(corridor_axes.for_industry(industry)),
    map_layer_of(dev_zones.for_industry(industry)),
]

left, right = st.columns([3, 1.2])
with left:
    out = map_with_exports(
        base,
        changing,
        title=t("corr.header", lang),
        key="corridors_map",
        note=t("corr.schematic_note", lang),
        center=SUZHOU_CENTER,
        zoom=9,
        height=620,
        returned_objects=["last_active_drawing"],
    )

with right:
    st.subheader(t("corr.panel", lang))
    name = clicked_properties(out).get("name")
    corridors = pd.concat([axes.drop(columns="geometry"), belts.drop(columns="geometry")], ignore_index=True)
    if name in set(districts["name"]):
        _panel_district(name, focus, zones, lang)
    elif name in set(corridors["name"]):
        _panel_corridor(corridors.set_index("name", drop=False).loc[name], lang)
    elif name in set(zones["name"]):
        _panel_zone(zones.set_index("name", drop=False).loc[name], focus, lang)
    else:
        st.info(t("corr.panel_hint", lang))
    if industry:
        st.divider()
        sel = key_industries.set_index("industry").loc[industry]
        st.markdown(f"**{industry}**")
        st.metric(t("corr.target_2020", lang), f"{sel['target_2020_yi_yuan']:,.0f} 亿元")
        st.markdown(f"{_label('corr.carrier_parks', lang)}{sel['carrier_parks']}")
        lead = [
            n
            for n, k in zip(corridors["name"], corridors["key_industries"], strict=True)
            if _leads(k, industry)
        ]
        st.markdown(f"{_label('corr.dominant_in', lang)}{SEP.join(lead) or '—'}")

st.subheader(t("corr.table.corridors", lang))
st.dataframe(
    corridors[["name", "kind", "industries", "description"]].rename(
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
    table = key_industries[["industry", "target_2020_yi_yuan", "carrier_parks"]].rename(
        columns={
            "industry": t("corr.col.industry", lang),
            "target_2020_yi_yuan": t("corr.target_2020", lang),
            "carrier_parks": t("corr.carrier_parks", lang),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
with c2:
    st.subheader(t("corr.table.focus", lang))
    st.dataframe(
        focus[["area", "focus"]].rename(
            columns={"area": t("corr.col.area", lang), "focus": t("corr.focus", lang)}
        ),
        hide_index=True,
        width="stretch",
    )
st.subheader(t("overview.provenance", lang))
st.dataframe(
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
    hide_index=True,
    width="stretch",
)
