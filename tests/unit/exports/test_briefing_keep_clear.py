"""No name label of the briefing PNG covers a drawn feature (the verification walk 10: on 数据管理's
PNG the imported parks' labels sat on the parks and on 3 of the 5 imported enterprises; in English
only 1 enterprise showed). A small park's name goes beside it; a label that finds no free place is
left out and counted under the map. Checked on the boxes matplotlib draws and on the PNG's pixels."""

from __future__ import annotations

import itertools
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba

from geo.exports import briefing
from geo.exports.area_labels import unwrapped_name
from geo.place_names import place_name
from geo.storage.builtin import load_layer
from geo.storage.provenance import LegendEntry, Provenance
from tests.fixtures.briefing_maps import walk_layers
from tests.fixtures.upload import PARK_NAMES

DISTRICTS, TOWNS, PARKS, FIRMS = "县级行政区", "吴江区镇（示意范围）", "parks_gk_gbk", "企业名单_高德"
FIRM_COLOR = "#bcbd22"
# The walk's files (tests/fixtures/upload.gbk_gk_zip_without_prj and its 企业名单): three parks about
# 2 km a side at three towns' seats, five enterprises, two of them inside a park.
PARK_SEATS = [(120.645, 31.155), (120.655, 30.915), (120.485, 30.965)]
FIRM_LONLAT = [(120.650, 30.918), (120.645, 31.157), (120.486, 30.966), (120.50, 30.92), (120.63, 30.98)]


def _walk_frames() -> dict[str, gpd.GeoDataFrame]:
    boxes = [(x, y, 0.01, 0.008) for x, y in PARK_SEATS]
    return walk_layers((DISTRICTS, TOWNS, PARKS, FIRMS), PARK_NAMES, boxes, FIRM_LONLAT)


def _figure(frames, *, lang, paper="screen"):
    colors = {DISTRICTS: "#5a6b86", TOWNS: "#d08040", PARKS: "#40c0d0", FIRMS: FIRM_COLOR}
    legend = {n: [LegendEntry(n, colors[n], "point" if n == FIRMS else "fill", 0.3)] for n in frames}
    prov = {n: Provenance(accuracy="schematic", source="test") for n in frames}
    fig = briefing.briefing_figure("苏州产业布局图", frames, legend, prov, lang=lang, paper=paper)
    fig.canvas.draw()
    return fig


def _labels(fig):
    renderer = fig.canvas.get_renderer()
    return {
        unwrapped_name(t.get_text()): t.get_bbox_patch().get_window_extent(renderer)
        for t in fig.axes[0].texts
        if t.get_zorder() == 20
    }


def _markers(fig) -> tuple[np.ndarray, np.ndarray]:
    """The point markers' centres (display pixels) and radii (their white edge included)."""
    centres, radii, _ = _markers_drawn(fig)
    return centres, radii


