"""The 公示 lists order a tie as the ranking does (``classes.tie_order``: 亩均税收, larger first, then
the enterprise id), on a hand-worked table: five 规上 enterprises on 10 亩 each, scored on 亩均税收
alone against a fixed benchmark of 10 万元/亩 with the ratio capped at 1, so every one paying 10 万元/亩
or more scores 100 — a four-way tie at the top that only the tie order can list."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from geo.evaluation import config_from_mapping, evaluate, list_order, rank_by
from geo.yearly.notice import notice_xlsx_bytes

RAW = {
    "weights": {"above_scale": {"tax_per_mu_wan_yuan": 100}, "below_scale": {"tax_per_mu_wan_yuan": 100}},
    "benchmark": {"fixed": {"tax_per_mu_wan_yuan": 10.0}, "max_ratio": 1.0},
    "classes": {"method": "score", "rank_within": "all", "score": {"A": 80, "B": 50, "C": 25}},
}
# id, tax (万元) on 10 亩 -> 亩均税收 -> score: T5 12 -> 100, T1 12 -> 100, T2 20 -> 100, T3 15 -> 100,
# T4 9 -> 90; given in this order (the order the lists kept before: score, then as given).
ROWS = [("T5", 120.0), ("T1", 120.0), ("T2", 200.0), ("T3", 150.0), ("T4", 90.0)]
# By score, the tie by 亩均税收 (20 > 15 > 12 = 12), the last tie by id (T1 before T5).
EXPECTED = ["T2", "T3", "T1", "T5", "T4"]


def _evaluated() -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=["ent_id", "tax_wan_yuan"])
    frame["name"] = "企业" + frame["ent_id"]
    frame["land_mu"] = 10.0
    frame["above_scale"] = True
    frame["industry"] = "高端装备"
    frame["town"] = "甲镇"
    frame["sales_wan_yuan"] = frame["tax_wan_yuan"] * 20.0
    return evaluate(frame, config=config_from_mapping(RAW), zone="town").enterprises


def test_a_tie_is_listed_by_the_tie_order_then_the_id():
    ev = _evaluated()
    assert ev["score"].round(6).tolist() == [100.0, 100.0, 100.0, 100.0, 90.0]
    ordered = list_order(ev, tie_order=["tax_per_mu_wan_yuan"])
    assert ordered["ent_id"].tolist() == EXPECTED
    # the ranking lists them the same way, the tie sharing rank 1 and the next rank skipping to 5
    ranked = rank_by(ev, [], tie_order=["tax_per_mu_wan_yuan"])
    assert ranked["ent_id"].tolist() == EXPECTED
    assert ranked["group_rank"].tolist() == [1, 1, 1, 1, 5]
    # without a tie order a tie is listed by id alone
    assert list_order(ev)["ent_id"].tolist() == ["T1", "T2", "T3", "T5", "T4"]


def test_the_unscored_follow_in_the_order_given():
    ev = _evaluated()
    ev.loc[ev["ent_id"] == "T2", ["scored", "score"]] = [False, float("nan")]
    ordered = list_order(ev, tie_order=["tax_per_mu_wan_yuan"])
    assert ordered["ent_id"].tolist() == ["T3", "T1", "T5", "T4", "T2"]


def test_the_notice_lists_order_a_tie_as_the_ranking_does():
    ev = _evaluated()
    config = config_from_mapping(RAW)
    assert config.tie_order == ("tax_per_mu_wan_yuan",)  # the documented default (evaluation.yaml)
    data = notice_xlsx_bytes(ev, config, pd.DataFrame(), year=2022, title="公示", filters="全部")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    # the class list A (序号, 企业编号, …) and the group's list (规上, after its method rows)
    a_list = [r[1] for r in wb["A 类名单"].iter_rows(min_row=2, values_only=True)]
    assert a_list == EXPECTED
    group = [r[1] for r in wb["规上名单"].iter_rows(values_only=True) if r[1] in dict(ROWS)]
    assert group == EXPECTED
    # the 公示 sheet's own A list
    sheet = [r[1] for r in wb["公示"].iter_rows(values_only=True) if r[1] in dict(ROWS)]
    assert sheet == EXPECTED


def test_a_saved_version_keeps_its_rows_in_the_lists_order():
    """The 公示与异议 page shows and downloads a version's rows in the order they were saved: the
    lists' order (by group, then as the ranking lists them), each row with its own inputs."""
    from geo.publication.results import evaluation_results

    frame = pd.DataFrame(ROWS, columns=["ent_id", "tax_wan_yuan"])
    frame["name"] = "企业" + frame["ent_id"]
    frame["land_mu"] = 10.0
    frame["above_scale"] = [True, True, True, True, False]  # T4 规下 (its own list, after 规上)
    frame["industry"] = "高端装备"
    frame["sales_wan_yuan"] = frame["tax_wan_yuan"] * 20.0
    rows = evaluation_results(frame, config=RAW, zone=pd.Series("甲镇", index=frame.index))
    assert rows["ent_id"].tolist() == EXPECTED
    assert rows["size_group"].tolist() == ["规上"] * 4 + ["规下"]
    taxes = {i: v["tax_wan_yuan"] for i, v in zip(rows["ent_id"], rows["inputs"], strict=True)}
    assert taxes == {i: tax for i, tax in ROWS}
