"""The 亩均效益评价 page's zones scored (区镇/园区评价): a card per zone (score, rank, class, their change
from last year, pooled 亩均 figures, its enterprises' class mix, D-class land), the ranked table of
all zones with CSV/XLSX downloads, and a map of the zones coloured by their class.

One call from pages/efficiency.py draws it all (:func:`show_zones_scored`); the computation is
geo/evaluation/zones.py, cached for all sessions here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from geo import access
from geo.batch import EvaluationRun
from geo.errors import DataValidationError
from geo.evaluation import CLASSES, T_CLASS
from geo.evaluation.metrics import ZONE_COL
from geo.evaluation.zones import (
    ZONE_CLASS_COL,
    ZoneScores,
    zone_labels,
    zone_rules,
    zones_for_viewers,
    zones_over_years,
)
from geo.exports.filenames import safe_filename
from geo.exports.zone_tables import zone_scores_bytes
from geo.messages import Lang, t
from geo.place_names import own_place_name, place_label
from layers import zone_classes
from layers.base import Provenance
from layers.mapview import WUJIANG_CENTER, MapLayer, render_map
from pages.common.auth import atlas_config, sees_firms
from pages.common.cache import shared
from pages.common.frame import settings, show_error
from pages.common.maps import show_map
from pages.efficiency.display import number_config
from pages.efficiency.tables import score_delta

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def zone_scores(
    runs: Mapping[int, EvaluationRun], year: int, prev_year: int | None, config_json: str
) -> ZoneScores:
    """The zones of ``year`` scored under the configuration's ``zones:`` rules (defaults of
    evaluation.yaml), with ``prev_year``'s beside them when that year was evaluated too."""
    rules = zone_rules(json.loads(config_json))
    run = runs[year]
    prev = runs.get(prev_year) if prev_year is not None else None
    return zones_over_years(
        run.result.enterprises,
        enterprises=run.enterprises,
        rules=rules,
        year=run.year,
        previous=prev.result.enterprises if prev is not None else None,
        previous_enterprises=prev.enterprises if prev is not None else None,
    )


def _number(value, digits: int = 2) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:,.{digits}f}"


def _with_unit(label: str, unit: str, lang: Lang) -> str:
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


def _unchanged(change) -> bool:
    """Whether a change is 0 or unknown (then its metric shows no arrow)."""
    return change is None or pd.isna(change) or change == 0


def _card(row: pd.Series, n_ranked: int, lang: Lang) -> None:
    """One zone's card: score, rank and class with their change, pooled figures, class mix, D land."""
    cls = row.get(ZONE_CLASS_COL)
    shown = cls is not None and not pd.isna(cls)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        t("zones.card.score", lang),
        _number(row.get("score")),
        **score_delta(row.get("score_change")),
    )
    rank = row.get("rank")
    c2.metric(
        t("zones.card.rank", lang),
        "—" if rank is None or pd.isna(rank) else f"{int(rank)} / {n_ranked}",
        delta=None if pd.isna(row.get("rank_change", pd.NA)) else f"{int(row['rank_change']):+d}",
        help=t("zones.card.rank_help", lang),
        delta_arrow="off" if _unchanged(row.get("rank_change")) else "auto",
    )
    prev = row.get("class_prev")
    c3.metric(
        t("zones.card.class", lang),
        str(cls) if shown else "—",
        delta=None
        if prev is None or pd.isna(prev) or not shown
        else t("zones.card.class_from", lang).format(prev=prev, steps=int(row["class_steps"])),
        delta_color="off",
        delta_arrow="off" if _unchanged(row.get("class_steps")) else "auto",
    )
    c4.metric(
        t("zones.card.d_land", lang),
        f"{_number(row.get('d_land_mu'), 1)} {t('unit.mu', lang)}",
        help=t("zones.card.d_land_help", lang),
    )
    d1, d2, d3 = st.columns(3)
    d1.metric(
        _with_unit(t("zones.card.tax_per_mu", lang), t("unit.wan_yuan_per_mu", lang), lang),
        _number(row.get("tax_per_mu_wan_yuan")),
    )
    d2.metric(
        _with_unit(t("zones.card.sales_per_mu", lang), t("unit.wan_yuan_per_mu", lang), lang),
        _number(row.get("sales_per_mu_wan_yuan")),
    )
    d3.metric(t("zones.card.pooled", lang), f"{int(row['n_pooled']):,} / {int(row['n_enterprises']):,}")
    mix = "　".join(f"{c} {int(row[f'n_{c}']):,}" for c in (*CLASSES, T_CLASS))
    st.caption(t("zones.card.mix", lang).format(mix=mix))


