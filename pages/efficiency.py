"""亩均效益评价: scope, editable weights and cut-offs, ranking, class mix, map and D-class land."""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st
import yaml

from geo import ingest
from geo.batch import EvaluationRun, run_evaluation
from geo.errors import DataValidationError
from geo.evaluation import (
    CLASS_COL,
    CLASSES,
    EVALUATION_LABELS,
    EVALUATION_LABELS_EN,
    SIZE_ABOVE,
    SIZE_BELOW,
    SIZE_COL,
    class_mix,
    config_from_mapping,
    default_config,
    land_renewal_by_zone,
    low_efficiency_land,
    rank_by,
    ranking_summary,
)
from geo.export import csv_bytes, xlsx_bytes
from geo.i18n import Lang
from geo.metrics import (
    RATIOS_BY_KEY,
    ZONE_COL,
    zone_metric_labels,
)
from geo.store import default_store
from layers import REGISTRY, efficiency_classes
from layers.base import Provenance
from layers.mapview import WUJIANG_CENTER, MapLayer, basemap_is_gcj02, render_map
from pages._cache import frame_key
from pages._shared import (
    add_snapshot_button,
    export_panel,
    full_map,
    layer_frame,
    map_layer,
    settings,
    show_error,
    show_map_with,
    user_store_stamp,
)
from pages._strings import t

ZONE_ID = "name"  # the wujiang_towns column naming each 区镇
DIMENSIONS = (ZONE_COL, "industry", SIZE_COL)
TABLE_COLUMNS = (
    "ent_id",
    "name",
    ZONE_COL,
    "industry",
    SIZE_COL,
    "land_mu",
    "tax_wan_yuan",
    "sales_wan_yuan",
    "tax_per_mu_wan_yuan",
    "sales_per_mu_wan_yuan",
    "value_added_per_mu_wan_yuan",
    "tax_per_tce_wan_yuan",
    "tax_per_kwh_yuan",
    "value_added_per_employee_wan_yuan",
    "rd_share_pct",
    "score",
    "rank",
    "group_rank",
    CLASS_COL,
    "eval_class_label",
    "reasons",
    "status",
)


# --------------------------------------------------------------------------- cached thin wrappers


DEMO = "demo"


def _stamp() -> tuple[str, float, str, str]:
    """Changes when the demo store or the user store changes (hashed by st.cache_data)."""
    demo = default_store()
    return (str(demo), demo.stat().st_mtime if demo.exists() else 0.0, *user_store_stamp())


