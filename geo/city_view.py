"""What a map of the whole city shows at each zoom: counts per grid cell at city zoom, and the
enterprise points and parcels inside the view's bounds when zoomed in.

At 120,000 enterprises and their parcels a page cannot send everything (tens of MB). The page
sends :func:`grid_counts` (a few thousand cells); the browser, zoomed in, asks the server for
what lies in its view, and :class:`BoundsIndex` finds it without looking at the rest: features
sorted by the grid cell of their anchor point, one contiguous slice per row of cells, then an
exact test on the slice. Building the index is a sort (tens of ms at 120,000); a query touches
only the cells of the view. Pure computation: the caller keeps one index per data set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.errors import DataValidationError

INDEX_CELL_DEG = 0.01  # about 1 km around Suzhou: a view at street zoom touches a few cells


@dataclass(frozen=True)
class BoundsIndex:
    """Anchor points (WGS-84) sorted by grid cell: ``order[k]`` is the row of the k-th sorted
    point; the points of cell ``c`` (row-major, ``iy * ncx + ix``) are ``starts[c]:starts[c+1]``."""

    lon: np.ndarray
    lat: np.ndarray
    order: np.ndarray
    starts: np.ndarray
    west: float
    south: float
    cell_deg: float
    ncx: int
    ncy: int

    def __len__(self) -> int:
        return int(self.order.size)


def _check_points(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    if lon.shape != lat.shape or lon.ndim != 1:
        raise DataValidationError.of("city.view.length_mismatch")
    if lon.size and not (np.isfinite(lon).all() and np.isfinite(lat).all()):
        raise DataValidationError.of("city.view.not_finite")
    return lon, lat


def _cells(index: BoundsIndex, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ix = np.clip(((lon - index.west) / index.cell_deg).astype(np.int64), 0, index.ncx - 1)
    iy = np.clip(((lat - index.south) / index.cell_deg).astype(np.int64), 0, index.ncy - 1)
    return ix, iy


def build_bounds_index(lon: np.ndarray, lat: np.ndarray, *, cell_deg: float = INDEX_CELL_DEG) -> BoundsIndex:
    """The index of the anchor points ``lon``/``lat`` (degrees, WGS-84), one row each.

    Raises
    ------
    DataValidationError
        When the arrays differ in length or hold a missing or infinite coordinate.
    """
    lon, lat = _check_points(lon, lat)
    if not cell_deg > 0:
        raise DataValidationError.of("city.view.bad_cell", cell_deg=cell_deg)
    west = float(lon.min()) if lon.size else 0.0
    south = float(lat.min()) if lat.size else 0.0
    ncx = int((float(lon.max()) - west) // cell_deg) + 1 if lon.size else 1
    ncy = int((float(lat.max()) - south) // cell_deg) + 1 if lat.size else 1
    shell = BoundsIndex(
        lon, lat, np.empty(0, np.int64), np.empty(0, np.int64), west, south, cell_deg, ncx, ncy
    )
    ix, iy = _cells(shell, lon, lat)
    code = iy * ncx + ix
    order = np.argsort(code, kind="stable")
    starts = np.searchsorted(code[order], np.arange(ncx * ncy + 1))
    return BoundsIndex(lon[order], lat[order], order, starts, west, south, cell_deg, ncx, ncy)


def in_bounds(
    index: BoundsIndex, *, west: float, south: float, east: float, north: float, limit: int | None = None
) -> tuple[np.ndarray, bool]:
    """The rows whose anchor lies in the box (edges included), in row order, and whether more
    than ``limit`` did (then only the first ``limit`` rows are returned).

    Raises
    ------
    DataValidationError
        For a box that is not finite or whose west/south edge lies beyond its east/north edge.
    """
    box = np.array([west, south, east, north], dtype="float64")
    if not np.isfinite(box).all() or west > east or south > north:
        raise DataValidationError.of("city.view.bad_bounds", west=west, south=south, east=east, north=north)
    if limit is not None and limit < 0:
        raise DataValidationError.of("city.view.bad_limit", limit=limit)
    if len(index) == 0:
        return np.empty(0, np.int64), False
    (ix0, ix1), (iy0, iy1) = _cells(index, np.array([west, east]), np.array([south, north]))
    slices = [
        np.arange(index.starts[iy * index.ncx + ix0], index.starts[iy * index.ncx + ix1 + 1])
        for iy in range(int(iy0), int(iy1) + 1)
    ]
    at = np.concatenate(slices) if slices else np.empty(0, np.int64)
    x, y = index.lon[at], index.lat[at]
    at = at[(x >= west) & (x <= east) & (y >= south) & (y <= north)]
    rows = np.sort(index.order[at])
    more = limit is not None and rows.size > limit
    return (rows[:limit] if more else rows), bool(more)


def grid_counts(
    lon: np.ndarray,
    lat: np.ndarray,
    *,
    cell_deg: float,
    groups: np.ndarray | None = None,
    group_names: tuple[str, ...] = (),
    sums: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Enterprises counted per grid cell of ``cell_deg`` degrees (cells aligned on multiples of
    ``cell_deg``; only cells holding one or more).

    Returns ``west``, ``south`` (the cell's corner), ``n`` and, with ``groups`` (one label per
    point) and ``group_names``, ``n_<name>`` per name (labels outside the names are counted in
    ``n`` only); with ``sums`` (name -> one value per point), ``sum_<name>`` per cell (missing
    values count as 0). Counts are aggregates: no enterprise's figures travel in them.

    Raises
    ------
    DataValidationError
        For coordinates as :func:`build_bounds_index` refuses them, ``cell_deg`` not above 0, or
        ``groups`` or a ``sums`` array of another length.
    """
    lon, lat = _check_points(lon, lat)
    if not cell_deg > 0:
        raise DataValidationError.of("city.view.bad_cell", cell_deg=cell_deg)
    if groups is not None and len(groups) != lon.size:
        raise DataValidationError.of("city.view.groups_mismatch")
    weights = {k: np.asarray(v, dtype="float64") for k, v in (sums or {}).items()}
    if any(w.shape != lon.shape for w in weights.values()):
        raise DataValidationError.of("city.view.groups_mismatch")
    ix = np.floor(lon / cell_deg).astype(np.int64)
    iy = np.floor(lat / cell_deg).astype(np.int64)
    x0 = int(ix.min()) if ix.size else 0
    y0 = int(iy.min()) if iy.size else 0
    width = int(ix.max()) - x0 + 1 if ix.size else 1
    # one integer per cell (row-major): a 1-D unique, not a sort of coordinate pairs
    codes, inverse, counts = np.unique((iy - y0) * width + (ix - x0), return_inverse=True, return_counts=True)
    keys = np.column_stack([codes % width + x0, codes // width + y0])
    inverse = inverse.reshape(-1)
    out = pd.DataFrame(
        {
            "west": np.round(keys[:, 0] * cell_deg, 6) if len(keys) else np.empty(0),
            "south": np.round(keys[:, 1] * cell_deg, 6) if len(keys) else np.empty(0),
            "n": counts.astype(np.int64),
        }
    )
    if groups is not None:
        labels = np.asarray(groups, dtype=object)
        for name in group_names:
            hit = labels == name
            out[f"n_{name}"] = np.bincount(inverse[hit], minlength=len(keys)).astype(np.int64)
    for name, w in weights.items():
        out[f"sum_{name}"] = np.bincount(inverse, weights=np.nan_to_num(w), minlength=len(keys))
    return out


__all__ = ["INDEX_CELL_DEG", "BoundsIndex", "build_bounds_index", "grid_counts", "in_bounds"]
