"""Real Chromium on the planner pages: layers drawn, legends with units and accuracy, a click on a
区镇 (or district) opens its panel, a filter change keeps the map and its view. Screenshots go
to artifacts/. Every request to a host other than 127.0.0.1 is blocked (conftest ``page``)."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.spatial.crs import ANALYSIS_CRS
from geo.storage.builtin import load_layer
from tests.fixtures.browser import (
    click_map,
    legend_text,
    map_features,
    map_frame,
    no_outside_requests,
    save_screenshot,
)

pytestmark = pytest.mark.browser

N_ENTERPRISES = 16_766
# Enterprise points drawn by the one-canvas points layer (layers/enterprises.py).
POINTS_JS = (
    "() => { let k = 0; window.map.eachLayer(l => { if (l._px && l.count) k += l.count(); }); return k; }"
)


def _points(frame, n: int, *, timeout_s: float = 30.0) -> None:
    """Wait until exactly ``n`` enterprise points are drawn."""
    frame.wait_for_function(f"(n) => ({POINTS_JS})() === n", arg=n, timeout=timeout_s * 1000)


def _quiet_spot(zone: shapely.Geometry, avoid: gpd.GeoSeries, *, clear_m: float = 0.0) -> tuple[float, float]:
    """(lat, lon) of the grid point inside ``zone`` farthest from ``avoid`` (both in EPSG:4326)."""
    zone_m = gpd.GeoSeries([zone], crs=4326).to_crs(ANALYSIS_CRS).iloc[0].buffer(-400)
    minx, miny, maxx, maxy = zone_m.bounds
    xs, ys = np.meshgrid(np.linspace(minx, maxx, 60), np.linspace(miny, maxy, 60))
    xs, ys = xs.ravel(), ys.ravel()
    inside = shapely.contains_xy(zone_m, xs, ys)
    pts = shapely.points(xs[inside], ys[inside])
    avoid_m = avoid.to_crs(ANALYSIS_CRS).union_all()
    dist = shapely.distance(pts, avoid_m)
    best = pts[int(np.argmax(dist))]
    assert dist.max() > clear_m
    lon, lat = gpd.GeoSeries([best], crs=ANALYSIS_CRS).to_crs(4326).iloc[0].coords[0]
    return lat, lon


def _choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_corridors_page_highlight_and_district_panel(app_url, page):
    page.goto(f"{app_url}/corridors")
    frame = map_frame(page, min_paths=9 + 2 + 3 + 9)
    legend = legend_text(frame)
    assert "两轴（示意走向）" in legend and "三带（示意范围）" in legend and "开发区（示意范围）" in legend
    assert "县级行政区（真实）" in legend and "[" not in legend  # the class said as the PNG says it
    assert "先进材料、高端装备、新一代信息技术" in map_features(frame, "focus")  # 吴江区 hover text
    frame.evaluate("() => { window.__same_map = true; }")

    _choose(page, "重点产业（六大领域）", "新材料")
    frame.wait_for_function(
        "() => document.querySelector('.atlas-legend').textContent.includes('承载「新材料」的开发区')",
        timeout=30_000,
    )
    assert "「新材料」为主导产业的带" in legend_text(frame)
    page.get_by_text("主导该产业的轴带：通苏嘉南北发展轴、沿江发展带").wait_for(timeout=20_000)
    assert frame.evaluate("() => window.__same_map === true")  # the map was not rebuilt

    # A click on 吴江区, away from corridors and zones, shows its cluster focus beside the map.
    districts = load_layer("districts").set_index("name")
    covered = gpd.GeoSeries(
        [
            *load_layer("corridor_belts").geometry,
            *load_layer("dev_zones").geometry,
            *load_layer("corridor_axes").to_crs(ANALYSIS_CRS).buffer(2500).to_crs(4326),
        ],
        crs=4326,
    )
    lat, lon = _quiet_spot(districts.geometry["吴江区"], covered, clear_m=1500)
    click_map(frame, lat, lon)
    page.get_by_text("集群重点：先进材料、高端装备、新一代信息技术").wait_for(timeout=20_000)
    no_outside_requests(page)
    save_screenshot(page, "planner_corridors")


def test_wujiang_page_optical_communication_and_town_panel(app_url, page):
    fetched = []  # the layer payloads the map fetched as files (pages/common/cache.py)
    page.on("request", lambda r: fetched.append(r.url) if "/app/static/cache/" in r.url else None)
    page.goto(f"{app_url}/wujiang")
    frame = map_frame(page, min_paths=9 + 8 + 8 + 12)  # districts, 区镇 outlines and fills, carriers
    _points(frame, N_ENTERPRISES)  # all of them
    assert len(fetched) == 1  # all enterprises: one file, not in the component's arguments
    enterprise_file = fetched[0]
    legend = legend_text(frame)
    assert "核心区镇" in legend and "支撑区镇" in legend and "（转录）" in legend and "[" not in legend
    frame.evaluate("() => { window.__same_map = true; window.map.setView([30.95, 120.45], 12); }")

    _choose(page, "产业（吴江规划）", "光电通信")
    frame.wait_for_function(
        "() => { let r = {}; window.map.eachLayer(l => { const p = l.feature && l.feature.properties;"
        " if (p && p.role_label && p.industry === '光电通信') r[p.name] = p.role_label; });"
        " return r['七都镇'] === '核心区镇'; }",
        timeout=30_000,
    )
    roles = frame.evaluate(
        "() => { let r = {}; window.map.eachLayer(l => { const p = l.feature && l.feature.properties;"
        " if (p && p.role_label) r[p.name] = p.role_label; }); return r; }"
    )
    assert roles["七都镇"] == "核心区镇"
    assert roles["震泽镇"] == "支撑区镇" and roles["汾湖高新区（黎里镇）"] == "支撑区镇"
    assert roles["桃源镇"] == "未列入布局"
    assert "「光电通信」载体" in legend_text(frame)
    # The view survived the filter change: same map object, same zoom and centre.
    assert frame.evaluate("() => window.__same_map === true && window.map.getZoom() === 12")
    # All enterprises were drawn again from the frame's memory, not fetched nor sent again (the one
    # other file, fetched once at zoom 12, is the districts' full outline: layers/outline.py).
    _points(frame, N_ENTERPRISES)
    assert fetched.count(enterprise_file) == 1 and len(fetched) <= 2 and len(set(fetched)) == len(fetched)

    # Only this industry's enterprises; then click 七都 where no point is drawn.
    page.get_by_text("所选产业企业").click()
    ents = load_layer("enterprises")
    mine = ents[ents["industry"] == "光电通信"]
    _points(frame, len(mine))
    towns = load_layer("wujiang_towns").set_index("name")
    lat, lon = _quiet_spot(towns.geometry["七都镇"], mine.geometry, clear_m=300)
    click_map(frame, lat, lon)
    page.get_by_role("heading", name="七都镇").wait_for(timeout=20_000)
    page.get_by_text("2020 年销售与 2025 年目标为全区该产业数据").wait_for(timeout=10_000)
    no_outside_requests(page)
    save_screenshot(page, "planner_wujiang")


# Every element drawn whole within the page's main area: nothing cut or beyond its right edge.
WHOLE_JS = """(els) => { const main = document.querySelector('[data-testid=stMain]').getBoundingClientRect();
  return els.every(e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= main.right); }"""


def test_intensity_page_legend_units_and_town_panel(app_url, page):
    page.goto(f"{app_url}/intensity")
    map_frame(page, min_paths=9 + 8)  # the parcels view opens first
    page.get_by_test_id("stRadio").filter(has_text="查看").get_by_text("区镇", exact=True).click()
    frame = map_frame(page, min_paths=9 + 8 + 8)
    _points(frame, N_ENTERPRISES)
    legend = legend_text(frame)
    assert "亩均税收（按区镇）（合成）" in legend and "万元/亩" in legend
    assert "企业亩均税收分级（合成）" in legend
    page.wait_for_timeout(300)
    save_screenshot(page, "planner_intensity")

    page.get_by_text("显示企业点").click()
    _points(frame, 0)
    towns = load_layer("wujiang_towns").set_index("name")
    shengze = towns.geometry["吴江高新区（盛泽镇）"]
    lat, lon = shengze.representative_point().y, shengze.representative_point().x
    click_map(frame, lat, lon)
    page.get_by_role("heading", name="吴江高新区（盛泽镇）").wait_for(timeout=20_000)
    page.get_by_text("在 8 个区镇中排第").wait_for(timeout=10_000)
    # at 1280 px every figure reads whole beside the map (a grid there cut "12,490 亩" at its edge)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(500)
    values = page.locator("dl.atlas-town dd")
    assert values.count() >= 9 and "亩" in values.nth(values.count() - 2).inner_text()
    assert values.evaluate_all(WHOLE_JS), values.all_inner_texts()
    # land and tax with separators and two decimals, as the tables write them (it read "203477 万元")
    land, tax = (values.nth(values.count() - k).inner_text() for k in (2, 1))
    assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d\d 亩", land) and re.fullmatch(
        r"\d{1,3}(,\d{3})+\.\d\d 万元", tax
    ), (land, tax)
    # the layers' sources and notes wrap in the page's width (the grid cut them at its edge at 1280)
    provenance = page.locator(".atlas-provenance")
    provenance.scroll_into_view_if_needed()
    cells = provenance.locator("th, td")
    assert cells.count() >= 3 * 6 and provenance.evaluate_all(WHOLE_JS)
    assert cells.evaluate_all(WHOLE_JS), cells.all_inner_texts()
    save_screenshot(page, "planner_intensity_provenance_1280")
    page.set_viewport_size({"width": 1400, "height": 1000})
    no_outside_requests(page)
