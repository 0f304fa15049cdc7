"""Real Chromium on 用地强度's parcel map: every demo parcel drawn on the canvas, the ones below their
control minimum marked, the legend with units, a click on a parcel opens its details."""

from __future__ import annotations

import pytest

from geo import parcels as P
from geo.store import load_layer
from tests.conftest import map_frame, save_screenshot
from tests.test_browser_planner import _click, _legend, _no_outside_requests, _settle

pytestmark = pytest.mark.browser

PARCELS_JS = (
    "() => { let o = null; window.map.eachLayer(l => { if (l.drawn && l.marked) o = [l.count(), l.drawn(), l.marked()]; });"
    " return o; }"
)


def _parcels(frame) -> list[int]:
    frame.wait_for_function(f"() => ({PARCELS_JS})() !== null", timeout=60_000)
    return frame.evaluate(PARCELS_JS)


@pytest.fixture(scope="module")
def demo():
    analysis = P.analyse_parcels(load_layer("parcels"), load_layer("enterprises"))
    return analysis.indicators


def test_all_demo_parcels_are_drawn_and_the_below_minimum_ones_marked(app_url, page, demo):
    page.goto(f"{app_url}/intensity")
    frame = map_frame(page, min_paths=9 + 8)
    count, drawn, marked = _parcels(frame)
    assert count == len(demo) >= 16_766
    assert drawn == count  # Wujiang in view: every parcel painted (tiny ones as 2-pixel squares)
    assert marked == int(demo["below_minimum"].sum()) > 0
    legend = _legend(frame)
    assert "宗地容积率分级（合成）" in legend and "低于控制下限（红框）" in legend and "闲置土地" in legend
    save_screenshot(page, "parcels_intensity")

    # The largest parcel below its minimum: zoom in, click it, its details open beside the map.
    below = demo[demo["below_minimum"]].sort_values("area_mu", ascending=False).iloc[0]
    centre = below.geometry.representative_point()
    frame.evaluate(
        "([lat, lon]) => window.map.setView([lat, lon], 16, {animate: false})", [centre.y, centre.x]
    )
    _settle(frame)
    _click(frame, centre.y, centre.x)
    page.get_by_role("heading", name=below["parcel_id"]).wait_for(timeout=20_000)
    _no_outside_requests(page)

    # Only the parcels below the minimum: the map redraws with exactly those, all marked.
    page.get_by_test_id("stSelectbox").filter(has_text="显示宗地").click()
    page.get_by_role("option", name="低于控制下限").click()
    frame = map_frame(page, min_paths=9 + 8)
    frame.wait_for_function(
        f"(n) => {{ const o = ({PARCELS_JS})(); return o !== null && o[0] === n; }}",
        arg=int(demo["below_minimum"].sum()),
        timeout=60_000,
    )
    count, _, _ = _parcels(frame)
    assert count == int(demo["below_minimum"].sum())