def _frames(zones_src: str, ents_src: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    return _loaded(zones_src, ents_src, _stamp())


@st.cache_resource(show_spinner=False, max_entries=4)
def _loaded(zones_src: str, ents_src: str, stamp: tuple) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The frames read once per store stamp (an import is not read again on every run)."""
    zones = layer_frame("wujiang_towns") if zones_src == DEMO else ingest.load_user_layer(zones_src)
    ents = layer_frame("enterprises") if ents_src == DEMO else ingest.load_user_layer(ents_src)
    return zones, ents


@st.cache_data(show_spinner=False, max_entries=8)
def _run(config_yaml: str, zones_src: str, ents_src: str, stamp: tuple) -> EvaluationRun:
    """The whole evaluation (assignment, zone metrics, classes) by geo.batch.run_evaluation, the
    function ``python -m geo.cli evaluate`` calls too."""
    zones, ents = _frames(zones_src, ents_src)
    config = config_from_mapping(yaml.safe_load(config_yaml))
    return run_evaluation(zones, ents, config=config, zone_id=ZONE_ID)


def _sources(lang: Lang) -> tuple[str, str]:
    """Which zones and enterprises to evaluate: the demo or the user's imports (数据管理)."""
    user_zones = ingest.list_user_layers(kind="zones")
    user_ents = ingest.list_user_layers(kind="enterprises")
    # A layer this session chose that is gone (deleted by someone else): say so, never swap in the demo quietly.
    gone = [
        st.session_state[key]
        for key, frame in (("eff_zones_src", user_zones), ("eff_ents_src", user_ents))
        if st.session_state.get(key, DEMO) not in (DEMO, *frame["layer"])
    ]
    if gone:
        for name in gone:
            st.error(t("data.layer_gone", lang).format(name=name))
        for key in ("eff_zones_src", "eff_ents_src"):
            if st.session_state.get(key) in gone:
                del st.session_state[key]
    if user_zones.empty and user_ents.empty:
        if gone:
            st.stop()  # nothing else to choose: the message stands, no demo results in its place
        return DEMO, DEMO
    titles = {DEMO: t("eff.source.demo", lang)}
    titles.update(dict(zip(user_zones["layer"], user_zones["title_zh"], strict=True)))
    titles.update(dict(zip(user_ents["layer"], user_ents["title_zh"], strict=True)))
    c1, c2 = st.columns(2)
    zones_src = c1.selectbox(
        t("eff.source.zones", lang), [DEMO, *user_zones["layer"]], format_func=lambda v: titles.get(v, v),
        key="eff_zones_src",
    )  # fmt: skip
    ents_src = c2.selectbox(
        t("eff.source.enterprises", lang), [DEMO, *user_ents["layer"]], format_func=lambda v: titles.get(v, v),
        key="eff_ents_src",
    )  # fmt: skip
    if gone:
        st.stop()  # the user picks again; no results from data they did not choose
    return zones_src, ents_src


def _zone_map_layer(zones_src: str, zones: gpd.GeoDataFrame) -> MapLayer:
    if zones_src == DEMO:
        return map_layer("wujiang_towns")
    meta = ingest.list_user_layers(kind="zones").set_index("layer").loc[zones_src]
    title_en = meta["title_en"] or meta["title_zh"]
    layer = replace(REGISTRY["wujiang_towns"], title_zh=meta["title_zh"], title_en=title_en)
    return MapLayer(layer, zones, Provenance(accuracy=meta["accuracy"], source=meta["source"]))


def _enterprise_provenance(ents_src: str) -> Provenance:
    if ents_src == DEMO:
        return map_layer("enterprises").provenance
    meta = ingest.list_user_layers(kind="enterprises").set_index("layer").loc[ents_src]
    return Provenance(accuracy=meta["accuracy"], source=meta["source"])


# --------------------------------------------------------------------------- widgets


def _weights_editor(group: str, defaults: dict[str, float], lang: Lang) -> dict[str, float]:
    """Number inputs for the weights of one size group; returns the edited weights."""
    out = {}
    cols = st.columns(3)
    for i, (key, value) in enumerate(defaults.items()):
        out[key] = cols[i % 3].number_input(
            RATIOS_BY_KEY[key].label_zh if lang == "zh" else RATIOS_BY_KEY[key].label_en,
            min_value=0.0,
            max_value=100.0,
            value=float(value),
            step=5.0,
            key=f"eff_w_{group}_{key}",
        )
    return out


def _config_editor(lang: Lang) -> dict:
    """The parameter expander; returns the config as a mapping laid out like the YAML file."""
    base = default_config()
    with st.expander(t("eff.params", lang), expanded=False):
        st.caption(t("eff.params.help", lang))
        st.markdown(f"**{t('eff.weights_above', lang)}**")
        above = _weights_editor("above", dict(base.weights_above_scale), lang)
        st.markdown(f"**{t('eff.weights_below', lang)}**")
        below = _weights_editor("below", dict(base.weights_below_scale), lang)
        c1, c2, c3, c4 = st.columns(4)
        min_land = c1.number_input(
            t("eff.min_land", lang), min_value=0.0, value=float(base.below_scale_min_land_mu), step=1.0,
            key="eff_min_land",
        )  # fmt: skip
        multiple = c2.number_input(
            t("eff.multiple", lang), min_value=0.1, value=float(base.benchmark_multiple), step=0.5,
            key="eff_multiple",
        )  # fmt: skip
        cap = c3.number_input(
            t("eff.max_ratio", lang), min_value=0.0, value=float(base.max_ratio or 0.0), step=0.5,
            key="eff_max_ratio", help=t("eff.max_ratio.help", lang),
        )  # fmt: skip
        method = c4.radio(
            t("eff.method", lang), ["percentile", "score"], format_func=lambda v: t(f"eff.method.{v}", lang),
            key="eff_method", horizontal=True,
        )  # fmt: skip
        cuts = {}
        cols = st.columns(3)
        source = base.percentile_cutoffs if method == "percentile" else base.score_cutoffs
        for col, c in zip(cols, ("A", "B", "C"), strict=True):
            label = t("eff.cut.pct" if method == "percentile" else "eff.cut.score", lang).format(c=c)
            cuts[c] = col.number_input(
                label, min_value=0.0, max_value=100.0 if method == "percentile" else None,
                value=float(source[c]), step=5.0, key=f"eff_cut_{method}_{c}",
            )  # fmt: skip
    return {
        "scope": {"below_scale_min_land_mu": min_land},
        "weights": {"above_scale": above, "below_scale": below},
        "benchmark": {"multiple": multiple, "max_ratio": cap or None},
        "classes": {"method": method, method: cuts},
    }


def _scope_filters(frame: pd.DataFrame, zones: list[str], lang: Lang) -> pd.Series:
    """The scope widgets; returns a boolean mask over ``frame``."""
    c1, c2, c3 = st.columns([2, 2, 1])
    # Nothing chosen already means all: no "select all" entry.
    chosen_zones = c1.multiselect(
        t("eff.scope.towns", lang), zones, placeholder=t("eff.scope.all", lang), key="eff_towns",
        select_all=False,
    )  # fmt: skip
    industries = sorted(frame["industry"].dropna().astype(str).unique())
    chosen_ind = c2.multiselect(
        t("eff.scope.industries", lang),
        industries,
        placeholder=t("eff.scope.all", lang),
        key="eff_industries",
        select_all=False,
    )
    size = c3.radio(
        t("eff.scope.size", lang), ["all", "above", "below"], format_func=lambda v: t(f"eff.size.{v}", lang),
        key="eff_size",
    )  # fmt: skip
    mask = pd.Series(True, index=frame.index)
    if chosen_zones:
        mask &= frame[ZONE_COL].astype(object).isin(chosen_zones)
    if chosen_ind:
        mask &= frame["industry"].astype(object).isin(chosen_ind)
    if size != "all":
        mask &= frame[SIZE_COL].astype(object) == (SIZE_ABOVE if size == "above" else SIZE_BELOW)
    return mask


# --------------------------------------------------------------------------- tables


def _labels(lang: Lang) -> dict[str, str]:
    return EVALUATION_LABELS if lang == "zh" else EVALUATION_LABELS_EN


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals as text (for display and export)."""
    out = pd.DataFrame(frame).copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


_SIZE_EN = {SIZE_ABOVE: "Above size", SIZE_BELOW: "Below size"}
_STATUS_EN = (
    (r"^参评$", "Scored"),
    (r"^无法计算：用地面积为零或缺失$", "Not computable: land is zero or missing"),
    (r"^不参评：规下且用地不足 (.*) 亩$", r"Not scored: below size on less than \1 mu"),
    (r"^不参评：规上企业不在评价范围$", "Not scored: above-size enterprises are out of scope"),
    (r"^不参评：规下企业不在评价范围$", "Not scored: below-size enterprises are out of scope"),
)


def _english_values(frame: pd.DataFrame) -> pd.DataFrame:
    """The evaluation's own words (size, class meaning, status, shortfalls) in English; names of
    enterprises, industries and towns stay as the data has them."""
    out = frame.copy()
    if SIZE_COL in out.columns:
        out[SIZE_COL] = out[SIZE_COL].map(lambda v: _SIZE_EN.get(v, v))
    if "eval_class_label" in out.columns and CLASS_COL in out.columns:
        out["eval_class_label"] = out[CLASS_COL].map(
            lambda c: t(f"eff.class.{c}", "en").split("— ", 1)[-1] if c in CLASSES else None
        )
    if "status" in out.columns:
        status = out["status"].astype(object)
        for pattern, repl in _STATUS_EN:
            status = status.str.replace(pattern, repl, regex=True)
        out["status"] = status
    if "reasons" in out.columns:
        reasons = out["reasons"].astype(object).fillna("")
        for r in sorted(RATIOS_BY_KEY.values(), key=lambda r: -len(r.label_zh)):
            reasons = reasons.str.replace(r.label_zh, r.label_en, regex=False)
        reasons = reasons.str.replace("（缺数据）", " (no data)", regex=False)
        out["reasons"] = reasons.str.replace("扣分项：", "Penalties: ", regex=False).str.replace("、", ", ")
    return out


RANK_COLUMNS = ("rank", "group_rank", "group_size", "n_ranked")  # whole numbers, blank when not ranked


def _ranking_table(ranked: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    cols = [c for c in TABLE_COLUMNS if c in ranked.columns]
    out = _plain(ranked[cols])
    if lang == "en":
        out = _english_values(out)
    for col in RANK_COLUMNS:  # unscored rows (NaN) must not turn the ranks into floats ("1.00")
        if col in out.columns:
            out[col] = pd.array(out[col].round(), dtype="Int64")
    # 规上 and 规下 are scored with their own weights and classed within their own group: say so
    labels = {**_labels(lang), "rank": t("eff.col.rank_in_size", lang)}
    return out.rename(columns=labels)


def _number_config(table: pd.DataFrame) -> dict:
    config = {}
    for col in table.columns:
        if pd.api.types.is_integer_dtype(table[col]):
            config[col] = st.column_config.NumberColumn(col, format="%d")
        elif pd.api.types.is_float_dtype(table[col]):
            config[col] = st.column_config.NumberColumn(col, format="%.2f")
    return config


def _mix_chart_height(n_zones: int) -> int:
    """Plot height of the class-mix chart: a readable bar (and label) per zone."""
    return max(240, 34 * n_zones)


def _class_mix_chart(mix: pd.DataFrame, lang: Lang) -> alt.Chart:
    """Stacked horizontal bars of the class mix per zone: zone names in full on the y axis, the
    count axis titled, the class legend below the bars (where it has the chart's width)."""
    classes = [t(f"eff.class.{c}", lang) for c in CLASSES]
    data = mix.rename_axis("zone").reset_index().melt("zone", var_name="cls", value_name="n")
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(
                "zone:N",
                title=None,
                sort=list(mix.index),
                axis=alt.Axis(labelLimit=0, labelFontSize=12, labelOverlap=False),
            ),
            x=alt.X("n:Q", title=t("eff.metric.scored", lang), stack="zero"),
            color=alt.Color(
                "cls:N",
                title=None,
                sort=classes,
                scale=alt.Scale(domain=classes, range=[efficiency_classes.CLASS_COLORS[c] for c in CLASSES]),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0, symbolType="square"),
            ),
            order=alt.Order("cls_order:Q"),
            tooltip=[
                alt.Tooltip("zone:N", title=t("eff.dim.zone", lang)),
                alt.Tooltip("cls:N", title=t("eff.col.class", lang)),
                alt.Tooltip("n:Q", title=t("eff.metric.scored", lang), format=","),
            ],
        )
        .transform_calculate(cls_order=f"indexof({classes!r}, datum.cls)")
        .properties(height=_mix_chart_height(len(mix)))
    )


