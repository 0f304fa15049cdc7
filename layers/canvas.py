"""What the one-canvas layers (enterprise points, parcels) share: the Leaflet base, the folium side.

Such a layer travels as compact arrays (see layers/enterprises.py and layers/parcels.py) and is drawn
by one Leaflet layer on its own canvas. ``window.AtlasCanvas`` holds what every such Leaflet layer
does alike: the canvas (it lets mouse events through to the shapes below), the hover tooltip built
from the payload's ``cols`` and the click that fires ``click`` with a throw-away ``L.circleMarker``
carrying the feature's properties, which streamlit-folium returns as ``last_active_drawing``. A
subclass sets ``_css`` (the canvas's class) and supplies ``initialize``, ``_redraw``, ``_find``,
``_latlng`` (where the tooltip opens), ``_clickAt`` (where the clicked marker stands) and ``_props``.

On the atlas's live maps a big payload does not travel in the map's script: while
:data:`PAYLOAD_STORE` is set (pages/common/cache.py sets it), the element hands its payload to it and
the layer fetches the file it gets back, once per map frame (a layer redrawn after a widget change
takes it from memory). Exports and every other rendering keep the payload inline.
"""

from __future__ import annotations

import html
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import ClassVar

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.messages import Lang
from geo.spatial.crs import STORAGE_CRS
from layers.base import Layer

# While set: stores a payload (JSON text) and returns the URL it is served at (None: keep it inline).
PAYLOAD_STORE: ContextVar[Callable[[str], str | None] | None] = ContextVar(
    "atlas_payload_store", default=None
)
FETCH_ABOVE_BYTES = 20_000  # smaller payloads stay inline (one request would cost more)

FLOAT_DECIMALS = 1  # tooltip figures: 亩 and 万元 to one decimal
LOOKUP_MAX = 64  # a tooltip column with at most this many distinct values travels as indices
ONE_LINE_CHARS = 10  # a tooltip label this short is not wrapped (every Chinese one: 「亩均税收（万元/亩）」)

# How a frame fetches a layer's arrays: once per URL, kept as a promise in ``window.__atlasData``.
_GET_JS = (
    "window.__atlasGet=window.__atlasGet||function(u){return fetch(u).then(function(r){"
    "if(!r.ok)throw new Error('HTTP '+r.status);return r.json();});};"
)


