"""The parcel layer (layers/parcels.py): compact arrays that decode back to the parcels, classes,
the below-minimum mark, escaped text, a legend with units."""

from __future__ import annotations

import json

import folium
import numpy as np
import pytest

from geo.land import parcels as P
from layers import intensity
from layers import parcels as parcel_layer
from tests.fixtures.parcels import enterprises, parcels, zones

EVIL = '<img src=x onerror="alert(1)">'


@pytest.fixture
def shown():
    analysis = P.analyse_parcels(parcels(), enterprises(), zones=zones())
    frame = analysis.indicators.to_crs("EPSG:4326")
    frame["mark"] = frame["below_minimum"]
    frame["town"] = EVIL
    frame["reasons"] = ""
    frame["verdict"] = ""
    return frame


def _decode(payload: dict) -> list[list[np.ndarray]]:
    """Rings per feature, in degrees, from the delta-coded integers (as the browser does)."""
    xy = np.cumsum(np.asarray(payload["xy"], dtype=np.int64).reshape(-1, 2), axis=0) / payload["scale"]
    rings, start = [], 0
    for n in payload["vc"]:
        rings.append(xy[start : start + n])
        start += n
    out, r = [], 0
    for count in payload["rc"]:
        out.append(rings[r : r + count])
        r += count
    return out


def test_payload_decodes_to_the_parcels_within_a_metre(shown):
    classes = intensity.classify(shown["far"], scheme="quantiles", k=3)
    layer = parcel_layer.by_metric_class("far", classes)
    payload = parcel_layer.compact_payload(layer, shown)
    assert payload["id"] == list(shown["parcel_id"])
    decoded = _decode(payload)
    assert [len(f) for f in decoded] == [1] * 8
    assert [len(f[0]) for f in decoded] == [4] * 8  # rectangles: 4 vertices, closing one implied
    for rings, geom in zip(decoded, shown.geometry, strict=True):
        minx, miny, maxx, maxy = geom.bounds
        assert rings[0][:, 0].min() == pytest.approx(minx, abs=1e-5)
        assert rings[0][:, 1].max() == pytest.approx(maxy, abs=1e-5)
    # Below the minimum: P3 (FAR) and P4 (coverage) are marked, nothing else.
    marked = {pid for pid, m in zip(payload["id"], payload["m"], strict=True) if m}
    assert marked == {"P3", "P4"}
    # Idle P6 has no FAR: orange; the others carry class colours.
    colors = dict(zip(payload["id"], (payload["palette"][c] for c in payload["c"]), strict=True))
    assert colors["P6"] == parcel_layer.IDLE_COLOR
    assert colors["P3"] == parcel_layer.PARCEL_RAMP[0]  # lowest FAR, lowest class


def test_rendered_map_escapes_text_and_shows_the_legend_with_units(shown):
    classes = intensity.classify(shown["coverage_pct"], scheme="equal_interval", k=3)
    layer = parcel_layer.by_metric_class("coverage_pct", classes)
    m = folium.Map()
    layer.to_folium(shown).add_to(m)
    html = m.get_root().render()
    assert "AtlasParcels" in html
    assert EVIL not in html and "&lt;img src=x onerror=" in html
    legend = [e.label for e in layer.legend(shown, "zh")]
    assert legend[0].endswith("%") and "闲置土地" in legend
    marks = parcel_layer.below_minimum()
    assert [e.label for e in marks.legend(shown, "en")] == ["Below the control minimum (red outline)"]
    outline = parcel_layer.compact_payload(marks, shown[shown["mark"]].assign(mark=True))
    assert outline["fill"] is False and outline["m"] == [1, 1] and outline["id"] == ["P3", "P4"]
    assert layer.title("zh") == "宗地建筑系数分级（合成）"
    text = html.split("new window.AtlasParcels(")[1]
    payload, _ = json.JSONDecoder().raw_decode(text)
    assert len(payload["id"]) == 8


def test_tooltip_figures_have_the_panels_two_decimals_and_missing_text_a_dash(shown):
    """Walk 15 items 1 and 15: 容积率 0.96 showed as "1" beside its minimum "1" and 容积率低于控制下限;
    an empty 企业编号 or 低效认定理由 showed blank where the atlas writes "—"."""
    frame = shown.copy()
    frame["far"] = np.where(np.arange(len(frame)) == 0, 0.96, frame["far"])
    frame.loc[frame.index[1], "ent_id"] = None
    classes = intensity.classify(frame["far"], scheme="quantiles", k=3)
    cols = parcel_layer.by_metric_class("far", classes).payload(frame)["cols"]
    by_label = {c["label"]: c for c in cols}
    far = by_label["容积率"]
    assert far["d"] == 2 and far["v"][0] == 0.96  # drawn with exactly two decimals (0.96, 1.00)
    for label, i in (("企业编号", 1), ("低效认定理由", 0), ("履约结论", 0)):
        col = by_label[label]
        value = col["lookup"][col["v"][i]] if "lookup" in col else col["v"][i]
        assert value == "—", (label, value)
