"""用地强度: the parcels (宗地) coloured by 容积率 / 建筑系数 / 投资强度 / 亩均税收 with the ones below their
control minimum marked, the 低效用地 list, its renewal (盘活) and the grant-contract check; or the 区镇
choropleth of a 亩均 metric with the enterprises coloured by the class of their own value."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import ingest
from geo.errors import DataValidationError
from geo.evaluation import evaluate
from geo.evaluation.metrics import RATIOS_BY_KEY
from geo.exports.tables import csv_bytes, xlsx_bytes
from geo.i18n import Lang, beijing_minute
from geo.land import parcels as parcels_geo
from geo.land import renewal
from geo.storage.base import open_store
from geo.storage.builtin import load_layer
from geo.storage.schema import WUJIANG_TOWNS
from layers import enterprises as ent_layer
from layers import intensity
from layers import parcels as parcel_layer
from layers.base import Provenance
from layers.mapview import MapLayer
from pages import _cache
from pages._auth import aggregates_for_role, identity, require_editor, sees_firms
from pages._cache import frame_key, shared
from pages._intensity_controls import ALL, class_controls, view_control
from pages._shared import (
    clicked_properties,
    layer_frame,
    lazy_tabs,
    map_first_run,
    map_layer_of,
    page_control,
    provenance_table,
    rest_after_map,
    settings,
    show_error,
    stop_page,
    user_store_stamp,
    wujiang_base,
    wujiang_map,
)
from pages._strings import t


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


def _zone_view(towns, base, lang: Lang) -> None:
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
            base, changing, towns, title=t("int.header", lang), key="intensity_map", note=t("int.method_note", lang),
            changing_key=(metric, scheme, k, industry, above_only, show_points),  # rendered once per choice
            signal_drawn=True,
        )  # fmt: skip

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
    labels = zone_classes.labels(intensity.metric_unit(metric), decimals=2)
    st.dataframe(
        pd.DataFrame(
            {
                t("wj.col.town", lang): ranked["name"],
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
    st.dataframe(provenance_table(["wujiang_towns", "enterprises"], lang), hide_index=True, width="stretch")


# ---------------------------------------------------------------------------------- parcels


DEMO = ""  # the bundled demo layers, else the name of an import in the user store


def _frame_of(name: str, demo_layer: str) -> gpd.GeoDataFrame:
    return load_layer(demo_layer) if name == DEMO else ingest.load_user_layer(name)


# Shared by all sessions (_cache.resource: one object; cache_data unpickled 17,695 parcels with
# their geometry on every run); the page only reads it.
@_cache.resource(max_entries=4)
def _parcel_analysis(
    parcels_name: str, ents_name: str, stamp: tuple[str, str], user_stamp: tuple[str, str]
) -> parcels_geo.ParcelAnalysis:
    """Parcels joined to the enterprises, land from them, evaluated, checked (cached per store).

    Parcels without a 区镇 column get the Wujiang 区镇 holding them (by location)."""
    parcels = _frame_of(parcels_name, "parcels")
    ents = _frame_of(ents_name, "enterprises")
    zones = None if "town" in parcels.columns else load_layer("wujiang_towns")
    analysis = parcels_geo.analyse_parcels(parcels, ents, zones=zones)
    result = evaluate(analysis.enterprises)
    classes = result.enterprises.set_index("ent_id")["eval_class"]
    return parcels_geo.with_classes(analysis, classes)


def _store_stamp() -> tuple[str, str]:
    """The built-in layers' store (demo GeoPackage, or PostGIS with ATLAS_DATABASE_URL) and its stamp."""
    return _cache.builtin_stamp()


def _user_stamp() -> tuple[str, str]:
    """The selected user store and its change stamp (a write of any session refreshes the cache)."""
    return user_store_stamp()


def _log_stamp() -> str:
    """Changes with every recorded renewal status (geo.land.renewal keeps its log in the selected store,
    whose stamp changes with every write of any server or the command line)."""
    store = open_store()
    return f"{store.location}:{store.stamp()}"


