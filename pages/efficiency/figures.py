"""The scope's figures under the map: scored enterprises, each class with its change since last
year, the D-class land, tax per mu, and the evaluation's notes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.evaluation import CLASS_COL, CLASSES
from geo.evaluation.metrics import ZONE_COL, named_firms
from geo.evaluation.notes import notes_in_scope
from geo.evaluation.rules import SIZE_GROUPS
from geo.evaluation.summary import NO_ENTERPRISES
from geo.exports.blanks import town_says_more
from geo.messages import message, t
from pages.common.auth import figures_shown
from pages.common.cache import shared
from pages.efficiency.display import markdown_text
from pages.efficiency.scope import mask_of
from pages.efficiency.sources import zones_title
from pages.efficiency.tables import count_delta, table_labels, year_label
from pages.efficiency.view import PageView


def _previous_counts(view: PageView) -> pd.Series | None:
    """Last year's scored enterprises per class in the same scope (None: no last year)."""
    previous = view.previous
    if previous is None or "scored" not in previous.columns or ZONE_COL not in previous.columns:
        return None

    def counts() -> pd.Series:
        prev_scope = previous[mask_of(previous, *view.chosen)]
        return prev_scope.loc[prev_scope["scored"].astype(bool), CLASS_COL].astype(object).value_counts()

    return shared(("eff.prev_counts", *view.scope_key), counts)


def outside_names(enterprises: pd.DataFrame, ids: list, lang: str, *, firms: bool) -> list[str]:
    """The firms outside every zone as the note names them: 「name（id）」 for a role that may see
    enterprises, else the ids; a name drawn as itself (it is the user's text, read as markdown by the
    note: a name may neither format, link nor load an image)."""
    if not firms:
        return list(map(str, ids))
    return [markdown_text(n) for n in named_firms(enterprises, ids, lang)]


def outside_note(view: PageView) -> str:
    """The enterprises in none of the zones, said in the zone layer's words: the demo's 区镇, or the
    chosen layer by its title (parks are not 区镇); where the rows state a town, where to read it."""
    lang, assignment = view.lang, view.run.assignment
    n = assignment.n_outside
    shown = list(assignment.outside_ids[:10])
    named = outside_names(view.enterprises, shown, lang, firms=view.firms)
    ids = ("、" if lang == "zh" else ", ").join(named)
    ids += ("……" if lang == "zh" else " …") if n > 10 else ""
    title = zones_title(view.sources.zones_src, lang)
    text = (  # message(): "1 enterprise lies", not "1 enterprises lie" (walk 17 item 8)
        message("eff.outside_zones", lang, n=n, zones=title, ids=ids)
        if title
        else message("eff.outside", lang, n=n, ids=ids)
    )
    if town_says_more(view.enterprises):
        text += t("eff.outside_town", lang).format(column=table_labels(lang)["town"])
    return text


def scope_figures(view: PageView) -> None:
    """The scope's heading, what it is compared with, its metrics and the evaluation's notes."""
    lang, scored = view.lang, view.scored
    counts = scored[CLASS_COL].value_counts().reindex(list(CLASSES), fill_value=0)
    prev_counts = _previous_counts(view)
    d_land = scored.loc[scored[CLASS_COL] == "D", "land_mu"].sum()
    land = scored["land_mu"].sum()
    shown = figures_shown(len(scored))
    tax_per_mu = scored["tax_wan_yuan"].sum() / land if land > 0 and shown else float("nan")
    st.subheader(t("eff.scope", lang))
    if view.previous is not None:
        prev_name = (
            year_label(view.prev_year, lang) if view.prev_year is not None else t("eff.cmp.prev_import", lang)
        )
        key = "eff.cmp.published" if view.evaluated.published else "eff.cmp.reevaluated"
        st.info(t(key, lang).format(prev=prev_name, year=year_label(view.year, lang)))
    else:
        st.caption(t("eff.cmp.none", lang))
    # Two rows: at 1280 px seven metrics in one row cut their values ("9,444.…"), and a third of the
    # row cut "21.23 10k yuan/mu" in English.
    metric_cols = [*st.columns(5), *st.columns(2)]
    metric_cols[0].metric(t("eff.metric.scored", lang), f"{len(scored):,}")
    for col, c in zip(metric_cols[1:5], CLASSES, strict=True):
        delta = None if prev_counts is None else int(counts[c]) - int(prev_counts.get(c, 0))
        col.metric(
            t("eff.metric.class", lang).format(c=c),
            f"{int(counts[c]):,}",
            **count_delta(delta, worse_up=c in ("C", "D")),
            help=None if delta is None else t("eff.metric.delta_help", lang),
        )
    # Units go with the values: the narrow metric labels would cut them off. Land to two decimals,
    # as the tables under it and the CLI write it (walk17: 86.9 here beside 86.95 there).
    metric_cols[5].metric(t("eff.metric.d_land", lang), f"{d_land:,.2f} {t('unit.mu', lang)}")
    metric_cols[6].metric(
        t("eff.metric.tax_per_mu", lang),
        f"{tax_per_mu:,.2f} {t('unit.wan_yuan_per_mu', lang)}"
        if tax_per_mu == tax_per_mu
        else t("eff.not_computable", lang),
        help=t("eff.metric.tax_per_mu_help", lang),
    )
    assignment, result = view.run.assignment, view.result
    notes = [*assignment.notes_en, *result.notes_en] if lang == "en" else [*assignment.notes, *result.notes]
    # a size group the scope has none of: one line saying so, not its missing inputs (walk 14 item 8)
    whole, scope = view.dropped_why, view.scope_why
    empty = [g for g in SIZE_GROUPS if (g, NO_ENTERPRISES) in scope and (g, NO_ENTERPRISES) not in whole]
    notes = notes_in_scope(notes, empty, lang)
    if assignment.n_outside:
        notes.append(outside_note(view))
    for note in notes:
        st.info(note)
