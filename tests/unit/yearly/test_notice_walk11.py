"""The 公示 workbook as walk 11 read it: its 基准值 written in one format per measure, as the page
writes them (it read 39.96；906.9；1.493 while the page showed 1,060); its group sheets titled
without a stray space (「规上 名单」); its cover sheet printed as its lists are (the title frozen and
repeated on every page). Fixture: the hand-worked two-year table (tests/fixtures/years.py), its
benchmark set to an uneven 1,059.8412 万元/亩."""

from __future__ import annotations

import io

import openpyxl
import pytest

from geo import yearly
from geo.yearly.notice import benchmark_text, group_method_rows, group_sheet_title, notice_xlsx_bytes
from tests.fixtures import years as fx

TAX = "tax_per_mu_wan_yuan"


def _notice(lang: str = "zh") -> openpyxl.Workbook:
    ev = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    res = ev[2022]
    benchmarks = res.benchmarks.assign(**{TAX: 1059.8412})
    data = notice_xlsx_bytes(
        res.enterprises, fx.CONFIG, benchmarks, year=2022, title="公示", filters="全部", lang=lang
    )
    return openpyxl.load_workbook(io.BytesIO(data))


def test_a_benchmark_is_written_in_its_measures_format():
    assert benchmark_text(TAX, 1059.8412) == "1,059.84"  # money: two decimals, separators
    assert benchmark_text("tax_per_tce_wan_yuan", 1.4931) == "1.49"
    assert benchmark_text("rd_share_pct", 8.661) == "8.7"  # a share: one decimal
    wb = _notice()
    # the group sheet's 基准值 line, the words the page shows (pages/efficiency/groups.py)
    group = [[c.value for c in row] for row in wb["规上名单"].iter_rows(max_row=4)]
    line = next(r[1] for r in group if r[0] == "基准值")
    assert line == "亩均税收（万元/亩） 1,059.84"
    rows = group_method_rows(fx.CONFIG, "规上", _notice_benchmarks(), "zh")
    assert dict(rows)["基准值"] == line
    # the cover's 三、基准值 table: the number kept, shown with the measure's format
    cover = wb["公示"]
    head = next(r for r in cover.iter_rows() if r[0].value == "规模" and r[2].value == "基准值")
    cell = cover.cell(row=head[0].row + 1, column=3)
    assert cell.value == pytest.approx(1059.84) and cell.number_format == "#,##0.00"


def _notice_benchmarks():
    ev = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    return ev[2022].benchmarks.assign(**{TAX: 1059.8412})


def test_a_group_sheet_is_titled_without_a_stray_space():
    assert group_sheet_title("规上", "zh") == "规上名单"
    assert group_sheet_title("规下（≥3亩）", "zh") == "规下（≥3亩）名单"
    assert group_sheet_title("Group A", "zh") == "Group A 名单"  # a space after a Latin letter
    assert group_sheet_title("Above designated size", "en") == "Above designated size list"
    assert _notice("zh").sheetnames[6:] == ["规上名单", "规下（不足 3 亩）名单"]
    # (a name over Excel's 31 characters is cut between words: the sheet's A1 names the group whole)
    english = _notice("en").sheetnames[6:]
    assert english[0] == "Above designated size list" and not [n for n in english if "  " in n], english


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cover_sheet_is_printed_as_its_lists(lang):
    wb = _notice(lang)
    cover, listed = wb.worksheets[0], wb.worksheets[1]
    assert listed.freeze_panes == "A2" and listed.print_title_rows == "$1:$1"
    # the notice's title frozen above the scrolling rows and printed atop every page
    assert cover.freeze_panes == "A2" and cover.print_title_rows == "$1:$1"
    assert cover.page_setup.orientation == listed.page_setup.orientation == "landscape"
    assert cover.page_setup.paperSize == listed.page_setup.paperSize
