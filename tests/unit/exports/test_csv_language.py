"""The CSV a person downloads from the pages (issue 23 item 5): headers in the page's language
(the provenance columns too), numbers rounded as the page shows them, English names in English;
the command line's data files keep the atlas's names and exact values."""

from __future__ import annotations

import csv
import io
import re

import geopandas as gpd
import numpy as np
import shapely

from geo.exports.tables import csv_bytes
from geo.storage.provenance import Provenance

PROV = Provenance("schematic", "测试手绘分区")
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _firms() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name": ['=HYPERLINK("http://x")', "七都镇 <b>企业</b>"],
            "tax_per_mu_wan_yuan": [12.345678, 9.999],
            "score": [87.654321, np.nan],
            "rank": [3.0, np.nan],
            "score_change": [-1.25, 0.04],
        },
        geometry=[shapely.Point(120.1234567891, 31.1), shapely.Point(120.5, 30.987654321)],
        crs=4326,
    )


def test_an_english_csv_has_english_headers_and_numbers_as_on_screen():
    rows = _rows(csv_bytes(_firms(), PROV, lang="en"))
    assert rows[0] == [
        "name",
        "tax_per_mu_wan_yuan",
        "score",
        "rank",
        "score_change",
        "lon",
        "lat",
        "Data source",
        "Data accuracy",
    ]
    assert rows[1] == [
        '\'=HYPERLINK("http://x")',  # formula-safe still
        "12.35",  # money: 2 decimals, not 12.345678
        "87.7",  # score: 1 decimal
        "3",  # a rank is whole: 3, not 3.0
        "-1.2",  # a negative number stays a number (no quote), rounded half to even as on screen
        "120.123457",  # coordinates: 6 decimals
        "31.1",
        "测试手绘分区",
        "schematic",
    ]
    assert rows[2][1:5] == ["10", "", "", "0"]  # whole numbers as whole numbers
    assert not any(CJK.search(h) for h in rows[0])


def test_a_built_in_layers_source_is_cited_in_english_in_an_english_csv():
    from geo.messages import message

    zh, en = message("source.carrier_parks", "zh"), message("source.carrier_parks", "en")
    rows = _rows(csv_bytes(_firms(), Provenance("schematic", zh), lang="en"))
    assert rows[1][-2:] == [en, "schematic"] and not CJK.search(en)
    assert _rows(csv_bytes(_firms(), Provenance("schematic", zh), lang="zh"))[1][-2:] == [zh, "示意"]


def test_a_chinese_csv_names_its_provenance_columns_in_chinese_and_rounds_too():
    rows = _rows(csv_bytes(_firms(), PROV, lang="zh"))
    assert rows[0][-2:] == ["数据来源", "数据精度"]
    assert rows[1][-2:] == ["测试手绘分区", "示意"]
    assert rows[1][1:4] == ["12.35", "87.7", "3"]


def test_the_command_lines_csv_keeps_the_atlas_names_and_exact_values():
    rows = _rows(csv_bytes(_firms(), PROV))
    assert rows[0][-2:] == ["data_source", "data_accuracy"]
    assert rows[1][1:4] == ["12.345678", "87.654321", "3"]


def test_a_map_views_csv_and_xlsx_read_as_the_map_in_english():
    """The towns layer's download: its tooltip's labels, English names, the atlas's headers for the
    rest, rounded; the Chinese download the same in Chinese."""
    import openpyxl

    from layers import towns
    from layers.mapview import MapLayer
    from layers.offline_html import map_downloads

    frame = gpd.GeoDataFrame(
        {
            "town_id": ["qidu", "shengze"],
            "name": ["七都镇", "吴江高新区（盛泽镇）"],
            "seat_lon": [120.4, 120.65],
            "seat_lat": [30.96, 30.9],
            "area_km2": [98.98612, 120.684999],
        },
        geometry=[shapely.box(120.38, 30.94, 120.42, 30.98), shapely.box(120.63, 30.88, 120.67, 30.92)],
        crs=4326,
    )
    items = [MapLayer(towns.LAYER, frame, PROV)]
    en = map_downloads("Wujiang towns", items, lang="en")
    rows = _rows(en["csv"].data())
    assert rows == [
        [
            "Town ID",
            "Town/zone",
            "Seat longitude",
            "Seat latitude",
            "Schematic area (km²)",
            "Data source",
            "Data accuracy",
        ],
        ["qidu", "Qidu Town", "120.4", "30.96", "98.99", "测试手绘分区", "schematic"],
        [
            "shengze",
            "Wujiang Hi-tech Zone (Shengze Town)",
            "120.65",
            "30.9",
            "120.68",
            "测试手绘分区",
            "schematic",
        ],
    ]
    assert en["csv"].filename == "Wujiang_towns.csv"
    wb = openpyxl.load_workbook(io.BytesIO(en["xlsx"].data()))
    sheet = wb[wb.sheetnames[0]]
    assert [c.value for c in sheet[1]] == [
        "Town ID",
        "Town/zone",
        "Seat longitude",
        "Seat latitude",
        "Schematic area (km²)",
    ]
    assert sheet["B2"].value == "Qidu Town" and sheet["E2"].number_format == "#,##0.00"
    zh = _rows(map_downloads("吴江区镇", items, lang="zh")["csv"].data())
    assert zh[0] == ["区镇编号", "区镇", "驻地经度", "驻地纬度", "示意面积（km²）", "数据来源", "数据精度"]
    assert zh[1] == ["qidu", "七都镇", "120.4", "30.96", "98.99", "测试手绘分区", "示意"]
    # the GeoJSON is headed as the screen in the page's language, its numbers rounded as the CSV's
    doc = en["geojson"].data().decode()
    assert '"Town/zone":"Qidu Town"' in doc and '"Schematic area (km²)":98.99' in doc


