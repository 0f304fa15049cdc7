"""A folium map as one standalone HTML file that opens offline, and every download of a map view.

Leaflet's JS/CSS (served locally by ``layers.assets``) are inlined, and the images and fonts
their CSS points at become ``data:`` URIs, so the file needs no server and no CDN. Basemap tiles
still need a network; without one the overlays draw on a blank background.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo import ingest
from geo.briefing import Paper
from geo.downloads import Download, build_downloads
from geo.i18n import Lang, t
from layers.assets import LOCAL_FILES, STATIC_URL, local_path
from layers.base import Field, Layer, Provenance
from layers.mapview import MapLayer

_SCRIPT_RE = re.compile(r'<script\s+src="([^"]+)"\s*>\s*</script>', re.IGNORECASE)
_LINK_RE = re.compile(r'<link\s+rel="stylesheet"\s+href="([^"]+)"\s*/?>', re.IGNORECASE)
_CSS_URL_RE = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")
_MIME = {
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


class SnapshotControl(MacroElement):
    """A map button that saves the current view as a PNG, as the user sees it, in the browser.

    The PNG holds the basemap tiles (re-fetched with CORS; tiles whose server refuses are left
    out and the footer says so), every overlay (canvas, SVG, marker images), the legend, the
    scale bar, a north arrow, the title, the date and the "示意图" note. Needs no plugin or CDN,
    so it works in the app's iframe and in the offline HTML export.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .atlas-snapshot a { font: 600 16px/30px sans-serif; text-align: center; cursor: pointer; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this._parent.get_name() }};
          var opts = {{ this.options | tojson }};
          var FONT = '"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif';
          function rectOf(el, origin) {
            var r = el.getBoundingClientRect();
            return [r.left - origin.left, r.top - origin.top, r.width, r.height];
          }
          function load(src, cors) {
            return new Promise(function (resolve) {
              var im = new Image();
              if (cors) { im.crossOrigin = 'anonymous'; }
              im.onload = function () { resolve(im); };
              im.onerror = function () { resolve(null); };
              im.src = src;
            });
          }
          function svgImage(svg, w, h) {
            var clone = svg.cloneNode(true);
            clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
            clone.setAttribute('width', w);
            clone.setAttribute('height', h);
            clone.style.transform = '';
            var xml = new XMLSerializer().serializeToString(clone);
            return load('data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml), false);
          }
          function swatchColor(span) {
            var st = getComputedStyle(span);
            if (st.borderTopStyle !== 'none' && parseFloat(st.height) === 0) { return [st.borderTopColor, 'line']; }
            if (st.borderRadius && st.borderRadius !== '0px') { return [st.backgroundColor, 'point']; }
            return [st.backgroundColor, 'fill'];
          }
          function drawLegend(ctx, box, W, H) {
            var legend = box.querySelector('.atlas-legend');
            if (!legend) { return; }
            var rows = [];
            legend.querySelectorAll(':scope > div').forEach(function (div) {
              var span = div.querySelector('span[style*="display:inline-block"]');
              rows.push({text: div.innerText.trim(), swatch: span ? swatchColor(span) : null, bold: !span});
            });
            var lh = 17, width = 0;
            ctx.font = '12px ' + FONT;
            rows.forEach(function (r) { width = Math.max(width, ctx.measureText(r.text).width + (r.swatch ? 26 : 0)); });
            var bw = Math.min(width + 16, W * 0.6), bh = rows.length * lh + 10, x = 10, y = H - bh - 12;
            ctx.fillStyle = 'rgba(255,255,255,0.92)';
            ctx.fillRect(x, y, bw, bh);
            ctx.strokeStyle = '#999';
            ctx.strokeRect(x, y, bw, bh);
            rows.forEach(function (r, i) {
              var ty = y + 8 + i * lh + 12, tx = x + 8;
              if (r.swatch) {
                ctx.fillStyle = r.swatch[0];
                ctx.strokeStyle = r.swatch[0];
                if (r.swatch[1] === 'line') { ctx.lineWidth = 3; ctx.beginPath(); ctx.moveTo(tx, ty - 4); ctx.lineTo(tx + 18, ty - 4); ctx.stroke(); }
                else if (r.swatch[1] === 'point') { ctx.beginPath(); ctx.arc(tx + 9, ty - 4, 4.5, 0, 2 * Math.PI); ctx.fill(); }
                else { ctx.globalAlpha = 0.5; ctx.fillRect(tx, ty - 10, 18, 11); ctx.globalAlpha = 1; ctx.lineWidth = 1.5; ctx.strokeRect(tx, ty - 10, 18, 11); }
                tx += 26;
              }
              ctx.fillStyle = '#111';
              ctx.font = (r.bold ? '600 ' : '') + '12px ' + FONT;
              ctx.fillText(r.text, tx, ty);
            });
          }
          function drawScale(ctx, box, W, H) {
            var line = box.querySelector('.leaflet-control-scale-line');
            if (!line) { return; }
            var w = line.getBoundingClientRect().width, x = W - w - 14, y = H - 16;
            ctx.fillStyle = 'rgba(255,255,255,0.8)';
            ctx.fillRect(x - 4, y - 16, w + 8, 20);
            ctx.strokeStyle = '#222';
            ctx.lineWidth = 2;
            ctx.beginPath(); ctx.moveTo(x, y - 6); ctx.lineTo(x, y); ctx.lineTo(x + w, y); ctx.lineTo(x + w, y - 6); ctx.stroke();
            ctx.fillStyle = '#222';
            ctx.font = '11px ' + FONT;
            ctx.fillText(line.innerText.trim(), x + 4, y - 4);
          }
          function drawNorth(ctx, W) {
            var cx = W - 26, ty = 14;
            ctx.fillStyle = '#111';
            ctx.beginPath(); ctx.moveTo(cx, ty + 8); ctx.lineTo(cx - 8, ty + 34); ctx.lineTo(cx, ty + 28); ctx.closePath(); ctx.fill();
            ctx.fillStyle = '#fff';
            ctx.strokeStyle = '#111';
            ctx.beginPath(); ctx.moveTo(cx, ty + 8); ctx.lineTo(cx + 8, ty + 34); ctx.lineTo(cx, ty + 28); ctx.closePath(); ctx.fill(); ctx.stroke();
            ctx.fillStyle = '#111';
            ctx.font = '600 12px ' + FONT;
            ctx.textAlign = 'center';
            ctx.fillText(opts.north, cx, ty + 4);
            ctx.textAlign = 'left';
          }
          async function snapshot() {
            var box = map.getContainer(), origin = box.getBoundingClientRect();
            var W = Math.round(origin.width), H = Math.round(origin.height), TOP = 40, BOTTOM = 30, K = 2;
            var canvas = document.createElement('canvas');
            canvas.width = W * K;
            canvas.height = (H + TOP + BOTTOM) * K;
            var ctx = canvas.getContext('2d');
            ctx.scale(K, K);
            ctx.fillStyle = '#fff';
            ctx.fillRect(0, 0, W, H + TOP + BOTTOM);
            ctx.save();
            ctx.translate(0, TOP);
            ctx.beginPath(); ctx.rect(0, 0, W, H); ctx.clip();
            var missing = 0;
            var tiles = Array.from(box.querySelectorAll('img.leaflet-tile'));
            for (const img of tiles) {
              if (!img.complete || !img.naturalWidth) { continue; }
              const im = await load(img.src, true);
              if (!im) { missing += 1; continue; }
              const r = rectOf(img, origin);
              ctx.drawImage(im, r[0], r[1], r[2], r[3]);
            }
            var overlays = box.querySelectorAll('.leaflet-overlay-pane canvas, .leaflet-overlay-pane svg, .leaflet-marker-pane img, .leaflet-pane > canvas, .leaflet-pane > svg');
            for (const el of Array.from(new Set(overlays))) {
              const r = rectOf(el, origin), tag = el.tagName.toLowerCase();
              if (r[2] === 0 || r[3] === 0) { continue; }
              if (tag === 'canvas') { ctx.drawImage(el, r[0], r[1], r[2], r[3]); }
              else if (tag === 'svg') { const im = await svgImage(el, r[2], r[3]); if (im) { ctx.drawImage(im, r[0], r[1], r[2], r[3]); } }
              else { const im = await load(el.src, true); if (im) { ctx.drawImage(im, r[0], r[1], r[2], r[3]); } }
            }
            drawLegend(ctx, box, W, H);
            drawScale(ctx, box, W, H);
            drawNorth(ctx, W);
            ctx.restore();
            ctx.strokeStyle = '#888';
            ctx.strokeRect(0.5, TOP + 0.5, W - 1, H - 1);
            ctx.fillStyle = '#111';
            ctx.font = '600 18px ' + FONT;
            ctx.fillText(opts.title, 10, 27);
            ctx.font = '12px ' + FONT;
            ctx.fillStyle = '#b00020';
            ctx.textAlign = 'right';
            ctx.fillText(opts.disclaimer, W - 10, 26);
            ctx.textAlign = 'left';
            ctx.fillStyle = '#333';
            var foot = opts.date + (missing ? ' · ' + opts.tiles_missing : '');
            ctx.fillText(foot, 10, TOP + H + 20);
            canvas.toBlob(function (blob) {
              var a = document.createElement('a');
              a.href = URL.createObjectURL(blob);
              a.download = opts.filename;
              document.body.appendChild(a);
              a.click();
              setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 5000);
            }, 'image/png');
          }
          var Control = L.Control.extend({
            options: {position: 'topleft'},
            onAdd: function () {
              var div = L.DomUtil.create('div', 'leaflet-bar atlas-snapshot');
              var a = L.DomUtil.create('a', '', div);
              a.href = '#';
              a.title = opts.button;
              a.setAttribute('role', 'button');
              a.setAttribute('aria-label', opts.button);
              a.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" style="vertical-align:middle" aria-hidden="true">' +
                '<path fill="#333" d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"/></svg>';
              L.DomEvent.on(a, 'click', function (e) { L.DomEvent.stop(e); snapshot(); });
              return div;
            }
          });
          new Control().addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, title: str = "", lang: Lang = "zh", when: date | datetime | None = None) -> None:
        super().__init__()
        self._name = "AtlasSnapshot"
        stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%d")
        zh = lang == "zh"
        stem = re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("_.") or "atlas"
        self.options = {
            "title": title,
            "filename": f"{stem}_截图.png" if zh else f"{stem}_snapshot.png",
            "button": "保存当前视图为 PNG（截图）" if zh else "Save this view as PNG",
            "disclaimer": t("app.disclaimer", lang),
            "date": ("截图日期：" if zh else "Snapshot: ") + stamp,
            "north": "北" if zh else "N",
            "tiles_missing": "部分底图瓦片因跨域限制或离线未能包含"
            if zh
            else "some basemap tiles could not be included",
        }


