"""Every GeoPackage the atlas writes is version 1.2 (issue 23 item 17): the bundled GDAL 3.12 would
write 1.4, on which Debian's GDAL 3.6 / QGIS 3.22 warn "may only be partially supported" at every
open; the atlas uses no 1.4 feature (only the R-tree and schema extensions of GeoPackage 1.0)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import geopandas as gpd
import pytest
import shapely

from geo import ingest
from geo.exports.run_files import write_outputs
from geo.exports.tables import gpkg_bytes
from geo.storage.builtin import DEFAULT_GPKG, write_layers
from geo.storage.provenance import Provenance

OGRINFO = "/usr/bin/ogrinfo"  # Debian's GDAL (3.6 on Debian 12), as QGIS 3.22 there reads files
V1_2 = 10200  # PRAGMA user_version of a GeoPackage 1.2


def _version(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def _extensions(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT DISTINCT extension_name FROM gpkg_extensions")}
    finally:
        con.close()


def _parks() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["甲园"]}, geometry=[shapely.box(120.64, 31.15, 120.65, 31.16)], crs="EPSG:4326"
    )


def _written(tmp_path) -> dict[str, object]:
    store = tmp_path / "user.gpkg"
    result = ingest.read_upload(_parks().to_json().encode(), "parks.geojson", kind="zones")
    ingest.save_import(result, name="parks", title="园区", source="测试局", path=store, actor="张三")
    export = tmp_path / "m.gpkg"
    export.write_bytes(gpkg_bytes({"园区": _parks()}, {"园区": Provenance("schematic", "测试")}))
    outputs = write_outputs({"zones": _parks().set_index("name")}, tmp_path / "result.gpkg", fmt="gpkg")
    return {
        "user store": store,
        "export": export,
        "evaluation output": outputs[0],
        "demo build": write_layers({"districts": _parks()}, path=tmp_path / "demo.gpkg"),
        "bundled demo": DEFAULT_GPKG,
    }


def test_every_geopackage_written_is_version_1_2_and_uses_no_1_4_feature(tmp_path):
    for what, path in _written(tmp_path).items():
        assert _version(path) == V1_2, what
        # R-tree and schema (gpkg_data_columns) are 1.0 extensions: no gpkg_crs_wkt_1_1 and the like
        assert _extensions(path) <= {"gpkg_rtree_index", "gpkg_schema"}, what


@pytest.mark.skipif(shutil.which(OGRINFO) is None, reason="Debian's gdal-bin is not installed")
def test_debians_gdal_opens_them_without_a_version_warning(tmp_path):
    for what, path in _written(tmp_path).items():
        done = subprocess.run([OGRINFO, "-ro", "-so", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, (what, done.stderr)
        assert "partially supported" not in done.stdout + done.stderr, what