def _sources(lang: Lang) -> tuple[str, str, Provenance | None]:
    """The parcels and enterprises chosen (demo or an import) and the imported parcels' provenance."""
    meta = ingest.list_user_layers()
    parcel_layers = meta[meta["kind"] != "enterprises"]
    ent_layers = meta[meta["kind"] == "enterprises"]
    if not len(parcel_layers):
        return DEMO, DEMO, None
    titles = dict(zip(meta["layer"], meta["title_en" if lang == "en" else "title_zh"], strict=True))
    parcels_name = page_control("parcel_map", "parcel_source", DEMO, lambda: st.selectbox(
        t("parcel.source", lang), [DEMO, *parcel_layers["layer"]],
        format_func=lambda v: titles.get(v, v) if v else t("parcel.source_demo", lang), key="parcel_source",
    ))  # fmt: skip
    ents_name = page_control("parcel_map", "parcel_ent_source", DEMO, lambda: st.selectbox(
        t("parcel.ent_source", lang), [DEMO, *ent_layers["layer"]],
        format_func=lambda v: titles.get(v, v) if v else t("parcel.ent_source_demo", lang), key="parcel_ent_source",
    ))  # fmt: skip
    if parcels_name == DEMO:
        return DEMO, ents_name, None
    row = meta[meta["layer"] == parcels_name].iloc[0]
    prov = Provenance(
        str(row["accuracy"]), str(row["source"]), str(row["licence"] or ""), str(row["note"] or "")
    )
    return parcels_name, ents_name, prov


SHOW = ("all", "below_min", "low", "missed", "met")
TABLE_ROWS = 500  # rows shown in a list on the page (largest first); the downloads hold all


def _shown(
    analysis: parcels_geo.ParcelAnalysis,
    *,
    metric: str,
    industry: str,
    town: str,
    show: str,
    tracked: pd.DataFrame,
) -> gpd.GeoDataFrame:
    """The parcels to draw, with only the columns the map needs."""
    ind = analysis.indicators
    mask = pd.Series(True, index=ind.index)
    if industry:
        mask &= ind["industry"] == industry
    if town:
        mask &= ind["zone"] == town
    low_ids = set(analysis.low["parcel_id"])
    verdict = ind["parcel_id"].map(analysis.contracts.set_index("parcel_id")["verdict"])
    if show == "below_min":
        mask &= ind["below_minimum"]
    elif show == "low":
        mask &= ind["parcel_id"].isin(low_ids)
    elif show == "missed":
        mask &= verdict == parcels_geo.VERDICT_MISSED
    elif show == "met":
        mask &= verdict == parcels_geo.VERDICT_MET
    cols = ["parcel_id", "ent_id", "zone", "area_mu", "land_use", "far", "coverage_pct", "idle", metric]
    out = ind.loc[mask, [c for c in dict.fromkeys(cols) if c in ind] + [ind.geometry.name]].copy()
    out = out.rename(columns={"zone": "town"})
    out["mark"] = ind.loc[mask, "below_minimum"].to_numpy()
    out["reasons"] = out["parcel_id"].map(analysis.low.set_index("parcel_id")["reasons"]).fillna("")
    out["verdict"] = verdict[mask].fillna("").to_numpy()
    out["status"] = out["parcel_id"].map(tracked.set_index("parcel_id")["status"]).fillna("")
    return out


def _parcel_item(layer, frame: gpd.GeoDataFrame, imported: Provenance | None) -> MapLayer:
    if imported is None:
        return map_layer_of(layer, frame)
    return MapLayer(layer, frame, imported)


def _drawn_frames(
    analysis: parcels_geo.ParcelAnalysis, frame: pd.DataFrame, metric: str, scheme: str, k: int
):
    """The shown parcels' classes, the parcels as drawn and their red outlines (None: none below)."""
    classes = intensity.classify(frame.loc[~frame["idle"], metric], scheme=scheme, k=k)
    below, ind = frame[frame["mark"]], analysis.indicators.set_index("parcel_id")
    marks = below.assign(
        mark=True, **{c: below["parcel_id"].map(ind[c]).to_numpy() for c in ("far_min", "coverage_min_pct")}
    )
    return classes, frame.drop(columns="mark"), marks if len(below) else None


