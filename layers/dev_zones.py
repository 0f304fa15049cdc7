"""Development zones carrying Suzhou's six key industries (schematic circles, 苏州“十三五”工业规划 table)."""

from __future__ import annotations

from layers.base import Field, Layer, highlight_industry

COLOR = "#6a51a3"
HIGHLIGHT = "#d7301f"
MUTED = "#9e9e9e"


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
        Field("name", "开发区", "Zone", names="place"),
        Field("level", "级别", "Level", en_column="level_en"),
        Field("county", "所在板块", "District", names="place"),
        Field("industries", "承载重点产业", "Key industries carried", names="industries"),
        Field("area_km2", "示意面积（km²）", "Schematic area (km²)"),
    ),
)


def for_industry(industry: str | None) -> Layer:
    """The layer with the zones that carry ``industry`` highlighted (the plain layer for None)."""
    return highlight_industry(
        LAYER,
        industry,
        column="industries",
        on=HIGHLIGHT,
        off=MUTED,
        label_on="layer.carries",
        label_off="layer.other_zones",
        opacity_on=0.35,
        opacity_off=0.25,
    )
