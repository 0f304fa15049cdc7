"""Inspecting an upload and reading it with the user's choices into WGS-84 plus a report."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS

from geo.catalogue import suggest_columns
from geo.errors import DataValidationError, LayerChoiceError, RowReportError
from geo.ingest.base import FAR_OUTSIDE_KM, KINDS, MAX_UPLOAD_BYTES, CrsSuggestion, Kind, frame_name
from geo.ingest.checks import check_credit_codes, check_rows, credit_code_column, looks_like_credit_codes
from geo.ingest.columns import ENTERPRISE_REQUIRED, apply_mapping, suggest_mapping
from geo.ingest.frames import FrameFit, fit_addresses, fit_boundaries
from geo.ingest.locating import (
    all_far,
    check_geometries,
    coordinate_columns_crossed,
    crs_string,
    flag_far,
    guess_params,
    guess_variant,
    km_outside_suzhou,
    looks_swapped_lonlat,
    metres_not_degrees,
    not_degrees,
    suggest_coordinate_columns,
    suggest_crs,
    suggest_frame,
    table_join,
    table_points,
    to_storage,
    uncross_coordinate_columns,
)
from geo.ingest.places import address_column
from geo.ingest.readers import check_size, detect_format, read_raw
from geo.ingest.report import FLAG_COLUMN, RowReport, check_counts, checks_found, flag_values
from geo.ingest.values import named_year, stated_year, to_degrees
from geo.messages.notes import Listing, Note, note
from geo.spatial.crs import FRAMES, STORAGE_CRS, Frame
from geo.spatial.measure import with_polygon_areas
from geo.storage.builtin import GEOMETRY_FAMILIES, geometry_family


@dataclass(frozen=True)
class Inspection:
    """What :func:`inspect_upload` found, and its proposals for :func:`read_upload`."""

    filename: str
    fmt: str
    layers: tuple[str, ...]
    layer: str | None
    columns: tuple[str, ...]
    n_rows: int
    is_table: bool
    crs: str | None
    encoding: str | None
    suggestion: CrsSuggestion | None
    lon_col: str | None
    lat_col: str | None
    frame: Frame
    mapping: dict[str, str]
    notes: tuple[str, ...]
    preview: pd.DataFrame
    frame_fit: FrameFit | None = None  # the data's own evidence for ``frame`` (a proposal)
    # What the names and the data say about the lon/lat frame (said where the frame is chosen,
    # apart from ``notes``, so that it is said once)
    frame_notes: tuple[str, ...] = ()

    def proposed_frame(self) -> Frame | None:
        """The lon/lat frame to propose (the page preselects it, the command line names it).

        The evidence of the data itself (boundaries held against the bundled ones, points against
        the place their address names) when it is clear, else the column and file names (高德经度,
        baidu), else for geodata the frame its CRS declares (WGS-84). None for a table nothing
        in which says: its frame must be asked.
        """
        fit = self.frame_fit
        if fit is not None and fit.proposed is not None:
            return fit.proposed
        if self.frame != "wgs84" or not self.is_table:
            return self.frame
        return None

    def frame_reason(self) -> Listing:
        """Why :meth:`proposed_frame` (or why none): the frame notes as one sentence."""
        return Listing(self.frame_notes, sep="；", sep_en="; ")


@dataclass
class ImportResult:
    """A read upload: the rows that passed in WGS-84, the row report and where it all came from."""

    frame: gpd.GeoDataFrame
    report: pd.DataFrame
    kind: Kind
    filename: str
    fmt: str
    layer: str | None
    source_crs: str
    source_frame: str
    encoding: str | None
    sha256: str
    rows_in: int
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # standard column -> source column used
    title_rows: str = ""  # the text of a table's title rows above its header

    def stated_year(self) -> int | None:
        """The year the file states: in its title rows (``2024年度企业名单``), else in its name
        (``企业名单_盛泽七都_2024.xlsx``); None when neither does. The save form proposes it as the
        data's year."""
        return stated_year(self.title_rows) or named_year(self.filename)

    def count(self, level: str) -> int:
        """Number of source rows with at least one report line of ``level``."""
        if self.report.empty:
            return 0
        return int(self.report.loc[self.report["level"] == level, "row"].nunique())

    def check_counts(self) -> dict[str, int]:
        """Rows flagged by each row check (placeholders, misplaced, repeated), label -> rows."""
        return check_counts(self.report)

    def checks_found(self) -> Note | str:
        """What the row checks found, in one clause list (``""`` for nothing): the counts of
        :meth:`check_counts`, and how many rows two of them count."""
        return checks_found(self.report)

    def summary(self) -> str:
        """One line in Chinese: rows in, passed, dropped, repaired, flagged, and what the row checks
        found (:meth:`summary_note` in either language)."""
        return str(self.summary_note())

    def summary_note(self) -> Note:
        """The one line of :meth:`summary` as a note, written in either language at the edge."""
        found = self.checks_found()
        return note(
            "ingest.summary",
            rows_in=self.rows_in,
            ok=len(self.frame),
            dropped=self.count("error"),
            repaired=self.count("repaired"),
            flagged=self.count("warning"),
            checks=note("ingest.summary.checks", checks=found) if found else "",
        )


