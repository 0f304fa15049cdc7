"""The short tabs below the ranking: the D-class land, the early warnings, and the zones' own
figures (the comparison, trends and payments have their modules)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.evaluation import low_efficiency_land
from geo.evaluation.metrics import ID_COL, zone_metric_labels
from geo.messages import t
from geo.place_names import own_place_name
from pages.common.auth import firms_hidden_note
from pages.common.cache import shared
from pages.efficiency.display import LIST_ROWS_MAX, list_table, rows, small_table
from pages.efficiency.downloads import low_table, renewal_table, warnings_table
from pages.efficiency.fitting import Fitted
from pages.efficiency.sources import runs, stamp
from pages.efficiency.tables import key_help, ranking_table, screen_by_place, screen_ranking, to_the_edges
from pages.efficiency.view import PageView
from pages.efficiency.zones_scored import show_zones_scored


def low_on_screen(view: PageView) -> tuple[pd.DataFrame, Fitted]:
    """The D-class list as the screen draws it: the ranking's screen forms and widths (its key
    columns read whole, a park's long name shortened), the columns after them while each fits whole
    at 1280 and 1920 px (no row marker)."""
    shown, fitted = screen_ranking(ranking_table(low_efficiency_land(view.scope), view.lang, short=True))
    return shown, to_the_edges(shown, fitted)


def low_land_tab(view: PageView) -> None:
    """The D-class land per zone and the list of D-class enterprises."""
    lang = view.lang
    st.subheader(t("eff.low_land", lang))
    st.caption(t("eff.low_land.help", lang))
    renewal = renewal_table(view)
    if len(renewal):  # ending on a whole column, a park's long name shortened (walk21 b2)
        shown, fitted = shared(
            ("eff.renewal.screen", *view.scope_key, lang), lambda: screen_by_place(renewal)
        )
        small_table(
            shown, lang, hide_index=True, width="stretch", key="eff_renewal", column_config=fitted.apply({})
        )
    st.markdown(f"**{t('eff.low_land.list', lang)}**")
    if view.firms:
        low = low_table(view)
        if not len(low):  # a line, not a table of blank rows
            st.info(t("eff.list.none_d", lang))
            return
        # as the ranking draws it: its key columns read whole, ending on a whole column (walk21 b2)
        shown, fitted = shared(("eff.low.screen", *view.scope_key, lang), lambda: low_on_screen(view))
        list_table(
            ("eff.low.shown", *view.scope_key, lang),
            shown,
            lang,
            key="eff_low",
            height=300,
            placeholder="",
            fitted=fitted,
            column_config=key_help(shown, lang),
        )
    else:
        firms_hidden_note(lang)


def warnings_tab(view: PageView) -> None:
    """The scope's early warnings: how many, under which rules, and the list."""
    lang, warnings = view.lang, view.warnings
    st.subheader(t("eff.warn.header", lang).format(n=warnings[ID_COL].nunique() if len(warnings) else 0))
    rule_names = [r.name if lang == "zh" else (r.name_en or r.name) for r in view.config.warning_rules]
    st.caption(
        t("eff.warn.rules", lang).format(rules=("；" if lang == "zh" else "; ").join(rule_names) or "—")
    )
    if not len(warnings):
        st.caption(t("eff.warn.none", lang))
        return
    per_rule = warnings.groupby("warning" if lang == "zh" else "warning_en").size()
    colon = "：" if lang == "zh" else ": "
    st.caption(" · ".join(f"{name}{colon}{n:,}" for name, n in per_rule.items()))
    st.dataframe(
        rows(("eff.warn_view", *view.scope_key, lang), warnings_table(view), lang, most=LIST_ROWS_MAX),
        hide_index=True,
        width="stretch",
        height=260,
        key="eff_warnings",
    )


def zones_tab(view: PageView) -> None:
    """The zones' own figures (亩均 per 区镇)."""
    lang, src = view.lang, view.sources
    zones = view.run.zones
    zone_table = shared(  # the per-zone metrics
        ("eff.zone_table", view.evaluated.config_json, src.zones_src, src.ents_src, view.year),
        lambda: pd.DataFrame(zones.drop(columns=zones.geometry.name)),
    )
    st.subheader(t("eff.table.zones", lang))
    zone_view = zone_table.reset_index()
    if lang == "en":  # the zones by their English names (the first column holds them)
        first = zone_view.columns[0]
        zone_view = zone_view.assign(**{first: [own_place_name(v, lang) for v in zone_view[first]]})
    zone_view = zone_view.rename(columns=zone_metric_labels(lang))
    small_table(zone_view, lang, hide_index=True, width="stretch", key="eff_zones")
    show_zones_scored(  # each zone's card, rank and class (issue 24 item 6)
        runs,
        stamp(),
        view.year,
        view.evaluated.config_json,
        (src.zones_src, src.ents_src),
        view.provenance,
        lang,
    )
