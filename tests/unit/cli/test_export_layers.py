"""``geo.cli export`` of several layers: every layer in the CSV (a layer column), one GeoJSON per
layer (a layer of mixed geometry types a file per type), and the CLI's CSV/XLSX formula-safe like the
page's."""

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
from geo.exports.tables import geojson_layer_files, split_by_geometry


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


def test_a_geojson_export_is_one_file_per_layer_as_the_page_writes(tmp_path, capsys):
    """Walk 12 (issue 23): two polygon layers went into one m_polygon.geojson holding the union of
    their columns; the data page writes a file per layer, and so does the command line now."""
    import pyogrio

    out = tmp_path / "m.geojson"
    assert main(["export", "districts", "wujiang_towns", "carrier_parks", "--out", str(out)]) == 0
    assert not out.exists()
    files = {
        "县级行政区": tmp_path / "m_县级行政区.geojson",
        "吴江区镇": tmp_path / "m_吴江区镇.geojson",
        "吴江产业载体（示意）": tmp_path / "m_吴江产业载体（示意）.geojson",
    }
    assert sorted(p.name for p in tmp_path.glob("*.geojson")) == sorted(p.name for p in files.values())
    said = capsys.readouterr().out
    counts = {}
    for (title, path), layer in zip(
        files.items(), ("districts", "wujiang_towns", "carrier_parks"), strict=True
    ):
        assert [name for name, _ in pyogrio.list_layers(path)] == [title]  # one layer, named by its title
        info = pyogrio.read_info(path)
        counts[title] = info["features"]
        alone = tmp_path / "alone" / "a.geojson"
        alone.parent.mkdir(exist_ok=True)
        assert main(["export", layer, "--out", str(alone)]) == 0
        assert list(info["fields"]) == list(pyogrio.read_info(alone)["fields"])  # that layer's columns only
    assert counts == {"县级行政区": 9, "吴江区镇": 8, "吴江产业载体（示意）": 12}
    assert all(str(path) in said for path in files.values()), said  # every file written is named
    assert "3 个文件" in said and "按类型" not in said
    single = tmp_path / "s.geojson"
    assert main(["export", "districts", "--out", str(single)]) == 0
    assert len(json.loads(single.read_text(encoding="utf-8"))["features"]) == 9
    assert not list(tmp_path.glob("s_*"))


def test_a_layer_of_mixed_geometries_is_split_by_type_within_the_layer(tmp_path, capsys, monkeypatch):
    """(An import of mixed types is refused when loaded; a layer from PostGIS may mix them.)"""
    from geo.cli import io as cli_io
    from geo.storage.provenance import Provenance

    mixed = gpd.GeoDataFrame(
        {"name": ["甲园", "乙点"]},
        geometry=[shapely.box(120.6, 31.1, 120.62, 31.12), shapely.Point(120.63, 31.13)],
        crs=4326,
    )
    stored = cli_io.stored_layer

    def stored_layer(name, *args, **kwargs):
        if name == "mixed":
            return mixed, "混合", Provenance("real", "测试局")
        return stored(name, *args, **kwargs)

    monkeypatch.setattr(cli_io, "stored_layer", stored_layer)
    out = tmp_path / "m.geojson"
    assert main(["--lang", "en", "export", "mixed", "districts", "--out", str(out)]) == 0
    names = sorted(p.name for p in tmp_path.glob("m*.geojson"))
    assert names == ["m_Districts.geojson", "m_混合_point.geojson", "m_混合_polygon.geojson"]
    said = capsys.readouterr().out
    assert all(name in said for name in names) and "by geometry type" in said, said


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
    assert [c.value for c in name_cells] == names  # as written, text with the quote prefix (walk21 b6)
    assert {c.data_type for c in name_cells} == {"s"} and all(c.quotePrefix for c in name_cells)
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
    one = geojson_layer_files("m", {"线": lines})
    assert list(one) == ["m.geojson"]
    two = geojson_layer_files("m", {"混合": mixed, "线": lines})
    assert list(two) == ["m_混合_polygon.geojson", "m_混合_point.geojson", "m_线.geojson"]


def test_the_cli_geojson_reads_back_as_one_type_per_file_with_official_headers_and_integers(tmp_path):
    """Issue 23 items 8 and 16, as GDAL (QGIS) reads the files: each layer's file of one geometry type
    (polygons, not "Unknown (any)"), the enterprises' Point; the enterprises keep the official headers
    (用地面积（亩）, not land_mu) and counts are integers."""
    import pyogrio

    out = tmp_path / "m.geojson"
    layers = ["districts", "wujiang_towns", "carrier_parks", "enterprises"]
    assert main(["export", *layers, "--out", str(out)]) == 0
    for name, n in (("县级行政区", 9), ("吴江区镇", 8)):
        polygons = pyogrio.read_info(tmp_path / f"m_{name}.geojson")
        assert polygons["geometry_type"] in ("Polygon", "MultiPolygon") and polygons["features"] == n
    firms_file = tmp_path / "m_吴江企业（合成）.geojson"
    points = pyogrio.read_info(firms_file)
    assert points["geometry_type"] == "Point" and points["features"] == 16766
    fields = dict(zip(points["fields"], points["dtypes"], strict=True))
    assert {"用地面积（亩）", "税收（万元）", "从业人员（人）", "企业名称"} <= set(fields)
    assert not {"land_mu", "tax_wan_yuan", "employees"} & set(fields)
    assert fields["从业人员（人）"] == "int32" and fields["用地面积（亩）"] == "float64"
    firms = pyogrio.read_dataframe(firms_file)
    assert len(firms) == 16766 and firms["从业人员（人）"].notna().all()
