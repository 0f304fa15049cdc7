"""Zones scored (issue 24 item 6): three zones over two years, pooled, scored, ranked and classed by hand.

Rules of the fixture: 亩均税收 60 + 亩均销售收入 40, benchmark = 1 × the area's pooled figure, no cap,
classes by percentile A ≤ 34 %, B ≤ 67 %, C ≤ 95 % (three zones: positions 16.7, 50, 83.3 %).

2021 (scored enterprises pooled; e3 is T and not pooled):
  Z1 e1 10 亩 tax 100 sales 1000 (A) + e2 10 亩 50 / 500 (B)  → 20 亩, 150, 1500 → 7.5, 75 万元/亩
  Z2 e4 20 亩 100 / 2000 (C) + e5 10 亩 20 / 300 (D)          → 30 亩, 120, 2300 → 4.0, 76.667
  Z3 e6 10 亩 30 / 400 (C)                                    → 10 亩,  30,  400 → 3.0, 40
  area 60 亩, 300, 4200 → benchmarks 5.0 and 70
  Z1 = 7.5/5×60 + 75/70×40 = 90 + 42.857143 = 132.857143     rank 1 A
  Z2 = 4/5×60 + 76.667/70×40 = 48 + 43.809524 = 91.809524    rank 2 B
  Z3 = 3/5×60 + 40/70×40 = 36 + 22.857143 = 58.857143        rank 3 C
2022:
  Z1 e1 10 亩 60 / 600 + e2 10 亩 40 / 400  → 5.0, 50
  Z2 e4 20 亩 60 / 1000 + e5 10 亩 0 / 200  → 2.0, 40
  Z3 e6 10 亩 90 / 900                      → 9.0, 90
  area 60 亩, 250, 3100 → benchmarks 4.1666667 and 51.6666667
  Z1 = 72 + 38.709677 = 110.709677  rank 2 B  (rank −1, class −1, score −22.147465)
  Z2 = 28.8 + 30.967742 = 59.767742 rank 3 C  (rank −1, class −1)
  Z3 = 129.6 + 69.677419 = 199.277419 rank 1 A (rank +2, class +2)
"""

from __future__ import annotations

import io

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import yaml
from shapely.geometry import box

from geo.errors import DataValidationError
from geo.evaluation import config_from_mapping
from geo.evaluation.zones import (
    rules_rows,
    score_zones,
    with_previous,
    zone_rules,
    zones_for_viewers,
    zones_over_years,
)
from geo.exports.zone_tables import zone_scores_bytes
from geo.storage.provenance import Provenance
from tests.fixtures.cli import run_evaluate

ZONES_RAW = {
    "zones": {
        "weights": {"tax_per_mu_wan_yuan": 60, "sales_per_mu_wan_yuan": 40},
        "benchmark": {"multiple": 1.0, "max_ratio": None},
        "classes": {"method": "percentile", "percentile": {"A": 34, "B": 67, "C": 95}},
    }
}
# id, zone, land, tax, sales, class (2021) | tax, sales, class (2022); e3 is T (not scored).
ROWS = [
    ("e1", "Z1", 10.0, 100.0, 1000.0, "A", 60.0, 600.0, "B"),
    ("e2", "Z1", 10.0, 50.0, 500.0, "B", 40.0, 400.0, "C"),
    ("e3", "Z1", 2.0, 5.0, 100.0, None, 5.0, 100.0, None),
    ("e4", "Z2", 20.0, 100.0, 2000.0, "C", 60.0, 1000.0, "C"),
    ("e5", "Z2", 10.0, 20.0, 300.0, "D", 0.0, 200.0, "D"),
    ("e6", "Z3", 10.0, 30.0, 400.0, "C", 90.0, 900.0, "A"),
]


def evaluated(year: int) -> pd.DataFrame:
    """An evaluated frame as geo.evaluation.evaluate gives it (the columns zones read)."""
    tax, sales, cls = (3, 4, 5) if year == 2021 else (6, 7, 8)
    return pd.DataFrame(
        {
            "ent_id": [r[0] for r in ROWS],
            "year": year,
            "zone": pd.Categorical([r[1] for r in ROWS], categories=["Z1", "Z2", "Z3"]),
            "land_mu": [r[2] for r in ROWS],
            "tax_wan_yuan": [r[tax] for r in ROWS],
            "sales_wan_yuan": [r[sales] for r in ROWS],
            "eval_class": pd.Categorical([r[cls] for r in ROWS], categories=list("ABCD")),
            "scored": [r[cls] is not None for r in ROWS],
        }
    )