def _parcel_panel(pid: str, analysis: parcels_geo.ParcelAnalysis, tracked: pd.DataFrame, lang: Lang) -> None:
    ind = analysis.indicators
    row = ind[ind["parcel_id"] == pid]
    if not len(row):
        return
    p = row.iloc[0]
    st.markdown(f"### {html.escape(pid)}")
    labels = parcels_geo.RESULT_LABELS_EN if lang == "en" else parcels_geo.RESULT_LABELS
    keys = (
        "ent_id",
        "ent_name",
        "industry",
        "zone",
        "area_mu",
        "land_use",
        "far",
        "far_min",
        "coverage_pct",
        "investment_wan_yuan",
        "invest_per_mu_wan_yuan",
        "tax_per_mu_wan_yuan",
        "eval_class",
        "grant_year",
    )
    items = []
    for k in keys:
        if k not in p.index:
            continue
        v = p[k]
        if isinstance(v, float):
            v = "—" if v != v else f"{v:,.2f}"
        items.append((labels.get(k, k), "—" if v is None or v == "" else str(v)))
    low = analysis.low[analysis.low["parcel_id"] == pid]
    items.append(
        (labels["reasons"], low["reasons_en" if lang == "en" else "reasons"].iloc[0] if len(low) else "—")
    )
    c = analysis.contracts[analysis.contracts["parcel_id"] == pid]
    if len(c):
        v = c["verdict"].iloc[0]
        items.append((labels["verdict"], parcels_geo.VERDICT_EN.get(v, v) if lang == "en" else v))
        if c["shortfalls_en" if lang == "en" else "shortfalls"].iloc[0]:
            items.append((labels["shortfalls"], c["shortfalls_en" if lang == "en" else "shortfalls"].iloc[0]))
    tr = tracked[tracked["parcel_id"] == pid]
    if len(tr):
        items.append(
            (
                t("parcel.status", lang),
                " ".join(
                    (
                        renewal.STATUS_EN.get(tr["status"].iloc[0], "")
                        if lang == "en"
                        else tr["status"].iloc[0],
                        renewal.METHOD_EN.get(tr["method"].iloc[0], "")
                        if lang == "en"
                        else tr["method"].iloc[0],
                        tr["status_date"].iloc[0],
                    )
                ).strip(),
            )
        )
    # label above value, wrapped: a two-column grid in the narrow panel cut "固定资产投资（万…"
    rows = "".join(
        f"<dt style='color:#555;font-size:0.85rem;margin-top:0.35rem'>{html.escape(k)}</dt>"
        f"<dd style='margin:0;overflow-wrap:anywhere'>{html.escape(v)}</dd>"
        for k, v in items
    )
    st.html(f"<dl class='atlas-parcel' style='margin:0'>{rows}</dl>")
    st.caption(t("wj.synthetic_note", lang))


def _low_tab(analysis: parcels_geo.ParcelAnalysis, tracked: pd.DataFrame, lang: Lang) -> None:
    low = analysis.low
    st.markdown(t("parcel.low_total", lang).format(n=len(low), mu=low["area_mu"].sum()))
    rules = [
        parcels_geo.REASONS[k][1 if lang == "en" else 0] for k, on in analysis.controls.rules.items() if on
    ]
    if analysis.controls.tax_per_mu_min_wan_yuan is not None:
        rules.append(parcels_geo.REASONS["tax_below_min"][1 if lang == "en" else 0])
    st.caption(t("parcel.rules", lang).format(rules="、".join(rules) if lang == "zh" else "; ".join(rules)))
    labels = parcels_geo.RESULT_LABELS_EN if lang == "en" else parcels_geo.RESULT_LABELS
    status = low["parcel_id"].map(tracked.set_index("parcel_id")["status"])
    if lang == "en":
        status = status.map(renewal.STATUS_EN)
    table = low.assign(status=status.to_numpy())
    cols = [
        "parcel_id",
        "zone",
        "area_mu",
        "reasons_en" if lang == "en" else "reasons",
        "status",
        "ent_id",
        "ent_name",
    ]
    shown = pd.DataFrame(table[cols]).rename(
        columns={**labels, "reasons_en": labels["reasons"], "status": t("parcel.status", lang)}
    )
    st.dataframe(
        shown.head(TABLE_ROWS).round({labels["area_mu"]: 2}), hide_index=True, width="stretch", height=320
    )
    if len(shown) > TABLE_ROWS:
        st.caption(t("parcel.table_head", lang).format(n=TABLE_ROWS))
    st.download_button(
        t("parcel.download_low", lang),
        data=lambda: csv_bytes(table),
        file_name="low_efficiency_parcels.csv",
        mime="text/csv",
        key="parcel_low_csv",
        on_click="ignore",
    )


