"""The embedded store: one GeoPackage file, written in place under SQLite transactions and a file lock.

How a write stays whole under concurrency and ``kill -9``:

- Writers (of any process) take an exclusive ``flock`` on a sidecar lock file (``<store>.lock``)
  for the whole read-modify-write, so no two writers interleave. Readers take no lock: SQLite's
  own locking gives them the last committed state.
- A layer's features are written by GDAL (pyogrio) into a table that no provenance row names yet —
  for a new layer its own name, for a replacement a fresh ``<name>__<n>``. Nothing points at it, so
  readers do not see it and a writer killed here leaves only an unnamed table, which the next writer
  drops.
- One SQLite transaction then swaps the provenance row, drops the table it replaces, renames the new
  one to the replaced table's name (a QGIS project naming that table keeps its layer; styles saved
  there from QGIS stay) and adds the audit row: the commit is the moment the change appears, all of
  it at once. A writer killed before the commit leaves a hot journal that SQLite rolls back on the
  next open.

No temporary copy of the store is made, so the file keeps its mode and nothing is left beside it but
the lock file (and, only between a killed writer and the next open, SQLite's journal).
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.errors import DataValidationError
from geo.storage.changelog import (
    AUDIT_COLUMNS,
    AUDIT_INT_COLUMNS,
    AUDIT_TABLE,
    Change,
    empty_audit,
    tidy_audit,
)
from geo.storage.interface import (
    LAYER_PREFIX,
    META_TABLE,
    TABLE_COLUMN,
    Store,
    metadata_frame,
    missing_layer_error,
)
from geo.storage.outside_edits import gpkg_guard_log, gpkg_track_all, gpkg_track_table
from geo.storage.styles import (
    forget_gpkg_styles,
    gpkg_creation_options,
    gpkg_describe,
    import_style,
    layer_description,
    write_gpkg_data_columns,
    write_gpkg_styles,
)
from geo.storage.tables import Edit, SeedSource, TableEdit, TableSpec, no_seed

STORE_FILE_MODE = 0o640  # a new store and its lock file: owner and group, like PostgreSQL's files
_BUSY_TIMEOUT_S = 120.0  # how long a reader or writer waits for SQLite's lock before giving up
# GeoPackage bookkeeping tables that name a feature table (cleared when the table is dropped).
_GPKG_REGISTRIES = (
    "gpkg_geometry_columns",
    "gpkg_ogr_contents",
    "gpkg_extensions",
    "gpkg_data_columns",
    "gpkg_metadata_reference",
    "gpkg_contents",
)


# How the store's own tables are listed in GIS software (gpkg_contents identifier, description).
_OWN_TABLES = {
    AUDIT_TABLE: ("变更记录（留痕）", "苏州产业布局一张图：每次导入、替换、删除和外部编辑的记录（不可修改）"),
    META_TABLE: ("图层来源说明", "苏州产业布局一张图：每个导入图层的来源、精度、文件与导入时间"),
}


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


# The first bytes of every SQLite database, hence of every GeoPackage.
SQLITE_HEADER = b"SQLite format 3\x00"


class GpkgStore(Store):
    """A user store in one GeoPackage file (created on the first write)."""

    kind = "gpkg"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    @property
    def location(self) -> str:
        return str(self.path)

    def __repr__(self) -> str:
        return f"GpkgStore({str(self.path)!r})"

    # ---- reading (no lock: SQLite gives the last committed state) ----------------------------

    def _exists(self) -> bool:
        return self.path.exists() and self.path.stat().st_size > 0

    def _connect(self) -> sqlite3.Connection:
        if self._exists():
            with self.path.open("rb") as file:
                if (
                    file.read(len(SQLITE_HEADER)) != SQLITE_HEADER
                ):  # a CSV or a typo'd path given as the store
                    raise DataValidationError.of("storage.not_a_geopackage", path=self.path)
        con = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
        return con

    @staticmethod
    def _tables(con: sqlite3.Connection) -> set[str]:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _read_table(self, table: str) -> pd.DataFrame | None:
        if not self._exists():
            return None
        if self._journal.exists():
            self._recover_if_idle()
        con = self._connect()
        try:
            if table not in self._tables(con):
                return None
            return pd.read_sql_query(f"SELECT * FROM {_quote(table)} ORDER BY fid", con)
        finally:
            con.close()

    def list_metadata(self) -> pd.DataFrame:
        rows = self._read_table(META_TABLE)
        return pd.DataFrame() if rows is None else metadata_frame(rows)

    def read_layer(self, name: str) -> gpd.GeoDataFrame:
        meta = self.list_metadata()
        hit = meta[meta["layer"] == name] if len(meta) else meta
        if not len(hit):
            raise missing_layer_error(name)
        table = str(hit[TABLE_COLUMN].iloc[0])
        try:
            return pyogrio.read_dataframe(self.path, layer=table)
        except pyogrio.errors.DataLayerError as exc:  # deleted or replaced since the row was read
            raise missing_layer_error(name) from exc

    def audit_log(self) -> pd.DataFrame:
        rows = self._read_table(AUDIT_TABLE)
        if rows is None:
            return empty_audit()
        return tidy_audit(rows.rename(columns={"fid": "id"}))

    def read_rows(self, spec: TableSpec) -> pd.DataFrame | None:
        rows = self._read_table(spec.name)
        return None if rows is None else rows.drop(columns=["fid"], errors="ignore")

    def feature_counts(self) -> dict[str, int]:
        meta = self.list_metadata()
        if not len(meta):
            return {}
        con = self._connect()
        try:
            tables = self._tables(con)
            return {
                str(layer): int(con.execute(f"SELECT COUNT(*) FROM {_quote(str(table))}").fetchone()[0])
                for layer, table in zip(meta["layer"], meta[TABLE_COLUMN], strict=True)
                if str(table) in tables
            }
        finally:
            con.close()

    def stamp(self) -> str:
        if not self.path.exists():
            return "absent"
        st = self.path.stat()
        return f"{st.st_mtime_ns}:{st.st_size}"

    # ---- what a killed writer leaves ----------------------------------------------------------

    @property
    def _journal(self) -> Path:
        return self.path.with_name(self.path.name + "-journal")

    def _recover(self) -> None:
        """With no writer at work: roll back or remove the journal a killed writer left.

        SQLite rolls a hot journal back itself when the write lock is taken; a journal whose header
        was never written (the writer died before changing the file) is not hot and would stay
        beside the store, so it is removed while the write lock is held.
        """
        if not self._journal.exists():
            return
        con = sqlite3.connect(self.path, timeout=1.0, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            self._journal.unlink(missing_ok=True)
            con.execute("ROLLBACK")
        except sqlite3.OperationalError:  # someone else's write is in progress: its journal is live
            pass
        finally:
            con.close()

    def _recover_if_idle(self) -> None:
        """From a reader: recover only if no writer of the atlas holds the lock right now."""
        try:
            fd = os.open(self.lock_path, os.O_RDWR)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return
        try:
            self._recover()
        finally:
            os.close(fd)

    # ---- writing ------------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the store's writer lock (all processes) for the whole read-modify-write."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        mode = (self.path.stat().st_mode & 0o666) if self.path.exists() else STORE_FILE_MODE
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, mode)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            yield con
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    def _prepare(self, meta_row: dict | None = None) -> None:
        """Under the lock: create the provenance and audit tables if missing (through GDAL, so they are
        registered GeoPackage attribute tables), add missing columns, drop what a killed writer left."""
        present: set[str] = set()
        self._recover()
        if self._exists():
            con = self._connect()
            try:
                present = self._tables(con)
            finally:
                con.close()
        if AUDIT_TABLE not in present:
            empty = pd.DataFrame(
                {c: pd.Series(dtype="int64" if c in AUDIT_INT_COLUMNS else "object") for c in AUDIT_COLUMNS}
            )
            created = not self.path.exists()
            pyogrio.write_dataframe(
                empty,
                self.path,
                layer=AUDIT_TABLE,
                driver="GPKG",
                dataset_options=gpkg_creation_options(self.path),
            )
            if created:  # GDAL creates it 0644: imports and the change log are not for everyone
                os.chmod(self.path, STORE_FILE_MODE)
        if META_TABLE not in present and meta_row is not None:
            pyogrio.write_dataframe(
                _empty_like(meta_row),
                self.path,
                layer=META_TABLE,
                driver="GPKG",
                dataset_options=gpkg_creation_options(self.path),
            )
        with self._transaction() as con:
            if meta_row is not None:
                _add_missing_columns(con, META_TABLE, meta_row)
            self._drop_orphans(con)
            gpkg_guard_log(con)
            gpkg_track_all(con)
            for table, (title, description) in _OWN_TABLES.items():
                if con.execute(
                    "SELECT 1 FROM gpkg_contents WHERE table_name = ? AND identifier = table_name", (table,)
                ).fetchone():
                    gpkg_describe(con, table, title, description)

    def _drop_orphans(self, con: sqlite3.Connection) -> None:
        """Drop layer tables no provenance row names (left by a writer killed before its commit)."""
        tables = self._tables(con)
        named: set[str] = set()
        if META_TABLE in tables:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({_quote(META_TABLE)})")]
            pick = TABLE_COLUMN if TABLE_COLUMN in cols else "layer"
            for layer, table in con.execute(f"SELECT layer, {_quote(pick)} FROM {_quote(META_TABLE)}"):
                named.add(str(table or layer).lower())
        registered = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
        for table in sorted(tables | registered):
            if table.lower().startswith(LAYER_PREFIX) and table.lower() not in named:
                _drop_table(con, table)

    def save_layer(
        self,
        name: str,
        frame: gpd.GeoDataFrame,
        row: dict,
        change: Change,
        *,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        with self._locked():
            self._prepare(row)
            meta = self.list_metadata()
            old = meta.loc[meta["layer"] == name, TABLE_COLUMN].tolist() if len(meta) else []
            con = self._connect()
            try:
                taken = {t.lower() for t in self._tables(con)}
            finally:
                con.close()
            table, i = name, 2
            while table.lower() in taken:
                table, i = f"{name}__{i}", i + 1
            if old and change.action == "import":
                change = replace(change, action="replace")
            try:
                # Not yet named by any provenance row: invisible to readers until the commit below.
                pyogrio.write_dataframe(
                    frame,
                    self.path,
                    layer=table,
                    driver="GPKG",
                    dataset_options=gpkg_creation_options(self.path),
                )
                with self._transaction() as con:
                    con.execute(f"DELETE FROM {_quote(META_TABLE)} WHERE layer = ?", (name,))
                    for stale in old:
                        _drop_table(con, str(stale), keep_styles=True)
                    if old:  # a replacement keeps the table's name: QGIS projects still find it
                        _rename_table(con, table, str(old[0]))
                        table = str(old[0])
                    _insert(con, META_TABLE, {**row, "layer": name, TABLE_COLUMN: table})
                    _describe_for_qgis(
                        con, name, table, frame, row, index=len(meta) - len(old), aliases=aliases or {}
                    )
                    _insert(con, AUDIT_TABLE, change.as_row())
                    _forget_counts(con, META_TABLE, AUDIT_TABLE)
            except BaseException:
                self._discard()
                raise

    def _discard(self) -> None:
        """After a failed save: drop the unnamed table it wrote (else the next writer does)."""
        try:
            with self._transaction() as con:
                self._drop_orphans(con)
        except sqlite3.Error:
            pass

    def delete_layer(self, name: str, change: Change) -> dict:
        with self._locked():
            self._prepare()
            with self._transaction() as con:
                rows = _select(con, META_TABLE, name)
                if not rows:
                    raise missing_layer_error(name)
                row = rows[0]
                con.execute(f"DELETE FROM {_quote(META_TABLE)} WHERE layer = ?", (name,))
                _drop_table(con, str(row.get(TABLE_COLUMN) or name))
                _insert(con, AUDIT_TABLE, change.filled_from(row).as_row())
                _forget_counts(con, META_TABLE, AUDIT_TABLE)
        return row

    def update_metadata(self, name: str, fields: dict, change: Change) -> None:
        protected = {"layer", TABLE_COLUMN} & set(fields)
        if protected:
            raise DataValidationError.of("storage.protected_fields", fields="、".join(sorted(protected)))
        with self._locked():
            self._prepare(fields)
            with self._transaction() as con:
                if not _select(con, META_TABLE, name):
                    raise missing_layer_error(name)
                sets = ", ".join(f"{_quote(k)} = ?" for k in fields)
                con.execute(
                    f"UPDATE {_quote(META_TABLE)} SET {sets} WHERE layer = ?", (*fields.values(), name)
                )
                row = _select(con, META_TABLE, name)[0]
                table = str(row.get(TABLE_COLUMN) or name)
                gpkg_describe(con, table, str(row.get("title_zh") or name), layer_description(row))
                _insert(con, AUDIT_TABLE, change.as_row())
                _forget_counts(con, AUDIT_TABLE)

    def edit_rows(self, spec: TableSpec, edit: Edit, *, seed: SeedSource = no_seed) -> TableEdit:
        with self._locked():
            self._prepare()
            with self._transaction() as con:
                if spec.name not in self._tables(con):
                    _create_attribute_table(con, spec)
                    found = seed()
                    if found is not None and found.rows:
                        for row in found.rows:
                            _insert(con, spec.name, spec.row(row))
                        _insert(con, AUDIT_TABLE, found.change.as_row())
                else:
                    _add_spec_columns(con, spec)
                current = pd.read_sql_query(f"SELECT * FROM {_quote(spec.name)} ORDER BY fid", con)
                done = edit(spec.tidy(current))
                if done.change is None:
                    return done
                gone = [*done.remove, *((r[spec.key] for r in done.rows) if spec.key else ())]
                for key in gone:
                    con.execute(f"DELETE FROM {_quote(spec.name)} WHERE {_quote(spec.key)} = ?", (key,))
                for row in done.rows:
                    _insert(con, spec.name, spec.row(row))
                _insert(con, AUDIT_TABLE, done.change.as_row())
                _forget_counts(con, spec.name, AUDIT_TABLE)
        return done

    def record(self, change: Change) -> None:
        with self._locked():
            self._prepare()
            with self._transaction() as con:
                _insert(con, AUDIT_TABLE, change.as_row())
                _forget_counts(con, AUDIT_TABLE)


def _describe_for_qgis(
    con: sqlite3.Connection,
    name: str,
    table: str,
    frame: gpd.GeoDataFrame,
    row: dict,
    *,
    index: int,
    aliases: Mapping[str, str],
) -> None:
    """What QGIS shows of a new layer table: its title and description in ``gpkg_contents``, its
    columns' readable names (``gpkg_data_columns`` and the style's aliases), its default style (the
    colour the map draws it in) and the triggers recording edits made there."""
    title = str(row.get("title_zh") or name)
    gpkg_describe(con, table, title, layer_description(row))
    if aliases:
        write_gpkg_data_columns(con, table, aliases)
    found = con.execute(
        "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", (table,)
    ).fetchone()
    if found is not None:
        types = frame.geom_type.dropna()
        style = import_style(
            table=table,
            geometry_column=str(found[0]),
            geom_type=str(types.iloc[0]) if len(types) else "Point",
            title=title,
            index=max(index, 0),
            aliases=aliases,
        )
        write_gpkg_styles(con, [style])
    gpkg_track_table(con, table, name)


def _empty_like(row: dict) -> pd.DataFrame:
    columns = {"layer": pd.Series(dtype="object"), TABLE_COLUMN: pd.Series(dtype="object")}
    for key, value in row.items():
        is_int = isinstance(value, int) and not isinstance(value, bool)
        columns.setdefault(key, pd.Series(dtype="int64" if is_int else "object"))
    return pd.DataFrame(columns)


def _add_missing_columns(con: sqlite3.Connection, table: str, row: dict) -> None:
    if table not in GpkgStore._tables(con):
        return
    have = {r[1] for r in con.execute(f"PRAGMA table_info({_quote(table)})")}
    for key, value in {TABLE_COLUMN: "", **row}.items():
        if key not in have:
            kind = "INTEGER" if isinstance(value, int) and not isinstance(value, bool) else "TEXT"
            con.execute(f"ALTER TABLE {_quote(table)} ADD COLUMN {_quote(key)} {kind}")


def _create_attribute_table(con: sqlite3.Connection, spec: TableSpec) -> None:
    """Create a shared table as a GeoPackage attribute table (registered, so GDAL and QGIS list it),
    inside the caller's transaction."""
    columns = ", ".join(
        f"{_quote(c)} {'INTEGER' if c in spec.int_columns else 'TEXT'}" + (" UNIQUE" if c == spec.key else "")
        for c in spec.columns
    )
    con.execute(f"CREATE TABLE {_quote(spec.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, {columns})")
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)"
        " VALUES (?, 'attributes', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        (spec.name, spec.name, spec.description),
    )


