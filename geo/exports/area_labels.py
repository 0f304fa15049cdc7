"""The names of the areas on a briefing map (matplotlib): each polygon's name in the sheet's language
(a long one on two or three lines: :func:`wrapped_name`),
inside it where it fits (a short English form where the full one fits nowhere), else beside it, with a
leader line where it sits apart; never over the map's markers, its marks or another name, and counted
when left out. Where a label may go is :mod:`geo.exports.label_places`'; the other marks of the map,
and the font, :mod:`geo.exports.map_marks`'."""

from __future__ import annotations

from itertools import combinations
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from geo.exports.label_places import (
    FACING_PLACES,
    LEADER_GAPS_FONT_SIZES,
    Box,
    beside,
    covered,
    covers_any,
    inside_share,
    is_small,
    leader,
    line_boxes,
    shifted,
    spread,
)
from geo.exports.map_marks import font
from geo.messages import Lang
from geo.place_names import place_name, short_place_name


def _names_in(frame: gpd.GeoDataFrame, lang: Lang) -> list[str]:
    """Each feature's name in ``lang``: on an English sheet the data's own English (``name_en``, e.g.
    a belt's), else the place's English name (:func:`geo.place_names.place_name`), else as stored."""
    english = frame["name_en"] if lang == "en" and "name_en" in frame else None
    return [
        str(english.iloc[i])
        if english is not None and isinstance(english.iloc[i], str) and english.iloc[i]
        else place_name(str(name), lang)
        for i, name in enumerate(frame["name"])
    ]


def _label_candidates(geom) -> list:
    """Places to try for a polygon's label: its representative point, then points above and below
    it (still inside the polygon), then its centroid."""
    pt = geom.representative_point()
    _, miny, _, maxy = geom.bounds
    height = maxy - miny
    out = [pt]
    for frac in (0.18, -0.18, 0.32, -0.32):
        cand = shapely.Point(pt.x, pt.y + frac * height)
        if geom.contains(cand):
            out.append(cand)
    centroid = geom.centroid
    if geom.contains(centroid):
        out.append(centroid)
    return out


LabelPass = Literal["all", "large", "small"]
"""Which polygons :func:`label_polygons` names: all, those labelled inside (towns, districts), or the
small ones named beside them (parks): a sheet names the large of every layer first, so that a town
keeps its name and a park's goes round it."""

LEADER_COLOR, LEADER_WIDTH = "#444", 0.6  # a leader line's colour and width (points)
LEADER_GID = "atlas-leader"  # the gid of every leader line (its label: the line's ``label``)


