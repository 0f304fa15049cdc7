"""Every table header the pages show, in both languages, read for its measure (geo/number_formats.py):
a header says what its column holds, and the page formats it so (walk9: 「A 类占比（%）」 was read as
a count, 22.8 % shown as 22; "Scored" as a score, 601 shown as 601.0)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo import yearly
from geo.evaluation import CLASSES_T, EVALUATION_LABELS, EVALUATION_LABELS_EN
from geo.land import renewal
from geo.land.parcels import RESULT_LABELS, RESULT_LABELS_EN
from geo.messages import MESSAGES
from geo.number_formats import measure_of, number_format
from geo.publication.objections import REGISTER_HEADERS, REGISTER_HEADERS_EN

# Catalogue keys of the pages' table headers (st.dataframe columns, the downloads' headers).
HEADER_KEY = re.compile(r"(^|\.)col(umn)?\.|\.col$")


def _filled(text: str) -> str:
    """A header with its placeholders filled as the pages fill them ({c} a class, {frame} a CRS)."""
    return text.replace("{c}", "A").replace("{groups}", "组").replace("{frame}", "GCJ-02")


def every_header() -> dict[str, tuple[str, str]]:
    """name -> (中文 header, English header) over every table header the pages show."""
    out = {
        key: (_filled(zh), _filled(en))
        for key, (zh, en) in MESSAGES.items()
        if HEADER_KEY.search(key) and not key.endswith("_help")
    }
    tables = {
        "evaluation": (EVALUATION_LABELS, EVALUATION_LABELS_EN),
        "yearly": (yearly.YEARLY_LABELS, yearly.YEARLY_LABELS_EN),
        "parcels": (RESULT_LABELS, RESULT_LABELS_EN),
        "renewal": (renewal.SUMMARY_LABELS, renewal.SUMMARY_LABELS_EN),
        "renewal_log": (renewal.LOG_LABELS, renewal.LOG_LABELS_EN),
        "objections": (REGISTER_HEADERS, REGISTER_HEADERS_EN),
    }
    for name, (zh, en) in tables.items():
        out.update({f"{name}:{key}": (zh[key], en[key]) for key in zh})
    return out


# The headers that a careless pattern reads wrong (each once, hand-written): header -> measure.
AMBIGUOUS = {
    # a class's share is a share (占比, %), not a count of the class (A 类); cut to 22 for 22.8
    "A 类占比（%）": "share",
    "A share (%)": "share",
    "排名百分位（%，自高到低）": "share",
    "Rank percentile (% from top)": "share",
    # a count of scored enterprises, not a score (601 shown as 601.0)
    "参评企业数": "count",
    "Scored enterprises": "count",
    "参评企业数（家）": "count",
    "Scored": None,  # 是否参评: yes/no
    "Score": "score",
    "Mean score": "score",
    "Score change": "score",
    "R&D 经费占比得分（分）": "score",
    "R&D share of sales points": "score",
    # a class's land is land, its tax money, its count a count
    "D 类用地（亩）": "area",
    "Class D land (mu)": "area",
    "D 类企业税收（万元）": "money",
    "D 类企业（家）": "count",
    "A 类（家）": "count",
    "Class A": "count",
    "Class A (enterprises)": "count",
    "A": None,  # a bare class letter: told by the column's values
    # money per land is money; parcels counted are counts, land of parcels is land
    "亩均税收得分（分）": "score",
    "亩均税收（万元/亩）": "money",
    "Tax per mu (10k yuan/mu)": "money",
    "宗地数（宗）": "count",
    "宗地与填报之差（亩）": "area",
    "Parcels minus reported (mu)": "area",
    "Parcels below the minimum": "count",
    "Land below the minimum (mu)": "area",
    "低于下限占比（%）": "share",
    "企业数": "count",
    "Enterprises": "count",
    "年度": "year",
    "Year": "year",
    "组内排名": "count",
    "Group rank": "count",
    "用地分摊比例": "fraction",  # a fraction 0–1 shown as a per cent (0.35 → 35.0 %)
    "升降档数（正为上升）": "count",
    "Classes moved (+ up)": "count",
}


def test_every_header_has_the_same_measure_in_both_languages():
    headers = every_header()
    assert len(headers) > 200  # the catalogue's headers and the evaluation's, yearly, land, objections
    differ = {
        name: (zh, measure_of(zh), en, measure_of(en))
        for name, (zh, en) in headers.items()
        if measure_of(zh) != measure_of(en)
    }
    assert differ == {}


def test_the_ambiguous_headers_are_read_as_they_say():
    shown = {text for pair in every_header().values() for text in pair}
    assert {"A 类占比（%）", "A share (%)", "参评企业数", "Scored enterprises", "D 类用地（亩）"} <= shown
    assert {header: measure_of(header) for header in AMBIGUOUS} == AMBIGUOUS


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_city_class_mix_as_the_page_formats_it(lang):
    """昆山: A 3,172 of 13,932 scored is 22.8 %, shown to one decimal (not cut to 22), the count whole."""
    pct = MESSAGES["city.col.pct"][0 if lang == "zh" else 1]
    scored = MESSAGES["city.col.scored"][0 if lang == "zh" else 1]
    frame = pd.DataFrame(
        {**{pct.format(c=c): [22.8] for c in CLASSES_T[:-1]}, scored: pd.Series([13932], dtype="int64")}
    )
    screen = {c: number_format(c, frame[c]).screen for c in frame}
    assert set(screen.values()) == {"%.1f", "%,d"}
    assert [screen[pct.format(c=c)] for c in CLASSES_T[:-1]] == ["%.1f"] * 4 and screen[scored] == "%,d"
    assert f"{22.8:.1f}" == "22.8"
