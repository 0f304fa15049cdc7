"""Point-in-zone location: the exact test (strips + prepared polygons) and an index of zone interiors.

:func:`locate_exact` tests every point against the zones whose bounding box holds it. A
:class:`ZoneIndex` answers most points without any geometric test: it covers the zones' extent with
a grid whose cells are either *edge* cells (a zone boundary may pass through them) or lie wholly in
the same set of zones (their interior or outside all). Each point looks its cell up; a point in an
edge cell is tested exactly, and only against the few zones that may hold some of that cell (its
*candidates*), all such tests in one vectorised call. The answer is the same as
:func:`locate_exact`'s for every point — points on a boundary included — because no boundary
crosses a non-edge cell.

How the cells are found: every zone's boundary is sampled every eighth of a cell, so each cell it
touches lies within a sixteenth of a cell of a sample; every cell within an eighth of a cell of a
sample is an edge cell, and that zone one of its candidates. A zone that holds part of an edge cell
without its boundary touching the cell holds the whole cell, its centre included: the zones holding
each edge cell's centre are its other candidates. The remaining cells fall into 4-connected regions
no boundary crosses (``scipy.ndimage.label``), and one cell centre per region is located exactly:
the region's label is that zone (-1: outside all), or, where zones overlap, a code for the set.
Build it once per zone layer (like a database's spatial index) and pass it to
:func:`geo.evaluation.metrics.assign_zones`.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import shapely

EDGE = -2  # label of an edge cell: its points are tested exactly against its candidates
OVERLAP = -3  # labels OVERLAP - k: cells wholly inside the k-th set of several zones
CELLS_PER_ZONE = 16_384  # grid size: this many cells per zone, ...
MIN_CELLS, MAX_CELLS = 1_000_000, 8_000_000  # ... within these bounds (8 M cells: 16 MB at int16)
SPACING = 1 / 8  # boundary samples, in cells
MARGIN = 1 / 8  # a cell within this distance (in cells) of a sample is an edge cell
PARALLEL_PAIRS = 20_000  # exact tests split over a pool's threads from this many on


def zones_by_point(
    x: np.ndarray, y: np.ndarray, geoms: np.ndarray, *, pool: ThreadPoolExecutor | None = None
) -> Iterator[tuple[int, np.ndarray]]:
    """For each zone in order, the indices of the points it holds (boundary included).

    Points are bucketed into vertical strips (a uint16 radix sort); each zone tests only the
    points of the strips its bounding box spans that also fall in the box, with the prepared
    polygon. With a ``pool``, zones are tested on its threads (GEOS releases the GIL).
    """
    bounds = shapely.bounds(geoms)
    finite = np.isfinite(x) & np.isfinite(y)
    gx0, gy0 = np.nanmin(bounds[:, 0]), np.nanmin(bounds[:, 1])
    gx1, gy1 = np.nanmax(bounds[:, 2]), np.nanmax(bounds[:, 3])
    inside_extent = finite & (x >= gx0) & (x <= gx1) & (y >= gy0) & (y <= gy1)
    cand_all = np.flatnonzero(inside_extent)
    if cand_all.size == 0:
        return
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
        if found is not None and found.size:
            yield z, found


def locate_exact(
    x: np.ndarray, y: np.ndarray, geoms: np.ndarray, *, pool: ThreadPoolExecutor | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Index of the first zone intersecting each point (-1 if none) and hit counts.

    Points on a boundary count as inside (like ``intersects``). With a ``pool``, zones are tested
    on its threads; results are merged in zone order.
    """
    zone_idx = np.full(x.size, -1, dtype=np.int64)
    hits = np.zeros(x.size, dtype=np.int32)
    for z, found in zones_by_point(x, y, geoms, pool=pool):
        hits[found] += 1
        first = found[zone_idx[found] < 0]
        zone_idx[first] = z
    return zone_idx, hits


