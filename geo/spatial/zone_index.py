"""Point-in-zone location: the exact test (strips + prepared polygons) and an index of zone interiors.

:func:`locate_exact` tests every point against the zones whose bounding box holds it. A
:class:`ZoneIndex` answers most points without any geometric test: it covers the zones' extent with
a grid whose cells are either *edge* cells (a zone boundary may pass through them) or lie wholly in
the same set of zones (their interior or outside all). Each point looks its cell up; only points in
edge cells are tested exactly. The answer is the same as :func:`locate_exact`'s for every point —
points on a boundary included — because no boundary crosses a non-edge cell.

How the cells are found: every boundary is sampled every eighth of a cell, so each cell it touches
lies within a sixteenth of a cell of a sample; every cell within an eighth of a cell of a sample
is an edge cell; the remaining cells fall into 4-connected regions no boundary crosses
(``scipy.ndimage.label``), and one cell centre per region is located exactly. Build it once per
zone layer (like a database's spatial index) and pass it to :func:`geo.evaluation.metrics.assign_zones`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import shapely

EDGE = -2  # label of an edge cell: its points are tested exactly
CELLS_PER_ZONE = 16_384  # grid size: this many cells per zone, ...
MIN_CELLS, MAX_CELLS = 1_000_000, 8_000_000  # ... within these bounds (8 M cells: 32 MB)
SPACING = 1 / 8  # boundary samples, in cells
MARGIN = 1 / 8  # a cell within this distance (in cells) of a sample is an edge cell


def locate_exact(
    x: np.ndarray, y: np.ndarray, geoms: np.ndarray, *, pool: ThreadPoolExecutor | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Index of the first zone intersecting each point (-1 if none) and hit counts.

    Points are bucketed into vertical strips (a uint16 radix sort); each zone tests only the
    points of the strips its bounding box spans that also fall in the box, with the prepared
    polygon. Points on a boundary count as inside (like ``intersects``). With a ``pool``, zones
    are tested on its threads (GEOS releases the GIL); results are merged in zone order.
    """
    n = x.size
    zone_idx = np.full(n, -1, dtype=np.int64)
    hits = np.zeros(n, dtype=np.int32)
    bounds = shapely.bounds(geoms)
    finite = np.isfinite(x) & np.isfinite(y)
    gx0, gy0 = np.nanmin(bounds[:, 0]), np.nanmin(bounds[:, 1])
    gx1, gy1 = np.nanmax(bounds[:, 2]), np.nanmax(bounds[:, 3])
    inside_extent = finite & (x >= gx0) & (x <= gx1) & (y >= gy0) & (y <= gy1)
    cand_all = np.flatnonzero(inside_extent)
    if cand_all.size == 0:
        return zone_idx, hits
    n_strips = int(min(65_535, max(1, 4 * len(geoms))))
    width = (gx1 - gx0) / n_strips if gx1 > gx0 else 1.0
    xs_all, ys_all = x[cand_all], y[cand_all]
    strip = np.minimum(((xs_all - gx0) / width).astype(np.int64), n_strips - 1).astype(np.uint16)
    order = np.argsort(strip, kind="stable")
    xs, ys, ids = xs_all[order], ys_all[order], cand_all[order]
    starts = np.searchsorted(strip[order], np.arange(n_strips + 1))

    def inside_zone(z: int) -> np.ndarray | None:
        minx, miny, maxx, maxy = bounds[z]
        if not np.isfinite(minx):
            return None
        s0 = min(int((minx - gx0) / width), n_strips - 1)
        s1 = min(int((maxx - gx0) / width), n_strips - 1)
        a, b = starts[s0], starts[s1 + 1]
        if a == b:
            return None
        sx, sy = xs[a:b], ys[a:b]
        sel = np.flatnonzero((sx >= minx) & (sx <= maxx) & (sy >= miny) & (sy <= maxy))
        if sel.size == 0:
            return None
        geom = geoms[z]
        shapely.prepare(geom)
        return ids[a:b][sel[shapely.intersects_xy(geom, sx[sel], sy[sel])]]

    zones = range(len(geoms))
    results = pool.map(inside_zone, zones) if pool is not None else map(inside_zone, zones)
    for z, found in enumerate(results):
        if found is None or found.size == 0:
            continue
        hits[found] += 1
        first = found[zone_idx[found] < 0]
        zone_idx[first] = z
    return zone_idx, hits


