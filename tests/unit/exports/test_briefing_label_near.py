"""A name label of the briefing PNG stays next to what it names, and the towns keep their names (walk
11, issue 23: on 数据管理's PNG of all Suzhou "中国东方丝绸市场" sat at a corner of its park, its bulk
over 七都镇 ~20 km west, "七都智能制造产业园" above 震泽镇, and 盛泽, 平望, 震泽 were left out for
lack of room while the parks' names took their places). A small park's label faces it, or lies a
little further with a leader line to it, or is left out and counted."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from matplotlib.collections import PathCollection

from geo.exports import area_labels, briefing, label_places
from geo.place_names import place_name, short_place_name
from geo.storage.builtin import load_layer
from geo.storage.provenance import LegendEntry, Provenance
from tests.fixtures.briefing_maps import walk_layers

DISTRICTS, TOWNS, PARKS, FIRMS = "县级行政区", "吴江区镇（示意范围）", "盛泽七都园区边界", "盛泽七都企业2024"
# walk 11's boundary file (in/parks_gk.zip): three parks about 盛泽 and one at 七都, with its firms
PARKS_WALK = {
    "盛泽镇新材料产业园": (120.655, 30.915, 0.012, 0.008),
    "中国东方丝绸市场": (120.632, 30.895, 0.008, 0.006),
    "七都智能制造产业园": (120.44, 30.965, 0.015, 0.01),
    "恒力国际新材料产业园": (120.67, 30.93, 0.01, 0.007),
}
FIRMS_WALK = [(120.64 + dx, 30.905 + dy) for dx, dy in [(-0.01, 0.004), (0.006, -0.008), (0.012, 0.01)]] + [
    (120.44 + dx, 30.97 + dy) for dx, dy in [(-0.004, 0.003), (0.008, -0.006)]
]


def _frames() -> dict[str, gpd.GeoDataFrame]:
    return walk_layers(
        (DISTRICTS, TOWNS, PARKS, FIRMS), list(PARKS_WALK), list(PARKS_WALK.values()), FIRMS_WALK
    )


def _figure(frames, *, lang, paper):
    colors = {DISTRICTS: "#5a6b86", TOWNS: "#d08040", PARKS: "#40c0d0", FIRMS: "#bcbd22"}
    legend = {n: [LegendEntry(n, colors[n], "point" if n == FIRMS else "fill", 0.3)] for n in frames}
    prov = {n: Provenance(accuracy="real", source="test") for n in frames}
    fig = briefing.briefing_figure("苏州产业布局图", frames, legend, prov, lang=lang, paper=paper)
    fig.canvas.draw()
    return fig


def _boxes(fig) -> dict[str, tuple[float, float, float, float]]:
    renderer = fig.canvas.get_renderer()
    return {
        t.get_text(): tuple(t.get_bbox_patch().get_window_extent(renderer).extents)
        for t in fig.axes[0].texts
        if t.get_zorder() == 20
    }


def _unnamed(names, labels, lang) -> list[str]:
    """The places of one layer not named on the sheet, whose labels are all full names or all short
    names ("Qidu Town" or "Qidu": one form per layer)."""
    forms = [(place_name(n, lang), short_place_name(n, lang)) for n in names]
    full = [f for f, _ in forms if f in labels]
    short = [s for f, s in forms if s != f and s in labels]
    assert not (full and short) or set(full) <= {s for _, s in forms}, (full, short)
    return [f for f, s in forms if f not in labels and s not in labels]


def _gap(a, b) -> float:
    dx = max(0.0, b[0] - a[2], a[0] - b[2])
    dy = max(0.0, b[1] - a[3], a[1] - b[3])
    return float(np.hypot(dx, dy))


def _facing(a, b) -> bool:
    """Whether two boxes face each other: level in x or in y (not corner to corner)."""
    return (a[0] < b[2] and b[0] < a[2]) or (a[1] < b[3] and b[1] < a[3])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("paper", ["screen", "a4"])
def test_every_town_keeps_its_name_and_a_park_name_stays_next_to_its_park(lang, paper):
    frames = _frames()
    fig = _figure(frames, lang=lang, paper=paper)
    ax = fig.axes[0]
    labels = _boxes(fig)
    # towns first: a park's name goes round them
    assert _unnamed(frames[TOWNS]["name"], labels, lang) == []
    font_px = 9.0 * 0.75 * fig.dpi / 72
    leaders = {line.get_label(): line for line in ax.lines if line.get_gid() == area_labels.LEADER_GID}
    parks = frames[PARKS].to_crs("EPSG:4549")
    placed = 0
    for name, geom in zip(parks["name"], parks.geometry, strict=True):
        label = place_name(name, lang)
        if label not in labels:
            continue
        placed += 1
        b = geom.bounds
        (x0, y0), (x1, y1) = ax.transData.transform([(b[0], b[1]), (b[2], b[3])])
        park, box = (x0, y0, x1, y1), labels[label]
        if label not in leaders:
            # facing the park, its near end beside it
            assert _facing(park, box) and _gap(park, box) <= 0.6 * font_px, (label, park, box)
            continue
        # a leader line from the park's edge to the label's box, no longer than the last gap allowed
        start, end = ax.transData.transform(np.column_stack(leaders[label].get_data()))
        assert _gap(park, (*start, *start)) <= 1.0 and _gap(box, (*end, *end)) <= 1.0, label
        length = float(np.hypot(*(end - start)))
        assert length <= (max(label_places.LEADER_GAPS_FONT_SIZES) + 0.5) * font_px, (label, length)
    assert placed >= 2  # the test looks at real park labels
    footer = " ".join(t.get_text() for t in fig.texts)
    left_out = len(PARKS_WALK) - placed
    if left_out:  # a name without room near its park is left out, and said
        assert str(left_out) in footer and ("未标注" in footer or "not labelled" in footer)


def test_a_small_polygons_label_with_no_room_near_it_is_left_out_not_put_far_away():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 10_000)
    ax.set_ylim(0, 10_000)  # 25 m a pixel
    park = gpd.GeoDataFrame({"name": ["园区"]}, geometry=[shapely.box(4_900, 4_900, 5_100, 5_100)], crs=4549)
    # every place within the leader's reach taken (a box 10 font sizes about the park), the rest free
    font_px = 9 * 100 / 72
    reach = 10 * font_px
    taken = [Bbox.from_extents(200 - reach, 200 - reach, 200 + reach, 200 + reach)]
    left_out = area_labels.label_polygons(ax, park, 9, taken)
    assert left_out == 1 and not ax.texts and not ax.lines


# walk 12 (issue 23): the walk's boundary file (in/园区边界_noprj.zip) and its Gaode Excel of ten firms
# (in/吴江企业亩均_2024.xlsx, five of them in and about 盛泽) left 吴江高新区（盛泽镇） unnamed: every place
# about the town's middle covered a firm's marker or a park
PARKS_12 = {
    "盛泽纺织科技园": (120.6485, 30.9127, 0.0105, 0.0077),
    "丝绸小镇": (120.6253, 30.8885, 0.0063, 0.0055),
    "七都光电产业园": (120.4526, 30.9628, 0.0126, 0.0088),
}
FIRMS_12 = [
    (120.6460, 30.9147),
    (120.6494, 30.9097),
    (120.6253, 30.8856),
    (120.6034, 30.9286),
    (120.6734, 30.8723),
    (120.4513, 30.9603),
    (120.4476, 30.9578),
    (120.4008, 30.9895),
    (120.6433, 30.9814),
    (120.5032, 30.9187),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("paper", ["screen", "a4"])
def test_a_point_layer_crowding_a_town_does_not_take_the_towns_name(lang, paper):
    frames = walk_layers((DISTRICTS, TOWNS, PARKS, FIRMS), list(PARKS_12), list(PARKS_12.values()), FIRMS_12)
    fig = _figure(frames, lang=lang, paper=paper)
    labels = _boxes(fig)
    assert _unnamed(frames[TOWNS]["name"], labels, lang) == []
    districts = frames[DISTRICTS]["name"]
    assert len(_unnamed(districts, labels, lang)) <= 1
    # a name that had to go over a firm's marker leaves it in view: the markers are drawn above it
    ax = fig.axes[0]
    markers = [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())]
    assert markers and all(c.get_zorder() > 20 for c in markers)
    parks = {place_name(p, lang) for p in PARKS_12}
    boxes = label_places.marker_boxes(ax)
    assert len(boxes) == len(FIRMS_12)
    for text, box in labels.items():
        if text in parks:  # a park's name never covers a marker
            assert not label_places.covers_any(box, boxes), text
    footer = " ".join(t.get_text() for t in fig.texts)
    named_parks = [p for p in PARKS_12 if place_name(p, lang) in labels]
    left_out = len(PARKS_12) - len(named_parks)
    if left_out:
        assert str(left_out) in footer and ("未标注" in footer or "not labelled" in footer)
    else:
        assert "未标注" not in footer and "not labelled" not in footer


def _square_axes(size_m: float = 10_000):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, size_m)
    ax.set_ylim(0, size_m)
    return ax


def _marker_grid(step_px: float) -> np.ndarray:
    """Markers 6 px across every ``step_px`` over the whole 400 px axes: no label fits between them."""
    xs = np.arange(3, 400, step_px)
    return np.array([(x - 3, y - 3, x + 3, y + 3) for x in xs for y in xs])


def test_an_areas_name_covers_the_fewest_markers_rather_than_be_left_out():
    ax = _square_axes()  # 400 px a side, the town fills it
    town = gpd.GeoDataFrame({"name": ["平望镇"]}, geometry=[shapely.box(0, 0, 10_000, 10_000)], crs=4549)
    markers = np.vstack([_marker_grid(20.0)[::2], _marker_grid(20.0)])
    left_out = area_labels.label_polygons(ax, town, 9, [], markers=markers)
    assert left_out == 0 and len(ax.texts) == 1
    ax.figure.canvas.draw()
    box = ax.texts[0].get_bbox_patch().get_window_extent(ax.figure.canvas.get_renderer())
    assert 0 <= box.x0 and box.x1 <= 400 and 0 <= box.y0 and box.y1 <= 400  # on its town
    # a small park's name still never covers a marker: without a free place it is left out
    ax = _square_axes(100_000)  # 250 m a pixel: a 1 km park is 4 px
    park = gpd.GeoDataFrame(
        {"name": ["园区"]}, geometry=[shapely.box(49_500, 49_500, 50_500, 50_500)], crs=4549
    )
    assert area_labels.label_polygons(ax, park, 9, [], markers=_marker_grid(12.0)) == 1 and not ax.texts


def test_an_areas_name_with_no_room_over_it_goes_beside_it_with_a_leader_line():
    """Walk 12 in English: "Wujiang Hi-tech Zone (Shengze Town)", three times its town's width, found
    every place about the town taken by its neighbours' names; it goes a little beside the town with a
    leader line from the town's outline, not left out."""
    from matplotlib.transforms import Bbox

    ax = _square_axes()  # 25 m a pixel
    # a town 64 px a side (more than 4 font sizes: not small) in the middle, a triangle
    town = gpd.GeoDataFrame(
        {"name": ["吴江高新区（盛泽镇）"]},
        geometry=[shapely.Polygon([(4_200, 4_200), (5_800, 4_200), (4_200, 5_800)])],
        crs=4549,
    )
    # its neighbours' names over it and all round it but to its right
    taken = [
        Bbox.from_extents(0, 0, 232, 400),
        Bbox.from_extents(0, 0, 400, 150),
        Bbox.from_extents(0, 250, 400, 400),
    ]
    left_out = area_labels.label_polygons(ax, town, 9, taken)
    assert left_out == 0 and len(ax.texts) == 1
    leaders = [line for line in ax.lines if line.get_gid() == area_labels.LEADER_GID]
    assert len(leaders) == 1
    start, end = ax.transData.transform(np.column_stack(leaders[0].get_data()))
    data_start = ax.transData.inverted().transform([start])[0]
    assert town.geometry[0].exterior.distance(shapely.Point(data_start)) < 1.0  # on the town's outline
    font_px = 9 * 100 / 72
    assert float(np.hypot(*(end - start))) <= (max(label_places.LEADER_GAPS_FONT_SIZES) + 1) * font_px


