"""The map's colours as QGIS styles: one QML/SLD document per layer, from the layer's own legend.

A layer that colours its features (``color_by``) becomes a categorised style on the column whose
values decide the colour (industry, class), else a rule per colour naming the features it draws;
a layer of one colour becomes a single symbol. Labels are the legend's Chinese labels. The documents
are written by :func:`geo.storage.styles.write_styles` (geo never imports the drawing code):

    python -m layers.qgis_styles [--gpkg data/atlas.gpkg | --store postgresql://…]

stores the built-in layers' styles in the demo GeoPackage (or rewrites them in a PostGIS store's
``demo_`` tables, which ``geo.cli load-demo`` styles from the GeoPackage's own); imports get theirs
when they are stored.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import DataValidationError
from geo.storage import builtin
from geo.storage.base import open_store
from geo.storage.styles import StyleClass, StyleDoc, qml_document, sld_document, write_styles
from layers import REGISTRY
from layers.base import Layer

_MAX_CATEGORIES = 60  # a column with more values than this is not a class column


def _feature_colors(layer: Layer, frame: gpd.GeoDataFrame) -> np.ndarray | None:
    if layer.color_by is None:
        return None
    try:
        colors = np.asarray(layer.color_by(frame), dtype=object)
    except (KeyError, ValueError, TypeError):  # colours from data joined at drawing time
        return None
    return colors if len(colors) == len(frame) else None


def _class_column(frame: gpd.GeoDataFrame, colors: np.ndarray) -> str:
    """The column whose every value has one colour (the first, in column order), or ''."""
    for col in frame.columns:
        if col == frame.geometry.name:
            continue
        values = frame[col].astype(object).where(frame[col].notna(), None)
        if values.nunique(dropna=False) > _MAX_CATEGORIES or values.isna().any():
            continue
        pairs = pd.DataFrame({"v": values.astype(str), "c": colors})
        if (pairs.groupby("v")["c"].nunique() == 1).all() and pairs["v"].nunique() > 1:
            return str(col)
    return ""


def layer_classes(layer: Layer, frame: gpd.GeoDataFrame) -> tuple[list[StyleClass], str]:
    """The symbols drawing ``layer`` as the map does, and the column they categorise (or '')."""
    legend = layer.legend(frame, "zh")
    label_of = {e.color.lower(): e.label for e in legend}
    colors = _feature_colors(layer, frame)
    if colors is None or len(set(colors)) <= 1:
        color = str(colors[0]) if colors is not None and len(colors) else layer.color
        return [StyleClass(color=color, label=label_of.get(color.lower(), layer.title_zh))], ""
    column = _class_column(frame, colors)
    if column:
        firsts = pd.DataFrame({"v": frame[column].astype(str), "c": colors}).drop_duplicates("v")
        classes = [
            StyleClass(color=str(c), label=label_of.get(str(c).lower(), v), value=v)
            for v, c in zip(firsts["v"], firsts["c"], strict=True)
        ]
        return classes, column
    classes = []
    fids = np.arange(1, len(frame) + 1)
    for color in dict.fromkeys(str(c) for c in colors):
        hits = fids[colors == color]
        expression = f'"fid" IN ({", ".join(str(int(f)) for f in hits)})'
        classes.append(
            StyleClass(color=color, label=label_of.get(color.lower(), color), expression=expression)
        )
    return classes, ""


def layer_style(layer: Layer, frame: gpd.GeoDataFrame, *, table: str, geometry_column: str) -> StyleDoc:
    """``layer``'s look in QGIS, for the table ``table`` holding ``frame``."""
    classes, column = layer_classes(layer, frame)
    size = {"fill_opacity": layer.fill_opacity, "width_px": layer.weight, "radius_px": layer.radius}
    label = "name" if "name" in frame.columns and layer.kind == "polygon" else ""
    return StyleDoc(
        table=table,
        geometry_column=geometry_column,
        name=layer.title_zh,
        qml=qml_document(classes, kind=layer.kind, column=column, label_column=label, **size),
        sld=sld_document(classes, kind=layer.kind, layer_title=layer.title_zh, column=column, **size),
        description=f"苏州产业布局一张图：{layer.title_zh}（与地图图例同色）",
    )


def builtin_styles(
    *, path: str | None = None, table_prefix: str = "", geometry_column: str = "geom"
) -> list[StyleDoc]:
    """A style per built-in layer, for the table it draws (the layer named like its table last, so
    it is that table's default style).

    Raises
    ------
    DataValidationError
        When the built-in data cannot be read.
    """
    available = set(builtin.spatial_layers(path))
    layers = [la for la in REGISTRY.values() if la.source in available]
    layers.sort(key=lambda la: la.name == la.source)
    frames: dict[str, gpd.GeoDataFrame] = {}
    docs = []
    for layer in layers:
        if layer.source not in frames:
            frames[layer.source] = builtin.load_layer(layer.source, path=path)
        table = table_prefix + layer.source
        docs.append(layer_style(layer, frames[layer.source], table=table, geometry_column=geometry_column))
    return docs


def main(argv: Sequence[str] | None = None) -> int:
    """Write the built-in layers' styles into the demo GeoPackage or a PostGIS store."""
    parser = argparse.ArgumentParser(prog="python -m layers.qgis_styles", description=__doc__.split("\n")[0])
    parser.add_argument("--gpkg", default=None, help="内置数据 GeoPackage（默认 data/atlas.gpkg）")
    parser.add_argument("--store", default=None, help="PostGIS 共享库地址（写入 demo_ 表的样式）")
    args = parser.parse_args(argv)
    try:
        if args.store:
            store = open_store(args.store)
            docs = builtin_styles(path=args.store, table_prefix="demo_", geometry_column="geometry")
            count = write_styles(store, docs)
            where = store.location
        else:
            path = args.gpkg or str(builtin.default_store())
            count = write_styles(path, builtin_styles(path=path))
            where = path
    except DataValidationError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(f"已写入 {count} 个图层样式（layer_styles）：{where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
