"""Edits made outside the atlas (in QGIS, with sqlite3 or psql) on record, and the change log kept whole.

Every user layer table carries row triggers that write one ``atlas_audit`` row per feature added,
changed or deleted, with the database user as the actor: ``session_user`` in PostGIS (the login
QGIS connected with), and, a GeoPackage knowing no users, :data:`GPKG_ACTOR`. The atlas's own writes
never fire them (a layer is written into a fresh table before its triggers are created).

The change log itself refuses UPDATE, DELETE (and in PostGIS TRUNCATE) for everyone, the owner
included, and :func:`grant_gis_role` sets up a PostgreSQL role for a bureau's GIS staff that may edit
layer data and styles but only read the change log.

GeoPackage triggers use plain SQL only (no GeoPackage or SpatiaLite functions), so GDAL and QGIS can
write to the tables without loading extensions.
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.errors import DataValidationError
from geo.messages import message
from geo.storage.changelog import AUDIT_TABLE
from geo.storage.interface import META_TABLE, TABLE_COLUMN
from geo.storage.styles import STYLES_TABLE

GPKG_ACTOR = "外部编辑（GeoPackage 文件）"
GIS_ROLE = "atlas_gis"
# The change log's actions per SQL operation (see geo.storage.audit.ACTIONS).
OPERATION_ACTIONS = {"INSERT": "feature_added", "UPDATE": "feature_changed", "DELETE": "feature_deleted"}
LOG_IS_FIXED = "变更记录（atlas_audit）不可修改或删除"
GEOMETRY = "geometry"  # the PostGIS store's geometry column (geo.storage.postgis.GEOMETRY_COLUMN)
SHOWN_VALUE_CHARS = 60  # a changed value is written into the change log cut at this many characters
_PG_FUNCTION = "atlas_audit_feature"
_PG_GUARD = "atlas_audit_guard"


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# ---- GeoPackage ----------------------------------------------------------------------------------


def gpkg_guard_log(con: sqlite3.Connection) -> None:
    """Inside the caller's transaction: make the GeoPackage's change log refuse UPDATE and DELETE."""
    for op in ("UPDATE", "DELETE"):
        con.execute(
            f"CREATE TRIGGER IF NOT EXISTS {_q(f'{AUDIT_TABLE}_no_{op.lower()}')} BEFORE {op} ON "
            f"{_q(AUDIT_TABLE)}"
            f" BEGIN SELECT RAISE(ABORT, {_text(LOG_IS_FIXED)}); END"
        )


def _gpkg_feature(row: str, columns: list[str]) -> str:
    """SQL text naming a feature: ``fid=2（甲园）`` (its ``name`` when the table has one)."""
    named = f" || COALESCE('（' || {row}.\"name\" || '）', '')" if "name" in columns else ""
    return f"'fid=' || {row}.fid{named}"


def _gpkg_changes(columns: list[str], geometry: str | None) -> str:
    """SQL text listing the columns an UPDATE changed, old → new (``；name：甲园 → 乙园``), values cut
    at :data:`SHOWN_VALUE_CHARS` characters, a changed geometry said, not spelt out."""
    empty = _text(message("storage.edit.empty", "zh"))
    parts = []
    for col in columns:
        if col == geometry:
            said = _text("；" + message("storage.edit.geometry_changed", "zh"))
            parts.append(f"CASE WHEN OLD.{_q(col)} IS NOT NEW.{_q(col)} THEN {said} ELSE '' END")
            continue
        old, new = (
            f"COALESCE(substr({r}.{_q(col)}, 1, {SHOWN_VALUE_CHARS}), {empty})" for r in ("OLD", "NEW")
        )
        parts.append(
            f"CASE WHEN OLD.{_q(col)} IS NOT NEW.{_q(col)}"
            f" THEN {_text('；' + col + '：')} || {old} || ' → ' || {new} ELSE '' END"
        )
    return " || ".join(parts) if parts else "''"


def gpkg_track_table(con: sqlite3.Connection, table: str, layer: str) -> None:
    """Inside the caller's transaction: row triggers on ``table`` (the features of ``layer``) writing
    the change log — the feature's fid and name, and for a change each changed column's old and new
    value; the layer's title is looked up in the provenance table when the trigger fires. Triggers
    of an older atlas are replaced."""
    title = f"COALESCE((SELECT title_zh FROM {_q(META_TABLE)} WHERE layer = {_text(layer)}), '')"
    columns = [str(r[1]) for r in con.execute(f"PRAGMA table_info({_q(table)})") if r[1] != "fid"]
    found = con.execute(
        "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", (table,)
    ).fetchone()
    geometry = str(found[0]) if found else None
    for op, action in OPERATION_ACTIONS.items():
        row = "OLD" if op == "DELETE" else "NEW"
        detail = _gpkg_feature(row, columns)
        if op == "UPDATE":
            detail += " || " + _gpkg_changes(columns, geometry)
        name = f"{AUDIT_TABLE}_{op.lower()}_{table}"
        sql = (
            f"CREATE TRIGGER {_q(name)} AFTER {op} ON {_q(table)} BEGIN"
            f" INSERT INTO {_q(AUDIT_TABLE)} (at_utc, user_name, action, layer, title, file_name, sha256,"
            " rows_in, rows_out, detail)"
            f" SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), {_text(GPKG_ACTOR)}, {_text(action)},"
            f" {_text(layer)}, {title}, '', '', NULL, NULL, {detail}; END"
        )
        found = con.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,))
        if (found.fetchone() or (None,))[0] == sql:
            continue  # as it is: the file is not touched
        con.execute(f"DROP TRIGGER IF EXISTS {_q(name)}")
        con.execute(sql)


def gpkg_track_all(con: sqlite3.Connection) -> None:
    """Inside the caller's transaction: triggers on every stored layer's table (stores written before
    the triggers existed get them on their next write)."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if META_TABLE not in tables:
        return
    cols = {r[1] for r in con.execute(f"PRAGMA table_info({_q(META_TABLE)})")}
    pick = TABLE_COLUMN if TABLE_COLUMN in cols else "layer"
    for layer, table in con.execute(f"SELECT layer, {_q(pick)} FROM {_q(META_TABLE)}").fetchall():
        if (table or layer) in tables:
            gpkg_track_table(con, str(table or layer), str(layer))


