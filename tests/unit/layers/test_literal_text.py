"""A map's data is drawn as text, never evaluated as a Jinja template on the server (folium and
branca compiled each element's rendered text again: layers/literal_text.py)."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil

import branca.element
import folium
import folium.plugins
import pytest

from layers import REGISTRY
from layers.base import Provenance
from layers.literal_text import RENDERS
from layers.mapview import MapLayer, render_map
from layers.offline_html import standalone_html
from pages.common.cache import render_parts
from tests.fixtures.exports import sample_zones

# A firm's or zone's name as a file may carry it: an expression that runs Python when evaluated
# (it gives this process's id), an unclosed comment and an unclosed statement (the map failed).
RUNS_PYTHON = "{{ cycler.__init__.__globals__.os.getpid() }}"
UNCLOSED = "Qidu {# note {% if"


def _map():
    zones = sample_zones().assign(adcode=["320509", "320509"], area_km2=[96.2, 0.3])
    zones["name"] = [RUNS_PYTHON, UNCLOSED]
    return render_map([MapLayer(REGISTRY["districts"], zones, Provenance("schematic", "测试", "本项目"))])


@pytest.mark.parametrize("path", ["page", "offline html"])
def test_a_names_template_syntax_is_drawn_as_written_and_never_run(path):
    drawn = render_parts(_map(), key="k").script if path == "page" else standalone_html(_map(), title="t")
    assert RUNS_PYTHON in drawn and UNCLOSED in drawn
    assert f'"name": "{os.getpid()}"' not in drawn


def test_every_render_method_that_adds_its_text_as_a_template_is_kept_literal():
    modules = [
        branca.element,
        folium.map,
        folium.features,
        folium.elements,
        folium.folium,
        folium.raster_layers,
    ]
    modules += [
        importlib.import_module(f"folium.plugins.{m.name}")
        for m in pkgutil.iter_modules(folium.plugins.__path__)
    ]
    found = {
        (cls, "render")
        for module in modules
        for cls in vars(module).values()
        if inspect.isclass(cls)
        and cls.__module__ == module.__name__
        and "render" in vars(cls)
        and "Element" in vars(cls)["render"].__code__.co_names
    }
    assert found == set(RENDERS)
    assert all(getattr(vars(cls)[name], "keeps_text_literal", False) for cls, name in RENDERS)
