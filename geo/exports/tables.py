"""Exports as bytes in memory: GeoJSON (RFC 7946), CSV, XLSX and GeoPackage, with provenance in each.

Nothing is written to disk: every function returns ``bytes`` for ``st.download_button`` or the
command line. The briefing PNG is :mod:`geo.exports.briefing`; :func:`geo.exports.downloads.build_downloads`
assembles the downloads of one map view made from its frames, and
:func:`layers.offline_html.map_downloads` adds its GeoJSON, read from the map's layers.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import tempfile
from collections.abc import Mapping
from datetime import date, datetime
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo.errors import DataValidationError
from geo.exports.cells import csv_text_bytes
from geo.exports.filenames import safe_filename
from geo.exports.headers import official_headers
from geo.exports.sheets import sheet_names
from geo.exports.streamed import StreamedSheet, new_workbook, workbook_bytes
from geo.messages import Lang, joined, message, t
from geo.messages.formats import beijing_today
from geo.number_formats import number_format, rounded_to_format
from geo.spatial.crs import ANALYSIS_CRS, STORAGE_CRS
from geo.spatial.measure import M2_PER_KM2, M2_PER_MU
from geo.storage.provenance import Provenance, accuracy_label, licence_label, source_label
from geo.storage.styles import (
    StyleClass,
    StyleDoc,
    gpkg_creation_options,
    gpkg_describe,
    qml_document,
    sld_document,
    write_gpkg_styles,
)

GEOJSON_COORD_DECIMALS = 8  # 1e-8° ≈ 1 mm; RFC 7946 §11.2 allows trimming, round trips need < 1e-7°

# The atlas's own measures of a shape (面积（km²）, 示意面积（km²）, 面积（亩）, 长度（km）: measured in
# EPSG:4549, never a user's value) by key and by header in either language: a workbook writes them
# rounded to the decimals shown, as the CSV does (walk 14: 2.0098 and 407.996 under #,##0.00 while
# the CSV wrote 2.01); every other number is written as it came, its format deciding what is shown.
MEASURED = re.compile(
    r"^(area_km2|area_mu|length_km|(示意)?面积（(km²|亩)(，按边界计算)?）|长度（km(，按线计算)?）"
    r"|(Schematic a|A)rea \((km²|mu)(, from the boundary)?\)|Length \(km(, along the line)?\))$"
)


# --------------------------------------------------------------------------------------------
# helpers


def check_frames(frames: Mapping[str, gpd.GeoDataFrame]) -> None:
    if not frames:
        raise DataValidationError.of("exports.no_layers_on_map")
    for name, frame in frames.items():
        if not isinstance(frame, gpd.GeoDataFrame):
            raise DataValidationError.of("exports.not_geographic", name=name)
        if frame.crs is None:
            raise DataValidationError.of("exports.no_crs", name=name)


def export_date(when: date | datetime | None) -> str:
    """The day a file is dated: ``when``, else today in Suzhou (Beijing time, as every date the
    atlas writes for people)."""
    return (beijing_today() if when is None else when).strftime("%Y-%m-%d")


def _jsonable(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        if math.isnan(value) or math.isinf(value):
            return None
        # a whole number is written as one (72, not 72.0): QGIS then reads a count as an integer
        return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def _one_type_per_family(geoms: np.ndarray, multi_families: set[str]) -> np.ndarray:
    """Polygons as MultiPolygons (lines, points alike) in a family that has any multi-part
    geometry, so that a file holds one geometry type (QGIS and ogrinfo: MultiPolygon, not
    "Unknown (any)")."""
    out = geoms.copy()
    for i, geom in enumerate(geoms):
        family = GEOMETRY_FAMILIES.get(geom.geom_type) if geom is not None else None
        if family in multi_families and not geom.geom_type.startswith("Multi"):
            out[i] = _MULTI[family]([geom])
    return out


def _round_coords(geom, decimals: int):
    return shapely.set_precision(geom, 10**-decimals, mode="pointwise") if geom is not None else None


def with_measures(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Copy with area (``area_km2``, ``area_mu``) of polygons and length (``length_km``) of lines.

    Measured in EPSG:4549 (metres); columns already present are kept as they are. Points get
    no measure columns; rows of other kinds get NaN.
    """
    out = gdf.copy()
    projected = gdf.geometry.to_crs(ANALYSIS_CRS)
    types = gdf.geom_type
    polygonal = types.isin(["Polygon", "MultiPolygon"])
    linear = types.isin(["LineString", "MultiLineString"])
    if polygonal.any():
        area = projected.area.where(polygonal)
        if "area_km2" not in out:
            out["area_km2"] = (area / M2_PER_KM2).round(4)
        if "area_mu" not in out:
            out["area_mu"] = (area / M2_PER_MU).round(2)
    if linear.any() and "length_km" not in out:
        out["length_km"] = (projected.length.where(linear) / 1000).round(3)
    return out


