"""Walk 14 on the 亩均 page's tables and files: one English name per stated town on the screen and in
the files; no column every row leaves empty in the page's files."""

from __future__ import annotations

import pytest

from geo.evaluation import evaluate
from geo.evaluation.metrics import ZONE_COL, assign_zones
from tests.fixtures.evaluation import enterprises, notice_book, zones


def _evaluated(towns: dict[str, str] | None = None):
    ents = enterprises()
    if towns:
        ents["town"] = ents["town"].map(lambda v: towns.get(v, v))
    return evaluate(ents, zone=assign_zones(ents, zones()).zone).enterprises


def test_the_screen_names_a_stated_town_as_the_files_do():
    """Walk 14 item 1: 企业排名 and 分组名单 (the screen's form, ``short=True``) read "Qidu" and
    "Shengze" where every file reads "Qidu Town" and "Shengze Town"."""
    from pages.efficiency.tables import ranking_table

    ents = _evaluated({"北区": "七都镇", "城外": "盛泽镇", "中区": "震泽"})
    ents[ZONE_COL] = ents[ZONE_COL].astype(object).map({"北区": "七都镇", "中区": "吴江高新区（盛泽镇）"})
    screen = ranking_table(ents, "en", short=True)
    files = ranking_table(ents, "en")
    stated = "Stated town"  # the screen heads it short (walk 16 item 10), its help in full
    assert set(screen["Stated town"].dropna()) == {"Qidu Town", "Shengze Town", "Zhenze", "—"}
    assert screen["Stated town"].tolist() == files[stated].tolist()
    # a town's zone as the files name it; a management zone's long name short on the screen only
    assert {"Qidu Town", "Shengze"} <= set(screen["Town/park"])
    assert {"Qidu Town", "Wujiang Hi-tech Zone (Shengze Town)"} <= set(files["Town/park"])


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

    ents = _evaluated()
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