def label_polygons(
    ax,
    gdf: gpd.GeoDataFrame,
    size: float,
    placed: list,
    *,
    lang: Lang = "zh",
    named: dict[str, list] | None = None,
    within: Bbox | None = None,
    keep_clear: np.ndarray | None = None,
    markers: np.ndarray | None = None,
    which: LabelPass = "all",
    only: np.ndarray | None = None,
) -> int:
    """Name labels inside each polygon, or beside it when it is small (a label inside would hide it:
    :func:`geo.exports.label_places.is_small`), moved when they would overlap a label already placed
    or a mark of the map (``placed``: display boxes, the scale bar's and north arrow's first, then
    labels, upper layers first) or cover a drawn feature (``keep_clear``: display boxes n x 4 of the
    point markers and small polygons, :func:`geo.exports.label_places.feature_boxes`), and left out
    when no place fits, when the place is outside the view, when the label would stick out of
    ``within`` (the map's box: a long name must not run past its frame into the legend), or when the
    same name already labels a polygon that meets this one (``named``: name -> polygons labelled;
    e.g. a district drawn by two layers), or when the areas already named cover most of it
    (:data:`NAMED_WITHIN_SHARE`: a district under its towns). A place is named in ``lang``
    (:func:`geo.place_names.place_name`). A small polygon's label faces it; without room there it
    goes a little further (at most the last of
    :data:`geo.exports.label_places.LEADER_GAPS_FONT_SIZES`) with a leader line to it, never farther.
    ``markers``: point markers (display boxes n x 4, :func:`geo.exports.label_places.marker_boxes`)
    that a small polygon's label never covers and an area's name (a polygon named inside: a town, a
    district) avoids where it can but covers, as few as it must, rather than be left out: a point
    layer crowding a town must not take its name (walk 12: 10 imported firms in 盛泽 left
    吴江高新区（盛泽镇） unnamed); the markers show through the label's half-white box.
    ``which``: the polygons named (:data:`LabelPass`). ``only``: which rows of ``gdf`` are named (a
    mask; default all), e.g. those in what the user clicked first; the layer's form of its names and
    whether its polygons lie apart are the whole layer's.

    Returns how many names were left out for want of a free place in the view (the sheet says so
    under the map); a name whose places all lie outside the view is not counted.
    """
    polygons = gdf.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
    polygonal = gdf[polygons]
    if "name" not in polygonal or not 0 < len(polygonal) <= 25:
        return 0
    wanted = np.ones(len(gdf), dtype=bool) if only is None else np.asarray(only, dtype=bool)
    named_here = wanted[polygons]
    named = {} if named is None else named
    clear = np.zeros((0, 4)) if keep_clear is None else np.asarray(keep_clear, dtype=float).reshape(-1, 4)
    soft = np.zeros((0, 4)) if markers is None else np.asarray(markers, dtype=float).reshape(-1, 4)
    size_px = size * ax.figure.dpi / 72
    if which == "large":  # the smaller first: they have the fewer places (平望镇 lost its to 震泽镇's)
        order = np.argsort(polygonal.area.to_numpy(), kind="stable")
        polygonal, named_here = polygonal.iloc[order], named_here[order]
    shown = _names_in(polygonal, lang)
    apart = _apart(polygonal.geometry)
    left_out = 0
    (vx0, vx1), (vy0, vy1) = ax.get_xlim(), ax.get_ylim()
    view = (min(vx0, vx1), min(vy0, vy1), max(vx0, vx1), max(vy0, vy1))
    if which != "small":
        shown = _short_where_wide(ax, polygonal, shown, size, lang=lang, view=view)
    rows = zip(polygonal.geometry, polygonal["name"], shown, named_here, strict=True)
    for whole, name, label, here in rows:
        if not here or whole is None or whole.is_empty or pd.isna(name):
            continue
        # only the part in the view is named (walk 13: "Zhangjiagang City", outside the frame, was
        # named inside it with a leader line pointing out of the map)
        geom = shapely.clip_by_rect(whole, min(vx0, vx1), min(vy0, vy1), max(vx0, vx1), max(vy0, vy1))
        if geom.is_empty or geom.area <= 0:
            continue
        if which != "all" and (which == "small") != is_small(_display_box(ax, geom), size_px=size_px):
            continue
        if any(whole.intersects(other) for other in named.get(str(name), ())):
            continue
        if which != "small" and _named_share(geom, named, view) >= NAMED_WITHIN_SHARE:
            continue  # named by the finer areas above it: 吴江区 under 平望镇 read as its second name
        inside = [(pt.x, pt.y) for pt in _label_candidates(geom)]
        text = ax.text(
            *inside[0],
            wrapped_name(label),  # a long name on two or three lines, not across the map
            fontproperties=font(size),
            ha="center",
            va="center",
            color="#222",
            zorder=20,
            bbox={"boxstyle": f"round,pad={LABEL_PAD}", "fc": "white", "ec": "none", "alpha": 0.6},
            parse_math=False,
        )
        spot, tried = _free_place(
            ax, geom, inside, text, placed, clear, soft, within=within, size_px=size_px, apart=apart
        )
        if spot is None:
            text.remove()
            left_out += tried  # a place in the view was tried: no room
            continue
        anchor, drawn, line = spot
        text.set_position(anchor)
        placed.append(drawn)
        if line is not None:
            _draw_leader(ax, line, label)
            placed.extend(Bbox.from_extents(*b) for b in line_boxes(*line))
        named.setdefault(str(name), []).append(whole)
        if apart:  # a park, a zone, a belt: no finer area of a town or district (:func:`_named_share`)
            named.setdefault(APART, []).append(whole)
    return left_out


