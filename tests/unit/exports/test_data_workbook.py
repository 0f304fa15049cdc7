"""The data workbook (geo/exports/tables.py ``xlsx_bytes``), written as SpreadsheetML text: read back by
openpyxl as the pandas + openpyxl writer wrote it (bench/bench_tables_xlsx.py compares the demo's
34,461 rows cell by cell): exact values, numbers formatted by measure, times as dates, text never a
formula."""

from __future__ import annotations

import io
from datetime import datetime

import geopandas as gpd
import pandas as pd
import shapely
from openpyxl import load_workbook

from geo.exports.tables import xlsx_bytes


def _book():
    firms = gpd.GeoDataFrame(
        {
            '=HYPERLINK("x")': ["<img src=x onerror=alert(1)>", "@SUM(A1)"],
            "land_mu": [12.345678, None],
            "employees": [72, 1500],
            "imported_at": pd.to_datetime(["2026-12-06 18:30", "2026-12-07 00:00"]).tz_localize("UTC"),
        },
        geometry=[shapely.Point(120.123456789, 31.1), shapely.Point(120.7, 30.9)],
        crs=4326,
    )
    return load_workbook(io.BytesIO(xlsx_bytes({"企业": firms}, title="t")))


def test_values_stay_exact_and_numbers_carry_their_measures_format():
    ws = _book()["企业"]
    header = [c.value for c in ws[1]]
    assert header == ['=HYPERLINK("x")', "land_mu", "employees", "imported_at", "lon", "lat"]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
    assert ws["A1"].quotePrefix and not ws["B1"].quotePrefix  # text as written, kept text (walk21 b6)
    row = {h: c for h, c in zip(header, ws[2], strict=True)}
    assert row["land_mu"].value == 12.345678 and row["land_mu"].number_format == "#,##0.00"
    assert row["lon"].value == 120.123456789 and row["lon"].number_format == "0.000000"
    assert row["employees"].value == 72 and row["employees"].number_format == "#,##0"
    blank = ws.cell(row=3, column=2)
    assert blank.value is None and blank.number_format == "#,##0.00"  # a value typed in later is formatted


def test_times_are_dates_and_text_is_never_a_formula():
    ws = _book()["企业"]
    assert ws["D2"].value == datetime(2026, 12, 6, 18, 30) and ws["D2"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["D3"].value == datetime(2026, 12, 7)
    assert (ws["A2"].value, ws["A2"].data_type) == ("<img src=x onerror=alert(1)>", "s")
    assert (ws["A3"].value, ws["A3"].data_type, ws["A3"].quotePrefix) == ("@SUM(A1)", "s", True)


def test_measured_areas_hold_what_they_show_and_own_values_stay_as_they_came():
    """Walk 14: a park's measured 面积（km²） was stored 2.0098 and a district's 407.996 under
    ``#,##0.00`` (the CSV wrote 2.01), beside the user's own 面积亩 3014.7. A measure of the shape is
    rounded to the decimals shown; a user's number is written as it came; the 说明 sheet says so."""
    for lang, km2, mu in (("zh", "面积（km²）", "面积（亩）"), ("en", "Area (km²)", "Area (mu)")):
        parks = pd.DataFrame({"名称": ["盛泽纺织科技园"], km2: [2.0098], mu: [3014.7345], "面积亩": [3014.7]})
        towns = pd.DataFrame({"示意面积（km²）" if lang == "zh" else "Schematic area (km²)": [197.484]})
        book = load_workbook(io.BytesIO(xlsx_bytes({"园区": parks, "镇": towns}, title="t", lang=lang)))
        ws = book["园区"]
        row = {c.value: v for c, v in zip(ws[1], ws[2], strict=True)}
        assert (row[km2].value, row[km2].number_format) == (2.01, "#,##0.00")
        assert row[mu].value == 3014.73
        assert row["面积亩"].value == 3014.7  # the user's own, as it came
        assert book["镇"]["A2"].value == 197.48
        about = {r[0].value: r[1].value for r in book.worksheets[-1].iter_rows(min_row=2)}
        said = about["小数位" if lang == "zh" else "Decimals"]
        assert ("四舍五入" if lang == "zh" else "rounded to the decimals shown") in said


def test_a_converted_number_is_written_without_arithmetics_noise():
    """Walk17: an import's 58,130 m² were stored 87.19500000000001 亩 in the data page's workbook and
    CSV (the cell format hid it): written 87.195; a number as typed keeps every digit (80.6025)."""
    from geo.exports.tables import NUMBERS_AS_CAME, csv_bytes

    firms = pd.DataFrame({"企业名称": ["盛虹纤维", "恒盛丝绸"], "用地面积（亩）": [58130 * 0.0015, 80.6025]})
    assert firms["用地面积（亩）"][0] != 87.195  # the float the conversion gives
    firms.attrs[NUMBERS_AS_CAME] = ["用地面积（亩）"]
    ws = load_workbook(io.BytesIO(xlsx_bytes({"企业": firms}, title="t", lang="zh")))["企业"]
    assert [ws["B2"].value, ws["B3"].value] == [87.195, 80.6025] and ws["B2"].number_format == "#,##0.00"
    text = csv_bytes(firms, lang="zh").decode("utf-8-sig")
    assert "87.195\r\n" in text and "80.6025\r\n" in text and "87.19500000000001" not in text
