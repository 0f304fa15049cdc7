"""Land parcels (宗地) on one canvas, fast enough for all of Wujiang's (~17,700 polygons).

As for the enterprise points (layers/enterprises.py), one GeoJSON feature per parcel with its own
style and handlers would be megabytes and seconds of drawing. The parcels travel as compact
arrays instead: each outer ring simplified (0.5 m) and quantised to 1e-5° (~1 m), its vertices
delta-coded as integers; one palette index per parcel; a mark flag (below the control minimum
of its industry: drawn with a red outline); the parcel ids; and the tooltip fields. One Leaflet
layer draws them on its own canvas; a parcel smaller than two pixels at the current zoom is
drawn as a 2-pixel square, so every parcel stays visible at district scale. Hover shows the
tooltip, a click returns ``{parcel_id}`` to streamlit-folium (``last_active_drawing``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import shapely

from geo.exports.sheets import fitting_name
from geo.land.parcels import PARCEL_METRICS
from geo.messages import Lang, message, t
from geo.spatial.crs import convert_coords
from layers.base import Field, Layer, LegendEntry
from layers.canvas import CanvasElement, CanvasLayer, palette_indices, storage_geometry, tooltip_columns
from layers.intensity import NO_DATA_COLOR, Classes, class_legend, ramp

COORD_DECIMALS = 5  # ~1 m
SIMPLIFY_DEG = 0.000005  # ~0.5 m: drops collinear vertices, keeps the shape
# Parcels coloured by their indicator, light (low) to dark (high): ColorBrewer YlGnBu.
PARCEL_RAMP = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")
MARK_COLOR = "#e31a1c"  # outline of parcels below the control minimum
IDLE_COLOR = "#ff7f00"  # idle parcels (闲置) when the indicator is not computable there
PANEL_DECIMALS = 2  # a tooltip's figures, as pages/intensity/parcel_tabs.panel_value gives them


def metric_label(metric: str, lang: Lang, *, with_unit: bool = True) -> str:
    """``容积率`` / ``建筑系数（%）`` / ``Investment per mu (10k yuan/mu)``."""
    zh, en, unit_zh, unit_en = PARCEL_METRICS[metric]
    if lang == "en":
        return f"{en} ({unit_en})" if with_unit and unit_en else en
    return f"{zh}（{unit_zh}）" if with_unit and unit_zh else zh


class _CanvasParcels(CanvasElement):
    """All parcels drawn by one Leaflet layer on its own canvas, from compact arrays."""

    js_class = "AtlasParcels"
    js_methods = """
              _css: 'atlas-parcels',
              initialize: function (d) {
                this._d = d; this._n = d.id.length; this._X = null;
                // Decode the delta-coded rings once: lon/lat per vertex (Float64), ring starts.
                var s = d.scale, nv = 0, k;
                for (k = 0; k < d.vc.length; k++) nv += d.vc[k];
                var lon = this._lon = new Float64Array(nv), lat = this._lat = new Float64Array(nv);
                var rs = this._rs = new Int32Array(d.vc.length + 1), p = 0, q = 0, x = 0, y = 0;
                for (k = 0; k < d.vc.length; k++) {
                  rs[k] = q;
                  for (var v = 0; v < d.vc[k]; v++) {
                    x += d.xy[p++]; y += d.xy[p++];
                    lon[q] = x / s; lat[q] = y / s; q++;
                  }
                }
                rs[d.vc.length] = q;
                var fs = this._fs = new Int32Array(this._n + 1), r = 0;
                for (k = 0; k < this._n; k++) { fs[k] = r; r += d.rc[k]; }
                fs[this._n] = r;
              },
              drawn: function () { return this._drawn || 0; },
              marked: function () { return this._markedDrawn || 0; },
              _redraw: function () {
                var map = this._map, d = this._d, n = this._n;
                if (!map) return;
                var size = this._fit();
                if (!this._X) {
                  var xy = this._projectAll(this._lon, this._lat); this._X = xy[0]; this._Y = xy[1];
                }
                this._place(this._X, this._Y);
                var px = this._px, py = this._py;
                var bb = this._bb = new Float32Array(4 * n), fs = this._fs, rs = this._rs;
                var ctx = this._canvas.getContext('2d'), drawn = 0, marked = 0;
                // a style is set only when it changes (each setting is parsed: 17,695 parcels)
                var fill = null, alpha = -1, line = null, EDGE = 'rgba(60,60,60,0.7)';
                ctx.lineJoin = 'round';
                for (var f = 0; f < n; f++) {
                  var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
                  for (var v = rs[fs[f]]; v < rs[fs[f + 1]]; v++) {
                    if (px[v] < x0) x0 = px[v]; if (px[v] > x1) x1 = px[v];
                    if (py[v] < y0) y0 = py[v]; if (py[v] > y1) y1 = py[v];
                  }
                  bb[4 * f] = x0; bb[4 * f + 1] = y0; bb[4 * f + 2] = x1; bb[4 * f + 3] = y1;
                  if (x1 < -2 || y1 < -2 || x0 > size.x + 2 || y0 > size.y + 2) continue;
                  drawn++;
                  var mark = d.m[f] === 1, col = d.palette[d.c[f]];
                  if (col !== fill) ctx.fillStyle = fill = col;
                  if (alpha !== 0.85) ctx.globalAlpha = alpha = 0.85;
                  if (x1 - x0 < 2 && y1 - y0 < 2) {
                    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
                    if (d.fill) ctx.fillRect(cx - 1, cy - 1, 2, 2);
                    // a one-pixel dot: a frame around a 2-pixel parcel would hide its colour
                    if (mark) {
                      marked++; ctx.globalAlpha = alpha = 1; ctx.fillStyle = fill = d.mark;
                      ctx.fillRect(Math.floor(cx), Math.floor(cy), 1, 1);
                    }
                    continue;
                  }
                  ctx.beginPath();
                  for (var k = fs[f]; k < fs[f + 1]; k++) {
                    for (var w = rs[k]; w < rs[k + 1]; w++) {
                      if (w === rs[k]) ctx.moveTo(px[w], py[w]); else ctx.lineTo(px[w], py[w]);
                    }
                    ctx.closePath();
                  }
                  if (d.fill) ctx.fill('evenodd');
                  ctx.globalAlpha = alpha = 1;
                  // the red frame grows with the parcel (up to 2 px): it must not cover the colour
                  if (mark) { marked++; ctx.strokeStyle = line = d.mark;
                              ctx.lineWidth = Math.max(0.6, Math.min(2, Math.min(x1 - x0, y1 - y0) / 10)); }
                  else if (line !== EDGE) { ctx.strokeStyle = line = EDGE; ctx.lineWidth = 0.5; }
                  ctx.stroke();
                }
                this._drawn = drawn; this._markedDrawn = marked;
              },
              _inside: function (f, x, y) {
                var px = this._px, py = this._py, fs = this._fs, rs = this._rs, inside = false;
                for (var k = fs[f]; k < fs[f + 1]; k++) {
                  for (var a = rs[k], b = rs[k + 1] - 1; a < rs[k + 1]; b = a++) {
                    if ((py[a] > y) !== (py[b] > y) &&
                        x < (px[b] - px[a]) * (y - py[a]) / (py[b] - py[a]) + px[a]) inside = !inside;
                  }
                }
                return inside;
              },
              _find: function (e) {
                if (!this._bb) return -1;
                var x = e.containerPoint.x, y = e.containerPoint.y, bb = this._bb;
                for (var f = this._n - 1; f >= 0; f--) {
                  var x0 = bb[4 * f], y0 = bb[4 * f + 1], x1 = bb[4 * f + 2], y1 = bb[4 * f + 3];
                  if (x1 - x0 < 4 && y1 - y0 < 4) {  // tiny at this zoom: its square counts
                    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
                    if (Math.abs(cx - x) <= 2.5 && Math.abs(cy - y) <= 2.5) return f;
                    continue;
                  }
                  if (x < x0 || x > x1 || y < y0 || y > y1) continue;
                  if (this._inside(f, x, y)) return f;
                }
                return -1;
              },
              _latlng: function (i) { return this._map.containerPointToLatLng(
                [(this._bb[4 * i] + this._bb[4 * i + 2]) / 2, this._bb[4 * i + 1]]); },
              _clickAt: function (i, e) { return e.latlng; },
              _props: function (i) { return {parcel_id: this._d.id[i]}; }
