"""Enterprises counted per 区镇: what a session whose role sees no enterprise rows gets in place of
the enterprise points (``geo.access``) — a choropleth of how many enterprises each zone holds."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.exports.sheets import fitting_name
from geo.messages import Lang, t
from layers.base import Field, Layer, LegendEntry

COUNT_RAMP = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")  # ColorBrewer Oranges
EMPTY_COLOR = "#f0f0f0"
CLASSES = ("A", "B", "C", "D")
# The counts come from the enterprise records: the legend shows their accuracy.
PROVENANCE = "enterprises"


def count_frame(
    towns: gpd.GeoDataFrame,
    enterprises: pd.DataFrame,
    *,
    column: str = "town",
    classes: str | None = None,
) -> gpd.GeoDataFrame:
    """The 区镇 with how many of ``enterprises`` each holds (by their ``column``, a 区镇 name).

    Returns a new frame: ``name``, ``n_enterprises`` and, when ``enterprises`` has ``above_scale``,
    ``n_above_scale`` (0 for a zone with none); with ``classes`` (a column of A/B/C/D classes) also
    ``n_A`` … ``n_D``. Enterprises naming no 区镇 of ``towns`` are not counted.
    """
    if "name" not in towns.columns or column not in enterprises.columns:
        raise ValueError(f"towns need a name column and enterprises a {column!r} column")
    out = towns[["name", towns.geometry.name]].copy()
    counts = enterprises.groupby(column).size()
    out["n_enterprises"] = out["name"].map(counts).fillna(0).astype(int).to_numpy()
    if "above_scale" in enterprises.columns:
        above = enterprises.groupby(column)["above_scale"].sum()
        out["n_above_scale"] = out["name"].map(above).fillna(0).astype(int).to_numpy()
    if classes is not None:
        for c in CLASSES:
            per = enterprises[enterprises[classes] == c].groupby(column).size()
            out[f"n_{c}"] = out["name"].map(per).fillna(0).astype(int).to_numpy()
    return out


def _breaks(counts: np.ndarray) -> np.ndarray:
    """Upper bounds of up to five equal-width classes from 1 to the largest count."""
    top = int(counts.max()) if len(counts) else 0
    if top <= 0:
        return np.array([0])
    return np.unique(np.ceil(np.linspace(0, top, len(COUNT_RAMP) + 1)[1:]).astype(int))


def for_counts(frame: gpd.GeoDataFrame, *, what_zh: str, what_en: str) -> Layer:
    """The choropleth of ``frame`` (from :func:`count_frame`), titled with what was counted."""
    counts = frame["n_enterprises"].to_numpy()
    breaks = _breaks(counts)
    colors = np.array(COUNT_RAMP[-len(breaks) :])

    def color_by(f: gpd.GeoDataFrame) -> np.ndarray:
        n = f["n_enterprises"].to_numpy()
        idx = np.minimum(np.searchsorted(breaks, n), len(breaks) - 1)
        return np.where(n > 0, colors[idx], EMPTY_COLOR)

    def legend(_f: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        rows, low = [], 1
        for upper, color in zip(breaks, colors, strict=True):
            if upper >= low:
                rows.append(
                    LegendEntry(t("layer.count_range", lang).format(low=low, high=upper), color, "fill", 0.45)
                )
            low = upper + 1
        rows.append(LegendEntry(t("layer.count_none", lang), EMPTY_COLOR, "fill", 0.7))
        return rows

    # "High-end textiles enterprises per town", "Enterprises per town" (nothing named)
    what = what_en.strip()
    title_en = f"{what} enterprises per town (aggregated)" if what else LAYER.title_en
    fields = [
        Field("name", "区镇", "Town/zone", names="place"),
        Field("n_enterprises", "企业数（家）", "Enterprises"),
    ]
    if "n_above_scale" in frame.columns:
        fields.append(Field("n_above_scale", "其中规上（家）", "Of which above scale"))
    fields += [Field(f"n_{c}", f"{c} 类（家）", f"Class {c}") for c in CLASSES if f"n_{c}" in frame.columns]
    return replace(
        LAYER,
        title_zh=f"{what_zh}企业数（按区镇汇总）",
        title_en=title_en,
        sheet_en=fitting_name(title_en, t("layer.sheet.counts", "en")),
        tooltip_fields=tuple(fields),
        color_by=color_by,
        legend_entries=legend,
    )


LAYER = Layer(
    name="enterprise_counts",
    source="wujiang_towns",  # the zones drawn; the counts come from PROVENANCE
    title_zh="企业数（按区镇汇总）",
    title_en="Enterprises per town (aggregated)",
    group="企业",
    kind="polygon",
    color=COUNT_RAMP[2],
    fill_opacity=0.45,  # the 区镇 roles below it still show through
    weight=1.0,
)
