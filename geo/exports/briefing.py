"""The briefing PNG: the map view on A4 landscape at 300 dpi (or screen size), with the shipped CJK
font, title, legend, scale bar, north arrow and each layer's source and accuracy."""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from geo.exports.area_labels import label_polygons
from geo.exports.label_places import KEEP_CLEAR_MAX_FEATURES, covered, marker_boxes, small_polygon_boxes
from geo.exports.map_marks import (
    FONT_FAMILY,
    FONT_PATH,
    NORTH_ARROW_PLACES,
    draw_features,
    font,
    font_families,
    legend_swatch,
    mark_boxes,
    north_arrow,
    scale_bar,
    wrap,
)
from geo.exports.tables import check_frames, export_date
from geo.messages import Lang, joined, labelled, message, t
from geo.spatial.crs import ANALYSIS_CRS, STORAGE_CRS
from geo.storage.provenance import LegendEntry, Provenance, source_label, titled_accuracy

__all__ = [
    "FONT_FAMILY",
    "FONT_PATH",
    "Extent",
    "Paper",
    "briefing_figure",
    "font_families",
    "legend_headings",
    "png_bytes",
]

A4_LANDSCAPE_IN = (297 / 25.4, 210 / 25.4)
Paper = Literal["a4", "screen"]
PAPER_DPI = {"a4": 300, "screen": 120}
SUBTITLE_COLUMNS = 125  # subtitle line length (a hanzi counts two) before it wraps
SUBTITLE_LINE_FRACTION = 0.026  # figure height each further subtitle line takes from the map

FOOTER_SOURCE_LINES = 5  # at most this many lines of sources under a briefing map (then "…")
MARKERS_OVER_LABELS_Z = 21  # the point markers of a layer read one by one, over the name labels (20)
MAP_BOX = (0.03, 0.70)  # the map's left edge and width, as fractions of the paper's width
DEFAULT_VIEW_M = (450_000, 3_400_000, 650_000, 3_560_000)  # Suzhou in EPSG:4549, for an empty map

Extent = tuple[float, float, float, float]
"""A view on the map: (west, south, east, north) in degrees of WGS-84 longitude and latitude."""


@dataclass(frozen=True)
class _Drawn:
    """One layer as the briefing draws it: in EPSG:4549, cut to the view, one colour per feature."""

    name: str
    frame: gpd.GeoDataFrame
    colors: list
    fill_opacity: float
    point_scale: float = 1.0
    outline: bool = False  # a polygon layer the legend draws as a line: outlines only
    line_width: float = 0.0  # an unfilled polygon's edge in points (LegendEntry.line_width); 0: standard


@dataclass(frozen=True)
class _Sheet:
    """Everything worked out before the figure is drawn."""

    dpi: int
    size_in: tuple[float, float]
    sub_lines: list[str]
    footer: list[str]
    map_bottom: float
    map_h: float
    view: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in EPSG:4549 metres
    layers: list[_Drawn]


