"""The three development belts of the Suzhou plan (苏州“十三五”工业规划, 第四章 两轴三带), as
schematic bands."""

from __future__ import annotations

from layers.base import Field, Layer, highlight_industry

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
        Field("name", "发展带", "Belt", en_column="name_en"),
        Field("industries", "主导产业 / 功能", "Industries / role", en_column="industries_en"),
    ),
)


def for_industry(industry: str | None) -> Layer:
    """The belts where ``industry`` (a seed-000 key industry) is dominant highlighted, the rest grey."""
    return highlight_industry(
        LAYER,
        industry,
        column="key_industries",
        on=HIGHLIGHT,
        off=MUTED,
        label_on="layer.belt_dominant",
        label_off="layer.belt_other",
        opacity_on=0.35,
        opacity_off=0.3,
    )
