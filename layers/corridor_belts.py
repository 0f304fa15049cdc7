"""The three development belts of the Suzhou plan (seed 000, ch. 4 两轴三带), as schematic bands."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np

from geo.i18n import Lang, t
from layers.base import Field, Layer, LegendEntry
from layers.dev_zones import highlight_colors

COLOR = "#1b9e77"
HIGHLIGHT = "#fc8d59"
MUTED = "#a6a6a6"

LAYER = Layer(
    name="corridor_belts",
    source="corridor_belts",
    title_zh="三带（示意范围）",
    title_en="Three belts (schematic)",
    group="规划布局",
    kind="polygon",
    color=COLOR,
    fill_opacity=0.22,
    weight=1.0,
    tooltip_fields=(
        Field("name", "发展带", "Belt"),
        Field("industries", "主导产业 / 功能", "Industries / role"),
    ),
)


def for_industry(industry: str | None) -> Layer:
    """The belts where ``industry`` (a seed-000 key industry) is dominant highlighted, the rest grey."""
    if not industry:
        return LAYER

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        return highlight_colors(frame, column="key_industries", industry=industry, on=HIGHLIGHT, off=MUTED)

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return [
            LegendEntry(t("layer.belt_dominant", lang).format(industry=industry), HIGHLIGHT, "fill", 0.35),
            LegendEntry(t("layer.belt_other", lang), MUTED, "fill", 0.3),
        ]

    return replace(LAYER, color_by=colors, legend_entries=legend)
