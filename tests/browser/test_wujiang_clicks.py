"""吴江产业布局 at 1280x720: a click in a town at the opening zoom opens the town's card, though 16,766
enterprise points cover the towns (the walk clicked in 盛泽镇 and got a firm each time, its tooltip
left open); from the zoom where the points stand apart a click opens the firm, and the firm's card
opens its town's. Screenshots go to artifacts/."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo.messages import t
from geo.place_names import place_name
from geo.spatial.crs import ANALYSIS_CRS
from geo.storage.builtin import load_layer
from layers import enterprises
from tests.fixtures.browser import click_map, map_frame, save_screenshot, settle_map, wait_idle

pytestmark = pytest.mark.browser

SHENGZE = "吴江高新区（盛泽镇）"
N_ENTERPRISES = 16_766
POINTS_JS = (
    "() => { let k = 0; window.map.eachLayer(l => { if (l._px && l.count) k += l.count(); }); return k; }"
)
# pixels from a map position to the nearest enterprise point drawn, whatever the zoom
NEAREST_PX_JS = """([lat, lon]) => {
  const p = window.map.latLngToContainerPoint([lat, lon]); let best = Infinity;
  window.map.eachLayer(l => { if (l._px && l.count) for (let i = 0; i < l.count(); i++) {
    best = Math.min(best, Math.hypot(l._px[i] - p.x, l._py[i] - p.y)); } });
  return best; }"""
VISIBLE_TIPS_JS = (
    "() => [...document.querySelectorAll('.leaflet-tooltip')].filter(e => e.offsetParent).length"
)


def _firm_in(town: str) -> tuple[str, float, float]:
    """(name, lat, lon) of the enterprise of ``town`` farthest from any other: at the zoom where the
    points stand apart, a click on it cannot pick a neighbour."""
    ents = load_layer("enterprises")
    here = ents[ents["town"] == town]
    metres = ents.to_crs(ANALYSIS_CRS).geometry
    tree = shapely.STRtree(metres.to_numpy())
    _, dist = tree.query_nearest(metres[here.index].to_numpy(), exclusive=True, return_distance=True)
    firm = here.iloc[int(np.argmax(dist))]
    return str(firm["name"]), firm.geometry.y, firm.geometry.x


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_click_in_shengze_opens_its_card_and_a_zoomed_in_click_the_firm(app_url, browser, lang):
    town = place_name(SHENGZE, lang)
    name, lat, lon = _firm_in(SHENGZE)
    click_zoom = enterprises.click_zoom(enterprises.LAYER, load_layer("enterprises"))
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/wujiang?lang={lang}")
        frame = map_frame(pg, min_paths=9 + 8 + 8 + 12, timeout_s=120)
        frame.wait_for_function(f"() => ({POINTS_JS})() === {N_ENTERPRISES}", timeout=60_000)
        wait_idle(pg)
        assert frame.evaluate("() => window.map.getZoom()") == 10 < click_zoom
        # the click lands on an enterprise's point (it opened the firm before)
        settle_map(frame)
        frame.evaluate("([lat, lon]) => window.map.panTo([lat, lon], {animate: false})", [lat, lon])
        assert frame.evaluate(NEAREST_PX_JS, [lat, lon]) <= enterprises.LAYER.radius
        click_map(frame, lat, lon)
        pg.get_by_role("heading", name=town).first.wait_for(timeout=30_000)
        assert pg.get_by_role("heading", name=name).count() == 0
        wait_idle(pg)
        assert frame.evaluate(VISIBLE_TIPS_JS) == 0  # what was clicked is beside the map, not over it
        save_screenshot(pg, f"wujiang_town_click_{lang}")

        # zoomed in to where the points stand apart, the same click opens the firm
        frame.evaluate(
            "([lat, lon, z]) => window.map.setView([lat, lon], z, {animate: false})", [lat, lon, click_zoom]
        )
        wait_idle(pg)
        click_map(frame, lat, lon)
        pg.get_by_role("heading", name=name).wait_for(timeout=30_000)
        # the card's items read whole in the narrow panel (a table's cell cut "Above designated size")
        card = pg.locator('[data-testid="stColumn"]').filter(has=pg.get_by_role("heading", name=name))
        colon = ": " if lang == "en" else "："
        assert t("wj.ent.above_scale", lang) + colon in card.last.inner_text()
        save_screenshot(pg, f"wujiang_firm_click_{lang}")
        # and the firm's card opens its town's
        pg.get_by_role("button", name=t("wj.ent.town_card", lang)).click()
        pg.get_by_role("heading", name=town).first.wait_for(timeout=30_000)
        assert pg.get_by_role("heading", name=name).count() == 0
        save_screenshot(pg, f"wujiang_firm_to_town_{lang}")
    finally:
        context.close()
