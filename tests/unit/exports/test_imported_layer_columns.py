"""An imported point layer's table (the data page's CSV, XLSX and GeoJSON, ``geo.cli export``) as its
file's user reads it (walk 12): one pair of coordinates, the stored WGS-84 position under the
language's headers (a WGS-84 file's own 经度/纬度 were written beside lon/lat: 经度, 纬度, lon, lat in
Chinese, 经度, 纬度, Longitude, Latitude in English); the file's columns, not the standard ones it
never had (工业增加值, 从业人员 … all empty), as the GeoJSON leaves them out; the built-in layers keep
theirs; a synthetic demo firm marked "(synthetic)" in English, not "（合成）"."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import ingest
from geo.exports.readable import readable_table

# A WGS-84 enterprise list with its own 经度/纬度 and no 工业增加值, 综合能耗, 用电量, 研发经费.
FIRMS = (
    "企业名称,所在区镇,行业,用地面积（亩）,税收（万元）,销售收入（万元）,从业人员,经度,纬度\n"
    "甲公司,盛泽镇,高端纺织,12.5,300,5000,40,120.650187,30.912333\n"
    "乙公司,七都镇,光电通信,8,100,2000,20,120.4531,30.9612\n"
)
NEVER_GIVEN = {"工业增加值（万元）", "综合能耗（吨标准煤）", "用电量（千瓦时）", "研发经费（万元）"}
NEVER_GIVEN_EN = {
    "Value added (10k yuan)",
    "Energy use (tce)",
    "Electricity (kWh)",
    "R&D spending (10k yuan)",
}


def _coordinates(table: pd.DataFrame) -> list[str]:
    """The table's coordinate columns, in order."""
    return [c for c in map(str, table.columns) if re.match(r"^(经度|纬度|Longitude|Latitude|lon$|lat$)", c)]


def _imported() -> gpd.GeoDataFrame:
    result = ingest.read_upload(FIRMS.encode(), "企业点位.csv", kind="enterprises", frame="wgs84")
    return result.frame.assign(year=2025)


def _page_table(
    frame: gpd.GeoDataFrame,
    lang: str,
    *,
    kind: str = "enterprises",
    title: str = "企业点位",
    accuracy: str = "transcribed",
    source: str = "区工信局",
) -> pd.DataFrame:
    """The table the data page writes an imported layer's CSV, XLSX and GeoJSON from."""
    from layers.user_layers import user_map_layer

    meta = pd.Series(
        {
            "layer": f"user_{kind}",
            "title_zh": title,
            "title_en": title,
            "kind": kind,
            "accuracy": accuracy,
            "source": source,
            "licence": "",
            "note": "",
        }
    )
    item = user_map_layer(meta, frame)
    return item.layer.table(item.frame, lang)


@pytest.mark.parametrize(("lang", "lon", "lat"), [("zh", "经度", "纬度"), ("en", "Longitude", "Latitude")])
def test_a_wgs84_files_own_coordinates_are_written_once(lang, lon, lat):
    """Before: 经度, 纬度, lon, lat (zh) and 经度, 纬度, Longitude, Latitude (en), two equal pairs."""
    frame = _imported()
    assert {"经度", "纬度"} <= set(frame.columns)  # kept at import, beside the geometry
    for table in (_page_table(frame, lang), readable_table(frame, lang, leave_out_empty=True)):
        coordinates = _coordinates(table)
        assert coordinates == [lon, lat], list(table.columns)
        assert table[lon].tolist() == pytest.approx([120.650187, 120.4531])
        assert table[lat].tolist() == pytest.approx([30.912333, 30.9612])


