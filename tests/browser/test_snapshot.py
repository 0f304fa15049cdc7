"""Real Chromium on the offline HTML export: its snapshot button saves the view as a PNG with
nothing fetched from elsewhere."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.image import imread

from tests.fixtures.exports import DISTRICT_COLOR, has_colour, map_items, sample_zones

pytestmark = pytest.mark.browser


def test_snapshot_button_saves_the_view_as_png_offline(page, tmp_path):
    from layers.mapview import render_map
    from layers.offline_html import standalone_html
    from layers.snapshot import SnapshotControl

    m = render_map(map_items(), lang="zh", fit_to=sample_zones())
    m.add_child(SnapshotControl(title="快照测试", when=pd.Timestamp("2026-01-02")))
    page.set_content(standalone_html(m, title="快照测试"))
    page.wait_for_selector(".atlas-snapshot a", timeout=20_000)
    page.wait_for_timeout(500)
    with page.expect_download() as download:
        page.click(".atlas-snapshot a")
    assert download.value.suggested_filename == "快照测试_截图.png"
    path = tmp_path / "snap.png"
    download.value.save_as(path)
    img = imread(path)
    size = page.evaluate(
        "() => { const r = document.querySelector('.folium-map').getBoundingClientRect();"
        " return [r.width, r.height]; }"
    )
    assert img.shape[:2] == (round(size[1] + 70) * 2, round(size[0]) * 2)  # title band + footer, at 2x
    assert has_colour(img, DISTRICT_COLOR, tol=0.06)  # the overlay was drawn
    assert (img[:, :, :3] < 0.97).any(axis=2).mean() > 0.02  # faces too (fill opacity 0.08), hole left white
    assert page.blocked_requests == []  # everything came from the file itself