def _not_computable(frame: pd.DataFrame, lang: Lang) -> pd.io.formats.style.Styler:
    """A small table with NaN shown as 无法计算 (never inf or 0)."""
    return frame.style.format(precision=2, na_rep=t("eff.not_computable", lang), thousands=",")


# --------------------------------------------------------------------------- the page

s = settings()
lang = s.lang
st.title(t("eff.header", lang))
st.caption(t("eff.intro", lang))
zones_src, ents_src = _sources(lang)
if ents_src == DEMO:  # the user's own enterprises are not synthetic
    st.caption(":material/warning: " + t("eff.synthetic_note", lang))
raw_config = _config_editor(lang)
try:
    zones_frame, _ = _frames(zones_src, ents_src)
    run = _run(yaml.safe_dump(raw_config, allow_unicode=True), zones_src, ents_src, _stamp())
    if run.failure is not None:
        raise run.failure
    assignment, result = run.assignment, run.result
    zone_table = pd.DataFrame(run.zones.drop(columns=run.zones.geometry.name))
except DataValidationError as exc:
    show_error(exc)
    st.stop()

evaluated = result.enterprises
zone_names = [str(z) for z in assignment.zone_keys]
st.subheader(t("eff.scope", lang))
mask = _scope_filters(evaluated, zone_names, lang)
scope = evaluated[mask]
scored = scope[scope["scored"]]