def test_a_polygon_outside_the_view_is_not_named_one_partly_in_it_is_named_on_its_visible_part():
    """Walk 13, 两轴三带 PNG in English: "Zhangjiagang City", just outside the frame, was named at the
    frame's edge with a leader line pointing out of the map."""
    ax = _square_axes()  # 25 m a pixel, 400 px a side
    city = gpd.GeoDataFrame(
        {"name": ["张家港市"]}, geometry=[shapely.box(2_000, 10_300, 6_000, 14_000)], crs=4549
    )
    assert area_labels.label_polygons(ax, city, 9, [], lang="en") == 0
    assert not ax.texts and not ax.lines
    # a city reaching 40 px into the view: named there, every leader line (if any) inside the view
    ax = _square_axes()
    city = gpd.GeoDataFrame(
        {"name": ["张家港市"]}, geometry=[shapely.box(2_000, 9_000, 6_000, 14_000)], crs=4549
    )
    assert area_labels.label_polygons(ax, city, 9, [], lang="en") == 0
    assert [t.get_text() for t in ax.texts] == ["Zhangjiagang City"]
    x, y = ax.texts[0].get_position()
    assert 0 <= x <= 10_000 and 9_000 <= y <= 10_000
    for line in ax.lines:
        assert np.all(line.get_xydata() <= 10_000) and np.all(line.get_xydata() >= 0)