# --------------------------------------------------------------------------------------------
# GeoJSON / CSV / XLSX


def geojson_bytes(
    frames: Mapping[str, gpd.GeoDataFrame],
    provenance: Mapping[str, Provenance] | None = None,
    *,
    title: str = "",
    when: date | datetime | None = None,
    measures: bool = True,
    headers: Literal["standard", "official"] = "standard",
    lang: Lang | None = None,
) -> bytes:
    """One RFC 7946 FeatureCollection (WGS-84 lon/lat, no ``crs`` member) of the given frames.

    Each feature carries its attributes, area/length metrics (see :func:`with_measures`) and the
    provenance properties ``layer``, ``data_source``, ``data_accuracy`` and ``exported``. With
    ``lang`` (a download from the pages, read by a person beside its CSV and XLSX), these four are
    headed in that language as the CSV and the XLSX head them (图层, 数据来源, 数据精度, 导出日期 /
    Layer, Data source, Data accuracy, Exported), the accuracy in words and a built-in layer's source
    cited in that language (:func:`provenance_columns`), and the numbers are rounded as the page and
    the CSV show them (:func:`rounded_to_format`; an import's own numbers as they came,
    :data:`NUMBERS_AS_CAME`). They stay properties of each feature, not members
    of the collection: QGIS and GDAL read a feature's properties as the layer's fields and drop
    foreign members, and the CSV and XLSX carry them on every row too.
    Polygon rings follow the right-hand rule; coordinates keep 8 decimals (about 1 mm); whole
    numbers are written as integers (72, not 72.0); a column with no value in any feature is left
    out and named in the collection's ``atlas_empty_columns`` (GeoJSON has no column types: GDAL and
    QGIS would read a column of nulls as text, a number column as String); polygons beside
    multipolygons are written as multipolygons (lines, points alike), so a file of one family has
    one geometry type.

    ``headers="official"`` names the standard columns of enterprise and parcel tables by the
    official forms' headers with units (``用地面积（亩）``, not ``land_mu``;
    :func:`geo.exports.headers.official_headers`); the collection's ``atlas_columns`` member
    then lists each header with the atlas's name for it.
    """
    check_frames(frames)
    if headers not in ("standard", "official"):
        raise ValueError(f"headers must be 'standard' or 'official', got {headers!r}")
    if lang not in (None, "zh", "en"):
        raise ValueError(f"lang must be None, 'zh' or 'en', got {lang!r}")
    provenance = provenance or {}
    exported = export_date(when)
    layer_key = "layer" if lang is None else message("exports.column.layer", lang)
    exported_key = "exported" if lang is None else message("exports.about.exported", lang)
    features = []
    renamed: dict[str, str] = {}
    multi_families = {
        GEOMETRY_FAMILIES[kind]
        for frame in frames.values()
        for kind in frame.geom_type.dropna().unique()
        if kind.startswith("Multi") and kind in GEOMETRY_FAMILIES
    }
    for name, frame in frames.items():
        prov = provenance.get(name)
        data = with_measures(frame) if measures else frame
        data = data.to_crs(STORAGE_CRS)
        if headers == "official":
            official = official_headers(c for c in data.columns if c != data.geometry.name)
            data = data.rename(columns=official)
            renamed.update({header: key for key, header in official.items()})
        geoms = shapely.orient_polygons(np.asarray(data.geometry.values, dtype=object), exterior_cw=False)
        geoms = _one_type_per_family(geoms, multi_families)
        columns = [c for c in data.columns if c != data.geometry.name]
        attributes = pd.DataFrame(data[columns])
        if lang is not None:  # rounded as the CSV: a user's own numbers as they came
            attributes = _rounded_but(attributes, _as_came(frame))
        records = attributes.astype(object).to_dict(orient="records")
        about = {
            layer_key: name,
            **provenance_columns(prov, lang),
            exported_key: exported,
        }
        for geom, record in zip(geoms, records, strict=True):
            properties = {str(k): _jsonable(v) for k, v in record.items()}
            properties.update(about)
            shape = (
                None
                if geom is None or geom.is_empty
                else json.loads(shapely.to_geojson(_round_coords(geom, GEOJSON_COORD_DECIMALS)))
            )
            features.append({"type": "Feature", "properties": properties, "geometry": shape})
    # a column no feature has a value for is left out: GeoJSON carries no column types, and GDAL
    # and QGIS read a column of nulls as text (工业增加值 as String); the collection names it
    filled = {k for f in features for k, v in f["properties"].items() if v is not None}
    empty = list(dict.fromkeys(k for f in features for k in f["properties"] if k not in filled))
    for f in features:
        f["properties"] = {k: v for k, v in f["properties"].items() if k in filled}
    collection = {
        "type": "FeatureCollection",
        "name": title or "atlas",
        "features": features,
    }
    if renamed:
        collection["atlas_columns"] = renamed
    if empty:
        collection["atlas_empty_columns"] = empty
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# A table's ``attrs`` key: its columns of a user's own numbers (an imported layer's: 面积亩, 用地面积),
# which a CSV writes as they came (3014.7, not 3014.70), as the workbook stores them.
NUMBERS_AS_CAME = "numbers_as_came"