@pytest.fixture
def rules():
    return zone_rules(ZONES_RAW)


def test_2021_pooled_scored_ranked_classed(rules):
    scores = score_zones(evaluated(2021), rules=rules)
    tab = scores.table
    assert scores.year == 2021
    assert tab["n_enterprises"].tolist() == [3, 2, 1] and tab["n_pooled"].tolist() == [2, 2, 1]
    assert tab["land_mu"].tolist() == [20.0, 30.0, 10.0]
    assert tab["tax_per_mu_wan_yuan"].tolist() == pytest.approx([7.5, 4.0, 3.0])
    assert tab["sales_per_mu_wan_yuan"].tolist() == pytest.approx([75.0, 2300 / 30, 40.0])
    assert scores.benchmarks.to_dict() == pytest.approx(
        {"tax_per_mu_wan_yuan": 5.0, "sales_per_mu_wan_yuan": 70.0}
    )
    assert tab["pts_tax_per_mu_wan_yuan"].tolist() == pytest.approx([90.0, 48.0, 36.0])
    assert tab["score"].tolist() == pytest.approx([132.857143, 91.809524, 58.857143])
    assert tab["rank"].tolist() == [1, 2, 3]
    assert tab["rank_pct_from_top"].tolist() == pytest.approx([100 / 6, 50.0, 250 / 3])
    assert tab["zone_class"].astype(str).tolist() == ["A", "B", "C"]
    # The class mix of each zone's enterprises (T: not scored) and its D-class land.
    assert tab[["n_A", "n_B", "n_C", "n_D", "n_T"]].to_numpy().tolist() == [
        [1, 1, 0, 0, 1],
        [0, 0, 1, 1, 0],
        [0, 0, 1, 0, 0],
    ]
    assert tab["d_land_mu"].tolist() == [0.0, 10.0, 0.0]
    assert tab["d_land_share_pct"].tolist() == pytest.approx([0.0, 100 / 3, 0.0])


def test_two_years_rank_class_and_score_change(rules):
    scores = zones_over_years(evaluated(2022), rules=rules, previous=evaluated(2021))
    tab = scores.table
    assert scores.benchmarks.to_dict() == pytest.approx(
        {"tax_per_mu_wan_yuan": 250 / 60, "sales_per_mu_wan_yuan": 3100 / 60}
    )
    assert tab["score"].tolist() == pytest.approx([110.709677, 59.767742, 199.277419])
    assert tab["rank"].tolist() == [2, 3, 1]
    assert tab["zone_class"].astype(str).tolist() == ["B", "C", "A"]
    assert tab["score_change"].tolist() == pytest.approx([-22.147465, -32.041782, 140.420276])
    assert tab["rank_prev"].tolist() == [1, 2, 3]
    assert tab["rank_change"].tolist() == [-1, -1, 2]
    assert tab["class_prev"].astype(str).tolist() == ["A", "B", "C"]
    assert tab["class_steps"].tolist() == [-1, -1, 2]


def test_score_cutoffs_and_the_cap(rules):
    raw = {
        "zones": {**ZONES_RAW["zones"], "classes": {"method": "score", "score": {"A": 100, "B": 80, "C": 60}}}
    }
    tab = score_zones(evaluated(2022), rules=zone_rules(raw)).table
    assert tab["zone_class"].astype(str).tolist() == ["A", "D", "A"]  # 110.7, 59.8, 199.3
    capped = {"zones": {**ZONES_RAW["zones"], "benchmark": {"multiple": 1.0, "max_ratio": 1.0}}}
    tab = score_zones(evaluated(2022), rules=zone_rules(capped)).table
    # Z1: 60 + 38.709677 (tax capped at its weight); Z3: 60 + 40.
    assert tab["score"].tolist() == pytest.approx([98.709677, 59.767742, 100.0])


