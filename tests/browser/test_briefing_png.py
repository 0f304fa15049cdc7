"""The briefing PNG is what the 两轴三带 map shows, in English at 1280x720 (issue 23 item 6): a layer
switched off in the map's switcher is neither drawn nor in the legend, and the cluster focus of the
district clicked is its subtitle, the district outlined over the map (walk8)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from geo.messages import message, t
from tests.fixtures.browser import (
    ARTIFACTS,
    click_map,
    download,
    map_frame,
    pick_option,
    save_screenshot,
    settle_map,
    wait_idle,
)

pytestmark = pytest.mark.browser

PANEL = "Export (briefing PNG, GeoJSON, tables, offline HTML)"
BUTTON = "Briefing PNG (screen)"
BELTS, AXES = "Three belts (schematic)", "Two axes (schematic)"
BELT_FILL = (189, 219, 212)  # the belts' green over a district's grey, as drawn (measured on a briefing)
CJK = re.compile("[\u4e00-\u9fff]")
IN_WUZHONG = (31.17, 120.42)  # inside 吴中区, clear of every zone, axis and belt


def _png(page, name: str, button: str = BUTTON) -> Image.Image:
    """The briefing PNG (screen) downloaded, kept under artifacts/ to look at."""
    data = Path(download(page, button).path()).read_bytes()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.png").write_bytes(data)
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _belt_pixels(image: Image.Image) -> int:
    rgb = np.asarray(image.convert("RGB"), dtype=int)
    return int((np.abs(rgb - np.array(BELT_FILL)).max(axis=2) <= 4).sum())


def test_the_briefing_leaves_out_a_layer_switched_off(app_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/corridors?lang=en")
        frame = map_frame(pg, min_paths=5, timeout_s=90)
        wait_idle(pg)
        pg.get_by_text(PANEL).first.click()
        before = _png(pg, "briefing_all_layers")
        assert BELTS in before.text["Legend"].split("\n") and _belt_pixels(before) > 500
        # switch the belts off in the map's layer switcher (folded at this size: it opens on hover)
        settle_map(frame)
        frame.locator(".leaflet-control-layers").first.hover()
        frame.locator(".leaflet-control-layers-overlays label", has_text=BELTS).locator("input").click()
        # and click a district for its cluster focus
        click_map(frame, *IN_WUZHONG)
        pg.get_by_text("Wuzhong District").first.wait_for(timeout=30_000)
        wait_idle(pg)
        save_screenshot(pg, "briefing_belts_off")
        after = _png(pg, "briefing_belts_off")
        legend = after.text["Legend"].split("\n")
        assert BELTS not in legend and AXES in legend and "Districts (real)" in legend
        assert legend[-1] == t("layer.clicked_district", "en")  # outlined over the map, as on screen
        assert _belt_pixels(after) == 0
        subtitle = after.text.get("Description", "")
        assert subtitle.startswith("Wuzhong District · Cluster focus: "), subtitle
        assert not CJK.search(after.text["Title"] + after.text["Legend"] + subtitle)
    finally:
        context.close()


def test_the_efficiency_briefing_leaves_out_a_layer_switched_off(app_url, browser):
    """The 亩均评价 map too (it reports its switched-on layers, not its view)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/efficiency")
        frame = map_frame(pg, min_paths=5, timeout_s=180)
        wait_idle(pg)
        pg.get_by_text(t("export.panel", "zh")).first.click()
        before = _png(pg, "efficiency_all_layers", t("exports.download.png_screen", "zh"))
        legend = before.text["Legend"].split("\n")
        settle_map(frame)
        frame.locator(".leaflet-control-layers").first.hover()
        labels = frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        off = next(label.strip() for label in labels if label.strip() in legend)  # the first overlay listed
        frame.locator(".leaflet-control-layers-overlays label", has_text=off).locator("input").click()
        pg.wait_for_timeout(1_500)  # the map sends its switched-on layers 250 ms later; the page reruns
        wait_idle(pg)
        after = _png(pg, "efficiency_layer_off", t("exports.download.png_screen", "zh"))
        kept = after.text["Legend"].split("\n")
        assert off not in kept
        assert [line for line in legend if line != off and line in labels] == [
            line for line in kept if line in labels
        ]  # the other layers stay
    finally:
        context.close()


def test_the_briefing_of_an_industry_is_named_in_whole_words(app_url, browser):
    """Issue 23 item 6: the English 两轴三带 briefing with 新材料 picked was named
    "Suzhou's_two_axes,_three_belts_and_key-industry_carriers_New.png" (its industry cut)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/corridors?lang=en")
        map_frame(pg, min_paths=5, timeout_s=90)
        wait_idle(pg)
        select = pg.get_by_test_id("stSelectbox").filter(has_text=t("corr.industry", "en"))
        pick_option(pg, select, "New materials")
        pg.get_by_text(t("corr.target_2020.metric", "en")).first.wait_for(timeout=30_000)
        wait_idle(pg)
        pg.get_by_text(PANEL).first.click()
        save_screenshot(pg, "briefing_new_materials_page")
        got = download(pg, BUTTON)
        assert got.suggested_filename == "Suzhou_two_axes_three_belts_New_materials.png"
        (ARTIFACTS / "briefing_new_materials.png").write_bytes(Path(got.path()).read_bytes())
        a4 = download(pg, message("exports.download.png_a4", "en"))
        assert a4.suggested_filename == "Suzhou_two_axes_three_belts_New_materials_A4_300dpi.png"
    finally:
        context.close()