def _add_spec_columns(con: sqlite3.Connection, spec: TableSpec) -> None:
    """Columns a newer atlas added to a shared table written by an older one."""
    have = {r[1] for r in con.execute(f"PRAGMA table_info({_quote(spec.name)})")}
    for col in spec.columns:
        if col not in have:
            kind = "INTEGER" if col in spec.int_columns else "TEXT"
            con.execute(f"ALTER TABLE {_quote(spec.name)} ADD COLUMN {_quote(col)} {kind}")


def _sql_value(value):
    if value is None:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _insert(con: sqlite3.Connection, table: str, row: dict) -> None:
    keys = list(row)
    marks = ", ".join("?" for _ in keys)
    con.execute(
        f"INSERT INTO {_quote(table)} ({', '.join(_quote(k) for k in keys)}) VALUES ({marks})",
        [_sql_value(row[k]) for k in keys],
    )


def _select(con: sqlite3.Connection, table: str, layer: str) -> list[dict]:
    if table not in GpkgStore._tables(con):
        return []
    cur = con.execute(f"SELECT * FROM {_quote(table)} WHERE layer = ?", (layer,))
    names = [d[0] for d in cur.description]
    return [{k: v for k, v in zip(names, r, strict=True) if k != "fid"} for r in cur.fetchall()]


