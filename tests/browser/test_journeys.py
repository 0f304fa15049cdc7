"""Real Chromium at 1280x720 and 1920x1080: what a new user walking the three journeys met (issue 12).

Streamlit's own words in Chinese, maps that fold their legend and switcher on a small screen and
let the page scroll, the 两轴三带 switcher and click, the 数据管理 state across page and language
switches, the preview map fitted to the upload, the efficiency metrics and chart not cut.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import pytest
import shapely

from geo.spatial.crs import ANALYSIS_CRS
from geo.storage.builtin import load_layer
from layers.mapview import SMALL_MAP_PX
from pages.common.language import ENGLISH_DEFAULTS
from tests.fixtures.browser import act_until, eval_in_maps, map_frame, save_screenshot, wait_idle

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080)]
PAGES = ["", "corridors", "wujiang", "efficiency", "intensity", "data"]

# Visible text (Material icon ligatures such as "upload" left out) and the tooltips, labels and
# placeholders a user meets.
VISIBLE_TEXT_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest('[data-testid="stIconMaterial"], script, style, noscript')) continue;
    if (!el.getClientRects().length) continue;  // not displayed
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden') continue;
    out.push(node.nodeValue);
  }
  document.querySelectorAll('[title],[aria-label],[placeholder]').forEach(el => {
    for (const a of ['title', 'aria-label', 'placeholder']) {
      const v = el.getAttribute(a); if (v) out.push(v);
    }
  });
  return out.join('\\n');
}"""


