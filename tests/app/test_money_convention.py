"""One English way of saying money across the planner pages (the new-user walk: "800 bn yuan" on
两轴三带, "(100M yuan)" on 吴江, and 10000/8000 without separators in 两轴三带's table): an amount in
English reads "CNY 115.05 billion" (geo/messages/formats.yuan_amount), a table's column of 亿元 is
in CNY billion, and money in a table has thousands separators in both languages."""

from __future__ import annotations

import json
import re

import pytest

from geo.messages import MESSAGES
from geo.messages.formats import yi_yuan_amount, yi_yuan_in_header_unit
from tests.fixtures.app import open_page

# what the pages said before: an amount before "100M yuan" / "bn yuan", or "100M" as a unit
OTHER_WAYS = re.compile(r"100M|\bbn\b|\d\s*10k yuan")
AMOUNT = re.compile(r"CNY [\d,]+(\.\d+)? (billion|million)")


def _texts(at) -> list[str]:
    """Every text an AppTest page shows: markdown, captions, metrics, headings, table headers."""
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    out += [m.label for m in at.metric] + [m.value for m in at.metric]
    out += [h.value for h in (*at.title, *at.header, *at.subheader)]
    out += [str(col) for df in at.dataframe for col in df.value.columns]
    return out


def _money_format(df, column: str) -> str:
    """The number format the page gave a table's column (its column_config)."""
    return json.loads(df.proto.columns)[column]["type_config"]["format"]


def test_the_english_catalogue_says_yi_yuan_as_cny_billion():
    wrong = {key: en for key, (zh, en) in MESSAGES.items() if "亿元" in zh and OTHER_WAYS.search(en)}
    assert wrong == {}
    assert MESSAGES["corr.target_2020"] == ("2020 年产值目标（亿元）", "2020 output target (CNY billion)")


@pytest.mark.parametrize(
    ("yi", "decimals", "zh", "en"),
    [
        (8000, 0, "8,000 亿元", "CNY 800 billion"),  # 两轴三带's 新材料 target
        (1150.46, 2, "1,150.46 亿元", "CNY 115.05 billion"),  # 吴江 高端装备 2020 (115.046 billion)
        (339.41, 2, "339.41 亿元", "CNY 33.94 billion"),
        (0.5, 2, "0.50 亿元", "CNY 50 million"),
        (None, 2, "—", "—"),
        (float("nan"), 0, "—", "—"),
    ],
)
def test_an_amount_of_yi_yuan(yi, decimals, zh, en):
    assert yi_yuan_amount(yi, "zh", decimals=decimals) == zh
    assert yi_yuan_amount(yi, "en", decimals=decimals) == en


def test_a_column_of_yi_yuan_in_the_headers_unit():
    assert yi_yuan_in_header_unit(10_000, "zh") == 10_000
    assert yi_yuan_in_header_unit(10_000, "en") == 1_000  # 1 万亿元 = CNY 1,000 billion


def test_corridors_page_money_in_english_and_its_table():
    at = open_page("pages/corridors.py", timeout=90, lang="en")
    at.selectbox(key="corr_industry").set_value("新材料").run()
    assert not at.exception
    assert at.metric[0].label == "2020 output target" and at.metric[0].value == "CNY 800 billion"
    table = at.dataframe[1]
    header = "2020 output target (CNY billion)"
    # 10,000 / 8,000 / 8,000 / 3,000 / 3,000 / 2,000 亿元 (the six fields' 2020 targets)
    assert list(table.value[header]) == [1000, 800, 800, 300, 300, 200]
    assert "," in _money_format(table, header)  # 1,000 with its separator
    assert [s for s in _texts(at) if OTHER_WAYS.search(s)] == []


def test_corridors_table_has_separators_in_chinese_too():
    at = open_page("pages/corridors.py", timeout=90, lang="zh")
    table = at.dataframe[1]
    assert list(table.value["2020 年产值目标（亿元）"])[:2] == [10_000, 8_000]
    assert "," in _money_format(table, "2020 年产值目标（亿元）")


def test_wujiang_page_money_in_english_as_on_corridors():
    at = open_page("pages/wujiang.py", timeout=90, lang="en")
    at.selectbox(key="wj_industry").set_value("光电通信").run()
    # the card of 七都镇 (the core town of 光电通信), as a click or an enterprise's button opens it
    at.session_state["wj_last_click"] = {}
    at.session_state["wj_town_card"] = "七都镇"
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["2020 sales"] == "CNY 33.94 billion" and metrics["2025 target"] == "CNY 60 billion"
    card = "\n".join(m.value for m in at.markdown)
    assert "2020: CNY 33.94 billion → 2025 target: CNY 60 billion" in card
    assert AMOUNT.search(card.split("**Enterprises (synthetic)**")[1])  # the town's sales
    assert [s for s in _texts(at) if OTHER_WAYS.search(s)] == []


def test_wujiang_metrics_in_chinese_carry_their_unit():
    at = open_page("pages/wujiang.py", timeout=90, lang="zh")
    at.selectbox(key="wj_industry").set_value("光电通信").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["2020 年销售"] == "339.41 亿元" and metrics["2025 年目标"] == "600 亿元"