def _asset_path(url: str) -> Path | None:
    """The vendored file behind an asset URL, or None when there is none."""
    if url.startswith(STATIC_URL) or url in LOCAL_FILES:
        path = local_path(url)
        return path if path.exists() else None
    return None


def _data_uri(path: Path) -> str:
    mime = _MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(css: str, css_path: Path) -> str:
    """Replace relative ``url(...)`` references in a stylesheet by data URIs (missing files by an empty one)."""

    def repl(match: re.Match) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "#", "http:", "https:")):
            return match.group(0)
        target = (css_path.parent / ref.split("?")[0].split("#")[0]).resolve()
        return f'url("{_data_uri(target)}")' if target.is_file() else 'url("data:,")'

    return _CSS_URL_RE.sub(repl, css)


def _script_tag(js: str) -> str:
    return "<script>\n" + js.replace("</script", "<\\/script") + "\n</script>"


def standalone_html(
    m: folium.Map, *, title: str = "", lang: Lang = "zh", when: date | datetime | None = None
) -> str:
    """The map as one HTML document with every local asset inlined.

    Raises
    ------
    ValueError
        When the map references a script or stylesheet that is neither vendored nor inlinable
        (so an "offline" file would silently depend on a CDN).
    """
    doc = m.get_root().render()
    missing: list[str] = []

    def inline_script(match: re.Match) -> str:
        path = _asset_path(match.group(1))
        if path is None:
            missing.append(match.group(1))
            return match.group(0)
        return _script_tag(path.read_text(encoding="utf-8"))

    def inline_link(match: re.Match) -> str:
        path = _asset_path(match.group(1))
        if path is None:
            missing.append(match.group(1))
            return match.group(0)
        return "<style>\n" + _inline_css(path.read_text(encoding="utf-8"), path) + "\n</style>"

    doc = _SCRIPT_RE.sub(inline_script, doc)
    doc = _LINK_RE.sub(inline_link, doc)
    if missing:
        raise ValueError(f"assets not vendored, the HTML would need a network: {missing}")
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%d")
    head = f'<title>{html.escape(title or t("app.title", lang))}</title>\n<meta charset="utf-8" />'
    doc = re.sub(r"<head>", "<head>\n" + head, doc, count=1)
    footer = (
        '<div style="position:fixed;z-index:1001;top:6px;left:50%;transform:translateX(-50%);'
        "background:rgba(255,255,255,0.9);padding:3px 10px;border-radius:4px;font:13px sans-serif;"
        'box-shadow:0 1px 3px rgba(0,0,0,0.25)">'
        f"<b>{html.escape(title)}</b> · {html.escape(t('app.disclaimer', lang))} · {stamp}</div>"
    )
    return doc.replace("</body>", footer + "\n</body>", 1)


