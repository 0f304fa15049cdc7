"""Loading and validating stored layers; atomic writes."""

from __future__ import annotations

import re
import shutil

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import Point, box

from geo.errors import DataValidationError
from geo.messages import MESSAGES
from geo.storage.builtin import check_layer, layer_metadata, list_layers, load_layer, write_layers
from geo.storage.schema import ALL_LAYERS


@pytest.fixture
def store(tmp_path, demo_gpkg):
    path = tmp_path / "atlas.gpkg"
    shutil.copyfile(demo_gpkg, path)
    return path


def test_demo_store_has_every_schema_layer_and_they_validate(demo_gpkg):
    names = set(list_layers(demo_gpkg))
    assert {s.name for s in ALL_LAYERS} <= names
    for schema in ALL_LAYERS:
        frame = load_layer(schema.name, path=demo_gpkg)
        assert len(frame) > 0
        assert set(schema.columns) <= set(frame.columns)
        if schema.geometry is not None:
            assert frame.crs.to_epsg() == 4326


def test_missing_file_and_layer_say_what_to_do(tmp_path, store):
    with pytest.raises(DataValidationError, match="找不到数据文件.*data.build"):
        load_layer("districts", path=tmp_path / "nope.gpkg")
    with pytest.raises(DataValidationError, match="没有图层「plots」.*现有图层"):
        load_layer("plots", path=store)
    empty = tmp_path / "empty.gpkg"
    empty.write_bytes(b"")
    with pytest.raises(DataValidationError, match="空文件"):
        load_layer("districts", path=empty)


def test_missing_column_is_named(tmp_path):
    path = tmp_path / "bad.gpkg"
    gdf = gpd.GeoDataFrame(
        {"adcode": ["320509"], "name": ["吴江区"]}, geometry=[box(120, 30, 121, 31)], crs=4326
    )
    pyogrio.write_dataframe(gdf, path, layer="districts")
    with pytest.raises(DataValidationError, match="缺少字段：name_en、kind、area_km2"):
        load_layer("districts", path=path)


def test_wrong_crs_and_wrong_geometry_type_are_refused(tmp_path):
    path = tmp_path / "bad.gpkg"
    cols = {"adcode": ["1"], "name": ["x"], "name_en": ["x"], "kind": ["区"], "area_km2": [1.0]}
    gdf = gpd.GeoDataFrame(cols, geometry=[box(500_000, 3_460_000, 501_000, 3_461_000)], crs="EPSG:4549")
    pyogrio.write_dataframe(gdf, path, layer="districts")
    with pytest.raises(DataValidationError, match="EPSG:4549.*WGS-84"):
        load_layer("districts", path=path)
    pts = gpd.GeoDataFrame(cols, geometry=[Point(120.6, 31.3)], crs=4326)
    pyogrio.write_dataframe(pts, path, layer="districts")
    with pytest.raises(DataValidationError, match="应为面图层"):
        load_layer("districts", path=path)


def test_empty_layer_is_refused(tmp_path):
    path = tmp_path / "empty_layer.gpkg"
    cols = {"adcode": pd.Series([], dtype=str), "name": pd.Series([], dtype=str)}
    pyogrio.write_dataframe(gpd.GeoDataFrame(cols, geometry=[], crs=4326), path, layer="districts")
    with pytest.raises(DataValidationError, match="0 条记录"):
        load_layer("districts", path=path)


def test_write_layers_replaces_and_adds(store):
    before = load_layer("districts", path=store)
    extra = gpd.GeoDataFrame({"v": [1, 2]}, geometry=[Point(120.6, 31.3), Point(120.7, 31.2)], crs=4326)
    write_layers({"my_points": extra}, path=store)
    assert "my_points" in list_layers(store)
    assert len(load_layer("my_points", path=store)) == 2
    # replacing a layer keeps the others as they were
    write_layers({"my_points": extra.iloc[:1]}, path=store)
    assert len(load_layer("my_points", path=store)) == 1
    pd.testing.assert_frame_equal(load_layer("districts", path=store), before)


def test_failed_write_leaves_store_unchanged(store):
    before = store.read_bytes()
    good = gpd.GeoDataFrame({"v": [1]}, geometry=[Point(120.6, 31.3)], crs=4326)
    bad = gpd.GeoDataFrame({"v": [1]}, geometry=[Point(500_000, 3_460_000)], crs="EPSG:4549")
    with pytest.raises(DataValidationError, match="WGS-84"):
        write_layers({"good": good, "bad": bad}, path=store)

    with pytest.raises(Exception):  # noqa: B017 - any failure mid-write must leave the file alone
        write_layers({"good": good, "broken": "not a frame"}, path=store)  # type: ignore[dict-item]
    assert store.read_bytes() == before
    assert [p.name for p in store.parent.iterdir() if p.name.startswith(".atlas")] == []


def test_metadata_lists_accuracy_for_every_spatial_layer(demo_gpkg):
    meta = layer_metadata(path=demo_gpkg)
    for schema in ALL_LAYERS:
        if schema.name == "layer_metadata":
            continue
        assert schema.name in meta.index, schema.name
        assert meta.loc[schema.name, "accuracy"] in {"real", "transcribed", "schematic", "synthetic"}


def test_a_wrong_geometry_is_said_in_the_language_asked(store):
    frame = load_layer("districts", path=store)
    points = frame.set_geometry(frame.geometry.representative_point())
    with pytest.raises(DataValidationError) as caught:
        check_layer(points, "districts", where="test")
    assert "应为面图层" in str(caught.value)
    english = caught.value.text("en")
    assert english.startswith("Layer “districts” should hold polygon geometry but holds Point")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english), english


def test_missing_columns_are_listed_with_commas_in_english(store):
    frame = load_layer("districts", path=store).drop(columns=["name"])
    with pytest.raises(DataValidationError) as caught:
        check_layer(frame, "districts", where="test")
    english = caught.value.text("en")
    assert "、" not in english and ", " in english, english


def test_the_stores_english_messages_carry_no_chinese():
    """Walk 12 (issue 23): "should hold 面 geometry (面 polygon, …)", "the 数据管理 (Data) page"."""
    said = {key: en for key, (_zh, en) in MESSAGES.items() if key.startswith("storage.")}
    chinese = {key: en for key, en in said.items() if re.search(r"[\u4e00-\u9fff、；：]", en)}
    assert said and not chinese, chinese