def show_zones_scored(
    runs_of: Callable[[str, str, str, tuple], Mapping[int, EvaluationRun]],
    stamp: tuple,
    year: int,
    config_json: str,
    sources: tuple[str, str],
    provenance: Provenance,
    lang: Lang,
) -> None:
    """The zones scored, drawn in the page's zones tab (see the module docstring).

    Viewers who see no enterprise rows (查看汇总) get the zones pooling at least ``[atlas]
    min_group_firms`` enterprises; the others' figures, score, rank and class are blanked.
    ``runs_of(config_json, *sources, stamp)`` gives every year's evaluation (the page's cached
    wrapper of geo.batch.run_evaluation); ``sources`` (the zones' and the enterprises' layers) key
    the results shared by all sessions with the configuration and the year. Last year is the
    latest dated year before ``year`` (0 is an undated table's).
    """
    runs = runs_of(config_json, *sources, stamp)
    earlier = [y for y in runs if 0 < y < year]
    prev_year = max(earlier) if earlier else None
    cache_key = (config_json, *sources, year)
    zones = runs[year].zones.reset_index()
    st.subheader(t("zones.header", lang))
    st.caption(t("zones.help", lang))
    try:
        scores = shared(
            ("eff.zones_scored", *cache_key), lambda: zone_scores(runs, year, prev_year, config_json)
        )
    except DataValidationError as exc:
        show_error(exc)
        return
    table = scores.table
    if not sees_firms():
        least = access.min_group_firms(atlas_config())
        table = zones_for_viewers(table, min_firms=least)
        st.caption(t("zones.viewers", lang).format(n=least))
    for note in scores.notes_en if lang == "en" else scores.notes:
        st.info(note)
    ranked = table.sort_values(["rank", "n_pooled"], ascending=[True, False], na_position="last")
    names = [str(z) for z in ranked.index]
    picked = st.selectbox(
        t("zones.pick", lang),
        names,
        format_func=lambda z: place_label(z, lang, own=True),
        key="eff_zone_card",
    )
    n_ranked = int(table["n_ranked"].max()) if len(table) else 0
    with st.container(border=True):
        st.markdown(f"**{place_label(picked, lang, own=True)}**")
        _card(ranked.loc[ranked.index.astype(str) == picked].iloc[0], n_ranked, lang)

    view = ranked.reset_index()
    view[ZONE_CLASS_COL] = view[ZONE_CLASS_COL].astype(object)
    if lang == "en" and "zone" in view.columns:
        view["zone"] = [own_place_name(z, lang) for z in view["zone"]]
    if "class_prev" in view.columns:
        view["class_prev"] = view["class_prev"].astype(object)
    first = ["zone", ZONE_CLASS_COL, "rank", "score", "score_change", "rank_change", "class_prev"]
    first = [c for c in first if c in view.columns]
    view = view[[*first, *[c for c in view.columns if c not in first]]].rename(columns=zone_labels(lang))
    st.dataframe(
        view, hide_index=True, width="stretch", column_config=number_config(view), key="eff_zones_scored"
    )

    # named as the page's other downloads: its title and year, then what the file holds (walk19)
    stem = safe_filename(f"{t('eff.header', lang)} {year or ''}".strip()) + f"_{t('zones.file', lang)}"
    shown = ZoneScores(**{**scores.__dict__, "table": table})
    method = _method_title(config_json, lang)
    c1, c2, _ = st.columns([1, 1, 2])
    for col, fmt, mime in ((c1, "csv", "text/csv"), (c2, "xlsx", XLSX_MIME)):
        col.download_button(
            t(f"zones.download.{fmt}", lang),
            data=lambda fmt=fmt: zone_scores_bytes(
                shown, fmt=fmt, provenance=provenance, lang=lang, method=method
            ),
            file_name=f"{stem}.{fmt}",
            mime=mime,
            key=f"eff_zones_{fmt}",
            on_click="ignore",
        )

    st.markdown(f"**{t('zones.map', lang)}**")
    s = settings()

    def _map():
        frame = zone_classes.for_map(zones, table, zone_id=ZONE_COL)
        return render_map(
            [MapLayer(zone_classes.LAYER, frame, provenance)],
            lang=lang,
            basemap=s.basemap,
            tianditu_key=s.tianditu_key,
            center=WUJIANG_CENTER,
            zoom=9,
            fit_to=zones,
        )

    show_map(
        _map, key="eff_zones_map", height=420, cache_key=("eff.zones_map", *cache_key, not sees_firms(), lang)
    )


def _method_title(config_json: str, lang: Lang) -> str:
    """The published method the configuration started from (its ``method:`` title), or ''."""
    about = json.loads(config_json).get("method") or {}
    return str((about.get("title_en") if lang == "en" else None) or about.get("title") or "")
