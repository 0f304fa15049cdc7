"""亩均效益评价: year, scope, editable weights and cut-offs (kept for the session, saved by name),
ranking, the year-on-year comparison (transitions, movers, warnings), the enterprise's own years,
trends, class mix, map, D-class land, what each class pays, and the exports incl. the 公示 list."""

from __future__ import annotations

import json
from dataclasses import replace

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import yearly
from geo.errors import DataValidationError
from geo.evaluation import (
    CLASS_COL,
    CLASSES,
    CLASSES_T,
    SIZE_COL,
    YEAR_COL,
    class_mix,
    config_from_mapping,
    land_renewal_by_zone,
    low_efficiency_land,
    rank_by,
    ranking_summary,
)
from geo.evaluation.metrics import ID_COL, ZONE_COL, check_zones, zone_metric_labels
from geo.exports.tables import csv_bytes, xlsx_bytes
from geo.yearly.notice import config_summary, export_columns, filters_text, notice_xlsx_bytes, parameter_rows
from layers import efficiency_classes, enterprise_counts, eval_warnings
from layers.mapview import WUJIANG_CENTER, MapLayer, basemap_is_gcj02, render_map
from layers.offline_html import map_downloads
from pages._auth import aggregates_for_role, figures_shown, firms_hidden_note, sees_firms
from pages._cache import shared
from pages._city import city_page_if_chosen
from pages._collect_profile import show_sources
from pages._efficiency_charts import class_mix_chart, class_years_chart, show_chart, trend_chart
from pages._efficiency_parts import (
    CHANGE_COLUMNS,
    DEMO,
    DIMENSIONS,
    KEEP,
    LIST_ROWS_MAX,
    NO_PREVIOUS,
    UNDATED,
    ZONE_ID,
    _checked_config,
    _config_editor,
    _config_values,
    _enterprise_provenance,
    _evaluations,
    _keep,
    _labels,
    _list_table,
    _mask,
    _matrix_view,
    _number_config,
    _previous,
    _rows,
    _runs,
    _scope_filters,
    _small_table,
    _sources,
    _stamp,
    _warnings,
    _year_label,
    _year_tables,
    _zone_map_layer,
    _zones,
    scope_words,
)
from pages._efficiency_tables import count_delta, english_values, plain, ranking_table
from pages._shared import (
    add_snapshot_button,
    clicked_properties,
    download_buttons,
    full_map,
    lazy_tabs,
    page_control,
    rest_after_map,
    settings,
    show_error,
    show_map_with,
    stop_page,
)
from pages._strings import t

# --------------------------------------------------------------------------- the page

s = settings()
lang = s.lang
city_page_if_chosen("efficiency", lang)  # the Suzhou-wide demo, when chosen (pages/_city.py)
st.title(t("eff.header", lang))
# The map comes first under the title; the page's controls sit in the sidebar beside it, and the
# figures follow below it, once it is drawn (docs/performance.md, seventh round).
zones_src, ents_src, prev_src = _sources(lang)
try:
    zones_frame = _zones(zones_src)
    # Checked once per boundary layer (a failure raises and is not kept).
    shared(("eff.zones_ok", zones_src), lambda: check_zones(zones_frame, zone_id=ZONE_ID))
    years = sorted(_year_tables(ents_src))
except DataValidationError as exc:
    show_error(exc)
    stop_page()
kept = st.session_state.setdefault(KEEP, {})
if kept.get("eff_year") not in years:
    kept["eff_year"] = years[-1]
if st.session_state.get("eff_year") not in years:
    st.session_state["eff_year"] = kept["eff_year"]
year = page_control("eff_map", "eff_year", kept["eff_year"], lambda: st.selectbox(
    t("eff.year", lang), years[::-1], format_func=lambda y: t("eff.year.undated", lang) if y == UNDATED else str(y),
    key="eff_year",
))  # fmt: skip
_keep(("eff_year",))
# In a slot that is always there: a warning drawn above the map on one run and not the next
# would move the map to another place in the page, and the browser would make it anew (blank).
with st.container():
    raw_config = _checked_config(_config_values(), lang)
