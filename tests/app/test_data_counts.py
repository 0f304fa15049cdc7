"""The 数据管理 page counts an import's features as its table holds them now: a feature deleted or
added in QGIS (here: plain SQL on the GeoPackage) shows in the stored-layers table and the delete
confirmation, not the count of the import (issue 23 item 13)."""

from __future__ import annotations

import sqlite3

import geopandas as gpd
import shapely

from geo import ingest
from tests.fixtures.app import open_page


def _three_parks(path) -> None:
    zones = gpd.GeoDataFrame(
        {"name": ["甲园", "乙园", "丙园"]},
        geometry=[shapely.box(120.6 + i / 50, 31.1, 120.61 + i / 50, 31.11) for i in range(3)],
        crs=4326,
    )
    result = ingest.read_upload(zones.to_json().encode(), "z.geojson", kind="zones")
    ingest.save_import(result, name="parks", title="三园", source="测试", path=path, actor="张三")


def _delete_outside(path, fids: list[int]) -> None:
    """As QGIS deletes: GDAL's R-tree triggers call functions a plain connection is given stand-ins for."""
    con = sqlite3.connect(path)
    for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
        con.create_function(name, 1, lambda _blob: None)
    con.executemany("DELETE FROM user_parks WHERE fid = ?", [(f,) for f in fids])
    con.commit()
    con.close()


def test_the_stored_table_and_the_delete_confirmation_count_the_features_now(user_gpkg):
    _three_parks(user_gpkg)
    _delete_outside(user_gpkg, [1, 3])
    assert ingest.list_user_layers()["rows_out"].tolist() == [3]  # the import's count stays
    at = open_page("pages/data.py", timeout=90)
    stored = next(df.value for df in at.dataframe if "导入时间（北京时间）" in df.value.columns)
    assert stored[["数据表名", "图层标题", "条数"]].values.tolist() == [["user_parks", "三园", 1]]
    at.button(key="data_delete").click().run()
    assert any("（user_parks，1 条）" in w.value for w in at.warning)
