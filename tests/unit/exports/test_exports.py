"""Exports: GeoJSON (RFC 7946) / CSV / XLSX round trips through the importer, and the briefing PNG."""

from __future__ import annotations

import io
import json
import warnings

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely
from matplotlib import font_manager
from matplotlib.image import imread
from shapely.geometry import Point

from geo import ingest
from geo.errors import DataValidationError
from geo.exports import area_labels, briefing, downloads, map_marks
from geo.exports import tables as export
from geo.storage.provenance import LegendEntry, Provenance
from tests.fixtures.exports import (
    DISTRICT_COLOR,
    FIRM_COLOR,
    has_colour,
    map_items,
    sample_firms,
    sample_zones,
)

PROV = {
    "分区": Provenance("schematic", "测试手绘分区"),
    "企业": Provenance("synthetic", "测试合成企业"),
}
LEGEND = {
    "分区": [LegendEntry("分区范围（面积：亩）", DISTRICT_COLOR, "fill", 0.3)],
    "企业": [LegendEntry("企业（亩均税收，万元/亩）", FIRM_COLOR, "point")],
}


def _same(a, b, tol: float = 1e-7) -> bool:
    return a.geom_type == b.geom_type and shapely.hausdorff_distance(a, b) < tol


def test_geojson_is_rfc7946_with_metrics_and_provenance():
    zones = sample_zones().to_crs("EPSG:4549")  # any CRS in, WGS-84 out
    doc = json.loads(export.geojson_bytes({"分区": zones, "企业": sample_firms()}, PROV, title="测试"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    first = doc["features"][0]
    # beside the second zone's multipolygon the donut is written as a one-part multipolygon
    assert {f["geometry"]["type"] for f in doc["features"][:2]} == {"MultiPolygon"}
    (donut,) = first["geometry"]["coordinates"]
    lon, lat = donut[0][0]
    assert 119 < lon < 122 and 30 < lat < 33  # lon first, degrees
    exterior = shapely.LinearRing(donut[0])
    hole = shapely.LinearRing(donut[1])
    assert exterior.is_ccw and not hole.is_ccw  # right-hand rule, RFC 7946 §3.1.6
    props = first["properties"]
    assert (props["layer"], props["data_source"], props["data_accuracy"]) == (
        "分区",
        "测试手绘分区",
        "schematic",
    )
    # 0.1° x 0.1° minus a 0.03° x 0.03° hole at 31.15°N: about 9.53 km x 11.09 km x 0.91 = 96.2 km²
    assert props["area_km2"] == pytest.approx(96.2, rel=0.01)
    assert props["area_mu"] == pytest.approx(props["area_km2"] * 1500, rel=1e-3)
    assert doc["features"][1]["properties"]["score"] is None  # NaN -> null
    assert doc["features"][2]["properties"]["above_scale"] is True
    assert (
        "area_mu" not in doc["features"][2]["properties"]
        or doc["features"][2]["properties"]["area_mu"] is None
    )


def test_geojson_round_trip_through_the_importer():
    zones, firms = sample_zones(), sample_firms()
    data = export.geojson_bytes({"分区": zones, "企业": firms}, PROV)
    # one file of polygons and points is refused as one layer (a stored layer holds one geometry
    # type, walk 12); each type's file, as the exports write them, comes back
    with pytest.raises(DataValidationError, match="面 2 个、点 3 个"):
        ingest.read_upload(data, "export.geojson")
    parts = [export.geojson_bytes({name: frame}, PROV) for name, frame in (("分区", zones), ("企业", firms))]
    back = pd.concat([ingest.read_upload(part, "export.geojson").frame for part in parts], ignore_index=True)
    assert len(back) == 5
    # the donut polygon comes back as a one-part multipolygon (written so beside the other zone)
    assert back.geom_type.tolist() == ["MultiPolygon", "MultiPolygon", "Point", "Point", "Point"]
    wanted = [shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g for g in zones.geometry]
    for got, want in zip(back.geometry, [*wanted, *firms.geometry], strict=True):
        assert _same(got, want)
    back_zones = back[back["layer"] == "分区"].reset_index(drop=True)
    back_firms = back[back["layer"] == "企业"].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        pd.DataFrame(back_zones[["name", "zone_id", "score"]]),
        pd.DataFrame(zones[["name", "zone_id", "score"]]),
    )
    assert back_firms["name"].tolist() == firms["name"].tolist()
    assert back_firms["ent_id"].tolist() == ["0001", "0002", "0003"]
    assert back_firms["employees"].astype(int).tolist() == [120, 3400, 56]
    np.testing.assert_allclose(back_firms["tax_per_mu"], firms["tax_per_mu"])
    assert back_firms["above_scale"].astype(bool).tolist() == [True, False, True]


def test_csv_round_trip_and_excel_friendly_encoding():
    firms = sample_firms()
    data = export.csv_bytes(firms, PROV["企业"])
    assert data.startswith("\ufeff".encode())  # BOM so Excel reads UTF-8 Chinese
    text = data.decode("utf-8-sig")
    assert (
        text.splitlines()[0]
        == "ent_id,name,employees,tax_per_mu,above_scale,lon,lat,data_source,data_accuracy"
    )
    back = ingest.read_upload(data, "firms.csv", lon_col="lon", lat_col="lat").frame
    for got, want in zip(back.geometry, firms.geometry, strict=True):
        assert _same(got, want)
    pd.testing.assert_frame_equal(
        pd.DataFrame(back[["ent_id", "name", "employees", "tax_per_mu", "above_scale"]]),
        pd.DataFrame(firms.drop(columns="geometry")),
    )


def test_xlsx_round_trip_and_about_sheet():
    zones, firms = sample_zones(), sample_firms()
    data = export.xlsx_bytes({"分区": zones, "企业": firms}, PROV, title="测试导出")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["分区", "企业", "说明"]
    about = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=2, values_only=True)}
    book.close()
    assert about["标题"] == "测试导出" and "示意图" in about["声明"]
    assert about["企业"] == "合成 · 测试合成企业"
    assert (
        about["坐标系"] == "WGS-84（EPSG:4326），lon、lat 为十进制度"
    )  # the columns as this file names them
    back = ingest.read_upload(data, "export.xlsx", layer="企业", lon_col="lon", lat_col="lat").frame
    for got, want in zip(back.geometry, firms.geometry, strict=True):
        assert _same(got, want)
    pd.testing.assert_frame_equal(
        pd.DataFrame(back[["ent_id", "name", "employees", "tax_per_mu", "above_scale"]]),
        pd.DataFrame(firms.drop(columns="geometry")),
    )