@pytest.mark.parametrize(
    ("lang", "headers"),
    [
        ("zh", ["经度", "纬度", "经度（原文件值）", "纬度（原文件值）"]),
        ("en", ["Longitude", "Latitude", "Longitude (as in the file)", "Latitude (as in the file)"]),
    ],
)
def test_own_coordinates_that_are_not_the_position_say_so(lang, headers):
    """A point moved since its import (in QGIS) keeps the file's 经度/纬度, headed as the file's
    values after the stored position: never a second 经度 that disagrees with the first."""
    frame = _imported()
    frame.loc[0, frame.geometry.name] = shapely.Point(120.66, 30.92)
    table = readable_table(frame, lang)
    coordinates = _coordinates(table)
    assert coordinates == headers, list(table.columns)
    assert list(table.columns)[-2:] == headers[2:]
    assert table[headers[0]].tolist()[0] == pytest.approx(120.66)
    assert table[headers[2]].tolist()[0] == pytest.approx(120.650187)


def test_eastings_named_x_and_y_stay_as_they_are():
    """A survey's X/Y in metres are not the position in degrees: kept under their own names."""
    frame = gpd.GeoDataFrame(
        {"name": ["甲"], "X": [531_000.0], "Y": [3_420_000.0]},
        geometry=[shapely.Point(120.65, 30.91)],
        crs="EPSG:4326",
    )
    table = readable_table(frame, "zh")
    assert {"X", "Y", "经度", "纬度"} <= set(table.columns), list(table.columns)
    same = frame.assign(x=120.65, y=30.91)
    assert not {"x", "y"} & set(readable_table(same, "zh").columns)