def inspect_upload(
    data: bytes,
    filename: str,
    *,
    layer: str | None = None,
    kind: Kind = "other",
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> Inspection:
    """Look at an upload and propose how to read it (layer, CRS, coordinate columns, mapping).

    For a multi-layer file without ``layer``, the first layer is inspected and all are listed.

    Raises
    ------
    DataValidationError
        For an empty, oversized, broken or unsafe file, or one of an unknown format.
    """
    check_size(data, filename, max_bytes)
    fmt = detect_format(data, filename)
    try:
        raw = read_raw(data, filename, fmt, layer, None)
    except LayerChoiceError as exc:
        raw = read_raw(data, filename, fmt, exc.layers[0], None)
        raw.layers = exc.layers
    frame = raw.frame
    is_table = not isinstance(frame, gpd.GeoDataFrame)
    notes = list(raw.notes)
    suggestion = None
    lon_col = lat_col = None
    columns = tuple(str(c) for c in frame.columns if c != getattr(frame, "_geometry_column_name", None))
    if is_table:
        lon_col, lat_col, swapped = suggest_coordinate_columns(frame)
        if swapped:
            notes.append(note("ingest.note.columns_swapped", lat=lat_col, lon=lon_col))
        if lon_col is None:
            notes.append(note("ingest.note.no_lonlat_columns"))
    else:
        valid = frame.geometry[frame.geometry.notna() & ~frame.geometry.is_empty]
        bounds = valid.total_bounds if len(valid) else [np.nan] * 4
        if raw.crs is None:
            suggestion = suggest_crs(bounds)
            notes.append(
                note("ingest.note.no_prj_guess", reason=suggestion.reason, crs=suggestion.crs)
                if suggestion
                else note("ingest.note.no_prj_unknown")
            )
        elif CRS.from_user_input(raw.crs).is_geographic and looks_swapped_lonlat(bounds):
            suggestion = CrsSuggestion(raw.crs, note("ingest.crs_reason.swapped_lonlat"), True)
            notes.append(note("ingest.note.lonlat_swapped"))
        elif CRS.from_user_input(raw.crs).is_geographic and not_degrees(bounds):
            suggestion = suggest_crs(bounds)
            metres = metres_not_degrees(valid, raw.crs, filename)
            said = (Note(metres.key, metres.params), Note(f"{metres.key}.hint", metres.params))
            notes.append(Listing(said, sep="；", sep_en="; "))
        elif len(valid) and all_far(valid, raw.crs):
            guess = suggest_crs(bounds)
            if guess is not None and (guess.crs != raw.crs or guess.swapped):
                suggestion = guess
                swap = note("ingest.note.and_swap_axes") if guess.swapped else ""
                notes.append(
                    note(
                        "ingest.note.far_with_declared",
                        crs=raw.crs,
                        reason=guess.reason,
                        guess=guess.crs,
                        swap=swap,
                    )
                )
    frame_guess = suggest_frame(columns, filename)
    frame_notes = []
    if frame_guess != "wgs84":
        frame_notes.append(note("ingest.note.frame_by_names", frame=frame_name(frame_guess)))
    fit = _frame_fit(frame, is_table, raw.crs, suggestion, lon_col, lat_col)
    if fit is not None:
        frame_notes.append(fit.reason)
        if fit.proposed is not None:
            frame_guess = fit.proposed
    preview = pd.DataFrame(frame.drop(columns=frame.geometry.name) if not is_table else frame).head(20)
    mapping = suggest_mapping(columns, kind, frame=frame, notes=notes)  # the id column vetted
    return Inspection(
        filename=filename,
        fmt=fmt,
        layers=raw.layers,
        layer=raw.layer,
        columns=columns,
        n_rows=len(frame),
        is_table=is_table,
        crs=raw.crs,
        encoding=raw.encoding,
        suggestion=suggestion,
        lon_col=lon_col,
        lat_col=lat_col,
        frame=frame_guess,
        mapping=mapping,
        notes=tuple(notes),
        preview=preview,
        frame_fit=fit,
        frame_notes=tuple(frame_notes),
    )


def proposed_kind(found: Inspection) -> Kind:
    """The use a file most likely has: a table with coordinates, or any file whose columns map
    onto the enterprise fields (name, land, tax, sales), is an enterprise list; other tables and
    geodata are zones when they have names, else other layers. The 数据管理 page preselects it and
    ``geo.cli import`` takes it without ``--kind``."""
    enterprise_fields = suggest_mapping(found.columns, "enterprises")
    if all(f in enterprise_fields for f in ENTERPRISE_REQUIRED) or (found.is_table and found.lon_col):
        return "enterprises"
    if "name" in suggest_mapping(found.columns, "zones"):
        return "zones"
    return "other"


def _frame_fit(frame, is_table: bool, crs: str | None, suggestion, lon_col, lat_col) -> FrameFit | None:
    """Evidence from the data for its frame: boundaries against the bundled ones, or addresses."""
    if is_table:
        address = address_column(frame.columns)
        if lon_col is None or address is None:
            return None
        return fit_addresses(to_degrees(frame[lon_col]), to_degrees(frame[lat_col]), frame[address])
    declared = crs if crs is not None else (suggestion.crs if suggestion is not None else None)
    if declared is None or not CRS.from_user_input(declared).is_geographic:
        return None
    if suggestion is not None and suggestion.swapped:
        return None
    return fit_boundaries(frame.geometry, crs)


def _check_kind_fits(types: pd.Series, kind: Kind) -> None:
    """Refuse a layer none of whose features can serve ``kind`` (points or lines as 分区, lines as
    企业): the user picked the wrong use, which one message says better than a report of every row."""
    present = types.dropna()
    if kind == "zones":
        fits, key = present.isin(["Polygon", "MultiPolygon"]), "ingest.zones_need_polygons"
    elif kind == "enterprises":
        fits, key = ~present.isin(["LineString", "MultiLineString"]), "ingest.enterprises_need_points"
    else:
        return
    if len(present) and not fits.any():
        raise DataValidationError.of(key, found=Listing(sorted(set(present))))


def check_one_geometry_family(gdf: gpd.GeoDataFrame, filename: str) -> None:
    """Refuse a layer mixing polygons, lines and points: a stored layer holds one geometry family
    (as a GeoPackage table and a QGIS layer do), so a mixed one could be saved but not read back.

    Raises
    ------
    DataValidationError
        Naming each family with its count, and how to split the file.
    """
    families = gdf.geom_type.dropna().map(geometry_family).dropna().value_counts()
    if len(families) < 2:
        return
    counts = Listing(
        note(
            "ingest.mixed_geometry.count",
            family=note(f"ingest.geometry_family.{family}"),
            n=int(families[family]),
        )
        for family in GEOMETRY_FAMILIES
        if family in families
    )
    raise DataValidationError.of("ingest.mixed_geometry", file=filename, counts=counts)


def _fit_kind(
    gdf: gpd.GeoDataFrame, kind: Kind, rownum: pd.Series, report: RowReport, notes: list[str], filename: str
) -> gpd.GeoDataFrame:
    """Enterprises are points, zones are polygons: convert what can be, refuse the rest; any other
    layer holds one geometry family."""
    types = gdf.geom_type
    _check_kind_fits(types, kind)
    if kind == "enterprises":
        polygonal = types.isin(["Polygon", "MultiPolygon"]).to_numpy()
        if polygonal.any():
            gdf = gdf.copy()
            gdf.loc[polygonal, gdf.geometry.name] = gdf.geometry[polygonal].representative_point()
            notes.append(note("ingest.note.representative_points", n=int(polygonal.sum())))
        lines = gdf.geom_type.isin(["LineString", "MultiLineString"]).to_numpy()
        report.add(
            rownum.loc[gdf.index[lines]],
            "error",
            "geometry",
            note("ingest.row.enterprise_line"),
            [""] * int(lines.sum()),
        )
        return gdf.loc[~lines]
    if kind == "zones":
        bad = ~types.isin(["Polygon", "MultiPolygon"]).to_numpy()
        report.add(
            rownum.loc[gdf.index[bad]],
            "error",
            "geometry",
            note("ingest.row.zone_not_polygon"),
            types[bad].tolist(),
        )
        return with_polygon_areas(gdf.loc[~bad])
    check_one_geometry_family(gdf, filename)
    return gdf


def _row_checks(gdf, rownum, report, table, lon_col, lat_col, town_label: str) -> None:
    lonlat = (to_degrees(table[lon_col]), to_degrees(table[lat_col])) if table is not None else None
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    address = address_column(columns)
    name_col = "name" if "name" in gdf.columns else suggest_columns(columns, "enterprises").get("name")
    check_rows(
        gdf,
        rownum,
        report,
        lonlat=lonlat,
        address=gdf[address] if address is not None else None,
        town=gdf["town"].rename(town_label) if "town" in gdf.columns else None,
        name=gdf[name_col] if name_col is not None else None,
    )


def _credit_checks(gdf, source, rownum, report, mapping: Mapping[str, str]) -> None:
    """The 统一社会信用代码 checks on each column holding credit codes: the 企业编号 when its header
    names the code or its values are codes, and any other column whose header names it; on the
    codes as the file wrote them (``source``: a blank id numbered U00001 is no code)."""
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    name_col = "name" if "name" in mapping else suggest_columns(columns, "enterprises").get("name")
    names = gdf[name_col] if name_col in gdf.columns else None
    years = gdf["year"] if "year" in mapping else None
    id_source = mapping.get("ent_id")
    # a column named as the code holds the code: an id of codes beside it (an exported layer's 企业编号,
    # ``…029W-2988F7`` for a second firm under one code) is not checked again (walk19 (b)8)
    code_column = any(credit_code_column(c) for c in columns if c not in ("ent_id", id_source))
    for column in columns:
        if column == "ent_id" and id_source in columns:  # the codes as written, kept beside the id
            continue
        header = id_source if column == "ent_id" and id_source is not None else str(column)
        written = source[header].reindex(gdf.index) if header in source.columns else gdf[column]
        checked = credit_code_column(header) or (
            header == id_source and not code_column and looks_like_credit_codes(written)
        )
        if checked:
            check_credit_codes(written, rownum, report, field=header, names=names, years=years)


def _mark_source_coordinates(
    gdf: gpd.GeoDataFrame, columns: tuple[str, str], frame: Frame
) -> tuple[gpd.GeoDataFrame, dict[str, str]]:
    """Rename coordinate columns copied from a source in GCJ-02/BD-09 (e.g. 经度 -> 经度_GCJ02), so an
    export cannot pass them off as WGS-84 beside the geometry."""
    suffix = "_" + frame.upper()
    renamed = {c: f"{c}{suffix}" for c in columns if c in gdf.columns and not str(c).upper().endswith(suffix)}
    return gdf.rename(columns=renamed), renamed


@dataclass(frozen=True)
class ReadOptions:
    """The user's choices for :func:`read_upload` (each optional; the defaults read a file as it is).

    Attributes
    ----------
    layer
        Layer of a GeoPackage/KML, shapefile in a multi-shapefile zip, or sheet of a workbook.
    crs
        CRS of the coordinates, e.g. ``"EPSG:4549"``; required when a vector file has no ``.prj``
        (see :func:`suggest_crs`), and overrides the file's own when given. Tables use degrees.
    frame
        ``wgs84``, ``gcj02`` (Gaode/Tencent) or ``bd09`` (Baidu) for lon/lat data; shifted to WGS-84.
    swap_xy
        Exchange the two coordinates of every vertex (lat/lon files, survey X = northing files).
    lon_col, lat_col
        Coordinate columns of a table (CSV/XLSX).
    zones, zone_key, join_col
        Alternatively, give a table the geometry of the zone whose ``zone_key`` matches ``join_col``
        (a name matches in full or by the part outside or inside its brackets).
    kind
        ``zones`` (polygons; ``zone_id``, ``name``, areas computed in EPSG:4549), ``enterprises``
        (points in the ENTERPRISES schema; units converted from column names) or ``other`` (as is).
    mapping
        Standard column -> source column for ``zones``/``enterprises``; default :func:`suggest_mapping`.
    encoding
        The text encoding of a shapefile's .dbf or a CSV (default: detected).
    require_coordinates
        False lets an enterprise table without lon/lat columns through unlocated (to be assigned
        to zones by a 区镇 column instead).
    optional
        Required enterprise columns the caller can do without (``land_mu`` when parcels give it).
    max_bytes
        The largest upload accepted.
    """

    layer: str | None = None
    crs: str | None = None
    frame: Frame = "wgs84"
    swap_xy: bool = False
    lon_col: str | None = None
    lat_col: str | None = None
    zones: gpd.GeoDataFrame | None = field(default=None, compare=False)
    zone_key: str | None = None
    join_col: str | None = None
    kind: Kind = "other"
    mapping: Mapping[str, str] | None = None
    encoding: str | None = None
    require_coordinates: bool = True
    optional: Sequence[str] = ()
    max_bytes: int = MAX_UPLOAD_BYTES


# What the provenance records as the source CRS of a table placed by the zones' geometry (it has none).
ZONE_JOIN_SOURCE = "zone join"


@dataclass
class _Located:
    """Rows given their geometry by one locating strategy."""

    frame: gpd.GeoDataFrame
    crs: str | None  # the CRS the coordinates were read in; None: placed by the zones' geometry
    lon_col: str | None = None  # a table's coordinate columns (None: none)
    lat_col: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Input:
    """What a locating strategy reads: the raw rows, their numbers, and the upload's name and format."""

    source: pd.DataFrame
    declared_crs: str | None
    rownum: pd.Series
    report: RowReport
    filename: str
    fmt: str
    coord_level: str  # "warning" (enterprises kept unlocated) or "error"


def _locate_by_zone(given: _Input, opts: ReadOptions) -> _Located:
    """A table given the geometry of the zone its ``join_col`` names."""
    if opts.zone_key is None or opts.join_col is None:
        raise DataValidationError.of("ingest.zone_join_unset")
    gdf = table_join(given.source, opts.join_col, opts.zones, opts.zone_key, given.rownum, given.report)
    # Coordinate columns the user named too are still read by the row checks.
    return _Located(gdf, None, opts.lon_col, opts.lat_col)


def _locate_by_columns(given: _Input, opts: ReadOptions) -> _Located:
    """A table's points from its longitude/latitude columns (given, else found by their names)."""
    source, filename, frame = given.source, given.filename, opts.frame
    lon_col, lat_col = opts.lon_col, opts.lat_col
    if lon_col is None or lat_col is None:
        lon_col, lat_col, _ = suggest_coordinate_columns(source)
    if (lon_col is None or lat_col is None) and not opts.require_coordinates and opts.kind == "enterprises":
        lon_col = lat_col = None
    elif lon_col is None or lat_col is None:
        raise DataValidationError.of("ingest.no_coordinate_columns", file=filename)
    if opts.crs is not None and not CRS.from_user_input(opts.crs).is_geographic:
        raise DataValidationError.of("ingest.table_needs_degrees")
    notes = []
    if lon_col is None:
        gdf = gpd.GeoDataFrame(source.copy(), geometry=[None] * len(source), crs=STORAGE_CRS)
        notes.append(note("ingest.note.no_lonlat_table"))
    else:
        gdf = table_points(
            source, lon_col, lat_col, frame, given.rownum, given.report, level=given.coord_level
        )
        if coordinate_columns_crossed(source.columns, lon_col, lat_col):
            gdf = uncross_coordinate_columns(gdf, lon_col, lat_col, given.rownum, given.report)
            notes.append(note("ingest.note.columns_crossed", lat=lat_col, lon=lon_col))
    if frame != "wgs84" and lon_col is not None:
        notes.append(note("ingest.note.converted_frame", frame=frame_name(frame)))
    bounds = gdf.geometry.dropna().total_bounds if gdf.geometry.notna().any() else None
    if bounds is not None and np.all(km_outside_suzhou(gdf.geometry.dropna()) > FAR_OUTSIDE_KM):
        raise DataValidationError.of(
            "ingest.all_outside_suzhou",
            west=bounds[0],
            south=bounds[1],
            east=bounds[2],
            north=bounds[3],
        )
    return _Located(gdf, STORAGE_CRS, lon_col, lat_col, notes)


def _locate_vector(given: _Input, opts: ReadOptions) -> _Located:
    """A vector file's geometry in its declared CRS (or the one the user gives) to WGS-84."""
    declared, crs, frame, fmt = given.declared_crs, opts.crs, opts.frame, given.fmt
    if crs is None and declared is None:
        valid = given.source.geometry[given.source.geometry.notna() & ~given.source.geometry.is_empty]
        guess = suggest_crs(valid.total_bounds) if len(valid) else None
        key = "ingest.no_crs_prj" if fmt == "shapefile" else "ingest.no_crs_declared"
        raise DataValidationError.of(key + guess_variant(guess), file=given.filename, **guess_params(guess))
    source_crs = crs_string(crs) if crs is not None else declared
    notes = []
    if crs is not None and declared is not None and crs_string(crs) != declared:
        notes.append(note("ingest.note.user_crs", crs=source_crs, declared=declared))
    if CRS.from_user_input(source_crs).is_geographic and frame != "wgs84":
        notes.append(note("ingest.note.converted_frame", frame=frame_name(frame)))
    gdf = to_storage(given.source, source_crs, frame, opts.swap_xy, given.filename)
    if opts.swap_xy:
        notes.append(note("ingest.note.axes_swapped"))
    if source_crs not in (STORAGE_CRS, "EPSG:4490"):
        notes.append(note("ingest.note.reprojected", crs=source_crs))
    return _Located(gdf, source_crs, notes=notes)


# One locating strategy per input: a vector file, a table with coordinates, a table joined to zones.
_LOCATORS: dict[str, Callable[[_Input, ReadOptions], _Located]] = {
    "vector": _locate_vector,
    "coordinates": _locate_by_columns,
    "zone_join": _locate_by_zone,
}


def _input_kind(is_table: bool, opts: ReadOptions) -> str:
    if not is_table:
        return "vector"
    return "zone_join" if opts.zones is not None else "coordinates"


def read_upload(
    data: bytes, filename: str, options: ReadOptions | None = None, **choices: Any
) -> ImportResult:
    """Read an upload into WGS-84 with a row-level report.

    Parameters
    ----------
    data, filename
        The uploaded bytes and their original name (the extension helps find the format).
    options
        The user's choices (:class:`ReadOptions`); default: the file as it is.
    **choices
        Fields of :class:`ReadOptions` to set on ``options`` (e.g. ``kind="enterprises"``).

    The rows are located by one strategy chosen by the input: a vector file's own geometry in its
    CRS, a table's lon/lat columns, or a table's column naming a zone of ``zones``. Enterprises
    without a usable location are kept (a warning each), so that an evaluation still counts and
    ranks them; every other kind drops a row without geometry.

    Returns
    -------
    ImportResult
        ``frame`` holds the rows that passed; ``report`` has one line per problem (``row`` is the
        row number a user sees: spreadsheet row with the header as row 1, or feature number).

    Raises
    ------
    DataValidationError
        For an empty, oversized, broken, unsafe or unreadable file, a missing CRS, swapped
        coordinates or missing columns; :class:`~geo.errors.RowReportError` (with ``.report``)
        when no row passes.
    """
    opts = replace(options or ReadOptions(), **choices)
    kind, frame = opts.kind, opts.frame
    check_size(data, filename, opts.max_bytes)
    if kind not in KINDS:
        raise DataValidationError.of("ingest.unknown_kind", kind=kind, choices=Listing(KINDS))
    if frame not in FRAMES:
        raise DataValidationError.of("ingest.unknown_frame", frame=frame, choices=Listing(FRAMES))
    crs_string(opts.crs)  # a CRS pyproj does not know is refused here, in words, before any reading
    fmt = detect_format(data, filename)
    raw = read_raw(data, filename, fmt, opts.layer, opts.encoding)

    # Locate the rows (the strategy of this input), then check and fit them to their kind.
    report = RowReport()
    source = raw.frame  # index = position in the file (blank rows dropped, positions kept)
    is_table = not isinstance(source, gpd.GeoDataFrame)
    first = 2 + raw.header_row if fmt in ("csv", "xlsx") else 1  # spreadsheet row, or feature number
    rownum = pd.Series(np.asarray(source.index) + first, index=source.index)
    keep_unlocated = kind == "enterprises"
    given = _Input(source, raw.crs, rownum, report, filename, fmt, "warning" if keep_unlocated else "error")
    located = _LOCATORS[_input_kind(is_table, opts)](given, opts)
    notes = [*raw.notes, *located.notes]
    lon_col, lat_col = located.lon_col, located.lat_col
    own_columns = [c for c in located.frame.columns if c != located.frame.geometry.name]
    gdf = check_geometries(located.frame, rownum, report, keep_missing=keep_unlocated)
    gdf = _fit_kind(gdf, kind, rownum, report, notes, filename)
    mapping = opts.mapping
    if kind != "other" and mapping is None:
        columns = [c for c in gdf.columns if c != gdf.geometry.name]
        mapping = suggest_mapping(columns, kind, frame=gdf, notes=notes)
    gdf = apply_mapping(
        gdf, kind, mapping, rownum, report, notes, optional=opts.optional, own_columns=own_columns
    )
    flag_far(gdf, rownum, report)
    if kind != "zones" and len(gdf) and (gdf.geom_type.dropna() == "Point").all():
        table = source if lon_col is not None else None
        town_label = (mapping or {}).get("town", "town")
        _row_checks(gdf, rownum, report, table, lon_col, lat_col, town_label)
    if kind == "enterprises" and len(gdf):  # one row per firm (a parcel table repeats its code)
        _credit_checks(gdf, source, rownum, report, mapping or {})
    if lon_col is not None and frame != "wgs84":
        gdf, renamed = _mark_source_coordinates(gdf, (lon_col, lat_col), frame)
        if renamed:
            pairs = Listing(note("ingest.note.renamed_pair", old=a, new=b) for a, b in renamed.items())
            notes.append(note("ingest.note.renamed_source_columns", pairs=pairs))

    # Assemble: refuse a file of which no row passed; flags and provenance with the rows.
    report_frame = report.frame()
    if len(gdf) == 0:
        raise RowReportError.of(
            "ingest.no_row_passed", extra={"report": report_frame}, file=filename, rows=len(source)
        )
    flags = flag_values(report_frame, rownum.loc[gdf.index])
    if flags is not None and FLAG_COLUMN not in gdf.columns:
        gdf[FLAG_COLUMN] = flags.to_numpy()
    gdf = gdf.reset_index(drop=True)
    geographic = located.crs is not None and CRS.from_user_input(located.crs).is_geographic
    return ImportResult(
        frame=gdf,
        report=report_frame,
        kind=kind,
        filename=filename,
        fmt=fmt,
        layer=raw.layer,
        source_crs=located.crs if located.crs is not None else ZONE_JOIN_SOURCE,
        source_frame=frame if geographic else "",
        encoding=raw.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        rows_in=len(source),
        notes=notes,
        mapping={k: v for k, v in (mapping or {}).items() if v},
        title_rows=raw.title,
    )
