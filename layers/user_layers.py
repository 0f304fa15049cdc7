"""The user's imported layers (数据管理) drawn on a map, with their provenance."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo import ingest
from geo.stores.styles import IMPORT_COLORS
from layers._strings import t
from layers.base import Field, Layer, Provenance
from layers.enterprises import PointLayer
from layers.mapview import MapLayer

USER_COLORS = IMPORT_COLORS  # the colours QGIS styles of imports use too
_TOOLTIP_COLUMNS = ("name", "zone_id", "ent_id", "industry", "town", "land_mu", "tax_wan_yuan", "area_km2")


def user_map_layer(meta: pd.Series, frame: gpd.GeoDataFrame, *, index: int = 0) -> MapLayer:
    """An imported layer drawn like a built-in one: its title, a colour, name/ID tooltips and the
    provenance recorded at import (``meta`` is a row of ``geo.ingest.list_user_layers()``)."""
    types = frame.geom_type.dropna()  # unlocated enterprises have none
    geom = types.iloc[0] if len(types) else "Point"
    kind = "polygon" if "Polygon" in geom else "line" if "Line" in geom else "point"
    shown = [c for c in _TOOLTIP_COLUMNS if c in frame.columns]
    if not shown:
        shown = [c for c in frame.columns if c != frame.geometry.name][:4]
    layer_type = PointLayer if kind == "point" else Layer  # points: one canvas, gridded when many
    layer = layer_type(
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