def test_a_gcj02_files_coordinates_stay_headed_by_their_frame():
    frame = _imported().rename(columns={"经度": "经度_GCJ02", "纬度": "纬度_GCJ02"})
    table = readable_table(frame, "en")
    assert list(table.columns)[-4:] == ["Longitude", "Latitude", "Longitude (GCJ-02)", "Latitude (GCJ-02)"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_imports_table_leaves_out_the_columns_its_file_never_had(lang):
    """Before: 工业增加值, 综合能耗, 用电量, 研发经费 all empty in the XLSX and the CSV, which the
    GeoJSON left out. The columns the file gave stay, under the standard headers."""
    never = NEVER_GIVEN if lang == "zh" else NEVER_GIVEN_EN
    frame = _imported()
    assert "value_added_wan_yuan" in frame.columns and frame["value_added_wan_yuan"].isna().all()
    table = _page_table(frame, lang)
    assert not never & set(table.columns), list(table.columns)
    given = {"税收（万元）", "从业人员（人）"} if lang == "zh" else {"Tax (10k yuan)", "Employees (persons)"}
    assert given <= set(table.columns), list(table.columns)


def test_a_built_in_layers_table_keeps_its_empty_columns():
    from pages.common.stored import map_layer

    item = map_layer("enterprises")
    frame = item.frame.head(3).assign(value_added_wan_yuan=float("nan"))
    table = item.layer.table(frame, "zh")
    assert "工业增加值（万元）" in table.columns
    assert "工业增加值（万元）" not in readable_table(frame, "zh", leave_out_empty=True).columns


def test_a_synthetic_firm_is_marked_in_the_tables_language():
    """Before: 苏州盛泽恒泰纺织有限公司（合成） in the English CSV, XLSX and GeoJSON."""
    from pages.common.stored import map_layer

    item = map_layer("enterprises")
    frame = item.frame.head(3)
    assert frame["name"].str.endswith("（合成）").all()
    english = item.layer.table(frame, "en")["Name"]
    assert english.str.endswith(" (synthetic)").all() and not english.str.contains("合成").any()
    assert (english.str.removesuffix(" (synthetic)") == frame["name"].str.removesuffix("（合成）")).all()
    assert item.layer.table(frame, "zh")["企业名称"].tolist() == frame["name"].tolist()


@pytest.mark.parametrize("own", ["面积（亩）", "面积亩", "面积(亩)"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_zone_files_own_area_stays_beside_the_atlas_measure_headed_apart(lang, own):
    """walk18 b5 i: a zone file with its own 面积（亩） exported the atlas's measure as ``area_mu``
    (数据管理 → 导出, the 亩均 page's map export: XLSX, CSV, GeoJSON). Every column is headed in
    words, the file's own area as it came, the measure said apart and rounded as shown."""
    from geo.exports.tables import MEASURED, measures_as_shown, with_measures

    ring = shapely.box(120.50, 31.00, 120.52, 31.02)
    frame = gpd.GeoDataFrame(
        {"zone_id": ["Z00001"], "name": ["震泽丝绸小镇产业园"], "所属区镇": ["震泽镇"]}
        | {own: [7948.7]},  # walk20: 面积亩 beside 面积（亩） was not told apart
        geometry=[ring],
        crs="EPSG:4326",
    )
    measured = with_measures(frame)
    for table in (readable_table(measured, lang), _zone_table(measured, lang)):
        raw = [c for c in map(str, table.columns) if re.fullmatch(r"[a-z0-9_]+", c)]
        assert not raw, list(table.columns)
        assert table[own].tolist() == [7948.7]  # the file's own, as it came
        header = {"zh": "面积（亩，按边界计算）", "en": "Area (mu, from the boundary)"}[lang]
        assert header in table.columns, list(table.columns)
        assert MEASURED.match(header)
        shown = measures_as_shown(table)[header].iloc[0]
        assert shown == round(shown, 2)


def _zone_table(frame: gpd.GeoDataFrame, lang: str) -> pd.DataFrame:
    """The table the data page writes an imported zone layer's CSV, XLSX and GeoJSON from."""
    return _page_table(frame, lang, kind="zones", title="园区边界", accuracy="real", source="区规划局")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_zone_files_own_town_column_names_the_fixed_towns_in_english(lang):
    """walk19 b3: the zone sheet of the 亩均 English workbook and the CLI's English export wrote a
    user's 所在镇（区） as "吴江高新区（盛泽镇）" beside enterprise sheets saying "Wujiang Hi-tech Zone
    (Shengze Town)". A value that is exactly a fixed 区镇 is named in English, the header by the
    catalogue; a name of the user's own stays as written; Chinese is the file's."""
    from geo.exports.tables import with_measures

    frame = gpd.GeoDataFrame(
        {"zone_id": ["Z1", "Z2", "Z3"], "name": ["盛泽先进纺织材料园", "七都光通信园", "某园"]}
        | {"所在镇（区）": ["吴江高新区（盛泽镇）", "七都镇", "自定镇"]},
        geometry=[shapely.box(120.5 + i / 100, 31.0, 120.505 + i / 100, 31.005) for i in range(3)],
        crs="EPSG:4326",
    )
    measured = with_measures(frame)
    for table in (readable_table(measured, lang), _zone_table(measured, lang)):
        header = {"zh": "所在镇（区）", "en": "Town"}[lang]
        assert header in table.columns, list(table.columns)
        expected = {
            "zh": ["吴江高新区（盛泽镇）", "七都镇", "自定镇"],
            "en": ["Wujiang Hi-tech Zone (Shengze Town)", "Qidu Town", "自定镇"],
        }[lang]
        assert table[header].tolist() == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_files_own_credit_code_column_is_headed_in_the_files_language(lang):
    """walk20 item 6: the English export kept the header 统一社会信用代码 of a user's code column (the
    atlas reads it as the credit codes, and its own flags say "unified social credit code")."""
    frame = gpd.GeoDataFrame(
        {"ent_id": ["E1"], "name": ["震泽丝绸织造有限公司"], "统一社会信用代码": ["91320509MA1MXXXX0X"]},
        geometry=[shapely.Point(120.5, 31.0)],
        crs="EPSG:4326",
    )
    table = readable_table(frame, lang)
    header = {"zh": "统一社会信用代码", "en": "Unified social credit code"}[lang]
    assert table[header].tolist() == ["91320509MA1MXXXX0X"]
    assert lang == "zh" or "统一社会信用代码" not in table.columns
