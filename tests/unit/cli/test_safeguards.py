"""The command line's smaller safeguards: --replace to overwrite an import, hash-password from a pipe,
the GeoPackage store and its lock created 0640, a file in metres read as degrees named as such."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import ingest
from geo.cli import main
from geo.storage import audit
from geo.storage.accounts import verify_password
from tests.fixtures import ROOT

CSV = "name,lon,lat\n甲,120.645,31.155\n乙,120.655,30.915\n"


@pytest.fixture
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    return path


def _import(tmp_path, text: str, *extra: str) -> int:
    table = tmp_path / "企业.csv"
    table.write_text(text, encoding="utf-8")
    return main(
        [
            "import",
            str(table),
            "--name",
            "firms",
            "--source",
            "测试局",
            "--accuracy",
            "real",
            "--frame",
            "wgs84",
            "--kind",
            "other",
            *extra,
        ]
    )


def test_an_existing_name_is_not_overwritten_without_replace(tmp_path, user_store, capsys):
    assert _import(tmp_path, CSV) == 0
    capsys.readouterr()
    before = hashlib.sha256(user_store.read_bytes()).hexdigest()
    changed = CSV + "丙,120.600,31.000\n"
    assert _import(tmp_path, changed) == 2
    err = capsys.readouterr().err
    assert "已有图层「user_firms」" in err and "请加上 --replace" in err and "Traceback" not in err
    assert hashlib.sha256(user_store.read_bytes()).hexdigest() == before
    assert len(ingest.load_user_layer("user_firms")) == 2
    assert _import(tmp_path, changed, "--dry-run") == 0  # a dry run stores nothing: no question
    assert _import(tmp_path, changed, "--replace") == 0
    assert len(ingest.load_user_layer("user_firms")) == 3
    assert audit.audit_log()["action"].tolist() == ["replace", "import"]


def test_hash_password_reads_one_line_from_a_pipe(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse 电池\n"))
    assert main(["hash-password", "zhangsan"]) == 0
    line = capsys.readouterr().out.strip()
    user, _, quoted = line.partition(" = ")
    assert user == "zhangsan" and verify_password("correct horse 电池", quoted.strip('"'))
    assert not verify_password("correct horse", quoted.strip('"'))


@pytest.mark.parametrize(
    ("given", "expected"),
    [("", "没有从标准输入读到密码"), ("\n", "没有从标准输入读到密码"), ("short\n", "密码少于 8 个字符")],
)
def test_hash_password_says_how_to_use_it(monkeypatch, capsys, given, expected):
    monkeypatch.setattr(sys, "stdin", io.StringIO(given))
    assert main(["hash-password", "zhangsan"]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    if "标准输入" in expected:
        assert "printf %s" in err and "hash-password 用户名" in err


def test_hash_password_from_a_real_pipe_and_from_nothing():
    cmd = [sys.executable, "-m", "geo.cli", "hash-password", "lisi"]
    ok = subprocess.run(
        cmd, input="a long enough secret\n", capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert ok.returncode == 0, ok.stderr
    assert verify_password("a long enough secret", ok.stdout.strip().split(" = ")[1].strip('"'))
    empty = subprocess.run(
        cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert empty.returncode == 2 and "没有从标准输入读到密码" in empty.stderr
    assert "Traceback" not in empty.stderr


def test_a_new_store_and_its_lock_are_group_readable_not_world_readable(tmp_path, user_store):
    old = os.umask(0o022)  # the usual umask, under which GDAL would create the file 0644
    try:
        assert _import(tmp_path, CSV) == 0
    finally:
        os.umask(old)
    lock = user_store.with_name(user_store.name + ".lock")
    assert stat.S_IMODE(user_store.stat().st_mode) == 0o640
    assert stat.S_IMODE(lock.stat().st_mode) == 0o640
    os.chmod(user_store, 0o600)  # an operator's own choice is kept by later writes
    assert _import(tmp_path, CSV, "--replace") == 0
    assert stat.S_IMODE(user_store.stat().st_mode) == 0o600


def _parks_geojson_in(crs: str) -> bytes:
    """Two parks near 盛泽 as a GeoJSON in ``crs`` with no ``crs`` member (RFC 7946 says degrees)."""
    parks = gpd.GeoDataFrame(
        {"name": ["甲园", "乙园"]},
        geometry=[shapely.box(120.60, 31.10, 120.61, 31.11), shapely.box(120.70, 31.10, 120.71, 31.11)],
        crs=4326,
    ).to_crs(crs)
    doc = json.loads(parks.to_json())
    doc.pop("crs", None)
    return json.dumps(doc).encode()


def test_a_geojson_in_metres_without_a_crs_gets_a_sensible_message(tmp_path, user_store, capsys):
    path = tmp_path / "园区.geojson"
    path.write_bytes(_parks_geojson_in("EPSG:4549"))
    assert main(["import", str(path), "--source", "测试局", "--accuracy", "real"]) == 2
    err = capsys.readouterr().err
    assert "坐标像是以米为单位的投影坐标（约 x=" in err and "y=3,44" in err
    assert "--crs EPSG:4549" in err and "km" not in err and "Traceback" not in err
    assert main(["import", str(path), "--inspect"]) == 0
    assert "坐标像是以米为单位的投影坐标" in capsys.readouterr().out
    assert (
        main(
            [
                "import",
                str(path),
                "--crs",
                "EPSG:4549",
                "--name",
                "parks",
                "--source",
                "测试局",
                "--accuracy",
                "real",
            ]
        )
        == 0
    )
    bounds = ingest.load_user_layer("user_parks").total_bounds
    assert bounds == pytest.approx([120.60, 31.10, 120.71, 31.11], abs=1e-6)


def test_a_file_far_away_gives_its_distance_in_plain_kilometres(tmp_path, user_store, capsys):
    beijing = gpd.GeoDataFrame({"name": ["京"]}, geometry=[shapely.Point(116.40, 39.90)], crs=4326)
    path = tmp_path / "北京.geojson"
    path.write_text(beijing.to_json(), encoding="utf-8")
    assert main(["import", str(path), "--source", "测试局", "--accuracy", "real"]) == 2
    err = capsys.readouterr().err
    assert "都在苏州市以外（最近的也有约 " in err and " km）" in err
    km = int(err.split("有约 ")[1].split(" km")[0].replace(",", ""))
    assert 800 < km < 1_100  # Beijing is about 1,000 km from Suzhou's box


def test_audit_prints_the_change_log_as_the_data_page_shows_it(tmp_path, user_store, capsys):
    """Times in Beijing time (the page's change log) and headers in the command's language; it
    printed 时间（UTC） and raw ISO stamps, and raw column names in English."""
    assert _import(tmp_path, CSV) == 0
    stamp = audit.audit_log()["at_utc"].iloc[0]
    beijing = (pd.Timestamp(stamp).tz_convert("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    capsys.readouterr()
    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert "时间" in out and "操作人" in out and f"{beijing} 北京时间" in out
    assert "UTC" not in out and str(stamp) not in out
    assert main(["--lang", "en", "audit"]) == 0
    out = capsys.readouterr().out
    assert "When" in out and "Who" in out and f"{beijing} Beijing time" in out
    assert "at_utc" not in out and "user_name" not in out


def test_a_title_another_layer_has_is_refused_as_the_page_refuses_it(tmp_path, user_store, capsys):
    """Two imports under one title were both saved (the legend listed it twice); the page refuses."""
    assert _import(tmp_path, CSV, "--title", "盛泽七都企业") == 0
    capsys.readouterr()
    before = hashlib.sha256(user_store.read_bytes()).hexdigest()
    for extra in ((), ("--replace",)):  # another layer's title is refused even with --replace
        assert _import(tmp_path, CSV, "--name", "firms_b", "--title", "盛泽七都企业", *extra) == 2
        err = capsys.readouterr().err
        assert "已有标题为「盛泽七都企业」的图层「user_firms」" in err, err
        said = "请再加上 --name user_firms" if extra else "--name user_firms --replace"  # walk20 item 4
        assert said in err and "Traceback" not in err
    assert hashlib.sha256(user_store.read_bytes()).hexdigest() == before
    assert ingest.list_user_layers()["layer"].tolist() == ["user_firms"]
    # replacing that layer explicitly is allowed, as is the same title under its own name
    assert _import(tmp_path, CSV + "丙,120.600,31.000\n", "--title", "盛泽七都企业", "--replace") == 0
    assert len(ingest.load_user_layer("user_firms")) == 3
    assert (
        main(
            [
                "--lang",
                "en",
                "import",
                str(tmp_path / "企业.csv"),
                "--name",
                "b",
                "--title",
                "盛泽七都企业",
                "--source",
                "x",
                "--accuracy",
                "real",
                "--frame",
                "wgs84",
            ]
        )
        == 2
    )
    assert "already hold a layer titled “盛泽七都企业” (user_firms)" in capsys.readouterr().err


def test_audit_shows_a_dash_for_rows_no_file_had_and_the_renewal_status_in_words(
    tmp_path, user_store, capsys
):
    """A change that read no file printed <NA> for 读入行/保存行, and a 盘活 status change read
    "更改更新状态"."""
    assert _import(tmp_path, CSV) == 0
    audit.record_change("status_changed", user="李四", layer="parcel_renewal_log", detail="P3")
    capsys.readouterr()
    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert "<NA>" not in out and "更改盘活状态" in out and "更改更新状态" not in out
    status = next(line for line in out.splitlines() if "更改盘活状态" in line)
    assert status.split().count("—") >= 2, out  # 读入行, 保存行
    imported = next(line for line in out.splitlines() if "导入" in line)
    assert " 2 " in imported  # the import's rows as numbers
    assert main(["--lang", "en", "audit"]) == 0
    assert "renewal status changed" in capsys.readouterr().out
