"""亩均效益评价's lists per group (规上, 规下, 租户 …: each ranked and classed on its own, issue 24
item 4) and, in the enterprise's profile, how its land was shared on a compound (item 5)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from geo.evaluation import EvaluationConfig
from geo.evaluation.grouped import GROUP_COL, NO_GROUP, group_counts
from geo.evaluation.metrics import ID_COL
from geo.messages import Lang, t
from geo.yearly.notice import Why, group_method_rows
from pages.common.cache import shared
from pages.data.collect_profile import show_sources
from pages.efficiency.display import markdown_text, number_config, rows
from pages.efficiency.fitting import Fitted, table_height
from pages.efficiency.tables import (
    SIZE_EN,
    key_help,
    merged_options,
    ranking_table,
    screen_ranking,
    to_the_edges,
)

GROUPS_KEPT = "eff_groups_kept"  # the loaded configuration's groups and land sharing (no widget holds them)


def keep_groups(raw: Mapping) -> None:
    """When a saved configuration is loaded into the editor: keep its ``groups`` and
    ``land_sharing``, which the editor's widgets do not hold (loading one without clears them)."""
    st.session_state[GROUPS_KEPT] = {k: raw[k] for k in ("groups", "land_sharing") if raw.get(k)}


def with_groups(raw: dict) -> dict:
    """The editor's configuration with the kept groups and land sharing laid over it."""
    return {**raw, **st.session_state.get(GROUPS_KEPT, {})}


def group_label(name: str, config: EvaluationConfig, lang: Lang) -> str:
    """A group's name in the page's language: a configured group's ``name_en``; without groups the
    size split's lists (规上, 规下, 规下 below the land minimum)."""
    if lang != "en":
        return str(name)
    for g in config.groups:
        if g.name == name:
            return g.name_en or g.name
    if name == NO_GROUP:
        return t("eff.groups.none_group", lang)
    small = t("eff.groups.small", "zh").format(mu=f"{config.below_scale_min_land_mu:g}")
    if name == small:
        return t("eff.groups.small", lang).format(mu=f"{config.below_scale_min_land_mu:g}")
    return SIZE_EN.get(str(name), str(name))


def _english_status(status: pd.Series, config: EvaluationConfig) -> pd.Series:
    """The statuses this feature writes, in English (the evaluation's own ones the table translates)."""
    out = status.astype(object).copy()
    for g in config.groups:
        listed = t("eff.groups.status.listed", "zh").format(group=g.name)
        out = out.where(out != listed, t("eff.groups.status.listed", "en").format(group=g.name_en))
    out = out.where(out != t("eff.groups.status.no_group", "zh"), t("eff.groups.status.no_group", "en"))
    prefix = t("eff.groups.status.host", "zh").split("「", 1)[0]
    hosted = out.astype(str).str.startswith(prefix)
    out[hosted] = [
        t("eff.groups.status.host", "en").format(host=s.split("「", 1)[-1].rstrip("」")) for s in out[hosted]
    ]
    return out


def group_table(rows: pd.DataFrame, config: EvaluationConfig, lang: Lang) -> pd.DataFrame:
    """One group's list as the screen shows it (``rows``: the group's evaluated enterprises): ranked as
    the ranking lists them, its key columns' short forms (:func:`pages.efficiency.tables.ranking_table`)
    and, on a compound, how each enterprise's land was shared."""
    ties = [c for c in config.tie_order if c in rows.columns]  # a tie listed as the ranking lists it
    ordered = rows.sort_values(
        ["scored", "rank", "score", *ties, ID_COL],
        ascending=[False, True, False, *[False] * len(ties), True],
        kind="stable",
        na_position="last",
    )
    if lang == "en":
        ordered = ordered.assign(status=_english_status(ordered["status"], config))
    # as the ranking shows it: in English the 区镇 and shortfalls by their short names (one line)
    # its rank is the evaluation's own (组内排名), as the ranking and the 公示 head it
    table = ranking_table(ordered, lang, short=True)
    if "land_role" in ordered.columns and (ordered["land_role"].astype(str) != "own").any():
        roles = ordered["land_role"].astype(object)
        table[t("eff.land.col.role", lang)] = [t(f"eff.land.role_value.{r}", lang) for r in roles]
        table[t("eff.land.col.host", lang)] = ordered["land_host_name"].astype(object).to_numpy()
        table[t("eff.land.col.share", lang)] = (ordered["land_share"] * 100).round(1).to_numpy()
    return table


