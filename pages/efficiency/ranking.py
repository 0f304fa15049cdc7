"""The ranking: within which groups to rank, the enterprise table (a row picked opens its
profile) and the summary per group."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo.evaluation import CLASSES, SIZE_COL, rank_by, ranking_summary
from geo.evaluation.metrics import ID_COL, ZONE_COL
from geo.messages import Lang, t
from pages.common.auth import aggregates_for_role, firms_hidden_note
from pages.common.cache import shared
from pages.efficiency.display import markdown_text, number_config, rows, small_table
from pages.efficiency.fitting import fit_summary, table_height
from pages.efficiency.groups import group_lists
from pages.efficiency.scope import DIMENSIONS
from pages.efficiency.tables import (
    english_values,
    key_help,
    merged_options,
    plain,
    ranking_edge_px,
    ranking_table,
    screen_ranking,
    table_labels,
    ties_note,
    to_the_edges,
)
from pages.efficiency.view import PageView

# The enterprise profile's heading (pages/efficiency/profile.py): a row picked in the ranking says,
# next to the table, whose profile it opened and links down to it (walk10: it filled far below).
PROFILE_ANCHOR = "enterprise-profile"


def picked_line(table: pd.DataFrame, picked_rows: list[int], lang: Lang) -> str | None:
    """The line under the ranking when a row is picked: the enterprise's name and id, and a link
    to its profile below (markdown, the name escaped); None when no row is picked.

    Parameters
    ----------
    table
        The ranking as the downloads have it (:func:`pages.efficiency.tables.ranking_table`): its
        enterprise id and name columns under the page's headers.
    picked_rows
        The positions picked in the table on screen (its rows are ``table``'s, in order).
    lang
        The page's language.
    """
    labels = table_labels(lang)
    if not picked_rows or not 0 <= picked_rows[0] < len(table):
        return None
    row = table.iloc[picked_rows[0]]
    name = row.get(labels["name"], "")
    return t("eff.table.picked", lang).format(
        name=markdown_text("" if pd.isna(name) else name),
        ent_id=markdown_text(row[labels[ID_COL]]),
        anchor=PROFILE_ANCHOR,
    )


@dataclass(frozen=True)
class Ranking:
    """The ranking as shown: its table, the group summary, and what was picked in it."""

    dims: list[str]
    show_unscored: bool
    table: pd.DataFrame
    summary: pd.DataFrame
    picked: object | None  # st.dataframe's selection (None for a role that sees no rows)


def ranking(view: PageView) -> Ranking:
    """The ranking section: the rank-within selector, the unscored toggle, the table and the
    summary per group."""
    lang, scope, scope_key = view.lang, view.scope, view.scope_key
    st.subheader(t("eff.table.ranking", lang))
    c1, c2 = st.columns([3, 1])
    dims = c1.multiselect(
        t("eff.rank_by", lang),
        list(DIMENSIONS),
        format_func=lambda d: t(f"eff.dim.{d}", lang),
        key="eff_rank_by",
        placeholder=t("eff.rank_by.none", lang),
    )
    show_unscored = c2.toggle(t("eff.show_unscored", lang), value=False, key="eff_show_unscored")
    if len(view.scored) == 0:
        st.warning(t("eff.empty", lang))

    by = dims if SIZE_COL in dims else [SIZE_COL, *dims]

    def ranked() -> pd.DataFrame:
        out = rank_by(scope, by, tie_order=view.config.tie_order)
        return pd.concat([out, scope[~scope["scored"]]]) if show_unscored else out

    ranked_key = ("eff.ranked", *scope_key, tuple(dims), show_unscored)
    table_key = ("eff.table", *scope_key, tuple(dims), show_unscored, lang)
    # the downloads' table (full words) and the screen's (in English the 区镇 and the shortfalls by
    # their short names, one line each: the key columns read whole at 1280 px); the same rows
    table = shared(table_key, lambda: ranking_table(shared(ranked_key, ranked), lang, by=by))
    # The key columns read whole at 1280 px (wrapped when one line does not hold them); as tall as
    # its rows (header 38 px, a row 35 px or as its wrapped lines need), at most 420 px: a five-row
    # list drew ten empty rows under it. (a place's name on one line, or broken before its （…）: the
    # grid breaks a Chinese name anywhere, walk 15 item 10)
    shown, fitted = shared(
        ("eff.table.short", *table_key),
        lambda: screen_ranking(ranking_table(shared(ranked_key, ranked), lang, by=by, short=True)),
    )
    # no column cut at the edge, at 1280 or 1920: the next a sideways scroll away (walk 18 c1: "Class
    # mean…", walk20 a1); the rank in the selection, right after the key columns, whole beside them
    # where they make it room
    fitted = to_the_edges(shown, fitted, ranking_edge_px(len(shown)))
    picked = None
    if view.firms:
        row_px = fitted.row_px or 35
        picked = st.dataframe(
            rows(("eff.table.shown", *table_key), shown, lang),
            hide_index=True,
            width="stretch",
            height=table_height(len(shown), row_px),
            row_height=fitted.row_px,
            column_config=fitted.apply(merged_options(number_config(shown), key_help(shown, lang, by=by))),
            key="eff_table",
            placeholder="",
            on_select="rerun",
            selection_mode="single-row",
        )
        line = picked_line(table, list(getattr(getattr(picked, "selection", None), "rows", None) or []), lang)
        if line:
            st.markdown(line)
        st.caption(
            " ".join(
                (
                    ties_note(view.config.tie_order, lang),
                    t("eff.table.ranking_help", lang),
                    t("eff.table.size_note", lang),
                )
            )
        )
        result = view.result
        group_lists(  # issue 24
            scope,
            result.config,
            result.benchmarks,
            lang,
            used=result.weights,
            why=view.dropped_why,
            cache_key=scope_key,
        )
    else:
        firms_hidden_note(lang)

    summary_by = dims or [ZONE_COL]

    def group_summary() -> pd.DataFrame:
        out = plain(aggregates_for_role(ranking_summary(scope, summary_by)).reset_index())
        return (english_values(out) if lang == "en" else out).rename(columns=table_labels(lang))

    summary = shared(("eff.summary", *scope_key, tuple(summary_by), lang), group_summary)
    st.markdown(f"**{t('eff.table.groups', lang)}**")
    _summary_on_screen(summary_by, scope, scope_key, lang)
    return Ranking(dims, show_unscored, table, summary, picked)


# The group summary on screen: the groups, then what ranks them (亩均税收, the order) and the class
# mix, always; the mean score, the scored count (the class counts' sum), the enterprises, land and
# tax where they still fit at 1280 px (the downloads' 分组汇总 has every column).
SUMMARY_FIRST = ("tax_per_mu_wan_yuan", *(f"n_{c}" for c in CLASSES))
SUMMARY_OPTIONAL = ("mean_score", "n_scored", "n_enterprises", "land_mu", "tax_wan_yuan")


def _summary_on_screen(summary_by: list[str], scope: pd.DataFrame, scope_key: tuple, lang: Lang) -> None:
    """The group summary read whole at 1280 px in either language (walk8): the columns that fit
    (:func:`pages.efficiency.fitting.fit_summary`), the class counts headed short ("A 类", their
    meaning in the header's help), the 区镇 by their short English names; a caption names the
    columns left to the downloads."""
    labels = table_labels(lang)
    short = {labels[f"n_{c}"]: t("eff.groups.class", lang).format(c=c) for c in CLASSES}

    def screen() -> pd.DataFrame:
        out = plain(aggregates_for_role(ranking_summary(scope, summary_by)).reset_index())
        out = english_values(out, short=True) if lang == "en" else out
        return out.rename(columns=labels).rename(columns=short)

    shown = shared(("eff.summary.screen", *scope_key, tuple(summary_by), lang), screen)
    names = [short.get(labels.get(c, c), labels.get(c, c)) for c in (*summary_by, *SUMMARY_FIRST)]
    optional = [labels[c] for c in SUMMARY_OPTIONAL]
    optional = [c for c in optional if c in shown.columns]
    columns, fitted = fit_summary(shown, names, optional)
    helps = {
        name: {"help": t("eff.groups.class_help", lang).format(c=c)}
        for c, name in zip(CLASSES, short.values(), strict=True)
    }
    small_table(
        shown[columns],
        lang,
        hide_index=True,
        width="stretch",
        key="eff_groups",
        row_height=fitted.row_px,
        column_config=fitted.apply(helps),
    )
    left = [c for c in optional if c not in columns]
    if left:
        st.caption(
            t("eff.groups.in_downloads", lang).format(columns=("、" if lang == "zh" else ", ").join(left))
        )
