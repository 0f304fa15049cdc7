"""Trends over all years in the scope (亩均 tax and sales by zone or industry, the class mix per
year) and this year's class mix per zone."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import yearly
from geo.evaluation import CLASSES, class_mix
from geo.evaluation.metrics import ZONE_COL
from geo.messages import t
from pages.common.cache import shared
from pages.efficiency.charts import class_mix_chart, class_years_chart, show_chart, trend_chart
from pages.efficiency.scope import mask_of
from pages.efficiency.sources import UNDATED
from pages.efficiency.view import PageView


def _trends(view: PageView, dated: dict[int, pd.DataFrame]) -> None:
    lang, scope_key = view.lang, view.scope_key
    st.subheader(t("eff.trend", lang))
    by = st.radio(
        t("eff.trend.by", lang),
        [ZONE_COL, "industry"],
        format_func=lambda d: t(f"eff.dim.{d}", lang),
        key="eff_trend_by",
        horizontal=True,
    )

    def trend_of() -> pd.DataFrame:
        in_scope = {y: f[mask_of(f, *view.chosen).to_numpy()] for y, f in dated.items()}
        return yearly.trends(in_scope, by=by)

    trend = shared(("eff.trend", *scope_key, by), trend_of)
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


def trend_tab(view: PageView) -> None:
    """The trends (with two dated years or more), then the class mix per zone."""
    lang = view.lang
    dated = {y: r.enterprises for y, r in view.evaluated.results.items() if y != UNDATED}
    if len(dated) >= 2:
        _trends(view, dated)
    st.subheader(t("eff.chart.mix", lang))

    def mix_chart():
        mix = class_mix(view.scope, by=ZONE_COL)
        mix.index = mix.index.astype(str)
        mix.columns = [t(f"eff.class.{c}", lang) for c in CLASSES]
        return class_mix_chart(mix, lang)

    show_chart(("mix", *view.scope_key, lang), mix_chart)
