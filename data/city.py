"""Synthetic Suzhou-wide enterprises, two years (2021, 2022), for the city-scale 亩均 evaluation.

The whole city's demo year: about 120,000 industrial enterprises (the size of Suzhou's own
resource-efficiency system, docs/domain.md §4) in the 9 county-level districts, of which exactly
13,383 are 规上 in 2022 with 规上 sales summing to 4.36 万亿元 (seed 001: "2022 年规上工业总产值达 4.36
万亿元 ... 规上工业企业总数达 13383 家"; we take 产值 ≈ 销售收入). A small ``n_enterprises`` scales
both figures in proportion (tests use a few thousand).

Placement follows the seeds: each district's industry mix leans to its cluster focus (seed 004,
2022 guidance item 13, our mapping onto the six key industries of seed 000 in
:data:`FOCUS_INDUSTRIES`), and an enterprise of a key industry clusters around a carrier park of that
industry in its district (seed 000's table, the ``dev_zones`` layer) when there is one. Counts per
district (:data:`DISTRICT_SHARE`), the industry mix, the financial ratios and the target 亩均税收 per
industry are our assumptions, labelled as such in the layer provenance.

2021 is derived from 2022: survivors shrink back by their industry's growth and their own noise,
2022's entrants (3 %) are absent, and 2 % more enterprises (more often weak ones) are present in
2021 only (closed at its end). Every draw comes from one generator seeded with ``seed``; the same
arguments give the same tables. Nothing here describes a real enterprise.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from data.names import synthetic_names
from geo.catalogue import above_scale_min_sales_wan_yuan
from geo.spatial.crs import ANALYSIS_CRS
from geo.storage.schema import ENTERPRISES

CITY_SEED = 20221231  # fixed: the city demo is reproducible
N_CITY = 120_000  # enterprises in Suzhou's system (docs/domain.md §4)
N_ABOVE_2022 = 13_383  # 规上 enterprises, 2022 (seed 001)
ABOVE_SALES_2022_YI_YUAN = 43_600.0  # 规上工业总产值 4.36 万亿元, 2022 (seed 001), taken as 规上 sales
YEARS = (2021, 2022)
ABOVE_SCALE_SALES_WAN_YUAN = above_scale_min_sales_wan_yuan()  # 2,000 万元 (geo/catalogue.yaml)
ENTRY_SHARE = 0.03  # 2022's enterprises that entered in 2022 (absent in 2021)
EXIT_SHARE = 0.02  # 2021's enterprises that closed at the end of 2021 (absent in 2022)

# The 9 county-level districts (adcode, name, short name for names and places, share of enterprises).
# Shares are our assumption (no per-district count in the seeds); 吴中区 includes SIP (a functional
# zone whose land lies in the 吴中区 boundary of the districts layer).
DISTRICTS = (
    ("320505", "虎丘区（苏州高新区）", "高新区", 0.08),
    ("320506", "吴中区", "吴中", 0.17),
    ("320507", "相城区", "相城", 0.09),
    ("320508", "姑苏区", "姑苏", 0.01),
    ("320509", "吴江区", "吴江", 0.14),
    ("320581", "常熟市", "常熟", 0.13),
    ("320582", "张家港市", "张家港", 0.11),
    ("320583", "昆山市", "昆山", 0.20),
    ("320585", "太仓市", "太仓", 0.07),
)
DISTRICT_NAMES = tuple(name for _, name, _, _ in DISTRICTS)
SHORT_NAME = {name: short for _, name, short, _ in DISTRICTS}

# The six key industries of seed 000 (先进制造业六大重点领域) and the rest of manufacturing.
CITY_INDUSTRIES = (
    "新一代电子信息",
    "高端装备制造",
    "新材料",
    "软件和集成电路",
    "新能源和节能环保",
    "医疗器械和生物医药",
    "其他制造业",
)
# Each district's cluster focus (seed 004 item 13) read onto those industries (our reading; focus
# words outside manufacturing — 检验检测, 数字金融, 数字创意, 高技术服务 — have no industry here).
# 吴中区 carries SIP's focus too (生物医药, 人工智能 -> 软件和集成电路, 纳米技术应用 -> 新材料).
FOCUS_INDUSTRIES = {
    "张家港市": ("新能源和节能环保", "软件和集成电路", "高端装备制造"),  # 新能源、特色半导体、高端装备
    "常熟市": ("新材料", "新能源和节能环保", "高端装备制造"),  # 声学材料、新能源、汽车
    "太仓市": ("高端装备制造", "医疗器械和生物医药", "新材料"),  # 高端装备及航空航天、生物医药、先进材料
    "昆山市": ("新一代电子信息", "高端装备制造", "医疗器械和生物医药"),  # 新一代信息技术、高端装备、小核酸
    "吴江区": ("新材料", "高端装备制造", "新一代电子信息"),  # 先进材料、高端装备、新一代信息技术
    "吴中区": ("高端装备制造", "医疗器械和生物医药", "软件和集成电路", "新材料"),  # + SIP
    "相城区": ("新材料", "新一代电子信息"),  # 先进材料、车联网
    "姑苏区": (),  # 数字创意、高技术服务
    "虎丘区（苏州高新区）": ("医疗器械和生物医药", "软件和集成电路"),  # 高端医疗器械、集成电路、软件
}
FOCUS_WEIGHT = 2.5  # a focus industry's count weight relative to the city-wide mix
# City-wide count mix (share of enterprises by industry, before the focus weights; assumption).
INDUSTRY_MIX = (0.16, 0.24, 0.16, 0.05, 0.07, 0.04, 0.28)
# Per industry: size offset (log sales), tax/sales, value added/sales, tce per 万元, kWh per 万元,
# R&D/sales, target 亩均税收 (万元/亩), m³ water per 万元, yearly growth 2021 -> 2022 (all assumptions).
PROFILE = {
    "新一代电子信息": (0.35, 0.030, 0.20, 0.012, 200, 0.045, 30.0, 3.0, 0.06),
    "高端装备制造": (0.15, 0.045, 0.24, 0.020, 180, 0.035, 25.0, 1.5, 0.05),
    "新材料": (0.20, 0.040, 0.22, 0.120, 600, 0.025, 20.0, 6.0, 0.07),
    "软件和集成电路": (0.10, 0.060, 0.35, 0.010, 250, 0.100, 45.0, 3.0, 0.10),
    "新能源和节能环保": (0.15, 0.040, 0.22, 0.030, 250, 0.035, 22.0, 2.0, 0.12),
    "医疗器械和生物医药": (0.00, 0.070, 0.35, 0.015, 150, 0.080, 40.0, 4.0, 0.08),
    "其他制造业": (-0.30, 0.035, 0.20, 0.050, 250, 0.010, 12.0, 2.5, 0.00),
}
PROFILE_KEYS = ("size", "tax", "va", "tce", "kwh", "rd", "tax_per_mu", "water", "growth")
CLUSTER_SHARE = 0.55  # of a key industry's enterprises around its carrier park in the district
LOCAL_SHARE = 0.25  # around one of the district's own industrial clusters (town-level)
N_LOCAL_CLUSTERS = 5
EDGE_M = 120.0  # points stay this far inside their district
BELOW_SPREAD = 1.1
LAND_AT_500_WAN_YUAN_MU = 3.0  # typical land of an enterprise selling 500 万元 a year (assumption)
LAND_SALES_EXPONENT = 0.6  # log-sales spread of 规下 enterprises below the threshold
AMOUNTS = ("sales_wan_yuan", "tax_wan_yuan", "value_added_wan_yuan", "rd_wan_yuan", "energy_tce")
# The Wujiang enterprise-years' columns (geo.storage.schema.ENTERPRISE_YEARS) at city scale: a district
# and a development zone where those have the 区镇, and no renewal link.
YEAR_COLUMNS = (
    "year",
    "ent_id",
    "name",
    "industry",
    "district",
    "dev_zone",
    *(c for c in ENTERPRISES.columns if c not in ("ent_id", "name", "industry", "town")),
    "start_year",
    "water_m3",
)


def scaled_targets(n_enterprises: int) -> tuple[int, float]:
    """规上 count and 规上 sales (万元) for a build of ``n_enterprises`` (the city's at 120,000)."""
    share = n_enterprises / N_CITY
    return int(round(N_ABOVE_2022 * share)), ABOVE_SALES_2022_YI_YUAN * 10_000 * share


def _sample_in(
    polygon, n: int, rng: np.random.Generator, centres: np.ndarray, spreads: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """n points in a prepared projected polygon: ``weights.sum()`` of them (a share) around ``centres``
    (each picked in proportion to its weight, Gaussian with its spread in m), the rest uniform."""
    minx, miny, maxx, maxy = polygon.bounds
    share = float(weights.sum()) if len(centres) else 0.0
    xs, ys = np.empty(0), np.empty(0)
    while xs.size < n:
        m = max(3 * (n - xs.size), 64)
        k = int(m * share)
        pick = rng.choice(len(centres), size=k, p=weights / share) if k else np.empty(0, dtype=int)
        cx = np.concatenate([rng.normal(centres[pick, 0], spreads[pick]), rng.uniform(minx, maxx, m - k)])
        cy = np.concatenate([rng.normal(centres[pick, 1], spreads[pick]), rng.uniform(miny, maxy, m - k)])
        inside = shapely.contains_xy(polygon, cx, cy)
        xs, ys = np.concatenate([xs, cx[inside]]), np.concatenate([ys, cy[inside]])
    keep = rng.permutation(xs.size)[:n]
    return xs[keep], ys[keep]


def _industry_weights(district: str) -> np.ndarray:
    focus = FOCUS_INDUSTRIES[district]
    w = np.array(
        [
            m * (FOCUS_WEIGHT if ind in focus else 1.0)
            for ind, m in zip(CITY_INDUSTRIES, INDUSTRY_MIX, strict=True)
        ]
    )
    return w / w.sum()


def place_enterprises(
    districts: gpd.GeoDataFrame, dev_zones: gpd.GeoDataFrame, n_total: int, rng: np.random.Generator
) -> pd.DataFrame:
    """District, industry and location (EPSG:4549 ``x``, ``y``) of ``n_total`` enterprises.

    Parameters
    ----------
    districts
        The ``districts`` layer (``name``, polygons).
    dev_zones
        The ``dev_zones`` layer (``zone_id``, ``name``, ``industries``, ``radius_km``, circles).
    n_total
        How many enterprises to place.
    rng
        The generator all draws come from.
    """
    dist_m = districts.to_crs(ANALYSIS_CRS).set_index("name").geometry
    zones_m = dev_zones.to_crs(ANALYSIS_CRS).reset_index(drop=True)
    centres = shapely.centroid(zones_m.geometry.to_numpy())
    shares = np.array([s for *_, s in DISTRICTS])
    counts = rng.multinomial(n_total, shares / shares.sum())
    frames = []
    for (_, name, _, _), n_d in zip(DISTRICTS, counts, strict=True):
        area = dist_m[name].buffer(-EDGE_M)
        shapely.prepare(area)
        here = shapely.contains_xy(area, shapely.get_x(centres), shapely.get_y(centres))
        none = np.empty((0, 2))
        local = np.column_stack(_sample_in(area, N_LOCAL_CLUSTERS, rng, none, np.empty(0), np.empty(0)))
        by_industry = rng.multinomial(n_d, _industry_weights(name))
        for industry, n_i in zip(CITY_INDUSTRIES, by_industry, strict=True):
            if n_i == 0:
                continue
            carries = zones_m["industries"].str.contains(industry, regex=False).to_numpy()
            parks = np.flatnonzero(here & carries)
            xy = np.vstack(
                [np.column_stack([shapely.get_x(centres[parks]), shapely.get_y(centres[parks])]), local]
            )
            spreads = np.concatenate(
                [zones_m["radius_km"].to_numpy()[parks] * 500.0, np.full(len(local), 2500.0)]
            )
            weights = np.concatenate(
                [
                    np.full(len(parks), CLUSTER_SHARE / max(len(parks), 1)),
                    np.full(len(local), LOCAL_SHARE / len(local)),
                ]
            )
            x, y = _sample_in(area, int(n_i), rng, xy, spreads, weights)
            frames.append(pd.DataFrame({"district": name, "industry": industry, "x": x, "y": y}))
    return pd.concat(frames, ignore_index=True)


def _profile(industry: pd.Series) -> pd.DataFrame:
    table = pd.DataFrame(PROFILE, index=list(PROFILE_KEYS)).T
    return table.loc[industry.to_numpy()].reset_index(drop=True)


def calibrated_sales(z: np.ndarray, n_above: int, above_total_wan_yuan: float) -> np.ndarray:
    """Sales (万元) from latent sizes ``z``: the ``n_above`` largest are 规上 (≥ the threshold) and
    sum to ``above_total_wan_yuan``; the others fall below the threshold.

    The 规上 ones are ``T · exp(a (z − t))`` with ``t`` between the ``n_above``-th and the next
    largest ``z`` and ``a`` found by bisection; the others ``T · exp(BELOW_SPREAD (z − t))``, capped
    just under ``T`` (T = 2,000 万元).
    """
    threshold = ABOVE_SCALE_SALES_WAN_YUAN
    order = np.argsort(-z, kind="stable")
    top = np.zeros(z.size, dtype=bool)
    top[order[:n_above]] = True
    t = (z[order[n_above - 1]] + z[order[n_above]]) / 2 if 0 < n_above < z.size else 0.0
    d_top = z[top] - t
    lo, hi = 0.0, 10.0
    for _ in range(200):
        a = (lo + hi) / 2
        if (threshold * np.exp(a * d_top)).sum() < above_total_wan_yuan:
            lo = a
        else:
            hi = a
    sales = np.empty(z.size)
    sales[top] = np.maximum(np.round(threshold * np.exp(lo * d_top), 2), threshold)
    sales[~top] = np.minimum(np.round(threshold * np.exp(BELOW_SPREAD * (z[~top] - t)), 2), threshold - 0.01)
    return np.maximum(sales, 1.0)


def enterprise_years(
    districts: gpd.GeoDataFrame,
    dev_zones: gpd.GeoDataFrame,
    *,
    n_enterprises: int = N_CITY,
    seed: int = CITY_SEED,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 2022 and 2021 tables (EPSG:4549 ``x``, ``y``; land still the generated figure).

    2022 has ``n_enterprises`` rows, the scaled 规上 count and 规上 sales (:func:`scaled_targets`);
    2021 has 2022's minus its entrants plus the enterprises that closed at the end of 2021.
    """
    rng = np.random.default_rng(seed)
    n_exit = int(round(n_enterprises * EXIT_SHARE))
    ent = place_enterprises(districts, dev_zones, n_enterprises + n_exit, rng)
    ent = ent.iloc[rng.permutation(len(ent))].reset_index(drop=True)
    n = len(ent)
    p = _profile(ent["industry"])
    z = rng.normal(0.0, 1.0, n) + p["size"].to_numpy()
    # The leavers (last n_exit rows after a shuffle weighted to the small): present in 2021 only.
    weak = np.argsort(z + rng.normal(0.0, 1.5, n), kind="stable")[: 4 * n_exit]
    gone = np.zeros(n, dtype=bool)
    gone[rng.choice(weak, n_exit, replace=False)] = True
    n_above, above_total = scaled_targets(n_enterprises)
    sales = np.empty(n)
    sales[~gone] = calibrated_sales(z[~gone], n_above, above_total)
    # Leavers: on the same scale (their latent size against the same threshold).
    sales[gone] = ABOVE_SCALE_SALES_WAN_YUAN * np.exp(BELOW_SPREAD * (z[gone] - np.sort(z[~gone])[-n_above]))
    noise = lambda s: rng.lognormal(0.0, s, n)  # noqa: E731
    ent["sales_wan_yuan"] = sales
    ent["tax_wan_yuan"] = sales * p["tax"] * noise(0.5)
    ent["value_added_wan_yuan"] = sales * p["va"] * noise(0.2)
    ent["energy_tce"] = sales * p["tce"] * noise(0.4)
    ent["electricity_kwh"] = (sales * p["kwh"] * noise(0.4)).round(0)
    ent["rd_wan_yuan"] = sales * p["rd"] * noise(0.8)
    ent["employees"] = np.maximum(3, sales / 150 * noise(0.5)).round().astype("int64")
    # Land grows slower than sales (small plants use more land per 万元), then per industry
    # Σ tax / Σ land is set to its target 亩均税收.
    raw_land = LAND_AT_500_WAN_YUAN_MU * (sales / 500.0) ** LAND_SALES_EXPONENT * noise(0.5)
    tax_tot = ent.groupby("industry")["tax_wan_yuan"].transform("sum")
    land_tot = pd.Series(raw_land).groupby(ent["industry"]).transform("sum")
    ent["land_mu"] = np.maximum(0.5, raw_land * (tax_tot / p["tax_per_mu"]) / land_tot)
    ent["water_m3"] = (sales * p["water"] * noise(0.3)).round(0)
    entrant = ~gone & (rng.random(n) < ENTRY_SHARE)
    ent["start_year"] = np.where(entrant, 2022, rng.integers(1992, 2022, n)).astype("int64")
    ent["start_year"] = np.where(gone, np.minimum(ent["start_year"], 2021), ent["start_year"])
    ent["ent_id"] = [f"SZ{i:06d}" for i in range(1, n + 1)]
    ent["name"] = synthetic_names(ent["industry"], ent["district"].map(SHORT_NAME), rng=rng)
    for col in AMOUNTS:
        ent[col] = ent[col].round(2)
    y2022 = ent[~gone].reset_index(drop=True)
    # 2021: survivors shrink back by their industry's growth and their own noise; the tax ratio drifts.
    prev = ent[~entrant].reset_index(drop=True)
    pp = _profile(prev["industry"])
    m = len(prev)
    back = 1.0 / ((1.0 + pp["growth"].to_numpy()) * rng.lognormal(0.0, 0.12, m))
    back = np.where(gone[~entrant], 1.0, back)
    for col in ("sales_wan_yuan", "value_added_wan_yuan", "energy_tce", "rd_wan_yuan", "water_m3"):
        prev[col] = (prev[col] * back).round(2)
    prev["tax_wan_yuan"] = (prev["tax_wan_yuan"] * back * rng.lognormal(0.0, 0.2, m)).round(2)
    prev["electricity_kwh"] = (prev["electricity_kwh"] * back).round(0)
    prev["water_m3"] = prev["water_m3"].round(0)
    out = []
    for year, frame in ((2021, prev), (2022, y2022)):
        frame = frame.copy()
        frame["year"] = year
        frame["above_scale"] = frame["sales_wan_yuan"] >= ABOVE_SCALE_SALES_WAN_YUAN
        out.append(frame)
    return out[1], out[0]
