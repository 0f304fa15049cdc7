"""Real Chromium: the home page draws all 9 districts and 8 区镇 with no outside host reachable."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from layers.mapview import SMALL_MAP_PX
from tests.fixtures import ROOT
from tests.fixtures.browser import map_features, map_frame, save_screenshot, serve_app

pytestmark = pytest.mark.browser


def test_overview_draws_districts_and_towns_offline(app_url, page):
    page.goto(f"{app_url}/")
    frame = map_frame(page, min_paths=17)  # 9 districts + 8 区镇
    names = map_features(frame, "name")
    assert {"吴江区", "昆山市", "姑苏区"} <= set(names)
    assert {"七都镇", "平望镇", "吴江高新区（盛泽镇）"} <= set(names)
    assert len(set(names)) == 17
    # Chinese text is in the page and the legend carries the accuracy labels.
    page.get_by_text("苏州产业布局一张图 · 总览").wait_for(timeout=20_000)
    legend = frame.locator(".atlas-legend").text_content()
    assert "图例" in legend and "真实" in legend and "示意" in legend
    # The legend folds away (it can cover a small map) and unfolds again; a small map starts folded.
    shown = "县级行政区" in frame.locator(".atlas-legend").inner_text()
    width, height = frame.evaluate("() => [window.map.getSize().x, window.map.getSize().y]")
    assert shown == (width >= SMALL_MAP_PX[0] and height >= SMALL_MAP_PX[1])
    frame.locator(".atlas-legend-head").click()
    assert ("县级行政区" in frame.locator(".atlas-legend").inner_text()) is not shown
    frame.locator(".atlas-legend-head").click()
    assert ("县级行政区" in frame.locator(".atlas-legend").inner_text()) is shown
    # Nothing was fetched from outside 127.0.0.1 (Leaflet is served by the app itself).
    assert [u for u in page.blocked_requests if "tile" not in u] == []
    shot = save_screenshot(page, "overview")
    assert shot.stat().st_size > 50_000


def test_cjk_glyphs_render_without_tofu(app_url, page):
    """A CJK font is present: Chinese text is wider than the same count of missing-glyph boxes."""
    page.goto(f"{app_url}/")
    page.get_by_text("苏州产业布局一张图 · 总览").wait_for(timeout=30_000)
    widths = page.evaluate(
        "() => { const c = document.createElement('canvas').getContext('2d');"
        " c.font = '20px sans-serif'; const a = c.measureText('苏州吴江盛泽').width;"
        " const b = c.measureText('\\u{10FFFD}\\u{10FFFD}\\u{10FFFD}'"
        " + '\\u{10FFFD}\\u{10FFFD}\\u{10FFFD}').width;"
        " const fonts = document.fonts.check('20px \"Noto Sans CJK SC\"'); return [a, b, fonts]; }"
    )
    han, tofu, _ = widths
    assert han != pytest.approx(tofu, rel=0.02), "Chinese glyphs render as missing-glyph boxes"


def test_layers_still_draw_when_the_chosen_basemap_is_unreachable(app_url, page):
    page.goto(f"{app_url}/")
    map_frame(page, min_paths=17)
    page.get_by_role("combobox", name="底图").click()
    page.get_by_role("option", name="高德地图（GCJ-02，图层自动偏移）").click()
    page.get_by_text("底图需要联网").wait_for(timeout=20_000)
    page.wait_for_timeout(1500)
    frame = map_frame(page, min_paths=17)
    assert len(set(map_features(frame, "name"))) == 17
    assert any("autonavi" in u for u in page.blocked_requests)  # tiles were asked for and blocked
    assert page.get_by_role("combobox", name="底图").input_value() == "高德地图（GCJ-02，图层自动偏移）"
    save_screenshot(page, "overview-gaode-offline")


def test_a_deep_link_opened_first_gets_the_frame(tmp_path, browser):
    """A fresh server whose first visitor opens /wujiang still shows the shared sidebar and nav."""
    store = tmp_path / "atlas.gpkg"
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", store)
    env = {**os.environ, "ATLAS_GPKG": str(store), "ATLAS_USER_GPKG": str(tmp_path / "u.gpkg")}
    with serve_app(env, tmp_path / "streamlit.log") as url:
        pg = browser.new_page()
        pg.goto(f"{url}/data")
        pg.get_by_text("语言 / Language").wait_for(timeout=30_000)  # the shared sidebar ran
        nav = pg.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "总览" in nav and "_shared" not in nav
        pg.close()


# In every frame of the page: the parent notes when its first table appears, the map's frame when
# its map first holds all 17 shapes (both on the parent, in ms since the epoch).
_ORDER_JS = """
if (window === window.top) {
  new MutationObserver(() => {
    if (!window.__firstTable && document.querySelector('[data-testid="stDataFrame"]'))
      window.__firstTable = performance.timeOrigin + performance.now();
    if (!window.__navShown && document.querySelector('[data-testid="stSidebarNav"]'))
      window.__navShown = performance.timeOrigin + performance.now();
  }).observe(document, {subtree: true, childList: true});
} else {
  const iv = setInterval(() => {
    const m = window.map; if (!m || !m.eachLayer) return;
    let k = 0; m.eachLayer(l => { if (l.getLatLngs) k++; });
    if (k >= 17) { window.top.__mapDrawn = performance.timeOrigin + performance.now(); clearInterval(iv); }
  }, 5);
}
"""


def test_what_follows_the_map_comes_once_the_map_is_drawn(app_url, page):
    """A fresh page draws its map first; its tables come in the run the drawn map starts."""
    page.add_init_script(_ORDER_JS)
    page.goto(f"{app_url}/")
    map_frame(page, min_paths=17)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    drawn, first_table = page.evaluate("() => [window.__mapDrawn, window.__firstTable]")
    assert drawn is not None and first_table is not None
    assert drawn < first_table
    # Both tables below the map are there (the districts, the provenance), and nothing waits any more.
    page.locator(".atlas-provenance").wait_for(timeout=30_000)  # the provenance: a page table
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    assert page.get_by_text("地图绘出后").count() == 0


def test_the_page_list_comes_after_the_map_and_at_once_on_a_page_without_one(app_url, page):
    """A session's first run leaves the page list out (app.py): the browser drew it before the map's
    frame. It comes with the run the drawn map starts; on a page without a map, with a second run."""
    page.add_init_script(_ORDER_JS)
    page.goto(f"{app_url}/")
    map_frame(page, min_paths=17)
    links = page.locator('[data-testid="stSidebarNav"] a')
    links.nth(6).wait_for(timeout=30_000)
    drawn, nav = page.evaluate("() => [window.__mapDrawn, window.__navShown]")
    assert drawn is not None and nav is not None and drawn < nav
    assert links.count() == 7 and "总览" in links.nth(0).inner_text()
    # The sidebar was there all along (nothing moved when the list came): the map kept its width.
    assert page.locator('[data-testid="stSidebar"]').count() == 1
    # A page without a map, opened first in a new session: its list comes without a click.
    page.goto(f"{app_url}/publication")
    links.nth(6).wait_for(timeout=30_000)
    assert links.count() == 7 and page.locator('[data-testid="stException"]').count() == 0


def test_what_follows_the_map_comes_even_if_the_map_never_draws(app_url, page):
    """Without Leaflet the map cannot draw: its frame says so (pages/common/cache.FRAME_FAILED_JS) and the
    rest of the page comes at once, not after the server's wait for a frame that never answers."""
    from pages.common.frame import WAIT_FOR_MAP_S

    page.route("**/leaflet.js", lambda route: route.abort())
    page.goto(f"{app_url}/")
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=WAIT_FOR_MAP_S * 1000 / 3)
    page.locator(".atlas-provenance").wait_for(timeout=30_000)  # the provenance: a page table
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    assert page.get_by_text("地图绘出后").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


