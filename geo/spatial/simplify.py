"""Outlines simplified to what a map's zoom can show: Douglas-Peucker in metres (EPSG:4549),
coordinates rounded to what that tolerance leaves worth keeping."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.spatial.crs import ANALYSIS_CRS


def simplified_outlines(
    frame: gpd.GeoDataFrame, *, tolerance_m: float, decimals: int = 4
) -> gpd.GeoDataFrame:
    """A copy of ``frame`` whose polygons and lines are simplified so that no outline moves by more
    than ``tolerance_m`` metres (plus the rounding to ``decimals`` decimal degrees, 1e-4 ≈ 11 m);
    points, missing and empty geometries are kept as they are, as are the other columns and the CRS.

    The simplification is done in EPSG:4549 (metres), topology preserved (no polygon collapses
    or crosses itself). ``frame`` is not modified.

    Parameters
    ----------
    frame
        Features in a geographic CRS (degrees: EPSG:4326, or GCJ-02 coordinates labelled so).
    tolerance_m
        The largest distance, in metres, a simplified outline may move (> 0).
    decimals
        Decimal places of the degrees kept (0–8).
    """
    if frame.crs is None or not frame.crs.is_geographic:
        raise ValueError(
            f"outlines are simplified from degrees; got CRS {frame.crs} (the atlas never guesses)"
        )
    if not np.isfinite(tolerance_m) or tolerance_m <= 0:
        raise ValueError(f"tolerance_m must be a positive number of metres, got {tolerance_m!r}")
    if not 0 <= decimals <= 8:
        raise ValueError(f"decimals must be 0-8, got {decimals!r}")

    geoms = frame.geometry.values
    shaped = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    shaped &= ~np.isin(shapely.get_type_id(geoms), (0, 4))  # points stay as they are
    metric = gpd.GeoSeries(geoms[shaped], crs=frame.crs).to_crs(ANALYSIS_CRS)
    simple = shapely.simplify(metric.values, tolerance_m, preserve_topology=True)
    back = gpd.GeoSeries(simple, crs=ANALYSIS_CRS).to_crs(frame.crs).values
    rounded = shapely.set_precision(back, 10.0**-decimals)
    # a part smaller than the grid can vanish in the rounding: keep the unrounded shape then
    rounded = np.where(shapely.is_empty(rounded), back, rounded)

    out_geoms = np.array(geoms, dtype=object)
    out_geoms[shaped] = rounded
    return frame.set_geometry(gpd.GeoSeries(out_geoms, index=frame.index, crs=frame.crs))
