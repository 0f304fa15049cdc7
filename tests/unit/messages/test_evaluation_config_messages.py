"""A bad evaluation configuration (geo/evaluation/rules.py, groups.py, zones.py) in both languages:
``str(err)`` is the Chinese sentence it always was, ``err.text("en")`` the English one, and lists
are joined in the language's own way (、 in Chinese, commas in English)."""

from __future__ import annotations

import pytest

from geo.errors import DataValidationError
from geo.evaluation import config_from_mapping, load_config
from geo.evaluation.groups import groups_from_config, land_sharing_from_config
from geo.evaluation.zones import zone_rules
from geo.messages import MESSAGES

HINT_ZH = "请对照 geo/evaluation/evaluation.yaml 中的说明修改配置"
HINT_EN = "Correct the configuration following the notes in geo/evaluation/evaluation.yaml"
GROUPS_HINT_ZH = "请对照 geo/evaluation/evaluation.yaml 中 groups / land_sharing 的说明修改配置"
GROUPS_HINT_EN = (
    "Correct the configuration following the notes on groups / land_sharing in geo/evaluation/evaluation.yaml"
)
ZONES_HINT_ZH = "请对照 geo/evaluation/evaluation.yaml 中 zones 一节的说明修改"
ZONES_HINT_EN = "Correct it following the notes of the zones section in geo/evaluation/evaluation.yaml"
INDICATORS = (
    "tax_per_mu_wan_yuan、sales_per_mu_wan_yuan、value_added_per_mu_wan_yuan、tax_per_tce_wan_yuan、"
    "tax_per_kwh_yuan、value_added_per_employee_wan_yuan、rd_share_pct、tax_per_emission_equiv_wan_yuan、"
    "value_added_per_tce_wan_yuan、value_added_per_emission_equiv_wan_yuan、sales_per_kwh_yuan"
)
ABOVE = {"key": "above", "name": "规上", "name_en": "Above designated size", "members": {"size": "above"}}
WEIGHTS = {"above_scale": {"tax_per_mu_wan_yuan": 100}, "below_scale": {"tax_per_mu_wan_yuan": 100}}


def _raised(call, *args, **kwargs) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        call(*args, **kwargs)
    return info.value


def test_a_weight_that_is_not_a_number():
    err = _raised(config_from_mapping, {"weights": {"above_scale": {"tax_per_mu_wan_yuan": "高"}}})
    assert err.key == "evaluation.config.not_a_number"
    assert (
        str(err) == f"评价配置有误：「weights.above_scale.tax_per_mu_wan_yuan」应为数字，却是 '高'。{HINT_ZH}"
    )
    assert err.text("en") == (
        "The evaluation configuration is wrong: “weights.above_scale.tax_per_mu_wan_yuan” should be a "
        f"number, not '高'. {HINT_EN}"
    )


def test_weights_that_add_up_to_nothing():
    zero = {"tax_per_mu_wan_yuan": 0}
    err = _raised(config_from_mapping, {"weights": {"above_scale": zero}})
    assert str(err) == f"评价配置有误：规上企业的权重之和应大于 0。{HINT_ZH}"
    assert err.text("en") == (
        "The evaluation configuration is wrong: the weights of enterprises above designated size "
        f"(weights.above_scale) should add up to more than 0. {HINT_EN}"
    )
    err = _raised(config_from_mapping, {"weights": {"above_scale": {"tax_per_mu_wan_yuan": -5}}})
    assert (
        str(err)
        == f"评价配置有误：weights.above_scale.tax_per_mu_wan_yuan 应为不小于 0 的数，却是 -5.0。{HINT_ZH}"
    )
    assert err.text("en") == (
        "The evaluation configuration is wrong: weights.above_scale.tax_per_mu_wan_yuan should be a "
        f"number of 0 or more, not -5.0. {HINT_EN}"
    )


