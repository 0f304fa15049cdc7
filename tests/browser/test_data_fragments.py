"""数据管理's sections rerun on their own (st.fragment, issue 23 item 7): an export choice changed
reruns the export section alone; the import section, its preview map included, is neither run
again nor greyed meanwhile."""

from __future__ import annotations

import json
import time

import pytest
import shapely

from tests.fixtures.browser import act_until, eval_in_maps, pick_option, save_screenshot, wait_idle

pytestmark = pytest.mark.browser

# Counts every element of the import section (the section container holding its heading) that
# Streamlit marks stale (greyed: ``data-stale="true"``), and every stale element of the page.
WATCH_JS = """(heading) => {
  const h = [...document.querySelectorAll('h2, h3')].find(e => e.textContent.trim() === heading);
  const section = h.closest('[data-testid="stVerticalBlock"]');
  window.__stale = {section: 0, page: 0};
  new MutationObserver(records => {
    for (const r of records) {
      if (r.target.getAttribute('data-stale') !== 'true') continue;
      window.__stale.page += 1;
      if (section.contains(r.target)) window.__stale.section += 1;
    }
  }).observe(document.body, {attributes: true, attributeFilter: ['data-stale'], subtree: true});
  return section.querySelectorAll('[data-testid="stElementContainer"]').length;
}"""
# (features drawn, whether the uploaded park is among them: the preview map) of a map frame
LAYERS_JS = """() => { let n = 0, park = false; window.map.eachLayer(l => { if (l.feature) {
  n++; park = park || l.feature.properties.name === '片段园区'; } }); return [n, park]; }"""


def _feature_counts(pg) -> dict[str, int]:
    """The features drawn on the preview map and on the export map."""
    return {"preview" if park else "export": n for _, (n, park) in eval_in_maps(pg, LAYERS_JS)}


def _steady_counts(pg, *, changed_from: dict | None = None, timeout_s: float = 30.0) -> dict[str, int]:
    """The counts once two looks a second apart agree (and differ from ``changed_from``)."""
    deadline, last = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        now = _feature_counts(pg)
        if now == last and len(now) == 2 and now != changed_from:
            return now
        last = now
        pg.wait_for_timeout(1000)
    return last or {}


def test_an_export_choice_reruns_the_export_section_alone(app_url, browser, tmp_path):
    parks = tmp_path / "fragment_parks.geojson"
    feature = {
        "type": "Feature",
        "properties": {"name": "片段园区", "zone_id": "F1"},
        "geometry": shapely.geometry.mapping(shapely.box(120.62, 30.90, 120.68, 30.95)),
    }
    parks.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/data")
        pg.locator("h1").first.wait_for(timeout=90_000)
        wait_idle(pg)
        # the import section as a user leaves it: a file read, its preview map and the save form shown
        pg.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(parks))
        wait_idle(pg)
        preview = pg.get_by_text("预览（已转换为 WGS-84）")
        act_until(lambda: pg.get_by_role("button", name="读取并校验").click(timeout=90_000), preview)
        wait_idle(pg)
        before = _steady_counts(pg)
        assert set(before) == {"preview", "export"}, before
        watched = pg.evaluate(WATCH_JS, "导入数据")
        assert watched >= 10  # the section's uploader, report, preview map, save form...

        chosen = pg.get_by_role("combobox", name="要导出的图层（从下到上）").first
        # issue 23 item 11: the list opens on the first click (a scroll still running as the click
        # lands closes it: Streamlit closes an open list on any scroll, so the box is brought into view first)
        chosen.scroll_into_view_if_needed()
        pg.wait_for_timeout(800)
        chosen.click()
        pg.get_by_role("option", name="开发区（示意范围）").wait_for(timeout=5_000)
        pg.keyboard.press("Escape")
        pick_option(pg, chosen, "开发区（示意范围）")
        pg.keyboard.press("Escape")
        wait_idle(pg)
        after = _steady_counts(pg, changed_from=before)
        save_screenshot(pg, "data_fragment_export_1280")
        assert after["export"] > before["export"], (before, after)  # the export map drew the zones added
        assert after["preview"] == before["preview"]  # the preview map kept what it showed
        stale = pg.evaluate("() => window.__stale")
        assert stale["section"] == 0, stale  # nothing of the import section was rerun or greyed
        assert pg.get_by_text("预览（已转换为 WGS-84）").count() == 1
    finally:
        context.close()