def _context(browser, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()

    def _route(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort()

    pg.route("**/*", _route)
    return context, pg


def _english_left(pg, timeout_s: float = 10.0) -> list[str]:
    """English Streamlit defaults still shown after the page had ``timeout_s`` to translate them."""
    deadline = time.monotonic() + timeout_s
    while True:
        text = pg.evaluate(VISIBLE_TEXT_JS)
        left = [w for w in ENGLISH_DEFAULTS if w in text]
        if not left or time.monotonic() > deadline:
            return left
        pg.wait_for_timeout(300)


def _open(pg, url: str) -> None:
    pg.goto(url)
    pg.locator("h1").first.wait_for(timeout=90_000)
    wait_idle(pg)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_english_streamlit_defaults_in_the_chinese_ui(app_url, browser, size):
    context, pg = _context(browser, size)
    try:
        for path in PAGES:
            _open(pg, f"{app_url}/{path}")
            if path == "efficiency":
                # an open multiselect: its "select all" entry and, typing a miss, its empty result
                box = pg.get_by_role("combobox", name="分组排名（可组合）")
                box.click()
                pg.wait_for_timeout(500)
                assert _english_left(pg) == [], path
                pg.keyboard.type("zzz")
                pg.wait_for_timeout(500)
                assert _english_left(pg) == [], path
                pg.keyboard.press("Escape")
            if path == "data":
                # a text input being edited shows its "press Enter" instruction
                title = pg.get_by_label("标题", exact=True)
                title.click()
                pg.keyboard.type("测")
                pg.wait_for_timeout(500)
                assert pg.get_by_text("按回车键应用").count() == 1
                # every uploader's button (the import's and 数据归集's), none left in English
                uploaders = pg.locator("[data-testid='stFileUploader']").count()
                assert uploaders >= 2
                assert pg.get_by_text("选择文件", exact=True).count() == uploaders
            assert _english_left(pg) == [], path
            save_screenshot(pg, f"ux_zh_{path or 'overview'}_{size[0]}")
            # the same visit goes on with what a user does there (one load of each page)
            if path == "wujiang":
                _maps_fold_on_small_screens_and_leave_the_wheel_to_the_page(pg, size)
            if path == "corridors":
                _corridors_switcher_lists_every_layer_and_a_click_gives_the_district(pg, size)
    finally:
        context.close()


def _map_state(frame) -> dict:
    return frame.evaluate(
        """() => ({
          size: [window.map.getSize().x, window.map.getSize().y],
          legendFolded: document.querySelector('.atlas-legend').classList.contains('atlas-collapsed'),
          switcherOpen: [...document.querySelectorAll('.leaflet-control-layers')]
              .some(c => c.classList.contains('leaflet-control-layers-expanded')),
          labels: [...document.querySelectorAll('.leaflet-control-layers label')]
              .map(l => l.textContent.trim()),
          zoom: window.map.getZoom(),
        })"""
    )


def _maps_fold_on_small_screens_and_leave_the_wheel_to_the_page(pg, size) -> None:
    """吴江区's map folds its legend and switcher on a small screen; the wheel over it scrolls the
    page until Ctrl is held (run on the page :func:`test_no_english_streamlit_defaults_in_the_chinese_ui`
    opened)."""
    frame = map_frame(pg, min_paths=9 + 8)
    frame.wait_for_selector(".leaflet-control-layers", timeout=30_000)
    pg.wait_for_timeout(500)
    state = _map_state(frame)
    small = state["size"][0] < SMALL_MAP_PX[0] or state["size"][1] < SMALL_MAP_PX[1]
    assert small is (size == (1280, 720))
    assert state["legendFolded"] is small and state["switcherOpen"] is not small
    head = frame.locator(".atlas-legend-head")
    assert ("点击展开" if small else "点击折叠") in head.evaluate(
        "e => getComputedStyle(e, '::after').content"
    )  # the legend says it folds
    # the wheel over a map that was not clicked scrolls the page and leaves the zoom alone
    frame.frame_element().scroll_into_view_if_needed()
    box = frame.frame_element().bounding_box()
    scroller = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"
    before = pg.evaluate(scroller)
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pg.mouse.wheel(0, 300)
    pg.wait_for_timeout(800)
    assert frame.evaluate("() => window.map.getZoom()") == state["zoom"]
    assert pg.evaluate(scroller) > before
    # with Ctrl held the map takes the wheel (tests/browser/test_map_wheel.py: a click does not)
    box = frame.frame_element().bounding_box()
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pg.keyboard.down("Control")
    try:
        pg.mouse.wheel(0, -300)
    finally:
        pg.keyboard.up("Control")
    frame.wait_for_function(f"() => window.map.getZoom() > {state['zoom']}", timeout=10_000)
    save_screenshot(pg, f"ux_wujiang_{size[0]}")


def _click_map(pg, frame, lat: float, lon: float) -> None:
    frame.frame_element().scroll_into_view_if_needed()
    wait_idle(pg, 20)
    frame.evaluate("([lat, lon]) => window.map.panTo([lat, lon], {animate: false})", [lat, lon])
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon],
    )
    frame.locator(".leaflet-container").first.click(position={"x": x, "y": y})


def _corridors_switcher_lists_every_layer_and_a_click_gives_the_district(pg, size) -> None:
    """两轴三带's switcher names every layer and takes one off the map; a click on the axis in 吴江区
    names the district first (run on the page :func:`test_no_english_streamlit_defaults_in_the_chinese_ui`
    opened)."""
    frame = map_frame(pg, min_paths=9 + 2 + 3 + 9)
    frame.wait_for_function(
        "() => document.querySelectorAll('.leaflet-control-layers label').length >= 4", timeout=30_000
    )
    labels = _map_state(frame)["labels"]
    assert {"县级行政区", "三带（示意范围）", "两轴（示意走向）", "开发区（示意范围）"} <= set(labels)
    # turning the belts off takes them off the map
    frame.evaluate(
        "() => { const c = document.querySelector('.leaflet-control-layers');"
        " c.classList.add('leaflet-control-layers-expanded'); }"
    )
    frame.locator(".leaflet-control-layers label").filter(has_text="三带（示意范围）").click()
    frame.wait_for_function(
        "() => { let n = 0; window.map.eachLayer(l => { if (l.feature && l.feature.properties"
        " && String(l.feature.properties.name).endsWith('带')) n++; }); return n === 0; }",
        timeout=10_000,
    )
    # a click on the 通苏嘉 axis in the middle of 吴江区 answers with 吴江区 first
    wujiang = load_layer("districts").set_index("name").geometry["吴江区"]
    axes = load_layer("corridor_axes").set_index("name")
    on_axis = axes.geometry["通苏嘉南北发展轴"].intersection(wujiang)
    mid = gpd.GeoSeries([on_axis], crs=4326).to_crs(ANALYSIS_CRS).iloc[0]
    point = gpd.GeoSeries([mid.interpolate(0.5, normalized=True)], crs=ANALYSIS_CRS).to_crs(4326).iloc[0]
    assert shapely.contains(wujiang, point)
    _click_map(pg, frame, point.y, point.x)
    pg.get_by_text("集群重点：先进材料、高端装备、新一代信息技术").wait_for(timeout=30_000)
    panel = pg.locator('[data-testid="stColumn"]').filter(has_text="集群重点：").last.inner_text()
    assert "通苏嘉南北发展轴" in panel, panel
    assert panel.index("吴江区") < panel.index("通苏嘉南北发展轴")  # the district, then the axis
    save_screenshot(pg, f"ux_corridors_{size[0]}")


