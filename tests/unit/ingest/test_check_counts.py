"""The row checks' counts of an import (the banner's 需核对 and the summary): each check counts the rows
it flags, and a row two checks flag is said once as having more than one kind of problem (walk 18 b8,
walk 19 b1: an empty 用地 left out); a warning of no named check counts as 其他提醒; a coordinate
warning names the coordinate columns, not ``geometry`` (walk 18 b5 ii)."""

from __future__ import annotations

import pandas as pd

from geo import ingest
from geo.messages.notes import text_in
from tests.fixtures.firm_lists import (
    CHECKED_FIRST,
    CHECKED_HEADER,
    FILLER,
    read_checked,
    read_shared,
    report_rows,
)


def test_the_counts_say_a_row_two_checks_flag_and_the_field_is_the_coordinate_columns():
    result = read_shared()
    # row 4: a round coordinate and a shared code; 2 rows flagged, 3 counts
    assert result.count("warning") == 2 and result.check_counts() == {
        "坐标为整数/过于整齐": 1,
        "统一社会信用代码有误或重复": 2,
    }
    assert result.summary() == (
        "读入 22 行：通过 21 行，剔除 1 行，修复 0 行，提醒 2 行（坐标为整数/过于整齐 1 行，统一社会信用代码"
        "有误或重复 2 行；其中 1 行不止一类问题）"
    )
    assert text_in(result.summary_note(), "en") == (
        "22 rows read: 21 passed, 1 dropped, 0 repaired, 2 flagged (of which coordinates whole numbers"
        " or too round: 1 row, credit code malformed or repeated: 2 rows; 1 row has more than one of"
        " these)"
    )
    round_zh = [p for p in report_rows(result) if "位小数" in p[2]]
    assert [p[:2] for p in round_zh] == [(4, "经度/纬度")]
    # a vector file has no coordinate columns: 坐标 / Coordinates, not the internal `geometry`
    points = result.frame[["name", "geometry"]].iloc[[2]]
    vector = ingest.read_upload(points.to_json().encode(), "p.geojson", kind="other")
    assert [tuple(r)[:2] for r in report_rows(vector)] == [(1, "坐标")]
    assert [tuple(r)[:2] for r in report_rows(vector, "en")] == [(1, "Coordinates")]


def test_the_summary_counts_every_warning_and_each_row_with_two():
    result = read_checked(CHECKED_HEADER + CHECKED_FIRST + FILLER)
    assert result.check_counts() == {
        "坐标为整数/过于整齐": 1,
        "统一社会信用代码有误或重复": 3,
        "数值为空或为零": 1,
    }
    assert result.summary().endswith(
        "（坐标为整数/过于整齐 1 行，统一社会信用代码有误或重复 3 行，数值为空或为零 1 行；"
        "其中 2 行不止一类问题）"
    )
    assert text_in(result.summary_note(), "en").endswith(
        "credit code malformed or repeated: 3 rows, a value empty or zero: 1 row; 2 rows have more than"
        " one of these)"
    )


def test_a_warning_of_no_named_check_is_counted_as_other():
    report = pd.DataFrame(
        {
            "row": [2, 2, 3],
            "level": ["warning", "warning", "error"],
            "field": "x",
            "problem": ["甲", "乙", "丙"],
        }
    )
    assert ingest.report.check_counts(report) == {"其他提醒": 1}
