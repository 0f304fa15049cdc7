"""The data page says which sheet of a workbook it read when the first is a notes sheet (walk 15
item 6): the sheet with the longitude/latitude columns is selected and said, also once the use is
chosen (the page inspects the file again for it)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pages.data.reading import FILE_TOKEN
from tests.fixtures.app import open_page

HEADER = ["企业名称", "用地面积（亩）", "税收（万元）", "销售收入（万元）", "经度", "纬度"]
ROW = ["甲纺织", 30, 600, 12000, 120.645, 31.155]


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return user_gpkg


def _notes_first() -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf) as writer:
        pd.DataFrame({"说明": ["数据来源：区工信局"]}).to_excel(writer, sheet_name="填表说明", index=False)
        pd.DataFrame([ROW], columns=HEADER).to_excel(writer, sheet_name="企业名单", index=False)
    return buf.getvalue()


def test_the_sheet_with_coordinates_is_read_and_said(user_store):
    at = open_page("pages/data.py", timeout=90, lang="zh")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader(key="data_upload").set_value(("企业_2024.xlsx", _notes_first(), mime)).run()
    assert not at.exception, at.exception
    said = "已读取工作表「企业名单」（第一个工作表「填表说明」没有经纬度列）"
    token = at.session_state[FILE_TOKEN]
    assert at.selectbox(key=f"data_layer@{token}").value == "企业名单"
    assert said in [c.value for c in at.caption], [c.value for c in at.caption]
    assert not any("没有找到经纬度列" in c.value for c in at.caption)