def map_html_bytes(
    m: folium.Map, *, title: str = "", lang: Lang = "zh", when: date | datetime | None = None
) -> bytes:
    """:func:`standalone_html` encoded as UTF-8 bytes, for a download button."""
    return standalone_html(m, title=title, lang=lang, when=when).encode("utf-8")


def map_downloads(
    title: str,
    items: Sequence[MapLayer],
    m: folium.Map | None = None,
    *,
    lang: Lang = "zh",
    table: pd.DataFrame | None = None,
    paper: Paper = "a4",
    subtitle: str = "",
    legend_title: str | None = None,
    when: date | datetime | None = None,
) -> dict[str, Download]:
    """Every download of a map view from the same ``MapLayer`` items the map was drawn from.

    Frames, legend rows, per-feature colours (``Layer.color_by``) and provenance come from the
    items, so the PNG and exports match the map; ``m`` adds the offline HTML.
    """
    frames, legend, provenance, colors = {}, {}, {}, {}
    for item in items:
        name = item.layer.title(lang)
        frames[name] = item.frame
        legend[name] = item.layer.legend(item.frame, lang)
        provenance[name] = item.provenance
        if item.layer.color_by is not None:
            colors[name] = list(item.layer.color_by(item.frame))
    html_maker = (lambda: map_html_bytes(m, title=title, lang=lang, when=when)) if m is not None else None
    return build_downloads(
        title,
        frames,
        legend,
        provenance,
        lang=lang,
        colors=colors,
        table=table,
        html=html_maker,
        paper=paper,
        subtitle=subtitle,
        legend_title=legend_title,
        when=when,
    )


