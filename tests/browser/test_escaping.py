"""Real Chromium: script payloads in imported layers' titles, file names, column names, values and
sources open no dialog on any page nor in the offline HTML export, and show as literal text."""

from __future__ import annotations

import html
import os
import shutil
import time

import geopandas as gpd
import pytest
import shapely

from geo import ingest
from layers.mapview import render_map
from layers.offline_html import standalone_html
from layers.user_layers import user_map_layers
from tests.fixtures import ROOT
from tests.fixtures.browser import act_until, map_frame, pick_option, save_screenshot, serve_app, wait_idle

pytestmark = pytest.mark.browser

# (the zones' also a Jinja expression and an unclosed comment, which the server once evaluated while
# drawing a map: layers/literal_text.py)
ZONES = "<script>alert(1)</script>{{ 7*7 }}{# x"
ENTS, OTHER = "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>"
PAYLOADS = (ZONES, ENTS, OTHER)
PAGES = ("", "corridors", "wujiang", "intensity", "efficiency", "data")

# Open every tooltip and popup of every layer on the frame's Leaflet map (their HTML is built on
# opening); return the texts of the layer switcher, legend, tooltips and popups.
_OPEN_ALL = """() => {
  const m = window.map || Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])
    .find(v => v && v.eachLayer);
  const empty = {opened: 0, switcher: [], legend: [], tooltips: [], popups: [], injected: 0, ready: false};
  if (!m) return empty;
  // a small map folds its legend: unfold it, as a user would, to read what it shows
  document.querySelectorAll('.atlas-legend.atlas-collapsed')
    .forEach(b => b.classList.remove('atlas-collapsed'));
  // imported layers sit unticked under a page's own layers (issue 23 item 3): tick them, as a user would
  document.querySelectorAll('.leaflet-control-layers-overlays input:not(:checked)').forEach(i => i.click());
  let opened = 0;
  m.eachLayer(l => {
    if (l._tooltip && l.feature === undefined) { l.openTooltip(); opened++; }
    if (l._popup && l.feature === undefined) { l.openPopup(); opened++; }
  });
  // textContent: a folded legend or switcher (small map) hides its rows
  const text = sel => Array.from(document.querySelectorAll(sel)).map(e => e.textContent);
  return {opened, switcher: text('.leaflet-control-layers-overlays label'), legend: text('.atlas-legend'),
          tooltips: text('.leaflet-tooltip'), popups: text('.leaflet-popup-content'), ready: true,
          injected: document.querySelectorAll('.leaflet-container img[src="x"],'
            + ' .leaflet-container svg[onload], .leaflet-control-layers script,'
            + ' .atlas-legend script').length};
}"""


def _payload_store(path) -> None:
    """Three imports, each carrying one payload in its file name, title, source, a column name and values."""
    zones = gpd.GeoDataFrame(
        {"name": [ZONES, f"{ZONES}乙"], ZONES: [ZONES, ZONES]},
        geometry=[shapely.box(120.60, 31.10, 120.64, 31.13), shapely.box(120.66, 31.10, 120.70, 31.13)],
        crs=4326,
    )
    ents = (
        f"企业名称,用地面积（亩）,税收（万元）,销售收入（万元）,所在区镇,{ENTS},经度,纬度\n"
        f'"{ENTS}",30,600,12000,"{ENTS}","{ENTS}",120.645,31.155\n'
        f'"{ENTS}乙",50,300,9000,盛泽镇,"{ENTS}",120.655,30.915\n'
    ).encode()
    other = gpd.GeoDataFrame(
        {OTHER: [OTHER, OTHER], "类别": [OTHER, "丙"]},
        geometry=[shapely.Point(120.62, 31.00), shapely.Point(120.58, 30.95)],
        crs=4326,
    )
    uploads = [
        (zones.to_json().encode(), f"{ZONES}.geojson", "zones", ZONES, "zones_x"),
        (ents, f"{ENTS}.csv", "enterprises", ENTS, "ents_x"),
        (other.to_json().encode(), f"{OTHER}.geojson", "other", OTHER, "other_x"),
    ]
    for data, filename, kind, payload, name in uploads:
        result = ingest.read_upload(data, filename, kind=kind)
        ingest.save_import(
            result, name=name, title=payload, source=payload, licence=payload, note=payload, path=path
        )


@pytest.fixture(scope="module")
def payload_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("payload")
    store = folder / "atlas.gpkg"
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", store)
    user = folder / "user" / "atlas_user.gpkg"
    _payload_store(user)
    env = {**os.environ, "ATLAS_GPKG": str(store), ingest.USER_GPKG_ENV: str(user)}
    with serve_app(env, folder / "streamlit.log") as url:
        yield url, user


def _watch_dialogs(pg) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    return dialogs


def _check_map(frame) -> dict:
    found = frame.evaluate(_OPEN_ALL)
    frame.page.wait_for_timeout(800)  # an <img src=x onerror> would have failed to load by now
    return found | {"injected": frame.evaluate(_OPEN_ALL)["injected"]}


