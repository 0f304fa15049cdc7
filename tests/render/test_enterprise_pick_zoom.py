"""The enterprise points hand the mouse to the town below them until the zoom where they stand apart
(layers/enterprises.py): the payload carries that zoom, the layer's script honours it."""

from __future__ import annotations

from dataclasses import replace

import folium

from geo.storage.builtin import load_layer
from layers import efficiency_classes, enterprises, eval_warnings


def test_the_payload_names_the_zoom_from_which_points_answer_a_click():
    firms = load_layer("enterprises")
    payload = enterprises.LAYER.payload(firms)
    assert payload["pick_zoom"] == 14 == enterprises.click_zoom(enterprises.LAYER, firms)
    # one industry's points are sparser: they answer sooner
    optical = firms[firms["industry"] == "光电通信"]
    assert enterprises.LAYER.payload(optical)["pick_zoom"] == 12


def test_the_efficiency_maps_points_answer_at_every_zoom():
    """On 亩均效益评价 the enterprise is what a click is for (its profile), at the opening zoom too."""
    firms = load_layer("enterprises")
    assert not efficiency_classes.LAYER.click_apart and not eval_warnings.LAYER.click_apart
    assert replace(enterprises.LAYER, click_apart=False).payload(firms)["pick_zoom"] == 0


def test_the_script_leaves_hover_and_click_to_the_town_below_that_zoom():
    firms = load_layer("enterprises").head(50)
    m = folium.Map()
    enterprises.LAYER.to_folium(firms).add_to(m)
    html = m.get_root().render()
    assert "this._map.getZoom() < this._d.pick_zoom) return -1;" in html
    # a click closes the hover tooltips (Leaflet opens a shape's on a click, and it stayed over the map)
    assert "if (tip && !tip.options.permanent) l.closeTooltip();" in html
