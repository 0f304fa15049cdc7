"""Enterprises coloured by their 亩均 evaluation class A/B/C/D (grey: not scored).

Draws the frame returned by ``geo.evaluation.evaluate`` (columns ``eval_class``, ``score``,
``reasons``, ``zone`` ...) with the compact canvas points of ``layers.enterprises``.
"""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np

from geo.evaluation import CLASS_COL, CLASSES, EVALUATION_LABELS, EVALUATION_LABELS_EN, SIZE_ABOVE, SIZE_BELOW
from geo.messages import Lang, message, t
from geo.yearly.notice_words import reasons_name, reasons_said, size_name
from layers.base import Field, LegendEntry
from layers.enterprises import LAYER as ENTERPRISES
from layers.enterprises import EnterpriseLayer

# Green (优先发展) to red (整治淘汰); grey for enterprises the evaluation did not score.
CLASS_COLORS: dict[str, str] = {"A": "#1a9850", "B": "#91cf60", "C": "#fdae61", "D": "#d73027"}
UNSCORED_COLOR = "#bdbdbd"


def class_colors(frame: gpd.GeoDataFrame) -> np.ndarray:
    """One colour per enterprise from its ``eval_class`` (grey when it has none)."""
    cls = frame[CLASS_COL].astype(object)
    return cls.map(CLASS_COLORS).fillna(UNSCORED_COLOR).to_numpy(dtype=object)


def class_legend(frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
    """Legend rows for the classes present (and 未参评 when some enterprises are not scored)."""
    present = set(frame[CLASS_COL].dropna().astype(str)) if len(frame) else set()  # "" or NaN: none
    rows = [LegendEntry(t(f"eff.class.{c}", lang), CLASS_COLORS[c], "point") for c in CLASSES if c in present]
    if len(frame) and not frame[CLASS_COL].isin(CLASSES).all():
        rows.append(LegendEntry(t("eff.class.none", lang), UNSCORED_COLOR, "point"))
    return rows


def ranking_field(column: str, *, names: str = "", en_column: str = "") -> Field:
    """A field headed as the page's ranking table heads ``column`` (the evaluation's labels:
    综合得分（分） / Score (points)), so that the tooltip and the map's downloads say what the
    table says."""
    return Field(column, EVALUATION_LABELS[column], EVALUATION_LABELS_EN[column], names, en_column)


LAYER: EnterpriseLayer = replace(
    ENTERPRISES,
    click_apart=False,  # the enterprise is what a click on this map is for, at every zoom
    name="efficiency_classes",
    title_zh=t("eff.layer.title", "zh"),
    title_en=t("eff.layer.title", "en"),
    tooltip_fields=(
        ranking_field("name", names="firm"),  # a synthetic demo firm "(synthetic)" in English
        ranking_field("zone", names="own_place"),  # a user's zones as written
        ranking_field("industry", names="industry"),
        ranking_field("size_class", en_column="size_class_en"),
        # the class and its meaning in two columns, as the ranking's CSV/XLSX (sorting, filtering)
        ranking_field(CLASS_COL),
        ranking_field("eval_class_label"),
        ranking_field("score"),
        ranking_field("tax_per_mu_wan_yuan"),
        ranking_field("reasons", en_column="reasons_en"),
    ),
    color_by=class_colors,
    legend_entries=class_legend,
)


# At most this many points on the map are drawn larger, with a dark edge (walk 14: a user's 11 firms
# were 5 px pale green and orange dots on light grey, two pairs inside parks hard to tell apart); more
# keep the small points, which would otherwise cover one another (Wujiang's 16,766).
FEW_POINTS = 1_000
FEW_RADIUS = 5.0
EDGE_COLOR = "#333333"


def readable(layer: EnterpriseLayer) -> EnterpriseLayer:
    """``layer`` with its points larger and edged dark, for a map of at most :data:`FEW_POINTS`."""
    return replace(layer, radius=FEW_RADIUS, stroke=EDGE_COLOR)


# Above this many points the map's tooltips leave out the long texts (names, 主要失分指标): with
# them a 150k-row import's scored points were most of a 33 MB page; the tables and every download
# keep them.
LEAN_ABOVE = 20_000
LONG_TEXTS = ("name", "reasons")


def lean(layer: EnterpriseLayer) -> EnterpriseLayer:
    """``layer`` with tooltips without the long texts (see :data:`LEAN_ABOVE`)."""
    return replace(layer, tooltip_fields=tuple(f for f in layer.tooltip_fields if f.column not in LONG_TEXTS))


def for_count(layer: EnterpriseLayer, n: int) -> EnterpriseLayer:
    """``layer`` as the map draws ``n`` points: :func:`lean` above :data:`LEAN_ABOVE`,
    :func:`readable` at most :data:`FEW_POINTS`, else as it is."""
    if n > LEAN_ABOVE:
        return lean(layer)
    return readable(layer) if n <= FEW_POINTS else layer


def _size_words(size: object, lang: Lang) -> object:
    """规上 / 规下 as the page says them ("Above designated size"), other sizes as the lists do."""
    if size in (SIZE_ABOVE, SIZE_BELOW):
        return t("eff.size.above" if size == SIZE_ABOVE else "eff.size.below", lang)
    return size_name(size, lang)


def for_map(evaluated: gpd.GeoDataFrame, lang: Lang = "zh") -> gpd.GeoDataFrame:
    """The columns the layer shows, as plain text/numbers (a new frame; the input is untouched).

    Categorical columns become text; the class (``eval_class``: "B") and its meaning
    (``eval_class_label``: "鼓励提升" / "encourage"; "未参评" without a class) are two columns, as
    the ranking's downloads have them; in English the
    size and the shortfalls have their English words beside them (``size_class_en``,
    ``reasons_en``: what the tooltip and the downloads show).
    """
    keep = ["ent_id", *(f.column for f in LAYER.tooltip_fields), CLASS_COL]
    out = evaluated[
        [c for c in dict.fromkeys(keep) if c in evaluated.columns] + [evaluated.geometry.name]
    ].copy()
    for col in out.columns:
        if col == out.geometry.name or out[col].dtype.kind == "f":
            continue
        out[col] = out[col].astype(object).where(out[col].notna(), "")
    if "eval_class_label" in out.columns:  # the meaning alone: the class is its own column
        cls = evaluated[CLASS_COL].astype(object)
        out["eval_class_label"] = [
            message(f"yearly.notice.class_label.{c}", lang) if c in CLASSES else t("eff.class.none", lang)
            for c in cls
        ]
    out[CLASS_COL] = [c if c in CLASSES else "" for c in evaluated[CLASS_COL].astype(object)]
    if lang == "en":
        for col, name in (("size_class", _size_words), ("reasons", reasons_name)):
            if col in out.columns:
                words = {v: name(v, "en") for v in out[col].unique()}
                out[f"{col}_en"] = out[col].map(words)
    if "score" in evaluated.columns:  # a scored firm with no shortfall says so (walk 14 item 7)
        scored = evaluated["score"].notna()
        for col, words in (("reasons", "zh"), ("reasons_en", "en")):
            if col in out.columns:
                out[col] = reasons_said(out[col], scored, words)
    return out