def _forget_counts(con: sqlite3.Connection, *tables: str) -> None:
    """Let GDAL recount rows of tables written here (its cached feature count may be stale)."""
    for table in tables:
        con.execute(
            "UPDATE gpkg_ogr_contents SET feature_count = NULL WHERE lower(table_name) = lower(?)", (table,)
        )


def _drop_table(con: sqlite3.Connection, table: str, *, keep_styles: bool = False) -> None:
    """Remove a feature or attribute table with its spatial index and GeoPackage registrations (and
    its QGIS styles; ``keep_styles``: only the atlas's own, as a table replaced under its name keeps
    the styles saved from QGIS)."""
    tables = GpkgStore._tables(con)
    if "gpkg_geometry_columns" in tables:
        for (column,) in con.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", (table,)
        ).fetchall():
            con.execute(f"DROP TABLE IF EXISTS {_quote(f'rtree_{table}_{column}')}")
    con.execute(f"DROP TABLE IF EXISTS {_quote(table)}")
    forget_gpkg_styles(con, table, own_only=keep_styles)
    for registry in _GPKG_REGISTRIES:
        if registry in tables:
            con.execute(f"DELETE FROM {registry} WHERE lower(table_name) = lower(?)", (table,))


def _rename_table(con: sqlite3.Connection, table: str, to: str) -> None:
    """Inside the caller's transaction: give feature table ``table`` the name ``to`` (free), with its
    R-tree index, GDAL's triggers and its GeoPackage registrations, as GDAL's own rename does."""
    triggers = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    ).fetchall()
    for trigger, _sql in triggers:  # GDAL's (R-tree, feature count): they name the table inside
        con.execute(f"DROP TRIGGER {_quote(trigger)}")
    con.execute(f"ALTER TABLE {_quote(table)} RENAME TO {_quote(to)}")
    for (column,) in con.execute(
        "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", (table,)
    ).fetchall():
        index = f"rtree_{table}_{column}"
        if index in GpkgStore._tables(con):
            con.execute(f"ALTER TABLE {_quote(index)} RENAME TO {_quote(f'rtree_{to}_{column}')}")
    for registry in _GPKG_REGISTRIES:
        if registry in GpkgStore._tables(con):
            con.execute(
                f"UPDATE {registry} SET table_name = ? WHERE lower(table_name) = lower(?)", (to, table)
            )
    con.execute("UPDATE gpkg_contents SET identifier = ? WHERE identifier = ?", (to, table))
    for _trigger, sql in triggers:
        con.execute(sql.replace(table, to))
