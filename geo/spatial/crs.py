"""Coordinate frames: CRS constants and vectorised WGS-84 / GCJ-02 / BD-09 conversion.

GCJ-02 (Amap/Gaode, Tencent) and BD-09 (Baidu) are not in PROJ. The forward
WGS-84 -> GCJ-02 shift is the published obfuscation formula; the inverse is
solved by fixed-point iteration to well under a millimetre.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

ANALYSIS_CRS = "EPSG:4549"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E, metres
ANALYSIS_CRS_ZONED = "EPSG:4528"  # same, with the zone-40 prefix on easting
STORAGE_CRS = "EPSG:4326"  # WGS-84, storage and export

Frame = Literal["wgs84", "gcj02", "bd09"]
FRAMES: tuple[Frame, ...] = ("wgs84", "gcj02", "bd09")

# Krasovsky 1940 ellipsoid parameters used by the GCJ-02 formula.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = np.pi * 3000.0 / 180.0
_MAX_ITER = 30
_TOL_DEG = 1e-12  # ~0.1 micrometre


def same_crs(a, b) -> bool:
    """Whether two pyproj CRSs are the same: at once when made from the same text (e.g. both from
    "EPSG:4549"), else by pyproj's comparison (tens of microseconds)."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    return a.srs == b.srs or a.equals(b)


def _transform_lat(x: NDArray, y: NDArray) -> NDArray:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: NDArray, y: NDArray) -> NDArray:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def in_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """Whether points fall in the rough box where GCJ-02 applies (outside it, no shift)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (lon > 72.004) & (lon < 137.8347) & (lat > 0.8293) & (lat < 55.8271)


def _as_arrays(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    lon_a = np.asarray(lon, dtype=float)
    lat_a = np.asarray(lat, dtype=float)
    if lon_a.shape != lat_a.shape:
        raise ValueError(f"lon and lat differ in shape: {lon_a.shape} vs {lat_a.shape}")
    return lon_a, lat_a


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    """Shift WGS-84 longitude/latitude arrays into GCJ-02 (degrees in, degrees out)."""
    lon, lat = _as_arrays(lon, lat)
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    inside = in_china(lon, lat)
    return np.where(inside, lon + dlon, lon), np.where(inside, lat + dlat, lat)


def _invert(forward, lon: NDArray, lat: NDArray) -> tuple[NDArray, NDArray]:
    """Solve forward(x) = (lon, lat) for x by fixed-point iteration."""
    x, y = lon.copy(), lat.copy()
    for _ in range(_MAX_ITER):
        fx, fy = forward(x, y)
        dx, dy = fx - lon, fy - lat
        x, y = x - dx, y - dy
        if dx.size == 0 or max(np.nanmax(np.abs(dx)), np.nanmax(np.abs(dy))) < _TOL_DEG:
            break
    return x, y


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    """Convert GCJ-02 arrays to WGS-84 by iterative inverse (error far below 1 mm)."""
    lon, lat = _as_arrays(lon, lat)
    return _invert(wgs84_to_gcj02, lon, lat)


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    """Shift GCJ-02 arrays into Baidu's BD-09."""
    lon, lat = _as_arrays(lon, lat)
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    """Convert BD-09 arrays to GCJ-02 by iterative inverse."""
    lon, lat = _as_arrays(lon, lat)
    return _invert(gcj02_to_bd09, lon, lat)


def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    """WGS-84 -> BD-09."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    """BD-09 -> WGS-84."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


_CONVERTERS = {
    ("wgs84", "gcj02"): wgs84_to_gcj02,
    ("gcj02", "wgs84"): gcj02_to_wgs84,
    ("gcj02", "bd09"): gcj02_to_bd09,
    ("bd09", "gcj02"): bd09_to_gcj02,
    ("wgs84", "bd09"): wgs84_to_bd09,
    ("bd09", "wgs84"): bd09_to_wgs84,
}


def convert_coords(lon: ArrayLike, lat: ArrayLike, *, src: Frame, dst: Frame) -> tuple[NDArray, NDArray]:
    """Convert longitude/latitude arrays between the frames ``wgs84``, ``gcj02`` and ``bd09``."""
    for frame in (src, dst):
        if frame not in FRAMES:
            raise ValueError(f"unknown coordinate frame {frame!r}; expected one of {FRAMES}")
    if src == dst:
        lon_a, lat_a = _as_arrays(lon, lat)
        return lon_a.copy(), lat_a.copy()
    return _CONVERTERS[(src, dst)](lon, lat)


def convert_geometries(geoms: ArrayLike, *, src: Frame, dst: Frame) -> NDArray:
    """Convert an array of shapely geometries (lon/lat degrees) between frames.

    Returns a new array; the input geometries are not modified. ``None`` stays ``None``.
    """
    geoms = np.asarray(geoms, dtype=object)

    def _fn(coords: NDArray) -> NDArray:
        x, y = convert_coords(coords[:, 0], coords[:, 1], src=src, dst=dst)
        return np.column_stack([x, y])

    return shapely.transform(geoms, _fn)


def convert_frame(gdf, *, src: Frame, dst: Frame):
    """Return a copy of a GeoDataFrame in lon/lat degrees with its geometry moved to ``dst``.

    The frame must be in geographic degrees (EPSG:4326 or 4490); GCJ-02 and BD-09 have no
    EPSG code, so the CRS label stays EPSG:4326 and the caller records the frame.
    """
    if gdf.crs is not None and not gdf.crs.is_geographic:
        raise ValueError(f"convert_frame needs lon/lat degrees, got {gdf.crs.to_string()}")
    out = gdf.copy()
    out[out.geometry.name] = convert_geometries(out.geometry.values, src=src, dst=dst)
    return out.set_geometry(out.geometry.name, crs=gdf.crs)
