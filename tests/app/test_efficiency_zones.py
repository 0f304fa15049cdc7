"""The 亩均效益评价 page's zones scored (pages/efficiency/zones_scored.py) under AppTest, and the zone-class
layer rendered to HTML: the card, the ranked table and the downloads show geo's own results for the
demo's 2022 beside 2021."""

from __future__ import annotations

import folium
import pytest

from geo.batch import run_evaluation
from geo.evaluation.zones import zones_over_years
from geo.storage.builtin import load_layer
from layers import zone_classes
from layers.base import Provenance
from layers.mapview import MapLayer, render_map
from tests.fixtures import APP
from tests.fixtures.app import open_page, page_metrics, record_downloads


@pytest.fixture(scope="module")
def expected(demo_gpkg):
    years = load_layer("enterprise_years", path=demo_gpkg)
    towns = load_layer("wujiang_towns", path=demo_gpkg)
    runs = {y: run_evaluation(towns, years[years["year"] == y], zone_id="name", year=y) for y in (2021, 2022)}
    return zones_over_years(
        runs[2022].result.enterprises,
        enterprises=runs[2022].enterprises,
        previous=runs[2021].result.enterprises,
        previous_enterprises=runs[2021].enterprises,
    ).table


def _zones_tab(lang: str | None = None):
    at = open_page("pages/efficiency.py", timeout=180, lang=lang)
    at.session_state["eff_tab"] = "区镇指标" if lang != "en" else "Per-zone metrics"
    return at.run()


def test_card_and_table_show_the_zones_scored(expected):
    at = _zones_tab()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "区镇类别" in df.value.columns)
    assert len(table) == 8
    best = expected.sort_values("rank").index[0]
    assert table.iloc[0]["区镇/园区"] == best and table.iloc[0]["区镇排名"] == 1
    by_zone = table.set_index("区镇/园区")
    for zone, row in expected.iterrows():
        assert by_zone.loc[zone, "综合得分（分）"] == pytest.approx(row["score"])
        assert by_zone.loc[zone, "区镇类别"] == row["zone_class"]
        assert by_zone.loc[zone, "D 类企业用地（亩）"] == pytest.approx(row["d_land_mu"])
        assert by_zone.loc[zone, "排名变化（位，正为上升）"] == row["rank_change"]
    # The card of the zone picked (the best first): its rank among the 8, class and D-class land.
    metrics = page_metrics(at)
    assert metrics["区镇排名"] == "1 / 8"
    assert metrics["区镇类别"] == expected.loc[best, "zone_class"]
    assert metrics["D 类企业用地"] == f"{expected.loc[best, 'd_land_mu']:,.1f} 亩"
    # Another zone picked: its own card.
    last = expected.sort_values("rank").index[-1]
    at.selectbox(key="eff_zone_card").set_value(last).run()
    assert page_metrics(at)["区镇排名"] == f"{int(expected.loc[last, 'rank'])} / 8"
    assert page_metrics(at)["综合得分（分）"] == f"{expected.loc[last, 'score']:,.2f}"
    labels = [b.label for b in at.get("download_button")]
    assert "区镇评价 CSV" in labels and "区镇评价 XLSX" in labels


def test_zones_scored_in_english(monkeypatch):
    got = record_downloads(monkeypatch)
    at = _zones_tab("en")
    assert not at.exception
    # named as the page's other downloads (walk19: zones_scored_2022.csv beside Per-mu_efficiency_…)
    assert dict.__getitem__(got, "Zones CSV")[0] == "Per-mu_efficiency_evaluation_2022_zones_scored.csv"
    assert any(h.value == "Zones scored" for h in at.subheader)
    table = next(df.value for df in at.dataframe if "Zone class" in df.value.columns)
    assert {"Rank among zones", "Score (points)", "Class-D land (mu)"} <= set(table.columns)


def test_zone_class_layer_colours_zones_and_escapes_names(expected):
    import geopandas as gpd
    from shapely.geometry import box

    zones = gpd.GeoDataFrame(
        {"zone": ["<img src=x onerror=alert(1)>", "乙"]},
        geometry=[box(120.0, 31.0, 120.1, 31.1), box(120.1, 31.0, 120.2, 31.1)],
        crs=4326,
    )
    table = expected.iloc[:2].copy()
    table.index = zones["zone"].to_list()
    table.index.name = "zone"
    frame = zone_classes.for_map(zones, table, zone_id="zone")
    assert frame["zone_class"].tolist() == table["zone_class"].astype(str).tolist()
    m = render_map([MapLayer(zone_classes.LAYER, frame, Provenance(accuracy="synthetic", source="测试"))])
    html = m.get_root().render()
    assert isinstance(m, folium.Map) and "区镇/园区亩均评价类别" in html
    assert "<img src=x" not in html and zone_classes.CLASS_COLORS[str(table["zone_class"].iloc[0])] in html


def test_viewers_see_no_zone_pooling_fewer_than_the_minimum(expected, monkeypatch, tmp_path):
    """An anonymous session (查看汇总) with ``[atlas] min_group_firms = 1000``: only the two zones
    pooling 1,000 or more scored enterprises keep their score, rank and class."""

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=180)
    at.secrets["atlas"] = {"accounts": {"zhangsan": "scrypt$x"}, "min_group_firms": 1000}
    at.session_state["eff_tab"] = "区镇指标"
    at.run()
    at.switch_page("pages/efficiency.py").run()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "区镇类别" in df.value.columns).set_index("区镇/园区")
    big = set(expected.index[expected["n_pooled"] >= 1000])
    assert big == {"吴江开发区", "吴江高新区（盛泽镇）"}
    for zone, row in table.iterrows():
        if zone in big:
            assert row["综合得分（分）"] == pytest.approx(expected.loc[zone, "score"])
        else:
            assert row.isna()["综合得分（分）"] and row.isna()["区镇排名"] and row.isna()["区镇类别"]
            assert row["计入汇总企业数（家）"] == expected.loc[zone, "n_pooled"]  # counts stay
    assert any("企业不足 1000 家的区镇" in c.value for c in at.caption)


def test_a_zone_score_unchanged_is_grey_without_an_arrow():
    """Issue 23 item 11: a change shown as zero read as a rise ("↑ +0.00")."""
    from pages.efficiency.tables import score_delta

    assert score_delta(0.0) == {"delta": "±0.00", "delta_color": "off", "delta_arrow": "off"}
    assert score_delta(0.004) == {"delta": "±0.00", "delta_color": "off", "delta_arrow": "off"}
    assert score_delta(-0.004) == {"delta": "±0.00", "delta_color": "off", "delta_arrow": "off"}
    assert score_delta(1.256) == {"delta": "+1.26"}
    assert score_delta(-0.4) == {"delta": "-0.40"}
    assert score_delta(None) == {"delta": None} and score_delta(float("nan")) == {"delta": None}
