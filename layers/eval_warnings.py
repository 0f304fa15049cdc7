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
from geo.messages import Lang, t
from layers.base import Field, LegendEntry
from layers.enterprises import LAYER as ENTERPRISES
from layers.enterprises import EnterpriseLayer

WARNING_COLOR = "#7b3294"


def _legend(frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
    return [LegendEntry(t("eff.warn.legend", lang).format(n=len(frame)), WARNING_COLOR, "point")]


LAYER: EnterpriseLayer = replace(
    ENTERPRISES,
    click_apart=False,  # the enterprise is what a click on this map is for, at every zoom
    name="eval_warnings",
    title_zh=t("eff.warn.layer", "zh"),
    title_en=t("eff.warn.layer", "en"),
    radius=4.5,
    tooltip_fields=(
        Field("name", "企业", "Enterprise"),
        Field("warning", "预警", "Warnings"),
        Field("reason", "预警依据", "Why"),
    ),
    color_by=lambda frame: pd.Series(WARNING_COLOR, index=frame.index).to_numpy(dtype=object),
    legend_entries=_legend,
)


def for_map(warnings: pd.DataFrame, evaluated: gpd.GeoDataFrame, lang: Lang = "zh") -> gpd.GeoDataFrame:
    """One located point per warned enterprise with its warnings and reasons joined by ；."""
    if warnings.empty:
        return gpd.GeoDataFrame(
            {ID_COL: [], "name": [], "industry": [], "warning": [], "reason": []},
            geometry=[],
            crs=evaluated.crs,
        )
    name_col = "warning" if lang == "zh" else "warning_en"
    per = warnings.groupby(ID_COL, sort=False).agg(
        warning=(name_col, lambda s: "；".join(map(str, s))),
        reason=("reason", lambda s: "；".join(map(str, s))),
    )
    located = evaluated[evaluated.geometry.notna() & ~evaluated.geometry.is_empty]
    base = located[[ID_COL, "name", "industry", located.geometry.name]].copy()
    base = base[base[ID_COL].astype(str).isin(per.index.astype(str))]
    base["warning"] = base[ID_COL].astype(str).map(per["warning"]).to_numpy()
    base["reason"] = base[ID_COL].astype(str).map(per["reason"]).to_numpy()
    base["name"] = base["name"].astype(object).where(base["name"].notna(), "")
    return base