@dataclass(frozen=True, eq=False)
class ZoneIndex:
    """A grid over the zones' extent, with a border of one cell all round (outside every zone).

    ``label`` holds per cell the zone holding it (-1 none, ``EDGE`` test exactly, ``OVERLAP - k``
    the k-th set of overlapping zones: first zone ``overlap_first[k]``, ``overlap_hits[k]`` zones).
    Edge cells (``edge_cells``, sorted) have their candidate zones in ``candidates[starts[e]:
    starts[e + 1]]`` (ascending). ``geoms`` are the zone geometries it was built from (the same
    objects: :meth:`matches` checks identity, so an index never answers for other zones)."""

    geoms: np.ndarray
    x0: float
    y0: float
    cell: float
    nx: int
    ny: int
    label: np.ndarray  # int16 (int32 for 32,000 zones or more), (ny + 2) * (nx + 2)
    edge_cells: np.ndarray  # int64, sorted
    starts: np.ndarray  # int64, len(edge_cells) + 1
    candidates: np.ndarray  # int32
    overlap_first: np.ndarray  # int64
    overlap_hits: np.ndarray  # int32
    n_edge_cells: int

    @property
    def n_cells(self) -> int:
        """Cells of the grid (its border not counted)."""
        return self.nx * self.ny

    def matches(self, geoms: np.ndarray) -> bool:
        """Whether ``geoms`` are the very geometries the index was built from, in the same order."""
        return len(geoms) == len(self.geoms) and all(a is b for a, b in zip(geoms, self.geoms, strict=True))

    def cells_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The (bordered) grid cell of each point: off the grid or NaN, a border cell."""
        inv = 1.0 / self.cell
        with np.errstate(invalid="ignore"):
            fi = (x - self.x0) * inv
            fi += 1.0
            fj = (y - self.y0) * inv
            fj += 1.0
        # fmax/fmin map NaN to the bound: border cells (outside every zone).
        np.fmax(fi, 0.0, out=fi)
        np.fmin(fi, self.nx + 1, out=fi)
        np.fmax(fj, 0.0, out=fj)
        np.fmin(fj, self.ny + 1, out=fj)
        cells = fj.astype(np.int64)
        cells *= self.nx + 2
        cells += fi.astype(np.int64)
        return cells

    def is_edge(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether each point lies in an edge cell (is tested exactly)."""
        return self.label[self.cells_of(x, y)] == EDGE

    def locate(
        self, x: np.ndarray, y: np.ndarray, *, pool: ThreadPoolExecutor | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The same answer as :func:`locate_exact` for these zones: first zone (-1) and hit counts."""
        cells = self.cells_of(x, y)
        label = self.label[cells]
        zone_idx = label.astype(np.int64)
        hits = (label >= 0).view(np.int8).astype(np.int32)
        special = np.flatnonzero(label < -1)
        if special.size == 0:
            return zone_idx, hits
        special_label = label[special]
        overlap = special_label <= OVERLAP
        if overlap.any():
            k = OVERLAP - special_label[overlap].astype(np.int64)
            zone_idx[special[overlap]] = self.overlap_first[k]
            hits[special[overlap]] = self.overlap_hits[k]
        edge = special[~overlap]
        if edge.size:
            zone_idx[edge], hits[edge] = self.test_edge_points(x[edge], y[edge], cells[edge], pool=pool)
        return zone_idx, hits

    def test_edge_points(
        self, x: np.ndarray, y: np.ndarray, cells: np.ndarray, *, pool: ThreadPoolExecutor | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """First zone and hit count of points in edge cells: each against its cell's candidates."""
        pos = np.searchsorted(self.edge_cells, cells)
        first = self.starts[pos]
        counts = self.starts[pos + 1] - first
        ends = np.cumsum(counts)
        total = int(ends[-1])
        offsets = ends - counts
        pair_point = np.repeat(np.arange(x.size), counts)
        pair_zone = self.candidates[np.arange(total) - np.repeat(offsets - first, counts)]
        geoms = self.geoms[pair_zone]
        px, py = x[pair_point], y[pair_point]
        if pool is not None and total >= PARALLEL_PAIRS:
            half = total // 2
            parts = [(geoms[:half], px[:half], py[:half]), (geoms[half:], px[half:], py[half:])]
            inside = np.concatenate(list(pool.map(lambda p: shapely.intersects_xy(*p), parts)))
        else:
            inside = shapely.intersects_xy(geoms, px, py)
        hits = np.bincount(pair_point, weights=inside, minlength=x.size).astype(np.int32)
        big = np.iinfo(np.int64).max
        zone_idx = np.minimum.reduceat(np.where(inside, pair_zone.astype(np.int64), big), offsets)
        zone_idx[zone_idx == big] = -1
        return zone_idx, hits


def edge_candidates(
    geoms: np.ndarray, x0: float, y0: float, cell: float, nx: int, ny: int
) -> tuple[np.ndarray, np.ndarray]:
    """(bordered cell, zone) of every cell within ``MARGIN`` cells of a sample of that zone's
    boundary, unique and sorted by cell then zone."""
    rings = shapely.segmentize(shapely.boundary(geoms), cell * SPACING)
    xy, zone = shapely.get_coordinates(rings, return_index=True)
    fi = (xy[:, 0] - x0) / cell
    fj = (xy[:, 1] - y0) / cell
    i, j = np.floor(fi).astype(np.int64), np.floor(fj).astype(np.int64)
    near_i = ((fi - i < MARGIN), None, (fi - i > 1 - MARGIN))
    near_j = ((fj - j < MARGIN), None, (fj - j > 1 - MARGIN))
    n_zones = len(geoms)
    keys = []
    for di, mi in zip((-1, 0, 1), near_i, strict=True):
        for dj, mj in zip((-1, 0, 1), near_j, strict=True):
            m = mi if mj is None else (mj if mi is None else mi & mj)
            sel = slice(None) if m is None else m
            ci = np.clip(i[sel] + di, 0, nx - 1) + 1
            cj = np.clip(j[sel] + dj, 0, ny - 1) + 1
            keys.append((cj * (nx + 2) + ci) * n_zones + zone[sel])
    keys = np.unique(np.concatenate(keys))
    return keys // n_zones, keys % n_zones


def build_zone_index(geoms: np.ndarray, *, target_cells: int | None = None) -> ZoneIndex:
    """The :class:`ZoneIndex` of ``geoms`` (polygons in a projected or geographic CRS).

    ``target_cells`` sets the grid size (default: 16,384 cells per zone, 1 to 8 million).
    """
    from scipy import ndimage

    geoms = np.asarray(geoms, dtype=object)
    shapely.prepare(geoms)
    bounds = shapely.bounds(geoms)
    x0, y0 = np.nanmin(bounds[:, 0]), np.nanmin(bounds[:, 1])
    x1, y1 = np.nanmax(bounds[:, 2]), np.nanmax(bounds[:, 3])
    target = target_cells or min(MAX_CELLS, max(MIN_CELLS, CELLS_PER_ZONE * len(geoms)))
    width, height = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    cell = float(np.sqrt(width * height / target))
    nx, ny = int(width // cell) + 1, int(height // cell) + 1
    row = nx + 2
    touched_cell, touched_zone = edge_candidates(geoms, x0, y0, cell, nx, ny)
    edge = np.zeros((ny + 2) * row, dtype=bool)
    edge[touched_cell] = True
    edge = edge.reshape(ny + 2, row)
    # Regions no boundary crosses: one exact test per region (at any of its cells' centres).
    interior = ~edge
    interior[0, :] = interior[-1, :] = interior[:, 0] = interior[:, -1] = False
    regions, n_regions = ndimage.label(interior)
    flat = regions.ravel()
    some_cell = np.zeros(n_regions + 1, dtype=np.int64)
    some_cell[flat] = np.arange(flat.size)
    cells = some_cell[1:]
    centre_x = x0 + (cells % row - 0.5) * cell
    centre_y = y0 + (cells // row - 0.5) * cell
    region_zone, region_hits = locate_exact(centre_x, centre_y, geoms)
    # Sets of overlapping zones: one code per (first zone, count); no boundary crosses them.
    multi = region_hits > 1
    pairs = np.unique(np.column_stack([region_zone[multi], region_hits[multi]]), axis=0)
    code = (
        np.searchsorted(
            pairs[:, 0] * (len(geoms) + 1) + pairs[:, 1],
            (region_zone * (len(geoms) + 1) + region_hits)[multi],
        )
        if multi.any()
        else np.zeros(0, dtype=np.int64)
    )
    region_label = region_zone.copy()
    region_label[multi] = OVERLAP - code
    label_type = np.int16 if len(geoms) < 32_000 and len(pairs) < 32_000 else np.int32
    label = np.concatenate([[EDGE], region_label]).astype(label_type)[flat]
    border = np.zeros((ny + 2, row), dtype=bool)
    border[0, :] = border[-1, :] = border[:, 0] = border[:, -1] = True
    label[border.ravel() & ~edge.ravel()] = -1
    # Edge cells: candidates are the zones whose boundary touches them and those holding the centre.
    edge_cells = np.flatnonzero(edge.ravel())
    ex = x0 + (edge_cells % row - 0.5) * cell
    ey = y0 + (edge_cells // row - 0.5) * cell
    held_cell, held_zone = [touched_cell], [touched_zone]
    for z, found in zones_by_point(ex, ey, geoms):
        held_cell.append(edge_cells[found])
        held_zone.append(np.full(found.size, z, dtype=np.int64))
    keys = np.unique(np.concatenate(held_cell) * len(geoms) + np.concatenate(held_zone))
    cand_cell, cand_zone = keys // len(geoms), keys % len(geoms)
    starts = np.searchsorted(cand_cell, np.append(edge_cells, edge.size))
    return ZoneIndex(
        geoms=geoms,
        x0=float(x0),
        y0=float(y0),
        cell=cell,
        nx=nx,
        ny=ny,
        label=label,
        edge_cells=edge_cells,
        starts=starts.astype(np.int64),
        candidates=cand_zone.astype(np.int32),
        overlap_first=pairs[:, 0].astype(np.int64) if multi.any() else np.zeros(0, dtype=np.int64),
        overlap_hits=pairs[:, 1].astype(np.int32) if multi.any() else np.zeros(0, dtype=np.int32),
        n_edge_cells=int(edge_cells.size),
    )


__all__ = [
    "EDGE",
    "OVERLAP",
    "ZoneIndex",
    "build_zone_index",
    "edge_candidates",
    "locate_exact",
    "zones_by_point",
]