def png_bytes(
    title: str,
    frames: Mapping[str, gpd.GeoDataFrame],
    legend: Mapping[str, Sequence[LegendEntry]],
    provenance: Mapping[str, Provenance],
    *,
    colors: Mapping[str, Sequence[str] | pd.Series] | None = None,
    lang: Lang = "zh",
    paper: Paper = "a4",
    dpi: int | None = None,
    when: date | datetime | None = None,
    subtitle: str = "",
    legend_title: str | None = None,
    extent: Extent | None = None,
    fitted: Extent | None = None,
) -> bytes:
    """A briefing map rendered on the server: title, map, legend with units, scale bar, north arrow,
    sources with accuracy and date, and the "示意图" note; A4 landscape (300 dpi by default).

    Parameters
    ----------
    title, frames, legend, provenance
        The map's title; layer title -> frame as shown (any CRS), drawn bottom first; layer title
        -> legend rows; layer title -> provenance.
    colors
        Layer title -> one colour per feature; default: the colour of the layer's first legend row.
    lang
        Every word drawn is in this language: the catalogue's, place names
        (:mod:`geo.place_names`) and the built-in layers' sources; titles and legend rows are the
        caller's (in ``lang``).
    paper, dpi
        ``"a4"`` (300 dpi) or ``"screen"`` (the same layout at 120 dpi); ``dpi`` overrides.
    extent
        The view on screen, (west, south, east, north) in degrees: the briefing shows that part of
        the map (widened to the paper's shape) and only what lies in it; default: every feature.
    fitted
        What the screen was fitted to, (west, south, east, north) in degrees: every layer of the map,
        the ones switched off too. A view wider than the features is narrowed to this, not to the
        layers drawn, so a layer switched off does not zoom the paper in (walk19); default: the frames.

    The map is drawn in EPSG:4549 so the scale bar is true in metres. The PNG's text chunks hold
    the title, the subtitle (``Description``) and the legend's headings (``Legend``).
    """
    fig = briefing_figure(
        title,
        frames,
        legend,
        provenance,
        colors=colors,
        lang=lang,
        paper=paper,
        dpi=dpi,
        when=when,
        subtitle=subtitle,
        legend_title=legend_title,
        extent=extent,
        fitted=fitted,
    )
    buf = io.BytesIO()
    fig.savefig(
        buf,
        format="png",
        dpi=fig.dpi,
        facecolor="white",
        metadata={
            "Title": title,
            "Software": "Suzhou Industrial Layout Atlas",
            **({"Description": subtitle} if subtitle else {}),
            "Legend": "\n".join(legend_headings(frames, provenance, lang=lang)),
        },
    )
    return buf.getvalue()


def briefing_figure(
    title: str,
    frames: Mapping[str, gpd.GeoDataFrame],
    legend: Mapping[str, Sequence[LegendEntry]],
    provenance: Mapping[str, Provenance],
    *,
    colors: Mapping[str, Sequence[str] | pd.Series] | None = None,
    lang: Lang = "zh",
    paper: Paper = "a4",
    dpi: int | None = None,
    when: date | datetime | None = None,
    subtitle: str = "",
    legend_title: str | None = None,
    extent: Extent | None = None,
    fitted: Extent | None = None,
) -> Figure:
    """The briefing sheet of :func:`png_bytes` as a matplotlib figure (its texts, its view), unsaved.

    Parameters are those of :func:`png_bytes`.
    """
    feature_colors = _check_briefing(frames, legend, colors or {}, paper=paper, extent=extent)
    sheet = _lay_out(
        frames,
        legend,
        provenance,
        feature_colors,
        lang=lang,
        dpi=dpi or PAPER_DPI[paper],
        when=when,
        subtitle=subtitle,
        extent=extent,
        fitted=fitted,
    )
    return _render(sheet, title, frames, legend, provenance, lang=lang, legend_title=legend_title)


def legend_headings(
    frames: Mapping[str, gpd.GeoDataFrame], provenance: Mapping[str, Provenance], *, lang: Lang
) -> list[str]:
    """Each layer's heading in the legend, in drawing order: its title with its accuracy said once
    (:func:`geo.storage.provenance.titled_accuracy`). The PNG carries them in its ``Legend`` text."""
    return [
        titled_accuracy(name, prov.accuracy, lang) if (prov := provenance.get(name)) is not None else name
        for name in _listed(frames)
    ]


def _listed(frames: Mapping[str, gpd.GeoDataFrame]) -> list[str]:
    """The layers the legend lists: those with a feature (an empty layer draws nothing: its row read
    "预警企业（0 家）" under its heading)."""
    return [name for name, frame in frames.items() if not getattr(frame, "empty", False)]


# ---- check --------------------------------------------------------------------------------------


