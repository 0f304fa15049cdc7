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


def _low_full() -> gpd.GeoDataFrame:
    """Two parcels as the analysis lists them: the file's ``town`` beside the located ``zone``,
    flags, the rules' codes and how each found its enterprise."""
    return gpd.GeoDataFrame(
        {
            "parcel_id": ["ZD-1", "ZD-2"],
            "town": ["七都镇", "平望镇"],
            "idle": [False, True],
            "join_method": ["id", "location"],
            "below_far": [True, False],
            "below_coverage": [False, False],
            "zone": ["七都镇", "平望镇"],
            "reason_keys": ["far_below_min", "idle"],
            "reasons": ["容积率低于控制下限", "闲置土地"],
            "reasons_en": ["FAR below the control minimum", "Idle land"],
            "status": ["已认定", "已认定"],
        },
        geometry=[shapely.box(0, 0, 100, 100), shapely.box(200, 0, 300, 100)],
        crs=4549,
    )


def _rows(lang: str) -> list[list[str]]:
    data = csv_bytes(low_export(_low_full(), lang), lang=lang).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data)))


def test_the_chinese_low_list_says_yes_no_and_words_with_one_town_column():
    """是/否 not True/False, 对应方式 in words not ``id``, the rules once in words (认定理由; 规则 held
    the same as codes: far_below_min), one 区镇 column (walk7 finding 4)."""
    assert _rows("zh") == [
        [
            "宗地编号",
            "闲置",
            "对应方式",
            "容积率低于下限",
            "建筑系数低于下限",
            "区镇/园区",
            "认定理由",
            "状态",
        ],
        ["ZD-1", "否", "按企业编号", "是", "否", "七都镇", "容积率低于控制下限", "已认定"],
        ["ZD-2", "是", "按位置（企业点位落在宗地内）", "否", "否", "平望镇", "闲置土地", "已认定"],
    ]


def test_the_english_low_list_says_yes_no_and_words_with_one_town_column():
    assert _rows("en") == [
        [
            "Parcel ID",
            "Idle",
            "Joined by",
            "FAR below minimum",
            "Coverage below minimum",
            "Town/park",
            "Reasons",
            "Status",
        ],
        [
            "ZD-1",
            "No",
            "by enterprise ID",
            "Yes",
            "No",
            "Qidu Town",
            "FAR below the control minimum",
            "Identified",
        ],
        [
            "ZD-2",
            "Yes",
            "by location (enterprise point in the parcel)",
            "No",
            "No",
            "Pingwang Town",
            "Idle land",
            "Identified",
        ],
    ]
