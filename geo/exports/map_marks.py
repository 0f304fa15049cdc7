"""The marks a briefing map is drawn with (matplotlib): the shipped CJK font, the features, the scale
bar, the north arrow, the legend's swatches, and text wrapped for a hanzi-or-Latin line. The areas'
names: :mod:`geo.exports.area_labels`; the sheet that places them all: :mod:`geo.exports.briefing`."""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.patches import Polygon as MplPolygon
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

from geo.messages import Lang, message
from geo.storage.provenance import LegendEntry

FONT_PATH = Path(__file__).resolve().parents[2] / "static" / "fonts" / "AtlasSansSC-Regular.otf"
FONT_FAMILY = "Atlas Sans SC"
# Installed CJK fonts used only for characters outside the shipped subset, when present.
_FALLBACK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "Source Han Sans SC",
    "DejaVu Sans",
)


_FONT_LOCK = threading.Lock()
_FONT_READY: list[str] = []


def font_families() -> list[str]:
    """The shipped CJK font (registered with matplotlib by path) followed by installed fallbacks."""
    with _FONT_LOCK:
        if not _FONT_READY:
            if not FONT_PATH.exists():
                raise FileNotFoundError(f"shipped font missing: {FONT_PATH} (run static/fonts/build_font.py)")
            font_manager.fontManager.addfont(str(FONT_PATH))
            installed = {f.name for f in font_manager.fontManager.ttflist}
            _FONT_READY.extend([FONT_FAMILY, *(f for f in _FALLBACK_FAMILIES if f in installed)])
    return list(_FONT_READY)


# Every text drawn here may come from a user or a file (titles, names, sources): ``parse_math=False``
# on each draws it as typed, so "$" never starts mathtext (which can fail on "$x^$").
def font(size: float, weight: str = "normal") -> font_manager.FontProperties:
    return font_manager.FontProperties(family=font_families(), size=size, weight=weight)


def nice_length(max_m: float) -> float:
    """The largest 1/2/5 x 10^k metres not above ``max_m``."""
    exp = math.floor(math.log10(max_m))
    for step in (5, 2, 1):
        if step * 10**exp <= max_m:
            return step * 10**exp
    return 10 ** (exp - 1) * 5


def _geom_paths(geoms) -> list[MplPath]:
    paths = []
    for geom in geoms:
        for poly in shapely.get_parts(geom):
            if poly.is_empty or poly.geom_type != "Polygon":
                continue
            rings = [
                np.asarray(poly.exterior.coords)[:, :2],
                *(np.asarray(r.coords)[:, :2] for r in poly.interiors),
            ]
            verts = np.concatenate(rings)
            codes = np.concatenate(
                [[MplPath.MOVETO] + [MplPath.LINETO] * (len(r) - 2) + [MplPath.CLOSEPOLY] for r in rings]
            )
            paths.append(MplPath(verts, codes))
    return paths


OUTLINE_WIDTH = 2.2  # points: a line's, and an outlined polygon's (the red frames, a clicked district)


def draw_features(
    ax,
    gdf: gpd.GeoDataFrame,
    colors: Sequence[str],
    *,
    fill_opacity: float,
    z: int,
    point_scale: float = 1.0,
    outline: bool = False,
    line_width: float = 0.0,
) -> None:
    """Draw ``gdf``'s polygons, lines and points in ``colors``; points ``point_scale`` times the
    standard diameter (:attr:`LegendEntry.point_scale`). ``outline``: polygons as a line round them,
    unfilled, as the live map draws an outline layer (the parcels below their minimum in red, the
    district clicked), so that what lies under them shows through. A polygon layer the live map
    draws unfilled (``fill_opacity`` 0: the districts' and 区镇's outlines under a user's zones) is
    drawn unfilled too, in its thin edge (walk17: a grey wash over the whole sheet), or ``line_width``
    points wide (:attr:`LegendEntry.line_width`)."""
    types = gdf.geom_type
    poly = types.isin(["Polygon", "MultiPolygon"]).to_numpy()
    line = types.isin(["LineString", "MultiLineString"]).to_numpy()
    point = types.isin(["Point", "MultiPoint"]).to_numpy()
    colors = np.asarray(colors, dtype=object)
    if poly.any():
        paths, faces, edges = [], [], []
        for geom, color in zip(gdf.geometry[poly], colors[poly], strict=True):
            for path in _geom_paths([geom]):
                paths.append(PathPatch(path))
                unfilled = outline or fill_opacity <= 0
                faces.append((0.0, 0.0, 0.0, 0.0) if unfilled else to_rgba(color, max(fill_opacity, 0.12)))
                edges.append(to_rgba(color, 0.95))
        width = OUTLINE_WIDTH if outline else (line_width or 0.9)  # an unfilled layer's own edge
        if not outline:
            _mark_small_polygons(ax, gdf.geometry[poly], colors[poly], fill_opacity=fill_opacity, z=z)
        ax.add_collection(
            PatchCollection(paths, facecolors=faces, edgecolors=edges, linewidths=width, zorder=z)
        )
    if line.any():
        segments, segcolors = [], []
        for geom, color in zip(gdf.geometry[line], colors[line], strict=True):
            for part in shapely.get_parts(geom):
                segments.append(np.asarray(part.coords)[:, :2])
                segcolors.append(color)
        ax.add_collection(LineCollection(segments, colors=segcolors, linewidths=2.2, zorder=z + 1))
    if point.any():
        pts = gdf.geometry[point]
        xy = np.vstack([np.asarray(p.coords)[:, :2] for geom in pts for p in shapely.get_parts(geom)])
        counts = [len(shapely.get_parts(g)) for g in pts]
        pcolors = np.repeat(colors[point], counts)
        size = 14 if len(xy) < 300 else 9 if len(xy) < 3000 else 5  # a town's points readable, a city's apart
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=size * point_scale**2,  # an area: the diameter scaled
            c=list(pcolors),
            edgecolors="white" if point_scale == 1.0 else "none",
            linewidths=0.3,
            zorder=z + 2,
        )


