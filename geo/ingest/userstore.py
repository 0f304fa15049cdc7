"""The user store: imported layers and their provenance, in the selected store (geo.storage.base)."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.catalogue import CATALOGUE
from geo.errors import DataValidationError
from geo.ingest.base import Kind
from geo.ingest.columns import ZONE_COLUMNS
from geo.ingest.upload import ImportResult
from geo.messages.notes import Listing
from geo.spatial.crs import STORAGE_CRS
from geo.spatial.measure import with_polygon_areas
from geo.storage.base import DEFAULT_USER_GPKG, USER_GPKG_ENV, Store, default_user_gpkg, open_store  # noqa: F401
from geo.storage.builtin import check_layer
from geo.storage.changelog import Change, current_user
from geo.storage.schema import ACCURACY_CLASSES, ENTERPRISES, LAYER_METADATA, LAYERS_BY_NAME

METADATA_LAYER = LAYER_METADATA.name


USER_PREFIX = "user_"


# Extra columns of the import provenance table, after the standard layer_metadata columns.
METADATA_COLUMNS = LAYER_METADATA.columns + (
    "kind",
    "source_file",
    "source_format",
    "source_layer",
    "source_crs",
    "source_frame",
    "encoding",
    "sha256",
    "rows_in",
    "rows_out",
    "rows_failed",
    "rows_repaired",
    "rows_flagged",
    "imported_at",
)


def user_store() -> Path:
    """The user GeoPackage: ``$ATLAS_USER_GPKG`` if set, else ``data/user/atlas_user.gpkg`` (gitignored).

    Only the embedded store's file; :func:`geo.storage.base.open_store` gives the selected store
    (PostGIS when ``$ATLAS_DATABASE_URL`` is set).
    """
    return default_user_gpkg()


StoreTarget = Store | Path | str | None


def store_stamp(*, path: StoreTarget = None) -> str:
    """A value that changes with every committed write to the store (keys caches)."""
    return open_store(path).stamp()


_EMPTY_METADATA = pd.DataFrame({c: pd.Series(dtype="object") for c in METADATA_COLUMNS})


def _empty_metadata() -> pd.DataFrame:
    # A copy of one made once: making it anew was a fifth of a page run's own time (two per run).
    return _EMPTY_METADATA.copy()


def list_user_layers(*, kind: Kind | None = None, path: StoreTarget = None) -> pd.DataFrame:
    """Provenance of every stored import (one row per layer), optionally only of one ``kind``.

    ``path`` is a GeoPackage path, a PostgreSQL URL or a store (default: the selected store).
    An absent or empty user store gives an empty frame with the metadata columns.
    """
    meta = open_store(path).list_metadata()
    if meta.empty:
        return _empty_metadata()
    meta = meta.copy()
    for col in METADATA_COLUMNS:
        if col not in meta:
            meta[col] = None
    if kind is not None:
        meta = meta[meta["kind"] == kind]
    return meta[list(METADATA_COLUMNS)].reset_index(drop=True)


def earlier_import(meta: pd.DataFrame, *, sha256: str, filename: str | None = None) -> pd.Series | None:
    """The stored import (a row of :func:`list_user_layers`) a file was imported as before: the one
    of the same content (the SHA-256 every import records), else, given ``filename``, the one of the
    same file name; ``None`` for a file never imported. The data page and ``geo.cli import`` both
    say so: the same content needs no new import."""
    for column, value in (("sha256", sha256), ("source_file", filename)):
        if value is None:
            continue
        hit = meta[meta[column].astype(str) == str(value)]
        if len(hit):
            return hit.iloc[-1]
    return None


def user_layer_counts(*, path: StoreTarget = None) -> dict[str, int]:
    """Each import's number of features as its table holds it now, by layer name — after edits
    made in QGIS or SQL too, where the provenance's ``rows_out`` stays the count of the import."""
    return open_store(path).feature_counts()


def load_user_layer(name: str, *, path: StoreTarget = None) -> gpd.GeoDataFrame:
    """A stored import in WGS-84, in its standard schema (enterprises: ENTERPRISES columns first).

    Raises
    ------
    DataValidationError
        When the layer is not in the user store (never imported, or deleted by someone else
        meanwhile) or fails validation.
    """
    store = open_store(path)
    meta = list_user_layers(path=store)
    if name not in set(meta["layer"]):
        raise DataValidationError.of("ingest.no_such_import", name=name)
    kind = meta.loc[meta["layer"] == name, "kind"].iloc[0]
    gdf = check_layer(store.read_layer(name), name, where=store.location)
    if kind == "enterprises":
        if "above_scale" in gdf:
            gdf["above_scale"] = gdf["above_scale"].astype("boolean")
        columns = list(ENTERPRISES.columns)
    elif kind == "zones":
        columns = list(ZONE_COLUMNS)
        gdf = with_polygon_areas(gdf)  # as the geometry is now: QGIS may have drawn or reshaped it
    else:
        columns = []
    missing = [c for c in columns if c not in gdf.columns]
    if missing:
        raise DataValidationError.of("ingest.import_lacks_fields", name=name, fields=Listing(missing))
    rest = [c for c in gdf.columns if c not in columns and c != gdf.geometry.name]
    return gdf[[*columns, *rest, gdf.geometry.name]]