NAMED_WITHIN_SHARE = 0.5
"""An area (a district) is not named where at least this share of it in the view is already named by
the areas of a layer above it (its towns, their names placed first): its own name would sit among
theirs and read as a second name of one of them (walk19: 吴江区 right under 平望镇)."""


APART = "\0apart"
"""The key of ``named`` (:func:`label_polygons`) listing the polygons named of layers of polygons apart
(:func:`_apart`): parks, zones, belts; never a finer area of a town or district."""

FINER_WITHIN_SHARE = 0.5
"""A polygon already named counts as a finer area of one being named (:func:`_named_share`) when at
least this share of it (of its part in the view) lies within that one."""


def _named_share(geom, named: dict[str, list], view: Box) -> float:
    """The share of ``geom``'s area covered by the finer polygons already named (``named``'s values,
    each mostly within ``geom``: :data:`FINER_WITHIN_SHARE`, of a layer tiling the map: not
    :data:`APART`); ``view``: the map's, in data units."""
    area = geom.area
    if area <= 0:
        return 0.0
    covered_area = 0.0
    apart = {id(g) for g in named.get(APART, ())}
    for key, others in named.items():
        for other in others if key != APART else ():
            if id(other) in apart:
                continue
            try:
                common = geom.intersection(other).area
            except shapely.errors.GEOSException:  # an invalid outline: named as before
                continue
            # only a finer area, most of it within this one, names part of it: a district's town,
            # not the clicked district round its zone or a belt across a city (walk20 item 5: the
            # outline of 吴江区 took the names of 吴江经济技术开发区 and 沿浙发展带, the belt 太仓市's)
            if common >= FINER_WITHIN_SHARE * shapely.clip_by_rect(other, *view).area:
                covered_area += common
    return covered_area / area


BESIDE_MAX_WIDTHS = 3.0
"""A name fitting inside its polygon (of a layer of polygons apart) nowhere goes beside it when it is
at most this many times the polygon's width; a longer one, beside, would reach far from it (the
corridors sheet's "Kunshan Economic and Technological Development Zone" over SND) and stays over it."""


def _apart(geoms: gpd.GeoSeries) -> bool:
    """Whether a layer's polygons (two or more) lie apart, none meeting another: parks, not the towns
    or districts of a tiling."""
    valid = geoms[geoms.notna() & ~geoms.is_empty]
    if len(valid) < 2:
        return False
    left, right = shapely.STRtree(valid.to_numpy()).query(valid.to_numpy(), predicate="intersects")
    return bool((left == right).all())


FIT_SHARE = 0.9  # an area's name fits inside it where this share of its text lies inside it


def _short_where_wide(
    ax, polygonal: gpd.GeoDataFrame, shown: list[str], size: float, *, lang: Lang, view: Box
) -> list[str]:
    """The layer's names, each place's short form (:func:`geo.place_names.short_place_name`: "Qidu"
    for "Qidu Town") for every place of the layer where one area's name fits inside it nowhere
    (:func:`_fits_inside`): walk 14, "Qidu Town" half over its narrow town's outline and a park's
    name left out for the room the long names took. One form for the whole layer, as on screen."""
    names = [str(n) for n in polygonal["name"]]
    short = [
        short_place_name(n, lang) if label == place_name(n, lang) else label
        for n, label in zip(names, shown, strict=True)
    ]
    if short == shown:
        return shown
    size_px = size * ax.figure.dpi / 72
    for whole, label, brief in zip(polygonal.geometry, shown, short, strict=True):
        if label == brief or whole is None or whole.is_empty:
            continue
        geom = shapely.clip_by_rect(whole, *view)
        if geom.is_empty or geom.area <= 0 or is_small(_display_box(ax, geom), size_px=size_px):
            continue
        inside = [(pt.x, pt.y) for pt in _label_candidates(geom)]
        text = ax.text(
            *inside[0], label, fontproperties=font(size), ha="center", va="center", parse_math=False
        )
        fits = _fits_inside(ax, geom, inside, text)
        text.remove()
        if not fits:
            return short
    return shown


