"""``python -m geo.cli import`` asks a point table's lon/lat frame every time, as the 数据管理 page
does (issue 23 item 1): no ``--frame``, no default; the message names the choices and the frame the
atlas proposes when the file gives one. Files that carry their CRS need no ``--frame``."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo import ingest
from geo.cli import main
from tests.fixtures.points import addressed_points

SAVE = ("--source", "区工信局 2024", "--accuracy", "transcribed")


@pytest.fixture(autouse=True)
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    return path


def _csv(tmp_path, table: pd.DataFrame, name: str = "企业.csv"):
    path = tmp_path / name
    table.to_csv(path, index=False)
    return path


PLAIN = pd.DataFrame({"企业名称": ["甲纺织", "乙材料"], "lon": [120.645, 120.655], "lat": [31.155, 30.915]})


def test_a_table_with_nothing_saying_its_frame_is_refused_with_the_choices(tmp_path, user_store, capsys):
    path = _csv(tmp_path, PLAIN)
    assert main(["import", str(path), "--kind", "enterprises", *SAVE]) == 2
    err = capsys.readouterr().err
    assert err == (
        "错误：「企业.csv」是经纬度表格，请用 --frame 说明它的坐标框架（没有默认值）。"
        "可选：wgs84：WGS-84（GPS/天地图/OSM）；gcj02：GCJ-02（高德/腾讯）；bd09：BD-09（百度）。"
        "数据里看不出是哪一种，选错会偏移数百米：请向数据提供方确认\n"
    )
    assert not user_store.exists()  # nothing read, nothing stored
    assert main(["import", str(path), "--kind", "enterprises", "--dry-run"]) == 2  # a dry run reads too
    assert "--frame" in capsys.readouterr().err
    assert main(["--lang", "en", "import", str(path), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: “企业.csv” is a table of longitudes and latitudes: give its coordinate")
    assert "Choose one of: wgs84 = WGS-84 (GPS, Tianditu, OSM); gcj02 = GCJ-02 (Gaode, Tencent); bd09" in err


def test_a_gaode_list_with_addresses_is_refused_naming_the_proposed_frame_and_why(tmp_path, capsys):
    """287 points with addresses written in GCJ-02: as GCJ-02 all 287 lie in the district their
    address names, as WGS-84 only 278 (the same count as the page's proposal)."""
    path = _csv(tmp_path, addressed_points(frame="gcj02"), "企业名单.csv")
    assert main(["import", str(path), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "本图集建议 --frame gcj02：287 个有地址的点中，落在地址所写区县/区镇内的个数：" in err
    assert "WGS-84 278，GCJ-02 287，BD-09 271；按 GCJ-02（高德/腾讯）解读多 9 个" in err
    assert "确认后把它加到命令里" in err
    assert main(["--lang", "en", "import", str(path), "--dry-run"]) == 2
    assert "The atlas proposes --frame gcj02: Of 287 points with an address" in capsys.readouterr().err


def test_gaode_column_names_propose_gcj02(tmp_path, capsys):
    path = _csv(tmp_path, PLAIN.rename(columns={"lon": "高德经度", "lat": "高德纬度"}))
    assert main(["import", str(path), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "本图集建议 --frame gcj02：根据列名/文件名，坐标可能是 GCJ-02（高德/腾讯）" in err


def test_the_frame_given_is_used(tmp_path, user_store, capsys):
    """The same Gaode list with --frame gcj02: every point back on its WGS-84 place (< 1 m)."""
    wgs = addressed_points(frame="wgs84")
    path = _csv(tmp_path, addressed_points(frame="gcj02"), "企业名单.csv")
    assert main(["import", str(path), "--frame", "gcj02", "--kind", "other", "--name", "firms", *SAVE]) == 0
    stored = ingest.load_user_layer("user_firms").to_crs(4549)
    truth = gpd.GeoSeries(shapely.points(wgs["lon"], wgs["lat"]), crs=4326).to_crs(4549)
    assert len(stored) == len(wgs) == 287
    assert np.max(stored.geometry.distance(truth, align=False)) < 1.0


def test_inspect_names_the_proposal_or_says_there_is_none(tmp_path, capsys):
    assert main(["import", str(_csv(tmp_path, PLAIN)), "--inspect"]) == 0
    out = capsys.readouterr().out
    assert "坐标框架建议：无（数据里看不出，导入时请用 --frame 指明）" in out
    gaode = _csv(tmp_path, addressed_points(frame="gcj02"), "企业名单.csv")
    assert main(["import", str(gaode), "--inspect"]) == 0
    out = capsys.readouterr().out
    assert "坐标框架建议：gcj02" in out and "坐标框架依据：287 个有地址的点中" in out


def test_files_that_carry_their_crs_and_joined_tables_need_no_frame(tmp_path, capsys):
    parks = gpd.GeoDataFrame(
        {"name": ["甲园", "乙园"]},
        geometry=[
            shapely.box(120.635, 31.147, 120.655, 31.163),
            shapely.box(120.645, 30.907, 120.665, 30.923),
        ],
        crs=4326,
    )
    geojson = tmp_path / "园区.geojson"
    geojson.write_text(parks.to_json(), encoding="utf-8")
    gpkg = tmp_path / "园区.gpkg"
    parks.to_crs(4549).to_file(gpkg, layer="parks")
    for path in (geojson, gpkg):
        assert main(["import", str(path), "--kind", "zones", "--dry-run"]) == 0, capsys.readouterr().err
    towns = _csv(
        tmp_path, pd.DataFrame({"区镇": ["七都镇"], "企业名称": ["甲"], "lon": [120.4], "lat": [31.0]})
    )
    joined = ["--join-layer", "wujiang_towns", "--join-key", "name", "--join-col", "区镇"]
    assert main(["import", str(towns), *joined, "--kind", "other", "--dry-run"]) == 0, capsys.readouterr().err
    no_coordinates = _csv(tmp_path, pd.DataFrame({"name": ["甲"], "value": [1]}), "无坐标.csv")
    assert main(["import", str(no_coordinates), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "--frame" not in err  # its own message: no coordinate columns


def test_boundaries_that_fit_gcj02_though_they_say_wgs84_are_asked(tmp_path, capsys):
    """The real district boundaries shifted into GCJ-02 and saved as GeoJSON (which says WGS-84, as
    高德-derived files do): their vertices lie on the bundled boundaries only when read as GCJ-02,
    so the command asks, naming --frame gcj02; the same boundaries in WGS-84 need no --frame."""
    from geo.spatial.crs import convert_frame
    from geo.storage.builtin import load_layer

    districts = load_layer("districts")[["adcode", "name", "geometry"]]
    gcj = tmp_path / "320500.geojson"
    gcj.write_text(convert_frame(districts, src="wgs84", dst="gcj02").to_json(), encoding="utf-8")
    assert main(["import", str(gcj), "--kind", "zones", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "错误：「320500.geojson」声明的坐标系是 EPSG:4326（WGS-84 经纬度），但它的边界按 GCJ-02"
    )
    assert (
        "按 GCJ-02（高德/腾讯）解读最吻合" in err
        and "请加 --frame gcj02；如确是 WGS-84，请加 --frame wgs84" in err
    )
    assert main(["import", str(gcj), "--kind", "zones", "--frame", "gcj02", "--dry-run"]) == 0
    assert (
        main(["import", str(gcj), "--kind", "zones", "--frame", "wgs84", "--dry-run"]) == 0
    )  # the user's call
    wgs = tmp_path / "districts.geojson"
    wgs.write_text(districts.to_json(), encoding="utf-8")
    assert main(["import", str(wgs), "--kind", "zones", "--dry-run"]) == 0
