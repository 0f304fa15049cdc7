"""Where the features are: CRS and frame suggestions, axis swaps, joins, reprojection, repair."""

from __future__ import annotations

import re
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.catalogue import norm_header
from geo.errors import DataValidationError
from geo.ingest.base import FAR_OUTSIDE_KM, SUZHOU_BOUNDS, CrsSuggestion
from geo.ingest.base import frame_name as named_frame
from geo.ingest.report import RowReport, row_numbers
from geo.ingest.values import is_blank, key_variants, norm_key, to_degrees
from geo.messages.notes import Listing, note
from geo.spatial.crs import ANALYSIS_CRS, ANALYSIS_CRS_ZONED, STORAGE_CRS, Frame, convert_geometries

_LON_NAMES = ("lon", "lng", "long", "longitude", "经度", "x", "东经", "gcj_lon", "bd_lon", "wgs_lon")


_LAT_NAMES = ("lat", "latitude", "纬度", "y", "北纬", "gcj_lat", "bd_lat", "wgs_lat")


def crs_string(crs) -> str | None:
    """``crs`` (a CRS, an EPSG code, WKT or a user's text) as ``EPSG:n`` when it has one, else its
    WKT; None for None.

    Raises
    ------
    DataValidationError
        ``ingest.unknown_crs`` when pyproj does not know ``crs`` (``EPSG:99999``, ``foo``).
    """
    if crs is None:
        return None
    try:
        crs = CRS.from_user_input(crs)
    except CRSError as exc:
        raise DataValidationError.of("ingest.unknown_crs", crs=str(crs)) from exc
    epsg = crs.to_epsg(min_confidence=70)
    return f"EPSG:{epsg}" if epsg else crs.to_wkt()


def _in_box(
    xmin: float, ymin: float, xmax: float, ymax: float, box: tuple[float, float, float, float]
) -> bool:
    return xmin >= box[0] and ymin >= box[1] and xmax <= box[2] and ymax <= box[3]


_CHINA_LONLAT = (73.0, 3.0, 136.0, 54.0)


_CHINA_LATLON = (3.0, 73.0, 54.0, 136.0)


_GK_CM120 = (250_000.0, 2_800_000.0, 750_000.0, 4_200_000.0)  # eastings/northings of the 120E zone


_GK_CM120_ZONED = (40_250_000.0, 2_800_000.0, 40_750_000.0, 4_200_000.0)


def suggest_crs(bounds: Sequence[float]) -> CrsSuggestion | None:
    """Propose a CRS from the value ranges ``(xmin, ymin, xmax, ymax)`` of data that does not say.

    Recognises lon/lat degrees over China, CGCS2000 3-degree Gauss-Kruger metres of the 120°E
    zone without (EPSG:4549) and with (EPSG:4528) the zone prefix ``40`` on the easting, and each
    of these with the two axes exchanged. Returns None when the values fit none of them.
    """
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
        return None
    checks = (
        (_CHINA_LONLAT, False, STORAGE_CRS, note("ingest.crs_reason.lonlat")),
        (_CHINA_LATLON, True, STORAGE_CRS, note("ingest.crs_reason.latlon")),
        (_GK_CM120, False, ANALYSIS_CRS, note("ingest.crs_reason.gk")),
        (_GK_CM120_ZONED, False, ANALYSIS_CRS_ZONED, note("ingest.crs_reason.gk_zoned")),
    )
    for box, swapped, crs, reason in checks:
        if _in_box(xmin, ymin, xmax, ymax, box):
            return CrsSuggestion(crs, reason, swapped)
    for box, _, crs, reason in checks[2:]:  # survey convention: X = northing first
        if _in_box(ymin, xmin, ymax, xmax, box):
            return CrsSuggestion(crs, note("ingest.crs_reason.xy_swapped", reason=reason), True)
    return None


def _swapped_rows(lon: pd.Series, lat: pd.Series) -> pd.Series:
    """Rows whose "longitude" looks like a Chinese latitude and "latitude" like a longitude."""
    return lon.between(*_CHINA_LATLON[0::2]) & lat.between(*_CHINA_LATLON[1::2])