def own_numbers(table: pd.DataFrame) -> list[str]:
    """The number columns of ``table`` but the atlas's measures of its shapes (:data:`MEASURED`):
    an imported layer's own numbers."""
    return [
        str(c) for c in table.columns if pd.api.types.is_float_dtype(table[c]) and not MEASURED.match(str(c))
    ]


def _as_came(frame: pd.DataFrame) -> list[str]:
    return list(frame.attrs.get(NUMBERS_AS_CAME, ()))


def _rounded_but(frame: pd.DataFrame, as_came: list[str]) -> pd.DataFrame:
    """:func:`rounded_to_format`, the columns ``as_came`` left as they came."""
    out = rounded_to_format(frame)
    for col in (c for c in as_came if c in frame.columns):
        out[col] = without_float_noise(frame[col])
    return out


def measures_as_shown(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the atlas's measures of its shapes (:data:`MEASURED`) rounded to the decimals
    shown, so that a workbook's cell holds what it shows (2.01, not 2.0098 under ``#,##0.00``); the
    other numbers as they came, without arithmetic's noise (:func:`without_float_noise`). ``table``
    is left unchanged."""
    out = table.copy()
    for i, col in enumerate(out.columns):
        values = out.iloc[:, i]
        fmt = number_format(col, values)
        if MEASURED.match(str(col)) and fmt is not None and pd.api.types.is_float_dtype(values):
            out.isetitem(i, values.round(fmt.decimals))
        elif fmt is not None and pd.api.types.is_float_dtype(values):  # a user's number, as it came
            out.isetitem(i, without_float_noise(values))
    return out


FAITHFUL_DIGITS = 15  # a double holds any decimal of this many significant digits exactly as typed


def without_float_noise(values: pd.Series) -> pd.Series:
    """``values`` (floats) to :data:`FAITHFUL_DIGITS` significant digits: what arithmetic left past
    them is gone (an import's 58,130 m² is 87.195 亩, not ``87.19500000000001``: walk17, a workbook
    cell holding what its format hid), a number as typed is kept whole (``80.6025``, ``12.345678``)."""
    if not pd.api.types.is_float_dtype(values):
        return values
    numbers = values.to_numpy(dtype=float, na_value=np.nan, copy=True)
    finite = np.isfinite(numbers)
    numbers[finite] = [float(f"{v:.{FAITHFUL_DIGITS}g}") for v in numbers[finite].tolist()]
    return pd.Series(numbers, index=values.index, name=values.name, dtype=values.dtype)


def table_for_export(frame: pd.DataFrame, *, lonlat: bool = True) -> pd.DataFrame:
    """Attributes without the geometry column; points gain ``lon``/``lat`` (WGS-84 degrees)."""
    if not isinstance(frame, gpd.GeoDataFrame):
        return pd.DataFrame(frame).copy()
    out = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    if lonlat and len(frame) and frame.geom_type.isin(["Point"]).all():
        pts = frame.geometry.to_crs(STORAGE_CRS)
        out["lon"] = pts.x.round(9)
        out["lat"] = pts.y.round(9)
    return out


def yes_no_in_words(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A copy whose yes/no columns (bool, nullable boolean, or object holding only booleans) are
    written 是/否 or Yes/No as ``lang`` reads them, blanks left blank; other columns as they are.
    The importer reads both back (:func:`geo.catalogue.parse_yes_no`).

    Parameters
    ----------
    frame
        A table as a person reads it (a map view's CSV or XLSX).
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    pandas.DataFrame
        The copy.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    words = {True: message("exports.value.yes", lang), False: message("exports.value.no", lang)}
    out = pd.DataFrame(frame).copy()
    for i in range(out.shape[1]):
        values = out.iloc[:, i]
        known = values.dropna()
        if pd.api.types.is_bool_dtype(values) or (
            values.dtype == object
            and len(known)
            and known.map(lambda v: isinstance(v, bool | np.bool_)).all()
        ):
            written = [words[bool(v)] if v is not None and not pd.isna(v) else None for v in values]
            out.isetitem(i, pd.Series(written, index=out.index, dtype=object))
    return out


def provenance_columns(provenance: Provenance | None, lang: Lang | None = None) -> dict[str, object]:
    """The two columns a table's rows carry about their data: ``data_source`` and ``data_accuracy``
    (``lang`` None, the command line's), or their headers in ``lang`` (数据来源 / Data source, 精度
    / Accuracy) with the accuracy in words of that language (示意 / schematic) and a built-in layer's
    source cited in that language (:func:`geo.storage.provenance.source_label`)."""
    source = provenance.source if provenance is not None else None
    accuracy = provenance.accuracy if provenance is not None else None
    if lang is None:
        return {"data_source": source, "data_accuracy": accuracy}
    return {
        message("exports.column.data_source", lang): source_label(source, lang) if source else source,
        message("exports.column.data_accuracy", lang): accuracy_label(accuracy, lang) if accuracy else None,
    }


def csv_bytes(
    frame: pd.DataFrame, provenance: Provenance | None = None, *, lang: Lang | None = None
) -> bytes:
    """CSV in UTF-8 with BOM (Excel opens Chinese correctly); points get lon/lat columns.

    With ``provenance``, the columns ``data_source`` and ``data_accuracy`` are appended. With
    ``lang`` (a download from the pages, read by a person), they are headed in that language
    (:func:`provenance_columns`) and the numbers are rounded and written as the page shows them
    (:func:`rounded_to_format`: ``12.35``, not ``12.345678``; ``2.20``, not ``2.2``), but an import's
    own numbers (:data:`NUMBERS_AS_CAME`), written as they came (``3014.7``); without it (the
    command line's data files), names and values are the atlas's own. Text that a spreadsheet would take for a
    formula is written with a leading ``'`` (:mod:`geo.exports.cells`).
    """
    if lang not in (None, "zh", "en"):
        raise ValueError(f"lang must be None, 'zh' or 'en', got {lang!r}")
    out = table_for_export(frame)
    if provenance is not None:
        for name, value in provenance_columns(provenance, lang).items():
            out[name] = value
    as_came = _as_came(frame)
    if lang is not None:
        out = _rounded_but(out, as_came)
    return csv_text_bytes(out, as_shown=lang is not None, as_came=as_came)


def _layer_column(tables: Mapping[str, pd.DataFrame]) -> str:
    taken = {str(c) for table in tables.values() for c in table.columns}
    return "layer" if "layer" not in taken else "atlas_layer"


def layers_csv_bytes(
    frames: Mapping[str, pd.DataFrame],
    provenance: Mapping[str, Provenance] | None = None,
    *,
    lang: Lang | None = None,
) -> bytes:
    """Several layers in one CSV: a first column ``layer`` (the layer's title; ``atlas_layer`` when
    the data has a ``layer`` of its own), then the union of their columns in order of appearance.

    A column a layer lacks is blank in its rows; whole numbers stay whole (72, not 72.0) and points
    get lon/lat as in :func:`csv_bytes`, with ``data_source`` and ``data_accuracy`` per row. One
    layer gives exactly :func:`csv_bytes`. With ``lang`` (a download from the pages), the layer,
    source and accuracy columns are headed in that language and the numbers rounded as shown, as
    :func:`csv_bytes` does.
    """
    if not frames:
        raise DataValidationError.of("exports.no_layers")
    if lang not in (None, "zh", "en"):
        raise ValueError(f"lang must be None, 'zh' or 'en', got {lang!r}")
    provenance = provenance or {}
    if len(frames) == 1:
        ((name, frame),) = frames.items()
        return csv_bytes(frame, provenance.get(name), lang=lang)
    tables = {}
    for name, frame in frames.items():
        table = table_for_export(frame)
        for col in table.columns:  # a blank in another layer's rows must not turn 72 into 72.0
            if pd.api.types.is_integer_dtype(table[col]) and not pd.api.types.is_bool_dtype(table[col]):
                table[col] = table[col].astype("Int64")
        for col, value in provenance_columns(provenance.get(name), lang).items():
            table[col] = value
        tables[name] = table
    key = _layer_column(tables) if lang is None else message("exports.column.layer", lang)
    out = pd.concat(
        [table.assign(**{key: name}) for name, table in tables.items()], ignore_index=True, sort=False
    )
    out = out[[key, *[c for c in out.columns if c != key]]]
    as_came = [c for frame in frames.values() for c in _as_came(frame)]
    if lang is not None:
        out = _rounded_but(out, as_came)
    return csv_text_bytes(out, as_shown=lang is not None, as_came=as_came)


# Geometry types by family: one GeoJSON file (one QGIS layer) per family.
GEOMETRY_FAMILIES = {
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
    "LineString": "line",
    "MultiLineString": "line",
    "Point": "point",
    "MultiPoint": "point",
}

# The multi-part type of each family (a family with any multi-part geometry is written as that).
_MULTI = {"polygon": shapely.MultiPolygon, "line": shapely.MultiLineString, "point": shapely.MultiPoint}


def split_by_geometry(frames: Mapping[str, gpd.GeoDataFrame]) -> dict[str, dict[str, gpd.GeoDataFrame]]:
    """``{"polygon" | "line" | "point": {layer title: its rows of that family}}``, in that order.

    Rows without a geometry go with their layer's most common family; a layer of mixed families
    (a GeometryCollection aside, which goes with polygons) is split row by row.
    """
    check_frames(frames)
    out: dict[str, dict[str, gpd.GeoDataFrame]] = {"polygon": {}, "line": {}, "point": {}}
    for name, frame in frames.items():
        family = frame.geom_type.map(GEOMETRY_FAMILIES)
        family = family.where(frame.geom_type.isna() | family.notna(), "polygon")
        common = family.mode()
        family = family.fillna(common.iloc[0] if len(common) else "polygon")
        for kind in out:
            rows = frame[(family == kind).to_numpy()]
            if len(rows):
                out[kind][name] = rows
    return {kind: layers for kind, layers in out.items() if layers}


def geojson_layer_files(
    stem: str,
    frames: Mapping[str, gpd.GeoDataFrame],
    provenance: Mapping[str, Provenance] | None = None,
    *,
    when: date | datetime | None = None,
    measures: bool = True,
    lang: Lang | None = None,
) -> dict[str, bytes]:
    """The GeoJSON files of the layers ``frames`` (by title), by file name, as the data page's 导出
    and ``geo.cli export`` write them: one FeatureCollection per layer, ``<stem>_<layer>.geojson``
    (the layer's title as a file name, :func:`geo.exports.filenames.safe_filename`), holding that
    layer's columns only; a layer of mixed geometry types is a file per type
    (``<stem>_<layer>_polygon.geojson``, ``_line``, ``_point``), so that QGIS opens each file as one
    layer. A single layer of one type is ``<stem>.geojson``. A layer with no feature is left out
    (unless every one is empty: then the first is written). ``when``, ``measures``, ``lang``: see
    :func:`geojson_bytes`; each collection is named by its layer's title (``<title> (point)`` …).
    """
    kept = {name: frame for name, frame in frames.items() if len(frame)} or dict(list(frames.items())[:1])
    out: dict[str, bytes] = {}
    options = {"when": when, "measures": measures, "lang": lang}
    for name, frame in kept.items():
        provs = {name: provenance[name]} if provenance and name in provenance else None
        kinds = split_by_geometry({name: frame})
        layer_stem = f"{stem}_{safe_filename(name)}"
        if len(kinds) <= 1:
            data = geojson_bytes({name: frame}, provs, title=name, **options)
            if len(kept) == 1:
                return {f"{stem}.geojson": data}
            out[f"{layer_stem}.geojson"] = data
            continue
        for kind, layers in kinds.items():
            out[f"{layer_stem}_{kind}.geojson"] = geojson_bytes(
                layers, provs, title=f"{name} ({kind})", **options
            )
    return out


def _column_widths(table: pd.DataFrame) -> dict[str, float]:
    """Column letter -> width from the header and the first 200 values (8 to 50 characters)."""
    from openpyxl.utils import get_column_letter

    widths = {}
    for i, col in enumerate(table.columns, start=1):
        width = max([len(str(col))] + [len(str(v)) for v in table[col].head(200)]) + 2
        widths[get_column_letter(i)] = min(max(width * 1.3, 8), 50)
    return widths


def crs_words(columns: list[str], lang: Lang = "zh") -> str:
    """The 说明 sheet's coordinate system, naming the WGS-84 coordinate columns as the workbook
    names them (``经度、纬度``, ``经度（WGS-84）``, ``lon``, ``lat``); the system alone when it has none."""
    keys = ("exports.column.lon", "exports.column.lat", "exports.header.lon", "exports.header.lat")
    candidates = ("lon", "lat", *(message(k, lang) for k in keys))
    present = set(columns)
    names = [c for c in candidates if c in present]
    if not names:
        return message("exports.about.crs_plain", lang)
    words = " and ".join(names) if lang == "en" and len(names) == 2 else joined(names, lang)
    if lang != "en" and names[-1][-1].isascii():  # "lon、lat 为…", "纬度（WGS-84）为…"
        words += " " if names[-1][-1].isalnum() else ""
    return message("exports.about.crs_value", lang, columns=words)


def xlsx_bytes(
    tables: Mapping[str, pd.DataFrame],
    provenance: Mapping[str, Provenance] | None = None,
    *,
    title: str = "",
    lang: Lang = "zh",
    when: date | datetime | None = None,
    sheets: Mapping[str, str] | None = None,
) -> bytes:
    """A workbook with one sheet per table (points gain lon/lat) and a sheet on sources and units.

    ``sheets``: a shorter name for a table's sheet (a layer's :meth:`layers.base.Layer.sheet_title`),
    default its title; a sheet named otherwise than its table has that table's whole title on the
    sources sheet.

    Each table's sheet has its header bold and frozen, and each number column its measure's number
    format (:mod:`geo.number_formats`); the values stay exact. Written as SpreadsheetML text
    (:mod:`geo.exports.streamed`): the demo's 16,766 enterprises and 17,695 parcels took 11.7 s of
    CPU through pandas and openpyxl (``python -m bench.bench_tables_xlsx``).

    Every text cell (names and titles included) is a string cell, never a formula: text starting
    with ``=``, ``+``, ``-``, ``@``, tab or CR is written as it is, in a format with the quote prefix
    (:mod:`geo.exports.spreadsheetml`: Excel shows it as text, without an apostrophe).
    """
    if not tables:
        raise DataValidationError.of("exports.no_tables")
    provenance = provenance or {}
    about_name = message("exports.about.sheet", lang)
    # at most 31 characters, never cut inside a word; a shortened title is listed whole below
    short = [(sheets or {}).get(name) or name for name in tables]
    sheets = dict(zip(tables, sheet_names(short, lang=lang, taken=[about_name]), strict=True))
    wb = new_workbook()
    written_columns: list[str] = []
    for name, frame in tables.items():
        table = measures_as_shown(table_for_export(frame))
        written_columns.extend(map(str, table.columns))
        for col in table.columns:  # Excel has no time zones
            if isinstance(table[col].dtype, pd.DatetimeTZDtype):
                table[col] = table[col].dt.tz_localize(None)
        ws = StreamedSheet(wb, sheets[name], widths=_column_widths(table), header_row=1)
        ws.header(*table.columns)
        ws.frame(table, list(table.columns), exact=True)
    rows = [
        (message("exports.about.title", lang), title),
        (message("exports.about.exported", lang), export_date(when)),
        (message("exports.about.crs", lang), crs_words(written_columns, lang)),
        (message("exports.about.units", lang), message("exports.about.units_value", lang)),
        (message("exports.about.decimals", lang), message("exports.about.decimals_value", lang)),
        (message("exports.about.disclaimer", lang), t("app.disclaimer", lang)),
    ]
    rows.extend(
        (message("exports.about.sheet_title", lang, sheet=sheet), name)
        for name, sheet in sheets.items()
        if sheet != name
    )
    for name in tables:
        prov = provenance.get(name)
        if prov is not None:
            licence = getattr(prov, "licence", "")
            said = f"{accuracy_label(prov.accuracy, lang)} · {source_label(prov.source, lang)}"
            rows.append((name, said + (f" · {licence_label(licence, lang)}" if licence else "")))
    about = StreamedSheet(wb, about_name, widths={"A": 24, "B": 100}, header_row=1)
    about.header(message("exports.about.item", lang), message("exports.about.value", lang))
    for row in rows:
        about.text(*row)
    return workbook_bytes(wb)


MIME_TYPES = {
    "geojson": "application/geo+json",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "html": "text/html",
}


# --------------------------------------------------------------------------------------------
# GeoPackage: one table per layer (and geometry family), titled, described and styled for QGIS

_FAMILY_ZH = {"polygon": "面", "line": "线", "point": "点"}
GPKG_FAMILY_COLORS = {"polygon": "#5b6b7f", "line": "#d95f02", "point": "#c51b7d"}


def _gpkg_description(prov: Provenance | None, exported: str) -> str:
    if prov is None:
        return f"苏州产业布局一张图导出，{exported}"
    parts = [
        f"来源：{prov.source}" if prov.source else "",
        f"精度：{accuracy_label(prov.accuracy, 'zh')}" if prov.accuracy else "",
        f"许可：{prov.licence}" if prov.licence else "",
        prov.note,
        f"导出：{exported}",
    ]
    return "；".join(p for p in parts if p)


def gpkg_bytes(
    frames: Mapping[str, gpd.GeoDataFrame],
    provenance: Mapping[str, Provenance] | None = None,
    *,
    colors: Mapping[str, str] | None = None,
    tables: Mapping[str, str] | None = None,
    when: date | datetime | None = None,
) -> bytes:
    """A GeoPackage of the frames (WGS-84) as QGIS should open it: one table per layer and geometry
    family, named by the layer (``tables``: title -> its stored name, e.g. ``districts``; else
    ``layer_1`` …; ``districts_point`` for a family split off), each listed under its title with its
    provenance as description (``gpkg_contents``) and a default style in the layer's legend colour
    (``colors``: title -> ``#rrggbb``; else one colour per family) in ``layer_styles``.

    Raises
    ------
    DataValidationError
        When there is no layer, one is not geographic or has no CRS.
    """
    families = split_by_geometry(frames)
    exported = export_date(when)
    colors = colors or {}
    provenance = provenance or {}
    given = tables or {}
    names: dict[str, str] = {}
    for i, title in enumerate(frames, start=1):
        base = str(given.get(title) or f"layer_{i}")
        name, n = base, 2
        while name.lower() in {v.lower() for v in names.values()}:
            name, n = f"{base}_{n}", n + 1
        names[title] = name
    mixed = {t for t in frames if sum(t in layers for layers in families.values()) > 1}
    tables = []
    for kind, layers in families.items():
        for title, rows in layers.items():
            split = title in mixed
            table = names[title] + (f"_{kind}" if split else "")
            name = f"{title}（{_FAMILY_ZH[kind]}）" if split else title
            tables.append((table, name, title, kind, rows.to_crs(STORAGE_CRS).reset_index(drop=True)))
    with tempfile.TemporaryDirectory(prefix="atlas-gpkg-") as tmp:
        path = f"{tmp}/export.gpkg"
        for table, _name, _title, _kind, rows in tables:
            options = gpkg_creation_options(path)
            pyogrio.write_dataframe(rows, path, layer=table, driver="GPKG", dataset_options=options)
        con = sqlite3.connect(path, isolation_level=None)
        try:
            con.execute("BEGIN")
            docs = []
            for table, name, title, kind, _rows in tables:
                gpkg_describe(con, table, name, _gpkg_description(provenance.get(title), exported))
                color = colors.get(title, GPKG_FAMILY_COLORS[kind])
                classes = [StyleClass(color=color, label=name)]
                column = con.execute(
                    "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
                ).fetchone()[0]
                docs.append(
                    StyleDoc(
                        table=table,
                        geometry_column=str(column),
                        name=name,
                        qml=qml_document(classes, kind=kind),
                        sld=sld_document(classes, kind=kind, layer_title=name),
                        description="苏州产业布局一张图：与地图图例同色",
                    )
                )
            write_gpkg_styles(con, docs)
            con.execute("COMMIT")
        finally:
            con.close()
        with open(path, "rb") as fh:
            return fh.read()


# The names geo/exports/briefing.py still imports (it is being changed elsewhere; it may take the
# public names above and these two lines go).
