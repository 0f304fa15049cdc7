"""The GeoJSON a user downloads keeps the official Chinese headers and whole numbers (issue 23 item 8)."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo import ingest
from geo.exports.headers import official_headers
from geo.exports.tables import geojson_bytes
from geo.storage.provenance import Provenance


def _firms() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "ent_id": ["E1", "E2"],
            "name": ["甲纺织", "乙材料"],
            "town": ["盛泽镇", "七都镇"],
            "land_mu": [30.5, 12.0],
            "sales_wan_yuan": [5000.0, 800.0],
            "tax_wan_yuan": [900.0, np.nan],
            "employees": [72.0, np.nan],  # a blank makes the column float in pandas
            "tax_per_mu": [29.51, np.nan],  # computed: not a catalogue column, keeps its name
        },
        geometry=shapely.points([120.65, 120.45], [30.92, 30.98]),
        crs="EPSG:4326",
    )


PROV = {"企业": Provenance("real", "测试局")}


def test_official_headers_of_an_enterprise_table():
    got = official_headers(_firms().columns)
    assert got == {
        "ent_id": "企业编号",
        "name": "企业名称",
        "town": "所在区镇",
        "land_mu": "用地面积（亩）",
        "sales_wan_yuan": "销售收入（万元）",
        "tax_wan_yuan": "税收（万元）",
        "employees": "从业人员（人）",
    }
    assert official_headers(["zone_id", "name", "area_km2"]) == {}  # a zone layer keeps its names
    assert official_headers(["ent_id", "land_mu", "用地面积（亩）"]) == {"ent_id": "企业编号"}  # no overwrite


def test_the_downloaded_geojson_has_the_official_headers_and_integers():
    from layers.offline_html import map_downloads
    from layers.user_layers import user_map_layer

    meta = pd.Series(
        {"layer": "firms", "title_zh": "企业", "title_en": "Firms", "accuracy": "real", "source": "测试局"}
        | {"licence": "", "note": "", "kind": "enterprises"}
    )
    made = map_downloads("企业导出", [user_map_layer(meta, _firms())], lang="zh")
    doc = json.loads(made["geojson"].data())
    first, second = (f["properties"] for f in doc["features"])
    assert "land_mu" not in first and "tax_wan_yuan" not in first
    assert first["用地面积（亩）"] == 30.5 and first["税收（万元）"] == 900
    assert first["从业人员（人）"] == 72 and isinstance(first["从业人员（人）"], int)  # 72, not 72.0
    assert second["从业人员（人）"] is None
    assert first["tax_per_mu"] == 29.51 and first["企业名称"] == "甲纺织"
    assert first["数据来源"] == "测试局" and first["数据精度"] == "真实"  # as the CSV heads them
    # and the importer reads the headers back as the standard columns
    back = ingest.read_upload(made["geojson"].data(), "企业导出.geojson", kind="enterprises").frame
    assert list(back["land_mu"]) == [30.5, 12.0] and back["tax_wan_yuan"].iloc[0] == 900
    assert list(back["town"]) == ["盛泽镇", "七都镇"]


def test_standard_names_stay_where_asked_and_bad_options_are_refused():
    doc = json.loads(geojson_bytes({"企业": _firms()}, PROV))
    assert "land_mu" in doc["features"][0]["properties"] and "atlas_columns" not in doc
    with pytest.raises(ValueError, match="headers"):
        geojson_bytes({"企业": _firms()}, PROV, headers="english")