def _fits_inside(ax, geom, inside: list, text) -> bool:
    """Whether ``text`` (drawn at ``inside[0]``) fits inside the polygon ``geom`` at one of its places
    (``inside``, then spread over it): :data:`FIT_SHARE` of its text in it."""
    own = _display_box(ax, geom)
    drawn = text.get_window_extent(ax.figure.canvas.get_renderer())
    near = ax.transData.transform(inside)
    rel = (drawn.x0 - near[0][0], drawn.y0 - near[0][1], drawn.x1 - near[0][0], drawn.y1 - near[0][1])
    anchors = np.vstack([near, spread(own, near[0])])
    return bool(inside_share(ax, geom, anchors, rel).max() >= FIT_SHARE)


def _display_box(ax, geom) -> Box:
    """``geom``'s bounds in display pixels (x0, y0, x1, y1)."""
    bx0, by0, bx1, by1 = geom.bounds
    (gx0, gy0), (gx1, gy1) = ax.transData.transform([(bx0, by0), (bx1, by1)])
    return (min(gx0, gx1), min(gy0, gy1), max(gx0, gx1), max(gy0, gy1))


def _meeting(boxes: np.ndarray, box: Box) -> np.ndarray:
    """Which of ``boxes`` (n x 4) meet ``box`` (touching included)."""
    return (
        (boxes[:, 0] <= box[2]) & (box[0] <= boxes[:, 2]) & (boxes[:, 1] <= box[3]) & (box[1] <= boxes[:, 3])
    )


def _draw_leader(ax, line: tuple[tuple[float, float], tuple[float, float]], label: str) -> None:
    (x0, y0), (x1, y1) = ax.transData.inverted().transform(line)
    drawn = Line2D([x0, x1], [y0, y1], color=LEADER_COLOR, linewidth=LEADER_WIDTH, zorder=19, label=label)
    drawn.set_gid(LEADER_GID)
    ax.add_line(drawn)


Spot = tuple[tuple[float, float], Bbox, tuple[tuple[float, float], tuple[float, float]] | None]
"""A label's place: its anchor in data units, its drawn box, its leader line (display pixels) or None."""


