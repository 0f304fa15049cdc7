"""The 公示 workbook writes each measure in its own number format (walk8: its numbers were General, a
score shown 3.6 beside 2.28): scores 0.00, land #,##0.00, ranks #,##0, the weights as points 0.00,
the share of a shared parcel as a percentage, a 基准值 as the page writes its measure (walk 11: it read
39.96；906.9；1.493 while the page showed 1,060); the values stay numbers. Fixture: the hand-worked
two-year table (tests/fixtures/years.py): in 2022 N2 scores 95 (class A) on its land."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from geo import yearly
from geo.exports.streamed import StreamedSheet, new_workbook, workbook_bytes
from geo.yearly.notice import benchmark_text, group_method_rows, notice_xlsx_bytes
from tests.fixtures import years as fx
from tests.fixtures.years import TAX


def _notice() -> openpyxl.Workbook:
    ev = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    res = ev[2022]
    data = notice_xlsx_bytes(
        res.enterprises, fx.CONFIG, res.benchmarks, year=2022, title="公示", filters="全部", used=res.weights
    )
    return openpyxl.load_workbook(io.BytesIO(data))


def _column(ws, header: str) -> int:
    heads = [c.value for c in ws[1]]
    return heads.index(header) + 1


def test_the_class_lists_give_each_measure_its_number_format():
    wb = _notice()
    ws = wb["A 类名单"]
    first = ws.cell(row=2, column=_column(ws, "企业编号"))
    assert first.value == "N2"
    score = ws.cell(row=2, column=_column(ws, "综合得分（分）"))
    land = ws.cell(row=2, column=_column(ws, "用地面积（亩）"))
    assert isinstance(score.value, float | int) and score.value == pytest.approx(95)
    assert (score.number_format, land.number_format) == ("0.00", "#,##0.00")
    assert isinstance(land.value, float | int)
    assert ws.cell(row=2, column=1).number_format == "General"  # 序号: 1, 2 … as they are
    group = wb["规上名单"]
    heads = next(r for r in group.iter_rows() if r[0].value == "序号")
    columns = {c.value: c.column for c in heads}
    row = heads[0].row + 1
    assert group.cell(row=row, column=columns["组内排名"]).number_format == "#,##0"
    assert group.cell(row=row, column=columns["综合得分（分）"]).number_format == "0.00"


def test_the_weights_are_points_with_two_decimals():
    ws = _notice()["公示"]
    head = next(r for r in ws.iter_rows() if r[0].value == "规模" and r[2].value == "权重（分）")
    weight = ws.cell(row=head[0].row + 1, column=3)
    applied = ws.cell(row=head[0].row + 1, column=4)
    assert weight.value == 100 and weight.number_format == "0.00"
    assert applied.value == 100 and applied.number_format == "0.00"


def test_a_streamed_column_takes_its_measures_format_and_keeps_its_numbers():
    wb = new_workbook()
    sheet = StreamedSheet(wb, "t", header_row=1)
    frame = pd.DataFrame(
        {
            "score": [87.6, -1.25],
            "rank": pd.array([1, None], dtype="Int64"),
            "land_mu": [1234.5, 2.0],
            "land_share": [1 / 3, 1.0],
            "name": ["=甲", "乙"],
        }
    )
    sheet.text(*frame.columns)
    sheet.frame(frame, list(frame.columns))
    ws = openpyxl.load_workbook(io.BytesIO(workbook_bytes(wb)))["t"]
    assert [c.number_format for c in ws[2]] == ["0.00", "#,##0", "#,##0.00", "0.0%", "General"]
    assert [c.value for c in ws[2]] == [87.6, 1, 1234.5, 0.333, "=甲"]  # 33.3 %, as the page shows it
    assert ws["E2"].quotePrefix and ws["E2"].data_type == "s"
    assert [c.value for c in ws[3]][:3] == [-1.25, None, 2]


def test_a_benchmark_is_written_in_its_measures_format():
    assert benchmark_text(TAX, 1059.8412) == "1,059.84"  # money: two decimals, separators
    assert benchmark_text("tax_per_tce_wan_yuan", 1.4931) == "1.49"
    assert benchmark_text("rd_share_pct", 8.661) == "8.7"  # a share: one decimal
    wb = fx.uneven_notice()
    # the group sheet's 基准值 line, the words the page shows (pages/efficiency/groups.py)
    group = [[c.value for c in row] for row in wb["规上名单"].iter_rows(max_row=4)]
    line = next(r[1] for r in group if r[0] == "基准值")
    assert line == "亩均税收（万元/亩） 1,059.84"
    rows = group_method_rows(fx.CONFIG, "规上", fx.uneven_benchmarks(), "zh")
    assert dict(rows)["基准值"] == line
    # the cover's 三、基准值 table: the number kept, shown with the measure's format
    cover = wb["公示"]
    head = next(r for r in cover.iter_rows() if r[0].value == "规模" and r[2].value == "基准值")
    cell = cover.cell(row=head[0].row + 1, column=3)
    assert cell.value == pytest.approx(1059.84) and cell.number_format == "#,##0.00"
