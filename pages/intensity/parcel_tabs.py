"""用地强度's parcel tabs: a clicked parcel's panel, the 低效用地 list, its renewal (盘活) tracking and
the grant-contract check."""

from __future__ import annotations

import html
import math

import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.exports.tables import csv_bytes, table_for_export, xlsx_bytes, yes_no_in_words
from geo.land import parcels as parcels_geo
from geo.land import renewal
from geo.messages import Lang, labelled, t
from geo.messages.formats import beijing_today
from geo.messages.names import firm_name, industry_name
from geo.number_formats import as_text, measure_of, rounded_to_format
from geo.place_names import place_name, short_place_name
from geo.storage.changelog import actor_name
from geo.storage.provenance import source_label
from pages.common.auth import identity, require_editor
from pages.common.frame import show_error
from pages.common.stored import layer_frame
from pages.efficiency.fitting import (
    FLUSH_EDGE_PX,
    SUMMARY_PX,
    Fitted,
    broken_before_brackets,
    fit_columns,
    table_height,
    to_the_edge,
)
from pages.intensity.parcel_data import TABLE_ROWS


def panel_value(key: str, value: object, lang: Lang) -> str:
    """A parcel's figure as its panel shows it: a year whole (2016, not 2,016.00), other numbers with
    two decimals and separators, its 区镇 and industry in the page's language, "—" when missing."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, float):
        return f"{value:.0f}" if measure_of(key) == "year" else f"{value:,.2f}"
    if key == "zone":
        return place_name(value, lang)
    if key == "industry":
        return industry_name(str(value), lang)
    if key == "ent_name":  # a synthetic demo firm "(synthetic)" in English
        return str(firm_name(value, lang))
    return str(value)


def bracket_kept(value: str) -> str:
    """``value`` as HTML, its closing （…） ("（合成）", a park's "（太湖新城）") kept on one line: the
    line breaks before it, never inside it (「…有限公司（合 / 成）」 in the narrow panel at 1280 px)."""
    head, bracket, tail = value.rpartition("（")
    if not head or not bracket or not tail.endswith("）"):
        return html.escape(value)
    return f"{html.escape(head)}<span style='white-space:nowrap'>（{html.escape(tail)}</span>"


def details_html(items: list[tuple[str, str]], css_class: str) -> str:
    """A panel's (label, value) pairs as HTML, each label above its value, wrapped (escaped): a
    two-column grid in the narrow panel beside the map cut "固定资产投资（万…" and, in a town's panel,
    its values ("12,490 亩") off its right edge at 1280 px."""
    rows = "".join(
        f"<dt style='color:#555;font-size:0.85rem;margin-top:0.35rem'>{html.escape(k)}</dt>"
        f"<dd style='margin:0;overflow-wrap:anywhere'>{bracket_kept(v)}</dd>"
        for k, v in items
    )
    return f"<dl class='{css_class}' style='margin:0'>{rows}</dl>"


def parcel_panel(pid: str, analysis: parcels_geo.ParcelAnalysis, tracked: pd.DataFrame, lang: Lang) -> None:
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
        items.append((labels.get(k, k), panel_value(k, p[k], lang)))
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
        items += status_items(tr.iloc[0], lang)
    st.html(details_html(items, "atlas-parcel"))
    st.caption(t("wj.synthetic_note", lang))


def status_items(tracked: pd.Series, lang: Lang) -> list[tuple[str, str]]:
    """A tracked parcel's 盘活 status, method and date in its panel, each under its own label (run
    together they read "In progress Upgrade 2026-11-30"); a method or date not given left out."""
    labels = renewal.LOG_LABELS_EN if lang == "en" else renewal.LOG_LABELS
    heads = {
        "status": t("parcel.status", lang),
        "method": labels["method"],
        "status_date": labels["status_date"],
    }
    return [
        (head, str(renewal.status_name(tracked[col], lang)))
        for col, head in heads.items()
        if isinstance(tracked.get(col), str) and tracked[col].strip()
    ]


AREA_FORMAT = st.column_config.NumberColumn(format="%,.2f")  # an area with its two decimals (200.90)
LOW_SHOWN = ("parcel_id", "zone", "area_mu", "reasons", "status", "ent_id", "ent_name")
# The list on screen: its key columns first, read whole at 1280 px (walk 18 c5: the English list's
# enterprise, last, ran off the table's right edge); the enterprise's id after them, a sideways
# scroll away at 1280 px in English.
LOW_SCREEN = ("parcel_id", "ent_name", "zone", "area_mu", "reasons", "status", "ent_id")


def in_words(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A copy of a parcel table whose values read in ``lang``: 区镇 (``zone``, ``town``) and
    industries by the catalogue's English names, 盘活 statuses and methods in words
    (:func:`geo.land.renewal.status_name`), the reasons in ``lang`` (the other language's column
    left out); ids, enterprises' names (a synthetic demo firm's mark in ``lang``) and numbers as
    they are."""
    out = table_for_export(table).drop(columns=["reasons" if lang == "en" else "reasons_en"], errors="ignore")
    for col in ("status", "method", "old_status", "old_method"):
        if col in out.columns:
            out[col] = out[col].map(lambda v: renewal.status_name(v, lang))
    if lang == "en":
        out = out.rename(columns={"reasons_en": "reasons"})
        for col in ("zone", "town"):
            if col in out.columns:
                out[col] = out[col].map(lambda v: renewal.zone_name(v, lang), na_action="ignore")
        if "industry" in out.columns:
            out["industry"] = out["industry"].map(lambda v: industry_name(str(v), lang), na_action="ignore")
        if "ent_name" in out.columns:  # a synthetic demo firm "(synthetic)", not "（合成）"
            out["ent_name"] = out["ent_name"].map(lambda v: firm_name(v, lang), na_action="ignore")
    return out


