"""亩均效益评价's lists per group and the profile's land allocation (pages/efficiency/groups.py),
drawn by Streamlit's AppTest from the tenants fixture of tests/fixtures/groups.py."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script(lang: str, rule: str) -> None:
    import pandas as pd

    from geo.evaluation import config_from_mapping, evaluate
    from pages.efficiency.groups import group_lists, land_allocation
    from tests.fixtures.groups import GROUPS, grouped_table

    table = grouped_table()
    table.loc[table["ent_id"] == "T1", "name"] = "T1 *粗体* [链接](http://x)"  # drawn as itself
    config = config_from_mapping(
        {"groups": GROUPS, "benchmark": {"within": "size"}, "land_sharing": {"rule": rule}}
    )
    result = evaluate(table, config=config)
    group_lists(result.enterprises, result.config, result.benchmarks, lang)
    land_allocation(result.enterprises, "T1", lang)
    land_allocation(result.enterprises, "A1", lang)  # its own land: nothing to say
    assert isinstance(result.enterprises, pd.DataFrame)


def _run(lang: str, rule: str = "share") -> AppTest:
    at = AppTest.from_function(_script, kwargs={"lang": lang, "rule": rule}, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _opened(at: AppTest, i: int):
    """The list of the group tab ``i`` once it is opened (only the open tab's list is drawn)."""
    at.session_state["eff_group_tabs"] = at.tabs[i].label
    at.run()
    assert not at.exception, at.exception
    (table,) = at.dataframe
    return table.value


def test_one_tab_per_group_with_its_method_and_ranked_list():
    at = _run("zh")
    assert [tab.label for tab in at.tabs] == [
        "规上（2 家）",
        "规下（≥3亩）（3 家）",
        "规下（\\<3亩）（1 家）",
        "租户（2 家）",
    ]
    texts = [m.value for m in at.markdown]
    assert "**指标权重**：亩均税收 100（合计 100）" in texts
    assert any(v.startswith("**分类标准**：按得分线：A ≥ 80 分") for v in texts)
    # only the open tab's list is sent: the lists hold every enterprise of the scope again (the
    # Wujiang page carried 8.8 MB per load with all four)
    (first,) = at.dataframe
    assert first.value["规模"].tolist() == ["规上", "规上"]
    tenants = _opened(at, 3)
    assert tenants["组内排名"].tolist() == [1, 2]
    assert tenants["评价类别"].tolist() == ["A", "D"]
    assert tenants["用地身份"].tolist() == ["租户", "租户"] and tenants["用地分摊比例（%）"].tolist() == [
        25.0,
        25.0,
    ]
    # a value not known (no 行业 imported) reads blank as in the ranking, never a grey "None" (walk13 item 4)
    assert at.dataframe[0].proto.HasField("placeholder") and at.dataframe[0].proto.placeholder == ""
    small = _opened(at, 2)
    assert small["评价状态"].tolist() == ["不参评：规下（<3亩）（仅列入名单，不评分）"]


def test_the_profile_says_how_the_land_was_shared_and_escapes_names():
    at = _run("zh")
    (note,) = at.info
    assert note.value.startswith(
        "共用宗地（园区）P1：合计 6\\.00 亩；本企业为租户，房东为 H公司；按使用建筑面积分摊"
    )
    assert "分得 25\\.0% = 1\\.50 亩" in note.value
    table = _opened(at, 3)
    assert "T1 *粗体* [链接](http://x)" in table["企业名称"].tolist()  # a table cell is text as it is
    english = _run("en", rule="host")
    (note,) = english.info
    assert "a tenant of H公司" in note.value and "all the land counted to the host" in note.value
    tenants = _opened(english, 3)
    assert set(tenants["Status"]) == {"not scored: tenant, all land counted to its host “H公司”"}
