"""The official Chinese headers of standard columns, for exports a user reads beside their own file.

An imported enterprise (or parcel) table is stored under the atlas's standard names (``land_mu``,
``tax_wan_yuan``); its export gives the columns back under the headers of the official forms, with
units (``用地面积（亩）``, ``税收（万元）``), which the importer recognises again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pandas as pd

from geo.catalogue import CATALOGUE
from geo.ingest.base import FRAME_CODES
from geo.ingest.values import to_degrees
from geo.messages import Lang, message

# The column that tells which catalogue a table follows.
KIND_BY_ID = {"parcel_id": "parcels", "ent_id": "enterprises"}


def official_headers(columns: Iterable[object]) -> dict[str, str]:
    """Standard column -> official header (with unit) for the standard columns of a table.

    A table with ``parcel_id`` follows the parcels' catalogue, one with ``ent_id`` the enterprises';
    other tables (districts, zones, computed results) keep their names: {}. A header that is
    already a column, or that two columns would share, is left out (nothing is overwritten).

    Parameters
    ----------
    columns
        The table's column names.

    Returns
    -------
    dict
        ``{"land_mu": "用地面积（亩）", ...}`` for the columns present.
    """
    return catalogue_headers(columns, "zh")


def catalogue_headers(columns: Iterable[object], lang: Lang) -> dict[str, str]:
    """Standard column -> its header in ``lang`` from the column catalogue, for the standard columns
    of an enterprise or parcel table: in Chinese the official headers (:func:`official_headers`,
    what the GeoJSON download says), in English the catalogue's English labels. The CSV and XLSX of
    a map view head these columns so, whatever the map's tooltip calls them.

    Parameters
    ----------
    columns
        The table's column names.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    dict
        ``{"land_mu": "用地面积（亩）", ...}`` ({} for a table of another kind); a header that is
        already a column, or that two columns would share, is left out.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    names = [str(c) for c in columns]
    kind = next((KIND_BY_ID[c] for c in KIND_BY_ID if c in names), None)
    if kind is None:
        return {}
    present = set(names)
    wanted = {c.key: c.label(lang) for c in CATALOGUE[kind] if c.key in present}
    counts: dict[str, int] = {}
    for header in wanted.values():
        counts[header] = counts.get(header, 0) + 1
    return {k: h for k, h in wanted.items() if counts[h] == 1 and h not in present}


# Columns of the map layers no other catalogue names (ids, seats, measures): exports.column.<name>.
COMMON_COLUMNS = (
    "zone_id",
    "town_id",
    "park_id",
    "district_id",
    "adcode",
    "name",
    "short_name",
    "level",
    "county",
    "town",
    "industries",
    "radius_km",
    "seat_lon",
    "seat_lat",
    "lon",
    "lat",
    "area_km2",
    "area_mu",
    "length_km",
    "corridor_id",
    "kind",
    "description",
    "key_industries",
    "half_width_km",
    "mark",
    "renewal_status",
    "flag",
)


