"""Counties' published methods (geo/evaluation/methods/) reproduce their formulas; the missing-data rules."""

from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
import pytest

from geo.errors import DataValidationError
from geo.evaluation import evaluate
from geo.evaluation.published import list_methods, method_config
from geo.evaluation.rules import config_from_mapping

NAN = math.nan

# Four 规上 and two 规下 enterprises. H3 reported no emission data; H4 no R&D spending.
#  id  land 亩 tax 万元 va 万元  tce   emission  emp  rd  sales  kWh
ROWS = [
    ("H1", 10, 300, 2000, 500, 0.5, 100, 60, 3000, 4_000_000, True),
    ("H2", 20, 400, 3000, 1000, 1.0, 200, 150, 5000, 6_000_000, True),
    ("H3", 8, 100, 600, 300, NAN, 40, 10, 1000, 1_000_000, True),
    ("H4", 15, 200, 1500, 600, 0.25, 80, 0, 2500, 3_000_000, True),
    ("L1", 5, 60, 100, 50, NAN, 10, 0, 600, 2_000_000, False),
    ("L2", 4, 30, 80, 40, NAN, 8, 0, 400, 1_500_000, False),
]
COLUMNS = [
    "ent_id",
    "land_mu",
    "tax_wan_yuan",
    "value_added_wan_yuan",
    "energy_tce",
    "emission_equiv",
    "employees",
    "rd_wan_yuan",
    "sales_wan_yuan",
    "electricity_kwh",
    "above_scale",
]


def table() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLUMNS)


def huangyan_above(tax, va, tce, emission, emp, rd, sales, land, *, emission_points=None):
    """黄岩 2022 规上, as published: 亩均税收÷24.097×30 + 亩均增加值÷136.16×20 + 单位能耗增加值÷2.694×20
    + 单位排放增加值÷4929.81×10 + 全员劳动生产率÷18.14×10 + R&D 占比÷0.0302×10."""
    em = va / emission / 4929.81 * 10 if emission_points is None else emission_points
    return (
        tax / land / 24.097 * 30
        + va / land / 136.16 * 20
        + va / tce / 2.694 * 20
        + em
        + va / emp / 18.14 * 10
        + (rd / sales) / 0.0302 * 10
    )


def huangyan_below(tax, land, kwh):
    """黄岩 2022 规下: 亩均税收÷11.5932×50 + 单位用电税收（元/千瓦时）÷0.2352×50."""
    return tax / land / 11.5932 * 50 + (tax * 10_000 / kwh) / 0.2352 * 50


def test_shipped_methods_are_listed_with_their_sources():
    methods = {m.name: m for m in list_methods()}
    assert set(methods) == {"huangyan-2023", "huaian-2024"}
    assert "黄岩" in methods["huangyan-2023"].source
    assert "淮安" in methods["huaian-2024"].source


def test_huangyan_reproduces_the_published_formula_to_the_hundredth():
    result = evaluate(table(), config=method_config("huangyan-2023"))
    got = result.enterprises.set_index("ent_id")["score"]
    # H3 has no emission data: it gets the 规上 average of that item's points (H1, H2, H4).
    em_points = [2000 / 0.5 / 4929.81 * 10, 3000 / 1.0 / 4929.81 * 10, 1500 / 0.25 / 4929.81 * 10]
    expected = {
        "H1": huangyan_above(300, 2000, 500, 0.5, 100, 60, 3000, 10),
        "H2": huangyan_above(400, 3000, 1000, 1.0, 200, 150, 5000, 20),
        "H3": huangyan_above(100, 600, 300, None, 40, 10, 1000, 8, emission_points=sum(em_points) / 3),
        "H4": huangyan_above(200, 1500, 600, 0.25, 80, 0, 2500, 15),
        "L1": huangyan_below(60, 5, 2_000_000),
        "L2": huangyan_below(30, 4, 1_500_000),
    }
    for ent, score in expected.items():
        assert round(got[ent], 2) == round(score, 2), ent
    # Worked by hand: H1 = 37.35 + 29.38 + 29.70 + 8.11 + 11.03 + 6.62; no cap, so above 100.
    assert round(got["H1"], 2) == 122.18
    assert round(got["H3"], 2) == 61.80
    assert round(got["L1"], 2) == 115.53
    assert any("平均得分" in note for note in result.notes)


