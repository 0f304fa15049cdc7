"""The 亩均 map's warnings look the same in the briefing PNG as on screen (the walk: a bold purple ring
on screen, a faint lilac halo on paper): a warned enterprise's purple point is drawn under its class
point as many times larger as on screen (radius 4.5 against 2.5), in the legend too; a map of a few
firms draws them larger with a dark edge, the ring round them (walk 14)."""

from __future__ import annotations

import io

import geopandas as gpd
import numpy as np
from PIL import Image
from shapely.geometry import Point

from geo.evaluation import evaluate
from geo.evaluation.metrics import assign_zones
from geo.exports.briefing import png_bytes
from geo.storage.provenance import Provenance
from layers import efficiency_classes, eval_warnings
from layers.mapview import MapLayer, render_map
from tests.fixtures.evaluation import enterprises as fixture_enterprises
from tests.fixtures.evaluation import zones as fixture_zones

PURPLE = np.array([0x7B, 0x32, 0x94])


def _purple_pixels(png: bytes) -> int:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return int((np.abs(rgb - PURPLE).sum(axis=2) < 40).sum())


def test_the_warnings_legend_and_layer_say_one_ring_size():
    legend = eval_warnings.LAYER.legend(gpd.GeoDataFrame(geometry=[], crs=4326), "en")
    assert legend[0].point_scale == eval_warnings.LAYER.radius / efficiency_classes.LAYER.radius == 1.8


def test_the_png_draws_the_warning_as_a_ring_around_the_class_point():
    points = [Point(120.60 + 0.01 * i, 30.90) for i in range(5)]
    classes = gpd.GeoDataFrame({"eval_class": ["D"] * 5}, geometry=points, crs=4326)
    warned = gpd.GeoDataFrame({"warning": ["x"] * 5}, geometry=points, crs=4326)
    prov = Provenance("synthetic", "test")
    frames = {"warnings": warned, "classes": classes}
    colors = {"warnings": [eval_warnings.WARNING_COLOR] * 5, "classes": ["#d73027"] * 5}

    def purple(legend_scale: float) -> int:
        entry = eval_warnings.LAYER.legend(warned, "en")[0]
        legend = {"warnings": [type(entry)(entry.label, entry.color, "point", point_scale=legend_scale)]}
        png = png_bytes("t", frames, legend, dict.fromkeys(frames, prov), colors=colors, paper="screen")
        return _purple_pixels(png)

    flat, ring = purple(1.0), purple(1.8)
    # each of the five rings and the legend's larger swatch: far more purple than a hidden point
    assert ring > flat * 2 and ring - flat > 200, (flat, ring)


def test_a_few_firms_are_drawn_large_with_a_dark_edge_and_their_warnings_ring_them():
    """Walk 14 item 9: a user's 11 firms were 5 px pale green and orange dots on light grey (two pairs
    in a park hard to tell apart), the ring sized for those small points. A map of a few firms draws
    them larger with a dark edge (a point over another keeps its outline), the warnings' ring round
    them; Wujiang's 16,766 keep their small points, which would otherwise cover one another."""
    ents = fixture_enterprises()
    res = evaluate(ents, zone=assign_zones(ents, fixture_zones()).zone).enterprises
    frame = efficiency_classes.for_map(res[res.geometry.notna()], "zh")
    few = efficiency_classes.for_count(efficiency_classes.LAYER, len(frame))
    payload = few.payload(frame)
    assert payload["radius"] >= 5
    red, green, blue = (int(payload["stroke"][i : i + 2], 16) for i in (1, 3, 5))
    assert max(red, green, blue) < 0x60  # dark against the light grey ground and the pale classes
    html = render_map([MapLayer(few, frame, Provenance("synthetic", "测试"))], lang="zh").get_root().render()
    assert "ctx.stroke()" in html
    ring = eval_warnings.around(few)
    assert ring.radius == payload["radius"] * eval_warnings.RING_SCALE
    many = efficiency_classes.for_count(efficiency_classes.LAYER, 16_766)
    assert many.radius == 2.5 and "stroke" not in many.payload(frame)
    assert eval_warnings.around(many).radius == eval_warnings.LAYER.radius
