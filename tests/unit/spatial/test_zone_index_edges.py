"""Issue 28 item 4: the fast paths give exactly the slow paths' answers, edge cases included.

The index of zone interiors (candidates per edge cell, sets of overlapping zones) against the exact
test and geopandas.sjoin(intersects); the point coordinates kept per geometry array (read again
after a change); the sums by bincount against hand-computed totals; the what-if re-scoring with its
kept indicators and scores against a full evaluation.
"""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.errors import DataValidationError
from geo.evaluation import default_config, evaluate
from geo.evaluation.metrics import assign_zones, total_metrics, zone_metrics
from geo.evaluation.rescoring import WhatIf
from geo.evaluation.zone_sums import group_sums
from geo.spatial.point_coords import forget_all, point_xy
from geo.spatial.zone_index import EDGE, OVERLAP, build_zone_index, locate_exact

CRS = "EPSG:4549"


def _sjoin(xy: np.ndarray, geoms: list) -> tuple[np.ndarray, np.ndarray]:
    """First zone (-1) and hit count of each point by geopandas.sjoin(intersects)."""
    pts = gpd.GeoDataFrame(geometry=shapely.points(xy), crs=CRS)
    zones = gpd.GeoDataFrame(geometry=list(geoms), crs=CRS)
    joined = gpd.sjoin(pts, zones, how="inner", predicate="intersects")
    zone = np.full(len(xy), -1)
    hits = np.zeros(len(xy), dtype=int)
    first = joined.groupby(level=0)["index_right"].min()
    zone[first.index] = first.to_numpy()
    count = joined.groupby(level=0).size()
    hits[count.index] = count.to_numpy()
    return zone, hits


def _all_three_agree(xy: np.ndarray, geoms: list, *, target_cells: int | None = None):
    geoms = np.asarray(geoms, dtype=object)
    index = build_zone_index(geoms, target_cells=target_cells)
    zi, hi = index.locate(xy[:, 0], xy[:, 1])
    ze, he = locate_exact(xy[:, 0], xy[:, 1], geoms)
    zs, hs = _sjoin(xy, geoms)
    np.testing.assert_array_equal(zi, ze)
    np.testing.assert_array_equal(hi, he)
    np.testing.assert_array_equal(zi, zs)
    np.testing.assert_array_equal(hi, hs)
    return index, zi, hi


def test_points_on_shared_edges_and_corners_of_a_square_grid():
    # Four 1 km squares; their edges fall exactly on the index's cell lines when the grid is 4 x 4.
    squares = [shapely.box(x, y, x + 1000, y + 1000) for y in (0, 1000) for x in (0, 1000)]
    xy = np.array(
        [
            [500.0, 500.0],  # inside zone 0 only
            [1000.0, 500.0],  # on the edge shared by zones 0 and 1
            [1000.0, 1000.0],  # the corner of all four
            [0.0, 0.0],  # the outer corner of zone 0
            [2000.0, 2000.0],  # the outer corner of zone 3
            [2000.0 + 1e-9, 2000.0],  # a hair outside
            [-1.0, 500.0],  # outside
        ]
    )
    for cells in (16, 1_000_000):
        index, zone, hits = _all_three_agree(xy, squares, target_cells=cells)
        assert zone.tolist() == [0, 0, 0, 0, 3, -1, -1]
        assert hits.tolist() == [1, 2, 4, 1, 1, 0, 0]


def test_holes_islands_multipolygons_and_points_outside():
    outer = shapely.Point(5000, 5000).buffer(4000, quad_segs=64)
    hole = shapely.Point(5000, 5000).buffer(1500, quad_segs=64)
    ring = outer.difference(hole)  # zone 0: a ring
    island = shapely.Point(5000, 5000).buffer(800, quad_segs=64)  # zone 1: inside the hole
    parts = shapely.MultiPolygon(
        [shapely.box(10_000, 0, 11_000, 1000), shapely.box(10_000, 9000, 11_000, 10_000)]
    )
    xy = np.array(
        [
            [5000.0, 5000.0],  # on the island
            [5000.0, 6200.0],  # in the hole, off the island: outside every zone
            [5000.0, 7500.0],  # in the ring
            [10_500.0, 500.0],  # first part of the multipolygon
            [10_500.0, 9500.0],  # second part
            [10_500.0, 5000.0],  # between the parts: outside
            [np.nan, 5000.0],  # no location
            [1e9, 1e9],  # far away
        ]
    )
    rng = np.random.default_rng(5)
    random = rng.uniform([-500, -500], [11_500, 10_500], (20_000, 2))
    boundary = shapely.get_coordinates(shapely.boundary(np.array([ring, island, parts], dtype=object)))
    near = boundary + rng.choice([-1e-6, 0.0, 1e-6], boundary.shape)
    _, zone, hits = _all_three_agree(np.vstack([xy, random, boundary, near]), [ring, island, parts])
    assert zone[: len(xy)].tolist() == [1, -1, 0, 2, 2, -1, -1, -1]
    assert (hits[len(xy) :] <= 1).all()  # nothing overlaps here