def _free_place(
    ax,
    geom,
    inside: list,
    text,
    placed: list,
    clear: np.ndarray,
    soft: np.ndarray,
    *,
    within: Bbox | None,
    size_px: float,
    apart: bool = False,
) -> tuple[Spot | None, bool]:
    """The first place free for ``text`` (drawn at ``inside[0]``), or None when none is free; and
    whether any place tried lay in the view. A polygon of a layer of polygons ``apart`` (parks, not
    towns sharing borders) whose name fits inside it nowhere (:func:`_fits_inside`) is named beside
    it first, facing it (at most :data:`BESIDE_MAX_WIDTHS` its width). A polygon's places inside it
    first, then near them, then spread over it (still inside it); a small polygon's beside it,
    facing it, then a little further with a leader line (kept clear of the labels and features it
    would cross). ``soft`` (markers): kept clear by a small polygon's label; a large polygon's
    takes the first place inside it covering none of them, else one there whose markers lie on its
    margin only, not on its text, else a place a little beside it (as a small polygon's) with a
    leader line from its edge (walk 12: an English town's name three times its town's width found
    every place about it taken), else the place inside it covering the fewest (markers off its text
    first)."""
    renderer = ax.figure.canvas.get_renderer()
    box = _drawn_box(text.get_window_extent(renderer), size_px)
    at = ax.transData.transform([inside[0]])[0]
    rel = (box.x0 - at[0], box.y0 - at[1], box.x1 - at[0], box.y1 - at[1])
    own = _display_box(ax, geom)
    if is_small(own, size_px=size_px):  # a label inside would hide it: beside it, clear of it
        # markers kept clear like the other features
        hard = np.vstack([clear, soft])
        places = _beside_places(own, rel, size_px)
        return _first_place(ax, geom, places, rel, placed, hard, None, own, within=within, size_px=size_px)
    near_enough = rel[2] - rel[0] <= BESIDE_MAX_WIDTHS * (own[2] - own[0])
    if apart and near_enough and not _fits_inside(ax, geom, inside, text):
        # a name fitting inside nowhere goes beside the polygon, as a small one's, where there is room
        # (walk 15: the CLI's map zoomed to Wujiang drew 七都光通信产业园 across its park's outline)
        hard = np.vstack([clear, soft])
        facing = beside(own, rel, size_px=size_px)[:FACING_PLACES]  # next to it, no leader line
        places = (np.asarray(facing), np.zeros(len(facing), dtype=bool))
        spot, tried = _first_place(
            ax, geom, places, rel, placed, hard, None, own, within=within, size_px=size_px
        )
        if spot is not None:
            return spot, tried
    near = ax.transData.transform(inside)
    anchors = np.vstack([near, np.asarray(list(shifted(near, rel))).reshape(-1, 2), spread(own, near[0])])
    data = ax.transData.inverted().transform(anchors)
    allowed = np.concatenate(
        [
            np.ones(len(near), dtype=bool),
            shapely.contains_xy(geom, data[len(near) :, 0], data[len(near) :, 1]),
        ]
    )
    places = (anchors[allowed], np.zeros(int(allowed.sum()), dtype=bool))
    spot, tried = _first_place(
        ax, geom, places, rel, placed, clear, soft, own, within=within, size_px=size_px
    )
    if spot is not None and not covered(_text_box(spot[1], size_px), soft):
        return spot, tried
    # no place over it leaves the text clear of markers: a little beside it with a leader line, or
    # else over it covering the fewest (walk 13: a firm's point on 吴江高新区（盛泽镇）'s text)
    around = _beside_places(own, rel, size_px)
    around = (around[0], np.ones(len(around[0]), dtype=bool))  # each with a leader line
    beside_spot, tried_around = _first_place(
        ax, geom, around, rel, placed, np.vstack([clear, soft]), None, own, within=within, size_px=size_px
    )
    return (beside_spot if beside_spot is not None else spot), tried or tried_around


def _beside_places(own: Box, rel: Box, size_px: float) -> tuple[np.ndarray, np.ndarray]:
    """Anchors beside a polygon's box, facing it first, then a little further (with a leader line)."""
    facing = beside(own, rel, size_px=size_px)[:FACING_PLACES]
    further = [
        a for gap in LEADER_GAPS_FONT_SIZES for a in beside(own, rel, size_px=size_px, gap_font_sizes=gap)
    ]
    anchors = np.asarray([*facing, *further])
    return anchors, np.arange(len(anchors)) >= len(facing)


