"""A stored layer by name, built-in (demo store) or imported (user store), with title and provenance."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from geo import ingest
from geo.errors import DataValidationError
from geo.messages import Lang
from geo.messages.notes import Listing
from geo.storage.builtin import builtin_source, layer_metadata, list_layers, load_layer, spatial_layers
from geo.storage.provenance import Provenance


def _title(row, lang: Lang) -> str:
    english = row.get("title_en") if lang == "en" else None
    return str(english) if isinstance(english, str) and english.strip() else str(row["title_zh"])


def stored_layer(
    name: str,
    store: Path | str | None = None,
    user_store: Path | str | None = None,
    *,
    lang: Lang = "zh",
) -> tuple[gpd.GeoDataFrame, str, Provenance]:
    """The layer ``name`` from the user store (imports) or else the demo store, its title in
    ``lang`` (the Chinese one where no English one was given) and its provenance.

    Raises
    ------
    DataValidationError
        When no store holds ``name``, or it is an attribute table without geometry.
    """
    user = user_store or None  # None: the selected store ($ATLAS_DATABASE_URL, else the user GeoPackage)
    meta = ingest.list_user_layers(path=user)
    if name in set(meta["layer"]):
        row = meta.set_index("layer").loc[name]
        frame = ingest.load_user_layer(name, path=user)
        return (
            frame,
            _title(row, lang),
            Provenance(row["accuracy"], row["source"], row["licence"], row["note"]),
        )
    store = builtin_source(store)  # the demo GeoPackage, or PostGIS when $ATLAS_DATABASE_URL is set
    if name not in list_layers(store):
        builtin = Listing(spatial_layers(store))  # the maps one can export, not the attribute tables
        imported = Listing(meta["layer"])  # 、 in Chinese, ", " in English
        if not len(meta):
            raise DataValidationError.of("storage.no_layer_none_imported", name=name, builtin=builtin)
        raise DataValidationError.of("storage.no_layer", name=name, builtin=builtin, imported=imported)
    frame = load_layer(name, path=store)
    if not isinstance(frame, gpd.GeoDataFrame):
        raise DataValidationError.of("storage.table_not_map", name=name)
    row = layer_metadata(path=store).loc[name]
    return frame, _title(row, lang), Provenance(row["accuracy"], row["source"], row["licence"], row["note"])
