"""Outlines simplified in metres (geo/spatial/simplify.py): hand-built shapes in EPSG:4549."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point, Polygon

from geo.spatial.simplify import simplified_outlines

X0, Y0 = 500_000.0, 3_430_000.0  # near Suzhou in EPSG:4549 (metres)


def _frame() -> gpd.GeoDataFrame:
    # a 1 km square whose bottom edge has a vertex 20 m off the straight line at its middle
    square = Polygon(
        [(X0, Y0), (X0 + 500, Y0 - 20), (X0 + 1000, Y0), (X0 + 1000, Y0 + 1000), (X0, Y0 + 1000)]
    )
    frame = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[square, Point(X0, Y0)], crs="EPSG:4549").to_crs(
        "EPSG:4326"
    )
    return frame


def test_a_bend_within_the_tolerance_goes_and_one_beyond_it_stays():
    frame = _frame()
    loose = simplified_outlines(frame, tolerance_m=50, decimals=6)
    tight = simplified_outlines(frame, tolerance_m=5, decimals=6)
    # ring vertices (closing one included): 5 after, 6 before
    assert len(shapely.get_coordinates(loose.geometry.iloc[0])) == 5
    assert len(shapely.get_coordinates(tight.geometry.iloc[0])) == 6
    # no point of the outline moved further than the tolerance (plus 1e-6 degree rounding)
    moved = (
        loose.to_crs("EPSG:4549")
        .geometry.iloc[0]
        .boundary.hausdorff_distance(frame.to_crs("EPSG:4549").geometry.iloc[0].boundary)
    )
    assert 19 < moved < 21  # the 20 m bend is what went


def test_points_columns_and_crs_are_kept_and_the_input_is_not_modified():
    frame = _frame()
    before = frame.copy()
    out = simplified_outlines(frame, tolerance_m=50)
    assert out.crs == frame.crs
    assert list(out["name"]) == ["a", "b"]
    assert out.geometry.iloc[1].equals(frame.geometry.iloc[1])  # the point as it was
    # rounded to 4 decimals of a degree
    xy = shapely.get_coordinates(out.geometry.iloc[0])
    assert (abs(xy * 1e4 - (xy * 1e4).round()) < 1e-6).all()
    assert frame.geometry.equals(before.geometry)


@pytest.mark.parametrize(
    ("crs", "tolerance", "decimals", "words"),
    [
        ("EPSG:4549", 50, 4, "degrees"),
        (None, 50, 4, "degrees"),
        ("EPSG:4326", 0, 4, "positive"),
        ("EPSG:4326", float("nan"), 4, "positive"),
        ("EPSG:4326", 50, 9, "decimals"),
    ],
)
def test_bad_arguments_are_refused(crs, tolerance, decimals, words):
    frame = gpd.GeoDataFrame(geometry=[Point(120.6, 31.3).buffer(0.01)], crs="EPSG:4326")
    frame = frame.to_crs(crs) if crs not in ("EPSG:4326", None) else frame.set_crs(crs, allow_override=True)
    with pytest.raises(ValueError, match=words):
        simplified_outlines(frame, tolerance_m=tolerance, decimals=decimals)