# The caches' key, and what they rebuild the configuration from (JSON: YAML dumping was 4 % of a run).
config_json = json.dumps(raw_config, sort_keys=True, ensure_ascii=False)
try:
    results = _evaluations(config_json, zones_src, ents_src, _stamp())
    config = config_from_mapping(raw_config)
    previous_frame, published = None, False
    if prev_src != NO_PREVIOUS:
        previous_frame, published = _previous(config_json, zones_src, prev_src, _stamp())
except DataValidationError as exc:
    show_error(exc)
    stop_page()

result = results[year]
run = _runs(config_json, zones_src, ents_src, _stamp())[year]
assignment = run.assignment
zone_table = shared(  # the per-zone metrics
    ("eff.zone_table", config_json, zones_src, ents_src, year),
    lambda: pd.DataFrame(run.zones.drop(columns=run.zones.geometry.name)),
)
evaluated = result.enterprises
earlier = [y for y in years if y < year and y != UNDATED]
prev_year = earlier[-1] if earlier else None
if previous_frame is None and prev_year is not None:
    previous_frame = results[prev_year].enterprises
zone_names = [str(z) for z in assignment.zone_keys]
chosen, filters = _scope_filters(evaluated, zone_names, lang)
filters_words = filters_text(filters, lang)
# What follows the scope is computed once per (rules, sources, year, scope) for all sessions
# (pages/_cache.py shared): ten people opening the page pay for one computation.
scope_key = (config_json, zones_src, ents_src, prev_src, year, tuple(chosen[0]), tuple(chosen[1]), chosen[2])
mask = shared(("eff.mask", *scope_key), lambda: _mask(evaluated, *chosen))
scope = shared(("eff.scope", *scope_key), lambda: evaluated[mask])
scored = shared(("eff.scored", *scope_key), lambda: scope[scope["scored"]])

counts = scored[CLASS_COL].value_counts().reindex(list(CLASSES), fill_value=0)
prev_counts = None
if previous_frame is not None and "scored" in previous_frame.columns and ZONE_COL in previous_frame.columns:

    def _prev_counts() -> pd.Series:
        prev_scope = previous_frame[_mask(previous_frame, *chosen)]
        return prev_scope.loc[prev_scope["scored"].astype(bool), CLASS_COL].astype(object).value_counts()

    prev_counts = shared(("eff.prev_counts", *scope_key), _prev_counts)
d_land = scored.loc[scored[CLASS_COL] == "D", "land_mu"].sum()
land = scored["land_mu"].sum()
tax_per_mu = scored["tax_wan_yuan"].sum() / land if land > 0 and figures_shown(len(scored)) else float("nan")
# ---- map (first: it is the page's one-map view, and drawn before the tables' scripts load) -----
title = t("eff.header", lang)
year_words = "" if year == UNDATED else str(year)
provenance = _enterprise_provenance(ents_src)
warnings_all = _warnings(config_json, zones_src, ents_src, _stamp())


def _scope_warnings() -> pd.DataFrame:
    every = warnings_all.get(year, pd.DataFrame())
    if not len(every):
        return every
    return every[every[ID_COL].astype(str).isin(scope[ID_COL].astype(str)).to_numpy()]


warnings = shared(("eff.warnings", *scope_key), _scope_warnings)
# The toggle sits with the ranking below; the map above already follows it.
show_unscored = bool(st.session_state.get("eff_show_unscored", False))
zone_item = _zone_map_layer(zones_src, zones_frame)
map_title = f"{title} {year_words}".strip()
gcj02 = basemap_is_gcj02(s.basemap)
class_layer = efficiency_classes.LAYER
if ents_src != DEMO:  # the user's own enterprises: not "（合成）"
    class_layer = replace(
        class_layer, title_zh=t("eff.layer.title_user", "zh"), title_en=t("eff.layer.title_user", "en")
    )


