"""A file mixing polygons, lines and points: refused at import, as the store could not read it back."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, box

from geo import ingest
from geo.errors import DataValidationError
from geo.ingest.upload import check_one_geometry_family
from geo.ingest.userstore import list_user_layers, load_user_layer, save_import

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _mixed() -> bytes:
    frame = gpd.GeoDataFrame(
        {"name": ["A", "B", "C"]},
        geometry=[box(120.60, 31.20, 120.61, 31.21), Point(120.62, 31.22), Point(120.63, 31.23)],
        crs="EPSG:4326",
    )
    return json.dumps(json.loads(frame.to_json())).encode()


def test_a_mixed_other_layer_is_refused_naming_each_type_and_count(tmp_path):
    with pytest.raises(DataValidationError) as caught:
        ingest.read_upload(_mixed(), "mixed.geojson", kind="other")
    error = caught.value
    assert error.key == "ingest.mixed_geometry"
    assert "面 1 个、点 2 个" in str(error) and "QGIS" in error.hint
    english = error.text("en")
    assert "polygons (1), points (2)" in english and "--kind zones" in english
    assert not CJK.search(english), english
    # nothing reached the store
    assert list_user_layers(path=tmp_path / "s.gpkg").empty


def test_as_zones_a_mixed_file_keeps_its_polygons_and_reads_back(tmp_path):
    result = ingest.read_upload(_mixed(), "mixed.geojson", kind="zones")
    assert list(result.frame.geom_type) == ["Polygon"]
    store = tmp_path / "s.gpkg"
    save_import(result, name="mixed", title="Mixed", source="test", path=store)
    assert list(load_user_layer("user_mixed", path=store).geom_type) == ["Polygon"]


def test_one_family_in_single_and_multi_parts_is_one_layer():
    frame = gpd.GeoDataFrame(
        geometry=[
            LineString([(0, 0), (1, 1)]),
            LineString([(1, 1), (2, 0)]).union(LineString([(3, 3), (4, 4)])),
        ],
        crs="EPSG:4326",
    )
    assert set(frame.geom_type) == {"LineString", "MultiLineString"}
    check_one_geometry_family(frame, "lines.geojson")  # no error