def test_an_areas_name_that_would_have_a_marker_on_its_text_goes_beside_it_with_a_leader_line():
    """Walk 13, 数据管理's A4 PNG: every place over 吴江高新区（盛泽镇） put a firm's point on its text
    (a park beside kept the rest); beside the town with a leader line the name is whole."""
    ax = _square_axes()  # 25 m a pixel
    town = gpd.GeoDataFrame(
        {"name": ["吴江高新区（盛泽镇）"]}, geometry=[shapely.box(4_200, 4_200, 5_800, 5_800)], crs=4549
    )
    # markers 6 px across every 10 px over the town (64 px a side) only
    xs = np.arange(171, 232, 10.0)
    markers = np.array([(x - 3, y - 3, x + 3, y + 3) for x in xs for y in xs])
    assert area_labels.label_polygons(ax, town, 9, [], markers=markers) == 0
    ax.figure.canvas.draw()
    text = ax.texts[0].get_window_extent(ax.figure.canvas.get_renderer())
    assert not any(text.x0 < m[2] and m[0] < text.x1 and text.y0 < m[3] and m[1] < text.y1 for m in markers)
    assert [line.get_gid() for line in ax.lines] == [area_labels.LEADER_GID]


# walk 14's boundary file (in/园区边界_noprj.zip) and its 11 firms (吴江企业亩均_2024.xlsx)
PARKS_14 = {
    "盛泽纺织科技园": (120.6404, 30.9002, 0.0084, 0.0062),
    "盛泽先进材料园": (120.6203, 30.9201, 0.0063, 0.0051),
    "七都光通信产业园": (120.4454, 30.9582, 0.0094, 0.0061),
    "七都装备园": (120.4703, 30.9751, 0.0063, 0.0041),
}
FIRMS_14 = [
    (120.641, 30.8997),
    (120.6418, 30.9014),
    (120.6187, 30.9203),
    (120.5805, 30.9509),
    (120.7002, 30.8698),
    (120.444, 30.9571),
    (120.4708, 30.9758),
    (120.4007, 31.0094),
    (120.4465, 30.9566),
    (120.551, 30.8199),
    (120.5009, 30.9206),
]


