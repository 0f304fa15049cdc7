"""The city pages in a real browser at a small city (1,500 enterprises): a page load sends well under
5 MB, an anonymous visitor zoomed in gets no enterprise, a 查看企业 account gets the view's points."""

from __future__ import annotations

import os
import shutil

import pytest

from geo.storage.accounts import hash_password
from tests.fixtures import ROOT
from tests.fixtures.browser import act_until, pick_option, save_screenshot, serve_app, settle_map

pytestmark = pytest.mark.browser

N_SMALL = 1_500
PAYLOAD_MOST_B = 5_000_000
COUNT_JS = (
    "() => { const m = window.map; if (!m || !m.eachLayer) return -1; let k = 0;"
    " m.eachLayer(l => { if (l._px && l.count) k += l.count(); else if (l.getLatLngs || l.getLatLng) k++; });"
    " return k; }"
)
# [cell, x, y] of the cells with the most and the fewest enterprises among those whose centre lies
# well inside the map (clear of its controls and legend), x and y in the map's frame.
CELLS_JS = """() => { let g; window.map.eachLayer(l => { if (l._qx) g = l; });
  const size = window.map.getSize(), out = [];
  let most = -1, few = -1;
  for (let i = 0; i < g.count(); i++) {
    const c = window.map.layerPointToContainerPoint([(g._px[i] + g._qx[i]) / 2, (g._py[i] + g._qy[i]) / 2]);
    if (c.x < 120 || c.y < 120 || c.x > size.x - 120 || c.y > size.y - 120) continue;
    if (Math.abs(g._qx[i] - g._px[i]) < 6) continue;
    if (most < 0 || g._d.n[i] > g._d.n[most]) most = i;
    if (few < 0 || g._d.n[i] < g._d.n[few]) few = i;
  }
  for (const i of [most, few]) {
    const c = window.map.layerPointToContainerPoint([(g._px[i] + g._qx[i]) / 2, (g._py[i] + g._qy[i]) / 2]);
    out.push([i, c.x, c.y]);
  }
  return out; }"""
POINTS_JS = (
    "() => { let k = 0; window.map.eachLayer(l => { if (l instanceof L.CircleMarker) k++; }); return k; }"
)


@pytest.fixture(scope="module")
def city_url(tmp_path_factory):
    """The app with an anonymous default and a 查看企业 account (lisi), on a small city built ahead."""
    from data.city_build import city_gpkg

    home = tmp_path_factory.mktemp("city_app")
    city_gpkg(n_enterprises=N_SMALL, directory=home / "cache")
    secrets = home / "secrets.toml"
    secrets.write_text(
        '[atlas]\n[atlas.roles]\nlisi = "查看企业"\n[atlas.accounts]\n'
        f'lisi = "{hash_password("battery staple")}"\n',
        encoding="utf-8",
    )
    store = home / "atlas.gpkg"
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", store)
    env = {
        **os.environ,
        "ATLAS_GPKG": str(store),
        "ATLAS_USER_GPKG": str(home / "user" / "atlas_user.gpkg"),
        "ATLAS_CITY_N": str(N_SMALL),
        "ATLAS_CITY_CACHE": str(home / "cache"),
    }
    env.pop("ATLAS_DATABASE_URL", None)
    mp = pytest.MonkeyPatch()  # this process reads the same build for the expected figures
    mp.setenv("ATLAS_CITY_CACHE", str(home / "cache"))
    with serve_app(env, home / "streamlit.log", args=["--secrets.files", str(secrets)]) as url:
        yield url
    mp.undo()


def _counting(page) -> list[int]:
    received = [0]
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(0, received[0] + e["encodedDataLength"]))
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda p: received.__setitem__(0, received[0] + len(p))),
    )
    return received


def _map(page, *, least: int, timeout_s: float = 120.0):
    for _ in range(int(timeout_s * 2)):
        for fr in page.frames:
            if "streamlit_folium" not in fr.url:
                continue
            try:
                if fr.evaluate(COUNT_JS) >= least:
                    return fr
            except Exception:  # noqa: BLE001 - the frame may be reloading
                continue
        page.wait_for_timeout(500)
    raise AssertionError(f"no city map with {least}+ shapes")


def test_an_anonymous_city_page_load_is_small_and_holds_no_enterprise(city_url, page):
    from pages.city.data import city_data

    received = _counting(page)
    views = []
    page.on("response", lambda r: views.append(r.status) if "/_atlas/city/view" in r.url else None)
    page.goto(f"{city_url}/?data=city")
    data = city_data(n_enterprises=N_SMALL)  # the same build, read here for the expected figures
    frame = _map(page, least=9 + len(data.cells))
    page.get_by_text("各县级市（区）").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert received[0] < PAYLOAD_MOST_B, f"{received[0] / 1e6:.2f} MB"
    # The cells are one path on the map's canvas: hovering a cell shows its own count, and moving
    # on to another cell shows that one's (the most and the fewest enterprises in view).
    settle_map(frame)  # the controls drawn after the map move it: hover where it stays
    for i, x, y in frame.evaluate(CELLS_JS):
        tip = frame.locator(".leaflet-tooltip").filter(has_text=f"{int(data.cells['n'].iloc[i])}")
        for attempt in range(3):  # a rerun that moved the frame meanwhile: look where it is now
            box = frame.frame_element().bounding_box()
            page.mouse.move(box["x"] + x - 4, box["y"] + y - 4)
            page.mouse.move(box["x"] + x, box["y"] + y, steps=3)
            try:
                tip.wait_for(timeout=10_000)
                break
            except Exception:  # noqa: BLE001 - hovered before the frame settled: again
                if attempt == 2:
                    raise
                settle_map(frame)
        assert tip.inner_text().split() == ["企业数（家）", str(int(data.cells["n"].iloc[i]))]
    page.mouse.move(box["x"] - 100, box["y"] + 100)  # off the map: the tooltip goes
    frame.locator(".leaflet-tooltip").wait_for(state="detached", timeout=10_000)
    frame.evaluate("() => { window.map.setView([31.32, 120.62], 15); }")
    page.wait_for_timeout(3000)
    assert frame.evaluate(POINTS_JS) == 0  # no token, no request: cells only
    assert views == []
    html = frame.evaluate("() => document.documentElement.outerHTML")
    assert data.enterprises["name"].iloc[0] not in html
    save_screenshot(page, "city_overview_anonymous")


