"""A folium map as one standalone HTML file that opens offline, and every download of a map view.

Leaflet's JS/CSS (served locally by ``layers.assets``) are inlined, and the images and fonts
their CSS points at become ``data:`` URIs, so the file needs no server and no CDN. Basemap tiles
still need a network; without one the overlays draw on a blank background.
"""

from __future__ import annotations

import base64
import html
import io
import mimetypes
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd

from geo.exports.briefing import Extent, Paper
from geo.exports.downloads import Download, build_downloads
from geo.exports.filenames import safe_filename
from geo.exports.tables import MIME_TYPES, geojson_layer_files, split_by_geometry
from geo.messages import Lang, message, t
from geo.messages.formats import beijing_today
from layers.assets import LOCAL_FILES, STATIC_URL, local_path
from layers.mapview import MapLayer
from layers.user_layers import own_labels

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
    """Replace relative ``url(...)`` references in a stylesheet by data URIs (missing files by an
    empty one)."""

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
    stamp = (when or beijing_today()).strftime("%Y-%m-%d")
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


class _OnDemand(Mapping):
    """A mapping whose values are made (once) when first looked up."""

    def __init__(self, makers: dict[str, Callable[[], object]]) -> None:
        self._makers, self._made = makers, {}

    def __getitem__(self, key: str):
        if key not in self._made:
            self._made[key] = self._makers[key]()
        return self._made[key]

    def __iter__(self):
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def map_downloads(
    title: str,
    items: Sequence[MapLayer],
    m: folium.Map | Callable[[], folium.Map] | None = None,
    *,
    lang: Lang = "zh",
    table: pd.DataFrame | None = None,
    paper: Paper = "a4",
    subtitle: str = "",
    legend_title: str | None = None,
    when: date | datetime | None = None,
    extent: Extent | None = None,
    outlines: Sequence[MapLayer] = (),
    under: Sequence[MapLayer] = (),
    fitted: Extent | None = None,
) -> dict[str, Download]:
    """Every download of a map view from the same ``MapLayer`` items the map was drawn from.

    Frames, legend rows, per-feature colours (``Layer.color_by``) and provenance come from the
    items, so the PNG and exports match the map; ``m`` (the map, or a function building it on
    click) adds the offline HTML; ``extent`` (the view on screen, e.g. ``layers.mapview.view_extent``)
    is what the briefing PNGs show. The GeoJSON reads as the CSV does (:func:`layers_geojson`): one
    file per layer, headed and named in ``lang``, on every page. ``outlines``: what the user
    clicked, drawn over the map of the briefing PNGs only (e.g. :func:`layers.districts.clicked`,
    as the live map outlines it; the data are the layers' own), in the legend without a source.
    ``under``: what the map draws under the items to place them (e.g. the districts' and 区镇's
    outlines under a user's own zones, :func:`pages.common.maps.reference_layers`), in the briefing
    PNGs only, first and in their order, with their legend rows and sources; not in the tables.
    ``fitted``: what the map was fitted to (every layer, the ones switched off too), so that the
    briefing PNGs keep the view's frame when a layer is switched off (walk19).
    """
    frames, provenance, by_name = {}, {}, {}
    for item in items:
        name = item.layer.title(lang)
        frames[name] = own_labels(item.layer, item.frame, lang)  # a user's areas named as written
        provenance[name] = item.provenance
        by_name[name] = item
    drawn = {item.layer.title(lang): item for item in outlines if len(item.frame)}
    frames.update({name: item.frame for name, item in drawn.items() if name not in frames})
    below = {item.layer.title(lang): item for item in under}
    below = {name: item for name, item in below.items() if name not in frames}
    if below:  # drawn first (bottom), as on the map
        frames = {**{name: item.frame for name, item in below.items()}, **frames}
        provenance = {**{name: item.provenance for name, item in below.items()}, **provenance}
    # Legend rows and per-feature colours only go into the PNG: worked out when it is made (a
    # page builds its downloads on every run, and they cost a pass over every feature).
    legend = _OnDemand(
        {n: (lambda i=i: i.layer.legend(i.frame, lang)) for n, i in {**below, **drawn, **by_name}.items()}
    )
    colors = _OnDemand(
        {
            n: (lambda i=i: list(i.layer.color_by(i.frame)))
            for n, i in by_name.items()
            if i.layer.color_by is not None
        }
    )
    if m is None:
        html_maker = None
    else:  # the map, or a function building it (then only when the HTML is asked for)
        html_maker = lambda: map_html_bytes(m() if callable(m) else m, title=title, lang=lang, when=when)  # noqa: E731
    out = build_downloads(
        title,
        frames,
        legend,
        provenance,
        lang=lang,
        colors=colors,
        table=table,
        # the CSV and XLSX read as the map does: labelled columns, names in ``lang``
        tables=lambda: {n: i.layer.table(i.frame, lang) for n, i in by_name.items()},
        html=html_maker,
        paper=paper,
        subtitle=subtitle,
        legend_title=legend_title,
        when=when,
        extent=extent,
        fitted=fitted,
        sheets={n: i.layer.sheet_title(lang) for n, i in by_name.items()},
    )
    out["geojson"] = layers_geojson(title, items, lang=lang, when=when)
    return out


