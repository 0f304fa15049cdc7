"""The GeoJSON downloads of a map view as GDAL (QGIS) reads them (walk 11): a layer with no feature
is no file (the 亩均 page's 预警企业 when none is warned opened as a layer of geometry "Unknown"), and
a column with no value in any feature is left out rather than read as String."""

from __future__ import annotations

import io
import json
import zipfile

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from geo.exports.tables import geojson_bytes
from geo.storage.provenance import Provenance
from layers.base import Layer
from layers.mapview import MapLayer
from layers.offline_html import layers_geojson

PROV = Provenance("synthetic", "测试")


def _firms(n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"ent_id": [f"E{i}" for i in range(n)], "name": ["甲"] * n, "value_added_wan_yuan": [np.nan] * n},
        geometry=shapely.points([120.6 + i / 100 for i in range(n)], [31.0] * n),
        crs="EPSG:4326",
    )


def _layer(title: str) -> Layer:
    return Layer(name=title, source=title, title_zh=title, title_en=title, group="", kind="point")


def test_a_view_with_an_empty_layer_downloads_only_the_layers_with_features(tmp_path):
    items = [MapLayer(_layer("企业类别"), _firms(3), PROV), MapLayer(_layer("预警企业"), _firms(0), PROV)]
    made = layers_geojson("亩均", items, lang="zh")
    data = made.data()
    if made.filename.endswith(".zip"):
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert not any("预警企业" in n for n in names), names
    else:
        path = tmp_path / "x.geojson"
        path.write_bytes(data)
        info = pyogrio.read_info(path)
        assert info["geometry_type"] == "Point" and info["features"] == 3


def test_a_number_column_without_values_is_left_out_and_named(tmp_path):
    path = tmp_path / "firms.geojson"
    path.write_bytes(geojson_bytes({"企业": _firms(2)}, {"企业": PROV}, headers="official", measures=False))
    info = pyogrio.read_info(path)
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert "工业增加值（万元）" not in fields, fields  # all null: GDAL would read it as String
    assert json.loads(path.read_text(encoding="utf-8"))["atlas_empty_columns"] == ["工业增加值（万元）"]
    assert fields["企业编号"] == "object"
