"""The city evaluation's yearly tables (geo/city_cycle.py) at a small city (1,500 enterprises),
checked against the build's own tables: the transitions against a merge of the two years'
classes, the per-district table against counts by the ``district`` column, what class D pays
against its electricity use × the configured rate, and bad input refused in Chinese."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from data.city_build import load_city
from geo.city import evaluate_scope
from geo.city_cycle import city_tables
from geo.errors import DataValidationError
from geo.evaluation import classes_with_t, default_config
from geo.exports.cells import csv_text_bytes
from geo.number_formats import rounded_to_format

N = 1_500


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    folder = tmp_path_factory.mktemp("citycache")

    def layer(name, **kw):
        return load_city(name, n_enterprises=N, directory=folder, **kw)

    current = layer("city_enterprise_years", year=2022).reset_index(drop=True)
    previous = layer("city_enterprise_years", year=2021).reset_index(drop=True)
    return current, previous, layer("city_districts"), layer("city_dev_zones")


@pytest.fixture(scope="module")
def whole(city):
    current, previous, districts, zones = city
    return city_tables(current, previous, year=2022, districts=districts, dev_zones=zones)


def test_transitions_match_the_two_years_classes(city, whole):
    current, previous, _, _ = city
    config = default_config()
    now = evaluate_scope(current, config=config, year=2022).enterprises
    before = evaluate_scope(previous, config=config, year=2021).enterprises
    a = pd.DataFrame({"ent_id": before["ent_id"].astype(str), "was": classes_with_t(before).to_numpy()})
    b = pd.DataFrame({"ent_id": now["ent_id"].astype(str), "is": classes_with_t(now).to_numpy()})
    both = a.merge(b, on="ent_id", how="outer").fillna({"was": "NEW", "is": "GONE"})
    expected = pd.crosstab(both["was"], both["is"])
    moves = whole.transitions
    for was in ("NEW", "A", "B", "C", "D", "T"):
        for is_ in ("A", "B", "C", "D", "T", "GONE"):
            got = int(moves.loc[was, is_])
            want = int(expected.loc[was, is_]) if was in expected.index and is_ in expected.columns else 0
            assert got == want, (was, is_)
    n_gone = int((~a["ent_id"].isin(b["ent_id"])).sum())
    assert int(moves.loc["合计", "合计"]) == len(current) + n_gone
    assert int(moves.loc["NEW", "合计"]) == int((~b["ent_id"].isin(a["ent_id"])).sum()) > 0
    # warnings: 降类 counts the enterprises that went down between A–D
    rank = {"A": 0, "B": 1, "C": 2, "D": 3}
    down = both["was"].map(rank) < both["is"].map(rank)
    warned = whole.warnings.set_index("warning")["n_enterprises"]
    assert int(warned["降类"]) == int(down.sum()) > 0


def test_a_fall_over_two_years_needs_three_years_and_says_so(whole):
    # 2021 and 2022 only: "fell two years running" needs 2020 too, so no count (it was 0) but a note
    warned = whole.warnings.set_index("warning_en")
    falling = warned.loc["tax per mu fell two years running"]
    assert pd.isna(falling["n_enterprises"])
    assert falling["note_en"] == "needs 3 years of data (2020–2022): not enough years to tell"
    assert falling["note"] == "需要 2020–2022 年共 3 年的数据，现有数据不足，无法判断"
    assert (
        warned.loc["dropped a class", "note"] == ""
        and int(warned.loc["dropped a class", "n_enterprises"]) > 0
    )


def test_district_and_zone_tables_match_the_build(city, whole):
    current, _, _, _ = city
    by_district = current.groupby("district").size()
    table = whole.districts.set_index("district")
    assert int(table["n_enterprises"].sum()) == N
    for name, n in by_district.items():
        assert int(table.loc[name, "n_enterprises"]) == int(n), name
    classes = table[["n_A", "n_B", "n_C", "n_D", "n_T"]].sum(axis=1)
    assert (classes == table["n_enterprises"]).all()
    zones = whole.dev_zones.set_index("dev_zone")
    in_zone = current[current["dev_zone"].fillna("") != ""].groupby("dev_zone").size()
    # by location, so a zone's count is close to (not always exactly) the build's dev_zone column
    for name, n in in_zone.items():
        assert abs(int(zones.loc[name, "n_enterprises"]) - int(n)) <= max(2, 0.02 * n), name


def test_class_d_pays_its_electricity_times_the_rate(city, whole):
    current, _, _, _ = city
    config = default_config()
    now = evaluate_scope(current, config=config, year=2022).enterprises
    d = classes_with_t(now).to_numpy() == "D"
    item = next(i for i in config.surcharges if i.key == "electricity")
    want = float(np.nansum(current.loc[now.index[d], "electricity_kwh"]) * item.rate("D", 2022) / 10_000)
    paid = whole.surcharges.set_index("eval_class")
    assert paid.loc["D", "electricity_wan_yuan"] == pytest.approx(want, abs=0.01)
    assert int(paid.loc["D", "n_enterprises"]) == int(d.sum()) == int(paid.loc["D", "n_paying"])
    assert paid.loc["A", "total_wan_yuan"] == 0


def test_a_district_scope_holds_only_its_enterprises(city):
    current, previous, districts, zones = city
    one = city_tables(current, previous, year=2022, districts=districts, dev_zones=zones, scope="昆山市")
    n = int((current["district"] == "昆山市").sum())
    assert one.districts["district"].tolist() == ["昆山市"]
    assert int(one.districts["n_enterprises"].iloc[0]) == n == len(one.evaluated)
    assert int(one.transitions.loc["合计", ["A", "B", "C", "D", "T"]].sum()) == n
    assert set(one.dev_zones["dev_zone"]) <= set(zones.loc[zones["district"] == "昆山市", "name"])


def test_bad_input_is_refused_in_chinese(city):
    current, previous, districts, zones = city
    with pytest.raises(DataValidationError, match="评价范围「上海市」不在企业表中"):
        city_tables(current, previous, year=2022, districts=districts, dev_zones=zones, scope="上海市")
    with pytest.raises(DataValidationError, match="本年企业表应带有点位"):
        city_tables(
            pd.DataFrame(current.drop(columns="geometry")),
            previous,
            year=2022,
            districts=districts,
            dev_zones=zones,
        )
    with pytest.raises(DataValidationError, match="district"):
        city_tables(
            gpd.GeoDataFrame(current.drop(columns="district"), geometry="geometry"),
            previous,
            year=2022,
            districts=districts,
            dev_zones=zones,
        )


def _classes(evaluated: pd.DataFrame) -> dict[str, int]:
    return classes_with_t(evaluated).value_counts().to_dict()


def test_a_district_shows_the_citys_evaluation_of_its_enterprises(city, whole):
    """walk9: scope 吴江区 re-scored Wujiang alone (A 1,848 → 2,008 at 120,000) with nothing saying so;
    by default a district is the city's list filtered to it, its own evaluation only when asked."""
    current, previous, districts, zones = city
    tables = {"districts": districts, "dev_zones": zones, "year": 2022}
    one = city_tables(current, previous, scope="吴江区", results=whole.results, **tables)
    city_rows = whole.evaluated[whole.evaluated["district"] == "吴江区"]
    assert one.evaluated_in == "苏州市" and whole.evaluated_in == "苏州市"
    assert one.evaluated.index.equals(city_rows.index)
    assert _classes(one.evaluated) == _classes(city_rows)
    assert one.benchmarks.equals(whole.benchmarks)
    n_class = one.districts.set_index("district").loc["吴江区", [f"n_{c}" for c in "ABCD"]].tolist()
    assert n_class == [int((classes_with_t(city_rows) == c).sum()) for c in "ABCD"]
    # the same without the city's results at hand (evaluated again, same classes)
    again = city_tables(current, previous, scope="吴江区", **tables)
    assert _classes(again.evaluated) == _classes(city_rows)
    # the district's own evaluation: its enterprises alone, benchmarks from them, and it says so
    own = city_tables(current, previous, scope="吴江区", own_benchmarks=True, **tables)
    alone = evaluate_scope(current, scope="吴江区", year=2022).enterprises
    assert own.evaluated_in == "吴江区" and _classes(own.evaluated) == _classes(alone)
    assert not own.benchmarks.equals(whole.benchmarks)
    # the transitions count the district's enterprises either way
    n = len(city_rows)
    assert int(one.transitions.loc["合计", ["A", "B", "C", "D", "T"]].sum()) == n
    # 苏州市 is the city either way
    assert city_tables(current, previous, own_benchmarks=True, **tables).evaluated_in == "苏州市"


def test_land_and_tax_keep_the_two_decimals_their_format_shows(city, whole):
    """用地（亩） and 税收（万元） are amounts of two decimals (geo/number_formats.py), never whole
    numbers shown as 1,335.00: a district's figures are its enterprises' sums to the cent, and
    the CSV download writes them so."""
    current, _, _, _ = city
    table = whole.districts.set_index("district")
    for col in ("land_mu", "tax_wan_yuan"):
        sums = current.groupby("district")[col].sum().round(2)
        assert pd.api.types.is_float_dtype(table[col]), col
        assert np.allclose(table.loc[sums.index, col].to_numpy(), sums.to_numpy(), rtol=0, atol=1e-9), col
        assert (table[col] != table[col].round(0)).any(), col  # not whole (a sum to the cent)
    row = whole.districts.iloc[[0]][["district", "land_mu"]].rename(columns={"land_mu": "用地（亩）"})
    text = csv_text_bytes(rounded_to_format(row), as_shown=True).decode("utf-8-sig")
    assert f"{row['用地（亩）'].iloc[0]:.2f}" in text