def test_a_firms_account_zoomed_in_gets_the_points_in_view(city_url, page):
    from pages.city.data import city_data

    data = city_data(n_enterprises=N_SMALL)
    page.goto(f"{city_url}/efficiency?data=city")
    _map(page, least=9 + 1)
    page.get_by_text("工作人员登录").click()
    page.get_by_label("用户名").fill("lisi")
    page.get_by_label("密码").fill("battery staple")
    page.get_by_role("button", name="登录").click()
    page.get_by_text("评分前").wait_for(timeout=60_000)  # the enterprise list, for 查看企业 only
    frame = _map(page, least=9 + 1)
    frame.evaluate("() => { window.map.setView([31.32, 120.62], 14); }")
    west, south, east, north = frame.evaluate(
        "() => { const b = window.map.getBounds();"
        " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    )
    inside = (data.lon >= west) & (data.lon <= east) & (data.lat >= south) & (data.lat <= north)
    expected = int(inside.sum())
    assert expected > 0
    page.wait_for_function(
        "([n]) => [...document.querySelectorAll('iframe')].some(f => { try { let k = 0;"
        " f.contentWindow.map.eachLayer(l => { if (l instanceof f.contentWindow.L.CircleMarker) k++; });"
        " return k === n; } catch (e) { return false; } })",
        arg=[expected],
        timeout=30_000,
    )
    save_screenshot(page, "city_efficiency_firms_zoomed")


def test_the_city_intensity_page_draws_its_cells_under_5_mb_and_parcels_zoomed_in(city_url, page):
    from geo.city_intensity import intensity_cells
    from pages.city.data import CELL_DEG, city_data

    page.set_viewport_size({"width": 1280, "height": 720})
    data = city_data(n_enterprises=N_SMALL)
    n_cells = len(intensity_cells(data.parcels.assign(below_minimum=False), cell_deg=CELL_DEG))
    received = _counting(page)
    page.goto(f"{city_url}/intensity?data=city")
    frame = _map(page, least=9 + n_cells)
    page.get_by_text("各开发区用地强度").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert received[0] < PAYLOAD_MOST_B, f"{received[0] / 1e6:.2f} MB"
    assert frame.evaluate(COUNT_JS) == 9 + n_cells  # the districts and the cells: no parcel sent
    save_screenshot(page, "city_intensity_anonymous")
    page.get_by_text("工作人员登录").click()
    page.get_by_label("用户名").fill("lisi")
    page.get_by_label("密码").fill("battery staple")
    page.get_by_role("button", name="登录").click()
    page.get_by_text("查看企业：lisi").wait_for(timeout=60_000)
    frame = _map(page, least=9 + n_cells)
    frame.evaluate("() => { window.map.setView([31.32, 120.62], 15); }")
    # Zoomed to 15 the view's parcels come, coloured by 容积率 class (filled polygons, not cells).
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => { try { let k = 0;"
        " f.contentWindow.map.eachLayer(l => { if (l instanceof f.contentWindow.L.Polygon"
        " && !(l instanceof f.contentWindow.L.Rectangle) && l.options.fillOpacity === 0.8) k++; });"
        " return k > 0; } catch (e) { return false; } })",
        timeout=30_000,
    )
    save_screenshot(page, "city_intensity_firms_zoomed")


# The lines a heading's text takes (its text, not the link icon beside it): the distinct tops of its
# text's boxes.
LINES_JS = (
    "(h) => { const r = document.createRange();"
    " r.selectNodeContents(h.querySelector('[data-heading-text]') || h);"
    " return new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size; }"
)


def test_a_districts_english_title_holds_one_line_at_1280(city_url, browser):
    """At 1280x720 in English the evaluation page's title for the longest district names (张家港市,
    虎丘区（苏州高新区）), in the city's evaluation and in the district's own, is one line and still says
    the scope and whose evaluation it is."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{city_url}/efficiency?data=city&lang=en")
        _map(page, least=9 + 1)
        scope = page.locator('[data-testid="stSelectbox"]').filter(has_text="Scope").first
        for option, title in (
            ("Zhangjiagang City (张家港市)", "Per-mu · Zhangjiagang (city-wide, synthetic)"),
            (
                "Huqiu District (Suzhou New District) (虎丘区（苏州高新区）)",
                "Per-mu · Huqiu (SND) (city-wide, synthetic)",
            ),
        ):
            pick_option(page, scope, option)
            heading = page.locator("h1").filter(has_text=title)
            heading.wait_for(timeout=60_000)
            assert heading.evaluate(LINES_JS) == 1, title
        act_until(
            lambda: page.get_by_text("This district's own evaluation").click(),
            page.locator("h1").filter(has_text="Per-mu · Huqiu (SND) (own basis, synthetic)"),
        )
        heading = page.locator("h1").filter(has_text="(own basis, synthetic)")
        assert heading.evaluate(LINES_JS) == 1
        save_screenshot(page, "city_efficiency_title_en_1280")
    finally:
        context.close()