# ---- PostGIS -------------------------------------------------------------------------------------


def pg_prepare(conn: Connection, schema: str) -> None:
    """Inside the caller's transaction: the trigger functions (owned by the store's user, running
    with its rights so a GIS role without INSERT on the log still leaves its trace) and the guard
    that keeps the change log from being changed or emptied."""
    s = _q(schema)
    moved = _text(message("storage.edit.geometry_changed", "zh"))
    empty = _text(message("storage.edit.empty", "zh"))

    def shown(row: str) -> str:
        return f"coalesce(left({row}.value #>> '{{}}', {SHOWN_VALUE_CHARS}), {empty})"

    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {s}.{_PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql"
        f" SECURITY DEFINER SET search_path = {s}, pg_temp AS $fn$\n"
        "DECLARE feature jsonb; layer_title text; said text; changes text;\n"
        "BEGIN\n"
        "  IF TG_OP = 'DELETE' THEN feature := to_jsonb(OLD); ELSE feature := to_jsonb(NEW); END IF;\n"
        "  said := TG_ARGV[1] || '=' || coalesce(feature ->> TG_ARGV[1], '')\n"
        "    || coalesce('（' || (feature ->> 'name') || '）', '');\n"
        "  IF TG_OP = 'UPDATE' THEN\n"
        f"    SELECT string_agg(CASE WHEN n.key = {_text(GEOMETRY)} THEN {moved}\n"
        f"      ELSE n.key || '：' || {shown('o')} || ' → ' || {shown('n')} END, '；' ORDER BY n.pos)\n"
        "    INTO changes\n"
        "    FROM json_each(row_to_json(NEW)) WITH ORDINALITY AS n(key, value, pos)\n"
        "    JOIN json_each(row_to_json(OLD)) AS o(key, value) ON o.key = n.key\n"
        "    WHERE n.value::text IS DISTINCT FROM o.value::text;\n"
        "    said := said || coalesce('；' || changes, '');\n"
        "  END IF;\n"
        f"  SELECT title_zh INTO layer_title FROM {_q(META_TABLE)} WHERE layer = TG_ARGV[0];\n"
        f"  INSERT INTO {_q(AUDIT_TABLE)} (at_utc, user_name, action, layer, title, file_name, sha256,"
        " rows_in, rows_out, detail)\n"
        "  VALUES (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || '+00:00',"
        " session_user::text,\n"
        "    CASE TG_OP WHEN 'INSERT' THEN 'feature_added' WHEN 'UPDATE' THEN 'feature_changed'"
        " ELSE 'feature_deleted' END,\n"
        "    TG_ARGV[0], coalesce(layer_title, ''), '', '', NULL, NULL, said);\n"
        "  RETURN NULL;\n"
        "END $fn$"
    )
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {s}.{_PG_GUARD}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        f"BEGIN RAISE EXCEPTION {_text(LOG_IS_FIXED)} USING ERRCODE = 'insufficient_privilege'; END $fn$"
    )
    has_guard = conn.execute(
        sa.text(
            "SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
            " ON n.oid = c.relnamespace WHERE n.nspname = :s AND c.relname = :t AND t.tgname = :g"
        ),
        {"s": schema, "t": AUDIT_TABLE, "g": f"{AUDIT_TABLE}_guard"},
    ).first()
    if has_guard is None:
        log = f"{s}.{_q(AUDIT_TABLE)}"
        conn.exec_driver_sql(
            f"CREATE TRIGGER {_q(f'{AUDIT_TABLE}_guard')} BEFORE UPDATE OR DELETE ON {log}"
            f" FOR EACH ROW EXECUTE FUNCTION {s}.{_PG_GUARD}()"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {_q(f'{AUDIT_TABLE}_guard_truncate')} BEFORE TRUNCATE ON {log}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {s}.{_PG_GUARD}()"
        )