_BASE_JS = """
          if (!window.AtlasCanvas) {
            __ATLAS_GET__
            window.AtlasCanvas = L.Layer.extend({
              onAdd: function (map) {
                var c = this._canvas = L.DomUtil.create('canvas', this._css + ' leaflet-zoom-hide');
                c.style.pointerEvents = 'none';
                map.getPanes().overlayPane.appendChild(c);
                // the map's canvas layers, bottom to top as their canvases lie (the mouse's: the top one's)
                (map._atlasCanvases = map._atlasCanvases || []).push(this);
                this._tip = L.tooltip({sticky: false, direction: 'top', offset: [0, -4]});
                map.on('moveend zoomend resize viewreset', this._draw, this);
                map.on('mousemove', this._hover, this);
                map.on('click', this._click, this);
                map.on('mouseout', this._out, this);
                if (this._url && !this._d) this._fetch(); else this._redraw();
              },
              // A layer made with a URL (see AtlasCanvas.lazy): its arrays, fetched once per frame.
              // (Often already on its way: see prefetch_script.)
              _fetch: function () {
                var self = this, url = this._url, got = window.__atlasData = window.__atlasData || {};
                var data = got[url] || (got[url] = window.__atlasGet(url));
                data.then(function (d) {
                  self._real.prototype.initialize.call(self, d);
                  if (self._map) self._redraw();
                }).catch(function (e) {
                  delete got[url];
                  console.error('atlas: layer data ' + url + ': ' + e);
                });
              },
              _draw: function () { if (this._d) this._redraw(); },
              onRemove: function (map) {
                map.off('moveend zoomend resize viewreset', this._draw, this);
                map.off('mousemove', this._hover, this);
                map.off('click', this._click, this);
                map.off('mouseout', this._out, this);
                this._unhover();
                var all = map._atlasCanvases || [], k = all.indexOf(this);
                if (k >= 0) all.splice(k, 1);
                L.DomUtil.remove(this._canvas);
              },
              count: function () { return this._n; },
              // lon/lat arrays in the map's projected coordinates, once per data: a redraw then puts
              // them on the screen with a multiplication and an addition each (_place), where
              // latLngToContainerPoint made two Leaflet objects per vertex (70,780 of Wujiang's
              // parcels: some 50 ms a redraw). Spherical Mercator (every atlas map) as Leaflet
              // computes it, any other projection through the projection itself.
              _projectAll: function (lon, lat) {
                var proj = this._map.options.crs.projection, n = lon.length, i;
                var X = new Float64Array(n), Y = new Float64Array(n);
                if (proj === L.Projection.SphericalMercator) {
                  var R = proj.R, d = Math.PI / 180, max = proj.MAX_LATITUDE;
                  for (i = 0; i < n; i++) {
                    var s = Math.sin(Math.max(Math.min(max, lat[i]), -max) * d);
                    X[i] = R * lon[i] * d; Y[i] = R * Math.log((1 + s) / (1 - s)) / 2;
                  }
                } else {
                  for (i = 0; i < n; i++) {
                    var p = proj.project(L.latLng(lat[i], lon[i])); X[i] = p.x; Y[i] = p.y;
                  }
                }
                return [X, Y];
              },
              // Projected points (_projectAll) where they are in the map's container now (_px, _py), in
              // whole pixels as Leaflet's own projection gives them (its transformation is linear per axis).
              _place: function (X, Y) {
                var map = this._map, proj = map.options.crs.projection, n = X.length;
                var p0 = map.project(proj.unproject(L.point(0, 0)));
                var p1 = map.project(proj.unproject(L.point(1e6, 1e6)));
                var o = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
                var ax = (p1.x - p0.x) / 1e6, bx = p0.x - o.x, ay = (p1.y - p0.y) / 1e6, by = p0.y - o.y;
                var px = this._px = new Float32Array(n), py = this._py = new Float32Array(n);
                for (var i = 0; i < n; i++) {
                  px[i] = Math.round(ax * X[i] + bx); py[i] = Math.round(ay * Y[i] + by);
                }
              },
              // The canvas over the map's current view, cleared; its 2D context is in CSS pixels.
              _fit: function () {
                var map = this._map, size = map.getSize(), c = this._canvas, r = window.devicePixelRatio || 1;
                c.width = size.x * r; c.height = size.y * r;
                c.style.width = size.x + 'px'; c.style.height = size.y + 'px';
                L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
                var ctx = c.getContext('2d');
                ctx.setTransform(r, 0, 0, r, 0, 0);
                ctx.clearRect(0, 0, size.x, size.y);
                return size;
              },
              _cell: function (k, i) {
                var d = this._d, col = d.cols[k];
                if (col.ref === 'id') return d.id[i];
                if (col.ref === 'industry') return d.industry[d.ind[i]];
                var v = col.lookup ? col.lookup[col.v[i]] : col.v[i];
                return v === null ? '—' : v;
              },
              _cellText: function (k, i) {
                var col = this._d.cols[k], v = this._cell(k, i);
                if (col.d === undefined || typeof v !== 'number') return v;
                var digits = {minimumFractionDigits: col.d, maximumFractionDigits: col.d};
                return v.toLocaleString('en-US', digits);
              },
              // A label and its unit read on one line (walk16 item 15: 「建筑系数下限（%）」 wrapped its unit
              // onto a second line): a short label (every Chinese one) is not wrapped; a longer one keeps
              // its last word and unit together ("Tax per / mu (10k yuan/mu)"). The rest of the th's style.
              // Its value keeps 7 em (not the map's 9: the one-line label and the value fit the tooltip).
              _oneLine: function (label) {
                if (label.length <= ONE_LINE_CHARS) return ';white-space:nowrap;max-width:none">' + label;
                var kept = '<span style="white-space:nowrap">$1</span>';
                return '">' + label.replace(/(\\S+ \\([^()]*\\))$/, kept);
              },
              // The tooltip's rows: those of the same feature (its id) in the layers below that hold it
              // too (the parcels under their red outlines), then this layer's; a label once.
              _html: function (i) {
                var all = (this._map && this._map._atlasCanvases) || [this], id = this._d.id[i];
                var rows = '', seen = {};
                for (var n = 0; n < all.length && all[n - 1] !== this; n++) {
                  var l = all[n], j = l === this ? i : (l._map && l._d && l._d.id ? l._d.id.indexOf(id) : -1);
                  if (j < 0) continue;
                  for (var k = 0; k < l._d.cols.length; k++) {
                    var label = l._d.cols[k].label;
                    if (seen[label]) continue;
                    seen[label] = true;
                    rows += '<tr><th style="text-align:left;padding-right:6px' + this._oneLine(label) +
                            '</th><td style="min-width:7em">' + l._cellText(k, j) + '</td></tr>';
                  }
                }
                return '<table>' + rows + '</table>';
              },
              // _find once per mouse event and layer (the layers below ask the ones above)
              _findAt: function (e) {
                var got = e.__atlasFound || (e.__atlasFound = {}), key = L.stamp(this);
                if (!(key in got)) got[key] = this._find(e);
                return got[key];
              },
              // Whether a canvas layer above this one has a feature under the mouse (its tooltip, not this).
              _covered: function (e) {
                var all = this._map._atlasCanvases || [];
                for (var n = all.length - 1; n >= 0 && all[n] !== this; n--) {
                  if (all[n]._map && all[n]._d && all[n]._findAt(e) >= 0) return true;
                }
                return false;
              },
              // While a feature of a canvas layer is under the mouse, the shapes' tooltips below it
              // (a town's) are hidden; they show again when it leaves.
              _mute: function () {
                var map = this._map, muted = map._atlasMuted = map._atlasMuted || [];
                map.eachLayer(function (l) {
                  var tip = l.getTooltip && l.getTooltip(), el = tip && tip.getElement();
                  if (el && !tip.options.permanent && l.isTooltipOpen() && el.style.display !== 'none') {
                    el.style.display = 'none';
                    muted.push(el);
                  }
                });
              },
              _unmute: function (map) {
                var muted = map._atlasMuted || [];
                for (var n = 0; n < muted.length; n++) muted[n].style.display = '';
                map._atlasMuted = [];
              },
              _hover: function (e) {
                var map = this._map, i = this._covered(e) ? -1 : this._findAt(e);
                if (i >= 0) this._mute();
                if (i === this._hovered) return;
                this._hovered = i;
                if (i < 0) { this._unhover(); return; }
                var at = this._latlng(i), tip = this._tip;
                tip.options.direction = 'top'; tip.options.offset = [0, -4];
                tip.setLatLng(at).setContent(this._html(i));
                if (!map.hasLayer(tip)) map.openTooltip(tip);
                // above the feature where it fits in the map, else below it, else beside it (a long one)
                var p = map.latLngToContainerPoint(at), size = map.getSize();
                var h = tip.getElement().offsetHeight;
                if (p.y - h - 8 < 0) {
                  var below = p.y + h + 8 <= size.y;
                  tip.options.direction = below ? 'bottom' : (p.x < size.x / 2 ? 'right' : 'left');
                  tip.options.offset = below ? [0, 4] : [p.x < size.x / 2 ? 6 : -6, 0];
                  tip.update();
                }
                map.getContainer().style.cursor = 'pointer';
              },
              // The mouse left the map. (Leaflet's canvas renderer also fires the map's mouseout, from a
              // mousemove, when the mouse leaves one of its shapes (a town): the feature stays hovered.)
              _out: function (e) {
                var o = e && e.originalEvent;
                if (!o || o.type !== 'mousemove') this._unhover();
              },
              _unhover: function () {
                this._hovered = -1;
                if (this._map) {
                  this._map.closeTooltip(this._tip);
                  this._map.getContainer().style.cursor = '';
                  this._unmute(this._map);
                }
              },
              _click: function (e) {
                // What was clicked opens beside the map: the hover tooltips close (Leaflet opens a
                // shape's on a click too), one comes again when the mouse enters a feature.
                this._unhover();
                this._map.eachLayer(function (l) {
                  var tip = l.getTooltip && l.getTooltip();
                  if (tip && !tip.options.permanent) l.closeTooltip();
                });
                var t = e.originalEvent && e.originalEvent.target;
                // an SVG shape drawn above (e.g. a carrier) was clicked
                if (t && t.tagName === 'path') return;
                var i = this._find(e);
                if (i < 0) return;
                var marker = L.circleMarker(this._clickAt(i, e));
                marker.feature = {type: 'Feature', properties: this._props(i)};
                this.fire('click', {
                  latlng: marker.getLatLng(), layer: marker, originalEvent: e.originalEvent
                });
              }
            });
            // An instance of canvas class K that draws the arrays at url (none before they come).
            window.AtlasCanvas.lazy = function (K, url) {
              var Lazy = K.extend({
                initialize: function () { this._url = url; this._real = K; this._n = 0; }
              });
              return new Lazy();
            };
          }
""".replace("__ATLAS_GET__", _GET_JS).replace("ONE_LINE_CHARS", str(ONE_LINE_CHARS))


