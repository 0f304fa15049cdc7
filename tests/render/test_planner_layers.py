"""The planner layers rendered to HTML: title, legend with units and accuracy, tooltip fields,
highlighting by industry, class colours, and no reference to an outside host."""

from __future__ import annotations

import json
import re

import pytest
from geopandas.testing import assert_geodataframe_equal

from geo.errors import DataValidationError
from geo.storage.builtin import layer_metadata, load_layer
from layers import (
    REGISTRY,
    carrier_parks,
    clusters,
    corridor_axes,
    corridor_belts,
    dev_zones,
    enterprises,
    intensity,
)
from layers.base import Provenance
from layers.mapview import MapLayer, render_map

# Any http(s) URL whose host is not 127.0.0.1/localhost (in src/href, JS strings or CSS url()).
OUTSIDE = re.compile(r"https?://(?!127\.0\.0\.1|localhost)[A-Za-z0-9.-]+")


@pytest.fixture(scope="module")
def meta(demo_gpkg):
    return layer_metadata(path=demo_gpkg)


@pytest.fixture(scope="module")
def store(demo_gpkg):
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = load_layer(name, path=demo_gpkg)
        return cache[name]

    return get


def _html(layer, frame, meta, *, provenance_of=None, lang="zh") -> str:
    item = MapLayer(layer, frame, Provenance.from_metadata(meta, provenance_of or layer.source))
    return render_map([item], lang=lang).get_root().render()


def _has(html: str, text: str) -> bool:
    """Text in the page, raw or as folium writes it inside JSON (ASCII-escaped)."""
    return text in html or json.dumps(text)[1:-1] in html


def _no_outside_host(html: str) -> None:
    hits = sorted(set(OUTSIDE.findall(html)))
    assert hits == [], hits


def test_dev_zones_highlight_the_carriers_of_an_industry(store, meta):
    frame = store("dev_zones")
    before = frame.copy()
    layer = dev_zones.for_industry("新材料")
    html = _html(layer, frame, meta)
    assert "开发区（示意范围）" in html and "[示意]" not in html  # the title names its class: said once
    assert "承载「新材料」的开发区" in html and "其他开发区" in html
    assert _has(html, "承载重点产业") and _has(html, "示意面积（km²）")
    colors = layer.color_by(frame)
    carriers = set(frame.loc[colors == dev_zones.HIGHLIGHT, "name"])
    assert carriers == {
        "张家港经济开发区",
        "昆山经济技术开发区",
        "吴江经济技术开发区",
        "常熟经济技术开发区",
        "太仓港经济开发区",
        "相城经济开发区",
    }
    assert_geodataframe_equal(frame, before)
    _no_outside_host(html)


def test_carrier_parks_tooltip_and_highlight(store, meta):
    frame = store("carrier_parks")
    layer = carrier_parks.for_industry("生物医药和医疗器械")
    html = _html(layer, frame, meta)
    assert "吴江产业载体（示意点位）" in html and "「生物医药和医疗器械」载体" in html
    assert _has(html, "所在区镇") and _has(html, "载体")
    lit = set(frame.loc[layer.color_by(frame) == carrier_parks.HIGHLIGHT, "name"])
    assert "京东方生命健康科技园" in lit and "中国东方丝绸市场" not in lit
    _no_outside_host(html)


def test_axes_and_belts_where_an_industry_dominates(store, meta):
    axes, belts = store("corridor_axes"), store("corridor_belts")
    a = corridor_axes.for_industry("新材料")
    b = corridor_belts.for_industry("新材料")
    html_a = _html(a, axes, meta)
    html_b = _html(b, belts, meta, lang="en")
    assert "两轴（示意走向）" in html_a and "「新材料」为主导产业的轴" in html_a and _has(html_a, "主导产业")
    assert "Three belts (schematic)" in html_b and "Belts where New materials leads" in html_b
    assert "[schematic]" not in html_b and "(schematic) (schematic)" not in html_b
    assert set(axes.loc[a.color_by(axes) == corridor_axes.HIGHLIGHT, "name"]) == {"通苏嘉南北发展轴"}
    assert set(belts.loc[b.color_by(belts) == corridor_belts.HIGHLIGHT, "name"]) == {"沿江发展带"}
    # Medicine leads on the Shanghai-Nanjing axis only.
    med = corridor_axes.for_industry("医疗器械和生物医药")
    assert set(axes.loc[med.color_by(axes) == corridor_axes.HIGHLIGHT, "name"]) == {"沪宁东西发展轴"}
    _no_outside_host(html_a + html_b)


def test_clusters_mark_core_and_supporting_towns(store, meta):
    towns, layout = store("wujiang_towns"), store("wujiang_clusters")
    frame = clusters.cluster_frame(towns, layout, "光电通信")
    roles = dict(zip(frame["name"], frame["role"], strict=True))
    assert roles["七都镇"] == "core"
    assert roles["震泽镇"] == "supporting" and roles["汾湖高新区（黎里镇）"] == "supporting"
    assert roles["桃源镇"] == "none"
    textile = clusters.cluster_frame(towns, layout, "高端纺织")
    assert textile.set_index("name").loc["吴江高新区（盛泽镇）", "role"] == "core"
    html = _html(clusters.for_industry("光电通信"), frame, meta, provenance_of=clusters.PROVENANCE)
    assert "光电通信：核心 / 支撑区镇</b>" in html and ">（转录）</span>" in html
    assert "核心区镇" in html and "支撑区镇" in html and "未列入布局" in html
    assert _has(html, "布局角色") and _has(html, "亨通、通鼎：光纤光缆")
    assert clusters.ROLE_COLORS["core"] in html
    assert "role" not in towns.columns  # the stored frame is untouched
    with pytest.raises(DataValidationError, match="不在吴江产业布局表中"):
        clusters.cluster_frame(towns, layout, "元宇宙")
    _no_outside_host(html)


