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
    assert header == ['\'=HYPERLINK("x")', "land_mu", "employees", "imported_at", "lon", "lat"]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
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
    assert (ws["A3"].value, ws["A3"].data_type) == ("'@SUM(A1)", "s")
