"""Map layers: one module per layer, each defining ``LAYER``; this is the one explicit registry.

Layers import folium and geo, never streamlit. Pages only loop over ``REGISTRY``.
"""

from __future__ import annotations

from layers import districts, towns
from layers.base import Layer

# The built-in layers, in drawing order (bottom first).
BUILTIN: tuple[Layer, ...] = (
    districts.LAYER,
    towns.LAYER,
)
REGISTRY: dict[str, Layer] = {layer.name: layer for layer in BUILTIN}


def get(name: str) -> Layer:
    """The registered layer called ``name`` (KeyError if there is none)."""
    return REGISTRY[name]
