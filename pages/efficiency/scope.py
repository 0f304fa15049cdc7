"""Which year and which enterprises the page looks at: the year selector, the scope filters
(区镇, 行业, 规模) in the sidebar, the scope in words, and the row mask they give."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.evaluation import SIZE_ABOVE, SIZE_BELOW, SIZE_COL
from geo.evaluation.metrics import ZONE_COL
from geo.messages import Lang, t
from geo.messages.names import industry_name
from geo.place_names import own_place_name, place_label
from pages.common.frame import controls_slot, map_first_run, page_control
from pages.efficiency.config_editor import KEEP, keep, restore
from pages.efficiency.sources import UNDATED

DIMENSIONS = (ZONE_COL, "industry", SIZE_COL)


def choose_year(years: list[int], lang: Lang) -> int:
    """The year selector (in the sidebar once the map is drawn); the latest year at first, and the
    session's choice kept across visits."""
    kept = st.session_state.setdefault(KEEP, {})
    if kept.get("eff_year") not in years:
        kept["eff_year"] = years[-1]
    if st.session_state.get("eff_year") not in years:
        st.session_state["eff_year"] = kept["eff_year"]
    year = page_control(
        "eff_map",
        "eff_year",
        kept["eff_year"],
        lambda: st.selectbox(
            t("eff.year", lang),
            years[::-1],
            format_func=lambda y: t("eff.year.undated", lang) if y == UNDATED else str(y),
            key="eff_year",
        ),
    )
    keep(("eff_year",))
    return year


def scope_filters(frame: pd.DataFrame, zones: list[str], lang: Lang) -> tuple[tuple, dict]:
    """The scope widgets; returns what they chose (zones, industries, size: the arguments of
    :func:`mask_of`) and the filters in words."""
    for key, default in (("eff_towns", []), ("eff_industries", []), ("eff_size", "all")):
        restore(key, default)
    industries = sorted(frame["industry"].dropna().astype(str).unique())
    # Only a value that must change is written back: a write marks the widget "set by the script",
    # and the browser then takes this run's value over a pick the user made while the run was on
    # its way (a 行业 chosen right after a 区镇 was lost that way).
    for key, allowed in (("eff_towns", zones), ("eff_industries", industries)):
        kept_now = [v for v in st.session_state[key] if v in allowed]
        if kept_now != list(st.session_state[key]):
            st.session_state[key] = kept_now
    state = st.session_state
    if map_first_run("eff_map"):  # in the sidebar, once the map is drawn (pages/common/frame.page_control)
        chosen_zones, chosen_ind, size = state["eff_towns"], state["eff_industries"], state["eff_size"]
    else:
        with controls_slot():
            st.subheader(t("eff.scope", lang))
            # Nothing chosen already means all: no "select all" entry.
            chosen_zones = st.multiselect(
                t("eff.scope.towns", lang),
                zones,
                placeholder=t("eff.scope.all", lang),
                format_func=lambda v: place_label(v, lang, own=True),
                key="eff_towns",
                select_all=False,
            )
            chosen_ind = st.multiselect(
                t("eff.scope.industries", lang),
                industries,
                placeholder=t("eff.scope.all", lang),
                format_func=lambda v: industry_name(v, lang),
                key="eff_industries",
                select_all=False,
            )
            size = st.radio(
                t("eff.scope.size", lang),
                ["all", "above", "below"],
                format_func=lambda v: t(f"eff.size.{v}", lang),
                key="eff_size",
            )
    keep(("eff_towns", "eff_industries", "eff_size"))
    chosen = (list(chosen_zones), list(chosen_ind), size)
    return chosen, scope_words(chosen, lang)


def scope_words(chosen: tuple, lang: Lang) -> dict[str, list[str]]:
    """The scope ``(zones, industries, size)`` as :func:`geo.yearly.notice.filters_text` reads it, all in
    ``lang`` (industries and places by their English names in English; the 公示 workbook asks for
    Chinese)."""
    zones, industries, size = chosen
    return {
        t("eff.scope.towns", lang): [own_place_name(v, lang) for v in zones],
        t("eff.scope.industries", lang): [industry_name(v, lang) for v in industries],
        t("eff.scope.size", lang): [] if size == "all" else [t(f"eff.size.{size}", lang)],
    }


def mask_of(frame: pd.DataFrame, zones: list[str], industries: list[str], size: str) -> pd.Series:
    """The rows of ``frame`` in the scope (nothing chosen: all)."""
    mask = pd.Series(True, index=frame.index)
    if zones:
        mask &= frame[ZONE_COL].astype(object).isin(zones)
    if industries:
        mask &= frame["industry"].astype(object).isin(industries)
    if size != "all" and SIZE_COL in frame.columns:
        mask &= frame[SIZE_COL].astype(object) == (SIZE_ABOVE if size == "above" else SIZE_BELOW)
    return mask
