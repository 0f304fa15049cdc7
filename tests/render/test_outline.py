"""The districts on the live maps: drawn simplified, their full outline fetched from zoom 12
(layers/outline.py); everywhere else (exports, offline HTML) the full outline inline."""

from __future__ import annotations

import json
import re

import folium
import shapely

from geo.storage.builtin import load_layer
from layers import REGISTRY
from layers.outline import FULL_OUTLINE_STORE


def _script(store=None) -> str:
    frame = load_layer("districts")
    m = folium.Map(tiles=None)
    token = FULL_OUTLINE_STORE.set(store)
    try:
        REGISTRY["districts"].to_folium(frame).add_to(m)
    finally:
        FULL_OUTLINE_STORE.reset(token)
    return m.get_root().render()


def _vertices(page: str) -> int:
    data = re.search(r"_add\((\{.*\})\);", page).group(1)
    return sum(
        len(shapely.get_coordinates(shapely.geometry.shape(f["geometry"])))
        for f in json.loads(data)["features"]
    )


def test_live_map_draws_a_simplified_outline_and_fetches_the_full_one_from_zoom_12():
    frame = load_layer("districts")
    stored: list[str] = []

    def store(text: str) -> str:
        stored.append(text)
        return "/app/static/cache/outline.json"

    live, full = _script(store), _script()
    n_full = len(shapely.get_coordinates(frame.geometry.values))
    assert _vertices(full) == n_full  # 6,776 in the demo
    assert _vertices(live) < n_full / 2  # 60 m: about a third
    assert 'fetch("/app/static/cache/outline.json")' in live and "getZoom() < 12" in live
    assert "fetch(" not in full
    # the file holds every district's full outline under its feature id; tooltips stay as they were
    (payload,) = stored
    geoms = json.loads(payload)
    assert sorted(geoms) == sorted(str(i) for i in frame.index)
    assert sum(len(shapely.get_coordinates(shapely.geometry.shape(g))) for g in geoms.values()) == n_full
    assert live.count("bindTooltip") == full.count("bindTooltip") == 1


def test_when_the_file_cannot_be_written_the_full_outline_stays_inline():
    page = _script(lambda _text: None)
    assert "fetch(" not in page
    assert _vertices(page) == len(shapely.get_coordinates(load_layer("districts").geometry.values))