def _png(data: bytes) -> np.ndarray:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return imread(io.BytesIO(data), format="png")


def test_briefing_png_a4_landscape_300dpi():
    frames = {"分区": sample_zones(), "企业": sample_firms()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from the shipped font would warn
        data = briefing.png_bytes(
            "吴江区测试汇报图", frames, LEGEND, PROV, paper="a4", when=pd.Timestamp("2026-01-02")
        )
    img = _png(data)
    assert img.shape[:2] == (2480, 3508)  # 210 x 297 mm at 300 dpi
    non_white = (img[:, :, :3] < 0.95).any(axis=2).mean()
    assert 0.03 < non_white < 0.6, non_white
    assert has_colour(img, FIRM_COLOR)  # firm points and legend swatch
    assert has_colour(img, "#b00020")  # the red disclaimer line
    screen = _png(briefing.png_bytes("测试", frames, LEGEND, PROV, paper="screen"))
    assert screen.shape[:2] == (992, 1403)


def test_png_uses_the_shipped_font_only():
    assert briefing.FONT_PATH.exists() and briefing.FONT_PATH.stat().st_size < 5_000_000
    families = briefing.font_families()
    assert families[0] == briefing.FONT_FAMILY
    found = font_manager.findfont(
        font_manager.FontProperties(family=briefing.FONT_FAMILY), fallback_to_default=False
    )
    assert found == str(briefing.FONT_PATH)
    from fontTools.ttLib import TTFont

    cmap = TTFont(str(briefing.FONT_PATH))["cmap"].getBestCmap()
    from geo.messages import MESSAGES

    # every text but the live map's gesture hints (drawn by the browser over Leaflet, never in a PNG)
    drawn = [zh for key, (zh, _) in MESSAGES.items() if not key.startswith("map.hint.")]
    needed = {c for zh in drawn for c in zh} | set("图例数据来源制图日期北示意吴江盛泽镇亩均税收万元/亩km²")
    assert not {c for c in needed if not c.isspace() and ord(c) not in cmap}


def test_png_scale_bar_is_true(monkeypatch):
    # a 10 km wide square: the bar must pick a 1/2/5 length near a quarter of the width
    assert map_marks.nice_length(27_500) == 20_000
    assert map_marks.nice_length(9_000) == 5_000
    assert map_marks.nice_length(1_200) == 1_000


def test_build_downloads_all_formats():
    frames = {"分区": sample_zones(), "企业": sample_firms()}
    made = downloads.build_downloads(
        "吴江 测试/导出",
        frames,
        LEGEND,
        PROV,
        html=b"<html></html>",
        colors={"企业": [FIRM_COLOR, "#000000", FIRM_COLOR]},
    )
    # the GeoJSON is read from the map's layers (layers.offline_html.layers_geojson), not from here
    assert set(made) == {"csv", "xlsx", "png", "png_screen", "html"}
    assert made["xlsx"].mime.endswith("spreadsheetml.sheet")
    for item in made.values():
        assert len(item.data()) > 10
    lines = made["csv"].data().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("图层,")  # every layer, each row named by its layer
    assert [line.split(",", 1)[0] for line in lines[1:]] == ["分区"] * len(sample_zones()) + ["企业"] * len(
        sample_firms()
    )
    assert lines[1 + len(sample_zones())].startswith("企业,")
    with pytest.raises(ValueError, match="colors for '企业' has 1 values for 3 features"):
        briefing.png_bytes("x", frames, LEGEND, PROV, colors={"企业": ["#000"]}, paper="screen")


def test_exports_refuse_frames_without_crs():
    bad = gpd.GeoDataFrame({"a": [1]}, geometry=[Point(0, 0)])
    with pytest.raises(ingest.DataValidationError, match="没有坐标参考系"):
        export.geojson_bytes({"x": bad})


def test_standalone_html_opens_offline():
    import re

    from layers.mapview import render_map
    from layers.offline_html import standalone_html

    m = render_map(map_items(), lang="zh")
    doc = standalone_html(m, title="离线测试 <地图>", when=pd.Timestamp("2026-01-02"))
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="', doc)  # nothing loaded from elsewhere
    assert "/app/static" not in doc and "cdn." not in doc
    assert "L.map(" in doc and "Leaflet" in doc  # the library itself is inside
    assert "data:image/png;base64," in doc and "data:font/woff2;base64," in doc
    assert "<title>离线测试 &lt;地图&gt;</title>" in doc and "2026-01-02" in doc
    # folium embeds the GeoJSON with \\u escapes: the name's markup arrives as escaped text, never as tags
    assert r'"name": "\u4e03\u90fd\u9547 \u0026lt;b\u0026gt;' in doc
    assert r"\u4e03\u90fd\u9547 <b>" not in doc and r"\u4e03\u90fd\u9547 \u003cb" not in doc


def test_map_downloads_frommap_items():
    from layers.mapview import render_map
    from layers.offline_html import map_downloads

    items = map_items()
    downloads = map_downloads("县级行政区 测试", items, render_map(items), paper="a4")
    assert set(downloads) == {"geojson", "csv", "xlsx", "png", "png_screen", "html"}
    doc = json.loads(downloads["geojson"].data())
    assert {f["properties"]["图层"] for f in doc["features"]} == {"县级行政区"}
    assert downloads["html"].data().startswith(b"<!DOCTYPE html>")
    assert _png(downloads["png_screen"].data()).shape[:2] == (992, 1403)


def test_imported_layers_draw_on_the_map_with_their_provenance(tmp_path):
    from layers.mapview import render_map
    from layers.user_layers import user_map_layers

    store = tmp_path / "user.gpkg"
    result = ingest.read_upload(sample_zones().to_json().encode(), "zones.geojson", kind="zones")
    ingest.save_import(result, name="parks", title="导入的园区", source="测试局", accuracy="real", path=store)
    items = user_map_layers(kind="zones", path=store)
    assert [i.layer.title("zh") for i in items] == ["导入的园区"]
    assert items[0].provenance.source == "测试局" and items[0].layer.kind == "polygon"
    html = render_map(items).get_root().render()
    assert "<b>导入的园区</b>" in html and ">（真实）</span>" in html and "[真实]" not in html
    assert user_map_layers(kind="enterprises", path=store) == []


def test_titles_cannot_inject_markup_into_the_html():
    from layers.mapview import render_map
    from layers.offline_html import standalone_html
    from layers.snapshot import SnapshotControl

    evil = "</script><script>alert(1)</script>"
    m = render_map(map_items())
    m.add_child(SnapshotControl(title=evil))
    doc = standalone_html(m, title=evil)
    assert "<script>alert(1)" not in doc
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in doc  # the visible title, as text


def test_polygon_labels_move_instead_of_overlapping():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from shapely.geometry import box

    # Two tall neighbours whose representative points sit side by side, closer than a label is wide.
    frame = gpd.GeoDataFrame(
        {"name": ["东太湖度假区（太湖新城）", "吴江开发区（经济技术开发区）"]},
        geometry=[box(0, 0, 1000, 10_000), box(1000, 0, 2000, 10_000)],
        crs="EPSG:4549",
    )
    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-500, 2500)
    ax.set_ylim(-500, 10_500)
    placed: list = []
    area_labels.label_polygons(ax, frame, 9, placed)
    assert len(ax.texts) == 2 and len(placed) == 2  # both kept: the second moved up or down
    assert not placed[0].overlaps(placed[1])
    assert ax.texts[0].get_position()[1] != ax.texts[1].get_position()[1]


