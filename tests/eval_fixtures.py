"""The hand-worked efficiency fixture: 3 zones and 10 enterprises in EPSG:4549 metres.

Every expected number in test_metrics.py / test_evaluation.py / test_cli_evaluate.py is worked
out by hand from this table in comments there.

Zones (1 km squares): 北区 x 500000–501000, 中区 x 501000–502000 (sharing the edge x = 501000
with 北区), 空区 x 503000–504000 (no enterprise); all y 3450000–3451000.

| id  | where                    | land 亩 | sales | tax | va   | tce | kWh       | emp | rd  | 规上 |
|-----|--------------------------|--------|-------|-----|------|-----|-----------|-----|-----|-----|
| E01 | 北区                      | 10     | 1000  | 50  | 200  | 100 | 1,000,000 | 20  | 30  | yes |
| E02 | 北区                      | 20     | 3000  | 90  | 600  | 300 | 2,000,000 | 40  | 60  | yes |
| E03 | 北区 (tenant, no land)    | 0      | 500   | 10  | 100  | 50  | 500,000   | 10  | 5   | no  |
| E04 | 中区                      | 5      | 400   | 20  | 80   | 40  | 400,000   | 8   | 4   | no  |
| E05 | 中区 (land missing)      | —      | 800   | 40  | 160  | 80  | 800,000   | 16  | 8   | yes |
| E06 | 中区 (energy missing)    | 30     | 2900  | 300 | 1200 | —   | 3,000,000 | 60  | 300 | yes |
| E07 | 中区 (small 规下)         | 2      | 100   | 4   | 20   | 10  | 100,000   | 2   | 1   | no  |
| E08 | on the 北区/中区 edge      | 10     | 500   | 10  | 100  | 50  | 500,000   | 10  | 5   | yes |
| E09 | outside every zone       | 10     | 1000  | 20  | 100  | 100 | 1,000,000 | 10  | 10  | yes |
| E10 | no location              | 5      | 200   | 5   | 40   | 20  | 200,000   | 4   | 2   | no  |
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
    """The three zones, in zone order 北区, 中区, 空区."""
    return gpd.GeoDataFrame(
        {"name": ["北区", "中区", "空区"], "code": ["N", "M", "E"]},
        geometry=[
            box(X0, Y0, X0 + 1000, Y0 + 1000),
            box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000),
            box(X0 + 3000, Y0, X0 + 4000, Y0 + 1000),
        ],
        crs=CRS,
    )


_ROWS = [
    # id, point, land, sales, tax, va, tce, kwh, emp, rd, above, town
    ("E01", (200, 200), 10, 1000, 50, 200, 100, 1_000_000, 20, 30, True, "北区"),
    ("E02", (500, 800), 20, 3000, 90, 600, 300, 2_000_000, 40, 60, True, "北区"),
    ("E03", (800, 500), 0, 500, 10, 100, 50, 500_000, 10, 5, False, "北区"),
    ("E04", (1200, 300), 5, 400, 20, 80, 40, 400_000, 8, 4, False, "中区"),
    ("E05", (1500, 500), NAN, 800, 40, 160, 80, 800_000, 16, 8, True, "中区"),
    ("E06", (1800, 900), 30, 2900, 300, 1200, NAN, 3_000_000, 60, 300, True, "中区"),
    ("E07", (1900, 100), 2, 100, 4, 20, 10, 100_000, 2, 1, False, "中区"),
    ("E08", (1000, 500), 10, 500, 10, 100, 50, 500_000, 10, 5, True, "北区"),
    ("E09", (10_000, 500), 10, 1000, 20, 100, 100, 1_000_000, 10, 10, True, "城外"),
    ("E10", None, 5, 200, 5, 40, 20, 200_000, 4, 2, False, None),
]


def enterprises() -> gpd.GeoDataFrame:
    """The ten enterprises of the table above (geometry in EPSG:4549)."""
    records = []
    geoms = []
    for ent_id, xy, land, sales, tax, va, tce, kwh, emp, rd, above, town in _ROWS:
        records.append(
            {
                "ent_id": ent_id,
                "name": f"企业{ent_id}",
                "industry": "高端纺织" if ent_id in ("E01", "E02", "E03", "E08") else "高端装备",
                "town": town,
                "land_mu": land,
                "sales_wan_yuan": sales,
                "tax_wan_yuan": tax,
                "value_added_wan_yuan": va,
                "energy_tce": tce,
                "electricity_kwh": kwh,
                "employees": emp,
                "rd_wan_yuan": rd,
                "above_scale": above,
            }
        )
        geoms.append(None if xy is None else Point(X0 + xy[0], Y0 + xy[1]))
    frame = pd.DataFrame.from_records(records)
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=CRS)
