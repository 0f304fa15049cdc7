"""The data page's save form proposes an enterprise table's year (walk 11: 企业名单_盛泽七都_2024.xlsx
was saved without a year, nothing proposed one, and 公示 then showed "None" and titles and file
names with empty parts): from the title rows above the header (``2023年度企业名单``), else from the
file's name; asked again for every file, never one file's year kept for the next."""

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


def _xlsx(*, title: str | None = None) -> bytes:
    rows = ([[title, *[None] * (len(HEADER) - 1)]] if title else []) + [HEADER, ROW]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf) as writer:
        pd.DataFrame(rows).to_excel(writer, header=False, index=False)
    return buf.getvalue()


def _read(at, name: str, data: bytes):
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader(key="data_upload").set_value((name, data, mime)).run()
    at.selectbox(key=f"data_kind@{at.session_state[FILE_TOKEN]}").set_value("enterprises").run()
    at.radio(key=f"data_frame@{at.session_state[FILE_TOKEN]}").set_value("wgs84").run()
    at.button(key="data_read").click().run()
    assert not at.exception, at.exception
    return at.number_input(key=f"data_save_year@{at.session_state[FILE_TOKEN]}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_year_is_proposed_from_the_title_rows_else_the_file_name(user_store, lang):
    at = open_page("pages/data.py", timeout=90, lang=lang)
    assert _read(at, "企业名单_盛泽七都_2024.xlsx", _xlsx()).value == 2024  # the name's year
    # the title rows' year comes first (the table says which year it is); a new file is asked anew
    assert _read(at, "企业名单_2024.xlsx", _xlsx(title="2023年度企业名单")).value == 2023
    # a file that states no year: nothing proposed, nothing held over from the last file
    assert _read(at, "企业名单.xlsx", _xlsx()).value is None