"""


def _rings(geoms: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Rings per feature (outer rings of every part; holes are left out) and each ring's vertices."""
    counts = np.zeros(len(geoms), dtype=np.int64)
    rings: list[np.ndarray] = []
    for i, g in enumerate(geoms):
        if g is None or g.is_empty:
            continue
        parts = g.geoms if g.geom_type == "MultiPolygon" else (g,)
        for part in parts:
            coords = np.asarray(part.exterior.coords)[:-1]  # the closing vertex is implied
            if len(coords) >= 3:
                rings.append(coords)
                counts[i] += 1
    return counts, rings


def compact_payload(layer: Layer, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False) -> dict:
    """The arrays the browser needs to draw ``gdf`` (not modified); ``mark`` column: outlined red."""
    geom = storage_geometry(layer, gdf)
    simplified = shapely.simplify(geom.to_numpy(), SIMPLIFY_DEG, preserve_topology=True)
    counts, rings = _rings(simplified)
    scale = 10**COORD_DECIMALS
    if rings:
        xy = np.concatenate(rings)
        lon, lat = xy[:, 0], xy[:, 1]
        if gcj02:
            lon, lat = convert_coords(lon, lat, src="wgs84", dst="gcj02")
        q = np.column_stack([np.round(lon * scale), np.round(lat * scale)]).astype(np.int64)
        deltas = np.diff(q, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
        flat = deltas.ravel().tolist()
        vc = [len(r) for r in rings]
    else:
        flat, vc = [], []
    palette, color_idx = palette_indices(layer, gdf)
    mark = gdf["mark"].fillna(False).to_numpy(dtype=bool) if "mark" in gdf else np.zeros(len(gdf), dtype=bool)
    return {
        "scale": scale,
        "xy": flat,
        "vc": vc,
        "rc": counts.astype(int).tolist(),
        "palette": palette,
        "c": color_idx,
        "m": mark.astype(int).tolist(),
        "mark": MARK_COLOR,
        "fill": layer.fill_opacity > 0,  # an outline-only layer (e.g. the below-minimum marks)
        "id": [html.escape(str(v)) for v in gdf["parcel_id"]],
        # figures with two decimals, as the parcel's panel gives them (容积率 0.96 under a minimum of
        # 1.00, never "1" beside "1" with 容积率低于控制下限)
        "cols": tooltip_columns(layer, gdf, lang, {"parcel_id": "id"}, decimals=PANEL_DECIMALS),
    }


@dataclass(frozen=True)
class ParcelLayer(CanvasLayer):
    """A polygon layer drawn from compact arrays on one canvas (see the module docstring)."""

    element = _CanvasParcels

    def payload(self, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False) -> dict:
        return compact_payload(self, gdf, lang=lang, gcj02=gcj02)


LAYER = ParcelLayer(
    name="parcels",
    source="parcels",
    title_zh="吴江工业宗地（合成）",
    title_en="Wujiang industrial parcels (synthetic)",
    group="用地",
    kind="polygon",
    color="#7fcdbb",
    fill_opacity=0.8,
    weight=0.5,
    tooltip_fields=(
        Field("parcel_id", "宗地编号", "Parcel id"),
        Field("ent_id", "企业编号", "Enterprise id"),
        Field("town", "区镇", "Town/zone", names="place"),
        Field("area_mu", "面积（亩）", "Area (mu)"),
        Field("land_use", "用地性质", "Land use"),
        Field("far", "容积率", "FAR"),
        Field("coverage_pct", "建筑系数（%）", "Building coverage (%)"),
    ),
)


def by_metric_class(metric: str, classes: Classes) -> ParcelLayer:
    """Parcels coloured by the class of ``metric`` (light low -> dark high); idle ones orange, those
    without a value grey (无法计算); a ``mark`` column outlines parcels red. Build ``classes``
    from the parcels in use (not idle ones, whose zero FAR would open the first class)."""
    zh, en, _, _ = PARCEL_METRICS[metric]

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        values = frame[metric].to_numpy(dtype="float64")
        idx = classes.classify(values)
        palette = np.array(ramp(PARCEL_RAMP, len(classes.bins)))
        idle = frame["idle"].to_numpy(dtype=bool) if "idle" in frame else np.zeros(len(frame), dtype=bool)
        return np.where(idle, IDLE_COLOR, np.where(idx >= 0, palette[np.maximum(idx, 0)], NO_DATA_COLOR))

    unit = PARCEL_METRICS[metric][2]

    def legend(frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        rows = class_legend(classes, metric, PARCEL_RAMP, "fill", lang, unit=unit)
        rows.insert(-1, LegendEntry(t("parcel.idle", lang), IDLE_COLOR, "fill", 0.85))
        return rows

    fields = list(LAYER.tooltip_fields)
    if metric not in ("far", "coverage_pct"):
        fields.append(Field(metric, metric_label(metric, "zh"), metric_label(metric, "en")))
    fields.append(Field("reasons", "低效认定理由", "Low-efficiency reasons", en_column="reasons_en"))
    fields.append(Field("verdict", "履约结论", "Contract verdict", en_column="verdict_en"))
    named = en if en.isupper() else en.lower()
    title_en = f"Parcels by {named} class (synthetic)"
    return replace(
        LAYER,
        title_zh=f"宗地{zh}分级（合成）",
        title_en=title_en,
        sheet_en=fitting_name(title_en, message("layer.sheet.parcels_by", "en", metric=named)),
        tooltip_fields=tuple(fields),
        color_by=colors,
        legend_entries=legend,
    )


def below_minimum() -> ParcelLayer:
    """The parcels below the control minimum of their industry as red outlines (no fill), drawn
    above the coloured parcels; as its own layer it reaches the briefing PNG and the exports too."""

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return [LegendEntry(t("parcel.below_min", lang), MARK_COLOR, "line", 1.0)]

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        return np.full(len(frame), MARK_COLOR)

    return replace(
        LAYER,
        name="parcels_below_minimum",
        title_zh="低于控制下限的宗地（合成）",
        title_en="Parcels below the control minimum (synthetic)",
        sheet_en=t("layer.sheet.below_min", "en"),
        color=MARK_COLOR,
        fill_opacity=0.0,
        weight=2.0,
        tooltip_fields=(
            *LAYER.tooltip_fields,
            Field("far_min", "容积率下限", "FAR minimum"),
            Field("coverage_min_pct", "建筑系数下限（%）", "Coverage minimum (%)"),
        ),
        color_by=colors,
        legend_entries=legend,
        marks_layer_below_by="parcel_id",
    )
