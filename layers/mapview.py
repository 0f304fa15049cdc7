"""Build the folium map every page shows: basemap choice, layers, layer switcher, legend, provenance."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import MacroElement
from jinja2 import Template

import layers.assets  # noqa: F401
from geo.messages import Lang, t
from geo.storage.provenance import titled_accuracy
from layers.base import Layer, LegendEntry, Provenance

SUZHOU_CENTER = (31.30, 120.62)
WUJIANG_CENTER = (30.98, 120.62)

BASEMAPS = ("none", "osm", "gaode", "tianditu")

_TIANDITU = "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={tk}"


@dataclass(frozen=True)
class MapLayer:
    """A registered layer together with the frame to draw and its provenance."""

    layer: Layer
    frame: gpd.GeoDataFrame
    provenance: Provenance


def basemap_is_gcj02(basemap: str) -> bool:
    """Whether overlays must be shifted into GCJ-02 to sit right on this basemap."""
    return basemap == "gaode"


def _add_basemap(m: folium.Map, basemap: str, *, tianditu_key: str | None) -> None:
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap {basemap!r}; expected one of {BASEMAPS}")
    if basemap == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(m)
    elif basemap == "gaode":
        folium.TileLayer(
            tiles="https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
            attr="© 高德地图 (GCJ-02)",
            name="高德地图",
            subdomains="1234",
            control=False,
        ).add_to(m)
    elif basemap == "tianditu" and tianditu_key:
        for layer in ("vec", "cva"):
            folium.TileLayer(
                tiles=_TIANDITU.format(layer=layer, tk=tianditu_key, s="{s}"),
                attr="© 天地图 (CGCS2000)",
                name=f"天地图 {layer}",
                subdomains="01234567",
                control=False,
            ).add_to(m)


def new_map(
    *,
    basemap: str = "none",
    tianditu_key: str | None = None,
    center=SUZHOU_CENTER,
    zoom: int = 9,
    lang: Lang = "zh",
) -> folium.Map:
    """An empty map with the chosen basemap (``none`` always works, offline included)."""
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, prefer_canvas=True, control_scale=False)
    _add_basemap(m, basemap, tianditu_key=tianditu_key)
    m.add_child(_MetricScale())
    m.add_child(_PageFriendly(lang=lang))
    return m


SMALL_MAP_PX = (1000, 600)  # below this width or height the legend and layer switcher start folded


class _PageFriendly(MacroElement):
    """What makes a map sit well in a scrolling page (every map of the atlas's pages).

    - The mouse wheel scrolls the page; it zooms the map only with Ctrl (or ⌘) held, as on the
      web maps people know, and a short hint says so when the wheel meets the map alone. A click
      on the map does not change that (clicking a 区镇 and then scrolling on must not zoom).
    - On a touch screen one finger scrolls the page and two move and zoom the map (a hint says so
      when one finger tried to move it); a tap still clicks.
    - Both only where the map is embedded in a page (a frame): the offline HTML map is the whole
      page, with nothing to scroll, and keeps the wheel and one-finger drag.
    - On a small map (below ``SMALL_MAP_PX``) the legend and the layer switcher start folded, so
      they do not hide the data; both unfold on a click (the switcher also on hover).
    - The layer switcher is measured (its height fitted to the map) after the first paint, not
      while the map is made (docs/performance.md, twelfth round).
    - Tooltips wrap instead of running off the map's right edge; a long field name wraps too
      (kept on one line, it left its value a character wide).
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .leaflet-tooltip { white-space: normal; max-width: min(320px, 45vw); }
          .leaflet-tooltip table { width: max-content; max-width: min(300px, 43vw); }
          .leaflet-tooltip td { white-space: normal; word-break: break-word; min-width: 9em;
            vertical-align: top; }
          .leaflet-tooltip th { white-space: normal; max-width: 8em; vertical-align: top; }
          .leaflet-container.atlas-cooperative { touch-action: pan-x pan-y !important; }
          .atlas-gesture-hint { position:absolute; z-index:1001; left:50%; top:50%;
            transform:translate(-50%,-50%); background:rgba(0,0,0,0.62); color:#fff;
            padding:8px 14px; border-radius:4px; pointer-events:none; opacity:0;
            transition:opacity .25s; text-align:center; max-width:80%;
            font:13px 'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif; }
          .atlas-gesture-hint.atlas-show { opacity:1; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        // The layer switcher fits its height to the map when it unfolds, and Leaflet measures at once:
        // a forced layout of the frame as the switcher is made and again as it is added (40-60 ms of
        // a city map's script). It unfolds at once and is measured after the first paint instead.
        if (!L.Control.Layers.prototype.atlasFitLater) {
          L.Control.Layers.prototype.atlasFitLater = true;
          var fitNow = L.Control.Layers.prototype.expand;
          L.Control.Layers.prototype.expand = function () {
            var self = this, open = 'leaflet-control-layers-expanded';
            L.DomUtil.addClass(this._container, open);
            if (!this._atlasFitting) {
              this._atlasFitting = true;
              requestAnimationFrame(function () {
                self._atlasFitting = false;
                if (self._map && L.DomUtil.hasClass(self._container, open)) fitNow.call(self);
              });
            }
            return this;
          };
        }
        (function () {
          var map = {{ this._parent.get_name() }};
          var box = map.getContainer();
          // A map embedded in a page (the atlas's frames) shares the wheel and one finger with the page;
          // the offline HTML map, which is the whole page, keeps them (nothing to scroll there).
          if (window.self !== window.top) cooperative();
          function cooperative() {
            box.classList.add('atlas-cooperative');
            var mac = /Mac|iPhone|iPad/.test(navigator.platform || '');
            var texts = {wheel: mac ? {{ this.wheel_mac|tojson }} : {{ this.wheel|tojson }},
                         touch: {{ this.touch|tojson }}};
            var hint = document.createElement('div');
            hint.className = 'atlas-gesture-hint';
            box.appendChild(hint);
            var timer = null;
            function hide() { hint.classList.remove('atlas-show'); }
            function show(kind) {
              hint.textContent = texts[kind];
              hint.classList.add('atlas-show');
              clearTimeout(timer);
              timer = setTimeout(hide, 1500);
            }
            function onPanel(target) {
              return !!(target.closest && target.closest('.leaflet-control, .atlas-legend'));
            }
            // Capture phase on the container: decided before Leaflet's own wheel handler sees the event.
            box.addEventListener('wheel', function (e) {
              if (e.ctrlKey || e.metaKey) {  // Leaflet zooms; the browser must not zoom the page
                e.preventDefault();
                hide();
                return;
              }
              e.stopPropagation();  // Leaflet never sees it; not prevented, so the page scrolls
              if (!onPanel(e.target)) show('wheel');
            }, {capture: true, passive: false});
            // Touch: one finger is the page's (touch-action above), two are the map's (Leaflet's pinch
            // handler moves and zooms); the mouse drags the map as ever.
            var fingers = 0;
            box.addEventListener('pointerdown', function (e) {
              if (e.pointerType !== 'touch') {
                if (!map.dragging.enabled()) map.dragging.enable();
                return;
              }
              fingers += 1;
              if (map.dragging.enabled()) map.dragging.disable();
              if (fingers > 1) hide();
            }, true);
            function lift(e) {
              if (e.pointerType !== 'touch') return;
              // the browser took a lone finger's move for the page: say how to move the map
              if (e.type === 'pointercancel' && fingers === 1 && !onPanel(e.target)) show('touch');
              fingers = Math.max(0, fingers - 1);
            }
            window.addEventListener('pointerup', lift, true);
            window.addEventListener('pointercancel', lift, true);
          }

          function small() {
            var size = map.getSize();
            return size.x < {{ this.small[0] }} || size.y < {{ this.small[1] }};
          }
          function foldSwitcher(ctl) {
            if (ctl.dataset.atlasFolded) return;
            ctl.dataset.atlasFolded = '1';
            ctl.classList.remove('leaflet-control-layers-expanded');
            var expanded = 'leaflet-control-layers-expanded';
            ctl.addEventListener('mouseenter', function () { ctl.classList.add(expanded); });
            ctl.addEventListener('mouseleave', function () { ctl.classList.remove(expanded); });
            ctl.addEventListener('click', function () { ctl.classList.add(expanded); });
            map.on('click', function () { ctl.classList.remove('leaflet-control-layers-expanded'); });
          }
          function fold() {
            if (!small()) return;
            box.querySelectorAll('.leaflet-control-layers').forEach(foldSwitcher);
            var legend = box.querySelector('.atlas-legend');
            if (legend && !legend.dataset.atlasFolded) {
              legend.dataset.atlasFolded = '1';
              legend.classList.add('atlas-collapsed');
            }
          }
          // The legend and the switcher (which streamlit-folium may add again later) come after this script.
          setTimeout(fold, 0);
          new MutationObserver(fold).observe(box, {childList: true, subtree: true});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, lang: Lang = "zh") -> None:
        super().__init__()
        self._name = "PageFriendly"
        self.small = SMALL_MAP_PX
        self.wheel = t("map.hint.wheel", lang)
        self.wheel_mac = t("map.hint.wheel_mac", lang)
        self.touch = t("map.hint.touch", lang)


class _MetricScale(MacroElement):
    """A metric-only scale bar (Leaflet's default also shows miles)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({metric: true, imperial: false, position: 'bottomright'})
          .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MetricScale"


class _FitWhenSized(MacroElement):
    """Fit the map to its data now, and again when its frame first gets a size: a map drawn while
    its frame had none (Streamlit re-creating the frame during a rerun, e.g. after 确定替换) would
    otherwise stay at zoom 0, the whole world."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
          var map = {{ this._parent.get_name() }};
          var bounds = L.latLngBounds({{ this.bounds }});
          {% if this.snap %}map.options.zoomSnap = {{ this.snap }};{% endif %}
          var sized = function (s) { return s.x > 0 && s.y > 0; };
          if (sized(map.getSize())) { map.fitBounds(bounds, {{ this.options }}); }
          map.on('resize', function (e) {
            if (!sized(e.oldSize) && sized(e.newSize)) { map.fitBounds(bounds, {{ this.options }}); }
          });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], snap: float | None = None):
        super().__init__()
        self._name = "FitWhenSized"
        self.bounds = bounds
        # a fractional zoom step lets the data fill the frame (whole steps can leave it a quarter)
        self.snap = snap
        self.options = "{padding: [4, 4]}" if snap else "{}"


class _OverlayState(MacroElement):
    """Tells the server which layers the user has switched on or off in the layer switcher, so the
    downloads hold what the map shows (:func:`shown_layers`).

    After every switch (and after streamlit-folium swaps the changing layers) the switcher's boxes
    are read and written into streamlit-folium's ``selected_layers`` (its own entries are WMS layers,
    left alone) as ``{"name": title, "url": "atlas:shown" | "atlas:hidden"}``: streamlit-folium sends
    them with its next value (its handlers of the same events send it 250 ms later). After a swap the
    boxes are as the server drew them: they are written into the value streamlit-folium last sent
    too, so that the swap alone sends nothing (it started a run of its own a moment after a filter's,
    which could find the user's next click on a sidebar box: issue 23 item 11)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
          var map = {{ this._parent.get_name() }};
          var clicked = 0;  // when the user last clicked in a layer switcher
          map.getContainer().addEventListener('click', function (e) {
            if (e.target.closest && e.target.closest('.leaflet-control-layers')) clicked = Date.now();
          }, true);
          function look() {
            var data = window.__GLOBAL_DATA__;
            if (!data || !data.selected_layers) return;
            var held = data.selected_layers;
            Object.keys(held).forEach(function (k) { if (k.indexOf('atlas:') === 0) delete held[k]; });
            var labels = map.getContainer().querySelectorAll('.leaflet-control-layers-overlays label');
            labels.forEach(function (label) {
              var box = label.querySelector('input');
              var name = (label.textContent || '').trim();
              if (!box || !name) return;
              var state = box.checked ? '{{ this.shown }}' : '{{ this.hidden }}';
              held['atlas:' + name] = {name: name, url: state};
            });
            var last = data.previous_data;
            if (Date.now() - clicked > 500 && last && 'selected_layers' in last) {
              data.previous_data = Object.assign({}, last, {selected_layers: Object.values(held)});
            }
          }
          map.on('overlayadd overlayremove', function () { setTimeout(look, 0); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "OverlayState"
        self.shown, self.hidden = LAYER_SHOWN, LAYER_HIDDEN


LAYER_SHOWN, LAYER_HIDDEN = "atlas:shown", "atlas:hidden"


def shown_layers(items: Sequence[MapLayer], out: dict | None, *, lang: Lang) -> list[MapLayer]:
    """The ``items`` the map shows: those the user has not switched off in the layer switcher, as
    streamlit-folium last reported (``returned_objects`` with ``"selected_layers"``); before any
    switch, those the map opens with (``Layer.show``)."""
    states = switched(out)
    return [item for item in items if states.get(item.layer.title(lang).strip(), item.layer.show)]


def switched(out: dict | None) -> dict[str, bool]:
    """Layer title -> whether the user has it switched on, for the layers switched in the layer
    switcher as streamlit-folium last reported (``"selected_layers"``); {} before any switch."""
    states: dict[str, bool] = {}
    entries = (out or {}).get("selected_layers") if isinstance(out, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("url") in (LAYER_SHOWN, LAYER_HIDDEN):
            states[str(entry.get("name", "")).strip()] = entry["url"] == LAYER_SHOWN
    return states


class _Legend(MacroElement):
    """An HTML legend box in the map's bottom-left corner, with each layer's accuracy label; a layer
    switched off in the layer switcher is left out of it (its section hidden) while it is off."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .atlas-legend.atlas-collapsed > :not(.atlas-legend-head) { display: none; }
          .atlas-legend-head { cursor: pointer; user-select: none; }
          .atlas-legend-head::after { content: " \\25BC " attr(data-fold); color: #888; font-weight: normal;
            font-size: 11px; }
          .atlas-legend.atlas-collapsed .atlas-legend-head::after { content: " \\25B6 " attr(data-unfold); }
        </style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <div class="atlas-legend" style="position:absolute; z-index:1000; bottom:14px; left:10px;
             background:rgba(255,255,255,0.92); padding:8px 10px; border-radius:4px;
             box-shadow:0 1px 4px rgba(0,0,0,0.3); font:12px 'Noto Sans CJK SC','Noto Sans SC',
             'Microsoft YaHei','PingFang SC',sans-serif; max-width:300px; max-height:55%; overflow:auto;">
          {{ this.body }}
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function(){
          var map = {{ this._parent.get_name() }};
          var box = document.querySelector('.atlas-legend');
          if (box) {
            map.getContainer().appendChild(box);
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            var head = box.querySelector('.atlas-legend-head');
            if (head) {
              head.addEventListener('click', function () { box.classList.toggle('atlas-collapsed'); });
            }
            // The legend lists the layers shown: a layer switched off (or opening off, as an import
            // under another page's layers) has its section hidden, as the switcher's boxes say;
            // again whenever the switcher or the changing layers' legend rows are redrawn.
            var sync = function () {
              var on = {};
              map.getContainer().querySelectorAll('.leaflet-control-layers-overlays label')
                .forEach(function (label) {
                  var input = label.querySelector('input');
                  var name = (label.textContent || '').trim();
                  if (input && name) on[name] = input.checked;
                });
              box.querySelectorAll('.atlas-legend-layer').forEach(function (part) {
                var name = (part.getAttribute('data-layer') || '').trim();
                var off = Object.prototype.hasOwnProperty.call(on, name) && !on[name];
                part.style.display = off ? 'none' : '';
              });
            };
            var waiting = false;
            var later = function () {
              if (waiting) return;
              waiting = true;
              setTimeout(function () { waiting = false; sync(); }, 0);
            };
            map.on('overlayadd overlayremove', later);
            new MutationObserver(later).observe(map.getContainer(), {childList: true, subtree: true});
            later();
          }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "AtlasLegend"
        self.body = body


def _swatch(entry: LegendEntry) -> str:
    c = html.escape(entry.color)
    if entry.kind == "line":
        return (
            '<span style="display:inline-block;width:18px;height:0;'
            f'border-top:3px solid {c};vertical-align:middle"></span>'
        )
    if entry.kind == "point":
        return (
            '<span style="display:inline-block;width:9px;height:9px;border-radius:50%;'
            f'background:{c};margin:0 4px"></span>'
        )
    return (
        f'<span style="display:inline-block;width:16px;height:11px;border:1.5px solid {c};'
        f'background:{c};opacity:{max(entry.fill_opacity, 0.3)};vertical-align:middle"></span>'
    )


def legend_html(
    sections: Sequence[tuple[str, Provenance, Sequence[LegendEntry]]],
    *,
    lang: Lang,
    title: str | None = None,
    foldable: bool = True,
) -> str:
    """The legend's inner HTML: per layer its title with its accuracy class said once and as the
    briefing PNG says it (:func:`geo.storage.provenance.titled_accuracy`: "县级行政区（真实）",
    "Districts (real)"; a title that names its class, "开发区（示意范围）", as it is), and swatches."""
    heading = title or ("Legend" if lang == "en" else "图例")
    hint = "Click to fold or unfold" if lang == "en" else "点击折叠/展开"
    fold, unfold = (
        ("(click to fold)", "(click to unfold)") if lang == "en" else ("（点击折叠）", "（点击展开）")
    )
    marks = f' data-fold="{fold}" data-unfold="{unfold}"' if foldable else ""
    parts = [
        f'<div class="{"atlas-legend-head" if foldable else ""}" title="{hint if foldable else ""}"{marks} '
        'style="font-weight:600;margin-bottom:4px">'
        f"{html.escape(heading)}</div>"
    ]
    for layer_title, prov, entries in sections:
        said = titled_accuracy(layer_title, prov.accuracy, lang)
        # the class the title does not name, in grey after it: "（真实）" / " (real)"
        named = said[len(layer_title) :] if said.startswith(layer_title) else ""
        acc = (
            f'<span class="atlas-acc atlas-acc-{html.escape(prov.accuracy)}" '
            f'style="color:#666">{html.escape(named)}</span>'
            if named
            else ""
        )
        rows = "".join(f"<div>{_swatch(e)} {html.escape(e.label)}</div>" for e in entries)
        # a section per layer, named as the layer switcher names it: hidden while the layer is off
        parts.append(
            f'<div class="atlas-legend-layer" data-layer="{html.escape(layer_title)}">'
            f'<div style="margin-top:4px"><b>{html.escape(layer_title)}</b>{acc}</div>{rows}</div>'
        )
    return "".join(parts)


def render_map(
    items: Iterable[MapLayer],
    *,
    lang: Lang = "zh",
    basemap: str = "none",
    tianditu_key: str | None = None,
    center=SUZHOU_CENTER,
    zoom: int = 9,
    fit_to: gpd.GeoDataFrame | None = None,
    fit_snap: float | None = None,
    legend_title: str | None = None,
) -> folium.Map:
    """A complete map: basemap, every layer as a switchable FeatureGroup, layer control and legend.

    ``fit_to``: the features the view is fitted to when the map is drawn; ``fit_snap`` (e.g. 0.25):
    the zoom step of that fit and of the map thereafter, so that they fill the frame rather than
    the whole zoom level below (default: whole steps)."""
    items = list(items)
    m = new_map(basemap=basemap, tianditu_key=tianditu_key, center=center, zoom=zoom, lang=lang)
    gcj02 = basemap_is_gcj02(basemap)
    sections = []
    for item in items:
        item.layer.to_folium(item.frame, lang=lang, gcj02=gcj02).add_to(m)
        sections.append((item.layer.title(lang), item.provenance, item.layer.legend(item.frame, lang)))
    folium.LayerControl(collapsed=False).add_to(m)
    m.add_child(_OverlayState())
    m.add_child(_Legend(legend_html(sections, lang=lang, title=legend_title)))
    if fit_to is not None and len(fit_to):
        shapes = fit_to.to_crs("EPSG:4326").geometry
        geoms = shapes.values
        shapes = shapes[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        bounds = shapes.total_bounds if len(shapes) else None
        # Empty or missing geometries give NaN bounds, which would leave Leaflet at a world view.
        if bounds is not None and np.isfinite(bounds).all():
            minx, miny, maxx, maxy = (float(v) for v in bounds)
            m.add_child(_FitWhenSized([[miny, minx], [maxy, maxx]], snap=fit_snap))
    return m


def view_extent(out: dict | None) -> tuple[float, float, float, float] | None:
    """The view streamlit-folium last reported (``returned_objects`` with ``"bounds"``) as
    (west, south, east, north) in degrees, for the briefing PNG; None when none came back.

    On a GCJ-02 basemap the view is in GCJ-02: a few hundred metres off, which moves the paper's edge,
    not what is on it."""
    bounds = (out or {}).get("bounds")
    if not isinstance(bounds, dict):
        return None
    try:
        south_west, north_east = bounds["_southWest"], bounds["_northEast"]
        west, south = float(south_west["lng"]), float(south_west["lat"])
        east, north = float(north_east["lng"]), float(north_east["lat"])
    except (KeyError, TypeError, ValueError):
        return None
    south, north = max(south, -85.0), min(north, 85.0)
    if not all(np.isfinite([west, south, east, north])) or not (west < east and south < north):
        return None
    if east - west >= 360:  # the whole world: no view worth keeping
        return None
    return west, south, east, north


def frame_extent(frame: object) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) in degrees of a frame's features, e.g. to zoom a map to a filtered
    scope (:func:`fit_script`); None without geometry, features or a CRS."""
    if not isinstance(frame, gpd.GeoDataFrame) or frame.crs is None or not len(frame):
        return None
    geoms = frame.geometry.values
    shapes = frame.geometry[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    if not len(shapes):
        return None
    west, south, east, north = (float(v) for v in shapes.to_crs("EPSG:4326").total_bounds)
    return (west, south, east, north) if np.isfinite([west, south, east, north]).all() else None


FIT_MAX_ZOOM = 14  # a scope of one enterprise is not zoomed in further than this


def fit_script(extent: tuple[float, float, float, float], *, map_var: str = "map_div") -> str:
    """JavaScript zooming the drawn map to ``extent`` (west, south, east, north), for the layers a
    widget changes (streamlit-folium runs it when they change, not on every rerun)."""
    west, south, east, north = (float(v) for v in extent)
    return (
        f"\n{map_var}.fitBounds([[{south}, {west}], [{north}, {east}]],"
        f" {{maxZoom: {FIT_MAX_ZOOM}, padding: [16, 16]}});\n"
    )