def _build_map() -> folium.Map:
    m = render_map(
        [zone_item], lang=lang, basemap=s.basemap, tianditu_key=s.tianditu_key, center=WUJIANG_CENTER, zoom=10
    )
    return add_snapshot_button(m, map_title, lang=lang)


on_map_n = len(scope) if show_unscored else len(scored)
lean_map = on_map_n > efficiency_classes.LEAN_ABOVE
if lean_map:
    class_layer = efficiency_classes.lean(class_layer)


def _class_items() -> list[MapLayer]:
    on_map = scope if show_unscored else scored
    items = [MapLayer(class_layer, efficiency_classes.for_map(on_map, lang), provenance)]
    if isinstance(evaluated, gpd.GeoDataFrame):
        items.insert(
            0, MapLayer(eval_warnings.LAYER, eval_warnings.for_map(warnings, scope, lang), provenance)
        )
    return items


# The map (zones) is rendered once per zones and title, the class points once per scope, both for
# all sessions; a filter change resends only the points and keeps the user's view.
# Enterprise points only for the roles that see enterprise rows (pages/_auth.py): others get the zones.
firms = sees_firms()
class_items = shared(("eff.map_items", *scope_key, show_unscored, lean_map, lang), _class_items) if firms else [
    MapLayer(enterprise_counts.for_counts(zc, what_zh="参评", what_en="Scored"), zc, provenance)
    for zc in [shared(("eff.counts", *scope_key), lambda: enterprise_counts.count_frame(
        zones_frame, scored, column=ZONE_COL, classes=CLASS_COL))]
]  # fmt: skip
map_out = show_map_with(
    _build_map,
    class_items,
    key="eff_map",
    lang=lang,
    gcj02=gcj02,
    height=520,
    returned_objects=["last_active_drawing"],
    base_key=("eff", zones_src, map_title),
    changing_key=("eff", *scope_key, show_unscored, lean_map),
    signal_drawn=True,
)
rest_after_map("eff_map", lang)
if lean_map:
    st.caption(t("eff.map.lean", lang).format(n=efficiency_classes.LEAN_ABOVE))
click_note = t("eff.map.click" if firms else "eff.map.zones_only", lang)
st.caption(":material/warning: " + click_note + " " + t("app.disclaimer", lang))
if ents_src == DEMO:  # the user's own enterprises are not synthetic
    st.caption(":material/warning: " + t("eff.synthetic_note", lang))
export_slot = st.container()  # filled once the ranking table (which it exports) is made

# ---- the scope's figures ------------------------------------------------------------------------
st.subheader(t("eff.scope", lang))
if previous_frame is not None:
    prev_name = _year_label(prev_year, lang) if prev_year is not None else t("eff.cmp.prev_import", lang)
    key = "eff.cmp.published" if published else "eff.cmp.reevaluated"
    st.info(t(key, lang).format(prev=prev_name, year=_year_label(year, lang)))
else:
    st.caption(t("eff.cmp.none", lang))
# Two rows: at 1280 px seven metrics in one row cut their values ("9,444.…"), and a third of the
# row cut "21.23 10k yuan/mu" in English.
metric_cols = [*st.columns(5), *st.columns(2)]
metric_cols[0].metric(t("eff.metric.scored", lang), f"{len(scored):,}")
for col, c in zip(metric_cols[1:5], CLASSES, strict=True):
    delta = None if prev_counts is None else int(counts[c]) - int(prev_counts.get(c, 0))
    col.metric(
        t("eff.metric.class", lang).format(c=c),
        f"{int(counts[c]):,}",
        **count_delta(delta, worse_up=c in ("C", "D")),
        help=None if delta is None else t("eff.metric.delta_help", lang),
    )
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

