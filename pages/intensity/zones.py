"""用地强度's 区镇 view: the choropleth of a 亩均 metric per 区镇, the enterprises coloured by the
class of their own value, and the panel of a clicked town or enterprise."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.evaluation.metrics import RATIOS_BY_KEY
from geo.messages import Lang, message, t
from geo.messages.formats import yuan_amount
from geo.messages.names import industry_name
from geo.number_formats import as_text
from geo.place_names import place_name
from geo.storage.schema import WUJIANG_TOWNS
from layers import enterprises as ent_layer
from layers import intensity
from pages.common.auth import aggregates_for_role, sees_firms
from pages.common.frame import map_first_run, page_control, rest_after_map, show_error
from pages.common.maps import clicked_properties, wujiang_map
from pages.common.stored import layer_frame, map_layer_of, provenance_html, provenance_table
from pages.intensity.controls import class_controls
from pages.intensity.parcel_tabs import details_html


def _filtered(industry: str, above_scale_only: bool) -> pd.DataFrame:
    ents = layer_frame("enterprises")
    mask = pd.Series(True, index=ents.index)
    if industry:
        mask &= ents["industry"] == industry
    if above_scale_only:
        mask &= ents["above_scale"].astype(bool)
    return ents[mask]


def _town_panel(town: str, table: pd.DataFrame, metric: str, lang: Lang) -> None:
    st.markdown(f"### {html.escape(place_name(town, lang))}")
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
    st.html(details_html(town_figures(row, lang), "atlas-town"))  # label above value: a grid cut them


def town_figures(row: pd.Series, lang: Lang) -> list[tuple[str, str]]:
    """A town's figures in its panel, (label, value): its enterprises counted, its 亩均 metrics, land
    and tax as its tables write them, with thousands separators and their two decimals (the tax was
    "203477 万元"); in English the tax as English writes money (``CNY 2.03 billion``)."""
    items = [(t("int.n_enterprises", lang), f"{int(row['n_enterprises']):,}")]
    for key in intensity.METRICS:
        value = row[key]
        items.append((intensity.metric_label(key, lang), "—" if value != value else f"{value:,.2f}"))
    tax = float(row["tax_wan_yuan"])
    return [
        *items,
        (t("int.land_total", lang), t("int.unit.mu", lang).format(value=as_text(row["land_mu"], "area"))),
        (
            t("int.tax_total", lang),
            yuan_amount(tax, lang)
            if lang == "en"
            else t("int.unit.wan_yuan", lang).format(value=as_text(tax, "money")),
        ),
    ]


def _enterprise_panel(ent_id: str, ents: pd.DataFrame, metric: str, lang: Lang) -> None:
    row = ents[ents["ent_id"] == ent_id]
    if not len(row):
        return
    e = row.iloc[0]
    st.markdown(f"### {html.escape(str(e['name']))}")
    words = (e["ent_id"], industry_name(str(e["industry"]), lang), place_name(e["town"], lang))
    st.markdown(html.escape(" · ".join(str(w) for w in words)))
    value = e[metric]
    st.metric(intensity.metric_label(metric, lang), "—" if value != value else f"{value:,.2f}")
    st.caption(t("wj.synthetic_note", lang))


def zone_view(towns, base, lang: Lang) -> None:
    MAP = "intensity_map"  # noqa: N806
    metric, scheme, k, industry = class_controls(
        "int", MAP, t("int.metric", lang), intensity.METRICS, lambda m: intensity.metric_label(m, lang), lang
    )
    above_only = page_control(
        MAP, "int_above", False, lambda: st.checkbox(t("int.above_scale", lang), key="int_above")
    )
    show_points = page_control(
        MAP, "int_points", True, lambda: st.checkbox(t("int.points", lang), value=True, key="int_points")
    )

    try:
        ents = _filtered(industry, above_only)
        table = aggregates_for_role(intensity.zone_table(towns, ents))  # 查看汇总: no group of 1–2 firms
        zones, zone_classes = intensity.zone_intensity(towns, table, metric=metric, scheme=scheme, k=k)
    except DataValidationError as exc:
        show_error(exc)
        return

    changing = [
        map_layer_of(intensity.for_metric(metric, zone_classes), zones, provenance_of=intensity.PROVENANCE)
    ]
    points = None
    firms = sees_firms()  # enterprise points only for the roles that see enterprise rows
    if show_points and len(ents) and firms:
        points = ent_layer.with_metric(ents, metric)
        try:
            point_classes = intensity.classify(points[metric], scheme=scheme, k=k)
        except DataValidationError as exc:
            show_error(exc)
            return
        r = RATIOS_BY_KEY[metric]
        layer = ent_layer.by_metric_class(metric, point_classes, label_zh=r.label_zh, label_en=r.label_en)
        changing.append(map_layer_of(layer, points))

    left, right = st.columns([3, 1.3])
    with left:
        out = wujiang_map(
            base,
            changing,
            towns,
            title=t("int.header", lang),
            export_title=message(
                "int.export_title", lang, indicator=intensity.metric_label(metric, lang, with_unit=False)
            ),
            key="intensity_map",
            note=t("int.method_note", lang),
            changing_key=(metric, scheme, k, industry, above_only, show_points),  # rendered once per choice
            signal_drawn=True,
        )

    with right:  # the panel beside the map follows it
        props = {} if map_first_run(MAP) else clicked_properties(out)
        if props.get("ent_id") and points is not None:
            _enterprise_panel(str(props["ent_id"]), points, metric, lang)
        elif props.get("name") in WUJIANG_TOWNS:
            _town_panel(props["name"], table, metric, lang)
        elif not map_first_run(MAP):
            st.subheader(t("int.panel", lang))
            st.info(t("int.panel_hint", lang))
    rest_after_map(MAP, lang)  # what follows comes once the map is drawn
    st.caption(t("int.intro", lang))
    if show_points and not firms:
        st.caption(":material/lock: " + t("int.points_hidden", lang))

    st.subheader(t("int.table", lang).format(metric=intensity.metric_label(metric, lang)))
    ranked = zones.drop(columns="geometry").sort_values("value", ascending=False)
    labels = zone_classes.labels(intensity.metric_unit(metric, lang), decimals=2)
    st.dataframe(
        pd.DataFrame(
            {
                t("wj.col.town", lang): [place_name(v, lang) for v in ranked["name"]],
                intensity.metric_label(metric, lang): ranked["value"].round(2),
                t("int.class", lang): [
                    labels[c] if c >= 0 else t("layer.no_data", lang) for c in ranked["cls"]
                ],
                t("int.n_enterprises", lang): ranked["n_enterprises"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.subheader(t("overview.provenance", lang))
    st.html(provenance_html(provenance_table(["wujiang_towns", "enterprises"], lang), lang))