counts = scored[CLASS_COL].value_counts().reindex(list(CLASSES), fill_value=0)
d_land = scored.loc[scored[CLASS_COL] == "D", "land_mu"].sum()
land = scored["land_mu"].sum()
tax_per_mu = scored["tax_wan_yuan"].sum() / land if land > 0 else float("nan")
# Two rows: at 1280 px seven metrics in one row cut their values ("9,444.…").
metric_cols = [*st.columns(5), *st.columns(3)]
metric_cols[0].metric(t("eff.metric.scored", lang), f"{len(scored):,}")
for col, c in zip(metric_cols[1:5], CLASSES, strict=True):
    col.metric(t("eff.metric.class", lang).format(c=c), f"{int(counts[c]):,}")
# Units go with the values: the narrow metric labels would cut them off.
metric_cols[5].metric(t("eff.metric.d_land", lang), f"{d_land:,.1f} {t('unit.mu', lang)}")
metric_cols[6].metric(
    t("eff.metric.tax_per_mu", lang),
    f"{tax_per_mu:,.2f} {t('unit.wan_yuan_per_mu', lang)}"
    if tax_per_mu == tax_per_mu
    else t("eff.not_computable", lang),
    help=t("eff.metric.tax_per_mu_help", lang),
)
notes = [*assignment.notes_en, *result.notes_en] if lang == "en" else [*assignment.notes, *result.notes]
if assignment.n_outside:
    shown = "、".join(map(str, assignment.outside_ids[:10])) + ("……" if assignment.n_outside > 10 else "")
    notes.append(t("eff.outside", lang).format(n=assignment.n_outside, ids=shown))
