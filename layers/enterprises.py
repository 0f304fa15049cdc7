"""Wujiang enterprises (synthetic) as points on one canvas, fast enough for all ~16,766 of them.

Instead of one GeoJSON feature per enterprise (with a style entry, a highlight handler and the
full property set each: ~7 MB and ~3.6 s to draw), the points travel as compact column arrays
(~0.7 MB): coordinates rounded to 5 decimals (~1 m), one palette index per point, and for each
tooltip field a lookup index (few distinct values) or the escaped value. One Leaflet layer draws
them all on its own canvas (no per-point Leaflet objects), shows the hover tooltip and returns a
clicked point as the feature ``{ent_id, industry}`` to streamlit-folium; the page shows the
details beside the map.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.evaluation.metrics import enterprise_ratios
from geo.exports.sheets import fitting_name
from geo.messages import Lang, message, t
from geo.messages.names import industry_name
from geo.spatial.crs import STORAGE_CRS, convert_coords
from geo.spatial.point_spacing import pick_zoom
from geo.storage.schema import WUJIANG_INDUSTRIES
from layers.base import Field, Layer, LegendEntry
from layers.canvas import CanvasElement, CanvasLayer, palette_indices, storage_geometry, tooltip_columns
from layers.intensity import NO_DATA_COLOR, POINT_RAMP, Classes, class_legend, ramp

COORD_DECIMALS = 5  # ~1 m: enough for a point on a town-scale map, half the bytes of 1e-7
STROKE_PX = 1.2  # the width of a point's edge, for a layer drawn with one (``EnterpriseLayer.stroke``)
PICK_MARGIN_PX = 2  # a point answers the mouse this far beyond its drawn radius (the + 2 of ``_find``)
INDUSTRY_COLORS = {
    "高端装备": "#1f78b4",
    "高端纺织": "#e7298a",
    "新材料": "#33a02c",
    "生物医药和医疗器械": "#ff7f00",
    "新一代信息技术": "#6a3d9a",
    "光电通信": "#e31a1c",
    "其他制造业": "#999999",
}


def _industry_colors(frame: gpd.GeoDataFrame) -> np.ndarray:
    return frame["industry"].map(INDUSTRY_COLORS).fillna(INDUSTRY_COLORS["其他制造业"]).to_numpy()


def _industry_legend(frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
    present = set(frame["industry"]) if len(frame) else set()
    return [
        LegendEntry(industry_name(ind, lang), INDUSTRY_COLORS[ind], "point")
        for ind in WUJIANG_INDUSTRIES
        if ind in present
    ]


class _CanvasPoints(CanvasElement):
    """All points drawn by one Leaflet layer on its own canvas, from column arrays.

    The layer projects and fills the points once per view change, in data order (some 20 ms for
    16,766 points). It finds the point under the mouse itself (nearest within the radius) for the
    hover tooltip and, on click, returns the feature ``{ent_id, industry}`` (see layers/canvas.py).
    A click on a point also reaches the shape below it first; the point, handled last, wins.
    Only from the payload's ``pick_zoom`` on, where most points stand apart
    (:func:`geo.spatial.point_spacing.pick_zoom`): below it the points cover one another (Wujiang's
    16,766 at the opening zoom 10), a click would pick one of many the user did not mean, and the
    hover and the click are left to the shape below (the town: its tooltip and its card).
    """

    js_class = "AtlasPoints"
    js_methods = """
              _css: 'atlas-points',
              initialize: function (d) { this._d = d; this._n = d.x.length; this._X = null; },
              _redraw: function () {
                var map = this._map, d = this._d, n = this._n, s = d.scale;
                if (!map) return;
                var size = this._fit();
                if (!this._X) {
                  var lon = new Float64Array(n), lat = new Float64Array(n);
                  for (var k = 0; k < n; k++) { lon[k] = d.x[k] / s; lat[k] = d.y[k] / s; }
                  var xy = this._projectAll(lon, lat); this._X = xy[0]; this._Y = xy[1];
                }
                this._place(this._X, this._Y);
                var px = this._px, py = this._py;
                var ctx = this._canvas.getContext('2d'), rad = d.radius, tau = 2 * Math.PI, fill = null;
                ctx.globalAlpha = 0.85;
                // a dark edge: a point tells apart from a light ground and from a point it overlaps
                if (d.stroke) { ctx.strokeStyle = d.stroke; ctx.lineWidth = d.stroke_px; }
                // In data order (not colour by colour), so that no colour is always on top.
                for (var j = 0; j < n; j++) {
                  if (px[j] < -rad || py[j] < -rad || px[j] > size.x + rad || py[j] > size.y + rad) continue;
                  ctx.beginPath();
                  ctx.arc(px[j], py[j], rad, 0, tau);
                  var col = d.palette[d.c[j]];
                  if (col !== fill) ctx.fillStyle = fill = col;  // set only when it changes: parsed each time
                  ctx.fill();
                  if (d.stroke) ctx.stroke();
                }
              },
              _find: function (e) {
                // below the zoom where the points stand apart a click is the shape's below (a town's)
                if (!this._px || this._map.getZoom() < this._d.pick_zoom) return -1;
                var x = e.containerPoint.x, y = e.containerPoint.y, best = -1;
                var lim = (this._d.radius + 2) * (this._d.radius + 2), px = this._px, py = this._py;
                for (var i = this._n - 1; i >= 0; i--) {  // last drawn is on top
                  var dx = px[i] - x, dy = py[i] - y, q = dx * dx + dy * dy;
                  if (q <= lim) { lim = q; best = i; }
                }
                return best;
              },
              _latlng: function (i) {
                var s = this._d.scale;
                return L.latLng(this._d.y[i] / s, this._d.x[i] / s);
              },
              _clickAt: function (i) { return this._latlng(i); },
              _props: function (i) {
                var d = this._d;
                return {ent_id: d.id[i], industry: d.industry[d.ind[i]]};
              }
