"""Map layers: one module per layer, each defining ``LAYER``; this is the one explicit registry.

Layers import folium and geo, never streamlit. Pages only loop over ``REGISTRY``.
"""

from __future__ import annotations

from layers import (
    carrier_parks,
    clusters,
    corridor_axes,
    corridor_belts,
    dev_zones,
    districts,
    enterprises,
    intensity,
    towns,
)
from layers.base import Layer
from layers.literal_text import keep_rendered_text_literal

# A map's data is never evaluated as a template on the server (layers/literal_text.py).
keep_rendered_text_literal()

# The built-in layers, in drawing order (bottom first).
BUILTIN: tuple[Layer, ...] = (
    districts.LAYER,
    towns.LAYER,
    corridor_belts.LAYER,
    corridor_axes.LAYER,
    dev_zones.LAYER,
    clusters.LAYER,
    intensity.LAYER,
    carrier_parks.LAYER,
    enterprises.LAYER,
)
REGISTRY: dict[str, Layer] = {layer.name: layer for layer in BUILTIN}
