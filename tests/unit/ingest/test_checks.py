"""Checks no other tool makes: the frame from the data, placeholder/misplaced/repeated rows,
honest coordinate columns, names kept as written."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from geo import ingest
from geo.exports.tables import geojson_bytes
from geo.ingest.frames import fit_addresses
from geo.ingest.places import bundled
from geo.messages.notes import text_in
from geo.spatial.crs import convert_coords, convert_frame
from geo.storage.builtin import load_layer
from tests.fixtures import ROOT


def _districts():
    return load_layer("districts")[["adcode", "name", "geometry"]]


def test_neutral_named_gcj02_boundary_file_is_proposed_gcj02():
    gcj = convert_frame(_districts(), src="wgs84", dst="gcj02")
    found = ingest.inspect_upload(gcj.to_json().encode(), "320500.geojson", kind="zones")
    assert found.frame == "gcj02"
    fit = found.frame_fit
    assert fit.method == "boundary" and fit.proposed == "gcj02"
    # Read back into WGS-84 from GCJ-02 the vertices sit on the bundled boundaries (a few metres);
    # taken as WGS-84 they are hundreds of metres off.
    assert fit.scores["gcj02"] < 10 and fit.scores["wgs84"] > 200 and fit.scores["bd09"] > 200
    # said once, where the frame is chosen: with the proposal, not among the file's other notes
    assert found.proposed_frame() == "gcj02"
    assert "GCJ-02" in found.frame_reason() and "最吻合" in found.frame_reason()
    assert not any("最吻合" in n for n in found.notes)
    # a proposal: read_upload still defaults to WGS-84
    assert ingest.read_upload(gcj.to_json().encode(), "320500.geojson").source_frame == "wgs84"


def test_wgs84_and_bd09_boundaries_and_unrelated_shapes():
    wgs = ingest.inspect_upload(_districts().to_json().encode(), "districts.geojson", kind="zones")
    assert wgs.frame == "wgs84" and wgs.frame_fit.proposed == "wgs84"
    bd = convert_frame(_districts(), src="wgs84", dst="bd09")
    assert ingest.inspect_upload(bd.to_json().encode(), "b.geojson", kind="zones").frame == "bd09"
    # 1 km squares in the middle of districts match no boundary: no frame is proposed.
    centres = shapely.point_on_surface(_districts().geometry.to_numpy())
    squares = [shapely.box(p.x - 0.005, p.y - 0.005, p.x + 0.005, p.y + 0.005) for p in centres]
    parks = _districts().set_geometry(squares)
    found = ingest.inspect_upload(parks.to_json().encode(), "parks.geojson", kind="zones")
    assert found.frame_fit.proposed is None and found.frame == "wgs84"


def _named_points() -> pd.DataFrame:
    """A grid over Suzhou, each point with an address naming the district it lies in (WGS-84)."""
    districts = _districts()
    xs, ys = np.meshgrid(np.arange(120.30, 121.30, 0.02), np.arange(30.80, 32.05, 0.02))
    pts = shapely.points(xs.ravel(), ys.ravel())
    rows = []
    for name, geom in zip(districts["name"], districts.geometry, strict=True):
        inside = shapely.contains(geom, pts)
        for p in pts[inside]:
            rows.append((f"企业{len(rows)}", f"江苏省苏州市{name.split('（')[0]}某路{len(rows)}号", p.x, p.y))
    return pd.DataFrame(rows, columns=["企业名称", "地址", "lon", "lat"])


def test_point_table_with_addresses_gets_the_frame_that_puts_more_points_in_place():
    table = _named_points()
    gx, gy = convert_coords(table["lon"], table["lat"], src="wgs84", dst="gcj02")
    shifted = table.assign(lon=np.round(gx, 6), lat=np.round(gy, 6))
    found = ingest.inspect_upload(shifted.to_csv(index=False).encode(), "企业名单.csv")
    fit = found.frame_fit
    assert fit.method == "address" and fit.n == len(table)
    # In GCJ-02 every point is back in its district; as WGS-84 those near a boundary fall out.
    assert fit.scores["gcj02"] == len(table) > fit.scores["wgs84"]
    assert found.frame == "gcj02" and fit.proposed == "gcj02"
    plain = ingest.inspect_upload(table.to_csv(index=False).encode(), "企业名单.csv")
    assert plain.frame == "wgs84" and plain.frame_fit.proposed is None


def _company_list() -> pd.DataFrame:
    """Ten companies: 5 real points, 5 placeholders on (120.0, 31.0), 2 misplaced, 1 repeat."""
    districts = _districts().set_index("name")
    at = {n: shapely.point_on_surface(g) for n, g in districts.geometry.items()}
    rows = [
        ("甲纺织有限公司（合成）", "苏州市吴江区舜新路1号", at["吴江区"]),
        ("乙电子有限公司", "苏州市昆山市玉山镇前进路2号", at["昆山市"]),
        ("丙材料有限公司", "苏州市常熟市虞山街道3号", at["太仓市"]),  # misplaced: 常熟 -> 太仓
        ("丁装备有限公司", "苏州市吴中区木渎镇4号", at["相城区"]),  # misplaced: 吴中 -> 相城
        ("戊医药有限公司", "苏州市张家港市杨舍镇5号", at["张家港市"]),
        ("戊医药有限公司", "苏州市张家港市杨舍镇5号", at["张家港市"]),  # repeat of the row above
    ]
    rows += [(f"占位{i}有限公司", "苏州市", shapely.Point(120.0, 31.0)) for i in range(5)]
    return pd.DataFrame(
        {
            "企业名称": [r[0] for r in rows],
            "地址": [r[1] for r in rows],
            "经度": [round(r[2].x, 6) for r in rows],
            "纬度": [round(r[2].y, 6) for r in rows],
        }
    )


def test_company_list_flags_placeholders_misplaced_and_repeated_rows(tmp_path):
    data = _company_list().to_csv(index=False).encode("utf-8-sig")
    result = ingest.read_upload(data, "名录.csv")
    assert len(result.frame) == 11  # warnings keep every row
    report = result.report
    warn = report[report["level"] == "warning"]
    # Spreadsheet rows: header = 1, so the companies are rows 2..12; the placeholders 8..12.
    same = warn[warn["problem"].str.contains("坐标完全相同")]
    assert sorted(same["row"]) == [8, 9, 10, 11, 12]
    round_ = warn[warn["problem"].str.contains("位小数")]
    assert sorted(round_["row"]) == [8, 9, 10, 11, 12]
    misplaced = warn[warn["problem"].str.contains("坐标却在")].set_index("row")["problem"]
    assert misplaced.to_dict() == {
        4: "地址写的是常熟市，坐标却在太仓市",
        5: "地址写的是吴中区，坐标却在相城区",
    }
    # the English report names the places in English (the address itself stays as the file has it)
    english = ingest.report_for_download(report, "en")
    assert english.loc[english["Row"] == 4, "Problem"].tolist() == [
        "Address says Changshu City, but the point lies in Taicang City"
    ]
    repeated = warn[warn["problem"].str.contains("同名同地址")]
    assert repeated["row"].tolist() == [7] and "第 6 行" in repeated["problem"].iloc[0]
    # Row 6 and 7 also share one coordinate, but only two rows: under the threshold of 3.
    assert result.check_counts() == {
        "多行坐标完全相同": 5,
        "坐标为整数/过于整齐": 5,
        "位置与地址/区镇不符": 2,
        "同名同地址": 1,
    }
    assert "多行坐标完全相同 5 行" in result.summary() and "提醒 8 行" in result.summary()
    # Names as written.
    assert result.frame["企业名称"].iloc[0] == "甲纺织有限公司（合成）"

    path = tmp_path / "名录.csv"
    path.write_bytes(data)
    report_path = tmp_path / "report.csv"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo.cli",
            "import",
            str(path),
            "--frame",
            "wgs84",
            "--kind",
            "other",
            "--dry-run",
            "--report",
            str(report_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "位置与地址/区镇不符 2 行" in proc.stdout
    written = pd.read_csv(report_path, encoding="utf-8-sig")
    assert (written["问题"].str.contains("坐标却在")).sum() == 2


def test_gaode_coordinates_are_renamed_and_never_exported_as_wgs84():
    lon, lat = np.array([120.645, 120.655]), np.array([31.155, 30.915])
    glon, glat = convert_coords(lon, lat, src="wgs84", dst="gcj02")
    table = pd.DataFrame({"名称": ["甲", "乙"], "经度": glon, "纬度": glat})
    result = ingest.read_upload(table.to_csv(index=False).encode(), "点.csv", frame="gcj02")
    assert "经度" not in result.frame.columns and "经度_GCJ02" in result.frame.columns
    assert result.frame["经度_GCJ02"].tolist() == glon.tolist()  # the source values, as written
    assert any("经度_GCJ02" in n for n in result.notes)
    doc = json.loads(geojson_bytes({"点": result.frame}))
    props = doc["features"][0]["properties"]
    assert "经度" not in props and "纬度" not in props and "经度_GCJ02" in props
    x, y = doc["features"][0]["geometry"]["coordinates"]
    assert abs(x - 120.645) < 1e-5 and abs(y - 31.155) < 1e-5  # the geometry is WGS-84


def test_names_survive_import_verbatim_and_still_match_the_town_layer():
    table = pd.DataFrame(
        {
            "企业名称": ["有限公司（合成）", " 全角　名称（A） "],
            "所在区镇": ["吴江高新区（盛泽镇）", "七都镇"],
            "用地面积（亩）": [10, 20],
            "税收（万元）": [1, 2],
            "销售收入（万元）": [3, 4],
            "经度": [120.655, 120.485],
            "纬度": [30.915, 30.965],
        }
    )
    result = ingest.read_upload(table.to_csv(index=False).encode(), "企业.csv", kind="enterprises")
    assert result.frame["name"].tolist() == ["有限公司（合成）", "全角　名称（A）"]
    assert result.frame["town"].iloc[0] == "吴江高新区（盛泽镇）"
    towns = set(load_layer("wujiang_towns")["name"])
    assert set(result.frame["town"]) <= towns


def test_a_point_whose_address_names_a_district_and_a_town_counts_once():
    """Issue 23 walk: '3 个有地址的点中 … WGS-84 4' — a point naming 吴江区 and its 区镇 was counted
    once per place. Each point counts once, when it lies in every place its address names."""
    towns = bundled().towns
    k = next(i for i, name in enumerate(towns.names) if "盛泽" in name)
    inside = shapely.point_on_surface(towns.polygons[k])
    outside = shapely.point_on_surface(towns.polygons[next(i for i in range(len(towns.names)) if i != k)])
    lon = pd.Series([inside.x, inside.x, outside.x])
    lat = pd.Series([inside.y, inside.y, outside.y])
    addresses = pd.Series(["苏州市吴江区盛泽镇1号", "苏州市吴江区盛泽镇2号", "苏州市吴江区盛泽镇3号"])
    fit = fit_addresses(lon, lat, addresses)
    assert fit.n == 3
    # the third point is in 吴江区 but in another 区镇: not in every place its address names
    assert fit.scores["wgs84"] == 2.0
    assert all(score <= fit.n for score in fit.scores.values())


def test_a_town_column_is_named_in_the_notes_language_with_the_files_header_quoted():
    """walk10: the English note quoted the raw header alone (「所在镇（区） says …」)."""
    from geo.ingest.checks import column_named

    town = column_named("所在镇（区）", "town")
    assert (str(town), town.en) == ("所在区镇「所在镇（区）」", "Town (“所在镇（区）”)")
    same = column_named("所在区镇", "town")
    assert (str(same), same.en) == ("所在区镇", "Town")
    address = column_named("地址", "address")
    assert (str(address), address.en) == ("地址", "Address")
    with pytest.raises(ValueError):
        column_named("x", "name")


def test_a_declared_park_layer_inside_a_district_is_not_said_to_be_off():
    # two small parks inside 吴江, in a GeoJSON (EPSG:4326 declared): along no district line
    parks = gpd.GeoDataFrame(
        {"名称": ["甲园", "乙园"]},
        geometry=[box(120.64, 31.15, 120.66, 31.17), box(120.70, 31.02, 120.72, 31.04)],
        crs="EPSG:4326",
    )
    found = ingest.inspect_upload(parks.to_json().encode(), "园区边界.geojson")
    assert found.proposed_frame() == "wgs84"
    zh, en = (text_in(found.frame_reason(), lang) for lang in ("zh", "en"))
    assert "没有明显吻合" not in zh and "相距约" not in zh, zh
    assert zh.startswith("边界不沿内置的区县/市界走（边界点离它们的距离中位数约 "), zh
    assert zh.endswith("无法据此分辨 WGS-84、GCJ-02、BD-09；按文件声明的坐标系 EPSG:4326 读取"), zh
    assert en.endswith(
        "cannot tell WGS-84, GCJ-02 and BD-09 apart; read in the coordinate system the file declares,"
        " EPSG:4326"
    ), en