"""


def click_zoom(layer: Layer, gdf: gpd.GeoDataFrame) -> int:
    """The zoom from which ``layer``'s points in ``gdf`` answer the mouse (below it, the shape under
    them does): where most stand apart by two of their reaches (the drawn radius and
    :data:`PICK_MARGIN_PX`), see :func:`geo.spatial.point_spacing.pick_zoom`."""
    geom = storage_geometry(layer, gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty])
    return _pick_zoom(layer, geom.x.to_numpy(), geom.y.to_numpy())


def _pick_zoom(layer: Layer, lon: np.ndarray, lat: np.ndarray) -> int:
    return pick_zoom(lon, lat, apart_px=2 * (layer.radius + PICK_MARGIN_PX))


def compact_payload(layer: Layer, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False) -> dict:
    """The column arrays the browser needs to draw ``gdf`` (which is not modified)."""
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]  # unlocated enterprises are not drawn
    geom = storage_geometry(layer, gdf)
    lon, lat = geom.x.to_numpy(), geom.y.to_numpy()
    if gcj02:
        lon, lat = convert_coords(lon, lat, src="wgs84", dst="gcj02")
    scale = 10**COORD_DECIMALS
    palette, color_idx = palette_indices(layer, gdf)
    # Imported point layers may hold neither an id nor an industry column.
    industries = pd.Categorical(
        gdf["industry"].astype(str) if "industry" in gdf.columns else np.full(len(gdf), "")
    )
    ids = gdf["ent_id"] if "ent_id" in gdf.columns else pd.Series([""] * len(gdf), dtype=object)
    return {
        "scale": scale,
        "radius": layer.radius,
        **({"stroke": layer.stroke, "stroke_px": STROKE_PX} if getattr(layer, "stroke", "") else {}),
        # 0: the points answer the mouse at every zoom
        "pick_zoom": _pick_zoom(layer, lon, lat) if getattr(layer, "click_apart", False) else 0,
        "x": np.round(lon * scale).astype(np.int64).tolist(),
        "y": np.round(lat * scale).astype(np.int64).tolist(),
        "palette": palette,
        "c": color_idx,
        "id": [html.escape(str(v)) for v in ids],
        "industry": [html.escape(c) for c in industries.categories],
        "ind": industries.codes.astype(int).tolist(),
        # ent_id and industry are already in the payload's own arrays (the industry as the data name
        # it, which a click returns: an English tooltip carries the English names of its own)
        "cols": tooltip_columns(
            layer, gdf, lang, {"ent_id": "id", **({} if lang == "en" else {"industry": "industry"})}
        ),
    }


@dataclass(frozen=True)
class EnterpriseLayer(CanvasLayer):
    """A point layer drawn from compact column arrays (see the module docstring).

    ``click_apart``: the points answer hover and click only from the zoom where most stand apart
    (:func:`click_zoom`), the shape below them before: on 吴江's map (:data:`LAYER`) a click in a
    town opens the town. The 亩均 page's class and warning layers keep every zoom: there the
    enterprise is what a click is for.

    ``stroke``: the colour of a dark edge round each point (:data:`STROKE_PX` wide), "" for none.
    """

    element = _CanvasPoints
    click_apart: bool = False
    stroke: str = ""

    def payload(self, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False) -> dict:
        return compact_payload(self, gdf, lang=lang, gcj02=gcj02)


LAYER = EnterpriseLayer(
    name="enterprises",
    source="enterprises",
    title_zh="吴江企业（合成，按产业着色）",
    title_en="Wujiang enterprises (synthetic, by industry)",
    group="企业",
    kind="point",
    radius=2.5,
    # No names in the hover tooltip: they would triple the payload; a click shows the full record.
    tooltip_fields=(
        Field("ent_id", "企业编号", "Enterprise id"),
        Field("industry", "产业", "Industry", names="industry"),
        Field("town", "区镇", "Town/zone", names="place"),
        Field("land_mu", "用地（亩）", "Land (mu)"),
        Field("tax_wan_yuan", "税收（万元）", "Tax (10k yuan)"),
    ),
    color_by=_industry_colors,
    legend_entries=_industry_legend,
    click_apart=True,
)


# ---- imported point layers ------------------------------------------------------------------

GRID_ABOVE = 20_000  # an imported point layer with more points is drawn as grid-cell counts
GRID_CELL_DEG = 0.01  # ~1 km cells around Suzhou
COUNT_RAMP = ("#fcbba1", "#fb6a4a", "#cb181d", "#67000d")
COUNT_BREAKS = (10, 50, 200)  # cells with < 10, < 50, < 200, >= 200 points


def grid_counts(frame: gpd.GeoDataFrame, cell_deg: float = GRID_CELL_DEG) -> gpd.GeoDataFrame:
    """One point per occupied grid cell of ``cell_deg`` degrees (WGS-84): the mean position of
    the cell's points and their number (``n_points``). The input is not modified."""
    geom = frame.geometry
    if frame.crs is not None and not frame.crs.equals(gpd.GeoSeries(crs=STORAGE_CRS).crs):
        geom = geom.to_crs(STORAGE_CRS)
    geom = geom[~(geom.is_empty | geom.isna())]
    lon, lat = geom.x.to_numpy(), geom.y.to_numpy()
    cells = pd.DataFrame(
        {"ix": np.floor(lon / cell_deg), "iy": np.floor(lat / cell_deg), "lon": lon, "lat": lat}
    )
    grouped = cells.groupby(["ix", "iy"], sort=True).agg(
        lon=("lon", "mean"), lat=("lat", "mean"), n_points=("lon", "size")
    )
    return gpd.GeoDataFrame(
        {"n_points": grouped["n_points"].to_numpy()},
        geometry=gpd.points_from_xy(grouped["lon"], grouped["lat"]),
        crs=STORAGE_CRS,
    )


