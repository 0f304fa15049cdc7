"""The 两轴三带 page in English at 1280x720 (issue 23 item 5): a corridor's tooltip and the details
beside the map speak English (the atlas's translation of the plan), with no Chinese left in them."""

from __future__ import annotations

import re
import time

import pytest

from tests.fixtures.browser import click_map, map_frame, save_screenshot, settle_map

pytestmark = pytest.mark.browser

TIPS_JS = """() => [...document.querySelectorAll('.leaflet-tooltip')]
  .filter(e => e.offsetParent !== null && parseFloat(getComputedStyle(e).opacity) > 0)
  .map(e => e.innerText.replace(/\\s+/g, ' '))"""
CJK = re.compile("[\u4e00-\u9fff]")
# On the 通苏嘉 axis between Changshu and Xiangcheng, clear of every development zone.
ON_AXIS = (31.735, 120.75)
AXIS_EN = "Nantong–Suzhou–Jiaxing north–south development axis"


def test_a_corridor_speaks_english_on_the_english_page(app_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/corridors?lang=en")
        pg.locator("h1").first.wait_for(timeout=90_000)
        frame = map_frame(pg, min_paths=5, timeout_s=90)
        frame.frame_element().scroll_into_view_if_needed()
        settle_map(frame)
        frame.evaluate("([lat, lon]) => window.map.panTo([lat, lon], {animate: false})", list(ON_AXIS))
        x, y = frame.evaluate(
            "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
            list(ON_AXIS),
        )
        box = frame.frame_element().bounding_box()
        tips, deadline = [], time.monotonic() + 20
        while not any(AXIS_EN in tip for tip in tips) and time.monotonic() < deadline:
            pg.mouse.move(box["x"] + x + 1, box["y"] + y, steps=3)
            pg.mouse.move(box["x"] + x, box["y"] + y, steps=3)
            pg.wait_for_timeout(400)
            tips = frame.evaluate(TIPS_JS)
        axis_tip = next((tip for tip in tips if AXIS_EN in tip), "")
        save_screenshot(pg, "english_corridor_tooltip")
        assert "Leading industries" in axis_tip and "textiles and apparel" in axis_tip, tips
        assert not CJK.search(axis_tip), axis_tip
        # the click's details beside the map: the district and the axis, in English
        click_map(frame, *ON_AXIS)
        panel = pg.get_by_text(AXIS_EN, exact=False).first
        panel.wait_for(timeout=30_000)
        body = pg.locator('[data-testid="stMain"]').inner_text()
        assert "Changshu City" in body and "An important logistics axis" in body, body[:2000]
        save_screenshot(pg, "english_corridor_details")
    finally:
        context.close()
