"""The user store's interface: the Store type both backends implement, and the provenance table's names.

A store holds imported layers, their provenance rows (``layer_metadata``, one row per layer), the
audit table (``atlas_audit``) and the atlas's own shared tables (the 盘活 status log, the named
evaluation configurations: :mod:`geo.storage.tables`). Every write is one transaction: the layer or
the shared rows, the provenance row and the audit row are seen by other processes all together or
not at all. The backends (:mod:`geo.storage.gpkg`, :mod:`geo.storage.postgis`) import this module;
:func:`geo.storage.base.open_store` chooses and opens one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from geo.errors import DataValidationError
from geo.storage.changelog import Change
from geo.storage.tables import Edit, SeedSource, TableEdit, TableSpec, no_seed

META_TABLE = "layer_metadata"
# The column of the provenance row naming the table that holds the layer's features. The GeoPackage
# store writes a replacement into a new table and switches this name in the commit, so a replace
# killed half-way leaves the old layer whole; an absent value means "the table named like the layer".
TABLE_COLUMN = "table_name"
# Tables of a killed writer that no provenance row names start with this; the next writer drops them.
LAYER_PREFIX = "user_"
_URL_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgresql+psycopg2://", "postgres://")


class Store(ABC):
    """Where imported layers, their provenance and the audit log live."""

    kind: str  # "gpkg" | "postgis"

    @property
    @abstractmethod
    def location(self) -> str:
        """A path or a URL without its password, for messages and the UI."""

    @abstractmethod
    def list_metadata(self) -> pd.DataFrame:
        """The provenance rows of the stored layers (all columns as stored; empty when none)."""

    @abstractmethod
    def read_layer(self, name: str) -> gpd.GeoDataFrame:
        """The features of one stored layer (not yet validated).

        Raises
        ------
        DataValidationError
            When no such layer is stored (e.g. another session has just deleted it).
        """

    @abstractmethod
    def save_layer(
        self,
        name: str,
        frame: gpd.GeoDataFrame,
        row: dict,
        change: Change,
        *,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        """Add or replace a layer with its provenance ``row`` and audit ``change``, in one transaction;
        ``aliases`` (column -> the header people read) become the columns' names in QGIS."""

    @abstractmethod
    def delete_layer(self, name: str, change: Change) -> dict:
        """Remove a layer and its provenance row, record ``change``; returns the removed row.

        Raises
        ------
        DataValidationError
            When no such layer is stored.
        """

    @abstractmethod
    def update_metadata(self, name: str, fields: dict, change: Change) -> None:
        """Change provenance fields of a stored layer and record ``change``, in one transaction."""

    @abstractmethod
    def record(self, change: Change) -> None:
        """Record a change that is not a layer write (a configuration saved, a status changed)."""

    @abstractmethod
    def audit_log(self) -> pd.DataFrame:
        """Every recorded change, newest first (see :func:`geo.storage.changelog.tidy_audit`)."""

    @abstractmethod
    def read_rows(self, spec: TableSpec) -> pd.DataFrame | None:
        """The rows of a shared table in the order they were written, or ``None`` while the table
        does not exist in this store (see :meth:`read_shared`)."""

    @abstractmethod
    def edit_rows(self, spec: TableSpec, edit: Edit, *, seed: SeedSource = no_seed) -> TableEdit:
        """Change a shared table under the writer lock, in one transaction; returns what ``edit`` said.

        The table is created if missing, together with the rows ``seed`` gives (old data imported
        once, recorded as its ``migrate`` change). ``edit`` then gets the rows as committed and
        returns the rows to add (a row whose ``spec.key`` is stored replaces it), the keys to remove
        and the change to record; they commit with the change-log row or not at all (an exception
        raised by ``edit`` leaves the store as it was).
        """

    @abstractmethod
    def feature_counts(self) -> dict[str, int]:
        """Each stored layer's number of features as the table holds it now (edits made in QGIS
        included), by layer name: one ``COUNT(*)`` per table."""

    @abstractmethod
    def stamp(self) -> str:
        """A value that changes with every committed write (keys the app's caches)."""

    def has_layer(self, name: str) -> bool:
        """Whether a layer of that name is stored."""
        meta = self.list_metadata()
        return bool(len(meta)) and name in set(meta["layer"])

    def read_shared(self, spec: TableSpec, *, seed: SeedSource = no_seed) -> pd.DataFrame:
        """The rows of a shared table in the order they were written (an empty frame when none).

        A table not yet created in the store, with old data to import, is created first (the old
        data imported once, see :meth:`edit_rows`); with nothing to import nothing is written.
        """
        rows = self.read_rows(spec)
        if rows is None:
            found = seed()
            if found is None or not found.rows:
                return spec.empty()
            self.edit_rows(spec, lambda _current: TableEdit(), seed=seed)
            rows = self.read_rows(spec)
        return spec.empty() if rows is None else spec.tidy(rows)


def is_database_url(target: object) -> bool:
    """Whether ``target`` is a PostgreSQL URL rather than a GeoPackage path."""
    return isinstance(target, str) and target.startswith(_URL_SCHEMES)


def missing_layer_error(name: str) -> DataValidationError:
    """The error for a layer that is not (or no longer) in the store."""
    return DataValidationError.of("storage.no_imported_layer", name=name)


def metadata_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Provenance rows as read: the table column filled in with the layer name where absent."""
    meta = rows.drop(columns=[c for c in ("fid", "id") if c in rows.columns]).reset_index(drop=True)
    if "layer" not in meta:
        return meta
    if TABLE_COLUMN not in meta:
        meta[TABLE_COLUMN] = meta["layer"]
    blank = meta[TABLE_COLUMN].isna() | (meta[TABLE_COLUMN].astype(str).str.strip() == "")
    meta.loc[blank, TABLE_COLUMN] = meta.loc[blank, "layer"]
    return meta