def _use_shown(pg, label: str) -> str:
    """The use the data page's select shows (its value, not the proposal the caption names)."""
    box = pg.locator("[data-testid=stSelectbox]").filter(has_text=label).first
    return box.locator("input").first.input_value()


def test_data_page_keeps_upload_use_and_frame_across_pages_and_languages(app_url, browser, tmp_path):
    csv = tmp_path / "企业名单.csv"
    csv.write_text(
        "企业名称,用地面积（亩）,实缴税金（万元）,销售收入（万元）,高德经度,高德纬度\n"
        "甲纺织,30,600,12000,120.6499,31.1523\n"
        "乙材料,100,800,56000,120.6597,30.9123\n",
        encoding="utf-8",
    )
    context, pg = _context(browser, (1280, 720))
    try:
        _open(pg, f"{app_url}/data")
        pg.get_by_text("选择文件", exact=True).first.wait_for(timeout=30_000)  # Streamlit's "Upload"
        # the use is left at its default: the file's contents propose 企业
        pg.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(csv))
        pg.get_by_text("按文件内容建议的用途：企业").first.wait_for(timeout=30_000)
        frame_radio = pg.get_by_role("radiogroup", name="经纬度坐标框架")
        frame_radio.get_by_text("GCJ-02（高德、腾讯）").click()
        wait_idle(pg)
        # leave the page and come back
        pg.locator("[data-testid=stSidebarNav] a").nth(0).click()
        pg.get_by_text("苏州产业布局一张图 · 总览").wait_for(timeout=60_000)
        wait_idle(pg)
        pg.locator('[data-testid=stSidebarNav] a[href$="/data"]').click()
        pg.get_by_text("正在导入：企业名单.csv").wait_for(timeout=60_000)
        wait_idle(pg)
        assert pg.get_by_role("radio", name="GCJ-02（高德、腾讯）").is_checked()
        assert _use_shown(pg, "这份数据的用途") == "企业（点位 + 用地、税收、销售等）"  # the use, as proposed
        # switch language midway: the same choices, in English
        pg.get_by_text("English").click()
        pg.get_by_text("Importing: 企业名单.csv").wait_for(timeout=60_000)
        wait_idle(pg)
        assert pg.get_by_role("radio", name="GCJ-02 (Gaode, Tencent)").is_checked()
        assert _use_shown(pg, "What the data is") == "Enterprises (points with land, tax, sales)"
        _streamlits_own_words_come_back_in_english(pg)
        act_until(  # a click during the language switch's rerun can be lost
            pg.get_by_role("button", name="Read and validate").click,
            pg.get_by_text("Preview (converted to WGS-84)"),
            timeout_ms=40_000,
        )
        # the preview fits the upload and shows the districts and 区镇 for reference
        deadline = time.monotonic() + 60
        found = None
        js = (
            "() => { if (!window.map) return null; let pts = 0, shapes = 0;"
            " window.map.eachLayer(l => { if (l.feature && l.getLatLng) pts++;"
            " else if (l._d && l._d.x) pts += l._d.x.length;"  # imported points: one canvas
            " else if (l.feature && l.getBounds) shapes++; });"
            " return pts ? {pts, shapes, zoom: window.map.getZoom()} : null; }"
        )
        while time.monotonic() < deadline and not found:
            found = next((v for _, v in eval_in_maps(pg, js) if v), None)
            if not found:
                pg.wait_for_timeout(500)
        assert found is not None and found["pts"] == 2
        assert found["shapes"] >= 9 + 8  # districts + 区镇 as reference
        assert found["zoom"] >= 9  # fitted to the two points, not the zoom-6 overview
        save_screenshot(pg, "ux_data_en_1280")
    finally:
        context.close()