def looks_swapped_lonlat(bounds: Sequence[float]) -> bool:
    xmin, ymin, xmax, ymax = bounds
    return _in_box(xmin, ymin, xmax, ymax, _CHINA_LATLON) and not _in_box(
        xmin, ymin, xmax, ymax, _CHINA_LONLAT
    )


def _swap_xy(geoms: np.ndarray) -> np.ndarray:
    return shapely.transform(geoms, lambda c: c[:, ::-1])


def km_outside_suzhou(geoms: gpd.GeoSeries) -> np.ndarray:
    """Approximate distance (km) of each geometry's centre from the Suzhou box; 0 inside."""
    pts = shapely.point_on_surface(geoms.values) if len(geoms) else geoms.values
    x = shapely.get_x(pts)
    y = shapely.get_y(pts)
    lon0, lat0, lon1, lat1 = SUZHOU_BOUNDS
    dx = np.clip(x, lon0, lon1) - x
    dy = np.clip(y, lat0, lat1) - y
    km = np.hypot(dx * 111.32 * np.cos(np.radians(np.clip(y, -89, 89))), dy * 110.57)
    return np.where(np.isfinite(km), km, np.inf)


def suggest_frame(columns: Sequence[str], filename: str = "") -> Frame:
    """Guess WGS-84 / GCJ-02 / BD-09 from column names and the file name (default WGS-84)."""
    text = " ".join([*map(str, columns), filename]).lower()
    if re.search(r"bd09|bd_|baidu|百度", text):
        return "bd09"
    if re.search(r"gcj|gaode|amap|高德|腾讯|tencent|火星", text):
        return "gcj02"
    return "wgs84"


def _named(columns: Sequence, names: Sequence[str]):
    """The first column whose normalised header is (or ends with, or contains) one of ``names``."""
    normed = {c: norm_header(c) for c in columns}
    for name in names:
        for col, n in normed.items():
            if n == name or n.endswith(name) or n.startswith(name + "度") or (len(name) > 2 and name in n):
                return col
    return None


def coordinate_columns_crossed(columns: Sequence, lon_col: str, lat_col: str) -> bool:
    """Whether the chosen longitude column is the one named as latitude, and the other way round
    (a table whose 经度/纬度 values are filled into each other's column)."""
    return _named(columns, _LON_NAMES) == lat_col and _named(columns, _LAT_NAMES) == lon_col


def suggest_coordinate_columns(frame: pd.DataFrame) -> tuple[str | None, str | None, bool]:
    """Longitude and latitude columns of a table by name, and whether their values look swapped."""
    lon, lat = _named(frame.columns, _LON_NAMES), _named(frame.columns, _LAT_NAMES)
    if lon is None or lat is None or lon == lat:
        return None, None, False
    x = to_degrees(frame[lon])
    y = to_degrees(frame[lat])
    ok = x.notna() & y.notna() & ~((x == 0) & (y == 0))
    swapped = bool((ok & _swapped_rows(x, y)).sum() > (ok & ~_swapped_rows(x, y)).sum())
    return (lat, lon, True) if swapped else (lon, lat, False)


def all_far(geoms: gpd.GeoSeries, crs: str) -> bool:
    """Whether every geometry, read in ``crs``, lies far outside Suzhou."""
    moved = gpd.GeoSeries(np.asarray(geoms.values, dtype=object), crs=crs).to_crs(
        STORAGE_CRS
    )  # impossible values become inf
    return bool(np.all(km_outside_suzhou(moved) > FAR_OUTSIDE_KM))


