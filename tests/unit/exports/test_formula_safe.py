"""Formula-safe exports (OWASP CSV injection): every CSV and XLSX the app and the CLI write keeps
text that starts with =, +, -, @, tab or CR as text, and numbers as numbers: in CSV behind a ``'``,
in XLSX as written in a text cell whose format has the quote prefix (walk21 b6)."""

from __future__ import annotations

import io

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely

from geo import yearly
from geo.exports import run_files
from geo.exports.cells import formula_safe, formula_safe_frame
from geo.exports.downloads import build_downloads
from geo.exports.tables import csv_bytes, xlsx_bytes
from geo.storage.provenance import Provenance
from geo.yearly.notice import notice_xlsx_bytes
from tests.fixtures import years as yfx

PAYLOADS = [
    '=HYPERLINK("http://evil.example/x","点我")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]
HARMLESS = ["苏州某某纺织有限公司", "a=b", "1-2", "'already quoted"]


def _firms() -> gpd.GeoDataFrame:
    names = PAYLOADS + HARMLESS
    n = len(names)
    return gpd.GeoDataFrame(
        {
            "name": names,
            "tax_wan_yuan": [-12.5] + [float(i) for i in range(1, n)],  # a real negative number
            "steps": [-1] * n,  # integers, negative
            "=SUM(A1)": ["x"] * n,  # a hostile column name
        },
        geometry=[shapely.Point(120.6 + i * 0.001, 31.1) for i in range(n)],
        crs=4326,
    )


def test_formula_safe_quotes_only_text_that_starts_with_a_formula_character():
    for text in PAYLOADS:
        assert formula_safe(text) == "'" + text
    for text in HARMLESS:
        assert formula_safe(text) == text
    assert formula_safe(-2) == -2 and formula_safe(-2.5) == -2.5 and formula_safe(None) is None


def test_formula_safe_frame_keeps_numeric_dtypes_and_leaves_the_input_alone():
    frame = pd.DataFrame({"a": ["=1", "b"], "n": [-1.5, 2.0], "i": [-3, 4]})
    safe = formula_safe_frame(frame)
    assert list(safe["a"]) == ["'=1", "b"]
    assert safe["n"].dtype == "float64" and safe["i"].dtype == "int64"
    assert list(frame["a"]) == ["=1", "b"]  # not modified


def _check_sheet(ws) -> None:
    header = [c.value for c in ws[1]]
    assert "=SUM(A1)" in header and ws.cell(row=1, column=header.index("=SUM(A1)") + 1).quotePrefix
    name_col = header.index("name") + 1
    tax_col = header.index("tax_wan_yuan") + 1
    steps_col = header.index("steps") + 1
    rows = list(ws.iter_rows(min_row=2))
    names = PAYLOADS + HARMLESS
    assert len(rows) == len(names)
    for row, text in zip(rows, names, strict=True):
        cell = row[name_col - 1]
        assert cell.data_type == "s", (text, cell.data_type)
        assert cell.value == text.replace("\r", "\n")  # XML reads a CR back as LF
        assert cell.quotePrefix == (text in PAYLOADS), text
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
    first_tax = rows[0][tax_col - 1]
    assert first_tax.data_type == "n" and first_tax.value == -12.5
    assert rows[1][steps_col - 1].data_type == "n" and rows[1][steps_col - 1].value == -1


def test_xlsx_export_writes_text_cells_never_formulas_and_numbers_as_numbers():
    prov = {"=evil": Provenance(accuracy="real", source="-区工信局")}
    data = xlsx_bytes({"=evil": _firms()}, prov, title='=HYPERLINK("http://evil.example")')
    wb = openpyxl.load_workbook(io.BytesIO(data))
    sheet = next(n for n in wb.sheetnames if n != "说明")
    _check_sheet(wb[sheet])
    about = [c for row in wb["说明"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in about)
    quoted = {c.value for c in about if c.quotePrefix}
    assert '=HYPERLINK("http://evil.example")' in quoted
    assert "=evil" in quoted  # the layer's name, in the sources list


def test_csv_export_quotes_formula_text_and_keeps_negative_numbers_unquoted():
    data = csv_bytes(_firms(), Provenance(accuracy="real", source="=1+2"))
    text = data.decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert "'=SUM(A1)" in back.columns
    assert set(back["data_source"]) == {"'=1+2"}
    assert list(back["name"]) == ["'" + p for p in PAYLOADS] + HARMLESS
    assert back["tax_wan_yuan"].iloc[0] == "-12.5" and back["steps"].iloc[0] == "-1"
    # no line of the file has a field that starts with a bare formula character
    for field in back.to_numpy().ravel().tolist() + list(back.columns):
        if field not in ("-12.5", "-1"):
            assert not field.startswith(("=", "+", "-", "@", "\t", "\r")), field


def test_a_views_downloads_are_formula_safe():
    downloads = build_downloads("=evil", {"企业": _firms()}, {}, {})
    back = pd.read_csv(io.BytesIO(downloads["csv"].data()), dtype=str, keep_default_na=False)
    assert back["name"].iloc[0] == "'" + PAYLOADS[0]
    wb = openpyxl.load_workbook(io.BytesIO(downloads["xlsx"].data()))
    _check_sheet(wb["企业"])


def test_the_notice_workbook_writes_names_and_title_as_quoted_text():
    ev = yearly.evaluate_years(yearly.split_years(yfx.table()), config=yfx.CONFIG, zone="town")
    res = ev[2022]
    firms = res.enterprises.copy()
    firms["name"] = firms["name"].astype(object)
    firms.loc[firms["ent_id"] == "N2", "name"] = PAYLOADS[1]
    data = notice_xlsx_bytes(
        firms, yfx.CONFIG, res.benchmarks, year=2022, title=PAYLOADS[0], filters="区镇：全部"
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.value)
    assert wb["公示"]["A1"].value == PAYLOADS[0] and wb["公示"]["A1"].quotePrefix
    a_rows = list(wb["A 类名单"].iter_rows(min_row=2))
    n2 = next(r for r in a_rows if r[1].value == "N2")
    assert n2[2].value == PAYLOADS[1] and n2[2].data_type == "s" and n2[2].quotePrefix
    assert n2[0].data_type == "n"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_batch_csv_outputs_are_formula_safe(tmp_path, lang):
    zones = pd.DataFrame({"n_enterprises": [3, -1]}, index=pd.Index(["=A1", "盛泽镇"], name="zone"))
    firms = pd.DataFrame({"name": ["@SUM(A1)", "好企业"], "tax_wan_yuan": [-3.5, 2.0]})
    paths = run_files.write_outputs({"zones": zones, "enterprises": firms}, tmp_path, lang=lang)
    texts = {p.stem: p.read_text(encoding="utf-8-sig") for p in paths}
    joined = "\n".join(texts.values())
    assert "'=A1" in joined and "'@SUM(A1)" in joined
    assert ",-3.5" in joined and ",-1" in joined  # numbers unquoted
    assert "\n=A1" not in joined and ",@SUM" not in joined


def test_the_openpyxl_workbooks_mark_formula_text_with_the_quote_prefix():
    """walk21 b6: the 公示/异议 tables (geo.publication.exports) and the collect report write text as
    it is, never a formula; its cell's format has the quote prefix, as Excel marks a typed ``'=...``."""
    from geo.collect.report import safe_xlsx_bytes
    from geo.publication.exports import table_xlsx_bytes

    table = pd.DataFrame({"名称": [PAYLOADS[0], "甲"], "税收": [-1.5, 2.0]})
    books = (
        table_xlsx_bytes(table, title="+标题", sheet="公示", lines=("@说明",)),
        safe_xlsx_bytes({"供电": table}),
    )
    for data in books:
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
        assert not [c for c in cells if c.data_type == "f"]
        quoted = sorted(str(c.value) for c in cells if c.quotePrefix)
        formula_like = sorted(str(c.value) for c in cells if str(c.value).startswith(("=", "+", "@")))
        assert quoted == formula_like and PAYLOADS[0] in quoted, quoted
        assert [c.value for c in cells if c.data_type == "n"] == [-1.5, 2]  # numbers stay numbers
