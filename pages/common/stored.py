"""The stored layers as the pages read them, cached until their store changes: built-in frames,
their metadata and provenance, imported layers by role, map layers of them."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.access import firm_columns, firm_level
from geo.errors import DataValidationError
from geo.ingest import list_user_layers
from geo.messages import Lang, t
from geo.storage.base import open_store
from geo.storage.builtin import layer_metadata, load_layer
from geo.storage.provenance import source_label
from layers import REGISTRY
from layers.base import Layer, Provenance, accuracy_label
from layers.mapview import MapLayer
from layers.user_layers import user_map_layers
from pages.common import cache
from pages.common.display import html_table
from pages.common.frame import show_error


def _store_stamp() -> tuple[str, str]:
    return cache.builtin_stamp()


# The stamp (where, change stamp) of the built-in layers' store (the demo GeoPackage, or PostGIS
# when ATLAS_DATABASE_URL is set) is a hashed argument (no leading underscore), so the caches
# refresh when the GeoPackage is rewritten or PostGIS commits a write. cache.resource: one frame
# in the server process, shared by every session (cache_data would unpickle a copy on every call).
@cache.resource(max_entries=64)
def _cached_layer(name: str, stamp: tuple[str, str]) -> pd.DataFrame:
    return load_layer(name)


@cache.resource(max_entries=4)
def _cached_metadata(stamp: tuple[str, str]) -> pd.DataFrame:
    return layer_metadata()


def layer_frame(name: str) -> gpd.GeoDataFrame | pd.DataFrame:
    """A stored layer (cached until the GeoPackage changes), shared by all sessions: callers must
    not modify it (filter or ``.assign``/``.copy()`` into a new frame instead)."""
    return _cached_layer(name, _store_stamp())


def metadata() -> pd.DataFrame:
    """The provenance table, indexed by layer."""
    return _cached_metadata(_store_stamp())


def map_layer(name: str, frame: gpd.GeoDataFrame | None = None) -> MapLayer:
    """A registered layer with its stored frame (or the given, filtered one) and provenance."""
    layer = REGISTRY[name]
    data = layer_frame(layer.source) if frame is None else frame
    return MapLayer(layer, data, Provenance.from_metadata(metadata(), layer.source))


def map_layer_of(
    layer: Layer, frame: gpd.GeoDataFrame | None = None, *, provenance_of: str | None = None
) -> MapLayer:
    """Like :func:`map_layer` for a variant of a registered layer (e.g. ``for_industry(...)``).

    ``provenance_of`` names the stored layer whose accuracy the legend shows, when the values
    drawn come from another table than the geometry (e.g. roles transcribed onto schematic zones).
    """
    data = layer_frame(layer.source) if frame is None else frame
    return MapLayer(layer, data, Provenance.from_metadata(metadata(), provenance_of or layer.source))


def _english(row: pd.Series, column: str, lang: Lang) -> str:
    """A metadata text in ``lang``: its English rendering (``<column>_en``, the atlas's translation)
    on an English page where the metadata has one (the sources: :func:`source_label`)."""
    english = row.get(f"{column}_en") if lang == "en" else None
    return str(english) if isinstance(english, str) and english else str(row[column] or "")


def provenance_table(layers: list[str], lang: Lang) -> pd.DataFrame:
    """Source and accuracy of the given stored layers, with headers in the UI language."""
    meta = metadata()
    rows = []
    for name in layers:
        row = meta.loc[name]
        rows.append(
            {
                t("col.layer", lang): row["title_en"] if lang == "en" else row["title_zh"],
                t("col.accuracy", lang): accuracy_label(row["accuracy"], lang),
                t("col.source", lang): source_label(row["source"], lang),
                t("col.licence", lang): _english(row, "licence", lang),
                t("col.crs", lang): row["crs"],
                t("col.note", lang): _english(row, "note", lang),
            }
        )
    return pd.DataFrame(rows)


def provenance_html(table: pd.DataFrame, lang: Lang) -> str:
    """A provenance table (:func:`provenance_table`'s, with any imports' rows) as the pages draw it:
    an HTML table whose sources and notes wrap between words, every text escaped (an import's title,
    source and note are a user's); the accuracy and the CRS on one line. (The grid cut the sources and
    notes at its edge at 1280 px in both languages.) The layer, licence, source and note take set
    shares of the width, so a short licence (本项目) is not broken by the long texts beside it."""
    shares = {"col.layer": 15, "col.source": 33, "col.licence": 10, "col.note": 25}  # % of the width
    return html_table(
        table,
        "atlas-provenance",
        one_line=[t("col.accuracy", lang), t("col.crs", lang)],
        shares={t(key, lang): share for key, share in shares.items()},
    )


# ---- imported layers and exports on every map page ------------------------------------------


def user_store_stamp() -> tuple[str, str]:
    """(which store, its change stamp): keys the caches of imported layers, so that every session sees
    a write of any other session or process on its next run."""
    store = open_store()
    return store.location, store.stamp()


@cache.resource(max_entries=4)
def _cached_user_items(stamp: tuple[str, str]) -> list[MapLayer]:
    return [] if stamp[1] == "absent" else user_map_layers()


@cache.resource(max_entries=4)
def _cached_firm_imports(stamp: tuple[str, str]) -> frozenset[str]:
    if stamp[1] == "absent":
        return frozenset()
    kinds = dict(zip(*(list_user_layers()[c] for c in ("layer", "kind")), strict=True))
    return frozenset(
        item.layer.name
        for item in _cached_user_items(stamp)
        if firm_level(str(kinds.get(item.layer.name, "other")), item.frame.columns)
    )


def firm_imports() -> frozenset[str]:
    """The imports holding enterprise rows (``geo.access.firm_level``): every enterprise import, and
    any other but a zone layer carrying enterprise figures."""
    return _cached_firm_imports(user_store_stamp())


def exportable(names: list[str]) -> list[str]:
    """``names`` (built-in layers and imports) without those holding enterprise rows, unless this
    session's role sees them (``geo.access``)."""
    if cache.audience() == "firms":
        return names
    hidden = firm_imports()
    return [
        n for n in names if n not in hidden and not (n in REGISTRY and firm_columns(layer_frame(n).columns))
    ]


def user_layers() -> list[MapLayer]:
    """The user's imported layers (数据管理) as map layers with their recorded provenance (shared by
    all sessions until the user store changes: do not modify). A session whose role sees no
    enterprise rows (``pages/common/auth.py``) gets none of the imports that hold them."""
    try:
        items = _cached_user_items(user_store_stamp())
        if cache.audience() == "firms":
            return items
        hidden = firm_imports()
        return [item for item in items if item.layer.name not in hidden]
    except DataValidationError as exc:
        show_error(exc)
        return []
