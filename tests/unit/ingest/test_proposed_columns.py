"""The columns the importer proposes from a file's headers: the town of an enterprise list or a parcel
table under the headers counties write (所属镇, 镇街 …; walk 18 b4), not a header that may name a
district or a park; a park layer's name column (园区, 园区名称 …) proposed as the zones' name, the
layer as zones (walk 20 c12)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo import ingest


@pytest.mark.parametrize(
    "header",
    [
        "所属镇",
        "所属镇（区）",
        "所属镇(区)",
        "所在镇",
        "镇（区）",
        "镇/区",
        "区/镇",
        "乡镇",
        "所属乡镇",
        "所在乡镇",
        "镇",
        "镇（街道）",
        "街道/镇",
        "镇/街道",
        "镇街",
        "所属镇街",
        "所属街道",
        "乡镇（街道）",
    ],
)
def test_the_town_headers_of_a_county_file_are_recognised(header):
    columns = ["企业名称", header, "用地面积（亩）", "实缴税金（万元）"]
    assert ingest.suggest_mapping(columns, "enterprises").get("town") == header


@pytest.mark.parametrize("header", ["所属区域", "所属地区", "所属园区", "所属区"])
def test_headers_that_may_name_a_district_or_a_park_are_left_to_the_user(header):
    columns = ["企业名称", header, "用地面积（亩）", "实缴税金（万元）"]
    assert "town" not in ingest.suggest_mapping(columns, "enterprises")


@pytest.mark.parametrize("header", ["所属镇", "所在镇", "镇"])
def test_the_town_headers_of_a_parcel_table_are_recognised(header):
    assert ingest.suggest_mapping(["地块编号", header, "宗地面积"], "parcels").get("town") == header


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