def _check_briefing(
    frames: Mapping[str, gpd.GeoDataFrame],
    legend: Mapping[str, Sequence[LegendEntry]],
    colors: Mapping[str, Sequence[str] | pd.Series],
    *,
    paper: str,
    extent: Extent | None,
) -> dict[str, list]:
    """Check the inputs; return each layer's colour per feature."""
    check_frames(frames)
    if paper not in PAPER_DPI:
        raise ValueError(f"paper must be one of {tuple(PAPER_DPI)}, got {paper!r}")
    if extent is not None:
        if len(extent) != 4 or not all(math.isfinite(v) for v in extent):
            raise ValueError(f"extent must be four finite numbers (west, south, east, north), got {extent!r}")
        west, south, east, north = extent
        if not (west < east and south < north and -90 <= south and north <= 90):
            raise ValueError(f"extent is not a view (west < east, south < north): {extent!r}")
    out = {}
    for name, gdf in frames.items():
        entries = list(legend.get(name, ()))
        given = colors.get(name)
        if given is None:
            out[name] = [entries[0].color if entries else "#3366cc"] * len(gdf)
        else:
            out[name] = list(np.asarray(given, dtype=object))
        if len(out[name]) != len(gdf):
            raise ValueError(f"colors for {name!r} has {len(out[name])} values for {len(gdf)} features")
    return out


# ---- compute ------------------------------------------------------------------------------------


def _lay_out(
    frames: Mapping[str, gpd.GeoDataFrame],
    legend: Mapping[str, Sequence[LegendEntry]],
    provenance: Mapping[str, Provenance],
    feature_colors: Mapping[str, list],
    *,
    lang: Lang,
    dpi: int,
    when: date | datetime | None,
    subtitle: str,
    extent: Extent | None,
    fitted: Extent | None = None,
) -> _Sheet:
    """The paper, the text lines, the map's box and view, and the layers cut to the view."""
    # whole pixels: A4 at 300 dpi is 3508 x 2480
    size_in = (round(A4_LANDSCAPE_IN[0] * dpi) / dpi, round(A4_LANDSCAPE_IN[1] * dpi) / dpi)
    # A long subtitle (e.g. an evaluation's year, filters and weights) wraps; the map gives way.
    sub_lines = (
        [ln for part in subtitle.split("\n") for ln in wrap(part, SUBTITLE_COLUMNS)] if subtitle else []
    )
    footer = _footer(frames, provenance, lang=lang, when=when)
    map_bottom = max(0.12, 0.03 + len(footer) * FOOTER_LINE_H + 0.012)
    map_h = 0.88 - map_bottom - SUBTITLE_LINE_FRACTION * max(0, len(sub_lines) - 1)
    projected = {name: f.to_crs(ANALYSIS_CRS) for name, f in frames.items()}
    ratio = (MAP_BOX[1] * A4_LANDSCAPE_IN[0]) / (map_h * A4_LANDSCAPE_IN[1])
    view = _view(projected, extent, ratio=ratio, fitted=fitted)
    layers = []
    for name, gdf in projected.items():
        entries = list(legend.get(name, ()))
        keep = _in_view(gdf, view) if extent is not None else np.ones(len(gdf), dtype=bool)
        layers.append(
            _Drawn(
                name,
                gdf[keep],
                [c for c, k in zip(feature_colors[name], keep, strict=True) if k],
                getattr(entries[0], "fill_opacity", 0.3) if entries else 0.3,
                getattr(entries[0], "point_scale", 1.0) if entries else 1.0,
                # an outline layer (its every row a line) is drawn as the legend shows it
                bool(entries) and all(getattr(e, "kind", "fill") == "line" for e in entries),
                getattr(entries[0], "line_width", 0.0) if entries else 0.0,
            )
        )
    return _Sheet(dpi, size_in, sub_lines, footer, map_bottom, map_h, view, layers)


FOOTER_LINE_H = 0.022  # figure height of one footer line
FOOTER_COLUMNS = 185  # a footer line's length (a hanzi counts two): the map's and the legend's width


