"""The whole city on one map, drawn by zoom: enterprises counted per grid cell at city zoom (what
every role sees), and, zoomed in, the enterprise points and their parcels inside the view, which
the browser asks serve.py's view endpoint for (``/_atlas/city/view``; only with the session's
token, which only roles that may see enterprise rows are given: pages/_city.py).

The page thus sends a few thousand cells (tens of KB) whatever the number of enterprises, and a
view's request returns at most a bounded number of features (geo/city_view.py finds them).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.messages import Lang, t
from geo.spatial.crs import wgs84_to_gcj02
from layers.base import Layer, LegendEntry
from layers.canvas import to_js
from layers.enterprise_counts import COUNT_RAMP

VIEW_PATH = "_atlas/city/view"  # below the server's base (serve.py answers it)
TOKEN_GLOBAL = "__atlasCityToken"  # the frame's global holding the session's token, if any
POINTS_ZOOM = 13  # from this zoom the view's enterprise points are fetched
PARCELS_ZOOM = 15  # and from this one their parcels too
CLASS_COLORS = {"A": "#1a9850", "B": "#91cf60", "C": "#fc8d59", "D": "#d73027", "T": "#999999"}
POINT_COLOR = "#2c7fb8"
PARCEL_COLOR = "#8c6d31"
MARK_COLOR = "#e31a1c"  # outline of a parcel below its control minimum (as layers/parcels.py)

# The cells as ONE path of Leaflet's canvas renderer (the map's: preferCanvas), not a rectangle
# each: 2,164 L.rectangle with their tooltips took the browser some 300 ms to make. The path
# paints every cell of a colour with one fill and one stroke, tells the renderer which cell is under
# the mouse (so the layers drawn above it, the view's points and parcels, still come first), and
# shows that cell's tooltip, sticky as the rectangles' were. ``count()`` and ``_px`` as the other
# one-canvas layers (layers/canvas.py) have them, for the tests and the bench that count shapes.
CELLS_JS = """
  if (!window.AtlasCells) {
    window.AtlasCells = L.Path.extend({
      options: {fillOpacity: 0.65, opacity: 1, weight: 0.3},
      initialize: function (d, tip) {
        this._d = d; this._n = d.n.length; this._hit = -1;
        var ll = [];
        for (var i = 0; i < this._n; i++) ll.push([d.s[i], d.w[i]], [d.s[i] + d.size, d.w[i] + d.size]);
        this._bounds = L.latLngBounds(ll);
        function content(layer) { layer._shown = layer._hit; return tip(layer._hit); }
        this.bindTooltip(content, {sticky: true});
        this.on('mousemove', function () {  // another cell: its figures (the content is re-read)
          if (this._hit >= 0 && this._hit !== this._shown && this.isTooltipOpen()) this.getTooltip().update();
        });
      },
      beforeAdd: function (map) {
        if (!map.options.preferCanvas && !this.options.renderer) this.options.renderer = L.canvas();
        L.Path.prototype.beforeAdd.call(this, map);
      },
      count: function () { return this._n; },
      getBounds: function () { return this._bounds; },
      _project: function () {
        var map = this._map, d = this._d, n = this._n, z = d.size;
        var x0 = this._px = new Float64Array(n), y0 = this._py = new Float64Array(n);
        var x1 = this._qx = new Float64Array(n), y1 = this._qy = new Float64Array(n);
        for (var i = 0; i < n; i++) {
          var a = map.latLngToLayerPoint([d.s[i], d.w[i]]);
          var b = map.latLngToLayerPoint([d.s[i] + z, d.w[i] + z]);
          x0[i] = a.x; y1[i] = a.y; x1[i] = b.x; y0[i] = b.y;
        }
        var w = this._clickTolerance(), b = this._bounds;
        this._pxBounds = L.bounds(map.latLngToLayerPoint(b.getNorthWest()).subtract([w, w]),
                                  map.latLngToLayerPoint(b.getSouthEast()).add([w, w]));
      },
      _update: function () { if (this._map) this._updatePath(); },
      _updatePath: function () {
        var r = this._renderer, d = this._d, o = this.options;
        if (!r._drawing || !this._n) return;
        var ctx = r._ctx, x0 = this._px, y0 = this._py, x1 = this._qx, y1 = this._qy;
        ctx.lineJoin = 'round'; ctx.lineWidth = o.weight;
        for (var c = 0; c < d.pal.length; c++) {
          ctx.beginPath();
          for (var i = 0; i < this._n; i++) {
            if (d.c[i] === c) ctx.rect(x0[i], y0[i], x1[i] - x0[i], y1[i] - y0[i]);
          }
          ctx.globalAlpha = o.fillOpacity; ctx.fillStyle = d.pal[c]; ctx.fill();
          ctx.globalAlpha = o.opacity; ctx.strokeStyle = d.pal[c]; ctx.stroke();
        }
        ctx.globalAlpha = 1;
      },
      // the renderer asks every layer on each (throttled) mouse move: the cell under it is kept
      _containsPoint: function (p) {
        var x0 = this._px, y0 = this._py, x1 = this._qx, y1 = this._qy;
        for (var i = this._n - 1; i >= 0; i--) {
          if (p.x >= x0[i] && p.x <= x1[i] && p.y >= y0[i] && p.y <= y1[i]) { this._hit = i; return true; }
        }
        this._hit = -1;
        return false;
      }
    });
  }
