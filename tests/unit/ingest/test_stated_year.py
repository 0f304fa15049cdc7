"""The year a file states, which the data page's save form proposes as the data's year (walk 11):
its title rows' ``2024年度`` first, else a year standing alone in its name; never four digits of a
longer number."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from geo import ingest
from geo.ingest.values import named_year, stated_year


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("企业名单_盛泽七都_2024.xlsx", 2024),
        ("2023年度企业纳税明细.csv", 2023),
        ("企业_2023_gps.xlsx", 2023),
        ("导出20240315.xlsx", None),  # a date, not a year
        ("企业名单.xlsx", None),
        ("企业名单_２０２４.xlsx", 2024),  # full-width digits
    ],
)
def test_a_year_in_the_file_name(name, year):
    assert named_year(name) == year


def test_a_year_in_the_title_rows():
    assert stated_year("2024 年度 工业企业 亩均 数据") == 2024
    assert stated_year("企业名单 2024") is None  # a title says 年 for its year


def _table(title: str | None) -> bytes:
    rows = [[title, None, None, None, None, None]] if title else []
    rows += [["企业名称", "用地面积（亩）", "税收（万元）", "销售收入（万元）", "经度", "纬度"]]
    rows += [["甲", 10, 20, 30, 120.6, 31.1]]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf) as writer:
        pd.DataFrame(rows).to_excel(writer, header=False, index=False)
    return buf.getvalue()


def test_an_import_states_its_title_rows_year_before_its_names():
    read = {"kind": "enterprises", "lon_col": "经度", "lat_col": "纬度"}
    titled = ingest.read_upload(_table("2023年度企业名单"), "企业名单_2024.xlsx", **read)
    assert (titled.title_rows, titled.stated_year()) == ("2023年度企业名单", 2023)
    assert ingest.read_upload(_table(None), "企业名单_2024.xlsx", **read).stated_year() == 2024
    assert ingest.read_upload(_table(None), "企业名单.xlsx", **read).stated_year() is None
