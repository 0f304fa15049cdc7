"""用地强度 on the whole-city map (layers/city_view.py drawn by zoom): at city zoom each grid cell
coloured by its parcels' share below the control minimum or their mean 容积率
(geo/city_intensity.py), zoomed in (15+) the parcels of the view coloured by 容积率 class with red
outlines where below a minimum, fetched from serve.py's view endpoint (``style=intensity``) by the
roles that may see enterprise rows. The page sends the cells only, whatever the number of parcels.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.messages import Lang, t
from geo.spatial.classify import Classes
from layers.base import LegendEntry
from layers.city_view import MARK_COLOR, CityViewLayer
from layers.intensity import NO_DATA_COLOR, ramp
from layers.parcels import IDLE_COLOR, PARCEL_RAMP

MEASURES = ("below_pct", "far_mean")  # what colours a cell (geo.city_intensity.intensity_cells)
BELOW_RAMP = ("#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15", "#67000d")  # Reds
PARCEL_STYLE = "intensity"


def measure_ramp(measure: str, k: int) -> tuple[str, ...]:
    """The cells' colours for ``measure``: reds for the share below (more is worse), the parcels'
    容积率 ramp for the mean 容积率."""
    return ramp(BELOW_RAMP if measure == "below_pct" else PARCEL_RAMP, k)


def parcel_colors(far: np.ndarray, idle: np.ndarray, classes: Classes) -> np.ndarray:
    """Each parcel's fill: its 容积率 class on the parcels' ramp, orange when idle, grey without one."""
    idx = classes.classify(np.asarray(far, dtype="float64"))
    palette = np.array(ramp(PARCEL_RAMP, len(classes.bins)))
    colored = np.where(idx >= 0, palette[np.maximum(idx, 0)], NO_DATA_COLOR)
    return np.where(np.asarray(idle, dtype=bool), IDLE_COLOR, colored)


@dataclass(frozen=True)
class CityIntensityLayer(CityViewLayer):
    """Cells of :func:`geo.city_intensity.intensity_cells` coloured by the class of ``measure``."""

    measure: str = "below_pct"
    classes: Classes | None = None

    def cell_colors(self, gdf: gpd.GeoDataFrame | pd.DataFrame) -> tuple[np.ndarray, list[str]]:
        values = gdf[self.measure].to_numpy(dtype="float64")
        if self.classes is None:
            return np.zeros(len(values), dtype=np.int64), [NO_DATA_COLOR]
        palette = list(measure_ramp(self.measure, len(self.classes.bins)))
        idx = self.classes.classify(values)
        return np.where(idx >= 0, idx, len(palette)), [*palette, NO_DATA_COLOR]

    def legend(self, gdf: gpd.GeoDataFrame | pd.DataFrame, lang: Lang) -> list[LegendEntry]:
        rows = [LegendEntry(t(f"city.int.{self.measure}", lang), NO_DATA_COLOR, "fill", 0.0)]
        if self.classes is not None:
            unit = "%" if self.measure == "below_pct" else ""
            colors = measure_ramp(self.measure, len(self.classes.bins))
            labels = self.classes.labels(unit, decimals=1 if unit else 2)
            rows += [
                LegendEntry(lab.rstrip(), c, "fill", 0.65) for lab, c in zip(labels, colors, strict=True)
            ]
        rows.append(LegendEntry(t("layer.no_data", lang), NO_DATA_COLOR, "fill", 0.65))
        rows.append(LegendEntry(t("city.int.zoom_note", lang), MARK_COLOR, "line", 1.0))
        return rows


def city_intensity_layer(
    *, data_key: str, cell_deg: float, scope: str, measure: str, classes: Classes | None
) -> CityIntensityLayer:
    """The city's intensity layer for one data set and scope; ``classes`` are the breaks of
    ``measure`` over the scope's cells (None when no cell has a value)."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    groups = tuple(
        (col, t(key, "zh"), t(key, "en"))
        for col, key in (
            ("n_below", "city.int.n_below"),
            ("below_pct", "city.int.below_pct"),
            ("far_mean", "city.int.far_mean"),
        )
    )
    return CityIntensityLayer(
        name="city_intensity",
        source="city_parcels",
        title_zh=t("city.int.layer", "zh"),
        title_en=t("city.int.layer", "en"),
        group="宗地",
        kind="polygon",
        color=BELOW_RAMP[-2],
        cell_deg=cell_deg,
        data_key=data_key,
        scope=scope,
        group_labels=groups,
        points=False,
        parcel_style=PARCEL_STYLE,
        count_key="city.int.cell_count",
        measure=measure,
        classes=classes,
    )


__all__ = [
    "BELOW_RAMP",
    "MEASURES",
    "PARCEL_STYLE",
    "CityIntensityLayer",
    "city_intensity_layer",
    "measure_ramp",
    "parcel_colors",
]