for note in notes:
    st.info(note)

# ---- ranking ------------------------------------------------------------------------------
st.subheader(t("eff.table.ranking", lang))
c1, c2 = st.columns([3, 1])
dims = c1.multiselect(
    t("eff.rank_by", lang), list(DIMENSIONS), format_func=lambda d: t(f"eff.dim.{d}", lang), key="eff_rank_by",
    placeholder=t("eff.rank_by.none", lang),
)  # fmt: skip
show_unscored = c2.toggle(t("eff.show_unscored", lang), value=False, key="eff_show_unscored")
if len(scored) == 0:
    st.warning(t("eff.empty", lang))
ranked = rank_by(scope, dims).sort_values("score", ascending=False, kind="stable")
if show_unscored:
    ranked = pd.concat([ranked, scope[~scope["scored"]]])
table = _ranking_table(ranked, lang)
st.dataframe(
    table, hide_index=True, width="stretch", height=420, column_config=_number_config(table), key="eff_table",
    placeholder="",
)  # fmt: skip
st.caption(t("eff.table.ranking_help", lang) + " " + t("eff.table.size_note", lang))

summary_by = dims or [ZONE_COL]
summary = _plain(ranking_summary(scope, summary_by).reset_index())
summary = (_english_values(summary) if lang == "en" else summary).rename(columns=_labels(lang))
st.markdown(f"**{t('eff.table.groups', lang)}**")
st.dataframe(_not_computable(summary, lang), hide_index=True, width="stretch", key="eff_groups")