def low_screen(table: pd.DataFrame, lang: Lang) -> tuple[pd.DataFrame, Fitted]:
    """The low-efficiency list's rows ``table`` as the page shows them in ``lang`` (headed, key
    columns first, :data:`LOW_SCREEN`) and their widths: every header and cell read whole in the
    table's width at 1280 px, an enterprise's name on its line (" (synthetic)" on the next where need
    be), the Chinese reasons wrapped. The grid wraps no Latin text reliably, so the English page names
    the 区镇 and the reasons short ("Shengze", "Low FAR; Idle"); the details and the download in full."""
    shown = in_words(pd.DataFrame(table[[*LOW_SHOWN, "reasons_en"]]), lang)[list(LOW_SCREEN)]
    if lang == "en":
        shown["zone"] = table["zone"].map(lambda v: short_place_name(v, lang), na_action="ignore")
        shown["reasons"] = [
            "; ".join(t(f"land.reason_short.{k}", lang) for k in str(keys).split(";") if k)
            for keys in table["reason_keys"]
        ]
    labels = low_headers(lang)
    shown = shown.rename(columns=labels).round({labels["area_mu"]: 2})
    name, zone = labels["ent_name"], labels["zone"]
    if lang == "zh":  # a name on its line, its （合成） or a park's （…） on the next where need be
        shown[[name, zone]] = shown[[name, zone]].map(broken_before_brackets)
    keys = [labels[c] for c in LOW_SCREEN[:-1]]
    fitted = fit_columns(
        shown,
        keys,
        budget_px=SUMMARY_PX,
        one_line=[zone] if lang == "en" else [],
        names=[name] if lang == "en" else [name, zone],
    )
    after = fit_columns(shown, [labels[LOW_SCREEN[-1]]], budget_px=math.inf)  # one line, beyond them
    return shown, Fitted({**fitted.widths, **after.widths}, fitted.row_px)


def low_headers(lang: Lang) -> dict[str, str]:
    """The low-efficiency list's column names -> its headers in ``lang``."""
    labels = parcels_geo.RESULT_LABELS_EN if lang == "en" else parcels_geo.RESULT_LABELS
    return {**labels, "status": t("parcel.status", lang)}


