"""``geo.cli export`` of several layers: every layer in the CSV (a layer column), one GeoJSON per
geometry type when they are mixed, and the CLI's CSV/XLSX formula-safe like the page's."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely

from geo import ingest
from geo.cli import main
from geo.exports.tables import geojson_files, split_by_geometry


@pytest.fixture
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    return path


def test_a_csv_of_three_layers_holds_all_three(tmp_path, capsys):
    out = tmp_path / "m.csv"
    assert main(["export", "districts", "wujiang_towns", "carrier_parks", "--out", str(out)]) == 0
    assert "县级行政区 9 个要素，吴江区镇 8 个要素" in capsys.readouterr().out
    text = out.read_bytes().decode("utf-8-sig")
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    # headed as the data page's CSV of the same layers (图层, 名称 …, 数据精度 in words)
    assert table.columns[0] == "图层" and len(table) == 9 + 8 + 12
    counts = table["图层"].value_counts().to_dict()
    assert counts == {"县级行政区": 9, "吴江区镇": 8, "吴江产业载体（示意）": 12}
    assert "吴江区" in set(table.loc[table["图层"] == "县级行政区", "名称"])
    wujiang = table[table["名称"] == "吴江区"].iloc[0]
    assert wujiang["行政区划代码"] == "320509"  # whole numbers stay whole beside other layers' blanks
    parks = table[table["图层"] == "吴江产业载体（示意）"]
    assert (parks["经度"] != "").all() and (table.loc[table["图层"] == "县级行政区", "经度"] == "").all()
    assert set(table["数据精度"]) <= {"真实", "示意"}


def test_a_mixed_geojson_export_is_one_file_per_geometry_type(tmp_path, capsys):
    out = tmp_path / "m.geojson"
    assert main(["export", "districts", "wujiang_towns", "carrier_parks", "--out", str(out)]) == 0
    assert not out.exists()
    polygons = json.loads((tmp_path / "m_polygon.geojson").read_text(encoding="utf-8"))
    points = json.loads((tmp_path / "m_point.geojson").read_text(encoding="utf-8"))
    assert len(polygons["features"]) == 17 and len(points["features"]) == 12
    assert {f["geometry"]["type"] for f in polygons["features"]} <= {"Polygon", "MultiPolygon"}
    assert {f["geometry"]["type"] for f in points["features"]} == {"Point"}
    assert "按类型分成 2 个文件" in capsys.readouterr().out
    single = tmp_path / "s.geojson"
    assert main(["export", "districts", "wujiang_towns", "--out", str(single)]) == 0
    assert len(json.loads(single.read_text(encoding="utf-8"))["features"]) == 17


def test_the_cli_exports_hostile_names_as_text(tmp_path, user_store):
    names = ['=HYPERLINK("http://evil.example/x","点我")', "=cmd|' /C calc'!A0", "@SUM(A1)"]
    table = tmp_path / "企业.csv"
    pd.DataFrame(
        {"name": names, "score": [-2.5, 1.0, 3.0], "lon": [120.6, 120.61, 120.62], "lat": 31.1}
    ).to_csv(table, index=False)
    assert (
        main(
            [
                "import",
                str(table),
                "--frame",
                "wgs84",
                "--kind",
                "other",
                "--name",
                "firms",
                "--source",
                "测试局",
                "--accuracy",
                "real",
            ]
        )
        == 0
    )
    xlsx, csv = tmp_path / "x.xlsx", tmp_path / "x.csv"
    assert main(["export", "user_firms", "--out", str(xlsx)]) == 0
    assert main(["export", "user_firms", "districts", "--out", str(csv)]) == 0
    ws = openpyxl.load_workbook(xlsx).worksheets[0]
    header = [c.value for c in ws[1]]
    name_cells = [row[header.index("名称")] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in name_cells] == ["'" + n for n in names]
    assert {c.data_type for c in name_cells} == {"s"}
    score = ws.cell(row=2, column=header.index("综合得分（分）") + 1)  # the evaluation's header for score
    assert score.data_type == "n" and score.value == -2.5
    back = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(back.loc[back["图层"] == "企业", "名称"]) == ["'" + n for n in names]


def test_split_by_geometry_puts_each_row_with_its_family():
    mixed = gpd.GeoDataFrame(
        {"n": [1, 2, 3, 4]},
        geometry=[shapely.box(0, 0, 1, 1), shapely.Point(0, 0), None, shapely.box(2, 2, 3, 3)],
        crs=4326,
    )
    lines = gpd.GeoDataFrame({"n": [5]}, geometry=[shapely.LineString([(0, 0), (1, 1)])], crs=4326)
    parts = split_by_geometry({"混合": mixed, "线": lines})
    assert list(parts) == ["polygon", "line", "point"]
    assert parts["polygon"]["混合"]["n"].tolist() == [1, 3, 4]  # the empty row goes with its layer's most
    assert parts["point"]["混合"]["n"].tolist() == [2]
    assert parts["line"]["线"]["n"].tolist() == [5] and "线" not in parts["polygon"]
    one = geojson_files({"线": lines})
    assert list(one) == [""]


def test_the_cli_geojson_reads_back_as_one_type_per_file_with_official_headers_and_integers(tmp_path):
    """Issue 23 items 8 and 16, as GDAL (QGIS) reads the files: the polygons file is MultiPolygon
    (district polygons beside multipolygons made multi, not "Unknown (any)"), the points file Point;
    the enterprises keep the official headers (用地面积（亩）, not land_mu) and counts are integers."""
    import pyogrio

    out = tmp_path / "m.geojson"
    layers = ["districts", "wujiang_towns", "carrier_parks", "enterprises"]
    assert main(["export", *layers, "--out", str(out)]) == 0
    polygons = pyogrio.read_info(tmp_path / "m_polygon.geojson")
    points = pyogrio.read_info(tmp_path / "m_point.geojson")
    assert polygons["geometry_type"] == "MultiPolygon" and polygons["features"] == 9 + 8
    assert points["geometry_type"] == "Point" and points["features"] == 12 + 16766
    fields = dict(zip(points["fields"], points["dtypes"], strict=True))
    assert {"用地面积（亩）", "税收（万元）", "从业人员（人）", "企业名称"} <= set(fields)
    assert not {"land_mu", "tax_wan_yuan", "employees"} & set(fields)
    assert fields["从业人员（人）"] == "int32" and fields["用地面积（亩）"] == "float64"
    firms = pyogrio.read_dataframe(tmp_path / "m_point.geojson", where="\"图层\" = '吴江企业（合成）'")
    assert len(firms) == 16766 and firms["从业人员（人）"].notna().all()