# A table name: lower-case ASCII letters, digits, underscores and Chinese characters (GeoPackage and
# PostgreSQL take them, QGIS shows them), starting with a letter or a character; at most
# MAX_NAME_BYTES in UTF-8, so that PostgreSQL's 63-byte names of the table's index stay apart.
_NAME_RE = re.compile(r"^[a-z\u4e00-\u9fff][a-z0-9_\u4e00-\u9fff]*$")
_NOT_IN_NAME = re.compile(r"[^a-z0-9\u4e00-\u9fff]+")
MAX_NAME_BYTES = 51


def _fits(text: str, limit: int) -> str:
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def suggest_layer_name(filename: str, kind: Kind, *, taken: Collection[str] = ()) -> str:
    """A table name for an import, from the file name: ``user_<kind>_<stem>`` (``企业名单_高德.xlsx`` →
    ``user_enterprises_企业名单_高德``), the stem cut to fit, ``_2``, ``_3`` … added when ``taken``
    (the names stored) has it; a file name with nothing to keep gives the import's time."""
    prefix = f"{USER_PREFIX}{kind}_"
    stem = _NOT_IN_NAME.sub("_", Path(filename).stem.lower()).strip("_")
    stem = _fits(stem, MAX_NAME_BYTES - len(prefix) - 3).rstrip("_")
    name = prefix + (stem or datetime.now(UTC).strftime("%Y%m%d%H%M%S"))
    used = set(taken)
    candidate, i = name, 2
    while candidate in used:
        candidate, i = f"{name}_{i}", i + 1
    return candidate


def layer_name(name: str) -> str:
    """The stored table name for what a user typed (``user_`` prefixed when absent)."""
    return name if name.startswith(USER_PREFIX) else USER_PREFIX + name


def save_import(
    result: ImportResult,
    *,
    name: str,
    title: str,
    source: str,
    accuracy: str = "real",
    licence: str = "",
    note: str = "",
    path: StoreTarget = None,
    actor: str | None = None,
    year: int | None = None,
    title_en: str | None = None,
) -> str:
    """Store an import with its provenance row and an audit row, in one transaction.

    ``name`` becomes the table name (``user_`` is prefixed when absent); a stored layer of the
    same name is replaced (recorded as ``replace``) in the table it had, so a QGIS project naming
    that table keeps the layer. Other processes see the whole change or none
    of it; on any failure the store is left exactly as it was. ``actor`` is who the change log
    records: the signed-in identity (pages pass it; ``None`` is the command line's
    :func:`geo.storage.audit.current_user`). Returns the store's location.

    ``title_en`` is the English title (default: ``title``, the one title a user gives serving both
    languages).

    ``year`` is the year of a table without a ``year`` column (it becomes one); the provenance
    note names the years a table holds (数据年份).
    """
    name = layer_name(name)
    too_long = len(name.encode("utf-8")) > MAX_NAME_BYTES
    if not _NAME_RE.match(name) or too_long or name in LAYERS_BY_NAME:
        raise DataValidationError.of("ingest.bad_layer_name", name=name)
    if accuracy not in ACCURACY_CLASSES:
        raise DataValidationError.of(
            "ingest.unknown_accuracy", accuracy=accuracy, choices=Listing(ACCURACY_CLASSES)
        )
    if not title.strip() or not source.strip():
        raise DataValidationError.of("ingest.title_source_missing")
    frame = _with_year(result.frame, year)
    years = _years_note(frame)
    notes = "；".join([*result.notes, *([years] if years else []), *([note] if note else [])])
    row = {
        "layer": name,
        "title_zh": title.strip(),
        "title_en": (title_en or title).strip(),  # one title a user gives serves both languages
        "accuracy": accuracy,
        "source": source.strip(),
        "licence": licence.strip(),
        "crs": STORAGE_CRS,
        "note": notes,
        "kind": result.kind,
        "source_file": result.filename,
        "source_format": result.fmt,
        "source_layer": result.layer or "",
        "source_crs": result.source_crs,
        "source_frame": result.source_frame,
        "encoding": result.encoding or "",
        "sha256": result.sha256,
        "rows_in": int(result.rows_in),
        "rows_out": len(frame),
        "rows_failed": int(result.count("error")),
        "rows_repaired": int(result.count("repaired")),
        "rows_flagged": int(result.count("warning")),
        "imported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    change = Change(
        action="import",  # the store records "replace" when the name was taken
        user=_actor(actor),
        layer=name,
        title=row["title_zh"],
        file_name=result.filename,
        sha256=result.sha256,
        rows_in=row["rows_in"],
        rows_out=row["rows_out"],
    )
    store = open_store(path)
    stored = _storable(frame)
    store.save_layer(name, stored, _typed_row(row), change, aliases=_aliases(stored))
    return store.location