def low_export(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Every column of the low-efficiency list as a person reads it in ``lang``: headed by the
    parcels' labels, its values as :func:`in_words` writes them, yes/no columns 是/否 or Yes/No,
    how each parcel found its enterprise in words; one 区镇 column (the zone the page shows, not
    the file's ``town`` beside it) and the rules only once, in words (认定理由, not their codes)."""
    out = in_words(table, lang).drop(columns=["reason_keys"], errors="ignore")
    if "zone" in out.columns:
        out = out.drop(columns=["town"], errors="ignore")
    if "join_method" in out.columns:
        words = {k: v[1 if lang == "en" else 0] for k, v in parcels_geo.JOIN_METHODS.items()}
        out["join_method"] = out["join_method"].fillna("").map(words).fillna(out["join_method"])
    # rounded by the atlas's names (grant_year a year, area_mu land), then headed in ``lang``
    return yes_no_in_words(rounded_to_format(out), lang).rename(columns=low_headers(lang))


def low_tab(analysis: parcels_geo.ParcelAnalysis, tracked: pd.DataFrame, lang: Lang) -> None:
    low = analysis.low
    # the total in the list's own decimals (walk 18: 27,922.1 mu above areas of 365.53)
    mu = as_text(low["area_mu"].sum(), measure_of("area_mu"))
    st.markdown(t("parcel.low_total", lang).format(n=len(low), mu=mu))
    rules = [
        parcels_geo.REASONS[k][1 if lang == "en" else 0] for k, on in analysis.controls.rules.items() if on
    ]
    if analysis.controls.tax_per_mu_min_wan_yuan is not None:
        rules.append(parcels_geo.REASONS["tax_below_min"][1 if lang == "en" else 0])
    st.caption(t("parcel.rules", lang).format(rules="、".join(rules) if lang == "zh" else "; ".join(rules)))
    status = low["parcel_id"].map(tracked.set_index("parcel_id")["status"])
    table = low.assign(status=status.to_numpy())  # the words stored; in_words writes them in ``lang``
    shown, fitted = low_screen(pd.DataFrame(table.head(TABLE_ROWS)), lang)
    headers = low_headers(lang)
    config: dict = {headers["area_mu"]: AREA_FORMAT}
    if lang == "en":
        config[headers["reasons"]] = {"help": t("land.reason_short.help", lang)}
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=table_height(len(shown), fitted.row_px, most=320),
        row_height=fitted.row_px,
        column_config=fitted.apply(config),
    )
    if len(table) > TABLE_ROWS:
        st.caption(t("parcel.table_head", lang).format(n=TABLE_ROWS))
    st.download_button(
        t("parcel.download_low", lang),
        data=lambda: csv_bytes(low_export(table, lang), lang=lang),
        file_name=f"{t('parcel.file.low', lang)}.csv",
        mime="text/csv",
        key="parcel_low_csv",
        on_click="ignore",
    )


# The 盘活 log on screen: what changed, when and why first (its note wrapped), who and the old values after.
LOG_SCREEN = ("parcel_id", "status", "method", "status_date", "note")


def log_screen(log: pd.DataFrame, lang: Lang) -> tuple[pd.DataFrame, Fitted]:
    """The 盘活 log as the page shows it (:func:`geo.land.renewal.log_for_people`, its columns
    :data:`LOG_SCREEN` first) and their widths in the table's width at 1280 px: a Chinese note wrapped
    on up to three lines (walk 18: a note ran off the right edge); the other columns follow."""
    labels = renewal.LOG_LABELS_EN if lang == "en" else renewal.LOG_LABELS
    table = renewal.log_for_people(log, lang)
    keys = [labels[c] for c in LOG_SCREEN]
    table = table[[*keys, *(c for c in table.columns if c not in keys)]]
    fitted = fit_columns(table, keys, budget_px=SUMMARY_PX, names=[labels["note"]])
    return table, fitted


def renewal_tab(
    analysis: parcels_geo.ParcelAnalysis, tracked: pd.DataFrame, log: pd.DataFrame, clicked: str, lang: Lang
) -> None:
    ids = tracked["parcel_id"].tolist()
    editor = require_editor(lang, message_key="parcel.viewer")  # viewers see the totals and the record
    if editor:
        with st.form("parcel_renewal_form", enter_to_submit=False):
            st.markdown(f"**{t('parcel.edit', lang)}**")
            c1, c2, c3 = st.columns([1.4, 1, 1.2])
            index = ids.index(clicked) if clicked in ids else 0
            pid = c1.selectbox(t("parcel.edit_parcel", lang), ids, index=index, key="parcel_edit_id")
            status = c2.selectbox(
                t("parcel.status", lang),
                renewal.STATUSES,
                format_func=lambda v: renewal.status_name(v, lang),
                key="parcel_edit_status",
            )
            method = c3.selectbox(
                t("parcel.method", lang),
                ("", *renewal.METHODS),
                format_func=lambda v: renewal.status_name(v, lang) or "—",
                key="parcel_edit_method",
            )
            c4, c5, c6 = st.columns([1, 1, 1.6])
            day = c4.date_input(t("parcel.date", lang), value=beijing_today(), key="parcel_edit_date")
            c5.text_input(
                t("parcel.who", lang),
                value=actor_name(identity().recorded, lang),  # 单用户模式 in English; a person as signed in
                disabled=True,
                key="parcel_edit_who",
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
                    st.success(
                        t("parcel.saved", lang).format(pid=pid, status=renewal.status_name(status, lang))
                    )
                    st.rerun()
    record = layer_frame("wujiang_renewal_record").iloc[0]
    done = tracked["status"] == renewal.STATUS_DONE
    going = tracked["status"] == renewal.STATUS_IN_PROGRESS
    m1, m2, m3 = st.columns(3)
    mu, firms = t("int.unit.mu", lang), t("int.unit.firms", lang)
    m1.metric(t("parcel.identified_total", lang), mu.format(value=f"{tracked['area_mu'].sum():,.0f}"))
    m2.metric(
        t("parcel.in_progress_total", lang), mu.format(value=f"{tracked.loc[going, 'area_mu'].sum():,.1f}")
    )
    m3.metric(t("parcel.freed_total", lang), mu.format(value=f"{tracked.loc[done, 'area_mu'].sum():,.1f}"))
    m4, m5, _ = st.columns(3)
    m4.metric(
        t("parcel.plan_closed", lang) + " 2016–2020",
        firms.format(value=f"{int(record['enterprises_closed']):,}"),
    )
    m5.metric(t("parcel.plan_freed", lang) + " 2016–2020", mu.format(value=f"{record['land_freed_mu']:,.0f}"))
    st.caption(labelled(t("parcel.plan_record", lang), source_label(str(record["source"]), lang), lang))
    st.markdown(f"**{t('parcel.summary', lang)}**")
    summary = in_words(renewal.renewal_summary(tracked).reset_index(), lang)
    labels = renewal.SUMMARY_LABELS_EN if lang == "en" else renewal.SUMMARY_LABELS
    # mu with thousands separators and two decimals, counts whole, years as years
    formats = {c: "%,.2f" for c in summary.columns if c.endswith("_mu")}
    formats.update({c: "%,d" for c in summary.columns if c.startswith("n_")})
    config = {labels.get(c, c): st.column_config.NumberColumn(format=f) for c, f in formats.items()}
    st.dataframe(summary.rename(columns=labels), hide_index=True, width="stretch", column_config=config)
    st.markdown(f"**{t('parcel.log', lang)}**")
    if len(log):
        shown, fitted = log_screen(log, lang)
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            height=table_height(len(shown), fitted.row_px),
            row_height=fitted.row_px,
            column_config=fitted.apply({}),
        )
    else:
        st.caption(t("parcel.log_empty", lang))


# The contract check's key columns, first and read whole at 1280 px; the promises and gaps follow.
CONTRACT_KEYS = ("parcel_id", "ent_id", "zone", "area_mu", "verdict", "shortfalls")


def contracts_screen(table: pd.DataFrame, zones: pd.Series, lang: Lang) -> tuple[pd.DataFrame, Fitted]:
    """The grant-contract table ``table`` (headed in ``lang``) as the page shows it and the widths of
    its key columns (:data:`CONTRACT_KEYS`), each on one line: in English a 区镇 by its short name
    ("Shengze", from the Chinese ``zones`` on the same index), as the low-efficiency list names it.
    The promises and gaps after them are shown while each fits whole, to the table's edge
    (:func:`~pages.efficiency.fitting.to_the_edge`; one was drawn half cut there at 1280 px)."""
    labels = parcels_geo.RESULT_LABELS_EN if lang == "en" else parcels_geo.RESULT_LABELS
    screen = table.copy()
    zone = labels["zone"]
    if lang == "en" and zone in screen.columns:
        short = zones.reindex(screen.index).map(lambda v: short_place_name(v, lang), na_action="ignore")
        screen[zone] = short
    keys = [labels[k] for k in CONTRACT_KEYS]
    fitted = fit_columns(screen, keys, budget_px=SUMMARY_PX, one_line=keys)
    return screen, to_the_edge(screen, fitted, FLUSH_EDGE_PX)


def contracts_tab(analysis: parcels_geo.ParcelAnalysis, lang: Lang) -> None:
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
    labels = parcels_geo.RESULT_LABELS_EN if lang == "en" else parcels_geo.RESULT_LABELS
    table = contracts_table(analysis, lang)
    screen, fitted = contracts_screen(table.head(TABLE_ROWS), c["zone"], lang)
    st.dataframe(
        screen,
        hide_index=True,
        width="stretch",
        height=table_height(len(screen), fitted.row_px, most=320),
        column_config=fitted.apply({labels["area_mu"]: AREA_FORMAT}),
    )
    if len(table) > TABLE_ROWS:
        st.caption(t("parcel.table_head", lang).format(n=TABLE_ROWS))
    st.download_button(
        t("parcel.download_contracts", lang),
        data=lambda: xlsx_bytes(
            {t("parcel.tab.contracts", lang): table}, title=t("parcel.tab.contracts", lang), lang=lang
        ),
        file_name=f"{t('parcel.file.contracts', lang)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="parcel_contracts_xlsx",
        on_click="ignore",
    )


def contracts_table(analysis: parcels_geo.ParcelAnalysis, lang: Lang) -> pd.DataFrame:
    """The grant-contract check as the page lists and downloads it: its key columns, the promises and
    gaps, the largest parcels first, in ``lang`` (headers and words), figures to two decimals."""
    c = analysis.contracts
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
    return in_words(table, lang).rename(columns=labels).round(2)