SMALL_MARK_PT = 9.0
"""A polygon of a layer read feature by feature drawn smaller than this (points, each way) is marked by
a circle this wide at its centre, in its colour, under it (walk21 c14: the parks at Suzhou's extent
were specks under their enterprises' markers). The live map draws every outline at least its stroke
wide; on paper the circle keeps a park in sight without drawing it larger than its mark."""
SMALL_MARK_MAX_FEATURES = 50
"""Only a layer of at most this many polygons (parks, zones, read one by one) has its specks marked: the
parcels of a town are a pattern, as on screen (a parcel there is at least a 2-pixel square, no circle)."""
SMALL_MARK_EDGE_PT = 1.2
SMALL_MARK_GID = "atlas-small-polygon-mark"


def _mark_small_polygons(ax, geoms, colors, *, fill_opacity: float, z: int) -> None:
    """Draw :data:`SMALL_MARK_PT` circles under the polygons of ``geoms`` drawn smaller than it."""
    if not 0 < len(geoms) <= SMALL_MARK_MAX_FEATURES:
        return
    bounds = shapely.bounds(np.asarray(geoms, dtype=object))
    lo = ax.transData.transform(bounds[:, :2])
    hi = ax.transData.transform(bounds[:, 2:])
    size = np.abs(hi - lo).max(axis=1)
    limit = SMALL_MARK_PT * ax.figure.dpi / 72
    small = np.isfinite(size) & (size < limit)
    if not small.any():
        return
    (px0, _), (px1, _) = ax.transData.transform([(0.0, 0.0), (1.0, 0.0)])
    radius = (SMALL_MARK_PT - SMALL_MARK_EDGE_PT) / 2 * ax.figure.dpi / 72 / abs(px1 - px0)  # data units
    centres = (bounds[small, :2] + bounds[small, 2:]) / 2
    paths = [PathPatch(MplPath.circle(tuple(c), radius)) for c in centres]
    faces = [
        (0.0, 0.0, 0.0, 0.0) if fill_opacity <= 0 else to_rgba(c, max(fill_opacity, 0.12))
        for c in colors[small]
    ]
    marks = PatchCollection(
        paths,
        facecolors=faces,
        edgecolors=[to_rgba(c, 0.95) for c in colors[small]],
        linewidths=SMALL_MARK_EDGE_PT,
        zorder=z,
    )
    marks.set_gid(SMALL_MARK_GID)
    ax.add_collection(marks)


def mark_boxes(artists: Sequence[Artist], renderer) -> list[Bbox]:
    """The display boxes of a map's marks (scale bar, north arrow), a little widened: the places
    no label may take (:func:`geo.exports.area_labels.label_polygons`' ``placed``)."""
    return [a.get_window_extent(renderer).expanded(1.05, 1.05) for a in artists]