def table_points(
    frame: pd.DataFrame,
    lon_col: str,
    lat_col: str,
    frame_name: Frame,
    rownum: pd.Series,
    report: RowReport,
    *,
    level: str = "error",
) -> gpd.GeoDataFrame:
    """Points from a table's lon/lat columns; a row with unusable coordinates gets no point and a
    report line of ``level`` (``error``: dropped later; ``warning``: kept without location)."""
    missing = [c for c in (lon_col, lat_col) if c not in frame.columns]
    if missing:
        raise DataValidationError.of(
            "ingest.coordinate_columns_absent",
            missing=Listing(missing),
            columns=Listing(map(str, frame.columns)),
        )
    lon = to_degrees(frame[lon_col])
    lat = to_degrees(frame[lat_col])
    for col, values in ((lon_col, lon), (lat_col, lat)):
        bad = values.isna()
        report.add(
            row_numbers(rownum, bad),
            level,
            col,
            note("ingest.row.coordinate_not_number"),
            frame.loc[bad, col],
        )
    ok = lon.notna() & lat.notna()
    zero = ok & (lon == 0) & (lat == 0)
    report.add(
        row_numbers(rownum, zero),
        level,
        f"{lon_col}/{lat_col}",
        note("ingest.row.zero_zero"),
        ["0,0"] * int(zero.sum()),
    )
    ok &= ~zero
    swapped = ok & _swapped_rows(lon, lat)
    if swapped.sum() > (ok & ~swapped).sum():
        raise DataValidationError.of(
            "ingest.columns_swapped",
            lon_col=lon_col,
            lat_col=lat_col,
            lon=lon[ok].median(),
            lat=lat[ok].median(),
        )
    report.add(
        row_numbers(rownum, swapped),
        level,
        f"{lon_col}/{lat_col}",
        note("ingest.row.lonlat_swapped"),
        lon[swapped].astype(str) + "," + lat[swapped].astype(str),
    )
    ok &= ~swapped
    out_of_range = ok & ((lon.abs() > 180) | (lat.abs() > 90))
    report.add(
        row_numbers(rownum, out_of_range),
        level,
        f"{lon_col}/{lat_col}",
        note("ingest.row.out_of_range"),
        lon[out_of_range].astype(str) + "," + lat[out_of_range].astype(str),
    )
    ok &= ~out_of_range
    geoms = np.full(len(frame), None, dtype=object)
    geoms[ok.to_numpy()] = shapely.points(lon[ok].to_numpy(), lat[ok].to_numpy())
    if frame_name != "wgs84":
        geoms[ok.to_numpy()] = convert_geometries(geoms[ok.to_numpy()], src=frame_name, dst="wgs84")
    return gpd.GeoDataFrame(frame.copy(), geometry=geoms, crs=STORAGE_CRS)


def uncross_coordinate_columns(
    gdf: gpd.GeoDataFrame, lon_col: str, lat_col: str, rownum: pd.Series, report: RowReport
) -> gpd.GeoDataFrame:
    """Points taken from a table whose longitudes sit in the column named as latitude (and the other
    way round): a copy whose two columns have their contents exchanged, so each holds what its name
    says, as the geometry does; every row with a point is reported as repaired.

    A GIS user reads a column 「lon」 as longitude: leaving 30.96 in it beside a point at 120.6 would
    make the attributes contradict the geometry (and any re-import of an export go wrong).
    """
    out = gdf.copy()
    out[lon_col] = gdf[lat_col].to_numpy()
    out[lat_col] = gdf[lon_col].to_numpy()
    located = gdf.geometry.notna() & ~gdf.geometry.is_empty
    report.add(
        row_numbers(rownum, located),
        "repaired",
        f"{lat_col}/{lon_col}",
        note("ingest.row.columns_crossed", lat=lat_col, lon=lon_col),
        gdf.loc[located, lat_col].astype(str) + "," + gdf.loc[located, lon_col].astype(str),
    )
    return out


