"""One number format per measure (geo/number_formats.py), the same on the page and in the XLSX:
scores to two decimals, counts whole with thousands separators, money and land to two decimals."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from geo.exports.tables import xlsx_bytes
from geo.number_formats import FORMATS, measure_of, number_format, rounded_to_format


def test_each_measure_by_key_and_by_header():
    assert [
        measure_of(c) for c in ("score", "综合得分（分）", "Score (points)", "pts_tax_per_mu_wan_yuan")
    ] == ["score"] * 4
    counts = (
        "n_A",
        "steps",
        "升降档数（正为上升）",
        "Classes moved (+ up)",
        "企业数（家）",
        "Ranked enterprises",
    )
    assert [measure_of(c) for c in counts] == ["count"] * 6
    assert measure_of("亩均税收（万元/亩）") == "money" and measure_of("tax_per_mu_wan_yuan") == "money"
    assert measure_of("d_land_mu") == "area" and measure_of("可腾退用地（亩）") == "area"
    assert measure_of("rd_share_pct") == "share" and measure_of("年份") == "year"
    assert measure_of("企业名称") is None


def test_a_files_own_coordinate_columns_keep_six_decimals():
    """经度_GCJ02 and the like (an import keeps the file's coordinates beside the WGS-84 ones) were
    written with two decimals: 120.63 for 120.634518, about 1 km off."""
    for column in ("经度_GCJ02", "纬度_GCJ02", "lon_bd09", "LAT", "Longitude (GCJ-02)", "原始纬度"):
        assert measure_of(column) == "coordinate", column
    for column in ("latest_year", "long_name", "lonely", "用地面积（亩）"):
        assert measure_of(column) != "coordinate", column
    frame = pd.DataFrame({"经度_GCJ02": [120.6345183], "纬度_GCJ02": [30.9312276]})
    shown = rounded_to_format(frame)
    assert shown.iloc[0].tolist() == [120.634518, 30.931228]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"点": frame}, title="t")))["点"]
    assert [sheet.cell(row=2, column=i).number_format for i in (1, 2)] == ["0.000000"] * 2
    assert abs(sheet["A2"].value - 120.6345183) < 1e-9


def test_formats_on_screen_are_exact():
    frame = pd.DataFrame(
        {
            "综合得分（分）": [100.0, 87.25],
            "升降档数（正为上升）": [-1.0, None],
            "企业数（家）": [12345, 7],
            "亩均税收（万元/亩）": [27.0, 1234.5],
            "年份": [2021, 2022],
            "企业名称": ["甲", "乙"],
            "参评": [True, False],
            "other": [1.5, 2.25],
        }
    )
    screen = {c: (f.screen if f else None) for c in frame for f in [number_format(c, frame[c])]}
    assert screen == {
        "综合得分（分）": "%.2f",
        "升降档数（正为上升）": "%,d",
        "企业数（家）": "%,d",
        "亩均税收（万元/亩）": "%,.2f",
        "年份": "%d",
        "企业名称": None,
        "参评": None,
        "other": "%,.2f",
    }
    # as the page prints them (printf; the separators as Python's ","): 100.00, -1, 12,345, 1,234.50
    assert f"{100.0:.2f}" == "100.00" and f"{-1.0:,.0f}" == "-1" and f"{12345:,d}" == "12,345"
    assert f"{1234.5:,.2f}" == "1,234.50"


def test_workbook_number_formats_follow_the_measures():
    table = pd.DataFrame(
        {
            "企业名称": ["甲", "乙"],
            "综合得分（分）": [100.0, 87.25],
            "升降档数（正为上升）": [-1.0, None],
            "企业数（家）": [12345, 7],
            "亩均税收（万元/亩）": [27.0, 1234.5],
            "用地面积（亩）": [10.0, 2.5],
            "年份": [2021, 2022],
            "lon": [120.65, 120.7],
        }
    )
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"表": table}, title="t")))
    ws = book["表"]
    formats = {ws.cell(row=1, column=i).value: ws.cell(row=2, column=i).number_format for i in range(1, 9)}
    assert formats == {
        "企业名称": "General",
        "综合得分（分）": "0.00",
        "升降档数（正为上升）": "#,##0",
        "企业数（家）": "#,##0",
        "亩均税收（万元/亩）": "#,##0.00",
        "用地面积（亩）": "#,##0.00",
        "年份": "0",
        "lon": "0.000000",
    }
    assert ws["C2"].value == -1 and FORMATS["count"].xlsx == "#,##0"


def test_a_csv_writes_each_number_with_its_measures_decimals():
    """walk8: a CSV dropped trailing zeros (2.2 beside 2.28); a year or a count came out 2,018 or
    2018.0. Negative numbers stay unquoted numbers, text that reads as a formula keeps its quote."""
    import csv

    from geo.exports.cells import csv_text_bytes

    frame = pd.DataFrame(
        {
            "企业名称": ["=HYPERLINK(1)", "-乙"],
            "综合得分（分）": [87.6, -0.001],
            "亩均税收（万元/亩）": [2.2, 1234.5],
            "企业数（家）": [12345, 7],
            "供地年份": [2018, 2020],
            "升降档数（正为上升）": [-1.0, None],
            "R&D 经费占比（%）": [3.25, 10.0],
        }
    )
    text = csv_text_bytes(frame, as_shown=True).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'=HYPERLINK(1)", "87.60", "2.20", "12345", "2018", "-1", "3.2"]
    assert rows[2] == ["'-乙", "0.00", "1234.50", "7", "2020", "", "10.0"]  # never -0.00
    assert text.splitlines()[1].endswith(",-1,3.2")  # unquoted
    # without as_shown (the command line's data files): exact values, whole numbers plain
    exact = list(csv.reader(io.StringIO(csv_text_bytes(frame).decode("utf-8-sig"))))
    assert exact[1][1:3] == ["87.6", "2.2"] and exact[1][5] == "-1"


def test_a_year_in_words_is_a_year_in_the_workbook():
    table = pd.DataFrame({"供地年份": [2018, 2020], "Year granted": [2018, 2020], "评价年份": [2022, 2022]})
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"表": table}, title="t")))["表"]
    assert [ws.cell(row=2, column=i).number_format for i in (1, 2, 3)] == ["0"] * 3


def test_a_table_is_rounded_to_what_its_formats_show():
    """rounded_to_format: land and tax to two decimals (1335.42, not a whole 1335 shown as 1,335.00),
    scores to two, shares to one, counts whole; text untouched and the frame given unchanged."""
    frame = pd.DataFrame(
        {
            "district": ["吴江区"],
            "land_mu": [1335.4249],
            "税收（万元）": [98765.4351],
            "mean_score": [82.3456],
            "A_pct": [20.04],
            "n_enterprises": [4675.0],
        }
    )
    out = rounded_to_format(frame)
    assert out.iloc[0].tolist() == ["吴江区", 1335.42, 98765.44, 82.35, 20.0, 4675]
    assert str(out["n_enterprises"].dtype) == "Int64"
    assert frame["land_mu"].iloc[0] == 1335.4249


def test_electricity_people_and_floor_area_as_their_units_say():
    """walk11: the data page's CSV wrote 用电量（千瓦时） 25957000.00 (a whole meter reading with two
    decimals); 从业人员（人） came out as an amount (72.00), 使用建筑面积（平方米） unformatted."""
    from geo.exports.cells import csv_text_bytes

    assert [measure_of(c) for c in ("用电量（千瓦时）", "Electricity (kWh)", "electricity_kwh")] == [
        "electricity"
    ] * 3
    assert measure_of("单位用电税收（元/千瓦时）") == "money" and measure_of("tax_per_kwh_yuan") == "money"
    assert measure_of("从业人员（人）") == measure_of("Employees (persons)") == "count"
    assert measure_of("使用建筑面积（平方米）") == measure_of("Floor area used (m²)") == "area"
    frame = pd.DataFrame({"用电量（千瓦时）": [25957000.0, 1234.4], "从业人员（人）": [72.0, 5.0]})
    text = csv_text_bytes(frame, as_shown=True).decode("utf-8-sig")
    assert text.splitlines()[1:] == ["25957000,72", "1234,5"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"t": frame})))
    assert book["t"]["A2"].number_format == "#,##0" and book["t"]["A2"].value == 25957000