def _markers_drawn(fig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The point markers' centres, radii and the z-order they are drawn at."""
    ax = fig.axes[0]
    centres, radii, zorders = [], [], []
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and len(coll.get_offsets()):
            xy = ax.transData.transform(coll.get_offsets())
            sizes = np.resize(coll.get_sizes(), len(xy))
            edge = np.resize(coll.get_linewidths(), len(xy))
            centres.append(xy)
            radii.append((np.sqrt(sizes) / 2 + edge / 2) * fig.dpi / 72)
            zorders.append(np.full(len(xy), coll.get_zorder()))
    return np.vstack(centres), np.concatenate(radii), np.concatenate(zorders)


def _park_boxes(fig, parks: gpd.GeoDataFrame) -> list[tuple[float, ...]]:
    ax = fig.axes[0]
    out = []
    for b in shapely.bounds(parks.to_crs("EPSG:4549").geometry.values):
        (x0, y0), (x1, y1) = ax.transData.transform([(b[0], b[1]), (b[2], b[3])])
        out.append((x0, y0, x1, y1))
    return out


def _park_labels(parks: gpd.GeoDataFrame, lang: str) -> list[str]:
    return [place_name(n, lang) for n in parks["name"]]


def _meets(box, x0, y0, x1, y1) -> bool:
    return box.x0 < x1 and x0 < box.x1 and box.y0 < y1 and y0 < box.y1


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("paper", ["screen", "a4"])
def test_no_label_covers_an_enterprise_or_a_park(lang, paper):
    frames = _walk_frames()
    fig = _figure(frames, lang=lang, paper=paper)
    labels = _labels(fig)
    centres, radii, zorders = _markers_drawn(fig)
    assert len(centres) == 5
    assert len(labels) >= 12  # the districts and towns keep their names: the test looks at real labels
    parks = set(_park_labels(frames[PARKS], lang))
    for text, box in labels.items():
        for (x, y), r, z in zip(centres, radii, zorders, strict=True):
            if _meets(box, x - r, y - r, x + r, y + r):
                # only a town's or a district's name with no other place (walk 12: a point layer
                # must not take a town's name) goes over a marker, and the marker is drawn over it
                assert text not in parks and z > 20, (text, x, y)
        for park in _park_boxes(fig, frames[PARKS]):
            assert not _meets(box, *park), (text, park)
    for (a, box_a), (b, box_b) in itertools.combinations(labels.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_enterprise_shows_in_its_colour_and_every_park_keeps_its_name(lang):
    frames = _walk_frames()
    fig = _figure(frames, lang=lang)
    pixels = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int)
    height = pixels.shape[0]
    want = np.array(to_rgba(FIRM_COLOR)[:3]) * 255
    centres, _ = _markers(fig)
    for x, y in centres:
        got = pixels[height - 1 - int(round(y - 0.5)), int(round(x - 0.5))]
        assert np.abs(got - want).max() <= 12, (x, y, got)  # the marker's own colour, not a white box
    labels = _labels(fig)
    # each park named, beside it: its name in the sheet's language
    wanted = (
        PARK_NAMES
        if lang == "zh"
        else ["Wujiang Economic and Technological Development Zone", "Shengze New Materials Industrial Park"]
    )
    if lang == "zh":
        assert set(wanted) <= set(labels)
    else:  # the towns' and districts' long English names first (walk 12): a park without room is counted
        missing = set(wanted) - set(labels)
        footer = " ".join(t.get_text() for t in fig.texts)
        assert len(missing) <= 1 and (
            not missing or re.search(rf"{len(missing)} names? not labelled", footer)
        )


def _crowd(n: int) -> dict[str, gpd.GeoDataFrame]:
    """``n`` small parks in a tight row, each a long name: there is no room for every name."""
    parks = gpd.GeoDataFrame(
        {"name": [f"第{i}号新材料产业园区" for i in range(n)]},
        geometry=[shapely.box(120.60 + i * 0.004, 31.0, 120.603 + i * 0.004, 31.003) for i in range(n)],
        crs="EPSG:4326",
    )
    frame = gpd.GeoDataFrame(
        {"name": ["范围"]}, geometry=[shapely.box(120.5, 30.95, 120.75, 31.05)], crs=4326
    )
    return {TOWNS: frame, PARKS: parks}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_names_without_room_are_left_out_and_counted_under_the_map(lang):
    frames = _crowd(20)
    fig = _figure(frames, lang=lang)
    labels = _labels(fig)
    parks_named = [n for n in labels if n.startswith("第")]
    left_out = 20 - len(parks_named)
    assert 0 < left_out < 20  # some names fit beside the row, not all
    footer = " ".join(t.get_text() for t in fig.texts)
    said = re.findall(
        r"(\d+) 个名称因图面拥挤未标注" if lang == "zh" else r"(\d+) names? not labelled", footer
    )
    assert said == [str(left_out)]
    for park in _park_boxes(fig, frames[PARKS]):
        for text, box in labels.items():
            assert not _meets(box, *park), text


def test_a_sheet_with_every_name_placed_says_nothing_of_left_out_labels():
    fig = _figure({TOWNS: load_layer("wujiang_towns")}, lang="zh")
    assert len(_labels(fig)) == 8
    assert not any("未标注" in t.get_text() for t in fig.texts)


def _square_axes():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 10_000)
    ax.set_ylim(0, 10_000)
    frame = gpd.GeoDataFrame({"name": ["平望镇"]}, geometry=[shapely.box(0, 0, 10_000, 10_000)], crs=4549)
    return ax, frame


