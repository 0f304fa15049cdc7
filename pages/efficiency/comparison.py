"""The year-on-year comparison: class changes in the scope, the transition matrix, entrants and
leavers, and who moved up or down."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo import yearly
from geo.evaluation.metrics import ZONE_COL
from geo.messages import t
from pages.common.auth import firms_hidden_note
from pages.common.cache import shared
from pages.efficiency.display import LIST_ROWS_MAX, number_config, rows, small_table
from pages.efficiency.scope import mask_of
from pages.efficiency.tables import (
    CHANGE_COLUMNS,
    changes_table,
    matrix_view,
    table_labels,
    year_label,
)
from pages.efficiency.view import PageView


@dataclass(frozen=True)
class Changes:
    """The scope's class changes since last year, their matrix and the columns shown."""

    changes: pd.DataFrame
    matrix: pd.DataFrame
    columns: list[str]


def class_changes(view: PageView) -> Changes | None:
    """The changes since last year in the scope (None when there is no last year)."""
    previous = view.previous
    if previous is None:
        return None

    def in_scope() -> pd.DataFrame:
        every = yearly.class_changes(previous, view.enterprises)
        mask = (
            mask_of(every, *view.chosen) if ZONE_COL in every.columns else pd.Series(True, index=every.index)
        )
        return every[mask.to_numpy()]

    changes = shared(("eff.changes", *view.scope_key), in_scope)
    matrix = shared(("eff.matrix", *view.scope_key), lambda: yearly.transition_matrix(changes))
    moved_col = "moved_by" if view.lang == "zh" else "moved_by_en"
    cols = [moved_col if c == "moved_by" else c for c in CHANGE_COLUMNS if c in changes.columns]
    return Changes(changes, matrix, cols)


def comparison_tab(view: PageView, found: Changes) -> None:
    """The comparison tab's contents (drawn in the open tab)."""
    lang, scope_key = view.lang, view.scope_key
    changes, matrix, cols = found.changes, found.matrix, found.columns
    prev = year_label(view.prev_year, lang) if view.prev_year is not None else t("eff.cmp.prev_import", lang)
    st.subheader(t("eff.cmp.header", lang).format(prev=prev, year=year_label(view.year, lang)))
    st.caption(t("eff.cmp.help", lang))
    tab_n, tab_land = st.tabs([t("eff.cmp.counts", lang), t("eff.cmp.land", lang)])
    tab_n.dataframe(
        shared(("eff.matrix_n", *scope_key, lang), lambda: matrix_view(matrix, "n_enterprises", lang)),
        hide_index=True,
        width="stretch",
        key="eff_matrix",
    )
    with tab_land:
        small_table(
            shared(("eff.matrix_land", *scope_key, lang), lambda: matrix_view(matrix, "land_mu", lang)),
            lang,
            hide_index=True,
            width="stretch",
            key="eff_matrix_land",
        )
    entrants = int((changes["from_class"] == yearly.NEW).sum())
    leavers = int((changes["to_class"] == yearly.GONE).sum())
    st.caption(t("eff.cmp.flows", lang).format(new=entrants, gone=leavers))
    by_score = ["steps", "score_change"] if "score_change" in changes else ["steps"]
    up = changes[changes["steps"] > 0].sort_values(by_score, ascending=False)
    down = changes[changes["steps"] < 0].sort_values(by_score)
    tab_up, tab_down = st.tabs(
        [t("eff.cmp.up", lang).format(n=len(up)), t("eff.cmp.down", lang).format(n=len(down))]
    )
    if not view.firms:
        firms_hidden_note(lang)
        return
    labels = table_labels(lang)
    for tab, frame, key in ((tab_up, up, "eff_up"), (tab_down, down, "eff_down")):
        if not len(frame):  # a line, not a table of blank rows
            tab.info(t(f"eff.list.none_{key.removeprefix('eff_')}", lang))
            continue
        view_key = ("eff.moves", key, *scope_key, lang)
        shown = shared(view_key, lambda frame=frame: changes_table(frame, cols, lang))
        tab.dataframe(
            rows(view_key, shown, lang, most=LIST_ROWS_MAX),
            hide_index=True,
            width="stretch",
            height=300,
            key=key,
            column_config=number_config(frame[cols].rename(columns=labels)),
        )