def test_pool_all_counts_enterprises_not_scored():
    raw = {"zones": {**ZONES_RAW["zones"], "pool": "all"}}
    tab = score_zones(evaluated(2021), rules=zone_rules(raw)).table
    assert tab.loc["Z1", "n_pooled"] == 3
    assert tab.loc["Z1", "tax_per_mu_wan_yuan"] == pytest.approx(155 / 22)


def test_an_indicator_without_data_is_left_out_and_said(rules):
    raw = {"zones": {**ZONES_RAW["zones"], "weights": {"tax_per_mu_wan_yuan": 60, "rd_share_pct": 40}}}
    scores = score_zones(evaluated(2021), rules=zone_rules(raw))
    assert scores.weights.to_dict() == {"tax_per_mu_wan_yuan": 100.0}
    assert scores.table["score"].tolist() == pytest.approx([150.0, 80.0, 60.0])
    assert any("R&D" in n for n in scores.notes) and any("R&D" in n for n in scores.notes_en)


def test_a_total_nobody_reported_is_missing_not_zero(rules):
    """Walk 13 item 5: zone_scores.csv wrote 增加值 0.00 where zone_metrics.csv left it blank for the
    same missing data. One rule: a total whose every pooled value is missing is missing."""
    frame = evaluated(2021)
    frame["value_added_wan_yuan"] = [None, None, None, None, None, 7.0]
    tab = score_zones(frame, enterprises=frame, rules=rules).table
    assert tab["value_added_wan_yuan"].isna().tolist() == [True, True, False]
    assert tab.loc["Z3", "value_added_wan_yuan"] == 7.0
    assert tab["tax_wan_yuan"].tolist() == [150.0, 120.0, 30.0]  # reported totals as before
    assert score_zones(evaluated(2021), rules=rules).table["value_added_wan_yuan"].isna().all()
    # a zone with no one pooled: 0 where the table has the measure, unknown where it has none
    ghost = frame.assign(
        zone=pd.Categorical(["Z1", "Z1", "Z1", "Z2", "Z2", "Z2"], categories=["Z1", "Z2", "Z3"])
    )
    tab = score_zones(ghost, enterprises=ghost, rules=rules).table
    assert tab.loc["Z3", ["tax_wan_yuan", "value_added_wan_yuan"]].tolist() == [0.0, 0.0]
    unreported = ghost.drop(columns="value_added_wan_yuan")
    assert pd.isna(score_zones(unreported, rules=rules).table.loc["Z3", "value_added_wan_yuan"])


def test_viewers_see_no_zone_of_fewer_than_the_minimum(rules):
    tab = score_zones(evaluated(2021), rules=rules).table
    shown = zones_for_viewers(tab, min_firms=2)
    assert shown.loc["Z1", "score"] == pytest.approx(132.857143)
    assert pd.isna(shown.loc["Z3", "score"]) and pd.isna(shown.loc["Z3", "tax_per_mu_wan_yuan"])
    assert pd.isna(shown.loc["Z3", "zone_class"]) and pd.isna(shown.loc["Z3", "rank"])
    assert shown.loc["Z3", "n_pooled"] == 1 and shown.loc["Z3", "n_C"] == 1  # counts stay


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ({"zones": {"weights": {"亩均": 10}}}, "未知指标"),
        ({"zones": {"weights": {"tax_per_mu_wan_yuan": -5}}}, "不能为负数"),
        ({"zones": {"classes": {"percentile": {"A": 60, "B": 20, "C": 95}}}}, "A ≤ B ≤ C"),
        ({"zones": {"pool": "everyone"}}, "zones.pool"),
        ({"zones": {"colour": "red"}}, "未知的配置项"),
        ({"zones": {"benchmark": {"multiple": "二"}}}, "应为数字"),
    ],
)
def test_bad_zone_rules_are_refused_in_chinese(raw, match):
    with pytest.raises(DataValidationError, match=match):
        zone_rules(raw)


def test_bad_frames_are_refused(rules):
    with pytest.raises(DataValidationError, match="缺少字段 zone"):
        score_zones(evaluated(2021).drop(columns="zone"), rules=rules)
    with pytest.raises(DataValidationError, match="不对应"):
        score_zones(evaluated(2021), enterprises=evaluated(2021).iloc[:3], rules=rules)
    with pytest.raises(DataValidationError, match="得分或类别"):
        with_previous(evaluated(2021), evaluated(2021))


