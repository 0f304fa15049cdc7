"""Title rows above a table's header: skipped, and the note says how many in agreement in either
language (walk 20 c7: "the 1 row above it are a title")."""

from __future__ import annotations

import pytest

from geo import ingest
from geo.messages.notes import text_in

ROWS = "名称,经度,纬度\n甲,120.6,31.1\n乙,120.7,31.2\n"


@pytest.mark.parametrize(
    ("title", "zh", "en"),
    [
        (
            "标题,,\n",
            "表头在第 2 行（上方 1 行为标题，已跳过）",
            "The header is in row 2 (the row above it is a title, skipped)",
        ),
        (
            "标题,,\n副标题,,\n",
            "表头在第 3 行（上方 2 行为标题，已跳过）",
            "The header is in row 3 (the 2 rows above it are a title, skipped)",
        ),
    ],
)
def test_the_title_rows_skipped_are_counted_in_agreement(title, zh, en):
    found = ingest.inspect_upload((title + ROWS).encode(), "名单.csv")
    assert [text_in(n, "zh") for n in found.notes] == [zh]
    assert [text_in(n, "en") for n in found.notes] == [en]