def marks_as_columns(items: Sequence[MapLayer]) -> list[MapLayer]:
    """The layers with each outline layer (``Layer.marks_layer_below_by``) folded into the layer below
    it: that layer gains ``mark`` (whether the outline marks the feature) and the outline's own
    fields (the parcels' 容积率下限), matched by the key column; the outline is then left out. An
    outline with nothing below it sharing the key stays a layer of its own.
    """
    out: list[MapLayer] = []
    for item in items:
        key = item.layer.marks_layer_below_by
        below = out[-1] if out else None
        if not key or below is None or key not in item.frame or key not in below.frame:
            out.append(item)
            continue
        frame, marks = below.frame.copy(), item.frame.drop_duplicates(key).set_index(key)
        frame["mark"] = frame[key].isin(marks.index).to_numpy()
        fields = [f for f in item.layer.tooltip_fields if f.column not in frame and f.column in marks]
        for f in fields:
            frame[f.column] = frame[key].map(marks[f.column]).to_numpy()
        layer = replace(below.layer, tooltip_fields=(*below.layer.tooltip_fields, *fields))
        out[-1] = MapLayer(layer, frame, below.provenance)
    return out


def layers_geojson(
    title: str, items: Sequence[MapLayer], *, lang: Lang = "zh", when: date | datetime | None = None
) -> Download:
    """The GeoJSON of a map view as its CSV and XLSX read it: one FeatureCollection per layer shown
    (a zip of ``<title>_<layer>.geojson`` when there are several), each feature once, its columns
    headed and its names written in ``lang`` (``Layer.table``), its numbers rounded as the CSV's
    and its provenance (layer, source, accuracy, date) headed and written in ``lang`` as the CSV's
    (:func:`geo.exports.tables.geojson_bytes` with ``lang``). A view of two point layers (the 亩均
    page's classes and warnings) is two files, not one file of half-empty columns naming the warned
    enterprises twice. A layer outlining some features of
    the layer below (the parcels below the control minimum) is a column of it (:func:`marks_as_columns`);
    a layer of mixed geometries is a file per geometry type (``_polygon``, ``_line``, ``_point``),
    so that each file is one QGIS layer; a layer with no feature is left out.
    """
    stem = safe_filename(title)
    items = marks_as_columns(items)
    # a layer with no feature is no file (the 亩均 page's 预警企业 when none is warned: a layer of
    # geometry "Unknown" in QGIS)
    items = [item for item in items if len(item.frame)] or items[:1]

    def files() -> dict[str, bytes]:
        """The files by name (:func:`geo.exports.tables.geojson_layer_files`, as the command line's
        ``export`` writes them), each layer's columns headed and written in ``lang``."""
        frames, provs = {}, {}
        for item in items:
            name = item.layer.title(lang)
            table = item.layer.table(item.frame, lang)
            frames[name] = gpd.GeoDataFrame(
                table, geometry=item.frame.geometry.to_numpy(), crs=item.frame.crs
            )
            frames[name].attrs.update(table.attrs)  # an import's own numbers, written as they came
            if item.provenance is not None:
                provs[name] = item.provenance
        return geojson_layer_files(stem, frames, provs, when=when, measures=False, lang=lang)

    if len(items) == 1 and len(split_by_geometry({"": items[0].frame})) <= 1:
        return Download(
            "geojson", "GeoJSON", f"{stem}.geojson", MIME_TYPES["geojson"], lambda: files()[f"{stem}.geojson"]
        )

    def zipped() -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files().items():
                zf.writestr(name, data)
        return buf.getvalue()

    label = message("exports.download.geojson_layers", lang)
    return Download("geojson", label, f"{stem}_geojson.zip", "application/zip", zipped)
