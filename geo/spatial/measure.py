"""Area and length in the analysis CRS (EPSG:4549), with the units of Chinese statistics."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.spatial.crs import ANALYSIS_CRS

M2_PER_MU = 10_000 / 15  # 1 亩 = 666.67 m²
M2_PER_HECTARE = 10_000.0  # 1 公顷
M2_PER_KM2 = 1_000_000.0
MU_PER_HECTARE = M2_PER_HECTARE / M2_PER_MU  # 15
MU_PER_KM2 = M2_PER_KM2 / M2_PER_MU  # 1500
WAN_PER_YI = 10_000  # 1 亿元 = 10,000 万元


def m2_to_mu(area_m2):
    """Square metres to 亩 (works on scalars, arrays and Series)."""
    return area_m2 / M2_PER_MU


def mu_to_m2(area_mu):
    """亩 to square metres."""
    return area_mu * M2_PER_MU


def m2_to_hectare(area_m2):
    """Square metres to 公顷."""
    return area_m2 / M2_PER_HECTARE


def m2_to_km2(area_m2):
    """Square metres to km²."""
    return area_m2 / M2_PER_KM2


def _check_projected(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> None:
    if gdf.crs is None:
        raise ValueError("geometry has no CRS; set it before measuring (the atlas never guesses)")
    if gdf.crs.is_geographic:
        raise ValueError(
            f"refusing to measure in geographic CRS {gdf.crs.to_string()} (degrees); "
            f"project to {ANALYSIS_CRS} first, e.g. with to_analysis_crs()"
        )


def to_analysis_crs(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a copy reprojected to EPSG:4549; input without a CRS is refused."""
    if gdf.crs is None:
        raise ValueError("geometry has no CRS; the atlas never assumes one")
    return gdf.to_crs(ANALYSIS_CRS)


def area_m2(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> pd.Series:
    """Area of each geometry in m²; the input must be in a projected CRS (metres)."""
    _check_projected(gdf)
    return gdf.area


def area_mu(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> pd.Series:
    """Area of each geometry in 亩; the input must be in a projected CRS (metres)."""
    return m2_to_mu(area_m2(gdf))


def area_km2(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> pd.Series:
    """Area of each geometry in km²; the input must be in a projected CRS (metres)."""
    return m2_to_km2(area_m2(gdf))


def with_polygon_areas(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy with ``area_km2`` (4 decimals) and ``area_mu`` (2 decimals) measured from each polygon in
    EPSG:4549, replacing any stored values: an area is derived, so a feature drawn or reshaped in
    QGIS is measured anew, never taken as typed. Rows that are not polygons (or empty) get NaN.

    Raises
    ------
    ValueError
        When the frame has no CRS (the atlas never assumes one).
    """
    if gdf.crs is None:
        raise ValueError("geometry has no CRS; the atlas never assumes one")
    out = gdf.copy()
    polygonal = gdf.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
    areas = gdf.geometry.to_crs(ANALYSIS_CRS).area.where(polygonal)
    out["area_km2"] = (areas / M2_PER_KM2).round(4)
    out["area_mu"] = (areas / M2_PER_MU).round(2)
    return out


def length_m(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> pd.Series:
    """Length of each geometry in metres; the input must be in a projected CRS."""
    _check_projected(gdf)
    return gdf.length
