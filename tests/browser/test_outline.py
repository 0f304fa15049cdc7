"""Real Chromium: the districts are drawn simplified at the overview's zoom, get their full outline
once zoomed in to 12 (layers/outline.py), and keep their tooltips through it."""

from __future__ import annotations

import pytest

from tests.fixtures.browser import map_features, map_frame

pytestmark = pytest.mark.browser

# vertices of every district drawn now (the 9 districts: the features with an adcode)
VERTICES_JS = (
    "() => { let n = 0; window.map.eachLayer(l => { if (l.feature && l.feature.properties.adcode"
    " && l.getLatLngs) n += l.getLatLngs().flat(3).length; }); return n; }"
)
FULL_JS = "() => { let f = false; window.map.eachLayer(l => { if (l.atlasFull) f = true; }); return f; }"


def test_districts_start_simplified_and_get_their_full_outline_from_zoom_12(app_url, page):
    page.goto(f"{app_url}/")
    frame = map_frame(page, min_paths=17)
    assert len(set(map_features(frame, "adcode"))) == 9
    first = frame.evaluate(VERTICES_JS)
    assert not frame.evaluate(FULL_JS)
    frame.evaluate("() => window.map.setView([31.30, 120.62], 12)")
    frame.wait_for_function(FULL_JS, timeout=20_000)
    full = frame.evaluate(VERTICES_JS)
    # Leaflet holds each ring without its closing vertex: 6,776 stored, 6,766 drawn
    assert full > 6_700 and first < full / 2
    # the same layer, its tooltip still bound (folium binds it to the districts' GeoJSON layer)
    assert (
        frame.evaluate(
            "() => { let k = 0; window.map.eachLayer(l => { if (l.getLayers && l.getTooltip && l.getTooltip()"
            " && l.getLayers().some(s => s.feature && s.feature.properties.adcode)) k++; }); return k; }"
        )
        == 1
    )