"""

_SCRIPT = (
    """
{% macro script(this, kwargs) %}
(function () {
"""
    + CELLS_JS
    + """
  var group = {{ this._parent.get_name() }}, d = {{ this.payload }};
  var loc = d.lang === 'en' ? 'en-US' : 'zh-CN';
  function esc(v) { return v === null || v === undefined ? '—' : v; }
  function num(n) { return Number(n).toLocaleString(loc); }
  function row(k, v) {
    return '<tr><th style="text-align:left;padding-right:6px">' + k + '</th><td>' + esc(v) + '</td></tr>';
  }
  function tip(i) {
    var rows = row(d.label, d.n[i]);
    for (var k = 0; k < d.groups.length; k++) rows += row(d.groups[k].label, d.groups[k].v[i]);
    return '<table>' + rows + '</table>';
  }
  var cells = new window.AtlasCells(d, tip);
  group.addLayer(cells);
  var live = L.layerGroup(), seq = 0, hint = null;
  group.addLayer(live);
  function say(text) {
    var map = group._map;
    if (!text) { if (hint) hint.style.display = 'none'; return; }
    if (!hint && map) {
      hint = L.DomUtil.create('div', 'atlas-city-hint', map.getContainer());
      hint.style.cssText = 'position:absolute;top:10px;left:50%;transform:translateX(-50%);z-index:1000;' +
        'background:rgba(255,255,255,0.92);padding:4px 10px;border-radius:4px;font:13px sans-serif;' +
        'box-shadow:0 1px 4px rgba(0,0,0,0.3);pointer-events:none';
    }
    if (hint) { hint.textContent = text; hint.style.display = 'block'; }
  }
  function token() { return window[d.tokenName] || ''; }
  function base() {
    try {
      var b = window.parent.__streamlit && window.parent.__streamlit.BACKEND_BASE_URL;
      if (b) return b.replace(/\\/?$/, '/');
    } catch (e) {}
    return location.origin + '/';
  }
  function dim(on) { cells.setStyle({fillOpacity: on ? 0.15 : 0.65, opacity: on ? 0.3 : 1}); }
  function drawPoints(p) {
    for (var i = 0; i < p.x.length; i++) {
      var col = p.cls ? (d.classColors[p.cls[i]] || d.pointColor) : d.pointColor, rows = '';
      for (var k = 0; k < p.cols.length; k++) rows += row(p.cols[k].label, p.cols[k].v[i]);
      var style = {radius: 4, weight: 0.6, color: '#333', fillColor: col, fillOpacity: 0.9};
      L.circleMarker([p.y[i], p.x[i]], style)
        .bindTooltip('<table>' + rows + '</table>').addTo(live);
    }
  }
  function drawParcels(p) {
    for (var i = 0; i < p.rings.length; i++) {
      var ring = p.rings[i], ll = [], rows = '';
      for (var j = 0; j + 1 < ring.length; j += 2) ll.push([ring[j + 1], ring[j]]);
      for (var k = 0; k < p.cols.length; k++) rows += row(p.cols[k].label, p.cols[k].v[i]);
      var below = p.below && p.below[i];
      var style = p.fill
        ? {color: below ? d.markColor : '#555555', weight: below ? 2 : 0.5,
           fillColor: p.fill[i], fillOpacity: 0.8}
        : {color: d.parcelColor, weight: 1, fillOpacity: 0.15};
      L.polygon(ll, style)
        .bindTooltip('<table>' + rows + '</table>').addTo(live);
    }
  }
  function refresh() {
    var map = group._map;
    if (!map) return;
    var z = map.getZoom(), tok = token(), my = ++seq;
    var from = d.points ? d.pointsZoom : d.parcelsZoom;
    if (!tok || z < from) { live.clearLayers(); dim(false); say(''); return; }
    var b = map.getBounds();
    var box = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map(function (v) { return v.toFixed(5); }).join(',');
    var kinds = (z >= d.parcelsZoom ? ['parcels'] : []).concat(d.points ? ['points'] : []);
    Promise.all(kinds.map(function (k) {
      var u = base() + d.path + '?kind=' + k + '&bbox=' + box + '&data=' + encodeURIComponent(d.data) +
              '&scope=' + encodeURIComponent(d.scope) + '&lang=' + d.lang + (d.gcj ? '&gcj=1' : '') +
              (d.parcelStyle ? '&style=' + d.parcelStyle : '');
      return fetch(u, {headers: {'X-Atlas-Token': tok}, credentials: 'same-origin'})
        .then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
    })).then(function (got) {
      if (my !== seq) return;
      live.clearLayers();
      var any = false, more = [];
      for (var k = 0; k < kinds.length; k++) {
        if (!got[k]) continue;
        if (got[k].more) { more.push(d.hint[kinds[k]].replace('{n}', num(got[k].n))); continue; }
        any = true;
        if (kinds[k] === 'points') drawPoints(got[k]); else drawParcels(got[k]);
      }
      dim(any);
      say(more.join(' · '));
    });
  }
  function attach(map) { map.on('moveend', refresh); refresh(); }
  if (group._map) attach(group._map);
  group.on('add', function () { attach(group._map); });
  group.on('remove', function (e) { if (e.target._map) e.target._map.off('moveend', refresh); });
  window.__atlasCityView = {refresh: refresh, live: live, hint: function () {
    return hint && hint.style.display !== 'none' ? hint.textContent : '';
  }};
})();
{% endmacro %}
"""
)


class _CityViewElement(MacroElement):
    _template = Template(_SCRIPT)

    def __init__(self, payload: str) -> None:
        super().__init__()
        self._name = "CityView"
        self.payload = payload


def _figures(values: pd.Series) -> list:
    """Whole numbers as they are, other figures to one decimal, missing ones as None."""
    v = pd.to_numeric(values, errors="coerce")
    if pd.api.types.is_integer_dtype(v):
        return v.astype(int).tolist()
    return [None if not np.isfinite(x) else round(float(x), 1) for x in v.to_numpy(dtype="float64")]


def breaks(counts: np.ndarray) -> np.ndarray:
    """Upper bounds of up to five classes of cell counts (quantiles; a count above the last goes
    into the last class)."""
    counts = np.asarray(counts, dtype="float64")
    if counts.size == 0:
        return np.array([0.0])
    return np.unique(np.ceil(np.quantile(counts, np.linspace(0, 1, len(COUNT_RAMP) + 1)[1:])))


@dataclass(frozen=True)
class CityViewLayer(Layer):
    """Cells (``west``, ``south``, ``n`` and optional ``n_<group>`` columns of
    :func:`geo.city_view.grid_counts`) of ``cell_deg`` degrees, and the zoomed-in view of ``data``
    (the data set's key the endpoint knows) when the session holds a token."""

    cell_deg: float = 0.02
    data_key: str = ""
    scope: str = ""  # the evaluation scope whose classes colour the points ("" for none)
    group_labels: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)  # (column, zh, en)
    points: bool = True  # zoomed in, fetch the enterprise points (else only parcels, from PARCELS_ZOOM)
    parcel_style: str = ""  # how the endpoint styles the parcels ("" plain, "intensity")
    count_key: str = "city.cell_count"  # the string naming a cell's ``n``

    def cell_colors(self, gdf: gpd.GeoDataFrame | pd.DataFrame) -> tuple[np.ndarray, list[str]]:
        """Each cell's index into the palette, and the palette (here: counts by quantile)."""
        counts = gdf["n"].to_numpy(dtype="int64")
        bounds = breaks(counts)
        return np.minimum(np.searchsorted(bounds, counts, side="left"), len(bounds) - 1), list(COUNT_RAMP)

    def legend(self, gdf: gpd.GeoDataFrame | pd.DataFrame, lang: Lang) -> list[LegendEntry]:
        bounds = breaks(gdf["n"].to_numpy()) if len(gdf) else np.array([0.0])
        rows, low = [], 1
        for color, high in zip(COUNT_RAMP, bounds, strict=False):
            label = t("layer.count_range", lang).format(low=f"{low:,}", high=f"{int(high):,}")
            rows.append(LegendEntry(label, color, "fill", 0.65))
            low = int(high) + 1
        rows.append(LegendEntry(t("city.zoom_note", lang), POINT_COLOR, "point", 0.9))
        return rows

    def to_folium(
        self, gdf: gpd.GeoDataFrame | pd.DataFrame, *, lang: Lang = "zh", gcj02: bool = False
    ) -> folium.FeatureGroup:
        counts = gdf["n"].to_numpy(dtype="int64")
        color_idx, palette = self.cell_colors(gdf)
        west = gdf["west"].to_numpy(dtype="float64")
        south = gdf["south"].to_numpy(dtype="float64")
        if gcj02:  # the cell's corner moved as a point: cells are a few km, the shift a few hundred m
            west, south = wgs84_to_gcj02(west, south)
        payload = {
            "w": np.round(west, 5).tolist(),
            "s": np.round(south, 5).tolist(),
            "n": counts.tolist(),
            "c": color_idx.astype(int).tolist(),
            "pal": palette,
            "size": self.cell_deg,
            "label": html.escape(t(self.count_key, lang)),
            "groups": [
                {"label": html.escape(en if lang == "en" else zh), "v": _figures(gdf[col])}
                for col, zh, en in self.group_labels
                if col in gdf.columns
            ],
            "points": self.points,
            "parcelStyle": self.parcel_style,
            "hint": {k: html.escape(t(f"city.zoom_hint.{k}", lang)) for k in ("points", "parcels")},
            "markColor": MARK_COLOR,
            "path": VIEW_PATH,
            "data": self.data_key,
            "scope": self.scope,
            "lang": "en" if lang == "en" else "zh",
            "tokenName": TOKEN_GLOBAL,
            "pointsZoom": POINTS_ZOOM,
            "parcelsZoom": PARCELS_ZOOM,
            "gcj": bool(gcj02),
            "classColors": CLASS_COLORS,
            "pointColor": POINT_COLOR,
            "parcelColor": PARCEL_COLOR,
        }
        group = folium.FeatureGroup(name=html.escape(self.title(lang)), show=self.show)
        group.add_child(_CityViewElement(to_js(payload)))
        return group


