"""The two development axes of the Suzhou plan (苏州“十三五”工业规划, 第四章 两轴三带), drawn
schematically."""

from __future__ import annotations

from layers.base import Field, Layer, highlight_industry

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
        Field("name", "发展轴", "Axis", en_column="name_en"),
        Field("industries", "主导产业", "Leading industries", en_column="industries_en"),
    ),
)


def for_industry(industry: str | None) -> Layer:
    """The axes where ``industry`` (a seed-000 key industry) is dominant highlighted, the rest grey."""
    return highlight_industry(
        LAYER,
        industry,
        column="key_industries",
        on=HIGHLIGHT,
        off=MUTED,
        label_on="layer.axis_dominant",
        label_off="layer.axis_other",
        opacity_on=0.35,
        opacity_off=0.25,
    )
