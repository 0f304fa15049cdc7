"""The index of zone interiors (geo/spatial/zone_index.py) gives the same assignment as the exact test and
as geopandas.sjoin(intersects), points on and next to boundaries included."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.evaluation.metrics import assign_zones, zone_metrics
from geo.spatial.zone_index import build_zone_index, locate_exact

CRS = "EPSG:4549"


def _zones() -> gpd.GeoDataFrame:
    """A wiggly tessellation of 12 cells, one with a hole, a multipolygon, and a zone overlapping two."""
    rng = np.random.default_rng(7)
    box = shapely.box(500_000, 3_400_000, 520_000, 3_420_000)
    seeds = shapely.points(rng.uniform([500_000, 3_400_000], [520_000, 3_420_000], (12, 2)))
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=box))
    cells = shapely.segmentize(shapely.intersection(cells, box), 150.0)
    cells = shapely.transform(cells, lambda c: c + 40 * np.sin(c[:, ::-1] / 900.0))
    cells = list(cells)
    hole = shapely.buffer(shapely.centroid(cells[0]), 300.0)
    cells[0] = cells[0].difference(hole)
    extra = shapely.MultiPolygon([hole, shapely.box(521_000, 3_401_000, 522_000, 3_402_000)])
    overlap = shapely.buffer(shapely.Point(510_000, 3_410_000), 2_500.0)
    geoms = [*cells, extra, overlap]
    assert not shapely.is_empty(geoms).any()
    return gpd.GeoDataFrame({"name": [f"Z{i:02d}" for i in range(len(geoms))]}, geometry=geoms, crs=CRS)


def _points(zones: gpd.GeoDataFrame, n_random: int = 20_000) -> np.ndarray:
    """Random points, every boundary vertex, edge midpoints, and points a hair off the boundaries."""
    rng = np.random.default_rng(11)
    xy = [rng.uniform([499_000, 3_399_000], [523_000, 3_421_000], (n_random, 2))]
    ring = shapely.get_coordinates(shapely.boundary(zones.geometry.to_numpy()))
    xy.append(ring)
    xy.append((ring[:-1] + ring[1:]) / 2)
    for eps in (1e-7, 1e-3, 0.5):
        xy.append(ring + rng.choice([-eps, eps], ring.shape))
    xy.append(np.array([[np.nan, 3_410_000.0], [510_000.0, np.nan], [1e9, 1e9]]))
    return np.vstack(xy)


def _sjoin_answer(xy: np.ndarray, zones: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    pts = gpd.GeoDataFrame(geometry=shapely.points(xy), crs=CRS)
    joined = gpd.sjoin(pts, zones[["geometry"]], how="inner", predicate="intersects")
    first = joined.groupby(level=0)["index_right"].min()
    count = joined.groupby(level=0).size()
    zone = np.full(len(xy), -1)
    hits = np.zeros(len(xy), dtype=int)
    zone[first.index] = first.to_numpy()
    hits[count.index] = count.to_numpy()
    return zone, hits


@pytest.mark.parametrize("target_cells", [None, 2_000, 300_000])
def test_index_equals_exact_and_sjoin(target_cells):
    zones = _zones()
    geoms = zones.geometry.to_numpy()
    xy = _points(zones)
    index = build_zone_index(geoms, target_cells=target_cells)
    zi, hi = index.locate(xy[:, 0], xy[:, 1])
    ze, he = locate_exact(xy[:, 0], xy[:, 1], geoms)
    zs, hs = _sjoin_answer(xy, zones)
    assert (zi == ze).all() and (hi == he).all()
    assert (zi == zs).all() and (hi == hs).all()
    assert (zi >= 0).sum() > 15_000 and (hi > 1).sum() > 100  # inside, and in the overlap
    # Most points need no exact test: they are in cells wholly inside or outside.
    edge_share = index.is_edge(xy[:20_000, 0], xy[:20_000, 1]).mean()
    if target_cells is None:
        assert edge_share < 0.05


def test_assign_zones_with_the_index_is_the_same_assignment():
    zones = _zones()
    xy = _points(zones, n_random=60_000)  # >= 50,000 rows: the threaded path too
    rng = np.random.default_rng(3)
    n = len(xy)
    ents = gpd.GeoDataFrame(
        {
            "ent_id": [f"E{i}" for i in range(n)],
            "land_mu": rng.uniform(0, 50, n),
            "tax_wan_yuan": np.where(rng.random(n) < 0.1, np.nan, rng.uniform(0, 500, n)),
            "sales_wan_yuan": rng.uniform(0, 5000, n),
        },
        geometry=shapely.points(xy),
        crs=CRS,
    )
    index = build_zone_index(zones.geometry.to_numpy())
    fast = assign_zones(ents, zones, index=index)
    slow = assign_zones(ents, zones)
    assert fast.zone.equals(slow.zone)
    assert fast.outside_ids == slow.outside_ids and fast.n_overlap == slow.n_overlap > 0
    # Aggregation by hand: per-zone tax total and pooled 亩均税收 (rows with both values, land > 0).
    table = zone_metrics(ents, fast)
    zone = fast.zone.astype(object)
    ok = ents["tax_wan_yuan"].notna() & (ents["land_mu"] > 0)
    for key in ("Z00", "Z06", "Z12"):
        here = zone == key
        assert table.loc[key, "n_enterprises"] == here.sum()
        assert table.loc[key, "tax_wan_yuan"] == pytest.approx(ents.loc[here, "tax_wan_yuan"].sum())
        pooled = ents.loc[here & ok, "tax_wan_yuan"].sum() / ents.loc[here & ok, "land_mu"].sum()
        assert table.loc[key, "tax_per_mu_wan_yuan"] == pytest.approx(pooled)
    # An index of other geometries (here: the zones reprojected) is not used: still exact.
    other = build_zone_index(zones.to_crs("EPSG:4326").geometry.to_numpy())
    assert not other.matches(zones.geometry.to_numpy())
    assert assign_zones(ents, zones, index=other).zone.equals(slow.zone)


def test_empty_zone_column_totals_stay_unknown():
    zones = _zones().iloc[:2]
    inside = shapely.point_on_surface(zones.geometry.to_numpy())
    ents = gpd.GeoDataFrame(
        {"ent_id": ["a", "b"], "land_mu": [1.0, 2.0], "tax_wan_yuan": [np.nan, 3.0]},
        geometry=inside,
        crs=CRS,
    )
    table = zone_metrics(ents, assign_zones(ents, zones, index=build_zone_index(zones.geometry.to_numpy())))
    assert np.isnan(table.loc["Z00", "tax_wan_yuan"]) and table.loc["Z01", "tax_wan_yuan"] == 3.0
    assert (
        np.isnan(table.loc["Z00", "tax_per_mu_wan_yuan"]) and table.loc["Z01", "tax_per_mu_wan_yuan"] == 1.5
    )
    assert pd.isna(table.loc["Z00", "sales_wan_yuan"])


def test_a_table_checked_once_is_checked_again_after_a_change():
    from geo.errors import DataValidationError
    from geo.evaluation.metrics import check_enterprises

    frame = pd.DataFrame({"ent_id": pd.array(["a", "b", "c"], dtype="str"), "land_mu": [1.0, 2.0, 3.0]})
    check_enterprises(frame)
    check_enterprises(frame)  # remembered: the same immutable ids
    frame.loc[2, "ent_id"] = "a"
    with pytest.raises(DataValidationError, match="企业编号重复：a"):
        check_enterprises(frame)
    frame.loc[2, "ent_id"] = None
    with pytest.raises(DataValidationError, match="有空值"):
        check_enterprises(frame)
    numbers = pd.DataFrame({"ent_id": [1, 2, 2], "land_mu": [1.0, 2.0, 3.0]})
    with pytest.raises(DataValidationError, match="企业编号重复"):
        check_enterprises(numbers)
