"""用地强度: a choropleth of the Wujiang 区镇 by a 亩均 metric, classed with mapclassify, and the
enterprises coloured by the class of their own value."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.i18n import Lang, t
from geo.metrics import RATIOS_BY_KEY
from geo.schema import WUJIANG_INDUSTRIES, WUJIANG_TOWNS
from layers import enterprises as ent_layer
from layers import intensity
from pages._shared import (
    clicked_properties,
    layer_frame,
    map_center,
    map_layer_of,
    map_with_exports,
    provenance_table,
    settings,
    show_error,
    wujiang_base,
)

ALL = ""


def _filtered(industry: str, above_scale_only: bool) -> pd.DataFrame:
    ents = layer_frame("enterprises")
    mask = pd.Series(True, index=ents.index)
    if industry:
        mask &= ents["industry"] == industry
    if above_scale_only:
        mask &= ents["above_scale"].astype(bool)
    return ents[mask]


def _town_panel(town: str, table: pd.DataFrame, metric: str, lang: Lang) -> None:
    st.markdown(f"### {town}")
    row = table.loc[town]
    rank = (
        int(table[metric].rank(ascending=False, method="min").loc[town])
        if row[metric] == row[metric]
        else None
    )
    st.metric(
        intensity.metric_label(metric, lang),
        "—" if rank is None else f"{row[metric]:,.2f}",
        help=None,
    )
    if rank is not None:
        st.caption(t("int.rank", lang).format(rank=rank, n=int(table[metric].notna().sum())))
    items = [(t("int.n_enterprises", lang), f"{int(row['n_enterprises']):,}")]
    for key in intensity.METRICS:
        value = row[key]
        items.append((intensity.metric_label(key, lang), "—" if value != value else f"{value:,.2f}"))
    items += [
        (t("int.land_total", lang), f"{row['land_mu']:,.0f} 亩"),
        (t("int.tax_total", lang), f"{row['tax_wan_yuan']:,.0f} 万元"),
    ]
    st.dataframe(
        pd.DataFrame(items, columns=[t("wj.col.item", lang), t("wj.col.value", lang)]), hide_index=True
    )


def _enterprise_panel(ent_id: str, ents: pd.DataFrame, metric: str, lang: Lang) -> None:
    row = ents[ents["ent_id"] == ent_id]
    if not len(row):
        return
    e = row.iloc[0]
    st.markdown(f"### {e['name']}")
    st.markdown(f"{e['ent_id']} · {e['industry']} · {e['town']}")
    value = e[metric]
    st.metric(intensity.metric_label(metric, lang), "—" if value != value else f"{value:,.2f}")
    st.caption(t("wj.synthetic_note", lang))


s = settings()
lang = s.lang
st.title(t("int.header", lang))
st.caption(t("int.intro", lang))

try:
    towns = layer_frame("wujiang_towns")
    # The 区镇 outlines (schematic) stay underneath; the coloured fills above them change.
    base = wujiang_base()
except DataValidationError as exc:
    show_error(exc)
    st.stop()

c1, c2, c3 = st.columns([1.2, 1.4, 1])
metric = c1.selectbox(
    t("int.metric", lang),
    intensity.METRICS,
    format_func=lambda k: intensity.metric_label(k, lang),
    key="int_metric",
)
scheme = c2.radio(
    t("int.scheme", lang),
    intensity.SCHEMES,
    format_func=lambda v: t(f"int.scheme.{v}", lang),
    horizontal=True,
    key="int_scheme",
)
k = c3.slider(t("int.k", lang), min_value=3, max_value=7, value=intensity.DEFAULT_K, key="int_k")
c4, c5, c6 = st.columns([1.2, 1.4, 1])
industry = c4.selectbox(
    t("int.industry", lang),
    [ALL, *WUJIANG_INDUSTRIES],
    format_func=lambda v: v or t("int.industry_all", lang),
    key="int_industry",
)
above_only = c5.checkbox(t("int.above_scale", lang), key="int_above")
show_points = c6.checkbox(t("int.points", lang), value=True, key="int_points")

try:
    ents = _filtered(industry, above_only)
    table = intensity.zone_table(towns, ents)
    zones, zone_classes = intensity.zone_intensity(towns, table, metric=metric, scheme=scheme, k=k)
except DataValidationError as exc:
    show_error(exc)
    st.stop()

changing = [
    map_layer_of(intensity.for_metric(metric, zone_classes), zones, provenance_of=intensity.PROVENANCE)
]
points = None
if show_points and len(ents):
    points = ent_layer.with_metric(ents, metric)
    try:
        point_classes = intensity.classify(points[metric], scheme=scheme, k=k)
    except DataValidationError as exc:
        show_error(exc)
        st.stop()
    r = RATIOS_BY_KEY[metric]
    layer = ent_layer.by_metric_class(metric, point_classes, label_zh=r.label_zh, label_en=r.label_en)
    changing.append(map_layer_of(layer, points))

left, right = st.columns([3, 1.3])
with left:
    out = map_with_exports(
        base,
        changing,
        title=t("int.header", lang),
        key="intensity_map",
        note=t("int.method_note", lang),
        center=map_center(towns),
        zoom=10,
        height=640,
        returned_objects=["last_active_drawing"],
        changing_key=(metric, scheme, k, industry, above_only, show_points),
    )

with right:
    props = clicked_properties(out)
    if props.get("ent_id") and points is not None:
        _enterprise_panel(str(props["ent_id"]), points, metric, lang)
    elif props.get("name") in WUJIANG_TOWNS:
        _town_panel(props["name"], table, metric, lang)
    else:
        st.subheader(t("int.panel", lang))
        st.info(t("int.panel_hint", lang))

st.subheader(t("int.table", lang).format(metric=intensity.metric_label(metric, lang)))
ranked = zones.drop(columns="geometry").sort_values("value", ascending=False)
labels = zone_classes.labels(intensity.metric_unit(metric), decimals=2)
st.dataframe(
    pd.DataFrame(
        {
            t("wj.col.town", lang): ranked["name"],
            intensity.metric_label(metric, lang): ranked["value"].round(2),
            t("int.class", lang): [labels[c] if c >= 0 else t("layer.no_data", lang) for c in ranked["cls"]],
            t("int.n_enterprises", lang): ranked["n_enterprises"],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.subheader(t("overview.provenance", lang))
st.dataframe(provenance_table(["wujiang_towns", "enterprises"], lang), hide_index=True, width="stretch")
