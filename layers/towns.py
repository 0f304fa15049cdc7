"""Wujiang's 8 区镇 management units (schematic zones)."""

from layers.base import Field, Layer

LAYER = Layer(
    name="wujiang_towns",
    source="wujiang_towns",
    title_zh="吴江区镇（示意范围）",
    title_en="Wujiang towns/zones (schematic)",
    group="行政区划",
    kind="polygon",
    color="#d9822b",
    fill_opacity=0.18,
    weight=1.2,
    tooltip_fields=(
        Field("name", "区镇", "Town/zone", names="place"),
        Field("area_km2", "示意面积（km²）", "Schematic area (km²)"),
    ),
)
