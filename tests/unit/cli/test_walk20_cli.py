"""What the walk 20 met on the command line (item b4): a zone file without a name column was told in
Chinese to choose a column in 「字段对应」 (a screen's box; the English named --map), then ``--map
名称=园区`` was refused although the message itself called the field 名称; ``--replace`` without
``--name`` repeated the duplicate-title message word for word."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo import ingest
from geo.cli import main
from geo.ingest.columns import mapping_fields, merge_mapping

SAVE = ("--source", "区发改局 2025", "--accuracy", "real", "--frame", "wgs84")


@pytest.fixture(autouse=True)
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    return path


@pytest.fixture
def parks(tmp_path):
    """Two parks whose name column (简称) the atlas does not recognise."""
    frame = gpd.GeoDataFrame(
        {"简称": ["吴江经开区", "汾湖高新区"], "面积亩": [3499.2, 1200.0]},
        geometry=[box(120.6, 31.1, 120.65, 31.15), box(120.8, 31.0, 120.85, 31.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "园区范围.gpkg"
    frame.to_file(path, layer="parks", driver="GPKG")
    return path


def _import(path, *extra: str, lang: str = "zh") -> list[str]:
    return ["--lang", lang, "import", str(path), "--kind", "zones", *SAVE, *extra]


def test_the_missing_field_is_mapped_as_the_message_says(parks, capsys):
    assert main(_import(parks)) == 2
    err = capsys.readouterr().err
    assert "缺少必需的字段：名称" in err and "--map name=列名" in err, err
    assert main(_import(parks, lang="en")) == 2
    err = capsys.readouterr().err
    assert "Required fields are missing: Name" in err and "--map name=<column>" in err, err
    # the label the message names is taken for the field, as the key is
    assert main(_import(parks, "--map", "名称=简称")) == 0, capsys.readouterr().err
    layer = ingest.load_user_layer(ingest.list_user_layers()["layer"].iloc[0])
    assert sorted(layer["name"]) == ["吴江经开区", "汾湖高新区"]


def test_map_takes_a_fields_label_in_either_language_where_it_is_unambiguous():
    assert mapping_fields({"名称": "园区", "分区编号": "编号"}, "zones") == {
        "name": "园区",
        "zone_id": "编号",
    }
    assert mapping_fields({"Name": "园区", "zone id": "编号"}, "zones") == {"name": "园区", "zone_id": "编号"}
    given = {"税收": "实缴税金", "用地面积（亩）": "占地", "Sales (10k yuan)": "开票", "tax_wan_yuan": "x"}
    assert mapping_fields(given, "enterprises") == {
        "tax_wan_yuan": "x",
        "land_mu": "占地",
        "sales_wan_yuan": "开票",
    }
    # laid over the suggested mapping (import and evaluate --map) as the key is
    assert merge_mapping({"tax_wan_yuan": "税金"}, {"税收": "实缴"}, "enterprises") == {
        "tax_wan_yuan": "实缴"
    }
    # an unknown word stays as given, for the error that lists the fields
    assert mapping_fields({"园区": "x"}, "zones") == {"园区": "x"}
    assert mapping_fields({"名称": "x"}, "other") == {"名称": "x"}


def test_replace_without_name_says_that_name_is_the_missing_half(parks, capsys):
    assert main(_import(parks, "--map", "name=简称", "--title", "园区范围", "--name", "parks")) == 0
    capsys.readouterr()
    assert main(_import(parks, "--map", "name=简称", "--title", "园区范围", "--replace")) == 2
    err = capsys.readouterr().err
    assert "--replace 只替换" in err and "请再加上 --name user_parks" in err, err
    assert main(_import(parks, "--map", "name=简称", "--title", "园区范围", "--replace", lang="en")) == 2
    err = capsys.readouterr().err
    assert "--replace replaces" in err and "add --name user_parks" in err, err
    assert ingest.list_user_layers()["layer"].tolist() == ["user_parks"]
