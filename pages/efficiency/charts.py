"""The 亩均效益评价 page's charts (pages/efficiency.py): built once per scope for all sessions.

Building an Altair chart and turning it into its Vega-Lite spec (with validation) costs about
0.1 CPU-second a chart, on every run of every session when done by ``st.line_chart`` or
``st.altair_chart``; here each spec is built once per key (``pages/common/cache.shared``, the key
naming the rules, sources, year and scope) and sent with ``st.vega_lite_chart``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from geo.evaluation import CLASSES, CLASSES_T, YEAR_COL
from geo.messages import Lang, t
from layers import efficiency_classes
from pages.common.cache import shared

try:  # the converter behind st.altair_chart
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as _altair_to_spec
except ImportError:  # pragma: no cover - another Streamlit version
    _altair_to_spec = None


# The height given is the plot's: the chart fits the page's width only, and its axes and the legend
# below come on top. (Streamlit's default, "fit", squeezes all of it into the height: the class mix
# per 区镇 got 110 px for 8 zones and Vega left out every other zone name.)
PLOT_HEIGHT = alt.AutoSizeParams(type="fit-x", contains="padding")


def show_chart(cache_key: tuple, build: Callable[[], alt.Chart]) -> None:
    """The chart ``build()`` makes, drawn as ``st.altair_chart`` draws it, its spec converted once
    per ``cache_key`` (+ data stamp) by Streamlit's own converter (the one ``st.altair_chart``
    calls: Streamlit's sizing and theme, data as Arrow). Drawing takes the datasets out of the
    spec it is given, so each run draws a copy."""
    if _altair_to_spec is None:  # a Streamlit without that converter: drawn, not cached
        st.altair_chart(build(), width="stretch")
        return
    spec = shared(("eff.chart", *cache_key), lambda: _altair_to_spec(build()))
    st.vega_lite_chart(spec=copy.deepcopy(spec), width="stretch")


def class_mix_chart(mix: pd.DataFrame, lang: Lang) -> alt.Chart:
    """Stacked horizontal bars of the class mix per zone: zone names in full on the y axis, the
    count axis titled, the class legend below the bars (where it has the chart's width)."""
    classes = [t(f"eff.class.{c}", lang) for c in CLASSES]
    data = mix.rename_axis("zone").reset_index().melt("zone", var_name="cls", value_name="n")
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(
                "zone:N", title=None, sort=list(mix.index), axis=alt.Axis(labelLimit=0, labelFontSize=12)
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
        .properties(height=max(240, 34 * len(mix)), autosize=PLOT_HEIGHT)
    )


def trend_chart(trend: pd.DataFrame, by: str, column: str, label: str, lang: Lang) -> alt.Chart:
    """One line per zone or industry (``by``) of ``column`` over the years, the series named in a
    legend below the lines (names in full)."""
    data = trend[[YEAR_COL, by, column]].rename(columns={YEAR_COL: "year", by: "series", column: "value"})
    data = data.assign(year=data["year"].astype(str), series=data["series"].astype(str))
    series = t(f"eff.dim.{by}", lang)
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=t("eff.trend.year_axis", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=label),
            color=alt.Color(
                "series:N", title=None, legend=alt.Legend(orient="bottom", columns=3, labelLimit=0)
            ),
            tooltip=[
                alt.Tooltip("year:O", title=t("eff.trend.year_axis", lang)),
                alt.Tooltip("series:N", title=series),
                alt.Tooltip("value:Q", title=label, format=",.2f"),
            ],
        )
        .properties(height=300, autosize=PLOT_HEIGHT)
    )


def class_years_chart(trend: pd.DataFrame, lang: Lang) -> alt.Chart:
    """Stacked bars of the enterprises per class (and unscored) per year."""
    mix = trend.groupby(YEAR_COL)[[f"n_{c}" for c in CLASSES_T]].sum()
    classes = [t(f"eff.class.{c}", lang) for c in CLASSES_T]
    mix.index = mix.index.astype(str)
    mix.columns = classes
    data = mix.rename_axis("year").reset_index().melt("year", var_name="cls", value_name="n")
    colors = [*[efficiency_classes.CLASS_COLORS[c] for c in CLASSES], efficiency_classes.UNSCORED_COLOR]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=t("eff.trend.year_axis", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("n:Q", title=t("eff.trend.mix_axis", lang), stack="zero"),
            color=alt.Color(
                "cls:N",
                title=None,
                sort=classes,
                scale=alt.Scale(domain=classes, range=colors),
                legend=alt.Legend(orient="bottom", columns=3, labelLimit=0, symbolType="square"),
            ),
            order=alt.Order("cls_order:Q"),
            tooltip=[
                alt.Tooltip("year:O", title=t("eff.trend.year_axis", lang)),
                alt.Tooltip("cls:N", title=t("eff.col.class", lang)),
                alt.Tooltip("n:Q", title=t("eff.trend.mix_axis", lang), format=","),
            ],
        )
        .transform_calculate(cls_order=f"indexof({classes!r}, datum.cls)")
        .properties(height=300, autosize=PLOT_HEIGHT)
    )
