"""Imported point layers: one canvas layer, grid-cell counts when they hold many points."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from layers import enterprises
from layers.enterprises import PointLayer, compact_payload, grid_counts
from layers.user_layers import user_map_layer

META = pd.Series(
    {
        "layer": "user_points",
        "title_zh": "导入点",
        "title_en": "Imported points",
        "accuracy": "real",
        "source": "test",
        "licence": "",
        "note": "",
    }
)


def _points(coords, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=[Point(x, y) for x, y in coords], crs="EPSG:4326")


def test_grid_counts_by_hand():
    # Cells of 0.01°: (120.601, 31.001), (120.602, 31.004), (120.609, 31.009) share one cell;
    # (120.615, 31.001) and (120.618, 31.003) share the next one east.
    frame = _points(
        [(120.601, 31.001), (120.602, 31.004), (120.609, 31.009), (120.615, 31.001), (120.618, 31.003)]
    )
    cells = grid_counts(frame, cell_deg=0.01)
    assert list(cells["n_points"]) == [3, 2]
    assert cells.geometry.x.iloc[0] == pytest.approx((120.601 + 120.602 + 120.609) / 3)
    assert cells.geometry.y.iloc[1] == pytest.approx((31.001 + 31.003) / 2)
    assert len(frame) == 5  # the input is untouched


def test_imported_points_are_one_canvas_layer_with_every_point():
    frame = _points([(120.60, 31.00), (120.70, 31.10)], name=["甲厂", "<b>乙厂</b>"], land_mu=[10.0, 2.5])
    item = user_map_layer(META, frame)
    assert isinstance(item.layer, PointLayer)
    payload = compact_payload(item.layer, frame)  # no ent_id, no industry column: still drawn
    assert payload["x"] == [12060000, 12070000] and payload["id"] == ["", ""]
    names = [c for c in payload["cols"] if "lookup" in c]
    assert names[0]["lookup"] == ["甲厂", "&lt;b&gt;乙厂&lt;/b&gt;"]  # escaped


def test_many_imported_points_travel_as_grid_cells(monkeypatch):
    monkeypatch.setattr(enterprises, "GRID_ABOVE", 3)
    frame = _points([(120.601, 31.001), (120.602, 31.004), (120.609, 31.009), (120.615, 31.001)])
    item = user_map_layer(META, frame)
    group = item.layer.to_folium(frame)
    element = next(iter(group._children.values()))
    payload = json.loads(element.payload)
    assert len(payload["x"]) == 2  # two occupied cells instead of four points
    assert payload["cols"][0]["v"] == ["3", "1"]  # points per cell, shown in the tooltip
    legend = item.layer.legend(frame, "zh")
    assert [e.label for e in legend][0] == "1–9 个/1 km 网格" and len(legend) == 4
    assert len(item.frame) == 4  # downloads still get every point


def _many_points(n: int) -> gpd.GeoDataFrame:
    return _points([(120.5 + i * 1e-4, 31.0 + (i % 97) * 1e-4) for i in range(n)])


def test_live_maps_fetch_big_payloads_from_files_and_exports_keep_them_inline(tmp_path, monkeypatch):
    from layers import canvas
    from pages.common import cache, payloads

    monkeypatch.setattr(payloads, "PAYLOAD_DIR", tmp_path / "cache")
    layer = PointLayer(
        name="pts",
        source="pts",
        title_zh="点",
        title_en="Points",
        group="导入",
        kind="point",
        color="#123456",
    )
    big, small = _many_points(3_000), _many_points(20)
    with payloads.served_payloads():
        small_script = cache.render_groups([layer.to_folium(small)])
        big_script = cache.render_groups([layer.to_folium(big)])
    files = list((tmp_path / "cache").glob("*.json"))
    assert len(files) == 1  # the same payload twice: one file, named by its content
    assert json.loads(files[0].read_text(encoding="utf-8")) == layer.payload(big)
    url = f"{payloads.PAYLOAD_URL}/{files[0].name}"
    assert f'AtlasCanvas.lazy(window.AtlasPoints, "{url}")' in big_script
    assert '"x":[' not in big_script  # no arrays in the script
    assert "AtlasCanvas.lazy(window" not in small_script and '"x":[' in small_script  # small: inline
    # Outside (exports, offline HTML): inline.
    assert canvas.PAYLOAD_STORE.get() is None
    assert '"x":[' in cache.render_groups([layer.to_folium(big)])
    # A file removed (by a clean-up) is written again when a map that fetches it is drawn.
    files[0].unlink()
    payloads.ensure_files(big_script)
    assert json.loads(files[0].read_text(encoding="utf-8")) == layer.payload(big)


def test_payload_files_are_cleaned_up_oldest_first_beyond_the_bound(tmp_path, monkeypatch):
    import os
    import time

    from pages.common import payloads

    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(payloads, "PAYLOAD_DIR", folder)
    monkeypatch.setattr(payloads, "PAYLOAD_DIR_MAX_BYTES", 2_500)
    now = time.time()
    for i, age_h in enumerate([72, 48, 30, 2]):  # 1,000 bytes each, 4,000 in all
        f = folder / f"{i:032x}.json"
        f.write_text("x" * 1_000)
        os.utime(f, (now - age_h * 3600, now - age_h * 3600))
    payloads.clean_up()
    # Down to the bound, oldest first; a file used in the last day is never removed.
    assert sorted(f.name[-6:] for f in folder.glob("*.json")) == ["2.json", "3.json"]
    monkeypatch.setattr(payloads, "PAYLOAD_DIR_MAX_BYTES", 0)
    payloads.clean_up()
    assert sorted(f.name[-6:] for f in folder.glob("*.json")) == ["3.json"]