st.caption(t("eff.intro", lang))
_config_editor(lang)  # its values are the ones read above (_config_values)

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


def _table() -> pd.DataFrame:
    by = dims if SIZE_COL in dims else [SIZE_COL, *dims]
    ranked = rank_by(scope, by)
    if show_unscored:
        ranked = pd.concat([ranked, scope[~scope["scored"]]])
    return ranking_table(ranked, lang, by=by)


table = shared(("eff.table", *scope_key, tuple(dims), show_unscored, lang), _table)
# As tall as its rows (header 38 px, 35 px a row, a border), at most 420 px: a five-row list
# drew ten empty rows under it.
picked = None if not firms else st.dataframe(
    _rows(("eff.table", *scope_key, tuple(dims), show_unscored, lang), table, lang), hide_index=True, width="stretch", height=min(420, 40 + 35 * max(len(table), 1)), column_config=_number_config(table), key="eff_table",
    placeholder="", on_select="rerun", selection_mode="single-row",
)  # fmt: skip
if firms:
    st.caption(t("eff.table.ranking_help", lang) + " " + t("eff.table.size_note", lang))
else:
    firms_hidden_note(lang)

summary_by = dims or [ZONE_COL]


def _summary() -> pd.DataFrame:
    out = plain(aggregates_for_role(ranking_summary(scope, summary_by)).reset_index())
    return (english_values(out) if lang == "en" else out).rename(columns=_labels(lang))


summary = shared(("eff.summary", *scope_key, tuple(summary_by), lang), _summary)
st.markdown(f"**{t('eff.table.groups', lang)}**")
_small_table(summary, lang, hide_index=True, width="stretch", key="eff_groups")

# ---- year-on-year comparison ------------------------------------------------------------------
changes = matrix = None
if previous_frame is not None:

    def _changes() -> pd.DataFrame:
        every = yearly.class_changes(previous_frame, evaluated)
        in_scope = _mask(every, *chosen) if ZONE_COL in every.columns else pd.Series(True, index=every.index)
        return every[in_scope.to_numpy()]

    changes = shared(("eff.changes", *scope_key), _changes)
    matrix = shared(("eff.matrix", *scope_key), lambda: yearly.transition_matrix(changes))
    moved_col = "moved_by" if lang == "zh" else "moved_by_en"
    cols = [moved_col if c == "moved_by" else c for c in CHANGE_COLUMNS if c in changes.columns]

# ---- downloads (every one names its year, filters and configuration) ------------------------


def _renewal_table() -> pd.DataFrame:
    renewal = land_renewal_by_zone(scope) if len(scored) else pd.DataFrame()
    return plain(renewal.reset_index()).rename(columns=_labels(lang)) if len(renewal) else pd.DataFrame()


renewal_table = shared(("eff.renewal", *scope_key, lang), _renewal_table)
low_table = shared(("eff.low", *scope_key, lang), lambda: ranking_table(low_efficiency_land(scope), lang))
params = shared(
    ("eff.params", config_json, zones_src, ents_src, year, filters_words, lang),
    lambda: parameter_rows(
        config, result.benchmarks, year=None if year == UNDATED else year, filters=filters_words, lang=lang
    ),
)
sheets = {
    "评价参数" if lang == "zh" else "Parameters": params,
    "企业排名" if lang == "zh" else "Ranking": table,
    "分组汇总" if lang == "zh" else "Groups": summary,
    "低效用地（区镇）" if lang == "zh" else "Low land by town": renewal_table,
    "D 类企业清单" if lang == "zh" else "Class D": low_table,
}
if matrix is not None:
    sheets["类别转移" if lang == "zh" else "Transitions"] = shared(
        ("eff.matrix_sheet", *scope_key, lang), lambda: plain(matrix).rename(columns=_labels(lang))
    )
    sheets["企业变化" if lang == "zh" else "Changes"] = shared(
        ("eff.changes_sheet", *scope_key, lang), lambda: plain(changes[cols]).rename(columns=_labels(lang))
    )


