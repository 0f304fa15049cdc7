"""Synthetic land parcels (宗地) of the Wujiang demo enterprises, for ``data/build.py``.

Every enterprise gets one parcel (some two) of the land its record was generated with, placed as a
rectangle on a 10 m grid in EPSG:4549 as close to the enterprise's point as a free spot inside its
区镇 allows: parcels keep at least one grid cell (10 m) from each other, small ones also stay off a
schematic street grid (a 30 m street every 600 m), so they line up in industrial blocks. The
enterprise's point is then moved into its first parcel, and its ``land_mu`` becomes the sum of its
parcels' areas measured in EPSG:4549 (the generated figure goes). Some parcels are idle (闲置, no
enterprise). Parcel ids are stable per enterprise: ``ZD-<ent_id>-<k>`` (k = 1, 2), idle ``ZD-XZ<nnnn>``.

Parcel attributes (units in the names; Chinese labels in ``geo.land.parcels.PARCEL_LABELS``):
``parcel_id`` 宗地编号, ``ent_id`` 企业编号 (empty when idle), ``town``, ``land_use`` 用地性质 (M1/M2/M3),
``area_mu``, ``far`` 容积率, ``coverage_pct`` 建筑系数 (%), ``investment_wan_yuan`` 固定资产投资 (万元),
``invest_per_mu_wan_yuan`` 投资强度 (万元/亩), ``grant_year`` 供地年份, ``idle``; for parcels granted from
2016 on the grant contract's promises: ``promised_invest_per_mu_wan_yuan``, ``promised_far``,
``promised_tax_per_mu_wan_yuan`` and ``promised_full_year`` (约定达产年份). All synthetic.

The draws come from their own generator (``PARCEL_SEED_KEY`` beside the build's seed), so adding
draws elsewhere in the build does not move the parcels, and vice versa.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.spatial.crs import ANALYSIS_CRS, STORAGE_CRS
from geo.spatial.measure import M2_PER_MU, area_mu
from geo.storage.schema import PARCELS

PARCEL_SEED_KEY = 11  # issue 11; the generator is default_rng([SEED, PARCEL_SEED_KEY])
CELL_M = 10.0  # grid cell (m); parcels keep one cell apart
STREET_EVERY_CELLS = 60  # a schematic street every 600 m ...
STREET_CELLS = 3  # ... 30 m wide; parcels wider than a block may cross it
EDGE_M = 40.0  # parcels stay this far inside their 区镇
SEARCH_RADII_CELLS = (30, 100, 300, 1000, 4000)  # search windows (cells) around the point, in turn
SECOND_PARCEL_SHARE = 0.12  # enterprises on >= 5 亩 with a second parcel
N_IDLE = 420  # idle parcels (闲置), no enterprise
CONTRACT_FROM_YEAR = 2016  # grant contracts with promises (标准地 / 投入产出监管合同) from this year on
COORD_DECIMALS = 6

# 用地性质 mix by industry (M1 一类, M2 二类, M3 三类工业用地), our assumption.
LAND_USE_MIX = {
    "高端装备": (0.55, 0.40, 0.05),
    "高端纺织": (0.30, 0.55, 0.15),  # 印染 is M2/M3
    "新材料": (0.15, 0.50, 0.35),
    "生物医药和医疗器械": (0.60, 0.35, 0.05),
    "新一代信息技术": (0.80, 0.20, 0.00),
    "光电通信": (0.50, 0.45, 0.05),
    "其他制造业": (0.45, 0.45, 0.10),
}
# Median 容积率 by industry (log-normal, sigma FAR_SIGMA): roughly one parcel in eight below the
# national minimum of its industry (geo/land/land_control.yaml); our assumption.
FAR_MEDIAN = {
    "高端装备": 1.05,
    "高端纺织": 1.15,
    "新材料": 0.95,
    "生物医药和医疗器械": 1.10,
    "新一代信息技术": 1.45,
    "光电通信": 1.05,
    "其他制造业": 1.00,
}
FAR_SIGMA = 0.3
COVERAGE_MEAN_PCT, COVERAGE_SD_PCT = 46.0, 10.0
INVEST_MEDIAN_WAN_YUAN_PER_MU = 260.0


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, PARCEL_SEED_KEY])


class _Grid:
    """The 10 m grid over Wujiang: which 区镇 each cell is in, and which cells are taken."""

    def __init__(self, towns_m: gpd.GeoDataFrame) -> None:
        minx, miny, maxx, maxy = towns_m.total_bounds
        self.x0, self.y0 = minx, miny
        self.nx = int(np.ceil((maxx - minx) / CELL_M))
        self.ny = int(np.ceil((maxy - miny) / CELL_M))
        self.town = np.full((self.ny, self.nx), -1, dtype=np.int8)
        for code, geom in enumerate(towns_m.geometry):
            inner = geom.buffer(-EDGE_M)
            bx0, by0, bx1, by1 = inner.bounds
            i0, i1 = self._col(bx0), min(self.nx, self._col(bx1) + 1)
            j0, j1 = self._row(by0), min(self.ny, self._row(by1) + 1)
            cx = self.x0 + (np.arange(i0, i1) + 0.5) * CELL_M
            cy = self.y0 + (np.arange(j0, j1) + 0.5) * CELL_M
            inside = cells_inside(inner, cx, cy)
            block = self.town[j0:j1, i0:i1]
            block[inside] = code
        self.taken = np.zeros((self.ny, self.nx), dtype=bool)
        rows = np.arange(self.ny) % STREET_EVERY_CELLS < STREET_CELLS
        cols = np.arange(self.nx) % STREET_EVERY_CELLS < STREET_CELLS
        self.street = rows[:, None] | cols[None, :]

    def _col(self, x: float) -> int:
        return max(0, int((x - self.x0) // CELL_M))

    def _row(self, y: float) -> int:
        return max(0, int((y - self.y0) // CELL_M))

    def place(self, x: float, y: float, w: int, h: int, town: int) -> tuple[int, int] | None:
        """Lower-left cell of the free ``w`` x ``h`` spot in ``town`` nearest (x, y), or None.

        Free: no taken cell within one cell of it, every cell in ``town`` and, for parcels smaller
        than a block, off the streets. Candidates are tested all at once with summed-area tables
        of a window around (x, y) that grows until a spot is found.
        """
        ci, cj = self._col(x) - w // 2, self._row(y) - h // 2
        small = w < STREET_EVERY_CELLS - STREET_CELLS and h < STREET_EVERY_CELLS - STREET_CELLS
        for radius in SEARCH_RADII_CELLS:
            i0, i1 = max(1, ci - radius), min(self.nx - w - 2, ci + radius)
            j0, j1 = max(1, cj - radius), min(self.ny - h - 2, cj + radius)
            if i1 < i0 or j1 < j0:
                continue
            win = np.s_[j0 - 1 : j1 + h + 2, i0 - 1 : i1 + w + 2]
            blocked = _box_sums(self.taken[win], h + 2, w + 2)  # at (j - 1, i - 1): padded box
            bad = self.town[win] != town
            if small:
                bad = bad | self.street[win]
            outside = _box_sums(bad, h, w)[1:, 1:]  # at (j, i)
            nj, ni = j1 - j0 + 1, i1 - i0 + 1
            ok = (blocked[:nj, :ni] == 0) & (outside[:nj, :ni] == 0)
            if not ok.any():
                continue
            jj, ii = np.nonzero(ok)
            d2 = (ii + i0 - ci) ** 2 + (jj + j0 - cj) ** 2
            best = int(np.argmin(d2))
            i, j = int(ii[best] + i0), int(jj[best] + j0)
            self.taken[j : j + h, i : i + w] = True
            return i, j
        return None


def cells_inside(polygon, cx: np.ndarray, cy: np.ndarray, *, block: int = 32) -> np.ndarray:
    """``shapely.contains_xy(polygon, x, y)`` for every (cx[i], cy[j]) of a grid, as a (ny, nx) mask.

    The same answer as testing every point, found faster: blocks of ``block`` x ``block`` points
    whose box lies in the polygon's interior are all inside, blocks whose box misses it all
    outside; only the points of blocks on the boundary are tested one by one.
    """
    ny, nx = cy.size, cx.size
    out = np.zeros((ny, nx), dtype=bool)
    if nx == 0 or ny == 0:
        return out
    shapely.prepare(polygon)
    bi = np.arange(0, nx, block)
    bj = np.arange(0, ny, block)
    x0, x1 = cx[bi], cx[np.minimum(bi + block, nx) - 1]
    y0, y1 = cy[bj], cy[np.minimum(bj + block, ny) - 1]
    jj, ii = np.meshgrid(np.arange(bj.size), np.arange(bi.size), indexing="ij")
    boxes = shapely.box(x0[ii], y0[jj], x1[ii], y1[jj])
    full = shapely.contains_properly(polygon, boxes)
    edge = ~full & shapely.intersects(polygon, boxes)
    for j, i in zip(*np.nonzero(full), strict=True):
        out[bj[j] : bj[j] + block, bi[i] : bi[i] + block] = True
    for j, i in zip(*np.nonzero(edge), strict=True):
        sx, sy = cx[bi[i] : bi[i] + block], cy[bj[j] : bj[j] + block]
        gx, gy = np.meshgrid(sx, sy)
        out[bj[j] : bj[j] + block, bi[i] : bi[i] + block] = shapely.contains_xy(polygon, gx, gy)
    return out


def _box_sums(mask: np.ndarray, h: int, w: int) -> np.ndarray:
    """Sum of ``mask`` over every h x w box, indexed by its lower-left cell (summed-area table)."""
    s = np.zeros((mask.shape[0] + 1, mask.shape[1] + 1), dtype=np.int32)
    np.cumsum(np.cumsum(mask, axis=0, dtype=np.int32), axis=1, out=s[1:, 1:])
    return s[h:, w:] - s[:-h, w:] - s[h:, :-w] + s[:-h, :-w]


def _shape(area_m2: float, rng: np.random.Generator) -> tuple[int, int, float, float]:
    """Cells (w, h) of a parcel of ``area_m2`` and its exact width and height in metres."""
    aspect = rng.uniform(1.0, 2.2)
    cells = area_m2 / CELL_M**2
    w = max(1, int(round(np.sqrt(cells * aspect))))
    if rng.random() < 0.5:  # half of them stand upright
        h = max(1, int(np.ceil(cells / w)))
        return w, h, w * CELL_M, area_m2 / (w * CELL_M)
    h = max(1, int(round(np.sqrt(cells * aspect))))
    w = max(1, int(np.ceil(cells / h)))
    return w, h, area_m2 / (h * CELL_M), h * CELL_M


def _attributes(
    industry: pd.Series, area: np.ndarray, idle: np.ndarray, tax_per_mu: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    n = len(industry)
    ind = industry.fillna("其他制造业").to_numpy()
    u = rng.random(n)
    mix = np.array([LAND_USE_MIX[i] for i in ind])
    land_use = np.where(u < mix[:, 0], "M1", np.where(u < mix[:, 0] + mix[:, 1], "M2", "M3"))
    far = np.array([FAR_MEDIAN[i] for i in ind]) * rng.lognormal(0.0, FAR_SIGMA, n)
    coverage = np.clip(rng.normal(COVERAGE_MEAN_PCT, COVERAGE_SD_PCT, n), 12.0, 78.0)
    invest_per_mu = INVEST_MEDIAN_WAN_YUAN_PER_MU * rng.lognormal(0.0, 0.5, n)
    grant_year = rng.integers(1995, 2025, n)
    # Idle land (闲置): granted, not built on, nothing invested.
    far = np.where(idle, 0.0, far)
    coverage = np.where(idle, 0.0, coverage)
    invest_per_mu = np.where(idle, 0.0, invest_per_mu)
    grant_year = np.where(idle, rng.integers(2014, 2023, n), grant_year)
    contract = grant_year >= CONTRACT_FROM_YEAR
    # Promises near what was later achieved (each promise kept in about four contracts of five);
    # idle parcels promised what a typical plant of the area achieves.
    promised_invest = (
        np.round(
            np.where(idle, INVEST_MEDIAN_WAN_YUAN_PER_MU, invest_per_mu) * rng.uniform(0.6, 1.08, n) / 10
        )
        * 10
    )
    promised_far = np.round(np.maximum(np.where(idle, 1.2, far) * rng.uniform(0.6, 1.08, n), 0.6), 1)
    base_tax = np.where(idle | ~np.isfinite(tax_per_mu), 20.0, tax_per_mu)
    promised_tax = np.maximum(1.0, np.round(base_tax * rng.uniform(0.6, 1.1, n)))
    promised_year = grant_year + rng.integers(2, 4, n)
    out = pd.DataFrame(
        {
            "land_use": land_use,
            "far": np.round(far, 2),
            "coverage_pct": np.round(coverage, 1),
            "investment_wan_yuan": np.round(invest_per_mu * area, 1),
            "grant_year": grant_year.astype("int64"),
            "promised_invest_per_mu_wan_yuan": np.where(contract, promised_invest, np.nan),
            "promised_far": np.where(contract, promised_far, np.nan),
            "promised_tax_per_mu_wan_yuan": np.where(contract, promised_tax, np.nan),
            "promised_full_year": pd.array(np.where(contract, promised_year, 0), dtype="Int64"),
        }
    )
    out.loc[~contract, "promised_full_year"] = pd.NA
    return out


def build_parcels(
    towns: gpd.GeoDataFrame, enterprises: gpd.GeoDataFrame, *, seed: int, n_idle: int = N_IDLE
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The parcels, and a copy of ``enterprises`` moved into their parcels with land from them.

    Parameters
    ----------
    towns
        The 区镇 zones (``name``, polygons, any CRS).
    enterprises
        The generated enterprises (``ent_id``, ``town``, ``industry``, ``land_mu``, points); its
        ``land_mu`` gives each enterprise's land to place, and is then replaced by the parcel sum.
    seed
        The build's seed; the parcels draw from ``default_rng([seed, PARCEL_SEED_KEY])``.
    n_idle
        How many idle parcels to add (the Wujiang demo's ``N_IDLE`` by default).

    Returns
    -------
    (parcels, enterprises), both in EPSG:4326.
    """
    rng = _rng(seed)
    towns_m = towns.to_crs(ANALYSIS_CRS).reset_index(drop=True)
    town_code = {name: i for i, name in enumerate(towns_m["name"])}
    grid = _Grid(towns_m)
    ent_m = enterprises.to_crs(ANALYSIS_CRS)
    # What to place: each enterprise's land as one parcel, or two (60/40) for some on >= 5 亩.
    land = ent_m["land_mu"].to_numpy(dtype="float64")
    split = (land >= 5.0) & (rng.random(len(land)) < SECOND_PARCEL_SHARE)
    share = rng.uniform(0.55, 0.75, len(land))
    rows = []
    for i, ent in enumerate(ent_m.itertuples(index=False)):
        parts = (share[i], 1.0 - share[i]) if split[i] else (1.0,)
        for k, part in enumerate(parts, start=1):
            rows.append((f"ZD-{ent.ent_id}-{k}", ent.ent_id, ent.town, ent.industry, land[i] * part, i, k))
    # Idle parcels: near a random enterprise of a random town, 2–40 亩.
    anchors = rng.integers(0, len(ent_m), n_idle)
    idle_mu = np.clip(rng.lognormal(np.log(8.0), 0.8, n_idle), 2.0, 40.0)
    for n, (a, mu) in enumerate(zip(anchors, idle_mu, strict=True), start=1):
        rows.append((f"ZD-XZ{n:04d}", None, ent_m["town"].iloc[a], None, mu, a, 0))
    todo = pd.DataFrame(rows, columns=["parcel_id", "ent_id", "town", "industry", "target_mu", "anchor", "k"])
    # Largest first: big plants get the spots next to their points, small ones fill in around.
    order = np.argsort(-todo["target_mu"].to_numpy(), kind="stable")
    ax = ent_m.geometry.x.to_numpy()
    ay = ent_m.geometry.y.to_numpy()
    boxes = [None] * len(todo)
    # Plain arrays, not a row Series per parcel (pandas' row access was a third of the build).
    target, anchor, kth = (todo[c].to_numpy() for c in ("target_mu", "anchor", "k"))
    town_of, ids = todo["town"].to_numpy(), todo["parcel_id"].to_numpy()
    for idx in order:
        w, h, w_m, h_m = _shape(target[idx] * M2_PER_MU, rng)
        x, y = ax[anchor[idx]], ay[anchor[idx]]
        if kth[idx] == 0:  # idle: somewhere near the anchor's cluster, not on top of it
            x, y = x + rng.normal(0, 800), y + rng.normal(0, 800)
        code = town_code[town_of[idx]]
        spot = grid.place(x, y, w, h, code)
        if spot is None:
            raise RuntimeError(f"no room for parcel {ids[idx]} ({target[idx]:.1f} 亩) in {town_of[idx]}")
        i, j = spot
        x0, y0 = grid.x0 + i * CELL_M, grid.y0 + j * CELL_M
        boxes[idx] = shapely.box(x0, y0, x0 + w_m, y0 + h_m)
    parcels = gpd.GeoDataFrame(
        todo[["parcel_id", "ent_id", "town", "industry"]], geometry=boxes, crs=ANALYSIS_CRS
    )
    wgs = parcels.to_crs(STORAGE_CRS)
    wgs["geometry"] = shapely.set_precision(wgs.geometry.values, 10**-COORD_DECIMALS)
    measured = area_mu(wgs.to_crs(ANALYSIS_CRS)).to_numpy()
    idle = todo["ent_id"].isna().to_numpy()
    ent_tax = ent_m.set_index("ent_id")["tax_wan_yuan"] / ent_m.set_index("ent_id")["land_mu"]
    tax_per_mu = todo["ent_id"].map(ent_tax).astype("float64").to_numpy()
    attrs = _attributes(todo["industry"], measured, idle, tax_per_mu, rng)
    out = pd.DataFrame(
        {
            "parcel_id": todo["parcel_id"],
            "ent_id": todo["ent_id"],
            "town": todo["town"],
            "area_mu": np.round(measured, 2),
            "idle": idle,
        }
    )
    out = pd.concat([out, attrs], axis=1)
    out["invest_per_mu_wan_yuan"] = np.round(
        np.divide(out["investment_wan_yuan"], measured, out=np.zeros(len(out)), where=measured > 0), 1
    )
    out = out[list(PARCELS.columns)]
    parcels = gpd.GeoDataFrame(out, geometry=wgs.geometry.values, crs=STORAGE_CRS)
    parcels = parcels.sort_values("parcel_id", kind="stable").reset_index(drop=True)
    # Enterprises: land from their parcels (EPSG:4549), point moved into the first parcel.
    sums = pd.Series(measured[~idle], index=todo["ent_id"][~idle].to_numpy()).groupby(level=0).sum()
    ents = enterprises.copy()
    ents["land_mu"] = ents["ent_id"].map(sums).round(2).to_numpy()
    first = parcels[parcels["parcel_id"].str.endswith("-1") & ~parcels["idle"]].set_index("ent_id")
    inner = first.geometry.to_crs(ANALYSIS_CRS).representative_point().to_crs(STORAGE_CRS)
    points = ents["ent_id"].map(inner)
    ents["geometry"] = shapely.set_precision(
        gpd.GeoSeries(points.to_numpy(), crs=STORAGE_CRS).values, 10**-COORD_DECIMALS
    )
    ents = gpd.GeoDataFrame(ents, geometry="geometry", crs=STORAGE_CRS)
    return parcels, ents
