"""The GeoPackage export as QGIS opens it: one table per layer (a layer of mixed geometry split by
family), listed under its title with its provenance as description, styled in its legend colour."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import geopandas as gpd
import pytest
import shapely

from geo.cli import main
from geo.errors import DataValidationError
from geo.exports import tables as export
from geo.storage.provenance import Provenance

OGRINFO = shutil.which("ogrinfo")


def _frames() -> dict[str, gpd.GeoDataFrame]:
    parks = gpd.GeoDataFrame(
        {"name": ["甲园", "乙园"]},
        geometry=[shapely.box(120.64, 31.15, 120.65, 31.16), shapely.Point(120.5, 30.9)],
        crs="EPSG:4326",
    )
    roads = gpd.GeoDataFrame(
        {"name": ["一号路"]}, geometry=[shapely.LineString([(120.6, 31.0), (120.7, 31.1)])], crs="EPSG:4326"
    )
    return {"园区": parks, "道路": roads}


def test_each_layer_and_family_is_a_titled_styled_table(tmp_path):
    prov = {"园区": Provenance(accuracy="schematic", source="吴江区规划", licence="本项目")}
    data = export.gpkg_bytes(_frames(), prov, colors={"园区": "#1b9e77"}, when=export.date(2026, 12, 6))
    path = tmp_path / "out.gpkg"
    path.write_bytes(data)
    con = sqlite3.connect(path)
    contents = con.execute(
        "SELECT table_name, identifier, description FROM gpkg_contents WHERE data_type = 'features'"
        " ORDER BY table_name"
    ).fetchall()
    assert contents == [
        ("layer_1_point", "园区（点）", "来源：吴江区规划；精度：示意；许可：本项目；导出：2026-12-06"),
        ("layer_1_polygon", "园区（面）", "来源：吴江区规划；精度：示意；许可：本项目；导出：2026-12-06"),
        ("layer_2", "道路", "苏州产业布局一张图导出，2026-12-06"),
    ]
    styles = dict(con.execute("SELECT f_table_name, styleQML FROM layer_styles"))
    assert 'value="27,158,119,64"' in styles["layer_1_polygon"]  # #1b9e77 at 25 %
    assert '<symbol type="marker"' in styles["layer_1_point"]
    assert 'name="line_color" type="QString" value="217,95,2,255"' in styles["layer_2"]  # the line colour


def test_no_layer_is_refused():
    with pytest.raises(DataValidationError, match="没有可导出的图层"):
        export.gpkg_bytes({})


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo is not installed (apt-get install gdal-bin)")
def test_the_cli_export_opens_in_gdal_under_its_titles(tmp_path, demo_gpkg, capsys):
    out = tmp_path / "m.gpkg"
    assert (
        main(["export", "districts", "carrier_parks", "--out", str(out), "--builtin-store", str(demo_gpkg)])
        == 0
    )
    assert "县级行政区 9 个要素" in capsys.readouterr().out
    listing = subprocess.run([OGRINFO, "-ro", "-q", str(out)], capture_output=True, text=True).stdout
    assert "1: layer_1 (Multi Polygon)" in listing and "2: layer_2 (Point)" in listing
    info = subprocess.run([OGRINFO, "-ro", "-so", str(out), "layer_2"], capture_output=True, text=True).stdout
    assert "IDENTIFIER=吴江产业载体（示意）" in info and "Feature Count: 12" in info
