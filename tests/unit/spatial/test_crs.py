"""WGS-84 <-> GCJ-02 <-> BD-09 on published reference points, round trips, geometries."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point, Polygon

from geo.spatial.crs import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    convert_coords,
    convert_frame,
    convert_geometries,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

GEOD = Geod(ellps="WGS84")


def _metres(lon1, lat1, lon2, lat2):
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


def test_wgs84_to_gcj02_matches_reference_points():
    # hutool CoordinateUtilTest (after wandergis/coordtransform): WGS-84 (116.404, 39.915)
    lon, lat = wgs84_to_gcj02(116.404, 39.915)
    assert float(lon) == pytest.approx(116.41024449916938, abs=1e-9)
    assert float(lat) == pytest.approx(39.91640428150164, abs=1e-9)
    # geoToolbox test vector: WGS-84 (116.0, 40.0) -> GCJ-02 (116.006141221789, 40.001213650174);
    # published implementations differ by a few millimetres (1e-7° ≈ 1 cm) in float rounding.
    lon, lat = wgs84_to_gcj02(116.0, 40.0)
    assert float(lon) == pytest.approx(116.006141221789, abs=1e-7)
    assert float(lat) == pytest.approx(40.001213650174, abs=1e-7)


def test_gcj02_to_wgs84_and_bd09_match_gcoord():
    # gcoord test/unit/crs/GCJ02.spec.js: GCJ-02 (123, 45)
    lon, lat = gcj02_to_wgs84(123.0, 45.0)
    assert float(lon) == pytest.approx(122.99395597, abs=1e-6)
    assert float(lat) == pytest.approx(44.99804071, abs=1e-6)
    lon, lat = gcj02_to_bd09(123.0, 45.0)
    assert float(lon) == pytest.approx(123.00636499, abs=1e-6)
    assert float(lat) == pytest.approx(45.00636899, abs=1e-6)


def test_shift_around_suzhou_is_hundreds_of_metres():
    lon, lat = wgs84_to_gcj02(120.62, 31.30)
    d = _metres(120.62, 31.30, float(lon), float(lat))
    assert 300 < d < 700


@pytest.mark.parametrize(
    ("forward", "inverse"),
    [(wgs84_to_gcj02, gcj02_to_wgs84), (gcj02_to_bd09, bd09_to_gcj02), (wgs84_to_bd09, bd09_to_wgs84)],
)
def test_round_trip_under_one_centimetre(forward, inverse):
    rng = np.random.default_rng(7)
    lon = rng.uniform(119.9, 121.4, 5000)  # Suzhou and around
    lat = rng.uniform(30.7, 32.1, 5000)
    back_lon, back_lat = inverse(*forward(lon, lat))
    err = _metres(lon, lat, back_lon, back_lat)
    assert np.max(err) < 0.01


def test_outside_china_is_not_shifted():
    lon, lat = wgs84_to_gcj02(np.array([2.35, 183.0]), np.array([48.85, 45.0]))
    assert np.allclose(lon, [2.35, 183.0]) and np.allclose(lat, [48.85, 45.0])


def test_convert_coords_validates_frames_and_shapes():
    with pytest.raises(ValueError, match="unknown coordinate frame"):
        convert_coords([1.0], [2.0], src="wgs84", dst="mars")
    with pytest.raises(ValueError, match="differ in shape"):
        convert_coords([1.0, 2.0], [2.0], src="wgs84", dst="gcj02")
    lon, lat = convert_coords([120.0], [31.0], src="gcj02", dst="gcj02")
    assert lon.tolist() == [120.0] and lat.tolist() == [31.0]


def test_geometries_convert_vertex_by_vertex_and_input_is_untouched():
    poly = Polygon([(120.6, 31.3), (120.7, 31.3), (120.7, 31.4), (120.6, 31.3)])
    line = LineString([(120.5, 31.0), (120.6, 31.1)])
    geoms = np.array([poly, line, Point(120.62, 31.30), None], dtype=object)
    out = convert_geometries(geoms, src="wgs84", dst="gcj02")
    exp_lon, exp_lat = wgs84_to_gcj02(120.62, 31.30)
    assert out[2].x == pytest.approx(float(exp_lon)) and out[2].y == pytest.approx(float(exp_lat))
    assert out[3] is None
    assert len(out[0].exterior.coords) == 4
    assert geoms[2].x == 120.62  # the input is not modified


def test_convert_frame_returns_copy_and_refuses_projected():
    gdf = gpd.GeoDataFrame({"n": [1]}, geometry=[Point(120.62, 31.30)], crs="EPSG:4326")
    out = convert_frame(gdf, src="wgs84", dst="gcj02")
    assert gdf.geometry.iloc[0].x == 120.62
    assert out.geometry.iloc[0].x != 120.62 and out.crs == gdf.crs
    with pytest.raises(ValueError, match="lon/lat degrees"):
        convert_frame(gdf.to_crs("EPSG:4549"), src="wgs84", dst="gcj02")
