"""Filtering the evaluation to 盛泽 zooms the map there; the 区镇 list opens on the first click
(issue 23 item 11)."""

from __future__ import annotations

import time

import pytest

from tests.fixtures.browser import eval_in_maps, save_screenshot, wait_idle

pytestmark = pytest.mark.browser

VIEW_JS = """() => { const m = window.map; if (!m || !m.getZoom) return null;
  const c = m.getCenter(); return {zoom: m.getZoom(), lat: c.lat, lng: c.lng}; }"""
CASES = [((1280, 720), "zh"), ((1920, 1080), "en")]


def _view(pg, want, timeout_s: float = 30.0) -> dict | None:
    deadline, view = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        views = [v for _, v in eval_in_maps(pg, VIEW_JS) if v]
        view = views[0] if views else None
        if view and want(view):
            return view
        pg.wait_for_timeout(500)
    return view


@pytest.mark.parametrize(
    ("size", "lang"), CASES, ids=lambda c: f"{c[0]}x{c[1]}" if isinstance(c, tuple) else c
)
def test_the_map_zooms_to_the_town_filtered_to(app_url, browser, size, lang):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/efficiency" + ("?lang=en" if lang == "en" else ""))
        pg.locator("h1").first.wait_for(timeout=90_000)
        wait_idle(pg)
        start = _view(pg, lambda v: True)
        assert start is not None and start["zoom"] <= 11, start  # opened on all of Wujiang
        # clicked at once, the page still drawing (tests/browser/test_first_click.py)
        box = pg.get_by_role("combobox", name="区镇/园区" if lang == "zh" else "Towns/parks").first
        box.click()
        options = pg.locator("[role='option']")
        options.first.wait_for(timeout=15_000)  # open on the first click (a loaded machine draws it late)
        assert options.count() == 8  # the eight 区镇
        options.filter(has_text="盛泽").first.click()
        pg.keyboard.press("Escape")
        wait_idle(pg)
        view = _view(pg, lambda v: v["zoom"] >= 12)
        save_screenshot(pg, f"ux23_zoom_shengze_{lang}_{size[0]}")
        assert view is not None and view["zoom"] >= 12, view
        assert 30.80 < view["lat"] < 31.00 and 120.50 < view["lng"] < 120.75, view  # on 盛泽
    finally:
        context.close()
