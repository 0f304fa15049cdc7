"""Blank cells in the 亩均 page's lists and files only where nothing can be said: a column no row fills
left out of the ranking files, the screen's ranking and the 公示 workbook, its key columns kept (walk
14 item 3); 主要失分指标 says so for a scored firm with no shortfall (「均不低于中位数」 on the
screen), blank for one not scored (walk 14 item 7)."""

from __future__ import annotations

import pytest

from geo.evaluation import evaluate
from geo.evaluation.metrics import assign_zones
from tests.fixtures.evaluation import enterprises, evaluated, notice_book, zones


def _without_industry_and_value_added():
    # as an import without them: the standard columns there, empty on every row
    ents = enterprises().assign(industry=None, value_added_wan_yuan=float("nan"))
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone)
    return res


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ranking_files_leave_out_a_column_no_row_fills(lang):
    """Walk 14 item 3: the 亩均 page's ranking XLSX/CSV, its D list and the screen's ranking had 行业
    and 亩均增加值 (and every indicator not computed) empty on every row; the key columns stay."""
    from pages.efficiency.tables import key_headers, ranking_table, table_labels

    res = _without_industry_and_value_added()
    labels = table_labels(lang)
    for short in (False, True):
        table = ranking_table(res.enterprises, lang, short=short)
        assert labels["industry"] not in table.columns
        assert labels["value_added_per_mu_wan_yuan"] not in table.columns
        assert labels["tax_per_mu_wan_yuan"] in table.columns and labels["name"] in table.columns
        assert len(key_headers(table)) >= 6
        filled = table.notna() & table.astype(str).apply(lambda col: col.str.strip().ne(""))
        assert filled.any().all(), [c for c in table.columns if not filled[c].any()]
    # a table with no row keeps its header, key columns and all (the empty D list)
    empty = ranking_table(res.enterprises.iloc[:0], lang)
    assert labels["name"] in empty.columns and labels["value_added_per_mu_wan_yuan"] in empty.columns


@pytest.mark.parametrize(("lang", "industry"), [("zh", "行业"), ("en", "Industry")])
def test_the_notice_leaves_out_a_column_no_row_fills(lang, industry):
    """Walk 14 item 3: every class and group sheet of the 公示 workbook had an empty 行业 column."""
    res = _without_industry_and_value_added()
    book = notice_book(res.enterprises, res, lang)
    heads = [
        row
        for sheet in book.sheetnames
        for row in book[sheet].iter_rows(values_only=True)
        if row and ("企业名称" in row or "Enterprise name" in row)
    ]
    assert heads and not [h for h in heads if industry in h]
    # with 行业 given it is listed
    full = evaluate(enterprises(), zone=assign_zones(enterprises(), zones()).zone)
    book = notice_book(full.enterprises, full, lang)
    assert any(industry in row for s in book.sheetnames for row in book[s].iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("lang", "short", "word"),
    [
        # the screen, short (its caption and the column's help say it in full; walk 16 item 10,
        # walk20 c10: a bare "None" read as a missing value)
        ("zh", True, "均不低于中位数"),
        ("zh", False, "无（各项均不低于同组中位数）"),
        ("en", True, "None below median"),
        ("en", False, "None (no indicator below the group median)"),
    ],
)
def test_a_firm_with_no_shortfall_says_so(lang, short, word):
    """Walk 14 item 7: 主要失分指标 was blank for a firm not below the group median on any indicator,
    while the caption says a blank cell cannot be computed; blank stays for a firm not scored."""
    from pages.efficiency.tables import ranking_table, table_labels

    ents = evaluated()
    ents.loc[ents.index[0], "scored"] = False  # as a firm not scored (class T)
    ents.loc[ents.index[0], "score"] = float("nan")
    table = ranking_table(ents, lang, short=short)
    reasons = table[table_labels(lang)["reasons"]].astype(object)
    nothing = (ents["reasons"].astype(object).fillna("") == "").to_numpy()
    scored = ents["scored"].astype(bool).to_numpy()
    assert (nothing & scored).any() and (nothing & ~scored).any()
    assert (reasons[nothing & scored] == word).all()
    assert reasons[nothing & ~scored].fillna("").eq("").all()
    assert word not in set(reasons[~nothing])
