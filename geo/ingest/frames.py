"""Which Chinese frame (WGS-84, GCJ-02, BD-09) a lon/lat file is in, from the data rather than its name.

No GIS can tell: the three frames differ by a few hundred metres and every file says "EPSG:4326".
Polygons over Suzhou are held against the bundled real district and city boundaries read in each
frame (the median distance of their vertices to those boundaries); points with an address are
counted inside the district/区镇 the address names. A clear winner is proposed, with its figures;
the user confirms it, nothing is applied here.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.ingest.base import FRAME_CODES, SUZHOU_BOUNDS, frame_name
from geo.ingest.places import bundled, located_in, named_in
from geo.messages.notes import clauses, note
from geo.spatial.crs import ANALYSIS_CRS, FRAMES, STORAGE_CRS, Frame, convert_coords

# A boundary fits when its vertices lie this close (median, metres) to the bundled boundaries,
# and clearly better when the next frame is at least FIT_RATIO times as far. The frames differ by
# ~450-550 m over Suzhou; the bundled boundaries are exact to a few metres (data/README.md).
FIT_MAX_M = 150.0
FIT_RATIO = 3.0
MAX_VERTICES = 4000
# Points: a frame is proposed when it puts at least this many more points (and this share of the
# named ones) inside their named place than WGS-84 does; ~500 m moves only points near a boundary
# across it, a few per cent of a list spread over the city.
ADDRESS_MIN_MORE = 2
ADDRESS_MIN_SHARE = 0.01


@dataclass(frozen=True)
class FrameFit:
    """How well each frame fits, and the frame proposed (None: no clear winner).

    ``method`` is ``boundary`` (``scores``: median metres to the bundled boundaries, lower is
    better) or ``address`` (``scores``: points inside the place their address names, higher is
    better, out of ``n``).
    """

    method: str
    scores: dict[str, float]
    proposed: Frame | None
    n: int
    reason: str


def _in_suzhou(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    lon0, lat0, lon1, lat1 = SUZHOU_BOUNDS
    return (x >= lon0) & (x <= lon1) & (y >= lat0) & (y <= lat1)


def fit_boundaries(geoms: gpd.GeoSeries, declared: str | None = None) -> FrameFit | None:
    """Hold polygon boundaries (lon/lat degrees, frame unknown) against the bundled real ones.

    ``declared``: the CRS the file declares (a .prj, a GeoJSON's CRS, a GeoPackage's SRS), said in
    the reason when the boundaries tell nothing, as the frame the layer is read in.
    Returns None when the layer has no polygon vertices over Suzhou.
    """
    values = np.asarray(geoms.values, dtype=object)
    values = values[~shapely.is_missing(values)]
    polygonal = np.isin(shapely.get_type_id(values), (3, 6))
    coords = (
        shapely.get_coordinates(shapely.boundary(values[polygonal])) if polygonal.any() else np.empty((0, 2))
    )
    coords = coords[_in_suzhou(coords[:, 0], coords[:, 1])] if len(coords) else coords
    if len(coords) < 4:
        return None
    if len(coords) > MAX_VERTICES:
        coords = coords[np.linspace(0, len(coords) - 1, MAX_VERTICES).astype(int)]
    tree = bundled().boundary_m
    scores: dict[str, float] = {}
    for frame in FRAMES:
        lon, lat = convert_coords(coords[:, 0], coords[:, 1], src=frame, dst="wgs84")
        pts = gpd.GeoSeries(shapely.points(lon, lat), crs=STORAGE_CRS).to_crs(ANALYSIS_CRS).to_numpy()
        _, dist = tree.query_nearest(pts, return_distance=True, all_matches=False)
        scores[frame] = float(np.median(dist))
    ranked = sorted(scores, key=scores.get)
    best, second = ranked[0], ranked[1]
    clear = scores[best] <= FIT_MAX_M and scores[second] >= FIT_RATIO * max(scores[best], 1.0)
    figures = clauses(note("ingest.fit.boundary_figure", frame=FRAME_CODES[f], m=scores[f]) for f in FRAMES)
    read_as = note("ingest.fit.read_as_declared", crs=declared) if declared else ""
    if clear:
        reason = note("ingest.fit.boundary_clear", frame=frame_name(best), figures=figures)
    elif scores[best] > FIT_MAX_M:  # drawn along no district line (parks, parcels): no evidence at all
        reason = note("ingest.fit.boundary_apart", m=scores[best], declared=read_as)
    else:
        reason = note("ingest.fit.boundary_unclear", figures=figures, declared=read_as)
    return FrameFit("boundary", scores, best if clear else None, len(coords), reason)


def fit_addresses(lon: pd.Series, lat: pd.Series, addresses: pd.Series) -> FrameFit | None:
    """Count, for each frame, the points inside the district or 区镇 their address names.

    Returns None when no address names a bundled district or 区镇.
    """
    places = bundled()
    x = pd.to_numeric(lon, errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(lat, errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(x) & np.isfinite(y) & _in_suzhou(x, y)
    named = {kind.what: named_in(addresses, kind) for kind in (places.districts, places.towns)}
    usable = ok & ((named["区县"] >= 0) | (named["区镇"] >= 0))
    n = int(usable.sum())
    if n == 0:
        return None
    scores: dict[str, float] = {}
    for frame in FRAMES:
        wx, wy = convert_coords(x[usable], y[usable], src=frame, dst="wgs84")
        pts = shapely.points(wx, wy)
        inside = np.ones(n, dtype=bool)  # a point counts once: inside every place its address names
        for kind in (places.districts, places.towns):
            want = named[kind.what][usable]
            inside &= (want < 0) | (located_in(pts, kind) == want)
        scores[frame] = float(inside.sum())
    best = max(FRAMES, key=lambda f: (scores[f], f == "wgs84"))
    margin = scores[best] - scores["wgs84"]
    clear = best != "wgs84" and margin >= max(ADDRESS_MIN_MORE, ADDRESS_MIN_SHARE * n)
    figures = clauses(note("ingest.fit.address_figure", frame=FRAME_CODES[f], hits=scores[f]) for f in FRAMES)
    verdict = (
        note("ingest.fit.address_clear", frame=frame_name(best), margin=margin)
        if clear
        else note("ingest.fit.address_unclear")
    )
    reason = note("ingest.fit.address", n=n, figures=figures, verdict=verdict)
    return FrameFit("address", scores, best if clear else None, n, reason)
