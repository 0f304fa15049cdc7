"""Zone assignment and per-zone 亩均 metrics, on the hand-worked fixture and by property tests."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box

from geo.errors import DataValidationError
from geo.evaluation.metrics import (
    AMOUNT_COLUMNS,
    NOT_COMPUTABLE_ZH,
    assign_zones,
    assign_zones_by_column,
    check_zones,
    enterprise_ratios,
    land_mu_from_parcels,
    total_metrics,
    with_land_from_parcels,
    zone_metrics,
)
from tests.fixtures.evaluation import CRS, X0, Y0, enterprises, zones


def _zones(assignment) -> list:
    """The zone of each enterprise as a plain list, None outside."""
    return [None if pd.isna(v) else v for v in assignment.zone]


# --------------------------------------------------------------------------- hand-worked fixture


def test_assign_by_location_hand_worked():
    ents = enterprises()
    before = ents.copy()
    a = assign_zones(ents, zones(), zone_id="name")
    # E01, E02, E03 inside 北区; E08 sits on the shared edge x = 501000 and goes to the first
    # zone in order (北区); E04–E07 inside 中区; E09 east of everything; E10 has no location.
    assert _zones(a) == ["北区", "北区", "北区", "中区", "中区", "中区", "中区", "北区", None, None]
    assert a.outside_ids == ("E09", "E10")
    assert a.n_outside == 2
    assert a.zone_keys == ("北区", "中区", "空区")
    assert a.n_overlap == 1  # E08 touches both 北区 and 中区
    assert any("没有位置" in note for note in a.notes)
    pd.testing.assert_frame_equal(ents, before)  # input untouched


def test_assign_reprojects_zones_to_enterprise_crs():
    ents = enterprises().to_crs("EPSG:4326")
    a = assign_zones(ents, zones(), zone_id="code")
    assert _zones(a)[:7] == ["N", "N", "N", "M", "M", "M", "M"]
    assert a.zone.iloc[7] in ("N", "M")  # the edge point may land either side after reprojection
    assert a.outside_ids == ("E09", "E10")


def test_zone_metrics_hand_worked():
    ents = enterprises()
    a = assign_zones(ents, zones())
    m = zone_metrics(ents, a, zones=zones())
    assert list(m.index) == ["北区", "中区", "空区"]

    north = m.loc["北区"]
    # 北区 = E01 + E02 + E03 + E08.
    assert north["n_enterprises"] == 4
    assert north["land_mu"] == 40.0  # 10 + 20 + 0 + 10
    assert north["sales_wan_yuan"] == 5000.0  # 1000 + 3000 + 500 + 500
    assert north["tax_wan_yuan"] == 160.0  # 50 + 90 + 10 + 10
    assert north["value_added_wan_yuan"] == 1000.0  # 200 + 600 + 100 + 100
    assert north["energy_tce"] == 500.0  # 100 + 300 + 50 + 50
    assert north["electricity_kwh"] == 4_000_000.0
    assert north["employees"] == 80.0  # 20 + 40 + 10 + 10
    assert north["rd_wan_yuan"] == 100.0  # 30 + 60 + 5 + 5
    # 亩均 over enterprises with land > 0 (E03 is a tenant on 0 亩): tax 50 + 90 + 10 = 150 on 40 亩.
    assert north["tax_per_mu_wan_yuan"] == pytest.approx(3.75)  # 150 / 40
    assert north["sales_per_mu_wan_yuan"] == pytest.approx(112.5)  # (1000 + 3000 + 500) / 40
    assert north["value_added_per_mu_wan_yuan"] == pytest.approx(22.5)  # (200 + 600 + 100) / 40
    assert north["tax_per_tce_wan_yuan"] == pytest.approx(0.32)  # 160 / 500
    assert north["tax_per_kwh_yuan"] == pytest.approx(0.4)  # 160 万元 × 10^4 / 4,000,000 kWh
    assert north["value_added_per_employee_wan_yuan"] == pytest.approx(12.5)  # 1000 / 80
    assert north["rd_share_pct"] == pytest.approx(2.0)  # 100 / 5000 × 100
    assert north["zone_area_mu"] == pytest.approx(1500.0)  # 1 km² = 1,000,000 m² / 666.67

    mid = m.loc["中区"]
    # 中区 = E04 + E05 (land missing) + E06 (energy missing) + E07.
    assert mid["n_enterprises"] == 4
    assert mid["land_mu"] == 37.0  # 5 + 30 + 2 (E05 unknown, skipped)
    assert mid["sales_wan_yuan"] == 4200.0  # 400 + 800 + 2900 + 100
    assert mid["tax_wan_yuan"] == 364.0  # 20 + 40 + 300 + 4
    assert mid["energy_tce"] == 130.0  # 40 + 80 + 10 (E06 unknown)
    assert mid["employees"] == 86.0  # 8 + 16 + 60 + 2
    # 亩均税收 over E04, E06, E07 (E05 has no land): (20 + 300 + 4) / 37 = 324 / 37.
    assert mid["tax_per_mu_wan_yuan"] == pytest.approx(8.756757, rel=1e-6)
    assert mid["sales_per_mu_wan_yuan"] == pytest.approx(91.891892, rel=1e-6)  # 3400 / 37
    assert mid["value_added_per_mu_wan_yuan"] == pytest.approx(35.135135, rel=1e-6)  # 1300 / 37
    # 单位能耗税收 over E04, E05, E07 (E06 has no energy figure): (20 + 40 + 4) / 130 = 64 / 130.
    assert mid["tax_per_tce_wan_yuan"] == pytest.approx(0.492308, rel=1e-6)
    assert mid["tax_per_kwh_yuan"] == pytest.approx(0.846512, rel=1e-6)  # 364e4 / 4,300,000
    assert mid["value_added_per_employee_wan_yuan"] == pytest.approx(16.976744, rel=1e-6)  # 1460 / 86
    assert mid["rd_share_pct"] == pytest.approx(7.452381, rel=1e-6)  # 313 / 4200 × 100
    # 单位能耗增加值 over E04, E05, E07 as 单位能耗税收: (80 + 160 + 20) / 130 = 2.
    assert mid["value_added_per_tce_wan_yuan"] == pytest.approx(2.0)
    assert mid["sales_per_kwh_yuan"] == pytest.approx(9.767442, rel=1e-6)  # 4200e4 / 4,300,000

    empty = m.loc["空区"]
    # An empty zone: counts and totals are 0, every ratio is 无法计算 (NaN), never inf or 0.
    assert empty["n_enterprises"] == 0
    assert empty["tax_wan_yuan"] == 0.0 and empty["land_mu"] == 0.0
    ratio_cols = [c for c in m.columns if "_per_" in c or c.endswith("_pct")]
    assert len(ratio_cols) == 9  # RATIOS less the two that need the absent emission column
    assert empty[ratio_cols].isna().all()
    assert np.isfinite(m[ratio_cols].to_numpy()[~np.isnan(m[ratio_cols].to_numpy())]).all()

    # Zones plus the outside set (E09: tax 20, E10: tax 5) add up to the whole table.
    assert m["tax_wan_yuan"].sum() + 20 + 5 == total_metrics(ents)["tax_wan_yuan"] == 549.0
    assert m["n_enterprises"].sum() + a.n_outside == len(ents)


def test_assign_by_column_hand_worked():
    ents = enterprises()
    a = assign_zones_by_column(ents, zones()["name"], column="town")
    # E08's form says 北区; E09 says 城外 (not a zone); E10 has no town.
    assert _zones(a) == ["北区", "北区", "北区", "中区", "中区", "中区", "中区", "北区", None, None]
    assert a.outside_ids == ("E09", "E10")
    assert any("城外" in note for note in a.notes)
    m = zone_metrics(ents, a)
    assert m.loc["北区", "tax_wan_yuan"] == 160.0
    assert "zone_area_mu" not in m.columns


def test_enterprise_ratios_zero_and_missing_land_are_not_computable():
    r = enterprise_ratios(enterprises()).set_axis(enterprises()["ent_id"])
    assert r.loc["E01", "tax_per_mu_wan_yuan"] == 5.0  # 50 / 10
    assert r.loc["E01", "tax_per_kwh_yuan"] == pytest.approx(0.5)  # 50e4 / 1e6
    assert r.loc["E01", "rd_share_pct"] == pytest.approx(3.0)  # 30 / 1000 × 100
    assert math.isnan(r.loc["E03", "tax_per_mu_wan_yuan"])  # land 0 -> 无法计算
    assert math.isnan(r.loc["E05", "tax_per_mu_wan_yuan"])  # land missing -> 无法计算
    assert math.isnan(r.loc["E06", "tax_per_tce_wan_yuan"])  # energy missing
    assert r.loc["E06", "tax_per_mu_wan_yuan"] == 10.0
    assert not np.isinf(r.to_numpy()).any()
    assert NOT_COMPUTABLE_ZH == "无法计算"


def test_land_from_parcels_in_epsg4549():
    parcels = gpd.GeoDataFrame(
        {"ent_id": ["E01", "E01", "E02"]},
        geometry=[
            box(X0, Y0, X0 + 100, Y0 + 100),  # 10,000 m² = 15 亩
            box(X0 + 200, Y0, X0 + 300, Y0 + 50),  # 5,000 m² = 7.5 亩
            box(X0, Y0 + 200, X0 + 200, Y0 + 400),  # 40,000 m² = 60 亩
        ],
        crs=CRS,
    )
    land = land_mu_from_parcels(parcels)
    assert land.to_dict() == pytest.approx({"E01": 22.5, "E02": 60.0})
    # Same parcels stored in WGS-84 are projected before measuring.
    land_wgs = land_mu_from_parcels(parcels.to_crs("EPSG:4326"))
    assert land_wgs["E02"] == pytest.approx(60.0, rel=1e-6)
    ents = enterprises()
    out = with_land_from_parcels(ents, parcels)
    assert out["land_mu"].iloc[0] == pytest.approx(22.5)
    assert math.isnan(out["land_mu"].iloc[3])  # E04 has no parcel -> unknown
    assert ents["land_mu"].iloc[0] == 10  # input untouched
    with pytest.raises(DataValidationError, match="坐标参考系"):
        land_mu_from_parcels(parcels.set_crs(None, allow_override=True))


# --------------------------------------------------------------------------- bad input


def test_duplicated_ids_are_named():
    ents = enterprises()
    ents.loc[3, "ent_id"] = "E01"
    ents.loc[5, "ent_id"] = "E02"
    with pytest.raises(DataValidationError, match="企业编号重复：E01、E02"):
        assign_zones(ents, zones())


def test_bad_inputs_raise_clear_errors():
    ents = enterprises()
    with pytest.raises(DataValidationError, match="没有坐标参考系"):
        assign_zones(ents.set_crs(None, allow_override=True), zones())
    with pytest.raises(DataValidationError, match="没有坐标参考系"):
        assign_zones(ents, zones().set_crs(None, allow_override=True))
    with pytest.raises(DataValidationError, match="缺少字段「县名」"):
        assign_zones(ents, zones(), zone_id="县名")
    dup_zones = zones().assign(name=["北区", "北区", "空区"])
    with pytest.raises(DataValidationError, match="区域名称/编码重复：北区"):
        assign_zones(ents, dup_zones)
    with pytest.raises(DataValidationError, match="非数值"):
        assign_zones(ents.assign(tax_wan_yuan=["x"] + [1] * 9), zones())
    with pytest.raises(DataValidationError, match="不能为负数"):
        zone_metrics(ents.assign(land_mu=-1.0), assign_zones(ents, zones()))
    with pytest.raises(DataValidationError, match="空的"):
        assign_zones(ents.iloc[0:0], zones())
    with pytest.raises(DataValidationError, match="缺少企业编号"):
        assign_zones(ents.drop(columns="ent_id"), zones())
    with pytest.raises(DataValidationError, match="没有位置"):
        assign_zones(pd.DataFrame(ents.drop(columns="geometry")), zones())
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)])
    with pytest.raises(DataValidationError, match="几何无效.*坏区"):
        check_zones(gpd.GeoDataFrame({"name": ["坏区"]}, geometry=[bowtie], crs=CRS), zone_id="name")


def test_missing_amount_column_gives_not_computable():
    ents = enterprises().drop(columns=["energy_tce"])
    m = zone_metrics(ents, assign_zones(ents, zones()))
    assert m["tax_per_tce_wan_yuan"].isna().all()
    assert m.loc["北区", "tax_per_mu_wan_yuan"] == pytest.approx(3.75)
    # walk13 item 5: a measure no enterprise reports is unknown in every zone, the empty one too
    # (its 0.00 kept a column of blanks in the files), while a reported measure's empty zone is 0
    assert m["energy_tce"].isna().all()
    assert m.loc["空区", "tax_wan_yuan"] == 0.0
    blank = enterprises().assign(rd_wan_yuan=np.nan)
    assert zone_metrics(blank, assign_zones(blank, zones()))["rd_wan_yuan"].isna().all()


# --------------------------------------------------------------------------- properties


def _grid_zones(nx: int, ny: int, size: float) -> gpd.GeoDataFrame:
    geoms = [
        box(X0 + i * size, Y0 + j * size, X0 + (i + 1) * size, Y0 + (j + 1) * size)
        for j in range(ny)
        for i in range(nx)
    ]
    return gpd.GeoDataFrame({"name": [f"z{k}" for k in range(len(geoms))]}, geometry=geoms, crs=CRS)


amount = st.one_of(st.none(), st.floats(min_value=0, max_value=1e6, allow_nan=False))


@st.composite
def _table(draw):
    n = draw(st.integers(min_value=1, max_value=40))
    rows = []
    for k in range(n):
        x = draw(st.floats(min_value=-500, max_value=3500, allow_nan=False))
        y = draw(st.floats(min_value=-500, max_value=2500, allow_nan=False))
        row = {"ent_id": f"P{k}", "geometry": Point(X0 + x, Y0 + y)}
        for col in AMOUNT_COLUMNS:
            value = draw(amount)
            row[col] = np.nan if value is None else value
        rows.append(row)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=_table(), nx=st.integers(1, 3), ny=st.integers(1, 2))
def test_property_zone_sums_plus_outside_equal_total(table, nx, ny):
    z = _grid_zones(nx, ny, 1000.0)
    a = assign_zones(table, z)
    m = zone_metrics(table, a)
    outside = table[table["ent_id"].isin(a.outside_ids)]
    assert m["n_enterprises"].sum() + len(outside) == len(table)
    for col in AMOUNT_COLUMNS:
        zone_sum = np.nansum(m[col].to_numpy())
        expected = np.nansum(table[col].to_numpy())
        assert zone_sum + np.nansum(outside[col].to_numpy()) == pytest.approx(expected, rel=1e-9, abs=1e-6)
    # Each point lies in the zone a brute-force shapely test finds first.
    for idx, pt in zip(table.index, table.geometry, strict=True):
        first = next((k for k, g in zip(z["name"], z.geometry, strict=True) if g.intersects(pt)), None)
        assert (None if pd.isna(a.zone.loc[idx]) else a.zone.loc[idx]) == first


@settings(max_examples=60, deadline=None)
@given(
    land=st.lists(st.floats(min_value=0.01, max_value=1e4), min_size=1, max_size=20),
    data=st.data(),
)
def test_property_mu_ratio_is_total_over_land(land, data):
    n = len(land)
    tax = data.draw(st.lists(st.floats(min_value=-100, max_value=1e5), min_size=n, max_size=n))
    sales = data.draw(st.lists(st.floats(min_value=0, max_value=1e6), min_size=n, max_size=n))
    pts = [Point(X0 + 10 + (k % 50) * 10, Y0 + 10) for k in range(n)]
    table = gpd.GeoDataFrame(
        {
            "ent_id": [f"Q{k}" for k in range(n)],
            "land_mu": land,
            "tax_wan_yuan": tax,
            "sales_wan_yuan": sales,
        },
        geometry=pts,
        crs=CRS,
    )
    m = zone_metrics(table, assign_zones(table, _grid_zones(1, 1, 1000.0)))
    row = m.iloc[0]
    assert row["tax_per_mu_wan_yuan"] == pytest.approx(sum(tax) / sum(land), rel=1e-9, abs=1e-12)
    assert row["sales_per_mu_wan_yuan"] == pytest.approx(sum(sales) / sum(land), rel=1e-9, abs=1e-12)
    assert row["tax_per_mu_wan_yuan"] == pytest.approx(
        row["tax_wan_yuan"] / row["land_mu"], rel=1e-9, abs=1e-12
    )


def test_large_tables_take_the_threaded_path_with_the_same_answer(monkeypatch):
    import geo.evaluation.metrics as metrics_module
    from geo.evaluation import evaluate

    rng = np.random.default_rng(7)
    n = 60_000
    table = gpd.GeoDataFrame(
        {
            "ent_id": [f"L{k}" for k in range(n)],
            "above_scale": rng.random(n) < 0.4,
            "land_mu": rng.uniform(1, 50, n),
            "tax_wan_yuan": rng.uniform(0, 500, n),
            "sales_wan_yuan": rng.uniform(100, 5000, n),
        },
        geometry=shapely.points(rng.uniform(X0 - 300, X0 + 3300, n), rng.uniform(Y0 - 300, Y0 + 2300, n)),
        crs=CRS,
    )
    z = _grid_zones(3, 2, 1000.0)
    assert n >= metrics_module.PARALLEL_MIN_ROWS
    threaded = assign_zones(table, z)
    res_threaded = evaluate(table, zone=threaded.zone).enterprises
    monkeypatch.setattr(metrics_module, "PARALLEL_MIN_ROWS", 10**9)
    import geo.evaluation as evaluation_module

    monkeypatch.setattr(evaluation_module, "PARALLEL_MIN_ROWS", 10**9)
    plain = assign_zones(table, z)
    assert threaded.zone.equals(plain.zone) and threaded.outside_ids == plain.outside_ids
    pd.testing.assert_frame_equal(
        pd.DataFrame(res_threaded.drop(columns="geometry")),
        pd.DataFrame(evaluate(table, zone=plain.zone).enterprises.drop(columns="geometry")),
    )
    monkeypatch.undo()
    dup = table.copy()
    dup.loc[5, "ent_id"] = "L0"
    with pytest.raises(DataValidationError, match="企业编号重复：L0"):
        assign_zones(dup, z)
    with pytest.raises(DataValidationError, match="企业编号重复：L0"):
        evaluate(dup)