class CanvasElement(MacroElement):
    """The script that defines ``window.<js_class>`` (once a page) and adds one to the parent group.

    A subclass sets ``js_class`` and ``js_methods`` (the members of its ``AtlasCanvas.extend({...})``).
    """

    js_class: ClassVar[str]
    js_methods: ClassVar[str]

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._template = Template(
            "\n        {% macro script(this, kwargs) %}\n        (function () {"
            + _BASE_JS
            + f"          if (!window.{cls.js_class}) {{\n"
            + f"            window.{cls.js_class} = window.AtlasCanvas.extend({{"
            + cls.js_methods
            + "            });\n          }\n"
            + "          {% if this.url %}"
            + "{{ this._parent.get_name() }}.addLayer(window.AtlasCanvas.lazy(window."
            + cls.js_class
            + ", {{ this.url }}));"
            + "{% else %}{{ this._parent.get_name() }}.addLayer(new window."
            + cls.js_class
            + "({{ this.payload }}));{% endif %}\n        })();\n        {% endmacro %}\n        "
        )

    def __init__(self, payload: str) -> None:
        super().__init__()
        self._name = type(self).__name__.lstrip("_")
        self.payload = payload
        store = PAYLOAD_STORE.get()
        url = store(payload) if store is not None and len(payload) > FETCH_ABOVE_BYTES else None
        self.url = json.dumps(url) if url else ""  # a JavaScript string literal; "" keeps it inline


