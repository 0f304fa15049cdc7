"""The yearly cycle on 亩均效益评价: year comparison, weights kept and checked, named configurations,
the enterprise's own years (in Chromium: tests/browser/test_efficiency.py).

Expected figures come from geo/ on the same demo GeoPackage (the synthetic years 2020–2022).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo import yearly
from geo.evaluation import default_config
from tests.fixtures import APP
from tests.fixtures.app import open_page


@pytest.fixture
def user_dir(user_gpkg):
    """The folder of the test's own empty user store (tests/conftest.py)."""
    return user_gpkg.parent


def _page() -> AppTest:
    return open_page("pages/efficiency.py", timeout=180)


def _open_params(at: AppTest) -> AppTest:
    """Open the folded parameter editor (its widgets are drawn only while it is open)."""
    at.session_state["eff_params_open"] = True
    return at.run()


def test_year_comparison_shows_the_engines_transitions(demo_years, user_dir):
    at = _page()
    at.session_state["eff_tab"] = "年度对比"  # the tabs below the ranking: only the open one is drawn
    at.run()
    assert "年度对比：2021 年 → 2022 年" in [s.value for s in at.subheader]
    assert any("两年均按当前权重与规则重新评价" in i.value for i in at.info)
    changes = yearly.class_changes(demo_years[2021], demo_years[2022])
    wide = yearly.transition_table(yearly.transition_matrix(changes))
    shown = next(df.value for df in at.dataframe if "上年 \\ 本年" in df.value.columns).set_index(
        "上年 \\ 本年"
    )
    for row in ("NEW", "A", "D", "T"):
        for col in ("A", "D", "T", "GONE"):
            assert shown.loc[row, col] == wide.loc[row, col], (row, col)
    n_new, n_gone = int(wide.loc["NEW", "合计"]), int(wide.loc["合计", "GONE"])
    assert any(c.value == f"新进入 {n_new:,} 家，退出 {n_gone:,} 家（当前范围）。" for c in at.caption)
    # Warnings: the engine's list for 2022 under the default rules.
    warned = yearly.early_warnings(demo_years, 2022, default_config().warning_rules)
    at.session_state["eff_tab"] = "预警"
    at.run()
    assert f"预警企业（{warned['ent_id'].nunique():,} 家）" in [s.value for s in at.subheader]
    assert not any(s.value.startswith("年度对比") for s in at.subheader)  # that tab is closed now
    # Another year compares with the one before it; the first year has nothing to compare with.
    at.session_state["eff_tab"] = "年度对比"
    at.selectbox(key="eff_year").set_value(2021).run()
    assert "年度对比：2020 年 → 2021 年" in [s.value for s in at.subheader]
    at.selectbox(key="eff_year").set_value(2020).run()
    assert not any(s.value.startswith("年度对比") for s in at.subheader)
    # The tab stays (and stays open): it says why there is nothing to compare.
    assert at.session_state["eff_tab"] == "年度对比"
    cmp_tab = next(tab for tab in at.tabs if tab.label == "年度对比")
    assert any(c.value.startswith("没有可比的上一年") for c in cmp_tab.caption)


def test_weights_not_100_warn_before_use_and_survive_navigation(demo_years, user_dir):
    at = _open_params(_page())
    scores = lambda: at.dataframe[0].value["综合得分"].round(6).tolist()  # noqa: E731
    before = scores()
    at.number_input(key="eff_w_above_tax_per_mu_wan_yuan").set_value(60.0).run()  # 规上 total 120
    assert any("权重合计不等于 100" in w.value and "规上权重合计 120 分" in w.value for w in at.warning)
    assert any("未确认" in i.value for i in at.info)
    assert scores() == before  # not used yet
    at.checkbox(key="eff_accept_weights").check().run()
    assert not at.exception
    used = scores()
    assert used != before and max(used) > max(before)
    # Leave the page and come back: the weights and the evaluation are still the user's.
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/efficiency.py").run()
    assert not at.exception
    assert at.number_input(key="eff_w_above_tax_per_mu_wan_yuan").value == 60.0
    assert scores() == used
    assert not any("未确认" in i.value for i in at.info)  # the confirmation holds for these totals
    # Other totals ask again before they are used.
    at.number_input(key="eff_w_above_tax_per_mu_wan_yuan").set_value(70.0).run()
    assert any("规上权重合计 130 分" in w.value for w in at.warning)
    assert any("仍按上次使用的权重评价" in i.value for i in at.info)
    assert scores() == used