def pg_track_table(conn: Connection, schema: str, table: str, layer: str, key: str) -> None:
    """Inside the caller's transaction: the row trigger on a freshly written layer table."""
    s = _q(schema)
    conn.exec_driver_sql(
        f"CREATE TRIGGER {_q(f'{AUDIT_TABLE}_feature')} AFTER INSERT OR UPDATE OR DELETE"
        f" ON {s}.{_q(table)} FOR EACH ROW EXECUTE FUNCTION {s}.{_PG_FUNCTION}({_text(layer)}, {_text(key)})"
    )


def pg_role_exists(conn: Connection, role: str) -> bool:
    """Whether the PostgreSQL role exists."""
    return conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def pg_gis_roles(conn: Connection, schema: str) -> list[str]:
    """The roles :func:`pg_grant_role` set up on this schema (those that may read the provenance
    table without owning it): each gets the rights on a layer table stored later."""
    rows = conn.execute(
        sa.text(
            "SELECT DISTINCT grantee FROM information_schema.role_table_grants WHERE table_schema = :s"
            " AND table_name = :t AND privilege_type = 'SELECT' AND grantee <> current_user"
        ),
        {"s": schema, "t": META_TABLE},
    )
    return sorted(str(r[0]) for r in rows)


def pg_grant_table(conn: Connection, schema: str, table: str, role: str) -> None:
    """Let ``role`` read and edit one layer table."""
    conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {_q(schema)}.{_q(table)} TO {_q(role)}")


def pg_grant_role(conn: Connection, schema: str, role: str, layer_tables: list[str]) -> bool:
    """Inside the caller's transaction: create ``role`` (NOLOGIN, when missing and allowed) and give it
    the GIS staff's rights on the store's schema: edit the layer tables and styles, read the
    provenance and the change log, never change or delete the log. Returns whether the role was
    created here.

    Raises
    ------
    DataValidationError
        When the role is missing and the store's user may not create roles.
    """
    created = False
    if not pg_role_exists(conn, role):
        can = conn.execute(
            sa.text("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
        ).scalar()
        if not can:
            raise DataValidationError.of("storage.role_not_creatable", role=role)
        conn.exec_driver_sql(f"CREATE ROLE {_q(role)} NOLOGIN")
        created = True
    s, r = _q(schema), _q(role)
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {s} TO {r}")
    for table in (AUDIT_TABLE, META_TABLE, "atlas_columns"):
        conn.exec_driver_sql(f"GRANT SELECT ON {s}.{_q(table)} TO {r}")
    conn.exec_driver_sql(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {s}.{_q(AUDIT_TABLE)} FROM {r}")
    if sa.inspect(conn).has_table(STYLES_TABLE, schema=schema):
        conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{_q(STYLES_TABLE)} TO {r}")
        conn.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {s}.{_q(STYLES_TABLE + '_id_seq')} TO {r}")
    for table in layer_tables:
        pg_grant_table(conn, schema, table, role)
    return created
