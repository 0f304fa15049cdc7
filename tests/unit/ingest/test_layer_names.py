"""An import's table is named from its file, as QGIS then lists it (issue 23 item 14): a Chinese file
name gives a Chinese table name, not the time of the import; a name taken gets ``_2``; the name fits
PostgreSQL's 63-byte identifiers with room for its index names."""

from __future__ import annotations

import os

import geopandas as gpd
import pyogrio
import pytest
import shapely

from geo import ingest
from geo.errors import DataValidationError
from tests.fixtures.postgis import postgis_schema


def _firms() -> ingest.ImportResult:
    frame = gpd.GeoDataFrame(
        {"name": ["甲公司"]}, geometry=[shapely.box(120.64, 31.15, 120.65, 31.16)], crs="EPSG:4326"
    )
    return ingest.read_upload(frame.to_json().encode(), "企业名单_高德.geojson", kind="zones")


def test_a_name_is_suggested_from_the_file_name_in_chinese_too():
    assert ingest.suggest_layer_name("企业名单_高德.xlsx", "enterprises") == "user_enterprises_企业名单_高德"
    assert ingest.suggest_layer_name("Parks GK (2024).zip", "zones") == "user_zones_parks_gk_2024"
    taken = {"user_zones_园区", "user_zones_园区_2"}
    assert ingest.suggest_layer_name("园区.zip", "zones", taken=taken) == "user_zones_园区_3"
    long = ingest.suggest_layer_name("苏州市吴江区工业企业资源集约利用综合评价名单2024.xlsx", "enterprises")
    assert long == "user_enterprises_苏州市吴江区工业企业"  # 17 + 30 bytes, room for "_2"
    assert len((long + "_2").encode()) <= ingest.MAX_NAME_BYTES
    assert ingest.suggest_layer_name("——.csv", "enterprises").startswith(
        "user_enterprises_20"
    )  # nothing kept


def test_a_chinese_name_is_stored_and_read_back_and_a_too_long_one_refused(tmp_path):
    path = tmp_path / "user.gpkg"
    name = ingest.suggest_layer_name("企业名单_高德.geojson", "zones")
    ingest.save_import(_firms(), name=name, title="企业名单", source="测试", path=path, actor="张三")
    assert "user_zones_企业名单_高德" in {str(n) for n, _ in pyogrio.list_layers(path)}
    assert ingest.load_user_layer(name, path=path)["name"].tolist() == ["甲公司"]
    with pytest.raises(DataValidationError, match="不超过 51 字节"):
        ingest.save_import(_firms(), name="园" * 16, title="长", source="测试", path=path, actor="张三")


@pytest.mark.skipif(not os.environ.get("ATLAS_TEST_DATABASE_URL"), reason="needs ATLAS_TEST_DATABASE_URL")
def test_a_chinese_name_in_postgis(tmp_path, monkeypatch):
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "none.gpkg"))
    with postgis_schema() as url:
        for file in ("企业名单_高德.geojson", "企业名单_高德.geojson"):  # the second is _2
            taken = set(ingest.list_user_layers(path=url)["layer"])
            name = ingest.suggest_layer_name(file, "zones", taken=taken)
            ingest.save_import(_firms(), name=name, title=name, source="测试", path=url, actor="张三")
        assert ingest.list_user_layers(path=url)["layer"].tolist() == [
            "user_zones_企业名单_高德",
            "user_zones_企业名单_高德_2",
        ]
        assert ingest.load_user_layer("user_zones_企业名单_高德_2", path=url)["name"].tolist() == ["甲公司"]
