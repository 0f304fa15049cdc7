"""What each class pays (差别化政策): the policy per class, the surcharges by class and zone, and
the payers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import yearly
from geo.evaluation import CLASS_COL, CLASSES_T
from geo.evaluation.metrics import ID_COL, ZONE_COL
from geo.messages import t
from pages.common.auth import firms_hidden_note
from pages.common.cache import shared
from pages.efficiency.display import list_table, small_table
from pages.efficiency.downloads import csv_button, file_stem
from pages.efficiency.sources import year_tables
from pages.efficiency.tables import plain, table_labels
from pages.efficiency.view import PageView


def _policy(view: PageView) -> pd.DataFrame:
    """Each class, what it means, its land policy and its rates."""
    lang, config = view.lang, view.config
    land_policy = config.land_policy if lang == "zh" else (config.land_policy_en or config.land_policy)
    return pd.DataFrame(
        {
            t("eff.pay.class", lang): list(CLASSES_T),
            t("eff.pay.meaning", lang): [t(f"eff.class.{c}", lang) for c in CLASSES_T],
            t("eff.pay.land", lang): [land_policy.get(c, "") for c in CLASSES_T],
            t("eff.pay.rates", lang): [
                yearly.class_rates_text(config, c, view.year_or_none, lang) for c in CLASSES_T
            ],
        }
    )


def _pay_tables(pay: pd.DataFrame, labels: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What each class pays: totals by class, by zone, and the payers."""
    by_class = plain(yearly.surcharge_totals(pay, by=CLASS_COL).reset_index()).rename(columns=labels)
    by_zone = yearly.surcharge_totals(pay, by=ZONE_COL) if ZONE_COL in pay.columns else pd.DataFrame()
    payers = pay[pay["total_wan_yuan"] > 0].sort_values("total_wan_yuan", ascending=False)
    first = [
        c for c in (ID_COL, "name", ZONE_COL, "industry", CLASS_COL, "total_wan_yuan") if c in payers.columns
    ]
    payers = payers[[*first, *[c for c in payers.columns if c not in first]]]
    return (
        by_class,
        plain(by_zone.reset_index()).rename(columns=labels),
        plain(payers).rename(columns=labels),
    )


def pay_tab(view: PageView) -> None:
    """The payments tab's contents."""
    lang, scope_key, config = view.lang, view.scope_key, view.config
    st.subheader(t("eff.pay", lang))

    def surcharges() -> tuple[pd.DataFrame, list[str]]:
        every, notes = yearly.surcharges(
            view.enterprises,
            config,
            year=view.year_or_none,
            consumption=year_tables(view.sources.ents_src)[view.year],
            lang=lang,
        )
        return every[view.mask.to_numpy()], notes

    pay, pay_notes = shared(("eff.pay", *scope_key, lang), surcharges)
    pay_labels = {**table_labels(lang), **yearly.surcharge_labels(config, lang)}
    st.dataframe(_policy(view), hide_index=True, width="stretch", key="eff_policy")
    for note in pay_notes:
        st.caption(note)
    st.markdown(f"**{t('eff.pay.by_class', lang)}**")
    pay_by_class, pay_by_zone, pay_table = shared(
        ("eff.pay_tables", *scope_key, lang), lambda: _pay_tables(pay, pay_labels)
    )
    small_table(pay_by_class, lang, hide_index=True, width="stretch", key="eff_pay_class")
    st.markdown(f"**{t('eff.pay.by_zone', lang)}**")
    small_table(pay_by_zone, lang, hide_index=True, width="stretch", key="eff_pay_zone")
    st.markdown(f"**{t('eff.pay.payers', lang).format(n=len(pay_table))}**")
    if view.firms and not len(pay_table):
        st.info(t("eff.list.none_payers", lang))
    elif view.firms:
        list_table(("eff.pay_tables", *scope_key, lang), pay_table, lang, key="eff_payers", height=260)
        pay_name = f"{file_stem(view)}_{t('eff.file.pay', lang)}.csv"
        csv_button(view, st, t("eff.pay.download", lang), pay_table, pay_name, "eff_pay_csv")
    else:
        firms_hidden_note(lang)
