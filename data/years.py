"""Synthetic years of the Wujiang enterprises (layer ``enterprise_years``), for the yearly 亩均 cycle.

The first year is the bundled ``enterprises`` layer as it is (calibrated to seed 003's 2020
figures). Each later year grows or shrinks every enterprise by its industry's rate (the yearly
rate implied by seed 003's 2025 targets, see ``INDUSTRY_GROWTH``) plus a 区镇 effect and its own
noise; some enterprises close (more often the previous year's class D) and new ones enter, part
of them on the land of a closed class-D enterprise (renewed low-efficiency land, ``renewed_from``).
Every draw comes from one generator seeded from the build's seed, so the layer is reproducible.
All of it is synthetic: no record describes a real enterprise or a real year.
"""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from data.names import synthetic_names
from geo.catalogue import above_scale_min_sales_wan_yuan
from geo.evaluation import CLASS_COL, default_config, evaluate
from geo.spatial.crs import ANALYSIS_CRS, STORAGE_CRS

FIRST_YEAR = 2020
YEARS = (2020, 2021, 2022)
# 规上: 主营业务收入 ≥ 2000 万元, the statistical threshold with its source in geo/catalogue.yaml
ABOVE_SCALE_SALES_WAN_YUAN = above_scale_min_sales_wan_yuan()
COORD_DECIMALS = 6

# Mean yearly sales growth per industry: the compound rate from the 2020 figure to the 2025 target
# of seed 003 ((target / 2020) ** (1/5) − 1). 高端纺织 "继续保持千亿能级" (1000 of 1313.27): a decline;
# 新材料 and 生物医药和医疗器械 have no 2020 figure in the plan (ours: 600, 60 亿元) so their rate is
# from our assumption; 其他制造业 (no target) is assumed flat.
INDUSTRY_GROWTH = {
    "高端装备": (1300.0 / 1150.46) ** 0.2 - 1,  # +2.5 %
    "高端纺织": (1000.0 / 1313.27) ** 0.2 - 1,  # −5.3 %
    "新材料": (1500.0 / 600.0) ** 0.2 - 1,  # +20.1 % (2020 base assumed)
    "生物医药和医疗器械": (150.0 / 60.0) ** 0.2 - 1,  # +20.1 % (2020 base assumed)
    "新一代信息技术": (1000.0 / 830.02) ** 0.2 - 1,  # +3.8 %
    "光电通信": (600.0 / 339.41) ** 0.2 - 1,  # +12.1 %
    "其他制造业": 0.0,
}
TOWN_EFFECT_SD = 0.02  # per 区镇 and year, added to the industry's rate
SALES_NOISE_SD = 0.15  # each enterprise's own yearly change (log-normal sigma)
TAX_RATE_NOISE_SD = 0.2  # yearly change of its tax/sales ratio (moves 亩均税收 and the classes)
CLOSE_RATE = 0.02  # yearly share of enterprises that close
CLOSE_RATE_D = 0.15  # ... among last year's class D
RENEW_SHARE = 0.6  # share of closed class-D land taken up by a new enterprise (盘活)
ENTRY_RATE = 0.03  # yearly new enterprises elsewhere, share of last year's count
WATER_M3_PER_WAN_YUAN = {  # water use per 万元 sales (synthetic assumption)
    "高端装备": 1.5,
    "高端纺织": 12.0,  # dyeing and finishing use most
    "新材料": 6.0,
    "生物医药和医疗器械": 4.0,
    "新一代信息技术": 3.0,
    "光电通信": 2.0,
    "其他制造业": 2.5,
}
AMOUNT_COLUMNS = (
    "sales_wan_yuan",
    "tax_wan_yuan",
    "value_added_wan_yuan",
    "rd_wan_yuan",
    "land_mu",
    "energy_tce",
)

METADATA = (
    "enterprise_years",
    "吴江企业逐年数据（合成）",
    "Wujiang enterprises by year (synthetic)",
    "synthetic",
)


def _year_rng(seed: int) -> np.random.Generator:
    # A stream of its own: adding draws here never shifts the other layers of the build.
    return np.random.default_rng([seed, 10])


def _round(frame: pd.DataFrame) -> pd.DataFrame:
    for col in AMOUNT_COLUMNS:
        frame[col] = frame[col].round(2)
    frame["electricity_kwh"] = frame["electricity_kwh"].round(0)
    frame["water_m3"] = frame["water_m3"].round(0)
    frame["above_scale"] = frame["sales_wan_yuan"] >= ABOVE_SCALE_SALES_WAN_YUAN
    return frame