def _share_inside(ax, box, geom) -> float:
    """The share of a label's box (display pixels) lying inside ``geom`` (sampled)."""
    xs, ys = np.linspace(box[0], box[2], 12), np.linspace(box[1], box[3], 4)
    data = ax.transData.inverted().transform([(x, y) for x in xs for y in ys])
    return float(shapely.contains_xy(geom, data[:, 0], data[:, 1]).mean())


@pytest.mark.parametrize("paper", ["screen", "a4"])
def test_an_english_town_name_lies_inside_its_town_and_no_park_loses_its_name_to_english(paper):
    """Walk 14 item 10: on the English sheet of all Suzhou "Qidu Town" lay half over its narrow town's
    outline and "Zhenze Town" at its town's tip on the line shared with 七都, and 盛泽先进材料园 was
    left out for lack of room while the Chinese sheet named all four parks. Where one town's name
    fits inside it nowhere, the towns are named short ("Qidu", as on screen), inside them."""
    frames = walk_layers((DISTRICTS, TOWNS, PARKS, FIRMS), list(PARKS_14), list(PARKS_14.values()), FIRMS_14)
    named = {}
    for lang in ("zh", "en"):
        fig = _figure(frames, lang=lang, paper=paper)
        labels = _boxes(fig)
        named[lang] = [p for p in PARKS_14 if p in labels]
        assert _unnamed(frames[TOWNS]["name"], labels, lang) == []
    assert named["en"] == named["zh"]
    ax = fig.axes[0]
    towns = frames[TOWNS].to_crs("EPSG:4549").set_index("name").geometry
    assert "Qidu" in labels and "Zhenze" in labels
    assert _share_inside(ax, labels["Zhenze"], towns["震泽镇"]) >= 0.9
    assert _share_inside(ax, labels["Qidu"], towns["七都镇"]) >= 0.6


