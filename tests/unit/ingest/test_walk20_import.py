"""What the walk 20 met importing: the English row check said "the 1 row above it are a title" (c7);
parks whose name column is 园区 (a zipped shapefile) were proposed as an other layer, the same parks
under 园区名称 (a GeoPackage) as 分区 (c12)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo import ingest
from geo.messages.notes import text_in

ROWS = "名称,经度,纬度\n甲,120.6,31.1\n乙,120.7,31.2\n"


@pytest.mark.parametrize(
    ("title", "zh", "en"),
    [
        (
            "标题,,\n",
            "表头在第 2 行（上方 1 行为标题，已跳过）",
            "The header is in row 2 (the row above it is a title, skipped)",
        ),
        (
            "标题,,\n副标题,,\n",
            "表头在第 3 行（上方 2 行为标题，已跳过）",
            "The header is in row 3 (the 2 rows above it are a title, skipped)",
        ),
    ],
)
def test_the_title_rows_skipped_are_counted_in_agreement(title, zh, en):
    found = ingest.inspect_upload((title + ROWS).encode(), "名单.csv")
    assert [text_in(n, "zh") for n in found.notes] == [zh]
    assert [text_in(n, "en") for n in found.notes] == [en]


def _parks(tmp_path, name_column: str) -> bytes:
    parks = gpd.GeoDataFrame(
        {
            name_column: ["吴江经济技术开发区", "汾湖高新区"],
            "区镇": ["松陵街道", "黎里镇"],
            "面积亩": [3499.2, 1200.0],
        },
        geometry=[box(120.6, 31.1, 120.65, 31.15), box(120.8, 31.0, 120.85, 31.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "parks.gpkg"
    parks.to_file(path, layer="parks", driver="GPKG")
    return path.read_bytes()


@pytest.mark.parametrize("name_column", ["园区", "园区名称", "开发区", "片区", "名称", "园区名"])
def test_parks_named_in_a_park_column_are_proposed_as_zones(tmp_path, name_column):
    found = ingest.inspect_upload(_parks(tmp_path, name_column), "parks.gpkg")
    assert ingest.proposed_kind(found) == "zones"
    assert ingest.suggest_mapping(list(found.columns), "zones") == {"name": name_column}
