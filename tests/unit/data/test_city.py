"""The Suzhou-wide synthetic demo (data/city.py, data/city_build.py) and the city-scale evaluation
(geo/city.py), on a small build (N enterprises) so the tests stay fast."""

from __future__ import annotations

import hashlib
import multiprocessing

import numpy as np
import pandas as pd
import pytest
import shapely

from data.city import ABOVE_SCALE_SALES_WAN_YUAN, DISTRICT_NAMES, scaled_targets
from data.city_build import build_city, city_gpkg, city_year_gpkg, load_city
from geo import city
from geo.errors import DataValidationError
from geo.evaluation.metrics import assign_zones
from geo.spatial.measure import area_mu, to_analysis_crs
from geo.spatial.zone_index import build_zone_index
from geo.storage.builtin import DEFAULT_GPKG
from geo.yearly import trends

N = 2000


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    before = _sha(DEFAULT_GPKG)
    directory = tmp_path_factory.mktemp("city")
    path = city_gpkg(n_enterprises=N, directory=directory)
    layers = {
        name: load_city(name, n_enterprises=N, directory=directory)
        for name in (
            "city_districts",
            "city_dev_zones",
            "city_enterprise_years",
            "city_parcels",
            "layer_metadata",
        )
    }
    return {"path": path, "dir": directory, "before": before, **layers}


@pytest.fixture(scope="module")
def tables(built):
    years = built["city_enterprise_years"]
    return {int(y): f.reset_index(drop=True) for y, f in years.groupby("year")}


def test_city_year_calibrated_to_the_seed_figures(tables):
    y22 = tables[2022]
    n_above, above_sales = scaled_targets(N)
    assert len(y22) == N
    assert n_above == round(13_383 * N / 120_000) == 223
    above = y22["above_scale"].to_numpy()
    assert above.sum() == n_above
    assert y22.loc[above, "sales_wan_yuan"].sum() == pytest.approx(above_sales, rel=1e-6)
    assert above_sales == pytest.approx(4.36e8 * N / 120_000)
    assert (y22.loc[above, "sales_wan_yuan"] >= ABOVE_SCALE_SALES_WAN_YUAN).all()
    assert (y22.loc[~above, "sales_wan_yuan"] < ABOVE_SCALE_SALES_WAN_YUAN).all()
    assert set(y22["district"]) == set(DISTRICT_NAMES)
    assert y22["ent_id"].is_unique and y22["name"].str.endswith("（合成）").all()
    # 2021: 2022 less its entrants (start_year 2022) plus the leavers.
    y21 = tables[2021]
    entrants = set(y22.loc[y22["start_year"] == 2022, "ent_id"])
    assert entrants and not entrants & set(y21["ent_id"])
    gone = set(y21["ent_id"]) - set(y22["ent_id"])
    assert len(gone) == round(N * 0.02)
    assert len(y21) == N - len(entrants) + len(gone)


def test_full_size_targets_are_the_city_figures():
    assert scaled_targets(120_000) == (13_383, pytest.approx(4.36e8))


