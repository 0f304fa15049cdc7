"""The hand-worked parcel fixture: 2 zones, 4 enterprises, 8 parcels in EPSG:4549 metres.

1 亩 = 2000/3 m², so a 40 m x 50 m parcel is exactly 3 亩, 60 x 100 m is 9 亩 and 100 x 100 m is
15 亩. Zones (1 km squares): 东区 x 500000–501000, 西区 x 501000–502000, y 3450000–3451000.

| parcel | enterprise | where         | size m     | 亩 | FAR | 建筑系数 % | granted | promises (投资强度, FAR, 亩均税收, 达产) |
|--------|------------|---------------|------------|----|-----|-----------|---------|----------------------------------------|
| P1     | E1 高端装备 | 东区, holds E1 | 100 x 100  | 15 | 1.0 | 50        | 2010    | —                                      |
| P2     | E1         | 东区           | 40 x 50    | 3  | 0.9 | 45        | 2012    | —                                      |
| P3     | E2 高端纺织 | 东区, holds E2 | 60 x 100   | 9  | 0.6 | 40        | 2008    | —   (FAR below 0.8)                     |
| P4     | E3 新一代信息技术 | 西区, holds E3 | 100 x 100 | 15 | 1.2 | 25 | 2018 | 300, 1.5, 15, 2021 (FAR missed)       |
| P5     | E4 光电通信 | 西区, holds E4 | 40 x 100   | 6  | 1.1 | 40        | 2019    | 200, 1.0, 25, 2022 (all met)           |
| P6     | — (idle)   | 西区           | 40 x 50    | 3  | —   | —         | 2017    | —                                      |
| P7     | E4         | outside       | 40 x 50    | 3  | 0.9 | 35        | 2020    | 100, 0.8, 20, 2027 (not yet due)       |
| P8     | E5 其他制造业 | 东区, holds E5 | 40 x 50 | 3  | 0.8 | 35        | 2011    | —   (the class-D and tax rule parcel)  |

Enterprises: E1 land 18 亩 (15 + 3; the table says 20, so the difference is −2), tax 180 万元 ->
10 万元/亩; E2 9 亩, tax 45 -> 5; E3 15 亩, tax 300 -> 20; E4 9 亩 (6 + 3), tax 270 -> 30;
E5 3 亩, tax 3 -> 1. Investment: P4 4500 万元 -> 300 万元/亩 (promise 300: met);
P5 1500 -> 250 (promise 200: met); P7 600 -> 200 (promise 100).
Minimum FAR (geo/land/land_control.yaml): 高端装备 0.7, 高端纺织 0.8, 新一代信息技术 1.0, 光电通信 0.7,
其他制造业 0.7; 建筑系数 ≥ 30 %. So by the default rules: P3 FAR below (0.6 < 0.8), P4 coverage
below (25 < 30), P6 idle; with E5 in class D also P8; with a 亩均税收 threshold of 8, P3 and P8.
Per zone, parcels in it: 东区 P1 + P2 + P3 + P8 = 30 亩; 西区 P4 + P5 + P6 = 24 亩; P7 in none.
Per zone, enterprise land by the enterprise point: 东区 E1 + E2 + E5 = 18 + 9 + 3 = 30; 西区 E3 + E4 =
15 + 9 = 24.
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

CRS = "EPSG:4549"
X0, Y0 = 500_000.0, 3_450_000.0
NAN = math.nan


def zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["东区", "西区"]},
        geometry=[box(X0, Y0, X0 + 1000, Y0 + 1000), box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000)],
        crs=CRS,
    )


def _box(x: float, y: float, w: float, h: float):
    return box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


# parcel, enterprise, geometry, FAR, coverage, investment, grant year, promises
_PARCELS = [
    ("P1", "E1", _box(100, 100, 100, 100), 1.0, 50.0, 3000.0, 2010, (NAN, NAN, NAN, None)),
    ("P2", "E1", _box(300, 100, 40, 50), 0.9, 45.0, 500.0, 2012, (NAN, NAN, NAN, None)),
    ("P3", "E2", _box(100, 400, 60, 100), 0.6, 40.0, 900.0, 2008, (NAN, NAN, NAN, None)),
    ("P4", "E3", _box(1100, 100, 100, 100), 1.2, 25.0, 4500.0, 2018, (300.0, 1.5, 15.0, 2021)),
    ("P5", "E4", _box(1400, 100, 40, 100), 1.1, 40.0, 1500.0, 2019, (200.0, 1.0, 25.0, 2022)),
    ("P6", None, _box(1600, 600, 40, 50), NAN, NAN, NAN, 2017, (NAN, NAN, NAN, None)),
    ("P7", "E4", _box(3000, 100, 40, 50), 0.9, 35.0, 600.0, 2020, (100.0, 0.8, 20.0, 2027)),
    ("P8", "E5", _box(600, 600, 40, 50), 0.8, 35.0, 300.0, 2011, (NAN, NAN, NAN, None)),
]


def parcels(*, chinese: bool = False) -> gpd.GeoDataFrame:
    """The parcels; ``chinese`` gives them the headers a bureau's file would have."""
    frame = pd.DataFrame(
        {
            "parcel_id": [p[0] for p in _PARCELS],
            "ent_id": [p[1] for p in _PARCELS],
            "far": [p[3] for p in _PARCELS],
            "coverage_pct": [p[4] for p in _PARCELS],
            "investment_wan_yuan": [p[5] for p in _PARCELS],
            "grant_year": [p[6] for p in _PARCELS],
            "promised_invest_per_mu_wan_yuan": [p[7][0] for p in _PARCELS],
            "promised_far": [p[7][1] for p in _PARCELS],
            "promised_tax_per_mu_wan_yuan": [p[7][2] for p in _PARCELS],
            "promised_full_year": [p[7][3] if p[7][3] is not None else NAN for p in _PARCELS],
        }
    )
    if chinese:
        frame = frame.rename(
            columns={
                "parcel_id": "地块编号",
                "ent_id": "统一社会信用代码",
                "far": "容积率",
                "coverage_pct": "建筑系数（%）",
                "investment_wan_yuan": "固定资产投资（万元）",
                "grant_year": "供地年份",
                "promised_invest_per_mu_wan_yuan": "约定投资强度（万元/亩）",
                "promised_far": "约定容积率",
                "promised_tax_per_mu_wan_yuan": "约定亩均税收（万元/亩）",
                "promised_full_year": "约定达产年份",
            }
        )
    return gpd.GeoDataFrame(frame, geometry=[p[2] for p in _PARCELS], crs=CRS)


