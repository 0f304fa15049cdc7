"""Sheet names that fit Excel's 31 characters without cutting a word or a name (issue 23, the
walk's "Wujiang towns_zones (schemat"): the data page's layers in English, duplicates numbered,
a title with no part that fits numbered, the whole title kept in the about sheet; the publication
and collection workbooks name their sheets the same way."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from geo.collect.report import safe_xlsx_bytes
from geo.exports.sheets import SHEET_MAX, sheet_names
from geo.exports.tables import xlsx_bytes
from geo.publication.exports import table_xlsx_bytes

TOWNS_EN = "Wujiang towns/zones (schematic extent)"
FIRMS_EN = "Wujiang enterprises (synthetic, coloured by industry)"


def test_long_titles_lose_their_notes_then_whole_words():
    assert sheet_names(["Districts", TOWNS_EN, FIRMS_EN], lang="en") == [
        "Districts",  # fits: itself
        "Wujiang towns-zones",  # "/" is refused by Excel; the bracketed note goes first
        "Wujiang enterprises",
    ]
    # cut between words, never on a dangling small word ("… by town and")
    assert sheet_names(["Low-efficiency land by town and year and method of handling"], lang="en") == [
        "Low-efficiency land by town"
    ]
    # Chinese: after a mark, never inside a name
    assert sheet_names(["吴江企业（合成，按产业着色，示意点位，来自区工信局二〇二四年报表）"]) == ["吴江企业"]


def test_names_are_unique_without_case_and_a_title_with_no_fitting_part_is_numbered():
    same = "Parcels below the control minimum (synthetic)"
    assert sheet_names([same, same, "x" * 40, "ABOUT"], lang="en", taken=["About"]) == [
        "Parcels below the control",
        "Parcels below the control (2)",
        "Sheet 3",
        "ABOUT (2)",
    ]
    assert sheet_names(["苏州市吴江区十四五工业经济高质量发展规划重点产业空间布局载体园区"]) == ["表 1"]
    with pytest.raises(ValueError):
        sheet_names(["x"], lang="fr")


def test_the_data_pages_english_workbook_names_its_sheets_whole_and_lists_the_titles():
    frame = pd.DataFrame({"name": ["a"]})
    data = xlsx_bytes({"Districts": frame, TOWNS_EN: frame, FIRMS_EN: frame}, title="t", lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Districts", "Wujiang towns-zones", "Wujiang enterprises", "About"]
    about = {row[0]: row[1] for row in wb["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Sheet “Wujiang towns-zones”"] == TOWNS_EN
    assert about["Sheet “Wujiang enterprises”"] == FIRMS_EN
    assert "Sheet “Districts”" not in about  # a sheet named by its whole title is not listed


def test_the_publication_and_collection_workbooks_cut_no_word():
    table = pd.DataFrame({"a": [1]})
    long = "Objection register of the published version V12 (2024)"
    wb = openpyxl.load_workbook(io.BytesIO(table_xlsx_bytes(table, title="t", sheet=long)))
    assert wb.sheetnames == ["Objection register"]
    sheets = {
        "Tax bureau rows not matched to the register": table,
        "Tax bureau rows not matched to codes": table,
    }
    wb = openpyxl.load_workbook(io.BytesIO(safe_xlsx_bytes(sheets)))
    assert wb.sheetnames == ["Tax bureau rows not matched", "Tax bureau rows not matched (2)"]
    assert all(len(n) <= SHEET_MAX for n in wb.sheetnames)