def _footer(
    frames: Mapping[str, gpd.GeoDataFrame],
    provenance: Mapping[str, Provenance],
    *,
    lang: Lang,
    when: date | datetime | None,
) -> list[str]:
    """The lines under the map: each layer's source and accuracy (said once), then the date and
    projection; in ``lang``'s words and marks (a built-in layer's source in English on an English
    sheet: :func:`geo.storage.provenance.source_label`)."""
    by_source: dict[str, list[str]] = {}  # layers of one source are named together, the source once
    for name, prov in provenance.items():
        if name in frames and prov is not None:
            by_source.setdefault(source_label(prov.source, lang), []).append(
                titled_accuracy(name, prov.accuracy, lang)
            )
    sources = [labelled(joined(names, lang), source, lang) for source, names in by_source.items()]
    label_src, label_date = message("exports.footer.sources", lang), message("exports.footer.date", lang)
    crs_note = message("exports.footer.projection", lang)
    footer = wrap(labelled(label_src, joined(sources, lang, mark="clause"), lang), FOOTER_COLUMNS)
    if len(footer) > FOOTER_SOURCE_LINES:
        footer = footer[:FOOTER_SOURCE_LINES]
        footer[-1] = footer[-1][:-1] + "…"
    footer.append(f"{labelled(label_date, export_date(when), lang)}    {crs_note}")
    return footer


def _view(
    projected: Mapping[str, gpd.GeoDataFrame],
    extent: Extent | None,
    *,
    ratio: float,
    fitted: Extent | None = None,
) -> tuple[float, float, float, float]:
    """The map's view in EPSG:4549 (xmin, ymin, xmax, ymax), widened to the box's ``ratio`` (w/h):
    the ``extent`` shown on screen with a margin, else every feature with a margin. A view wider than every
    feature with its margin (a map zoomed out, or fitted at a whole zoom level) is narrowed to them,
    so the paper is not mostly empty; a view zoomed in stays as it is. ``fitted`` (what the screen
    was fitted to, the layers switched off too) stands for the features in that narrowing."""
    data = _widened(_projected_box(fitted), VIEW_MARGIN) if fitted is not None else _data_box(projected)
    if extent is not None:
        xmin, ymin, xmax, ymax = _projected_box(extent)
        # with a margin: what lies at the screen's edge (or at a scope's edge) is not cut at the frame
        xmin, ymin, xmax, ymax = _widened((xmin, ymin, xmax, ymax), VIEW_MARGIN)
        if data is not None:
            cut = (max(xmin, data[0]), max(ymin, data[1]), min(xmax, data[2]), min(ymax, data[3]))
            if cut[0] < cut[2] and cut[1] < cut[3]:  # a view away from every feature stays as it is
                xmin, ymin, xmax, ymax = cut
    else:
        xmin, ymin, xmax, ymax = data if data is not None else DEFAULT_VIEW_M
    w, h = max(xmax - xmin, 1000), max(ymax - ymin, 1000)
    w, h = max(w, h * ratio), max(h, w / ratio)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _projected_box(extent: Extent) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees as a box in EPSG:4549 holding its curved edges."""
    west, south, east, north = extent
    edge = shapely.box(west, south, east, north).segmentize(max(east - west, north - south) / 16)
    return tuple(gpd.GeoSeries([edge], crs=STORAGE_CRS).to_crs(ANALYSIS_CRS).total_bounds)


VIEW_MARGIN = 1.08  # every feature's box, widened by this factor, is the widest view on paper


def _data_box(projected: Mapping[str, gpd.GeoDataFrame]) -> tuple[float, float, float, float] | None:
    """Every feature's bounds widened by :data:`VIEW_MARGIN` about their middle; None without any."""
    nonempty = [f for f in projected.values() if len(f) and not f.geometry.is_empty.all()]
    if not nonempty:
        return None
    bounds = np.array([f.total_bounds for f in nonempty])
    bounds = bounds[np.isfinite(bounds).all(axis=1)]
    if not len(bounds):
        return None
    box = (bounds[:, 0].min(), bounds[:, 1].min(), bounds[:, 2].max(), bounds[:, 3].max())
    return _widened(box, VIEW_MARGIN)