@cache
def column_labels(lang: Lang) -> dict[str, str]:
    """Atlas column name -> the header a person reads in ``lang``, for the tables of a map view's
    CSV and XLSX: the column catalogue's (geo/catalogue.yaml: enterprises, parcels), the
    evaluation's labels, the parcels' results and the map layers' common columns (``zone_id`` ->
    区域编号 / Zone ID); a column none of them names keeps its name.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    dict
        ``{"tax_per_mu_wan_yuan": "Tax per mu (10k yuan/mu)", ...}``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    # here, not at the top: geo.exports is read before the evaluation and the parcels are
    from geo.evaluation import EVALUATION_LABELS, EVALUATION_LABELS_EN
    from geo.land.parcels import RESULT_LABELS, RESULT_LABELS_EN

    english = lang == "en"
    return {
        **{c.key: c.label(lang) for kind in ("enterprises", "parcels") for c in CATALOGUE[kind]},
        **(EVALUATION_LABELS_EN if english else EVALUATION_LABELS),
        **(RESULT_LABELS_EN if english else RESULT_LABELS),
        **{c: message(f"exports.column.{c}", lang) for c in COMMON_COLUMNS},
    }


# A table's own coordinate columns kept beside the geometry after an import from GCJ-02 or BD-09,
# renamed with the frame they are in (geo/ingest/upload.py: 经度 -> 经度_GCJ02, lng -> lng_BD09).
_SOURCE_COORDINATE = re.compile(r"^(?P<base>.+)_(?P<frame>GCJ02|BD09)$", re.IGNORECASE)
_LON_WORD = re.compile(r"经|^x$|lon|lng", re.IGNORECASE)
_LAT_WORD = re.compile(r"纬|^y$|lat", re.IGNORECASE)


def source_coordinate_headers(columns: Iterable[object], lang: Lang) -> dict[str, str]:
    """Header in ``lang`` of each coordinate column an import kept in its source frame
    (``经度_GCJ02`` -> 经度（GCJ-02） / Longitude (GCJ-02)); other columns are not in the result.

    Parameters
    ----------
    columns
        The table's column names.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    dict
        ``{"经度_GCJ02": "Longitude (GCJ-02)", ...}``; a header that is already a column, or that
        two columns would share, is left out.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    names = [str(c) for c in columns]
    wanted: dict[str, str] = {}
    for name in names:
        found = _SOURCE_COORDINATE.match(name)
        if found is None:
            continue
        base, frame = found.group("base").strip(), FRAME_CODES[found.group("frame").lower()]
        axis = "lat" if _LAT_WORD.search(base) else "lon" if _LON_WORD.search(base) else None
        if axis is not None:
            wanted[name] = message(f"exports.column.source_{axis}", lang, frame=frame)
    counts: dict[str, int] = {}
    for header in wanted.values():
        counts[header] = counts.get(header, 0) + 1
    present = set(names)
    return {k: h for k, h in wanted.items() if counts[h] == 1 and h not in present}


# A table's own longitude/latitude columns, by name (经度, 纬度（WGS84）, lon, lng, Longitude, x, y):
# an import from WGS-84 keeps them beside the geometry, whose position the export writes as lon/lat.
_OWN_LON = re.compile(r"^(?:lon|lng|long|longitude|wgs_?(?:84_?)?lon)$|经度|longitude", re.IGNORECASE)
_OWN_LAT = re.compile(r"^(?:lat|latitude|wgs_?(?:84_?)?lat)$|纬度|latitude", re.IGNORECASE)
_OWN_XY = {"x": "lon", "y": "lat"}
# How far (degrees, about 0.1 m) a file's own coordinate may lie from the stored position and still
# be the same one (a file's 6 decimals, the store's 9).
SAME_POSITION_DEGREES = 1e-6


def own_coordinate_columns(table: pd.DataFrame, lang: Lang) -> tuple[list[str], dict[str, str]]:
    """A point table's own longitude and latitude columns beside its standard ``lon``/``lat`` (the
    stored WGS-84 position): those that give the same position on every row (a WGS-84 file's 经度 and
    纬度, kept at import), which an export leaves out so that one pair of coordinates is written;
    and those that do not, with a header in ``lang`` saying they are the file's values
    (经度（原文件值） / Longitude (as in the file)), never a second 经度 that disagrees with the first.
    A column an import marked as in GCJ-02 or BD-09 (``经度_GCJ02``, :func:`source_coordinate_headers`)
    is not one of them; a column named ``x`` or ``y`` is left out when it gives the position, and
    kept as it is when it does not (a survey's eastings).

    Parameters
    ----------
    table
        The table with ``lon`` and ``lat`` (none: nothing found).
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    tuple
        ``(columns giving the stored position, {column: header} of those that do not)``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    if "lon" not in table.columns or "lat" not in table.columns:
        return [], {}
    same: list[str] = []
    differ: dict[str, str] = {}
    for col in table.columns:
        name = str(col).strip()
        if col in ("lon", "lat") or _SOURCE_COORDINATE.match(name):
            continue
        xy = _OWN_XY.get(name.lower())
        axis = xy or ("lat" if _OWN_LAT.search(name) else "lon" if _OWN_LON.search(name) else None)
        if axis is None:
            continue
        given = table[col]
        degrees = pd.to_numeric(to_degrees(given.astype(object)), errors="coerce")
        stored = pd.to_numeric(table[axis], errors="coerce")
        agrees = (degrees - stored).abs() <= SAME_POSITION_DEGREES
        written = given.notna() & (given.astype(str).str.strip() != "")
        if (agrees | ~written).all():
            same.append(col)
        elif xy is None:
            differ[col] = message(f"exports.column.file_{axis}", lang)
    return same, differ
