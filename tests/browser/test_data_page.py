"""Real Chromium on 数据管理: the export map and its snapshot, and journey 3 (a GBK Gauss-Kruger
shapefile without .prj and an Excel list in Gaode coordinates uploaded, previewed, saved)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures.browser import act_until, eval_in_maps
from tests.fixtures.upload import PARK_NAMES, gbk_gk_zip_without_prj

pytestmark = pytest.mark.browser


def _frames_eval(page, js: str) -> list:
    """``js`` evaluated in every streamlit-folium map frame of the page (frames mid-reload skipped)."""
    return [value for _, value in eval_in_maps(page, js)]


def test_browser_data_page_exports_and_snapshots(app_url, page):
    """Real Chromium: the export map draws, and its snapshot button downloads a PNG from inside the iframe."""
    from tests.fixtures.browser import save_screenshot, snapshot_download

    page.goto(f"{app_url}/data")
    page.get_by_text("导出地图与数据").wait_for(timeout=30_000)
    download = snapshot_download(page, min_paths=17)  # districts + 区镇, the default export layers
    assert download.suggested_filename.endswith("_截图.png")
    assert page.get_by_role("button", name="汇报图 PNG（A4 横向 300 dpi）").count() == 1
    assert [u for u in page.blocked_requests if "tile" not in u] == []
    save_screenshot(page, "data-page")


def test_browser_journey_upload_gbk_shapefile_and_gaode_excel(app_url, page, tmp_path):
    """Journey 3 in real Chromium: a GBK Gauss-Kruger shapefile without .prj and an Excel list with Gaode
    coordinates are uploaded, previewed in the right place, and saved."""
    from geo.spatial.crs import convert_coords
    from tests.fixtures.browser import save_screenshot

    zip_path = tmp_path / "园区边界.zip"
    zip_path.write_bytes(gbk_gk_zip_without_prj(tmp_path))
    page.goto(f"{app_url}/data")
    page.get_by_text("导入数据").wait_for(timeout=30_000)
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(zip_path))
    page.get_by_text("建议选择 EPSG:4549").wait_for(timeout=30_000)
    act_until(  # a click during a rerun can be lost
        page.get_by_role("button", name="读取并校验").click, page.get_by_text("预览（已转换为 WGS-84）")
    )
    centres_js = (
        "() => { const out = []; if (!window.map) return out; window.map.eachLayer(l => {"
        " if (l.feature && l.getBounds) { const c = l.getBounds().getCenter();"
        " out.push([l.feature.properties.name, c.lng, c.lat]); } }); return out; }"
    )
    centres = []
    for _ in range(60):  # the preview map, not the export map further down the page
        # the preview also draws the districts and 区镇 as reference: keep the uploaded features
        centres = [[f for f in c if f[0] in PARK_NAMES] for c in _frames_eval(page, centres_js)]
        centres = next((c for c in centres if c), [])
        if centres:
            break
        page.wait_for_timeout(500)
    assert sorted((n, round(x, 6), round(y, 6)) for n, x, y in centres) == sorted(
        [(PARK_NAMES[0], 120.645, 31.155), (PARK_NAMES[1], 120.655, 30.915), (PARK_NAMES[2], 120.485, 30.965)]
    )

    lon, lat = convert_coords([120.645, 120.655], [31.155, 30.915], src="wgs84", dst="gcj02")
    xlsx = tmp_path / "企业名单.xlsx"
    pd.DataFrame(
        {
            "企业名称": ["甲", "乙"],
            "用地面积": [30, 100],
            "税收": [600, 2800],
            "销售收入": [1.0, 2.0],
            "高德经度": lon,
            "高德纬度": lat,
        }
    ).to_excel(xlsx, index=False)
    page.goto(f"{app_url}/data")  # a fresh session, as a user starting the second upload
    page.get_by_text("导入数据").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    page.get_by_role("combobox", name="这份数据的用途").click()
    page.wait_for_timeout(500)
    page.get_by_role("option", name="企业（点位 + 用地、税收、销售等）").click()
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(xlsx))
    page.get_by_text("GCJ-02（高德、腾讯）").first.wait_for(timeout=30_000)
    act_until(  # a click during a rerun can be lost
        page.get_by_role("button", name="读取并校验").click, page.get_by_text("预览（已转换为 WGS-84）")
    )
    # The page holds two maps (the preview and the export map below it): read the one with points.
    points_js = (
        "() => { const out = []; if (!window.map) return out; window.map.eachLayer(l => {"
        " if (l.feature && l.getLatLng) { const c = l.getLatLng(); out.push([c.lng, c.lat]); }"
        # imported points are drawn on one canvas layer from compact arrays (layers/enterprises.py)
        " else if (l._d && l._d.x) { for (let i = 0; i < l._d.x.length; i++)"
        " out.push([l._d.x[i] / l._d.scale, l._d.y[i] / l._d.scale]); } }); return out; }"
    )
    points = []
    for _ in range(60):
        points = next((found for found in _frames_eval(page, points_js) if found), [])
        if points:
            break
        page.wait_for_timeout(500)
    assert sorted((round(x, 6), round(y, 6)) for x, y in points) == [(120.645, 31.155), (120.655, 30.915)]
    save_screenshot(page, "data-page-journey")


def test_browser_english_collection_downloads_the_assembled_table(app_url, page, tmp_path):
    """数据归集 on the English page in real Chromium at 1280x720: the register and four department
    files uploaded, matched, and “Download the assembled table (CSV)” gives a file with English
    headers (it once gave nothing: the English provenance had two columns called “Rows”); the
    XLSX beside it too."""
    import io

    import openpyxl

    from tests.fixtures.browser import download, save_screenshot
    from tests.fixtures.collect import CODES, write_files

    files = write_files(tmp_path / "in")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/data?lang=en")
    page.get_by_text("Data collection").first.wait_for(timeout=30_000)
    for key, path in (
        ("collect_register", files["register"]),
        *((f"collect_src_{d}", files[d]) for d in ("tax", "stats", "power", "land")),
    ):
        page.locator(f".st-key-{key} input[type='file']").set_input_files(str(path))
        page.locator(f".st-key-{key}").get_by_text(path.name).wait_for(timeout=30_000)
    run = page.get_by_role("button", name="Match and assemble")
    act_until(run.click, page.get_by_text("Register entries"))
    got = download(page, "Download the assembled table (CSV)")
    assert got.suggested_filename == "assembled.csv"
    table = pd.read_csv(got.path(), encoding="utf-8-sig", dtype=str).set_index("Enterprise ID")
    assert (
        table.loc[CODES["A"], "Land (mu)"] == "30"  # a whole number as one
        and table.loc[CODES["A"], "Above designated size"] == "Yes"
    )
    got = download(page, "Download the table with sources (XLSX)")
    book = openpyxl.load_workbook(io.BytesIO(got.path().read_bytes()))
    assert book.sheetnames == ["Assembled", "Provenance"]
    assert [c.value for c in book["Provenance"][1]][6:8] == ["Row numbers", "Number of rows"]
    page.get_by_text("Match report").first.scroll_into_view_if_needed()
    save_screenshot(page, "data-collect-en")