def _widened(box: tuple[float, float, float, float], factor: float) -> tuple[float, float, float, float]:
    """``box`` (at least 1 km a side) widened by ``factor`` about its middle."""
    xmin, ymin, xmax, ymax = box
    w, h = max(xmax - xmin, 1000) * factor, max(ymax - ymin, 1000) * factor
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _in_view(gdf: gpd.GeoDataFrame, view: tuple[float, float, float, float]) -> np.ndarray:
    """Which features' bounding boxes meet the view."""
    if not len(gdf):
        return np.zeros(0, dtype=bool)
    b = shapely.bounds(np.asarray(gdf.geometry.values, dtype=object))
    with np.errstate(invalid="ignore"):
        return (b[:, 0] <= view[2]) & (b[:, 2] >= view[0]) & (b[:, 1] <= view[3]) & (b[:, 3] >= view[1])


# ---- assemble -----------------------------------------------------------------------------------


def _render(
    sheet: _Sheet,
    title: str,
    frames: Mapping[str, gpd.GeoDataFrame],
    legend: Mapping[str, Sequence[LegendEntry]],
    provenance: Mapping[str, Provenance],
    *,
    lang: Lang,
    legend_title: str | None,
) -> Figure:
    """Draw the sheet: title and subtitle, the map, the legend panel, the footer."""
    fig = Figure(figsize=sheet.size_in, dpi=sheet.dpi, facecolor="white")
    FigureCanvasAgg(fig)
    base = 9.0  # points at A4; text scales with the paper, not with dpi
    fig.text(0.03, 0.955, title, fontproperties=font(base * 2.0), ha="left", va="top", parse_math=False)
    if sheet.sub_lines:
        fig.text(
            0.03,
            0.905,
            "\n".join(sheet.sub_lines),
            fontproperties=font(base * 1.1),
            ha="left",
            va="top",
            color="#444",
            parse_math=False,
            linespacing=1.25,
        )
    ax = fig.add_axes((MAP_BOX[0], sheet.map_bottom, MAP_BOX[1], sheet.map_h))
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#888")
    x0, y0, x1, y1 = sheet.view
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    for z, layer in enumerate(sheet.layers):
        draw_features(
            ax,
            layer.frame,
            layer.colors,
            fill_opacity=layer.fill_opacity,
            z=2 + z * 3,
            point_scale=layer.point_scale,
            outline=layer.outline,
            line_width=layer.line_width,
        )
    renderer = fig.canvas.get_renderer()
    label_size = base * 0.75
    marks = [
        *scale_bar(ax, extent_w=x1 - x0, fontsize=base * 0.85, lang=lang),
        *_clear_north_arrow(ax, renderer, fontsize=base, lang=lang, size_px=label_size * sheet.dpi / 72),
    ]
    # Labels keep clear of the marks and inside the map's frame (the legend is beside it).
    placed = mark_boxes(marks, renderer)
    within = ax.get_window_extent(renderer)
    named: dict[str, list] = {}
    # no label covers a small polygon it could hide (of a layer read feature by feature), nor a
    # point's marker, but an area's name (a town, a district) that finds no other place
    keep_clear = small_polygon_boxes(ax, size_px=label_size * sheet.dpi / 72)
    markers = marker_boxes(ax)
    left_out = 0
    # the names of towns and districts first (a small park's name goes round them), upper layers' first
    # nor, where it can, a zone drawn over its layer (walk20 item 5: 沿江发展带 on 太仓港's circle)
    over = [_zone_boxes(ax, sheet.layers[i + 1 :], within) for i in range(len(sheet.layers))]
    # what the user clicked (outlined) and what lies in it are named first, the rest of the map round
    # them (walk20 item 5: the clicked 吴江区's own 吴江经济技术开发区 must not lose its room)
    focus = _focus_rows(sheet.layers)
    for first in (True, False) if focus else (None,):
        for which in ("large", "small"):
            for i in reversed(range(len(sheet.layers))):
                left_out += label_polygons(
                    ax,
                    sheet.layers[i].frame,
                    label_size,
                    placed,
                    lang=lang,
                    named=named,
                    within=within,
                    keep_clear=keep_clear,
                    markers=np.vstack([markers, over[i]]),
                    which=which,
                    only=None if first is None else focus[i] == first,
                )
    # an area's name that had to go over point markers leaves them in view: they are drawn above it
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and 0 < len(coll.get_offsets()) <= KEEP_CLEAR_MAX_FEATURES:
            coll.set_zorder(MARKERS_OVER_LABELS_Z + coll.get_zorder() / 100)
    _legend_panel(fig, sheet, frames, legend, provenance, lang=lang, legend_title=legend_title, base=base)
    footer = list(sheet.footer)
    if left_out:  # on the date's line: the footer keeps its height
        key = "exports.footer.labels_left_out" + (".one" if left_out == 1 else "")
        footer[-1] += "    " + message(key, lang, n=left_out)
    for i, line in enumerate(footer):  # above the paper's lower margin
        fig.text(
            0.03,
            sheet.map_bottom - 0.012 - i * FOOTER_LINE_H,
            line,
            fontproperties=font(base * 0.8),
            ha="left",
            va="top",
            color="#333",
            parse_math=False,
        )
    fig.text(
        0.98,
        0.955,
        t("app.disclaimer", lang),
        fontproperties=font(base * 1.0),
        ha="right",
        va="top",
        color="#b00020",
        parse_math=False,
    )
    return fig


