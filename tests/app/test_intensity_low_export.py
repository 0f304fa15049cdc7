"""The low-efficiency list's CSV (用地强度 page): every column headed in the page's language, no
geometry, numbers as on screen, 区镇 and industries in English on the English page."""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import shapely

from geo.exports.tables import csv_bytes
from pages.intensity.parcel_tabs import low_export


def _low() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "parcel_id": ["ZD-1"],
            "zone": ["七都镇"],
            "industry": ["高端纺织"],
            "area_mu": [365.53222187545043],
            "grant_year": [2018.0],
            "reasons": ["容积率低于控制下限"],
            "reasons_en": ["FAR below the control minimum"],
            "status": ["已认定"],  # as the 盘活 log holds it
        },
        geometry=[shapely.box(0, 0, 100, 100)],
        crs=4549,
    )


def test_the_low_efficiency_csv_reads_in_english():
    rows = list(csv.reader(io.StringIO(csv_bytes(low_export(_low(), "en"), lang="en").decode("utf-8-sig"))))
    assert rows == [
        ["Parcel ID", "Town/park", "Industry", "Area (mu)", "Year granted", "Reasons", "Status"],
        [
            "ZD-1",
            "Qidu Town",
            "High-end textiles",
            "365.53",
            "2018",
            "FAR below the control minimum",
            "Identified",
        ],
    ]


def test_the_low_efficiency_csv_reads_in_chinese():
    rows = list(csv.reader(io.StringIO(csv_bytes(low_export(_low(), "zh"), lang="zh").decode("utf-8-sig"))))
    assert rows[0][:5] == ["宗地编号", "区镇/园区", "行业", "宗地面积（亩）", "供地年份"]
    assert rows[1][1:7] == ["七都镇", "高端纺织", "365.53", "2018", "容积率低于控制下限", "已认定"]