def _with_year(frame: gpd.GeoDataFrame, year: int | None) -> gpd.GeoDataFrame:
    """The table with its year: ``year`` written into a table without a year column."""
    if year is None:
        return frame
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
        raise DataValidationError.of("ingest.bad_year", year=year)
    if "year" in frame.columns:
        other = sorted({int(y) for y in pd.unique(frame["year"].dropna())} - {year})
        if other:
            raise DataValidationError.of("ingest.year_conflict", years=Listing(map(str, other)), year=year)
        return frame
    return frame.assign(year=year)


def _years_note(frame: pd.DataFrame) -> str:
    if "year" not in frame.columns:
        return ""
    years = sorted({int(y) for y in pd.unique(frame["year"].dropna())})
    return f"数据年份：{'、'.join(map(str, years))}" if years else ""


def user_layer_years(name: str, *, path: StoreTarget = None) -> list[int]:
    """The years an import holds (from its ``year`` column; empty when it has none)."""
    frame = load_user_layer(name, path=path)
    if "year" not in frame.columns:
        return []
    return sorted({int(y) for y in pd.unique(frame["year"].dropna())})


_COUNT_COLUMNS = ("rows_in", "rows_out", "rows_failed", "rows_repaired", "rows_flagged")


def _typed_row(row: dict) -> dict:
    return {
        col: int(row[col]) if col in _COUNT_COLUMNS else ("" if row[col] is None else str(row[col]))
        for col in METADATA_COLUMNS
    }


def _actor(actor: str | None) -> str:
    """Who a change is recorded for: ``actor`` as given (a blank one is refused by
    :class:`geo.storage.audit.Change`), the command line's identity when ``None``."""
    return current_user() if actor is None else str(actor)


def delete_user_layer(name: str, *, path: StoreTarget = None, actor: str | None = None) -> dict:
    """Remove an import and its provenance row and record ``actor`` as who did it, in one transaction.

    Returns the removed provenance row (its ``title_zh`` names the layer to the user).

    Raises
    ------
    DataValidationError
        When there is no such import (or someone else has just deleted it).
    """
    change = Change(action="delete", user=_actor(actor), layer=name)
    return open_store(path).delete_layer(name, change)


def update_user_layer(
    name: str,
    fields: dict[str, str],
    *,
    action: str = "metadata",
    detail: str = "",
    path: StoreTarget = None,
    actor: str | None = None,
) -> None:
    """Change provenance fields of an import (e.g. its title or source), recorded as ``action``
    for ``actor`` (``None``: the command line's identity).

    Raises
    ------
    DataValidationError
        When there is no such import, or a field may not be changed (``layer``).
    """
    change = Change(action=action, user=_actor(actor), layer=name, detail=detail)
    open_store(path).update_metadata(name, dict(fields), change)


def _storable(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Make columns GeoPackage-friendly: names unique ignoring case and never ``fid`` (the table's
    key), yes/no columns as booleans and counts as integers (QGIS then offers a checkbox and whole
    numbers, not Real), strings as text."""
    out = gdf.copy()
    seen: set[str] = {"fid", out.geometry.name.lower()}
    renames = {}
    for col in out.columns:
        if col == out.geometry.name:
            continue
        name, i = str(col), 2
        while name.lower() in seen:
            name, i = f"{col}_{i}", i + 1
        seen.add(name.lower())
        if name != col:
            renames[col] = name
    out = out.rename(columns=renames)
    booleans = {c.key for kind in ("enterprises", "parcels") for c in CATALOGUE[kind] if c.kind == "boolean"}
    counts = {
        c.key for kind in ("enterprises", "parcels") for c in CATALOGUE[kind] if c.unit_zh in _COUNT_UNITS
    }
    for col in out.columns:
        if col == out.geometry.name:
            continue
        values, dtype = out[col], out[col].dtype
        if col in booleans and pd.api.types.is_float_dtype(dtype) and values.dropna().isin([0, 1]).all():
            out[col] = values.astype("boolean")  # stored as a GeoPackage BOOLEAN / PostgreSQL boolean
        elif col in counts and pd.api.types.is_float_dtype(dtype) and (values.dropna() % 1 == 0).all():
            out[col] = values.astype("Int64")  # a count is an integer column, not Real
        elif isinstance(dtype, pd.StringDtype):
            out[col] = values.astype(object).where(values.notna(), None)
    return out


_COUNT_UNITS = ("人", "家", "个")


def _aliases(frame: gpd.GeoDataFrame) -> dict[str, str]:
    """The columns' headers people read (``land_mu`` -> ``用地面积（亩）``, ``name`` -> ``名称``), as
    the stores give them to QGIS; columns no catalogue names keep their names."""
    from geo.exports.headers import column_labels  # here: geo.exports reads geo.ingest first

    labels = column_labels("zh")
    return {
        str(c): labels[c] for c in frame.columns if c in labels and labels[c] != c
    }  # catalogue units of counts (employees: 人)
