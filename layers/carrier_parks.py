"""Wujiang's industrial carriers named in the Wujiang plan (seed 003), as schematic points."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np

from geo.i18n import Lang, t
from layers.base import Field, Layer, LegendEntry
from layers.dev_zones import highlight_colors

COLOR = "#8c2d04"
HIGHLIGHT = "#d7301f"
MUTED = "#8d8d8d"

LAYER = Layer(
    name="carrier_parks",
    source="carrier_parks",
    title_zh="吴江产业载体（示意点位）",
    title_en="Wujiang carrier parks (schematic)",
    group="规划布局",
    kind="point",
    color=COLOR,
    radius=7.0,
    weight=1.5,
    fill_opacity=0.9,
    tooltip_fields=(
        Field("name", "载体", "Carrier"),
        Field("town", "所在区镇", "Town/zone"),
        Field("industries", "产业", "Industries"),
    ),
)


def for_industry(industry: str | None) -> Layer:
    """The layer with the carriers of ``industry`` highlighted (the plain layer for None)."""
    if not industry:
        return LAYER

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        return highlight_colors(frame, column="industries", industry=industry, on=HIGHLIGHT, off=MUTED)

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return [
            LegendEntry(t("layer.carriers_of", lang).format(industry=industry), HIGHLIGHT, "point"),
            LegendEntry(t("layer.other_carriers", lang), MUTED, "point"),
        ]

    return replace(LAYER, color_by=colors, legend_entries=legend)
