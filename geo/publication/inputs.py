"""What a version evaluated: the input values of each enterprise (kept with its results so the year
can be evaluated again from the version alone), the digest of an input layer, and the land list
(each enterprise's 用地面积 with the parcels it comes from).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.catalogue import ENTERPRISE_NUMERIC
from geo.errors import DataValidationError
from geo.evaluation import EvaluationConfig
from geo.evaluation.metrics import ID_COL, ZONE_COL
from geo.evaluation.ratios import EMISSION_COLUMN
from geo.land.parcels import PARCEL_ID, join_parcels, prepare_parcels, with_parcel_land

# The input columns an evaluation reads besides the configuration's own (start year, adjustment
# columns): numbers of the column catalogue, the size flag, and the texts the rules look at.
NUMBER_INPUTS: tuple[str, ...] = (*ENTERPRISE_NUMERIC, EMISSION_COLUMN)
TEXT_INPUTS: tuple[str, ...] = ("above_scale", "industry", "town", "year", "compound_id", "land_host")
LAND_COL = "land_mu"
PARCELS_COL = "parcels"  # the land list's parcel ids, joined by 、


def objectionable_columns() -> tuple[str, ...]:
    """The input columns an objection may dispute: the numbers of the column catalogue."""
    return NUMBER_INPUTS


def _plain(value: object) -> object:
    """A JSON value: numbers as float (NaN: None), booleans as booleans, anything else as text."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return None if math.isnan(number) else number
    if isinstance(value, float) or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def input_columns(enterprises: pd.DataFrame, config: EvaluationConfig) -> list[str]:
    """The input columns of ``enterprises`` that the evaluation under ``config`` reads."""
    wanted = [*NUMBER_INPUTS, *TEXT_INPUTS, config.start_year_column, *(a.column for a in config.adjustments)]
    seen: list[str] = []
    for col in wanted:
        if col in enterprises.columns and col not in seen:
            seen.append(col)
    return seen


def _column_values(values: pd.Series) -> list:
    """A column as JSON values, converted once per column (not per cell) where the type allows."""
    if pd.api.types.is_bool_dtype(values):
        return [None if pd.isna(v) else bool(v) for v in values.astype(object)]
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.to_numpy(dtype="float64", na_value=np.nan).tolist()
        return [None if v != v else v for v in numbers]
    return [_plain(v) for v in values.astype(object)]


def input_values(enterprises: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Each enterprise's input values as a JSON-ready mapping (numbers as float, blanks as None)."""
    by_column = [_column_values(enterprises[c]) for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*by_column, strict=True)]


def frame_from_inputs(results: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The enterprise table a version evaluated, rebuilt from its stored input values, with each
    enterprise's zone (a Series on the same index) for :func:`geo.evaluation.evaluate`."""
    records = []
    for row in results.itertuples(index=False):
        records.append({ID_COL: row.ent_id, "name": row.name, **row.inputs})
    frame = pd.DataFrame.from_records(records)
    for col in NUMBER_INPUTS:
        if col in frame.columns:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    zone = pd.Series(results[ZONE_COL].replace("", None).to_numpy(), index=frame.index, name=ZONE_COL)
    return frame, zone


def _column_bytes(values: pd.Series, *, geometry: bool) -> bytes:
    """A column's values as bytes, the same for the same values whatever the dtype they were read
    with: numbers (and booleans) as float64 with one NaN, geometry as WKB, the rest as text."""
    if geometry:
        wkb = shapely.to_wkb(np.asarray(values, dtype=object), hex=True)
        return "\x1f".join("" if w is None else w for w in wkb).encode("ascii")
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
        return np.where(np.isnan(numbers), np.nan, numbers).astype("<f8").tobytes()
    texts = ("\x00" if v is None else str(v) for v in map(_plain, values.astype(object)))
    return "\x1f".join(texts).encode("utf-8")


def layer_digest(frame: pd.DataFrame) -> str:
    """The SHA-256 of a layer's data: its number of rows, then each column's name and values in
    row order (numbers as float64, geometry as WKB, the rest as text).

    Two layers with the same columns, values and order give the same digest, whatever store or
    file they come from; a changed value, row or column gives another.
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataValidationError.of("publication.digest_needs_table")
    h = hashlib.sha256(f"rows={len(frame)}\n".encode())
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    for col in frame.columns:
        h.update(json.dumps(str(col), ensure_ascii=False).encode("utf-8") + b"\n")
        h.update(_column_bytes(frame[col], geometry=col == geometry))
        h.update(b"\n")
    return h.hexdigest()


def layer_inputs(layers: Mapping[str, tuple[str, pd.DataFrame]]) -> dict[str, dict]:
    """What a version records of its input layers: for each role (``enterprises``, ``zones``,
    ``parcels``) the layer's name, its number of rows and the digest of its data."""
    out = {}
    for role, (name, frame) in layers.items():
        out[role] = {"layer": str(name), "rows": int(len(frame)), "sha256": layer_digest(frame)}
    return out


def land_list(enterprises: pd.DataFrame, *, parcels: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """The land list: each enterprise's 用地面积 (亩) and the parcels it comes from.

    With ``parcels`` (a parcel layer: by enterprise id, else by location, see
    :func:`geo.land.parcels.join_parcels`) an enterprise's land is the sum of its parcels' areas
    measured in EPSG:4549; an enterprise without parcels keeps the table's figure. Without
    parcels, the table's ``land_mu``. Columns: ``ent_id``, ``name``, ``land_mu``, ``parcels``
    (ids joined by 、, empty when none), ``land_source`` (宗地 / 填报 / empty), ``zone`` (``town``
    when the table has it).

    Raises
    ------
    DataValidationError
        When the table has no ``ent_id``, or neither ``land_mu`` nor parcels.
    """
    if ID_COL not in enterprises.columns:
        raise DataValidationError.of("publication.land_list_without_ent_id")
    if parcels is None and LAND_COL not in enterprises.columns:
        raise DataValidationError.of("publication.land_list_without_land")
    ids = enterprises[ID_COL].map(lambda v: str(v).strip())
    if parcels is not None:
        joined = join_parcels(prepare_parcels(parcels), enterprises)
        land = with_parcel_land(enterprises, joined)
        linked = joined.parcels[joined.parcels[ID_COL].notna()]
        by_ent = linked.groupby(ID_COL)[PARCEL_ID].agg(lambda s: "、".join(sorted(map(str, s))))
        parcel_text = ids.map(by_ent).fillna("")
        source = land["land_source"]
        land_mu = pd.to_numeric(land[LAND_COL], errors="coerce")
    else:
        land_mu = pd.to_numeric(enterprises[LAND_COL], errors="coerce")
        parcel_text = pd.Series("", index=enterprises.index)
        source = np.where(land_mu.notna(), "填报", "")
    names = enterprises["name"] if "name" in enterprises.columns else pd.Series("", index=enterprises.index)
    zone = enterprises["town"] if "town" in enterprises.columns else pd.Series("", index=enterprises.index)
    return pd.DataFrame(
        {
            ID_COL: ids.to_numpy(),
            "name": names.fillna("").astype(str).to_numpy(),
            LAND_COL: np.asarray(land_mu, dtype="float64"),
            PARCELS_COL: np.asarray(parcel_text, dtype=object),
            "land_source": np.asarray(source, dtype=object),
            ZONE_COL: zone.fillna("").astype(str).to_numpy(),
        }
    )