def scale_bar(ax, *, extent_w: float, fontsize: float, lang: Lang) -> list[Artist]:
    """A scale bar in the map's lower left, in km (or m for a short one); returns what it drew."""
    drawn: list[Artist] = []
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    length = nice_length(extent_w / 4)
    unit, div = ("km", 1000) if length >= 1000 else ("m", 1)
    left, bottom = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.045
    height = (y1 - y0) * 0.008
    half = length / 2
    for i, fc in enumerate(("black", "white", "black", "white")):
        drawn.append(
            ax.add_patch(
                Rectangle(
                    (left + i * half / 2, bottom),
                    half / 2,
                    height,
                    facecolor=fc,
                    edgecolor="black",
                    linewidth=0.6,
                    zorder=30,
                )
            )
        )
    for value in (0, half, length):
        text = f"{value / div:g}"
        drawn.append(
            ax.text(
                left + value,
                bottom + height * 1.8,
                text,
                fontproperties=font(fontsize),
                ha="center",
                va="bottom",
                zorder=30,
                parse_math=False,
            )
        )
    drawn.append(
        ax.text(
            left + length + (x1 - x0) * 0.01,
            bottom + height / 2,
            unit,
            fontproperties=font(fontsize),
            ha="left",
            va="center",
            zorder=30,
            parse_math=False,
        )
    )
    return drawn


# Where a north arrow may stand, in the map's axes fraction (its middle, its tip), in the order
# tried: upper right, upper left, lower right (the scale bar holds the lower left).
NORTH_ARROW_PLACES: tuple[tuple[float, float], ...] = ((0.95, 0.95), (0.05, 0.95), (0.95, 0.2))


def north_arrow(
    ax, *, fontsize: float, lang: Lang, at: tuple[float, float] = NORTH_ARROW_PLACES[0]
) -> list[Artist]:
    """A north arrow with its middle and tip ``at`` (axes fraction; the map's upper right by
    default); returns what it drew."""
    # The map is drawn in EPSG:4549 (Gauss-Kruger, CM 120E): grid north is within 1° of true north
    # over Suzhou.
    (cx, top), length = at, 0.09
    drawn: list[Artist] = []
    for side, fill in ((-1, "black"), (1, "white")):  # a half-black, half-white arrow head
        drawn.append(
            ax.add_patch(
                MplPolygon(
                    [(cx, top), (cx + side * 0.018, top - length), (cx, top - length * 0.72)],
                    closed=True,
                    transform=ax.transAxes,
                    facecolor=fill,
                    edgecolor="black",
                    linewidth=0.8,
                    zorder=31,
                )
            )
        )
    drawn.append(
        ax.text(
            cx,
            top + 0.012,
            message("exports.footer.north", lang),
            transform=ax.transAxes,
            fontproperties=font(fontsize * 1.3),
            ha="center",
            va="bottom",
            zorder=31,
            parse_math=False,
        )
    )
    return drawn


def legend_swatch(ax, x: float, y: float, w: float, h: float, entry: LegendEntry) -> None:
    kind = getattr(entry, "kind", "fill")
    if kind == "line":
        ax.add_line(
            Line2D([x, x + w], [y + h / 2] * 2, color=entry.color, linewidth=2.5, transform=ax.transAxes)
        )
    elif kind == "point":
        scale = getattr(entry, "point_scale", 1.0)
        ax.scatter(
            [x + w / 2],
            [y + h / 2],
            s=40 * scale**2,
            c=[entry.color],
            edgecolors="white",
            linewidths=0.5,
            transform=ax.transAxes,
        )
    else:
        opacity = getattr(entry, "fill_opacity", 0.35)
        alpha = max(opacity, 0.3) if opacity > 0 else 0.0  # unfilled on the map: a hollow swatch
        ax.add_patch(
            Rectangle(
                (x, y), w, h, facecolor=entry.color, alpha=alpha, transform=ax.transAxes, edgecolor="none"
            )
        )
        ax.add_patch(
            Rectangle(
                (x, y),
                w,
                h,
                facecolor="none",
                edgecolor=entry.color,
                linewidth=getattr(entry, "line_width", 0.0) or 1.0,
                transform=ax.transAxes,
            )
        )


_NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)%")


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of about ``width`` columns (a hanzi counts two).

    Latin words and numbers are never split, and no line starts with closing punctuation.
    """
    lines, line, count = [], "", 0
    for token in re.findall(r" ?\[[^\]]{1,12}\]|[(“]?[A-Za-z0-9.,_/:%+\-'’–]+[)”]?[,;:.]?|.", text):
        step = sum(1 if ord(ch) < 0x2E80 else 2 for ch in token)
        if count + step > width and line.strip() and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
            count = sum(1 if ord(ch) < 0x2E80 else 2 for ch in line)
            continue
        line += token
        count += step
    if line:
        lines.append(line)
    return lines or [""]