def _cut_metrics(pg) -> list:
    """The metric values shown cut ("9,444.…"), with how many pixels they overflow."""
    return pg.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
        ".map(e => { const t = e.querySelector('div') || e;"
        " return [e.innerText, t.scrollWidth - t.clientWidth]; })"
        ".filter(([, over]) => over > 1)"
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_efficiency_metrics_and_chart_are_not_cut(app_url, browser, size):
    context, pg = _context(browser, size)
    try:
        _open(pg, f"{app_url}/efficiency")
        pg.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=60_000)
        assert _cut_metrics(pg) == []
        pg.get_by_role("tab", name="趋势与构成").click(timeout=60_000)  # only the open tab is drawn
        charts = pg.locator('[data-testid="stVegaLiteChart"]')
        charts.first.wait_for(timeout=30_000)
        mix = None  # the class-mix chart: the page also draws the yearly trends
        for i in range(charts.count()):
            chart = charts.nth(i)
            if not chart.is_visible():  # a chart in a tab not shown
                continue
            chart.scroll_into_view_if_needed()
            chart.locator("svg, canvas").first.wait_for(timeout=30_000)
            texts = chart.evaluate("e => [...e.querySelectorAll('svg text')].map(t => t.textContent)")
            if "吴江高新区（盛泽镇）" in texts and "D 整治淘汰" in texts:  # classes by 区镇, legend in full
                mix = texts
                break
        if mix is not None:  # the SVG renderer lets us read the words (the canvas one draws pixels)
            assert not [t for t in mix if t.endswith("…")]  # no zone name or class cut
            # every 区镇 named: a chart squeezed into its height drops every other name
            zones = [
                "吴江开发区",
                "汾湖高新区（黎里镇）",
                "吴江高新区（盛泽镇）",
                "东太湖度假区（太湖新城）",
                "七都镇",
                "震泽镇",
                "桃源镇",
                "平望镇",
            ]
            assert [z for z in zones if z not in mix] == []
        save_screenshot(pg, f"ux_efficiency_{size[0]}")
        # In English too: "21.23 10k yuan/mu" is longer than "21.23 万元/亩".
        pg.locator('[data-testid="stSidebar"]').get_by_text("English").click()
        pg.get_by_text("Class-D land").wait_for(timeout=60_000)
        wait_idle(pg)
        assert _cut_metrics(pg) == []
        if size == (1280, 720):
            _language_switch_on_the_evaluation_page_keeps_the_basemap(pg)
    finally:
        context.close()