def test_xlsx_numbers_have_number_formats_and_stay_exact():
    data = export.xlsx_bytes({"企业": sample_firms()}, PROV, title="格式")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["企业"]
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["employees"].number_format == "#,##0"  # whole numbers with thousands separators
    assert row["tax_per_mu"].number_format == "#,##0.00"  # decimals: separators and 2 places
    assert row["tax_per_mu"].value == pytest.approx(12.3456789)  # the value itself is not rounded
    assert row["lon"].number_format == "0.000000" and row["lat"].number_format == "0.000000"
    assert row["name"].number_format == "General" and row["above_scale"].number_format == "General"


def test_briefing_footer_keeps_its_room_with_many_sources():
    """Many imported layers with long sources: the footer (sources, 制图日期, 投影) stays on the
    paper and under the map, never clipped at the lower edge nor drawn over the map frame."""
    frames, legend, prov = {}, {}, {}
    for i in range(8):
        name = f"导入图层{i}"
        frames[name] = sample_zones()
        legend[name] = [LegendEntry(f"图层{i}", DISTRICT_COLOR, "fill", 0.3)]
        prov[name] = Provenance(
            "real", f"某某市自然资源和规划局 2024 年第{i}批 国土变更调查成果（数据提供单位：测绘院）"
        )
    img = _png(briefing.png_bytes("很多来源", frames, legend, prov, paper="screen"))
    h, w = img.shape[:2]
    ink = (img[:, :, :3] < 0.8).any(axis=2)
    rows = np.flatnonzero(ink.any(axis=1))
    assert rows.max() < h * 0.985  # a white margin below the last footer line
    # the map's lower frame: the lowest row where the grey spine runs across most of the map width
    grey = (np.abs(img[:, :, :3] - 0x88 / 255).max(axis=2) < 0.06)[:, : int(w * 0.7)]
    spine = np.flatnonzero(grey.mean(axis=1) > 0.5).max()
    below = ink[spine + 2 : spine + 2 + int(h * 0.006), : int(w * 0.7)]
    assert not below.any()  # a gap between the map and the first footer line
    footer = ink[spine + 2 :, : int(w * 0.7)].any(axis=1)
    lines = np.count_nonzero(np.diff(footer.astype(int)) == 1)
    assert lines == briefing.FOOTER_SOURCE_LINES + 1  # five lines of sources, then date and projection


