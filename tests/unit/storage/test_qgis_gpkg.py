"""What QGIS finds in a GeoPackage the atlas wrote (issue 23 items 16-17): the layer's title and
provenance in ``gpkg_contents``, its style (the map's colours) in ``layer_styles``, and edits made
outside the atlas (plain sqlite3, GDAL's ``ogrinfo``/``ogr2ogr`` as QGIS writes) in the change log,
which refuses to be changed or emptied."""

from __future__ import annotations

import shutil
import sqlite3
import struct
import subprocess

import geopandas as gpd
import pytest
import shapely

from geo import ingest
from geo.messages.formats import beijing_minute
from geo.storage.audit import audit_log
from geo.storage.outside_edits import GPKG_ACTOR, LOG_IS_FIXED
from geo.storage.styles import IMPORT_COLORS, qgis_color
from layers import REGISTRY
from layers.qgis_styles import builtin_styles

OGRINFO = shutil.which("ogrinfo")
TITLE = "苏州区县高斯克吕格"


def _parks() -> ingest.ImportResult:
    frame = gpd.GeoDataFrame(
        {"名称": ["甲园", "乙园"]},
        geometry=[shapely.box(120.64, 31.15, 120.65, 31.16), shapely.box(120.48, 30.96, 120.49, 30.97)],
        crs="EPSG:4326",
    )
    return ingest.read_upload(
        frame.to_json().encode(), "parks.geojson", kind="zones", mapping={"name": "名称"}
    )


@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "user.gpkg"
    ingest.save_import(_parks(), name="gk", title=TITLE, source="苏州市测绘院，2024", path=path, actor="张三")
    ingest.save_import(_parks(), name="other", title="第二层", source="测试局", path=path, actor="张三")
    return path


def _sqlite(path) -> sqlite3.Connection:
    """A connection as QGIS has one: GDAL registers the functions of the GeoPackage's R-tree
    triggers (a plain sqlite3 connection must be given stand-ins to write a feature table)."""
    con = sqlite3.connect(path)
    for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
        con.create_function(name, 1, lambda _blob: None)
    return con


def test_contents_carry_the_title_and_the_provenance(gpkg):
    con = sqlite3.connect(gpkg)
    rows = dict(
        (t, (i, d))
        for t, i, d in con.execute("SELECT table_name, identifier, description FROM gpkg_contents")
    )
    identifier, description = rows["user_gk"]
    assert identifier == TITLE
    assert description.startswith("来源：苏州市测绘院，2024；精度：真实；导入自：parks.geojson；")
    # the import's time as the app shows it, in Beijing time (walk 11: 导入时间（UTC）：2026-…+00:00)
    imported = ingest.list_user_layers(path=gpkg).set_index("layer").loc["user_gk", "imported_at"]
    assert f"；导入时间：{beijing_minute(imported, 'zh')}；" in description and "UTC" not in description
    assert beijing_minute("2026-12-07T09:22:35+00:00", "zh") == "2026-12-07 17:22 北京时间"
    assert rows["user_other"][0] == "第二层"
    assert rows["atlas_audit"][0] == "变更记录（留痕）" and rows["layer_metadata"][0] == "图层来源说明"
    ingest.update_user_layer("user_other", {"title_zh": "改后标题"}, path=gpkg, actor="张三")
    found = con.execute("SELECT identifier FROM gpkg_contents WHERE table_name = 'user_other'").fetchone()
    assert found == ("改后标题",)


def test_each_import_has_a_default_style_in_the_colour_the_map_gives_it(gpkg):
    con = sqlite3.connect(gpkg)
    styles = con.execute(
        "SELECT f_table_name, f_geometry_column, styleName, useAsDefault, styleQML, styleSLD"
        " FROM layer_styles ORDER BY id"
    ).fetchall()
    assert [s[:4] for s in styles] == [("user_gk", "geom", TITLE, 1), ("user_other", "geom", "第二层", 1)]
    # #d62728 and #9467bd: the first two import colours, 25 % fill, outline opaque
    assert IMPORT_COLORS[:2] == ("#d62728", "#9467bd")
    assert 'value="214,39,40,64"' in styles[0][4] and 'value="214,39,40,255"' in styles[0][4]
    assert 'value="148,103,189,64"' in styles[1][4]
    assert '<se:SvgParameter name="fill">#d62728</se:SvgParameter>' in styles[0][5]