def _check_maps(pg, *, expect: str | None = None, timeout_s: float = 90.0) -> list[dict]:
    """Open the tooltips and popups of every map frame that holds a map, once one does (and one
    names ``expect`` in its layer switcher); their findings."""
    deadline = time.time() + timeout_s
    while True:
        frames = [fr for fr in pg.frames if "streamlit_folium" in fr.url]
        try:
            found = [_check_map(fr) for fr in frames]
        except Exception:  # noqa: BLE001 - a frame may be replaced while we look
            found = []
        found = [f for f in found if f["ready"]]  # a map further down may load only when seen
        if found and (expect is None or any(expect in s for f in found for s in f["switcher"])):
            return found
        if time.time() > deadline:
            raise AssertionError(f"maps not ready within {timeout_s} s: {found}")
        pg.wait_for_timeout(500)


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_no_dialog_on_any_page_and_texts_shown_literally(payload_app, page, path):
    url, _ = payload_app
    dialogs = _watch_dialogs(page)
    page.goto(f"{url}/{path}")
    map_frame(page, min_paths=3, timeout_s=120)  # a loaded machine can take long
    wait_idle(page)
    if path == "efficiency":  # evaluate the imported zones and enterprises too
        for label, option in (("评价区域（边界）", ZONES), ("企业名单", ENTS)):
            page.get_by_role("combobox", name=label).click()
            page.get_by_role("option", name=option).click()
            wait_idle(page)
            assert page.get_by_role("combobox", name=label).input_value() == option
    if path == "data":  # the stored imports in the export map, next to the built-in layers
        box = page.get_by_role("combobox", name="要导出的图层（从下到上）")
        for _ in PAYLOADS:  # each time the first imported layer not chosen yet
            box.fill("alert(1)")
            page.wait_for_timeout(500)
            page.keyboard.press("Enter")
            wait_idle(page)
        page.keyboard.press("Escape")
        wait_idle(page)
    seen: dict[str, list[str]] = {"switcher": [], "legend": [], "tooltips": [], "popups": []}
    injected = 0
    # 亩均效益评价 draws the imported zones it evaluates (not the other imports): wait for them
    for found in _check_maps(page, expect=ZONES if path == "efficiency" else OTHER):
        injected += found["injected"]
        for key in seen:
            seen[key] += found[key]
    assert dialogs == []
    assert injected == 0  # no <img src=x>, <svg onload> or <script> element made from the texts
    drawn = " ".join(seen["switcher"] + seen["legend"] + seen["tooltips"])
    # every map page draws the imports with their titles; 亩均效益评价 the zones it evaluates
    for payload in (ZONES,) if path == "efficiency" else PAYLOADS:
        assert payload in " ".join(seen["switcher"]), (payload, seen["switcher"])
        assert payload in " ".join(seen["legend"]), (payload, seen["legend"])
    assert any(p in " ".join(seen["tooltips"]) for p in PAYLOADS), drawn
    save_screenshot(page, f"escaping-{path or 'overview'}")


def test_no_dialog_in_the_offline_html_export(payload_app, page):
    _, user = payload_app
    items = user_map_layers(path=user)
    assert [i.layer.title_zh for i in items] == list(PAYLOADS)
    doc = standalone_html(render_map(items), title=ENTS)
    dialogs = _watch_dialogs(page)
    page.set_content(doc, wait_until="load")
    page.wait_for_timeout(500)
    found = page.evaluate(_OPEN_ALL)
    page.wait_for_timeout(800)
    assert dialogs == []
    # The zones open their Leaflet tooltips; imported points are drawn on one canvas (no Leaflet
    # layer per point to open), their tooltip texts travel escaped in the canvas payload.
    assert found["opened"] >= 1 and found["injected"] == 0
    labels = " ".join(found["switcher"])
    assert all(p in labels for p in PAYLOADS)
    tips = " ".join(found["tooltips"])
    assert ZONES in tips  # the zone layer's column name (label) and values as text
    assert html.escape(ENTS) in doc and html.escape(OTHER) in doc
    assert page.title() == ENTS
    assert dialogs == []


def test_no_dialog_while_uploading_a_payload_file(payload_app, page):
    """The import flow itself: file name and column names in captions, the expander, the preview map."""
    url, _ = payload_app
    dialogs = _watch_dialogs(page)
    page.goto(f"{url}/data")
    page.get_by_text("导入数据").wait_for(timeout=90_000)
    wait_idle(page)
    pick_option(page, page.get_by_role("combobox", name="这份数据的用途"), "其他图层（原样导入）")
    wait_idle(page)
    csv = f'经度,纬度,{OTHER},"{ZONES}"\n120.645,31.155,"{ENTS}","{ZONES}"\n120.655,30.915,"{OTHER}",x\n'
    act_until(  # an upload that lands during a rerun can be lost: it is given again
        lambda: page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
            {"name": f"{ENTS}.csv", "mimeType": "text/csv", "buffer": csv.encode()}
        ),
        page.get_by_text(f"{ENTS}.csv · 4 列"),  # the expander label, as typed
    )
    # nothing in the table says which lon/lat frame: it is asked (issue 23 item 1)
    page.get_by_role("radiogroup", name="经纬度坐标框架").get_by_text("WGS-84（GPS、天地图、OSM）").click()
    act_until(  # a click during a rerun can be lost
        page.get_by_role("button", name="读取并校验").click, page.get_by_text("预览（已转换为 WGS-84）")
    )
    page.wait_for_timeout(2000)
    switchers = []
    for found in _check_maps(page, expect=f"{ENTS}.csv"):
        assert found["injected"] == 0
        switchers += found["switcher"]
    assert any(f"{ENTS}.csv" in s for s in switchers)  # the preview layer is named after the file
    save_screenshot(page, "escaping-upload")
    assert dialogs == []
