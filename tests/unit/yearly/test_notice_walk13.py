"""Walk 13 on the 亩均 page's 公示 workbook and parameters: an evaluation with no 规下 enterprise says
so once (「规下：无企业，未评价」), not its weights and "基准无法计算"; an empty class list says there
are none instead of a bare header (its own sheet: the header row, then that line)."""

from __future__ import annotations

import pytest

from geo.evaluation import evaluate
from geo.evaluation.metrics import assign_zones
from geo.evaluation.summary import dropped_reasons
from geo.yearly.notice import config_summary, parameter_rows
from tests.fixtures.evaluation import enterprises, notice_book, zones


def _above_only():
    ents = enterprises()
    ents = ents[ents["above_scale"].astype(bool)].drop(columns=["electricity_kwh"])
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone)
    return res, dropped_reasons(res.enterprises, res.weights, amounts=ents)


def _cells(ws) -> list:
    return [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    ("lang", "below", "empty", "none", "d_sheet"),
    [
        ("zh", "规下", "无企业，未评价", "本类无企业。", "D 类名单"),
        (
            "en",
            "Below designated size",
            "no enterprises, not evaluated",
            "No enterprises in this class.",
            "Class D",
        ),
    ],
)
def test_a_group_or_class_without_enterprises_says_so(lang, below, empty, none, d_sheet):
    res, why = _above_only()
    assert not (res.enterprises["size_class"].astype(str) == "规下").any()
    assert (res.enterprises["eval_class"].astype(str) == "D").sum() == 0
    book = notice_book(res.enterprises, res, lang, used=res.weights, why=why)
    rows = _cells(book[book.sheetnames[0]])
    below_rows = [r for r in rows if r and r[0] == below]
    assert below_rows == [[below, empty]]  # once: no weights, no benchmark, no "基准无法计算"
    text = "\n".join(str(c) for r in rows for c in r)
    assert "基准无法计算" not in text and "no usable benchmark" not in text
    # the empty class: its heading, then a line saying there are none (not a bare header row)
    at = next(i for i, r in enumerate(rows) if r and str(r[0]).startswith(("D 类", "Class D")))
    assert rows[at + 1] == [none]
    # its own sheet: the header row, as the ranking XLSX's class-D sheet (walk16 item 12), then the line
    d_rows = [r for r in _cells(book[d_sheet]) if r]
    assert d_rows[0][0] == ("序号" if lang == "zh" else "No.") and len(d_rows[0]) > 5
    assert d_rows[1:] == [[none]]
    params = parameter_rows(
        res.config, res.benchmarks, year=2024, filters="f", lang=lang, used=res.weights, why=why
    )
    said = "\n".join(params.iloc[:, 0].astype(str) + " " + params.iloc[:, 1].astype(str))
    assert f"· {below} ·" not in said
    summary = config_summary(res.config, lang, used=res.weights, why=why)
    sep = "：" if lang == "zh" else ": "
    assert f"{below}{sep}{empty}" in summary and "基准无法计算" not in summary


@pytest.mark.parametrize(
    ("lang", "zone", "town"),
    [("zh", "区镇/园区", "填报区镇"), ("en", "Town/park", "Stated town")],
)
def test_a_firm_outside_every_zone_reads_a_dash_and_its_stated_town(lang, zone, town):
    """Walk 13 item 3: the page's 公示 lists left the 区镇/园区 of a firm outside every zone blank and
    had no 填报区镇; the screen shows "—" and the stated town."""
    res, why = _above_only()
    outside = res.enterprises["zone"].isna()
    assert outside.any()
    book = notice_book(res.enterprises, res, lang)
    places = []
    for sheet in book.sheetnames:
        rows = list(book[sheet].iter_rows(values_only=True))
        for at in [i for i, r in enumerate(rows) if zone in r]:
            head = list(rows[at])
            assert head[head.index(zone) + 1] == town, sheet
            listed = [r for r in rows[at + 1 :] if r and isinstance(r[0], int)]
            places += [r[head.index(zone)] for r in listed]
    assert places and None not in places and "" not in places
    assert "—" in places


def test_the_ranking_files_write_a_dash_for_a_place_not_known():
    """Walk 13 item 3: the ranking XLSX/CSV (ranking_table's full form) left the 区镇 blank."""
    from pages.efficiency.tables import ranking_table

    res, _why = _above_only()
    table = ranking_table(res.enterprises, "zh")
    assert (table["区镇/园区"] == "—").any() and table["区镇/园区"].notna().all()
