"""A CSV's columns read whatever separates them: a comma, a semicolon (a spreadsheet saved in a
locale whose decimal mark is the comma) or a tab (walk22: a semicolon file with a BOM was read as
one column, and the import said 「找不到经纬度列」)."""

from __future__ import annotations

import pytest

from geo import ingest
from geo.ingest.readers import csv_separator

HEADER = ["企业名称", "所属镇", "用地面积（亩）", "税收（万元）", "销售收入（万元）", "经度", "纬度"]
ROWS = [
    ["甲纺织有限公司", "盛泽镇", "30", "600", "9000", "120.645", "30.915"],
    ["乙光缆有限公司", "七都镇", "12", "90", "800", "120.485", "30.965"],
]


@pytest.mark.parametrize("sep", [";", "\t", ","])
def test_a_tables_columns_are_read_at_its_own_separator(sep):
    text = "\n".join(sep.join(row) for row in [HEADER, *ROWS]) + "\n"
    result = ingest.read_upload(("\ufeff" + text).encode("utf-8"), "企业.csv", kind="enterprises")
    assert len(result.frame) == 2
    assert sorted(result.frame["name"]) == ["乙光缆有限公司", "甲纺织有限公司"]
    assert round(result.frame.geometry.x.min(), 3) == 120.485  # the coordinates found in their columns


def test_the_separator_is_the_one_the_header_holds_most():
    assert csv_separator('标题\n企业名称;税收;备注\n甲;1,5;"a;b"\n') == ";"  # a decimal comma in a value
    assert csv_separator('企业名称,税收,备注\n甲,15,"a;b;c"\n') == ","  # semicolons inside a quoted value
    assert csv_separator("企业名称\n甲\n") == ","  # one column: the comma