def _focus_rows(layers: Sequence[_Drawn]) -> list[np.ndarray] | None:
    """Per layer, which rows lie in what the user clicked or marked (the polygons of the outline
    layers, drawn round it: :func:`layers.districts.clicked`): its outline's own and those whose
    representative point is in it; None without one."""
    clicked = [
        layer.frame.geometry[layer.frame.geom_type.isin(["Polygon", "MultiPolygon"])].to_numpy()
        for layer in layers
        if layer.outline and len(layer.frame) <= KEEP_CLEAR_MAX_FEATURES
    ]
    if not any(len(c) for c in clicked):
        return None
    focus = shapely.union_all(np.concatenate(clicked))
    if focus.is_empty:
        return None
    return [
        shapely.contains(focus, layer.frame.geometry.representative_point().to_numpy()).astype(bool)
        if len(layer.frame) <= KEEP_CLEAR_MAX_FEATURES
        else np.zeros(len(layer.frame), dtype=bool)
        for layer in layers
    ]


ZONE_MAX_MAP_SHARE = 0.02
"""A polygon of a layer drawn over another's is a zone (a park, a development zone's circle) whose
box takes at most this share of the map's: the names of the layers under it keep off it where they
can, as off a marker (:func:`_zone_boxes`); a larger one (a belt, a district) is an area they lie in."""


def _zone_boxes(ax, layers: Sequence[_Drawn], within) -> np.ndarray:
    """The display boxes (n x 4) of the zones (:data:`ZONE_MAX_MAP_SHARE`) of ``layers``: filled
    polygon layers of at most :data:`KEEP_CLEAR_MAX_FEATURES` features, not an outline drawn round
    what the user clicked."""
    boxes: list[np.ndarray] = [np.zeros((0, 4))]
    for layer in layers:
        polygons = layer.frame.geometry[layer.frame.geom_type.isin(["Polygon", "MultiPolygon"])]
        if layer.outline or not 0 < len(polygons) <= KEEP_CLEAR_MAX_FEATURES:
            continue
        bounds = shapely.bounds(np.asarray(polygons.values, dtype=object))
        lo, hi = ax.transData.transform(bounds[:, :2]), ax.transData.transform(bounds[:, 2:])
        drawn = np.column_stack([np.minimum(lo, hi), np.maximum(lo, hi)])
        share = (drawn[:, 2] - drawn[:, 0]) * (drawn[:, 3] - drawn[:, 1]) / (within.width * within.height)
        boxes.append(drawn[share <= ZONE_MAX_MAP_SHARE])
    return np.vstack(boxes)