def test_the_evaluation_yaml_accepts_and_documents_a_zones_section():
    config_from_mapping(ZONES_RAW)  # the enterprise rules accept the file's zones section
    default = zone_rules()
    assert default.weights["tax_per_mu_wan_yuan"] == 30 and sum(default.weights.values()) == 100
    assert default.class_method == "percentile" and default.max_ratio == 1.0


def test_xlsx_and_csv_exports_are_formula_safe_with_provenance(rules):
    scores = zones_over_years(evaluated(2022), rules=rules, previous=evaluated(2021))
    table = scores.table.rename(index={"Z1": "=HYPERLINK(1)"})
    scores = type(scores)(**{**scores.__dict__, "table": table})
    prov = Provenance(accuracy="synthetic", source="测试企业表")
    book = openpyxl.load_workbook(
        io.BytesIO(zone_scores_bytes(scores, provenance=prov, method="黄岩区 2023"))
    )
    assert book.sheetnames == ["区镇评价", "评价规则", "说明"]
    ws = book["区镇评价"]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == ["Z3", "=HYPERLINK(1)", "Z2"]  # best rank first; the formula is text
    assert ws["A3"].value == "=HYPERLINK(1)" and ws["A3"].data_type == "s" and ws["A3"].quotePrefix
    assert (
        rows["Z3"]["区镇排名"] == 1
        and rows["Z3"]["区镇类别"] == "A"
        and rows["Z3"]["排名变化（位，正为上升）"] == 2
    )
    about = [r for r in book["说明"].iter_rows(values_only=True)]
    assert any("测试企业表" in str(v) for r in about for v in r)
    # no enterprise reports value added: no column of blanks (walk13 item 5), the rest kept
    assert "工业增加值（万元）" not in header and "税收（万元）" in header, header
    rules_sheet = dict(book["评价规则"].iter_rows(min_row=2, values_only=True))
    assert rules_sheet["评价方法"] == "黄岩区 2023" and "亩均税收 60" in rules_sheet["权重"]
    text = zone_scores_bytes(scores, fmt="csv", provenance=prov, lang="en").decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text))
    assert frame["Town/park"].tolist() == ["Z3", "'=HYPERLINK(1)", "Z2"]
    assert set(frame["Data source"]) == {"测试企业表"} and set(frame["Evaluation year"]) == {2022}
    assert set(frame["Data accuracy"]) == {"synthetic"}  # issue 23 item 5: no raw headers in English
    # numbers as the page shows them: 2 decimals at most, not 27.061534193855753
    numbers = frame.select_dtypes("number")
    assert ((numbers.round(2) == numbers) | numbers.isna()).all().all()
    assert frame["Land (mu)"].tolist() == [round(v, 2) for v in scores.table.sort_values("rank")["land_mu"]]
    assert frame["Score (points)"].tolist() == [
        round(v, 2) for v in scores.table.sort_values("rank")["score"]
    ]
    with pytest.raises(DataValidationError, match="CSV 或 XLSX"):
        zone_scores_bytes(scores, fmt="pdf", provenance=prov)


# --------------------------------------------------------------------------- the command line


def _table() -> pd.DataFrame:
    rows = []
    for year in (2021, 2022):
        tax, sales = (3, 4) if year == 2021 else (6, 7)
        for r in ROWS:
            rows.append(
                {
                    "year": year,
                    "ent_id": r[0],
                    "name": f"企业{r[0]}",
                    "town": r[1],
                    "land_mu": r[2],
                    "tax_wan_yuan": r[tax],
                    "sales_wan_yuan": r[sales],
                    "above_scale": r[0] != "e3",  # e3: 规下 on 2 亩, not scored (T)
                }
            )
    return pd.DataFrame(rows)