def prefetch_script(urls: list[str]) -> str:
    """A script that starts fetching ``urls`` (payload files) at once; the layers made with them
    then take the promise instead of fetching after Leaflet and the map's script have loaded.
    Also defines the fetch every lazy layer uses (so the page's map script works without it)."""
    # (a failure is reported by the layer that takes the promise; none is left unhandled here)
    starts = "".join(
        f"(g[{u}]=g[{u}]||window.__atlasGet({u})).catch(function(){{}});" for u in map(json.dumps, urls)
    )
    return _GET_JS + "(function(g){" + starts + "})(window.__atlasData=window.__atlasData||{});"


def to_js(payload: dict) -> str:
    """``payload`` as a JavaScript literal that is safe inside a ``<script>``."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("</", "<\\/")  # never close the surrounding <script>


def storage_geometry(layer: Layer, gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The geometry of ``gdf`` (not modified) in WGS-84; a frame without a CRS is refused."""
    if gdf.crs is None:
        raise ValueError(f"layer {layer.name}: frame has no CRS")
    if gdf.crs.equals(gpd.GeoSeries(crs=STORAGE_CRS).crs):
        return gdf.geometry
    return gdf.geometry.to_crs(STORAGE_CRS)


def palette_indices(layer: Layer, gdf: gpd.GeoDataFrame) -> tuple[list[str], list[int]]:
    """The distinct colours of ``gdf``'s features (``layer.color_by`` or the layer's one colour)
    and each feature's index into them."""
    colors = np.asarray(layer.color_by(gdf)) if layer.color_by is not None else np.full(len(gdf), layer.color)
    palette, color_idx = np.unique(colors.astype(str), return_inverse=True)
    return palette.tolist(), color_idx.astype(int).tolist()