@dataclass(frozen=True, eq=False)
class ZoneIndex:
    """A grid over the zones' extent: per cell the first zone holding it (-1 none, ``EDGE`` test
    exactly) and how many zones hold it. ``geoms`` are the zone geometries it was built from (the
    same objects: :meth:`matches` checks identity, so an index never answers for other zones)."""

    geoms: np.ndarray
    x0: float
    y0: float
    cell: float
    nx: int
    ny: int
    label: np.ndarray  # int16 (int32 for 32,000 zones or more), ny * nx
    hits: np.ndarray  # int16, ny * nx
    n_edge_cells: int

    def matches(self, geoms: np.ndarray) -> bool:
        """Whether ``geoms`` are the very geometries the index was built from, in the same order."""
        return len(geoms) == len(self.geoms) and all(a is b for a, b in zip(geoms, self.geoms, strict=True))

    def locate(
        self, x: np.ndarray, y: np.ndarray, *, pool: ThreadPoolExecutor | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The same answer as :func:`locate_exact` for these zones: first zone (-1) and hit counts."""
        with np.errstate(invalid="ignore"):
            fi = (x - self.x0) / self.cell
            fj = (y - self.y0) / self.cell
            ok = (fi >= 0) & (fi < self.nx) & (fj >= 0) & (fj < self.ny)  # NaN compares False
            fi[~ok] = 0.0
            fj[~ok] = 0.0
        cells = fj.astype(np.int64) * self.nx + fi.astype(np.int64)
        label = np.where(ok, self.label[cells], -1)
        zone_idx = label.astype(np.int64)
        hits = np.where(ok, self.hits[cells], 0).astype(np.int32)
        edge = np.flatnonzero(label == EDGE)
        if edge.size:
            z, h = locate_exact(x[edge], y[edge], self.geoms, pool=pool if edge.size > 20_000 else None)
            zone_idx[edge] = z
            hits[edge] = h
        return zone_idx, hits


def build_zone_index(geoms: np.ndarray, *, target_cells: int | None = None) -> ZoneIndex:
    """The :class:`ZoneIndex` of ``geoms`` (polygons in a projected or geographic CRS).

    ``target_cells`` sets the grid size (default: 16,384 cells per zone, 1 to 8 million).
    """
    from scipy import ndimage

    geoms = np.asarray(geoms, dtype=object)
    bounds = shapely.bounds(geoms)
    x0, y0 = np.nanmin(bounds[:, 0]), np.nanmin(bounds[:, 1])
    x1, y1 = np.nanmax(bounds[:, 2]), np.nanmax(bounds[:, 3])
    target = target_cells or min(MAX_CELLS, max(MIN_CELLS, CELLS_PER_ZONE * len(geoms)))
    width, height = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    cell = float(np.sqrt(width * height / target))
    nx, ny = int(width // cell) + 1, int(height // cell) + 1
    # Edge cells: every cell within MARGIN cells of a boundary sample (samples SPACING cells apart,
    # so each cell a boundary touches is within SPACING / 2 of a sample: MARGIN leaves room).
    rings = shapely.segmentize(shapely.boundary(geoms), cell * SPACING)
    xy = shapely.get_coordinates(rings)
    fi = (xy[:, 0] - x0) / cell
    fj = (xy[:, 1] - y0) / cell
    i, j = np.floor(fi).astype(np.int64), np.floor(fj).astype(np.int64)
    near_i = ((fi - i < MARGIN), np.ones(i.size, dtype=bool), (fi - i > 1 - MARGIN))
    near_j = ((fj - j < MARGIN), np.ones(j.size, dtype=bool), (fj - j > 1 - MARGIN))
    edge = np.zeros((ny, nx), dtype=bool)
    for di, mi in zip((-1, 0, 1), near_i, strict=True):
        for dj, mj in zip((-1, 0, 1), near_j, strict=True):
            m = mi & mj
            edge[np.clip(j[m] + dj, 0, ny - 1), np.clip(i[m] + di, 0, nx - 1)] = True
    # Regions no boundary crosses: one exact test per region (at any of its cells' centres).
    regions, n_regions = ndimage.label(~edge)
    flat = regions.ravel()
    some_cell = np.zeros(n_regions + 1, dtype=np.int64)
    some_cell[flat] = np.arange(flat.size)
    cells = some_cell[1:]
    region_zone, region_hits = locate_exact(
        x0 + (cells % nx + 0.5) * cell, y0 + (cells // nx + 0.5) * cell, geoms
    )
    label_type = np.int16 if len(geoms) < 32_000 else np.int32
    label = np.concatenate([[EDGE], region_zone]).astype(label_type)[flat]
    hits = np.concatenate([[0], region_hits]).astype(np.int16)[flat]
    return ZoneIndex(
        geoms=geoms,
        x0=float(x0),
        y0=float(y0),
        cell=cell,
        nx=nx,
        ny=ny,
        label=label,
        hits=hits,
        n_edge_cells=int(edge.sum()),
    )


__all__ = ["EDGE", "ZoneIndex", "build_zone_index", "locate_exact"]
