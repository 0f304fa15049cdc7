"""用地强度 at city scale (geo/city_intensity.py): each parcel against its minimums as the Wujiang
parcel workflow decides it, and the sums per grid cell and per area, worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from geo.city_intensity import below_minimum, intensity_cells, intensity_table
from geo.errors import DataValidationError
from geo.land.parcels import analyse_parcels
from geo.storage.builtin import load_layer

# Five parcels in two 0.02° cells; minimums of geo/land/land_control.yaml: 新一代信息技术 1.0,
# 高端装备 0.7, 新材料 0.6 (容积率), 建筑系数 30 % for all.
PARCELS = pd.DataFrame(
    {
        "industry": ["新一代信息技术", "高端装备", "新材料", None, "高端装备"],
        "far": [0.9, 0.8, 0.5, 0.0, 1.2],
        "coverage_pct": [45.0, 25.0, 40.0, 0.0, 50.0],
        "idle": [False, False, False, True, False],
        "area_mu": [10.0, 20.0, 30.0, 5.0, 40.0],
        "lon": [120.001, 120.005, 120.019, 120.010, 120.021],
        "lat": [31.001, 31.002, 31.019, 31.010, 31.001],
        "district": ["甲", "甲", "乙", "乙", ""],
    }
)


def test_below_minimum_by_hand():
    flags = below_minimum(PARCELS)
    assert flags["far_min"].tolist()[:3] == [1.0, 0.7, 0.6] and math.isnan(flags["far_min"].iloc[3])
    assert flags["below_far"].tolist() == [True, False, True, False, False]  # 0.9 < 1.0, 0.5 < 0.6
    assert flags["below_coverage"].tolist() == [False, True, False, False, False]  # 25 % < 30 %; idle not
    assert flags["below_minimum"].tolist() == [True, True, True, False, False]


def test_cells_by_hand():
    frame = pd.concat([PARCELS, below_minimum(PARCELS)], axis=1)
    cells = intensity_cells(frame, cell_deg=0.02).set_index(["west", "south"])
    first = cells.loc[(120.0, 31.0)]  # parcels 0-3: three built, all three below; one idle
    assert (first["n"], first["n_built"], first["n_below"]) == (4, 3, 3)
    assert first["below_pct"] == pytest.approx(100.0)
    assert first["far_mean"] == pytest.approx((0.9 * 10 + 0.8 * 20 + 0.5 * 30) / 60)  # idle left out
    second = cells.loc[(120.02, 31.0)]  # parcel 4 alone: built, above both minimums
    assert (second["n"], second["n_built"], second["n_below"]) == (1, 1, 0)
    assert second["below_pct"] == 0.0 and second["far_mean"] == pytest.approx(1.2)
    assert len(cells) == 2


def test_table_by_hand():
    frame = pd.concat([PARCELS, below_minimum(PARCELS)], axis=1)
    table = intensity_table(frame, by="district").set_index("district")
    assert list(table.index) == ["乙", "甲"]  # largest land first; the parcel without a district left out
    assert table.loc["甲", "n_parcels"] == 2 and table.loc["甲", "n_below"] == 2
    assert table.loc["甲", "below_area_mu"] == 30.0 and table.loc["甲", "below_pct"] == 100.0
    assert table.loc["甲", "far_mean"] == pytest.approx((0.9 * 10 + 0.8 * 20) / 30)
    assert table.loc["乙", "n_built"] == 1 and table.loc["乙", "area_mu"] == 35.0


def test_missing_columns_are_named_in_chinese():
    with pytest.raises(DataValidationError, match="宗地表缺少字段：coverage_pct"):
        below_minimum(PARCELS.drop(columns="coverage_pct"))
    with pytest.raises(DataValidationError, match="无法按「town」汇总宗地"):
        intensity_table(PARCELS.assign(below_minimum=False), by="town")
    with pytest.raises(DataValidationError, match="缺少字段：below_minimum"):
        intensity_cells(PARCELS, cell_deg=0.02)


def test_same_flags_as_the_wujiang_parcel_workflow():
    parcels, ents = load_layer("parcels"), load_layer("enterprises")
    ind = analyse_parcels(parcels, ents).indicators
    flags = below_minimum(ind[["industry", "far", "coverage_pct", "idle"]])
    assert int(flags["below_minimum"].sum()) == int(ind["below_minimum"].sum()) > 100
    assert np.array_equal(flags["below_minimum"].to_numpy(), ind["below_minimum"].to_numpy(dtype=bool))