def tooltip_column(values: pd.Series, label: str, decimals: int | None = None) -> dict:
    """One tooltip field as compact arrays: rounded numbers, or escaped text (indices into a lookup
    when it has few distinct values); a missing value shows "—". Numbers to :data:`FLOAT_DECIMALS`
    (a whole one written whole), or, with ``decimals``, to that many and always written with them
    (``1.00``, ``0.96``: a parcel's 容积率 as its panel gives it)."""
    if pd.api.types.is_float_dtype(values):
        rounded = np.round(values.to_numpy(dtype="float64"), FLOAT_DECIMALS if decimals is None else decimals)
        v = [None if x != x else (int(x) if x == int(x) else float(x)) for x in rounded.tolist()]
        return {"label": html.escape(label), "v": v, **({} if decimals is None else {"d": decimals})}
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_integer_dtype(values):
        return {"label": html.escape(label), "v": values.astype(object).map(str).tolist()}
    text = values.map(lambda v: html.escape(str(v)) if v is not None and v == v and str(v).strip() else "—")
    uniques = pd.unique(text)
    if len(uniques) <= LOOKUP_MAX:
        codes = pd.Categorical(text, categories=uniques).codes
        return {"label": html.escape(label), "lookup": list(uniques), "v": codes.tolist()}
    return {"label": html.escape(label), "v": text.tolist()}


def tooltip_columns(
    layer: Layer, gdf: gpd.GeoDataFrame, lang: Lang, refs: Mapping[str, str], decimals: int | None = None
) -> list[dict]:
    """The layer's tooltip fields present in ``gdf`` (in ``lang``: :meth:`Field.shown`); a column in
    ``refs`` only points (``ref``) to one of the payload's own arrays instead of travelling twice;
    ``decimals``: see :func:`tooltip_column`."""
    return [
        {"label": html.escape(f.label(lang)), "ref": refs[f.column]}
        if f.column in refs
        else tooltip_column(f.shown(gdf, lang), f.label(lang), decimals)
        for f in layer.tooltip_fields
        if f.column in gdf.columns
    ]


@dataclass(frozen=True)
class CanvasLayer(Layer, ABC):
    """A layer drawn by one :class:`CanvasElement` from the arrays :meth:`payload` returns.

    Only its kinds are made (enterprise points, parcels): each says its element and its payload.
    """

    element: ClassVar[type[CanvasElement]]

    @abstractmethod
    def payload(self, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False) -> dict:
        """The column arrays the element draws ``gdf`` from (``gdf`` is not modified)."""

    def to_folium(
        self, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False
    ) -> folium.FeatureGroup:
        # The title may be user text (an imported layer's name).
        group = folium.FeatureGroup(name=html.escape(self.title(lang)), show=self.show)
        group.add_child(self.element(to_js(self.payload(gdf, lang=lang, gcj02=gcj02))))
        return group