def test_efficiency_parameters_come_once_the_map_is_drawn_and_still_work(app_url, browser):
    """The folded parameter editor holds its widgets once the map is drawn (before, only its help
    line: pages/common/frame.map_first_run), and a changed value is used and kept."""
    context, pg = _context(browser, (1280, 720))
    try:
        _open(pg, f"{app_url}/efficiency")
        map_frame(pg, min_paths=8)
        pg.get_by_text("评价参数：权重、基准、分类").click()
        box = pg.get_by_label("规下企业参评最小用地（亩）")
        box.wait_for(timeout=30_000)
        assert pg.locator('[data-testid="stNumberInput"]').count() >= 14
        before = pg.locator('[data-testid="stMetricValue"]').first.inner_text()
        box.fill("500")
        box.press("Enter")
        # Fewer below-size enterprises are scored with a higher minimum: the 参评企业 count drops.
        deadline = time.time() + 60
        while time.time() < deadline:
            now = pg.locator('[data-testid="stMetricValue"]').first.inner_text()
            if now != before:
                break
            pg.wait_for_timeout(200)
        assert int(now.replace(",", "")) < int(before.replace(",", ""))
        assert box.input_value() == "500.00"
        # Switched to English, the editor stays open (it is drawn only while open) and keeps 500.
        wait_idle(pg)
        pg.locator('[data-testid="stSidebar"]').get_by_text("English").click()
        english = pg.get_by_label("Below designated size: min land to be scored (mu)")
        english.wait_for(timeout=60_000)
        assert english.input_value() == "500.00"
    finally:
        context.close()


def test_map_first_controls_beside_it_and_the_language_kept_across_pages_and_reloads(app_url, browser):
    """A page opens with its map right under the title; its controls come into the sidebar once
    the map is drawn, and a new page's first run (which sends no sidebar) keeps the language.
    Switched to English, the address says so (?lang=en): a reload, on this page or another one
    reached from the sidebar, stays English; switched back, the address is clean again."""
    from geo.messages import t

    context, pg = _context(browser, (1280, 720))
    try:
        _open(pg, f"{app_url}/wujiang")
        frame = map_frame(pg, min_paths=8).frame_element().bounding_box()
        title = pg.locator("h1").first.bounding_box()
        assert frame["y"] < title["y"] + title["height"] + 60  # nothing between title and map
        assert frame["y"] + frame["height"] / 2 < 720  # the map is in view at 1280x720
        sidebar = pg.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text(t("wj.industry", "zh")).wait_for(timeout=30_000)
        wait_idle(pg)
        sidebar.get_by_text("English").click()
        pg.get_by_role("heading", name=t("wj.header", "en")).wait_for(timeout=60_000)
        pg.wait_for_function("() => location.search.includes('lang=en')", timeout=30_000)
        pg.locator('[data-testid="stSidebarNav"] a[href$="/intensity"]').click()  # 用地强度, first time here
        map_frame(pg, min_paths=8)
        sidebar.get_by_text(t("parcel.metric", "en")).wait_for(timeout=30_000)
        wait_idle(pg)
        assert pg.locator("h1").first.inner_text() == t("int.header", "en")
        assert sidebar.get_by_role("radio", name="English").is_checked()
        save_screenshot(pg, "intensity_english_after_navigation")
        # the language survives a reload
        pg.locator('[data-testid="stSidebarNav"] a').nth(3).click()  # 亩均效益评价
        pg.get_by_role("heading", name=t("eff.header", "en")).wait_for(timeout=60_000)
        pg.wait_for_function(
            "() => location.pathname.endsWith('/efficiency') && location.search.includes('lang=en')"
        )
        assert _address(pg) == ("/efficiency", {"lang": ["en"]})
        pg.reload()
        pg.get_by_role("heading", name=t("eff.header", "en")).wait_for(timeout=60_000)
        map_frame(pg, min_paths=8)
        wait_idle(pg)
        assert _address(pg) == ("/efficiency", {"lang": ["en"]})  # the reload kept the address…
        assert pg.get_by_role("heading", name=t("eff.header", "zh")).count() == 0  # …and the language
        pg.locator('[data-testid="stSidebar"]').get_by_text("中文").click()
        pg.get_by_role("heading", name=t("eff.header", "zh")).wait_for(timeout=60_000)
        pg.wait_for_function("() => !location.search.includes('lang=')", timeout=30_000)
        assert _address(pg) == ("/efficiency", {})
        assert pg.get_by_role("heading", name=t("eff.header", "en")).count() == 0
    finally:
        context.close()


