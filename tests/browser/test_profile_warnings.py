"""Real Chromium on the 亩均 page's enterprise profile at 1280 x 720, in Chinese and English (left
from issue 23): an enterprise's warnings were a grid cell cut at its width ("dropped a class: B→C
(down 1); tax per mu fell two years running: Tax per mu 2020–20…"). They are read whole now, wrapped
to the page under the profile's table, each year on its line."""

from __future__ import annotations

import pytest

from geo.messages import t
from pages.efficiency.tables import table_labels
from tests.fixtures.browser import save_screenshot, wait_idle

pytestmark = pytest.mark.browser

FIRM = "WJ00281"  # a demo firm with two warnings in 2022 (dropped a class; tax per mu falling)


# its 2022 warnings as the page writes them (the demo is built from a fixed seed)
WARNINGS = {
    "zh": (
        "2022 年：降类：B→C（降 1 类）",
        "亩均税收连续两年下降：亩均税收 2020–2022：20.20→19.52→12.64 万元/亩",
    ),
    "en": (
        "2022: dropped a class: B→C (down 1)",
        "tax per mu fell two years running: Tax per mu 2020–2022: 20.20→19.52→12.64 10k yuan/mu",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_profiles_warnings_are_read_whole(app_url, browser, lang):
    first, second = WARNINGS[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/efficiency" + ("?lang=en" if lang == "en" else ""))
        pg.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=180_000)
        wait_idle(pg)
        box = pg.get_by_label(t("eff.profile.id", lang), exact=True)
        box.scroll_into_view_if_needed()
        box.fill(FIRM)
        box.press("Enter")
        line = pg.locator("li").filter(has_text=second[-12:]).first
        line.wait_for(timeout=60_000)
        wait_idle(pg)
        line.scroll_into_view_if_needed()
        text = line.inner_text()
        assert text.startswith(first) and text.endswith(second), text
        assert pg.get_by_text(table_labels(lang)["warnings"], exact=True).count() == 1
        # wrapped inside the page: its box within the main column, nothing scrolled out of it
        shown = line.bounding_box()
        assert shown["x"] + shown["width"] <= 1280, shown
        assert line.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        save_screenshot(pg, f"profile_warnings_{lang}_1280")
    finally:
        context.close()
