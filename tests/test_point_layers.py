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
