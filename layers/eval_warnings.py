"""Enterprises with an early warning (预警) this year, as larger purple points under the class points.

Draws the frame of ``geo.yearly.early_warnings`` joined to the evaluated enterprises' geometry
(one row per enterprise, its warnings joined in ``warning``) with the compact canvas points of
``layers.enterprises``.
"""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import pandas as pd

from geo.evaluation.metrics import ID_COL
from geo.messages import Lang, joined, t
from layers.base import Field, LegendEntry
from layers.efficiency_classes import ranking_field
from layers.enterprises import LAYER as ENTERPRISES
from layers.enterprises import EnterpriseLayer

WARNING_COLOR = "#7b3294"


# On screen a warned enterprise's point (radius 4.5 px) lies under its class point (2.5 px) and
# reads as a purple ring; the briefing PNG draws it as many times larger as well (one look).
RING_SCALE = 4.5 / 2.5


def _legend(frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
    label = t("eff.warn.legend", lang).format(n=len(frame))
    return [LegendEntry(label, WARNING_COLOR, "point", point_scale=RING_SCALE)]


LAYER: EnterpriseLayer = replace(
    ENTERPRISES,
    click_apart=False,  # the enterprise is what a click on this map is for, at every zoom
    name="eval_warnings",
    title_zh=t("eff.warn.layer", "zh"),
    title_en=t("eff.warn.layer", "en"),
    radius=4.5,  # the class points' 2.5 × RING_SCALE
    tooltip_fields=(
        # headed as the page's list of warnings heads them
        ranking_field("name", names="firm"),  # a synthetic demo firm "(synthetic)" in English
        Field("warning", t("eff.warn.col", "zh"), t("eff.warn.col", "en")),
        Field("reason", t("eff.warn.why", "zh"), t("eff.warn.why", "en")),
    ),
    color_by=lambda frame: pd.Series(WARNING_COLOR, index=frame.index).to_numpy(dtype=object),
    legend_entries=_legend,
)


def around(class_layer: EnterpriseLayer) -> EnterpriseLayer:
    """The warnings' layer with its points :data:`RING_SCALE` times ``class_layer``'s: a ring round
    the class points however large those are drawn (:func:`layers.efficiency_classes.readable`)."""
    return replace(LAYER, radius=class_layer.radius * RING_SCALE)


def for_map(warnings: pd.DataFrame, evaluated: gpd.GeoDataFrame, lang: Lang = "zh") -> gpd.GeoDataFrame:
    """One located point per warned enterprise with its warnings and their reasons in ``lang``,
    joined by ``lang``'s clause mark (；, or "; ")."""
    if warnings.empty:
        return gpd.GeoDataFrame(
            {ID_COL: [], "name": [], "industry": [], "warning": [], "reason": []},
            geometry=[],
            crs=evaluated.crs,
        )
    english = lang == "en" and "reason_en" in warnings.columns
    name_col, reason_col = ("warning_en", "reason_en") if english else ("warning", "reason")

    def join(s: pd.Series) -> str:
        return joined(s, lang, mark="clause")

    per = warnings.groupby(ID_COL, sort=False).agg(warning=(name_col, join), reason=(reason_col, join))
    located = evaluated[evaluated.geometry.notna() & ~evaluated.geometry.is_empty]
    base = located[[ID_COL, "name", "industry", located.geometry.name]].copy()
    base = base[base[ID_COL].astype(str).isin(per.index.astype(str))]
    base["warning"] = base[ID_COL].astype(str).map(per["warning"]).to_numpy()
    base["reason"] = base[ID_COL].astype(str).map(per["reason"]).to_numpy()
    base["name"] = base["name"].astype(object).where(base["name"].notna(), "")
    return base