def test_a_label_blocked_about_its_polygons_middle_finds_room_in_a_free_corner():
    from geo.exports import area_labels

    ax, frame = _square_axes()  # 400 px a side, the polygon fills it
    # markers everywhere but in the north-east corner (100 px a side)
    block = np.array([[0.0, 0.0, 400.0, 300.0], [0.0, 0.0, 300.0, 400.0]])
    left_out = area_labels.label_polygons(ax, frame, 9, [], keep_clear=block)
    assert left_out == 0 and len(ax.texts) == 1
    ax.figure.canvas.draw()
    box = ax.texts[0].get_bbox_patch().get_window_extent(ax.figure.canvas.get_renderer())
    assert not _meets(box, *block[0]) and not _meets(box, *block[1])
    assert 0 <= box.x0 and box.x1 <= 400 and 0 <= box.y0 and box.y1 <= 400  # still on its polygon


def test_a_label_with_no_free_place_is_left_out_and_counted():
    from geo.exports import area_labels

    ax, frame = _square_axes()
    left_out = area_labels.label_polygons(
        ax, frame, 9, [], keep_clear=np.array([[-10.0, -10.0, 410.0, 410.0]])
    )
    assert left_out == 1 and not ax.texts


@pytest.mark.parametrize(("n_points", "kept_clear"), [(300, 300), (301, 0)])
def test_points_of_a_layer_read_one_by_one_are_kept_clear_a_denser_layer_is_a_pattern(n_points, kept_clear):
    from geo.exports import label_places, map_marks

    ax, _ = _square_axes()
    xs = np.linspace(100, 9_900, n_points)
    firms = gpd.GeoDataFrame({"name": range(n_points)}, geometry=shapely.points(xs, xs), crs=4549)
    map_marks.draw_features(ax, firms, ["#1b9e77"] * n_points, fill_opacity=1.0, z=2)
    boxes = label_places.feature_boxes(ax, size_px=12.5)
    assert len(boxes) == kept_clear
    if kept_clear:  # the first marker, at (100 m, 100 m) = (4 px, 4 px)
        assert ax.collections[0].get_sizes()[0] == 9  # draw_features: 300 points or more at 9 points²
        radius = (3 / 2 + 0.3 / 2) * 100 / 72 + label_places.MARKER_MARGIN_PX  # 3 pt across, its edge
        assert boxes[0] == pytest.approx([4 - radius, 4 - radius, 4 + radius, 4 + radius])


def test_only_small_polygons_are_kept_clear():
    from geo.exports import label_places, map_marks

    ax, _ = _square_axes()  # 25 m a pixel
    parks = gpd.GeoDataFrame(
        {"name": ["小", "大"]},
        # 1 km = 40 px (within 4 font sizes of 12.5 px = 50 px) and 2 km = 80 px
        geometry=[shapely.box(1_000, 1_000, 2_000, 2_000), shapely.box(5_000, 5_000, 7_000, 7_000)],
        crs=4549,
    )
    map_marks.draw_features(ax, parks, ["#40c0d0"] * 2, fill_opacity=0.3, z=2)
    boxes = label_places.feature_boxes(ax, size_px=12.5)
    assert len(boxes) == 1 and boxes[0] == pytest.approx([40.0, 40.0, 80.0, 80.0])


@pytest.mark.parametrize("spacing", [(52, 25), (50, 24), (54, 26), (50, 22)])
def test_a_town_name_that_must_cover_markers_keeps_them_off_its_text(spacing):
    """Walk 13: on the A4 PNG a firm's point sat in the middle of 吴江高新区（盛泽镇）. Markers every
    ``spacing`` px leave no free place, but places whose markers touch only the label's margin."""
    from geo.exports import area_labels

    ax, frame = _square_axes()
    r = 4.0
    xs, ys = np.arange(5, 400, spacing[0]), np.arange(5, 400, spacing[1])
    markers = np.array([(x - r, y - r, x + r, y + r) for x in xs for y in ys])
    assert area_labels.label_polygons(ax, frame, 9, [], markers=markers) == 0
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    text = ax.texts[0].get_window_extent(renderer)
    box = ax.texts[0].get_bbox_patch().get_window_extent(renderer)
    assert any(_meets(box, *m) for m in markers)  # no free place: the label covers a marker
    assert not any(_meets(text, *m) for m in markers)  # but none on its text
