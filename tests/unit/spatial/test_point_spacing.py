"""The zoom from which a layer's points stand apart on a web map (geo/spatial/point_spacing.py): the
吴江 map hands a click to its 16,766 enterprises only from there, to the town below them before."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo.spatial.point_spacing import EARTH_RADIUS_M, MAX_ZOOM, pick_zoom

# one degree of longitude in Web Mercator metres, and one pixel's metres at zoom z
DEG_M = EARTH_RADIUS_M * math.pi / 180  # 111,319.49 m


def _px_m(zoom: int) -> float:
    return 2 * math.pi * EARTH_RADIUS_M / (256 * 2**zoom)


def test_points_on_the_equator_apart_by_a_known_distance():
    # 0.001° apart on the equator: 111.32 m of Web Mercator; 9 px are 171.97 m at zoom 13 (19.11 m/px)
    # and 85.99 m at zoom 14 (9.55 m/px): apart from 14
    lon = np.array([0.0, 0.001, 0.002, 0.003])
    lat = np.zeros(4)
    assert 9 * _px_m(14) < 0.001 * DEG_M < 9 * _px_m(13)
    assert pick_zoom(lon, lat, apart_px=9) == 14
    # 1 px is reached five levels sooner (ceil(log2(9)) = 4 levels; 111.32 m > 9.55·9/16)
    assert pick_zoom(lon, lat, apart_px=1) == 11


def test_the_share_apart_decides_between_a_cluster_and_the_rest():
    # 3 points 0.001° apart and 2 far away, 1° (111.3 km) from each other: those are apart from zoom 4
    # (9 px = 88.1 km there, 176.1 km at zoom 3), the close ones from 14
    lon = np.array([0.0, 0.001, 0.002, 5.0, 6.0])
    lat = np.zeros(5)
    assert pick_zoom(lon, lat, apart_px=9, share_apart=0.4) == 4  # the two far ones suffice
    assert 9 * _px_m(4) < DEG_M < 9 * _px_m(3)
    assert pick_zoom(lon, lat, apart_px=9, share_apart=0.5) == 14  # three of five are close
    assert pick_zoom(lon, lat, apart_px=9, share_apart=1.0) == 14


def test_few_points_or_shared_places():
    assert pick_zoom(np.array([120.6]), np.array([31.0]), apart_px=9) == 0  # nothing to confuse
    assert pick_zoom(np.array([]), np.array([]), apart_px=9) == 0
    same = np.array([120.6, 120.6, 120.6])
    assert pick_zoom(same, np.full(3, 31.0), apart_px=9) == MAX_ZOOM  # never apart


@pytest.mark.parametrize(
    ("lon", "lat", "options"),
    [
        (np.zeros(3), np.zeros(2), {"apart_px": 9}),
        (np.zeros(3), np.zeros(3), {"apart_px": 0}),
        (np.zeros(3), np.zeros(3), {"apart_px": 9, "share_apart": 0}),
        (np.zeros(3), np.zeros(3), {"apart_px": 9, "share_apart": 1.5}),
    ],
)
def test_bad_arguments_are_refused(lon, lat, options):
    with pytest.raises(ValueError, match="pick_zoom"):
        pick_zoom(lon, lat, **options)
