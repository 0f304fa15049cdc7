"""The briefing PNG is what is on screen (issue 23 item 6): the view's extent, each name once."""

from __future__ import annotations

import io

import geopandas as gpd
import numpy as np
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import imread

from geo.exports import area_labels, briefing
from geo.storage.provenance import LegendEntry, Provenance

NEAR, FAR, FIRM = "#1b9e77", "#d95f02", "#7570b3"
WUJIANG_VIEW = (120.55, 30.87, 120.75, 31.05)  # west, south, east, north: 吴江 zoomed in


def _frames() -> dict[str, gpd.GeoDataFrame]:
    areas = gpd.GeoDataFrame(
        {"name": ["吴江区", "张家港市"]},
        geometry=[shapely.box(120.60, 30.90, 120.75, 31.00), shapely.box(120.45, 31.80, 120.70, 31.95)],
        crs="EPSG:4326",
    )
    firms = gpd.GeoDataFrame(
        {"name": ["甲", "乙", "丙"]},
        geometry=shapely.points([120.62, 120.68, 120.55], [30.95, 30.97, 31.85]),
        crs="EPSG:4326",
    )
    return {"区县": areas, "企业": firms}


LEGEND = {
    "区县": [LegendEntry("区县", NEAR, "fill", 0.3)],
    "企业": [LegendEntry("企业", FIRM, "point")],
}
PROV = {"区县": Provenance("schematic", "测试"), "企业": Provenance("synthetic", "测试")}
COLORS = {"区县": [NEAR, FAR], "企业": [FIRM, FIRM, FIRM]}


def _png(**options) -> np.ndarray:
    data = briefing.png_bytes("视图", _frames(), LEGEND, PROV, colors=COLORS, paper="screen", **options)
    return imread(io.BytesIO(data), format="png")


def _pixels(img: np.ndarray, hex_colour: str, tol: float = 0.02) -> int:
    """Pixels of a polygon's fill (the colour at 30 % over white)."""
    rgb = 1 - 0.3 * (1 - np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]))
    return int((np.abs(img[:, :, :3] - rgb).max(axis=2) < tol).sum())


def test_without_a_view_everything_is_drawn():
    img = _png()
    assert _pixels(img, FAR) > 0 and _pixels(img, NEAR) > 0


def test_the_view_on_screen_is_the_view_on_paper():
    whole, zoomed = _png(), _png(extent=WUJIANG_VIEW)
    assert _pixels(zoomed, FAR) == 0  # 张家港 is off screen: off the paper too
    # the 吴江 box fills much more of the paper (~0.15 x 0.10 degrees of a 0.2 x 0.18 view)
    assert _pixels(zoomed, NEAR) > 8 * _pixels(whole, NEAR)
    sheet = briefing._lay_out(
        _frames(),
        LEGEND,
        PROV,
        COLORS,
        lang="zh",
        dpi=60,
        when=None,
        subtitle="",
        extent=WUJIANG_VIEW,
    )
    x0, y0, x1, y1 = sheet.view
    edge = gpd.GeoSeries([shapely.box(*WUJIANG_VIEW)], crs="EPSG:4326").to_crs("EPSG:4549").total_bounds
    assert (
        x0 <= edge[0] + 1 and y0 <= edge[1] + 1 and x1 >= edge[2] - 1 and y1 >= edge[3] - 1
    )  # the whole view
    # and no more than the paper's shape asks: one side fits with the margin (nothing at the frame)
    fit = min((x1 - x0) / (edge[2] - edge[0]), (y1 - y0) / (edge[3] - edge[1]))
    assert fit == pytest.approx(briefing.VIEW_MARGIN, abs=0.02)
    assert [len(layer.frame) for layer in sheet.layers] == [1, 2]  # only what is in view
    assert sheet.layers[0].colors == [NEAR]


@pytest.mark.parametrize(
    "extent",
    [(121, 31, 120, 32), (120, 31, 121, float("nan")), (120, 31, 121)],
    ids=["flipped", "nan", "three"],
)
def test_a_view_that_is_not_one_is_refused(extent):
    with pytest.raises(ValueError, match="extent"):
        _png(extent=extent)


def test_a_name_drawn_by_two_layers_is_labelled_once():
    districts = gpd.GeoDataFrame(
        {"name": ["吴江区", "吴中区"]},
        geometry=[shapely.box(0, 0, 10_000, 10_000), shapely.box(0, 20_000, 10_000, 30_000)],
        crs="EPSG:4549",
    )
    imported = districts.copy()  # the user's own boundary of the same districts, a little off
    imported["geometry"] = imported.geometry.translate(30, 30)
    fig = Figure(figsize=(6, 6), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-1000, 11_000)
    ax.set_ylim(-1000, 31_000)
    placed: list = []
    named: dict = {}
    for frame in (imported, districts):
        area_labels.label_polygons(ax, frame, 9, placed, named=named)
    assert sorted(text.get_text() for text in ax.texts) == ["吴中区", "吴江区"]


