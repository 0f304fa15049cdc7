"""The enterprise's own years (企业画像): opened by a click on the map, a row picked in the ranking,
or an id typed; with each value's department file (数据归集)."""

from __future__ import annotations

import streamlit as st

from geo import yearly
from geo.errors import DataValidationError
from geo.evaluation.metrics import ID_COL
from geo.messages import t
from geo.yearly import YEAR_COL
from pages.common.frame import show_error
from pages.common.maps import clicked_properties
from pages.efficiency.display import markdown_text, number_config
from pages.efficiency.groups import profile_sources_and_land
from pages.efficiency.map import DrawnMap
from pages.efficiency.ranking import PROFILE_ANCHOR, Ranking
from pages.efficiency.tables import profile_heading, profile_table, table_labels
from pages.efficiency.view import PageView


def _chosen_id(view: PageView, drawn: DrawnMap, ranked: Ranking) -> None:
    """A new click on the map or a new row picked in the ranking becomes the profile's id."""
    clicked = clicked_properties(drawn.out).get(ID_COL)
    picked = ranked.picked
    rows = (picked.selection.rows if picked is not None and hasattr(picked, "selection") else []) or []
    selected = str(ranked.table.iloc[rows[0]][table_labels(view.lang)[ID_COL]]) if rows else None
    last = st.session_state.setdefault("eff_profile_seen", {"map": None, "table": None})
    if clicked and clicked != last["map"]:
        st.session_state["eff_profile_id"] = str(clicked)
    if selected and selected != last["table"]:
        st.session_state["eff_profile_id"] = selected
    last.update(map=clicked, table=selected)


def enterprise_profile(view: PageView, drawn: DrawnMap, ranked: Ranking) -> None:
    """The profile section (only for a role that sees enterprise rows)."""
    lang = view.lang
    _chosen_id(view, drawn, ranked)
    st.subheader(t("eff.profile", lang), anchor=PROFILE_ANCHOR)
    st.caption(t("eff.profile.help", lang))
    ent_id = st.text_input(t("eff.profile.id", lang), key="eff_profile_id").strip()
    if not ent_id:
        return
    try:
        profile = yearly.enterprise_profile(
            {y: r.enterprises for y, r in view.evaluated.results.items()},
            ent_id,
            warnings=view.warnings_all,
            lang=lang,
        )
    except DataValidationError as exc:
        show_error(exc)
        return
    st.text(profile_heading(profile, ent_id, lang))
    shown = profile_table(profile, lang)
    labels = table_labels(lang)
    warned = shown.pop(labels["warnings"]) if labels["warnings"] in shown.columns else None
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="eff_profile_table",
        column_config=number_config(shown),
    )
    if warned is not None and (warned.fillna("").astype(str) != "").any():
        # whole, wrapped to the page's width: a grid cell cut them at its width
        years = shown[labels[YEAR_COL]]
        st.markdown(
            f"**{markdown_text(labels['warnings'])}**\n\n"
            + "\n".join(
                "- "
                + t("eff.profile.warning_line", lang).format(
                    year=markdown_text(year), text=markdown_text(text)
                )
                for year, text in zip(years, warned.fillna(""), strict=True)
                if str(text)
            )
        )
    # 数据归集: each value's department file and rows; the land shared on a compound
    profile_sources_and_land(view.sources.ents_src, ent_id, view.result.enterprises, lang)
