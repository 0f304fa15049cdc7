"""What QGIS (and GDAL's ogrinfo) see of the PostGIS tables: a primary key on every layer and shared
table (else QGIS falls back to ctid and will not edit), one geometry type per layer (a layer of
polygons and multipolygons is MultiPolygon, as in the GeoPackage), and a long column name's original
as the column's comment. Checked in PostgreSQL's own catalog, and with ``ogrinfo`` where installed.

Needs ``ATLAS_TEST_DATABASE_URL`` (skipped without it)."""

from __future__ import annotations

import shutil
import subprocess

import geopandas as gpd
import pytest
import shapely
import sqlalchemy as sa

from geo import ingest
from geo.evaluation import default_config
from geo.evaluation import named as eval_configs
from geo.land import renewal
from geo.storage.base import open_store
from geo.storage.postgis import normalise_url, primary_key_column
from tests.fixtures.postgis import postgis_schema

LONG = "规模以上工业企业单位能耗增加值（万元每吨标准煤，按当年价格计算）: '甲'"  # 99 bytes in UTF-8


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "none.gpkg"))
    with postgis_schema() as url:
        yield url


def _mixed_parks(tmp_path) -> ingest.ImportResult:
    """Two parks: one a polygon, one a multipolygon of two parts (WGS-84, in Wujiang)."""
    one = shapely.box(120.64, 31.15, 120.65, 31.16)
    two = shapely.MultiPolygon(
        [shapely.box(120.48, 30.96, 120.49, 30.97), shapely.box(120.5, 30.96, 120.51, 30.97)]
    )
    frame = gpd.GeoDataFrame(
        {"名称": ["甲园", "乙园"], LONG: [1.5, 2.5]}, geometry=[one, two], crs="EPSG:4326"
    )
    return ingest.read_upload(
        frame.to_json().encode(), "parks.geojson", kind="zones", mapping={"name": "名称"}
    )


def _catalog(url: str, sql: str, **params) -> list[tuple]:
    engine = sa.create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql), params)]
    finally:
        engine.dispose()


def _primary_key(url: str, table: str) -> list[str]:
    return [
        r[0]
        for r in _catalog(
            url,
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(:t) AND i.indisprimary",
            t=table,
        )
    ]


def test_layers_have_a_primary_key_one_geometry_type_and_their_long_names_as_comments(db, tmp_path):
    ingest.save_import(
        _mixed_parks(tmp_path), name="parks", title="园区", source="测试局", path=db, actor="测试员"
    )
    assert _primary_key(db, "user_parks") == ["fid"]
    assert _catalog(db, "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'user_parks'") == [
        ("MULTIPOLYGON", 4326)
    ]
    comments = _catalog(
        db,
        "SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a"
        " WHERE a.attrelid = to_regclass('user_parks') AND a.attnum > 0 AND NOT a.attisdropped"
        " AND col_description(a.attrelid, a.attnum) IS NOT NULL",
    )
    shortened = [(n, c) for n, c in comments if n.startswith("c")]
    assert len(shortened) == 1 and shortened[0][1] == LONG
    # the other columns carry the headers people read (QGIS shows a column's comment)
    assert [c for c in comments if c not in shortened] == [
        ("zone_id", "区域编号"),
        ("name", "名称"),
        ("area_km2", "面积（km²）"),
        ("area_mu", "面积（亩）"),
    ]
    # Read back as imported: the same columns (no key among them), the rows in order, all MultiPolygon
    # as the GeoPackage store gives them.
    back = ingest.load_user_layer("user_parks", path=db)
    gpkg = tmp_path / "user.gpkg"
    ingest.save_import(
        _mixed_parks(tmp_path), name="parks", title="园区", source="测试局", path=gpkg, actor="测试员"
    )
    from_file = ingest.load_user_layer("user_parks", path=gpkg)
    assert list(back.columns) == list(from_file.columns) and "fid" not in back.columns
    assert back["name"].tolist() == ["甲园", "乙园"] and back[LONG].tolist() == [1.5, 2.5]
    assert back.geom_type.tolist() == from_file.geom_type.tolist() == ["MultiPolygon", "MultiPolygon"]
    areas = [shapely.area(f.geometry.to_numpy()).round(8).tolist() for f in (back, from_file)]
    assert areas == [[0.0001, 0.0002], [0.0001, 0.0002]]


def test_the_shared_tables_have_a_primary_key_too(db):
    renewal.record_status("P1", "处置中", method="技改提升", status_date="2026-01-02", actor="张三", path=db)
    eval_configs.save_named_config("甲", dict(default_config().to_dict()), actor="张三", store=db)
    for table in ("parcel_renewal_log", "atlas_eval_configs", "atlas_audit"):
        assert _primary_key(db, table) == ["id"], table


def test_the_key_column_is_named_apart_from_a_column_called_fid():
    assert primary_key_column(["name", "geometry"]) == "fid"
    assert primary_key_column(["FID", "geometry"]) == "atlas_fid"
    assert primary_key_column(["fid", "atlas_fid"]) == "atlas_fid_2"


@pytest.mark.skipif(
    shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo (Debian gdal-bin) is not installed"
)
def test_ogrinfo_sees_the_key_and_the_geometry_type(db, tmp_path):
    ingest.save_import(
        _mixed_parks(tmp_path), name="parks", title="园区", source="测试局", path=db, actor="测试员"
    )
    store = open_store(db)
    url = sa.make_url(normalise_url(db))
    schema = url.query["options"].split("=", 1)[1].split(",")[0]
    conn = (
        f"PG:host={url.host} port={url.port} dbname={url.database} user={url.username}"
        f" password={url.password} schemas={schema}"
    )
    out = subprocess.run(["ogrinfo", "-so", conn, "user_parks"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Geometry: Multi Polygon" in out.stdout and "FID Column = fid" in out.stdout
    assert store.location  # the store opened with the same URL