def test_a_replaced_layer_keeps_one_style_and_a_deleted_one_none(gpkg):
    ingest.save_import(_parks(), name="gk", title="新标题", source="测试局", path=gpkg, actor="张三")
    ingest.delete_user_layer("user_other", path=gpkg, actor="张三")
    con = sqlite3.connect(gpkg)
    tables = [
        t for (t,) in con.execute("SELECT table_name FROM gpkg_contents WHERE table_name LIKE 'user_%'")
    ]
    assert tables == ["user_gk"]  # the replaced table's name: a QGIS project keeps its layer
    assert con.execute("SELECT f_table_name, styleName FROM layer_styles").fetchall() == [
        ("user_gk", "新标题")
    ]


def test_a_replacement_keeps_the_table_its_index_triggers_and_the_styles_saved_in_qgis(gpkg):
    """Issue 23 (walk 11): a replace wrote ``user_gk__2``, so a QGIS project lost the layer."""
    con = _sqlite(gpkg)
    con.execute(
        "INSERT INTO layer_styles (f_table_name, f_geometry_column, styleName, styleQML, useAsDefault,"
        " owner) VALUES ('user_gk', 'geom', '我的样式', '<qgis/>', 0, 'gis_staff')"
    )
    con.commit()
    ingest.save_import(_parks(), name="gk", title="新标题", source="测试局", path=gpkg, actor="张三")
    objects = {n for (n,) in con.execute("SELECT name FROM sqlite_master")}
    assert not [n for n in objects if "__" in n]  # no temporary name left
    assert {
        "user_gk",
        "rtree_user_gk_geom",
        "rtree_user_gk_geom_insert",
        "atlas_audit_update_user_gk",
    } <= objects
    found = con.execute("SELECT identifier FROM gpkg_contents WHERE table_name = 'user_gk'").fetchone()
    assert found == ("新标题",)
    styles = con.execute(
        "SELECT styleName, useAsDefault FROM layer_styles WHERE f_table_name = 'user_gk' ORDER BY id"
    ).fetchall()
    assert styles == [("我的样式", 0), ("新标题", 1)]
    assert con.execute("SELECT COUNT(*) FROM rtree_user_gk_geom").fetchone() == (2,)
    con.execute("UPDATE user_gk SET name = '改名园' WHERE fid = 1")  # an edit in QGIS: on record
    con.commit()
    log = audit_log(store=gpkg)
    assert log[["action", "layer"]].values.tolist()[:2] == [
        ["feature_changed", "user_gk"],
        ["replace", "user_gk"],
    ]
    if OGRINFO is not None:  # GDAL reads the table through its spatial index
        info = subprocess.run(
            [OGRINFO, "-ro", "-al", "-q", str(gpkg), "user_gk", "-spat", "120.6", "31.1", "120.7", "31.2"],
            capture_output=True,
            text=True,
        )
        assert info.returncode == 0, info.stderr
        assert "改名园" in info.stdout and "乙园" not in info.stdout


def test_a_duplicate_title_stays_unique_in_the_contents(tmp_path):
    path = tmp_path / "user.gpkg"
    for name in ("a", "b"):
        ingest.save_import(_parks(), name=name, title="同名", source="测试局", path=path, actor="张三")
    con = sqlite3.connect(path)
    found = con.execute("SELECT identifier FROM gpkg_contents WHERE table_name LIKE 'user_%' ORDER BY 1")
    assert [r[0] for r in found] == ["同名", "同名（user_b）"]


