"""Result lists per group and tenants on a shared parcel (issue 24 items 4-5), hand-worked.

The fixture: 规上 A1 (10 亩, tax 100), A2 (20 亩, 100); 规下 B1 (5 亩, 50), B2 (4 亩, 8), S1 (2 亩, 10);
and on parcel P1 the 规下 host H (6 亩 reported, tax 30, 600 m² floor) with two tenants T1 (tax 15,
300 m²) and T2 (tax 3, 300 m²) reporting no land. Every group scores 亩均税收 alone (weight 100,
value/benchmark capped at 1), benchmark = 2 × the pooled mean (Σ tax / Σ land).
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pyogrio
import pytest
import yaml

from geo.errors import DataValidationError
from geo.evaluation import config_from_mapping, evaluate
from geo.evaluation.grouped import group_counts
from geo.evaluation.rescoring import WhatIf
from geo.yearly.notice import notice_xlsx_bytes
from tests.fixtures import ROOT
from tests.fixtures.cli import run_evaluate
from tests.fixtures.evaluation import enterprises as eval_enterprises
from tests.fixtures.evaluation import zones
from tests.fixtures.groups import GROUPS, grouped_table


def _config(*, within: str = "size", rule: str = "share", groups=GROUPS):
    return config_from_mapping(
        {"groups": groups, "benchmark": {"within": within}, "land_sharing": {"rule": rule}}
    )


def _rows(result) -> pd.DataFrame:
    return result.enterprises.set_index("ent_id")


def test_each_group_is_ranked_and_classed_on_its_own_with_floor_area_shares():
    out = _rows(evaluate(grouped_table(), config=_config()))
    # P1's 6 亩 by floor area 600 : 300 : 300 -> H 3, T1 1.5, T2 1.5.
    assert out.loc[["H", "T1", "T2"], "land_mu"].tolist() == [3.0, 1.5, 1.5]
    assert out.loc[["H", "T1", "T2"], "land_share"].tolist() == [0.5, 0.25, 0.25]
    assert set(out.loc[["H", "T1", "T2"], "land_rule"]) == {"floor_area"}
    assert out.loc[["H", "T1", "T2"], "land_role"].tolist() == ["host", "tenant", "tenant"]
    assert set(out.loc[["H", "T1", "T2"], "land_host_name"]) == {"H公司"}
    assert out.loc[["H", "T1", "T2"], "compound_land_mu"].tolist() == [6.0, 6.0, 6.0]
    assert out["eval_group"].astype(str).to_dict() == {
        "A1": "规上",
        "A2": "规上",
        "B1": "规下（≥3亩）",
        "B2": "规下（≥3亩）",
        "S1": "规下（<3亩）",
        "H": "规下（≥3亩）",  # a host on 3 亩 after sharing: 规下 ≥ 3 亩
        "T1": "租户",
        "T2": "租户",
    }
    # 规上: benchmark 2 × 200 / 30 = 13.333; A1 10 / 13.333 × 100 = 75, A2 5 / 13.333 × 100 = 37.5.
    assert out.loc["A1", "score"] == pytest.approx(75.0)
    assert out.loc["A2", "score"] == pytest.approx(37.5)
    assert out.loc[["A1", "A2"], "rank"].tolist() == [1, 2]
    assert out.loc[["A1", "A2"], "n_ranked"].tolist() == [2, 2]
    # percentile (r − 0.5) / 2: A1 25 % -> B, A2 75 % -> C
    assert out.loc[["A1", "A2"], "eval_class"].tolist() == ["B", "C"]
    # 规下 ≥ 3 亩: benchmark 2 × (50 + 8 + 30) / (5 + 4 + 3) = 14.667; B1 and H 10 / 14.667 × 100 = 68.18,
    # B2 2 / 14.667 × 100 = 13.64; ranks 1, 1, 3 of 3 -> A, A, C.
    assert out.loc["B1", "score"] == pytest.approx(1000 / (2 * 88 / 12))
    assert out.loc["H", "score"] == pytest.approx(68.1818, abs=1e-4)
    assert out.loc["B2", "score"] == pytest.approx(13.6364, abs=1e-4)
    assert out.loc[["B1", "H", "B2"], "rank"].tolist() == [1, 1, 3]
    assert out.loc[["B1", "H", "B2"], "eval_class"].tolist() == ["A", "A", "C"]
    # 租户: benchmark 2 × 18 / 3 = 12; T1 10 / 12 × 100 = 83.33 (A by score ≥ 80),
    # T2 2 / 12 × 100 = 16.67 (D).
    assert out.loc["T1", "score"] == pytest.approx(250 / 3)
    assert out.loc["T2", "score"] == pytest.approx(50 / 3)
    assert out.loc[["T1", "T2"], "eval_class"].tolist() == ["A", "D"]
    assert out.loc[["T1", "T2"], "rank"].tolist() == [1, 2]
    # 规下 < 3 亩: listed, not scored.
    assert not out.loc["S1", "scored"] and pd.isna(out.loc["S1", "score"])
    assert out.loc["S1", "status"] == "不参评：规下（<3亩）（仅列入名单，不评分）"


def test_equal_shares_without_floor_areas_move_the_host_into_the_small_list():
    out = _rows(evaluate(grouped_table(floor=False), config=_config()))
    # 6 亩 / 3 = 2 亩 each: the host is now 规下 under 3 亩 (listed), the tenants 7.5 and 1.5 万元/亩.
    assert out.loc[["H", "T1", "T2"], "land_mu"].tolist() == pytest.approx([2.0, 2.0, 2.0])
    assert set(out.loc[["H", "T1", "T2"], "land_rule"]) == {"equal"}
    assert out.loc["H", "eval_group"] == "规下（<3亩）" and not out.loc["H", "scored"]
    # 租户: benchmark 2 × 18 / 4 = 9 -> T1 7.5 / 9 × 100 = 83.33, T2 1.5 / 9 × 100 = 16.67.
    assert out.loc[["T1", "T2"], "score"].tolist() == pytest.approx([250 / 3, 50 / 3])
    # 规下 ≥ 3 亩 without H: benchmark 2 × 58 / 9 = 12.889 -> B1 77.59, B2 15.52.
    assert out.loc["B1", "score"] == pytest.approx(1000 / (2 * 58 / 9))
    assert out.loc["B2", "score"] == pytest.approx(200 / (2 * 58 / 9))


def test_agreed_shares_win_and_must_sum_to_100():
    table = grouped_table().assign(land_share_pct=[None] * 5 + [50, 30, 20])
    out = _rows(evaluate(table, config=_config()))
    assert out.loc[["H", "T1", "T2"], "land_mu"].tolist() == pytest.approx([3.0, 1.8, 1.2])
    assert set(out.loc[["H", "T1", "T2"], "land_rule"]) == {"agreed"}
    bad = grouped_table().assign(land_share_pct=[None] * 5 + [50, 30, 30])
    with pytest.raises(DataValidationError, match="「P1」的用地分摊比例合计 110%，应为 100%"):
        evaluate(bad, config=_config())
    partial = grouped_table().assign(land_share_pct=[None] * 5 + [50, 50, None])
    with pytest.raises(DataValidationError, match="只有部分企业填了用地分摊比例（缺：T2公司）"):
        evaluate(partial, config=_config())


def test_host_rule_gives_the_host_all_the_land_and_lists_the_tenants():
    out = _rows(evaluate(grouped_table(), config=_config(rule="host")))
    assert out.loc[["H", "T1", "T2"], "land_mu"].tolist() == [6.0, 0.0, 0.0]
    assert set(out.loc[["H", "T1", "T2"], "land_rule"]) == {"host"}
    # 规下 ≥ 3 亩: benchmark 2 × 88 / 15 = 11.733; B1 10 -> 85.23, H 5 -> 42.61, B2 2 -> 17.05.
    assert out.loc[["B1", "H", "B2"], "score"].tolist() == pytest.approx(
        [1000 / (2 * 88 / 15), 500 / (2 * 88 / 15), 200 / (2 * 88 / 15)]
    )
    assert out.loc[["B1", "H", "B2"], "eval_class"].tolist() == ["A", "B", "C"]
    assert out.loc[["T1", "T2"], "eval_group"].tolist() == ["租户", "租户"]
    assert not out.loc[["T1", "T2"], "scored"].any()
    assert set(out.loc[["T1", "T2"], "status"]) == {"不参评：租户，用地全部计入房东「H公司」"}
    no_host = grouped_table().assign(land_host=None)
    with pytest.raises(DataValidationError, match="「P1」没有标明土地权利人（房东）"):
        evaluate(no_host, config=_config(rule="host"))
    two_hosts = grouped_table().assign(land_host=[None] * 5 + ["是", "是", "否"])
    with pytest.raises(DataValidationError, match="「P1」有 2 家标为土地权利人（房东）：H公司、T1公司"):
        evaluate(two_hosts, config=_config())


def test_benchmark_within_all_pools_every_group():
    out = _rows(evaluate(grouped_table(), config=_config(within="all")))
    # one benchmark: 2 × 306 / 45 = 13.6 (all scored: A1 A2 B1 B2 H T1 T2) -> 10 万元/亩 scores 73.53.
    bench = 2 * 306 / 45
    for ent in ("A1", "B1", "H", "T1"):
        assert out.loc[ent, "score"] == pytest.approx(1000 / bench)
    assert out.loc["T1", "eval_class"] == "B"  # 73.5 ≥ 50 on the tenants' score cut-offs


def test_groups_mirroring_the_size_split_give_todays_results_exactly():
    table = eval_enterprises()
    legacy = evaluate(table).enterprises
    split = config_from_mapping(
        {
            "groups": [
                {"key": "above_scale", "name": "规上", "members": {"size": "above"}},
                {"key": "below_scale", "name": "规下", "members": {"size": "below", "land_mu_min": 3}},
                {
                    "key": "small",
                    "name": "规下（不足 3 亩）",
                    "members": {"size": "below", "land_mu_below": 3},
                    "scored": False,
                },
            ]
        }
    )
    grouped = evaluate(table, config=split).enterprises
    for col in ("score", "rank", "n_ranked", "rank_pct_from_top", "eval_class", "scored", "reasons"):
        assert (
            grouped[col].astype(object).fillna(-1).tolist() == legacy[col].astype(object).fillna(-1).tolist()
        )
    # without groups every row still says its list: 规上, 规下, 规下 below the land minimum
    assert legacy.set_index("ent_id").loc[["E01", "E04", "E07"], "eval_group"].tolist() == [
        "规上",
        "规下",
        "规下（不足 3 亩）",
    ]


def test_what_if_rescores_per_group_like_a_full_evaluation():
    config = _config()
    what_if = WhatIf(grouped_table(), config=config)
    heavier = config_from_mapping(
        {
            "groups": [
                {**g, "weights": {"tax_per_mu_wan_yuan": 50}} if g["key"] == "above" else g for g in GROUPS
            ],
            "benchmark": {"within": "size"},
        }
    )
    again = what_if.rescore(heavier)
    full = evaluate(grouped_table(), config=heavier).enterprises
    assert again.score.tolist() == pytest.approx(full["score"].tolist(), nan_ok=True)
    assert again.score[0] == pytest.approx(37.5)  # A1: 0.75 × 50


def test_counts_and_the_notice_have_one_list_per_group():
    result = evaluate(grouped_table(), config=_config())
    counts = group_counts(result.enterprises)
    assert counts.loc["租户", ["n_enterprises", "n_scored", "n_A", "n_D"]].tolist() == [2, 2, 1, 1]
    assert counts.loc["规下（<3亩）", ["n_enterprises", "n_T"]].tolist() == [1, 1]
    data = notice_xlsx_bytes(
        result.enterprises, result.config, result.benchmarks, year=2024, title="公示", filters="全部"
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[6:] == ["规上名单", "规下（≥3亩）名单", "规下（<3亩）名单", "租户名单"]
    tenants = [[c.value for c in row] for row in wb["租户名单"].iter_rows()]
    assert tenants[0][0] == "公示 · 租户（2 家）"
    assert tenants[1] == ["指标权重", "亩均税收 100（合计 100）"] + [None] * (len(tenants[1]) - 2)
    assert tenants[2][:2] == ["基准值", "亩均税收（万元/亩） 12.00"]
    assert tenants[3][1].startswith("按得分线：A ≥ 80 分")
    head = tenants[5]
    assert head[:3] == ["序号", "企业编号", "企业名称"] and "房东（土地权利人）" in head
    first = dict(zip(head, tenants[6], strict=True))
    assert first["企业编号"] == "T1" and first["类别"] == "A" and first["用地身份"] == "租户"
    assert first["用地分摊比例"] == 0.25 and first["组内排名"] == 1
    small = [[c.value for c in row] for row in wb["规下（<3亩）名单"].iter_rows()]
    assert small[1][:2] == ["评价方法", "仅列入名单，不评分（T 类，说明栏写明原因）"]


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        (
            [{**GROUPS[0], "weights": {"亩均": 10}}],
            "groups.above.weights 中的未知指标「亩均」",
        ),
        (
            [GROUPS[0], {"key": "all_below", "name": "全部规下", "members": {"size": "below"}}, GROUPS[2]],
            "评价组「全部规下」与「规下（<3亩）」有重叠",
        ),
        (
            [GROUPS[0], {"key": "any", "name": "全部", "members": {}}],
            "评价组「规上」与「全部」有重叠",
        ),
        ([GROUPS[0], GROUPS[0]], "评价组的 key「above」重复"),
        (
            [{**GROUPS[0], "members": {"size": "huge"}}],
            "members.size 应为 above（规上）、below（规下）或 any",
        ),
        ([{**GROUPS[0], "colour": "red"}], "groups.above 有未知的键 colour"),
        ([{**GROUPS[0], "weights": {"tax_per_mu_wan_yuan": 0}}], "参与评分，其权重之和应大于 0"),
    ],
)
def test_bad_group_configs_say_what_is_wrong_in_chinese(groups, message):
    with pytest.raises(DataValidationError, match=message) as err:
        config_from_mapping({"groups": groups})
    assert str(err.value).startswith("评价配置有误")


def test_bad_sharing_rule_and_ranking_across_groups_are_refused():
    with pytest.raises(DataValidationError, match="land_sharing.rule 应为 share（按比例分摊）或 host"):
        config_from_mapping({"land_sharing": {"rule": "split"}})
    together = config_from_mapping({"groups": GROUPS, "classes": {"rank_within": "all"}})
    with pytest.raises(DataValidationError, match="分组评价时每组单独排名"):
        evaluate(grouped_table(), config=together)


@pytest.fixture
def cli_files(tmp_path):
    zones_path = tmp_path / "zones.gpkg"
    pyogrio.write_dataframe(zones(), zones_path, layer="zones", driver="GPKG")
    headers = {
        "ent_id": "企业编号",
        "name": "企业名称",
        "town": "所在区镇",
        "land_mu": "用地面积（亩）",
        "tax_wan_yuan": "税收（万元）",
        "sales_wan_yuan": "销售收入（万元）",
        "above_scale": "是否规上",
        "compound_id": "共用宗地（园区）编号",
        "land_host": "是否土地权利人",
        "floor_area_m2": "使用建筑面积（平方米）",
    }
    table = grouped_table().assign(above_scale=lambda t: t["above_scale"].map({True: "是", False: "否"}))
    csv_path = tmp_path / "firms.csv"
    table[list(headers)].rename(columns=headers).to_csv(csv_path, index=False, encoding="utf-8-sig")
    config_path = tmp_path / "groups.yaml"
    config_path.write_text(
        yaml.safe_dump({"groups": GROUPS, "benchmark": {"within": "size"}}, allow_unicode=True),
        encoding="utf-8",
    )
    return zones_path, csv_path, config_path


def test_cli_says_the_group_and_the_land_allocation_of_each_row(cli_files, tmp_path, capsys):
    zones_path, csv_path, config_path = cli_files
    out = tmp_path / "out"
    code = run_evaluate(zones_path, csv_path, out, "-c", config_path, "--zone-column", "town", "--lang", "zh")
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "评价组「租户」：2 家，参评 2 家（A 类 1，B 类 0，C 类 0，D 类 1，T 类 0）" in printed
    assert "评价组「规下（<3亩）」：1 家，参评 0 家" in printed
    rows = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig").set_index("企业编号")
    assert rows.loc["T1", "评价组"] == "租户" and rows.loc["T1", "用地面积（亩）"] == 1.5
    assert rows.loc["T1", "房东（土地权利人）"] == "H公司" and rows.loc["T1", "用地分摊比例"] == 0.25
    assert rows.loc["T1", "用地身份"] == "租户" and rows.loc["T1", "用地分摊规则"] == "按建筑面积"
    assert rows.loc["H", "用地身份"] == "房东" and rows.loc["A1", "用地身份"] == "自有用地"
    assert rows.loc["A1", "综合得分（分）"] == pytest.approx(75.0)


def test_cli_exits_2_on_bad_groups_and_bad_shares(cli_files, tmp_path, capsys):
    zones_path, csv_path, config_path = cli_files
    overlapping = tmp_path / "overlap.yaml"
    overlapping.write_text(
        yaml.safe_dump(
            {"groups": [GROUPS[0], {"key": "x", "name": "全部", "members": {}}]}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    assert (
        run_evaluate(zones_path, csv_path, tmp_path / "o1", "-c", overlapping, "--zone-column", "town") == 2
    )
    assert "评价组「规上」与「全部」有重叠" in capsys.readouterr().err
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(
        yaml.safe_dump({"groups": [{**GROUPS[3], "weights": {"亩产": 10}}]}, allow_unicode=True),
        encoding="utf-8",
    )
    assert run_evaluate(zones_path, csv_path, tmp_path / "o2", "-c", unknown, "--zone-column", "town") == 2
    assert "groups.tenants.weights 中的未知指标「亩产」" in capsys.readouterr().err
    shares = pd.read_csv(csv_path, encoding="utf-8-sig")
    shares["用地分摊比例（%）"] = [None] * 5 + [50, 30, 30]
    bad_csv = tmp_path / "bad_shares.csv"
    shares.to_csv(bad_csv, index=False, encoding="utf-8-sig")
    assert run_evaluate(zones_path, bad_csv, tmp_path / "o3", "-c", config_path, "--zone-column", "town") == 2
    assert "用地分摊比例合计 110%，应为 100%" in capsys.readouterr().err


def test_the_documented_published_practice_groups_work_as_written():
    text = (ROOT / "geo" / "evaluation" / "evaluation.yaml").read_text(encoding="utf-8")
    start = text.index("#   groups:\n")
    block = []
    for line in text[start:].splitlines():
        if not line.startswith("#   "):
            break
        block.append(line[4:])
    config = config_from_mapping({**yaml.safe_load("\n".join(block)), "benchmark": {"within": "size"}})
    assert [g.name for g in config.groups] == ["规上", "规下（3 亩及以上）", "规下（不足 3 亩）", "租赁企业"]
    out = _rows(evaluate(grouped_table(), config=config))
    assert out.loc[["A1", "B1", "S1", "T1"], "eval_group"].tolist() == [
        "规上",
        "规下（3 亩及以上）",
        "规下（不足 3 亩）",
        "租赁企业",
    ]
    # the tenants: 亩均税收 70 + 单位用电税收 30, but the fixture has no power data: dropped,
    # 亩均税收 × 100/70
    assert out.loc["T1", "score"] == pytest.approx(250 / 3)


def test_a_groups_notes_are_named_by_the_group_in_either_language():
    """An indicator with no data (R&D: the table has no R&D column) is left out of a group's score:
    the note names the group, "规上：…" / "Above designated size: …" (it said "Above-scale
    enterprises" as though every group were 规上, with a full-width colon in English)."""
    weights = {"tax_per_mu_wan_yuan": 50, "rd_share_pct": 50}
    groups = [
        {**GROUPS[0], "name_en": "Above designated size", "weights": weights},
        *[{**g, "name_en": g["key"]} for g in GROUPS[1:]],
    ]
    result = evaluate(grouped_table(), config=_config(groups=groups))
    zh = [n for n in result.notes if "R&D" in n]
    en = [n for n in result.notes_en if "R&D" in n]
    assert zh and zh[0].startswith("规上：指标 R&D 经费占比")
    assert en and en[0].startswith("Above designated size: R&D share of sales")
    assert not [n for n in result.notes_en if "：" in n]


def test_weights_off_100_name_each_scored_group_whose_weights_do_not_add_up_to_100():
    """The rule the page's confirmation and ``evaluate --accept-weights`` share (walk21 b1): each
    scored group's own weights; a group only listed (规下 under 3 亩) is not asked about."""
    assert config_from_mapping({"groups": GROUPS}).weights_off_100() == {}
    heavy = [dict(g, weights={"tax_per_mu_wan_yuan": 110}) if g["key"] == "tenants" else g for g in GROUPS]
    listed = [dict(g, weights={"tax_per_mu_wan_yuan": 50}) if g["key"] == "small" else g for g in heavy]
    assert config_from_mapping({"groups": listed}).weights_off_100() == {"租户": 110.0}
    sizes = {"weights": {"above_scale": {"tax_per_mu_wan_yuan": 90}}, "scope": {"below_scale": False}}
    assert config_from_mapping(sizes).weights_off_100() == {"规上": 90.0}
    below = {"weights": {"below_scale": {"tax_per_mu_wan_yuan": 90}}, "scope": {"below_scale": False}}
    assert config_from_mapping(below).weights_off_100() == {}  # 规下 not scored
