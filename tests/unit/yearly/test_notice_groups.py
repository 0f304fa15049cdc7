"""What the 公示 workbook and its parameters say of each size group: a group or class without enterprises
(in the evaluation, walk 13, or in the page's scope, walk 14 item 8) said once, without its weights
and benchmark; a group's benchmarks listed only for the indicators it uses (walk 14 item 8)."""

from __future__ import annotations

import pytest

from geo.evaluation import evaluate
from geo.evaluation.metrics import assign_zones
from geo.yearly.notice import config_summary, parameter_rows
from tests.fixtures.evaluation import above_only, enterprises, notice_book, zones


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
    res, why = above_only()
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


def _scope_without_below():
    """The whole evaluation (规上 and 规下, 规下 without 用电量) and a scope of it with 规上 only, as
    the page's filter to 七都装备园 in walk 14."""
    from geo.evaluation.summary import dropped_reasons, scope_reasons

    ents = enterprises().assign(electricity_kwh=float("nan"))
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone)
    whole = dropped_reasons(res.enterprises, res.weights, amounts=ents)
    scope = res.enterprises[res.enterprises["size_class"].astype(str) == "规上"]
    return res, whole, scope, scope_reasons(whole, scope, res.weights)


@pytest.mark.parametrize(
    ("lang", "below", "words"),
    [("zh", "规下", "本范围无企业"), ("en", "Below designated size", "no enterprises in this scope")],
)
def test_a_size_group_empty_in_the_scope_is_said_once_without_its_rules(lang, below, words):
    """Walk 14 item 8: filtered to a park with 1 规上 and 0 规下 firms, the 公示 XLSX listed 规下's
    weights and benchmark and no line saying 规下 has none; the banner named 规下's missing 用电量."""
    from geo.evaluation.notes import notes_in_scope
    from geo.evaluation.summary import NO_ENTERPRISES
    from geo.yearly.notice import config_summary, parameter_rows

    res, whole, scope, why = _scope_without_below()
    assert ("规下", "tax_per_kwh_yuan") in whole  # the whole evaluation: 规下 lacks 用电量
    assert [k for k in why if k[0] == "规下"] == [("规下", NO_ENTERPRISES)]
    book = notice_book(scope, res, lang, used=res.weights, why=why)
    rows = [[c for c in r if c is not None] for r in book[book.sheetnames[0]].iter_rows(values_only=True)]
    assert [r for r in rows if r and r[0] == below] == [[below, words]]  # once: no weights, no benchmark
    params = parameter_rows(
        res.config, res.benchmarks, year=2024, filters="f", lang=lang, used=res.weights, why=why
    )
    said = "\n".join(params.iloc[:, 0].astype(str) + " " + params.iloc[:, 1].astype(str))
    assert f"· {below} ·" not in said and words in said
    assert words in config_summary(res.config, lang, used=res.weights, why=why)
    # the banner: no note on 规下's dropped indicator, one line saying it has none here
    notes = notes_in_scope(res.notes_en if lang == "en" else res.notes, ["规下"], lang)
    text = "\n".join(notes)
    assert ("用电" not in text) if lang == "zh" else ("kWh" not in text)
    assert sum(words in n for n in notes) == 1


@pytest.mark.parametrize(
    ("lang", "below", "sales"), [("zh", "规下", "亩均销售收入"), ("en", "Below", "Sales per mu")]
)
def test_the_parameters_list_a_groups_benchmarks_only_for_its_indicators(lang, below, sales):
    """Walk 14 item 8: 评价参数 listed 「基准值 · 规下 · 亩均销售收入」 though 规下 does not use it."""
    from geo.yearly.notice import parameter_rows

    ents = enterprises()
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone)
    assert "sales_per_mu_wan_yuan" not in {k for k, w in res.config.weights_for("规下").items() if w > 0}
    params = parameter_rows(res.config, res.benchmarks, year=2024, filters="f", lang=lang, used=res.weights)
    items = params.iloc[:, 0].astype(str)
    below_rows = [i for i in items if f"· {below}" in i]
    assert below_rows and not [i for i in below_rows if sales in i]
    assert [i for i in items if sales in i]  # 规上's