def _warnings_table() -> pd.DataFrame:
    """The scope's warnings in the UI language (the other language's columns left out), as shown
    and as exported."""
    other = ["warning_en", "reason_en"] if lang == "zh" else ["warning", "reason"]
    return plain(warnings.drop(columns=["rule", *other], errors="ignore")).rename(
        columns={**_labels(lang), "warning_en": t("eff.warn.col", lang), "reason_en": t("eff.warn.why", lang)}
    )


if len(warnings):
    sheets["预警" if lang == "zh" else "Warnings"] = shared(
        ("eff.warn_view", *scope_key, lang), _warnings_table
    )
firm_sheets = {"企业排名", "Ranking", "D 类企业清单", "Class D", "企业变化", "Changes", "预警", "Warnings"}
sheets = {n: frame for n, frame in sheets.items() if len(frame.columns) and (firms or n not in firm_sheets)}
stem = t("eff.file.stem", lang) + (f"_{year_words}" if year_words else "")
meta_kw = {
    "year": None if year == UNDATED else year,
    "filters": filters_words,
    "config": config,
    "lang": lang,
}


def _csv_button(where, label: str, frame: pd.DataFrame, file_name: str, key: str) -> None:
    """A CSV of ``frame`` (made on click) naming its year, filters and configuration."""
    where.download_button(
        label,
        data=lambda: csv_bytes(export_columns(frame, **meta_kw), provenance),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


d1, d2, d3, _ = st.columns([1, 1, 1, 1])
_csv_button(d1, t("eff.download.csv" if firms else "eff.download.groups_csv", lang), table if firms else summary,
            f"{stem}.csv" if firms else f"{stem}_{t('eff.file.groups', lang)}.csv", "eff_csv")  # fmt: skip
d2.download_button(
    t("eff.download.xlsx" if firms else "eff.download.groups_xlsx", lang),
    data=lambda: xlsx_bytes(
        sheets, dict.fromkeys(sheets, provenance), title=f"{title} {year_words}（{filters_words}）", lang=lang
    ),
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="eff_xlsx",
    on_click="ignore",
)
notice_scope = filters_text(scope_words(chosen, "zh"), "zh")  # the 公示 workbook is in Chinese
if firms:  # the 公示 list names every enterprise with its class
    d3.download_button(
        t("eff.download.notice", lang),
        data=lambda: notice_xlsx_bytes(
            scope, config, result.benchmarks, year=None if year == UNDATED else year,
            title=t("eff.notice.title", "zh").format(year=year_words), filters=notice_scope,
            source=f"{provenance.source}（{provenance.accuracy}）",
        ),
        file_name=f"{stem}_{t('eff.file.notice', lang)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="eff_notice",
        on_click="ignore",
        help=t("eff.download.notice_help", lang),
    )  # fmt: skip

with export_slot:
    with st.expander(t("export.panel", lang), icon=":material/download:"):
        st.caption(t("export.panel_note", lang))
        # The weights used: those of indicators left out for want of data went to the others.
        subtitle = "\n".join(
            [
                f"{_year_label(year, lang)} · {filters_words}",
                config_summary(config, lang, used=result.weights),
            ]
        )
        download_buttons(
            map_downloads(
                map_title, [zone_item, *class_items], full_map(_build_map, class_items, lang=lang, gcj02=gcj02),
                lang=lang, subtitle=subtitle,
                table=shared(("eff.export", *scope_key, tuple(dims), show_unscored, lang), lambda: export_columns(table if firms else summary, **meta_kw)),
            ),
            key="eff_export",
        )  # fmt: skip

# ---- the rest, one tab at a time (only the open one is drawn and sent: pages/_shared.lazy_tabs) ----
SECTIONS = {
    "low": t("eff.tab.low", lang),
    "cmp": t("eff.tab.cmp", lang),  # always there (a year change must not move the user to another tab)
    "warn": t("eff.tab.warn", lang),
    "trend": t("eff.tab.trend", lang),
    "pay": t("eff.tab.pay", lang),
    "zones": t("eff.tab.zones", lang),
}
section = dict(zip(SECTIONS, lazy_tabs(list(SECTIONS.values()), key="eff_tab"), strict=True))

if section["low"].open:
    with section["low"]:
        st.subheader(t("eff.low_land", lang))
        st.caption(t("eff.low_land.help", lang))
        if len(renewal_table):
            _small_table(renewal_table, lang, hide_index=True, width="stretch", key="eff_renewal")
        st.markdown(f"**{t('eff.low_land.list', lang)}**")
        if firms:
            _list_table(
                ("eff.low", *scope_key, lang), low_table, lang, key="eff_low", height=300, placeholder=""
            )
        else:
            firms_hidden_note(lang)

if previous_frame is None and section["cmp"].open:
    section["cmp"].caption(t("eff.cmp.none", lang))
if previous_frame is not None and section["cmp"].open:
    with section["cmp"]:
        st.subheader(
            t("eff.cmp.header", lang).format(
                prev=_year_label(prev_year, lang)
                if prev_year is not None
                else t("eff.cmp.prev_import", lang),
                year=_year_label(year, lang),
            )
        )
        st.caption(t("eff.cmp.help", lang))
        tab_n, tab_land = st.tabs([t("eff.cmp.counts", lang), t("eff.cmp.land", lang)])
        tab_n.dataframe(
            shared(("eff.matrix_n", *scope_key, lang), lambda: _matrix_view(matrix, "n_enterprises", lang)),
            hide_index=True, width="stretch", key="eff_matrix",
        )  # fmt: skip
        with tab_land:
            _small_table(
                shared(("eff.matrix_land", *scope_key, lang), lambda: _matrix_view(matrix, "land_mu", lang)), lang,
                hide_index=True, width="stretch", key="eff_matrix_land",
            )  # fmt: skip
        entrants = int((changes["from_class"] == yearly.NEW).sum())
        leavers = int((changes["to_class"] == yearly.GONE).sum())
        st.caption(t("eff.cmp.flows", lang).format(new=entrants, gone=leavers))
        up = changes[changes["steps"] > 0].sort_values(
            ["steps", "score_change"] if "score_change" in changes else ["steps"], ascending=False
        )
        down = changes[changes["steps"] < 0].sort_values(
            ["steps", "score_change"] if "score_change" in changes else ["steps"]
        )
        tab_up, tab_down = st.tabs(
            [t("eff.cmp.up", lang).format(n=len(up)), t("eff.cmp.down", lang).format(n=len(down))]
        )
        if not firms:
            firms_hidden_note(lang)
        for tab, frame, key in ((tab_up, up, "eff_up"), (tab_down, down, "eff_down")) if firms else ():
            view = shared(
                ("eff.moves", key, *scope_key, lang),
                lambda frame=frame: plain(frame[cols]).rename(columns=_labels(lang)),
            )
            tab.dataframe(
                _rows(("eff.moves", key, *scope_key, lang), view, lang, most=LIST_ROWS_MAX), hide_index=True, width="stretch", height=300, key=key,
                column_config=_number_config(frame[cols].rename(columns=_labels(lang))),
            )  # fmt: skip

if section["warn"].open and not firms:
    section["warn"].info(":material/lock: " + t("access.hidden", lang))
if section["warn"].open and firms:
    with section["warn"]:
        st.subheader(t("eff.warn.header", lang).format(n=warnings[ID_COL].nunique() if len(warnings) else 0))
        st.caption(
            t("eff.warn.rules", lang).format(
                rules=("；" if lang == "zh" else "; ").join(
                    r.name if lang == "zh" else (r.name_en or r.name) for r in config.warning_rules
                )
                or "—"
            )
        )
        if len(warnings):
            per_rule = warnings.groupby("warning" if lang == "zh" else "warning_en").size()
            st.caption(
                " · ".join(f"{name}{'：' if lang == 'zh' else ': '}{n:,}" for name, n in per_rule.items())
            )
            warn_view = shared(("eff.warn_view", *scope_key, lang), _warnings_table)
            st.dataframe(_rows(("eff.warn_view", *scope_key, lang), warn_view, lang, most=LIST_ROWS_MAX),
                         hide_index=True, width="stretch", height=260, key="eff_warnings")  # fmt: skip
        else:
            st.caption(t("eff.warn.none", lang))

if section["trend"].open:
    with section["trend"]:
        # ---- trends over all years ------------------------------------------------------------------
        dated = {y: r.enterprises for y, r in results.items() if y != UNDATED}
        if len(dated) >= 2:
            st.subheader(t("eff.trend", lang))
            by = st.radio(
                t("eff.trend.by", lang), [ZONE_COL, "industry"], format_func=lambda d: t(f"eff.dim.{d}", lang),
                key="eff_trend_by", horizontal=True,
            )  # fmt: skip

            def _trend() -> pd.DataFrame:
                in_scope = {y: f[_mask(f, *chosen).to_numpy()] for y, f in dated.items()}
                return yearly.trends(in_scope, by=by)

            trend = shared(("eff.trend", *scope_key, by), _trend)
            tab_tax, tab_sales = st.tabs([t("eff.trend.tax_axis", lang), t("eff.trend.sales_axis", lang)])
            for tab, column, axis in (
                (tab_tax, "tax_per_mu_wan_yuan", "eff.trend.tax_axis"),
                (tab_sales, "sales_per_mu_wan_yuan", "eff.trend.sales_axis"),
            ):
                with tab:
                    show_chart(
                        ("trend", *scope_key, by, column, lang),
                        lambda column=column, axis=axis: trend_chart(trend, by, column, t(axis, lang), lang),
                    )
            st.markdown(f"**{t('eff.trend.mix', lang)}**")
            show_chart(("years", *scope_key, lang), lambda: class_years_chart(trend, lang))

        st.subheader(t("eff.chart.mix", lang))

        def _mix_chart():
            mix = class_mix(scope, by=ZONE_COL)
            mix.index = mix.index.astype(str)
            mix.columns = [t(f"eff.class.{c}", lang) for c in CLASSES]
            return class_mix_chart(mix, lang)

        show_chart(("mix", *scope_key, lang), _mix_chart)

if section["pay"].open:
    with section["pay"]:
        # ---- what each class pays (差别化政策) ----------------------------------------------------------
        st.subheader(t("eff.pay", lang))

        def _pay() -> tuple[pd.DataFrame, list[str]]:
            every, notes = yearly.surcharges(
                evaluated, config, year=None if year == UNDATED else year, consumption=_year_tables(ents_src)[year],
                lang=lang,
            )  # fmt: skip
            return every[mask.to_numpy()], notes

        pay, pay_notes = shared(("eff.pay", *scope_key, lang), _pay)
        pay_labels = {**_labels(lang), **yearly.surcharge_labels(config, lang)}
        policy = pd.DataFrame(
            {
                t("eff.pay.class", lang): list(CLASSES_T),
                t("eff.pay.meaning", lang): [t(f"eff.class.{c}", lang) for c in CLASSES_T],
                t("eff.pay.land", lang): [
                    (
                        config.land_policy if lang == "zh" else (config.land_policy_en or config.land_policy)
                    ).get(c, "")
                    for c in CLASSES_T
                ],
                t("eff.pay.rates", lang): [
                    yearly.class_rates_text(config, c, None if year == UNDATED else year, lang)
                    for c in CLASSES_T
                ],
            }
        )
        st.dataframe(policy, hide_index=True, width="stretch", key="eff_policy")
        for note in pay_notes:
            st.caption(note)
        st.markdown(f"**{t('eff.pay.by_class', lang)}**")

        def _pay_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
            """What each class pays: totals by class, by zone, and the payers."""
            by_class = plain(yearly.surcharge_totals(pay, by=CLASS_COL).reset_index()).rename(
                columns=pay_labels
            )
            by_zone = yearly.surcharge_totals(pay, by=ZONE_COL) if ZONE_COL in pay.columns else pd.DataFrame()
            payers = pay[pay["total_wan_yuan"] > 0].sort_values("total_wan_yuan", ascending=False)
            first = [
                c
                for c in (ID_COL, "name", ZONE_COL, "industry", CLASS_COL, "total_wan_yuan")
                if c in payers.columns
            ]
            payers = payers[[*first, *[c for c in payers.columns if c not in first]]]
            return (
                by_class,
                plain(by_zone.reset_index()).rename(columns=pay_labels),
                plain(payers).rename(columns=pay_labels),
            )

        pay_by_class, pay_by_zone, pay_table = shared(("eff.pay_tables", *scope_key, lang), _pay_tables)
        _small_table(pay_by_class, lang, hide_index=True, width="stretch", key="eff_pay_class")
        st.markdown(f"**{t('eff.pay.by_zone', lang)}**")
        _small_table(pay_by_zone, lang, hide_index=True, width="stretch", key="eff_pay_zone")
        st.markdown(f"**{t('eff.pay.payers', lang).format(n=len(pay_table))}**")
        if firms:
            _list_table(("eff.pay_tables", *scope_key, lang), pay_table, lang, key="eff_payers", height=260)
            pay_name = f"{stem}_{t('eff.file.pay', lang)}.csv"
            _csv_button(st, t("eff.pay.download", lang), pay_table, pay_name, "eff_pay_csv")
        else:
            firms_hidden_note(lang)

if section["zones"].open:
    with section["zones"]:
        st.subheader(t("eff.table.zones", lang))
        zone_view = zone_table.reset_index().rename(columns=zone_metric_labels(lang))
        _small_table(zone_view, lang, hide_index=True, width="stretch", key="eff_zones")

# ---- the enterprise's own years (企业画像) ---------------------------------------------------------
if firms:  # no enterprise profile for a role that sees no enterprise rows
    clicked = clicked_properties(map_out).get(ID_COL)
    rows = (picked.selection.rows if picked is not None and hasattr(picked, "selection") else []) or []
    selected = str(table.iloc[rows[0]][_labels(lang)[ID_COL]]) if rows else None
    last = st.session_state.setdefault("eff_profile_seen", {"map": None, "table": None})
    if clicked and clicked != last["map"]:
        st.session_state["eff_profile_id"] = str(clicked)
    if selected and selected != last["table"]:
        st.session_state["eff_profile_id"] = selected
    last.update(map=clicked, table=selected)
    st.subheader(t("eff.profile", lang))
    st.caption(t("eff.profile.help", lang))
    ent_id = st.text_input(t("eff.profile.id", lang), key="eff_profile_id").strip()
    if ent_id:
        try:
            profile = yearly.enterprise_profile(
                {y: r.enterprises for y, r in results.items()}, ent_id, warnings=warnings_all, lang=lang
            )
        except DataValidationError as exc:
            show_error(exc)
        else:
            latest = profile.iloc[-1]
            st.text(
                f"{latest.get('name', '')} · {ent_id} · {latest.get('industry', '')} · {latest.get(ZONE_COL, '')}"
            )
            profile = profile.assign(**{YEAR_COL: profile[YEAR_COL].map(lambda y: _year_label(y, lang))})
            st.dataframe(
                plain(profile).rename(columns=_labels(lang)), hide_index=True, width="stretch", key="eff_profile_table",
                column_config=_number_config(profile.rename(columns=_labels(lang))),
            )  # fmt: skip
            show_sources(ents_src, ent_id, lang)  # 数据归集: each value's department file and rows
