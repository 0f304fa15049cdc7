"""The user store: imported layers and their provenance in the user GeoPackage."""

from __future__ import annotations

import os
import re
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.crs import STORAGE_CRS
from geo.errors import DataValidationError
from geo.ingest.base import Kind
from geo.ingest.columns import ZONE_COLUMNS
from geo.ingest.upload import ImportResult
from geo.schema import ENTERPRISES, LAYER_METADATA, LAYERS_BY_NAME
from geo.store import DATA_DIR, list_layers, load_layer, write_layers

USER_GPKG_ENV = "ATLAS_USER_GPKG"


DEFAULT_USER_GPKG = DATA_DIR / "user" / "atlas_user.gpkg"


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
    """The user GeoPackage: ``$ATLAS_USER_GPKG`` if set, else ``data/user/atlas_user.gpkg`` (gitignored)."""
    return Path(os.environ.get(USER_GPKG_ENV, DEFAULT_USER_GPKG))


def _empty_metadata() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in METADATA_COLUMNS})


def list_user_layers(*, kind: Kind | None = None, path: Path | str | None = None) -> pd.DataFrame:
    """Provenance of every stored import (one row per layer), optionally only of one ``kind``.

    An absent or empty user store gives an empty frame with the metadata columns.
    """
    path = Path(path) if path is not None else user_store()
    if not path.exists() or path.stat().st_size == 0 or METADATA_LAYER not in list_layers(path):
        return _empty_metadata()
    meta = pyogrio.read_dataframe(path, layer=METADATA_LAYER)
    meta = pd.DataFrame(meta)
    for col in METADATA_COLUMNS:
        if col not in meta:
            meta[col] = None
    if kind is not None:
        meta = meta[meta["kind"] == kind]
    return meta[list(METADATA_COLUMNS)].reset_index(drop=True)


def load_user_layer(name: str, *, path: Path | str | None = None) -> gpd.GeoDataFrame:
    """A stored import in WGS-84, in its standard schema (enterprises: ENTERPRISES columns first).

    Raises
    ------
    DataValidationError
        When the layer is not in the user store or fails validation.
    """
    path = Path(path) if path is not None else user_store()
    meta = list_user_layers(path=path)
    if name not in set(meta["layer"]):
        raise DataValidationError(f"没有名为「{name}」的导入图层", hint="请先在「数据管理」页导入")
    kind = meta.loc[meta["layer"] == name, "kind"].iloc[0]
    gdf = load_layer(name, path=path)
    if kind == "enterprises":
        if "above_scale" in gdf:
            gdf["above_scale"] = gdf["above_scale"].astype("boolean")
        columns = list(ENTERPRISES.columns)
    elif kind == "zones":
        columns = list(ZONE_COLUMNS)
    else:
        columns = []
    missing = [c for c in columns if c not in gdf.columns]
    if missing:
        raise DataValidationError(
            f"导入图层「{name}」缺少字段：{'、'.join(missing)}", hint="请重新导入该图层"
        )
    rest = [c for c in gdf.columns if c not in columns and c != gdf.geometry.name]
    return gdf[[*columns, *rest, gdf.geometry.name]]


_STORE_LOCK = threading.Lock()


_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,50}$")


def suggest_layer_name(filename: str, kind: Kind) -> str:
    """An ASCII table name for an import, from the file name (``user_<kind>_<stem>``)."""
    stem = re.sub(r"[^a-z0-9]+", "_", Path(filename).stem.lower()).strip("_")[:24] or datetime.now(
        UTC
    ).strftime("%Y%m%d%H%M%S")
    return f"{USER_PREFIX}{kind}_{stem}"


