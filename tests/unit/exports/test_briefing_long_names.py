"""A long name on the briefing PNG is drawn on two or three lines, near what it names, and small
polygons stay in sight at a wide extent (walk21 c14: at Suzhou's extent the A4 sheet printed a park's
59-character name as one line across 吴江, and the parks were specks under their enterprises)."""

from __future__ import annotations

import pytest

from geo.exports import briefing
from geo.exports.area_labels import unwrapped_name, wrapped_name
from geo.exports.map_marks import SMALL_MARK_GID, SMALL_MARK_PT
from geo.storage.provenance import LegendEntry, Provenance
from tests.fixtures.briefing_maps import walk_layers

LONG = (
    "吴江高新区（盛泽镇）东方丝绸市场周边先进纺织新材料与时尚创意产业"
    "融合发展示范园区（一期）核心片区拓展区域东西两翼延伸带"
)
LONG_EN = (
    "Shengze Oriental Silk Market Surrounding Advanced Textile New Materials and Fashion Creative "
    "Industry Integration Demonstration Park (Phase I)"
)
DISTRICTS, TOWNS, PARKS, FIRMS = (
    "县级行政区",
    "吴江区镇（示意范围）",
    "Wujiang parks 2025",
    "吴江企业亩均 2025",
)
# walk21's parks (in/parks_wgs84.geojson): about 1 km across, each with enterprises on it
PARKS_WALK = {
    LONG: (120.661, 30.908, 0.006, 0.006),
    "桃源新材料产业园": (120.62, 30.83, 0.005, 0.005),
    "七都光电通信产业园": (120.41, 30.95, 0.005, 0.005),
}
FIRMS_WALK = [(120.658, 30.906), (120.62, 30.831), (120.41, 30.951), (120.55, 30.95)]


def _figure(lang: str):
    frames = walk_layers(
        (DISTRICTS, TOWNS, PARKS, FIRMS), list(PARKS_WALK), list(PARKS_WALK.values()), FIRMS_WALK
    )
    colors = {DISTRICTS: "#5a6b86", TOWNS: "#d08040", PARKS: "#17becf", FIRMS: "#bcbd22"}
    legend = {n: [LegendEntry(n, colors[n], "point" if n == FIRMS else "fill", 0.3)] for n in frames}
    prov = {n: Provenance(accuracy="schematic", source="test") for n in frames}
    fig = briefing.briefing_figure("苏州产业布局图", frames, legend, prov, lang=lang, paper="screen")
    fig.canvas.draw()
    return fig


def test_a_long_name_wraps_at_its_brackets_or_spaces_and_a_short_one_stays_whole():
    zh = wrapped_name(LONG).split("\n")
    assert len(zh) == 3 and max(map(len, zh)) <= 21, zh
    assert zh[2].startswith("（一期）"), zh  # before its bracket, not inside it
    en = wrapped_name(LONG_EN).split("\n")
    assert 2 <= len(en) <= 3 and all(line and line == line.strip() for line in en), en
    assert " ".join(en) == LONG_EN  # broken at spaces only
    for name in (LONG, LONG_EN):
        assert unwrapped_name(wrapped_name(name)) == name
    for name in ("东太湖度假区（太湖新城）", "Wujiang Development Zone Sci-Tech Innovation Park"):
        assert wrapped_name(name) == name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_long_park_name_is_drawn_on_lines_near_its_park(lang):
    fig = _figure(lang)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    label = next(t for t in ax.texts if t.get_zorder() == 20 and unwrapped_name(t.get_text()) == LONG)
    box = label.get_window_extent(renderer)
    size_px = label.get_fontsize() * fig.dpi / 72
    assert label.get_text().count("\n") == 2
    assert box.width <= 22 * size_px, box.width / size_px  # one line was 59 font sizes: across 吴江
    assert box.width <= 0.35 * ax.get_window_extent(renderer).width


def test_small_parks_are_marked_at_a_wide_extent():
    fig = _figure("zh")
    ax = fig.axes[0]
    marks = [c for c in ax.collections if c.get_gid() == SMALL_MARK_GID]
    assert len(marks) == 1 and len(marks[0].get_paths()) == len(PARKS_WALK)
    for path in marks[0].get_paths():
        x0, y0, x1, y1 = path.transformed(ax.transData).get_extents().extents
        # at least the mark's width (less its edge) on paper, far wider than the park itself
        assert min(x1 - x0, y1 - y0) >= (SMALL_MARK_PT - 1.5) * fig.dpi / 72
