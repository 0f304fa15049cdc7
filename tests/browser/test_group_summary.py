"""Real Chromium on the 亩均 page's group summary (walk8: at 1280 x 720 its class counts and 亩均税收
ran off the table's right edge): in Chinese and in English, by 区镇 and by 区镇 × 行业 × 规模, the
summary needs no sideways scroll; the groups, 亩均税收 (its order) and the A–D counts are always in it,
the mean score too by 区镇, headers whole; what did not fit is named in a caption, as in the downloads."""

from __future__ import annotations

import pytest

from geo.evaluation import SIZE_COL, ZONE_COL
from geo.messages import t
from pages.efficiency.tables import table_labels
from tests.fixtures.browser import pick_option, save_screenshot, wait_idle

pytestmark = pytest.mark.browser

# The grid after the summary's heading: its accessible table's header row (each text measured in the
# grid's 14 px font) and its scroller's widths (a sideways scroll when wider than shown).
GRID_JS = """(head) => {
  const heading = [...document.querySelectorAll('strong')].find(e => e.textContent.trim() === head);
  const top = heading.getBoundingClientRect().top;
  const grid = [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .find(d => d.getBoundingClientRect().top > top);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = '400 14px ' + getComputedStyle(document.body).fontFamily;
  const cells = [...grid.querySelectorAll('tr')[0].children];
  const scroller = grid.querySelector('.dvn-scroller');
  return {
    header: cells.map(c => c.textContent),
    measured: cells.map(c => ctx.measureText(c.textContent).width),
    scroll: [scroller.scrollWidth, scroller.clientWidth],
  };
}"""


def _check(pg, lang: str, groups: list[str]) -> dict:
    head = t("eff.table.groups", lang)
    heading = pg.get_by_text(head, exact=True).first
    heading.wait_for(timeout=180_000)
    wait_idle(pg)
    heading.scroll_into_view_if_needed()
    pg.wait_for_timeout(1500)
    got = pg.evaluate(GRID_JS, head)
    width, shown = got["scroll"]
    assert width <= shown + 1, got  # no sideways scroll
    header = got["header"]
    assert header[: len(groups)] == groups, header
    money = "亩均税收（万元/亩）" if lang == "zh" else "Tax per mu (10k yuan/mu)"
    classes = [t("eff.groups.class", lang).format(c=c) for c in "ABCD"]
    assert header[len(groups)] == money and set(classes) <= set(header), header
    # every header whole side by side (a cell pads its text 8.5 px each side) in the width shown
    assert sum(w + 17 for w in got["measured"]) <= shown, got
    return got


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_group_summary_fits_at_1280(app_url, browser, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/efficiency" + ("?lang=en" if lang == "en" else ""))
        got = _check(pg, lang, [table_labels(lang)[ZONE_COL]])
        assert table_labels(lang)["mean_score"] in got["header"]
        save_screenshot(pg, f"group_summary_{lang}_1280")
        left = t("eff.groups.in_downloads", lang).split("}")[-1]
        assert pg.get_by_text(left).count() == 1  # the columns left to the downloads, named
        select = pg.get_by_test_id("stMultiSelect").filter(has_text=t("eff.rank_by", lang))
        for dim in (ZONE_COL, "industry", SIZE_COL):
            select.scroll_into_view_if_needed()
            pg.wait_for_timeout(800)  # a scroll still running closes the list as it opens
            pick_option(pg, select, t(f"eff.dim.{dim}", lang))
            pg.keyboard.press("Escape")
        wait_idle(pg)
        got = _check(pg, lang, [table_labels(lang)[d] for d in (ZONE_COL, "industry", SIZE_COL)])
        assert len(got["header"]) >= 3 + 1 + 4  # three groups, 亩均税收, the classes
        save_screenshot(pg, f"group_summary_{lang}_1280_three_groups")
    finally:
        context.close()
