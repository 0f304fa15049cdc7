"""The user store chosen: a Store given, a GeoPackage path, a PostgreSQL URL, or the configured one.

Which store: ``$ATLAS_DATABASE_URL`` (``postgresql://user:pw@host:port/db``) selects PostGIS;
otherwise the GeoPackage at ``$ATLAS_USER_GPKG`` or ``data/user/atlas_user.gpkg`` (both read through
:mod:`geo.settings`). The Store type itself is :mod:`geo.storage.interface`'s, re-exported here with
the names callers use.
"""

from __future__ import annotations

from pathlib import Path

from geo import settings
from geo.errors import DataValidationError
from geo.storage.changelog import AUDIT_TABLE
from geo.storage.gpkg import GpkgStore
from geo.storage.interface import META_TABLE, Store, is_database_url
from geo.storage.tables import TableEdit, TableSpec

DATABASE_URL_ENV = settings.DATABASE_URL_ENV
USER_GPKG_ENV = settings.USER_GPKG_ENV
DEFAULT_USER_GPKG = settings.DEFAULT_USER_GPKG

__all__ = [
    "AUDIT_TABLE",
    "DATABASE_URL_ENV",
    "DEFAULT_USER_GPKG",
    "META_TABLE",
    "USER_GPKG_ENV",
    "Store",
    "TableEdit",
    "TableSpec",
    "default_user_gpkg",
    "is_database_url",
    "legacy_user_dir",
    "open_store",
]


def default_user_gpkg() -> Path:
    """The embedded store's file: ``$ATLAS_USER_GPKG`` if set, else ``data/user/atlas_user.gpkg``."""
    return settings.user_gpkg()


def legacy_user_dir(store: Store) -> Path:
    """The folder where the atlas kept shared files before they were tables of the store (the named
    evaluation configurations in ``eval_configs/``): beside the GeoPackage of a GeoPackage store,
    beside the default GeoPackage when PostGIS is selected."""
    path = getattr(store, "path", None)
    return Path(path).parent if path is not None else default_user_gpkg().parent


def open_store(target: Store | Path | str | None = None) -> Store:
    """The store at ``target`` (a Store, a GeoPackage path or a PostgreSQL URL), else the configured one.

    With no target: ``$ATLAS_DATABASE_URL`` if set, else the GeoPackage at ``$ATLAS_USER_GPKG`` or
    ``data/user/atlas_user.gpkg``.
    """
    if isinstance(target, Store):
        return target
    if target is None or (isinstance(target, str) and not target.strip()):
        target = settings.database_url() or default_user_gpkg()
    if is_database_url(target):
        # Loaded when chosen, not at import: its drivers (geoalchemy2, psycopg) would add about a
        # fifth to every command's start with a GeoPackage store. No cycle: postgis imports interface.
        from geo.storage.postgis import PostGISStore

        return PostGISStore(str(target))
    if isinstance(target, str) and "://" in target:
        raise DataValidationError.of("storage.unsupported_address", scheme=target.split("://")[0])
    return GpkgStore(Path(target))