def test_places_and_land_come_from_the_layers(built, tables):
    y22 = tables[2022]
    districts, dev = built["city_districts"], built["city_dev_zones"]
    by_location = assign_zones(y22, districts, zone_id="name").zone.astype(object)
    assert (by_location.to_numpy() == y22["district"].to_numpy()).all()
    in_zone = assign_zones(y22, dev, zone_id="name").zone.astype(object).fillna("")
    assert (in_zone.to_numpy() == y22["dev_zone"].to_numpy()).all()
    assert set(dev["name"]) >= {"苏州工业园区", "昆山经济技术开发区"} and len(dev) == 9
    # Key industries cluster in their carrier parks: far more than the parks' share of the land.
    kunshan = y22[y22["district"] == "昆山市"]
    it = kunshan[kunshan["industry"] == "新一代电子信息"]
    assert (it["dev_zone"] == "昆山经济技术开发区").mean() > 0.4
    # Land = Σ parcel area (EPSG:4549); each point inside its first parcel.
    parcels = built["city_parcels"]
    assert parcels["parcel_id"].is_unique
    measured = pd.Series(area_mu(to_analysis_crs(parcels)).to_numpy(), index=parcels.index)
    sums = measured[~parcels["idle"]].groupby(parcels.loc[~parcels["idle"], "ent_id"]).sum()
    assert np.allclose(y22["ent_id"].map(sums), y22["land_mu"], atol=0.006)
    first = parcels[parcels["parcel_id"].str.endswith("-1") & ~parcels["idle"]].set_index("ent_id")
    polys = first.geometry.reindex(y22["ent_id"]).to_numpy()
    assert shapely.intersects(polys, y22.geometry.to_numpy()).all()
    # Parcels do not overlap (a sample of 300 against all).
    sample = parcels.geometry.iloc[:: max(1, len(parcels) // 300)]
    hits = parcels.sindex.query(sample.to_numpy(), predicate="overlaps")
    assert hits.shape[1] == 0


def test_provenance_labels_synthetic_and_atlas_untouched(built):
    meta = built["layer_metadata"].set_index("layer")
    assert meta.loc["city_enterprise_years", "accuracy"] == "synthetic"
    assert meta.loc["city_parcels", "accuracy"] == "synthetic"
    assert meta.loc["city_dev_zones", "accuracy"] == "schematic"
    assert meta.loc["city_districts", "accuracy"] == "real"
    assert "13383" in meta.loc["city_enterprise_years", "source"]
    assert "合成数据" in meta.loc["city_enterprise_years", "note"]
    assert _sha(DEFAULT_GPKG) == built["before"]


def test_build_is_reproducible():
    a, b = build_city(n_enterprises=300), build_city(n_enterprises=300)
    for name in a:
        pd.testing.assert_frame_equal(pd.DataFrame(a[name]), pd.DataFrame(b[name]))


def _build(directory: str, queue) -> None:
    queue.put(str(city_gpkg(n_enterprises=150, directory=directory)))


def test_two_processes_building_at_once_make_one_file(tmp_path):
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_build, args=(str(tmp_path), queue)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    paths = {queue.get(timeout=5), queue.get(timeout=5)}
    assert len(paths) == 1
    gpkgs = sorted(p.name for p in tmp_path.glob("*.gpkg"))
    assert gpkgs == ["city-150-20221231-v1.gpkg"]  # no half-written temporary left
    assert len(load_city("city_enterprise_years", n_enterprises=150, directory=tmp_path, year=2022)) == 150


# ------------------------------------------------------------------ the evaluation at city scale


def _expected_scored(frame: pd.DataFrame, year: int) -> np.ndarray:
    """Who the default rules score, from the build's own columns (geo/evaluation/evaluation.yaml scope)."""
    land = frame["land_mu"].to_numpy()
    old_enough = year - frame["start_year"].to_numpy() >= 2
    return old_enough & np.where(frame["above_scale"], land > 0, land >= 3)


def _class_counts(n: int) -> dict[str, int]:
    """A top 20 %, B to 60 %, C to 95 %, D the rest, by (rank − 0.5) / n."""
    pct = (np.arange(1, n + 1) - 0.5) / n * 100
    return {
        "A": int((pct <= 20).sum()),
        "B": int(((pct > 20) & (pct <= 60)).sum()),
        "C": int(((pct > 60) & (pct <= 95)).sum()),
        "D": int((pct > 95).sum()),
    }


def test_district_ranking_by_industry_and_size(tables):
    y22 = tables[2022]
    result = city.evaluate_scope(y22, scope="昆山市", year=2022)
    ev = result.enterprises
    assert len(ev) == (y22["district"] == "昆山市").sum()
    ranked = city.rankings(ev)
    kunshan = y22[y22["district"] == "昆山市"]
    scored = _expected_scored(kunshan, 2022)
    for industry in ("新一代电子信息", "高端装备制造"):
        for above in (True, False):
            size = "规上" if above else "规下"
            group = ranked[(ranked["industry"] == industry) & (ranked["size_class"] == size)]
            mine = kunshan[scored & (kunshan["industry"] == industry) & (kunshan["above_scale"] == above)]
            assert sorted(group["ent_id"]) == sorted(mine["ent_id"])
            assert (group["group_size"] == len(mine)).all()
            by_score = group.sort_values("score", ascending=False)
            assert list(group["ent_id"]) == list(by_score["ent_id"])
            # 1 = best; the same score shares the better rank ("1224"): with each size group's own
            # benchmark (evaluation.yaml benchmark.within: size) some 规下 firms reach the cap (100)
            ranks = by_score["score"].rank(method="min", ascending=False).astype(int)
            assert list(group["group_rank"]) == list(ranks)
    table = city.ranking_table(ev)
    row = table.loc[("新一代电子信息", "昆山市", "规上")]
    mine = kunshan[scored & (kunshan["industry"] == "新一代电子信息") & kunshan["above_scale"]]
    assert row["n_scored"] == len(mine)
    assert row["tax_per_mu_wan_yuan"] == pytest.approx(mine["tax_wan_yuan"].sum() / mine["land_mu"].sum())


def test_city_class_mix(tables):
    y22 = tables[2022]
    ev = city.evaluate_scope(y22, year=2022).enterprises
    scored = _expected_scored(y22, 2022)
    assert (ev["scored"].to_numpy() == scored).all()
    mix = city.class_mix_share(ev, by="size_class")
    for above, size in ((True, "规上"), (False, "规下")):
        n = int((scored & (y22["above_scale"].to_numpy() == above)).sum())
        for cls, count in _class_counts(n).items():
            assert mix.loc[size, cls] == count
    assert mix["T"].sum() == len(y22) - scored.sum()
    by_district = city.class_mix_share(ev)
    assert by_district[["A", "B", "C", "D", "T"]].to_numpy().sum() == N
    assert by_district.loc["昆山市", "T"] == ((y22["district"] == "昆山市") & ~scored).sum()


def test_per_district_and_per_zone_tables(built, tables):
    y22 = tables[2022]
    ev = city.evaluate_scope(y22, year=2022).enterprises
    table = city.area_table(y22, ev, built["city_districts"])
    counts = y22["district"].value_counts()
    assert (table["n_enterprises"] == counts.reindex(table.index)).all()
    assert table["tax_wan_yuan"].sum() == pytest.approx(y22["tax_wan_yuan"].sum())
    wj = y22[y22["district"] == "吴江区"]
    assert table.loc["吴江区", "n_above_scale"] == wj["above_scale"].sum()
    d_land = ev.loc[(ev["district"] == "吴江区") & (ev["eval_class"] == "D"), "land_mu"].sum()
    assert table.loc["吴江区", "d_land_mu"] == pytest.approx(round(d_land, 2))
    dev = built["city_dev_zones"]
    zones = city.area_table(y22, ev, dev, index=build_zone_index(dev.geometry.to_numpy()))
    pd.testing.assert_frame_equal(zones, city.area_table(y22, ev, dev))
    sip = y22[y22["dev_zone"] == "苏州工业园区"]
    assert zones.loc["苏州工业园区", "n_enterprises"] == len(sip)
    assert zones.loc["苏州工业园区", "tax_per_mu_wan_yuan"] == pytest.approx(
        sip["tax_wan_yuan"].sum() / sip["land_mu"].sum()
    )
    by_zone = city.rankings(ev, area="dev_zone")
    assert set(by_zone["dev_zone"]) <= set(built["city_dev_zones"]["name"])


def test_yearly_cycle_warnings_prices_and_notice_on_the_city(tables):
    from geo.yearly.notice import notice_xlsx_bytes

    run = city.city_year(tables, 2022, scope="吴江区")
    wj21 = tables[2021][tables[2021]["district"] == "吴江区"]
    wj22 = tables[2022][tables[2022]["district"] == "吴江区"]
    changes = run.changes
    assert (changes["from_class"] == "NEW").sum() == len(set(wj22["ent_id"]) - set(wj21["ent_id"]))
    assert (changes["to_class"] == "GONE").sum() == len(set(wj21["ent_id"]) - set(wj22["ent_id"]))
    assert run.matrix["n_enterprises"].sum() == len(set(wj21["ent_id"]) | set(wj22["ent_id"]))
    assert run.warnings is not None
    by_year = {y: city.evaluate_scope(tables[y], scope="吴江区", year=y).enterprises for y in (2021, 2022)}
    trend = trends(by_year, by="district")
    assert trend.loc[trend["year"] == 2022, "n_enterprises"].sum() == len(wj22)
    # Class D pays +0.30 元/kWh from 2021 (geo/evaluation/evaluation.yaml): its power surcharge by hand.
    d = run.result.enterprises["eval_class"] == "D"
    assert d.sum() > 0
    paid = run.surcharges.loc[d[d].index]
    kwh = wj22.loc[d[d].index, "electricity_kwh"]
    power = [c for c in paid.columns if c.endswith("_wan_yuan") and "rate" not in c and c != "total_wan_yuan"]
    assert any(np.allclose(paid[c], kwh * 0.30 / 10_000) for c in power)
    data = notice_xlsx_bytes(
        run.result.enterprises,
        run.result.config,
        run.result.benchmarks,
        year=2022,
        title="吴江区",
        filters="",
    )
    assert data[:2] == b"PK"


def test_bad_scope_and_table_are_refused(tables):
    with pytest.raises(DataValidationError, match="不在企业表中"):
        city.evaluate_scope(tables[2022], scope="南京市")
    with pytest.raises(DataValidationError, match="district"):
        city.evaluate_scope(tables[2022].drop(columns="district"))
    with pytest.raises(DataValidationError, match="排名范围"):
        city.rankings(city.evaluate_scope(tables[2022], scope="姑苏区").enterprises, area="town")
    assert city.scopes(tables[2022]) == ["苏州市", *pd.unique(tables[2022]["district"])]


def test_cli_evaluates_one_district_of_the_city_layer(built, tables, tmp_path, capsys):
    from tests.fixtures.cli import run_evaluate

    gpkg = built["path"]
    options = ("--zones-layer", "city_districts", "--enterprises-layer", "city_enterprise_years")
    status = run_evaluate(gpkg, gpkg, tmp_path / "ks", *options, "--year", "2022", "--scope", "昆山市")
    assert status == 0
    out = pd.read_csv(tmp_path / "ks" / "enterprise_classes.csv", dtype={"eval_class": str})
    mine = city.evaluate_scope(tables[2022], scope="昆山市", year=2022).enterprises
    assert sorted(out["ent_id"]) == sorted(mine["ent_id"])
    theirs = out.set_index("ent_id")["eval_class"].fillna("")
    ours = mine.set_index("ent_id")["eval_class"].astype(object).fillna("")
    assert (theirs.reindex(ours.index) == ours).all()
    zones = pd.read_csv(tmp_path / "ks" / "zone_metrics.csv")
    assert zones["zone"].tolist() == ["昆山市"]
    assert "与2021 年比较" in capsys.readouterr().out
    # One file per year (each under the 50 MB file limit at full size), last year by --previous.
    y22, y21 = (city_year_gpkg(y, n_enterprises=N, directory=built["dir"]) for y in (2022, 2021))
    per_year = ("--zones-layer", "city_districts", "--enterprises-layer", "city_enterprises")
    status = run_evaluate(
        y22,
        y22,
        tmp_path / "ks2",
        *per_year,
        "--year",
        "2022",
        "--scope",
        "昆山市",
        "--previous",
        y21,
        "--previous-layer",
        "city_enterprises",
    )
    assert status == 0
    again = pd.read_csv(tmp_path / "ks2" / "enterprise_classes.csv", dtype={"eval_class": str})
    assert (again.set_index("ent_id")["eval_class"].fillna("").reindex(ours.index) == ours).all()
    moves = pd.read_csv(tmp_path / "ks2" / "class_transitions.csv")
    assert moves["n_enterprises"].sum() == len(
        set(tables[2021].loc[tables[2021]["district"] == "昆山市", "ent_id"])
        | set(tables[2022].loc[tables[2022]["district"] == "昆山市", "ent_id"])
    )
    status = run_evaluate(gpkg, gpkg, tmp_path / "bad", *options, "--year", "2022", "--scope", "南京市")
    assert status == 2
    assert "评价范围「南京市」不是区域图层中的区域" in capsys.readouterr().err


# The layers of the build at N = 2,000 as read back from its GeoPackage, hashed (attributes as CSV,
# then the geometries' WKB) when the parcels were still placed row by row through pandas (commit
# 7249c55): a faster build must write the very same layers.
BUILD_SHA256 = {
    "city_parcels": (2167, "5287b0ff4c23078564aa2a0db55d45d6b3f7d46fed7c2719410eeeef3be28563"),
    "city_enterprise_years": (3986, "e004ab649b2c09f4e5b41d4048d4d262a0b89f9393b8374d8e38b5b9a6dd664a"),
}


def test_the_build_writes_the_same_layers_as_before(built):
    for name, (rows, digest) in BUILD_SHA256.items():
        frame = built[name]
        sha = hashlib.sha256(frame.drop(columns="geometry").to_csv(index=False).encode())
        sha.update(b"".join(shapely.to_wkb(frame.geometry.to_numpy())))
        assert (len(frame), sha.hexdigest()) == (rows, digest), name
    parcels = built["city_parcels"].set_index("parcel_id")
    assert parcels.loc["ZD-SZ000910-1", ["ent_id", "area_mu", "far", "coverage_pct"]].tolist() == [
        "SZ000910",
        13.11,
        0.8,
        45.9,
    ]
    assert parcels.loc["ZD-320505-XZ0001", "area_mu"] == 25.63 and bool(
        parcels.loc["ZD-320505-XZ0001", "idle"]
    )