def _clear_north_arrow(ax, renderer, *, fontsize: float, lang: Lang, size_px: float) -> list:
    """The north arrow at the first of :data:`NORTH_ARROW_PLACES` where it hides no point marker and
    no small polygon, else where it hides fewest (walk16 item 13: drawn over a firm in the upper
    right); what it drew."""
    hidden = np.vstack([marker_boxes(ax), small_polygon_boxes(ax, size_px=size_px)])
    best, best_hits = [], -1
    for at in NORTH_ARROW_PLACES:
        drawn = north_arrow(ax, fontsize=fontsize, lang=lang, at=at)
        hits = sum(covered(tuple(b.extents), hidden) for b in mark_boxes(drawn, renderer))
        kept, gone = (drawn, best) if best_hits < 0 or hits < best_hits else (best, drawn)
        for artist in gone:
            artist.remove()
        best, best_hits = kept, min(hits, best_hits) if best_hits >= 0 else hits
        if hits == 0:
            break
    return best


def _legend_panel(
    fig: Figure,
    sheet: _Sheet,
    frames: Mapping[str, gpd.GeoDataFrame],
    legend: Mapping[str, Sequence[LegendEntry]],
    provenance: Mapping[str, Provenance],
    *,
    lang: Lang,
    legend_title: str | None,
    base: float,
) -> None:
    """The legend beside the map: each layer's title with its accuracy, then its rows."""
    lg = fig.add_axes((0.755, sheet.map_bottom, 0.225, sheet.map_h))
    lg.set_axis_off()
    lg.set_xlim(0, 1)
    lg.set_ylim(0, 1)
    y = 0.98
    lg.text(
        0,
        y,
        legend_title or t("legend.title", lang),
        fontproperties=font(base * 1.35),
        va="top",
        parse_math=False,
    )
    y -= 0.06
    row_h = 0.036
    for name, heading in zip(_listed(frames), legend_headings(frames, provenance, lang=lang), strict=True):
        entries = list(legend.get(name, ()))
        if len(entries) == 1 and entries[0].label.strip() == name.strip():
            # one row naming the layer: one line, its swatch before its heading (not the title twice)
            legend_swatch(lg, 0.02, y - row_h * 0.62, 0.09, row_h * 0.55, entries[0])
            lines = wrap(heading, 24)
            for i, line in enumerate(lines):
                lg.text(
                    0.15,
                    y - i * row_h * 0.8,
                    line,
                    fontproperties=font(base * 1.0),
                    va="top",
                    color="#111",
                    parse_math=False,
                )
            y -= row_h * max(1, 0.8 * len(lines) + 0.2) + row_h * 0.4
            continue
        for line in wrap(heading, 30):
            lg.text(0, y, line, fontproperties=font(base * 1.0), va="top", color="#111", parse_math=False)
            y -= row_h * 0.9
        for entry in entries:
            if y < 0.03:
                break
            legend_swatch(lg, 0.02, y - row_h * 0.62, 0.09, row_h * 0.55, entry)
            lines = wrap(entry.label, 24)
            for i, line in enumerate(lines):
                lg.text(
                    0.15,
                    y - i * row_h * 0.8,
                    line,
                    fontproperties=font(base * 0.9),
                    va="top",
                    parse_math=False,
                )
            y -= row_h * max(1, 0.8 * len(lines) + 0.2)
        y -= row_h * 0.4
