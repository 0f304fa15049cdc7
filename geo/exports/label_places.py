"""Where a name label of the briefing map may go: the drawn features it must leave uncovered (point
markers, small polygons) and the places tried for it, inside a polygon or beside a small one (facing
it, or a little further with a leader line to it). All in display pixels; the label itself is drawn
by :func:`geo.exports.area_labels.label_polygons`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from matplotlib.collections import PatchCollection, PathCollection

KEEP_CLEAR_MAX_FEATURES = 300
"""A layer of at most this many features is read one by one (its points are drawn at their largest,
:func:`geo.exports.map_marks.draw_features`): no label covers its markers or its small polygons. A
denser layer is a pattern (a city's enterprises, every parcel): labels may lie on it."""

SMALL_POLYGON_FONT_SIZES = 4.0
"""A polygon drawn within this many label font sizes each way is small: a label inside it would hide
it, so its name goes beside it and no other label covers it."""

MARKER_MARGIN_PX = 1.0  # a marker's box reaches this far past its white edge (anti-aliasing)
BESIDE_GAP_FONT_SIZES = 0.15  # a label beside a small polygon keeps this far from it, in font sizes
FACING_PLACES = 4
"""The first places :func:`beside` gives (right, left, above, below) face the polygon: the label's
near end is level with it. The corners and the places a line higher or lower leave the label's bulk
off to one side (at a city's scale a long park name read as naming the town next to it, walk 11):
there the label gets a leader line (:data:`LEADER_GAPS_FONT_SIZES`)."""
LEADER_GAPS_FONT_SIZES = (1.0, 2.0, 3.0)
"""How far from a small polygon its label may go with a leader line, nearest first, in font sizes;
no farther: a name without room within the last is left out and counted."""
LEADER_STEP_PX = 2.0  # a leader line is kept clear of other labels and features at points this far apart

Box = tuple[float, float, float, float]
"""A box in display pixels: (x0, y0, x1, y1)."""


def is_small(box: Box, *, size_px: float) -> bool:
    """Whether a polygon drawn in ``box`` is small (:data:`SMALL_POLYGON_FONT_SIZES`)."""
    limit = SMALL_POLYGON_FONT_SIZES * size_px
    return box[2] - box[0] <= limit and box[3] - box[1] <= limit


def feature_boxes(ax, *, size_px: float) -> np.ndarray:
    """The display boxes (n x 4: x0, y0, x1, y1) of the features drawn on ``ax`` that no label may
    cover: each marker of a point layer (:func:`marker_boxes`) and each small polygon
    (:func:`small_polygon_boxes`), for layers of at most :data:`KEEP_CLEAR_MAX_FEATURES` features.
    Lines are left out (a label crossing a road or a corridor hides a little of it)."""
    return np.vstack([marker_boxes(ax), small_polygon_boxes(ax, size_px=size_px)])


def marker_boxes(ax) -> np.ndarray:
    """The display boxes (n x 4) of the point markers drawn on ``ax``, of point layers of at most
    :data:`KEEP_CLEAR_MAX_FEATURES` features (a denser layer is a pattern)."""
    boxes: list[np.ndarray] = [np.zeros((0, 4))]
    px_per_pt = ax.figure.dpi / 72
    for coll in ax.collections:
        if isinstance(coll, PathCollection):  # a scatter: markers of ``sizes`` points² about offsets
            xy = np.asarray(coll.get_offsets(), dtype=float)
            if not 0 < len(xy) <= KEEP_CLEAR_MAX_FEATURES:
                continue
            centres = coll.get_offset_transform().transform(xy)
            sizes = np.resize(np.asarray(coll.get_sizes(), dtype=float), len(xy))
            edges = np.resize(np.asarray(coll.get_linewidths(), dtype=float), len(xy))
            radius = (np.sqrt(sizes) / 2 + edges / 2) * px_per_pt + MARKER_MARGIN_PX
            boxes.append(np.column_stack([centres - radius[:, None], centres + radius[:, None]]))
    return np.vstack(boxes)


def small_polygon_boxes(ax, *, size_px: float) -> np.ndarray:
    """The display boxes (n x 4) of the small polygons (:func:`is_small` for labels of ``size_px``
    pixels) drawn on ``ax``, of polygon layers of at most :data:`KEEP_CLEAR_MAX_FEATURES` features."""
    boxes: list[np.ndarray] = [np.zeros((0, 4))]
    for coll in ax.collections:
        if isinstance(coll, PatchCollection):
            paths = coll.get_paths()
            if not 0 < len(paths) <= KEEP_CLEAR_MAX_FEATURES:
                continue
            extents = np.array([p.get_extents().extents for p in paths])
            to_display = coll.get_transform().transform
            lo, hi = to_display(extents[:, :2]), to_display(extents[:, 2:])
            drawn = np.column_stack([np.minimum(lo, hi), np.maximum(lo, hi)])
            small = [is_small(tuple(b), size_px=size_px) for b in drawn]
            boxes.append(drawn[small])
    return np.vstack(boxes)


def covered(box: Box, boxes: np.ndarray) -> int:
    """How many of ``boxes`` (n x 4) ``box`` overlaps (more than touches)."""
    if not len(boxes):
        return 0
    x0, y0, x1, y1 = box
    return int(np.sum((boxes[:, 0] < x1) & (x0 < boxes[:, 2]) & (boxes[:, 1] < y1) & (y0 < boxes[:, 3])))


def covers_any(box: Box, boxes: np.ndarray) -> bool:
    """Whether ``box`` overlaps (more than touches) any of ``boxes`` (n x 4)."""
    if not len(boxes):
        return False
    x0, y0, x1, y1 = box
    return bool(np.any((boxes[:, 0] < x1) & (x0 < boxes[:, 2]) & (boxes[:, 1] < y1) & (y0 < boxes[:, 3])))


def beside(
    polygon: Box, label: Box, *, size_px: float, gap_font_sizes: float = BESIDE_GAP_FONT_SIZES
) -> list[tuple[float, float]]:
    """Anchors that put a label ``gap_font_sizes`` beside a small polygon, nearest first: right, left,
    above, below (the :data:`FACING_PLACES`), the four corners, then right and left a line higher and
    lower. ``label`` is the label's box relative to its anchor (x0 < 0 < x1 when centred)."""
    gap = gap_font_sizes * size_px
    px0, py0, px1, py1 = polygon
    lx0, ly0, lx1, ly1 = label
    cx, cy = (px0 + px1) / 2, (py0 + py1) / 2
    right, left = px1 + gap - lx0, px0 - gap - lx1
    above, below = py1 + gap - ly0, py0 - gap - ly1
    mid_x, mid_y = cx - (lx0 + lx1) / 2, cy - (ly0 + ly1) / 2
    line = ly1 - ly0
    return [
        (right, mid_y),
        (left, mid_y),
        (mid_x, above),
        (mid_x, below),
        (right, above),
        (left, above),
        (right, below),
        (left, below),
        (right, mid_y + line),
        (right, mid_y - line),
        (left, mid_y + line),
        (left, mid_y - line),
    ]


def leader(polygon: Box, label: Box) -> tuple[tuple[float, float], tuple[float, float]]:
    """The leader line from a small polygon to its label placed apart from it: from the polygon's
    box, at its point nearest the label's middle, to the label's box, at its point nearest that."""
    mid_x, mid_y = (label[0] + label[2]) / 2, (label[1] + label[3]) / 2
    start = (min(max(mid_x, polygon[0]), polygon[2]), min(max(mid_y, polygon[1]), polygon[3]))
    end = (min(max(start[0], label[0]), label[2]), min(max(start[1], label[1]), label[3]))
    return start, end


def line_boxes(start: tuple[float, float], end: tuple[float, float]) -> np.ndarray:
    """Small boxes (n x 4) along a leader line from ``start`` to ``end``, its ends left out, every
    :data:`LEADER_STEP_PX`: what no other label may cover (and what the line may not cross)."""
    length = float(np.hypot(end[0] - start[0], end[1] - start[1]))
    steps = int(length // LEADER_STEP_PX)
    if steps < 2:
        return np.zeros((0, 4))
    frac = np.linspace(0, 1, steps + 1)[1:-1]
    xs, ys = start[0] + frac * (end[0] - start[0]), start[1] + frac * (end[1] - start[1])
    half = LEADER_STEP_PX / 2
    return np.column_stack([xs - half, ys - half, xs + half, ys + half])


def shifted(anchors: Sequence[tuple[float, float]], label: Box) -> Iterable[tuple[float, float]]:
    """Anchors near each of ``anchors`` (a polygon's places inside it, display pixels): a label's
    height up and down, half its width to the sides, then the corners and twice as far; the places to
    try when a marker or a small polygon lies where the label would go."""
    width, height = label[2] - label[0], label[3] - label[1]
    steps = [(0, 1), (0, -1), (0.5, 0), (-0.5, 0), (0.5, 1), (-0.5, 1), (0.5, -1), (-0.5, -1)]
    for k in (1, 2):
        for x, y in anchors:
            for sx, sy in steps:
                yield x + k * sx * width, y + k * sy * height


GRID_STEPS = 9  # a polygon's last places to try: a grid this many a side over its drawn box


def spread(polygon: Box, near: tuple[float, float]) -> np.ndarray:
    """Anchors spread over a polygon's drawn box (:data:`GRID_STEPS` a side), nearest to ``near``
    (its first place) first: where a label may still find room among many markers. The caller keeps
    those inside the polygon."""
    xs = np.linspace(polygon[0], polygon[2], GRID_STEPS + 2)[1:-1]
    ys = np.linspace(polygon[1], polygon[3], GRID_STEPS + 2)[1:-1]
    grid = np.array([(x, y) for y in ys for x in xs])
    order = np.argsort(np.hypot(grid[:, 0] - near[0], grid[:, 1] - near[1]), kind="stable")
    return grid[order]


SHARE_SAMPLES = (7, 3)  # a label's box is sampled at this many points across and up


def inside_share(ax, geom, anchors: np.ndarray, rel: Box) -> np.ndarray:
    """For each display anchor (n x 2) of a label whose box is ``rel`` about its anchor, the share of
    the box (sampled at :data:`SHARE_SAMPLES` points) lying inside ``geom`` (data units of ``ax``)."""
    if not len(anchors):
        return np.zeros(0)
    nx, ny = SHARE_SAMPLES
    fx = np.linspace(rel[0], rel[2], nx + 2)[1:-1]
    fy = np.linspace(rel[1], rel[3], ny + 2)[1:-1]
    offsets = np.array([(x, y) for y in fy for x in fx])
    points = (np.asarray(anchors, dtype=float)[:, None, :] + offsets[None, :, :]).reshape(-1, 2)
    data = ax.transData.inverted().transform(points)
    inside = shapely.contains_xy(geom, data[:, 0], data[:, 1]).reshape(len(anchors), -1)
    return inside.mean(axis=1)
