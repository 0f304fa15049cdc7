"""Per-enterprise and per-zone output and 亩均 (per-mu) efficiency metrics.

Enterprises are assigned to zones by location (vectorised point-in-polygon) or by a zone
name/code column; per-zone totals are summed and the efficiency ratios of docs/domain.md §4 are
computed from them. A ratio whose denominator is zero or missing is ``NaN``, which the pages
show as "无法计算" — never ``inf`` and never ``0``.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.catalogue import CATALOGUE
from geo.errors import DataValidationError

# The indicator definitions live in geo/evaluation/ratios.py; re-exported here for every caller.
from geo.evaluation.ratios import AMOUNT_COLUMNS as AMOUNT_COLUMNS
from geo.evaluation.ratios import EMISSION_COLUMN as EMISSION_COLUMN
from geo.evaluation.ratios import EMISSION_RATIOS as EMISSION_RATIOS
from geo.evaluation.ratios import OPTIONAL_AMOUNT_COLUMNS as OPTIONAL_AMOUNT_COLUMNS
from geo.evaluation.ratios import RATIOS as RATIOS
from geo.evaluation.ratios import RATIOS_BY_KEY as RATIOS_BY_KEY
from geo.evaluation.ratios import UNIT_EN as UNIT_EN
from geo.evaluation.ratios import Ratio as Ratio
from geo.evaluation.ratios import ratio_label as ratio_label
from geo.evaluation.zone_sums import group_sums, header
from geo.messages import listed, message
from geo.spatial.crs import same_crs
from geo.spatial.measure import area_mu, to_analysis_crs
from geo.spatial.point_coords import point_xy
from geo.spatial.zone_index import ZoneIndex, locate_exact

ID_COL = "ent_id"
# Tables at least this long use THREADS threads (GEOS and hashing release the GIL).
PARALLEL_MIN_ROWS = 50_000
THREADS = min(2, os.cpu_count() or 1)
ZONE_COL = "zone"
NOT_COMPUTABLE_ZH = "无法计算"


# --------------------------------------------------------------------------- validation


def _preview(values: Sequence, limit: int = 10) -> dict[str, str]:
    """The first ``limit`` values as a list in both languages, saying how many there are in all."""
    shown = listed(list(values)[:limit])
    if len(values) > limit:
        return {lang: message("evaluation.preview_more", lang, shown=shown, n=len(values)) for lang in shown}
    return shown


def check_enterprises(enterprises: pd.DataFrame, *, id_col: str = ID_COL) -> None:
    """Validate an enterprise table at the door.

    Checks that it is not empty, that ``id_col`` is present, non-empty and unique, that the
    amount columns present are numeric, and that land, energy, electricity and employees are
    not negative. Amount columns may be missing (the indicators using them become NaN).

    Raises
    ------
    DataValidationError
        Naming the bad column or the offending enterprise ids.
    """
    if not isinstance(enterprises, pd.DataFrame):
        raise DataValidationError.of("evaluation.not_a_table")
    if len(enterprises) == 0:
        raise DataValidationError.of("evaluation.empty_table")
    if id_col not in enterprises.columns:
        raise DataValidationError.of("evaluation.no_id_column", column=id_col)
    ids = enterprises[id_col]
    immutable = _immutable_values(ids)
    if immutable is None or not _seen_unique(immutable):
        _check_ids(enterprises, ids, id_col)
        if immutable is not None:
            _remember_unique(immutable)
    _check_amounts(enterprises, ids)


# Id arrays found unique and non-empty, by identity. Only immutable (Arrow) arrays are kept: the same
# object holds the same values, so a table checked once is not hashed again (pandas replaces the
# Arrow array when a value is set). The arrays are held here, so their identity is not reused.
_UNIQUE_IDS: OrderedDict[int, object] = OrderedDict()
_UNIQUE_IDS_LOCK = threading.Lock()
UNIQUE_IDS_KEPT = 8


def _immutable_values(ids: pd.Series) -> object | None:
    """The column's immutable Arrow array (the very object pandas holds), or None."""
    to_arrow = getattr(ids.array, "__arrow_array__", None)
    if to_arrow is None:
        return None
    try:
        return to_arrow()
    except (TypeError, ValueError, NotImplementedError):  # an extension array pandas cannot hand to Arrow
        return None  # the caller then checks the ids by value (no shortcut, same answer)


