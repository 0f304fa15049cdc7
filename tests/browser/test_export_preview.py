"""数据管理's export preview after 确定替换 (issue 23 item 7): it stays on Suzhou, not the world."""

from __future__ import annotations

import json
import re
import time

import pytest
import shapely

from geo.messages import t
from tests.fixtures.browser import act_until, download, eval_in_maps, pick_option, save_screenshot, wait_idle

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080)]


def _context(browser, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, accept_downloads=True)
    pg = context.new_page()
    pg.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
            else route.abort()
        ),
    )
    return context, pg


VIEW_JS = """() => { const m = window.map; if (!m || !m.getZoom) return null;
  const c = m.getCenter(), s = m.getSize();
  return {zoom: m.getZoom(), lat: c.lat, lng: c.lng, w: s.x, h: s.y,
          layers: Object.keys(m._layers).length}; }"""


def _export_view(pg, timeout_s: float = 45.0) -> dict:
    """The view of the export section's map (the last map frame on the page) once it has a size;
    after ``timeout_s`` whatever it has (a map stuck without a size fails the caller's checks)."""
    deadline = time.monotonic() + timeout_s
    views: list = []
    while time.monotonic() < deadline:
        views = [v for _, v in eval_in_maps(pg, VIEW_JS) if v]
        if views and views[-1]["w"] > 0:
            return views[-1]
        pg.wait_for_timeout(500)
    if not views:
        save_screenshot(pg, "ux23_export_no_map")
    assert views, "no export map on the page"
    return views[-1]


def _upload_and_save(pg, path, *, replace: bool) -> None:
    pg.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(path))
    wait_idle(pg)
    # The upload's round trip can take long on a loaded machine (CI runs two workers).
    source = pg.get_by_label("数据来源", exact=False).first
    act_until(lambda: pg.get_by_role("button", name="读取并校验").click(timeout=90_000), source)
    wait_idle(pg)
    source.fill("测试局")
    source.press("Tab")
    wait_idle(pg)
    # the data accuracy is asked for every file (nothing preselected)
    pick_option(pg, pg.get_by_test_id("stSelectbox").filter(has_text="数据精度"), "真实")
    wait_idle(pg)
    saved = pg.get_by_text("已用新数据替换图层" if replace else "已保存为图层", exact=False).first
    save = pg.get_by_role("button", name="保存到数据库")
    if replace:
        confirm = pg.get_by_role("button", name=re.compile("^替换「"))  # 替换「its title」
        act_until(save.click, confirm)
        wait_idle(pg)
        act_until(confirm.click, saved, timeout_ms=60_000)
    else:
        act_until(save.click, saved, timeout_ms=60_000)
    wait_idle(pg)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_preview_stays_on_suzhou_after_a_replace(app_url, browser, tmp_path, size):
    parks = tmp_path / f"preview_parks_{size[0]}.geojson"
    parks.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        # a file of its own per size: the same content again is offered as a replacement
                        "properties": {"name": f"测试园区{size[0]}", "zone_id": "P1"},
                        "geometry": shapely.geometry.mapping(shapely.box(120.62, 30.90, 120.68, 30.95)),
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    context, pg = _context(browser, size)
    try:
        pg.goto(f"{app_url}/data")
        pg.locator("h1").first.wait_for(timeout=90_000)
        wait_idle(pg)
        _upload_and_save(pg, parks, replace=False)
        _upload_and_save(pg, parks, replace=True)
        pg.locator("iframe[title*='streamlit_folium']").last.scroll_into_view_if_needed()
        after = _export_view(pg)
        save_screenshot(pg, f"ux23_export_after_replace_{size[0]}")
        assert after["w"] > 0 and after["zoom"] >= 6, after  # drawn, and not the world ("10000 km")
        assert 30.5 < after["lat"] < 32.5 and 119.5 < after["lng"] < 121.5, after  # on Suzhou
    finally:
        context.close()


FILL_JS = """() => { const m = window.map; if (!m || !m.getZoom) return null;
  const a = m.latLngToContainerPoint([NORTH, WEST]), b = m.latLngToContainerPoint([SOUTH, EAST]);
  const s = m.getSize();
  return {zoom: m.getZoom(), w: s.x, h: s.y, left: a.x, top: a.y, right: b.x, bottom: b.y}; }"""


def test_export_preview_fits_the_chosen_layers_at_1280(app_url, browser):
    """The walk of round 6: the preview opened at zoom 8 with Suzhou a quarter of the frame (whole
    zoom steps); the chosen layers (by default the districts and Wujiang's 区镇) now fill it."""
    import geopandas as gpd

    from tests.fixtures import ROOT

    west, south, east, north = gpd.read_file(ROOT / "data" / "atlas.gpkg", layer="districts").total_bounds
    corners = {"WEST": west, "SOUTH": south, "EAST": east, "NORTH": north}
    fill_js = FILL_JS
    for name, value in corners.items():
        fill_js = fill_js.replace(name, repr(float(value)))
    context, pg = _context(browser, (1280, 720))
    try:
        pg.goto(f"{app_url}/data")
        pg.locator("h1").first.wait_for(timeout=90_000)
        wait_idle(pg)
        act_until(
            lambda: pg.locator("iframe[title*='streamlit_folium']").last.scroll_into_view_if_needed(),
            pg.locator("iframe[title*='streamlit_folium']").last,
        )
        _export_view(pg)
        deadline, box = time.monotonic() + 30, None
        while time.monotonic() < deadline:
            boxes = [v for _, v in eval_in_maps(pg, fill_js) if v]
            if boxes and boxes[-1]["w"] > 0:
                box = boxes[-1]
                break
            pg.wait_for_timeout(500)
        save_screenshot(pg, "import6_export_preview_fit_1280")
        assert box is not None, "no export map"
        width, height = box["right"] - box["left"], box["bottom"] - box["top"]
        # all of it inside the frame, and filling it along one side (was 57 % of the height at zoom 8)
        assert box["left"] >= -1 and box["top"] >= -1, box
        assert box["right"] <= box["w"] + 1 and box["bottom"] <= box["h"] + 1, box
        assert max(width / box["w"], height / box["h"]) >= 0.85, box
        # walk19 b4: with the districts switched off the preview still shows all of Suzhou, and so
        # does the briefing PNG (it was zoomed to Wujiang: the 区镇's orange edges three times longer)
        button = t("exports.download.png_screen", "zh")
        before = _orange_edges(download(pg, button))
        frame = pg.frame_locator("iframe[title*='streamlit_folium']").last
        frame.locator(".leaflet-control-layers").first.hover()
        frame.locator(".leaflet-control-layers-overlays label", has_text="县级行政区").locator(
            "input"
        ).click()
        pg.wait_for_timeout(1_500)  # the map sends its switched-on layers 250 ms later; the page reruns
        wait_idle(pg)
        save_screenshot(pg, "export_preview_districts_off_1280")
        after = _orange_edges(download(pg, button))
        assert 0 < after <= 1.3 * before, (before, after)
    finally:
        context.close()


def _orange_edges(got) -> int:
    """Pixels of the 区镇's orange edge in a downloaded briefing PNG (their length: the map's scale)."""
    from pathlib import Path

    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(Path(got.path())).convert("RGB"), dtype=int)
    return int((np.abs(rgb - np.array([0xD9, 0x82, 0x2B])).max(axis=2) <= 30).sum())