def test_the_snd_zone_on_the_english_corridors_sheet_has_room():
    """The 两轴三带 sheet in English (closing note of walk 14): "Suzhou National New and Hi-tech
    Industrial Development Zone" sat 0.4 font sizes below "Huqiu District (Suzhou New District)" and
    "Gusu District". Names that fit inside their areas nowhere are short, "SND" and "Huqiu (SND)", and
    keep a font size's room about them."""
    from layers import REGISTRY, corridor_axes, corridor_belts, dev_zones
    from layers.mapview import MapLayer

    schematic = Provenance(accuracy="schematic", source="test")
    layers = (
        REGISTRY["districts"],
        corridor_belts.for_industry("新材料"),
        corridor_axes.for_industry("新材料"),
        dev_zones.for_industry("新材料"),
    )
    # as the page's downloads make the sheet (layers.offline_html.map_downloads)
    items = [MapLayer(layer, load_layer(layer.source), schematic) for layer in layers]
    frames = {i.layer.title("en"): i.frame for i in items}
    legend = {i.layer.title("en"): i.layer.legend(i.frame, "en") for i in items}
    colors = {i.layer.title("en"): list(i.layer.color_by(i.frame)) for i in items if i.layer.color_by}
    prov = dict.fromkeys(frames, schematic)
    fig = briefing.briefing_figure("t", frames, legend, prov, colors=colors, lang="en", paper="screen")
    fig.canvas.draw()
    labels = _boxes(fig)
    assert "SND" in labels and "Huqiu (SND)" in labels
    font_px = 9.0 * 0.75 * fig.dpi / 72
    room = min(_gap(labels["SND"], box) for text, box in labels.items() if text != "SND") / font_px
    assert room >= 0.8, room


@pytest.mark.parametrize(("name", "inside"), [("七都光通信产业园", False), ("甲园", True)])
def test_a_parks_name_lies_inside_it_when_it_fits_else_beside_it(name, inside):
    """Walk 15: on the CLI's PNG zoomed to 吴江 a park is not small (4 font sizes a side), and
    「七都光通信产业园」, wider than the park, was drawn at its middle across its outline. A name lies
    inside its polygon where it fits, else beside it (as on the page's PNG of all Suzhou, where the
    park is small), never across its outline."""
    ax = _square_axes()  # 25 m a pixel
    park = shapely.box(4_200, 4_200, 5_800, 5_800)  # 64 px a side: not small, 8 Chinese characters wider
    other = shapely.box(500, 500, 700, 700)  # a layer of parks lying apart (not towns sharing borders)
    frame = gpd.GeoDataFrame({"name": [name, "乙"]}, geometry=[park, other], crs=4549)
    assert area_labels.label_polygons(ax, frame, 9, []) == 0 and len(ax.texts) == 2
    renderer = ax.figure.canvas.get_renderer()
    text = next(t for t in ax.texts if t.get_text() == name).get_window_extent(renderer).extents
    own = ax.transData.transform([(4_200, 4_200), (5_800, 5_800)]).ravel()
    within = own[0] <= text[0] and text[2] <= own[2] and own[1] <= text[1] and text[3] <= own[3]
    apart = text[2] <= own[0] or own[2] <= text[0] or text[3] <= own[1] or own[3] <= text[1]
    assert (within, apart) == (inside, not inside), (text, own)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_district_named_by_its_towns_is_not_named_among_them(lang):
    """walk19 item 4: "吴江区" was placed right under "平望镇", as if a second name for it. A district
    whose towns are named (the 区镇 layer over it) is left unnamed; its neighbours keep their names."""
    labels = _boxes(_figure(_frames(), lang=lang, paper="screen"))
    assert _unnamed(["平望镇", "吴中区"], labels, lang) == []
    assert _unnamed(["吴江区"], labels, lang) == [place_name("吴江区", lang)]