def enterprises(*, with_land: bool = True) -> gpd.GeoDataFrame:
    """The enterprises: points inside their first parcel; the table's own land figures."""
    rows = [
        # id, industry, point, table land, tax, sales, above
        ("E1", "高端装备", (150, 150), 20.0, 180.0, 3600.0, True),
        ("E2", "高端纺织", (130, 450), 9.0, 45.0, 900.0, True),
        ("E3", "新一代信息技术", (1150, 150), 15.0, 300.0, 6000.0, True),
        ("E4", "光电通信", (1420, 150), 9.0, 270.0, 5400.0, True),
        ("E5", "其他制造业", (620, 620), 3.0, 3.0, 60.0, True),
    ]
    frame = pd.DataFrame(
        {
            "ent_id": [r[0] for r in rows],
            "name": [f"企业{r[0]}" for r in rows],
            "industry": [r[1] for r in rows],
            "land_mu": [r[3] for r in rows],
            "tax_wan_yuan": [r[4] for r in rows],
            "sales_wan_yuan": [r[5] for r in rows],
            "above_scale": [r[6] for r in rows],
        }
    )
    if not with_land:
        frame = frame.drop(columns="land_mu")
    return gpd.GeoDataFrame(frame, geometry=[Point(X0 + r[2][0], Y0 + r[2][1]) for r in rows], crs=CRS)
