"""geo/yearly/period.py: the 公示 period is configuration (geo/evaluation/objection_period.yaml, with
its sources) in working or calendar days; the window's end skips weekends in working days, and the
公示 workbook says "共 5 个工作日" (issue 23 item 11). Dates worked by hand on the 2026 calendar:
2026-12-11 is a Friday."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from geo import yearly
from geo.errors import DataValidationError
from geo.yearly.notice import notice_xlsx_bytes
from geo.yearly.period import (
    PERIOD_YAML,
    ObjectionPeriod,
    load_objection_period,
    period_end,
    period_length,
)
from tests.fixtures import years as fx

FRIDAY = date(2026, 12, 11)


def test_the_configured_period_is_five_working_days_with_its_sources():
    period = load_objection_period()
    assert (period.days, period.unit) == (5, "working_days")
    text = PERIOD_YAML.read_text(encoding="utf-8")
    for cited in ("巢湖", "蚌埠", "景宁", "黄岩", "DOMAIN.md §8", "5 working days to 7 days"):
        assert cited in text


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        # Fri 11 (1), Mon 14 (2), Tue 15 (3), Wed 16 (4), Thu 17 (5): the weekend is skipped
        (FRIDAY, ObjectionPeriod(5, "working_days"), date(2026, 12, 17)),
        # opened on a Saturday: counted from Monday 14 to Friday 18
        (date(2026, 12, 12), ObjectionPeriod(5, "working_days"), date(2026, 12, 18)),
        # Sunday 13, one working day: Monday 14
        (date(2026, 12, 13), ObjectionPeriod(1, "working_days"), date(2026, 12, 14)),
        # Mon 7 … Fri 11: no weekend met
        (date(2026, 12, 7), ObjectionPeriod(5, "working_days"), FRIDAY),
        # 10 working days from a Friday: two weekends met, Thursday 24
        (FRIDAY, ObjectionPeriod(10, "working_days"), date(2026, 12, 24)),
        # 黄岩's 3 calendar days from a Friday: Fri, Sat, Sun
        (FRIDAY, ObjectionPeriod(3, "calendar_days"), date(2026, 12, 13)),
        # 7 calendar days over the year's end
        (date(2026, 12, 28), ObjectionPeriod(7, "calendar_days"), date(2027, 1, 3)),
    ],
)
def test_the_window_ends_on_the_hand_worked_day(start, period, end):
    assert period_end(start, period) == end


def test_the_length_in_words():
    assert period_length(ObjectionPeriod(5, "working_days"), "zh") == "5 个工作日"
    assert period_length(ObjectionPeriod(5, "working_days"), "en") == "5 working days"
    assert period_length(ObjectionPeriod(1, "working_days"), "en") == "1 working day"
    assert period_length(ObjectionPeriod(3, "calendar_days"), "zh") == "3 天"
    assert period_length(ObjectionPeriod(7, "calendar_days"), "en") == "7 days"


def _period_line(lang: str, **kwargs) -> str:
    ev = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    data = notice_xlsx_bytes(
        ev[2022].enterprises,
        fx.CONFIG,
        ev[2022].benchmarks,
        year=2022,
        title="公示",
        filters="全部",
        lang=lang,
        **kwargs,
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    return next(c for c in cells if "2026-12-11" in c)


def test_the_notice_states_the_configured_working_days_from_a_friday():
    """The default notice (no period given): 5 working days from Friday 2026-12-11 to Thursday 17."""
    zh = _period_line("zh", when=FRIDAY)
    assert "公示期：2026-12-11 至 2026-12-17（共 5 个工作日）" in zh
    assert "3 天" not in zh
    en = _period_line("en", when=FRIDAY)
    assert "objection period: 2026-12-11 to 2026-12-17 (5 working days)" in en
    huangyan = _period_line("zh", when=FRIDAY, period=ObjectionPeriod(3, "calendar_days"))
    assert "公示期：2026-12-11 至 2026-12-13（共 3 天）" in huangyan


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("days: 0\nunit: working_days\n", "应为 1 到 60 的整数，却是 0"),
        ("days: 5.5\n", "却是 5.5"),
        ("days: true\n", "却是 True"),
        ("unit: working_days\n", "却是 None"),
        ("days: 5\nunit: weeks\n", "应为 working_days（工作日）或 calendar_days（自然日），却是 'weeks'"),
        ("- 5\n", "的内容应为键值表"),
    ],
)
def test_a_bad_period_file_says_what_is_wrong_in_chinese(tmp_path, text, says):
    path = tmp_path / "period.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as found:
        load_objection_period(path)
    assert says in str(found.value), str(found.value)


def test_a_missing_period_file_is_named(tmp_path):
    with pytest.raises(DataValidationError, match="找不到公示期配置文件"):
        load_objection_period(tmp_path / "nowhere.yaml")