def save_import(
    result: ImportResult,
    *,
    name: str,
    title: str,
    source: str,
    accuracy: str = "real",
    licence: str = "",
    note: str = "",
    path: Path | str | None = None,
) -> Path:
    """Store an import and its provenance row in the user GeoPackage in one atomic write.

    ``name`` becomes the table name (``user_`` is prefixed when absent); a stored layer of the
    same name is replaced. On any failure the store is left exactly as it was.
    """
    from geo.schema import ACCURACY_CLASSES

    if not name.startswith(USER_PREFIX):
        name = USER_PREFIX + name
    if not _NAME_RE.match(name) or name in LAYERS_BY_NAME:
        raise DataValidationError(
            f"图层名「{name}」不可用",
            hint="图层名只能用小写英文字母、数字和下划线，以字母开头，且不能与内置图层重名",
        )
    if accuracy not in ACCURACY_CLASSES:
        raise DataValidationError(
            f"未知的精度类别「{accuracy}」", hint=f"可选：{'、'.join(ACCURACY_CLASSES)}"
        )
    if not title.strip() or not source.strip():
        raise DataValidationError(
            "请填写图层标题和数据来源", hint="来源例如「吴江区自然资源和规划局，2024 年」"
        )
    path = Path(path) if path is not None else user_store()
    with _STORE_LOCK:  # Streamlit sessions are threads of one process: no lost update of the metadata
        return _save_locked(result, name, title, source, accuracy, licence, note, path)


def _save_locked(
    result: ImportResult,
    name: str,
    title: str,
    source: str,
    accuracy: str,
    licence: str,
    note: str,
    path: Path,
) -> Path:
    meta = list_user_layers(path=path)
    meta = meta[meta["layer"] != name]
    notes = "；".join([*result.notes, note] if note else result.notes)
    row = {
        "layer": name,
        "title_zh": title.strip(),
        "title_en": title.strip(),  # the user gives one title; it serves both languages
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
        "rows_in": result.rows_in,
        "rows_out": len(result.frame),
        "rows_failed": result.count("error"),
        "rows_repaired": result.count("repaired"),
        "rows_flagged": result.count("warning"),
        "imported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    meta = pd.concat([meta, pd.DataFrame([row])], ignore_index=True) if len(meta) else pd.DataFrame([row])
    return write_layers({name: _storable(result.frame), METADATA_LAYER: _typed_metadata(meta)}, path=path)


_COUNT_COLUMNS = ("rows_in", "rows_out", "rows_failed", "rows_repaired", "rows_flagged")


def _typed_metadata(meta: pd.DataFrame) -> pd.DataFrame:
    meta = meta[list(METADATA_COLUMNS)].copy()
    for col in meta.columns:
        meta[col] = meta[col].astype("int64") if col in _COUNT_COLUMNS else meta[col].astype(str)
    return meta


def delete_user_layer(name: str, *, path: Path | str | None = None) -> Path:
    """Remove an import and its provenance row; the store is rebuilt in a temporary file and swapped
    in with one rename, so a failure leaves it as it was.

    Raises
    ------
    DataValidationError
        When there is no such import.
    """
    path = Path(path) if path is not None else user_store()
    with _STORE_LOCK:
        meta = list_user_layers(path=path)
        if name not in set(meta["layer"]):
            raise DataValidationError(f"没有名为「{name}」的导入图层", hint="请刷新页面查看现有图层")
        keep = meta[meta["layer"] != name]
        frames = {layer: pyogrio.read_dataframe(path, layer=layer) for layer in keep["layer"]}
        frames[METADATA_LAYER] = _typed_metadata(keep) if len(keep) else _empty_metadata()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-rebuild-", suffix=".gpkg", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            write_layers(frames, path=tmp)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
    return path


def _storable(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Make columns GeoPackage-friendly: names unique ignoring case and never ``fid`` (the table's
    key), nullable booleans as 0/1/NULL, strings as text."""
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
    for col in out.columns:
        if col == out.geometry.name:
            continue
        dtype = out[col].dtype
        if isinstance(dtype, pd.BooleanDtype):
            out[col] = out[col].astype("Int64").astype("float").where(out[col].notna())
        elif isinstance(dtype, pd.StringDtype):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out
