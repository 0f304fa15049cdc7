"""Every bad file ends in a Chinese message: status 2 on the command line, st.error on the page."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo import ingest
from geo.cli import main
from tests.fixtures import upload as fx
from tests.fixtures.app import open_page

POINTS_CSV = "名称,经度,纬度\n甲纺织,120.645,31.155\n乙材料,120.655,30.915\n".encode()


@pytest.fixture
def zones_gpkg(tmp_path) -> Path:
    path = tmp_path / "zones.gpkg"
    gpd.GeoDataFrame(
        {"name": ["盛泽镇"]}, geometry=[shapely.box(120.5, 30.8, 120.8, 31.2)], crs=4326
    ).to_file(path, engine="pyogrio")
    return path


def _cli(capsys, *args) -> tuple[int, str]:
    rc = main([str(a) for a in args])
    return rc, capsys.readouterr().err


def test_evaluate_an_empty_enterprise_csv(tmp_path, zones_gpkg, capsys):
    empty = tmp_path / "企业.csv"
    empty.write_bytes(b"")
    rc, err = _cli(capsys, "evaluate", zones_gpkg, empty, "-o", tmp_path / "out")
    assert rc == 2 and "企业文件 企业.csv 是空的" in err  # names which of the two files


def test_evaluate_an_xlsx_bomb(tmp_path, zones_gpkg, capsys):
    bomb = tmp_path / "企业.xlsx"
    bomb.write_bytes(fx.shared_string_bomb(80))
    rc, err = _cli(capsys, "evaluate", zones_gpkg, bomb, "-o", tmp_path / "out")
    assert rc == 2 and "共享字符串表" in err and "超过上限 64 MB" in err


def test_evaluate_zones_with_two_name_fields(tmp_path, capsys):
    zones = tmp_path / "重名.zip"
    zones.write_bytes(fx.two_name_fields_zip())
    ents = tmp_path / "企业.csv"
    ents.write_bytes(POINTS_CSV)
    rc, err = _cli(capsys, "evaluate", zones, ents, "-o", tmp_path / "out", "--coords", "wgs84")
    assert rc == 2 and "重名字段：「NAME」（2 次）" in err


def test_import_a_point_table_as_zones(tmp_path, capsys):
    path = tmp_path / "企业点位.csv"
    path.write_bytes(POINTS_CSV)
    rc, err = _cli(capsys, "import", path, "--kind", "zones", "--frame", "wgs84", "--dry-run")
    assert rc == 2 and "用途「分区」需要面要素（多边形），而这个文件的要素全是 Point" in err
    assert "请把用途改为「企业」（点）或「其他」" in err
    rc, _ = _cli(capsys, "import", path, "--kind", "other", "--frame", "wgs84", "--dry-run")
    assert rc == 0


def test_import_a_line_layer_as_enterprises(tmp_path, capsys):
    path = tmp_path / "道路.geojson"
    gpd.GeoDataFrame(
        {"name": ["路"]}, geometry=[shapely.LineString([(120.6, 31.1), (120.7, 31.2)])], crs=4326
    ).to_file(path, driver="GeoJSON", engine="pyogrio")
    rc, err = _cli(capsys, "import", path, "--kind", "enterprises", "--dry-run")
    assert rc == 2 and "用途「企业」需要点" in err and "LineString" in err


def test_import_a_shapefile_with_two_name_fields(tmp_path, capsys):
    path = tmp_path / "重名.zip"
    path.write_bytes(fx.two_name_fields_zip())
    rc, err = _cli(capsys, "import", path, "--kind", "zones", "--dry-run")
    assert rc == 2 and "重名字段：「NAME」（2 次）" in err


def test_a_file_that_cannot_be_read_is_a_message_not_a_traceback(tmp_path, zones_gpkg, capsys):
    folder = tmp_path / "企业.csv"
    folder.mkdir()  # a folder where a file is expected
    rc, err = _cli(capsys, "evaluate", zones_gpkg, folder, "-o", tmp_path / "out")
    assert rc == 2 and "企业.csv" in err and "Traceback" not in err


def test_a_programming_error_is_not_dressed_as_a_data_error(monkeypatch, tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes(POINTS_CSV)

    def broken(*_a, **_k):
        raise TypeError("a bug")

    monkeypatch.setattr(ingest, "read_upload", broken)
    with pytest.raises(TypeError, match="a bug"):
        main(["import", str(path), "--frame", "wgs84", "--dry-run"])


# ---- the same files on the 数据管理 page ------------------------------------------------------


@pytest.fixture
def data_page(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "user" / "atlas_user.gpkg"))
    return open_page("pages/data.py", timeout=90)


def test_page_point_table_under_the_use_zones(data_page):
    at = data_page
    at.file_uploader(key="data_upload").set_value(("企业点位.csv", POINTS_CSV, "text/csv")).run()
    assert not at.exception
    # the page proposes the use from the file: a table of points is an enterprise list
    kind = next(s for s in at.selectbox if s.key and s.key.startswith("data_kind@"))
    assert kind.value == "enterprises"
    # kept on 分区 against the proposal, reading says why instead of failing
    kind.set_value("zones").run()
    # a point table is asked its coordinate frame every time (nothing to read before it is chosen)
    frame = next(r for r in at.radio if r.key and r.key.startswith("data_frame@"))
    assert frame.value is None
    frame.set_value("wgs84").run()
    at.button(key="data_read").click().run()
    assert not at.exception
    assert "用途「分区」需要面要素" in at.error[0].value


def test_page_shapefile_with_two_name_fields(data_page):
    at = data_page
    at.file_uploader(key="data_upload").set_value(("重名.zip", fx.two_name_fields_zip(), "application/zip"))
    at.run()
    assert not at.exception
    assert "重名字段：「NAME」（2 次）" in at.error[0].value


@pytest.mark.parametrize(
    ("make", "expected"),
    [(fx.shared_string_bomb, "共享字符串表"), (fx.empty_rows_xlsx, "行以上（含空行）")],
    ids=["shared-string", "empty-rows"],
)
def test_page_xlsx_bombs(data_page, make, expected):
    at = data_page
    at.file_uploader(key="data_upload").set_value(("企业.xlsx", make(), "application/octet-stream")).run()
    assert not at.exception
    assert expected in at.error[0].value and "已拒绝（未解析）" in at.error[0].value