def _renewal_tab(
    analysis: parcels_geo.ParcelAnalysis, tracked: pd.DataFrame, log: pd.DataFrame, clicked: str, lang: Lang
) -> None:
    ids = tracked["parcel_id"].tolist()
    editor = require_editor(lang, message_key="parcel.viewer")  # viewers see the totals and the record
    if editor:
        with st.form("parcel_renewal_form"):
            st.markdown(f"**{t('parcel.edit', lang)}**")
            c1, c2, c3 = st.columns([1.4, 1, 1.2])
            index = ids.index(clicked) if clicked in ids else 0
            pid = c1.selectbox(t("parcel.edit_parcel", lang), ids, index=index, key="parcel_edit_id")
            status = c2.selectbox(
                t("parcel.status", lang),
                renewal.STATUSES,
                format_func=lambda v: renewal.STATUS_EN[v] if lang == "en" else v,
                key="parcel_edit_status",
            )
            method = c3.selectbox(
                t("parcel.method", lang),
                ("", *renewal.METHODS),
                format_func=lambda v: (renewal.METHOD_EN.get(v, v) if lang == "en" else v) or "—",
                key="parcel_edit_method",
            )
            c4, c5, c6 = st.columns([1, 1, 1.6])
            day = c4.date_input(t("parcel.date", lang), value=date.today(), key="parcel_edit_date")
            c5.text_input(
                t("parcel.who", lang), value=identity().recorded, disabled=True, key="parcel_edit_who"
            )
            note = c6.text_input(t("parcel.note", lang), key="parcel_edit_note")
            st.caption(t("parcel.editor_note", lang))
            if st.form_submit_button(t("parcel.save", lang), key="parcel_edit_save"):
                try:
                    renewal.record_status(
                        pid, status, method=method, status_date=day, note=note, actor=identity().recorded
                    )
                except DataValidationError as exc:
                    show_error(exc)
                else:
                    st.success(t("parcel.saved", lang).format(pid=pid, status=status))
                    st.rerun()
    record = layer_frame("wujiang_renewal_record").iloc[0]
    done = tracked["status"] == renewal.STATUS_DONE
    going = tracked["status"] == renewal.STATUS_IN_PROGRESS
    m1, m2, m3 = st.columns(3)
    m1.metric(t("parcel.identified_total", lang), f"{tracked['area_mu'].sum():,.0f} 亩")
    m2.metric(t("parcel.in_progress_total", lang), f"{tracked.loc[going, 'area_mu'].sum():,.1f} 亩")
    m3.metric(t("parcel.freed_total", lang), f"{tracked.loc[done, 'area_mu'].sum():,.1f} 亩")
    m4, m5, _ = st.columns(3)
    m4.metric(t("parcel.plan_closed", lang) + " 2016–2020", f"{int(record['enterprises_closed']):,} 家")
    m5.metric(t("parcel.plan_freed", lang) + " 2016–2020", f"{record['land_freed_mu']:,.0f} 亩")
    st.caption(t("parcel.plan_record", lang) + "：" + str(record["source"]))
    st.markdown(f"**{t('parcel.summary', lang)}**")
    summary = renewal.renewal_summary(tracked).reset_index()
    labels = renewal.SUMMARY_LABELS_EN if lang == "en" else renewal.SUMMARY_LABELS
    # mu with thousands separators and two decimals, counts whole, years as years
    formats = {c: "%,.2f" for c in summary.columns if c.endswith("_mu")}
    formats.update({c: "%,d" for c in summary.columns if c.startswith("n_")})
    config = {labels.get(c, c): st.column_config.NumberColumn(format=f) for c, f in formats.items()}
    st.dataframe(summary.rename(columns=labels), hide_index=True, width="stretch", column_config=config)
    st.markdown(f"**{t('parcel.log', lang)}**")
    if len(log):
        labels = renewal.LOG_LABELS_EN if lang == "en" else renewal.LOG_LABELS
        shown = log[list(labels)].iloc[::-1]
        shown = shown.assign(changed_at=shown["changed_at"].map(lambda v: beijing_minute(v, lang)))
        labels = {**labels, "changed_at": t("parcel.changed_at", lang)}
        if lang == "en":
            for col in ("status", "old_status"):
                shown = shown.assign(**{col: shown[col].map(renewal.STATUS_EN)})
            for col in ("method", "old_method"):
                shown = shown.assign(**{col: shown[col].map(lambda v: renewal.METHOD_EN.get(v, v))})
        st.dataframe(shown.rename(columns=labels), hide_index=True, width="stretch")
    else:
        st.caption(t("parcel.log_empty", lang))


