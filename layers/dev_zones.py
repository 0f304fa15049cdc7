"""Development zones carrying Suzhou's six key industries (schematic circles, seed 000 table)."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import Lang, t
from layers.base import Field, Layer, LegendEntry

COLOR = "#6a51a3"
HIGHLIGHT = "#d7301f"
MUTED = "#9e9e9e"
SEPARATOR = "、"


def carries_industry(values: pd.Series, industry: str) -> np.ndarray:
    """Whether each ``、``-separated industry list names ``industry`` exactly (new boolean array)."""
    return np.array(
        [industry in str(v).split(SEPARATOR) if v is not None and v == v else False for v in values],
        dtype=bool,
    )


def highlight_colors(frame: pd.DataFrame, *, column: str, industry: str, on: str, off: str) -> np.ndarray:
    """``on`` where the row's ``column`` names ``industry``, else ``off``."""
    return np.where(carries_industry(frame[column], industry), on, off)


LAYER = Layer(
    name="dev_zones",
    source="dev_zones",
    title_zh="开发区（示意范围）",
    title_en="Development zones (schematic)",
    group="规划布局",
    kind="polygon",
    color=COLOR,
    fill_opacity=0.25,
    weight=1.5,
    tooltip_fields=(
        Field("name", "开发区", "Zone"),
        Field("level", "级别", "Level"),
        Field("county", "所在板块", "County"),
        Field("industries", "承载重点产业", "Key industries carried"),
        Field("area_km2", "示意面积（km²）", "Schematic area (km²)"),
    ),
)


def for_industry(industry: str | None) -> Layer:
    """The layer with the zones that carry ``industry`` highlighted (the plain layer for None)."""
    if not industry:
        return LAYER

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        return highlight_colors(frame, column="industries", industry=industry, on=HIGHLIGHT, off=MUTED)

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return [
            LegendEntry(t("layer.carries", lang).format(industry=industry), HIGHLIGHT, "fill", 0.35),
            LegendEntry(t("layer.other_zones", lang), MUTED, "fill", 0.25),
        ]

    return replace(LAYER, color_by=colors, legend_entries=legend)
