"""Real Chromium on 亩均效益评价 evaluating the user's own imports (walk 11 item 1): the map opens on
the parks and enterprises evaluated, over the districts' and 区镇's grey outlines, not on the whole
of 吴江 with a few specks in grey, and the sidebar's 「数据」 box names the import."""

from __future__ import annotations

import json
import os
import shutil
import time

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo import ingest
from pages.common.maps import REFERENCE_OUTLINES
from tests.fixtures import ROOT
from tests.fixtures.browser import eval_in_maps, map_frame, pick_option, save_screenshot, serve_app, wait_idle
from tests.fixtures.evaluation import enterprises as fixture_enterprises

pytestmark = pytest.mark.browser

# Three small parks in 盛泽 and 七都 (WGS-84), as a bureau's park boundaries are: specks on a map of
# all of 吴江.
PARKS = gpd.GeoDataFrame(
    {"name": ["盛泽新材料园", "丝绸市场", "七都智造园"]},
    geometry=[
        box(120.643, 30.907, 120.667, 30.923),
        box(120.624, 30.889, 120.640, 30.901),
        box(120.425, 30.955, 120.455, 30.975),
    ],
    crs="EPSG:4326",
)
SHENGZE, QIDU = "吴江高新区（盛泽镇）", "七都镇"
FIRMS_TITLE = "吴江亩均企业（高德）2024"  # as the walk named its import: longer than the sidebar's box


def _enterprises() -> pd.DataFrame:
    """The hand-worked ten enterprises (tests/fixtures/evaluation.py) moved to 盛泽 and 七都, some
    outside the parks, each stating its town; E10 without a location, as there."""
    ents = fixture_enterprises().drop(columns="geometry")
    spots = [(120.650, 30.915), (120.660, 30.918), (120.630, 30.895), (120.62, 30.93), (120.44, 30.965)]
    spots += [(120.45, 30.94), (120.68, 30.90), (120.60, 30.88), (120.43, 30.98), (None, None)]
    ents["经度"] = [lon for lon, _ in spots]
    ents["纬度"] = [lat for _, lat in spots]
    ents["town"] = [QIDU if lon is not None and lon < 120.5 else SHENGZE for lon, _ in spots]
    ents["above_scale"] = ents["above_scale"].map({True: "是", False: "否"})
    return ents


def _store(path) -> tuple[float, float, float, float]:
    """The parks and the enterprises imported through 数据管理's importer into the store ``path``;
    returns their extent (west, south, east, north)."""
    result = ingest.read_upload(PARKS.to_json().encode(), "园区.geojson", kind="zones")
    ingest.save_import(result, name="parks", title="园区边界", source="测试局", path=path)
    table = _enterprises()
    result = ingest.read_upload(
        table.to_csv(index=False).encode("utf-8-sig"),
        "企业.csv",
        kind="enterprises",
        lon_col="经度",
        lat_col="纬度",
    )
    ingest.save_import(result, name="firms", title=FIRMS_TITLE, source="测试局", path=path)
    located = table.dropna(subset=["经度"])
    points = gpd.GeoSeries(
        [Point(x, y) for x, y in zip(located["经度"], located["纬度"], strict=True)], crs="EPSG:4326"
    )
    return tuple(float(v) for v in pd.concat([PARKS.geometry, points]).total_bounds)


@pytest.fixture(scope="module")
def imports_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imports")
    store = folder / "atlas.gpkg"
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", store)
    user = folder / "user" / "atlas_user.gpkg"
    extent = _store(user)
    env = {**os.environ, "ATLAS_GPKG": str(store), ingest.USER_GPKG_ENV: str(user)}
    env.pop("ATLAS_DATABASE_URL", None)
    with serve_app(env, folder / "streamlit.log") as url:
        yield url, extent


VIEW_JS = (
    "() => { if (!window.map || !window.map.getBounds) return null; const b = window.map.getBounds();"
    " let grey = 0; window.map.eachLayer(l => { if (l.options && GREYS.includes(l.options.color)) grey++; });"
    " return {zoom: window.map.getZoom(), w: b.getWest(), s: b.getSouth(), e: b.getEast(), n: b.getNorth(),"
    " grey: grey}; }"
).replace("GREYS", json.dumps([color for color, _ in REFERENCE_OUTLINES.values()]))


def _fills(view: dict, extent: tuple[float, float, float, float]) -> bool:
    """Whether the view holds the extent and the extent fills a good part of it (Leaflet fits at
    whole zoom steps: the next step in would not hold it, so it fills at least about half)."""
    west, south, east, north = extent
    holds = view["w"] <= west and view["s"] <= south and view["e"] >= east and view["n"] >= north
    share = max((east - west) / (view["e"] - view["w"]), (north - south) / (view["n"] - view["s"]))
    return holds and share >= 0.4


@pytest.mark.parametrize(("width", "height", "lang"), [(1280, 720, "zh"), (1920, 1080, "en")])
def test_the_map_of_imports_fits_them_over_the_districts_and_towns(imports_app, browser, width, height, lang):
    url, extent = imports_app
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{url}/efficiency")
        map_frame(page, min_paths=4, timeout_s=90)
        sidebar = page.locator('[data-testid="stSidebar"]')
        if lang == "en":
            sidebar.get_by_text("English").click()
            wait_idle(page)
            map_frame(page, min_paths=4, timeout_s=60)
        zh = lang == "zh"
        for label, option in (
            ("评价区域（边界）" if zh else "Zones (boundaries)", "园区边界"),
            ("企业名单" if zh else "Enterprises", FIRMS_TITLE),
        ):
            select = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
            pick_option(page, select, option)
            wait_idle(page)
        view, deadline = None, time.time() + 60
        while time.time() < deadline:
            views = [v for _, v in eval_in_maps(page, VIEW_JS) if v]
            view = views[0] if views else None
            if view and _fills(view, extent) and view["grey"] > 0:
                break
            page.wait_for_timeout(500)
        save_screenshot(page, f"efficiency_imports_{lang}_{width}")
        assert view is not None and _fills(view, extent), (view, extent)
        # the districts' and the 区镇's outlines place the parks (as 数据管理's preview does)
        assert view["grey"] >= 2, view
        # the first box of the sidebar names what is evaluated, not the synthetic demo
        first = sidebar.locator('[data-testid="stSelectbox"]').first
        inputs = first.locator("input")
        data_box = first.inner_text() + (inputs.first.input_value() if inputs.count() else "")
        words = ("导入：" if zh else "Import: ") + FIRMS_TITLE
        assert words in data_box, data_box
        # walk 16 item 14: the title is longer than the box at 1280 ("导入：吴江亩均企业（高德）2…"): a
        # caption under it says it whole
        captions = sidebar.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
        assert words in [c.strip() for c in captions], captions
        assert "16,766" not in data_box
    finally:
        context.close()
