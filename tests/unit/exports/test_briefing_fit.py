"""The briefing PNG shows at least what the screen shows, and its labels do not overlap (the
new-user walk 7, findings 5 and 7: the 亩均 PNG cut 东太湖's and 桃源's tips at the frame; on the
数据管理 PNG imported park names sat on 区镇 labels, on the 用地强度 PNG 吴江区 on 平望镇). Checked on the
figure: its axes' limits against the screen's extent, the label boxes matplotlib draws."""

from __future__ import annotations

import itertools

import geopandas as gpd
import pytest
import shapely

from geo.exports import briefing
from geo.storage.builtin import load_layer
from geo.storage.provenance import LegendEntry, Provenance

TOWNS, FIRMS, PARKS, DISTRICTS = "Towns", "Firms", "Imported parks", "Districts"


def _firms(towns: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One firm at each town's seat and one at each tip of 吴江 (its northmost and southmost
    corners, a little inside): the enterprises' extent reaches the towns' extent north and south."""
    outline = towns.to_crs("EPSG:4326").union_all()
    xs, ys = outline.exterior.xy if outline.geom_type == "Polygon" else outline.convex_hull.exterior.xy
    north = max(zip(xs, ys, strict=True), key=lambda p: p[1])
    south = min(zip(xs, ys, strict=True), key=lambda p: p[1])
    lons = [*towns["seat_lon"], north[0], south[0]]
    lats = [*towns["seat_lat"], north[1] - 0.002, south[1] + 0.002]
    return gpd.GeoDataFrame(
        {"name": [f"f{i}" for i in range(len(lons))]}, geometry=shapely.points(lons, lats), crs="EPSG:4326"
    )


def _figure(frames, *, extent, paper="screen", lang="en", title="Per-mu efficiency evaluation 2022"):
    legend = {
        n: [LegendEntry(n, c, k, 0.3)]
        for n, c, k in (
            (DISTRICTS, "#5a6b86", "fill"),
            (TOWNS, "#d08040", "fill"),
            (PARKS, "#40c0d0", "fill"),
            (FIRMS, "#1b9e77", "point"),
        )
    }
    prov = {n: Provenance("schematic", "test") for n in frames}
    return briefing.briefing_figure(
        title, frames, {n: legend[n] for n in frames}, prov, lang=lang, paper=paper, extent=extent
    )


def _limits_deg(fig) -> tuple[float, float, float, float]:
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    box = gpd.GeoSeries([shapely.box(x0, y0, x1, y1)], crs="EPSG:4549").to_crs("EPSG:4326")
    # the inscribed box in degrees (the projected frame is a little curved in degrees)
    return tuple(box.total_bounds)


@pytest.mark.parametrize("paper", ["screen", "a4"])
def test_a_scope_shown_whole_on_screen_is_whole_on_paper_with_a_margin(paper):
    # 亩均: the map sends no view; the briefing gets the scope's extent (its firms' bounds)
    towns = load_layer("wujiang_towns")
    firms = _firms(towns)
    west, south, east, north = firms.total_bounds
    fig = _figure({TOWNS: towns, FIRMS: firms}, extent=(west, south, east, north), paper=paper)
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    pts = firms.to_crs("EPSG:4549")
    w, h = x1 - x0, y1 - y0
    # every firm inside the frame, not on it: at least 2 % of the frame's height from its edge
    assert (pts.geometry.y.max() <= y1 - 0.02 * h) and (pts.geometry.y.min() >= y0 + 0.02 * h)
    assert (pts.geometry.x.max() <= x1 - 0.02 * w) and (pts.geometry.x.min() >= x0 + 0.02 * w)
    # and the extent given sits inside what is drawn
    edge = gpd.GeoSeries([shapely.box(west, south, east, north)], crs="EPSG:4326").to_crs("EPSG:4549")
    ex0, ey0, ex1, ey1 = edge.total_bounds
    assert x0 < ex0 and y0 < ey0 and ex1 < x1 and ey1 < y1


def _label_boxes(fig):
    """The label boxes as drawn (the white box behind each name), after a draw."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return {
        t.get_text(): t.get_bbox_patch().get_window_extent(renderer)
        for t in fig.axes[0].texts
        if t.get_zorder() == 20
    }


def _parks(towns: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Imported parks of long English names, each about its town's seat (as the walk's file)."""
    seats = towns.set_index("name")
    rows = {
        "Wujiang Economic and Technological Development Zone": "吴江开发区",
        "Shengze New Materials Industrial Park": "吴江高新区（盛泽镇）",
        "Qidu Intelligent Manufacturing Industrial Park": "七都镇",
    }
    geoms = [
        shapely.Point(seats.at[t, "seat_lon"], seats.at[t, "seat_lat"]).buffer(0.02) for t in rows.values()
    ]
    return gpd.GeoDataFrame({"name": list(rows)}, geometry=geoms, crs="EPSG:4326")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("paper", ["screen", "a4"])
def test_no_two_labels_overlap(paper, lang):
    districts, towns = load_layer("districts"), load_layer("wujiang_towns")
    frames = {DISTRICTS: districts, TOWNS: towns, PARKS: _parks(towns)}
    fig = _figure(frames, extent=None, paper=paper, lang=lang, title="Suzhou industrial layout")
    boxes = _label_boxes(fig)
    assert len(boxes) >= 12  # most of the 10 districts and 9 towns keep a name
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_wujiang_district_and_pingwang_keep_apart_on_the_intensity_sheet(lang):
    # 用地强度's opening view (zoom 10 on 吴江's towns, as test_intensity_briefing_marks)
    districts, towns = load_layer("districts"), load_layer("wujiang_towns")
    minx, miny, maxx, maxy = towns.total_bounds
    lon, lat, half = (minx + maxx) / 2 - 0.1, (miny + maxy) / 2, 320 * 360 / (256 * 2**10)
    extent = (lon - half, lat - half * 0.857, lon + half, lat + half * 0.857)
    fig = _figure({DISTRICTS: districts, TOWNS: towns}, extent=extent, lang=lang, paper="a4")
    boxes = _label_boxes(fig)
    assert len(boxes) >= 9
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)