def city_view_layer(
    *,
    data_key: str,
    cell_deg: float,
    scope: str = "",
    group_labels: tuple[tuple[str, str, str], ...] = (),
) -> CityViewLayer:
    """The city layer for one data set (``data_key``), its points coloured by the classes of
    ``scope``'s evaluation when given."""
    return CityViewLayer(
        name="city_view",
        source="city_enterprise_years",
        title_zh=t("city.layer", "zh"),
        title_en=t("city.layer", "en"),
        group="企业",
        kind="polygon",
        color=COUNT_RAMP[-1],
        cell_deg=cell_deg,
        data_key=data_key,
        scope=scope,
        group_labels=group_labels,
    )


def token_script(token: str | None) -> str:
    """The script giving the map's frame the session's token for the view endpoint (none: the
    frame asks for nothing beyond the cells, and forgets what it drew), then redrawing the view."""
    return (
        f"window.{TOKEN_GLOBAL}={to_js(token or '')};"
        "if(window.__atlasCityView)window.__atlasCityView.refresh();"
    )


__all__ = [
    "CLASS_COLORS",
    "MARK_COLOR",
    "PARCELS_ZOOM",
    "POINTS_ZOOM",
    "VIEW_PATH",
    "CityViewLayer",
    "breaks",
    "city_view_layer",
    "token_script",
]