renewal = land_renewal_by_zone(scope) if len(scored) else pd.DataFrame()
renewal_table = (
    _plain(renewal.reset_index()).rename(columns=_labels(lang)) if len(renewal) else pd.DataFrame()
)
low_table = _ranking_table(low_efficiency_land(scope), lang)
title = t("eff.header", lang)
provenance = _enterprise_provenance(ents_src)
sheets = {
    "企业排名": table,
    "分组汇总": summary,
    "低效用地（区镇）": renewal_table,
    "D 类企业清单": low_table,
}
sheets = {name: frame for name, frame in sheets.items() if len(frame.columns)}
d1, d2, _ = st.columns([1, 1, 2])
d1.download_button(
    t("eff.download.csv", lang),
    data=lambda: csv_bytes(table, provenance),
    file_name="亩均效益评价.csv",
    mime="text/csv",
    key="eff_csv",
    on_click="ignore",
)
d2.download_button(
    t("eff.download.xlsx", lang),
    data=lambda: xlsx_bytes(sheets, dict.fromkeys(sheets, provenance), title=title, lang=lang),
    file_name="亩均效益评价.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="eff_xlsx",
    on_click="ignore",
)

# ---- map, class mix and low-efficiency land ---------------------------------------------------
st.subheader(t("eff.map", lang))
zone_item = _zone_map_layer(zones_src, zones_frame)


def _build_map():
    m = render_map(
        [zone_item], lang=lang, basemap=s.basemap, tianditu_key=s.tianditu_key,
        center=WUJIANG_CENTER, zoom=10,
    )  # fmt: skip
    return add_snapshot_button(m, title, lang=lang)


on_map = scope if show_unscored else scored
class_layer = efficiency_classes.LAYER
if ents_src != DEMO:  # the user's own enterprises: not "（合成）"
    class_layer = replace(
        class_layer, title_zh=t("eff.layer.title_user", "zh"), title_en=t("eff.layer.title_user", "en")
    )
class_items = [MapLayer(class_layer, efficiency_classes.for_map(on_map, lang), provenance)]
# Rendered once per data, sources, configuration and scope for all sessions (pages/_cache.py).
show_map_with(
    _build_map,
    class_items,
    key="eff_map",
    lang=lang,
    gcj02=basemap_is_gcj02(s.basemap),
    height=520,
    base_key=(title, zones_src),
    changing_key=(zones_src, ents_src, yaml.safe_dump(raw_config), frame_key(on_map)),
)
st.caption(":material/warning: " + t("app.disclaimer", lang))
export_panel(
    title, [zone_item, *class_items], full_map(_build_map, class_items, lang=lang, gcj02=basemap_is_gcj02(s.basemap)),
    lang=lang, key="eff_export",
)  # fmt: skip

left, right = st.columns(2)
with left:
    st.subheader(t("eff.chart.mix", lang))
    mix = class_mix(scope, by=ZONE_COL)
    mix.index = mix.index.astype(str)
    mix.columns = [t(f"eff.class.{c}", lang) for c in CLASSES]
    # the plot, its count axis and the legend below it
    st.altair_chart(_class_mix_chart(mix, lang), width="stretch", height=_mix_chart_height(len(mix)) + 110)
with right:
    st.subheader(t("eff.low_land", lang))
    st.caption(t("eff.low_land.help", lang))
    if len(renewal_table):
        st.dataframe(
            _not_computable(renewal_table, lang),
            hide_index=True,
            width="stretch",
            key="eff_renewal",
        )
st.markdown(f"**{t('eff.low_land.list', lang)}**")
st.dataframe(
    low_table,
    hide_index=True,
    width="stretch",
    height=300,
    column_config=_number_config(low_table),
    key="eff_low",
    placeholder="",
)

st.subheader(t("eff.table.zones", lang))
zone_view = zone_table.reset_index().rename(columns=zone_metric_labels(lang))
st.dataframe(_not_computable(zone_view, lang), hide_index=True, width="stretch", key="eff_zones")