def _language_switch_on_the_evaluation_page_keeps_the_basemap(pg) -> None:
    """The page reads the basemap before the sidebar's select box is drawn; the run after a
    language switch can bring the box's old label back: it is still 无底图, never an error (run on
    the page :func:`test_efficiency_metrics_and_chart_are_not_cut` switched to English)."""
    from geo.messages import t

    sidebar = pg.locator('[data-testid="stSidebar"]')
    pg.get_by_role("heading", name=t("eff.header", "en")).wait_for(timeout=60_000)
    pg.get_by_text(t("eff.table.ranking", "en")).first.wait_for(timeout=60_000)
    wait_idle(pg)
    pg.wait_for_timeout(2000)
    wait_idle(pg)
    assert pg.locator('[data-testid="stException"]').count() == 0
    box = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text=t("app.basemap", "en"))
    shown = box.inner_text() + " " + (box.locator("input").first.get_attribute("value") or "")
    assert t("app.basemap.none", "en") in shown, shown


def _address(pg) -> tuple[str, dict[str, list[str]]]:
    """The page's path (without the app's base) and its query, as the browser shows them."""
    url = urlsplit(pg.url)
    return "/" + url.path.rstrip("/").rsplit("/", 1)[-1], parse_qs(url.query)


def test_the_map_stays_when_the_weights_stop_adding_to_100(app_url, browser):
    """The warning and the confirmation drawn above the map do not move it (a moved component is
    made anew by the browser, and the evaluation map came back blank)."""
    context, pg = _context(browser, (1280, 720))
    try:
        _open(pg, f"{app_url}/efficiency")
        map_frame(pg, min_paths=8)
        pg.get_by_text("评价参数：权重、基准、分类").click()
        box = pg.get_by_role("spinbutton", name="亩均税收").first
        box.wait_for(timeout=30_000)
        box.fill("45")
        box.press("Tab")
        pg.get_by_text("确认按此权重评价").wait_for(timeout=60_000)
        wait_idle(pg)
        frame = map_frame(pg, min_paths=8, timeout_s=20)
        assert frame.evaluate(
            "() => document.querySelector('.leaflet-overlay-pane canvas, .leaflet-overlay-pane svg') !== null"
        )
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_district_tooltip_gives_its_values_room(app_url, browser, lang):
    """Hovering 吴江区 on 两轴三带: a long field name (集群重点（苏委发〔2022〕1号）) wraps, and the value
    beside it is not squeezed to a character a line."""
    context, pg = _context(browser, (1280, 720))
    try:
        _open(pg, f"{app_url}/corridors" + ("?lang=en" if lang == "en" else ""))
        frame = map_frame(pg, min_paths=8)
        wait_idle(pg)
        box = frame.frame_element().bounding_box()
        at = frame.evaluate(
            "() => { const p = window.map.latLngToContainerPoint([30.90, 120.55]); return [p.x, p.y]; }"
        )
        pg.mouse.move(box["x"] + at[0], box["y"] + at[1])
        frame.locator(".leaflet-tooltip td").first.wait_for(timeout=10_000)
        cells = frame.evaluate(
            "() => [...document.querySelectorAll('.leaflet-tooltip td')]"
            ".map(td => [td.innerText, td.getBoundingClientRect().width])"
        )
        assert any("吴江" in text or "Wujiang" in text for text, _ in cells), cells
        assert [c for c in cells if c[1] < 80] == [], cells  # each value at least ~6 characters wide
    finally:
        context.close()


def _streamlits_own_words_come_back_in_english(pg) -> None:
    """The Chinese UI rewrites Streamlit's own words ("Upload" → 选择文件); switched to English on
    the page, they are English again, not left Chinese (run on the data page
    :func:`test_data_page_keeps_upload_use_and_frame_across_pages_and_languages` switched)."""
    pg.get_by_text("Upload", exact=True).first.wait_for(timeout=60_000)
    wait_idle(pg)
    text = pg.evaluate(VISIBLE_TEXT_JS)
    assert "选择文件" not in text and "单个文件不超过" not in text
    assert "per file" in text
