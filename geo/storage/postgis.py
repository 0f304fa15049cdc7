"""The shared server store: PostgreSQL + PostGIS, for a bureau's deployment (``$ATLAS_DATABASE_URL``).

Every write is one database transaction (PostgreSQL's DDL is transactional too): the layer's table
(written by geopandas ``to_postgis``), its provenance row and its audit row commit together, and a
writer that dies mid-way leaves nothing. Writers also take one transaction-scoped advisory lock, so
two writers never race to create the provenance or audit table.

PostgreSQL cuts identifiers at 63 bytes without an error (about 21 Chinese characters), so column
names that are longer, or hold control characters, are stored under a short name
(``c<position>_<8 hex of their SHA-1>``); the table ``atlas_columns`` keeps, for every stored
table, each column's position, stored name, original name and pandas dtype, written in the same
transaction as the table, and reads restore the original names, order and dtypes from it.

The built-in (demo) layers live here as ``demo_<layer>`` tables once ``python -m geo.cli load-demo``
has copied them in (all in one transaction); :meth:`PostGISStore.read_demo` reads them back as the
GeoPackage gives them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import geoalchemy2  # noqa: F401 - registers PostGIS's geometry type for table reflection
import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.engine import Connection, Engine

from geo.errors import DataValidationError
from geo.storage.changelog import (
    AUDIT_COLUMNS,
    AUDIT_INT_COLUMNS,
    AUDIT_TABLE,
    Change,
    empty_audit,
    tidy_audit,
)
from geo.storage.interface import META_TABLE, TABLE_COLUMN, Store, metadata_frame, missing_layer_error
from geo.storage.outside_edits import (
    GIS_ROLE,
    pg_gis_roles,
    pg_grant_role,
    pg_grant_table,
    pg_prepare,
    pg_track_table,
)
from geo.storage.pg_tables import (
    comment_literal,
    copy_rows,
    one_geometry_type,
    primary_key_column,
    stored_column_names,
)
from geo.storage.styles import (
    PG_STYLES_DDL,
    STYLES_TABLE,
    StyleDoc,
    gpkg_descriptions,
    gpkg_styles,
    import_style,
    layer_description,
)
from geo.storage.tables import Edit, SeedSource, TableEdit, TableSpec, no_seed

GEOMETRY_COLUMN = "geometry"
COLUMNS_TABLE = "atlas_columns"
DEMO_PREFIX = "demo_"
_LOCK_KEY = 0x41544C53  # "ATLS": the advisory lock every writer of the atlas takes
_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def normalise_url(url: str) -> str:
    """A SQLAlchemy URL using psycopg 3 (``postgresql://`` alone would mean psycopg2)."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def _engine(url: str) -> Engine:
    with _ENGINES_LOCK:
        if url not in _ENGINES:
            _ENGINES[url] = sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
        return _ENGINES[url]


def _unreachable(url: sa.URL, exc: Exception) -> DataValidationError:
    return DataValidationError.of(
        "storage.database_unreachable",
        url=url.render_as_string(hide_password=True),
        error=type(exc).__name__,
    )


class PostGISStore(Store):
    """A user store in a PostgreSQL database with the PostGIS extension."""

    kind = "postgis"

    def __init__(self, url: str) -> None:
        self.url = sa.make_url(normalise_url(url))
        self.engine = _engine(self.url.render_as_string(hide_password=False))

    @property
    def location(self) -> str:
        return self.url.render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"PostGISStore({self.location!r})"

    # ---- connections ------------------------------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        try:
            conn = self.engine.connect()
        except sa.exc.OperationalError as exc:
            raise _unreachable(self.url, exc) from exc
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction holding the writers' advisory lock; rolled back on any error."""
        with self._connect() as conn, conn.begin():
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_LOCK_KEY)))
            self._prepare(conn)
            yield conn

    @staticmethod
    def _schema(conn: Connection) -> str:
        """The schema the store's tables live in: the first of the connection's search path."""
        return conn.execute(sa.select(sa.func.current_schema())).scalar()

    def _has_table(self, conn: Connection, table: str) -> bool:
        return sa.inspect(conn).has_table(table, schema=self._schema(conn))

    def _prepare(self, conn: Connection) -> None:
        conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
        md = sa.MetaData(schema=self._schema(conn))
        sa.Table(
            AUDIT_TABLE,
            md,
            sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
            *(sa.Column(c, sa.BigInteger if c in AUDIT_INT_COLUMNS else sa.Text) for c in AUDIT_COLUMNS),
        )
        sa.Table(
            COLUMNS_TABLE,
            md,
            sa.Column("table_name", sa.Text, primary_key=True),
            sa.Column("position", sa.Integer, primary_key=True),
            sa.Column("stored_name", sa.Text, nullable=False),
            sa.Column("original_name", sa.Text, nullable=False),
            sa.Column("dtype", sa.Text),
        )
        sa.Table(
            META_TABLE,
            md,
            sa.Column("layer", sa.Text, primary_key=True),
            sa.Column(TABLE_COLUMN, sa.Text),
        )
        md.create_all(conn, checkfirst=True)
        conn.exec_driver_sql(PG_STYLES_DDL.replace(STYLES_TABLE, f"{_q(md.schema)}.{STYLES_TABLE}", 1))
        pg_prepare(conn, md.schema)

    def _table(self, conn: Connection, name: str) -> sa.Table:
        return sa.Table(name, sa.MetaData(), autoload_with=conn, schema=self._schema(conn))

    def _add_missing_columns(self, conn: Connection, row: dict) -> None:
        schema = self._schema(conn)
        have = {c["name"] for c in sa.inspect(conn).get_columns(META_TABLE, schema=schema)}
        quote = conn.dialect.identifier_preparer.quote
        for key, value in row.items():
            if key not in have:
                kind = "BIGINT" if isinstance(value, int) and not isinstance(value, bool) else "TEXT"
                table = f"{quote(schema)}.{quote(META_TABLE)}"
                conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {quote(key)} {kind}"))

    # ---- reading ----------------------------------------------------------------------------

    def list_metadata(self) -> pd.DataFrame:
        with self._connect() as conn:
            if not self._has_table(conn, META_TABLE):
                return pd.DataFrame()
            table = self._table(conn, META_TABLE)
            rows = pd.read_sql(sa.select(table).order_by(table.c.layer), conn)
        order = rows.sort_values("imported_at", kind="stable") if "imported_at" in rows else rows
        return metadata_frame(order)

    def read_layer(self, name: str) -> gpd.GeoDataFrame:
        with self._connect() as conn:
            if not self._has_table(conn, META_TABLE):
                raise missing_layer_error(name)
            meta = self._table(conn, META_TABLE)
            table = conn.execute(sa.select(meta.c[TABLE_COLUMN]).where(meta.c.layer == name)).scalar()
            if table is None or not self._has_table(conn, table):
                raise missing_layer_error(name)
            return self._read_frame(conn, table)

    def audit_log(self) -> pd.DataFrame:
        with self._connect() as conn:
            if not self._has_table(conn, AUDIT_TABLE):
                return empty_audit()
            return tidy_audit(pd.read_sql(sa.select(self._table(conn, AUDIT_TABLE)), conn))

    def read_rows(self, spec: TableSpec) -> pd.DataFrame | None:
        with self._connect() as conn:
            if not self._has_table(conn, spec.name):
                return None
            table = self._table(conn, spec.name)
            return pd.read_sql(sa.select(table).order_by(table.c.id), conn).drop(columns=["id"])

    def feature_counts(self) -> dict[str, int]:
        with self._connect() as conn:
            if not self._has_table(conn, META_TABLE):
                return {}
            meta = self._table(conn, META_TABLE)
            pairs = conn.execute(sa.select(meta.c.layer, meta.c[TABLE_COLUMN])).all()
            schema = self._schema(conn)
            names = set(sa.inspect(conn).get_table_names(schema=schema))
            counts = {}
            for layer, table in pairs:
                if str(table or layer) in names:
                    sql = f"SELECT COUNT(*) FROM {_q(schema)}.{_q(str(table or layer))}"
                    counts[str(layer)] = int(conn.exec_driver_sql(sql).scalar())
            return counts

    def stamp(self) -> str:
        with self._connect() as conn:
            if not self._has_table(conn, AUDIT_TABLE):
                return "0"
            audit = self._table(conn, AUDIT_TABLE)
            return str(conn.execute(sa.select(sa.func.coalesce(sa.func.max(audit.c.id), 0))).scalar())

    # ---- writing ----------------------------------------------------------------------------

    def save_layer(
        self,
        name: str,
        frame: gpd.GeoDataFrame,
        row: dict,
        change: Change,
        *,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        if frame.geometry.name != GEOMETRY_COLUMN:
            frame = frame.rename_geometry(GEOMETRY_COLUMN)
        with self._write() as conn:
            self._add_missing_columns(conn, row)
            meta = self._table(conn, META_TABLE)
            taken = conn.execute(sa.select(meta.c.layer).where(meta.c.layer == name)).first() is not None
            if taken and change.action == "import":
                change = replace(change, action="replace")
            index = conn.execute(
                sa.select(sa.func.count()).select_from(meta).where(meta.c.layer != name)
            ).scalar()
            key = self._write_frame(conn, name, frame)
            conn.execute(sa.delete(meta).where(meta.c.layer == name))
            conn.execute(sa.insert(meta).values(**_plain({**row, "layer": name, TABLE_COLUMN: name})))
            self._describe_for_qgis(
                conn, name, frame, row, key=key, index=int(index or 0), aliases=aliases or {}
            )
            conn.execute(sa.insert(self._table(conn, AUDIT_TABLE)).values(**change.as_row()))

    def delete_layer(self, name: str, change: Change) -> dict:
        with self._write() as conn:
            meta = self._table(conn, META_TABLE)
            found = conn.execute(sa.select(meta).where(meta.c.layer == name)).mappings().first()
            if found is None:
                raise missing_layer_error(name)
            row = dict(found)
            conn.execute(sa.delete(meta).where(meta.c.layer == name))
            table = row.get(TABLE_COLUMN) or name
            if self._has_table(conn, table):
                self._table(conn, table).drop(conn)
            conn.execute(
                sa.text(f"DELETE FROM {STYLES_TABLE} WHERE f_table_schema = :s AND f_table_name = :t"),
                {"s": self._schema(conn), "t": table},
            )
            columns = self._table(conn, COLUMNS_TABLE)
            conn.execute(sa.delete(columns).where(columns.c.table_name == table))
            conn.execute(sa.insert(self._table(conn, AUDIT_TABLE)).values(**change.filled_from(row).as_row()))
        return row

    def update_metadata(self, name: str, fields: dict, change: Change) -> None:
        protected = {"layer", TABLE_COLUMN} & set(fields)
        if protected:
            raise DataValidationError.of("storage.protected_fields", fields="、".join(sorted(protected)))
        with self._write() as conn:
            self._add_missing_columns(conn, fields)
            meta = self._table(conn, META_TABLE)
            done = conn.execute(sa.update(meta).where(meta.c.layer == name).values(**_plain(fields)))
            if done.rowcount == 0:
                raise missing_layer_error(name)
            row = dict(conn.execute(sa.select(meta).where(meta.c.layer == name)).mappings().one())
            self._comment(conn, str(row.get(TABLE_COLUMN) or name), row)
            conn.execute(sa.insert(self._table(conn, AUDIT_TABLE)).values(**change.as_row()))

    def edit_rows(self, spec: TableSpec, edit: Edit, *, seed: SeedSource = no_seed) -> TableEdit:
        with self._write() as conn:
            audit = self._table(conn, AUDIT_TABLE)
            if not self._has_table(conn, spec.name):
                table = self._create_shared(conn, spec)
                found = seed()
                if found is not None and found.rows:
                    conn.execute(sa.insert(table), [spec.row(r) for r in found.rows])
                    conn.execute(sa.insert(audit).values(**found.change.as_row()))
            else:
                self._add_spec_columns(conn, spec)
                table = self._table(conn, spec.name)
            current = pd.read_sql(sa.select(table).order_by(table.c.id), conn).drop(columns=["id"])
            done = edit(spec.tidy(current))
            if done.change is None:
                return done
            gone = [*done.remove, *((r[spec.key] for r in done.rows) if spec.key else ())]
            if gone:
                conn.execute(sa.delete(table).where(table.c[spec.key].in_(gone)))
            if done.rows:
                conn.execute(sa.insert(table), [spec.row(r) for r in done.rows])
            conn.execute(sa.insert(audit).values(**done.change.as_row()))
        return done

    def _create_shared(self, conn: Connection, spec: TableSpec) -> sa.Table:
        """Create a shared table (an ``id`` primary key, so QGIS can edit it) with its description
        as the table's comment."""
        table = sa.Table(
            spec.name,
            sa.MetaData(),
            sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
            *(
                sa.Column(c, sa.BigInteger if c in spec.int_columns else sa.Text, unique=c == spec.key)
                for c in spec.columns
            ),
            schema=self._schema(conn),
            comment=spec.description or None,
        )
        table.create(conn)
        return table

    def _add_spec_columns(self, conn: Connection, spec: TableSpec) -> None:
        schema = self._schema(conn)
        have = {c["name"] for c in sa.inspect(conn).get_columns(spec.name, schema=schema)}
        quote = conn.dialect.identifier_preparer.quote
        for col in spec.columns:
            if col not in have:
                kind = "BIGINT" if col in spec.int_columns else "TEXT"
                name = f"{quote(schema)}.{quote(spec.name)}"
                conn.execute(sa.text(f"ALTER TABLE {name} ADD COLUMN {quote(col)} {kind}"))

    def record(self, change: Change) -> None:
        with self._write() as conn:
            conn.execute(sa.insert(self._table(conn, AUDIT_TABLE)).values(**change.as_row()))

    # ---- what QGIS sees: titles, styles, triggers, the GIS staff's role ---------------------

    def _comment(self, conn: Connection, table: str, row: dict) -> None:
        """The table's comment (QGIS shows it as the layer's description): title, then provenance."""
        text = "；".join(p for p in (str(row.get("title_zh") or ""), layer_description(row)) if p)
        conn.exec_driver_sql(
            f"COMMENT ON TABLE {_q(self._schema(conn))}.{_q(table)} IS {comment_literal(text)}"
        )

    def _describe_for_qgis(
        self,
        conn: Connection,
        name: str,
        frame: gpd.GeoDataFrame,
        row: dict,
        *,
        key: str,
        index: int,
        aliases: Mapping[str, str],
    ) -> None:
        """A new layer table's comment, its columns' readable names (the style's aliases, and the
        comment of a column stored under its own name), default style, edit triggers, and the GIS
        role's rights."""
        schema = self._schema(conn)
        self._comment(conn, name, row)
        stored = dict(zip(frame.columns, stored_column_names([str(c) for c in frame.columns]), strict=True))
        shown = {stored[c]: a for c, a in aliases.items() if c in stored}
        for column, alias in shown.items():
            if column in aliases:  # stored under its own name (a renamed one's comment is its name)
                conn.exec_driver_sql(
                    f"COMMENT ON COLUMN {_q(schema)}.{_q(name)}.{_q(column)} IS {comment_literal(alias)}"
                )
        types = frame.geom_type.dropna()
        title = str(row.get("title_zh") or name)
        style = import_style(
            table=name,
            geometry_column=GEOMETRY_COLUMN,
            geom_type=str(types.iloc[0]) if len(types) else "Point",
            title=title,
            index=index,
            aliases=shown,
        )
        self._write_styles(conn, [style])
        pg_track_table(conn, schema, name, name, key)
        for role in pg_gis_roles(conn, schema):
            pg_grant_table(conn, schema, name, role)

    def _write_styles(self, conn: Connection, docs: list[StyleDoc]) -> None:
        schema = self._schema(conn)
        table = f"{_q(schema)}.{STYLES_TABLE}"  # not reflected: SQLAlchemy knows no xml type
        mine = "f_table_schema = :schema AND f_table_name = :table"
        for doc in docs:
            where = {"schema": schema, "table": doc.table}
            conn.execute(sa.text(f"UPDATE {table} SET useasdefault = false WHERE {mine}"), where)
            conn.execute(
                sa.text(f"DELETE FROM {table} WHERE {mine} AND stylename = :name"),
                {**where, "name": doc.name},
            )
            conn.execute(
                sa.text(
                    f"INSERT INTO {_q(schema)}.{STYLES_TABLE} (f_table_catalog, f_table_schema, f_table_name,"
                    " f_geometry_column, stylename, styleqml, stylesld, useasdefault, description)"
                    " VALUES (current_database(), :schema, :table, :column, :name,"
                    " XMLPARSE(DOCUMENT :qml), XMLPARSE(DOCUMENT :sld), true, :description)"
                ),
                {
                    "schema": schema,
                    "table": doc.table,
                    "column": doc.geometry_column,
                    "name": doc.name,
                    "qml": doc.qml,
                    "sld": doc.sld,
                    "description": doc.description,
                },
            )

    def write_styles(self, docs: list[StyleDoc]) -> int:
        """Store ``docs`` as the default QGIS styles of their tables (``layer_styles``); returns how
        many. Built-in layers are named by their table (``demo_<layer>``).

        Raises
        ------
        DataValidationError
            When a document names a table the database does not hold.
        """
        with self._write() as conn:
            missing = [d.table for d in docs if not self._has_table(conn, d.table)]
            if missing:
                raise DataValidationError.of("storage.database_missing_tables", tables="、".join(missing))
            self._write_styles(conn, docs)
        return len(docs)

    def grant_gis_role(self, role: str = GIS_ROLE) -> bool:
        """Create (when missing and allowed) the role for a bureau's GIS staff and give it its rights:
        edit every imported layer's table (each edit on record) and the styles, read the built-in
        ``demo_`` tables, the provenance and the change log, never change or delete the log. Returns
        whether the role was created. Layers stored later are granted to it when they are written.

        Raises
        ------
        DataValidationError
            When the role is missing and the store's user may not create roles.
        """
        with self._write() as conn:
            meta = self._table(conn, META_TABLE)
            tables = [str(t) for t in conn.execute(sa.select(meta.c[TABLE_COLUMN])).scalars() if t]
            schema = self._schema(conn)
            names = sa.inspect(conn).get_table_names(schema=schema)
            created = pg_grant_role(conn, schema, role, [t for t in tables if t in names])
            for demo in (t for t in names if t.startswith(DEMO_PREFIX)):  # no triggers there: read only
                conn.exec_driver_sql(f"GRANT SELECT ON {_q(schema)}.{_q(demo)} TO {_q(role)}")
            return created

    # ---- the bundled demo layers -------------------------------------------------------------

    def load_gpkg(self, path: Path, change: Change) -> list[str]:
        """Copy every layer and table of a GeoPackage (e.g. the bundled demo) into the database,
        replacing same-named tables, in one transaction, as QGIS should find them: each table's
        title and provenance (the file's ``gpkg_contents``) as its comment, and the file's QGIS
        styles (``layer_styles``, the legends' colours) as the tables' styles; returns the table names."""
        names = [str(n) for n, _ in pyogrio.list_layers(path) if n != STYLES_TABLE]  # styles: below
        described = gpkg_descriptions(path)
        styles = [
            replace(d, table=DEMO_PREFIX + d.table, geometry_column=GEOMETRY_COLUMN)
            for d in gpkg_styles(path)
        ]
        with self._write() as conn:
            for name in names:
                self._write_frame(conn, DEMO_PREFIX + name, pyogrio.read_dataframe(path, layer=name))
                title, description = described.get(name, ("", ""))
                text = "；".join(p for p in (title if title != name else "", description) if p)
                if text:
                    conn.exec_driver_sql(
                        f"COMMENT ON TABLE {_q(self._schema(conn))}.{_q(DEMO_PREFIX + name)}"
                        f" IS {comment_literal(text)}"
                    )
            self._write_styles(conn, [d for d in styles if d.table[len(DEMO_PREFIX) :] in names])
            conn.execute(sa.insert(self._table(conn, AUDIT_TABLE)).values(**change.as_row()))
        return [DEMO_PREFIX + n for n in names]

    def demo_layers(self, *, spatial: bool = False) -> list[str]:
        """Names of the built-in layers loaded here (without the ``demo_`` prefix), sorted; with
        ``spatial`` only those with geometry.

        Raises
        ------
        DataValidationError
            When the demo is not loaded (``python -m geo.cli load-demo``).
        """
        with self._connect() as conn:
            names = self._demo_layers(conn)
            if not spatial:
                return names
            inspector, schema = sa.inspect(conn), self._schema(conn)
            return [
                n
                for n in names
                if GEOMETRY_COLUMN
                in {c["name"] for c in inspector.get_columns(DEMO_PREFIX + n, schema=schema)}
            ]

    def _demo_layers(self, conn: Connection) -> list[str]:
        tables = sa.inspect(conn).get_table_names(schema=self._schema(conn))
        names = sorted(t[len(DEMO_PREFIX) :] for t in tables if t.startswith(DEMO_PREFIX))
        if META_TABLE not in names:  # load-demo writes every table in one transaction, this one too
            raise demo_not_loaded_error(self.location)
        return names

    def read_demo(self, name: str) -> gpd.GeoDataFrame | pd.DataFrame:
        """One built-in layer as the demo GeoPackage gives it (same columns, order, dtypes, CRS),
        not yet validated.

        Raises
        ------
        DataValidationError
            When the demo is not loaded, or has no layer ``name``.
        """
        with self._connect() as conn:
            available = self._demo_layers(conn)
            if name not in available:
                raise DataValidationError.of(
                    "storage.database_no_builtin_layer",
                    location=self.location,
                    layer=name,
                    layers="、".join(available),
                )
            return self._read_frame(conn, DEMO_PREFIX + name)

    # ---- tables and their column names ------------------------------------------------------

    def _write_frame(self, conn: Connection, table: str, frame: pd.DataFrame) -> str:
        """Write ``frame`` as ``table`` (replacing it) and record its columns in ``atlas_columns``;
        returns the name of its primary key.

        The table gets a primary key (``fid``, so QGIS can edit it), one geometry type (a layer of
        polygons and multipolygons is stored as MultiPolygon, as the GeoPackage stores it), and each
        column stored under a short name carries its original name as the column's comment.
        """
        if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name != GEOMETRY_COLUMN:
            frame = frame.rename_geometry(GEOMETRY_COLUMN)
        originals = [str(c) for c in frame.columns]
        stored = stored_column_names(originals)
        renamed = frame.rename(columns=dict(zip(originals, stored, strict=True)))
        plain, dtype = pd.DataFrame(renamed), None
        if isinstance(renamed, gpd.GeoDataFrame):  # as geopandas' to_postgis, but keeping "" apart from NULL
            geoms, kind = one_geometry_type(renamed.geometry.to_numpy())
            geoms = shapely.set_srid(geoms, 4326)
            plain = plain.assign(**{GEOMETRY_COLUMN: shapely.to_wkb(geoms, hex=True, include_srid=True)})
            dtype = {GEOMETRY_COLUMN: Geometry(kind, srid=4326)}
        schema = self._schema(conn)
        options = {"schema": schema, "index": False, "dtype": dtype}
        plain.head(0).to_sql(table, conn, if_exists="replace", **options)
        quote = conn.dialect.identifier_preparer.quote
        name = f"{quote(schema)}.{quote(table)}"
        key = primary_key_column(stored)
        conn.execute(
            sa.text(f"ALTER TABLE {name} ADD COLUMN {quote(key)} BIGINT GENERATED ALWAYS AS IDENTITY")
        )
        conn.execute(sa.text(f"ALTER TABLE {name} ADD PRIMARY KEY ({quote(key)})"))
        for s, o in zip(stored, originals, strict=True):
            if s != o:
                text = comment_literal(o)  # COMMENT takes no parameter
                conn.exec_driver_sql(f"COMMENT ON COLUMN {name}.{quote(s)} IS {text}")  # no ":name" binds
        plain.to_sql(table, conn, if_exists="append", method=copy_rows, **options)
        columns = self._table(conn, COLUMNS_TABLE)
        conn.execute(sa.delete(columns).where(columns.c.table_name == table))
        conn.execute(
            sa.insert(columns),
            [
                {"table_name": table, "position": i, "stored_name": s, "original_name": o, "dtype": str(d)}
                for i, (s, o, d) in enumerate(zip(stored, originals, frame.dtypes, strict=True))
            ],
        )
        return key

    def _read_frame(self, conn: Connection, table: str) -> gpd.GeoDataFrame | pd.DataFrame:
        """A stored table with its original column names, order and dtypes (rows in the order
        written; the primary key left out)."""
        layer = self._table(conn, table)
        keys = [c for c in layer.primary_key.columns]
        query = sa.select(*[c for c in layer.c if c not in keys]).order_by(*keys)
        if GEOMETRY_COLUMN in layer.c:
            frame = gpd.read_postgis(query, conn, geom_col=GEOMETRY_COLUMN)
            srid = getattr(layer.c[GEOMETRY_COLUMN].type, "srid", -1)
            if frame.crs is None and srid and srid > 0:  # no row has a geometry (unlocated enterprises)
                frame = frame.set_crs(srid)
        else:
            frame = pd.read_sql(query, conn)
        if not self._has_table(conn, COLUMNS_TABLE):
            return frame
        columns = self._table(conn, COLUMNS_TABLE)
        rows = conn.execute(
            sa.select(columns.c.stored_name, columns.c.original_name, columns.c.dtype)
            .where(columns.c.table_name == table)
            .order_by(columns.c.position)
        ).all()
        if not rows or {r.stored_name for r in rows} != set(frame.columns):
            return frame  # written before column names were recorded
        frame = frame[[r.stored_name for r in rows]]
        for r in rows:
            if r.stored_name != GEOMETRY_COLUMN and r.dtype and str(frame[r.stored_name].dtype) != r.dtype:
                frame[r.stored_name] = frame[r.stored_name].astype(r.dtype)
        return frame.rename(columns={r.stored_name: r.original_name for r in rows})


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def demo_not_loaded_error(location: str) -> DataValidationError:
    """The error for a PostGIS selected by ``$ATLAS_DATABASE_URL`` without the built-in layers."""
    return DataValidationError.of("storage.demo_not_loaded", location=location)


def _plain(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if isinstance(value, float) and pd.isna(value):
            value = None
        elif hasattr(value, "item"):
            value = value.item()
        out[key] = value
    return out
