"""The user's imported layers (数据管理) drawn on a map, with their provenance."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import pandas as pd

from geo import ingest
from geo.exports.readable import imported_headers, own_names
from geo.messages import Lang, t
from geo.place_names import own_place_name
from geo.storage.styles import IMPORT_COLORS
from layers.base import NAMED_COLUMNS, Field, Layer, Provenance
from layers.enterprises import PointLayer
from layers.mapview import MapLayer

USER_COLORS = IMPORT_COLORS  # the colours QGIS styles of imports use too


def tooltip_fields(kind: str, columns: list[str], *, names_places: bool = False) -> tuple[Field, ...]:
    """Tooltip rows of an imported layer of ``kind`` under the catalogue's names for that kind (a
    zone's ``name`` is 名称, not 企业名称; :func:`geo.exports.readable.imported_headers`, which the
    command line's exports head them by too), never a raw field name such as ``area_km2``.

    The values of the known vocabularies (industries, towns: ``layers.base.NAMED_COLUMNS``) are
    shown in English on an English page, as the built-in layers' are; places, and a ``name`` when
    ``names_places`` (the polygons of an imported zone layer), as the user wrote them but for the
    fixed 区镇 and districts (:func:`geo.exports.readable.own_names`; the briefing PNG names them so
    too). A firm's name and the user's own text stay as given."""
    zh, en = imported_headers(kind, columns, "zh"), imported_headers(kind, columns, "en")
    named = own_names({**NAMED_COLUMNS, **({"name": "place"} if names_places else {})})
    return tuple(Field(c, zh.get(c, c), en.get(c, c), names=named.get(c, "")) for c in columns)


def user_map_layer(
    meta: pd.Series, frame: gpd.GeoDataFrame, *, index: int = 0, background: bool = False
) -> MapLayer:
    """An imported layer drawn like a built-in one: its title, a colour, name/ID tooltips and the
    provenance recorded at import (``meta`` is a row of ``geo.ingest.list_user_layers()``).
    ``background``: under another page's own layers, listed in the layer switcher but not drawn
    until ticked, and a zone layer as outlines (its fill covered the whole map)."""
    types = frame.geom_type.dropna()  # unlocated enterprises have none
    geom = types.iloc[0] if len(types) else "Point"
    kind = "polygon" if "Polygon" in geom else "line" if "Line" in geom else "point"
    columns = [c for c in frame.columns if c != frame.geometry.name]
    shown = list(imported_headers(str(meta.get("kind", "other")), columns, "zh"))
    layer_type = PointLayer if kind == "point" else Layer  # points: one canvas, gridded when many
    layer = layer_type(
        name=str(meta["layer"]),
        source=str(meta["layer"]),
        title_zh=str(meta["title_zh"]),
        title_en=str(meta["title_en"]),
        group=t("export.user_group", "zh"),
        kind=kind,
        color=USER_COLORS[index % len(USER_COLORS)],
        fill_opacity=0.0 if background else 0.25,
        radius=4.0,
        tooltip_fields=tooltip_fields(str(meta.get("kind", "other")), shown, names_places=kind == "polygon"),
        show=not background,
        table_leaves_out_empty=True,  # the file's columns, not the standard ones it never had
        numbers_as_came=True,  # the user's numbers: the CSV writes them as they came
    )
    prov = Provenance(
        accuracy=str(meta["accuracy"]),
        source=str(meta["source"]),
        licence=str(meta["licence"] or ""),
        note=str(meta["note"] or ""),
    )
    return MapLayer(layer, frame, prov)


def user_map_layers(*, kind: str | None = None, path=None) -> list[MapLayer]:
    """Every stored import (optionally of one ``kind``: zones / enterprises / other) as background
    map layers (see :func:`user_map_layer`)."""
    meta = ingest.list_user_layers(kind=kind, path=path)
    return [
        user_map_layer(row, ingest.load_user_layer(row["layer"], path=path), index=i, background=True)
        for i, (_, row) in enumerate(meta.iterrows())
    ]


def own_named(layer: Layer) -> Layer:
    """``layer`` (a built-in layer's look) for a user's own data: its fields' places named as the user
    wrote them (``"own_place"``: :func:`geo.place_names.own_place_name`), on the map, in its tables and
    in the briefing PNG's labels (:func:`own_labels`)."""

    def own(fields: tuple[Field, ...]) -> tuple[Field, ...]:
        return tuple(replace(f, names="own_place") if f.names == "place" else f for f in fields)

    return replace(layer, tooltip_fields=own(layer.tooltip_fields), popup_fields=own(layer.popup_fields))


def own_labels(layer: Layer, frame: gpd.GeoDataFrame, lang: Lang) -> gpd.GeoDataFrame:
    """``frame`` as the briefing PNG labels it: where ``layer`` names the places of a user's own
    data (a field of ``"own_place"``), its areas' ``name`` in English as the user wrote it (the
    PNG's ``name_en``), not a built-in park's English that shares the name (walk 17)."""
    own = any(f.names == "own_place" for f in (*layer.tooltip_fields, *layer.popup_fields))
    if lang != "en" or not own or layer.kind != "polygon":
        return frame
    if "name" not in frame.columns or "name_en" in frame.columns:
        return frame
    return frame.assign(name_en=frame["name"].map(lambda v: own_place_name(v, lang), na_action="ignore"))