def _contracts_tab(analysis: parcels_geo.ParcelAnalysis, lang: Lang) -> None:
    c = analysis.contracts
    st.caption(t("parcel.contracts_intro", lang).format(year=analysis.controls.check_year))
    counts = c["verdict"].value_counts()
    st.markdown(
        t("parcel.contracts_counts", lang).format(
            met=int(counts.get(parcels_geo.VERDICT_MET, 0)),
            missed=int(counts.get(parcels_geo.VERDICT_MISSED, 0)),
            due=int(counts.get(parcels_geo.VERDICT_NOT_DUE, 0)),
        )
    )
    cols = [
        "parcel_id",
        "ent_id",
        "zone",
        "area_mu",
        "verdict",
        "shortfalls",
        "promised_invest_per_mu_wan_yuan",
        "invest_per_mu_wan_yuan",
        "gap_invest_per_mu",
        "promised_far",
        "far",
        "gap_far",
        "promised_tax_per_mu_wan_yuan",
        "tax_per_mu_wan_yuan",
        "gap_tax_per_mu",
        "promised_full_year",
    ]
    labels = parcels_geo.RESULT_LABELS_EN if lang == "en" else parcels_geo.RESULT_LABELS
    table = pd.DataFrame(c[[col for col in cols if col in c]]).sort_values(
        "area_mu", ascending=False, kind="stable"
    )
    if lang == "en":
        table["verdict"] = table["verdict"].map(parcels_geo.VERDICT_EN)
        table["shortfalls"] = c["shortfalls_en"]  # aligned on the index
    table = table.rename(columns=labels).round(2)
    st.dataframe(table.head(TABLE_ROWS), hide_index=True, width="stretch", height=320)
    if len(table) > TABLE_ROWS:
        st.caption(t("parcel.table_head", lang).format(n=TABLE_ROWS))
    st.download_button(
        t("parcel.download_contracts", lang),
        data=lambda: xlsx_bytes(
            {t("parcel.tab.contracts", lang): table}, title=t("parcel.tab.contracts", lang), lang=lang
        ),
        file_name="contract_check.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="parcel_contracts_xlsx",
        on_click="ignore",
    )


