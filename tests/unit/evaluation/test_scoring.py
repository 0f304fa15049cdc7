"""The 亩均 evaluation: scores, ranks, classes and reasons worked out by hand on the fixture."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import DataValidationError
from geo.evaluation import (
    CLASS_LABELS,
    EVALUATION_LABELS,
    STATUS_NO_LAND,
    class_mix,
    config_from_mapping,
    default_config,
    evaluate,
    land_renewal_by_zone,
    load_config,
    low_efficiency_land,
    rank_by,
    ranking_summary,
)
from geo.evaluation.metrics import assign_zones
from geo.evaluation.summary import dropped_reasons
from tests.fixtures.evaluation import enterprises, zones

# Simple rules for hand-working: 规上 scored on 亩均税收 60 + 亩均销售收入 40, 规下 on 亩均税收 100;
# benchmark 2 × the pooled mean over all scored enterprises (benchmark.within: all; the default is
# each size group's own, see test_each_size_group_has_its_own_benchmark_by_default); classes by
# percentile with C ending at 80 % so that the fixture has a D.
HAND = {
    "weights": {
        "above_scale": {"tax_per_mu_wan_yuan": 60, "sales_per_mu_wan_yuan": 40},
        "below_scale": {"tax_per_mu_wan_yuan": 100},
    },
    "benchmark": {"within": "all"},
    "classes": {"percentile": {"A": 20, "B": 60, "C": 80}},
}
# Scored: 规上 with land E01, E02, E06, E08, E09 (E05 has no land -> 无法计算);
#         规下 on >= 3 亩: E04 (5 亩), E10 (5 亩); E03 (0 亩) 无法计算; E07 (2 亩) too small.
# Pooled over the 7 scored: tax 50+90+300+10+20+20+5 = 495, land 10+20+30+10+10+5+5 = 90,
#   mean 5.5 万元/亩 -> benchmark 11; sales 1000+3000+2900+500+1000+400+200 = 9000 -> mean 100,
#   benchmark 200.
# Scores (value / benchmark × weight):
#   E06  60 × 10/11  + 40 × 96.667/200 = 54.545455 + 19.333333 = 73.878788   规上 rank 1
#   E02  60 × 4.5/11 + 40 × 150/200    = 24.545455 + 30        = 54.545455   规上 rank 2
#   E01  60 × 5/11   + 40 × 100/200    = 27.272727 + 20        = 47.272727   规上 rank 3
#   E09  60 × 2/11   + 40 × 100/200    = 10.909091 + 20        = 30.909091   规上 rank 4
#   E08  60 × 1/11   + 40 × 50/200     =  5.454545 + 10        = 15.454545   规上 rank 5
#   E04  100 × 4/11 = 36.363636  规下 rank 1;   E10  100 × 1/11 = 9.090909  规下 rank 2
# Percentile (r − 0.5) / n × 100 within size: 规上 10, 30, 50, 70, 90 -> A, B, B, C, D;
#   规下 25, 75 -> B, C.
EXPECTED_SCORE = {
    "E06": 73.878788,
    "E02": 54.545455,
    "E01": 47.272727,
    "E09": 30.909091,
    "E08": 15.454545,
    "E04": 36.363636,
    "E10": 9.090909,
}
EXPECTED_CLASS = {"E06": "A", "E02": "B", "E01": "B", "E09": "C", "E08": "D", "E04": "B", "E10": "C"}


def _hand(**extra) -> pd.DataFrame:
    cfg = config_from_mapping({**HAND, **extra})
    ents = enterprises()
    zone = assign_zones(ents, zones()).zone
    return evaluate(ents, config=cfg, zone=zone).enterprises.set_index("ent_id")


def test_hand_worked_scores_ranks_classes():
    ents = enterprises()
    before = ents.copy()
    res = evaluate(ents, config=config_from_mapping(HAND), zone=assign_zones(ents, zones()).zone)
    pd.testing.assert_frame_equal(ents, before)  # input untouched
    out = res.enterprises.set_index("ent_id")
    assert res.benchmarks.loc["规上", "tax_per_mu_wan_yuan"] == pytest.approx(11.0)
    assert res.benchmarks.loc["规上", "sales_per_mu_wan_yuan"] == pytest.approx(200.0)
    assert res.benchmarks.loc["规下", "tax_per_mu_wan_yuan"] == pytest.approx(11.0)
    for ent_id, score in EXPECTED_SCORE.items():
        assert out.loc[ent_id, "score"] == pytest.approx(score, rel=1e-6), ent_id
    assert out.loc["E06", "pts_tax_per_mu_wan_yuan"] == pytest.approx(54.545455, rel=1e-6)
    assert out.loc["E06", "pts_sales_per_mu_wan_yuan"] == pytest.approx(19.333333, rel=1e-6)
    assert {k: out.loc[k, "eval_class"] for k in EXPECTED_CLASS} == EXPECTED_CLASS
    assert out.loc["E08", "eval_class_label"] == CLASS_LABELS["D"] == "整治淘汰"
    assert out.loc[["E06", "E02", "E01", "E09", "E08"], "rank"].tolist() == [1, 2, 3, 4, 5]
    assert out.loc[["E04", "E10"], "rank"].tolist() == [1, 2]
    assert out.loc["E08", "rank_pct_from_top"] == pytest.approx(90.0)
    assert out.loc["E04", "rank_pct_from_top"] == pytest.approx(25.0)
    # Not scored: no score, no class, a status that says why.
    assert out.loc["E05", "status"] == STATUS_NO_LAND and math.isnan(out.loc["E05", "score"])
    assert out.loc["E03", "status"] == STATUS_NO_LAND
    assert out.loc["E07", "status"] == "不参评：规下且用地不足 3 亩"
    assert pd.isna(out.loc["E07", "eval_class"]) and pd.isna(out.loc["E07", "rank"])
    assert int(out["scored"].sum()) == 7
    # Zones come from the location; E09 lies outside every zone and keeps no zone.
    assert out.loc["E08", "zone"] == "北区" and pd.isna(out.loc["E09", "zone"])
    assert out.geometry.iloc[0].equals(ents.geometry.iloc[0])


def test_reasons_name_the_indicators_that_pulled_the_score_down():
    out = _hand()
    # 规上 medians of value/benchmark: 亩均税收 4.5/11 (E02), 亩均销售收入 0.5 (E01, E09).
    # E08: 亩均税收 1/11 loses 60 × 3.5/11 = 19.1 points, 亩均销售收入 0.25 loses 40 × 0.25 = 10.
    assert out.loc["E08", "reasons"] == "亩均税收、亩均销售收入"
    # E06: 亩均销售收入 96.667/200 = 0.4833 < 0.5 -> loses 0.67 points; 亩均税收 is above median.
    assert out.loc["E06", "reasons"] == "亩均销售收入"
    # E02 sits at the 亩均税收 median and above the 销售 median: nothing pulled it down.
    assert out.loc["E02", "reasons"] == ""
    assert out.loc["E07", "reasons"] == ""  # not scored


def test_moving_a_weight_changes_classes_in_the_expected_direction():
    before = _hand()
    after = _hand(
        weights={
            "above_scale": {"tax_per_mu_wan_yuan": 10, "sales_per_mu_wan_yuan": 90},
            "below_scale": {"tax_per_mu_wan_yuan": 100},
        }
    )
    # With 销售 weighted 90: E02 = 10 × 4.5/11 + 90 × 0.75 = 71.59 now leads, E06 = 9.09 + 43.5 = 52.59.
    assert after.loc["E02", "score"] == pytest.approx(71.590909, rel=1e-6)
    assert after.loc["E06", "score"] == pytest.approx(52.590909, rel=1e-6)
    assert (before.loc["E02", "eval_class"], after.loc["E02", "eval_class"]) == ("B", "A")
    assert (before.loc["E06", "eval_class"], after.loc["E06", "eval_class"]) == ("A", "B")


def test_classes_by_score_cutoffs():
    out = _hand(classes={"method": "score", "score": {"A": 60, "B": 40, "C": 20}})
    # 73.9 A; 54.5 B; 47.3 B; 30.9 C; 15.5 D; 规下 36.4 C; 9.1 D.
    expected = {"E06": "A", "E02": "B", "E01": "B", "E09": "C", "E08": "D", "E04": "C", "E10": "D"}
    assert {k: out.loc[k, "eval_class"] for k in expected} == expected


def test_rank_all_together_and_benchmark_by_size():
    out = _hand(classes={"rank_within": "all", "percentile": {"A": 20, "B": 60, "C": 80}})
    # 7 ranked together: E06 73.9, E02 54.5, E01 47.3, E04 36.4, E09 30.9, E08 15.5, E10 9.1
    assert out.loc[["E06", "E02", "E01", "E04", "E09", "E08", "E10"], "rank"].tolist() == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
    ]
    # percentiles 7.1, 21.4, 35.7, 50, 64.3, 78.6, 92.9 -> A B B B C C D
    assert "".join(out.loc[["E06", "E02", "E01", "E04", "E09", "E08", "E10"], "eval_class"]) == "ABBBCCD"
    by_size = _hand(benchmark={"within": "size"})
    # 规下 benchmark: 2 × (20 + 5) / (5 + 5) = 5 -> E04 = 100 × 4 / 5 = 80.
    assert by_size.loc["E04", "score"] == pytest.approx(80.0)


def test_missing_indicator_scores_zero_and_is_named():
    out = _hand(
        weights={
            "above_scale": {"tax_per_mu_wan_yuan": 50, "tax_per_tce_wan_yuan": 50},
            "below_scale": {"tax_per_mu_wan_yuan": 100},
        }
    )
    # E06 has no energy figure: 0 points for 单位能耗税收, its score is 50 × 10/11 alone.
    assert out.loc["E06", "pts_tax_per_tce_wan_yuan"] == 0.0
    assert out.loc["E06", "score"] == pytest.approx(45.454545, rel=1e-6)
    assert "单位能耗税收（缺数据）" in out.loc["E06", "reasons"]


def test_indicator_without_data_is_dropped_and_weights_rescaled():
    ents = enterprises()
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone)  # default config
    # The fixture has no emission_equiv column: 单位排放税收 (10) is dropped and the other 规上
    # weights are scaled by 100 / 90, e.g. 亩均税收 40 -> 44.44.
    assert res.weights.loc["规上", "tax_per_mu_wan_yuan"] == pytest.approx(400 / 9)
    assert res.weights.loc["规上"].sum() == pytest.approx(100.0)
    assert res.weights.loc["规下", "tax_per_kwh_yuan"] == pytest.approx(30.0)
    assert any("单位排放税收" in note for note in res.notes)


def test_adjustments_bonus_and_forced_class():
    ents = enterprises().assign(
        high_tech=[False] * 8 + [True, False],  # E09
        incident=["否"] * 1 + ["是"] + ["否"] * 8,  # E02
    )
    cfg = config_from_mapping(
        {
            **HAND,
            "adjustments": [
                {"name": "高新技术企业", "column": "high_tech", "points": 20},
                {"name": "重大安全事故", "column": "incident", "points": 0, "force_class": "D"},
                {"name": "不存在的项", "column": "nope", "points": 5},
            ],
        }
    )
    res = evaluate(ents, config=cfg)
    out = res.enterprises.set_index("ent_id")
    assert out.loc["E09", "score"] == pytest.approx(50.909091, rel=1e-6)  # 30.909091 + 20
    assert out.loc["E09", "adjustment_points"] == 20
    assert out.loc["E02", "eval_class"] == "D"
    assert "扣分项：重大安全事故" in out.loc["E02", "reasons"]
    assert any("nope" in note for note in res.notes)


def test_rankings_class_mix_and_low_efficiency_land():
    out = _hand().reset_index()
    mix = class_mix(out, by="zone")
    # 北区: E01 B, E02 B, E08 D; 中区: E06 A, E04 B (E09 and E10 have no zone).
    assert mix.loc["北区"].tolist() == [0, 2, 0, 1]
    assert mix.loc["中区"].tolist() == [1, 1, 0, 0]
    ranked = rank_by(out, ["zone", "size_class"])
    north_above = ranked[(ranked["zone"] == "北区") & (ranked["size_class"] == "规上")]
    assert north_above["ent_id"].tolist() == ["E02", "E01", "E08"]
    assert north_above["group_rank"].tolist() == [1, 2, 3] and set(north_above["group_size"]) == {3}
    by_industry = rank_by(out, "industry")
    assert by_industry.loc[by_industry["industry"] == "高端装备", "ent_id"].tolist() == [
        "E06",
        "E04",
        "E09",
        "E10",
    ]
    summary = ranking_summary(out, ["industry"])
    # 高端纺织 scored: E01, E02, E08 -> tax 150 on 40 亩 = 3.75; 高端装备: E04, E06, E09, E10 ->
    # (20 + 300 + 20 + 5) / (5 + 30 + 10 + 5) = 345 / 50 = 6.9; best first.
    assert summary.index.tolist() == ["高端装备", "高端纺织"]
    assert summary.loc["高端装备", "tax_per_mu_wan_yuan"] == pytest.approx(6.9)
    assert summary.loc["高端纺织", "tax_per_mu_wan_yuan"] == pytest.approx(3.75)
    assert summary.loc["高端纺织", ["n_A", "n_B", "n_C", "n_D"]].tolist() == [0, 2, 0, 1]
    assert summary.loc["高端纺织", "n_enterprises"] == 4 and summary.loc["高端纺织", "n_scored"] == 3
    low = low_efficiency_land(out)
    assert low["ent_id"].tolist() == ["E08"] and low["land_mu"].tolist() == [10.0]
    renewal = land_renewal_by_zone(out)
    # 北区: E08's 10 亩 of the 40 亩 scored (E01 10 + E02 20 + E08 10) = 25 %.
    assert renewal.loc["北区", "n_d_class"] == 1
    assert renewal.loc["北区", "d_land_mu"] == 10.0
    assert renewal.loc["北区", "d_land_share_pct"] == pytest.approx(25.0)
    assert renewal.loc["中区", "d_land_mu"] == 0.0
    assert all(col in EVALUATION_LABELS for col in renewal.columns)
    with pytest.raises(DataValidationError, match="无法按 县"):
        rank_by(out, ["县"])


def test_default_config_matches_domain_defaults():
    cfg = default_config()
    assert dict(cfg.weights_above_scale) == {
        "tax_per_mu_wan_yuan": 40,
        "sales_per_mu_wan_yuan": 20,
        "tax_per_tce_wan_yuan": 10,
        "tax_per_emission_equiv_wan_yuan": 10,
        "value_added_per_employee_wan_yuan": 10,
        "rd_share_pct": 10,
    }
    assert cfg.below_scale_min_land_mu == 3
    assert cfg.benchmark_multiple == 2.0
    assert dict(cfg.percentile_cutoffs) == {"A": 20, "B": 60, "C": 95}
    assert load_config().to_dict() == cfg.to_dict()


def test_user_yaml_overrides_only_what_it_says(tmp_path):
    path = tmp_path / "eval_city.yaml"
    path.write_text(
        "scope:\n  below_scale_min_land_mu: 6\nclasses:\n  percentile: {A: 10, B: 50, C: 90}\n", "utf-8"
    )
    cfg = load_config(path)
    assert cfg.below_scale_min_land_mu == 6
    assert dict(cfg.percentile_cutoffs) == {"A": 10, "B": 50, "C": 90}
    assert cfg.weights_above_scale["tax_per_mu_wan_yuan"] == 40  # default kept
    out = evaluate(enterprises(), config=cfg).enterprises.set_index("ent_id")
    assert out.loc["E04", "status"] == "不参评：规下且用地不足 6 亩"


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ({"weights": {"above_scale": {"亩均": 10}}}, "未知指标「亩均」"),
        ({"weights": {"above_scale": {"tax_per_mu_wan_yuan": -1}}}, "不小于 0"),
        ({"classes": {"percentile": {"A": 70, "B": 60, "C": 95}}}, "A ≤ B ≤ C"),
        ({"classes": {"method": "rank"}}, "classes.method"),
        ({"benchmark": {"multiple": 0}}, "multiple"),
        ({"weights": {"above_scale": {"tax_per_mu_wan_yuan": "高"}}}, "应为数字"),
        ({"colour": "red"}, "未知的配置项"),
    ],
)
def test_bad_config_is_refused(raw, match):
    with pytest.raises(DataValidationError, match=match):
        config_from_mapping(raw)


def test_bad_enterprise_tables_are_refused():
    ents = enterprises()
    with pytest.raises(DataValidationError, match="企业编号重复：E01"):
        evaluate(pd.concat([ents, ents.iloc[[0]]], ignore_index=True))
    with pytest.raises(DataValidationError, match="above_scale"):
        evaluate(ents.drop(columns="above_scale"))
    with pytest.raises(DataValidationError, match="无法识别为是/否"):
        evaluate(ents.assign(above_scale=["大"] * 10))
    with pytest.raises(DataValidationError, match="找不到评价配置文件"):
        load_config("/nonexistent/eval.yaml")


def test_size_column_accepts_chinese_words():
    ents = enterprises().assign(above_scale=["规上", "是", "否", "0", "1", "true", "规下", "1", "1", "否"])
    out = evaluate(ents, config=config_from_mapping(HAND)).enterprises
    assert out["size_class"].tolist() == [
        "规上",
        "规上",
        "规下",
        "规下",
        "规上",
        "规上",
        "规下",
        "规上",
        "规上",
        "规下",
    ]


@settings(max_examples=40, deadline=None)
@given(
    taxes=st.lists(st.floats(min_value=0, max_value=1e4, allow_nan=False), min_size=1, max_size=60),
)
def test_property_classes_follow_score_and_percentile_counts(taxes):
    n = len(taxes)
    ents = pd.DataFrame(
        {
            "ent_id": [f"R{k}" for k in range(n)],
            "above_scale": True,
            "land_mu": 10.0,
            "tax_wan_yuan": taxes,
            "sales_wan_yuan": 100.0,
        }
    )
    cfg = config_from_mapping({"weights": {"above_scale": {"tax_per_mu_wan_yuan": 100}}})
    out = evaluate(ents, config=cfg).enterprises
    order = np.argsort(-out["score"].to_numpy(), kind="stable")
    grades = out["eval_class"].astype(str).to_numpy()[order]
    rank_of = {"A": 0, "B": 1, "C": 2, "D": 3}
    # A higher score never gets a worse class.
    assert all(rank_of[a] <= rank_of[b] for a, b in zip(grades[:-1], grades[1:], strict=True))
    if out["score"].nunique() == n:
        # Distinct scores: class sizes follow the midpoint percentile rule exactly.
        pct = (np.arange(1, n + 1) - 0.5) / n * 100
        expected = np.select([pct <= 20, pct <= 60, pct <= 95], ["A", "B", "C"], "D")
        assert grades.tolist() == expected.tolist()


def test_a_dropped_indicator_names_the_missing_input():
    """Issue 23 item 10: 全员劳动生产率 dropped although 从业人员 was given says 工业增加值 is missing."""
    ents = enterprises()
    ents = ents.assign(employees=np.arange(1, len(ents) + 1) * 10.0).drop(
        columns=["value_added_wan_yuan"], errors="ignore"
    )
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone)
    above = next(n for n in res.notes if n.startswith("规上企业"))
    assert "全员劳动生产率缺少工业增加值数据" in above
    assert "从业人员" not in above
    assert "单位排放税收缺少污染物排放当量数据" in above
    above_en = next(n for n in res.notes_en if n.startswith("Enterprises above designated size: "))
    assert "Value added per employee has no value added data" in above_en


def test_the_files_reason_for_a_dropped_indicator_names_only_the_missing_input():
    """Walk 13 item 1: the files' reason (dropped_reasons, from the result and the input amounts)
    says what the notes say: 全员劳动生产率 lacks 工业增加值 only, 从业人员 was given."""
    ents = enterprises()
    ents = ents.assign(employees=np.arange(1, len(ents) + 1) * 10.0).drop(
        columns=["value_added_wan_yuan"], errors="ignore"
    )
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone)
    why = dropped_reasons(res.enterprises, res.weights, amounts=ents)
    words = [w for (group, key), w in why.items() if key == "value_added_per_employee_wan_yuan"]
    assert words, why
    assert all("工业增加值" in w["zh"] and "从业人员" not in w["zh"] for w in words)
    assert all("employees" not in w["en"] for w in words)


def test_each_size_group_has_its_own_benchmark_by_default():
    # DOMAIN.md §7 (黄岩 publishes 规上 亩均税收/24.097 and 规下 亩均税收/11.5932) and §8 (each group its
    # own indicators and cut-offs): by default each size group's benchmark is its own mean × multiple.
    table = pd.DataFrame(
        {
            "ent_id": ["U1", "U2", "S1", "S2"],
            "name": ["上一", "上二", "下一", "下二"],
            "land_mu": [10.0, 10.0, 5.0, 5.0],
            "tax_wan_yuan": [300.0, 100.0, 20.0, 10.0],
            "above_scale": [True, True, False, False],
        }
    )
    only_tax = {"above_scale": {"tax_per_mu_wan_yuan": 100}, "below_scale": {"tax_per_mu_wan_yuan": 100}}
    res = evaluate(table, config=config_from_mapping({"weights": only_tax}))
    out = res.enterprises.set_index("ent_id")
    # 规上: 2 × (300 + 100) / (10 + 10) = 40; 规下: 2 × (20 + 10) / (5 + 5) = 6.
    assert res.benchmarks.loc["规上", "tax_per_mu_wan_yuan"] == pytest.approx(40.0)
    assert res.benchmarks.loc["规下", "tax_per_mu_wan_yuan"] == pytest.approx(6.0)
    # S1: 亩均税收 20 / 5 = 4 -> 100 × 4 / 6 = 66.67; U2: 100 × 10 / 40 = 25.
    assert out.loc["S1", "score"] == pytest.approx(200 / 3)
    assert out.loc["U2", "score"] == pytest.approx(25.0)
    # within: all pools them (a city that does so): 2 × 430 / 30 = 28.67 for both -> S1 13.95.
    pooled = evaluate(
        table, config=config_from_mapping({"weights": only_tax, "benchmark": {"within": "all"}})
    )
    assert pooled.benchmarks["tax_per_mu_wan_yuan"].tolist() == pytest.approx([2 * 430 / 30] * 2)
    assert pooled.enterprises.set_index("ent_id").loc["S1", "score"] == pytest.approx(400 / (2 * 430 / 30))
