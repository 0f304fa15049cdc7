"""用地强度 at city scale: each parcel against its industry's control minimums, and what a map of
the whole city and its tables show of that without sending every parcel — per grid cell and per
district or development zone: parcels, land, the area-weighted mean 容积率 of the built ones and
how many of those lie below a control minimum.

The checks are those of :func:`geo.land.parcels.parcel_indicators` (same configuration,
``geo/land/land_control.yaml``), on plain arrays: at 130,000 parcels no join, no geometry.
Pure computation: the caller keeps the results once per data set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.city_view import grid_counts
from geo.errors import DataValidationError
from geo.land.parcels import LandControls, default_controls

CHECK_COLUMNS = ("industry", "far", "coverage_pct", "idle")
CELL_COLUMNS = ("lon", "lat", "area_mu", "far", "idle", "below_minimum")
TABLE_COLUMNS = ("area_mu", "far", "idle", "below_minimum")


def _need(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataValidationError.of(
            "city.intensity.missing", columns="、".join(missing), needed="、".join(columns)
        )


def below_minimum(parcels: pd.DataFrame, *, controls: LandControls | None = None) -> pd.DataFrame:
    """Each parcel's minimums and checks, by row of ``parcels`` (same index).

    ``parcels`` holds ``industry`` (an atlas industry, as ``controls.industry_category`` names
    them), ``far``, ``coverage_pct`` and ``idle``. Returns ``far_min`` (NaN for an unmapped
    industry: not checked), ``below_far``, ``below_coverage`` and ``below_minimum`` (either),
    true only for a built parcel whose value and minimum are both known, as
    :func:`geo.land.parcels.parcel_indicators` decides them.

    Raises
    ------
    DataValidationError
        When a column is missing.
    """
    _need(parcels, CHECK_COLUMNS)
    controls = controls or default_controls()
    by_industry = {i: controls.far_min(i) for i in pd.unique(parcels["industry"].dropna())}
    far_min = parcels["industry"].map(by_industry).astype("float64").to_numpy()
    far = pd.to_numeric(parcels["far"], errors="coerce").to_numpy(dtype="float64")
    cov = pd.to_numeric(parcels["coverage_pct"], errors="coerce").to_numpy(dtype="float64")
    built = ~parcels["idle"].fillna(False).to_numpy(dtype=bool)
    below_far = built & np.isfinite(far) & np.isfinite(far_min) & (far < far_min)
    below_cov = built & np.isfinite(cov) & (cov < controls.coverage_min_pct)
    return pd.DataFrame(
        {
            "far_min": far_min,
            "below_far": below_far,
            "below_coverage": below_cov,
            "below_minimum": below_far | below_cov,
        },
        index=parcels.index,
    )


def _weights(parcels: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(built, below, area of the built parcels with a 容积率, that area × 容积率)."""
    area = pd.to_numeric(parcels["area_mu"], errors="coerce").to_numpy(dtype="float64")
    far = pd.to_numeric(parcels["far"], errors="coerce").to_numpy(dtype="float64")
    built = ~parcels["idle"].fillna(False).to_numpy(dtype=bool)
    weighed = built & np.isfinite(far) & np.isfinite(area)
    area_w = np.where(weighed, area, 0.0)
    return built, parcels["below_minimum"].to_numpy(dtype=bool), area_w, area_w * np.where(weighed, far, 0.0)


def _shares(out: pd.DataFrame, far_area: np.ndarray, area_w: np.ndarray) -> pd.DataFrame:
    with np.errstate(divide="ignore", invalid="ignore"):
        out["below_pct"] = np.where(out["n_built"] > 0, 100.0 * out["n_below"] / out["n_built"], np.nan)
        out["far_mean"] = np.where(area_w > 0, far_area / area_w, np.nan)
    return out


def intensity_cells(parcels: pd.DataFrame, *, cell_deg: float) -> pd.DataFrame:
    """The parcels per grid cell of ``cell_deg`` degrees (aligned as
    :func:`geo.city_view.grid_counts`), each at its anchor ``lon``/``lat``.

    ``parcels`` holds ``lon``, ``lat``, ``area_mu``, ``far``, ``idle`` and ``below_minimum``
    (:func:`below_minimum`). Returns per cell holding one or more: ``west``, ``south``, ``n``
    (parcels), ``n_built`` (not idle), ``n_below`` (built, below a minimum), ``below_pct``
    (``n_below`` of ``n_built``, %; NaN without a built parcel) and ``far_mean`` (the built
    parcels' 容积率 weighted by area; NaN without one). Aggregates only.

    Raises
    ------
    DataValidationError
        When a column is missing, or as :func:`geo.city_view.grid_counts` for the coordinates.
    """
    _need(parcels, CELL_COLUMNS)
    built, below, area_w, far_area = _weights(parcels)
    labels = np.where(below, "below", np.where(built, "built_ok", "idle"))
    cells = grid_counts(
        parcels["lon"].to_numpy(dtype="float64"),
        parcels["lat"].to_numpy(dtype="float64"),
        cell_deg=cell_deg,
        groups=labels,
        group_names=("below", "built_ok"),
        sums={"area": area_w, "far_area": far_area},
    )
    cells["n_built"] = cells["n_below"] + cells.pop("n_built_ok")
    out = _shares(cells, cells.pop("sum_far_area").to_numpy(), cells.pop("sum_area").to_numpy())
    return out[["west", "south", "n", "n_built", "n_below", "below_pct", "far_mean"]]


def intensity_table(parcels: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """The parcels summed up per value of the column ``by`` (rows without one left out), largest
    land first: ``n_parcels``, ``area_mu``, ``n_built``, ``far_mean`` (as in
    :func:`intensity_cells`), ``n_below``, ``below_pct`` and ``below_area_mu`` (their land).

    Raises
    ------
    DataValidationError
        When ``by`` or a needed column (``area_mu``, ``far``, ``idle``, ``below_minimum``) is missing.
    """
    if by not in parcels.columns:
        raise DataValidationError.of("city.intensity.bad_group", by=by)
    _need(parcels, TABLE_COLUMNS)
    built, below, area_w, far_area = _weights(parcels)
    area = pd.to_numeric(parcels["area_mu"], errors="coerce").fillna(0.0).to_numpy(dtype="float64")
    parts = pd.DataFrame(
        {
            "key": parcels[by].to_numpy(),
            "n_parcels": 1,
            "area_mu": area,
            "n_built": built.astype(np.int64),
            "n_below": below.astype(np.int64),
            "below_area_mu": np.where(below, area, 0.0),
            "_area_w": area_w,
            "_far_area": far_area,
        }
    )
    parts = parts[parts["key"].notna() & (parts["key"].astype(str) != "")]
    sums = parts.groupby("key", sort=False).sum()
    out = _shares(sums, sums.pop("_far_area").to_numpy(), sums.pop("_area_w").to_numpy())
    cols = ["n_parcels", "area_mu", "n_built", "far_mean", "n_below", "below_pct", "below_area_mu"]
    return out[cols].sort_values("area_mu", ascending=False).rename_axis(by).reset_index()


__all__ = ["below_minimum", "intensity_cells", "intensity_table"]