def test_cli_writes_the_zones_scored_with_last_year(tmp_path, capsys):
    zones = gpd.GeoDataFrame(
        {"name": ["Z1", "Z2", "Z3"]},
        geometry=[
            box(120.0, 31.0, 120.1, 31.1),
            box(120.1, 31.0, 120.2, 31.1),
            box(120.2, 31.0, 120.3, 31.1),
        ],
        crs=4326,
    )
    zones.to_file(tmp_path / "zones.geojson", driver="GeoJSON")
    _table().to_csv(tmp_path / "ents.csv", index=False, encoding="utf-8-sig")
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(ZONES_RAW, allow_unicode=True), encoding="utf-8")
    out, book = tmp_path / "out", tmp_path / "zones.xlsx"
    status = run_evaluate(
        tmp_path / "zones.geojson",
        tmp_path / "ents.csv",
        out,
        "-c",
        tmp_path / "rules.yaml",
        "--zone-column",
        "town",
        "--year",
        "2022",
        "--zones-out",
        book,
    )
    assert status == 0
    printed = capsys.readouterr().out
    assert "Z3 第 1 名 A 类（199.28 分）" in printed and f"已写出 {book}" in printed
    frame = pd.read_csv(out / "zone_scores.csv", encoding="utf-8-sig").set_index("zone")
    assert frame["score"].tolist() == pytest.approx([110.709677, 59.767742, 199.277419])
    assert frame["rank_change"].tolist() == [-1, -1, 2]
    classes = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig")
    d_land = classes[classes["eval_class"] == "D"].groupby("zone")["land_mu"].sum()
    assert frame["d_land_mu"].to_dict() == {z: d_land.get(z, 0.0) for z in frame.index}
    ws = openpyxl.load_workbook(book)["区镇评价"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["Z3", "Z1", "Z2"]


def test_cli_refuses_a_zones_out_of_another_kind(tmp_path, capsys):
    status = run_evaluate(
        tmp_path / "z.geojson", tmp_path / "e.csv", tmp_path / "o", "--zones-out", tmp_path / "z.pdf"
    )
    assert status == 2
    assert "--zones-out 应为 .xlsx 或 .csv" in capsys.readouterr().err


def test_the_rules_sheet_is_written_in_one_language():
    raw = {"zones": {**ZONES_RAW["zones"], "weights": {"tax_per_mu_wan_yuan": 60, "rd_share_pct": 40}}}
    scores = score_zones(evaluated(2021), rules=zone_rules(raw))
    assert rules_rows(scores, "zh").values.tolist() == [
        ["年份", "2021"],
        ["汇总范围", "参评企业"],
        ["权重", "亩均税收 100"],
        ["基准值", "亩均税收 5"],
        ["分类", "按排名百分位：A 前 34%，B 至 67%，C 至 95%，其余 D"],
        ["来源", "geo/evaluation/evaluation.yaml zones（浙政发〔2018〕5号）"],
        ["说明", "区镇评价：R&D 经费占比没有数据，已从评分中去掉，其余权重按比例放大到合计 100"],
    ]
    assert rules_rows(scores, "en").values.tolist() == [
        ["Year", "2021"],
        ["Pooled", "scored enterprises"],
        ["Weights", "Tax per mu 100"],
        ["Benchmarks", "Tax per mu 5"],
        ["Classes", "By percentile: A top 34 %, B to 67 %, C to 95 %, rest D"],
        [
            "Source",
            "geo/evaluation/evaluation.yaml zones "
            "(Zhejiang provincial government document 浙政发〔2018〕5号)",
        ],
        [
            "Note",
            "Zones: R&D share of sales have no data and were left out; the other weights scaled up to 100",
        ],
    ]


def test_zones_lacking_an_indicator_are_listed_in_the_notes_language():
    """walk11: the English note listed the zones with the Chinese 、 and wrote "r&d share of sales"."""
    raw = {"zones": {**ZONES_RAW["zones"], "weights": {"tax_per_mu_wan_yuan": 60, "rd_share_pct": 40}}}
    table = evaluated(2021)
    rd = {"e1": 50.0, "e2": 10.0}  # only Z1's firms report R&D: Z2 and Z3 lack the indicator
    enterprises = table.assign(rd_wan_yuan=table["ent_id"].map(rd))
    scores = score_zones(table, enterprises=enterprises, rules=zone_rules(raw))
    assert "区镇 Z2、Z3 没有R&D 经费占比数据，该项得 0 分" in scores.notes
    assert "Zones Z2, Z3 have no R&D share of sales data: 0 points" in scores.notes_en