def _first_place(
    ax,
    geom,
    places: tuple[np.ndarray, np.ndarray],
    rel: Box,
    placed: list,
    clear: np.ndarray,
    soft: np.ndarray | None,
    own: Box,
    *,
    within: Bbox | None,
    size_px: float,
) -> tuple[Spot | None, bool]:
    """The first of ``places`` (display anchors, whether each has a leader line) free of ``placed``
    and ``clear`` and covering none of ``soft``, else the one covering the fewest of ``soft``; and
    whether any lay in the view. ``soft`` None: beside a polygon (``own``, its box), clear of it."""
    anchors, with_leader = places
    small = is_small(own, size_px=size_px)
    if soft is None:
        # what a leader line may not cross: the features kept clear, but for this polygon's own (and
        # the markers on it: the line starts at its edge)
        others = clear[~_meeting(clear, own)]
        clear, soft = np.vstack([clear, own]), np.zeros((0, 4))
    else:
        others = clear
    if not len(anchors):
        return None, False
    data = ax.transData.inverted().transform(anchors)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    tried = False
    fewest: tuple[tuple[int, int], Spot] | None = None  # the place covering the fewest markers so far
    for (ax_x, ax_y), (dx, dy), lead in zip(anchors, data, with_leader, strict=True):
        if not (x0 <= dx <= x1 and y0 <= dy <= y1):
            continue
        tried = True
        drawn = Bbox.from_extents(ax_x + rel[0], ax_y + rel[1], ax_x + rel[2], ax_y + rel[3])
        if within is not None and not _contains(within, drawn):
            continue
        if any(drawn.overlaps(other) for other in placed) or covers_any(drawn.extents, clear):
            continue
        line = None
        if lead:
            line = _leader_from(ax, None if small else geom, own, _label_box(drawn, size_px))
            crossed = line_boxes(*line)
            # the line may pass a label's gap, not its white box (nor a feature kept clear)
            boxes = np.array([_label_box(other, size_px) for other in placed]).reshape(-1, 4)
            if any(covers_any(b, others) or covers_any(b, boxes) for b in crossed):
                continue
        n = covered(drawn.extents, soft)
        if not n:
            return ((float(dx), float(dy)), drawn, line), True
        # a marker on the text itself hides a character (walk 13: a firm's point on 吴江高新区的"新"):
        # a place whose markers lie at most on the label's margin goes first, then the fewest
        score = (covered(_text_box(drawn, size_px), soft), n)
        if fewest is None or score < fewest[0]:
            fewest = (score, ((float(dx), float(dy)), drawn, line))
    return (None if fewest is None else fewest[1]), tried


def _leader_from(ax, geom, own: Box, label: Box) -> tuple[tuple[float, float], tuple[float, float]]:
    """A leader line to ``label``: from a small polygon's box (``geom`` None, :func:`leader`), from a
    large one's outline at its point nearest the label."""
    start, end = leader(own, label)
    if start == end or geom is None:
        return start, end
    mid = ax.transData.inverted().transform([((label[0] + label[2]) / 2, (label[1] + label[3]) / 2)])[0]
    on = shapely.shortest_line(geom, shapely.Point(mid)).coords[0]
    sx, sy = ax.transData.transform([on])[0]
    ex, ey = min(max(sx, label[0]), label[2]), min(max(sy, label[1]), label[3])
    return (float(sx), float(sy)), (float(ex), float(ey))


LABEL_PAD = 0.15  # the white box behind a label reaches this far past its text, in font sizes
LABEL_GAP = 0.4  # and keeps at least this far from the next label's box, in font sizes


def _label_box(drawn: Bbox, size_px: float) -> Box:
    """The white box of a label whose place is ``drawn`` (:func:`_drawn_box`): where a leader line ends."""
    shrink = LABEL_GAP / 2 * size_px
    return (drawn.x0 + shrink, drawn.y0 + shrink, drawn.x1 - shrink, drawn.y1 - shrink)


def _text_box(drawn: Bbox, size_px: float) -> Box:
    """The text of a label whose place is ``drawn`` (:func:`_drawn_box`), without its pad and gap."""
    shrink = (LABEL_PAD + LABEL_GAP / 2) * size_px
    return (drawn.x0 + shrink, drawn.y0 + shrink, drawn.x1 - shrink, drawn.y1 - shrink)