def table_join(
    frame: pd.DataFrame,
    join_col: str,
    zones: gpd.GeoDataFrame,
    zone_key: str,
    rownum: pd.Series,
    report: RowReport,
) -> gpd.GeoDataFrame:
    if join_col not in frame.columns:
        raise DataValidationError.of(
            "ingest.join_column_absent", column=join_col, columns=Listing(map(str, frame.columns))
        )
    if zone_key not in zones.columns:
        raise DataValidationError.of(
            "ingest.zone_field_absent", field=zone_key, fields=Listing(map(str, zones.columns))
        )
    zones = (
        zones.to_crs(STORAGE_CRS)
        if zones.crs is not None and not zones.crs.equals(CRS(STORAGE_CRS))
        else zones
    )
    lookup: dict[str, object] = {}
    ambiguous: set[str] = set()
    for key, geom in zip(zones[zone_key], zones.geometry, strict=True):
        for variant in key_variants(key):
            if variant in lookup and lookup[variant] is not geom:
                ambiguous.add(variant)
            lookup[variant] = geom
    geoms = np.full(len(frame), None, dtype=object)
    for i, value in enumerate(frame[join_col]):
        if is_blank(value):
            report.add([rownum.iloc[i]], "error", join_col, note("ingest.row.join_blank"), [""])
            continue
        key = norm_key(value)
        if key in lookup and key not in ambiguous:
            geoms[i] = lookup[key]
        elif key in ambiguous:
            report.add(
                [rownum.iloc[i]], "error", join_col, note("ingest.row.join_ambiguous", key=key), [value]
            )
        else:
            report.add(
                [rownum.iloc[i]],
                "error",
                join_col,
                note("ingest.row.join_not_found", field=zone_key, key=key),
                [value],
            )
    return gpd.GeoDataFrame(frame.copy(), geometry=geoms, crs=STORAGE_CRS)


# Half the Earth's circumference: no place on it is farther from Suzhou.
_FARTHEST_KM = 20_040


def _distance_text(km: float) -> str:
    """ "有约 1,234 km" away, or, for a distance no place on Earth has, that it is not a place."""
    if not on_earth(km):
        return "不在地球上的经纬度范围内（数值不像经纬度）"
    return f"有约 {km:,.0f} km"


def on_earth(km: float) -> bool:
    """Whether ``km`` is a distance some place on Earth has from Suzhou (else: not degrees)."""
    return bool(np.isfinite(km) and km <= _FARTHEST_KM)


def not_degrees(bounds: Sequence[float]) -> bool:
    """Whether values said to be degrees go beyond ±180 / ±90 (metres, most likely)."""
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
        return False
    return max(abs(xmin), abs(xmax)) > 180 or max(abs(ymin), abs(ymax)) > 90


def metres_not_degrees(geoms: gpd.GeoSeries, crs: str, filename: str) -> DataValidationError:
    """The message for a file in projected metres read as degrees (e.g. a GeoJSON without a CRS)."""
    xmin, ymin, xmax, ymax = geoms.total_bounds
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    guess = suggest_crs((xmin, ymin, xmax, ymax))
    if guess is not None and guess.crs == STORAGE_CRS:
        guess = None
    return DataValidationError.of(
        "ingest.metres_not_degrees" + guess_variant(guess),
        file=filename,
        x=cx,
        y=cy,
        crs=crs,
        **guess_params(guess),
    )


def guess_variant(guess: CrsSuggestion | None) -> str:
    """The suffix of a message key for a CRS suggestion: none, one, one with the axes exchanged."""
    return "" if guess is None else "_guess_swapped" if guess.swapped else "_guess"


def guess_params(guess: CrsSuggestion | None) -> dict[str, str]:
    """The parameters a message of :func:`guess_variant` names (the reason, the CRS suggested)."""
    return {} if guess is None else {"reason": guess.reason, "guess": guess.crs}