def _seen_unique(values: object) -> bool:
    with _UNIQUE_IDS_LOCK:
        if id(values) in _UNIQUE_IDS and _UNIQUE_IDS[id(values)] is values:
            _UNIQUE_IDS.move_to_end(id(values))
            return True
    return False


def _remember_unique(values: object) -> None:
    with _UNIQUE_IDS_LOCK:
        _UNIQUE_IDS[id(values)] = values
        while len(_UNIQUE_IDS) > UNIQUE_IDS_KEPT:
            _UNIQUE_IDS.popitem(last=False)


def _check_ids(enterprises: pd.DataFrame, ids: pd.Series, id_col: str) -> None:
    """Ids present and unique, else a DataValidationError naming the rows or the ids."""
    codes, uniques = pd.factorize(ids, use_na_sentinel=True)
    if (codes < 0).any():
        rows = [str(i) for i in enterprises.index[codes < 0]]
        raise DataValidationError.of("evaluation.empty_ids", column=id_col, rows=_preview(rows))
    if len(uniques) < len(ids):
        counts = np.bincount(codes)
        dups = pd.unique(ids[counts[codes] > 1]).tolist()
        raise DataValidationError.of("evaluation.duplicate_ids", ids=_preview(dups))


def _check_amounts(enterprises: pd.DataFrame, ids: pd.Series) -> dict[str, np.ndarray | None]:
    """Amount columns present must be numeric; land, energy, power and staff not negative.

    Returns each amount column as float64 (float columns not copied; None where absent)."""
    out: dict[str, np.ndarray | None] = {}
    columns = set(enterprises.columns)
    for col in (*AMOUNT_COLUMNS, *OPTIONAL_AMOUNT_COLUMNS):
        if col not in columns:
            out[col] = None
            continue
        values = enterprises[col]
        if isinstance(values.dtype, pd.BooleanDtype) or values.dtype == bool:
            raise DataValidationError.of("evaluation.boolean_amounts", column=col)
        if values.dtype.kind in "fiu":  # plain numpy numbers: nothing to coerce
            numeric = values.to_numpy(dtype="float64")
        else:
            numeric = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
            bad = np.isnan(numeric) & values.notna().to_numpy()
        if values.dtype.kind not in "fiu" and bad.any():
            bad_ids = ids[bad].tolist()
            examples = _preview([f"{i}={v!r}" for i, v in zip(bad_ids, values[bad], strict=True)], 5)
            raise DataValidationError.of("evaluation.not_numbers", column=col, examples=examples)
        if col in ("land_mu", "energy_tce", "electricity_kwh", "employees", EMISSION_COLUMN):
            neg = numeric < 0
            if neg.any():
                neg = pd.Series(neg, index=ids.index)
                raise DataValidationError.of(
                    "evaluation.negative_amounts", column=col, ids=_preview(ids[neg].tolist())
                )
        out[col] = numeric
    return out


def numeric_amounts(enterprises: pd.DataFrame) -> pd.DataFrame:
    """The amount columns as float64 (a new frame); absent columns come back all-NaN."""
    out = {}
    for col in (*AMOUNT_COLUMNS, *OPTIONAL_AMOUNT_COLUMNS):
        if col in enterprises.columns:
            out[col] = pd.to_numeric(enterprises[col], errors="coerce").astype("float64")
        else:
            out[col] = pd.Series(np.nan, index=enterprises.index, dtype="float64")
    return pd.DataFrame(out, index=enterprises.index)


def _safe_ratio(num: np.ndarray, den: np.ndarray, scale: float) -> np.ndarray:
    """num / den * scale; NaN where the denominator is zero, negative or missing."""
    ok = np.isfinite(num) & np.isfinite(den) & (den > 0)
    out = np.full(num.shape, np.nan)
    with np.errstate(over="ignore"):
        np.divide(num, den, out=out, where=ok)
        out *= scale
    out[~np.isfinite(out)] = np.nan  # a vanishing denominator overflows: not computable, not inf
    return out


def enterprise_ratios(enterprises: pd.DataFrame) -> pd.DataFrame:
    """The efficiency indicators of each enterprise (new frame, same index).

    Columns are the ``RATIOS`` keys. A zero or missing denominator (e.g. no land, no employees)
    or a missing numerator gives ``NaN`` (无法计算), never ``inf`` or ``0``.
    """
    return ratios_from_amounts(numeric_amounts(enterprises))


