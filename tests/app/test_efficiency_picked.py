"""walk10: a row picked in the ranking filled the 企业画像 far below with no cue near the table; a
line under the table now names the enterprise and links down to its profile, in either language."""

from __future__ import annotations

import pandas as pd

from pages.efficiency.ranking import PROFILE_ANCHOR, picked_line
from pages.efficiency.tables import table_labels


def _table(lang: str) -> pd.DataFrame:
    labels = table_labels(lang)
    return pd.DataFrame(
        {
            labels["rank"]: [1, 2],
            labels["ent_id"]: ["WJ001", "WJ002"],
            labels["name"]: ["甲公司", "乙*公司[1]"],
        }
    )


def test_a_picked_row_is_named_with_a_link_to_its_profile():
    assert (
        picked_line(_table("zh"), [0], "zh")
        == "已选：甲公司（WJ001）— [企业画像见下方 ↓](#enterprise-profile)"
    )
    assert picked_line(_table("en"), [0], "en") == (
        "Selected: 甲公司 (WJ001) — [its enterprise profile is below ↓](#enterprise-profile)"
    )
    assert PROFILE_ANCHOR == "enterprise-profile"


def test_the_name_is_drawn_as_text():
    assert picked_line(_table("zh"), [1], "zh").startswith("已选：乙\\*公司\\[1\\]（WJ002）")


def test_no_row_picked_no_line():
    assert picked_line(_table("zh"), [], "zh") is None
    assert picked_line(_table("en"), [5], "en") is None
