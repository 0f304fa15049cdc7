"""The two development axes of the Suzhou plan (seed 000, ch. 4 两轴三带), drawn schematically."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np

from geo.i18n import Lang, t
from layers.base import Field, Layer, LegendEntry
from layers.dev_zones import highlight_colors

COLOR = "#b2182b"
HIGHLIGHT = "#d7301f"
MUTED = "#bdbdbd"

LAYER = Layer(
    name="corridor_axes",
    source="corridor_axes",
    title_zh="两轴（示意走向）",
    title_en="Two axes (schematic)",
    group="规划布局",
    kind="line",
    color=COLOR,
    weight=6.0,
    tooltip_fields=(
        Field("name", "发展轴", "Axis"),
        Field("industries", "主导产业", "Leading industries"),
    ),
)


def for_industry(industry: str | None) -> Layer:
    """The axes where ``industry`` (a seed-000 key industry) is dominant highlighted, the rest grey."""
    if not industry:
        return LAYER

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        return highlight_colors(frame, column="key_industries", industry=industry, on=HIGHLIGHT, off=MUTED)

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return [
            LegendEntry(t("layer.axis_dominant", lang).format(industry=industry), HIGHLIGHT, "line"),
            LegendEntry(t("layer.axis_other", lang), MUTED, "line"),
        ]

    return replace(LAYER, color_by=colors, legend_entries=legend)