def ratios_from_amounts(amounts: pd.DataFrame) -> pd.DataFrame:
    """The indicators from a :func:`numeric_amounts` frame (same index)."""
    data = {
        r.key: _safe_ratio(amounts[r.numerator].to_numpy(), amounts[r.denominator].to_numpy(), r.scale)
        for r in RATIOS
    }
    return pd.DataFrame(data, index=amounts.index)


# --------------------------------------------------------------------------- land from parcels


def land_mu_from_parcels(parcels: gpd.GeoDataFrame, *, id_col: str = ID_COL) -> pd.Series:
    """Land area in 亩 per enterprise, summed over its parcel polygons measured in EPSG:4549.

    Parcels may be in any CRS that has one; they are projected to EPSG:4549 before measuring.

    Returns
    -------
    Series indexed by enterprise id, named ``land_mu``.

    Raises
    ------
    DataValidationError
        When the parcels have no CRS, lack ``id_col``, or hold non-polygon geometries.
    """
    if parcels.crs is None:
        raise DataValidationError.of("evaluation.parcels_no_crs")
    if id_col not in parcels.columns:
        raise DataValidationError.of("evaluation.parcels_no_id_column", column=id_col)
    types = set(parcels.geom_type.dropna().unique())
    if not types <= {"Polygon", "MultiPolygon"}:
        raise DataValidationError.of(
            "evaluation.parcels_not_polygons", types=listed(sorted(types - {"Polygon", "MultiPolygon"}))
        )
    projected = to_analysis_crs(parcels[[id_col, parcels.geometry.name]])
    areas = area_mu(projected).fillna(0.0)
    return areas.groupby(projected[id_col].to_numpy()).sum().rename("land_mu").rename_axis(id_col)


def with_land_from_parcels(
    enterprises: pd.DataFrame, parcels: gpd.GeoDataFrame, *, id_col: str = ID_COL
) -> pd.DataFrame:
    """A copy of ``enterprises`` whose ``land_mu`` is measured from parcels (NaN if none)."""
    check_enterprises(enterprises, id_col=id_col)
    land = land_mu_from_parcels(parcels, id_col=id_col)
    out = enterprises.copy()
    out["land_mu"] = enterprises[id_col].map(land).astype("float64").to_numpy()
    return out


# --------------------------------------------------------------------------- assignment


@dataclass(frozen=True)
class ZoneAssignment:
    """Which zone each enterprise belongs to.

    Attributes
    ----------
    zone
        Zone key per enterprise (categorical over ``zone_keys``), aligned on the enterprise
        frame's index; missing (NaN) outside every zone.
    zone_keys
        All zone keys in zone order (zones without enterprises included).
    outside_ids
        Ids of enterprises in no zone (or with no location / unknown zone name).
    method
        ``"location"`` (point in polygon) or ``"column"`` (by a zone name/code column).
    n_overlap
        Enterprises inside more than one zone (assigned to the first in zone order).
    """

    zone: pd.Series
    zone_keys: tuple[Hashable, ...]
    outside_ids: tuple[Hashable, ...]
    method: Literal["location", "column"]
    n_overlap: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    notes_en: tuple[str, ...] = field(default_factory=tuple)  # the same remarks in English

    @property
    def n_outside(self) -> int:
        """Number of enterprises in no zone."""
        return len(self.outside_ids)


def _zone_keys(zones: pd.DataFrame, zone_id: str) -> pd.Series:
    if zone_id not in zones.columns:
        raise DataValidationError.of(
            "evaluation.zones_no_key_column", column=zone_id, columns=listed(zones.columns)
        )
    keys = zones[zone_id]
    values = keys.to_numpy(dtype=object)
    if pd.isna(values).any():
        raise DataValidationError.of("evaluation.zones_empty_keys", column=zone_id)
    if len(set(values.tolist())) == len(values):  # a few to a few thousand keys: a set is quickest
        return keys
    dups = keys[keys.duplicated(keep=False)]
    if len(dups):
        raise DataValidationError.of(
            "evaluation.zones_duplicate_keys", keys=_preview(pd.unique(dups).tolist())
        )
    return keys


