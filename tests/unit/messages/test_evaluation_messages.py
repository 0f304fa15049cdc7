"""Errors of the evaluation and the yearly cycle in both languages: real bad inputs give the Chinese
sentence as ``str(err)`` (as before the catalogue) and the English one from ``err.text("en")``."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.errors import DataValidationError
from geo.evaluation.compounds import allocate_land
from geo.evaluation.groups import LandSharing
from geo.evaluation.metrics import check_enterprises
from geo.evaluation.published import method_mapping
from geo.evaluation.summary import rank_by
from geo.messages import MESSAGES
from geo.yearly.transitions import class_changes, published_classes, split_years


def _raised(call, *args, **kwargs) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        call(*args, **kwargs)
    return info.value


def test_repeated_enterprise_ids():
    table = pd.DataFrame({"ent_id": ["E1", "E2", "E1"], "land_mu": [1.0, 2.0, 3.0]})
    err = _raised(check_enterprises, table)
    assert err.key == "evaluation.duplicate_ids"
    assert str(err) == "企业编号重复：E1。每家企业只能有一行；请合并或删除重复记录后重新导入"
    assert err.text("en") == (
        "Enterprise IDs repeat: E1. Each enterprise may have one row only; "
        "merge or delete the repeated records and import again"
    )


def test_negative_land_and_text_in_a_number_column():
    table = pd.DataFrame({"ent_id": ["E1", "E2"], "land_mu": [1.0, -2.0]})
    err = _raised(check_enterprises, table)
    assert str(err) == "字段「land_mu」不能为负数：企业 E2。请核对这些企业的数据"
    assert (
        err.text("en")
        == "The column “land_mu” cannot be negative: enterprises E2. Check these enterprises' data"
    )
    table = pd.DataFrame({"ent_id": ["E1", "E2"], "tax_wan_yuan": ["12", "十二"]})
    err = _raised(check_enterprises, table)
    assert str(err) == "字段「tax_wan_yuan」含有非数值：E2='十二'。请只填数字（单位见字段名），不知道的留空"
    assert err.text("en") == (
        "The column “tax_wan_yuan” holds values that are not numbers: E2='十二'. "
        "Fill in numbers only (the unit is in the column name); leave unknown values empty"
    )


def test_a_shared_plot_with_two_landlords():
    table = pd.DataFrame(
        {
            "ent_id": ["E1", "E2", "E3"],
            "name": ["甲公司", "乙公司", "丙公司"],
            "land_mu": [10.0, 0.0, 0.0],
            "compound_id": ["P1", "P1", "P1"],
            "land_host": ["是", "是", "否"],
        }
    )
    err = _raised(allocate_land, table, sharing=LandSharing(rule="share"))
    assert str(err) == (
        "共用宗地（园区）「P1」有 2 家标为土地权利人（房东）：甲公司、乙公司。"
        "每个宗地（园区）只能有一家房东，其余企业标为租户（否）"
    )
    assert err.text("en") == (
        "The shared plot (park) “P1” has 2 enterprises marked as land-right holder (landlord): "
        "甲公司, 乙公司. "
        "Each plot (park) can have one landlord only; mark the other enterprises as tenants (否)"
    )


def test_shares_that_do_not_add_up_to_100():
    table = pd.DataFrame(
        {
            "ent_id": ["E1", "E2"],
            "land_mu": [10.0, 0.0],
            "compound_id": ["P1", "P1"],
            "land_share_pct": [60.0, 30.5],
        }
    )
    err = _raised(allocate_land, table, sharing=LandSharing(rule="share"))
    assert (
        str(err)
        == "共用宗地（园区）「P1」的用地分摊比例合计 90.5%，应为 100%。请核对各企业的「用地分摊比例（%）」"
    )
    assert err.text("en").startswith("The land shares of the shared plot (park) “P1” add up to 90.5%;")


def test_ranking_by_a_missing_column_and_an_unknown_method():
    err = _raised(rank_by, pd.DataFrame({"score": [1.0]}), by=["industry", "town"])
    assert str(err) == "无法按 industry、town 排名：评价结果中没有该字段"
    assert err.text("en") == "Cannot rank by industry, town: the evaluation results have no such column"
    err = _raised(method_mapping, "不存在的方法")
    assert str(err).startswith("没有名为「不存在的方法」的评价方法。可选：")
    assert err.text("en").startswith(
        "There is no evaluation method named “不存在的方法”. Methods available: "
    )


def test_last_years_classes_and_years():
    err = _raised(published_classes, pd.DataFrame({"ent_id": ["E1"], "eval_class": ["E"]}))
    assert str(err) == "上年结果的类别无法识别：E。类别应为 A、B、C、D 或 T"
    assert (
        err.text("en")
        == "Last year's results hold classes that are not recognised: E. A class is A, B, C, D or T"
    )
    err = _raised(split_years, pd.DataFrame({"ent_id": ["E1", "E2"], "year": [2023, "二〇二四"]}))
    assert str(err) == "年份字段「year」有空值或不是整数年份。请填写四位数年份，如 2022"
    assert err.text("en") == (
        "The year column “year” has empty cells or values that are not whole years. "
        "Fill in four-digit years, e.g. 2022"
    )


def test_this_years_and_last_years_tables_are_told_apart():
    good = pd.DataFrame({"ent_id": ["E1"], "eval_class": ["A"]})
    err = _raised(class_changes, good, pd.DataFrame({"ent_id": ["E1"]}))
    assert str(err) == "本年结果缺少 ent_id 或 eval_class。请先做评价"
    assert err.text("en") == "This year's results lack ent_id or eval_class. Run the evaluation first"
    twice = pd.DataFrame({"ent_id": ["E1", "E1"], "eval_class": ["A", "B"]})
    err = _raised(class_changes, twice, good)
    assert str(err) == "上年表中企业编号重复：E1。每家企业一行"
    assert err.text("en") == "Enterprise IDs repeat in last year's table: E1. Give each enterprise one row"


def test_keys_built_from_a_choice_are_in_the_catalogue():
    """Keys the code picks (this/last year, official or not) escape the literal-key scan."""
    for which in ("previous", "current"):
        assert f"yearly.{which}_not_evaluated" in MESSAGES
        assert f"yearly.{which}_table_duplicate_ids" in MESSAGES
        assert f"evaluation.zones_{which}_not_scored" in MESSAGES
    assert {"evaluation.no_such_config", "evaluation.no_such_official_config"} <= set(MESSAGES)


def test_a_long_list_is_cut_and_counted_in_each_language():
    ids = [f"E{i:02d}" for i in range(12)]
    table = pd.DataFrame({"ent_id": ids + ids, "land_mu": [1.0] * 24})
    err = _raised(check_enterprises, table)
    shown = ids[:10]
    assert str(err).startswith(f"企业编号重复：{'、'.join(shown)} 等 12 个。")
    assert err.text("en").startswith(f"Enterprise IDs repeat: {', '.join(shown)} … (12 in all). ")
