"""How far apart a layer's points are on a web map: the zoom from which a click can tell them apart."""

from __future__ import annotations

import math

import numpy as np
import shapely

EARTH_RADIUS_M = 6_378_137.0  # the sphere of Web Mercator (EPSG:3857), as Leaflet projects
TILE_PX = 256  # a web map's world is 256 px wide at zoom 0, twice as wide each zoom level
MAX_ZOOM = 19  # the deepest zoom of the atlas's maps (Leaflet's default maxZoom is 18)


def pick_zoom(lon_deg: np.ndarray, lat_deg: np.ndarray, *, apart_px: float, share_apart: float = 0.5) -> int:
    """The lowest web-map zoom at which ``share_apart`` of the points stand at least ``apart_px``
    screen pixels from their nearest neighbour.

    Below that zoom, most points cover one another: a click on one of them picks one of many, not the
    one the user meant. A map can then leave the click to the shape below (a town) and hand it to the
    points only from this zoom on.

    Parameters
    ----------
    lon_deg, lat_deg
        The points' WGS-84 longitudes and latitudes (degrees), as many of each.
    apart_px
        The distance in screen pixels at which two points count as apart (e.g. the diameter a click
        on one of them reaches).
    share_apart
        The share of points that must be apart (0–1; the median point at 0.5).

    Returns
    -------
    int
        A zoom from 0 to :data:`MAX_ZOOM`: 0 for fewer than two points (nothing to confuse),
        :data:`MAX_ZOOM` when too many points share one position to be apart at any zoom.
    """
    lon = np.asarray(lon_deg, dtype="float64")
    lat = np.asarray(lat_deg, dtype="float64")
    if lon.shape != lat.shape or lon.ndim != 1:
        raise ValueError("pick_zoom: lon_deg and lat_deg must be 1-d arrays of one length")
    if not apart_px > 0 or not 0 < share_apart <= 1:
        raise ValueError("pick_zoom: apart_px must be > 0 and share_apart in (0, 1]")
    if len(lon) < 2:
        return 0
    x, y = _mercator_m(lon, lat)
    nearest_m = _nearest_neighbour_m(x, y)
    # the largest distance that (at least) share_apart of the points keep from their nearest neighbour
    n_apart = math.ceil(share_apart * len(nearest_m))
    reach_m = float(np.partition(nearest_m, len(nearest_m) - n_apart)[len(nearest_m) - n_apart])
    if reach_m <= 0:
        return MAX_ZOOM
    # at zoom z one pixel covers 2πR / (256 · 2^z) metres of Web Mercator
    zoom = math.ceil(math.log2(apart_px * 2 * math.pi * EARTH_RADIUS_M / (TILE_PX * reach_m)))
    return min(max(zoom, 0), MAX_ZOOM)


def _mercator_m(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator metres (spherical, as Leaflet's EPSG3857)."""
    phi = np.radians(np.clip(lat, -85.0511287798, 85.0511287798))
    return EARTH_RADIUS_M * np.radians(lon), EARTH_RADIUS_M * np.log(np.tan(np.pi / 4 + phi / 2))


def _nearest_neighbour_m(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each point's distance to its nearest other point (0 for a point that shares its position)."""
    points = shapely.points(x, y)
    tree = shapely.STRtree(points)
    (left, right), dist = tree.query_nearest(points, exclusive=True, return_distance=True, all_matches=False)
    nearest = np.full(len(points), np.inf)
    np.minimum.at(nearest, left, dist)
    # ``exclusive`` leaves out the point itself and every point at the very same place: those are 0 apart
    _, inverse, counts = np.unique(np.c_[x, y], axis=0, return_inverse=True, return_counts=True)
    nearest[counts[inverse.ravel()] > 1] = 0.0
    return nearest
