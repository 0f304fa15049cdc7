"""The evaluation page's downloads from the English page (issue 23 item 5): the ranking CSV headed
in English with numbers as on screen, the 公示 workbook labelled as the Chinese edition that is
published, and its English edition beside it (same rows, English headers and scope line)."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from tests.fixtures.app import open_page, record_downloads

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
NOTICE_HEAD = (
    "No.",
    "Enterprise ID",
    "Enterprise name",
    "Town/park",
    "Industry",
    "Size",
    "Land (mu)",
    "Score (points)",
    "Class",
    "Status",
)


@pytest.fixture(scope="module")
def english_downloads():
    """Label -> (file name, bytes) of every download button of the English page, made as a click
    would make them."""
    with pytest.MonkeyPatch.context() as mp:
        got = record_downloads(mp)
        at = open_page("pages/efficiency.py", timeout=120, lang="en")
        assert not at.exception
    return got


def test_the_ranking_csv_is_headed_in_english_and_rounded_as_on_screen(english_downloads):
    name, data = english_downloads["Download ranking (CSV)"]
    assert name == "Per-mu_efficiency_evaluation_2022_ranking.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    head = rows[0]
    assert head[-2:] == ["Data source", "Data accuracy"]
    assert not [h for h in head if CJK.search(h)]
    assert {r[head.index("Data accuracy")] for r in rows[1:]} == {"synthetic"}
    assert not {r[head.index("Data source")] for r in rows[1:] if CJK.search(r[head.index("Data source")])}
    # 12.35, not 12.345678, and 2.20, not 2.2 (walk8): each measure with its decimals, ranks whole
    for column, decimals in (("Tax per mu (10k yuan/mu)", 2), ("Score (points)", 2), ("Land (mu)", 2)):
        values = [r[head.index(column)] for r in rows[1:]]
        assert all(re.fullmatch(rf"-?\d+\.\d{{{decimals}}}|", v) for v in values), column
        assert any("." in v for v in values), column
    assert all(re.fullmatch(r"\d+|", r[head.index("Group rank")]) for r in rows[1:])
    # the 区镇 and the shortfalls in full (the screen names them short: Shengze, Tax/mu)
    towns = {r[head.index("Town/park")] for r in rows[1:]}
    assert "Wujiang Hi-tech Zone (Shengze Town)" in towns and "Shengze" not in towns
    shortfalls = " ".join(r[head.index("Main shortfalls")] for r in rows[1:])
    assert "Value added per employee" in shortfalls and "Tax/mu" not in shortfalls


def test_the_notice_comes_in_chinese_as_published_and_in_english(english_downloads):
    zh_name, zh_data = english_downloads["Notice (Chinese, as published)"]
    en_name, en_data = english_downloads["Notice (English edition)"]
    assert zh_name == "Per-mu_efficiency_evaluation_2022_public_notice_zh.xlsx"
    assert en_name == "Per-mu_efficiency_evaluation_2022_public_notice_en.xlsx"
    zh = openpyxl.load_workbook(io.BytesIO(zh_data), read_only=True)
    en = openpyxl.load_workbook(io.BytesIO(en_data), read_only=True)
    assert zh.sheetnames[:6] == ["公示", "A 类名单", "B 类名单", "C 类名单", "D 类名单", "T 类名单"]
    assert en.sheetnames[:6] == ["Notice", "Class A", "Class B", "Class C", "Class D", "Class T"]
    zh_top = [r[0] for r in zh["公示"].iter_rows(max_row=3, values_only=True)]
    en_top = [r[0] for r in en["Notice"].iter_rows(max_row=3, values_only=True)]
    assert zh_top == [
        "2022 年度工业企业资源集约利用综合评价结果公示",
        "评价年份：2022",
        "范围：区镇/园区：全部；行业：全部；规模：全部",  # one language only
    ]
    assert en_top == [
        "Results of the 2022 evaluation of industrial enterprises' use of resources, for public notice",
        "Evaluation year: 2022",
        "Scope: Towns/parks: all; Industries: all; Size: all",
    ]
    for cls in "ABCDT":
        en_rows = list(en[f"Class {cls}"].iter_rows(values_only=True))
        zh_rows = list(zh[f"{cls} 类名单"].iter_rows(values_only=True))
        assert en_rows[0] == NOTICE_HEAD
        assert [r[1] for r in en_rows[1:]] == [r[1] for r in zh_rows[1:]], cls  # the same rows
        for row in en_rows[1:50]:
            assert not any(CJK.search(str(v)) for v in row[3:6] + row[9:]), (
                row
            )  # town, industry, size, status


def test_every_file_of_the_page_is_named_alike(english_downloads):
    """walk19: per_mu_evaluation_2025.csv and …_public_notice_en.xlsx beside the map's
    Per-mu_efficiency_evaluation_2025.xlsx and _A4_300dpi.png: one stem, the page's title and year;
    the ranking's files apart from the map's."""
    labels = (
        "Download ranking (CSV)",
        "Download ranking (Excel)",
        "Notice (Chinese, as published)",
        "Notice (English edition)",
        "CSV (table)",
        "Excel (XLSX)",
        "Briefing PNG (A4 landscape, 300 dpi)",
        "Offline HTML map",
    )
    names = [dict.__getitem__(english_downloads, label)[0] for label in labels]
    assert all(n.startswith("Per-mu_efficiency_evaluation_2022") for n in names), names
    assert len(set(names)) == len(names), names