def test_named_configuration_saved_and_loaded(user_dir):
    at = _open_params(_page())
    at.number_input(key="eff_multiple").set_value(3.0)
    at.text_input(key="eff_cfg_name").set_value("倍数三")
    at.button(key="eff_cfg_save").click().run()
    assert any("已保存配置「倍数三」" in s.value for s in at.success)
    from geo.evaluation.named import list_named_configs
    from geo.storage import audit

    store = user_dir / "atlas_user.gpkg"  # a table of the selected store, no file beside it
    assert [
        (c.name, c.official, c.config["benchmark"]["multiple"]) for c in list_named_configs(store=store)
    ] == [("倍数三", False, 3.0)]
    assert not (user_dir / "eval_configs").exists()
    # Single-user mode: this user is an editor and may save the official configuration.
    at.button(key="eff_cfg_official").click().run()
    assert [c.official for c in list_named_configs(store=store)] == [True, False]

    saved = audit.audit_log(store=user_dir / "atlas_user.gpkg")
    saved = saved[saved["action"] == "config_saved"]
    assert len(saved) == 2 and "倍数三" in set(saved["title"])  # both saves are on record (留痕)
    at.run()  # the list above the buttons shows it from the next run on
    assert at.selectbox(key="eff_cfg_choice").options[1].startswith("正式配置")
    # The save is said until the editor changes: a rerun of its own (the map's) does not take it away.
    assert [s.value for s in at.success if "已保存" in s.value] == ["已保存为正式配置"]
    at.number_input(key="eff_multiple").set_value(2.0).run()
    assert not [s.value for s in at.success if "已保存" in s.value]
    choice = next(o for o in at.selectbox(key="eff_cfg_choice").options if "倍数三" in o and "正式" not in o)
    at.selectbox(key="eff_cfg_choice").set_value(
        next(k for k in at.selectbox(key="eff_cfg_choice").options if k == choice)
    )
    at.run()
    at.button(key="eff_cfg_load").click().run()
    assert at.number_input(key="eff_multiple").value == 3.0


def test_a_viewer_cannot_save_the_official_configuration(user_dir):
    from geo.storage.accounts import hash_password

    at = AppTest.from_file(str(APP), default_timeout=180)
    at.secrets["atlas"] = {"accounts": {"zhangsan": hash_password("correct horse")}}  # nobody logged in
    at.run()
    at.session_state["eff_params_open"] = True
    at.switch_page("pages/efficiency.py").run()
    assert not at.exception
    assert [b for b in at.button if b.key == "eff_cfg_save"]  # the editor is drawn, open
    assert not [b for b in at.button if b.key == "eff_cfg_official"]
    assert any("保存正式配置需编辑权限" in c.value for c in at.caption)


def test_enterprise_profile_by_id(demo_years, user_dir):
    at = _page()
    # An enterprise that moved between 2021 and 2022, with its three years.
    changes = yearly.class_changes(demo_years[2021], demo_years[2022])
    mover = changes[(changes["steps"] < 0)].iloc[0]
    at.text_input(key="eff_profile_id").set_value(mover["ent_id"]).run()
    profile = next(df.value for df in at.dataframe if "行业内排名" in df.value.columns)
    assert list(profile["年份"]) == ["2020 年", "2021 年", "2022 年"]
    assert list(profile["评价类别"])[1:] == [mover["from_class"], mover["to_class"]]
    assert any(mover["ent_id"] in t.value for t in at.text)


def test_the_profile_names_the_shortfalls_in_full_in_either_language(demo_years):
    """The English ranking names the shortfalls short ("Tax/mu"); the profile names them in full."""
    latest = demo_years[2022]
    ent = latest[latest["scored"] & latest["reasons"].astype(str).str.contains("全员劳动生产率")].iloc[0]
    for lang, column, word in (
        ("zh", "主要失分指标", "全员劳动生产率"),
        ("en", "Main shortfalls", "Value added per employee"),
    ):
        at = open_page("pages/efficiency.py", timeout=180, lang=lang)
        at.text_input(key="eff_profile_id").set_value(ent["ent_id"]).run()
        profile = next(df.value for df in at.dataframe if column in df.value.columns and len(df.value) == 3)
        assert word in profile[column].iloc[-1], (lang, profile[column].tolist())


def test_the_english_profile_names_industry_town_and_size_in_english_key_columns_first(demo_years):
    """The walk's 15_eff_en_profile2.png: the heading and the yearly table said 高端纺织 ·
    吴江高新区（盛泽镇） · 规上 on the English page, and score, class, rank and warnings were columns
    14–20 (a sideways scroll at 1280 px): now year, score, class, rank first, in English (the warnings
    whole under the table)."""
    latest = demo_years[2022]
    ent = latest[latest["scored"] & (latest["zone"] == "吴江高新区（盛泽镇）")].iloc[0]
    at = open_page("pages/efficiency.py", timeout=180, lang="en")
    at.text_input(key="eff_profile_id").set_value(ent["ent_id"]).run()
    profile = next(df.value for df in at.dataframe if "Year" in df.value.columns)
    # the warnings whole under the table (a cell cut them), not a column of it
    assert list(profile.columns[:4]) == ["Year", "Score (points)", "Class", "Rank"]
    assert "Warnings that year" not in profile.columns
    assert set(profile["Town/park"]) == {"Wujiang Hi-tech Zone (Shengze Town)"}
    assert set(profile["Size"]) <= {"Above designated size", "Below designated size"}
    assert not any("规" in str(v) for v in profile["Size"])
    assert not any(ch >= "\u4e00" for v in profile["Industry"] for ch in str(v)), profile["Industry"].tolist()
    heading = next(t.value for t in at.text if ent["ent_id"] in t.value)
    assert "Wujiang Hi-tech Zone (Shengze Town)" in heading and "吴江高新区" not in heading, heading
    assert profile["Rank"].iloc[-1] == int(ent["rank"])


def test_the_chinese_profile_puts_the_key_columns_first(demo_years):
    latest = demo_years[2022]
    ent = latest[latest["scored"]].iloc[0]
    at = _page()
    at.text_input(key="eff_profile_id").set_value(ent["ent_id"]).run()
    profile = next(df.value for df in at.dataframe if "年份" in df.value.columns)
    assert list(profile.columns[:4]) == ["年份", "综合得分（分）", "评价类别", "排名"]
    assert profile["区镇/园区"].iloc[-1] == ent["zone"]