def _count_colors(frame: gpd.GeoDataFrame) -> np.ndarray:
    return np.array(COUNT_RAMP)[np.searchsorted(COUNT_BREAKS, frame["n_points"].to_numpy(), side="right")]


@dataclass(frozen=True)
class PointLayer(EnterpriseLayer):
    """An imported point layer on the one-canvas renderer; above :data:`GRID_ABOVE` points it is
    drawn as grid-cell counts (the frame itself, e.g. for downloads, stays whole)."""

    def _grid(self, gdf: gpd.GeoDataFrame) -> bool:
        return len(gdf) > GRID_ABOVE

    def payload(self, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False) -> dict:
        if not self._grid(gdf):
            return super().payload(gdf, lang=lang, gcj02=gcj02)
        layer = replace(
            self,
            radius=4.0,
            tooltip_fields=(Field("n_points", "该网格内要素数", "Features in this cell"),),
            color_by=_count_colors,
        )
        return compact_payload(layer, grid_counts(gdf), lang=lang, gcj02=gcj02)

    def legend(self, gdf: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        if not self._grid(gdf):
            return super().legend(gdf, lang)
        km = round(GRID_CELL_DEG * 111)
        lows = (1, *COUNT_BREAKS)
        highs = (*(b - 1 for b in COUNT_BREAKS), None)
        unit = "points per" if lang == "en" else "个/"
        rows = []
        for color, lo, hi in zip(COUNT_RAMP, lows, highs, strict=True):
            span = f"{lo:,}–{hi:,}" if hi is not None else f"≥ {lo:,}"
            text = f"{span} {unit} {km} km cell" if lang == "en" else f"{span} {unit}{km} km 网格"
            rows.append(LegendEntry(text, color, "point"))
        return rows


def with_metric(frame: gpd.GeoDataFrame, metric: str) -> gpd.GeoDataFrame:
    """A copy of ``frame`` with each enterprise's own ``metric`` in a column of that name (NaN: 无法计算)."""
    out = frame.copy()
    out[metric] = enterprise_ratios(frame)[metric].to_numpy()
    return out


def by_metric_class(metric: str, classes: Classes, *, label_zh: str, label_en: str) -> EnterpriseLayer:
    """Enterprises coloured by the class of their own ``metric`` (red low -> green high).

    The tooltip shows the ``metric`` column added by :func:`with_metric`.
    """

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        values = enterprise_ratios(frame)[metric].to_numpy()
        idx = classes.classify(values)
        palette = np.array(ramp(POINT_RAMP, len(classes.bins)))
        return np.where(idx >= 0, palette[np.maximum(idx, 0)], NO_DATA_COLOR)

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return class_legend(classes, metric, POINT_RAMP, "point", lang)

    # mid-sentence: "Enterprises by sales per mu class", "... by R&D share of sales class"
    named = label_en[:1].lower() + label_en[1:] if label_en[1:2].islower() else label_en
    title_en = f"Enterprises by {named} class (synthetic)"
    return replace(
        LAYER,
        title_zh=f"企业{label_zh}分级（合成）",
        title_en=title_en,
        sheet_en=fitting_name(
            title_en,
            *(message(f"layer.sheet.{k}", "en", metric=named) for k in ("firms_by", "firms_short")),
            t("layer.sheet.firms_any", "en"),
        ),
        tooltip_fields=(
            *LAYER.tooltip_fields[:3],
            Field(metric, label_zh, label_en),
        ),
        color_by=colors,
        legend_entries=legend,
    )
