"""Layers rendered to HTML: names, legend, tooltip fields, provenance, escaping, local assets only."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from geopandas.testing import assert_geodataframe_equal
from shapely.geometry import Point, box

from geo.spatial.crs import wgs84_to_gcj02
from geo.storage.builtin import layer_metadata, load_layer
from layers import REGISTRY, districts, towns
from layers.base import Field, Layer, Provenance
from layers.mapview import MapLayer, render_map

OUTSIDE_URL = re.compile(r"""(?:src|href)\s*=\s*["']?(https?:)?//(?!127\.0\.0\.1)""")


@pytest.fixture(scope="module")
def meta(demo_gpkg):
    return layer_metadata(path=demo_gpkg)


def _html(items, **kw) -> str:
    return render_map(items, **kw).get_root().render()


def _has(html: str, text: str) -> bool:
    """Whether text is in the page, raw or as folium writes it inside JSON (ASCII-escaped)."""
    return text in html or json.dumps(text)[1:-1] in html


def test_districts_layer_renders_name_legend_tooltip_and_accuracy(demo_gpkg, meta):
    frame = load_layer("districts", path=demo_gpkg)
    html = _html([MapLayer(districts.LAYER, frame, Provenance.from_metadata(meta, "districts"))])
    assert "县级行政区" in html  # layer title in switcher and legend
    assert "图例" in html and "<b>县级行政区</b>" in html and ">（真实）</span>" in html
    # the fold marker reaches the CSS as an escape (a glyph Noto CJK has), followed by the fold hint
    assert 'content: " \\25BC " attr(data-fold)' in html
    assert 'data-fold="（点击折叠）" data-unfold="（点击展开）"' in html
    assert _has(html, "行政区划代码") and _has(html, "面积（km²）")  # tooltip aliases with units
    assert _has(html, "吴江区") and "320509" in html


def test_towns_layer_renders_in_english_with_schematic_label(demo_gpkg, meta):
    frame = load_layer("wujiang_towns", path=demo_gpkg)
    html = _html([MapLayer(towns.LAYER, frame, Provenance.from_metadata(meta, "wujiang_towns"))], lang="en")
    assert "Wujiang towns/zones (schematic)" in html
    assert "Legend" in html and "[schematic]" not in html  # the title names its class: said once
    assert _has(html, "Schematic area (km²)")


def test_rendered_maps_reference_no_outside_host(demo_gpkg, meta):
    items = [
        MapLayer(
            layer, load_layer(layer.source, path=demo_gpkg), Provenance.from_metadata(meta, layer.source)
        )
        for layer in REGISTRY.values()
    ]
    html = _html(items)
    assert not OUTSIDE_URL.search(html), OUTSIDE_URL.search(html)
    assert "/app/static/vendor/leaflet/leaflet.js" in html


def test_text_is_escaped_and_frame_untouched():
    layer = Layer(
        name="t",
        source="t",
        title_zh="测试",
        title_en="Test",
        group="g",
        kind="point",
        tooltip_fields=(Field("name", "名称", "Name"),),
    )
    gdf = gpd.GeoDataFrame({"name": ["<script>alert(1)</script>"]}, geometry=[Point(120.6, 31.3)], crs=4326)
    before = gdf.copy()
    html = render_map([MapLayer(layer, gdf, Provenance("synthetic", "test"))]).get_root().render()
    assert "<script>alert(1)</script>" not in html
    assert "\\u0026lt;script\\u0026gt;" in html  # &lt;script&gt; inside the GeoJSON
    assert_geodataframe_equal(gdf, before)


def test_gaode_basemap_shifts_overlays_into_gcj02():
    layer = Layer(name="t", source="t", title_zh="测试", title_en="Test", group="g", kind="polygon")
    gdf = gpd.GeoDataFrame(geometry=[box(120.60, 31.30, 120.61, 31.31)], crs=4326)
    wgs_html = render_map([MapLayer(layer, gdf, Provenance("real", "x"))], basemap="none").get_root().render()
    gcj_html = (
        render_map([MapLayer(layer, gdf, Provenance("real", "x"))], basemap="gaode").get_root().render()
    )
    lon, lat = wgs84_to_gcj02(120.60, 31.30)
    assert "120.6, 31.3" in wgs_html
    assert f"{float(lon)!r}"[:9] in gcj_html and "webrd0" in gcj_html
    assert "webrd0" not in wgs_html and "tile.openstreetmap" not in wgs_html


def test_tianditu_needs_a_key_and_uses_it():
    layer = Layer(name="t", source="t", title_zh="测试", title_en="Test", group="g", kind="polygon")
    gdf = gpd.GeoDataFrame(geometry=[box(120.60, 31.30, 120.61, 31.31)], crs=4326)
    html = render_map(
        [MapLayer(layer, gdf, Provenance("real", "x"))], basemap="tianditu", tianditu_key="abc123"
    )
    text = html.get_root().render()
    assert "tianditu.gov.cn/vec_w" in text and "tk=abc123" in text and "cva_w" in text
    none = render_map([MapLayer(layer, gdf, Provenance("real", "x"))], basemap="tianditu", tianditu_key=None)
    assert "tianditu" not in none.get_root().render()


def test_fit_to_ignores_empty_geometries():
    from shapely.geometry import Point as P

    layer = Layer(name="t", source="t", title_zh="测试", title_en="Test", group="g", kind="point")
    gdf = gpd.GeoDataFrame(geometry=[P(120.6, 31.3), P(120.7, 31.2)], crs=4326)
    with_empty = gpd.GeoDataFrame(geometry=[P(120.6, 31.3), P(120.7, 31.2), P()], crs=4326)
    html = render_map([MapLayer(layer, gdf, Provenance("real", "x"))], fit_to=with_empty).get_root().render()
    assert "fitBounds" in html and "NaN" not in html and "[[31.2, 120.6], [31.3, 120.7]]" in html


@pytest.mark.parametrize(
    ("lang", "wheel", "touch"),
    [
        ("zh", "按住 Ctrl 滚动以缩放地图", "使用双指移动和缩放地图"),
        ("en", "Use Ctrl + scroll to zoom the map", "Use two fingers to move and zoom the map"),
    ],
)
def test_every_map_leaves_the_wheel_to_the_page_and_says_so_in_its_language(lang, wheel, touch):
    """The map gives the wheel to the page (Ctrl/⌘ zooms) and one finger to the page (two move it);
    the hints are in the map's language (browser: tests/browser/test_map_wheel.py)."""
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[box(120.5, 31.0, 120.6, 31.1)], crs="EPSG:4326")
    html = _html([MapLayer(districts.LAYER, frame, Provenance("real", "test"))], lang=lang)
    assert _has(html, wheel) and _has(html, touch)
    assert "e.ctrlKey || e.metaKey" in html and "e.stopPropagation()" in html
    assert "touch-action: pan-x pan-y !important" in html
    assert "if (window.self !== window.top) cooperative();" in html  # the offline HTML map keeps the wheel