def test_overlapping_zones_are_coded_as_sets_without_an_exact_test():
    big = shapely.box(0, 0, 10_000, 10_000)
    left = shapely.box(1000, 1000, 6000, 6000)
    right = shapely.box(4000, 4000, 9000, 9000)
    geoms = [big, left, right]
    index = build_zone_index(np.asarray(geoms, dtype=object), target_cells=40_000)
    # Sets {0, 1}, {0, 2} and {0, 1, 2} away from the edges: coded, first zone 0, 2 or 3 zones.
    assert sorted(zip(index.overlap_first.tolist(), index.overlap_hits.tolist(), strict=True)) == [
        (0, 2),
        (0, 3),
    ]
    xy = np.array([[2000.0, 2000.0], [8000.0, 8000.0], [5000.0, 5000.0], [500.0, 500.0], [4000.0, 5000.0]])
    label = index.label[index.cells_of(xy[:, 0], xy[:, 1])]
    assert (label[:3] <= OVERLAP).all() and label[3] == 0 and label[4] == EDGE
    rng = np.random.default_rng(9)
    random = rng.uniform(-100, 10_100, (30_000, 2))
    _, zone, hits = _all_three_agree(np.vstack([xy, random]), geoms, target_cells=40_000)
    assert zone[:5].tolist() == [0, 0, 0, 0, 0] and hits[:5].tolist() == [2, 2, 3, 1, 3]


@pytest.mark.parametrize("seed", [1, 2])
def test_random_wiggly_zones_with_overlaps_equal_sjoin(seed):
    rng = np.random.default_rng(seed)
    seeds = shapely.points(rng.uniform(0, 20_000, (15, 2)))
    frame = shapely.box(0, 0, 20_000, 20_000)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=frame))
    cells = shapely.segmentize(shapely.intersection(cells, frame), 100.0)
    cells = list(shapely.transform(cells, lambda c: c + 60 * np.sin(c[:, ::-1] / 700.0)))
    cells.append(shapely.Point(10_000, 10_000).buffer(3000))  # overlapping several cells
    xy = np.vstack(
        [
            rng.uniform(-1000, 21_000, (40_000, 2)),
            shapely.get_coordinates(shapely.boundary(np.asarray(cells, dtype=object))),
        ]
    )
    for target in (None, 5_000):
        _all_three_agree(xy, cells, target_cells=target)


def _table(xy: np.ndarray) -> gpd.GeoDataFrame:
    n = len(xy)
    return gpd.GeoDataFrame(
        {
            "ent_id": [f"E{i}" for i in range(n)],
            "land_mu": np.ones(n),
            "tax_wan_yuan": np.arange(n, dtype=float),
        },
        geometry=shapely.points(xy),
        crs=CRS,
    )


def test_point_coordinates_are_kept_per_array_and_read_again_after_a_change():
    forget_all()
    zones = gpd.GeoDataFrame(
        {"name": ["a", "b"]}, geometry=[shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)], crs=CRS
    )
    ents = _table(np.array([[1.0, 1.0], [15.0, 5.0], [30.0, 5.0]]))
    index = build_zone_index(zones.geometry.to_numpy())
    first = assign_zones(ents, zones, index=index)
    assert first.zone.astype(object).tolist()[:2] == ["a", "b"] and first.outside_ids == ("E2",)
    x1, _ = point_xy(ents.geometry.to_numpy())
    x2, _ = point_xy(ents.geometry.to_numpy())
    assert x1 is x2 and not x1.flags.writeable  # kept, and read-only
    ents.loc[2, "geometry"] = shapely.Point(5.0, 5.0)  # moved into zone a
    moved = assign_zones(ents, zones, index=index)
    assert moved.zone.astype(object).tolist() == ["a", "b", "a"] and moved.outside_ids == ()
    # Parcels (polygons) are placed at a point on their surface; other geometry types are refused.
    parcels = ents.set_geometry(
        [shapely.box(1, 1, 2, 2), shapely.box(11, 1, 12, 2), shapely.box(31, 1, 32, 2)]
    )
    assert assign_zones(parcels, zones, index=index).zone.astype(object).tolist()[:2] == ["a", "b"]
    lines = ents.set_geometry([shapely.LineString([(0, 0), (1, 1)])] * 3)
    with pytest.raises(DataValidationError, match="企业图层应为点"):
        assign_zones(lines, zones, index=index)


