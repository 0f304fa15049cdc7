"""The x and y of a layer's points, read from GEOS once per geometry array and then reused.

Reading a point's coordinates goes through GEOS for every point (about 0.1-0.2 µs each, the largest
part of assigning 120,000 enterprises to zones once the zones are indexed). geopandas keeps a spatial
index on each geometry array for the same reason (``GeoSeries.sindex``, which ``sjoin(predicate=
"within")`` reuses from run to run); :func:`point_xy` keeps the coordinates of the same array.

A kept answer is used only for the very array it was read from, with the very geometry objects it
then held: the array's object pointers are compared with a copy of them (a memory comparison, about
1 ms per million points), and the copy holds a reference to each geometry, so that an address cannot
be reused by another geometry while the answer is kept. Shapely geometries are immutable, so the same
objects have the same coordinates; a geometry set into the array (``gdf.loc[i, "geometry"] = ...``)
changes a pointer and the coordinates are read again. An answer is dropped when its array is freed,
and at most :data:`KEPT` answers are kept.
"""

from __future__ import annotations

import ctypes
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import shapely

from geo.errors import DataValidationError

KEPT = 4  # answers kept (least recently used dropped first)
POINT, POLYGON, MULTIPOLYGON, MISSING = 0, 3, 6, -1


@dataclass(frozen=True, eq=False)
class PointXY:
    """One array's answer: the geometries it was read from (references) and their x and y."""

    array: weakref.ref
    objects: np.ndarray  # a copy of the array's object pointers (holding a reference to each)
    x: np.ndarray
    y: np.ndarray


_KEPT: OrderedDict[int, PointXY] = OrderedDict()
_LOCK = threading.Lock()


def object_addresses(values: np.ndarray) -> np.ndarray:
    """The object pointers of a C-contiguous 1-d object array as ``uintp`` (a view, no copy)."""
    if values.size == 0:
        return np.zeros(0, dtype=np.uintp)
    buffer = (ctypes.c_size_t * values.size).from_address(values.ctypes.data)
    return np.frombuffer(buffer, dtype=np.uintp)


def read_xy(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y of each geometry, read from GEOS: points as they are, (multi)polygons (parcels) at a
    point on their surface, missing or empty geometries NaN.

    Raises
    ------
    DataValidationError
        When a geometry is neither a point nor a polygon.
    """
    type_ids = shapely.get_type_id(geoms)
    if not np.isin(type_ids, (MISSING, POINT, POLYGON, MULTIPOLYGON)).all():
        raise DataValidationError.of("spatial.enterprises_need_points")
    if (type_ids == POINT).all():
        xy = shapely.get_coordinates(geoms)  # one pass; empty points have no row
        if len(xy) == len(geoms):
            return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
        pts = geoms
    else:
        pts = geoms.copy()
        areal = np.isin(type_ids, (POLYGON, MULTIPOLYGON))
        pts[areal] = shapely.point_on_surface(geoms[areal])
    return np.asarray(shapely.get_x(pts), dtype="float64"), np.asarray(shapely.get_y(pts), dtype="float64")


def _forget(key: int) -> None:
    with _LOCK:
        _KEPT.pop(key, None)


def _kept(geoms: np.ndarray) -> PointXY | None:
    with _LOCK:
        entry = _KEPT.get(id(geoms))
        if entry is None or entry.array() is not geoms:
            return None
        _KEPT.move_to_end(id(geoms))
    same = entry.objects.size == geoms.size and np.array_equal(
        object_addresses(entry.objects), object_addresses(geoms)
    )
    return entry if same else None


def point_xy(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y of each geometry (as :func:`read_xy`), kept for this array while it is unchanged.

    The arrays returned are read-only (they may be the kept ones).

    Raises
    ------
    DataValidationError
        When a geometry is neither a point nor a polygon.
    """
    if not isinstance(geoms, np.ndarray) or geoms.dtype != object or geoms.ndim != 1:
        geoms = np.asarray(geoms, dtype=object)
    if not geoms.flags.c_contiguous:
        return read_xy(geoms)
    entry = _kept(geoms)
    if entry is not None:
        return entry.x, entry.y
    objects = geoms.copy()  # before reading: a change made meanwhile is then seen next time
    x, y = read_xy(geoms)
    x.flags.writeable = False
    y.flags.writeable = False
    key = id(geoms)
    try:
        ref = weakref.ref(geoms)
    except TypeError:  # pragma: no cover - numpy arrays take weak references
        return x, y
    with _LOCK:
        _KEPT[key] = PointXY(array=ref, objects=objects, x=x, y=y)
        _KEPT.move_to_end(key)
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)
    weakref.finalize(geoms, _forget, key)
    return x, y


def forget_all() -> None:
    """Drop every kept answer (tests; memory)."""
    with _LOCK:
        _KEPT.clear()


__all__ = ["KEPT", "PointXY", "forget_all", "object_addresses", "point_xy", "read_xy"]
