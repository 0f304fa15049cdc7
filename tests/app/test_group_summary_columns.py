"""The 亩均 page's group summary as drawn (walk8: at 1280 x 720 its class counts and 亩均税收 ran off
the right edge): the groups, 亩均税收 (its order) and the A–D counts first, headed short with their
meaning in the help, then only the columns that fit at 1280 px (pages/efficiency/fitting.py
``fit_summary``); the others named in a caption, as in the downloads' 分组汇总. The fitting itself is
checked on a hand-made table: Chinese names, two counts and a long optional column."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.messages import t
from pages.efficiency.fitting import CELL_PAD_PX, HEADER_PAD_PX, fit_summary, text_px
from tests.fixtures.app import open_page


def test_fit_summary_keeps_what_fits_and_leaves_the_rest():
    table = pd.DataFrame(
        {
            "区镇": ["吴江开发区", "七都镇"],
            "A": [1, 2],
            "wide": ["x" * 60, "y"],
            "B": [3, 4],
        }
    )
    columns, fitted = fit_summary(table, ["区镇", "A"], ["wide", "B"], budget_px=300)
    assert columns == ["区镇", "A", "B"]  # "wide" (60 x 7.56 + 20 = 474 px) does not fit: B, next, does
    # 5 hanzi of 14 px + 20 px of padding, on one line; a count as wide as "2.0" (2 x 7.56 + 4.2 px)
    # with its padding, more than its header "A" (9.52 + 24 px)
    assert fitted.widths == {"区镇": 90, "A": 40, "B": 40}
    assert text_px("吴江开发区") + CELL_PAD_PX == 90 and text_px("A") + HEADER_PAD_PX < 40
    assert fitted.row_px is None
    assert fit_summary(table, ["区镇"], ["wide"], budget_px=2000)[0] == ["区镇", "wide"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_shows_the_groups_their_order_and_classes_first(lang):
    at = open_page("pages/efficiency.py", timeout=300, lang=lang)
    assert not at.exception
    short = [t("eff.groups.class", lang).format(c=c) for c in "ABCD"]
    grid = next(df for df in at.dataframe if short[0] in df.value.columns)
    columns = list(grid.value.columns)
    zone = "区镇/园区" if lang == "zh" else "Town/park"
    money = "亩均税收（万元/亩）" if lang == "zh" else "Tax per mu (10k yuan/mu)"
    assert columns[:6] == [zone, money, *short]
    assert len(grid.value) == 8  # the demo's eight 区镇
    assert grid.value[money].is_monotonic_decreasing  # ranked by 亩均税收, best first
    shown = t("eff.groups.in_downloads", lang).split("}")[-1]
    assert any(shown in c.value for c in at.caption)  # what is left out is named
