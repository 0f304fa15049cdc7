"""How a frame becomes a PostgreSQL table of the shared store: column names that fit PostgreSQL's
63-byte identifiers, the layer's primary key, one geometry type per table, rows sent by ``COPY`` with
an empty text kept apart from NULL, and texts as SQL literals for ``COMMENT``."""

from __future__ import annotations

import hashlib
import io

import numpy as np
import pandas as pd
import shapely
from sqlalchemy.engine import Connection

MAX_IDENTIFIER_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1


def comment_literal(text: str) -> str:
    """A text as a SQL literal for COMMENT (which takes no parameter): quotes doubled, NUL dropped,
    and ``%`` doubled, as the driver still reads placeholders in a statement sent without values."""
    return "'" + text.replace("\x00", "").replace("'", "''").replace("%", "%%") + "'"


def primary_key_column(stored: list[str]) -> str:
    """The name of a layer table's primary key: ``fid`` (as in a GeoPackage), else ``atlas_fid``, or
    ``atlas_fid_<n>`` when the layer has columns of those names too."""
    taken = {s.lower() for s in stored}
    for name in ("fid", "atlas_fid", *(f"atlas_fid_{i}" for i in range(2, len(stored) + 3))):
        if name not in taken:
            return name
    raise AssertionError("unreachable: more candidate names than columns")


# Shapely's type ids: single part -> (multi part, its PostGIS name, how to make it).
_MULTI = {
    0: (4, "MULTIPOINT", shapely.multipoints),
    1: (5, "MULTILINESTRING", shapely.multilinestrings),
    3: (6, "MULTIPOLYGON", shapely.multipolygons),
}


def one_geometry_type(geoms: np.ndarray) -> tuple[np.ndarray, str]:
    """Geometries of one type and that type's name for PostGIS: single and multi parts of one
    kind become all multi (as GDAL writes them to a GeoPackage); otherwise the generic type."""
    ids = shapely.get_type_id(geoms)
    kinds = set(np.unique(ids[ids >= 0]).tolist())
    if len(kinds) == 1:
        return geoms, shapely.GeometryType(kinds.pop()).name
    if not kinds:
        return geoms, "GEOMETRY"
    multi = {_MULTI[k][0] if k in _MULTI else k for k in kinds}
    single = next((k for k, v in _MULTI.items() if v[0] in multi), None)
    if len(multi) != 1 or single is None:
        return geoms, "GEOMETRY"
    _, name, make = _MULTI[single]
    out = geoms.copy()
    parts = (ids == single) & ~shapely.is_empty(geoms)
    hits = np.flatnonzero(parts)
    out[hits] = make(geoms[hits], indices=np.arange(len(hits)))
    empty = (ids == single) & shapely.is_empty(geoms)
    out[empty] = shapely.from_wkt(f"{name} EMPTY")
    return out, name


def copy_rows(table, conn: Connection, keys: list[str], rows) -> None:
    """pandas ``to_sql`` method: one ``COPY … FROM STDIN`` (like geopandas' ``to_postgis``), but with
    every text quoted, so that an empty text stays an empty text and only a missing value is NULL."""
    buf = io.StringIO()
    for row in rows:
        buf.write(",".join(csv_field(v) for v in row) + "\n")
    quote = conn.dialect.identifier_preparer
    name = quote.quote(table.table.name)
    if table.table.schema:
        name = f"{quote.quote_schema(table.table.schema)}.{name}"
    columns = ", ".join(quote.quote(k) for k in keys)
    with conn.connection.cursor() as cur, cur.copy(f"COPY {name} ({columns}) FROM STDIN WITH CSV") as copy:
        copy.write(buf.getvalue())


def csv_field(value: object) -> str:
    """One CSV field for COPY: unquoted empty is NULL, text always quoted (so "" stays "")."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool | int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return '"' + str(value).replace('"', '""') + '"'


def stored_column_names(names: list[str]) -> list[str]:
    """The names ``names`` are stored under: as given, except those longer than PostgreSQL's 63
    bytes, holding a control character, or clashing with an earlier stored name, which become
    ``c<position>_<first 8 hex digits of the name's SHA-1>``."""
    out: list[str] = []
    for i, name in enumerate(names):
        unsafe = len(name.encode("utf-8")) > MAX_IDENTIFIER_BYTES or any(ord(ch) < 32 for ch in name)
        if unsafe or name in out:
            name = f"c{i}_{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
        out.append(name)
    return out