def _parcel_view(towns, base, lang: Lang) -> None:
    MAP = "parcel_map"  # noqa: N806
    parcels_name, ents_name, imported = _sources(lang)
    try:
        analysis = _parcel_analysis(parcels_name, ents_name, _store_stamp(), _user_stamp())
        log_key = ("parcel.log", _log_stamp())
        log = shared(log_key, renewal.load_log)
    except DataValidationError as exc:
        show_error(exc)
        return
    tracked = shared(
        ("parcel.tracked", parcels_name, ents_name, *log_key),
        lambda: renewal.with_status(
            pd.DataFrame(analysis.low[["parcel_id", "ent_id", "zone", "area_mu"]]),
            log,
            identified_year=analysis.controls.check_year,
        ),
    )
    metric, scheme, k, industry = class_controls(
        "parcel", MAP, t("parcel.metric", lang), tuple(parcels_geo.PARCEL_METRICS),
        lambda m: parcel_layer.metric_label(m, lang), lang,
    )  # fmt: skip
    town = page_control(MAP, "parcel_town", ALL, lambda: st.selectbox(
        t("parcel.town", lang), [ALL, *WUJIANG_TOWNS], format_func=lambda v: v or t("parcel.town_all", lang),
        key="parcel_town",
    ))  # fmt: skip
    show = page_control(MAP, "parcel_show", SHOW[0], lambda: st.selectbox(
        t("parcel.show", lang), SHOW, format_func=lambda v: t(f"parcel.show.{v}", lang), key="parcel_show"
    ))  # fmt: skip
    frame = shared(
        ("parcel.shown", parcels_name, ents_name, metric, industry, town, show, *log_key),
        lambda: _shown(analysis, metric=metric, industry=industry, town=town, show=show, tracked=tracked),
    )

    changing = []
    if len(frame):
        try:  # once per choice for all sessions, like the frame itself
            classes, drawn, marks = shared(
                ("parcel.drawn", parcels_name, ents_name, metric, industry, town, show, scheme, k, *log_key),
                lambda: _drawn_frames(analysis, frame, metric, scheme, k),
            )
        except DataValidationError as exc:
            show_error(exc)
            return
        layer = parcel_layer.by_metric_class(metric, classes)
        if imported is not None:  # an imported parcel layer: its title and its recorded provenance
            layer = replace(
                layer, title_zh=f"{layer.title_zh}（导入）", title_en=f"{layer.title_en} (imported)"
            )
        changing.append(_parcel_item(layer, drawn, imported))
        if marks is not None:  # red outlines above: on the map, in the legend, in every export
            changing.append(_parcel_item(parcel_layer.below_minimum(), marks, imported))
    left, right = st.columns([3, 1.3])
    with left:
        # Rendered once per choice and rows shown (statuses and imports are in the data stamp).
        shown_key = (
            parcels_name,
            ents_name,
            metric,
            scheme,
            k,
            industry,
            town,
            show,
            frame_key(frame),
            *log_key,
        )
        out = wujiang_map(
            base, changing, towns, title=t("int.header", lang), key="parcel_map", note=t("parcel.method_note", lang),
            changing_key=shown_key, signal_drawn=True,
        )  # fmt: skip
    clicked = str(clicked_properties(out).get("parcel_id") or "")
    with right:  # the panel beside the map follows it
        if clicked:
            _parcel_panel(clicked, analysis, tracked, lang)
        elif not map_first_run(MAP):
            st.subheader(t("parcel.details", lang))
            st.info(t("parcel.panel_hint", lang))
    rest_after_map(MAP, lang)  # what follows comes once the map is drawn
    n_shown = t("parcel.n_shown", lang).format(
        n=len(frame), mu=frame["area_mu"].sum(), below=int(frame["mark"].sum())
    )
    st.caption(n_shown + " " + t("parcel.intro", lang))
    tab_low, tab_renewal, tab_contracts = lazy_tabs(
        [t("parcel.tab.low", lang), t("parcel.tab.renewal", lang), t("parcel.tab.contracts", lang)],
        key="parcel_tab",
    )
    if tab_low.open:
        with tab_low:
            _low_tab(analysis, tracked, lang)
    if tab_renewal.open:
        with tab_renewal:
            _renewal_tab(analysis, tracked, log, clicked, lang)
    if tab_contracts.open:
        with tab_contracts:
            _contracts_tab(analysis, lang)
    st.subheader(t("overview.provenance", lang))
    st.dataframe(
        provenance_table(["wujiang_towns", "enterprises", "parcels", "wujiang_renewal_record"], lang),
        hide_index=True,
        width="stretch",
    )


s = settings()
lang = s.lang
st.title(t("int.header", lang))

try:
    towns = layer_frame("wujiang_towns")
    # The 区镇 outlines (schematic) stay underneath; the coloured fills above them change.
    base = wujiang_base()
except DataValidationError as exc:
    show_error(exc)
    stop_page()

if not sees_firms():  # the parcel view is enterprise-level: a visitor starts on the towns
    st.session_state.setdefault("int_view", "zones")
view = view_control(lang)  # in the sidebar, with the view's own controls
if view == "parcels" and not sees_firms():  # every parcel is an enterprise's land, with its figures
    st.info(":material/lock: " + t("parcel.hidden", lang))
    view = "zones"
if view == "parcels":
    _parcel_view(towns, base, lang)
else:
    _zone_view(towns, base, lang)