def test_huaian_weights_and_classes():
    config = method_config("huaian-2024")
    assert dict(config.weights_above_scale) == {
        "tax_per_mu_wan_yuan": 45.0,
        "sales_per_mu_wan_yuan": 35.0,
        "tax_per_tce_wan_yuan": 20.0,
    }
    assert dict(config.percentile_cutoffs) == {"A": 20.0, "B": 60.0, "C": 95.0}
    result = evaluate(table(), config=config).enterprises.set_index("ent_id")
    # Benchmark = 2 × the pooled average over the six scored enterprises (benchmark.within: all):
    # 亩均税收 2 × 1090 / 62 亩; the cap (max_ratio 1.0) holds. H1: 30 / 35.16 × 45 = 38.39.
    bench_tax = 2 * (300 + 400 + 100 + 200 + 60 + 30) / (10 + 20 + 8 + 15 + 5 + 4)
    assert result.loc["H1", "pts_tax_per_mu_wan_yuan"] == pytest.approx(30 / bench_tax * 45)
    assert round(result.loc["H1", "pts_tax_per_mu_wan_yuan"], 2) == 38.39


def test_missing_rules_zero_mean_drop():
    # 规上 on two indicators, 50 / 50 against fixed benchmarks; H3 lacks energy data.
    base = {
        "weights": {"above_scale": {"tax_per_mu_wan_yuan": 50, "tax_per_tce_wan_yuan": 50}},
        "benchmark": {"fixed": {"tax_per_mu_wan_yuan": 40, "tax_per_tce_wan_yuan": 1.0}, "max_ratio": None},
        "scope": {"below_scale": False},
    }
    data = table()
    data.loc[data.ent_id == "H3", "energy_tce"] = NAN
    scores = {}
    for rule in ("zero", "mean", "drop"):
        config = config_from_mapping({**base, "missing_indicator": rule})
        scores[rule] = evaluate(data, config=config).enterprises.set_index("ent_id")["score"]
    tax_pts_h3 = 100 / 8 / 40 * 50  # 15.625
    energy_pts = [300 / 500 / 1.0 * 50, 400 / 1000 * 50, 200 / 600 * 50]  # H1, H2, H4: 30, 20, 16.67
    assert scores["zero"]["H3"] == pytest.approx(tax_pts_h3)
    assert scores["mean"]["H3"] == pytest.approx(tax_pts_h3 + sum(energy_pts) / 3)
    assert scores["drop"]["H3"] == pytest.approx(tax_pts_h3 * 100 / 50)
    # The others are untouched by the rule.
    for rule in ("mean", "drop"):
        assert scores[rule]["H1"] == pytest.approx(scores["zero"]["H1"])


def test_fixed_by_size_overrides_for_its_group_only():
    config = config_from_mapping(
        {
            "weights": {
                "above_scale": {"tax_per_mu_wan_yuan": 100},
                "below_scale": {"tax_per_mu_wan_yuan": 100},
            },
            "benchmark": {
                "fixed": {"tax_per_mu_wan_yuan": 30},
                "fixed_by_size": {"below_scale": {"tax_per_mu_wan_yuan": 12}},
            },
        }
    )
    result = evaluate(table(), config=config)
    assert result.benchmarks.loc["规上", "tax_per_mu_wan_yuan"] == 30
    assert result.benchmarks.loc["规下", "tax_per_mu_wan_yuan"] == 12
    got = result.enterprises.set_index("ent_id")["score"]
    assert got["L2"] == pytest.approx(7.5 / 12 * 100)


@pytest.mark.parametrize(
    "raw",
    [
        {"missing_indicator": "guess"},
        {"benchmark": {"fixed_by_size": {"big": {"tax_per_mu_wan_yuan": 1}}}},
        {"benchmark": {"fixed_by_size": {"above_scale": {"tax_per_mu_wan_yuan": 0}}}},
        {"benchmark": {"fixed_by_size": {"above_scale": {"no_such_indicator": 1}}}},
    ],
)
def test_bad_method_settings_are_refused_in_chinese(raw):
    with pytest.raises(DataValidationError, match="评价配置有误"):
        config_from_mapping(raw)


def test_unknown_method_names_the_shipped_ones():
    with pytest.raises(DataValidationError) as err:
        method_config("no-such-county")
    assert "huangyan-2023" in str(err.value)


def test_cli_refuses_method_and_config_together(tmp_path):
    config = tmp_path / "mine.yaml"
    config.write_text("version: 1\n", encoding="utf-8")
    zones = tmp_path / "z.geojson"
    zones.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "geo.cli", "evaluate", str(zones), str(zones), "--method", "huaian-2024"]
        + ["--config", str(config), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "二选一" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