def check_zones(zones: gpd.GeoDataFrame, *, zone_id: str, check_valid: bool = True) -> None:
    """Validate a zone layer at the door: not empty, a CRS, polygons, unique keys, valid rings.

    ``check_valid`` runs GEOS validity on every boundary (about 1 ms per 2,000-vertex zone).

    Raises
    ------
    DataValidationError
        Naming the problem and, for invalid geometries, the zones concerned.
    """
    _checked_zone_keys(zones, zone_id=zone_id, check_valid=check_valid)


def _checked_zone_keys(zones: gpd.GeoDataFrame, *, zone_id: str, check_valid: bool) -> pd.Series:
    """:func:`check_zones`, returning the zone keys it checked."""
    if not isinstance(zones, gpd.GeoDataFrame):
        raise DataValidationError.of("evaluation.zones_not_a_layer")
    if len(zones) == 0:
        raise DataValidationError.of("evaluation.zones_empty")
    if zones.crs is None:
        raise DataValidationError.of("evaluation.zones_no_crs")
    keys = _zone_keys(zones, zone_id)
    geoms = zones.geometry.to_numpy()
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.any():
        raise DataValidationError.of("evaluation.zones_no_geometry", zones=_preview(keys[missing].tolist()))
    types = set(shapely.get_type_id(geoms).tolist())
    if not types <= {3, 6}:  # Polygon, MultiPolygon
        raise DataValidationError.of("evaluation.zones_not_polygons")
    if check_valid:
        invalid = ~shapely.is_valid(geoms)
        if invalid.any():
            raise DataValidationError.of("evaluation.zones_invalid", zones=_preview(keys[invalid].tolist()))
    return keys


def assign_zones(
    enterprises: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    zone_id: str = "name",
    id_col: str = ID_COL,
    index: ZoneIndex | None = None,
) -> ZoneAssignment:
    """Assign each enterprise to the zone its location falls in (vectorised point-in-polygon).

    Enterprise points (or a point on the surface of parcel polygons) are tested against each zone
    polygon with a bounding-box prefilter and ``shapely.intersects_xy`` on the prepared polygon.
    Zones are brought to the enterprises' CRS if they differ. Points on a boundary count as
    inside; a point in overlapping zones goes to the first one in zone order (``n_overlap``).
    Enterprises in no zone or without a location are listed in ``outside_ids``, never dropped.
    Zone validity is not re-checked here (see :func:`check_zones`).

    ``index`` (:func:`geo.spatial.zone_index.build_zone_index` of ``zones.geometry``, built once per zone
    layer) answers most points from its grid of zone interiors and tests only those near a
    boundary: the same assignment, faster. It is used only when built from these very geometries
    in the enterprises' CRS; otherwise every point is tested.

    Raises
    ------
    DataValidationError
        When either layer lacks a CRS, the zone keys are missing or duplicated, the enterprise
        ids are duplicated, or the geometries are of the wrong kind.
    """
    if len(enterprises) < PARALLEL_MIN_ROWS or THREADS < 2:
        check_enterprises(enterprises, id_col=id_col)
        return _assign_checked(enterprises, zones, zone_id=zone_id, id_col=id_col, pool=None, index=index)
    # Large tables: the id check (hashing) runs beside the point-in-polygon tests.
    with ThreadPoolExecutor(THREADS) as pool:
        checked = pool.submit(check_enterprises, enterprises, id_col=id_col)
        try:
            result = _assign_checked(
                enterprises, zones, zone_id=zone_id, id_col=id_col, pool=pool, index=index
            )
        finally:
            checked.result()  # a bad table raises its DataValidationError here
    return result


