"""What-if re-scoring (geo/evaluation/rescoring.py) gives what a full evaluation gives, for each change."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from geo.evaluation import Adjustment, default_config, evaluate
from geo.evaluation.rescoring import WhatIf


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    rng = np.random.default_rng(28)
    n = 4000
    sales = rng.lognormal(7, 1.5, n)
    frame = pd.DataFrame(
        {
            "ent_id": [f"E{i:05d}" for i in range(n)],
            "industry": rng.choice(["高端装备", "新材料", "新一代信息技术"], n),
            "above_scale": sales >= 2000,
            "land_mu": np.where(rng.random(n) < 0.03, 0.0, rng.lognormal(1.5, 1.0, n)),
            "sales_wan_yuan": sales,
            "tax_wan_yuan": sales * rng.uniform(0.01, 0.08, n),
            "value_added_wan_yuan": np.where(rng.random(n) < 0.05, np.nan, sales * 0.2),
            "energy_tce": sales * rng.uniform(0.005, 0.05, n),
            "electricity_kwh": sales * rng.uniform(50, 400, n),
            "employees": np.maximum(1, sales / 150).round(),
            "rd_wan_yuan": sales * rng.uniform(0, 0.06, n),
            "start_year": rng.integers(2000, 2023, n),
            "polluter": rng.random(n) < 0.02,
        }
    )
    frame.loc[::997, "tax_wan_yuan"] = frame.loc[::997, "tax_wan_yuan"].iloc[0]  # some ties
    return frame


def _same(what_if: WhatIf, config, table: pd.DataFrame) -> None:
    fast = what_if.rescore(config)
    full = evaluate(table, config=config, year=2022).enterprises
    np.testing.assert_array_equal(fast.score, full["score"].to_numpy())
    scored = full["scored"].to_numpy()
    np.testing.assert_array_equal(fast.rank[scored], full["rank"].to_numpy()[scored].astype(np.int64))
    np.testing.assert_array_equal(fast.n_ranked, full["n_ranked"].to_numpy())
    assert list(fast.eval_class.astype(object)) == list(full["eval_class"].astype(object))


def test_rescoring_equals_a_full_evaluation(table):
    base = default_config()
    base = replace(base, adjustments=(Adjustment(name="重点排污", column="polluter", points=-5.0),))
    what_if = WhatIf(table, config=base, year=2022)
    w_above = dict(base.weights_above_scale)
    first = next(iter(w_above))
    configs = [
        base,
        replace(base, weights_above_scale={**w_above, first: w_above[first] + 20}),
        replace(base, weights_below_scale={"sales_per_mu_wan_yuan": 60, "tax_per_kwh_yuan": 40}),
        replace(base, percentile_cutoffs={"A": 10, "B": 50, "C": 90}),
        replace(base, class_method="score", score_cutoffs={"A": 60, "B": 40, "C": 20}),
        replace(base, rank_within="all", benchmark_within="size", benchmark_mean="simple"),
        replace(base, benchmark_multiple=1.5, max_ratio=1.2, benchmark_fixed={"tax_per_mu_wan_yuan": 30.0}),
        # The missing-data rules (5 % of the enterprises without value added) and per-group fixed benchmarks.
        replace(base, missing_indicator="mean"),
        replace(base, missing_indicator="drop", max_ratio=None),
        replace(base, benchmark_fixed_by_size={"规下": {"tax_per_mu_wan_yuan": 12.0}}),
        replace(base, below_scale_min_land_mu=5.0),  # who is scored changes: a full evaluation
    ]
    for config in configs:
        _same(what_if, config, table)
    changed = what_if.rescore(configs[3])
    assert (changed.eval_class == "A").sum() < (what_if.rescore(base).eval_class == "A").sum()
