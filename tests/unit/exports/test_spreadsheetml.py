"""geo/exports/spreadsheetml.py and streamed.py: a workbook written as XML text reads back, in
openpyxl and GDAL's XLSX driver, with the values, kinds and page set-up it was given."""

from __future__ import annotations

import io
import subprocess
import zipfile
from xml.etree import ElementTree

import numpy as np
import openpyxl
import pandas as pd
import pytest

from geo.exports.streamed import StreamedSheet, new_workbook, workbook_bytes


def _workbook() -> bytes:
    wb = new_workbook()
    sheet = StreamedSheet(wb, "名单 'A'", widths={"A": 7, "C": 36}, header_row=2, footer="第 &P 页")
    sheet.text("标题 <b>&", bold=True, size=14)
    sheet.text("序号", "名称", "得分", "规上", "备注")
    frame = pd.DataFrame(
        {
            "name": ['=HYPERLINK("http://x")', " 前后空格 ", "控制\x01字符", None],
            "score": [95.0, 12.345, np.nan, np.inf],
            "above": [True, False, True, False],
            "note": ["#N/A", "-1", "ok", "<svg onload=alert(1)>"],
        }
    )
    sheet.frame(frame, ["name", "score", "above", "note"], numbered=True)
    sheet.blank()
    sheet.text("合计", 4, wrap=True)
    StreamedSheet(wb, "Second").text("only")
    return workbook_bytes(wb)


def test_every_part_is_well_formed_xml():
    with zipfile.ZipFile(io.BytesIO(_workbook())) as z:
        names = z.namelist()
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml"} <= set(
            names
        )
        for name in names:
            ElementTree.fromstring(z.read(name))  # raises on anything not well-formed


def test_values_kinds_and_set_up_read_back():
    wb = openpyxl.load_workbook(io.BytesIO(_workbook()))
    assert wb.sheetnames == ["名单 'A'", "Second"]
    ws = wb["名单 'A'"]
    assert ws["A1"].value == "标题 <b>&" and ws["A1"].font.b and ws["A1"].font.sz == 14
    rows = list(ws.iter_rows(min_row=3, max_row=6, values_only=True))
    # a formula-like name is text as written, with the quote prefix; a whole float reads as a whole number
    assert rows[0] == (1, '=HYPERLINK("http://x")', 95, True, "#N/A")
    assert rows[1] == (2, " 前后空格 ", 12.35, False, "-1")  # spaces kept, 2 decimals
    assert ws["B3"].quotePrefix and ws["E4"].quotePrefix and not ws["E3"].quotePrefix
    assert rows[2] == (3, "控制字符", None, True, "ok")  # a character XML cannot hold is dropped
    assert rows[3] == (4, None, None, False, "<svg onload=alert(1)>")  # NaN and inf empty
    assert not [c for row in ws.iter_rows() for c in row if c.data_type in ("f", "e")]
    assert ws["E3"].data_type == "s" and ws["C3"].data_type == "n" and ws["D3"].data_type == "b"
    assert ws["A8"].value == "合计" and ws["A8"].alignment.wrap_text and ws["B8"].value == 4
    assert (ws.freeze_panes, ws.print_title_rows) == ("A3", "$2:$2")
    assert ws.column_dimensions["C"].width == 36 and ws.column_dimensions["A"].width == 7
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_options.horizontalCentered and ws.oddFooter.center.text == "第 &P 页"
    assert ws.max_row == 8 and ws.max_column == 5
    assert wb["Second"].max_row == 1 and wb["Second"]["A1"].value == "only"


def test_gdal_reads_the_sheets(tmp_path):
    ogrinfo = pytest.importorskip("shutil").which("ogrinfo")
    if ogrinfo is None:
        pytest.skip("GDAL's ogrinfo is not installed")
    path = tmp_path / "book.xlsx"
    path.write_bytes(_workbook())
    out = subprocess.run([ogrinfo, "-ro", "-so", str(path)], capture_output=True, text=True, check=True)
    assert "using driver `XLSX' successful" in out.stdout
    assert "1: 名单 'A'" in out.stdout and "2: Second" in out.stdout


def test_formula_like_text_is_a_text_cell_as_written_with_the_quote_prefix():
    """walk21 b6: ``'=HYPERLINK(...)`` was stored with the apostrophe inside a text cell, so Excel showed
    it; a text cell is never a formula, and its format's quotePrefix (what Excel stores for a typed
    ``'=...``) keeps it text when edited."""
    wb = new_workbook()
    sheet = StreamedSheet(wb, "名单")
    sheet.header("=表头", "名称")
    sheet.text("+标题", bold=True, size=14)
    sheet.text("@说明", "-1", 3)
    sheet.frame(
        pd.DataFrame({"name": ['=HYPERLINK("http://x","点我")', "甲"], "n": [1.5, 2.0]}), ["name", "n"]
    )
    data = workbook_bytes(wb)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet_xml = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    xfs = styles.findall("m:cellXfs/m:xf", ns)
    assert not sheet_xml.findall(".//m:f", ns)  # no formula anywhere
    quoted = {}
    for cell in sheet_xml.iter(f"{{{ns['m']}}}c"):
        text = "".join(cell.itertext())
        if cell.get("t") == "inlineStr":
            quoted[text] = xfs[int(cell.get("s", 0))].get("quotePrefix") == "1"
    assert quoted == {
        "=表头": True,
        "名称": False,
        "+标题": True,
        "@说明": True,
        "-1": True,
        '=HYPERLINK("http://x","点我")': True,
        "甲": False,
    }, quoted
    ws = openpyxl.load_workbook(io.BytesIO(data))["名单"]
    assert (ws["A1"].value, ws["A1"].data_type, ws["A1"].font.b) == ("=表头", "s", True)
    assert (ws["A2"].value, ws["A2"].font.sz) == ("+标题", 14)
    assert [c.value for c in ws[3]] == ["@说明", "-1", 3]
    assert (ws["A4"].value, ws["A4"].data_type) == ('=HYPERLINK("http://x","点我")', "s")
    assert all(ws[ref].quotePrefix for ref in ("A1", "A2", "A3", "B3", "A4"))
    assert not any(ws[ref].quotePrefix for ref in ("B1", "A5", "C3"))
