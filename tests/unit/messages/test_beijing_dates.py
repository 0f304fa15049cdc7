"""Walk 16: the dates the atlas writes for people were the UTC date. Published at 17:00 UTC (01:00 on
the next day in Beijing), a 公示 started, and its workbook, the exports and the PNG were dated, the
day before. Every such date is now Suzhou's: the clock set to 2030-01-01 16:30 UTC is 2030-01-02 there."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl
import pytest

from geo.messages import formats

LATE = datetime(2030, 1, 1, 16, 30, tzinfo=UTC)  # 00:30 on 2 January in Beijing


@pytest.fixture
def late_evening(monkeypatch):
    monkeypatch.setattr(formats, "utc_now", lambda: LATE)


def test_today_is_suzhous_day(late_evening):
    assert formats.beijing_today().isoformat() == "2030-01-02"


def test_files_and_the_notice_are_dated_in_beijing(late_evening):
    from geo.evaluation import evaluate
    from geo.evaluation.metrics import assign_zones
    from geo.exports.tables import export_date
    from geo.yearly.notice import notice_xlsx_bytes
    from tests.fixtures.evaluation import enterprises, zones

    assert export_date(None) == "2030-01-02"
    ents = enterprises()
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone)
    data = notice_xlsx_bytes(res.enterprises, res.config, res.benchmarks, year=2029, title="t", filters="f")
    book = openpyxl.load_workbook(io.BytesIO(data))
    text = " ".join(str(c) for row in book[book.sheetnames[0]].iter_rows(values_only=True) for c in row if c)
    assert "2030-01-02" in text and "2030-01-01" not in text, text[:400]


def test_a_saved_configuration_is_dated_in_beijing(late_evening, tmp_path):
    from geo.evaluation import named
    from tests.fixtures.publication import rules

    saved = named.save_named_config("测试", rules(), store=tmp_path / "s.gpkg", actor="测试员")
    assert saved.saved == "2030-01-02"