def _assign_checked(
    enterprises: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    zone_id: str,
    id_col: str,
    pool: ThreadPoolExecutor | None,
    index: ZoneIndex | None = None,
) -> ZoneAssignment:
    if id_col not in enterprises.columns:
        check_enterprises(enterprises, id_col=id_col)
    if not isinstance(enterprises, gpd.GeoDataFrame):
        raise DataValidationError.of("evaluation.no_locations")
    ent_geoms = enterprises.geometry  # once: each access to a frame's geometry builds a GeoSeries
    if ent_geoms.crs is None:
        raise DataValidationError.of("evaluation.enterprises_no_crs")
    keys = _checked_zone_keys(zones, zone_id=zone_id, check_valid=False)
    zone_geoms = zones.geometry
    if not same_crs(zone_geoms.crs, ent_geoms.crs):
        zone_geoms = zone_geoms.to_crs(ent_geoms.crs)
    x, y = point_xy(ent_geoms.to_numpy())
    geoms = zone_geoms.to_numpy()
    if index is not None and index.matches(geoms):
        zone_idx, hits = index.locate(x, y, pool=pool)
    else:
        zone_idx, hits = locate_exact(x, y, geoms, pool=pool)
    key_values = keys.to_numpy(dtype=object)
    zone = pd.Series(
        pd.Categorical.from_codes(zone_idx, categories=pd.Index(key_values, dtype=object)),
        index=enterprises.index,
        name=ZONE_COL,
    )
    outside = tuple(enterprises[id_col].array.take(np.flatnonzero(zone_idx < 0)).tolist())
    n_missing_xy = int((~(np.isfinite(x) & np.isfinite(y))).sum())
    notes, notes_en = [], []
    if n_missing_xy:
        notes.append(message("evaluation.no_location_outside", "zh", n=n_missing_xy))
        notes_en.append(message("evaluation.no_location_outside", "en", n=n_missing_xy))
    n_overlap = int((hits > 1).sum())
    if n_overlap:
        notes.append(message("evaluation.overlap_first_zone", "zh", n=n_overlap))
        notes_en.append(message("evaluation.overlap_first_zone", "en", n=n_overlap))
    return ZoneAssignment(
        zone=zone,
        zone_keys=tuple(key_values.tolist()),
        outside_ids=outside,
        method="location",
        n_overlap=n_overlap,
        notes=tuple(notes),
        notes_en=tuple(notes_en),
    )


def assign_zones_by_column(
    enterprises: pd.DataFrame,
    zone_keys: Sequence[Hashable] | pd.Series,
    *,
    column: str = "town",
    id_col: str = ID_COL,
) -> ZoneAssignment:
    """Assign enterprises to zones by a zone name/code column instead of by location.

    Values are matched exactly after stripping surrounding spaces; enterprises whose value is
    empty or not among ``zone_keys`` are listed in ``outside_ids``.

    Raises
    ------
    DataValidationError
        When ``column`` is absent, the zone keys repeat, or enterprise ids are duplicated.
    """
    check_enterprises(enterprises, id_col=id_col)
    if column not in enterprises.columns:
        raise DataValidationError.of("evaluation.no_zone_column", column=column)
    keys = pd.Series(list(zone_keys), dtype=object)
    if keys.isna().any() or keys.duplicated().any():
        raise DataValidationError.of("evaluation.zone_keys_empty_or_repeated")
    values = enterprises[column].astype(object)
    stripped = values.map(lambda v: v.strip() if isinstance(v, str) else v)
    known = set(keys.tolist())
    inside = stripped.map(lambda v: v in known if v is not None and v == v else False).astype(bool)
    zone = pd.Series(
        pd.Categorical(stripped.where(inside, None), categories=pd.Index(keys.tolist(), dtype=object)),
        index=enterprises.index,
        name=ZONE_COL,
    )
    outside = tuple(enterprises[id_col][~inside].tolist())
    notes, notes_en = [], []
    unknown = sorted({str(v) for v in stripped[~inside] if v is not None and v == v})
    if unknown:
        notes.append(message("evaluation.unknown_zone_names", "zh", names=_preview(unknown)))
        notes_en.append(message("evaluation.unknown_zone_names", "en", names=_preview(unknown)))
    return ZoneAssignment(
        zone=zone,
        zone_keys=tuple(keys.tolist()),
        outside_ids=outside,
        method="column",
        notes=tuple(notes),
        notes_en=tuple(notes_en),
    )


# --------------------------------------------------------------------------- aggregation


