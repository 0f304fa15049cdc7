"""The atlas's own shared tables in the selected store (the 盘活 status log, the named evaluation
configurations), and what an upgraded install imports into them once.

A shared table is a plain attribute table of the store (GeoPackage or PostGIS) described by a
:class:`TableSpec`. It is changed only through :meth:`geo.storage.interface.Store.edit_rows`: under
the store's writer lock and in one transaction, the caller's ``edit`` reads the rows as committed, says which
rows to add or remove and which change to record, and the rows and their change-log row
(``atlas_audit``) commit together. Two app servers and the command line on one store therefore see
one table and lose nothing to each other.

Before the table existed, its data lived elsewhere (YAML files, a table of the embedded
GeoPackage while PostGIS was selected). A :data:`Seed` gives those rows: they are written in the
same transaction that creates the table, with a ``migrate`` change naming where they came from,
so they are imported exactly once; the old files are left where they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from geo.storage.changelog import Change


@dataclass(frozen=True)
class TableSpec:
    """A shared attribute table: its name, its columns (text unless listed in ``int_columns``), and
    an optional ``key`` column whose value is unique (a row added with a stored key replaces it)."""

    name: str
    columns: tuple[str, ...]
    int_columns: frozenset[str] = frozenset()
    key: str | None = None
    description: str = ""

    def empty(self) -> pd.DataFrame:
        """The table with no rows."""
        return pd.DataFrame(
            {c: pd.Series(dtype="Int64" if c in self.int_columns else "object") for c in self.columns}
        )

    def tidy(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Rows as read from a store: the spec's columns in order (missing ones blank), counts as
        Int64, texts without NULLs."""
        out = rows.copy()
        for col in self.columns:
            if col not in out:
                out[col] = None
        out = out[list(self.columns)].reset_index(drop=True)
        for col in self.columns:
            if col in self.int_columns:
                out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
            else:
                out[col] = out[col].astype(object).where(out[col].notna(), "")
        return out

    def row(self, values: dict) -> dict:
        """One row to write: every column of the spec, ints as ints, texts as texts."""
        out = {}
        for col in self.columns:
            value = values.get(col)
            if col in self.int_columns:
                out[col] = None if value is None or pd.isna(value) else int(value)
            else:
                out[col] = (
                    "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
                )
        return out


@dataclass(frozen=True)
class TableEdit:
    """What one write does to a shared table: rows added (replacing same-key rows), key values of
    rows removed, and the change recorded in the change log with them (none: nothing is written)."""

    rows: tuple[dict, ...] = ()
    remove: tuple[str, ...] = ()
    change: Change | None = None
    result: object = field(default=None, compare=False)  # what the caller wants back


@dataclass(frozen=True)
class Seed:
    """Old data to import when the table is created: its rows and the ``migrate`` change naming
    where they came from."""

    rows: tuple[dict, ...]
    change: Change


SeedSource = Callable[[], Seed | None]
Edit = Callable[[pd.DataFrame], TableEdit]


def no_seed() -> Seed | None:
    """A table with nothing to import."""
    return None
