"""Land-use intensity (亩均) choropleth of the Wujiang 区镇, classed by geo.spatial.classify (mapclassify)."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import DataValidationError
from geo.evaluation.metrics import RATIOS_BY_KEY, assign_zones_by_column, zone_metrics
from geo.evaluation.ratios import UNIT_EN
from geo.exports.sheets import fitting_name
from geo.messages import Lang, t
from geo.spatial.classify import DEFAULT_K, SCHEMES, Classes, classify  # noqa: F401 (the page picks from these)
from layers.base import Field, Layer, LegendEntry

# Indicators offered on the map (keys of geo.evaluation.metrics.RATIOS), 亩均 first.
METRICS = (
    "tax_per_mu_wan_yuan",
    "sales_per_mu_wan_yuan",
    "value_added_per_mu_wan_yuan",
    "tax_per_kwh_yuan",
    "tax_per_tce_wan_yuan",
    "value_added_per_employee_wan_yuan",
)
# Sequential ramps (ColorBrewer): zones in purples, enterprise points red (low) -> green (high).
ZONE_RAMP = ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486")
POINT_RAMP = ("#d73027", "#f46d43", "#fdae61", "#fee08b", "#a6d96a", "#66bd63", "#1a9850")
NO_DATA_COLOR = "#bdbdbd"
# The values are computed from the (synthetic) enterprise records: the legend shows their accuracy.
PROVENANCE = "enterprises"


def metric_label(metric: str, lang: Lang, *, with_unit: bool = True) -> str:
    """``亩均税收（万元/亩）`` / ``Tax per mu (10k yuan/mu)``."""
    r = RATIOS_BY_KEY[metric]
    name = r.label_en if lang == "en" else r.label_zh
    if not with_unit:
        return name
    return f"{name} ({metric_unit(metric, lang)})" if lang == "en" else f"{name}（{r.unit_zh}）"


def metric_unit(metric: str, lang: Lang = "zh") -> str:
    """The unit of ``metric`` in ``lang`` (万元/亩, 10k yuan/mu)."""
    unit = RATIOS_BY_KEY[metric].unit_zh
    return UNIT_EN.get(unit, unit) if lang == "en" else unit


def ramp(palette: tuple[str, ...], k: int) -> tuple[str, ...]:
    """``k`` colours spread evenly over a palette."""
    if k <= 1:
        return (palette[-1],)
    idx = np.round(np.linspace(0, len(palette) - 1, k)).astype(int)
    return tuple(palette[i] for i in idx)


def zone_table(towns: gpd.GeoDataFrame, enterprises: pd.DataFrame) -> pd.DataFrame:
    """Per-区镇 totals and pooled ratios of ``enterprises`` (assigned by their ``town`` column).

    A thin call of geo.evaluation.metrics: each ratio is Σ numerator / Σ denominator over the zone's
    enterprises having both; a zone with no usable denominator gives NaN (无法计算).
    """
    return zone_metrics(enterprises, assign_zones_by_column(enterprises, towns["name"], column="town"))


def zone_intensity(
    towns: gpd.GeoDataFrame,
    table: pd.DataFrame,
    *,
    metric: str,
    scheme: str = "quantiles",
    k: int = DEFAULT_K,
) -> tuple[gpd.GeoDataFrame, Classes]:
    """The 区镇 with their ``metric`` from ``table`` (see :func:`zone_table`) and its class.

    Returns a new frame with ``value``, ``cls`` (-1 where 无法计算) and ``n_enterprises``, and the
    classes of the zone values.
    """
    if metric not in RATIOS_BY_KEY or metric not in table.columns:
        raise DataValidationError(f"未知的指标「{metric}」", hint=f"可选：{'、'.join(METRICS)}")
    out = towns[["name", "short_name", towns.geometry.name]].copy()
    out["value"] = out["name"].map(table[metric]).astype("float64").to_numpy()
    out["n_enterprises"] = out["name"].map(table["n_enterprises"]).fillna(0).astype(int).to_numpy()
    classes = classify(out["value"], scheme=scheme, k=k)
    out["cls"] = classes.classify(out["value"].to_numpy())
    return out, classes


def _class_colors(values: np.ndarray, classes: Classes, palette: tuple[str, ...]) -> np.ndarray:
    colors = np.array(ramp(palette, len(classes.bins)))
    idx = classes.classify(values)
    return np.where(idx >= 0, colors[np.maximum(idx, 0)], NO_DATA_COLOR)


def class_legend(
    classes: Classes,
    metric: str,
    palette: tuple[str, ...],
    kind: str,
    lang: Lang,
    *,
    unit: str | None = None,
) -> list[LegendEntry]:
    """One legend row per class with its range and unit (and one for 无法计算).

    ``unit`` overrides the unit of a ``geo.evaluation.metrics`` ratio (for indicators that are not one).
    """
    colors = ramp(palette, len(classes.bins))
    decimals = 2 if max(abs(classes.lower), abs(classes.bins[-1])) < 10 else 1
    shown_unit = metric_unit(metric, lang) if unit is None else unit
    rows = [
        LegendEntry(label.rstrip(), color, kind, 0.75)
        for label, color in zip(classes.labels(shown_unit, decimals=decimals), colors, strict=True)
    ]
    rows.append(LegendEntry(t("layer.no_data", lang), NO_DATA_COLOR, kind, 0.5))
    return rows


LAYER = Layer(
    name="intensity",
    source="wujiang_towns",  # the zones drawn; the values come from PROVENANCE
    title_zh="用地强度（按区镇）",
    title_en="Land-use intensity by town",
    group="产业",
    kind="polygon",
    color=ZONE_RAMP[3],
    fill_opacity=0.7,
    weight=1.2,
    tooltip_fields=(
        Field("name", "区镇", "Town/zone", names="place"),
        Field("value", "亩均税收（万元/亩）", "Tax per mu (10k yuan/mu)"),
    ),
)


def for_metric(metric: str, classes: Classes) -> Layer:
    """The choropleth of ``metric`` in ``classes`` (frame from :func:`zone_intensity`)."""

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        return _class_colors(frame["value"].to_numpy(dtype="float64"), classes, ZONE_RAMP)

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return class_legend(classes, metric, ZONE_RAMP, "fill", lang)

    zh, en = metric_label(metric, "zh"), metric_label(metric, "en")
    return replace(
        LAYER,
        title_zh=f"{metric_label(metric, 'zh', with_unit=False)}（按区镇）",
        title_en=f"{metric_label(metric, 'en', with_unit=False)} by town",
        sheet_en=fitting_name(
            f"{metric_label(metric, 'en', with_unit=False)} by town", t("layer.sheet.towns_any", "en")
        ),
        tooltip_fields=(
            Field("name", "区镇", "Town/zone", names="place"),
            Field("value", zh, en),
            Field("n_enterprises", "企业数（家）", "Enterprises"),
        ),
        color_by=colors,
        legend_entries=legend,
    )