# A page opened in a background tab: hidden, and its frames never painted (no animation frame).
_HIDDEN_JS = """
Object.defineProperty(Document.prototype, 'hidden', {get() { return true; }, configurable: true});
if (window.top !== window) window.requestAnimationFrame = function () { return 0; };
"""


def test_a_page_nobody_sees_gets_the_rest_without_waiting_for_a_paint(app_url, page):
    """A background tab paints nothing: its map says it is there at once, so the tables come (the
    server's wait is only for a frame that never answers)."""
    from pages.common.frame import WAIT_FOR_MAP_S

    page.add_init_script(_HIDDEN_JS)
    page.goto(f"{app_url}/")
    map_frame(page, min_paths=17)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=WAIT_FOR_MAP_S * 1000 / 3)
    page.locator(".atlas-provenance").wait_for(timeout=30_000)  # the provenance: a page table
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    assert page.get_by_text("地图绘出后").count() == 0


def test_a_page_opened_by_its_address_connects_without_probing(app_url, page):
    """A bookmark of a page (/wujiang) connects at once: the page names the server's base
    (serve.KnownBackendBase), so the frontend does not try /wujiang/_stcore/health first."""
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(f"{app_url}/wujiang")
    map_frame(page, min_paths=9)
    page.get_by_text("吴江区产业布局：核心与支撑区镇").first.wait_for(timeout=30_000)
    assert f"{app_url}/_stcore/health" in asked
    assert not [u for u in asked if "/wujiang/_stcore" in u or "/wujiang/static" in u]
    assert page.evaluate("() => window.__streamlit.BACKEND_BASE_URL") == f"{app_url}/"


def test_the_export_panel_fills_once_the_map_is_drawn(app_url, browser):
    """Until the map is drawn the folded export panel holds only its note (its buttons would delay
    the map: pages/common/maps.export_panel); then every download is there, uncut at 1280x720, and
    gives its file."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{app_url}/wujiang")
    map_frame(page, min_paths=9)
    page.get_by_text("导出（汇报图、GeoJSON、表格、离线网页）").first.click()
    buttons = page.locator('[data-testid="stDownloadButton"]')
    buttons.first.wait_for(timeout=30_000)
    assert buttons.count() >= 5
    # No label cut ("汇报图 PNG（A4 横…" at 1280 px with three buttons to a row beside the panel).
    cut = buttons.evaluate_all(
        "els => els.filter(e => [...e.querySelectorAll('*')].some(n => n.scrollWidth > n.clientWidth + 1))"
        ".map(e => e.innerText)"
    )
    assert cut == []
    geojson = buttons.filter(has_text="GeoJSON").first
    with page.expect_download(timeout=60_000) as got:
        geojson.click()
    data = Path(got.value.path()).read_bytes()
    if data[:2] == b"PK":  # a view mixing geometry types: one GeoJSON per type in a zip
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert all(n.endswith(".geojson") for n in zf.namelist()) and len(zf.namelist()) >= 2
            body = "".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    else:
        body = data.decode("utf-8")
    assert '"FeatureCollection"' in body and "七都镇" in body
    context.close()