def test_an_unknown_indicator_lists_the_indicators_in_each_language():
    err = _raised(config_from_mapping, {"weights": {"above_scale": {"亩均": 10}}})
    assert str(err) == (
        f"评价配置有误：weights.above_scale 中的未知指标「亩均」；可用指标：{INDICATORS}。{HINT_ZH}"
    )
    assert err.text("en") == (
        "The evaluation configuration is wrong: unknown indicator “亩均” in weights.above_scale; "
        f"indicators available: {INDICATORS.replace('、', ', ')}. {HINT_EN}"
    )
    assert "、" not in err.text("en")


def test_unknown_settings_and_cutoffs_out_of_order():
    err = _raised(config_from_mapping, {"colour": "red", "size": 2})
    assert str(err) == f"评价配置有误：未知的配置项 colour、size。{HINT_ZH}"
    assert (
        err.text("en") == f"The evaluation configuration is wrong: unknown settings colour, size. {HINT_EN}"
    )
    err = _raised(config_from_mapping, {"classes": {"percentile": {"A": 70, "B": 60, "C": 95}}})
    assert str(err) == (
        f"评价配置有误：classes.percentile 应满足 0 ≤ A ≤ B ≤ C ≤ 100，却是 A=70.0、B=60.0、C=95.0。{HINT_ZH}"
    )
    assert err.text("en") == (
        "The evaluation configuration is wrong: classes.percentile should satisfy 0 ≤ A ≤ B ≤ C ≤ 100, "
        f"not A=70.0, B=60.0, C=95.0. {HINT_EN}"
    )


def test_a_fixed_benchmark_per_size_is_named_by_its_yaml_key_in_english():
    err = _raised(
        config_from_mapping, {"benchmark": {"fixed_by_size": {"above_scale": {"tax_per_mu_wan_yuan": 0}}}}
    )
    assert str(err) == f"评价配置有误：benchmark.fixed_by_size.规上.tax_per_mu_wan_yuan 应大于 0。{HINT_ZH}"
    assert err.text("en") == (
        "The evaluation configuration is wrong: benchmark.fixed_by_size.above_scale.tax_per_mu_wan_yuan "
        f"should be more than 0. {HINT_EN}"
    )


def test_a_bad_yaml_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("classes:\n  score: {A: 10, B: 50, C: 25}\n", encoding="utf-8")
    err = _raised(load_config, path)
    assert str(err) == f"评价配置有误：classes.score 应满足 A ≥ B ≥ C，却是 A=10.0、B=50.0、C=25.0。{HINT_ZH}"
    assert err.text("en") == (
        f"The evaluation configuration is wrong: classes.score should satisfy A ≥ B ≥ C, not A=10.0, B=50.0, "
        f"C=25.0. {HINT_EN}"
    )


def test_a_group_without_a_name_and_groups_that_overlap():
    err = _raised(groups_from_config, [{"key": "g", "members": {}}], default_weights=WEIGHTS)
    assert str(err) == f"评价配置有误：groups 第 1 项应为含 key 和 name 的键值结构。{GROUPS_HINT_ZH}"
    assert err.text("en") == (
        "The evaluation configuration is wrong: item 1 of groups should hold keys and values with a key "
        f"and a name. {GROUPS_HINT_EN}"
    )
    everyone = {"key": "all", "name": "全部", "name_en": "All enterprises", "members": {"size": "any"}}
    err = _raised(groups_from_config, [ABOVE, everyone], default_weights=WEIGHTS)
    assert (
        str(err)
        == f"评价配置有误：评价组「规上」与「全部」有重叠：同一家企业可能同时属于两组。{GROUPS_HINT_ZH}"
    )
    assert err.text("en") == (
        "The evaluation configuration is wrong: the evaluation groups “Above designated size” and "
        f"“All enterprises” overlap: one enterprise could belong to both. {GROUPS_HINT_EN}"
    )


