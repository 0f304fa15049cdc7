"""Wujiang 区镇 coloured by their role (core / supporting) for one industry (吴江“十四五”工业规划
layout boxes)."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import DataValidationError
from geo.exports.sheets import fitting_name
from geo.messages import Lang, t
from geo.messages.names import industry_name
from layers.base import Field, Layer, LegendEntry

ROLES = ("core", "supporting", "none")
# Where the roles come from (transcribed from 吴江“十四五”工业规划); the legend shows this layer's accuracy.
PROVENANCE = "wujiang_clusters"
ROLE_COLORS = {"core": "#b2182b", "supporting": "#f4a582", "none": "#d9d9d9"}


def role_label(role: str, lang: Lang) -> str:
    """核心区镇 / 支撑区镇 / 未列入 in the UI language."""
    return t(f"layer.role.{role}", lang)


def cluster_frame(
    towns: gpd.GeoDataFrame, clusters: pd.DataFrame, industry: str, *, lang: Lang = "zh"
) -> gpd.GeoDataFrame:
    """A new frame of the 区镇 with the role each plays for ``industry``.

    Adds ``industry``, ``role`` (core / supporting / none), ``role_label`` and ``note`` (the plan's
    words; ``note_en``, their English rendering, where the table has it). Neither input is modified.

    Raises
    ------
    DataValidationError
        When ``industry`` is not in the cluster table.
    """
    if industry not in set(clusters["industry"]):
        known = "、".join(pd.unique(clusters["industry"]))
        raise DataValidationError(f"产业「{industry}」不在吴江产业布局表中", hint=f"可选：{known}")
    rows = clusters[clusters["industry"] == industry].set_index("town")
    out = towns[["name", "short_name", towns.geometry.name]].copy()
    out["industry"] = industry
    out["role"] = out["name"].map(rows["role"]).fillna("none").to_numpy()
    out["role_label"] = [role_label(r, lang) for r in out["role"]]
    out["note"] = out["name"].map(rows["note"]).fillna("").to_numpy()
    if "note_en" in rows.columns:  # the atlas's translation (data/transcribed.py), when the table has it
        out["note_en"] = out["name"].map(rows["note_en"]).fillna("").to_numpy()
    return out


def _colors(frame: gpd.GeoDataFrame) -> np.ndarray:
    roles = frame["role"] if "role" in frame.columns else ["none"] * len(frame)
    return np.array([ROLE_COLORS.get(r, ROLE_COLORS["none"]) for r in roles])


def _legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
    return [LegendEntry(role_label(r, lang), ROLE_COLORS[r], "fill", 0.6) for r in ROLES]


LAYER = Layer(
    name="wujiang_clusters",
    source="wujiang_towns",  # the zones drawn (schematic); the roles are from PROVENANCE
    title_zh="产业集群布局（核心 / 支撑区镇）",
    title_en="Industry clusters (core / supporting towns)",
    group="产业",
    kind="polygon",
    color="#b2182b",
    fill_opacity=0.6,
    weight=1.2,
    tooltip_fields=(
        Field("name", "区镇", "Town/zone", names="place"),
        Field("industry", "产业", "Industry", names="industry"),
        Field("role_label", "布局角色", "Role"),
        Field("note", "规划表述", "In the plan (translated by the atlas)", en_column="note_en"),
    ),
    # the role in words is the Role field; the data's key (core/supporting/none) only colours
    table_leaves_out=("role",),
    color_by=_colors,
    legend_entries=_legend,
)


def for_industry(industry: str) -> Layer:
    """The cluster layer titled with ``industry`` (its frame comes from :func:`cluster_frame`)."""
    title_en = f"{industry_name(industry, 'en')}: core / supporting towns"
    return replace(
        LAYER,
        title_zh=f"{industry}：核心 / 支撑区镇",
        title_en=title_en,
        sheet_en=fitting_name(title_en, t("layer.sheet.cluster", "en")),
    )