def to_storage(
    gdf: gpd.GeoDataFrame, crs: str, frame_name: Frame, swap: bool, filename: str
) -> gpd.GeoDataFrame:
    """Reproject (or shift, for GCJ-02/BD-09 degrees) into WGS-84, refusing implausible results."""
    source = CRS.from_user_input(crs)
    geoms = np.asarray(gdf.geometry.values, dtype=object).copy()  # plain shapely: the CRS is ours to set
    present = ~(gdf.geometry.isna() | gdf.geometry.is_empty).to_numpy()
    if swap:
        geoms[present] = _swap_xy(np.asarray(geoms[present], dtype=object))
    raw = gpd.GeoSeries(geoms, crs=source)
    bounds = raw[present].total_bounds if present.any() else [np.nan] * 4
    if source.is_geographic and not swap and looks_swapped_lonlat(bounds):
        raise DataValidationError.of(
            "ingest.axes_swapped",
            file=filename,
            west=bounds[0],
            south=bounds[1],
            east=bounds[2],
            north=bounds[3],
        )
    if source.is_geographic and not_degrees(bounds):
        raise metres_not_degrees(raw[present], crs, filename)
    out = raw.to_crs(STORAGE_CRS)
    if source.is_geographic and frame_name != "wgs84":
        out = gpd.GeoSeries(convert_geometries(out.values, src=frame_name, dst="wgs84"), crs=STORAGE_CRS)
    elif not source.is_geographic and frame_name != "wgs84":
        raise DataValidationError.of(
            "ingest.frame_needs_degrees", frame=named_frame(frame_name), file=filename, crs=crs
        )
    km = km_outside_suzhou(out[present]) if present.any() else np.array([])
    if km.size and np.all(km > FAR_OUTSIDE_KM):
        guess = suggest_crs(gpd.GeoSeries(gdf.geometry.values[present]).total_bounds)
        if guess is not None and guess.crs == crs_string(source) and guess.swapped == swap:
            guess = None
        nearest = float(np.min(km))
        key = "ingest.far_after_crs" if on_earth(nearest) else "ingest.off_earth_after_crs"
        raise DataValidationError.of(
            key + guess_variant(guess), crs=crs, n=int(present.sum()), km=nearest, **guess_params(guess)
        )
    result = gdf.copy()
    result[result.geometry.name] = out.values
    return result.set_geometry(result.geometry.name, crs=STORAGE_CRS)


def check_geometries(
    gdf: gpd.GeoDataFrame, rownum: pd.Series, report: RowReport, *, keep_missing: bool = False
) -> gpd.GeoDataFrame:
    """Repair invalid geometries; drop (or, with ``keep_missing``, keep and flag) missing ones."""
    geoms = gdf.geometry
    rows = rownum.loc[gdf.index]
    missing = (geoms.isna() | geoms.is_empty).to_numpy()
    already = report.rows_with("error") | report.rows_with("warning")
    for row in rows[missing]:
        if row not in already:
            if keep_missing:
                report.add([row], "warning", "geometry", note("ingest.row.no_location_kept"))
            else:
                report.add([row], "error", "geometry", note("ingest.row.no_geometry"))
    values = np.asarray(geoms.values, dtype=object).copy()
    present = ~missing
    invalid = present & ~shapely.is_valid(values)
    if invalid.any():
        reasons = shapely.is_valid_reason(values[invalid])
        kinds = shapely.get_type_id(values[invalid])
        repaired = shapely.make_valid(values[invalid])
        values[invalid] = [_keep_dimension(g, k) for g, k in zip(repaired, kinds, strict=True)]
        report.add(rows[invalid], "repaired", "geometry", note("ingest.row.geometry_repaired"), reasons)
    out = gdf.copy()
    out[out.geometry.name] = values
    out = out.set_geometry(out.geometry.name, crs=gdf.crs)
    still_empty = (out.geometry.isna() | out.geometry.is_empty).to_numpy() & present
    report.add(rows[still_empty], "error", "geometry", note("ingest.row.geometry_empty_after_repair"))
    return out.loc[~(still_empty if keep_missing else missing | still_empty)]


def _keep_dimension(geom, type_id: int):
    """After make_valid, keep only parts of the original dimension (a polygon stays polygonal)."""
    dim = {0: 0, 4: 0, 1: 1, 2: 1, 5: 1, 3: 2, 6: 2}.get(int(type_id), None)
    if dim is None or geom is None or shapely.get_type_id(geom) != 7:
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_dimensions(p) == dim]
    if not parts:
        return None
    return shapely.union_all(parts)


def flag_far(gdf: gpd.GeoDataFrame, rownum: pd.Series, report: RowReport) -> None:
    km = km_outside_suzhou(gdf.geometry)
    far = (km > FAR_OUTSIDE_KM) & gdf.geometry.notna().to_numpy()
    report.add(
        rownum.loc[gdf.index[far]],
        "warning",
        "geometry",
        note("ingest.row.far_from_suzhou"),
        [_distance_text(float(k)) for k in km[far]],
    )