def zone_metrics(
    enterprises: pd.DataFrame,
    assignment: ZoneAssignment,
    *,
    zones: gpd.GeoDataFrame | None = None,
    zone_id: str = "name",
) -> pd.DataFrame:
    """Per-zone totals and efficiency ratios.

    Totals (``land_mu``, ``sales_wan_yuan``, ``tax_wan_yuan``, ``value_added_wan_yuan``,
    ``energy_tce``, ``electricity_kwh``, ``employees``, ``rd_wan_yuan``) skip missing values;
    a zone where every value of a column is missing gets NaN, an empty zone gets 0 (NaN too for a
    column no enterprise reports: the measure is unknown, not zero). Each ratio
    is pooled — Σ numerator / Σ denominator over the zone's enterprises that have both values
    and a positive denominator — so a tenant without land adds to the zone's tax total but not
    to its 亩均税收. A zero denominator (e.g. an empty zone) gives NaN (无法计算).

    With ``zones`` given, ``zone_area_mu`` adds each zone's own area measured in EPSG:4549.

    Returns
    -------
    DataFrame indexed by zone key (named ``zone``), one row per zone in zone order.
    """
    if not assignment.zone.index.equals(enterprises.index):
        raise DataValidationError.of("evaluation.assignment_mismatch")
    # The ids were checked when the assignment was made; the amounts are checked here.
    ids = enterprises[ID_COL] if ID_COL in enterprises.columns else enterprises.index.to_series()
    amounts = _check_amounts(enterprises, ids)
    if EMISSION_COLUMN not in enterprises.columns:
        del amounts[EMISSION_COLUMN]  # and with it the ratios over it
    zone = assignment.zone
    if isinstance(zone.dtype, pd.CategoricalDtype) and zone.dtype.categories.equals(
        header(assignment.zone_keys)
    ):
        codes = zone.array.codes.astype(np.int64)
    else:
        codes = pd.Categorical(zone, categories=list(assignment.zone_keys)).codes.astype(np.int64)
    out = group_sums(amounts, codes, len(assignment.zone_keys))
    out.index = header(assignment.zone_keys).copy(name=ZONE_COL)
    if zones is not None:
        keys = _zone_keys(zones, zone_id)
        measured = area_mu(to_analysis_crs(zones[[zones.geometry.name]]))
        out.insert(
            1, "zone_area_mu", pd.Series(measured.to_numpy(), index=keys.to_numpy()).reindex(out.index)
        )
    return out


def total_metrics(enterprises: pd.DataFrame) -> pd.Series:
    """The same totals and pooled ratios as :func:`zone_metrics`, over a whole table."""
    amounts = {
        col: pd.to_numeric(enterprises[col], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        if col in enterprises.columns
        else None
        for col in (*AMOUNT_COLUMNS, *OPTIONAL_AMOUNT_COLUMNS)
    }
    if EMISSION_COLUMN not in enterprises.columns:
        del amounts[EMISSION_COLUMN]
    return group_sums(amounts, np.zeros(len(enterprises), dtype=np.int64), 1).iloc[0]


def zone_metric_labels(lang: str = "zh") -> dict[str, str]:
    """Column headers with units for a :func:`zone_metrics` table, in Chinese or English: the amounts'
    from the column catalogue, the indicators' from :data:`RATIOS`."""
    labels = {
        column: message(f"evaluation.zone_metric_col.{column}", lang)
        for column in (ZONE_COL, "n_enterprises", "zone_area_mu")
    }
    columns = {c.key: c for c in CATALOGUE["enterprises"]}
    labels.update({key: columns[key].label(lang) for key in AMOUNT_COLUMNS})
    labels[EMISSION_COLUMN] = message(f"evaluation.zone_metric_col.{EMISSION_COLUMN}", lang)
    labels.update({r.key: ratio_label(r.key, lang=lang) for r in RATIOS})
    return labels


def named_firms(enterprises: pd.DataFrame, ids: list, lang: str) -> list[str]:
    """Each of ``ids`` by its name and id, as the page and the command line list them (walk 16 item 9):
    「嘉兴越界机械有限公司（U00012）」 / "嘉兴越界机械有限公司 (U00012)" (walk 15 item 7: the ids alone
    told a reader nothing); an id without a name as it is."""
    names: dict[str, str] = {}
    if "name" in enterprises.columns and ID_COL in enterprises.columns:
        known = enterprises[[ID_COL, "name"]].dropna()
        names = {str(i): str(n).strip() for i, n in zip(known[ID_COL], known["name"], strict=True)}
    out = []
    for ent_id in map(str, ids):
        name = names.get(ent_id, "")
        if not name or name == ent_id:
            out.append(ent_id)
        else:
            out.append(f"{name}（{ent_id}）" if lang == "zh" else f"{name} ({ent_id})")
    return out