def test_a_layers_table_names_every_column_and_value_in_the_language():
    """dev_zones: tooltip fields under their labels (level from level_en), the rest under the
    atlas's headers, places and industries outside the tooltip named in English too."""
    from layers import dev_zones

    frame = gpd.GeoDataFrame(
        {
            "zone_id": ["wjetdz"],
            "name": ["吴江经济技术开发区"],
            "level": ["国家级"],
            "level_en": ["national"],
            "county": ["吴江区"],
            "industries": ["新材料、高端装备制造"],
            "key_industries": ["新材料"],
            "radius_km": [4.5],
        },
        geometry=[shapely.Point(120.7, 31.1).buffer(0.01)],
        crs=4326,
    )
    en = dev_zones.LAYER.table(frame, "en")
    assert list(en.columns) == [
        "Zone ID",
        "Zone",
        "Level",
        "District",
        "Key industries carried",
        "Key industries",
        "Schematic radius (km)",
    ]
    assert en.iloc[0].tolist() == [
        "wjetdz",
        "Wujiang Economic and Technological Development Zone",
        "national",
        "Wujiang District",
        "New materials, High-end equipment manufacturing",
        "New materials",
        4.5,
    ]
    zh = dev_zones.LAYER.table(frame, "zh")
    assert list(zh.columns) == [
        "区域编号",
        "开发区",
        "级别",
        "所在板块",
        "承载重点产业",
        "重点产业",
        "示意半径（km）",
    ]
    assert zh.iloc[0].tolist()[:4] == ["wjetdz", "吴江经济技术开发区", "国家级", "吴江区"]
    assert list(frame.columns)[:4] == ["zone_id", "name", "level", "level_en"]  # not modified


def test_a_map_of_several_layers_gives_one_csv_of_every_layer_named_in_its_first_column():
    """The data page's CSV of four layers held only the last one (issue 23, the walk of 2026-12-06)."""
    from layers import enterprises, towns
    from layers.mapview import MapLayer
    from layers.offline_html import map_downloads

    zones = gpd.GeoDataFrame(
        {"town_id": ["qidu"], "name": ["七都镇"], "area_km2": [98.98612]},
        geometry=[shapely.box(120.38, 30.94, 120.42, 30.98)],
        crs=4326,
    )
    firms = gpd.GeoDataFrame(
        {
            "ent_id": ["E1", "E2"],
            "name": ["甲公司", "乙公司"],
            "town": ["七都镇", "七都镇"],
            "employees": [72, 5],
        },
        geometry=[shapely.Point(120.40, 30.96), shapely.Point(120.41, 30.95)],
        crs=4326,
    )
    items = [MapLayer(towns.LAYER, zones, PROV), MapLayer(enterprises.LAYER, firms, PROV)]
    made = map_downloads("Two layers", items, lang="en")
    assert made["csv"].label == "CSV (all layers, first column the layer)"
    rows = _rows(made["csv"].data())
    head = rows[0]
    assert head[0] == "Layer" and "Data source" in head and "Data accuracy" in head
    layers = [r[0] for r in rows[1:]]
    assert layers == [towns.LAYER.title("en")] + [enterprises.LAYER.title("en")] * 2  # 1 town, 2 firms
    employees = next(h for h in head if h.startswith("Employees"))
    assert [r[head.index(employees)] for r in rows[1:]] == ["", "72", "5"]  # whole, blank for the town
    zh = _rows(map_downloads("两层", items, lang="zh")["csv"].data())
    assert (
        zh[0][0] == "图层"
        and [r[0] for r in zh[1:]] == [towns.LAYER.title("zh")] + [enterprises.LAYER.title("zh")] * 2
    )


def test_the_districts_kind_reads_in_english():
    """The walk found 区 / 县级市 in the English export of the districts layer."""
    from geo.storage.builtin import load_layer
    from layers import districts

    frame = load_layer("districts")
    en = districts.LAYER.table(frame, "en").set_index("Name")
    assert en.loc["Wujiang District", "Kind"] == "District"
    assert en.loc["Kunshan City", "Kind"] == "County-level city"
    assert sorted(set(en["Kind"])) == ["County-level city", "District"]
    zh = districts.LAYER.table(frame, "zh")
    assert sorted(set(zh.iloc[:, list(zh.columns).index("类型")])) == ["区", "县级市"]