def test_a_group_with_unknown_keys_and_one_scored_on_nothing():
    err = _raised(
        groups_from_config, [{**ABOVE, "members": {"size": "above", "colour": 1}}], default_weights=WEIGHTS
    )
    assert str(err) == (
        "评价配置有误：groups.above.members 有未知的键 colour；"
        "可用：land_mu_below、land_mu_min、size、tenant。" + GROUPS_HINT_ZH
    )
    assert err.text("en") == (
        "The evaluation configuration is wrong: groups.above.members has unknown keys colour; allowed: "
        f"land_mu_below, land_mu_min, size, tenant. {GROUPS_HINT_EN}"
    )
    err = _raised(
        groups_from_config, [{**ABOVE, "weights": {"tax_per_mu_wan_yuan": 0}}], default_weights=WEIGHTS
    )
    assert str(err) == f"评价配置有误：groups.above（规上）参与评分，其权重之和应大于 0。{GROUPS_HINT_ZH}"
    assert err.text("en") == (
        "The evaluation configuration is wrong: groups.above (Above designated size) is scored, so its "
        f"weights should add up to more than 0. {GROUPS_HINT_EN}"
    )
    err = _raised(land_sharing_from_config, {"rule": "split"})
    assert str(err) == (
        "评价配置有误：land_sharing.rule 应为 share（按比例分摊）或 host（全部计入房东），"
        f"却是 'split'。{GROUPS_HINT_ZH}"
    )
    assert err.text("en") == (
        "The evaluation configuration is wrong: land_sharing.rule should be share (shared in proportion) "
        f"or host (all counted to the landlord), not 'split'. {GROUPS_HINT_EN}"
    )


def test_a_zone_rule_with_a_bad_cutoff_or_a_negative_weight():
    err = _raised(zone_rules, {"zones": {"classes": {"percentile": {"A": 70, "B": 60, "C": 95}}}})
    assert str(err) == (
        "区镇评价配置有误：zones.classes.percentile 应给出 A、B、C 三档上限（%），"
        f"且 0 ≤ A ≤ B ≤ C ≤ 100。{ZONES_HINT_ZH}"
    )
    assert err.text("en") == (
        "The zone evaluation configuration is wrong: zones.classes.percentile should give the upper limits "
        f"(%) of A, B and C, with 0 ≤ A ≤ B ≤ C ≤ 100. {ZONES_HINT_EN}"
    )
    err = _raised(zone_rules, {"zones": {"weights": {"tax_per_mu_wan_yuan": -1.5}}})
    assert (
        str(err)
        == f"区镇评价配置有误：指标「tax_per_mu_wan_yuan」的权重或基准不能为负数，却是 -1.5。{ZONES_HINT_ZH}"
    )
    assert err.text("en") == (
        "The zone evaluation configuration is wrong: the weight or benchmark of indicator "
        f"“tax_per_mu_wan_yuan” cannot be negative: -1.5. {ZONES_HINT_EN}"
    )
    err = _raised(zone_rules, {"zones": {"colour": "red", "size": 2}})
    assert err.text("en").startswith(
        "The zone evaluation configuration is wrong: unknown settings zones.colour, zones.size."
    )
    assert str(err).startswith("区镇评价配置有误：未知的配置项 zones.colour、zones.size。")


def test_zone_weights_given_as_a_list_are_a_message_not_a_crash():
    err = _raised(zone_rules, {"zones": {"weights": ["tax_per_mu_wan_yuan"]}})
    assert (
        str(err)
        == f"区镇评价配置有误：zones.weights、zones.benchmark、zones.classes 应为键值结构。{ZONES_HINT_ZH}"
    )
    assert err.text("en") == (
        "The zone evaluation configuration is wrong: zones.weights, zones.benchmark and zones.classes "
        f"should hold keys and values. {ZONES_HINT_EN}"
    )


def test_every_configuration_message_has_its_hint():
    keys = [k for k in MESSAGES if k.split(".")[1] in ("config", "group_config", "zone_config")]
    messages = [k for k in keys if not k.endswith(".hint")]
    assert len(messages) >= 70
    assert all(f"{k}.hint" in MESSAGES for k in messages)