def test_an_update_with_plain_sqlite_is_on_record_and_the_log_cannot_be_erased(gpkg):
    con = _sqlite(gpkg)
    con.execute("UPDATE user_gk SET name = '改名园' WHERE fid = 2")
    con.execute("DELETE FROM user_other WHERE fid = 1")
    con.commit()
    log = audit_log(store=gpkg)
    outside = log[log["user_name"] == GPKG_ACTOR]
    assert outside[["action", "layer", "title", "detail"]].values.tolist() == [
        ["feature_deleted", "user_other", "第二层", "fid=1（甲园）"],
        ["feature_changed", "user_gk", TITLE, "fid=2（改名园）；name：乙园 → 改名园"],
    ]
    for sql in ("DELETE FROM atlas_audit", "UPDATE atlas_audit SET user_name = 'x'"):
        with pytest.raises(sqlite3.IntegrityError, match=LOG_IS_FIXED):
            con.execute(sql)
    con.rollback()
    assert len(audit_log(store=gpkg)) == 4  # two imports, two outside edits
    assert ingest.user_layer_counts(path=gpkg) == {"user_gk": 2, "user_other": 1}  # imported 2 and 2


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo is not installed (apt-get install gdal-bin)")
def test_gdal_sees_the_title_and_its_writes_are_on_record(gpkg, tmp_path):
    info = subprocess.run([OGRINFO, "-ro", "-so", str(gpkg), "user_gk"], capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    assert "Feature Count: 2" in info.stdout
    assert f"IDENTIFIER={TITLE}" in info.stdout  # the title QGIS's browser shows
    assert "DESCRIPTION=来源：苏州市测绘院，2024；精度：真实；" in info.stdout
    done = subprocess.run(
        [OGRINFO, str(gpkg), "-sql", "UPDATE user_gk SET name = 'QGIS 改名' WHERE fid = 1"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    extra = tmp_path / "new.geojson"
    gpd.GeoDataFrame(
        {"name": ["新园"]}, geometry=[shapely.box(120.6, 31.1, 120.61, 31.11)], crs="EPSG:4326"
    ).to_file(extra)
    ogr2ogr = shutil.which("ogr2ogr")
    added = subprocess.run(
        [ogr2ogr, "-append", "-update", "-nln", "user_gk", str(gpkg), str(extra)],
        capture_output=True,
        text=True,
    )
    assert added.returncode == 0, added.stderr
    refused = subprocess.run(
        [OGRINFO, str(gpkg), "-sql", "DELETE FROM atlas_audit"], capture_output=True, text=True
    )
    assert LOG_IS_FIXED in refused.stderr
    log = audit_log(store=gpkg)
    outside = log[log["user_name"] == GPKG_ACTOR]
    assert outside[["action", "detail"]].values.tolist() == [
        ["feature_added", "fid=3（新园）"],
        ["feature_changed", "fid=1（QGIS 改名）；name：甲园 → QGIS 改名"],
    ]
    assert ingest.load_user_layer("user_gk", path=gpkg)["name"].tolist() == ["QGIS 改名", "乙园", "新园"]


def test_the_builtin_layers_get_the_colours_of_their_legends(demo_gpkg, tmp_path):
    from geo.storage import builtin
    from geo.storage.styles import write_styles

    copy = tmp_path / "atlas.gpkg"
    shutil.copyfile(demo_gpkg, copy)
    docs = builtin_styles(path=str(copy))
    assert write_styles(copy, docs) == len(docs)
    con = sqlite3.connect(copy)
    rows = con.execute("SELECT f_table_name, styleName, useAsDefault, styleQML FROM layer_styles").fetchall()
    by_title = {name: (table, default, qml) for table, name, default, qml in rows}
    for layer in REGISTRY.values():
        table, default, qml = by_title[layer.title_zh]
        assert table == layer.source
        frame = builtin.load_layer(layer.source, path=copy)
        drawn = set(layer.color_by(frame)) if layer.color_by is not None else {layer.color}
        legend = {e.color: e.label for e in layer.legend(frame, "zh")}
        assert drawn and drawn <= set(legend), layer.name  # what the map draws, the legend names
        for colour in drawn:
            assert f'"{qgis_color(colour)}"' in qml, (layer.name, colour)
            assert (
                f'label="{legend[colour]}"' in qml or f"<se:Name>{legend[colour]}" in qml or len(drawn) == 1
            )
    # the default style of a table is that of the layer named like it (区镇 for wujiang_towns)
    defaults = {t: n for t, n, d, _ in rows if d}
    assert defaults["wujiang_towns"] == REGISTRY["wujiang_towns"].title_zh
    industries = by_title[REGISTRY["enterprises"].title_zh][2]
    assert 'type="categorizedSymbol" attr="industry"' in industries


def test_the_gis_role_command_refuses_a_geopackage(tmp_path, capsys):
    from geo.cli import main

    assert main(["gis-role", "--store", str(tmp_path / "user.gpkg")]) == 2
    assert "gis-role 只用于 PostGIS 共享库" in capsys.readouterr().err


def test_flagged_rows_carry_their_reasons_in_a_flag_column(tmp_path):
    import pandas as pd

    from geo.ingest.report import FLAG_COLUMN

    rows = [
        ("甲公司", 120.641234, 31.161234),
        ("乙公司", 120.521234, 30.931234),
        ("远方公司", 116.401234, 39.901234),
    ]
    rows += [(f"占位{i}公司", 120.0, 31.0) for i in range(5)]
    table = pd.DataFrame(
        {"企业名称": [r[0] for r in rows], "经度": [r[1] for r in rows], "纬度": [r[2] for r in rows]}
    )
    result = ingest.read_upload(table.to_csv(index=False).encode("utf-8-sig"), "名录.csv")
    path = tmp_path / "user.gpkg"
    ingest.save_import(result, name="firms", title="企业名录", source="测试局", path=path, actor="张三")
    con = sqlite3.connect(path)
    flags = dict(con.execute(f'SELECT 企业名称, "{FLAG_COLUMN}" FROM user_firms'))
    assert flags["甲公司"] is None and flags["乙公司"] is None
    assert flags["远方公司"] == "位置远在苏州市范围以外，请核对坐标"
    for i in range(5):
        assert "坐标完全相同" in flags[f"占位{i}公司"]
    assert sum(v is not None for v in flags.values()) == 6 == result.count("warning")


def test_an_import_without_warnings_has_no_flag_column(gpkg):
    from geo.ingest.report import FLAG_COLUMN

    assert FLAG_COLUMN not in ingest.load_user_layer("user_gk", path=gpkg).columns


def test_areas_are_measured_from_the_geometry_as_edited_outside_not_as_typed(gpkg):
    # QGIS reshapes 甲园 into a triangle, half its box, and the user types 1 km², 1,500 亩 in the form
    triangle = shapely.Polygon([(120.64, 31.15), (120.65, 31.15), (120.65, 31.16)])
    blob = b"GP\x00\x01" + struct.pack("<i", 4326) + shapely.to_wkb(triangle, byte_order=1)
    con = _sqlite(gpkg)
    con.execute("UPDATE user_gk SET area_km2 = 1, area_mu = 1500, geom = ? WHERE fid = 1", (blob,))
    con.commit()
    con.close()
    from geo.storage.stored import stored_layer

    for frame in (ingest.load_user_layer("user_gk", path=gpkg), stored_layer("user_gk", user_store=gpkg)[0]):
        # 0.01° x 0.01° boxes in EPSG:4549: 955 m x 1,109 m = 1.057 km² at 31.155° N (1.059 at 30.965°),
        # the triangle half of it; 1 km² = 1,500 亩
        assert frame["area_km2"].tolist() == pytest.approx([0.5287, 1.0593], abs=1e-4)
        assert frame["area_mu"].tolist() == pytest.approx([793.0, 1589.0], abs=1.0)
