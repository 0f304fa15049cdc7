"""The evaluation page's files as walk12 read them: the ranking XLSX headed one rank two ways (the
selection's, 1, and the evaluation's, 4527, both "排名（规上/规下内）"), and the files said only
"无数据 / no data" for an indicator left out where the page names the input it lacks
(「单位排放税收缺少污染物排放当量数据」)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.fixtures.app import MadeOnRead, open_page, record_downloads

SHENGZE = "吴江高新区（盛泽镇）"


def _downloads(lang: str | None, towns: list[str] | None = None) -> MadeOnRead:
    """Label -> (file name, bytes) of every download button of the page (filtered to ``towns``),
    made as a click would make them."""
    with pytest.MonkeyPatch.context() as mp:
        got = record_downloads(mp)
        at = open_page("pages/efficiency.py", timeout=120, lang=lang)
        if towns:
            at.multiselect(key="eff_towns").set_value(towns).run()
        assert not at.exception
    return got


@pytest.fixture(scope="module")
def chinese_shengze():
    return _downloads(None, [SHENGZE])


@pytest.fixture(scope="module")
def english_all():
    return _downloads("en")


def _rows(book, sheet: str) -> list[tuple]:
    return [r for r in book[sheet].iter_rows(values_only=True) if any(v is not None for v in r)]


def _text(book) -> str:
    cells = (v for ws in book for r in ws.iter_rows(values_only=True) for v in r)
    return "\n".join(str(v) for v in cells if v is not None)


def test_the_ranking_workbook_names_each_rank_apart(chinese_shengze):
    _name, data = chinese_shengze["下载排名表（Excel）"]
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    ranking = _rows(book, "企业排名")
    head = list(ranking[0])
    # headed as the screen heads it (walk13 item 8: the file said 筛选内排名（规上/规下内）)
    assert head[0] == "组内排名" and "筛选内排名" in head
    at = head.index("筛选内排名")
    group = [r[0] for r in ranking[1:]]
    selection = [r[at] for r in ranking[1:]]
    assert min(selection) == 1 and group != selection  # one 区镇 of the whole evaluation
    assert all(g >= s for g, s in zip(group, selection, strict=True))
    # the D list gives the evaluation's rank, under the same header; no header is used twice
    d_list = _rows(book, "D 类企业清单")
    assert d_list[0][0] == "组内排名" and "筛选内排名" not in d_list[0]
    for sheet in ("企业排名", "D 类企业清单"):
        header = [h for h in _rows(book, sheet)[0] if h]
        assert len(header) == len(set(header))
    _name, data = chinese_shengze["下载排名表（CSV）"]
    csv_head = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert csv_head[0] == "组内排名" and "筛选内排名" in csv_head


def test_the_chinese_files_name_the_input_a_dropped_indicator_lacks(chinese_shengze):
    _name, data = chinese_shengze["下载排名表（Excel）"]
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    weights = dict(_rows(book, "评价参数"))["权重"]
    assert "单位排放税收缺少污染物排放当量数据，不计" in weights
    assert "缺数据不计" not in weights
    _name, data = chinese_shengze["下载排名表（CSV）"]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    config = rows[1][rows[0].index("评价配置")]
    assert "单位排放税收缺少污染物排放当量数据" in config and "缺数据不计" not in config
    _name, data = chinese_shengze["下载公示名单（Excel）"]
    notice = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    text = _text(notice)
    assert "单位排放税收缺少污染物排放当量数据，未参评；其权重按比例分给其余指标" in text
    assert "无数据" not in text and "缺数据不计" not in text


def test_the_english_files_name_the_input_a_dropped_indicator_lacks(english_all):
    _name, data = english_all["Download ranking (CSV)"]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    config = rows[1][rows[0].index("Configuration")]
    assert "as Tax per pollutant equivalent has no pollutant equivalent data" in config
    assert "(no data)" not in config
    _name, data = english_all["Download ranking (Excel)"]
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert "(no data)" not in _text(book)
    assert "has no pollutant equivalent data" in dict(_rows(book, "Parameters"))["Weights"]
    for label in ("Notice (Chinese, as published)", "Notice (English edition)"):
        _name, data = english_all[label]
        text = _text(openpyxl.load_workbook(io.BytesIO(data), read_only=True))
        assert "no data" not in text and "无数据" not in text, label
    _name, data = english_all["Notice (English edition)"]
    text = _text(openpyxl.load_workbook(io.BytesIO(data), read_only=True))
    assert "Tax per pollutant equivalent has no pollutant equivalent data: left out" in text