# ---- imported layers on the map ---------------------------------------------------------------

USER_COLORS = ("#d62728", "#9467bd", "#17becf", "#bcbd22", "#8c564b")
_TOOLTIP_COLUMNS = ("name", "zone_id", "ent_id", "industry", "town", "land_mu", "tax_wan_yuan", "area_km2")


def user_map_layer(meta: pd.Series, frame: gpd.GeoDataFrame, *, index: int = 0) -> MapLayer:
    """An imported layer drawn like a built-in one: its title, a colour, name/ID tooltips and the
    provenance recorded at import (``meta`` is a row of ``geo.ingest.list_user_layers()``)."""
    geom = frame.geom_type.iloc[0] if len(frame) else "Point"
    kind = "polygon" if "Polygon" in geom else "line" if "Line" in geom else "point"
    shown = [c for c in _TOOLTIP_COLUMNS if c in frame.columns]
    if not shown:
        shown = [c for c in frame.columns if c != frame.geometry.name][:4]
    layer = Layer(
        name=str(meta["layer"]),
        source=str(meta["layer"]),
        title_zh=str(meta["title_zh"]),
        title_en=str(meta["title_en"]),
        group=t("export.user_group", "zh"),
        kind=kind,
        color=USER_COLORS[index % len(USER_COLORS)],
        fill_opacity=0.25,
        radius=4.0,
        tooltip_fields=tuple(Field(c, ingest.FIELD_ZH.get(c, c), c) for c in shown),
    )
    prov = Provenance(
        accuracy=str(meta["accuracy"]),
        source=str(meta["source"]),
        licence=str(meta["licence"] or ""),
        note=str(meta["note"] or ""),
    )
    return MapLayer(layer, frame, prov)


def user_map_layers(*, kind: str | None = None, path=None) -> list[MapLayer]:
    """Every stored import (optionally of one ``kind``: zones / enterprises / other) as map layers."""
    meta = ingest.list_user_layers(kind=kind, path=path)
    return [
        user_map_layer(row, ingest.load_user_layer(row["layer"], path=path), index=i)
        for i, (_, row) in enumerate(meta.iterrows())
    ]