def _drawn_box(text_box: Bbox, size_px: float) -> Bbox:
    """A label's place on the map: its text's box with the white box's pad and a gap around it, so
    that two labels placed side by side keep apart on paper (the text's box alone let the white
    boxes meet: 吴江区 on 平望镇)."""
    grow = (LABEL_PAD + LABEL_GAP / 2) * size_px
    return Bbox.from_extents(text_box.x0 - grow, text_box.y0 - grow, text_box.x1 + grow, text_box.y1 + grow)


def _contains(outer: Bbox, inner: Bbox) -> bool:
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1


WRAP_FROM_EMS = 28.0
"""A name wider than this many font sizes (:func:`_ems`) is drawn on two or three lines
(:func:`wrapped_name`): walk21 c14, a park's 59-character name as one line across 吴江 on the A4
sheet. Below it every name stays on one line ("Kunshan Economic and Technological Development Zone")."""

LINE_EMS = 20.0  # a wrapped name's lines are about this wide at most (font sizes), three lines at most
MAX_LINES = 3
BREAK_COST_EMS = 3.0  # a break between two characters of a word costs this much of a line's width
_OPENING, _CLOSING = "（(《“‘[【", "）)》”’]】、，。：；,.;:!?！？"


def _ems(text: str) -> float:
    """``text``'s width in font sizes, estimated: a CJK character one, any other about half."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in text)


def wrapped_name(name: str) -> str:
    """``name`` as drawn on a map: on one line when at most :data:`WRAP_FROM_EMS` wide, else on the
    fewest lines (two or three) about :data:`LINE_EMS` wide, broken at a space, before an opening
    bracket or after a closing one (（一期）), or else between two CJK characters, never inside a
    Latin word nor before a closing mark; the lines as even as the breaks allow."""
    if _ems(name) <= WRAP_FROM_EMS:
        return name
    widths = np.array([0.0, *np.cumsum([1.0 if ord(c) >= 0x2E80 else 0.55 for c in name])])
    breaks: list[tuple[int, float]] = []  # (position: the next line's first character, its cost)
    for i in range(1, len(name)):
        before, after = name[i - 1], name[i]
        if " " in (before, after):
            if after == " " and before != " ":
                breaks.append((i, 0.0))
        elif max(ord(before), ord(after)) < 0x2E80:
            continue  # inside a Latin word or number: never
        elif after in _OPENING or (before in _CLOSING and after not in _CLOSING):
            breaks.append((i, 0.0))
        elif min(ord(before), ord(after)) >= 0x2E80 and before not in _OPENING and after not in _CLOSING:
            breaks.append((i, BREAK_COST_EMS))
    if not breaks:
        return name
    lines = min(MAX_LINES, max(2, int(np.ceil(widths[-1] / LINE_EMS))))
    best: tuple[float, tuple[int, ...]] | None = None
    for cut in combinations(breaks, lines - 1):
        ends = [0, *(p for p, _ in cut), len(name)]
        # a line's width without the space it breaks at
        widest = max(widths[b] - widths[a + (name[a] == " ")] for a, b in zip(ends, ends[1:], strict=False))
        score = widest + sum(c for _, c in cut)
        if best is None or score < best[0]:
            best = (score, tuple(p for p, _ in cut))
    if best is None:
        return name
    ends = [0, *best[1], len(name)]
    return "\n".join(name[a:b].strip() for a, b in zip(ends, ends[1:], strict=False))


def unwrapped_name(drawn: str) -> str:
    """A name drawn on a map (:func:`wrapped_name`) on one line again: lines joined by a space where
    they broke at one (between two Latin words), else joined as they are."""
    lines = drawn.split("\n")
    out = lines[0]
    for line in lines[1:]:
        cjk = bool(out) and bool(line) and max(ord(out[-1]), ord(line[0])) >= 0x2E80
        out += ("" if cjk else " ") + line
    return out