def test_a_label_outside_the_view_is_left_out():
    frame = gpd.GeoDataFrame(
        {"name": ["在内", "在外"]},
        geometry=[shapely.box(0, 0, 1000, 1000), shapely.box(50_000, 0, 51_000, 1000)],
        crs="EPSG:4549",
    )
    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-500, 1500)
    ax.set_ylim(-500, 1500)
    area_labels.label_polygons(ax, frame, 9, [])
    assert [text.get_text() for text in ax.texts] == ["在内"]


def test_the_subtitle_travels_in_the_png_too():
    from PIL import Image

    data = briefing.png_bytes(
        "视图", _frames(), LEGEND, PROV, paper="screen", subtitle="吴江区 · 集群重点：先进材料"
    )
    assert Image.open(io.BytesIO(data)).text["Description"] == "吴江区 · 集群重点：先进材料"


def test_the_view_streamlit_folium_reports():
    from layers.mapview import view_extent

    out = {
        "bounds": {"_southWest": {"lat": 30.85, "lng": 120.55}, "_northEast": {"lat": 31.05, "lng": 120.8}}
    }
    assert view_extent(out) == (120.55, 30.85, 120.8, 31.05)
    assert view_extent({}) is None and view_extent(None) is None
    empty = {"bounds": {"_southWest": {"lat": None, "lng": None}, "_northEast": {"lat": None, "lng": None}}}
    assert view_extent(empty) is None  # a map without layers before any move
    world = {"bounds": {"_southWest": {"lat": -85, "lng": -400}, "_northEast": {"lat": 85, "lng": 400}}}
    assert view_extent(world) is None


def test_the_layers_switched_off_are_left_out():
    """The layer switcher's state as streamlit-folium reports it (``selected_layers``, written by
    layers/mapview.py's overlay hook); before any switch, each layer as the map opens it."""
    from dataclasses import replace

    from layers import REGISTRY
    from layers.mapview import LAYER_HIDDEN, LAYER_SHOWN, MapLayer, shown_layers

    frame = gpd.GeoDataFrame(geometry=[shapely.Point(120.6, 31.0)], crs="EPSG:4326")
    prov = Provenance("schematic", "测试")
    belts, axes = REGISTRY["corridor_belts"], REGISTRY["corridor_axes"]
    hidden_at_first = replace(REGISTRY["dev_zones"], show=False)
    items = [MapLayer(layer, frame, prov) for layer in (belts, axes, hidden_at_first)]

    def titles(out) -> list[str]:
        return [item.layer.title("en") for item in shown_layers(items, out, lang="en")]

    assert titles(None) == titles({}) == ["Three belts (schematic)", "Two axes (schematic)"]
    out = {
        "selected_layers": [
            {"name": "Three belts (schematic)", "url": LAYER_HIDDEN},
            {"name": "Development zones (schematic)", "url": LAYER_SHOWN},
            {"name": "Two axes (schematic)", "url": "https://wms.example/"},  # a WMS layer: not ours
        ]
    }
    assert titles(out) == ["Two axes (schematic)", "Development zones (schematic)"]
    zh = {"selected_layers": [{"name": "两轴（示意走向）", "url": LAYER_HIDDEN}]}
    assert [i.layer.title("zh") for i in shown_layers(items, zh, lang="zh")] == ["三带（示意范围）"]


def test_a_layer_switched_off_keeps_the_frame_of_the_preview():
    """walk19 b4: the data page's preview is fitted to every chosen layer; with one switched off the
    screen still shows all of them, and so does the paper (it was narrowed to the layers drawn)."""
    everything = (120.40, 30.85, 120.80, 32.00)  # the preview, fitted to 吴江 and 张家港 alike
    shown = {"企业": _frames()["企业"].iloc[:2]}  # the districts switched off: two firms in 吴江 left

    def view(**options) -> np.ndarray:
        sheet = briefing._lay_out(
            shown, LEGEND, PROV, {"企业": [FIRM, FIRM]}, lang="zh", dpi=60, when=None, subtitle="", **options
        )
        return np.asarray(sheet.view)

    zhangjiagang = gpd.GeoSeries([shapely.box(120.45, 31.80, 120.70, 31.95)], crs="EPSG:4326")
    top = zhangjiagang.to_crs("EPSG:4549").total_bounds[3]
    assert view(extent=everything)[3] < top  # without what the preview was fitted to: 吴江 only
    framed = view(extent=everything, fitted=(120.45, 30.90, 120.75, 31.95))
    assert framed[3] >= top  # 张家港's place is on the paper, as on the screen
