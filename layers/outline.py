"""Outlines drawn to what the zoom shows: a polygon layer with many vertices (Suzhou's 9 districts
have 6,776) is drawn simplified on the atlas's live maps, and its full outline is fetched and put in
place once the map is zoomed in far enough to see the difference.

The simplified outline moves no line by more than ``tolerance_m`` (60 m for the districts: under a
pixel up to zoom 11), so the map's first draw takes a third of the districts' vertices and a third
of their bytes (170 kB of the city map's 234 kB script, which the browser receives, copies into the
map's frame, parses and projects before anything is drawn). The full outline travels as a payload
file (pages/common/cache.py writes it, serve.py serves it) while :data:`FULL_OUTLINE_STORE` is set;
exports, the offline HTML map and every other rendering keep the full outline inline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

import geopandas as gpd
import shapely
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import mapping

from geo.spatial.simplify import simplified_outlines

# While set (the live maps): stores a payload (JSON text) and returns the URL it is served at.
FULL_OUTLINE_STORE: ContextVar[Callable[[str], str | None] | None] = ContextVar(
    "atlas_full_outline_store", default=None
)


@dataclass(frozen=True)
class Outline:
    """How a polygon layer is drawn on the live maps: simplified to ``tolerance_m`` metres below
    zoom ``full_from_zoom``, its full outline from that zoom on."""

    tolerance_m: float
    full_from_zoom: int


class FullOutline(MacroElement):
    """Child of a ``folium.GeoJson`` drawn simplified: from zoom ``full_from_zoom`` on, fetches
    ``url`` (``{feature id: geometry}``) once and gives each polygon its full outline (the same
    layer: its tooltip, highlight and click stay)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var layer = {{ this._parent.get_name() }}, asked = false;
          function full() {
            var map = layer._map;
            if (asked || !map || map.getZoom() < {{ this.zoom }}) return;
            asked = true;
            fetch({{ this.url|tojson }}).then(function (r) {
              if (!r.ok) throw new Error('HTTP ' + r.status);
              return r.json();
            }).then(function (geoms) {
              layer.eachLayer(function (l) {
                var g = l.feature && geoms[l.feature.id];
                if (!g || !l.setLatLngs) return;
                var depth = g.type === 'MultiPolygon' || g.type === 'MultiLineString' ? 2 : 1;
                if (g.type === 'LineString') depth = 0;
                l.setLatLngs(L.GeoJSON.coordsToLatLngs(g.coordinates, depth));
              });
              layer.atlasFull = true;
            }).catch(function (e) { asked = false; console.error('atlas: full outline: ' + e); });
          }
          layer.on('add', function () { layer._map.on('zoomend', full); full(); });
          if (layer._map) { layer._map.on('zoomend', full); full(); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, url: str, full_from_zoom: int) -> None:
        super().__init__()
        self._name = "FullOutline"
        self.url = url
        self.zoom = int(full_from_zoom)


def outlines_for_live_map(
    data: gpd.GeoDataFrame, outline: Outline | None
) -> tuple[gpd.GeoDataFrame, FullOutline | None]:
    """``data`` (prepared for drawing: degrees, properties escaped) as a live map draws it: simplified
    with the element that fetches its full outline, when ``outline`` is given and a store is set
    (:data:`FULL_OUTLINE_STORE`); else ``data`` itself and None. ``data`` is not modified."""
    store = FULL_OUTLINE_STORE.get()
    if outline is None or store is None or not len(data):
        return data, None
    geoms = data.geometry.values
    ids = [str(i) for i in data.index]  # the ids GeoPandas gives the features (feature.id)
    full = {
        i: mapping(g)
        for i, g in zip(ids, geoms, strict=True)
        if not (shapely.is_missing(g) or shapely.is_empty(g))
    }
    url = store(json.dumps(full, separators=(",", ":")))
    if url is None:  # the file could not be written: the full outline stays inline
        return data, None
    simple = simplified_outlines(data, tolerance_m=outline.tolerance_m)
    return simple, FullOutline(url, outline.full_from_zoom)
