"""The zones (区镇/园区) coloured by their own class of the zones' evaluation (geo/evaluation/zones.py)."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.evaluation import CLASSES
from geo.evaluation.metrics import ZONE_COL
from geo.evaluation.zones import ZONE_CLASS_COL, zone_labels
from geo.messages import Lang, t
from layers.base import Field, Layer, LegendEntry
from layers.efficiency_classes import CLASS_COLORS, UNSCORED_COLOR
from layers.towns import LAYER as TOWNS


def zone_class_colors(frame: gpd.GeoDataFrame) -> np.ndarray:
    """One colour per zone from its ``zone_class`` (grey: not scored, or blanked for the viewer)."""
    return (
        frame[ZONE_CLASS_COL].astype(object).map(CLASS_COLORS).fillna(UNSCORED_COLOR).to_numpy(dtype=object)
    )


def zone_class_legend(frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
    """Legend rows for the zone classes present (and 未评价 for zones without one)."""
    present = set(frame[ZONE_CLASS_COL].dropna().astype(str)) if len(frame) else set()
    rows = [
        LegendEntry(t("zones.class", lang).format(c=c), CLASS_COLORS[c], "fill", 0.55)
        for c in CLASSES
        if c in present
    ]
    if len(frame) and frame[ZONE_CLASS_COL].isna().any():
        rows.append(LegendEntry(t("zones.class.none", lang), UNSCORED_COLOR, "fill", 0.55))
    return rows


def _zone_field(column: str, *, names: str = "") -> Field:
    return Field(column, zone_labels("zh")[column], zone_labels("en")[column], names)


LAYER: Layer = replace(
    TOWNS,
    name="zone_classes",
    title_zh=t("zones.layer.title", "zh"),
    title_en=t("zones.layer.title", "en"),
    fill_opacity=0.55,
    tooltip_fields=(
        # headed as the page's table of zones heads them (geo.evaluation.zones.zone_labels)
        _zone_field(ZONE_COL, names="own_place"),  # a user's zones as written
        _zone_field(ZONE_CLASS_COL),
        _zone_field("rank"),
        _zone_field("score"),
        _zone_field("tax_per_mu_wan_yuan"),
        _zone_field("d_land_mu"),
    ),
    popup_fields=(),
    color_by=zone_class_colors,
    legend_entries=zone_class_legend,
)


def for_map(zones: gpd.GeoDataFrame, table: pd.DataFrame, *, zone_id: str) -> gpd.GeoDataFrame:
    """The zone polygons with their score, rank and class (a new frame; numbers rounded, a zone
    without a class left empty). ``table`` is indexed by zone (geo.evaluation.zones.ZoneScores.table)."""
    cols = [f.column for f in LAYER.tooltip_fields if f.column != ZONE_COL and f.column in table.columns]
    joined = table[cols].reindex(zones[zone_id].to_numpy())
    out = gpd.GeoDataFrame(
        {ZONE_COL: zones[zone_id].astype(str).to_numpy()}, geometry=zones.geometry.to_numpy(), crs=zones.crs
    )
    for col in cols:
        values = joined[col]
        if col == ZONE_CLASS_COL:
            out[col] = values.astype(object).where(values.notna(), None).to_numpy()
        else:
            out[col] = pd.to_numeric(values, errors="coerce").astype("float64").round(2).to_numpy()
    return out
