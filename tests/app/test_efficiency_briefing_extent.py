"""The 亩均 page's briefing PNG shows the whole map the screen opens on (the new-user walk 7, finding
5: the PNG cut 东太湖's north tip and 桃源's south tip at the frame while the screen showed all of
吴江). The page's map sends no view; the extent it hands the PNG is checked by drawing the sheet as
the export does and reading the map's limits: every layer's features inside them."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geo.exports import briefing
from tests.fixtures.app import open_page


@pytest.fixture(scope="module")
def handed():
    """(items, extent) the page hands the map export on opening."""
    import pages.efficiency.downloads as downloads

    seen: list = []
    original = downloads.map_downloads

    def recording(title, items, *args, **kwargs):
        seen.append((list(items), kwargs.get("extent")))
        return original(title, items, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(downloads, "map_downloads", recording)
    try:
        open_page("pages/efficiency.py", timeout=180, lang="en")
    finally:
        mp.undo()
    assert seen, "the page offered no map export"
    return seen[-1]


@pytest.mark.parametrize("paper", ["screen", "a4"])
def test_every_town_and_firm_the_screen_opens_on_is_inside_the_pngs_frame(handed, paper):
    items, extent = handed
    frames = {item.layer.title("en"): item.frame for item in items}
    assert len(frames) >= 2  # the towns and the class points at least
    fig = briefing.briefing_figure("t", frames, {}, {}, lang="en", paper=paper, extent=extent)
    (x0, x1), (y0, y1) = fig.axes[0].get_xlim(), fig.axes[0].get_ylim()
    drawn = shapely.box(x0, y0, x1, y1)
    for name, frame in frames.items():
        whole = shapely.box(*gpd.GeoSeries(frame.geometry).to_crs("EPSG:4549").total_bounds)
        assert drawn.contains(whole), name
