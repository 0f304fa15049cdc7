"""The embedded GeoPackage store: load and validate layers, write them atomically."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo import settings
from geo.errors import DataValidationError
from geo.messages.notes import Listing, Note, note
from geo.spatial.crs import STORAGE_CRS
from geo.storage.interface import is_database_url
from geo.storage.schema import LAYERS_BY_NAME, LayerSchema
from geo.storage.styles import STYLES_TABLE, gpkg_creation_options

DATA_DIR = settings.DATA_DIR
DEFAULT_GPKG = settings.DEFAULT_GPKG
ATLAS_GPKG_ENV = settings.ATLAS_GPKG_ENV

# The geometry families a stored layer holds one of (a layer of one family opens as one QGIS layer).
GEOMETRY_FAMILIES: dict[str, frozenset[str]] = {
    "polygon": frozenset({"Polygon", "MultiPolygon"}),
    "line": frozenset({"LineString", "MultiLineString"}),
    "point": frozenset({"Point", "MultiPoint"}),
}


def geometry_family(geom_type: str | None) -> str | None:
    """The family (``polygon``, ``line``, ``point``) of a shapely geometry type name; None for
    a missing geometry or a collection."""
    for family, types in GEOMETRY_FAMILIES.items():
        if geom_type in types:
            return family
    return None


def default_store() -> Path:
    """The demo GeoPackage: ``$ATLAS_GPKG`` if set, else ``data/atlas.gpkg``.

    The app reads its built-in layers from here unless ``$ATLAS_DATABASE_URL`` selects PostGIS
    (see :func:`builtin_source`).
    """
    return settings.builtin_gpkg()


def builtin_source(path: Path | str | None = None) -> Path | str:
    """Where the built-in layers are read: ``path`` (a GeoPackage path or a PostgreSQL URL) if
    given, else the PostGIS of ``$ATLAS_DATABASE_URL`` if set (its ``demo_*`` tables, written by
    ``python -m geo.cli load-demo``), else the GeoPackage of :func:`default_store`."""
    if path is None:
        path = settings.database_url() or default_store()
    return str(path) if is_database_url(str(path)) else Path(path)


def builtin_stamp(path: Path | str | None = None) -> tuple[str, str]:
    """(where, change stamp) of the built-in layers' store: keys caches, so that a rewritten
    GeoPackage or any committed write to PostGIS (``load-demo`` included) refreshes them."""
    source = builtin_source(path)
    if isinstance(source, Path):
        return str(source), str(source.stat().st_mtime_ns if source.exists() else 0)
    store = _database(source)
    return store.location, store.stamp()


def _database(url: str):
    # Loaded when a database is named (see geo.storage.base.open_store: the drivers' import time).
    from geo.storage.postgis import PostGISStore

    return PostGISStore(url)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise DataValidationError.of("storage.data_file_not_found", path=path)
    if path.stat().st_size == 0:
        raise DataValidationError.of("storage.data_file_empty", path=path)


def list_layers(path: Path | str | None = None) -> list[str]:
    """Names of the built-in layers and tables (see :func:`builtin_source` for where from).

    Raises
    ------
    DataValidationError
        When the GeoPackage is missing or empty, or PostGIS is selected but the demo is not loaded.
    """
    path = builtin_source(path)
    if not isinstance(path, Path):
        return _database(path).demo_layers()
    _check_file(path)
    # the QGIS styles (data/qgis.py) are for QGIS, not a layer of the atlas
    return [str(name) for name, _ in pyogrio.list_layers(path) if name != STYLES_TABLE]


def spatial_layers(path: Path | str | None = None) -> list[str]:
    """Names of the built-in layers that have geometry (attribute tables left out)."""
    path = builtin_source(path)
    if not isinstance(path, Path):
        return _database(path).demo_layers(spatial=True)
    _check_file(path)
    return [str(name) for name, geom in pyogrio.list_layers(path) if geom is not None]


def _check_columns(frame: pd.DataFrame, schema: LayerSchema, where: str | Note) -> None:
    missing = [col for col in schema.columns if col not in frame.columns]
    if missing:
        raise DataValidationError.of(
            "storage.layer_missing_columns",
            layer=schema.name,
            missing=Listing(missing),
            where=where,
            columns=Listing(schema.columns),
        )


def _check_geometry(gdf: gpd.GeoDataFrame, schema: LayerSchema) -> None:
    if gdf.crs is None:
        raise DataValidationError.of("storage.layer_without_crs", layer=schema.name)
    if not gdf.crs.equals(gpd.GeoSeries(crs=STORAGE_CRS).crs):
        raise DataValidationError.of("storage.layer_not_wgs84", layer=schema.name, crs=gdf.crs.to_string())
    missing = gdf.geometry.isna() | gdf.geometry.is_empty
    # Points may be unlocated (an enterprise without coordinates is still evaluated); shapes may not.
    if missing.any() and schema.geometry != "point":
        raise DataValidationError.of(
            "storage.layer_missing_geometry", layer=schema.name, n=int(missing.sum())
        )
    allowed = GEOMETRY_FAMILIES[schema.geometry]
    types = set(gdf.geom_type[~missing].unique())
    if not types <= allowed:
        raise DataValidationError.of(
            "storage.layer_wrong_geometry",
            layer=schema.name,
            geometry=note(f"storage.geometry.{schema.geometry}"),
            types=Listing(sorted(types - allowed)),
        )


def load_layer(name: str, *, path: Path | str | None = None) -> gpd.GeoDataFrame | pd.DataFrame:
    """Read one stored layer or table and validate it against its schema.

    ``path`` is a GeoPackage path or a PostgreSQL URL; by default the built-in layers' store
    (:func:`builtin_source`: PostGIS when ``$ATLAS_DATABASE_URL`` is set, else the demo GeoPackage).
    Spatial layers come back as GeoDataFrames in EPSG:4326, attribute tables as DataFrames, with
    the same columns, order and dtypes from either store.
    Layers not in the built-in schema (e.g. user imports) are only checked for CRS and emptiness.

    Raises
    ------
    DataValidationError
        When the file or layer is missing (or PostGIS is selected but the demo is not loaded:
        ``python -m geo.cli load-demo``), a required column is absent, the CRS is missing or
        not WGS-84, the layer is empty, or a geometry is missing or of the wrong type.
    """
    path = builtin_source(path)
    if not isinstance(path, Path):
        store = _database(path)
        return check_layer(
            store.read_demo(name), name, where=note("storage.where_database", location=store.location)
        )
    _check_file(path)
    available = list_layers(path)
    if name not in available:
        raise DataValidationError.of(
            "storage.no_such_data_layer", file=path.name, layer=name, layers=Listing(available)
        )
    frame = pyogrio.read_dataframe(path, layer=name)
    return check_layer(frame, name, where=note("storage.where_file", file=path.name))


def check_layer(
    frame: gpd.GeoDataFrame | pd.DataFrame, name: str, *, where: str | Note
) -> gpd.GeoDataFrame | pd.DataFrame:
    """Validate a layer read from any store (``where`` names the file or database in messages).

    Raises
    ------
    DataValidationError
        When the layer is empty, a required column is absent, the CRS is missing or not WGS-84,
        or a geometry is missing or of the wrong type.
    """
    if len(frame) == 0:
        raise DataValidationError.of("storage.layer_empty", layer=name)
    schema = LAYERS_BY_NAME.get(name)
    if schema is not None:
        _check_columns(frame, schema, where)
    if isinstance(frame, gpd.GeoDataFrame):
        _check_geometry(frame, schema or LayerSchema(name, _guess_kind(frame), ()))
    return frame


def _guess_kind(gdf: gpd.GeoDataFrame) -> str:
    # No geometry at all: only an enterprise list may keep unlocated rows (a table assigned to
    # zones by its 区镇 column), and enterprises are points.
    first = gdf.geom_type.dropna().iloc[0] if gdf.geom_type.notna().any() else "Point"
    return geometry_family(first) or "polygon"


def layer_metadata(*, path: Path | str | None = None) -> pd.DataFrame:
    """The provenance table: for each layer its title, accuracy class, source, licence and CRS."""
    return load_layer("layer_metadata", path=path).set_index("layer")


def write_layers(frames: dict[str, pd.DataFrame], *, path: Path | str | None = None) -> Path:
    """Write layers into a GeoPackage atomically: all of them land, or the file is unchanged.

    Used to build the demo store. The existing file (if any) is copied next to itself, the layers
    are written into the copy (replacing same-named layers), and the copy is renamed over the
    original in one step, keeping the original's file mode. Writers of all processes take an
    exclusive ``flock`` on ``<file>.lock`` around this, so none loses another's layers; copies left
    by a writer that was killed are removed by the next one. (The user store writes in place
    instead: :mod:`geo.storage.gpkg`.)
    """
    path = Path(path) if path is not None else default_store()
    for name, frame in frames.items():
        if (
            isinstance(frame, gpd.GeoDataFrame)
            and frame.crs is not None
            and not frame.crs.equals(gpd.GeoSeries(crs=STORAGE_CRS).crs)
        ):
            raise DataValidationError.of("storage.layer_needs_wgs84", layer=name)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in path.parent.glob(f".{path.stem}-*.gpkg"):  # a killed writer's copy
            stale.unlink(missing_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".gpkg", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            if path.exists():
                shutil.copyfile(path, tmp)
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            else:
                tmp.unlink()
            for name, frame in frames.items():
                pyogrio.write_dataframe(
                    frame, tmp, layer=name, driver="GPKG", dataset_options=gpkg_creation_options(tmp)
                )
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
    finally:
        os.close(lock)
    return path
