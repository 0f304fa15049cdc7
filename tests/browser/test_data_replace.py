"""Real Chromium on 数据管理 at 1280x720, in both languages (walk 11, issue 23): the same file uploaded
again is offered as a replacement of the layer it was imported as (its title and table proposed), a
replace keeps the table's name and says the layer's title; the imported layers' table shows the
import time whole, beside the title. A save's message stays until the next upload, even of the same file."""

from __future__ import annotations

import json

import pytest
import shapely

from geo.messages import message, t
from tests.fixtures.browser import ARTIFACTS, act_until, pick_option, save_screenshot, wait_idle

pytestmark = pytest.mark.browser

# The imported layers' grid: each row's cells as its accessible table gives them.
ROWS_JS = """(head) => {
  const heading = [...document.querySelectorAll('h2, h3')].find(e => e.textContent.trim() === head);
  const top = heading.getBoundingClientRect().top;
  const grid = [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .find(d => d.getBoundingClientRect().top > top);
  return [...grid.querySelectorAll('tr')].map(r => [...r.children].map(c => c.textContent));
}"""


def _save(pg, lang: str, done) -> None:
    source = pg.get_by_label(t("data.source", lang), exact=False).first
    source.fill("测试局")
    source.press("Tab")
    accuracy = pg.get_by_test_id("stSelectbox").filter(has_text=t("data.accuracy", lang))
    accuracy.scroll_into_view_if_needed()
    pick_option(pg, accuracy, message("storage.accuracy.real", lang))
    wait_idle(pg)
    act_until(pg.get_by_role("button", name=t("data.save", lang)).click, done, timeout_ms=60_000)
    wait_idle(pg)


def _upload_and_read(pg, lang: str, path) -> None:
    # the file is taken once 读取并校验 is offered for it (an upload that lands while a new session's
    # page still runs can be lost under load: it is given again, as a user would)
    uploader = pg.locator("[data-testid='stFileUploader'] input[type='file']").first
    read = pg.get_by_role("button", name=t("data.read", lang))
    act_until(lambda: uploader.set_input_files(str(path)), read)
    wait_idle(pg)
    source = pg.get_by_label(t("data.source", lang), exact=False).first
    act_until(lambda: pg.get_by_role("button", name=t("data.read", lang)).click(timeout=90_000), source)
    wait_idle(pg)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_same_file_again_replaces_its_layer_under_the_same_table(app_url, browser, tmp_path, lang):
    parks = tmp_path / f"replace_parks_{lang}.geojson"
    feature = {
        "type": "Feature",
        "properties": {"name": f"替换测试园区{lang}", "zone_id": "P1"},
        "geometry": shapely.geometry.mapping(shapely.box(120.62, 30.90, 120.68, 30.95)),
    }
    parks.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    table = f"user_zones_replace_parks_{lang}"
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/data?lang={lang}")
        pg.locator("h1").first.wait_for(timeout=90_000)
        wait_idle(pg)
        _upload_and_read(pg, lang, parks)
        title = pg.get_by_label(t("data.title", lang), exact=True)
        title.fill(f"替换测试{lang}")
        title.press("Tab")
        saved = pg.get_by_text(t("data.saved", lang).split("{")[0], exact=False)
        _save(pg, lang, saved.first)
        assert f"替换测试{lang}" in saved.first.inner_text()
        # the same file again at once: the save's message goes with the new upload (walk 14: the
        # uploader still held the saved file, the same file sent nothing and the message stayed)
        pg.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(parks))
        read = pg.get_by_role("button", name=t("data.read", lang))
        read.wait_for(timeout=60_000)
        wait_idle(pg)
        assert saved.count() == 0

        # the same file again, another day (a new session): the form names its layer and proposes
        # its title and table (walk 11: it proposed a new table ``…_2`` and refused the title)
        context.close()
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        pg = context.new_page()
        pg.goto(f"{app_url}/data?lang={lang}")
        pg.locator("h1").first.wait_for(timeout=90_000)
        wait_idle(pg)
        _upload_and_read(pg, lang, parks)
        said = t("data.same_content", lang).split("{")[0]
        assert pg.get_by_text(said, exact=False).count() == 1
        assert pg.get_by_label(t("data.name", lang), exact=True).input_value() == table
        assert pg.get_by_label(t("data.title", lang), exact=True).input_value() == f"替换测试{lang}"
        replace = pg.get_by_role("button", name=t("data.replace_yes", lang).format(title=f"替换测试{lang}"))
        _save(pg, lang, replace)
        save_screenshot(pg, f"data_replace_offer_{lang}_1280")
        replaced = pg.get_by_text(
            t("data.replaced", lang).format(title=f"替换测试{lang}", name=table), exact=True
        )
        act_until(replace.click, replaced, timeout_ms=60_000)
        wait_idle(pg)
        # said where the user acted (walk 16: the page was left on the export section below, the
        # message scrolled away above): the message is in view
        pg.wait_for_timeout(500)
        box = replaced.bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 720, box
        pg.screenshot(path=str(ARTIFACTS / f"data_replaced_in_view_{lang}_1280.png"))
        heading = pg.get_by_text(t("data.stored", lang), exact=True).first
        heading.scroll_into_view_if_needed()
        pg.wait_for_timeout(1500)
        rows = pg.evaluate(ROWS_JS, t("data.stored", lang))
        header = rows[0]
        assert header[0] == t("data.title", lang) and t("data.col.imported", lang) in header, header
        mine = [r for r in rows[1:] if f"替换测试{lang}" in r]
        assert len(mine) == 1, rows  # replaced: one layer
        if lang == "zh":  # its table as before (the grid gives the columns in view: in Chinese, all)
            assert mine[0][-1] == table, rows
        when = mine[0][header.index(t("data.col.imported", lang))]
        assert len(when) == len("2026-12-07 17:22"), mine  # the time whole
        save_screenshot(pg, f"data_replaced_{lang}_1280")
    finally:
        context.close()