def test_sums_by_bincount_by_hand():
    amounts = {
        "land_mu": np.array([2.0, 0.0, 3.0, np.nan, 5.0]),
        "tax_wan_yuan": np.array([10.0, 7.0, np.nan, 4.0, 1.0]),
        "sales_wan_yuan": None,  # a column the table does not have
    }
    groups = np.array([0, 0, 0, 1, -1])  # the last row is outside; group 2 is empty
    out = group_sums(amounts, groups, 3)
    assert out["n_enterprises"].tolist() == [3, 1, 0]
    land = out["land_mu"].to_numpy()  # group 1's only land is unknown: unknown, not 0; empty group 2: 0
    assert land[0] == 5.0 and np.isnan(land[1]) and land[2] == 0.0
    assert out["tax_wan_yuan"].tolist() == [17.0, 4.0, 0.0]
    # 亩均税收 pooled over the rows with both values and land > 0: zone 0 only the first row.
    assert out.loc[0, "tax_per_mu_wan_yuan"] == 5.0 and np.isnan(out.loc[1, "tax_per_mu_wan_yuan"])
    assert np.isnan(out["sales_wan_yuan"]).all()  # no row reports it: unknown, the empty group too
    assert np.isnan(out["sales_per_mu_wan_yuan"]).all() and out["n_enterprises"].dtype == np.int64
    # The same through zone_metrics / total_metrics on a table.
    zones = gpd.GeoDataFrame(
        {"name": ["a", "b"]}, geometry=[shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)], crs=CRS
    )
    ents = _table(np.array([[1.0, 1.0], [2.0, 2.0], [15.0, 5.0], [50.0, 5.0]]))
    ents["land_mu"] = [1.0, 3.0, 2.0, 9.0]
    table = zone_metrics(ents, assign_zones(ents, zones, index=build_zone_index(zones.geometry.to_numpy())))
    assert table["tax_wan_yuan"].tolist() == [1.0, 2.0] and table["tax_per_mu_wan_yuan"].tolist() == [
        0.25,
        1.0,
    ]
    assert table.index.name == "zone" and "emission_equiv" not in table.columns
    assert total_metrics(ents)["tax_per_mu_wan_yuan"] == pytest.approx(6.0 / 15.0)


@pytest.fixture(scope="module")
def firms() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    n = 3000
    sales = rng.lognormal(7, 1.5, n)
    return pd.DataFrame(
        {
            "ent_id": [f"E{i:05d}" for i in range(n)],
            "industry": rng.choice(["高端装备", "新材料"], n),
            "above_scale": sales >= 2000,
            "land_mu": rng.lognormal(1.5, 1.0, n),
            "sales_wan_yuan": sales,
            "tax_wan_yuan": sales * rng.uniform(0.01, 0.08, n),
            "value_added_wan_yuan": np.where(rng.random(n) < 0.05, np.nan, sales * 0.2),
            "energy_tce": sales * rng.uniform(0.005, 0.05, n),
            "electricity_kwh": sales * rng.uniform(50, 400, n),
            "employees": np.maximum(1, sales / 150).round(),
            "rd_wan_yuan": sales * rng.uniform(0, 0.06, n),
        }
    )


def test_what_if_kept_scores_and_indicators_give_a_full_evaluations_answer(firms):
    base = default_config()
    weights = dict(base.weights_above_scale)
    key = next(iter(weights))
    heavier = replace(base, weights_above_scale={**weights, key: weights[key] + 15})
    stricter = replace(heavier, percentile_cutoffs={"A": 15, "B": 55, "C": 90})
    mean_rule = replace(base, missing_indicator="mean")
    model = WhatIf(firms, config=base)
    # heavier, then its cut-offs alone (scores re-used), then the 'mean' rule (fills points in
    # place: the kept indicators must stay as they were), then the base again.
    for config in (heavier, stricter, stricter, mean_rule, base, heavier):
        fast = model.rescore(config)
        full = evaluate(firms, config=config).enterprises
        np.testing.assert_array_equal(fast.score, full["score"].to_numpy())
        scored = full["scored"].to_numpy()
        np.testing.assert_array_equal(fast.rank[scored], full["rank"].to_numpy()[scored].astype(np.int64))
        assert list(fast.eval_class.astype(object)) == list(full["eval_class"].astype(object))
    assert not model.rescore(base).score.flags.writeable  # kept: read-only
