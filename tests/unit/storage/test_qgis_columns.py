"""An import's columns as QGIS shows them (issue 23 item 14): under the headers people read
(``用地面积（亩）``, not ``land_mu``: ``gpkg_data_columns`` and the style's aliases), a yes/no column as
a boolean and a count as an integer, not Real — GeoPackage and PostGIS."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pandas as pd
import pytest
import sqlalchemy as sa

from geo import ingest
from tests.fixtures.postgis import postgis_schema


def _firms() -> ingest.ImportResult:
    table = pd.DataFrame(
        {
            "统一社会信用代码": ["91320509000000019Q", "91320509000000027K", "913205090000000439"],
            "企业名称": ["甲纺织有限公司", "乙新材料股份公司", "丁装备有限公司"],
            "所属行业": ["高端纺织", "新材料", "高端装备"],
            "所在区镇": ["吴江高新区（盛泽镇）", "吴江高新区（盛泽镇）", "吴江开发区"],
            "用地面积（亩）": [30.0, 100.0, 20.0],
            "销售收入（万元）": [12_000, 56_000, 3_000],
            "实缴税金（万元）": [600, 2_800, 90],
            "从业人员（人）": [120, None, 45],
            "是否规上": ["是", "是", "否"],
            "经度": [120.645, 120.655, 120.600],
            "纬度": [31.155, 30.915, 31.000],
        }
    )
    data = table.to_csv(index=False).encode("utf-8")
    return ingest.read_upload(data, "企业.csv", kind="enterprises", frame="wgs84")


WANTED = {"land_mu": "用地面积（亩）", "tax_wan_yuan": "税收（万元）", "employees": "从业人员（人）"}


def test_geopackage_columns_have_their_headers_and_integer_types(tmp_path):
    path = tmp_path / "user.gpkg"
    ingest.save_import(_firms(), name="firms", title="企业", source="测试", path=path, actor="张三")
    con = sqlite3.connect(path)
    named = dict(
        con.execute("SELECT column_name, name FROM gpkg_data_columns WHERE table_name = 'user_firms'")
    )
    types = {r[1]: r[2] for r in con.execute("PRAGMA table_info(user_firms)")}
    qml = con.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = 'user_firms'").fetchone()[0]
    assert {k: named[k] for k in WANTED} == WANTED and named["above_scale"] == "是否规上"
    assert '<alias field="land_mu"' in qml and 'name="用地面积（亩）"/>' in qml
    assert (types["employees"], types["above_scale"], types["land_mu"]) == ("INTEGER", "BOOLEAN", "REAL")
    frame = ingest.load_user_layer("user_firms", path=path)
    assert frame["above_scale"].tolist() == [True, True, False]
    assert frame["employees"].tolist()[0::2] == [120, 45] and pd.isna(frame["employees"].iloc[1])
    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo:  # GDAL gives the GeoPackage's names as the fields' alternative names
        info = subprocess.run(
            [ogrinfo, "-ro", "-so", str(path), "user_firms"], capture_output=True, text=True
        )
        assert "employees: Integer" in info.stdout and "above_scale: Integer(Boolean)" in info.stdout


@pytest.mark.skipif(not os.environ.get("ATLAS_TEST_DATABASE_URL"), reason="needs ATLAS_TEST_DATABASE_URL")
def test_postgis_columns_have_their_headers_and_integer_types(tmp_path, monkeypatch):
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "none.gpkg"))
    with postgis_schema() as url:
        ingest.save_import(_firms(), name="firms", title="企业", source="测试", path=url, actor="张三")
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            types = dict(
                conn.exec_driver_sql(
                    "SELECT column_name, data_type FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND table_name = 'user_firms'"
                ).all()
            )
            comment = conn.exec_driver_sql(
                "SELECT col_description(to_regclass('user_firms'), attnum) FROM pg_attribute"
                " WHERE attrelid = to_regclass('user_firms') AND attname = 'land_mu'"
            ).scalar()
            qml = conn.exec_driver_sql(
                "SELECT styleqml::text FROM layer_styles WHERE f_table_name = 'user_firms'"
            ).scalar()
        engine.dispose()
        assert (types["employees"], types["above_scale"]) == ("bigint", "boolean")
        assert comment == "用地面积（亩）" and 'name="用地面积（亩）"' in qml and 'name="是否规上"' in qml
        frame = ingest.load_user_layer("user_firms", path=url)
        assert frame["above_scale"].tolist() == [True, True, False]
        assert frame["employees"].tolist()[0::2] == [120, 45] and pd.isna(frame["employees"].iloc[1])
