"""Area and length in EPSG:4549 with Chinese statistical units."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import LineString, box

from geo.spatial.measure import (
    M2_PER_MU,
    MU_PER_HECTARE,
    MU_PER_KM2,
    area_km2,
    area_m2,
    area_mu,
    length_m,
    m2_to_hectare,
    mu_to_m2,
    to_analysis_crs,
)


def test_unit_constants():
    assert M2_PER_MU == pytest.approx(666.6667, abs=1e-4)
    assert MU_PER_HECTARE == pytest.approx(15.0)
    assert MU_PER_KM2 == pytest.approx(1500.0)
    assert mu_to_m2(15) == pytest.approx(10_000.0)
    assert m2_to_hectare(25_000) == pytest.approx(2.5)


def test_hand_computed_square_in_gauss_kruger_metres():
    # A 200 m x 100 m rectangle near the 120E central meridian: 20,000 m² = 30 亩 = 0.02 km².
    gdf = gpd.GeoDataFrame(geometry=[box(500_000, 3_460_000, 500_200, 3_460_100)], crs="EPSG:4549")
    assert area_m2(gdf).iloc[0] == pytest.approx(20_000.0)
    assert area_mu(gdf).iloc[0] == pytest.approx(30.0)
    assert area_km2(gdf).iloc[0] == pytest.approx(0.02)
    line = gpd.GeoSeries([LineString([(500_000, 3_460_000), (500_300, 3_460_400)])], crs="EPSG:4549")
    assert length_m(line).iloc[0] == pytest.approx(500.0)  # 3-4-5 triangle


def test_metric_functions_refuse_degrees_and_missing_crs():
    gdf = gpd.GeoDataFrame(geometry=[box(120.6, 31.3, 120.7, 31.4)], crs="EPSG:4326")
    with pytest.raises(ValueError, match="geographic"):
        area_m2(gdf)
    with pytest.raises(ValueError, match="geographic"):
        length_m(gdf)
    with pytest.raises(ValueError, match="no CRS"):
        area_mu(gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)]))
    with pytest.raises(ValueError, match="never assumes"):
        to_analysis_crs(gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)]))


def test_degrees_box_projected_has_expected_area():
    # 0.01° x 0.01° at 31.3°N: ~ 952 m (lon) x 1109 m (lat) ≈ 1.056 km² (spherical estimate, ±1 %).
    gdf = gpd.GeoDataFrame(geometry=[box(120.60, 31.30, 120.61, 31.31)], crs="EPSG:4326")
    assert area_km2(to_analysis_crs(gdf)).iloc[0] == pytest.approx(1.056, rel=0.01)