def test_a_mixed_view_downloads_one_geojson_per_geometry_type_with_whole_numbers():
    """Issue 23 item 8: the page's GeoJSON download of one layer of mixed geometries is a zip of one
    file per geometry type (QGIS opens each as one layer); a float column's whole numbers are written
    whole, under the official header the user's file had."""
    import zipfile

    from layers.offline_html import map_downloads
    from layers.user_layers import user_map_layer

    firms = sample_firms().assign(employees=[72.0, 3400.0, np.nan])
    both = pd.concat([sample_zones(), firms], ignore_index=True)
    meta = pd.Series(
        {"layer": "mixed", "title_zh": "混合", "title_en": "Mixed", "accuracy": "schematic"}
        | {"source": "测试", "licence": "", "note": "", "kind": "other"}
    )
    item = map_downloads("吴江 测试", [user_map_layer(meta, both)])["geojson"]
    assert item.mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(item.data())) as zf:
        assert sorted(zf.namelist()) == ["吴江_测试_混合_point.geojson", "吴江_测试_混合_polygon.geojson"]
        points = json.loads(zf.read("吴江_测试_混合_point.geojson"))
        polygons = json.loads(zf.read("吴江_测试_混合_polygon.geojson"))
    assert {f["geometry"]["type"] for f in points["features"]} == {"Point"}
    # polygons beside multipolygons are written as multipolygons: one type per file, not "Unknown (any)"
    assert {f["geometry"]["type"] for f in polygons["features"]} == {"MultiPolygon"}
    assert len(polygons["features"]) == len(sample_zones())
    # the official header, as the user's file had it (not ``employees``)
    employees = [f["properties"]["从业人员（人）"] for f in points["features"]]
    assert employees == [72, 3400, None] and isinstance(employees[0], int)
    # as the CSV: an import's own numbers as they came (walk 14)
    assert [f["properties"]["tax_per_mu"] for f in points["features"]][:2] == [12.3456789, 45]
    # one layer of one geometry type: one plain .geojson
    single = map_downloads("吴江 测试", [user_map_layer(meta, firms)])["geojson"]
    assert single.filename == "吴江_测试.geojson" and single.mime == "application/geo+json"


@pytest.mark.parametrize(
    ("lang", "columns", "said"),
    [
        ("zh", ["名称", "经度", "纬度"], "WGS-84（EPSG:4326），经度、纬度为十进制度"),
        (
            "en",
            ["Name", "Longitude", "Latitude"],
            "WGS-84 (EPSG:4326), Longitude and Latitude in decimal degrees",
        ),
        (
            "zh",
            ["名称", "经度（WGS-84）", "纬度（WGS-84）"],
            "WGS-84（EPSG:4326），经度（WGS-84）、纬度（WGS-84）为十进制度",
        ),
        ("zh", ["名称", "得分"], "WGS-84（EPSG:4326）"),
    ],
)
def test_the_about_sheet_names_the_coordinate_columns_as_the_file_does(lang, columns, said):
    """Walk 13 item 15: the 说明 sheet said "lon/lat 为十进制度" where the columns are 经度/纬度."""
    table = pd.DataFrame([["甲", 120.5, 31.2][: len(columns)]], columns=columns)
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes({"t": table}, lang=lang)), read_only=True)
    about = {row[0]: row[1] for row in book[book.sheetnames[-1]].iter_rows(min_row=2, values_only=True)}
    assert about["坐标系" if lang == "zh" else "CRS"] == said
