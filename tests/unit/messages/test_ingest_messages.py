"""Messages of reading files, classifying and exporting (ingest., spatial., exports. keys): real bad
inputs give the Chinese sentence as before (``str``) and the English one in ``text("en")``."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely

from geo.errors import DataValidationError, RowReportError
from geo.exports.tables import check_frames
from geo.ingest import read_upload
from geo.messages import MESSAGES
from geo.spatial.classify import classify


def _refused(data: bytes, filename: str, **choices) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        read_upload(data, filename, **choices)
    return info.value


def test_an_empty_file_and_an_old_excel_file_are_refused_in_both_languages():
    empty = _refused(b"", "a.csv")
    assert empty.key == "ingest.empty_file"
    assert str(empty) == "文件「a.csv」是空的（0 字节）。请检查导出是否成功后重新上传"
    assert (
        empty.text("en")
        == "The file “a.csv” is empty (0 bytes). Check that the export succeeded, then upload it again"
    )
    xls = _refused(b"abc", "a.xls")
    assert str(xls) == "不支持旧版 Excel（.xls）文件。请在 Excel 中另存为 .xlsx 后上传"
    assert (
        xls.text("en")
        == "Old Excel files (.xls) are not supported. Save it as .xlsx in Excel, then upload that"
    )


def test_repeated_column_names_are_named_in_both_languages():
    err = _refused(b"name,name,lon,lat\na,b,120.6,31.3\n", "t.csv")
    assert str(err) == (
        "「t.csv」中有重名字段：「name」（2 次），无法判断该用哪一个。"
        "请在 GIS 软件或 Excel 中把重名字段改成不同的名称后重新导出"
    )
    assert err.text("en").startswith("“t.csv” has repeated field names: 「name」（2 次）; which one")


def test_points_far_from_suzhou_give_their_extent_in_both_languages():
    err = _refused(b"name,lon,lat\na,100.0,40.0\nb,101.5,41.25\n", "far.csv")
    assert err.key == "ingest.all_outside_suzhou"
    assert str(err) == (
        "全部有效坐标都在苏州市以外（经度 100.00–101.50，纬度 40.00–41.25）。"
        "请确认经纬度列是否选对、是否为十进制度（不是度分秒）"
    )
    assert err.text("en") == (
        "Every valid coordinate lies outside Suzhou (longitude 100.00–101.50, latitude 40.00–41.25). "
        "Check that the right longitude and latitude columns are chosen and that they are decimal degrees "
        "(not degrees-minutes-seconds)"
    )


def test_an_unknown_use_and_a_file_of_no_good_row():
    kind = _refused(b"name,lon,lat\na,120.6,31.3\n", "k.csv", kind="x")
    assert str(kind) == "未知的图层用途「x」。可选：zones、enterprises、other"
    assert kind.text("en") == "Unknown layer use “x”. Choose one of: zones, enterprises, other"
    with pytest.raises(RowReportError) as info:
        read_upload("企业名称,lon,lat\na,abc,def\nb,,\n".encode(), "bad.csv", kind="zones")
    assert len(info.value.report) >= 2  # the report still travels with the error
    assert (
        str(info.value) == "「bad.csv」的全部 2 行都没有通过校验。请下载逐行校验报告查看原因，修改后重新导入"
    )
    assert info.value.text("en") == (
        "None of the 2 rows of “bad.csv” passed the checks. "
        "Download the row-by-row report to see why, correct the rows and import again"
    )


def test_a_layer_of_points_is_no_zone_layer():
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(120.6, 31.3)], crs=4326)
    err = _refused(frame.to_json().encode(), "p.geojson", kind="zones")
    assert str(err) == (
        "用途「分区」需要面要素（多边形），而这个文件的要素全是 Point。请把用途改为「企业」（点）"
        "或「其他」后重新读取"
    )
    assert err.text("en") == (
        "The use “Zones” needs polygons, but every feature of this file is Point. "
        "Change the use to “Enterprises” (points) or “Other layer” and read it again"
    )


def test_the_fields_a_table_lacks_are_named_in_the_language_of_the_message():
    """The English import page named the missing fields by their Chinese labels and its own column
    mapping as “字段对应”: every word of the English message is English (names from the file aside)."""
    frame = gpd.GeoDataFrame(
        {"企业名称": ["甲"], "用地面积": [3.0]}, geometry=[shapely.Point(120.6, 31.3)], crs=4326
    )
    err = _refused(frame.to_json().encode(), "f.geojson", kind="enterprises")
    assert str(err) == (
        "缺少必需的字段：销售收入（万元）、税收（万元）。"
        "请在「字段对应」中为它们选择表格里的列（命令行：--map sales_wan_yuan=列名），"
        "或在源表中补上这些列后重新导入"
    )
    assert err.text("en") == (
        "Required fields are missing: Sales (10k yuan), Tax (10k yuan). Choose a column of the table for"
        " each in the column mapping (--map sales_wan_yuan=<column> on the command line), or add these"
        " columns to the source table and import again"
    )
    err = _refused(
        frame.to_json().encode(),
        "f.geojson",
        kind="enterprises",
        mapping={"name": "企业名称", "land_mu": "用地面积", "tax_wan_yuan": "税金"},
    )
    assert err.text("en").startswith(
        "Columns named in the column mapping do not exist: Tax (10k yuan) → “税金”"
    )


def test_classifying_and_exporting_refusals_in_both_languages():
    with pytest.raises(DataValidationError) as info:
        classify([1.0, 2.0], scheme="quantiles", k=1)
    assert (str(info.value), info.value.text("en")) == (
        "分级数 k=1 太小。至少分 2 级",
        "k=1 classes are too few. Use at least 2 classes",
    )
    with pytest.raises(DataValidationError) as info:
        classify([float("nan")], scheme="quantiles")
    assert info.value.text("en") == (
        "There are no values to classify (none could be computed). "
        "Check whether the denominators, such as the land area, are empty or 0"
    )
    with pytest.raises(DataValidationError) as info:
        check_frames({})
    assert str(info.value) == "没有可导出的图层。请先在地图上选择至少一个图层"
    assert info.value.text("en") == "There is no layer to export. Choose at least one layer on the map first"


def test_metres_read_as_degrees_suggest_the_crs_in_both_languages():
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "a"},
                "geometry": {"type": "Point", "coordinates": [500000.0, 3460000.0]},
            }
        ],
    }
    err = _refused(json.dumps(collection).encode(), "m.geojson")
    assert err.key == "ingest.metres_not_degrees_guess"
    assert str(err).startswith(
        "「m.geojson」的坐标像是以米为单位的投影坐标（约 x=500,000, y=3,460,000），不是 EPSG:4326 的"
        "经纬度（度）。"
        "数值看起来是CGCS2000 3度带高斯-克吕格投影"
    )
    assert str(err).endswith("：请选择坐标系 EPSG:4549（命令行 --crs EPSG:4549）后重新导入，或提供 .prj")
    assert err.text("en").startswith(
        "The coordinates of “m.geojson” look like projected metres (about x=500,000, y=3,460,000), "
        "not longitude/latitude degrees of EPSG:4326. The values look like the CGCS2000 3-degree "
        "Gauss-Krüger projection (central meridian 120°E, eastings without the zone number, in metres): "
    )
    assert err.text("en").endswith(
        ": choose the coordinate system EPSG:4549 (--crs EPSG:4549 on the command line) and import again, "
        "or provide a .prj"
    )


def test_every_variant_of_a_crs_message_has_its_hint():
    for key in (
        "no_crs_prj",
        "no_crs_declared",
        "metres_not_degrees",
        "far_after_crs",
        "off_earth_after_crs",
    ):
        for variant in ("", "_guess", "_guess_swapped"):
            assert f"ingest.{key}{variant}.hint" in MESSAGES


def test_the_data_pages_summary_of_a_file_without_a_crs_has_no_stray_space():
    """walk21 c13: 「坐标系 （文件未声明）」 put a space before the full-width bracket."""
    from geo.messages import message

    shown = {
        lang: message(
            "data.detected", lang, fmt="geojson", n="2", enc="—", crs=message("data.crs_missing", lang)
        )
        for lang in ("zh", "en")
    }
    assert shown["zh"] == "格式 geojson · 2 条记录 · 编码 — · 坐标系 文件未声明", shown
    assert shown["en"] == "Format geojson · 2 records · encoding — · CRS not declared by the file", shown
