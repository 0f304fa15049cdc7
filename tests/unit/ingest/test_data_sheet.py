"""A workbook that opens on its notes (填表说明) with the firms on a second sheet (walk 15 item 6): the
reader looks at the other sheets, reads the one that has longitude/latitude columns and says which,
for the 数据管理 page and the command line alike; with several, it names them and how to choose."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from geo import ingest
from geo.cli import main
from geo.messages.notes import text_in
from tests.fixtures.cli import import_options

_HEADER = (
    "企业名称",
    "所在镇（区）",
    "用地面积（亩）",
    "实缴税金（万元）",
    "销售收入（万元）",
    "高德经度",
    "高德纬度",
)
_ROWS = (
    ("甲公司", "盛泽镇", 10, 50, 1000, 120.6412, 30.9023),
    ("乙公司", "七都镇", 20, 90, 3000, 120.4521, 30.9637),
)


def _book(*sheets: str) -> bytes:
    """A workbook of ``sheets``: 说明… sheets hold notes, the others the firms."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets:
        sheet = book.create_sheet(name)
        if "说明" in name:
            sheet.append(("说明",))
            sheet.append(("数据来源：区工信局",))
            sheet.append(("坐标：高德（GCJ-02）",))
        else:
            sheet.append(_HEADER)
            for row in _ROWS:
                sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _notes(found, lang: str) -> str:
    return " ".join(text_in(n, lang) for n in found.notes)


def test_the_one_sheet_with_coordinates_is_read_and_said():
    found = ingest.inspect_upload(_book("填表说明", "企业名单"), "企业_2024.xlsx", kind="enterprises")
    assert found.layer == "企业名单" and found.layers == ("填表说明", "企业名单")
    assert (found.lon_col, found.lat_col) == ("高德经度", "高德纬度")
    zh = _notes(found, "zh")
    assert "已读取工作表「企业名单」（第一个工作表「填表说明」没有经纬度列）" in zh, zh
    assert "没有找到经纬度列" not in zh
    en = _notes(found, "en")
    assert "Read the sheet “企业名单” (the first sheet, “填表说明”, has no longitude/latitude columns)" in en
    result = ingest.read_upload(
        _book("填表说明", "企业名单"), "企业_2024.xlsx", kind="enterprises", frame="gcj02"
    )
    assert list(result.frame["name"]) == ["甲公司", "乙公司"]


def test_several_sheets_with_coordinates_are_named_with_how_to_choose():
    found = ingest.inspect_upload(_book("说明", "盛泽", "七都"), "企业_2024.xlsx")
    assert found.layer == "盛泽"
    zh = _notes(found, "zh")
    assert "已读取工作表「盛泽」（第一个工作表「说明」没有经纬度列）；工作表「七都」也有经纬度列" in zh, zh
    assert "请在「图层 / 工作表」中选择（命令行：--layer 工作表名）" in zh, zh
    assert "the sheets “七都” have them too" in _notes(found, "en")
    chosen = ingest.inspect_upload(_book("说明", "盛泽", "七都"), "企业_2024.xlsx", layer="七都")
    assert chosen.layer == "七都" and "已读取工作表" not in _notes(chosen, "zh")  # a choice is kept


@pytest.mark.parametrize("sheets", [("企业名单", "填表说明"), ("企业名单",), ("说明", "填表说明")])
def test_a_first_sheet_with_coordinates_or_no_sheet_with_them_is_read_as_before(sheets):
    found = ingest.inspect_upload(_book(*sheets), "企业.xlsx")
    assert found.layer == sheets[0]
    assert "已读取工作表" not in _notes(found, "zh")


def test_the_command_line_reads_the_data_sheet_and_says_so(tmp_path: Path, capsys):
    path = tmp_path / "吴江企业说明在前_2024.xlsx"
    path.write_bytes(_book("填表说明", "企业名单"))
    given = import_options(tmp_path / "s.gpkg", "gcj02")
    assert main(["--lang", "zh", "import", str(path), *given, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "已读取工作表「企业名单」（第一个工作表「填表说明」没有经纬度列）" in out, out
    assert "读入 2 行：通过 2 行" in out, out
