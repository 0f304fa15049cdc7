"""数据管理: an import's data accuracy is asked in the browser (issue 23), at 1280x720 in both
languages: nothing preselected, the save refused with a message until a class is chosen, then saved
with the class chosen."""

from __future__ import annotations

import json

import pytest
import shapely

from geo.messages import message, t
from tests.fixtures.browser import act_until, pick_option, save_screenshot, wait_idle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_accuracy_is_chosen_before_a_save(app_url, browser, tmp_path, lang):
    parks = tmp_path / f"accuracy_parks_{lang}.geojson"
    feature = {
        "type": "Feature",
        "properties": {"name": f"精度测试园区{lang}", "zone_id": "P1"},
        "geometry": shapely.geometry.mapping(shapely.box(120.62, 30.90, 120.68, 30.95)),
    }
    parks.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/data?lang={lang}")
        pg.locator("h1").first.wait_for(timeout=90_000)
        wait_idle(pg)
        pg.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(parks))
        wait_idle(pg)
        source = pg.get_by_label(t("data.source", lang), exact=False).first
        act_until(lambda: pg.get_by_role("button", name=t("data.read", lang)).click(timeout=90_000), source)
        wait_idle(pg)
        source.fill("测试局")
        source.press("Tab")
        accuracy = pg.get_by_test_id("stSelectbox").filter(has_text=t("data.accuracy", lang))
        accuracy.scroll_into_view_if_needed()
        box = accuracy.get_by_role("combobox")
        shown = f"{accuracy.inner_text()} {box.get_attribute('placeholder')} {box.input_value()}"
        assert t("data.accuracy_placeholder", lang) in shown, shown  # nothing preselected
        assert not any(message(f"storage.accuracy.{a}", lang) in shown for a in ("real", "schematic"))
        assert pg.get_by_text(t("data.accuracy_short", lang)).count() == 1  # what each class means
        missing = pg.get_by_text(t("data.accuracy_missing", lang))
        act_until(pg.get_by_role("button", name=t("data.save", lang)).click, missing)
        wait_idle(pg)
        save_screenshot(pg, f"import_accuracy_refused_{lang}_1280")
        saved = pg.get_by_text(t("data.saved", lang).split("{")[0], exact=False)
        assert saved.count() == 0  # refused: nothing saved
        pick_option(pg, accuracy, message("storage.accuracy.schematic", lang))
        wait_idle(pg)
        act_until(pg.get_by_role("button", name=t("data.save", lang)).click, saved.first, timeout_ms=60_000)
        assert f"user_zones_accuracy_parks_{lang}" in saved.first.inner_text()
        wait_idle(pg)
        save_screenshot(pg, f"import_accuracy_saved_{lang}_1280")
    finally:
        context.close()
