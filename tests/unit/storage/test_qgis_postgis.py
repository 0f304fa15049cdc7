"""What QGIS finds in the PostGIS store (issue 23 items 16-17): the layer's title and provenance as
the table's comment, its style in ``layer_styles``, edits made with psycopg (as QGIS makes them) on
record with the database user, and the GIS staff's role able to edit features but not the change log.

Needs ``ATLAS_TEST_DATABASE_URL`` (skipped without it)."""

from __future__ import annotations

import re
import uuid

import geopandas as gpd
import psycopg
import pytest
import shapely
import sqlalchemy as sa

from geo import ingest
from geo.storage.audit import audit_log
from geo.storage.base import open_store
from geo.storage.outside_edits import LOG_IS_FIXED
from tests.fixtures.postgis import postgis_schema


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "none.gpkg"))
    with postgis_schema() as url:
        frame = gpd.GeoDataFrame(
            {"名称": ["甲园", "乙园"]},
            geometry=[shapely.box(120.64, 31.15, 120.65, 31.16), shapely.box(120.48, 30.96, 120.49, 30.97)],
            crs="EPSG:4326",
        )
        result = ingest.read_upload(
            frame.to_json().encode(), "parks.geojson", kind="zones", mapping={"name": "名称"}
        )
        ingest.save_import(result, name="gk", title="苏州区县", source="苏州市测绘院", path=url, actor="张三")
        yield url


def _psycopg(url: str) -> psycopg.Connection:
    """A plain connection as QGIS opens one (libpq URL, the test schema first on the search path)."""
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))


def test_title_comment_and_style(db):
    with _psycopg(db) as con:
        comment = con.execute("SELECT obj_description(to_regclass('user_gk'), 'pg_class')").fetchone()[0]
        style = con.execute(
            "SELECT f_table_schema = current_schema(), f_geometry_column, stylename, useasdefault,"
            " styleqml::text FROM layer_styles WHERE f_table_name = 'user_gk'"
        ).fetchall()
    assert comment.startswith("苏州区县；来源：苏州市测绘院；精度：真实；导入自：parks.geojson")
    # the import's time in Beijing time, as the app shows it (walk 11: it said 导入时间（UTC）)
    assert re.search(r"；导入时间：\d{4}-\d\d-\d\d \d\d:\d\d 北京时间", comment) and "UTC" not in comment
    assert [s[:4] for s in style] == [(True, "geometry", "苏州区县", True)]
    assert 'value="214,39,40,64"' in style[0][4]  # #d62728, the first import colour, 25 % fill
    # a new title (with "%" and a quote, which COMMENT cannot take as a parameter) is the new comment
    ingest.update_user_layer("user_gk", {"title_zh": "100% 'GK' 区县"}, path=db, actor="张三")
    with _psycopg(db) as con:
        comment = con.execute("SELECT obj_description(to_regclass('user_gk'), 'pg_class')").fetchone()[0]
    assert comment.startswith("100% 'GK' 区县；来源：苏州市测绘院；")


def test_an_update_with_psycopg_is_on_record_with_the_database_user(db):
    with _psycopg(db) as con:
        user = con.execute("SELECT session_user").fetchone()[0]
        con.execute("UPDATE user_gk SET name = 'QGIS 改名' WHERE fid = 2")
        con.execute(
            "INSERT INTO user_gk (name, geometry)"
            " VALUES ('新园', ST_MakeEnvelope(120.6, 31.1, 120.61, 31.11, 4326))"
        )
        con.execute("DELETE FROM user_gk WHERE fid = 1")
    log = audit_log(store=db)
    outside = log[log["action"].str.startswith("feature_")]
    assert outside[["user_name", "action", "layer", "title", "detail"]].values.tolist() == [
        [user, "feature_deleted", "user_gk", "苏州区县", "fid=1（甲园）"],
        [user, "feature_added", "user_gk", "苏州区县", "fid=3（新园）"],
        [user, "feature_changed", "user_gk", "苏州区县", "fid=2（QGIS 改名）；name：乙园 → QGIS 改名"],
    ]
    assert ingest.load_user_layer("user_gk", path=db)["name"].tolist() == ["QGIS 改名", "新园"]
    assert ingest.user_layer_counts(path=db) == {"user_gk": 2}  # as the table holds them now


def test_nobody_changes_the_log_and_the_gis_role_edits_only_features(db, capsys):
    role = f"atlas_gis_{uuid.uuid4().hex[:8]}"
    store = open_store(db)
    try:
        assert store.grant_gis_role(role) is True
        from geo.cli import main

        assert main(["gis-role", "--store", db, "--role", role]) == 0  # a second run only grants again
        assert f"已授权角色 {role}" in capsys.readouterr().out
        with _psycopg(db) as con:  # the owner: the guard refuses
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=LOG_IS_FIXED):
                con.execute("DELETE FROM atlas_audit")
        with _psycopg(db) as con:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=LOG_IS_FIXED):
                con.execute("TRUNCATE atlas_audit")
        with _psycopg(db) as con:
            con.execute(f'SET ROLE "{role}"')
            con.execute("UPDATE user_gk SET name = '角色改名' WHERE fid = 1")  # features: allowed
            con.execute("UPDATE layer_styles SET description = '我的样式'")  # styles: allowed
            con.commit()
            for sql in (
                "DELETE FROM atlas_audit",
                "UPDATE atlas_audit SET user_name = 'x'",
                "INSERT INTO atlas_audit (action) VALUES ('x')",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                    con.execute(sql)
                con.rollback()
                con.execute(f'SET ROLE "{role}"')
            assert con.execute("SELECT count(*) FROM atlas_audit").fetchone()[0] == 2  # import + the edit
        # a layer stored after the grant is the role's to edit too
        ingest.save_import(
            ingest.read_upload(
                gpd.GeoDataFrame(
                    {"name": ["丙"]}, geometry=[shapely.box(120.6, 31.1, 120.61, 31.11)], crs="EPSG:4326"
                )
                .to_json()
                .encode(),
                "c.geojson",
                kind="zones",
            ),
            name="later",
            title="后来",
            source="测试局",
            path=db,
            actor="张三",
        )
        with _psycopg(db) as con:
            con.execute(f'SET ROLE "{role}"')
            con.execute("DELETE FROM user_later")
        assert audit_log(store=db)["action"].tolist()[0] == "feature_deleted"
    finally:
        engine = sa.create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        engine.dispose()


def test_the_builtin_styles_go_to_the_demo_tables(db, demo_gpkg, capsys):
    from geo.storage.audit import Change
    from layers import REGISTRY
    from layers.qgis_styles import main as write_builtin_styles

    open_store(db).load_gpkg(demo_gpkg, Change(action="load_demo", user="张三"))
    assert write_builtin_styles(["--store", db]) == 0
    assert "已写入 9 个图层样式" in capsys.readouterr().out
    with _psycopg(db) as con:
        rows = con.execute(
            "SELECT f_table_name, stylename, f_geometry_column, styleqml::text FROM layer_styles"
            " WHERE useasdefault AND f_table_name LIKE 'demo_%' ORDER BY 1"
        ).fetchall()
    assert [r[0] for r in rows] == sorted(
        "demo_" + n
        for n in (
            "districts",
            "wujiang_towns",
            "corridor_belts",
            "corridor_axes",
            "dev_zones",
            "carrier_parks",
        )
        + ("enterprises",)
    )
    defaults = {r[0]: r for r in rows}
    assert defaults["demo_wujiang_towns"][1:3] == (REGISTRY["wujiang_towns"].title_zh, "geometry")
    assert 'attr="industry"' in defaults["demo_enterprises"][3]