def group_lists(
    evaluated: pd.DataFrame,
    config: EvaluationConfig,
    benchmarks: pd.DataFrame,
    lang: Lang,
    *,
    used: pd.DataFrame | None = None,
    why: Why | None = None,
    cache_key: tuple | None = None,
) -> None:
    """One tab per group that has enterprises: its method and weights (``used``: the effective
    ones too where an indicator had no data, ``why``: the inputs it lacked), then its ranked list.

    Only the open tab's list is drawn (the tabs rerun the page when another is opened): the lists
    hold every enterprise of the scope again, and sent at once they tripled what a load of the
    Wujiang page carried (8.8 MB). ``cache_key`` (the key ``evaluated`` was computed under): each
    list, its column fit and its Arrow table made once for all sessions."""
    if GROUP_COL not in evaluated.columns or evaluated.empty:
        return
    counts = group_counts(evaluated)
    st.subheader(t("eff.groups.header", lang))
    st.caption(t("eff.groups.help", lang))
    names = list(counts.index)
    tabs = st.tabs(
        [
            markdown_text(
                t("eff.groups.tab", lang).format(
                    name=group_label(n, config, lang), n=int(counts.loc[n, "n_enterprises"])
                )
            )
            for n in names
        ],
        key="eff_group_tabs",
        on_change="rerun",
    )
    for i, (tab, name) in enumerate(zip(tabs, names, strict=True)):
        with tab:
            for item, text in group_method_rows(config, str(name), benchmarks, lang, used=used, why=why):
                sep = "：" if lang == "zh" else ": "
                st.markdown(f"**{markdown_text(item)}**{sep}{markdown_text(text)}")
            if tab.open is False:
                continue

            def listed(name=name) -> tuple[pd.DataFrame, Fitted]:
                table = group_table(evaluated[evaluated[GROUP_COL].astype(object) == name], config, lang)
                # key columns read whole, a place's name on one line (or broken before its （…）); the
                # columns after them while each fits whole at 1280 and 1920 px (no row marker here:
                # walk20 a1, 「规模」 was cut to 「规」 at the edge)
                table, fitted = screen_ranking(table)
                return table, to_the_edges(table, fitted)

            key = None if cache_key is None else ("eff.group_list", *cache_key, str(name), lang)
            table, fitted = listed() if key is None else shared(key, listed)
            st.dataframe(
                table if key is None else rows(key, table, lang),
                hide_index=True,
                width="stretch",
                height=table_height(len(table), fitted.row_px),
                row_height=fitted.row_px,
                column_config=fitted.apply(merged_options(number_config(table), key_help(table, lang))),
                key=f"eff_group_table_{i}",
                placeholder="",  # a value not known (no 行业 imported) blank as in the ranking, never "None"
            )


def land_allocation(evaluated: pd.DataFrame, ent_id: str, lang: Lang) -> None:
    """The enterprise's share of a compound's land, when it is on one with others."""
    if "land_role" not in evaluated.columns:
        return
    rows = evaluated[evaluated[ID_COL].astype(str) == str(ent_id)]
    if rows.empty or str(rows["land_role"].iloc[0]) == "own":
        return
    row = rows.iloc[0]
    role = str(row["land_role"])
    host = row.get("land_host_name") or ""
    reported = row.get("land_reported_mu")
    st.markdown(f"**{t('eff.land.header', lang)}**")
    st.info(
        markdown_text(
            t("eff.land.text", lang).format(
                compound=row["compound_id"],
                compound_mu=float(row["compound_land_mu"]),
                role=t(f"eff.land.role.{role}", lang).format(host=host),
                rule=t(f"eff.land.rule.{row['land_rule']}", lang),
                share=float(row["land_share"]) * 100,
                mu=float(row["land_mu"]),
                reported=f"{float(reported):,.2f}" if pd.notna(reported) else t("eff.land.none", lang),
            )
        )
    )


def profile_sources_and_land(source: str, ent_id: str, evaluated: pd.DataFrame, lang: Lang) -> None:
    """Under the enterprise's profile: where its collected values came from (数据归集), then its
    share of a compound's land."""
    show_sources(source, ent_id, lang)
    land_allocation(evaluated, ent_id, lang)