def _first_year(enterprises: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    ent = enterprises.to_crs(ANALYSIS_CRS).copy()
    ent["year"] = FIRST_YEAR
    # All in production two years or more in 2020, so the first year evaluates as `enterprises`.
    ent["start_year"] = rng.integers(1992, FIRST_YEAR - 1, len(ent))
    water = ent["industry"].map(WATER_M3_PER_WAN_YUAN).to_numpy()
    ent["water_m3"] = (ent["sales_wan_yuan"] * water * rng.lognormal(0.0, 0.4, len(ent))).round(0)
    ent["renewed_from"] = ""
    return ent


def _next_year(
    prev: gpd.GeoDataFrame,
    year: int,
    towns_m: gpd.GeoDataFrame,
    next_id: int,
    rng: np.random.Generator,
) -> tuple[gpd.GeoDataFrame, int]:
    n = len(prev)
    # The demo's history was drawn with one benchmark pooled over 规上 and 规下 (the default until
    # walk16 item 11): kept, so that the build still makes the committed data/atlas.gpkg exactly.
    pooled = replace(default_config(), benchmark_within="all")
    classes = evaluate(prev, config=pooled, zone="town", year=year - 1).enterprises[CLASS_COL]
    is_d = (classes == "D").to_numpy()
    close_p = np.where(is_d, CLOSE_RATE_D, CLOSE_RATE)
    closes = rng.random(n) < close_p
    stay = prev[~closes].copy()

    # Growth: industry rate + 区镇 effect + the enterprise's own noise; tax/sales drifts.
    towns = list(towns_m["name"])
    town_effect = dict(zip(towns, rng.normal(0.0, TOWN_EFFECT_SD, len(towns)), strict=True))
    m = len(stay)
    growth = 1.0 + stay["industry"].map(INDUSTRY_GROWTH).to_numpy() + stay["town"].map(town_effect).to_numpy()
    factor = growth * rng.lognormal(-(SALES_NOISE_SD**2) / 2, SALES_NOISE_SD, m)
    tax_factor = factor * rng.lognormal(-(TAX_RATE_NOISE_SD**2) / 2, TAX_RATE_NOISE_SD, m)
    for col in ("sales_wan_yuan", "value_added_wan_yuan", "energy_tce", "electricity_kwh", "water_m3"):
        stay[col] = stay[col] * factor * rng.lognormal(0.0, 0.05, m)
    stay["rd_wan_yuan"] = stay["rd_wan_yuan"] * factor * rng.lognormal(0.0, 0.2, m)
    stay["tax_wan_yuan"] = stay["tax_wan_yuan"] * tax_factor
    stay["employees"] = np.maximum(3, (stay["employees"] * factor**0.5).round()).astype(int)
    expands = rng.random(m) < 0.03  # a few take more land
    stay.loc[expands, "land_mu"] = stay.loc[expands, "land_mu"] * 1.2
    stay["year"] = year

    # Entrants: on renewed class-D land, and elsewhere near existing enterprises of their 区镇.
    closed_d = prev[closes & is_d]
    renewed = closed_d[rng.random(len(closed_d)) < RENEW_SHARE]
    n_new = int(round(n * ENTRY_RATE))
    anchors = prev.iloc[rng.integers(0, n, n_new)]
    new = pd.concat([renewed, anchors], ignore_index=True)
    k = len(new)
    on_renewed = np.arange(k) < len(renewed)
    new["renewed_from"] = np.where(on_renewed, renewed["ent_id"].tolist() + [""] * (k - len(renewed)), "")
    # Renewed land goes to one of the 区镇's core industries when it has one, else stays in its industry.
    core = prev.groupby("town")["industry"].agg(lambda s: s.value_counts().index[0])
    new.loc[on_renewed, "industry"] = new.loc[on_renewed, "town"].map(core).to_numpy()
    x = shapely.get_x(new.geometry.to_numpy()) + np.where(on_renewed, 0.0, rng.normal(0.0, 300.0, k))
    y = shapely.get_y(new.geometry.to_numpy()) + np.where(on_renewed, 0.0, rng.normal(0.0, 300.0, k))
    pts = shapely.points(x, y)
    zone_of = towns_m.set_index("name").geometry.buffer(-50)
    inside = np.array([zone_of[t].contains(p) for t, p in zip(new["town"], pts, strict=True)])
    pts = np.where(inside, pts, new.geometry.to_numpy())
    new = new.set_geometry(list(pts), crs=ANALYSIS_CRS)
    # Figures of a young enterprise: sales drawn like the 2020 population, ratios of its industry.
    ratios = prev.assign(
        tax_rate=prev.tax_wan_yuan / prev.sales_wan_yuan,
        va_rate=prev.value_added_wan_yuan / prev.sales_wan_yuan,
        tce_rate=prev.energy_tce / prev.sales_wan_yuan,
        kwh_rate=prev.electricity_kwh / prev.sales_wan_yuan,
        water_rate=prev.water_m3 / prev.sales_wan_yuan,
        rd_rate=prev.rd_wan_yuan / prev.sales_wan_yuan,
        mu_per_sales=prev.land_mu / prev.sales_wan_yuan,
    ).groupby("industry")[
        ["tax_rate", "va_rate", "tce_rate", "kwh_rate", "water_rate", "rd_rate", "mu_per_sales"]
    ]
    typical = ratios.median()
    t = typical.loc[new["industry"]].reset_index(drop=True)
    noise = lambda s: rng.lognormal(0.0, s, k)  # noqa: E731
    sales = np.where(
        on_renewed,
        new["land_mu"].to_numpy() / t["mu_per_sales"].to_numpy() * 1.5 * noise(0.3),  # renewed: denser use
        rng.lognormal(6.2, 1.3, k),
    )
    new["sales_wan_yuan"] = sales
    new["tax_wan_yuan"] = sales * t["tax_rate"].to_numpy() * noise(0.4)
    new["value_added_wan_yuan"] = sales * t["va_rate"].to_numpy() * noise(0.2)
    new["energy_tce"] = sales * t["tce_rate"].to_numpy() * noise(0.3)
    new["electricity_kwh"] = sales * t["kwh_rate"].to_numpy() * noise(0.3)
    new["water_m3"] = sales * t["water_rate"].to_numpy() * noise(0.3)
    new["rd_wan_yuan"] = sales * t["rd_rate"].to_numpy() * noise(0.6)
    new["employees"] = np.maximum(3, (sales / 150 * noise(0.5)).round()).astype(int)
    new["land_mu"] = np.where(
        on_renewed,
        new["land_mu"].to_numpy(),
        np.maximum(0.5, sales * t["mu_per_sales"].to_numpy() * noise(0.5)),
    )
    new["ent_id"] = [f"WJ{i:05d}" for i in range(next_id, next_id + k)]
    short = towns_m.set_index("name")["short_name"]
    new["name"] = synthetic_names(new["industry"], [short[town] for town in new["town"]], rng=rng)
    new["start_year"] = year
    new["year"] = year
    out = pd.concat([stay, new], ignore_index=True)
    return gpd.GeoDataFrame(_round(out), geometry="geometry", crs=ANALYSIS_CRS), next_id + k


def build_enterprise_years(
    enterprises: gpd.GeoDataFrame, towns: gpd.GeoDataFrame, *, seed: int
) -> gpd.GeoDataFrame:
    """Every year of ``YEARS`` stacked (column ``year``), WGS-84 points; the first year is
    ``enterprises`` unchanged plus ``start_year``, ``water_m3`` and ``renewed_from``."""
    rng = _year_rng(seed)
    towns_m = towns.to_crs(ANALYSIS_CRS)
    frames = [_first_year(enterprises, rng)]
    next_id = len(enterprises) + 1
    for year in YEARS[1:]:
        frame, next_id = _next_year(frames[-1], year, towns_m, next_id, rng)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    columns = [
        "year",
        *[c for c in enterprises.columns if c != enterprises.geometry.name],
        "start_year",
        "water_m3",
        "renewed_from",
    ]
    out = gpd.GeoDataFrame(out[columns], geometry=out.geometry.to_numpy(), crs=ANALYSIS_CRS).to_crs(
        STORAGE_CRS
    )
    out["geometry"] = shapely.set_precision(out.geometry.to_numpy(), 10**-COORD_DECIMALS)
    out["year"] = out["year"].astype("int32")
    out["start_year"] = out["start_year"].astype("int32")
    return out


def metadata_row(seed: int) -> dict[str, str]:
    """The ``layer_metadata`` row of ``enterprise_years``."""
    layer, title_zh, title_en, accuracy = METADATA
    return {
        "layer": layer,
        "title_zh": title_zh,
        "title_en": title_en,
        "accuracy": accuracy,
        "source": (
            f"随机生成（种子 {seed}）：{YEARS[0]} 年即“吴江企业（合成）”，"
            "其后各年按《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）2025 年目标"
            "折算的行业年均增速加区镇差异与企业自身波动；含关停（上年 D 类更易关停）、新设与 D "
            "类用地盘活后新入驻企业"
        ),
        "licence": "本项目",
        "crs": "EPSG:4326",
        "note": f"合成数据（{YEARS[0]}–{YEARS[-1]} 年），不代表任何真实企业或真实年份",
    }


def layers(frames: dict[str, pd.DataFrame], *, seed: int) -> dict[str, pd.DataFrame]:
    """The build's hook: ``enterprise_years`` from the built ``enterprises`` and ``wujiang_towns``,
    and ``layer_metadata`` with its row added."""
    years = build_enterprise_years(frames["enterprises"], frames["wujiang_towns"], seed=seed)
    meta = frames["layer_metadata"]
    row = pd.DataFrame([{**metadata_row(seed), "built": meta["built"].iloc[0]}])
    return {"enterprise_years": years, "layer_metadata": pd.concat([meta, row], ignore_index=True)}