def test_intensity_choropleth_classes_and_units(store, meta):
    towns, ents = store("wujiang_towns"), store("enterprises")
    table = intensity.zone_table(towns, ents)
    zones, classes = intensity.zone_intensity(
        towns, table, metric="tax_per_mu_wan_yuan", scheme="quantiles", k=5
    )
    assert len(classes.bins) == 5 and (zones["cls"] >= 0).all()
    # Pooled: Σ tax / Σ land of the town's enterprises.
    qidu = ents[ents["town"] == "七都镇"]
    expected = qidu["tax_wan_yuan"].sum() / qidu["land_mu"].sum()
    assert zones.set_index("name").loc["七都镇", "value"] == pytest.approx(expected)
    html = _html(
        intensity.for_metric("tax_per_mu_wan_yuan", classes), zones, meta, provenance_of=intensity.PROVENANCE
    )
    assert "<b>亩均税收（按区镇）</b>" in html and ">（合成）</span>" in html  # as the PNG says it
    assert "万元/亩" in html and "无法计算" in html
    assert _has(html, "亩均税收（万元/亩）") and _has(html, "企业数（家）")
    for scheme in intensity.SCHEMES:
        c = intensity.classify(zones["value"], scheme=scheme, k=4)
        assert list(c.bins) == sorted(c.bins) and c.bins[-1] == pytest.approx(zones["value"].max())
    _no_outside_host(html)


def test_enterprises_all_points_compact_with_tooltip_and_legend(store, meta):
    ents = store("enterprises")
    before = ents.head(50).copy()
    html = _html(enterprises.LAYER, ents, meta)
    assert "吴江企业（合成，按产业着色）" in html and "[合成]" not in html
    for industry, color in enterprises.INDUSTRY_COLORS.items():
        assert industry in html and color in html
    assert "企业编号" in html and "用地（亩）" in html and "税收（万元）" in html
    assert html.count("WJ1") >= 1000  # every enterprise is there ...
    assert len(html.encode()) < 1_200_000  # ... in compact form (GeoJSON would be ~7 MB)
    assert_geodataframe_equal(ents.head(50), before)
    _no_outside_host(html)


def test_enterprises_by_metric_class(store, meta):
    ents = store("enterprises").head(500)
    frame = enterprises.with_metric(ents, "tax_per_mu_wan_yuan")
    classes = intensity.classify(frame["tax_per_mu_wan_yuan"], scheme="natural_breaks", k=5)
    layer = enterprises.by_metric_class(
        "tax_per_mu_wan_yuan", classes, label_zh="亩均税收", label_en="Tax per mu"
    )
    html = _html(layer, frame, meta)
    assert "企业亩均税收分级（合成）" in html and "万元/亩" in html and "亩均税收" in html
    colors = set(layer.color_by(frame))
    assert colors <= set(intensity.POINT_RAMP) | {intensity.NO_DATA_COLOR} and len(colors) >= 4
    assert "tax_per_mu_wan_yuan" not in ents.columns
    _no_outside_host(html)


def test_text_in_points_is_escaped(store, meta):
    ents = store("enterprises").head(3).copy()
    ents.loc[ents.index[0], "town"] = "<script>alert(1)</script>"
    html = _html(enterprises.LAYER, ents, meta)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_every_registered_planner_layer_renders_offline(store, meta):
    names = ["corridor_belts", "corridor_axes", "dev_zones", "wujiang_clusters", "intensity", "carrier_parks"]
    items = [
        MapLayer(REGISTRY[n], store(REGISTRY[n].source), Provenance.from_metadata(meta, REGISTRY[n].source))
        for n in names
    ]
    html = render_map(items).get_root().render()
    for n in names:
        assert REGISTRY[n].title_zh in html
    _no_outside_host(html)


def test_an_imported_zone_layer_is_labelled_and_stays_in_the_background():
    """Issue 23 item 3: an imported zone layer on another page's map is listed in the layer switcher
    but not drawn until ticked, without a fill; its tooltip says 名称 / 分区编号 / 面积（km²）."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    from layers.user_layers import user_map_layer

    meta = pd.Series(
        {
            "layer": "user_z",
            "title_zh": "区县",
            "title_en": "Districts",
            "accuracy": "real",
            "source": "局",
            "licence": "",
            "note": "",
            "kind": "zones",
        }
    )
    frame = gpd.GeoDataFrame(
        {"name": ["吴江区"], "zone_id": ["320509"], "area_km2": [1227.04]},
        geometry=[shapely.box(120.4, 30.8, 120.9, 31.2)],
        crs=4326,
    )
    fields = user_map_layer(meta, frame).layer.tooltip_fields
    assert [(f.zh, f.en) for f in fields] == [
        ("名称", "Name"),
        ("分区编号", "Zone ID"),
        ("面积（km²）", "Area (km²)"),
    ]
    background = user_map_layer(meta, frame, background=True).layer
    assert background.show is False and background.fill_opacity == 0.0
    assert user_map_layer(meta, frame).layer.show is True  # the data page's own preview draws it
