"""Parcels (宗地) on the hand-worked fixture (tests/fixtures/parcels.py): land from geometry, the join
by id and by location, each 低效用地 rule on the parcel built for it, the contract check, renewal."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pandas as pd
import pytest
import yaml

from geo.errors import DataValidationError
from geo.land import parcels as P
from geo.land import renewal as R
from tests.fixtures.parcels import enterprises, parcels, zones


def _low(analysis: P.ParcelAnalysis) -> dict[str, str]:
    return dict(zip(analysis.low["parcel_id"], analysis.low["reason_keys"], strict=True))


def test_parcel_areas_are_exact_mu_in_epsg4549():
    prepared = P.prepare_parcels(parcels())
    assert prepared.set_index("parcel_id")["area_mu"].round(9).to_dict() == {
        "P1": 15.0,
        "P2": 3.0,
        "P3": 9.0,
        "P4": 15.0,
        "P5": 6.0,
        "P6": 3.0,
        "P7": 3.0,
        "P8": 3.0,
    }
    # The same parcels stored in WGS-84 are projected before measuring.
    wgs = P.prepare_parcels(parcels().to_crs("EPSG:4326")).set_index("parcel_id")["area_mu"]
    assert wgs["P1"] == pytest.approx(15.0, abs=1e-6)
    # No enterprise and no idle column: idle.
    assert prepared.set_index("parcel_id")["idle"].to_dict()["P6"] is True
    assert int(prepared["idle"].sum()) == 1


def test_enterprise_land_is_the_sum_of_its_parcels_with_the_table_figure_beside():
    joined = P.join_parcels(P.prepare_parcels(parcels()), enterprises())
    assert joined.method == "id"
    ents = P.with_parcel_land(enterprises(), joined).set_index("ent_id")
    assert ents["land_mu"].round(9).to_dict() == {"E1": 18.0, "E2": 9.0, "E3": 15.0, "E4": 9.0, "E5": 3.0}
    assert ents.loc["E1", "n_parcels"] == 2 and ents.loc["E4", "n_parcels"] == 2
    assert ents.loc["E1", "land_mu_table"] == 20.0
    assert ents.loc["E1", "land_diff_mu"] == pytest.approx(-2.0)
    assert ents.loc["E2", "land_diff_mu"] == pytest.approx(0.0, abs=1e-9)
    # A table without any land column is fine: the land comes from the parcels alone.
    no_land = P.with_parcel_land(enterprises(with_land=False), joined).set_index("ent_id")
    assert no_land.loc["E1", "land_mu"] == pytest.approx(18.0)
    assert math.isnan(no_land.loc["E1", "land_mu_table"])


def test_chinese_headers_are_recognised():
    mapping = P.recognise_parcel_columns(list(parcels(chinese=True).columns))
    assert mapping["parcel_id"] == "地块编号"
    assert mapping["ent_id"] == "统一社会信用代码"
    assert mapping["coverage_pct"] == "建筑系数（%）"
    assert mapping["promised_full_year"] == "约定达产年份"
    analysis = P.analyse_parcels(parcels(chinese=True), enterprises(), zones=zones())
    assert set(_low(analysis)) == {"P3", "P4", "P6"}


def test_join_by_location_when_parcels_carry_no_enterprise_id():
    bare = parcels().drop(columns="ent_id")
    joined = P.join_parcels(P.prepare_parcels(bare), enterprises())
    assert joined.method == "location"
    owner = joined.parcels.set_index("parcel_id")["ent_id"].to_dict()
    # The parcel holding each enterprise point; the others hold none and count as idle.
    assert {k: v for k, v in owner.items() if pd.notna(v)} == {
        "P1": "E1",
        "P3": "E2",
        "P4": "E3",
        "P5": "E4",
        "P8": "E5",
    }
    assert joined.parcels.set_index("parcel_id")["idle"].to_dict()["P2"] is True
    ents = P.with_parcel_land(enterprises(), joined).set_index("ent_id")
    assert ents.loc["E1", "land_mu"] == pytest.approx(15.0)  # P2 holds no point: not E1's by location
    assert ents.loc["E4", "land_mu"] == pytest.approx(6.0)
    with pytest.raises(DataValidationError, match="无法把宗地对应到企业"):
        P.join_parcels(P.prepare_parcels(bare), pd.DataFrame(enterprises().drop(columns="geometry")))


def test_zone_of_each_parcel_and_the_one_outside_every_zone():
    analysis = P.analyse_parcels(parcels(), enterprises(), zones=zones())
    zone = analysis.indicators.set_index("parcel_id")["zone"]
    assert pd.isna(zone["P7"])
    sums = analysis.indicators.groupby("zone")["area_mu"].sum().round(9).to_dict()
    assert sums == {"东区": 30.0, "西区": 24.0}


def test_each_rule_flags_the_parcel_built_for_it():
    analysis = P.analyse_parcels(parcels(), enterprises(), zones=zones())
    assert _low(analysis) == {"P3": "far_below_min", "P4": "coverage_below_min", "P6": "idle"}
    ind = analysis.indicators.set_index("parcel_id")
    assert ind.loc["P3", "far_min"] == 0.8 and ind.loc["P4", "far_min"] == 1.0
    assert ind.loc["P3", "tax_per_mu_wan_yuan"] == pytest.approx(5.0)
    # Class D: the enterprise on P8 is class D.
    with_d = P.with_classes(analysis, pd.Series({"E5": "D", "E1": "A"}))
    assert _low(with_d)["P8"] == "class_d" and "P1" not in _low(with_d)
    assert with_d.low.set_index("parcel_id").loc["P8", "reasons"] == "企业评价为 D 类"
    # 亩均税收 threshold (off by default): 8 万元/亩 catches E2 (5) and E5 (1).
    strict = P.controls_from_mapping({"low_efficiency": {"tax_per_mu_min_wan_yuan": 8}})
    taxed = P.analyse_parcels(parcels(), enterprises(), zones=zones(), controls=strict)
    assert _low(taxed) == {
        "P3": "far_below_min;tax_below_min",
        "P4": "coverage_below_min",
        "P6": "idle",
        "P8": "tax_below_min",
    }
    # Rules can be switched off.
    off = P.controls_from_mapping({"low_efficiency": {"idle": False, "coverage_below_min": False}})
    assert set(_low(P.analyse_parcels(parcels(), enterprises(), controls=off))) == {"P3"}


def test_a_city_replaces_the_minimums_with_its_own_yaml(tmp_path):
    own = tmp_path / "city.yaml"
    own.write_text(
        yaml.safe_dump(
            {"far_min_by_category": {"通用设备制造业 (35)": 1.2}, "coverage_min_pct": 20}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    controls = P.load_controls(own)
    assert controls.far_min("高端装备") == 1.2 and controls.far_min("高端纺织") == 0.8
    analysis = P.analyse_parcels(parcels(), enterprises(), controls=controls)
    # E1's parcels (FAR 1.0, 0.9) are now below 1.2; P4's 25 % coverage passes 20 %.
    assert _low(analysis) == {
        "P1": "far_below_min",
        "P2": "far_below_min",
        "P3": "far_below_min",
        "P6": "idle",
    }
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump({"industry_category": {"高端装备": "不存在的门类"}}, allow_unicode=True),
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError, match="不存在的门类"):
        P.load_controls(bad)
    with pytest.raises(DataValidationError, match="未知的低效用地规则"):
        P.controls_from_mapping({"low_efficiency": {"half_built": True}})


def test_contracts_achieved_vs_promised():
    analysis = P.analyse_parcels(parcels(), enterprises(), zones=zones())
    c = analysis.contracts.set_index("parcel_id")
    assert set(c.index) == {"P4", "P5", "P7"}
    assert c.loc["P4", "verdict"] == "未达标" and c.loc["P4", "shortfalls"] == "容积率"
    assert c.loc["P4", "gap_far"] == pytest.approx(-0.3)
    assert c.loc["P4", "gap_invest_per_mu"] == pytest.approx(0.0)
    assert c.loc["P4", "gap_tax_per_mu"] == pytest.approx(5.0)
    assert c.loc["P5", "verdict"] == "达标"
    assert c.loc["P5", "gap_tax_per_mu"] == pytest.approx(5.0)  # 270 / 9 = 30 vs 25
    assert c.loc["P7", "verdict"] == "未到达产期"
    # Checked for 2028, P7 is due: 200 万元/亩 vs 100, FAR 0.9 vs 0.8, 30 vs 20: met.
    later = P.check_contracts(analysis.indicators, controls=analysis.controls, check_year=2028)
    assert later.set_index("parcel_id").loc["P7", "verdict"] == "达标"


def test_bad_parcels_are_refused_with_chinese_messages():
    with pytest.raises(DataValidationError, match="坐标参考系"):
        P.prepare_parcels(parcels().set_crs(None, allow_override=True))
    dup = parcels()
    dup.loc[1, "parcel_id"] = "P1"
    with pytest.raises(DataValidationError, match="宗地编号重复：P1"):
        P.prepare_parcels(dup)
    points = parcels().assign(geometry=parcels().centroid)
    with pytest.raises(DataValidationError, match="面图层"):
        P.prepare_parcels(points)
    with pytest.raises(DataValidationError, match="空的"):
        P.prepare_parcels(parcels().iloc[0:0])


def test_renewal_changes_are_kept_with_who_and_when_and_summed(tmp_path):
    store = tmp_path / "user.gpkg"
    analysis = P.analyse_parcels(parcels(), enterprises(), zones=zones())
    identified = pd.DataFrame(analysis.low[["parcel_id", "ent_id", "zone", "area_mu"]])
    when = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
    R.record_status(
        "P3", "处置中", method="技改提升", status_date="2025-03-01", actor="张三", path=store, now=when
    )
    R.record_status(
        "P3", "已盘活", method="技改提升", status_date="2025-11-20", actor="李四", path=store, now=when
    )
    R.record_status(
        "P6", "已盘活", method="收回/转让", status_date="2024-12-01", actor="李四", path=store, now=when
    )
    log = R.load_log(path=store)
    assert log[["parcel_id", "old_status", "status", "changed_by"]].values.tolist() == [
        ["P3", "已认定", "处置中", "张三"],
        ["P3", "处置中", "已盘活", "李四"],
        ["P6", "已认定", "已盘活", "李四"],
    ]
    assert log["changed_at"].iloc[0] == "2025-06-01T08:00:00+00:00"
    tracked = R.with_status(identified, log, identified_year=2025).set_index("parcel_id")
    assert tracked["status"].to_dict() == {"P3": "已盘活", "P4": "已认定", "P6": "已盘活"}
    summary = R.renewal_summary(tracked.reset_index())
    # Identified in 2025: P3 (东区 9), P4 + P6 (西区 15 + 3); freed P6 in 2024 (3), P3 in 2025 (9).
    assert summary.loc[(2025, "东区"), "identified_mu"] == pytest.approx(9.0)
    assert summary.loc[(2025, "西区"), "identified_mu"] == pytest.approx(18.0)
    assert summary.loc[(2024, "西区"), "freed_mu"] == pytest.approx(3.0)
    assert summary.loc[(2025, "东区"), "freed_mu"] == pytest.approx(9.0)
    assert summary["freed_mu"].sum() == pytest.approx(12.0)
    with pytest.raises(DataValidationError, match="处置方式"):
        R.record_status("P4", "处置中", status_date="2025-01-01", actor="张三", path=store)
    with pytest.raises(DataValidationError, match="登录身份"):
        R.record_status("P4", "已认定", status_date="2025-01-01", actor=" ", path=store)
    with pytest.raises(DataValidationError, match="未知的盘活状态"):
        R.record_status("P4", "完成", method="技改提升", status_date="2025-01-01", actor="张三", path=store)
    assert len(R.load_log(path=store)) == 3  # refused changes leave no trace
    # Issue 23 item 11: a 处置中 set on 2026-12-06 counts under 2026, not the year it was identified.
    R.record_status(
        "P4", "处置中", method="技改提升", status_date="2026-12-06", actor="张三", path=store, now=when
    )
    tracked = R.with_status(identified, R.load_log(path=store), identified_year=2025)
    summary = R.renewal_summary(tracked)
    assert summary.loc[(2026, "西区"), "in_progress_mu"] == pytest.approx(15.0)
    assert summary["in_progress_mu"].sum() == pytest.approx(15.0)
